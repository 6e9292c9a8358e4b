/**
 * The lab's observations against aws-sdk-client-mock (responses shaped like the API references: ELBv2
 * DescribeTargetHealth, DescribeLoadBalancers, DescribeListeners, ModifyListener; CloudFormation
 * DetectStackResourceDrift), fetch and node:dns mocked, and every live check judged on what they
 * observe: a pass when AWS behaves as the truth says, a fail naming the unmet expectation otherwise.
 *
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeTargetHealth.html
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeTargetGroups.html
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetHealth.html (state and reason codes)
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html (HealthyThresholdCount × HealthCheckIntervalSeconds)
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeListeners.html
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_ModifyListener.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DetectStackResourceDrift.html
 */
import * as dns from 'node:dns';
import { CloudFormationClient, DetectStackResourceDriftCommand } from '@aws-sdk/client-cloudformation';
import {
  type Action,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  ModifyListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { CATALOG } from '../../../catalog';
import { indexClaims } from '../../../lib/lab-kit/catalog/catalog';
import type { Observation } from '../../../lib/lab-kit/checks/lab-definition';
import { type ClaimLookup, judgeRecorded, runLiveChecks } from '../../../lib/lab-kit/checks/runner';
import { fakeObserveContext, judgeLive } from '../../../lib/lab-kit/testing';
import { type Colour, colourPageHtml } from '../../../lib/deployment/colour-page';
import type { TrafficWeights } from '../../../lib/deployment/listener-weights';
import { albBlueGreen } from '..';
import { LOAD_BALANCER_ALIAS_TTL_SECONDS } from '../checks';
import { readWeights } from '../listener-change';
import { BASELINE_IN_A_ROW, canary, INSTANCE_START_ALLOWANCE_SECONDS, switchAndRollback } from '../observe';
import type { OutputName } from '../outputs';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const cfn = mockClient(CloudFormationClient);

const ARN = {
  lb: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/alb-bl-Servi-1Q2W3E4R5T6Y/50dc6c495c0c9188',
  listener: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/alb-bl-Servi-1Q2W3E4R5T6Y/50dc6c495c0c9188/f2f7dc8efc522ab2',
  blue: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/alb-bl-Servi-BLUE0000000/73e2d6bc24d8a067',
  green: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/alb-bl-Servi-GREEN000000/09966783158cda59',
};
const DNS_NAME = 'alb-bl-Servi-1Q2W3E4R5T6Y-1234567890.us-east-1.elb.amazonaws.com';
const TGS = { blue: ARN.blue, green: ARN.green };

/** The stack's outputs as DescribeStacks would give them: every declared output, with a value. */
const OUTPUT_VALUES: Record<OutputName, string> = {
  LoadBalancerDnsName: DNS_NAME,
  LoadBalancerArn: ARN.lb,
  ListenerArn: ARN.listener,
  ListenerLogicalId: 'ServiceLoadBalancerHttp922C9E54',
  BlueTargetGroupArn: ARN.blue,
  GreenTargetGroupArn: ARN.green,
  IngressCidr: '0.0.0.0/0',
  DeployedWeights: 'blue=100,green=0',
};

/** The default action as DescribeListeners returns a weighted forward (ForwardConfig only, stickiness off). */
function forwardAction(w: TrafficWeights): Action {
  return {
    Type: 'forward',
    ForwardConfig: {
      TargetGroups: [
        { TargetGroupArn: ARN.blue, Weight: w.blue },
        { TargetGroupArn: ARN.green, Weight: w.green },
      ],
      TargetGroupStickinessConfig: { Enabled: false },
    },
  };
}

/** How the mocked world behaves. */
interface World {
  health: Record<Colour, { state: string; reason?: string; description?: string }>;
  /** Target health of the first polls, before `health` (a deploy or an instance replacement a moment ago); one entry per DescribeTargetHealth round. */
  healthBefore?: Array<Partial<Record<Colour, { state: string; reason?: string; description?: string }>>>;
  /** A second target per colour, being deregistered (an instance replacement): state draining. */
  drainingToo?: boolean;
  /** Requests that still go to the old colour after a weight change (slow propagation). */
  lagRequests: number;
  /** Requests answered 502 right after a weight change. */
  errorsAfterChange: number;
  /** Requests that get no response right after a weight change. */
  failuresAfterChange: number;
  /** The load balancer ignores the weights and always answers from this colour. */
  stuckOn?: Colour;
  ttls: [number, number];
  drift: 'MODIFIED' | 'throws';
  /** The weights the listener is at when the check starts (an earlier run killed before it restored). @default blue 100 / green 0, as deployed */
  foundAt?: TrafficWeights;
  /** Something else answers 200 with its own page (a captive portal, a proxy): no response names a colour; `afterChange`: only once a weight has changed. */
  notTheLabPage?: boolean | 'afterChange';
  /** Every request times out (an ingress CIDR that is not this machine's address, a proxy, no route). */
  unreachable?: boolean;
  /** Fetch calls (0-based, in order) that get no response. */
  failFetches?: readonly number[];
  /** resolve4 fails (a VPN or split DNS it cannot see through). */
  resolve4Fails?: boolean;
}

function truthfulWorld(): World {
  return {
    health: { blue: { state: 'healthy' }, green: { state: 'healthy' } },
    lagRequests: 0,
    errorsAfterChange: 0,
    failuresAfterChange: 0,
    ttls: [60, 58],
    drift: 'MODIFIED',
  };
}

let weights: TrafficWeights;
let currentActions: Action[];
let sinceChange: number;
let previous: TrafficWeights;
let greenCredit: number;
let fetchSpy: jest.SpyInstance;
let resolveSpy: jest.SpyInstance;
let lookupSpy: jest.SpyInstance;
let healthRound: number;
let fetches: number;

function route(world: World): Colour {
  if (world.stuckOn) return world.stuckOn;
  const w = sinceChange <= world.lagRequests ? previous : weights;
  // Error diffusion: exactly the weighted proportion, deterministically.
  greenCredit += w.green / (w.blue + w.green);
  if (greenCredit >= 1 - 1e-9) {
    greenCredit -= 1;
    return 'green';
  }
  return 'blue';
}

function mockWorld(world: World): void {
  elbv2.reset();
  cfn.reset();
  weights = world.foundAt ?? { blue: 100, green: 0 };
  previous = weights;
  currentActions = [forwardAction(weights)];
  sinceChange = Number.POSITIVE_INFINITY;
  greenCredit = 0;
  healthRound = 0;
  fetches = 0;

  // DescribeTargetGroups as the API reference shapes a TargetGroup, with this lab's health check (every 5 s, healthy after 2).
  elbv2.on(DescribeTargetGroupsCommand).resolves({
    TargetGroups: (['blue', 'green'] as const).map((c) => ({
      TargetGroupArn: ARN[c],
      TargetGroupName: c === 'blue' ? 'alb-bl-Servi-BLUE0000000' : 'alb-bl-Servi-GREEN000000',
      Protocol: 'HTTP' as const,
      Port: 8080,
      VpcId: 'vpc-0f1e2d3c4b5a69788',
      HealthCheckProtocol: 'HTTP' as const,
      HealthCheckPort: 'traffic-port',
      HealthCheckEnabled: true,
      HealthCheckIntervalSeconds: 5,
      HealthCheckTimeoutSeconds: 2,
      HealthyThresholdCount: 2,
      UnhealthyThresholdCount: 2,
      HealthCheckPath: '/health.txt',
      Matcher: { HttpCode: '200' },
      LoadBalancerArns: [ARN.lb],
      TargetType: 'instance' as const,
      ProtocolVersion: 'HTTP1',
      IpAddressType: 'ipv4' as const,
    })),
  });
  // A DescribeTargetHealth round is both colours: blue then green.
  elbv2.on(DescribeTargetHealthCommand).callsFake(async (input) => {
    const colour: Colour = input.TargetGroupArn === ARN.blue ? 'blue' : 'green';
    const round = colour === 'blue' ? healthRound : healthRound++;
    const h = world.healthBefore?.[round]?.[colour] ?? world.health[colour];
    // TargetHealth per the API reference: no Reason and no Description when the state is healthy.
    const description = (id: string, az: string, state: { state: string; reason?: string; description?: string }) => ({
      Target: { Id: id, Port: 8080, AvailabilityZone: az },
      HealthCheckPort: '8080',
      TargetHealth: { State: state.state as 'healthy', ...(state.reason ? { Reason: state.reason as 'Target.Timeout' } : {}), ...(state.description ? { Description: state.description } : {}) },
    });
    const id = colour === 'blue' ? 'i-0b1e000000000b1e0' : 'i-0a4ee000000000a4e';
    const az = colour === 'blue' ? 'us-east-1a' : 'us-east-1b';
    return {
      TargetHealthDescriptions: [
        description(id, az, h),
        ...(world.drainingToo ? [description(`${id.slice(0, -3)}old`, az, { state: 'draining', reason: 'Target.DeregistrationInProgress', description: 'Target deregistration is in progress' })] : []),
      ],
    };
  });
  elbv2.on(DescribeLoadBalancersCommand).resolves({
    LoadBalancers: [{
      LoadBalancerArn: ARN.lb,
      DNSName: DNS_NAME,
      Scheme: 'internet-facing',
      Type: 'application',
      State: { Code: 'active' },
      AvailabilityZones: [
        { ZoneName: 'us-east-1a', SubnetId: 'subnet-0aaa1111bbbb2222c' },
        { ZoneName: 'us-east-1b', SubnetId: 'subnet-0ddd3333eeee4444f' },
      ],
    }],
  });
  const listener = () => ({ ListenerArn: ARN.listener, LoadBalancerArn: ARN.lb, Port: 80, Protocol: 'HTTP' as const, DefaultActions: currentActions });
  elbv2.on(DescribeListenersCommand).callsFake(async () => ({ Listeners: [listener()] }));
  elbv2.on(ModifyListenerCommand).callsFake(async (input) => {
    currentActions = input.DefaultActions;
    previous = weights;
    weights = readWeights(input.DefaultActions[0], TGS)!;
    sinceChange = 0;
    return { Listeners: [listener()] };
  });

  if (world.drift === 'throws') {
    cfn.on(DetectStackResourceDriftCommand).rejects(Object.assign(new Error('User is not authorized to perform: cloudformation:DetectStackResourceDrift'), { name: 'AccessDenied' }));
  } else {
    cfn.on(DetectStackResourceDriftCommand).callsFake(async () => ({
      StackResourceDrift: {
        StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/alb-blue-green/5f4e3d2c-0000-11ef-9c1b-0a1b2c3d4e5f',
        LogicalResourceId: 'ServiceLoadBalancerHttp922C9E54',
        PhysicalResourceId: ARN.listener,
        ResourceType: 'AWS::ElasticLoadBalancingV2::Listener',
        StackResourceDriftStatus: 'MODIFIED',
        PropertyDifferences: [
          { PropertyPath: '/DefaultActions/0/ForwardConfig/TargetGroups/0/Weight', ExpectedValue: '100', ActualValue: String(weights.blue), DifferenceType: 'NOT_EQUAL' },
          { PropertyPath: '/DefaultActions/0/ForwardConfig/TargetGroups/1/Weight', ExpectedValue: '0', ActualValue: String(weights.green), DifferenceType: 'NOT_EQUAL' },
        ],
        Timestamp: new Date('2026-11-23T12:00:10Z'),
      },
    }));
  }

  fetchSpy = jest.spyOn(globalThis, 'fetch').mockImplementation(async (_url, init) => {
    const n = fetches++;
    if (world.unreachable || world.failFetches?.includes(n)) {
      // What undici's fetch rejects with when the request's AbortSignal.timeout fires: the signal's reason, a TimeoutError.
      const signal = (init as RequestInit | undefined)?.signal;
      throw signal?.reason ?? new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    }
    sinceChange++;
    if (sinceChange <= world.failuresAfterChange) throw new TypeError('fetch failed', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) });
    if (sinceChange <= world.errorsAfterChange) return new Response('<html><body><center><h1>502 Bad Gateway</h1></center></body></html>', { status: 502 });
    if (world.notTheLabPage === true || (world.notTheLabPage === 'afterChange' && sinceChange !== Number.POSITIVE_INFINITY)) {
      return new Response('<html><body>Please sign in to the guest network</body></html>', { status: 200 });
    }
    const colour = route(world);
    return new Response(colourPageHtml(colour, colour === 'blue' ? 'v1' : 'v2'), { status: 200, headers: { 'content-type': 'text/html' } });
  });

  let lookups = 0;
  resolveSpy = jest.spyOn(dns.promises, 'resolve4').mockImplementation((async () => {
    // What c-ares gives when it cannot reach a DNS server: an error with code ECONNREFUSED (node:dns error codes).
    if (world.resolve4Fails) throw Object.assign(new Error(`queryA ECONNREFUSED ${DNS_NAME}`), { code: 'ECONNREFUSED' });
    const ttl = world.ttls[Math.min(lookups++, 1)];
    return [{ address: '3.210.10.20', ttl }, { address: '52.4.200.17', ttl }];
  }) as any);
  // The OS resolver (getaddrinfo) with { all: true }: addresses and families, no TTL.
  lookupSpy = jest.spyOn(dns.promises, 'lookup').mockImplementation((async () => [
    { address: '52.4.200.17', family: 4 },
    { address: '3.210.10.20', family: 4 },
  ]) as any);
}

const CLAIMS = indexClaims(CATALOG);
const lookup: ClaimLookup = (id) => CLAIMS.get(id)?.claim;

function context(options: Record<string, string> = {}, outputs: Record<string, string> = OUTPUT_VALUES) {
  return fakeObserveContext({ labId: albBlueGreen.id, outputs, options });
}

/** The observation a claim's live check judges. */
function observationOf(id: string): Observation<unknown, string> {
  const live = albBlueGreen.checks[id]?.live;
  if (!live) throw new Error(`no live check for ${id}`);
  return live.observation;
}

/** Observes what claim `id` judges in `world`, then judges it. */
async function check(id: string, world: World, options: Record<string, string> = {}) {
  mockWorld(world);
  const ctx = context(options);
  const observed = await ctx.observe(observationOf(id));
  return { ...judgeLive(albBlueGreen, id, observed), ctx, observed };
}

/** The default actions of the last ModifyListener call: what the listener was left with. */
function lastModify(): Action[] | undefined {
  const calls = elbv2.commandCalls(ModifyListenerCommand);
  return calls[calls.length - 1]?.args[0].input.DefaultActions;
}

afterEach(() => {
  elbv2.reset();
  cfn.reset();
  jest.restoreAllMocks();
});

describe('alb-blue-green live checks pass when AWS behaves as the truth says', () => {
  test('every live claim passes; I38 and I46 are offline only; the switch and the canary run once each and the listener ends as it began', async () => {
    mockWorld(truthfulWorld());
    const ctx = context();
    const { results, observations } = await runLiveChecks(albBlueGreen, ctx, lookup);
    expect(results.filter((r) => r.outcome !== 'pass' && r.outcome !== 'skipped')).toEqual([]);
    expect(results.filter((r) => r.outcome === 'skipped').map((r) => [r.claim, r.error])).toEqual([
      ['I38.health-checks-gate-traffic', 'not checkable live (offline only)'],
      ['I46.cname-swap-waits-for-dns', 'not checkable live (offline only)'],
    ]);
    expect(results.map((r) => r.claim)).toEqual(Object.keys(albBlueGreen.checks));
    // One switch run (to green, back to blue) and one canary (90/10), each restored: 2 + 1 + 2 restores.
    expect(elbv2).toHaveReceivedCommandTimes(ModifyListenerCommand, 5);
    expect(lastModify()).toEqual([forwardAction({ blue: 100, green: 0 })]);
    // The baseline (5 in a row), then 300 requests for the switch and 300 for the canary, at the default 10/s for 30 s.
    expect(fetchSpy).toHaveBeenCalledTimes(BASELINE_IN_A_ROW + 600);
    expect(fetchSpy).toHaveBeenCalledWith(`http://${DNS_NAME}/`, expect.objectContaining({ headers: { 'cache-control': 'no-cache' } }));
    expect(elbv2).toHaveReceivedCommandWith(DescribeTargetHealthCommand, { TargetGroupArn: ARN.green });
    // Healthy at once: one DescribeTargetHealth round (both colours), no wait.
    expect(elbv2).toHaveReceivedCommandTimes(DescribeTargetHealthCommand, 2);
    expect(cfn).toHaveReceivedCommandWith(DetectStackResourceDriftCommand, { StackName: 'alb-blue-green', LogicalResourceId: 'ServiceLoadBalancerHttp922C9E54' });
    expect(ctx.progressLog.some((m) => m.includes('outside CloudFormation'))).toBe(true);
    expect(ctx.progressLog.filter((m) => m.startsWith('restored the deployed weights (blue 100 / green 0)'))).toHaveLength(2);
    expect(ctx.progressLog.some((m) => m.includes('a previous run was interrupted'))).toBe(false);
    // Each observation once; every value plain JSON, so the recorded run judges the same again.
    expect(observations.map((o) => o.name).sort()).toEqual(['baseline', 'canary', 'capacity-during-switch', 'dns', 'health', 'rollback-and-dns', 'switch']);
    const recorded = JSON.parse(JSON.stringify(observations));
    const judgedLive = results.filter((r) => r.outcome !== 'skipped').map((r) => [r.claim, r.outcome]);
    expect(judgeRecorded(albBlueGreen, recorded, lookup).map((r) => [r.claim, r.outcome])).toEqual(judgedLive);
  });

  test('A11.weighted-switch-no-errors reports the counts, the time to all-green and the mix', async () => {
    const j = await check('A11.weighted-switch-no-errors', truthfulWorld());
    expect(j.outcome).toBe('pass');
    const e = j.judgement;
    expect(e.observed).toMatch(/^blue → green: 120 requests, 0 non-2xx, 0 failed; every response green from \d+\.\d s after ModifyListener on/);
    expect(e.observed).toContain('Before the first switch: 60 blue, 0 green.');
    expect(e.observed).toContain('restored to blue 100 / green 0');
    expect(e.figures).toEqual(expect.arrayContaining([{ name: 'green: failed', value: 0, unit: 'requests' }, { name: 'green: non-2xx', value: 0, unit: 'responses' }]));
    expect(e.method).toContain('outside CloudFormation');
  });

  test('A11.rollback-is-the-same-move judges the rollback of the same switch observation', async () => {
    const j = await check('A11.rollback-is-the-same-move', truthfulWorld());
    expect(j.outcome).toBe('pass');
    expect(j.judgement.observed).toMatch(/^green → blue: 120 requests, 0 non-2xx, 0 failed; every response blue from/);
    expect(observationOf('A11.rollback-is-the-same-move')).toBe(observationOf('A11.weighted-switch-no-errors'));
  });

  test('A11.weighted-switch-no-errors sends the traffic the options ask for', async () => {
    await check('A11.weighted-switch-no-errors', truthfulWorld(), { rate: '5', duration: '40' });
    expect(fetchSpy).toHaveBeenCalledTimes(BASELINE_IN_A_ROW + 200);
  });

  test('A11.canary-split-follows-weights states the binomial tolerance and what drift detection saw', async () => {
    const j = await check('A11.canary-split-follows-weights', truthfulWorld());
    expect(j.outcome).toBe('pass');
    const e = j.judgement;
    expect(e.observed).toContain('green 30 of 300 responses (10.0 %, expected 10.0 %)');
    expect(e.observed).toMatch(/a true 90\/10 split gives \d+ to \d+ \(.*\) 99\.9 % of the time \(exact binomial\)/);
    expect(e.observed).toContain('drift detection said the listener is MODIFIED (/DefaultActions/0/ForwardConfig/TargetGroups/0/Weight: 100 → 90');
    expect(elbv2).toHaveReceivedCommandWith(ModifyListenerCommand, { ListenerArn: ARN.listener, DefaultActions: [forwardAction({ blue: 90, green: 10 })] });
    expect(lastModify()).toEqual([forwardAction({ blue: 100, green: 0 })]);
  });

  test('A11.canary-split-follows-weights still passes when drift detection is not allowed, and says so', async () => {
    const world = truthfulWorld();
    world.drift = 'throws';
    const j = await check('A11.canary-split-follows-weights', world);
    expect(j.outcome).toBe('pass');
    expect(j.judgement.observed).toContain('Drift detection not checked (DetectStackResourceDrift failed: User is not authorized');
  });

  test('A11.low-dns-ttl-for-rollback compares the rollback with the documented 60 s TTL, not with the TTL a cache has left', async () => {
    // A caching resolver near the end of its cache period: 3 s left, then 1 s. The rollback takes 4.1 s.
    const j = await check('A11.low-dns-ttl-for-rollback', { ...truthfulWorld(), ttls: [3, 1], lagRequests: 40 });
    expect(LOAD_BALANCER_ALIAS_TTL_SECONDS).toBe(60);
    expect(j.outcome).toBe('pass');
    const e = j.judgement;
    expect(e.observed).toContain('rolled back to all-blue 4.1 s after ModifyListener, with no DNS change');
    expect(e.observed).toContain('whose TTL AWS documents as a fixed 60 s');
    expect(e.observed).toContain(`the OS resolver gave ${DNS_NAME} 3.210.10.20, 52.4.200.17`);
    expect(e.observed).toContain("the DNS servers answered with TTL 3 s, then 1 s: the remaining TTL of a cached answer, counting down, not the record's TTL; reported, not compared");
    expect(e.observed).not.toContain('Not as claimed');
    expect(e.figures).toEqual(
      expect.arrayContaining([
        { name: 'rollback until every response is blue', value: 4.1, unit: 's' },
        { name: 'documented TTL of an alias record to a load balancer', value: 60, unit: 's' },
        { name: 'TTL the DNS servers returned (remaining TTL of a cached answer)', value: 3, unit: 's' },
      ]),
    );
    // The addresses through the OS resolver (getaddrinfo: VPN and split DNS included); TTLs only from resolve4, reported.
    expect(lookupSpy).toHaveBeenCalledWith(DNS_NAME, { all: true, family: 4 });
    expect(resolveSpy).toHaveBeenCalledWith(DNS_NAME, { ttl: true });
  });

  test('A11.low-dns-ttl-for-rollback still judges the rollback when resolve4 cannot reach a DNS server (VPN, split DNS): the TTLs are figures only', async () => {
    const j = await check('A11.low-dns-ttl-for-rollback', { ...truthfulWorld(), resolve4Fails: true });
    expect(j.outcome).toBe('pass');
    expect(j.judgement.observed).toContain('no TTL read (resolve4: queryA ECONNREFUSED');
    expect(j.judgement.figures?.map((f) => f.name)).not.toContain('TTL the DNS servers returned (remaining TTL of a cached answer)');
  });

  test('a weight change slower than any constant the check used to hold it to still passes, with the time as a figure (AWS documents no figure)', async () => {
    // 60 s at 10/s: 24 s windows; 115 requests of lag: every response blue only 11.6 s after the rollback's ModifyListener (the old check failed anything over 10 s).
    const j = await check('A11.rollback-is-the-same-move', { ...truthfulWorld(), lagRequests: 115 }, { duration: '60' });
    expect(j.outcome).toBe('pass');
    expect(j.judgement.figures).toEqual(expect.arrayContaining([{ name: 'blue: time until every response is blue', value: 11.6, unit: 's' }]));
    expect(j.judgement.method).toContain('AWS documents no figure for how fast a weight change takes effect');
  });

  test('a listener left at green by a killed run is restored to the deployed weights, with a warning', async () => {
    for (const observation of [canary, switchAndRollback]) {
      mockWorld({ ...truthfulWorld(), foundAt: { blue: 0, green: 100 } });
      const ctx = context();
      const observed = await ctx.observe<{ restored: TrafficWeights }>(observation);
      expect(ctx.progressLog).toContain(
        'the listener is at blue 0 / green 100, not at the deployed blue 100 / green 0: a previous run was interrupted (or the weights were changed by hand); ' +
          'restoring the deployed weights when this check ends',
      );
      expect(observed.restored).toEqual({ blue: 100, green: 0 });
      expect(lastModify()).toEqual([forwardAction({ blue: 100, green: 0 })]);
      expect(currentActions).toEqual([forwardAction({ blue: 100, green: 0 })]);
    }
    for (const id of ['A11.canary-split-follows-weights', 'A11.weighted-switch-no-errors']) {
      const j = await check(id, { ...truthfulWorld(), foundAt: { blue: 0, green: 100 } });
      expect(j.outcome).toBe('pass');
      expect(j.judgement.observed).toMatch(/[Rr]estored to blue 100 \/ green 0/);
    }
  });

  test('T8.policies-trade-capacity-for-downtime counts the instances and the failures across both switches', async () => {
    const j = await check('T8.policies-trade-capacity-for-downtime', truthfulWorld());
    expect(j.outcome).toBe('pass');
    expect(j.judgement.observed).toContain('blue/green measured: 2 instances running (1 healthy per colour');
    expect(j.judgement.observed).toContain('0 of 240 requests failed or were not 2xx');
  });
});

describe('alb-blue-green live checks fail on the observation that contradicts the truth', () => {
  /** Claim, the change to the world, the unmet expectation the reasons must name, and what the observed text says. */
  const cases: Array<[string, (w: World) => void, string, string]> = [
    ['A11.weighted-switch-no-errors', (w) => (w.errorsAfterChange = 3), 'blue → green: non-2xx responses: expected 0, saw 3', '3 response(s) were not 2xx'],
    ['A11.weighted-switch-no-errors', (w) => (w.failuresAfterChange = 2), 'blue → green: requests with no response: expected 0, saw 2', 'fetch failed: ECONNRESET'],
    ['A11.rollback-is-the-same-move', (w) => (w.errorsAfterChange = 3), 'green → blue: non-2xx responses: expected 0, saw 3', '3 response(s) were not 2xx'],
    ['A11.canary-split-follows-weights', (w) => (w.stuckOn = 'blue'), 'green responses within the 99.9 % binomial interval of a 90/10 split: expected ', 'green 0 of 300 responses (0.0 %, expected 10.0 %)'],
    ['A11.low-dns-ttl-for-rollback', (w) => (w.errorsAfterChange = 3), 'green → blue: non-2xx responses: expected 0, saw 3', 'Not as claimed: 3 response(s) were not 2xx'],
    [
      'T8.policies-trade-capacity-for-downtime',
      (w) => (w.errorsAfterChange = 4),
      'failed or non-2xx requests across the switch and the rollback: expected 0, saw 8',
      '8 of 240 requests failed or were not 2xx',
    ],
  ];

  test('every live check has a failing case', () => {
    const live = Object.entries(albBlueGreen.checks).filter(([, c]) => c.live).map(([id]) => id);
    expect([...new Set(cases.map(([id]) => id))].sort()).toEqual(live.sort());
  });

  test.each(cases)('%s fails, naming the unmet expectation (%#)', async (id, change, reason, observed) => {
    const world = truthfulWorld();
    change(world);
    const j = await check(id, world);
    expect(j.outcome).toBe('fail');
    expect(j.reasons.some((r) => r.startsWith(reason))).toBe(true);
    expect(j.judgement.observed).toContain(observed);
  });

  test.each(cases)('%s leaves the listener as it found it: %#', async (id, change) => {
    const world = truthfulWorld();
    change(world);
    await check(id, world);
    const modified = elbv2.commandCalls(ModifyListenerCommand).length;
    if (modified > 0) expect(lastModify()).toEqual([forwardAction({ blue: 100, green: 0 })]);
  });

  test('A11.low-dns-ttl-for-rollback fails when the rollback is slower than the documented TTL', async () => {
    // 300 s at 10/s: the rollback window is 120 s; every response is blue only 65.1 s after ModifyListener.
    const j = await check('A11.low-dns-ttl-for-rollback', { ...truthfulWorld(), lagRequests: 650 }, { duration: '300' });
    expect(j.outcome).toBe('fail');
    expect(j.reasons).toContain('rollback faster than the 60 s TTL a DNS-based rollback waits for: expected less than 60 s, saw 65.1 s');
    expect(j.judgement.observed).toContain('rolled back to all-blue 65.1 s after ModifyListener');
    expect(j.judgement.observed).toContain('the rollback took 65.1 s, not less than the 60 s TTL a DNS-based rollback waits for');
    expect(lastModify()).toEqual([forwardAction({ blue: 100, green: 0 })]);
  });

});

describe('alb-blue-green live checks that did not exercise the behaviour are inconclusive, never a pass', () => {
  test('A11.canary-split-follows-weights is inconclusive when no response named a colour (something else answered once the weights moved)', async () => {
    const j = await check('A11.canary-split-follows-weights', { ...truthfulWorld(), notTheLabPage: 'afterChange' });
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons).toEqual(['responses that name a colour, to count the split (saw 0 of 300)']);
    expect(j.judgement.observed).toContain('no response named a colour (0 blue, 0 green, 300 unrecognised)');
    expect(lastModify()).toEqual([forwardAction({ blue: 100, green: 0 })]);
  });

  // Item 17: the load balancer ignores the weights (every response blue). The rollback then "converges" at 0.0 s
  // without ever having left blue; it must not count, and neither must T8's no-downtime count.
  test.each(['A11.rollback-is-the-same-move', 'A11.low-dns-ttl-for-rollback', 'T8.policies-trade-capacity-for-downtime'])(
    '%s is inconclusive when traffic never reached green before the rollback',
    async (id) => {
      const j = await check(id, { ...truthfulWorld(), stuckOn: 'blue' });
      expect(j.outcome).toBe('inconclusive');
      expect(j.reasons.some((r) => /reached green/.test(r) && r.includes('no: 120 blue, 0 green in the 11.9 s window'))).toBe(true);
    },
  );

  test('A11.weighted-switch-no-errors is inconclusive, not failed, when the switch was still mixing as its window ended (AWS documents no time limit)', async () => {
    const j = await check('A11.weighted-switch-no-errors', { ...truthfulWorld(), lagRequests: 200 });
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons).toEqual([
      'blue → green: every response green before the window ended, at least 5 in a row (else run again with a longer --duration) (saw no: 120 blue, 0 green in the 11.9 s window)',
    ]);
  });

  test('A11.low-dns-ttl-for-rollback is inconclusive when the rollback window (shorter than 60 s) ended before every response was blue', async () => {
    const j = await check('A11.low-dns-ttl-for-rollback', { ...truthfulWorld(), lagRequests: 125 }, { duration: '30' });
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons.some((r) => r.startsWith('the rollback converged (every response blue, at least 5 in a row) or was watched for at least 60 s'))).toBe(true);
  });

  test('failures before the first switch make the traffic checks inconclusive: nothing had moved, so they are not about switching', async () => {
    // Fetches 0–4 are the baseline (5 in a row); 5 and 6 are the first two requests of the stream, still all blue.
    for (const id of ['A11.weighted-switch-no-errors', 'A11.rollback-is-the-same-move', 'A11.low-dns-ttl-for-rollback', 'T8.policies-trade-capacity-for-downtime']) {
      const j = await check(id, { ...truthfulWorld(), failFetches: [BASELINE_IN_A_ROW, BASELINE_IN_A_ROW + 1] });
      expect(j.outcome).toBe('inconclusive');
      expect(j.reasons).toContain('every request before the first switch answered 2xx (nothing had moved yet) (saw 2 of 60 failed or were not 2xx)');
    }
  });
});

describe('alb-blue-green observations that cannot run are errors, and move nothing', () => {
  // Item 20. Bound from "Health checks for Application Load Balancer target groups"
  // (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html): a target is put in
  // service after HealthyThresholdCount consecutive successes, one every HealthCheckIntervalSeconds; here 2 × 5 s (DescribeTargetGroups above).
  test('right after a deploy, the switch waits for healthy targets, polling once per health-check interval with progress, then runs', async () => {
    const initial = { state: 'initial', reason: 'Elb.InitialHealthChecking', description: 'Initial health checks in progress' };
    const registering = { state: 'initial', reason: 'Elb.RegistrationInProgress', description: 'Target registration is in progress' };
    mockWorld({ ...truthfulWorld(), healthBefore: [{ green: registering }, { green: initial }] });
    const ctx = context();
    const j = judgeLive(albBlueGreen, 'A11.weighted-switch-no-errors', await ctx.observe(switchAndRollback));
    expect(j.outcome).toBe('pass');
    expect(elbv2).toHaveReceivedCommandTimes(DescribeTargetHealthCommand, 6);
    expect(ctx.progressLog).toContain(
      `health: waiting for healthy targets (0 s of at most ${INSTANCE_START_ALLOWANCE_SECONDS + 10} s): green i-0a4ee000000000a4e is initial (Elb.RegistrationInProgress: Target registration is in progress)`,
    );
    expect(ctx.progressLog).toContain('health: waiting for healthy targets (5 s of at most 310 s): green i-0a4ee000000000a4e is initial (Elb.InitialHealthChecking: Initial health checks in progress)');
    expect(ctx.progressLog).toContain('health: both colours healthy after 10 s');
  });

  test('a target left draining by an instance replacement does not hold up the switch (the load balancer sends it no new requests)', async () => {
    mockWorld({ ...truthfulWorld(), drainingToo: true });
    const j = judgeLive(albBlueGreen, 'T8.policies-trade-capacity-for-downtime', await context().observe(albBlueGreen.checks['T8.policies-trade-capacity-for-downtime'].live!.observation));
    expect(j.outcome).toBe('pass');
    expect(j.judgement.observed).toContain('2 instances running (1 healthy per colour');
  });

  test('a colour still unhealthy after the bound is an error that names the target and its reason, and moves nothing', async () => {
    const world = truthfulWorld();
    world.health.green = { state: 'unhealthy', reason: 'Target.Timeout', description: 'Request timed out' };
    mockWorld(world);
    await expect(context().observe(switchAndRollback)).rejects.toThrow(
      `targets not healthy after 310 s (the most this check waits: ${INSTANCE_START_ALLOWANCE_SECONDS} s for an instance to start, plus HealthyThresholdCount 2 × HealthCheckIntervalSeconds 5 s): ` +
        'green i-0a4ee000000000a4e is unhealthy (Target.Timeout: Request timed out); if an instance is being replaced',
    );
    expect(elbv2).not.toHaveReceivedCommand(ModifyListenerCommand);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  // Item 19: the user's side (an ingress CIDR that is not their address, a proxy, Wi-Fi) is an error with what to check, never AWS failing A11 or T8.
  test('when this machine cannot reach the load balancer, the traffic checks are errors that say to check labs:ingressCidr, and nothing moves', async () => {
    mockWorld({ ...truthfulWorld(), unreachable: true });
    const ctx = context({}, { ...OUTPUT_VALUES, IngressCidr: '203.0.113.7/32' });
    const { results } = await runLiveChecks(albBlueGreen, ctx, lookup);
    const traffic = results.filter((r) => !['I38.health-checks-gate-traffic', 'I46.cname-swap-waits-for-dns'].includes(r.claim));
    expect(traffic.map((r) => r.outcome)).toEqual(traffic.map(() => 'error'));
    for (const r of traffic) {
      expect(r.error).toContain('this machine cannot reach the load balancer although both colours are healthy: 20 requests');
      expect(r.error).toContain('last: timeout after 5000 ms');
      expect(r.error).toContain('the stack lets in 203.0.113.7/32 only (context labs:ingressCidr, stack output IngressCidr): compare it with your public IP');
    }
    expect(elbv2).not.toHaveReceivedCommand(ModifyListenerCommand);
  });

  test('a captive portal or proxy answering instead of the load balancer is the same error, and says so', async () => {
    mockWorld({ ...truthfulWorld(), notTheLabPage: true });
    await expect(context().observe(canary)).rejects.toThrow(
      /this machine cannot reach the load balancer .*last: HTTP 200 with a page that names no colour \(a proxy or captive portal\?\)\); .*any address \(labs:ingressCidr 0\.0\.0\.0\/0\)/,
    );
    expect(elbv2).not.toHaveReceivedCommand(ModifyListenerCommand);
  });

  test('a failed weight change is an error, and the listener is still restored', async () => {
    mockWorld(truthfulWorld());
    elbv2
      .on(ModifyListenerCommand, { DefaultActions: [forwardAction({ blue: 0, green: 100 })] })
      .rejects(Object.assign(new Error('A target group ARN specified is not valid'), { name: 'ValidationError' }));
    await expect(context().observe(switchAndRollback)).rejects.toThrow('switch: switch to green failed: A target group ARN specified is not valid');
    expect(lastModify()).toEqual([forwardAction({ blue: 100, green: 0 })]);
  });

  test('out-of-range options are refused in one error before anything moves', async () => {
    mockWorld(truthfulWorld());
    await expect(context({ rate: '500', duration: '5' }).observe(switchAndRollback)).rejects.toThrow(
      '--rate: received "500"; allowed: an integer from 1 to 50 (requests per second); --duration: received "5"; allowed: an integer from 30 to 300 (seconds)',
    );
    expect(elbv2).not.toHaveReceivedCommand(ModifyListenerCommand);
  });

  test('a stack without the outputs is an error that says to redeploy', async () => {
    mockWorld(truthfulWorld());
    await expect(context({}, { LoadBalancerDnsName: DNS_NAME }).observe(switchAndRollback)).rejects.toThrow(
      /has no output ListenerArn, BlueTargetGroupArn, GreenTargetGroupArn, DeployedWeights: redeploy it with `npx labs deploy alb-blue-green`/,
    );
  });

  test('a stack deployed before the DeployedWeights output, or with a broken one, is an error before anything moves', async () => {
    mockWorld(truthfulWorld());
    const { DeployedWeights: _deployed, ...older } = OUTPUT_VALUES;
    await expect(context({}, older).observe(canary)).rejects.toThrow('stack alb-blue-green has no output DeployedWeights: redeploy it with `npx labs deploy alb-blue-green`');
    const broken = { ...OUTPUT_VALUES, DeployedWeights: '100/0' };
    await expect(context({}, broken).observe(canary)).rejects.toThrow('output DeployedWeights: received "100/0"; allowed: blue=<weight>,green=<weight>');
    expect(elbv2).not.toHaveReceivedCommand(ModifyListenerCommand);
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
