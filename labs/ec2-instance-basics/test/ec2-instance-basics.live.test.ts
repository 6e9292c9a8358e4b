/**
 * The live checks of ec2-instance-basics against the mocked world of ./world.ts (responses shaped like
 * the EC2 and CloudWatch API references, cited there): each passes on the truthful world, fails on the
 * observation that contradicts the truth, and is inconclusive when the run did not exercise the behaviour.
 *
 * Literals the checks match, and where AWS documents them (cited beside each in checks.ts and the observe files):
 * - HTTP 401 for a tokenless metadata request with tokens required: "Use the Instance Metadata Service to access
 *   instance metadata", https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html
 * - Code "Success", AccessKeyId, Expiration, LastUpdated: "Retrieve security credentials from instance metadata",
 *   https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-metadata-security-credentials.html
 * - "ASIA" for temporary keys: "GetAccessKeyInfo", https://docs.aws.amazon.com/STS/latest/APIReference/API_GetAccessKeyInfo.html
 * - modifying | optimizing | completed | failed: "DescribeVolumesModifications",
 *   https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVolumesModifications.html
 * - available, in-use, deleting, deleted: "Volume", https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Volume.html
 * - running, terminated: "InstanceState", https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InstanceState.html
 * - attached: "VolumeAttachment", https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VolumeAttachment.html
 * - 60 and 300 s periods: "Manage detailed monitoring for your EC2 instances",
 *   https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/manage-detailed-monitoring.html
 */
import { DeleteSecurityGroupCommand, DescribeVolumesCommand, DescribeVolumesModificationsCommand, ModifyVolumeCommand, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { GetMetricDataCommand, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import * as path from 'node:path';
import { CATALOG } from '../../../catalog';
import { indexClaims } from '../../../lib/lab-kit/catalog/catalog';
import { runLiveChecks } from '../../../lib/lab-kit/checks/runner';
import { judgeLive } from '../../../lib/lab-kit/testing';
import { recordExampleRun } from '../../../lib/lab-kit/testing/example-run';
import { expectToMatchFileSnapshot } from '../../../lib/lab-kit/testing/file-snapshot';
import { ec2InstanceBasics } from '..';
import { IMDS_PROBE_COMMAND } from '../probes';
import { GetProductsCommand } from '@aws-sdk/client-pricing';
import { cw, ec2, fakeRun, mockWorld, pricing, truthfulWorld, type World } from './world';

afterEach(() => {
  ec2.reset();
  cw.reset();
  pricing.reset();
});

const claims = indexClaims(CATALOG);

async function run(change: (w: World) => void = () => undefined) {
  const w = truthfulWorld();
  change(w);
  const { clock, log } = mockWorld(w);
  const { results, observations } = await runLiveChecks(ec2InstanceBasics, fakeRun(clock), (id) => claims.get(id)?.claim);
  return { results, observations: Object.fromEntries(observations.map((o) => [o.name, o.value])) as Record<string, any>, log, outcome: (id: string) => results.find((r) => r.claim === id) };
}

async function observed(name: string, change: (w: World) => void = () => undefined) {
  return (await run(change)).observations[name];
}

describe('ec2-instance-basics observation', () => {
  test('its example run (test/fixtures/example-run.json) is the truthful world recorded: every live claim passes, the example says it is one', async () => {
    const { clock } = mockWorld(truthfulWorld());
    const record = await recordExampleRun(ec2InstanceBasics, fakeRun(clock), (id) => claims.get(id)?.claim, 'a truthful world: two instances 30 minutes old whose consoles show their metadata and disk probes, a throwaway instance launched and terminated, a volume grown');
    expect(record.results.filter((r) => r.outcome !== 'pass' && r.outcome !== 'skipped')).toEqual([]);
    expectToMatchFileSnapshot(record, path.join(__dirname, 'fixtures', 'example-run.json'));
  });

  test('every live claim passes on the truthful world; the throwaway group, instance and volume are gone afterwards', async () => {
    const r = await run();
    expect(r.results.filter((x) => x.outcome !== 'pass')).toEqual([]);
    expect(r.log).toEqual({ createdDeleted: true, launchedTerminated: 1, launchedDataDeleted: true, modifyCalls: 1 });
    expect(ec2).toHaveReceivedCommandWith(RunInstancesCommand, {
      TagSpecifications: [
        { ResourceType: 'instance', Tags: [{ Key: 'lab', Value: 'ec2-instance-basics' }, { Key: 'Name', Value: 'ec2-instance-basics-b22-termination' }] },
        { ResourceType: 'volume', Tags: [{ Key: 'lab', Value: 'ec2-instance-basics' }, { Key: 'Name', Value: 'ec2-instance-basics-b22-termination' }] },
      ],
    });
    // The root volume is not mapped, so the AMI's DeleteOnTermination is what the run observes.
    const input = ec2.commandCalls(RunInstancesCommand)[0].args[0].input;
    expect(input.BlockDeviceMappings).toEqual([{ DeviceName: '/dev/sdf', Ebs: { VolumeSize: 1, VolumeType: 'gp3', DeleteOnTermination: false, Encrypted: true } }]);
    expect(ec2).toHaveReceivedCommandWith(ModifyVolumeCommand, { Size: 2 });
  });

  test('ListMetrics is read to its last page', async () => {
    const o = await observed('metrics');
    expect(o.detailed.ec2MetricNames).toContain('StatusCheckFailed');
    expect(cw.commandCalls(ListMetricsCommand).filter((c) => c.args[0].input.NextToken === 'page-2').length).toBeGreaterThan(0);
    expect(cw).toHaveReceivedCommandWith(GetMetricDataCommand, { ScanBy: 'TimestampAscending' });
  });

  test('the group it created is deleted even when reading it back fails', async () => {
    const r = await run((w) => void (w.describeCreatedFails = true));
    expect(r.outcome('B6.new-sg-allows-all-outbound')?.outcome).toBe('error');
    expect(ec2).toHaveReceivedCommandTimes(DeleteSecurityGroupCommand, 1);
    // One failed observation errors only its own claims.
    expect(r.outcome('T1.imdsv2-requires-session-token')?.outcome).toBe('pass');
  });

  test('B6: a new group not visible yet (InvalidGroup.NotFound, eventual consistency) is read again, at most 5 times 2 s apart', async () => {
    const r = await run((w) => void (w.createdHiddenTries = 4));
    expect(r.outcome('B6.new-sg-allows-all-outbound')?.outcome).toBe('pass');
    expect(r.outcome('B6.new-sg-has-no-inbound-rules')?.outcome).toBe('pass');
    const beyond = await run((w) => void (w.createdHiddenTries = 5));
    expect(beyond.outcome('B6.new-sg-allows-all-outbound')?.outcome).toBe('error');
    expect(ec2).toHaveReceivedCommandTimes(DeleteSecurityGroupCommand, 1);
  });

  test('I26: the Price List is asked in us-east-1 for AmazonVPC PublicIPv4 usage types of the lab Region, every page; the lab addresses are listed', async () => {
    const r = await run((w) => void (w.eniPublicIp = '203.0.113.7'));
    expect(pricing).toHaveReceivedCommandWith(GetProductsCommand, { ServiceCode: 'AmazonVPC', Filters: [{ Type: 'TERM_MATCH', Field: 'regionCode', Value: 'us-east-1' }, { Type: 'CONTAINS', Field: 'usagetype', Value: 'PublicIPv4:' }] });
    expect(await pricing.commandCalls(GetProductsCommand)[0].thisValue.config.region()).toBe('us-east-1');
    expect(pricing.commandCalls(GetProductsCommand).some((c) => c.args[0].input.NextToken === 'page-2')).toBe(true);
    const o = r.observations['public-ipv4'];
    expect(o.prices.map((p: any) => [p.usageType, p.usdPerHour])).toEqual([['USE1-PublicIPv4:InUseAddress', 0.005], ['USE1-PublicIPv4:IdleAddress', 0.005]]);
    expect(o.labAddresses).toEqual([{ address: '203.0.113.7', source: 'network interface eni-0a000000000000001' }]);
    expect(r.outcome('I26.every-public-ipv4-address-is-billed')?.reasons.join(' ') ?? '').not.toMatch(/expected/);
  });

  test('I26: a denied Price List call (AccessDeniedException) is an error of the check, not a verdict', async () => {
    const r = await run((w) => void (w.pricingDenied = true));
    expect(r.outcome('I26.every-public-ipv4-address-is-billed')?.outcome).toBe('error');
    expect(r.outcome('B6.new-sg-allows-all-outbound')?.outcome).toBe('pass');
  });

  test('a run that fails after launching still terminates the instance and deletes its data volume', async () => {
    const r = await run((w) => void (w.launchedDescribeFails = true));
    expect(r.outcome('B22.root-volume-deletes-on-termination-by-default')?.outcome).toBe('error');
    expect(r.log.launchedTerminated).toBe(1);
    expect(r.log.launchedDataDeleted).toBe(true);
    // Found by its launch tag, not by an attachment that a pending instance may not have yet.
    expect(ec2).toHaveReceivedCommandWith(DescribeVolumesCommand, { Filters: expect.arrayContaining([{ Name: 'tag:Name', Values: ['ec2-instance-basics-b22-termination'] }]) });
  });

  test('B22: the throwaway instance ends itself if the run is cut off (shutdown -h +15, shutdown behaviour terminate)', async () => {
    await run();
    const input = ec2.commandCalls(RunInstancesCommand)[0].args[0].input;
    // "Change the instance initiated shutdown behavior": with terminate, a shutdown from the instance terminates it.
    expect(input.InstanceInitiatedShutdownBehavior).toBe('terminate');
    expect(Buffer.from(input.UserData ?? '', 'base64').toString()).toBe('#!/bin/bash\nshutdown -h +15\n');
    expect(input.MetadataOptions).toEqual({ HttpTokens: 'required', HttpEndpoint: 'enabled', HttpPutResponseHopLimit: 1 });
  });

  test('B24: a never-modified volume (DescribeVolumesModifications throws InvalidVolumeModification.NotFound, before and just after ModifyVolume) is grown and judged', async () => {
    // The error is the service's for a volume without modification history (awslabs/aws-sdk-rust issue #1346,
    // https://github.com/awslabs/aws-sdk-rust/issues/1346), thrown by the world as an EC2ServiceException.
    const r = await run((w) => void (w.modificationHiddenPolls = 3));
    expect(r.log.modifyCalls).toBe(1);
    expect(ec2.commandCalls(DescribeVolumesModificationsCommand).length).toBeGreaterThan(4);
    expect(r.outcome('B24.elastic-volumes-grow-attached-volume')?.outcome).toBe('pass');
    expect(r.outcome('B24.grow-file-system-after-volume-resize')?.outcome).toBe('pass');
    expect(r.observations['volume-growth'].earlier).toBeUndefined();
  });

  test("B24: another DescribeVolumesModifications error is the check's error, not a verdict", async () => {
    const { clock } = mockWorld(truthfulWorld());
    ec2.on(DescribeVolumesModificationsCommand).rejects(Object.assign(new Error('You are not authorized to perform this operation.'), { name: 'UnauthorizedOperation' }));
    const { results } = await runLiveChecks(ec2InstanceBasics, fakeRun(clock), (id) => claims.get(id)?.claim);
    expect(results.find((x) => x.claim === 'B24.elastic-volumes-grow-attached-volume')?.outcome).toBe('error');
    expect(ec2).toHaveReceivedCommandTimes(ModifyVolumeCommand, 0);
  });

  test('a re-run finds the earlier modification, does not modify again, and reports it as inconclusive, not failed', async () => {
    const r = await run((w) => void (w.earlierModification = true));
    expect(r.log.modifyCalls).toBe(0);
    const growth = r.outcome('B24.elastic-volumes-grow-attached-volume');
    expect(growth?.outcome).toBe('inconclusive');
    expect(growth?.reasons.join(' ')).toMatch(/earlier modification \(completed, 1 to 2 GiB/);
    // The file system claim still reads the grown block device next to the ungrown file system.
    expect(r.outcome('B24.grow-file-system-after-volume-resize')?.outcome).toBe('pass');
  });

  test('the metadata probe prints no secret: only Code, four characters of the key id and the two times', () => {
    expect(IMDS_PROBE_COMMAND).not.toMatch(/SecretAccessKey|"Token"|\$t\b[^;]*echo/);
    expect(IMDS_PROBE_COMMAND).toContain('[:4]');
    expect(IMDS_PROBE_COMMAND).toContain('tokenlen=${#t}');
  });
});

describe('ec2-instance-basics live checks fail on the observation that contradicts the truth', () => {
  const cases: Array<[string, (w: World) => void, RegExp]> = [
    ['B6.new-sg-allows-all-outbound', (w) => void (w.createdEgress = []), /outbound rules AWS gives a new group: expected 1, saw 0/],
    ['B6.new-sg-has-no-inbound-rules', (w) => void (w.defaultIngress = []), /the default group admits all traffic from its own members/],
    ['T1.imdsv2-requires-session-token', (w) => void (w.v1Status = '200'), /refused with HTTP 401: expected 401, 401, saw 200, 200/],
    ['I9.role-attached-through-instance-profile', (w) => void (w.basicHasRole = true), /the instance without an instance profile gets none/],
    ['I9.sdk-fetches-role-credentials-from-imds', (w) => void (w.keyPrefix = 'AKIA'), /the key id is temporary \(starts ASIA\): expected ASIA, saw AKIA/],
    ['B20.memory-metrics-need-cloudwatch-agent', (w) => void w.ec2Metrics.push('mem_used_percent'), /memory or disk-space metrics in AWS\/EC2: expected none, saw mem_used_percent/],
    ['B20.detailed-monitoring-sends-one-minute-metrics', (w) => void (w.spacing.detailed = 300), /median spacing with detailed monitoring, seconds: expected 60, saw 300/],
    ['I20.detailed-monitoring-uses-one-minute-periods', (w) => void (w.spacing.basic = 60), /smallest spacing with basic monitoring/],
    ['B22.root-volume-deletes-on-termination-by-default', (w) => void (w.launchedDataAfter = 'gone'), /the data volume \(DeleteOnTermination false\) is left, available: expected available, saw gone/],
    ['B24.elastic-volumes-grow-attached-volume', (w) => void (w.modificationStates = ['modifying', 'failed']), /the modification did not fail/],
    ['B24.grow-file-system-after-volume-resize', (w) => void (w.fsGrows = true), /the file system is still at most its launch size/],
    ['I26.every-public-ipv4-address-is-billed', (w) => void (w.ipv4Prices.inUse = '0.0000000000'), /an in-use \(attached\) public IPv4 address has a price per hour > 0: expected > \$0\/hour, saw \$0\/hour/],
  ];
  test.each(cases)('%s', async (claim, change, reason) => {
    const r = await run(change);
    const result = r.outcome(claim);
    expect(result?.outcome).toBe('fail');
    expect(result?.reasons.join(' ')).toMatch(reason);
  });

  test('B22: a root volume whose flag is off and which stays fails the default', async () => {
    const o = await observed('termination', (w) => void (w.launchedRootDeleteOnTermination = false));
    const j = judgeLive(ec2InstanceBasics, 'B22.root-volume-deletes-on-termination-by-default', { ...o, rootVolumeAfter: 'available' });
    expect(j.outcome).toBe('fail');
    expect(j.reasons.join(' ')).toMatch(/the root volume's DeleteOnTermination, as the AMI sets it: expected true, saw false/);
  });
});

describe('ec2-instance-basics live checks are inconclusive when the run did not exercise the behaviour', () => {
  test('B20, I20: instances too young for three gaps say how long to wait', async () => {
    const r = await run((w) => void (w.ageMinutes = 8));
    for (const claim of ['B20.detailed-monitoring-sends-one-minute-metrics', 'I20.detailed-monitoring-uses-one-minute-periods']) {
      const result = r.outcome(claim);
      expect(result?.outcome).toBe('inconclusive');
      expect(result?.reasons.join(' ')).toMatch(/at least 3 gaps for the basic instance \(saw 0 data points 8 min after launch \(needs 4: wait until the instance has run about 25 minutes\)\)/);
    }
  });

  test('B20: before any metric has arrived, the agent claim proves nothing', async () => {
    const r = await run((w) => void (w.ec2Metrics = []));
    expect(r.outcome('B20.memory-metrics-need-cloudwatch-agent')?.outcome).toBe('inconclusive');
  });

  test('B6: no default group found', async () => {
    const o = await observed('security-groups');
    const j = judgeLive(ec2InstanceBasics, 'B6.new-sg-has-no-inbound-rules', { ...o, vpcDefault: undefined });
    expect(j.outcome).toBe('inconclusive');
  });

  test('T1, I9: an instance whose tokens were made optional after the deploy', async () => {
    const o = await observed('metadata');
    const changed = { ...o, instances: { ...o.instances, basic: { ...o.instances.basic, httpTokens: 'optional' }, detailed: { ...o.instances.detailed, httpTokens: 'optional' } } };
    expect(judgeLive(ec2InstanceBasics, 'T1.imdsv2-requires-session-token', changed).outcome).toBe('inconclusive');
    expect(judgeLive(ec2InstanceBasics, 'I9.sdk-fetches-role-credentials-from-imds', changed).outcome).toBe('inconclusive');
    const profiled = { ...o, instances: { ...o.instances, basic: { ...o.instances.basic, instanceProfileArn: 'arn:aws:iam::123456789012:instance-profile/x' } } };
    expect(judgeLive(ec2InstanceBasics, 'I9.role-attached-through-instance-profile', profiled).outcome).toBe('inconclusive');
  });

  test('T1, I9: with the metadata service off (HttpEndpoint disabled, 403 to everything) nothing is judged, nothing fails', async () => {
    const r = await run((w) => void (w.imds = 'off'));
    for (const claim of ['T1.imdsv2-requires-session-token', 'I9.sdk-fetches-role-credentials-from-imds']) {
      expect(r.outcome(claim)?.outcome).toBe('inconclusive');
      expect(r.outcome(claim)?.reasons.join(' ')).toMatch(/HttpEndpoint enabled/);
    }
  });

  test('T1, I9: with the endpoint on but the address blocked on the host (curl 000, no token) the run is inconclusive', async () => {
    const r = await run((w) => void (w.imds = 'blocked'));
    for (const claim of ['T1.imdsv2-requires-session-token', 'I9.sdk-fetches-role-credentials-from-imds']) {
      expect(r.outcome(claim)?.outcome).toBe('inconclusive');
      expect(r.outcome(claim)?.reasons.join(' ')).toMatch(/a token was issued and the request with it got 200/);
    }
  });

  test('B24: with /data not mounted, df measures the root file system: inconclusive, not failed', async () => {
    const r = await run((w) => void (w.dataMounted = false));
    const result = r.outcome('B24.grow-file-system-after-volume-resize');
    expect(result?.outcome).toBe('inconclusive');
    expect(result?.reasons.join(' ')).toMatch(/the data volume's file system is what is mounted at \/data \(else df measures the root file system\) \(saw none mounted, the volume is \/dev\/nvme1n1\)/);
  });

  test('I26: without the idle usage type in the Price List the claim is not judged', async () => {
    const r = await run((w) => void (w.ipv4Prices.idle = undefined));
    expect(r.outcome('I26.every-public-ipv4-address-is-billed')?.outcome).toBe('inconclusive');
  });

  test('I26: an idle address priced at zero fails', async () => {
    const r = await run((w) => void (w.ipv4Prices.idle = '0.0000000000'));
    expect(r.outcome('I26.every-public-ipv4-address-is-billed')?.outcome).toBe('fail');
  });

  test('B22: an instance that never reached running', async () => {
    const o = await observed('termination');
    const j = judgeLive(ec2InstanceBasics, 'B22.root-volume-deletes-on-termination-by-default', { ...o, secondsToRunning: undefined, launched: { ...o.launched, state: 'pending' } });
    expect(j.outcome).toBe('inconclusive');
  });

  test('B24: ModifyVolume refused (the rate limit, say), or the block device never grew inside the instance', async () => {
    const o = await observed('volume-growth');
    const refused = { ...o, modified: false, modifyError: 'VolumeModificationRateExceeded: You have reached the maximum modification rate per volume limit.', states: [] };
    expect(judgeLive(ec2InstanceBasics, 'B24.elastic-volumes-grow-attached-volume', refused).outcome).toBe('inconclusive');
    expect(judgeLive(ec2InstanceBasics, 'B24.grow-file-system-after-volume-resize', refused).outcome).toBe('inconclusive');
    const unseen = { ...o, diskAfter: undefined, diskAfterError: 'probe disk did not settle' };
    expect(judgeLive(ec2InstanceBasics, 'B24.grow-file-system-after-volume-resize', unseen).outcome).toBe('inconclusive');
  });
});
