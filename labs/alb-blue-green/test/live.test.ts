/**
 * The lab's observations against aws-sdk-client-mock (responses shaped like the API references: ELBv2
 * DescribeTargetHealth, DescribeLoadBalancers, DescribeListeners, ModifyListener; CloudFormation
 * DetectStackResourceDrift), fetch and node:dns mocked, and every live check judged on what they
 * observe: a pass when AWS behaves as the truth says, a fail naming the unmet expectation otherwise.
 *
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeTargetHealth.html
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
import { canary, switchAndRollback } from '../observe';
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
  /** Something else answers 200 with its own page (a captive portal, a proxy): no response names a colour. */
  notTheLabPage?: boolean;
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

  elbv2.on(DescribeTargetHealthCommand).callsFake(async (input) => {
    const colour: Colour = input.TargetGroupArn === ARN.blue ? 'blue' : 'green';
    const h = world.health[colour];
    return {
      TargetHealthDescriptions: [{
        Target: { Id: colour === 'blue' ? 'i-0b1e000000000b1e0' : 'i-0a4ee000000000a4e', Port: 8080, AvailabilityZone: colour === 'blue' ? 'us-east-1a' : 'us-east-1b' },
        HealthCheckPort: '8080',
        TargetHealth: { State: h.state as 'healthy', ...(h.reason ? { Reason: h.reason as 'Target.Timeout' } : {}), ...(h.description ? { Description: h.description } : {}) },
      }],
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

  fetchSpy = jest.spyOn(globalThis, 'fetch').mockImplementation(async () => {
    sinceChange++;
    if (sinceChange <= world.failuresAfterChange) throw new TypeError('fetch failed', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) });
    if (sinceChange <= world.errorsAfterChange) return new Response('<html><body><center><h1>502 Bad Gateway</h1></center></body></html>', { status: 502 });
    if (world.notTheLabPage) return new Response('<html><body>Please sign in to the guest network</body></html>', { status: 200 });
    const colour = route(world);
    return new Response(colourPageHtml(colour, colour === 'blue' ? 'v1' : 'v2'), { status: 200, headers: { 'content-type': 'text/html' } });
  });

  let lookups = 0;
  resolveSpy = jest.spyOn(dns.promises, 'resolve4').mockImplementation((async () => {
    const ttl = world.ttls[Math.min(lookups++, 1)];
    return [{ address: '3.210.10.20', ttl }, { address: '52.4.200.17', ttl }];
  }) as any);
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
  test('every live claim passes; the switch and the canary run once each and the listener ends as it began', async () => {
    mockWorld(truthfulWorld());
    const ctx = context();
    const { results, observations } = await runLiveChecks(albBlueGreen, ctx, lookup);
    expect(results.filter((r) => r.outcome !== 'pass')).toEqual([]);
    expect(results.map((r) => r.claim)).toEqual(Object.keys(albBlueGreen.checks));
    // One switch run (to green, back to blue) and one canary (90/10), each restored: 2 + 1 + 2 restores.
    expect(elbv2).toHaveReceivedCommandTimes(ModifyListenerCommand, 5);
    expect(lastModify()).toEqual([forwardAction({ blue: 100, green: 0 })]);
    // 300 requests for the switch and 300 for the canary, at the default 10/s for 30 s.
    expect(fetchSpy).toHaveBeenCalledTimes(600);
    expect(fetchSpy).toHaveBeenCalledWith(`http://${DNS_NAME}/`, expect.objectContaining({ headers: { 'cache-control': 'no-cache' } }));
    expect(elbv2).toHaveReceivedCommandWith(DescribeTargetHealthCommand, { TargetGroupArn: ARN.green });
    expect(elbv2).toHaveReceivedCommandTimes(DescribeTargetHealthCommand, 2);
    expect(cfn).toHaveReceivedCommandWith(DetectStackResourceDriftCommand, { StackName: 'alb-blue-green', LogicalResourceId: 'ServiceLoadBalancerHttp922C9E54' });
    expect(ctx.progressLog.some((m) => m.includes('outside CloudFormation'))).toBe(true);
    expect(ctx.progressLog.filter((m) => m.startsWith('restored the deployed weights (blue 100 / green 0)'))).toHaveLength(2);
    expect(ctx.progressLog.some((m) => m.includes('a previous run was interrupted'))).toBe(false);
    // Each observation once; every value plain JSON, so the recorded run judges the same again.
    expect(observations.map((o) => o.name).sort()).toEqual(['canary', 'capacity-during-switch', 'dns', 'health', 'rollback-and-dns', 'switch']);
    const recorded = JSON.parse(JSON.stringify(observations));
    expect(judgeRecorded(albBlueGreen, recorded, lookup).map((r) => [r.claim, r.outcome])).toEqual(results.map((r) => [r.claim, r.outcome]));
  });

  test('I38.health-checks-gate-traffic reads both target groups and the load balancer', async () => {
    const j = await check('I38.health-checks-gate-traffic', truthfulWorld());
    expect(j.outcome).toBe('pass');
    expect(j.judgement.observed).toContain('blue: i-0b1e000000000b1e0 healthy (us-east-1a); green: i-0a4ee000000000a4e healthy (us-east-1b); load balancer active in 2 AZs');
    expect(j.judgement.figures).toEqual(expect.arrayContaining([{ name: 'load balancer AZs', value: 2, unit: 'AZs' }]));
    expect(j.observed).toMatchObject({ ingressCidr: '0.0.0.0/0' });
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
    expect(fetchSpy).toHaveBeenCalledTimes(200);
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
    expect(e.observed).toContain(`answered ${DNS_NAME} with TTL 3 s, then 1 s: the remaining TTL of a cached answer, counting down, not the record's TTL`);
    expect(e.observed).not.toContain('Not as claimed');
    expect(e.figures).toEqual(
      expect.arrayContaining([
        { name: 'rollback until every response is blue', value: 4.1, unit: 's' },
        { name: 'documented TTL of an alias record to a load balancer', value: 60, unit: 's' },
        { name: "TTL this machine's resolver returned (remaining TTL of its cached answer)", value: 3, unit: 's' },
      ]),
    );
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

  test('I46.cname-swap-waits-for-dns says whether this resolver answered from a cache', async () => {
    const j = await check('I46.cname-swap-waits-for-dns', truthfulWorld());
    expect(j.outcome).toBe('pass');
    expect(j.judgement.observed).toContain(`${DNS_NAME} answered with TTL 60 s, then 58 s two seconds later (served from a cache, counting down)`);
    expect(resolveSpy).toHaveBeenCalledWith(DNS_NAME, { ttl: true });
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
    [
      'I38.health-checks-gate-traffic',
      (w) => (w.health.green = { state: 'unhealthy', reason: 'Target.Timeout', description: 'Request timed out' }),
      'every colour has registered targets, all healthy: expected yes, saw green i-0a4ee000000000a4e is unhealthy (Target.Timeout: Request timed out)',
      'Not healthy: green i-0a4ee000000000a4e is unhealthy (Target.Timeout: Request timed out)',
    ],
    ['A11.weighted-switch-no-errors', (w) => (w.errorsAfterChange = 3), 'blue → green: non-2xx responses: expected 0, saw 3', '3 response(s) were not 2xx'],
    ['A11.weighted-switch-no-errors', (w) => (w.failuresAfterChange = 2), 'blue → green: requests with no response: expected 0, saw 2', 'fetch failed: ECONNRESET'],
    [
      'A11.weighted-switch-no-errors',
      (w) => (w.lagRequests = 200),
      'blue → green: every response comes from green before the window ends: expected yes, saw no',
      'responses never all came from green before the window ended',
    ],
    ['A11.rollback-is-the-same-move', (w) => (w.lagRequests = 115), 'green → blue: time until every response is blue: expected at most 10 s, saw 11.', 'all-blue took 11.'],
    ['A11.canary-split-follows-weights', (w) => (w.stuckOn = 'blue'), 'green responses within the 99.9 % binomial interval of a 90/10 split: expected ', 'green 0 of 300 responses (0.0 %, expected 10.0 %)'],
    [
      'A11.low-dns-ttl-for-rollback',
      (w) => (w.lagRequests = 200),
      'green → blue: every response comes from blue before the window ends: expected yes, saw no',
      'rolled back to all-blue never (within the window)',
    ],
    ['A11.low-dns-ttl-for-rollback', (w) => (w.errorsAfterChange = 3), 'green → blue: non-2xx responses: expected 0, saw 3', 'Not as claimed: 3 response(s) were not 2xx'],
    ['I46.cname-swap-waits-for-dns', (w) => (w.ttls = [0, 0]), "the resolver's answer carries a TTL above 0 (clients cache it): expected above 0 s, saw 0 s", 'a TTL of 0 means no caching'],
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

  test('A11.weighted-switch-no-errors fails when requests failed before any switch', async () => {
    const world = truthfulWorld();
    mockWorld(world);
    // The first two requests of the stream, still all blue, get no response.
    sinceChange = 0;
    world.failuresAfterChange = 2;
    const ctx = context();
    const j = judgeLive(albBlueGreen, 'A11.weighted-switch-no-errors', await ctx.observe(switchAndRollback));
    expect(j.outcome).toBe('fail');
    expect(j.reasons).toContain('failed or non-2xx requests before any switch (all blue): expected 0, saw 2');
  });
});

describe('alb-blue-green live checks that did not exercise the behaviour', () => {
  test('A11.canary-split-follows-weights is inconclusive when no response named a colour (something else answered)', async () => {
    const j = await check('A11.canary-split-follows-weights', { ...truthfulWorld(), notTheLabPage: true });
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons).toEqual(['responses that name a colour, to count the split (saw 0 of 300)']);
    expect(j.judgement.observed).toContain('no response named a colour (0 blue, 0 green, 300 unrecognised)');
    expect(lastModify()).toEqual([forwardAction({ blue: 100, green: 0 })]);
  });
});

describe('alb-blue-green observations that cannot run are errors, and move nothing', () => {
  test('an unhealthy colour stops the switch before any weight moves, with an error that says why', async () => {
    const world = truthfulWorld();
    world.health.green = { state: 'initial', reason: 'Elb.InitialHealthChecking', description: 'Initial health checks in progress' };
    mockWorld(world);
    await expect(context().observe(switchAndRollback)).rejects.toThrow(
      'both colours must be healthy before traffic moves, but green i-0a4ee000000000a4e is initial (Elb.InitialHealthChecking: Initial health checks in progress)',
    );
    expect(elbv2).not.toHaveReceivedCommand(ModifyListenerCommand);
    expect(fetchSpy).not.toHaveBeenCalled();
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
