/**
 * The checks of B6 (security group defaults), T1 and I9 (instance credentials from IMDSv2), B20 and
 * I20 (metrics without an agent, basic and detailed periods), B22 (volumes at termination) and B24
 * (Elastic Volumes and the file system), keyed by catalog claim id. The claims' text lives in the catalog.
 */
import { decisive, type Expectation, expectAtLeast, expectAtMost, expectEqual, expectThat, type Figure, type Judgement, requires } from '../../lib/lab-kit/checks/judgement';
import { type ClaimCheck, live } from '../../lib/lab-kit/checks/lab-definition';
import { DATA_DEVICE, DATA_MOUNT_POINT, type Facts, type InstanceFacts, runsProbe } from './facts';
import { metadata, type MetadataObservation, type MetadataTry } from './observe-instances';
import { AGENT_NAMESPACE, EC2_NAMESPACE, MEASURED_METRIC, median, metrics, type MetricsObservation, spacings } from './observe-metrics';
import { describeRule, type GroupView, type RuleView, securityGroups, type SecurityGroupsObservation } from './observe-security-groups';
import { termination, type TerminationObservation, VOLUME_AVAILABLE, VOLUME_GONE } from './observe-termination';
import { FOLLOW_SECONDS, GIB, volumeGrowth, type VolumeGrowthObservation } from './observe-volume-growth';
import { DISK_PROBE, IMDS_PROBE } from './probes';
import { IDLE_SUFFIX, IN_USE_SUFFIX, type Ipv4Price, PRICING_REGION, publicIpv4, type PublicIpv4Observation } from './observe-public-ipv4';
import { SETTINGS } from './settings';

// ---------------------------------------------------------------------------------------------
// B6: security group defaults

const ALL_IPV4 = '0.0.0.0/0';
/** "-1" is every protocol (IpPermission.IpProtocol, https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html). */
const ALL_PROTOCOLS = '-1';

function allowsAllTo(r: RuleView | Record<string, unknown>, cidr: string): boolean {
  const rule = r as Record<string, any>;
  if ('protocol' in rule) return rule.protocol === ALL_PROTOCOLS && rule.cidrs.includes(cidr);
  return String(rule.IpProtocol) === ALL_PROTOCOLS && rule.CidrIp === cidr;
}

function rulesText(rules: readonly RuleView[]): string {
  return rules.length === 0 ? 'none' : rules.map(describeRule).join('; ');
}

const SG_METHOD =
  "CreateSecurityGroup in the lab's VPC with no rules (tagged lab=<id>), DescribeSecurityGroups of it and of the VPC's group named `default`, DeleteSecurityGroup of the new one afterwards";

function newGroupAllowsAllOutbound(facts: Facts): Judgement {
  const groups = [...facts.detailed.securityGroups, ...facts.basic.securityGroups];
  const allEgress = groups.every((g) => g.egress.length === 1 && allowsAllTo(g.egress[0] as Record<string, unknown>, ALL_IPV4));
  return {
    observed: `${groups.length} instance security groups, each with ${groups.map((g) => g.egress.length).join(', ')} egress rule(s); the live check creates a group of its own to see what AWS writes.`,
    method: 'template: SecurityGroupEgress of the groups the instances use (the CDK writes it: allowAllOutbound)',
    expectations: [expectThat("the instance groups allow all outbound (a rule the CDK writes; the live check creates a rule-less group to see AWS's default)", groups.length > 0 && allEgress, groups.map((g) => `${g.logicalId}: ${g.egress.length} rule(s)`).join(', '))],
  };
}

function judgeNewGroupOutbound(o: SecurityGroupsObservation): Judgement {
  const egress = o.created.egress;
  return {
    observed: `The new group ${o.created.groupId} had ${egress.length} outbound rule(s) (${rulesText(egress)}) and ${o.created.ingress.length} inbound; ${o.cleanup}.`,
    method: SG_METHOD,
    figures: [{ name: 'outbound rules of a new group', value: egress.length, unit: 'rules' }],
    expectations: [
      expectEqual('outbound rules AWS gives a new group', 1, egress.length),
      expectThat('that rule allows all traffic to 0.0.0.0/0', egress.length === 1 && allowsAllTo(egress[0], ALL_IPV4), rulesText(egress)),
    ],
    notExercised: "the ::/0 rule AWS adds only in a VPC with IPv6 (this lab's VPC has none)",
  };
}

function newGroupHasNoInbound(facts: Facts): Judgement {
  const ingress = [...facts.detailed.securityGroups, ...facts.basic.securityGroups].flatMap((g) => g.ingress);
  return {
    observed: facts.defaultSecurityGroupKept
      ? "The template leaves the VPC's default security group as AWS makes it (no Custom::VpcRestrictDefaultSG), and its instance groups have no inbound rule."
      : "The template strips the VPC's default security group (Custom::VpcRestrictDefaultSG): the live check could not read AWS's default.",
    method: 'template: Custom::VpcRestrictDefaultSG resources, SecurityGroupIngress of the instance groups',
    expectations: [
      expectThat("the VPC's default security group keeps its rules", facts.defaultSecurityGroupKept, facts.defaultSecurityGroupKept ? 'kept' : 'restricted by the CDK custom resource'),
      expectEqual('inbound rules on the instance groups', 0, ingress.length),
    ],
  };
}

function selfReferencing(g: GroupView): RuleView | undefined {
  return g.ingress.find((r) => r.protocol === ALL_PROTOCOLS && r.groups.includes(g.groupId));
}

function judgeNoInbound(o: SecurityGroupsObservation): Judgement {
  const d = o.vpcDefault;
  const self = d ? selfReferencing(d) : undefined;
  return {
    observed:
      `The new group ${o.created.groupId} had ${o.created.ingress.length} inbound rule(s) (${rulesText(o.created.ingress)}); ` +
      (d ? `the VPC's default group ${d.groupId} admits ${rulesText(d.ingress)}.` : "DescribeSecurityGroups found no default group in the lab's VPC."),
    method: SG_METHOD,
    figures: [
      { name: 'inbound rules of a new group', value: o.created.ingress.length, unit: 'rules' },
      { name: 'inbound rules of the default group', value: d?.ingress.length ?? 0, unit: 'rules' },
    ],
    preconditions: [requires("the VPC's default security group was found", d !== undefined, d ? d.groupId : 'none')],
    expectations: [
      expectEqual('inbound rules AWS gives a new group', 0, o.created.ingress.length),
      expectThat('the default group admits all traffic from its own members', self !== undefined, d ? rulesText(d.ingress) : 'no default group'),
    ],
    notExercised: 'that replies to allowed outbound connections come back in without an inbound rule (statefulness): no connection is made',
  };
}

// ---------------------------------------------------------------------------------------------
// T1, I9: credentials from IMDSv2

/**
 * With tokens required, a request without one is refused with HTTP 401. The page does not give that case a
 * row of its own: the HTTP error codes table of "Use the Instance Metadata Service to access instance metadata"
 * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html) gives 401 Unauthorized
 * for a GET or HEAD request that "uses an invalid token", and the HttpTokens text says that with `required`
 * "you must send a session token" and "IMDSv1 credentials are not available" ("InstanceMetadataOptionsRequest",
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InstanceMetadataOptionsRequest.html). IMDS answers
 * a missing token like an invalid one, 401, which is what this check observes; any other status fails it.
 */
export const IMDSV1_REFUSED_STATUS = '401';
const HTTP_OK = '200';
/** MetadataOptions.HttpEndpoint of an instance whose metadata service is on ("InstanceMetadataOptionsResponse", https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InstanceMetadataOptionsResponse.html). */
const ENDPOINT_ENABLED = 'enabled';

/** The expectation, decisive when the experiment was exercised; else an ordinary one that the preconditions outrank. */
function decisiveIf(exercised: boolean, e: Expectation): Expectation {
  return exercised ? decisive(e) : e;
}

/**
 * The experiment ran only when IMDS answered: a token was issued and the request with it got 200. With the
 * endpoint off IMDS answers 403 ("IMDS is turned off", the HTTP error codes table above), and a host firewall
 * gives curl no answer at all (000): then a tokenless request is not refused by the token rule, and nothing is judged.
 */
function answeredWithToken(t: MetadataTry): boolean {
  return t.tokenLength > 0 && t.v2Status === HTTP_OK;
}
/** The credential document's `Code` when it is served ("Retrieve security credentials from instance metadata", https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-metadata-security-credentials.html). */
export const CREDENTIALS_CODE_SUCCESS = 'Success';
/**
 * "Access key IDs beginning with ASIA are temporary credentials that are created using AWS STS operations"
 * ("GetAccessKeyInfo", AWS STS API Reference, https://docs.aws.amazon.com/STS/latest/APIReference/API_GetAccessKeyInfo.html).
 */
export const TEMPORARY_KEY_PREFIX = 'ASIA';
/** "We make new credentials available at least five minutes before the expiration of the old credentials" (the page above). */
export const REFRESH_BEFORE_EXPIRY_MINUTES = 5;

const IMDS_METHOD =
  `each instance's probe (${IMDS_PROBE}, every ${SETTINGS.imdsProbeIntervalSeconds} s on its serial console, read with GetConsoleOutput): curl GET meta-data/instance-id without a token, ` +
  'PUT /latest/api/token, the same GET with the token, GET iam/security-credentials/ and the role document with it (only Code, the first 4 characters of AccessKeyId, Expiration and LastUpdated are printed); ' +
  'HttpTokens and IamInstanceProfile from DescribeInstances';

function tokensRequired(facts: Facts): Judgement {
  const both = [facts.detailed, facts.basic];
  return {
    observed: `HttpTokens ${both.map((i) => `${i.logicalId}: ${i.httpTokens ?? 'unset'}`).join(', ')}; both run the ${IMDS_PROBE} probe: ${both.every((i) => runsProbe(i, IMDS_PROBE))}.`,
    method: 'template: MetadataOptions.HttpTokens and UserData of the instances',
    expectations: [
      expectThat('both instances require IMDSv2 tokens', both.every((i) => i.httpTokens === 'required'), both.map((i) => i.httpTokens ?? 'unset').join(', '), 'required, required'),
      expectThat('both turn the metadata endpoint on themselves (no account default applies)', both.every((i) => i.httpEndpoint === ENDPOINT_ENABLED), both.map((i) => i.httpEndpoint ?? 'unset').join(', '), 'enabled, enabled'),
      expectThat(`both run the ${IMDS_PROBE} console probe`, both.every((i) => runsProbe(i, IMDS_PROBE)), both.map((i) => runsProbe(i, IMDS_PROBE)).join(', '), 'true, true'),
    ],
  };
}

function tryText(t: MetadataTry): string {
  return `IMDSv1 GET ${t.v1Status}, token ${t.tokenLength > 0 ? 'issued' : 'not issued'}, IMDSv2 GET ${t.v2Status}, credentials list ${t.credentialsListStatus}`;
}

function judgeTokenRequired(o: MetadataObservation): Judgement {
  const tries = [o.detailed, o.basic];
  const required = [o.instances.detailed, o.instances.basic].every((i) => i.httpTokens === 'required');
  const endpointOn = [o.instances.detailed, o.instances.basic].every((i) => i.httpEndpoint === ENDPOINT_ENABLED);
  return {
    observed: `detailed: ${tryText(o.detailed)}; basic: ${tryText(o.basic)}.`,
    method: IMDS_METHOD,
    preconditions: [
      requires('DescribeInstances says both instances require tokens (HttpTokens required)', required, [o.instances.detailed.httpTokens, o.instances.basic.httpTokens].map((t) => t ?? 'unset').join(', ')),
      requires('and have the metadata endpoint on (HttpEndpoint enabled)', endpointOn, [o.instances.detailed.httpEndpoint, o.instances.basic.httpEndpoint].map((t) => t ?? 'unset').join(', ')),
      requires('the metadata service answered: a token was issued and the request with it got 200', tries.every(answeredWithToken), tries.map((t) => `token ${t.tokenLength} characters, GET ${t.v2Status}`).join('; ')),
    ],
    expectations: [
      // Decisive only once IMDS answered: a 403 from a service turned off is no answer to the token rule.
      decisiveIf(endpointOn && tries.every(answeredWithToken), expectThat(`a tokenless (IMDSv1) request is refused with HTTP ${IMDSV1_REFUSED_STATUS}`, tries.every((t) => t.v1Status === IMDSV1_REFUSED_STATUS), tries.map((t) => t.v1Status).join(', '), `${IMDSV1_REFUSED_STATUS}, ${IMDSV1_REFUSED_STATUS}`)),
      expectThat(
        'with the token, iam/security-credentials/<role> serves the role credentials',
        o.detailed.credentialsListStatus === HTTP_OK && o.detailed.credentials?.code === CREDENTIALS_CODE_SUCCESS,
        `list ${o.detailed.credentialsListStatus}, Code ${o.detailed.credentials?.code ?? 'none'}`,
      ),
    ],
  };
}

function roleAttachedOffline(facts: Facts): Judgement {
  return {
    observed: `Detailed has an instance profile: ${facts.detailed.hasInstanceProfile}; Basic has one: ${facts.basic.hasInstanceProfile}.`,
    method: 'template: IamInstanceProfile of the instances',
    expectations: [
      expectThat('the detailed instance has a role through an instance profile', facts.detailed.hasInstanceProfile, String(facts.detailed.hasInstanceProfile), 'true'),
      expectThat('the basic instance has no instance profile (the control)', !facts.basic.hasInstanceProfile, String(facts.basic.hasInstanceProfile), 'false'),
    ],
  };
}

function judgeRoleAttached(o: MetadataObservation): Judgement {
  const withProfile = o.instances.detailed.instanceProfileArn !== undefined;
  const withoutProfile = o.instances.basic.instanceProfileArn === undefined;
  return {
    observed:
      `With an instance profile the metadata service served credentials (list ${o.detailed.credentialsListStatus}, Code ${o.detailed.credentials?.code ?? 'none'}, key ${o.detailed.credentials?.keyPrefix ?? 'none'}…); ` +
      `without one it served none (list ${o.basic.credentialsListStatus}).`,
    method: IMDS_METHOD,
    preconditions: [
      requires('DescribeInstances shows an instance profile on the detailed instance', withProfile, o.instances.detailed.instanceProfileArn ?? 'none'),
      requires('and none on the basic instance', withoutProfile, o.instances.basic.instanceProfileArn ?? 'none'),
      requires('the metadata service answered both with a token', o.detailed.v2Status === HTTP_OK && o.basic.v2Status === HTTP_OK, `${o.detailed.v2Status}, ${o.basic.v2Status}`),
    ],
    expectations: [
      expectThat('the instance with the role gets its credentials from instance metadata', o.detailed.credentials?.code === CREDENTIALS_CODE_SUCCESS, o.detailed.credentials?.code ?? 'none'),
      decisive(expectThat('the instance without an instance profile gets none', o.basic.credentials === undefined && o.basic.credentialsListStatus !== HTTP_OK, `list ${o.basic.credentialsListStatus}${o.basic.credentials ? `, Code ${o.basic.credentials.code}` : ''}`)),
    ],
    notExercised: 'calling S3 with the credentials: the role has no permissions, and the instances have no route to S3',
  };
}

function sdkFetchesOffline(facts: Facts): Judgement {
  return {
    observed: `Detailed: instance profile ${facts.detailed.hasInstanceProfile}, HttpTokens ${facts.detailed.httpTokens ?? 'unset'}, ${IMDS_PROBE} probe ${runsProbe(facts.detailed, IMDS_PROBE)}.`,
    method: 'template: IamInstanceProfile, MetadataOptions and UserData of the detailed instance',
    expectations: [
      expectThat('the detailed instance has a role, requires tokens and runs the metadata probe', facts.detailed.hasInstanceProfile && facts.detailed.httpTokens === 'required' && runsProbe(facts.detailed, IMDS_PROBE), `${facts.detailed.hasInstanceProfile}, ${facts.detailed.httpTokens}, ${runsProbe(facts.detailed, IMDS_PROBE)}`),
    ],
  };
}

function judgeSdkFetches(o: MetadataObservation): Judgement {
  const c = o.detailed.credentials;
  const readAt = o.detailed.line.atMs;
  const exp = c ? Date.parse(c.expiration) : NaN;
  const upd = c ? Date.parse(c.lastUpdated) : NaN;
  const minutesLeft = Number.isNaN(exp) ? undefined : Math.round((exp - readAt) / 6000) / 10;
  const lifetime = Number.isNaN(exp) || Number.isNaN(upd) ? undefined : Math.round((exp - upd) / 6000) / 10;
  const figures: Figure[] = [];
  if (minutesLeft !== undefined) figures.push({ name: 'time left before Expiration when read', value: minutesLeft, unit: 'minutes' });
  if (lifetime !== undefined) figures.push({ name: 'Expiration minus LastUpdated', value: lifetime, unit: 'minutes' });
  return {
    observed: c
      ? `The metadata service served Code ${c.code}, AccessKeyId ${c.keyPrefix}…, LastUpdated ${c.lastUpdated}, Expiration ${c.expiration}, read at ${new Date(readAt).toISOString()} (instance clock); a tokenless request got ${o.detailed.v1Status}.`
      : `No credentials were served (list ${o.detailed.credentialsListStatus}).`,
    method: IMDS_METHOD,
    figures,
    preconditions: [
      requires('the detailed instance has an instance profile and requires tokens', o.instances.detailed.instanceProfileArn !== undefined && o.instances.detailed.httpTokens === 'required', `${o.instances.detailed.instanceProfileArn ?? 'no profile'}, ${o.instances.detailed.httpTokens ?? 'unset'}`),
      requires('its metadata endpoint is on (HttpEndpoint enabled)', o.instances.detailed.httpEndpoint === ENDPOINT_ENABLED, o.instances.detailed.httpEndpoint ?? 'unset'),
      requires('the metadata service answered: a token was issued and the request with it got 200', answeredWithToken(o.detailed), `token ${o.detailed.tokenLength} characters, GET ${o.detailed.v2Status}`),
    ],
    expectations: [
      expectEqual('the credential document is served (Code)', CREDENTIALS_CODE_SUCCESS, c?.code),
      expectThat(`the key id is temporary (starts ${TEMPORARY_KEY_PREFIX})`, c?.keyPrefix === TEMPORARY_KEY_PREFIX, c?.keyPrefix ?? 'none', TEMPORARY_KEY_PREFIX),
      expectAtLeast('minutes left before Expiration (it expires, in the future)', 0, minutesLeft, 'minutes'),
      decisiveIf(o.instances.detailed.httpEndpoint === ENDPOINT_ENABLED && answeredWithToken(o.detailed), expectThat(`a tokenless request cannot fetch them (HTTP ${IMDSV1_REFUSED_STATUS})`, o.detailed.v1Status === IMDSV1_REFUSED_STATUS, o.detailed.v1Status, IMDSV1_REFUSED_STATUS)),
    ],
    notExercised: `the rotation: AWS documents new credentials "at least ${REFRESH_BEFORE_EXPIRY_MINUTES} minutes before" Expiration; the run reads them once and does not wait hours to watch it (compare LastUpdated on a later run)`,
  };
}

// ---------------------------------------------------------------------------------------------
// B20, I20: metrics

/** Names of memory or disk-space metrics (the CloudWatch agent's `mem_used_percent`, `disk_used_percent`, `swap_…`): EC2 publishes none of them. */
const MEMORY_OR_DISK_SPACE = /mem|swap|disk_?used|diskspace|used_percent|filesystem/i;
/** Basic monitoring's period, seconds: "data is available automatically in 5-minute periods" ("Manage detailed monitoring for your EC2 instances", https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/manage-detailed-monitoring.html). */
export const BASIC_PERIOD_SECONDS = 300;
/** Detailed monitoring's period, seconds: "data is available in 1-minute periods" (the same page). */
export const DETAILED_PERIOD_SECONDS = 60;
/** Spacings needed per instance for a median: three, so one missing point cannot decide it. */
export const MIN_SPACINGS = 3;

const METRICS_METHOD =
  `ListMetrics (${EC2_NAMESPACE} and ${AGENT_NAMESPACE}, dimension InstanceId, every page); GetMetricData for ${MEASURED_METRIC} at Period 60, Stat Average, since launch (at most 3 hours), every page; ` +
  'the spacing is the median gap between consecutive data points';

function agentAbsentOffline(facts: Facts): Judgement {
  return {
    observed: facts.cloudWatchAgent.length === 0 ? 'Nothing in the template installs or configures the CloudWatch agent.' : `The template runs the agent: ${facts.cloudWatchAgent.join(', ')}.`,
    method: 'template: SSM associations and the instances\' user data',
    expectations: [expectEqual('CloudWatch agent installs or configurations', 'none', facts.cloudWatchAgent.length === 0 ? 'none' : facts.cloudWatchAgent.join(', '))],
  };
}

function judgeAgentAbsent(o: MetricsObservation): Judgement {
  const both = [o.detailed, o.basic];
  const memoryLike = both.flatMap((m) => m.ec2MetricNames.filter((n) => MEMORY_OR_DISK_SPACE.test(n)));
  const agent = both.flatMap((m) => m.agentMetricNames);
  return {
    observed: `${EC2_NAMESPACE} has ${o.detailed.ec2MetricNames.length} metrics for the detailed instance and ${o.basic.ec2MetricNames.length} for the basic one (${o.detailed.ec2MetricNames.join(', ') || 'none'}); ${AGENT_NAMESPACE} has ${agent.length}.`,
    method: METRICS_METHOD,
    figures: both.map((m, i) => ({ name: `${EC2_NAMESPACE} metrics of the ${i === 0 ? 'detailed' : 'basic'} instance`, value: m.ec2MetricNames.length, unit: 'metrics' })),
    preconditions: [requires(`EC2's metrics have arrived (${MEASURED_METRIC} listed for both)`, both.every((m) => m.ec2MetricNames.includes(MEASURED_METRIC)), both.map((m) => (m.ec2MetricNames.includes(MEASURED_METRIC) ? 'yes' : 'no')).join(', '))],
    expectations: [
      decisive(expectEqual(`memory or disk-space metrics in ${EC2_NAMESPACE}`, 'none', memoryLike.length === 0 ? 'none' : memoryLike.join(', '))),
      expectEqual(`metrics in ${AGENT_NAMESPACE} (no agent runs)`, 'none', agent.length === 0 ? 'none' : agent.join(', ')),
    ],
  };
}

function monitoringOffline(facts: Facts): Judgement {
  return {
    observed: `Detailed: Monitoring ${facts.detailed.detailedMonitoring}; Basic: Monitoring ${facts.basic.detailedMonitoring}.`,
    method: 'template: Monitoring of the instances',
    expectations: [
      expectEqual('detailed monitoring on the detailed instance', true, facts.detailed.detailedMonitoring),
      expectEqual('detailed monitoring on the basic instance', false, facts.basic.detailedMonitoring),
    ],
  };
}

function judgePeriods(o: MetricsObservation): Judgement {
  const d = spacings(o.detailed.timestampsMs);
  const b = spacings(o.basic.timestampsMs);
  const dm = median(d);
  const bm = median(b);
  const wait = (m: typeof o.detailed, period: number) => `${m.timestampsMs.length} data points ${m.ageMinutes ?? '?'} min after launch (needs ${MIN_SPACINGS + 1}: wait until the instance has run about ${Math.ceil(((MIN_SPACINGS + 1) * period) / 60) + 5} minutes)`;
  return {
    observed: `Detailed monitoring: ${o.detailed.timestampsMs.length} ${MEASURED_METRIC} points, median gap ${dm ?? 'none'} s; basic: ${o.basic.timestampsMs.length} points, median gap ${bm ?? 'none'} s, smallest ${b.length ? Math.min(...b) : 'none'} s.`,
    method: METRICS_METHOD,
    figures: [
      ...(dm !== undefined ? [{ name: 'median data point spacing, detailed monitoring', value: dm, unit: 's' }] : []),
      ...(bm !== undefined ? [{ name: 'median data point spacing, basic monitoring', value: bm, unit: 's' }] : []),
      { name: 'spacings measured, detailed', value: d.length, unit: 'gaps' },
      { name: 'spacings measured, basic', value: b.length, unit: 'gaps' },
    ],
    preconditions: [
      requires('DescribeInstances: detailed monitoring enabled on one instance and disabled on the other', o.detailed.monitoring === 'enabled' && o.basic.monitoring === 'disabled', `${o.detailed.monitoring ?? '?'}, ${o.basic.monitoring ?? '?'}`),
      requires(`at least ${MIN_SPACINGS} gaps for the detailed instance`, d.length >= MIN_SPACINGS, wait(o.detailed, DETAILED_PERIOD_SECONDS)),
      requires(`at least ${MIN_SPACINGS} gaps for the basic instance`, b.length >= MIN_SPACINGS, wait(o.basic, BASIC_PERIOD_SECONDS)),
    ],
    expectations: [
      expectEqual('median spacing with detailed monitoring, seconds', DETAILED_PERIOD_SECONDS, dm),
      expectEqual('median spacing with basic monitoring, seconds', BASIC_PERIOD_SECONDS, bm),
      decisive(expectThat('smallest spacing with basic monitoring (no 1-minute data)', b.length === 0 || Math.min(...b) >= BASIC_PERIOD_SECONDS, b.length ? `${Math.min(...b)} s` : 'no gaps', `at least ${BASIC_PERIOD_SECONDS} s`)),
    ],
    notExercised: 'the price of detailed monitoring (billed per metric), which only the bill shows',
  };
}

// ---------------------------------------------------------------------------------------------
// B22: volumes at termination

function terminationOffline(facts: Facts): Judgement {
  return {
    observed: `The template gives the termination check ${facts.launchOutputs.join(', ') || 'nothing'} to launch its own instance, with the AMI from ${facts.amiParameter ?? 'no SSM parameter'}.`,
    method: 'template: Outputs SubnetId, LaunchSecurityGroupId and ImageId, and the SSM parameter behind ImageId',
    expectations: [
      expectEqual('outputs the check launches its instance with', ['SubnetId', 'LaunchSecurityGroupId', 'ImageId'], facts.launchOutputs),
      expectThat('the AMI comes from an SSM public parameter (Amazon Linux 2023 arm64)', /^\/aws\/service\/ami-amazon-linux-latest\/al2023-ami-.*arm64$/.test(facts.amiParameter ?? ''), facts.amiParameter ?? 'none'),
    ],
  };
}

function judgeTermination(o: TerminationObservation): Judgement {
  const root = o.launched?.blockDevices.find((d) => d.deviceName === o.launched?.rootDeviceName);
  const data = o.launched?.blockDevices.find((d) => d.deviceName === DATA_DEVICE);
  const figures: Figure[] = [];
  if (o.secondsToRunning !== undefined) figures.push({ name: 'RunInstances to running', value: o.secondsToRunning, unit: 's' });
  if (o.secondsToTerminated !== undefined) figures.push({ name: 'TerminateInstances to terminated', value: o.secondsToTerminated, unit: 's' });
  return {
    observed:
      `Launched ${o.launched?.instanceId ?? 'nothing'}: root ${root?.volumeId ?? '?'} (DeleteOnTermination ${root?.deleteOnTermination ?? '?'}, from the AMI), data ${data?.volumeId ?? '?'} (DeleteOnTermination ${data?.deleteOnTermination ?? '?'}); ` +
      `after termination the root volume was ${o.rootVolumeAfter ?? '?'} and the data volume ${o.dataVolumeAfter ?? '?'}. Cleanup: ${o.cleanup.join('; ') || 'nothing left'}.`,
    method:
      'RunInstances (t4g.nano, the stack\'s AMI, no root mapping so the AMI\'s flag applies, a 1 GiB gp3 data volume at /dev/sdf with DeleteOnTermination false, tagged lab=<id>); DescribeInstances every 5 s until running ' +
      '(at most 300 s); TerminateInstances; until terminated (at most 600 s); DescribeVolumes with a volume-id filter every 5 s (at most 300 s) until the root volume is gone and the data volume available; DeleteVolume of the data volume in finally',
    figures,
    preconditions: [
      requires('the instance reached running', o.secondsToRunning !== undefined && o.launched?.state === 'running', o.launched?.state ?? 'not launched'),
      requires('it reached terminated', o.finalInstanceState === 'terminated', o.finalInstanceState ?? '?'),
      requires('both volumes were found in its block device mapping', !!root?.volumeId && !!data?.volumeId, `${root?.volumeId ?? 'no root'}, ${data?.volumeId ?? 'no data'}`),
    ],
    expectations: [
      expectEqual("the root volume's DeleteOnTermination, as the AMI sets it", true, root?.deleteOnTermination),
      expectThat('the root volume is deleted with the instance', (VOLUME_GONE as readonly string[]).includes(o.rootVolumeAfter ?? ''), o.rootVolumeAfter ?? '?', VOLUME_GONE.join(' or ')),
      decisive(expectEqual('the data volume (DeleteOnTermination false) is left, available', VOLUME_AVAILABLE, o.dataVolumeAfter)),
    ],
    notExercised: 'that a volume attached after launch (AttachVolume) defaults to DeleteOnTermination false: this run set the flag at launch',
  };
}

// ---------------------------------------------------------------------------------------------
// B24: Elastic Volumes

function dataVolumeOf(i: InstanceFacts) {
  return i.volumes.find((v) => v.deviceName === DATA_DEVICE);
}

function growthOffline(facts: Facts): Judgement {
  const v = dataVolumeOf(facts.detailed);
  return {
    observed: `The detailed instance (${facts.detailed.instanceType ?? '?'}) has a ${v?.sizeGiB ?? '?'} GiB ${v?.volumeType ?? '?'} data volume at ${DATA_DEVICE}, which the live check grows by 1 GiB.`,
    method: 'template: BlockDeviceMappings and InstanceType of the detailed instance',
    expectations: [
      expectEqual(`the data volume at ${DATA_DEVICE}, GiB`, SETTINGS.dataVolumeGiB, v?.sizeGiB),
      expectEqual('its type', 'gp3', v?.volumeType),
      expectThat('a current-generation (Nitro) instance type', /^t4g\./.test(facts.detailed.instanceType ?? ''), facts.detailed.instanceType ?? 'none', 't4g.*'),
    ],
  };
}

function reached(o: VolumeGrowthObservation, state: string): number | undefined {
  return o.states.find((s) => s.state === state)?.atSeconds;
}

const GROWTH_METHOD =
  `DescribeInstances for the data volume at ${DATA_DEVICE}; DescribeVolumes and DescribeVolumesModifications first (a volume modified before is reported and not modified again); ` +
  `ModifyVolume to launch size + 1 GiB; DescribeVolumesModifications every 5 s until completed or failed (at most ${FOLLOW_SECONDS} s); DescribeVolumes and DescribeInstances after; ` +
  `the ${DISK_PROBE} probe on the serial console (lsblk and df in bytes, every ${SETTINGS.diskProbeIntervalSeconds} s) before and after`;

function earlierText(o: VolumeGrowthObservation): string {
  const e = o.earlier;
  return e ? `an earlier modification (${e.state ?? 'state unknown'}, ${e.originalSize ?? '?'} to ${e.targetSize ?? o.sizeBeforeGiB ?? '?'} GiB, started ${e.startTime ?? '?'})` : 'none';
}

/**
 * "You can modify a volume up to four times within a rolling 24-hour period, as long as the volume is in
 * the in-use or available state" and a further modification waits until the previous one completes
 * ("ModifyVolume", Amazon EC2 API Reference, https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyVolume.html;
 * older versions said six hours between modifications).
 */
export const RATE_LIMIT_TEXT = 'up to four modifications per volume in a rolling 24 hours, each after the previous one completed';

function judgeGrowth(o: VolumeGrowthObservation): Judgement {
  const optimizing = reached(o, 'optimizing');
  const completed = reached(o, 'completed');
  const figures: Figure[] = [];
  if (optimizing !== undefined) figures.push({ name: 'ModifyVolume to optimizing', value: optimizing, unit: 's' });
  if (completed !== undefined) figures.push({ name: 'ModifyVolume to completed', value: completed, unit: 's' });
  figures.push({ name: 'time followed', value: o.followedSeconds, unit: 's' });
  return {
    observed: o.earlier
      ? `The data volume ${o.volumeId} was already ${o.sizeBeforeGiB} GiB: ${earlierText(o)}. This run did not modify it again (${RATE_LIMIT_TEXT}); for a fresh volume destroy the lab and deploy it again (a deploy of the unchanged stack keeps the grown volume).`
      : `${o.volumeId ?? 'No data volume'} went ${o.states.map((s) => `${s.state} at ${s.atSeconds} s`).join(', ') || 'through no state'} (${o.sizeBeforeGiB ?? '?'} to ${o.sizeAfterGiB ?? '?'} GiB); the instance was ${o.instanceStateAfter ?? '?'} and the volume ${o.attachmentStateAfter ?? '?'} afterwards.`,
    method: GROWTH_METHOD,
    figures,
    preconditions: [
      requires(`the data volume at ${DATA_DEVICE} was found`, o.volumeId !== undefined, o.volumeId ?? 'none'),
      requires('the volume had not been modified before (a re-run is reported, not judged)', o.earlier === undefined, earlierText(o)),
      requires('ModifyVolume accepted the change', o.modified, o.modifyError ?? (o.modified ? 'accepted' : 'not called')),
      requires(`the modification reached optimizing or completed within ${FOLLOW_SECONDS} s`, optimizing !== undefined || completed !== undefined, o.states.map((s) => s.state).join(', ') || 'none'),
    ],
    expectations: [
      decisive(expectThat('the modification did not fail', reached(o, 'failed') === undefined, o.states.map((s) => s.state).join(', ') || 'none', 'no failed state')),
      expectEqual('the volume size afterwards, GiB', o.targetGiB, o.sizeAfterGiB),
      expectEqual('the instance stayed running', 'running', o.instanceStateAfter),
      expectEqual('the volume stayed attached', 'attached', o.attachmentStateAfter),
    ],
    notExercised: `the rate limit itself (${RATE_LIMIT_TEXT}): a run modifies once; shrinking, which Elastic Volumes does not do`,
  };
}

function fileSystemOffline(facts: Facts): Judgement {
  const ud = facts.detailed.userData;
  // Formatted, and mounted from an fstab line with nofail, so a reboot mounts it again (user data runs once).
  const mounts = ud.includes(`mkfs -t xfs ${DATA_DEVICE}`) && /\/etc\/fstab/.test(ud) && /xfs defaults,nofail/.test(ud);
  return {
    observed: `The detailed instance formats and mounts its data volume: ${mounts}; it runs the ${DISK_PROBE} probe: ${runsProbe(facts.detailed, DISK_PROBE)}; nothing in the template grows the file system.`,
    method: 'template: UserData of the detailed instance',
    expectations: [
      expectThat('the data volume carries an XFS file system mounted from /etc/fstab (nofail)', mounts, String(mounts), 'true'),
      expectThat(`the ${DISK_PROBE} probe reports block device and file system sizes`, runsProbe(facts.detailed, DISK_PROBE), String(runsProbe(facts.detailed, DISK_PROBE)), 'true'),
      expectThat('nothing grows the file system by itself (no xfs_growfs or growpart)', !/xfs_growfs|growpart|resize2fs/.test(ud), /xfs_growfs|growpart|resize2fs/.test(ud) ? 'present' : 'absent', 'absent'),
    ],
  };
}

function mib(bytes: number | undefined): string {
  return bytes === undefined ? '?' : `${Math.round(bytes / 2 ** 20)} MiB`;
}

function judgeFileSystem(o: VolumeGrowthObservation): Judgement {
  // A re-run reads the grown volume from its first disk reading; a first run from the reading after the change.
  const grownDisk = o.earlier ? o.diskBefore : o.diskAfter;
  const targetBytes = o.targetGiB * GIB;
  const launchBytes = SETTINGS.dataVolumeGiB * GIB;
  const figures: Figure[] = [];
  if (grownDisk?.blockBytes !== undefined) figures.push({ name: 'block device after the resize', value: Math.round(grownDisk.blockBytes / 2 ** 20), unit: 'MiB' });
  if (grownDisk?.fsBytes !== undefined) figures.push({ name: 'file system after the resize', value: Math.round(grownDisk.fsBytes / 2 ** 20), unit: 'MiB' });
  const fsAtMost = expectAtMost(`the file system is still at most its launch size (${SETTINGS.dataVolumeGiB} GiB) until it is grown`, Math.round(launchBytes / 2 ** 20), grownDisk?.fsBytes === undefined ? undefined : Math.round(grownDisk.fsBytes / 2 ** 20), 'MiB');
  const mounted = grownDisk?.mountedSource !== undefined && grownDisk.mountedSource !== 'none' && grownDisk.mountedSource === grownDisk.device;
  // Decisive only when read from the data volume's own file system: a file system seen larger than it was made contradicts the truth whatever else the run missed.
  const fsStillSmall = decisiveIf(grownDisk?.fsBytes !== undefined && mounted, fsAtMost);  return {
    observed:
      `Before: block device ${mib(o.diskBefore?.blockBytes)}, file system ${mib(o.diskBefore?.fsBytes)}; ` +
      (grownDisk ? `after the resize: block device ${mib(grownDisk.blockBytes)}, file system ${mib(grownDisk.fsBytes)}.` : `no reading after the resize (${o.diskAfterError ?? 'the resize did not run'}).`),
    method: GROWTH_METHOD,
    figures,
    preconditions: [
      requires('the volume was grown (by this run or an earlier one)', o.modified || o.earlier !== undefined, o.modifyError ?? (o.modified ? 'this run' : o.earlier ? 'an earlier run' : 'no')),
      requires(`the instance sees the grown block device (at least ${o.targetGiB} GiB)`, (grownDisk?.blockBytes ?? 0) >= targetBytes, mib(grownDisk?.blockBytes)),
      requires(
        `the data volume's file system is what is mounted at ${DATA_MOUNT_POINT} (else df measures the root file system)`,
        mounted,
        `${grownDisk?.mountedSource ?? '?'} mounted, the volume is ${grownDisk?.device ?? '?'}`,
      ),
    ],
    expectations: [fsStillSmall],
    notExercised: 'growing it (xfs_growfs on the mount point; growpart first for a partitioned root volume): the lab only shows that it is needed',
  };
}

// ---------------------------------------------------------------------------------------------
// I26: every public IPv4 address is billed

/**
 * The documented price of a public IPv4 address, in use or idle: $0.005 per IP per hour ("Amazon VPC
 * pricing", Public IPv4 Address tab, https://aws.amazon.com/vpc/pricing/). The offline check prices the
 * template's addresses with it; the live check reads the Price List API instead of trusting it.
 */
export const PUBLIC_IPV4_USD_PER_HOUR = 0.005;

function publicIpv4Offline(facts: Facts): Judgement {
  const n = facts.publicIpv4Addresses.length;
  return {
    observed: `The template asks for ${n} public IPv4 address(es) (${facts.publicIpv4Addresses.join(', ') || 'none'}): ${n} × $${PUBLIC_IPV4_USD_PER_HOUR}/hour = $${(n * PUBLIC_IPV4_USD_PER_HOUR).toFixed(3)}/hour; internet resources: ${facts.internetResources.join(', ') || 'none'}.`,
    method: 'template: AWS::EC2::EIP, AssociatePublicIpAddress of the instances, MapPublicIpOnLaunch of their subnets, internet and NAT gateways; priced at the documented $0.005 per address-hour',
    figures: [{ name: 'public IPv4 cost of the template', value: n * PUBLIC_IPV4_USD_PER_HOUR, unit: 'USD/hour' }],
    expectations: [
      expectEqual('public IPv4 addresses in the template (none by design: each would be billed, attached or not)', 0, n),
      expectEqual('internet gateways, NAT gateways and Elastic IPs', 'none', facts.internetResources.join(', ') || 'none'),
    ],
  };
}

function priceOf(o: PublicIpv4Observation, suffix: string): Ipv4Price | undefined {
  return o.prices.find((p) => p.usageType.endsWith(suffix) && p.usdPerHour !== undefined);
}

function judgePublicIpv4(o: PublicIpv4Observation): Judgement {
  const inUse = priceOf(o, IN_USE_SUFFIX);
  const idle = priceOf(o, IDLE_SUFFIX);
  const usd = (p?: Ipv4Price) => (p?.usdPerHour === undefined ? 'none' : `$${p.usdPerHour}/hour`);
  const figures: Figure[] = [];
  if (inUse?.usdPerHour !== undefined) figures.push({ name: 'in-use public IPv4 address', value: inUse.usdPerHour, unit: 'USD/hour' });
  if (idle?.usdPerHour !== undefined) figures.push({ name: 'idle public IPv4 address', value: idle.usdPerHour, unit: 'USD/hour' });
  figures.push({ name: "the lab's public IPv4 addresses", value: o.labAddresses.length, unit: 'addresses' });
  const labCost = o.labAddresses.length * (inUse?.usdPerHour ?? 0);
  return {
    observed:
      `The Price List gives ${o.region}: ${inUse?.usageType ?? 'no in-use usage type'} ${usd(inUse)}, ${idle?.usageType ?? 'no idle usage type'} ${usd(idle)} (${o.prices.length} PublicIPv4 products). ` +
      `The lab holds ${o.labAddresses.length} public IPv4 address(es)${o.labAddresses.length ? ` (${o.labAddresses.map((a) => `${a.address}, ${a.source}`).join('; ')})` : ''}: $${labCost.toFixed(3)}/hour.`,
    method: `Price List Query API GetProducts (endpoint ${PRICING_REGION}): ServiceCode AmazonVPC, regionCode = the lab's Region, usagetype containing PublicIPv4:, every page, each PriceList JSON string parsed for its OnDemand Hrs price; DescribeAddresses tagged lab=<id>; DescribeNetworkInterfaces in the lab's VPC (Association.PublicIp)`,
    figures,
    preconditions: [requires("the Price List has both public IPv4 usage types for the lab's Region", inUse !== undefined && idle !== undefined, `${inUse?.usageType ?? 'no in-use'}, ${idle?.usageType ?? 'no idle'}`)],
    expectations: [
      decisive(expectThat('an in-use (attached) public IPv4 address has a price per hour > 0', (inUse?.usdPerHour ?? 0) > 0, usd(inUse), '> $0/hour')),
      expectThat('an idle public IPv4 address has a price per hour > 0', (idle?.usdPerHour ?? 0) > 0, usd(idle), '> $0/hour'),
    ],
    notExercised: 'the bill itself and the free tier: no address is allocated; addresses you bring (BYOIP) are priced differently and not read',
  };
}

// ---------------------------------------------------------------------------------------------

/** One entry per catalog claim the lab settles: an offline check, and a live one where AWS can show it. */
export const CHECKS: Record<string, ClaimCheck<Facts>> = {
  'B6.new-sg-allows-all-outbound': { offline: newGroupAllowsAllOutbound, live: live(securityGroups, judgeNewGroupOutbound) },
  'B6.new-sg-has-no-inbound-rules': { offline: newGroupHasNoInbound, live: live(securityGroups, judgeNoInbound) },
  'T1.imdsv2-requires-session-token': { offline: tokensRequired, live: live(metadata, judgeTokenRequired) },
  'I9.role-attached-through-instance-profile': { offline: roleAttachedOffline, live: live(metadata, judgeRoleAttached) },
  'I9.sdk-fetches-role-credentials-from-imds': { offline: sdkFetchesOffline, live: live(metadata, judgeSdkFetches) },
  'B20.memory-metrics-need-cloudwatch-agent': { offline: agentAbsentOffline, live: live(metrics, judgeAgentAbsent) },
  'B20.detailed-monitoring-sends-one-minute-metrics': { offline: monitoringOffline, live: live(metrics, judgePeriods) },
  'I20.detailed-monitoring-uses-one-minute-periods': { offline: monitoringOffline, live: live(metrics, judgePeriods) },
  'B22.root-volume-deletes-on-termination-by-default': { offline: terminationOffline, live: live(termination, judgeTermination) },
  'B24.elastic-volumes-grow-attached-volume': { offline: growthOffline, live: live(volumeGrowth, judgeGrowth) },
  'B24.grow-file-system-after-volume-resize': { offline: fileSystemOffline, live: live(volumeGrowth, judgeFileSystem) },
  'I26.every-public-ipv4-address-is-billed': { offline: publicIpv4Offline, live: live(publicIpv4, judgePublicIpv4) },
};

