/**
 * The live checks against a mocked AWS world: Elastic Load Balancing (v2) and EC2 through
 * aws-sdk-client-mock, the HTTP requests through a replaced transport, DNS mocked, a fake clock.
 * Responses follow the API references:
 *
 * @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeNetworkInterfaces.html
 * @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkInterface.html (AvailabilityZone, Association.PublicIp, Description, InterfaceType)
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeTargetHealth.html
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetHealth.html (State and Reason codes)
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeLoadBalancerAttributes.html
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeTargetGroupAttributes.html
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_ModifyTargetGroupAttributes.html
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeTargetGroups.html
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_ModifyTargetGroup.html
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-cross-zone.html (values true, false, use_load_balancer_configuration)
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-health-checks.html (fail-open)
 * @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateTags.html
 * @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteTags.html
 * @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeTags.html (TagDescription: Key, ResourceId, ResourceType, Value)
 */
jest.mock('node:dns/promises', () => ({ resolve4: jest.fn() }));

import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as dns from 'node:dns/promises';
import { CreateTagsCommand, DeleteTagsCommand, DescribeNetworkInterfacesCommand, DescribeTagsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeLoadBalancerAttributesCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  ModifyTargetGroupAttributesCommand,
  ModifyTargetGroupCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { CATALOG } from '../../../catalog';
import { indexClaims } from '../../../lib/lab-kit/catalog/catalog';
import { runLiveChecks } from '../../../lib/lab-kit/checks/runner';
import { fakeObserveContext, judgeLive } from '../../../lib/lab-kit/testing';
import { recordExampleRun } from '../../../lib/lab-kit/testing/example-run';
import { expectToMatchFileSnapshot } from '../../../lib/lab-kit/testing/file-snapshot';
import { loadBalancerCrossZone as lab } from '..';
import { INTERRUPT_SIGNALS } from '../../../lib/lab-kit/checks/restoring-on-signal';
import { ALPHA_ON, zeroOfNUpperBound } from '../checks';
import { crossZone, type CrossZoneObservation, FAILING_HEALTH_CHECK_PATH, healthDrain, type HealthDrainObservation, REACHABILITY_REQUESTS, REACHABILITY_TIMEOUT_MS } from '../observe';
import { transport } from '../probe';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const ec2 = mockClient(EC2Client);

const LB_ARN = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/load-b-Servi-1A2B3C4D5E6F/50dc6c495c0c9188';
const TG_ARN = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/load-b-Servi-7G8H9I0J1K2L/73e2d6bc24d8a067';
const SMALL = ['i-0a1b2c3d4e5f60718'];
const LARGE = ['i-0b2c3d4e5f6071829', 'i-0c3d4e5f607182930', 'i-0d4e5f60718293041'];
const NODES = { 'us-east-1a': '203.0.113.10', 'us-east-1b': '198.51.100.20' } as const;
const OUTPUTS = {
  LoadBalancerArn: LB_ARN,
  LoadBalancerDnsName: 'load-b-Servi-1A2B3C4D5E6F-50dc6c495c0c9188.elb.us-east-1.amazonaws.com',
  TargetGroupArn: TG_ARN,
  SmallZoneInstanceIds: SMALL.join(','),
  LargeZoneInstanceIds: LARGE.join(','),
  SmallZone: 'us-east-1a',
  LargeZone: 'us-east-1b',
  IngressCidr: '0.0.0.0/0',
};

/** How AWS behaves in a test: the truth by default; each failing case changes one thing. */
interface Behaviour {
  /** Cross-zone off: the share of a node's requests that go to the other zone (truth 0; the seed's "proportional" world is 3/4 and 1/4). */
  offCross: { small: number; large: number };
  /** Cross-zone on: the same (truth: 3/4 from the small node, 1/4 from the large one). */
  onCross: { small: number; large: number };
  /** ModifyTargetGroupAttributes changes nothing the traffic shows. */
  changeIgnored: boolean;
  /** DescribeTargetHealth reads of 'initial' before the targets are healthy. */
  initialReads: number;
  /** Targets stay healthy after the health-check path change. */
  neverUnhealthy: boolean;
  /** While every target is unhealthy, the load balancer resets connections (fail-closed). */
  failClosed: boolean;
  /** Every request fails with this code (the user's network). */
  networkDown?: string;
  /** The load balancer attribute as created. */
  lbCrossZone: string;
  /** How long after ModifyTargetGroupAttributes the traffic through each node shows the change (either way): each node is a zonal data plane of its own. */
  changeDelayMs: { small: number; large: number };
  /** What an interrupted earlier run left on the target group (the world starts with it). */
  leftover?: { tgCrossZone?: string; path?: string };
  /** The nodes keep sending to a target the control plane reads unhealthy (a data plane that does not act on health, or lags). */
  ignoresHealth?: boolean;
  /** Instances already tagged lab-health=fail by an interrupted run. */
  taggedBefore?: string[];
  /** A cross-zone "on" turned off this long before the run starts (a run just before). */
  turnedOffBeforeMs?: number;
}

function truth(): Behaviour {
  return {
    offCross: { small: 0, large: 0 },
    onCross: { small: 0.75, large: 0.25 },
    changeIgnored: false,
    initialReads: 0,
    neverUnhealthy: false,
    failClosed: false,
    lbCrossZone: 'false',
    changeDelayMs: { small: 12_000, large: 12_000 },
  };
}

/** A seeded generator (mulberry32), so the counts are the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Ctx = ReturnType<typeof fakeObserveContext>;

function context(options: Record<string, string | boolean> = {}): Ctx {
  return fakeObserveContext({ labId: 'load-balancer-cross-zone', outputs: OUTPUTS, options, region: 'us-east-1' });
}

/** The world: the target group's attribute, its health-check path and when it changed, on the context's clock. */
function mockWorld(ctx: Ctx, b: Behaviour) {
  elbv2.reset();
  ec2.reset();
  const world = {
    tgCrossZone: b.leftover?.tgCrossZone ?? 'use_load_balancer_configuration',
    /** Every cross-zone change, with when it was made: each node applies it after its own delay. */
    crossZoneHistory: [
      { at: -Infinity, value: b.turnedOffBeforeMs !== undefined ? 'true' : (b.leftover?.tgCrossZone ?? 'use_load_balancer_configuration') },
      ...(b.turnedOffBeforeMs !== undefined ? [{ at: ctx.now() - b.turnedOffBeforeMs, value: 'use_load_balancer_configuration' }] : []),
    ],
    path: b.leftover?.path ?? '/health.txt',
    pathChangedAt: b.leftover?.path ? -Infinity : 0,
    restoredAt: -Infinity,
    reads: 0,
    modifications: [] as string[],
    /** Instances tagged lab-health=fail, with when. */
    tagged: Object.fromEntries((b.taggedBefore ?? []).map((id) => [id, -Infinity])) as Record<string, number>,
  };
  const rnd = random(7);
  const healthFailing = () => world.path !== '/health.txt' && !b.neverUnhealthy;
  // Each target turns unhealthy after UnhealthyThresholdCount (2) failed checks 10 s apart, the first up to one interval after the change.
  const offsets = [13_000, 17_000, 21_000, 24_000];
  const ids = [...SMALL, ...LARGE];
  const stateOf = (i: number): { State: string; Reason?: string; Description?: string } => {
    if (world.reads <= b.initialReads) return { State: 'initial', Reason: 'Elb.InitialHealthChecking', Description: 'Initial health checks in progress' };
    const unhealthy = { State: 'unhealthy', Reason: 'Target.ResponseCodeMismatch', Description: 'Health checks failed with these codes: [404]' };
    if (healthFailing() && ctx.now() - world.pathChangedAt >= offsets[i]) return unhealthy;
    // Its own tag: the server answers the health check 503 (same thresholds).
    const taggedAt = world.tagged[ids[i]];
    if (taggedAt !== undefined && !b.neverUnhealthy && ctx.now() - taggedAt >= offsets[i]) return { State: 'unhealthy', Reason: 'Target.ResponseCodeMismatch', Description: 'Health checks failed with these codes: [503]' };
    // Back to healthy after HealthyThresholdCount (2) passed checks 10 s apart.
    if (!healthFailing() && ctx.now() - world.restoredAt < offsets[i] - 2_000) return unhealthy;
    return { State: 'healthy' };
  };
  elbv2.on(DescribeTargetHealthCommand).callsFake(() => {
    world.reads++;
    return { TargetHealthDescriptions: ids.map((Id, i) => ({ Target: { Id, Port: 8080 }, HealthCheckPort: '8080', TargetHealth: stateOf(i) })) };
  });
  elbv2.on(DescribeLoadBalancerAttributesCommand).callsFake(() => ({
    Attributes: [
      { Key: 'deletion_protection.enabled', Value: 'false' },
      { Key: 'load_balancing.cross_zone.enabled', Value: b.lbCrossZone },
      { Key: 'dns_record.client_routing_policy', Value: 'any_availability_zone' },
    ],
  }));
  elbv2.on(DescribeTargetGroupAttributesCommand).callsFake(() => ({
    Attributes: [
      { Key: 'deregistration_delay.timeout_seconds', Value: '10' },
      { Key: 'load_balancing.cross_zone.enabled', Value: world.tgCrossZone },
      { Key: 'preserve_client_ip.enabled', Value: 'true' },
    ],
  }));
  elbv2.on(ModifyTargetGroupAttributesCommand).callsFake((input) => {
    const v = input.Attributes.find((a: any) => a.Key === 'load_balancing.cross_zone.enabled')?.Value;
    world.modifications.push(`cross-zone=${v}`);
    world.tgCrossZone = v;
    world.crossZoneHistory.push({ at: ctx.now(), value: v });
    return { Attributes: [{ Key: 'load_balancing.cross_zone.enabled', Value: v }] };
  });
  elbv2.on(DescribeTargetGroupsCommand).callsFake(() => ({
    TargetGroups: [
      {
        TargetGroupArn: TG_ARN,
        TargetGroupName: 'load-b-Servi-7G8H9I0J1K2L',
        Protocol: 'TCP',
        Port: 8080,
        VpcId: 'vpc-0e1f2a3b4c5d6e7f8',
        HealthCheckProtocol: 'HTTP',
        HealthCheckPort: 'traffic-port',
        HealthCheckEnabled: true,
        HealthCheckIntervalSeconds: 10,
        HealthCheckTimeoutSeconds: 5,
        HealthyThresholdCount: 2,
        UnhealthyThresholdCount: 2,
        HealthCheckPath: world.path,
        Matcher: { HttpCode: '200' },
        LoadBalancerArns: [LB_ARN],
        TargetType: 'instance',
        IpAddressType: 'ipv4',
      },
    ],
  }));
  elbv2.on(ModifyTargetGroupCommand).callsFake((input) => {
    world.modifications.push(`path=${input.HealthCheckPath}`);
    if (input.HealthCheckPath === '/health.txt') world.restoredAt = ctx.now();
    else world.pathChangedAt = ctx.now();
    world.path = input.HealthCheckPath;
    return {};
  });
  ec2.on(DescribeNetworkInterfacesCommand).callsFake((input) => {
    expect(input.Filters).toEqual([{ Name: 'description', Values: ['ELB net/load-b-Servi-1A2B3C4D5E6F/50dc6c495c0c9188'] }]);
    return {
      NetworkInterfaces: Object.entries(NODES).map(([zone, ip], i) => ({
        Association: { IpOwnerId: 'amazon-elb', PublicDnsName: `ec2-${ip.replace(/\./g, '-')}.compute-1.amazonaws.com`, PublicIp: ip },
        Attachment: { AttachmentId: `ela-attach-0${i}a1b2c3d4e5f6a7b`, DeviceIndex: 1, Status: 'attached', InstanceOwnerId: 'amazon-aws' },
        AvailabilityZone: zone,
        Description: 'ELB net/load-b-Servi-1A2B3C4D5E6F/50dc6c495c0c9188',
        Groups: [{ GroupName: 'load-balancer-cross-zone-ServiceSecurityGroup', GroupId: 'sg-0123456789abcdef0' }],
        InterfaceType: 'network_load_balancer',
        NetworkInterfaceId: `eni-0${i}1a2b3c4d5e6f7a8`,
        OwnerId: '123456789012',
        PrivateIpAddress: `10.40.${i}.${20 + i}`,
        RequesterId: 'amazon-elb',
        RequesterManaged: true,
        SourceDestCheck: true,
        Status: 'in-use',
        SubnetId: `subnet-0${i}aa11bb22cc33dd4`,
        VpcId: 'vpc-0e1f2a3b4c5d6e7f8',
      })),
    };
  });
  // CreateTags, DeleteTags and DescribeTags as the EC2 API Reference shapes them (CreateTags and DeleteTags return only "return": true).
  ec2.on(CreateTagsCommand).callsFake((input) => {
    for (const id of input.Resources) if (input.Tags.some((t: any) => t.Key === 'lab-health' && t.Value === 'fail')) world.tagged[id] = ctx.now();
    world.modifications.push(`tag ${input.Resources.join(',')} lab-health=fail`);
    return { Return: true };
  });
  ec2.on(DeleteTagsCommand).callsFake((input) => {
    for (const id of input.Resources) if (world.tagged[id] !== undefined) delete world.tagged[id];
    world.modifications.push(`untag ${input.Resources.join(',')}`);
    return { Return: true };
  });
  ec2.on(DescribeTagsCommand).callsFake((input) => {
    const wanted = input.Filters.find((f: any) => f.Name === 'resource-id').Values;
    return { Tags: Object.keys(world.tagged).filter((id) => wanted.includes(id)).map((id) => ({ Key: 'lab-health', ResourceId: id, ResourceType: 'instance', Value: 'fail' })) };
  });
  (dns.resolve4 as jest.Mock).mockResolvedValue([NODES['us-east-1b'], NODES['us-east-1a']]);
  const pick = (list: readonly string[]) => list[Math.floor(rnd() * list.length)];
  jest.spyOn(transport, 'get').mockImplementation(async (address) => {
    if (b.networkDown) return { error: b.networkDown };
    const small = address === NODES['us-east-1a'];
    const allUnhealthy = healthFailing() && ctx.now() - world.pathChangedAt >= offsets[3];
    if (allUnhealthy && b.failClosed) return { error: 'ECONNRESET' };
    const delay = small ? b.changeDelayMs.small : b.changeDelayMs.large;
    const applied = [...world.crossZoneHistory].reverse().find((c) => ctx.now() - c.at >= delay)!;
    const on = applied.value === 'true' && !b.changeIgnored;
    const cross = on ? b.onCross : b.offCross;
    const goesAcross = rnd() < (small ? cross.small : cross.large);
    // With some targets healthy, the nodes send only to those (unless the world ignores health); all unhealthy: to all.
    const healthyNow = (id: string) => stateOf(ids.indexOf(id)).State !== 'unhealthy';
    const routable = (list: readonly string[]) => (b.ignoresHealth || !ids.some(healthyNow) ? list : list.filter(healthyNow));
    const instanceId = small !== goesAcross ? pick(routable(SMALL)) : pick(routable(LARGE));
    return { status: 200, instanceId };
  });
  return world;
}

afterEach(() => jest.restoreAllMocks());

async function observeCrossZone(b: Behaviour, options: Record<string, string | boolean> = {}) {
  const ctx = context(options);
  const world = mockWorld(ctx, b);
  const o = await ctx.observe(crossZone);
  return { ctx, world, o };
}

async function observeHealth(b: Behaviour) {
  const ctx = context();
  const world = mockWorld(ctx, b);
  const o = await ctx.observe(healthDrain);
  return { ctx, world, o };
}

describe('load-balancer-cross-zone live checks, the truthful world', () => {
  test('cross-zone off: each node answers from its own zone only, the lone target takes about half, the seed\'s quarter is rejected', async () => {
    const { o, world } = await observeCrossZone(truth());
    const j = judgeLive(lab, 'I10.nodes-route-only-to-own-az-targets', o);
    expect(j.outcome).toBe('pass');
    expect(o.off?.map((c) => c.zone)).toEqual(['us-east-1a', 'us-east-1b']);
    expect(o.off?.[0].byInstance).toEqual({ [SMALL[0]]: 200 });
    // Restored: the attribute back to what it was, after the change.
    expect(world.modifications).toEqual(['cross-zone=true', 'cross-zone=use_load_balancer_configuration']);
    expect(world.tgCrossZone).toBe('use_load_balancer_configuration');
  });

  test('cross-zone on: every target about a quarter (chi-square and binomial), both nodes answered across zones', async () => {
    const { o } = await observeCrossZone(truth());
    const j = judgeLive(lab, 'I10.cross-zone-spreads-across-all-az-targets', o);
    expect(j.reasons).toEqual([]);
    expect(j.outcome).toBe('pass');
    expect(o.changeSeenAfterSeconds).toEqual({ 'us-east-1a': 15, 'us-east-1b': 15 });
  });

  test('the NLB reads cross-zone off as created, the target group defers to it', async () => {
    const { o } = await observeCrossZone(truth());
    expect(judgeLive(lab, 'I10.cross-zone-charges-depend-on-lb-type', o).outcome).toBe('pass');
    expect(judgeLive(lab, 'B18.elb-routes-to-target-groups', o).outcome).toBe('pass');
  });

  test('health-check drain and fail-open: every target unhealthy, every target still answers; the path is restored and the targets healthy again', async () => {
    const { o, world } = await observeHealth(truth());
    const j = judgeLive(lab, 'B18.elb-fails-open-when-all-unhealthy', o);
    expect(j.outcome).toBe('pass');
    expect(world.modifications).toEqual([`tag ${LARGE[0]} lab-health=fail`, `path=${FAILING_HEALTH_CHECK_PATH}`, `untag ${LARGE[0]}`, 'path=/health.txt']);
    // The data plane was first seen withholding the one unhealthy target, which then answered again once all were unhealthy.
    expect(o.oneUnhealthy).toMatchObject({ target: LARGE[0], withheldAfterSeconds: 0 });
    expect(o.oneUnhealthy?.withheldRound?.byInstance[LARGE[0]]).toBeUndefined();
    expect([...o.failOpen!, ...o.failOpenLater!].reduce((a, c) => a + (c.byInstance[LARGE[0]] ?? 0), 0)).toBeGreaterThan(0);
    expect(o.restored).toMatchObject({ ok: true, path: '/health.txt' });
    expect(Math.max(...Object.values(o.unhealthyAfterSeconds ?? {}).map(Number))).toBe(24);
    expect(j.judgement.figures).toEqual(expect.arrayContaining([{ name: 'documented: unhealthy threshold × interval', value: 20, unit: 's' }]));
  });

  test('its example run (test/fixtures/example-run.json) is the truthful world recorded: every live claim passes, the example says it is one', async () => {
    const ctx = context();
    mockWorld(ctx, truth());
    const claims = indexClaims(CATALOG);
    const record = await recordExampleRun(lab, ctx, (id) => claims.get(id)?.claim, 'a truthful world: Elastic Load Balancing and EC2 simulated per their API references, 1 target in one zone and 3 in the other, requests answered by a seeded simulation');
    expect(record.results.filter((r) => r.outcome !== 'pass' && r.outcome !== 'skipped')).toEqual([]);
    expectToMatchFileSnapshot(record, path.join(__dirname, 'fixtures', 'example-run.json'));
  });
});

describe('load-balancer-cross-zone live checks fail when AWS contradicts the truth', () => {
  test("the seed's world (traffic in proportion to zone size, cross-zone off): fails naming the own-zone expectations and the share", async () => {
    const { o } = await observeCrossZone({ ...truth(), offCross: { small: 0.75, large: 0.25 } });
    const j = judgeLive(lab, 'I10.nodes-route-only-to-own-az-targets', o);
    expect(j.outcome).toBe('fail');
    expect(j.reasons.join('\n')).toContain("answers through the smaller zone's node from the other zone's targets: expected 0");
  });

  test('cross-zone on that keeps most traffic in the zone: the equal-shares expectations fail', async () => {
    const { o } = await observeCrossZone({ ...truth(), onCross: { small: 0.2, large: 0.05 } });
    const j = judgeLive(lab, 'I10.cross-zone-spreads-across-all-az-targets', o);
    expect(j.outcome).toBe('fail');
    expect(j.reasons.join('\n')).toContain('equal shares over the 4 targets');
  });

  test('an NLB created with cross-zone on: the default expectation fails', async () => {
    const { o } = await observeCrossZone({ ...truth(), lbCrossZone: 'true' });
    expect(judgeLive(lab, 'I10.cross-zone-charges-depend-on-lb-type', o).outcome).toBe('fail');
    // And the off claim is not judged on a load balancer that crosses zones: inconclusive, not a fail.
    expect(judgeLive(lab, 'I10.nodes-route-only-to-own-az-targets', o).outcome).toBe('inconclusive');
  });

  test('fail-closed (connections reset while every target is unhealthy): B18 fails naming fail-open', async () => {
    const { o } = await observeHealth({ ...truth(), failClosed: true });
    const j = judgeLive(lab, 'B18.elb-fails-open-when-all-unhealthy', o);
    expect(j.outcome).toBe('fail');
    expect(j.reasons.join('\n')).toContain('requests answered while every target was unhealthy (fail-open): expected at least 1, saw 0 of 160');
  });

  test('an answer from an instance that is not registered fails B18 routing, whatever else', async () => {
    const { o } = await observeCrossZone(truth());
    const tampered: CrossZoneObservation = { ...o, on: o.on?.map((c, i) => (i === 0 ? { ...c, byInstance: { ...c.byInstance, 'i-0ffffffffffffffff': 1 } } : c)) };
    const j = judgeLive(lab, 'B18.elb-routes-to-target-groups', tampered);
    expect(j.outcome).toBe('fail');
    expect(j.reasons.join('\n')).toContain('answers from instances that are not registered targets');
  });
});

describe('load-balancer-cross-zone live checks are inconclusive when the experiment did not run', () => {
  test('targets never healthy: nothing is sent, every claim of the experiment inconclusive', async () => {
    const { o } = await observeCrossZone({ ...truth(), initialReads: 1_000 });
    expect(o.off).toBeUndefined();
    for (const id of ['I10.nodes-route-only-to-own-az-targets', 'I10.cross-zone-spreads-across-all-az-targets', 'B18.elb-routes-to-target-groups']) {
      expect(judgeLive(lab, id, o).outcome).toBe('inconclusive');
    }
  });

  test('the cross-zone change never shows within the bound: on is inconclusive, and the attribute is still restored', async () => {
    const { o, world } = await observeCrossZone({ ...truth(), changeIgnored: true });
    expect(o.changeSeenAfterSeconds).toEqual({ 'us-east-1a': null, 'us-east-1b': null });
    expect(judgeLive(lab, 'I10.cross-zone-spreads-across-all-az-targets', o).outcome).toBe('inconclusive');
    expect(world.tgCrossZone).toBe('use_load_balancer_configuration');
  });

  test('too few requests for the power the lab asks: inconclusive', async () => {
    const { o } = await observeCrossZone(truth());
    const few: CrossZoneObservation = { ...o, on: o.on?.map((c) => ({ ...c, sent: 10, byInstance: Object.fromEntries(Object.entries(c.byInstance).map(([id, n]) => [id, Math.round(n / 20)])) })) };
    const j = judgeLive(lab, 'I10.cross-zone-spreads-across-all-az-targets', few);
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons.join('\n')).toContain('power');
  });

  test('targets that never turn unhealthy: fail-open inconclusive, the path restored', async () => {
    const { o, world } = await observeHealth({ ...truth(), neverUnhealthy: true });
    expect(o.oneUnhealthy?.unhealthyAfterSeconds).toBeNull();
    expect(o.allUnhealthy).toBeUndefined();
    expect(judgeLive(lab, 'B18.elb-fails-open-when-all-unhealthy', o).outcome).toBe('inconclusive');
    expect(world.path).toBe('/health.txt');
  });
});

describe('load-balancer-cross-zone: fail-open is told apart from a data plane that has not acted on health', () => {
  test('nodes that keep sending to a target read unhealthy (lag, or health ignored): every target answers while all are unhealthy, yet the claim is inconclusive, not a pass', async () => {
    const { o, world } = await observeHealth({ ...truth(), ignoresHealth: true });
    expect(o.oneUnhealthy?.withheldAfterSeconds).toBeNull();
    const j = judgeLive(lab, 'B18.elb-fails-open-when-all-unhealthy', o);
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons.join('\n')).toContain('the data plane withheld traffic from one unhealthy target');
    expect(world.tagged).toEqual({});
    expect(world.path).toBe('/health.txt');
  });

  test('a target still tagged lab-health=fail by an interrupted run is untagged first, and said', async () => {
    const { o, world } = await observeHealth({ ...truth(), taggedBefore: [LARGE[2]] });
    expect(o.leftovers.reset).toEqual([`tag lab-health removed from ${LARGE[2]}`]);
    expect(world.modifications[0]).toBe(`untag ${LARGE[2]}`);
    expect(judgeLive(lab, 'B18.elb-fails-open-when-all-unhealthy', o).outcome).toBe('pass');
  });
});

describe("load-balancer-cross-zone: the user's network is an error of the check, not a verdict", () => {
  test('every request unanswered with healthy targets: the observations throw naming the network; the run reports errors, no fail', async () => {
    const ctx = context();
    const world = mockWorld(ctx, { ...truth(), networkDown: 'ETIMEDOUT' });
    const { results } = await runLiveChecks(lab, ctx, () => undefined);
    const live = results.filter((r) => r.outcome !== 'skipped');
    expect(live.map((r) => r.outcome)).toEqual(live.map(() => 'error'));
    expect(live[0].error).toContain('network between you and AWS');
    // Nothing was changed before the network was found broken; nothing left changed.
    expect(world.modifications).toEqual([]);
  });

  test('a probe that throws mid-experiment still restores the cross-zone attribute', async () => {
    const ctx = context();
    const world = mockWorld(ctx, truth());
    const real = (transport.get as jest.Mock).getMockImplementation()!;
    let calls = 0;
    (transport.get as jest.Mock).mockImplementation(async (...args: Parameters<typeof transport.get>) => {
      // Past the reachability probe (8), the settling round (60) and the off phase (400): in the wait for the change.
      if (++calls === 500) throw new Error('boom');
      return real(...args);
    });
    await expect(ctx.observe(crossZone)).rejects.toThrow('boom');
    expect(world.tgCrossZone).toBe('use_load_balancer_configuration');
  });
});

describe('load-balancer-cross-zone: a previous run interrupted, a run just before, a node that switches late', () => {
  test('a leftover cross-zone=true and failing health-check path are reset to the template values first, said, and restored to them (not to the leftover)', async () => {
    const { o, world, ctx } = await observeCrossZone({ ...truth(), leftover: { tgCrossZone: 'true', path: FAILING_HEALTH_CHECK_PATH } });
    expect(world.modifications.slice(0, 2)).toEqual(['cross-zone=use_load_balancer_configuration', 'path=/health.txt']);
    expect(world.tgCrossZone).toBe('use_load_balancer_configuration');
    expect(world.path).toBe('/health.txt');
    expect(o.leftovers.reset).toEqual(['load_balancing.cross_zone.enabled true → use_load_balancer_configuration', `HealthCheckPath ${FAILING_HEALTH_CHECK_PATH} → /health.txt`]);
    expect(ctx.progressLog.join('\n')).toContain('a previous run was interrupted');
    // The claims are judged on the reset state; the "as created" one cannot be, so it is inconclusive, not a fail.
    expect(judgeLive(lab, 'I10.nodes-route-only-to-own-az-targets', o).outcome).toBe('pass');
    expect(judgeLive(lab, 'I10.cross-zone-spreads-across-all-az-targets', o).outcome).toBe('pass');
    const asCreated = judgeLive(lab, 'I10.cross-zone-charges-depend-on-lb-type', o);
    expect(asCreated.outcome).toBe('inconclusive');
    expect(asCreated.reasons.join('\n')).toContain('the target group as created');
  });

  test('the health experiment resets a leftover path too, and restores the template path', async () => {
    const { o, world } = await observeHealth({ ...truth(), leftover: { path: FAILING_HEALTH_CHECK_PATH } });
    expect(o.leftovers.reset).toEqual([`HealthCheckPath ${FAILING_HEALTH_CHECK_PATH} → /health.txt`]);
    expect(world.path).toBe('/health.txt');
    expect(o.readiness.healthy).toBe(true);
  });

  test.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('on %s while cross-zone is on, the attribute is restored to the template value before the process exits (%i)', async (signal, code) => {
    const exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const before = INTERRUPT_SIGNALS.map((s) => process.listenerCount(s));
    try {
      const ctx = context();
      const world = mockWorld(ctx, truth());
      elbv2.on(ModifyTargetGroupAttributesCommand).callsFake((input) => {
        const v = input.Attributes.find((a: any) => a.Key === 'load_balancing.cross_zone.enabled')?.Value;
        world.modifications.push(`cross-zone=${v}`);
        world.tgCrossZone = v;
        world.crossZoneHistory.push({ at: ctx.now(), value: v });
        if (v === 'true') process.emit(signal, signal);
        return { Attributes: [{ Key: 'load_balancing.cross_zone.enabled', Value: v }] };
      });
      await ctx.observe(crossZone);
      await new Promise((resolve) => setImmediate(resolve));
      expect(ctx.progressLog).toContain(`${signal}: restoring load_balancing.cross_zone.enabled=use_load_balancer_configuration before exiting (press Ctrl-C again to exit at once)`);
      expect(world.modifications[1]).toBe('cross-zone=use_load_balancer_configuration');
      expect(exit).toHaveBeenCalledWith(code);
      expect(INTERRUPT_SIGNALS.map((s) => process.listenerCount(s))).toEqual(before);
    } finally {
      exit.mockRestore();
    }
  });

  test('the larger zone\'s node switches 40 s after the smaller one: the check waits for both, then passes (it fails if it measures after one node)', async () => {
    const { o } = await observeCrossZone({ ...truth(), changeDelayMs: { small: 12_000, large: 52_000 } });
    expect(o.changeSeenAfterSeconds?.['us-east-1a']).toBeLessThan(o.changeSeenAfterSeconds?.['us-east-1b'] ?? 0);
    expect(o.changeSeenAfterSeconds?.['us-east-1b']).toBeGreaterThanOrEqual(52);
    const j = judgeLive(lab, 'I10.cross-zone-spreads-across-all-az-targets', o);
    expect(j.reasons).toEqual([]);
    expect(j.outcome).toBe('pass');
  });

  test('a node that never switches within the bound: on is inconclusive, never a fail', async () => {
    const { o } = await observeCrossZone({ ...truth(), changeDelayMs: { small: 12_000, large: 10 * 60_000 } });
    expect(o.changeSeenAfterSeconds?.['us-east-1b']).toBeNull();
    expect(o.on).toBeUndefined();
    expect(judgeLive(lab, 'I10.cross-zone-spreads-across-all-az-targets', o).outcome).toBe('inconclusive');
  });

  test('a run just after another (cross-zone turned off 5 s ago, applied after 30 s): the off phase waits until both nodes answer from their own zone, then passes', async () => {
    const { o } = await observeCrossZone({ ...truth(), turnedOffBeforeMs: 5_000, changeDelayMs: { small: 30_000, large: 30_000 } });
    expect(o.offSettledAfterSeconds?.['us-east-1a']).toBeGreaterThanOrEqual(25);
    const j = judgeLive(lab, 'I10.nodes-route-only-to-own-az-targets', o);
    expect(j.reasons).toEqual([]);
    expect(j.outcome).toBe('pass');
  });

  test('a leftover cross-zone=true reset by this run that does not settle within the bound: the leak is not decisive, the claim inconclusive', async () => {
    const { o } = await observeCrossZone({ ...truth(), leftover: { tgCrossZone: 'true' }, changeDelayMs: { small: 10 * 60_000, large: 10 * 60_000 } });
    const j = judgeLive(lab, 'I10.nodes-route-only-to-own-az-targets', o);
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons.join('\n')).toContain('each node answered from its own zone only before measuring (the cross-zone reset had settled');
  });
});

describe('load-balancer-cross-zone: what the off phase can show, the on phase\'s error rate', () => {
  test('the off phase judges the zone behind each node with a 99 % upper bound on the cross-zone rate, not a share the design fixes', async () => {
    const { o } = await observeCrossZone(truth());
    const j = judgeLive(lab, 'I10.nodes-route-only-to-own-az-targets', o);
    expect(j.judgement.figures).toEqual(expect.arrayContaining([{ name: "smaller zone's node: 99 % upper bound on the cross-zone rate", value: 2.28, unit: '%' }]));
    expect(j.judgement.figures?.map((f) => f.name).join('\n')).not.toContain('power');
    expect(j.judgement.observed).toContain('derived: equal DNS spread × zone isolation, not measured');
    expect(zeroOfNUpperBound(200)).toBeCloseTo(1 - Math.pow(0.01, 1 / 200), 12);
  });

  test('the on phase tests at α / 3 (Bonferroni): counts with chi-square p ≈ 0.004 (rejected at α = 0.01) pass', async () => {
    const { o } = await observeCrossZone(truth());
    const [S, L1, L2, L3] = [...SMALL, ...LARGE];
    const on: CrossZoneObservation['on'] = [
      { ...o.on![0], byInstance: { [S]: 50, [L1]: 35, [L2]: 57, [L3]: 58 } },
      { ...o.on![1], byInstance: { [S]: 50, [L1]: 35, [L2]: 58, [L3]: 57 } },
    ];
    const j = judgeLive(lab, 'I10.cross-zone-spreads-across-all-az-targets', { ...o, on });
    const p = j.judgement.figures?.find((f) => f.name === 'chi-square p-value')?.value ?? NaN;
    expect(p).toBeLessThan(0.01);
    expect(p).toBeGreaterThan(ALPHA_ON);
    expect(j.outcome).toBe('pass');
  });
});

describe('load-balancer-cross-zone: one phase failing on the user\'s side does not error the other claims', () => {
  test('the network drops during the on phase: the on claim is an error naming the network; the off, as-created and routing claims keep their verdicts', async () => {
    const ctx = context();
    const world = mockWorld(ctx, truth());
    const real = (transport.get as jest.Mock).getMockImplementation()!;
    (transport.get as jest.Mock).mockImplementation(async (...args: Parameters<typeof transport.get>) => {
      // Once the on phase has started (the change seen through both nodes), every request times out.
      if (world.tgCrossZone === 'true' && ctx.progressLog.some((l) => l.startsWith('cross-zone on: '))) return { error: 'ETIMEDOUT' };
      return real(...args);
    });
    const { results } = await runLiveChecks(lab, ctx, () => undefined);
    const by = Object.fromEntries(results.map((r) => [r.claim, r]));
    expect(by['I10.cross-zone-spreads-across-all-az-targets'].outcome).toBe('error');
    expect(by['I10.cross-zone-spreads-across-all-az-targets'].error).toContain('network between you and AWS');
    expect(by['I10.nodes-route-only-to-own-az-targets'].outcome).toBe('pass');
    expect(by['I10.cross-zone-charges-depend-on-lb-type'].outcome).toBe('pass');
    expect(by['B18.elb-routes-to-target-groups'].outcome).toBe('pass');
    expect(world.tgCrossZone).toBe('use_load_balancer_configuration');
  });

  test('TCP 80 blocked: the error comes from the short reachability probe, after 8 requests, before any long phase', async () => {
    const ctx = context();
    mockWorld(ctx, { ...truth(), networkDown: 'ETIMEDOUT' });
    await expect(ctx.observe(crossZone)).rejects.toThrow('before measuring: no request');
    expect((transport.get as jest.Mock).mock.calls.length).toBe(2 * REACHABILITY_REQUESTS);
    expect((transport.get as jest.Mock).mock.calls[0][2]).toBe(REACHABILITY_TIMEOUT_MS);
  });
});

describe('load-balancer-cross-zone: no cache on the way can answer for a target', () => {
  test('every request has a path of its own (/?r=<random>) and Cache-Control: no-cache, no-store (RFC 9111 §5.2.1.4, §5.2.1.5)', async () => {
    const seen: Array<{ url?: string; cacheControl?: string }> = [];
    const server = http.createServer((req, res) => {
      seen.push({ url: req.url, cacheControl: req.headers['cache-control'] });
      res.end(`instance-id=${SMALL[0]} az=us-east-1a\n`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const a = await transport.get('127.0.0.1', port, 2_000);
      const b = await transport.get('127.0.0.1', port, 2_000);
      expect(a).toEqual({ status: 200, instanceId: SMALL[0] });
      expect(b.instanceId).toBe(SMALL[0]);
      expect(seen.map((x) => x.cacheControl)).toEqual(['no-cache, no-store', 'no-cache, no-store']);
      expect(seen[0].url).toMatch(/^\/\?r=[0-9a-f]{16}$/);
      expect(seen[0].url).not.toBe(seen[1].url);
    } finally {
      server.close();
    }
  });
});

describe('load-balancer-cross-zone options', () => {
  test('--requests sets the requests per node and phase', async () => {
    const { o } = await observeCrossZone(truth(), { requests: '100' });
    expect(o.requestsPerNode).toBe(100);
    expect(o.off?.every((c) => c.sent === 100)).toBe(true);
  });
});

export type { HealthDrainObservation };
