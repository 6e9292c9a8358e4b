import { liveChecksFailOn } from '../support/failing-cases';
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
import type { Claim } from '../../lib/lab-kit/checks/claim';
import { runLiveChecks } from '../../lib/lab-kit/checks/runner';
import { claimOf, fakeLiveContext } from '../../lib/lab-kit/checks/testing';
import { type Colour, colourPageHtml } from '../../lib/deployment/colour-page';
import { readWeights, type TrafficWeights } from '../../lib/deployment/listener-weights';
import { albBlueGreen } from '../../labs/alb-blue-green';
import { LOAD_BALANCER_ALIAS_TTL_SECONDS } from '../../labs/alb-blue-green/claims';
import { OUTPUTS } from '../../labs/alb-blue-green/stack';

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

const OUTPUT_VALUES: Record<string, string> = {
  [OUTPUTS.dnsName]: DNS_NAME,
  [OUTPUTS.loadBalancerArn]: ARN.lb,
  [OUTPUTS.listenerArn]: ARN.listener,
  [OUTPUTS.listenerLogicalId]: 'ServiceLoadBalancerHttp922C9E54',
  [OUTPUTS.blueTargetGroupArn]: ARN.blue,
  [OUTPUTS.greenTargetGroupArn]: ARN.green,
  [OUTPUTS.ingressCidr]: '0.0.0.0/0',
  [OUTPUTS.deployedWeights]: 'blue=100,green=0',
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
    const colour = route(world);
    return new Response(colourPageHtml(colour, colour === 'blue' ? 'v1' : 'v2'), { status: 200, headers: { 'content-type': 'text/html' } });
  });

  let lookups = 0;
  resolveSpy = jest.spyOn(dns.promises, 'resolve4').mockImplementation((async () => {
    const ttl = world.ttls[Math.min(lookups++, 1)];
    return [{ address: '3.210.10.20', ttl }, { address: '52.4.200.17', ttl }];
  }) as any);
}

const claim = (id: string): Claim => claimOf(albBlueGreen, id, { live: true });

function context(options: Record<string, string> = {}) {
  return fakeLiveContext({ labId: albBlueGreen.id, outputs: OUTPUT_VALUES, options });
}

async function check(id: string, world: World, options: Record<string, string> = {}) {
  mockWorld(world);
  return claim(id).live!(context(options));
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
    const results = await runLiveChecks(albBlueGreen, ctx);
    expect(results.filter((r) => r.status !== 'pass')).toEqual([]);
    // One switch run (to green, back to blue) and one canary (90/10), each restored: 2 + 1 + 2 restores.
    expect(elbv2).toHaveReceivedCommandTimes(ModifyListenerCommand, 5);
    expect(lastModify()).toEqual([forwardAction({ blue: 100, green: 0 })]);
    // 300 requests for the switch and 300 for the canary, at the default 10/s for 30 s.
    expect(fetchSpy).toHaveBeenCalledTimes(600);
    expect(fetchSpy).toHaveBeenCalledWith(`http://${DNS_NAME}/`, expect.objectContaining({ headers: { 'cache-control': 'no-cache' } }));
    expect(elbv2).toHaveReceivedCommandWith(DescribeTargetHealthCommand, { TargetGroupArn: ARN.green });
    expect(cfn).toHaveReceivedCommandWith(DetectStackResourceDriftCommand, { StackName: 'alb-blue-green', LogicalResourceId: 'ServiceLoadBalancerHttp922C9E54' });
    expect(ctx.progressLog.some((m) => m.includes('outside CloudFormation'))).toBe(true);
    expect(ctx.progressLog.filter((m) => m.startsWith('restored the deployed weights (blue 100 / green 0)'))).toHaveLength(2);
    expect(ctx.progressLog.some((m) => m.includes('a previous run was interrupted'))).toBe(false);
  });

  test('A11.weighted-switch-no-errors reports the counts, the time to all-green and the mix', async () => {
    const e = await check('A11.weighted-switch-no-errors', truthfulWorld());
    expect(e.passed).toBe(true);
    expect(e.observed).toMatch(/^blue → green: 120 requests, 0 non-2xx, 0 failed; every response green from \d+\.\d s after ModifyListener on/);
    expect(e.observed).toContain('Before the first switch: 60 blue, 0 green.');
    expect(e.observed).toContain('restored to blue 100 / green 0');
    expect(e.figures).toEqual(expect.arrayContaining([{ name: 'green: failed', value: 0, unit: 'requests' }, { name: 'green: non-2xx', value: 0, unit: 'responses' }]));
    expect(e.method).toContain('outside CloudFormation');
  });

  test('A11.weighted-switch-no-errors sends the traffic the options ask for', async () => {
    await check('A11.weighted-switch-no-errors', truthfulWorld(), { rate: '5', duration: '40' });
    expect(fetchSpy).toHaveBeenCalledTimes(200);
  });

  test('A11.canary-split-follows-weights states the binomial tolerance and what drift detection saw', async () => {
    const e = await check('A11.canary-split-follows-weights', truthfulWorld());
    expect(e.passed).toBe(true);
    expect(e.observed).toContain('green 30 of 300 responses (10.0 %, expected 10.0 %)');
    expect(e.observed).toMatch(/a true 90\/10 split gives \d+ to \d+ \(.*\) 99\.9 % of the time \(exact binomial\)/);
    expect(e.observed).toContain('drift detection said the listener is MODIFIED (/DefaultActions/0/ForwardConfig/TargetGroups/0/Weight: 100 → 90');
    expect(elbv2).toHaveReceivedCommandWith(ModifyListenerCommand, { ListenerArn: ARN.listener, DefaultActions: [forwardAction({ blue: 90, green: 10 })] });
    expect(lastModify()).toEqual([forwardAction({ blue: 100, green: 0 })]);
  });

  test('A11.canary-split-follows-weights still passes when drift detection is not allowed, and says so', async () => {
    const world = truthfulWorld();
    world.drift = 'throws';
    const e = await check('A11.canary-split-follows-weights', world);
    expect(e.passed).toBe(true);
    expect(e.observed).toContain('Drift detection not checked (DetectStackResourceDrift failed: User is not authorized');
  });

  test('A11.low-dns-ttl-for-rollback compares the rollback with the documented 60 s TTL, not with the TTL a cache has left', async () => {
    // A caching resolver near the end of its cache period: 3 s left, then 1 s. The rollback takes 4.1 s.
    const e = await check('A11.low-dns-ttl-for-rollback', { ...truthfulWorld(), ttls: [3, 1], lagRequests: 40 });
    expect(LOAD_BALANCER_ALIAS_TTL_SECONDS).toBe(60);
    expect(e.passed).toBe(true);
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
    for (const id of ['A11.canary-split-follows-weights', 'A11.weighted-switch-no-errors']) {
      mockWorld({ ...truthfulWorld(), foundAt: { blue: 0, green: 100 } });
      const ctx = context();
      const e = await claim(id).live!(ctx);
      expect(e.passed).toBe(true);
      expect(ctx.progressLog).toContain(
        'the listener is at blue 0 / green 100, not at the deployed blue 100 / green 0: a previous run was interrupted (or the weights were changed by hand); ' +
          'restoring the deployed weights when this check ends',
      );
      expect(e.observed).toMatch(/[Rr]estored to blue 100 \/ green 0/);
      expect(lastModify()).toEqual([forwardAction({ blue: 100, green: 0 })]);
      expect(currentActions).toEqual([forwardAction({ blue: 100, green: 0 })]);
    }
  });

  test('I46.cname-swap-waits-for-dns says whether this resolver answered from a cache', async () => {
    const e = await check('I46.cname-swap-waits-for-dns', truthfulWorld());
    expect(e.passed).toBe(true);
    expect(e.observed).toContain(`${DNS_NAME} answered with TTL 60 s, then 58 s two seconds later (served from a cache, counting down)`);
    expect(resolveSpy).toHaveBeenCalledWith(DNS_NAME, { ttl: true });
  });
});

describe('alb-blue-green live checks fail on the observation that contradicts the truth', () => {
  const cases: Array<[string, (w: World) => void, string]> = [
    ['I38.health-checks-gate-traffic', (w) => (w.health.green = { state: 'unhealthy', reason: 'Target.Timeout', description: 'Request timed out' }), 'green i-0a4ee000000000a4e is unhealthy (Target.Timeout: Request timed out)'],
    ['A11.weighted-switch-no-errors', (w) => (w.errorsAfterChange = 3), '3 response(s) were not 2xx'],
    ['A11.weighted-switch-no-errors', (w) => (w.failuresAfterChange = 2), 'fetch failed: ECONNRESET'],
    ['A11.weighted-switch-no-errors', (w) => (w.lagRequests = 200), 'responses never all came from green before the window ended'],
    ['A11.rollback-is-the-same-move', (w) => (w.lagRequests = 115), 'all-blue took 11.'],
    ['A11.canary-split-follows-weights', (w) => (w.stuckOn = 'blue'), 'green 0 of 300 responses (0.0 %, expected 10.0 %)'],
    ['A11.low-dns-ttl-for-rollback', (w) => (w.lagRequests = 200), 'rolled back to all-blue never (within the window)'],
    ['A11.low-dns-ttl-for-rollback', (w) => (w.errorsAfterChange = 3), 'Not as claimed: 3 response(s) were not 2xx'],
    ['I46.cname-swap-waits-for-dns', (w) => (w.ttls = [0, 0]), 'a TTL of 0 means no caching'],
    ['T8.policies-trade-capacity-for-downtime', (w) => (w.errorsAfterChange = 4), '8 of 240 requests failed or were not 2xx'],
  ];

  liveChecksFailOn(albBlueGreen, cases, truthfulWorld, check);

  test.each(cases)('%s leaves the listener as it found it: %#', async (id, change) => {
    const world = truthfulWorld();
    change(world);
    await check(id, world);
    const modified = elbv2.commandCalls(ModifyListenerCommand).length;
    if (modified > 0) expect(lastModify()).toEqual([forwardAction({ blue: 100, green: 0 })]);
  });

  test('A11.low-dns-ttl-for-rollback fails when the rollback is slower than the documented TTL', async () => {
    // 300 s at 10/s: the rollback window is 120 s; every response is blue only 65.1 s after ModifyListener.
    const e = await check('A11.low-dns-ttl-for-rollback', { ...truthfulWorld(), lagRequests: 650 }, { duration: '300' });
    expect(e.passed).toBe(false);
    expect(e.observed).toContain('rolled back to all-blue 65.1 s after ModifyListener');
    expect(e.observed).toContain('the rollback took 65.1 s, not less than the 60 s TTL a DNS-based rollback waits for');
    expect(lastModify()).toEqual([forwardAction({ blue: 100, green: 0 })]);
  });

  test('an unhealthy colour stops the switch before any weight moves, with an error that says why', async () => {
    const world = truthfulWorld();
    world.health.green = { state: 'initial', reason: 'Elb.InitialHealthChecking', description: 'Initial health checks in progress' };
    mockWorld(world);
    await expect(claim('A11.weighted-switch-no-errors').live!(context())).rejects.toThrow(
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
    await expect(claim('A11.weighted-switch-no-errors').live!(context())).rejects.toThrow('switch: switch to green failed: A target group ARN specified is not valid');
    expect(lastModify()).toEqual([forwardAction({ blue: 100, green: 0 })]);
  });

  test('out-of-range options are refused in one error before anything moves', async () => {
    mockWorld(truthfulWorld());
    await expect(claim('A11.weighted-switch-no-errors').live!(context({ rate: '500', duration: '5' }))).rejects.toThrow(
      '--rate: received "500"; allowed: an integer from 1 to 50 (requests per second); --duration: received "5"; allowed: an integer from 30 to 300 (seconds)',
    );
    expect(elbv2).not.toHaveReceivedCommand(ModifyListenerCommand);
  });

  test('a stack without the outputs is an error that says to redeploy', async () => {
    mockWorld(truthfulWorld());
    const ctx = fakeLiveContext({ labId: albBlueGreen.id, outputs: { [OUTPUTS.dnsName]: DNS_NAME } });
    await expect(claim('A11.weighted-switch-no-errors').live!(ctx)).rejects.toThrow(
      /has no output ListenerArn, BlueTargetGroupArn, GreenTargetGroupArn, DeployedWeights: redeploy it with `npx cdk deploy alb-blue-green`/,
    );
  });

  test('a stack deployed before the DeployedWeights output, or with a broken one, is an error before anything moves', async () => {
    mockWorld(truthfulWorld());
    const { [OUTPUTS.deployedWeights]: _deployed, ...older } = OUTPUT_VALUES;
    await expect(claim('A11.canary-split-follows-weights').live!(fakeLiveContext({ labId: albBlueGreen.id, outputs: older }))).rejects.toThrow(
      'stack alb-blue-green has no output DeployedWeights: redeploy it with `npx cdk deploy alb-blue-green`',
    );
    const broken = { ...OUTPUT_VALUES, [OUTPUTS.deployedWeights]: '100/0' };
    await expect(claim('A11.canary-split-follows-weights').live!(fakeLiveContext({ labId: albBlueGreen.id, outputs: broken }))).rejects.toThrow(
      'output DeployedWeights: received "100/0"; allowed: blue=<weight>,green=<weight>',
    );
    expect(elbv2).not.toHaveReceivedCommand(ModifyListenerCommand);
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
