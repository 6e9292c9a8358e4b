/**
 * What this lab's live checks judge: what each probe instance sees of the internet (one observation
 * per probe, all within one bounded budget), what EC2 says about the instances and the NAT gateway,
 * and, with `--analyzer`, what Reachability Analyzer says of one path beside it. Each claim judges
 * an observation made of only the pieces it needs, so one piece that fails errors only its claims.
 */
import { type ObserveContext, observationsOf } from '../../lib/lab-kit/checks/lab-definition';
import { decodeConsoleOutput, parseProbeLines, type ProbeLine, waitForProbeLines } from '../../lib/lab-kit/checks/console-probe-reader';
import { analyzeReachability, type ReachabilityVerdict } from '../../lib/lab-kit/checks/reachability-analyzer';
import { EGRESS_PROBE_NAME, NAT_READY_EVENT, SECOND_ENDPOINT_FIELD } from '../../lib/network/probe-names';
import type { Route, RouteTable } from '@aws-sdk/client-ec2';
import type { FirewallObservation, NetworkAclRule, SecurityGroupPermission, SecurityGroupRules, SubnetNetworkAcl } from './firewall';
import { OUTPUTS, PROBE_KEYS, PROBES, type ProbeKey } from './outputs';
import type { RouteEntry, RouteTablesObservation, SubnetRouteTable } from './route-tables';

const observe = observationsOf(OUTPUTS);

/** How many consecutive tries must agree before a probe's answer counts. */
export const SETTLED_TRIES = 3;

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * curl's exit codes for "the packets went out and nothing answered": 28 (timed out) and 7 (could
 * not connect). A try counts as a connection failure only when both endpoints gave one of these
 * ({@link failedToConnect}): one host not answering says only that this host did not. Anything else (6: name not resolved, 22: an HTTP error page, 127: no curl, or exit
 * 0 with an answer that is not an address) says nothing about the route, so a probe settling that
 * way is inconclusive, never evidence that an instance is offline or that a NAT did not forward.
 *
 * @see https://curl.se/docs/manpage.html (EXIT CODES: 6 could not resolve host, 7 failed to connect to host,
 *   22 HTTP page not retrieved, only with -f/--fail, 28 operation timeout)
 */
export const CONNECTION_FAILURE_CODES: readonly number[] = [7, 28];

const SECOND = new RegExp(`^${SECOND_ENDPOINT_FIELD}=(\\d+):(\\d*) ?(.*)$`);

/** One try read apart: checkip's answer (the line's rc is checkip's exit code) and the second endpoint's result. */
export interface TryParts {
  /** What checkip (or curl, on failure) wrote. */
  readonly answer: string;
  /** The second endpoint's curl exit code and HTTP status (`000` when no answer); absent on a line of a probe that predates it. */
  readonly second?: { readonly rc: number; readonly http: string };
}

/** Reads a try's output: `also=<rc>:<HTTP status> <checkip answer>` (see `SECOND_ENDPOINT_FIELD`), or a bare answer from an older probe. */
export function tryParts(l: ProbeLine): TryParts {
  const m = SECOND.exec(l.output);
  return m ? { answer: m[3].trim(), second: { rc: Number(m[1]), http: m[2] || '000' } } : { answer: l.output };
}

/** A try that reached checkip: exit 0 *and* an IPv4 address as the answer (the probe runs curl -f). */
export function answered(l: ProbeLine): boolean {
  return l.rc === 0 && IPV4.test(tryParts(l).answer);
}

/**
 * A try that failed to connect to *both* endpoints (curl 7 or 28 from checkip and from the second
 * one): the way out is what failed, not one service. checkip timing out while the second endpoint
 * answers, or a line without the second result (a probe deployed before it), is no connection failure.
 */
export function failedToConnect(l: ProbeLine): boolean {
  const { answer, second } = tryParts(l);
  return CONNECTION_FAILURE_CODES.includes(l.rc) && !DNS_TIMEOUT.test(answer) && second !== undefined && CONNECTION_FAILURE_CODES.includes(second.rc);
}

/**
 * curl's exit 28 is any "Operation timeout", a name lookup that timed out among them; curl then says so:
 * `failf(data, "Resolving timed out after %ld milliseconds", ...)` (curl's lib/multi.c). That try never sent a packet
 * on its route, so it is DNS, not a connection failure (fourth review F3).
 */
export const DNS_TIMEOUT = /Resolving timed out after/;

/** What one probe instance saw. */
export interface ProbeObservation {
  readonly key: ProbeKey;
  readonly instanceId: string;
  /** The instance's public IPv4 address, per DescribeInstances; absent when it has none. */
  readonly publicIp?: string;
  /** True when its last tries all reached https://checkip.amazonaws.com and it answered with an IPv4 address. */
  readonly reached: boolean;
  /** True when its last tries all failed to connect (timed out or refused) to checkip *and* to the second endpoint: no way out. */
  readonly offline: boolean;
  /**
   * True when checkip did not answer its last tries but the second endpoint connected in every one of
   * them: the instance got out, checkip did not say as which address. Not a reach of checkip, and no
   * connection failure either.
   */
  readonly secondReached: boolean;
  /** The address the internet saw (the checkip answer), when it reached. */
  readonly egressIp?: string;
  /** The settled tries the verdict rests on, and how many tries were read in all. */
  readonly settled: readonly ProbeLine[];
  readonly tries: number;
  /** Seconds from the first console read of the run until this probe settled. */
  readonly secondsAfterStart: number;
}

/** What DescribeNatGateways says of the lab's NAT gateway. */
export interface NatGatewayObservation {
  readonly id: string;
  readonly state?: string;
  readonly publicIp?: string;
  /** The subnet it sits in (`SubnetId`). */
  readonly subnetId?: string;
}

/** What DescribeInstances says of the NAT instance. */
export interface NatInstanceObservation {
  readonly id: string;
  readonly publicIp?: string;
  readonly sourceDestCheck?: boolean;
}

/**
 * What one claim's live check judges (plain JSON): the probes that claim needs and nothing more,
 * so a probe that does not settle makes only the claims that read it errors.
 */
export interface EgressObservation {
  readonly probes: Readonly<Partial<Record<ProbeKey, ProbeObservation>>>;
  readonly natGateway?: NatGatewayObservation;
  readonly natInstance?: NatInstanceObservation;
  /** Reachability Analyzer on one path; absent unless the run was given `--analyzer` and the claim asks for one. */
  readonly analyzer?: AnalyzerVerdict;
  /** Why an informational analysis (one no check judges) could not be made, e.g. a missing permission. */
  readonly analyzerFailed?: string;
  /** The security groups and network ACLs on the way out, read after this claim's probes settled; absent in runs recorded before they were read. */
  readonly firewall?: FirewallObservation;
  /** The same, read at the start of the run, before any try counted. */
  readonly firewallAtStart?: FirewallObservation;
  /** The route tables of the probes' subnets, read after this claim's probes settled; absent in runs recorded before they were read. */
  readonly routes?: RouteTablesObservation;
  /** The same, read at the start of the run, before any try counted. */
  readonly routesAtStart?: RouteTablesObservation;
  /** Seconds from the first console read of the run until the slowest of these probes settled. */
  readonly seconds: number;
}

/** A probe the claim's observation promised; missing means the lab's code asked for the wrong one. */
export function probeOf(o: EgressObservation, key: ProbeKey): ProbeObservation {
  const p = o.probes[key];
  if (!p) throw new Error(`observation has no probe ${key}: the check reads a probe its observation does not read`);
  return p;
}

/** The last {@link SETTLED_TRIES} tries, when they agree (all succeeded or all failed). */
export function settledTries(lines: readonly ProbeLine[]): readonly ProbeLine[] | undefined {
  const last = lines.slice(-SETTLED_TRIES);
  if (last.length < SETTLED_TRIES) return undefined;
  return last.every(answered) || last.every((l) => !answered(l)) ? last : undefined;
}

/**
 * Summarizes a probe's tries: `reached` by the same test that settles them (exit 0 and an address),
 * so an HTML page or an empty body is never a reach; `offline` only for connection failures.
 */
export function summarizeProbe(key: ProbeKey, instance: InstanceState | undefined, lines: readonly ProbeLine[], secondsAfterStart = 0): ProbeObservation {
  const settled = settledTries(lines) ?? [];
  const reached = settled.length > 0 && settled.every(answered);
  const offline = settled.length > 0 && settled.every(failedToConnect);
  const secondReached = !reached && settled.length > 0 && settled.every((l) => tryParts(l).second?.rc === 0);
  return {
    key,
    instanceId: instance?.id ?? '',
    ...(instance?.publicIp ? { publicIp: instance.publicIp } : {}),
    reached,
    offline,
    secondReached,
    ...(reached ? { egressIp: tryParts(settled[settled.length - 1]).answer } : {}),
    settled,
    tries: lines.length,
    secondsAfterStart,
  };
}

/** Drops absent fields, so the value is the same before and after a JSON round trip. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * How long the probes of one run may take to settle, all together, in seconds from the first
 * console read. Not an AWS figure: a new instance boots and starts probing in 1–3 minutes, and
 * the NAT instance first installs iptables (with up to 10 tries); a probe not settled by then is
 * an error of its own claims (never a fail), so this bound decides no verdict.
 */
export const PROBE_BUDGET_SECONDS = 600;

/** What DescribeInstances says of one instance (plain JSON). */
export interface InstanceState {
  readonly id: string;
  readonly state?: string;
  readonly publicIp?: string;
  readonly sourceDestCheck?: boolean;
  readonly vpcId?: string;
  readonly subnetId?: string;
  readonly privateIp?: string;
  /** `SecurityGroups[].GroupId`. */
  readonly securityGroupIds?: readonly string[];
  /** `NetworkInterfaces[].NetworkInterfaceId`. */
  readonly eniIds?: readonly string[];
}

/** When the run's first console read started: the clock the probe budget counts from. */
export const probeClock = observe({
  name: 'probe-clock',
  outputs: [],
  observe: async (ctx): Promise<{ readonly startedMs: number }> => ({ startedMs: ctx.now() }),
});

/**
 * The instances of the lab, described once (DescribeInstances); a missing or stopped one is
 * recorded, not thrown, so it errors only the claims that read it.
 *
 * DescribeInstances: "If you specify an instance ID that is not valid, an error is returned ...
 * Recently terminated instances might appear in the returned results. This interval is usually
 * less than one hour." So the ids go in an `instance-id` filter, which returns the ones that exist
 * and leaves the others out, instead of `InstanceIds`, where one vanished instance
 * (InvalidInstanceID.NotFound) would fail the call for all six. Filtered results can come in
 * pages: NextToken is followed.
 *
 * @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstances.html
 *   (PublicIpAddress absent when the instance has none; State.Name pending | running | ...; filter instance-id)
 */
export const instances = observe({
  name: 'instances',
  outputs: [...PROBE_KEYS.map((k) => PROBES[k]), 'NatInstanceId'],
  observe: async (ctx): Promise<Record<string, InstanceState>> => {
    const { DescribeInstancesCommand, EC2Client } = await import('@aws-sdk/client-ec2');
    const ec2 = new EC2Client(ctx.aws);
    const ids = [...PROBE_KEYS.map((k) => ctx.outputs[PROBES[k]]), ctx.outputs.NatInstanceId];
    const found: Record<string, InstanceState> = {};
    let nextToken: string | undefined;
    do {
      const described = await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'instance-id', Values: ids }], NextToken: nextToken }));
      for (const reservation of described.Reservations ?? []) {
        for (const i of reservation.Instances ?? []) {
          if (!i.InstanceId) continue;
          found[i.InstanceId] = defined({
            id: i.InstanceId,
            state: i.State?.Name,
            publicIp: i.PublicIpAddress,
            sourceDestCheck: i.SourceDestCheck,
            vpcId: i.VpcId,
            subnetId: i.SubnetId,
            privateIp: i.PrivateIpAddress,
            securityGroupIds: (i.SecurityGroups ?? []).map((g) => g.GroupId).filter((id): id is string => !!id),
            eniIds: (i.NetworkInterfaces ?? []).map((n) => n.NetworkInterfaceId).filter((id): id is string => !!id),
          });
        }
      }
      nextToken = described.NextToken;
    } while (nextToken);
    return found;
  },
});

/** The instance, or an error naming it when it is not running (the check cannot run: redeploy or start it). */
function runningInstance(all: Record<string, InstanceState>, id: string): InstanceState {
  const i = all[id];
  if (i?.state !== 'running') throw new Error(`instances not running: ${id} (${i?.state ?? 'not found: terminated or deleted? redeploy with `npx labs deploy nat-vs-public-ip`'})`);
  return i;
}

/** Seconds left of the run's probe budget. */
async function budgetLeft(ctx: Pick<ObserveContext, 'now' | 'observe'>): Promise<number> {
  const { startedMs } = await ctx.observe(probeClock);
  return Math.max(0, PROBE_BUDGET_SECONDS - Math.round((ctx.now() - startedMs) / 1000));
}

/**
 * What a missing `nat-ready` line means after a stop and start, and what to do. The line is written
 * once, by the user data at first boot, and "If you stop an instance, modify its user data, and start
 * the instance, the updated user data is not run automatically" ("Work with instance user data",
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-add-user-data.html): after a stop and
 * start (yours, or a stack update that changes the NAT instance's user data or type: "Update requires:
 * Some interruptions" on "AWS::EC2::Instance",
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-instance.html)
 * the saved iptables rules and the sysctl.d file set forwarding up again, but no new line is written,
 * and the console a restarted instance shows need not hold the old one (not settled by the pages). The wait then runs out, and I7 is an error, never a verdict, until the lab is recreated.
 */
export const NAT_READY_AFTER_RESTART =
  'The NAT instance writes its nat-ready line once, from its user data at first boot: if it was stopped and started since ' +
  '(by you, or by a stack update that changed its user data or type), it writes none again, so I7 cannot be judged; ' +
  '`npx labs destroy nat-vs-public-ip`, then deploy again. Otherwise its console output (EC2 GetConsoleOutput) shows why its setup did not finish';

/**
 * When the NAT instance said forwarding is set up (epoch ms, its own clock). It boots, installs
 * iptables and configures masquerading after CloudFormation already counts it created, so tries
 * through it count only from then on.
 */
export const natReady = observe({
  name: 'nat-ready',
  outputs: ['NatInstanceId'],
  uses: [probeClock, instances],
  observe: async (ctx): Promise<{ readonly atMs: number }> => {
    const id = ctx.outputs.NatInstanceId;
    runningInstance(await ctx.observe(instances), id);
    const left = await budgetLeft(ctx);
    ctx.progress(`waiting for the NAT instance ${id} to report forwarding set up (${left} s left of the ${PROBE_BUDGET_SECONDS} s probe budget)`);
    const lines = await waitForProbeLines(ctx, { instanceId: id, name: NAT_READY_EVENT, minLines: 1, timeoutSeconds: left }).catch((error: unknown) => {
      throw new Error(`${error instanceof Error ? error.message : String(error)}. ${NAT_READY_AFTER_RESTART}`);
    });
    const ready = lines[lines.length - 1];
    if (ready.rc !== 0) {
      throw new Error(`NAT instance ${id} failed to set up forwarding (rc=${ready.rc}): its console output (EC2 GetConsoleOutput) shows why`);
    }
    return { atMs: ready.atMs };
  },
});

/** One probe's settled answer: its own observation, so one probe that does not settle fails only the claims that read it. */
function probeObservation(key: ProbeKey) {
  const output = PROBES[key];
  return observe({
    name: `probe-${kebab(key)}`,
    outputs: [output],
    uses: key === 'ViaNatInstance' ? [probeClock, instances, probeMarks, natReady] : [probeClock, instances, probeMarks],
    observe: async (ctx): Promise<ProbeObservation> => {
      const id = ctx.outputs[output];
      const instance = runningInstance(await ctx.observe(instances), id);
      const mark = (await ctx.observe(probeMarks))[key];
      if (mark === undefined) throw new Error(`probe ${key} on ${id}: its console could not be read at the start of the run (EC2 GetConsoleOutput), so no try can be told from one made before the run`);
      // Only tries written after the run's first read of this console: an older one may predate a route or rule the
      // run's reads no longer show (fifth review F1). The bound is the probe's own clock, so skew does not matter; behind
      // the NAT instance, tries also count only from its nat-ready line (the NAT instance's clock, synced like the probe's).
      const sinceMs = Math.max(mark + 1, key === 'ViaNatInstance' ? (await ctx.observe(natReady)).atMs : 0);
      const fresh = (l: readonly ProbeLine[]) => l.filter((line) => line.atMs >= sinceMs);
      const left = await budgetLeft(ctx);
      ctx.progress(`reading probe ${key} on ${id} until its last ${SETTLED_TRIES} tries agree (${left} s left of the ${PROBE_BUDGET_SECONDS} s probe budget)`);
      const read = await waitForProbeLines(ctx, { instanceId: id, name: EGRESS_PROBE_NAME, until: (l) => settledTries(fresh(l)) !== undefined, counted: fresh, timeoutSeconds: left });
      const { startedMs } = await ctx.observe(probeClock);
      return summarizeProbe(key, instance, fresh(read), Math.round((ctx.now() - startedMs) / 1000));
    },
  });
}

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/^-/, '');
}


/** The NAT gateway as DescribeNatGateways gives it. */
export const natGateway = observe({
  name: 'nat-gateway',
  outputs: ['NatGatewayId'],
  observe: async (ctx): Promise<NatGatewayObservation> => {
    const { DescribeNatGatewaysCommand, EC2Client } = await import('@aws-sdk/client-ec2');
    const ec2 = new EC2Client(ctx.aws);
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeNatGateways.html; `State` is
    // pending | failed | available | deleting | deleted ("NatGateway",
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NatGateway.html): checks.ts requires available.
    const nat = (await ec2.send(new DescribeNatGatewaysCommand({ NatGatewayIds: [ctx.outputs.NatGatewayId] }))).NatGateways?.[0];
    return defined({
      id: ctx.outputs.NatGatewayId,
      state: nat?.State,
      publicIp: nat?.NatGatewayAddresses?.find((a) => a.IsPrimary ?? true)?.PublicIp,
      subnetId: nat?.SubnetId,
    });
  },
});

/** The NAT instance as DescribeInstances gives it (an error when it is not running). */
export const natInstance = observe({
  name: 'nat-instance',
  outputs: ['NatInstanceId'],
  uses: [instances],
  observe: async (ctx): Promise<NatInstanceObservation> => {
    const id = ctx.outputs.NatInstanceId;
    const i = runningInstance(await ctx.observe(instances), id);
    return defined({ id, publicIp: i.publicIp, sourceDestCheck: i.sourceDestCheck });
  },
});

/** A security group permission as the lab judges it: TCP coverage over IPv4 ranges. */
function permission(p: { IpProtocol?: string; FromPort?: number; ToPort?: number; IpRanges?: { CidrIp?: string }[] }): SecurityGroupPermission {
  return defined({
    protocol: p.IpProtocol ?? '',
    fromPort: p.FromPort,
    toPort: p.ToPort,
    cidrs: (p.IpRanges ?? []).map((r) => r.CidrIp).filter((c): c is string => !!c),
  });
}

/**
 * The security groups and network ACLs on every probe's way out, as they are now: they may have been
 * changed since the deploy (by AWS Firewall Manager, a Config remediation or a person), and a probe a rule
 * blocks would say nothing about NAT or public IPs (see firewall.ts). Read with DescribeSecurityGroups
 * (filter group-id: the groups DescribeInstances lists for the probes and the NAT instance) and
 * DescribeNetworkAcls (filter association.subnet-id: their subnets and the NAT gateway's), pages followed.
 * The NAT gateway's subnet comes from DescribeNatGateways; without it (a missing right) only the claims
 * that judge the NAT gateway path are left inconclusive. IPv4 only: the lab's VPC has no IPv6.
 *
 * @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSecurityGroups.html
 *   (SecurityGroups[].IpPermissions / IpPermissionsEgress: IpPermission, IpProtocol -1 for all protocols)
 * @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeNetworkAcls.html
 *   (NetworkAcls[].Associations[].SubnetId, Entries[]: NetworkAclEntry RuleNumber, Protocol "-1" for all, RuleAction allow | deny, Egress, CidrBlock, PortRange)
 */
function firewallsAt(name: string) {
  return observe({
    name,
    outputs: [...PROBE_KEYS.map((k) => PROBES[k]), 'NatInstanceId'],
    uses: [instances, natGateway],
    observe: async (ctx): Promise<FirewallObservation> => {
      const all = await ctx.observe(instances);
      const natGatewaySubnetId = (await ctx.observe(natGateway).catch(() => undefined))?.subnetId;
      const endpoints: Record<string, { subnetId?: string; privateIp?: string; securityGroupIds: readonly string[] }> = {};
      const ids: Record<string, string> = { ...Object.fromEntries(PROBE_KEYS.map((k) => [k, ctx.outputs[PROBES[k]]])), NatInstance: ctx.outputs.NatInstanceId };
      for (const [key, id] of Object.entries(ids)) {
        const i = all[id];
        if (i) endpoints[key] = defined({ subnetId: i.subnetId, privateIp: i.privateIp, securityGroupIds: i.securityGroupIds ?? [] });
      }
      const groupIds = [...new Set(Object.values(endpoints).flatMap((e) => e.securityGroupIds))].sort();
      const subnetIds = [...new Set([...Object.values(endpoints).map((e) => e.subnetId), natGatewaySubnetId].filter((id): id is string => !!id))].sort();
      const { DescribeNetworkAclsCommand, DescribeSecurityGroupsCommand, EC2Client } = await import('@aws-sdk/client-ec2');
      const ec2 = new EC2Client(ctx.aws);
      const securityGroups: Record<string, SecurityGroupRules> = {};
      let nextToken: string | undefined;
      if (groupIds.length > 0) {
        do {
          const page = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-id', Values: groupIds }], NextToken: nextToken }));
          for (const g of page.SecurityGroups ?? []) {
            if (g.GroupId) securityGroups[g.GroupId] = { ingress: (g.IpPermissions ?? []).map(permission), egress: (g.IpPermissionsEgress ?? []).map(permission) };
          }
          nextToken = page.NextToken;
        } while (nextToken);
      }
      const networkAcls: Record<string, SubnetNetworkAcl> = {};
      if (subnetIds.length > 0) {
        do {
          const page = await ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: subnetIds }], NextToken: nextToken }));
          for (const acl of page.NetworkAcls ?? []) {
            const entries: NetworkAclRule[] = (acl.Entries ?? [])
              .filter((e) => e.CidrBlock && e.RuleNumber !== undefined)
              .map((e) => defined({
                ruleNumber: e.RuleNumber!,
                protocol: e.Protocol ?? '',
                action: e.RuleAction ?? '',
                egress: e.Egress === true,
                cidr: e.CidrBlock!,
                ports: e.PortRange?.From !== undefined && e.PortRange.To !== undefined ? { from: e.PortRange.From, to: e.PortRange.To } : undefined,
              }));
            for (const a of acl.Associations ?? []) {
              if (a.SubnetId && subnetIds.includes(a.SubnetId)) networkAcls[a.SubnetId] = { networkAclId: acl.NetworkAclId ?? a.NetworkAclId ?? '', entries };
            }
          }
          nextToken = page.NextToken;
        } while (nextToken);
      }
      return defined({ endpoints, natGatewaySubnetId, securityGroups, networkAcls });
    },
  });
}

/** The security groups and network ACLs at the start of the run, before any probe's tries are counted. */
export const firewalls = firewallsAt('security-groups-and-network-acls-at-start');

/** A route's target, whichever field the API filled. */
function routeTarget(r: Route): string {
  return r.NatGatewayId ?? r.InstanceId ?? r.GatewayId ?? r.NetworkInterfaceId ?? r.TransitGatewayId ?? r.VpcPeeringConnectionId ?? r.EgressOnlyInternetGatewayId ?? r.CarrierGatewayId ?? r.LocalGatewayId ?? r.CoreNetworkArn ?? 'an unknown target';
}

/**
 * The route tables of the probes' subnets as they are now (see route-tables.ts): DescribeRouteTables with the
 * filter association.subnet-id, and for a subnet with no explicit association the VPC's main table (filters vpc-id
 * and association.main: "If a subnet is not explicitly associated with any route table, it is implicitly associated
 * with the main route table. This command does not return the subnet ID for implicit associations."), pages followed.
 *
 * @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeRouteTables.html
 * @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Route.html (DestinationCidrBlock, GatewayId, NatGatewayId, InstanceId, NetworkInterfaceId, ..., State active | blackhole)
 * @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RouteTableAssociation.html (Main, SubnetId)
 */
function routeTablesAt(name: string) {
  return observe({
    name,
    outputs: [...PROBE_KEYS.map((k) => PROBES[k]), 'NatInstanceId', 'NatGatewayId', 'InternetGatewayId'],
    uses: [instances],
    observe: async (ctx): Promise<RouteTablesObservation> => {
      const all = await ctx.observe(instances);
      const probeSubnets: Partial<Record<ProbeKey, string>> = {};
      for (const k of PROBE_KEYS) {
        const subnet = all[ctx.outputs[PROBES[k]]]?.subnetId;
        if (subnet) probeSubnets[k] = subnet;
      }
      const subnetIds = [...new Set(Object.values(probeSubnets))].sort();
      const vpcId = Object.values(all).find((i) => i.vpcId)?.vpcId;
      const { DescribeRouteTablesCommand, EC2Client } = await import('@aws-sdk/client-ec2');
      const ec2 = new EC2Client(ctx.aws);
      const read = async (filters: { Name: string; Values: string[] }[]): Promise<RouteTable[]> => {
        const tables: RouteTable[] = [];
        let nextToken: string | undefined;
        do {
          const page = await ec2.send(new DescribeRouteTablesCommand({ Filters: filters, NextToken: nextToken }));
          tables.push(...(page.RouteTables ?? []));
          nextToken = page.NextToken;
        } while (nextToken);
        return tables;
      };
      const reduce = (t: RouteTable, main: boolean): SubnetRouteTable => ({
        routeTableId: t.RouteTableId ?? '',
        main,
        routes: (t.Routes ?? []).map((r): RouteEntry => defined({
          destination: r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock ?? r.DestinationPrefixListId ?? '',
          target: routeTarget(r),
          state: r.State,
        })),
      });
      const bySubnet: Record<string, SubnetRouteTable> = {};
      if (subnetIds.length > 0) {
        for (const t of await read([{ Name: 'association.subnet-id', Values: subnetIds }])) {
          for (const a of t.Associations ?? []) if (a.SubnetId && subnetIds.includes(a.SubnetId)) bySubnet[a.SubnetId] = reduce(t, false);
        }
        const implicit = subnetIds.filter((id) => !bySubnet[id]);
        if (implicit.length > 0 && vpcId) {
          const main = (await read([{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'association.main', Values: ['true'] }]))[0];
          if (main) for (const id of implicit) bySubnet[id] = reduce(main, true);
        }
      }
      return {
        probeSubnets,
        bySubnet,
        internetGatewayId: ctx.outputs.InternetGatewayId,
        natGatewayId: ctx.outputs.NatGatewayId,
        natInstanceId: ctx.outputs.NatInstanceId,
        natInstanceEnis: all[ctx.outputs.NatInstanceId]?.eniIds ?? [],
      };
    },
  });
}

/** The route tables at the start of the run, before any probe's tries are counted. */
export const routeTables = routeTablesAt('route-tables-at-start');

/**
 * The newest try of each probe at the run's start (epoch ms of the probe's own clock; absent when its console could
 * not be read): only tries after it count, so every try judged was written after the start reads of the route tables (its curls may begin up to 10 s before),
 * security groups and network ACLs, and before the reads each claim makes when its probes have settled. Read after
 * those start reads, one GetConsoleOutput per probe.
 */
export const probeMarks = observe({
  name: 'probe-marks',
  outputs: PROBE_KEYS.map((k) => PROBES[k]),
  uses: [routeTables, firewalls],
  observe: async (ctx): Promise<Partial<Record<ProbeKey, number>>> => {
    // For the order only: a read that fails is the error of the claims that read it, later.
    await ctx.observe(routeTables).catch(() => undefined);
    await ctx.observe(firewalls).catch(() => undefined);
    const { EC2Client, GetConsoleOutputCommand } = await import('@aws-sdk/client-ec2');
    const ec2 = new EC2Client(ctx.aws);
    const marks: Partial<Record<ProbeKey, number>> = {};
    for (const k of PROBE_KEYS) {
      try {
        const out = await ec2.send(new GetConsoleOutputCommand({ InstanceId: ctx.outputs[PROBES[k]], Latest: true }));
        const lines = parseProbeLines(decodeConsoleOutput(out?.Output)).filter((l) => l.name === EGRESS_PROBE_NAME);
        marks[k] = Math.max(0, ...lines.map((l) => l.atMs));
      } catch {
        // Left out: that probe's claims say its console could not be read.
      }
    }
    return marks;
  },
});

export const PROBE_OBSERVATIONS: Readonly<Record<ProbeKey, ReturnType<typeof probeObservation>>> = Object.fromEntries(
  PROBE_KEYS.map((k) => [k, probeObservation(k)]),
) as Record<ProbeKey, ReturnType<typeof probeObservation>>;


/** An exclusion from VPC Block Public Access that names the lab's VPC or one of its subnets. */
export interface BpaExclusion {
  readonly resourceArn: string;
  readonly mode?: string;
  readonly state?: string;
}

/** What EC2 says of VPC Block Public Access for the lab's VPC (plain JSON). */
export interface BlockPublicAccessObservation {
  /** `InternetGatewayBlockMode`: off | block-bidirectional | block-ingress. */
  readonly mode?: string;
  /** `State`: default-state | update-in-progress | update-complete. */
  readonly state?: string;
  /** `ManagedBy`: account | declarative-policy. */
  readonly managedBy?: string;
  /** `ExclusionsAllowed`: allowed | not-allowed. */
  readonly exclusionsAllowed?: string;
  readonly vpcId: string;
  readonly subnetIds: readonly string[];
  /** The exclusions naming the VPC or one of its subnets (not read when the mode is off). */
  readonly exclusions: readonly BpaExclusion[];
}

/**
 * Exclusion states in which the exclusion is in place: the API reference lists create-in-progress |
 * create-complete | create-failed | update-in-progress | update-complete | update-failed |
 * delete-in-progress | delete-complete | disable-in-progress | disable-complete.
 * @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcBlockPublicAccessExclusion.html
 */
const EXCLUSION_IN_EFFECT: readonly string[] = ['create-complete', 'update-complete'];

/**
 * Whether an exclusion lets the probes' outbound connections through under `mode`. "VpcBlockPublicAccessExclusion":
 * allow-bidirectional "Allow all internet traffic to and from the excluded VPCs and subnets"; allow-egress "Allow
 * outbound internet traffic from the excluded VPCs and subnets. Block inbound internet traffic ... Only applies when
 * VPC Block Public Access is set to Bidirectional." The probes only connect out, so under block-bidirectional either
 * mode will do; under block-ingress only allow-bidirectional does (allow-egress does not apply there).
 */
function exclusionOpens(e: BpaExclusion, mode: string | undefined): boolean {
  if (!EXCLUSION_IN_EFFECT.includes(e.state ?? '')) return false;
  return e.mode === 'allow-bidirectional' || (e.mode === 'allow-egress' && mode === 'block-bidirectional');
}

/**
 * Why VPC Block Public Access keeps the lab's probes from the internet, in one line saying what to do, or
 * nothing when it does not (mode off and settled, or every subnet of the lab covered by an exclusion in
 * effect, on the VPC or on the subnet). A partial cover (some subnets only) counts as blocked: which of the
 * lab's paths (a NAT gateway in an excluded subnet serving one that is not, say) would then get out is not
 * something the pages settle, and every live claim reads the PublicWithIp control, whose way out is the
 * internet gateway. It is the account's setting, not AWS contradicting a claim: an error, never a fail.
 *
 * @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcBlockPublicAccessOptions.html
 *   (internetGatewayBlockMode off | block-bidirectional | block-ingress; state default-state | update-in-progress |
 *   update-complete; managedBy account | declarative-policy; exclusionsAllowed allowed | not-allowed)
 */
export function blockedBy(bpa: BlockPublicAccessObservation): string | undefined {
  const where = `VPC Block Public Access (EC2 DescribeVpcBlockPublicAccessOptions)`;
  const owner = bpa.managedBy === 'declarative-policy' ? " It is set by your organization's declarative policy: ask its administrator, or use another account or Region." : '';
  const rerun = 'then run `npx labs check nat-vs-public-ip` again (see the lab README, §6)';
  if (bpa.state === 'update-in-progress') {
    return `${where} is being changed in this Region (State update-in-progress, InternetGatewayBlockMode ${bpa.mode ?? 'not reported'}): the probes' way out may be blocked while it settles; wait until it reads update-complete, ${rerun}.${owner}`;
  }
  if (bpa.mode === undefined || bpa.mode === 'off') return undefined;
  const honoured = bpa.exclusionsAllowed !== 'not-allowed';
  const opens = (id: string) => honoured && bpa.exclusions.some((e) => e.resourceArn.endsWith(`/${id}`) && exclusionOpens(e, bpa.mode));
  if (opens(bpa.vpcId)) return undefined;
  const shut = bpa.subnetIds.filter((id) => !opens(id));
  if (shut.length === 0) return undefined;
  const fix = honoured
    ? `turn it off for this Region or exclude the lab's VPC ${bpa.vpcId} (allow-bidirectional${bpa.mode === 'block-bidirectional' ? ' or allow-egress' : ''})`
    : `turn it off for this Region (exclusions are not allowed here)`;
  return (
    `${where} is ${bpa.mode} in this Region and does not exclude the lab's VPC ${bpa.vpcId} (subnets not covered: ${shut.join(', ')}): ` +
    `it blocks the internet gateway every probe's way out goes through, so no live claim can be judged. This is your account's setting, not a result: ${fix}, ${rerun}.${owner}`
  );
}

/**
 * VPC Block Public Access for this Region, and the exclusions naming the lab's VPC or its subnets
 * (EC2 DescribeVpcBlockPublicAccessOptions, then DescribeVpcBlockPublicAccessExclusions with its pages
 * followed, only when the mode is not off). The VPC and subnets come from DescribeInstances. An
 * exclusion's `ResourceArn` ends in `vpc/<id>` or `subnet/<id>` ("Actions, resources, and condition
 * keys for Amazon EC2", https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html:
 * arn:${Partition}:ec2:${Region}:${Account}:vpc/${VpcId}, ...:subnet/${SubnetId}).
 *
 * @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcBlockPublicAccessOptions.html
 * @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcBlockPublicAccessExclusions.html
 */
export const vpcBlockPublicAccess = observe({
  name: 'vpc-block-public-access',
  outputs: [],
  uses: [instances],
  observe: async (ctx): Promise<BlockPublicAccessObservation> => {
    const all = Object.values(await ctx.observe(instances));
    const vpcId = all.find((i) => i.vpcId)?.vpcId;
    if (!vpcId) throw new Error('no instance of the lab reports its VPC (DescribeInstances VpcId): redeploy with `npx labs deploy nat-vs-public-ip`');
    const subnetIds = [...new Set(all.map((i) => i.subnetId).filter((id): id is string => !!id))].sort();
    const { DescribeVpcBlockPublicAccessExclusionsCommand, DescribeVpcBlockPublicAccessOptionsCommand, EC2Client } = await import('@aws-sdk/client-ec2');
    const ec2 = new EC2Client(ctx.aws);
    const options = (await ec2.send(new DescribeVpcBlockPublicAccessOptionsCommand({}))).VpcBlockPublicAccessOptions;
    const mode = options?.InternetGatewayBlockMode;
    const exclusions: BpaExclusion[] = [];
    if (mode !== undefined && mode !== 'off') {
      const ours = [vpcId, ...subnetIds];
      let nextToken: string | undefined;
      do {
        const page = await ec2.send(new DescribeVpcBlockPublicAccessExclusionsCommand({ NextToken: nextToken }));
        for (const e of page.VpcBlockPublicAccessExclusions ?? []) {
          if (e.ResourceArn && ours.some((id) => e.ResourceArn!.endsWith(`/${id}`))) {
            exclusions.push(defined({ resourceArn: e.ResourceArn, mode: e.InternetGatewayExclusionMode, state: e.State }));
          }
        }
        nextToken = page.NextToken;
      } while (nextToken);
    }
    return defined({
      mode,
      state: options?.State,
      managedBy: options?.ManagedBy,
      exclusionsAllowed: options?.ExclusionsAllowed,
      vpcId,
      subnetIds,
      exclusions,
    });
  },
});

/** Which way an analysis runs: instance → internet gateway (TCP 443). */
export type AnalyzerDirection = 'outbound';

/** Reachability Analyzer's verdict on one path, and the port it asked about. */
export interface AnalyzerVerdict extends ReachabilityVerdict {
  readonly port: number;
}

/**
 * Optional second evidence: Reachability Analyzer from a probe to the internet gateway (TCP 443).
 * Each path is its own observation, so a failed analysis makes only the check that asked for it
 * an error. Each analysis is billed (see the lab README for the price and its source).
 */
function analyzerOutbound(key: ProbeKey) {
  return observe({
    name: `analyzer-${kebab(key)}-outbound`,
    outputs: [PROBES[key], 'InternetGatewayId'],
    uses: PROBE_KEYS.map((k) => PROBE_OBSERVATIONS[k]),
    observe: async (ctx): Promise<AnalyzerVerdict | null> => {
      if (!ctx.options.analyzer) return null;
      // Every probe is read first, so the analyses (each can take up to the kit's 5 minutes) never spend
      // the probes' shared budget, which counts from the first console read. A probe that fails is that
      // probe's claims' error (remembered by the run), not this analysis's.
      for (const k of PROBE_KEYS) await ctx.observe(PROBE_OBSERVATIONS[k]).catch(() => undefined);
      const verdict = await analyzeReachability(ctx, ctx.outputs[PROBES[key]], ctx.outputs.InternetGatewayId, 443);
      return { ...verdict, explanations: [...verdict.explanations], port: 443 };
    },
  });
}

/** What a claim needs: which probes, the NAT gateway or NAT instance, and one analyzer path. */
interface ClaimNeeds {
  readonly probes: readonly ProbeKey[];
  readonly natGateway?: boolean;
  readonly natInstance?: boolean;
  readonly analyzer?: ProbeKey;
  /**
   * The claim reports the analyzer's answer and never judges it: a failed analysis (a missing
   * right, status `failed`, a timeout) is then reported in `analyzerFailed`, not an error of the claim.
   */
  readonly analyzerInformational?: boolean;
}

/** The observation one claim's live check judges: only what that claim needs. */
function claimObservation(name: string, needs: ClaimNeeds) {
  const analyzer = needs.analyzer ? analyzerOutbound(needs.analyzer) : undefined;
  // Read again once this claim's probes have settled (fifth review F2): the start reads are shared by the run.
  const firewallsAfter = firewallsAt(`${name}-security-groups-and-network-acls`);
  const routeTablesAfter = routeTablesAt(`${name}-route-tables`);
  const used = [
    vpcBlockPublicAccess,
    firewalls,
    routeTables,
    firewallsAfter,
    routeTablesAfter,
    ...needs.probes.map((k) => PROBE_OBSERVATIONS[k]),
    ...(needs.natGateway ? [natGateway] : []),
    ...(needs.natInstance ? [natInstance] : []),
    ...(analyzer ? [analyzer] : []),
  ];
  return observe({
    name,
    outputs: [],
    uses: used,
    observe: async (ctx): Promise<EgressObservation> => {
      // First, before any wait: with VPC Block Public Access blocking the lab's VPC, the control cannot
      // reach, and what a probe then shows is the account's setting, not the claim (an error, never a fail).
      const blocked = blockedBy(await ctx.observe(vpcBlockPublicAccess));
      if (blocked) throw new Error(blocked);
      const probes: Partial<Record<ProbeKey, ProbeObservation>> = {};
      for (const k of needs.probes) probes[k] = await ctx.observe(PROBE_OBSERVATIONS[k]);
      // The start reads (made before any try counted, see probeMarks), then this claim's own reads now that its probes
      // have settled: every try judged lies between the two.
      const firewallAtStart = await ctx.observe(firewalls);
      const routesAtStart = await ctx.observe(routeTables);
      const firewall = await ctx.observe(firewallsAfter);
      const routes = await ctx.observe(routeTablesAfter);
      let verdict: AnalyzerVerdict | null = null;
      let analyzerFailed: string | undefined;
      if (analyzer && needs.analyzerInformational) {
        verdict = await ctx.observe(analyzer).catch((error: unknown) => {
          analyzerFailed = error instanceof Error ? error.message : String(error);
          return null;
        });
      } else if (analyzer) verdict = await ctx.observe(analyzer);
      return {
        probes,
        ...(needs.natGateway ? { natGateway: await ctx.observe(natGateway) } : {}),
        ...(needs.natInstance ? { natInstance: await ctx.observe(natInstance) } : {}),
        ...(verdict ? { analyzer: verdict } : {}),
        ...(analyzerFailed ? { analyzerFailed } : {}),
        firewallAtStart,
        firewall,
        routesAtStart,
        routes,
        seconds: Math.max(0, ...Object.values(probes).map((p) => p?.secondsAfterStart ?? 0)),
      };
    },
  });
}

// The PublicWithIp control probe is read by every claim that judges another probe: "offline" counts
// only when the same run shows the internet answering, and a NAT path that does not reach proves
// nothing when checkip does not answer the control either. Every claim also reads VPC Block Public
// Access first (an error when it blocks the lab's VPC). B7.nat-instance-is-managed-by-you has no live
// observation: see checks.ts.
export const egressPublicWithIp = claimObservation('egress-public-with-ip', { probes: ['PublicWithIp'], analyzer: 'PublicWithIp' });
export const egressPublicNoIp = claimObservation('egress-public-no-ip', { probes: ['PublicNoIp', 'PublicWithIp'], analyzer: 'PublicNoIp', analyzerInformational: true });
export const egressPublicNoIpAndNatGateway = claimObservation('egress-public-no-ip-and-nat-gateway', { probes: ['PublicNoIp', 'ViaNatGateway', 'PublicWithIp'], natGateway: true });
export const egressPrivate = claimObservation('egress-private', { probes: ['ViaNatGateway', 'ViaNatInstance', 'PublicWithIp'], natGateway: true, natInstance: true });
export const egressNoRouteWithIp = claimObservation('egress-no-route-with-ip', { probes: ['NoRouteWithIp', 'PublicWithIp'], analyzer: 'NoRouteWithIp' });

/** What a settled try that neither reached nor failed to connect was, in words (curl man page, EXIT CODES). */
function inconclusiveWords(l: ProbeLine | undefined): string {
  if (!l) return 'no tries';
  const { answer, second } = tryParts(l);
  const out = answer.length > 60 ? `${answer.slice(0, 60)}…` : answer;
  if (l.rc === 0) return `answered with something that is not an IPv4 address (rc=0 out=${out || 'empty'})`;
  if (l.rc === 28 && DNS_TIMEOUT.test(answer)) return `timed out resolving the host name (curl 28: ${out}): DNS, not the route`;
  if (CONNECTION_FAILURE_CODES.includes(l.rc)) {
    // "Work with instance user data": "If you stop an instance, modify its user data, and start the instance, the
    // updated user data is not run automatically" (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-add-user-data.html),
    // so an update of the stack leaves the old probe running: only new instances get the second endpoint.
    if (!second) return `checkip did not connect (curl ${l.rc}) and the try has no second-endpoint result (a probe set up before the lab tried two endpoints; an update does not rerun user data: \`npx labs destroy nat-vs-public-ip\`, then deploy again)`;
    if (second.rc === 0) return `checkip did not connect (curl ${l.rc}: ${out}) but the second endpoint did (HTTP ${second.http}): the way out works, checkip did not answer`;
    return `checkip did not connect (curl ${l.rc}) and the second endpoint failed with rc=${second.rc}, which is not a connection failure`;
  }
  const known: Record<number, string> = {
    6: 'could not resolve the host name (curl 6: DNS)',
    22: 'got an HTTP error page (curl 22: HTTP 400 or above)',
    124: 'ran past the probe\'s own timeout (124)',
    127: 'found no curl (127)',
  };
  return `${known[l.rc] ?? `failed with rc=${l.rc}`}: ${out}`.replace(/: $/, '');
}

/** One probe in a sentence, for `observed`. */
export function describeProbe(p: ProbeObservation): string {
  const ip = p.publicIp ? `public IP ${p.publicIp}` : 'no public IP';
  const last = p.settled[p.settled.length - 1];
  const result = p.reached
    ? `reached the internet as ${p.egressIp}`
    : p.offline
      ? `connected to neither checkip nor the second endpoint in ${p.settled.length}/${p.settled.length} tries (last: checkip rc=${last?.rc} ${last ? tryParts(last).answer : ''}; second endpoint rc=${last ? tryParts(last).second?.rc : ''})`
      : p.secondReached && last
        ? `got out to the second endpoint (HTTP ${tryParts(last).second?.http}) in ${p.settled.length}/${p.settled.length} tries, but not to checkip (curl ${last.rc}: ${tryParts(last).answer}): it has a way out, and checkip did not say as which address`
        : `failed inconclusively: ${inconclusiveWords(last)}; not a connection failure, so it says nothing about the route`;
  return `${p.key} (${ip}) ${result}`;
}

/** The Reachability Analyzer sentence appended to `observed`, or nothing without `--analyzer`. */
export function describeAnalyzer(a: AnalyzerVerdict | undefined, failed?: string): string {
  if (failed) return ` Reachability Analyzer could not be asked: ${failed}.`;
  if (!a) return '';
  const codes = a.explanations.length > 0 ? ` (${a.explanations.join(', ')})` : '';
  return ` Reachability Analyzer ${a.source} → ${a.destination} (TCP ${a.port}): path ${a.pathFound ? 'found' : 'not found'}${codes}.`;
}
