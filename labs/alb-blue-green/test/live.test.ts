/**
 * The lab's observations against aws-sdk-client-mock (responses shaped like the API references: ELBv2
 * DescribeTargetHealth, DescribeLoadBalancers, DescribeListeners, ModifyListener; CloudFormation
 * DetectStackResourceDrift), fetch mocked, and every live check judged on what they
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
import { DescribeVpcBlockPublicAccessOptionsCommand, EC2Client } from '@aws-sdk/client-ec2';
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
import { BASELINE_IN_A_ROW, BLUE_FIRST_IN_A_ROW, canary, CANARY_CONFIDENCE, CANARY_WEIGHTS, type CanaryObservation, INSTANCE_START_ALLOWANCE_SECONDS, switchAndRollback } from '../observe';
import type { RequestSample } from '../traffic';
import { canaryStats } from '../traffic-stats';
import { describeAwsError } from '../../../lib/lab-kit/core/aws-errors';
import { EXIT } from '../../../lib/lab-kit/core/errors';
import { healthThroughRun } from '../target-health';
import type { OutputName } from '../outputs';
import { expectToMatchFileSnapshot } from '../../../lib/lab-kit/testing/file-snapshot';
import { recordExampleRun } from '../../../lib/lab-kit/testing/example-run';
import * as path from 'node:path';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const cfn = mockClient(CloudFormationClient);
const ec2 = mockClient(EC2Client);

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
  /** A second target per colour, being deregistered (an instance replacement): state draining, or unhealthy.draining (it failed its health checks first). */
  drainingToo?: boolean | 'unhealthy.draining';
  /** VPC Block Public Access in the Region (InternetGatewayBlockMode), or DescribeVpcBlockPublicAccessOptions denied. @default off */
  blockPublicAccess?: 'off' | 'block-bidirectional' | 'block-ingress' | 'denied';
  /** Requests that still go to the old colour after a weight change (slow propagation). */
  lagRequests: number;
  /** Requests answered 502 right after a weight change. */
  errorsAfterChange: number;
  /** Requests that get no response right after a weight change. */
  failuresAfterChange: number;
  /** The load balancer ignores the weights and always answers from this colour. */
  stuckOn?: Colour;
  /** Whenever the listener gives green any weight, the load balancer routes by these instead (ModifyListener returns, the weights are ignored); all-blue it honours. */
  routesBy?: TrafficWeights;
  drift: 'MODIFIED' | 'throws';
  /** The weights the listener is at when the check starts (an earlier run killed before it restored). @default blue 100 / green 0, as deployed */
  foundAt?: TrafficWeights;
  /** Something else answers 200 with its own page (a captive portal, a proxy): no response names a colour; `afterChange`: only once a weight has changed. */
  notTheLabPage?: boolean | 'afterChange';
  /** Every request times out (an ingress CIDR that is not this machine's address, a proxy, no route). */
  unreachable?: boolean;
  /** Fetch calls (0-based, in order) that get no response. */
  failFetches?: readonly number[];
  /** Fetch calls (0-based, in order) the load balancer answers 502 itself (Server: awselb/2.0). */
  errorFetches?: readonly number[];
  /** Fetch calls (0-based) a proxy on this machine's side answers 502 (Server: squid), not the load balancer. */
  proxyFetches?: readonly number[];
  /** Fetch calls (0-based) a transparent proxy answers 502 with a Via header and no Server header (RFC 9110 §7.6.3: a proxy MUST send Via). */
  viaProxyFetches?: readonly number[];
  /** Fetch calls (0-based) answered 502 with neither a Server nor a Via header (a security appliance or VPN gateway on the path). */
  bareErrorFetches?: readonly number[];
  /**
   * A caching proxy on this machine's side (port 80, a corporate network) keyed on the request URL, as RFC 9111 §2 keys a cache
   * (method and target URI). A URL it has stored is revalidated with If-Modified-Since; http.server answers 304 (green's file is no
   * newer than blue's), and the proxy hands back its stored page as a 200 ("Freshening Stored Responses upon Validation", RFC 9111
   * §4.3.4), with Via (RFC 9110 §7.6.3: a proxy MUST send it) and Age (RFC 9111 §5.1). A URL it has not stored is forwarded to the
   * load balancer and the answer relayed, with Via.
   */
  cachingProxy?: boolean;
  /** The first N fetch calls fail because the load balancer's name does not resolve (ENOTFOUND). */
  unresolvedFetches?: number;
  /** Every request the load balancer routes to green is answered with this HTTP error instead of the page. */
  greenStatus?: number;
  /** ModifyListener calls (0-based, in order) from which the load balancer accepts the change (the API returns it) but keeps routing by the weights it had. */
  ignoreChangesFrom?: number;
  /** After a weight change, one of the two load balancer nodes keeps the old weights (every other request): the switch never completes. */
  oneNodeLags?: boolean;
  /**
   * From this fetch call (0-based) on, this colour's one instance fails: DescribeTargetHealth reports it unhealthy (Target.Timeout, a
   * reason code of "TargetHealth") and the load balancer answers that colour's requests 502 itself (its only target, so it fails open:
   * "If a target group contains only unhealthy registered targets, the load balancer routes requests to all those targets",
   * "Health checks for Application Load Balancer target groups").
   */
  failsFrom?: { colour: Colour; fetch: number };
  /** From this fetch call on, this colour's instance has been replaced (Auto Scaling): the old target draining, a new one initial (Elb.RegistrationInProgress). */
  replacedFrom?: { colour: Colour; fetch: number };
}

function truthfulWorld(): World {
  return {
    health: { blue: { state: 'healthy' }, green: { state: 'healthy' } },
    lagRequests: 0,
    errorsAfterChange: 0,
    failuresAfterChange: 0,
    drift: 'MODIFIED',
  };
}

let weights: TrafficWeights;
let currentActions: Action[];
let sinceChange: number;
let previous: TrafficWeights;
let greenCredit: number;
let fetchSpy: jest.SpyInstance;
let healthRound: number;
let fetches: number;

function route(world: World): Colour {
  if (world.stuckOn) return world.stuckOn;
  const w = world.routesBy && weights.green > 0 ? world.routesBy : sinceChange <= world.lagRequests || (world.oneNodeLags && sinceChange !== Number.POSITIVE_INFINITY && sinceChange % 2 === 0) ? previous : weights;
  // Error diffusion: exactly the weighted proportion, deterministically.
  greenCredit += w.green / (w.blue + w.green);
  if (greenCredit >= 1 - 1e-9) {
    greenCredit -= 1;
    return 'green';
  }
  return 'blue';
}

/** An error page the load balancer answers itself: the Server header ALBs send, awselb/2.0 (no AWS page lists it; the check never needs it to count an error). */
function albError(status: number): Response {
  return new Response(`<html><body><center><h1>${status}</h1></center></body></html>`, { status, headers: { server: 'awselb/2.0', 'content-type': 'text/html' } });
}

/** DetectStackResourceDrift's answer (StackResourceDrift, CloudFormation API Reference) for the listener at the current weights. */
function driftAnswer() {
  return {
    StackResourceDrift: {
      StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/alb-blue-green/5f4e3d2c-0000-11ef-9c1b-0a1b2c3d4e5f',
      LogicalResourceId: 'ServiceLoadBalancerHttp922C9E54',
      PhysicalResourceId: ARN.listener,
      ResourceType: 'AWS::ElasticLoadBalancingV2::Listener',
      StackResourceDriftStatus: 'MODIFIED' as const,
      PropertyDifferences: [
        { PropertyPath: '/DefaultActions/0/ForwardConfig/TargetGroups/0/Weight', ExpectedValue: '100', ActualValue: String(weights.blue), DifferenceType: 'NOT_EQUAL' as const },
        { PropertyPath: '/DefaultActions/0/ForwardConfig/TargetGroups/1/Weight', ExpectedValue: '0', ActualValue: String(weights.green), DifferenceType: 'NOT_EQUAL' as const },
      ],
      Timestamp: new Date('2026-11-23T12:00:10Z'),
    },
  };
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
    // TargetDescription's AvailabilityZone "is not supported if the target type of the target group is instance or alb"
    // (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetDescription.html): instance targets carry none.
    const description = (id: string, state: { state: string; reason?: string; description?: string }) => ({
      Target: { Id: id, Port: 8080 },
      HealthCheckPort: '8080',
      TargetHealth: { State: state.state as 'healthy', ...(state.reason ? { Reason: state.reason as 'Target.Timeout' } : {}), ...(state.description ? { Description: state.description } : {}) },
    });
    const id = colour === 'blue' ? 'i-0b1e000000000b1e0' : 'i-0a4ee000000000a4e';
    if (world.failsFrom?.colour === colour && fetches >= world.failsFrom.fetch) {
      // The Description is illustrative: the check never matches it, only State (and shows Reason).
      return { TargetHealthDescriptions: [description(id, { state: 'unhealthy', reason: 'Target.Timeout', description: 'Request timed out' })] };
    }
    if (world.replacedFrom?.colour === colour && fetches >= world.replacedFrom.fetch) {
      return {
        TargetHealthDescriptions: [
          description(id, { state: 'draining', reason: 'Target.DeregistrationInProgress', description: 'Target deregistration is in progress' }),
          description(`${id.slice(0, -3)}new`, { state: 'initial', reason: 'Elb.RegistrationInProgress', description: 'Target registration is in progress' }),
        ],
      };
    }
    return {
      TargetHealthDescriptions: [
        description(id, h),
        ...(world.drainingToo
          ? [description(`${id.slice(0, -3)}old`, { state: world.drainingToo === true ? 'draining' : world.drainingToo, reason: 'Target.DeregistrationInProgress', description: 'Target deregistration is in progress' })]
          : []),
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
  let modifies = 0;
  elbv2.on(ModifyListenerCommand).callsFake(async (input) => {
    currentActions = input.DefaultActions;
    if (world.ignoreChangesFrom !== undefined && modifies++ >= world.ignoreChangesFrom) return { Listeners: [listener()] };
    previous = weights;
    weights = readWeights(input.DefaultActions[0], TGS)!;
    sinceChange = 0;
    return { Listeners: [listener()] };
  });

  // DescribeVpcBlockPublicAccessOptions as the EC2 API Reference shapes VpcBlockPublicAccessOptions (InternetGatewayBlockMode off | block-bidirectional | block-ingress,
  // "BlockPublicAccessStates", https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_BlockPublicAccessStates.html).
  ec2.reset();
  if (world.blockPublicAccess === 'denied') {
    ec2.on(DescribeVpcBlockPublicAccessOptionsCommand).rejects(Object.assign(new Error('You are not authorized to perform this operation.'), { name: 'UnauthorizedOperation', $fault: 'client', $metadata: { httpStatusCode: 403 } }));
  } else {
    ec2.on(DescribeVpcBlockPublicAccessOptionsCommand).resolves({
      VpcBlockPublicAccessOptions: {
        AwsAccountId: '123456789012',
        AwsRegion: 'us-east-1',
        State: world.blockPublicAccess && world.blockPublicAccess !== 'off' ? 'update-complete' : 'default-state',
        InternetGatewayBlockMode: world.blockPublicAccess ?? 'off',
        ExclusionsAllowed: 'allowed',
        ManagedBy: 'account',
      },
    });
  }
  if (world.drift === 'throws') {
    cfn.on(DetectStackResourceDriftCommand).rejects(Object.assign(new Error('User is not authorized to perform: cloudformation:DetectStackResourceDrift'), { name: 'AccessDenied' }));
  } else {
    cfn.on(DetectStackResourceDriftCommand).callsFake(async () => driftAnswer());
  }

  const proxyStore = new Map<string, string>();
  const origin = async (url: string, init: RequestInit | undefined): Promise<Response> => {
    const n = fetches++;
    if (world.unreachable || world.failFetches?.includes(n)) {
      // What undici's fetch rejects with when the request's AbortSignal.timeout fires: the signal's reason, a TimeoutError.
      const signal = (init as RequestInit | undefined)?.signal;
      throw signal?.reason ?? new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    }
    if (world.unresolvedFetches !== undefined && n < world.unresolvedFetches) {
      // What undici's fetch rejects with when getaddrinfo finds no such name: TypeError('fetch failed') caused by an Error with code ENOTFOUND (Node.js "DNS: Error codes").
      throw new TypeError('fetch failed', { cause: Object.assign(new Error(`getaddrinfo ENOTFOUND ${DNS_NAME}`), { code: 'ENOTFOUND', syscall: 'getaddrinfo', hostname: DNS_NAME }) });
    }
    if (world.proxyFetches?.includes(n)) return new Response('<html><body>ERROR: The requested URL could not be retrieved</body></html>', { status: 502, headers: { server: 'squid/5.7' } });
    if (world.viaProxyFetches?.includes(n)) return new Response('<html><body>Bad Gateway</body></html>', { status: 502, headers: { via: '1.1 gateway.corp.example' } });
    if (world.bareErrorFetches?.includes(n)) return new Response('<html><body>Bad Gateway</body></html>', { status: 502 });
    if (world.errorFetches?.includes(n)) return albError(502);
    sinceChange++;
    if (sinceChange <= world.failuresAfterChange) throw new TypeError('fetch failed', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) });
    if (sinceChange <= world.errorsAfterChange) return albError(502);
    if (world.notTheLabPage === true || (world.notTheLabPage === 'afterChange' && sinceChange !== Number.POSITIVE_INFINITY)) {
      return new Response('<html><body>Please sign in to the guest network</body></html>', { status: 200 });
    }
    const colour = route(world);
    if (colour === 'green' && world.greenStatus !== undefined) return albError(world.greenStatus);
    if (world.failsFrom?.colour === colour && n >= world.failsFrom.fetch) return albError(502);
    // Python's http.server names itself SimpleHTTP/<version> Python/<version> (SimpleHTTPRequestHandler.server_version); the load balancer passes it on.
    return new Response(colourPageHtml(colour, colour === 'blue' ? 'v1' : 'v2'), { status: 200, headers: { 'content-type': 'text/html', server: 'SimpleHTTP/0.6 Python/3.9.23' } });
  };
  fetchSpy = jest.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = String(input);
    if (!world.cachingProxy) return origin(url, init);
    const via = '1.1 cache.corp.example (squid/5.7)';
    const stored = proxyStore.get(url);
    // The revalidation still reaches the load balancer (it is a request), and its 304 is not passed on: the stored page is.
    const fresh = await origin(url, init);
    if (stored !== undefined) return new Response(stored, { status: 200, headers: { 'content-type': 'text/html', server: 'SimpleHTTP/0.6 Python/3.9.23', via, age: '0' } });
    const body = await fresh.text();
    if (fresh.status === 200) proxyStore.set(url, body);
    return new Response(body, { status: fresh.status, headers: { ...Object.fromEntries(fresh.headers), via } });
  });
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

/** DescribeTargetHealth calls of the health wait: those before the first DescribeListeners (the watch through the traffic comes after it). */
function healthWaitCalls(): number {
  const calls = elbv2.calls().map((c) => c.args[0]);
  const end = calls.findIndex((c) => c instanceof DescribeListenersCommand);
  return calls.slice(0, end < 0 ? undefined : end).filter((c) => c instanceof DescribeTargetHealthCommand).length;
}

/** The default actions of the last ModifyListener call: what the listener was left with. */
function lastModify(): Action[] | undefined {
  const calls = elbv2.commandCalls(ModifyListenerCommand);
  return calls[calls.length - 1]?.args[0].input.DefaultActions;
}

afterEach(() => {
  elbv2.reset();
  cfn.reset();
  ec2.reset();
  jest.restoreAllMocks();
});

describe('alb-blue-green live checks pass when AWS behaves as the truth says', () => {
  test('its example run (test/fixtures/example-run.json) is the truthful world recorded: every live claim passes, the example says it is one', async () => {
    mockWorld(truthfulWorld());
    const record = await recordExampleRun(albBlueGreen, context(), lookup, 'a truthful world: both colours healthy, the switch and the rollback each without an error, a 90/10 canary');
    expect(record.results.filter((r) => r.outcome !== 'pass' && r.outcome !== 'skipped')).toEqual([]);
    expectToMatchFileSnapshot(record, path.join(__dirname, 'fixtures', 'example-run.json'));
  });

  test('every live claim passes; I38, A11.low-dns-ttl-for-rollback, I46 and T8 are offline only; the switch and the canary run once each and the listener ends as it began', async () => {
    mockWorld(truthfulWorld());
    const ctx = context();
    const { results, observations } = await runLiveChecks(albBlueGreen, ctx, lookup);
    expect(results.filter((r) => r.outcome !== 'pass' && r.outcome !== 'skipped')).toEqual([]);
    expect(results.filter((r) => r.outcome === 'skipped').map((r) => [r.claim, r.error])).toEqual([
      ['I38.health-checks-gate-traffic', 'not checkable live (offline only)'],
      ['A11.low-dns-ttl-for-rollback', 'not checkable live (offline only)'],
      ['I46.cname-swap-waits-for-dns', 'not checkable live (offline only)'],
      ['T8.policies-trade-capacity-for-downtime', 'not checkable live (offline only)'],
    ]);
    expect(results.map((r) => r.claim)).toEqual(Object.keys(albBlueGreen.checks));
    // One switch run (to green, back to blue) and one canary (90/10), each restored: 2 + 1 + 2 restores.
    expect(elbv2).toHaveReceivedCommandTimes(ModifyListenerCommand, 5);
    expect(lastModify()).toEqual([forwardAction({ blue: 100, green: 0 })]);
    // The baseline (5 in a row), then 300 requests for the switch, the canary's probes until 10 blue in a row, then until its first green response (the 10th at 90/10), and 300 counted, at the default 10/s for 30 s.
    expect(fetchSpy).toHaveBeenCalledTimes(BASELINE_IN_A_ROW + 300 + BLUE_FIRST_IN_A_ROW + 10 + 300);
    // Every request to its own URL on the stack's one name (RFC 9111 §2: a cache keys on the target URI, so none can answer it).
    const urls = fetchSpy.mock.calls.map((c) => String(c[0]));
    expect(urls.every((u) => u.startsWith(`http://${DNS_NAME}/?r=`))).toBe(true);
    expect(new Set(urls).size).toBe(urls.length);
    expect(fetchSpy).toHaveBeenCalledWith(expect.any(String), expect.objectContaining({ headers: { 'cache-control': 'no-cache', pragma: 'no-cache' } }));
    expect(elbv2).toHaveReceivedCommandWith(DescribeTargetHealthCommand, { TargetGroupArn: ARN.green });
    // Healthy at once: one DescribeTargetHealth round (both colours), no wait.
    expect(healthWaitCalls()).toBe(2);
    // Then the watch: the switch reads every 5 s of its 30 s stream (6 rounds) and once after it; the canary once before its
    // ModifyListener, 6 rounds through its counted traffic and once after: (1 + 7 + 8) rounds of both colours.
    expect(elbv2).toHaveReceivedCommandTimes(DescribeTargetHealthCommand, 2 * (1 + 7 + 8));
    expect(ctx.progressLog).toContain('switch: target health read 7 times through the run: both colours healthy throughout');
    expect(ctx.progressLog).toContain('canary: target health read 8 times through the run: both colours healthy throughout');
    expect(cfn).toHaveReceivedCommandWith(DetectStackResourceDriftCommand, { StackName: 'alb-blue-green', LogicalResourceId: 'ServiceLoadBalancerHttp922C9E54' });
    expect(ctx.progressLog.some((m) => m.includes('outside CloudFormation'))).toBe(true);
    expect(ctx.progressLog.filter((m) => m.startsWith('restored the deployed weights (blue 100 / green 0)'))).toHaveLength(2);
    expect(ctx.progressLog.some((m) => m.includes('a previous run was interrupted'))).toBe(false);
    // Each observation once; every value plain JSON, so the recorded run judges the same again.
    expect(observations.map((o) => o.name).sort()).toEqual(['baseline', 'canary', 'health', 'switch']);
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

  // Review 3, finding 4: A11.low-dns-ttl-for-rollback is offline only (the template shows no DNS in the switch path); the rollback's
  // time beside the 60 s TTL of an alias record to a load balancer ("Amazon Route 53 FAQs", https://aws.amazon.com/route53/faqs/)
  // is an informational figure of A11.rollback-is-the-same-move.
  test('A11.rollback-is-the-same-move sets the rollback beside the documented 60 s alias TTL as an informational figure with its margin', async () => {
    const j = await check('A11.rollback-is-the-same-move', { ...truthfulWorld(), lagRequests: 40 });
    expect(LOAD_BALANCER_ALIAS_TTL_SECONDS).toBe(60);
    expect(j.outcome).toBe('pass');
    const e = j.judgement;
    expect(e.observed).toContain('Rolled back to all-blue 4.1 s after ModifyListener through the one name the stack outputs, with no DNS change');
    expect(e.observed).toContain('whose TTL AWS documents as a fixed 60 s) may wait up to 60 s for a client that has just cached the old answer (55.9 s more; reported, not judged)');
    expect(e.figures).toEqual(
      expect.arrayContaining([
        { name: 'blue: time until every response is blue', value: 4.1, unit: 's' },
        { name: 'documented TTL of an alias record to a load balancer (Route 53 FAQs; informational)', value: 60, unit: 's' },
        { name: 'margin: the TTL minus the rollback time (informational)', value: 55.9, unit: 's' },
      ]),
    );
    expect(e.expectations.map((x) => x.what)).toEqual(['green → blue: HTTP error responses from the load balancer after ModifyListener']);
    expect(albBlueGreen.checks['A11.low-dns-ttl-for-rollback'].live).toBeUndefined();
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

  // Review finding 3: a live "no request failed across a weight switch" is true of any healthy ALB and says nothing about
  // Elastic Beanstalk's deployment policies, which the lab does not deploy ("Deployment policies and settings",
  // https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.rolling-version-deploy.html). Offline only, as I46.
  test('T8.policies-trade-capacity-for-downtime has no live check: the lab deploys no Elastic Beanstalk environment', () => {
    expect(albBlueGreen.checks['T8.policies-trade-capacity-for-downtime'].live).toBeUndefined();
  });

  test('the canary waits for its first green response and counts from twice that time (at least 5 s), with the margin as figures', async () => {
    // 40 requests of lag: the 90/10 weights reach requests only from the 41st probe on; the first green is the 50th probe, 4.9 s after ModifyListener.
    const j = await check('A11.canary-split-follows-weights', { ...truthfulWorld(), lagRequests: 40 });
    expect(j.outcome).toBe('pass');
    expect(j.observed).toMatchObject({ settle: { firstGreenAfterMs: 4900, probes: 50, countingAfterMs: 9800 } });
    expect(j.judgement.figures).toEqual(
      expect.arrayContaining([
        { name: 'first green response after ModifyListener', value: 4.9, unit: 's' },
        { name: 'counting began after ModifyListener', value: 9.8, unit: 's' },
        { name: 'margin: counting began after the first green response by', value: 4.9, unit: 's' },
      ]),
    );
    expect(j.judgement.observed).toContain('Counting began 9.8 s after ModifyListener (the first green response 4.9 s after ModifyListener, 50 probe request(s) not counted)');
  });
});

describe('alb-blue-green live checks fail on the observation that contradicts the truth', () => {
  /** Claim, the change to the world, the unmet expectation the reasons must name, and what the observed text says. */
  // Fetches 0–4 are the baseline; the stream's request k is fetch 5 + k (no canary before the switch). At 10/s for 30 s the
  // switch to green is at request 60 and the rollback at request 180, so the switch window is requests 60–179.
  const streamFetch = (k: number) => BASELINE_IN_A_ROW + k;
  const rows: Array<[string, (w: World) => void, string, string, Record<string, string>?]> = [
    ['A11.weighted-switch-no-errors', (w) => (w.errorsAfterChange = 3), 'blue → green: HTTP error responses from the load balancer after ModifyListener: expected 0, saw 3', '3 response(s) from the load balancer were HTTP errors'],
    // Review finding 1: 117 green, then three 502s at the end of the window. Convergence skips the errors; the errors fail the switch.
    [
      'A11.weighted-switch-no-errors',
      (w) => (w.errorFetches = [177, 178, 179].map(streamFetch)),
      'blue → green: HTTP error responses from the load balancer after ModifyListener: expected 0, saw 3',
      'failures: #177 at 17.7 s: HTTP 502 (awselb/2.0)',
    ],
    // Review finding 1: green answers 503 to everything after the switch (it never converges): a fail, not "run again with a longer --duration".
    // (The first request after the call still went to blue: the weight change had not landed yet.)
    ['A11.weighted-switch-no-errors', (w) => (w.greenStatus = 503), 'blue → green: HTTP error responses from the load balancer after ModifyListener: expected 0, saw 119', '119 response(s) from the load balancer were HTTP errors'],
    ['A11.rollback-is-the-same-move', (w) => (w.errorsAfterChange = 3), 'green → blue: HTTP error responses from the load balancer after ModifyListener: expected 0, saw 3', '3 response(s) from the load balancer were HTTP errors'],
    // A load balancer that takes ModifyListener's 90/10 but routes 50/50: the probes see green, and the count is far above the interval.
    ['A11.canary-split-follows-weights', (w) => (w.routesBy = { blue: 50, green: 50 }), 'green responses within the 99.9 % binomial interval of a 90/10 split: expected 14 to 48, saw 150 of 300', 'green 150 of 300 responses (50.0 %, expected 10.0 %)'],
    ['A11.canary-split-follows-weights', (w) => (w.greenStatus = 502), 'HTTP error responses from the load balancer during the canary: expected 0, saw 30', '30 response(s) from the load balancer were HTTP errors'],
  ];
  // Every row with its options (jest passes a `done` callback to a test taking more arguments than its row has).
  const cases = rows.map(([id, change, reason, observed, options]) => [id, change, reason, observed, options ?? {}] as [string, (w: World) => void, string, string, Record<string, string>]);

  test('every live check has a failing case', () => {
    const live = Object.entries(albBlueGreen.checks).filter(([, c]) => c.live).map(([id]) => id);
    expect([...new Set(cases.map(([id]) => id))].sort()).toEqual(live.sort());
  });

  test.each(cases)('%s fails, naming the unmet expectation (%#)', async (id, change, reason, observed, options) => {
    const world = truthfulWorld();
    change(world);
    const j = await check(id, world, options);
    expect(j.outcome).toBe('fail');
    expect(j.reasons.some((r) => r.startsWith(reason))).toBe(true);
    expect(j.judgement.observed).toContain(observed);
  });

  test.each(cases)('%s leaves the listener as it found it: %#', async (id, change, _reason, _observed, options) => {
    const world = truthfulWorld();
    change(world);
    await check(id, world, options);
    const modified = elbv2.commandCalls(ModifyListenerCommand).length;
    if (modified > 0) expect(lastModify()).toEqual([forwardAction({ blue: 100, green: 0 })]);
  });

  // Review finding 5: how fast a weight change propagates is not documented, so a rollback slower than the 60 s alias TTL (a DNS
  // figure, "Amazon Route 53 FAQs") is reported with its margin, not failed.
  test('A11.rollback-is-the-same-move does not fail a rollback slower than the 60 s TTL: the time is a figure with its margin', async () => {
    // 300 s at 10/s: the switch and rollback windows are 120 s; every response is blue only 65.1 s after the rollback's ModifyListener.
    const j = await check('A11.rollback-is-the-same-move', { ...truthfulWorld(), lagRequests: 650 }, { duration: '300' });
    expect(j.outcome).toBe('pass');
    expect(j.judgement.observed).toContain('Rolled back to all-blue 65.1 s after ModifyListener');
    expect(j.judgement.observed).toContain('(5.1 s less; reported, not judged)');
    expect(j.judgement.figures).toEqual(expect.arrayContaining([{ name: 'margin: the TTL minus the rollback time (informational)', value: -5.1, unit: 's' }]));
    expect(lastModify()).toEqual([forwardAction({ blue: 100, green: 0 })]);
  });

  test('an HTTP error from the load balancer fails the switch even when requests also got no answer (the network problem does not hide it)', async () => {
    const j = await check('A11.weighted-switch-no-errors', { ...truthfulWorld(), errorsAfterChange: 3, failFetches: [BASELINE_IN_A_ROW + 1, BASELINE_IN_A_ROW + 100] });
    expect(j.outcome).toBe('fail');
    expect(j.reasons).toEqual(['blue → green: HTTP error responses from the load balancer after ModifyListener: expected 0, saw 3']);
    // The kit's decisive expectation, not preconditions forced to "met": what the run missed is reported as missed, in the record too.
    expect(j.judgement.expectations.find((e) => e.what.includes('HTTP error'))).toMatchObject({ met: false, decisive: true });
    const unmet = j.judgement.preconditions!.filter((p) => !p.met);
    expect(unmet.map((p) => p.actual)).toEqual(['1 without an HTTP answer, 0 not the lab\'s page, of 60', '1 without an HTTP answer, 0 not the lab\'s page, of 120']);
  });

  // Review 2, "lists non-decisive failures as reasons": green answering 503 to everything fails on the errors alone, not also on
  // "responses from green", which no window settles (AWS documents no bound on a weight change).
  test('green answering 503 to every request fails on the errors only', async () => {
    const j = await check('A11.weighted-switch-no-errors', { ...truthfulWorld(), greenStatus: 503 });
    expect(j.outcome).toBe('fail');
    expect(j.reasons).toEqual(['blue → green: HTTP error responses from the load balancer after ModifyListener: expected 0, saw 119']);
  });

  // Review 2, finding 1: the count is censored, not contradicted, when the unanswered requests could bring it inside the interval.
  test('A11.canary-split-follows-weights is inconclusive, not failed, when green is short only by as many requests as got no answer', async () => {
    mockWorld(truthfulWorld());
    const real = await context().observe<CanaryObservation>(canary);
    // The reviewer's example: 300 requests, 20 timeouts, green 12 of the 280 answered (below 13, the interval's low for 280).
    const samples: RequestSample[] = Array.from({ length: 300 }, (_, i) =>
      i < 20
        ? { seq: i, startMs: i * 100, endMs: i * 100 + 5000, error: 'timeout after 5000 ms' }
        : { seq: i, startMs: i * 100, endMs: i * 100 + 90, status: 200, colour: i < 32 ? ('green' as const) : ('blue' as const), version: i < 32 ? 'v2' : 'v1', server: 'SimpleHTTP/0.6 Python/3.9.23' },
    );
    const censored = { ...real, record: { ...real.record, samples }, stats: canaryStats(samples, CANARY_WEIGHTS, 'green', CANARY_CONFIDENCE) };
    const j = judgeLive(albBlueGreen, 'A11.canary-split-follows-weights', censored);
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons).toEqual([expect.stringContaining("every counted request answered by the load balancer")]);
    expect(j.judgement.observed).toContain('could bring it inside the interval of all 300 (14 to 48), so it decides nothing');
    expect(j.judgement.figures).toEqual(expect.arrayContaining([{ name: 'tolerance low, over every request (unanswered ones included)', value: 14, unit: 'responses' }]));
    // 2 green of 290 with 10 timeouts: even all 10 green (12) is below 14, so the miss fails the claim whatever the network did.
    const few: RequestSample[] = samples.map((x, i) =>
      i < 10 ? x : { seq: x.seq, startMs: x.startMs, endMs: x.startMs + 90, status: 200, colour: i < 12 ? ('green' as const) : ('blue' as const), server: 'SimpleHTTP/0.6 Python/3.9.23' },
    );
    const short = { ...real, record: { ...real.record, samples: few }, stats: canaryStats(few, CANARY_WEIGHTS, 'green', CANARY_CONFIDENCE) };
    const failed = judgeLive(albBlueGreen, 'A11.canary-split-follows-weights', short);
    expect(failed.outcome).toBe('fail');
    expect(failed.reasons).toEqual(['green responses within the 99.9 % binomial interval of a 90/10 split: expected 14 to 47, saw 2 of 290, outside 14 to 48 of all 300 requests however the 10 unanswered ones are counted']);
  });

  test('A11.canary-split-follows-weights fails on an HTTP error alone, naming only it, when nothing else named a colour', async () => {
    mockWorld(truthfulWorld());
    const real = await context().observe<CanaryObservation>(canary);
    const samples: RequestSample[] = [{ seq: 0, startMs: 0, endMs: 3, status: 502, server: 'awselb/2.0' }, { seq: 1, startMs: 100, endMs: 5100, error: 'timeout after 5000 ms' }];
    const j = judgeLive(albBlueGreen, 'A11.canary-split-follows-weights', { ...real, record: { ...real.record, samples }, stats: canaryStats(samples, CANARY_WEIGHTS, 'green', CANARY_CONFIDENCE) });
    expect(j.outcome).toBe('fail');
    expect(j.reasons).toEqual(['HTTP error responses from the load balancer during the canary: expected 0, saw 1']);
    expect(j.judgement.preconditions!.map((p) => p.met)).toEqual([false, true, true, true, false]);
  });

  test('a 502 during the rollback fails the rollback claim, with the HTTP errors as a figure', async () => {
    const world = { ...truthfulWorld(), errorFetches: [BASELINE_IN_A_ROW + 200] };
    const rollback = await check('A11.rollback-is-the-same-move', world);
    expect(rollback.outcome).toBe('fail');
    expect(rollback.reasons).toEqual(['green → blue: HTTP error responses from the load balancer after ModifyListener: expected 0, saw 1']);
    expect(rollback.judgement.figures).toEqual(expect.arrayContaining([{ name: 'blue: non-2xx', value: 1, unit: 'responses' }]));
  });
});

describe('alb-blue-green live checks that did not exercise the behaviour are inconclusive, never a pass', () => {
  test('A11.canary-split-follows-weights is inconclusive when no response named a colour (something else answered once the weights moved)', async () => {
    const j = await check('A11.canary-split-follows-weights', { ...truthfulWorld(), notTheLabPage: 'afterChange' });
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons).toEqual([
      'responses that name a colour, to count the split (saw 0 of 300)',
      expect.stringMatching(/^the 90\/10 weights seen in effect before counting: a probe answered green within 60 s of ModifyListener .*\(saw no green answer in \d+ probe\(s\) over 60 s\)$/),
      "every counted request answered by the load balancer (a timeout, a reset or another server's page is this machine's network as far as the check can tell: it decides nothing; run again) (saw 0 without an HTTP answer, 300 not the lab's page, of 300)",
    ]);
    expect(j.judgement.observed).toContain('no response named a colour (0 blue, 0 green, 300 unrecognised)');
    expect(lastModify()).toEqual([forwardAction({ blue: 100, green: 0 })]);
  });

  // Item 17: the load balancer ignores the weights (every response blue). The rollback then "converges" at 0.0 s
  // without ever having left blue; it must not count.
  test.each(['A11.rollback-is-the-same-move'])('%s is inconclusive when traffic never reached green before the rollback', async (id) => {
    const j = await check(id, { ...truthfulWorld(), stuckOn: 'blue' });
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons.some((r) => /reached green/.test(r) && r.includes('no: 120 blue, 0 green in the 11.9 s window'))).toBe(true);
  });

  test('A11.weighted-switch-no-errors is inconclusive, not failed, when the switch was still mixing as its window ended (AWS documents no time limit)', async () => {
    // One of two load balancer nodes keeps the old weights: half the responses green, half blue, to the end of the window.
    const j = await check('A11.weighted-switch-no-errors', { ...truthfulWorld(), oneNodeLags: true });
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons).toEqual([
      'blue → green: every response green before the window ended, at least 5 in a row (else run again with a longer --duration) (saw only 1 green response(s) in a row before the window ended, after 11.9 s)',
    ]);
  });

  // Review finding 2: a request with no HTTP answer (a reset, a timeout) cannot be told apart from this machine's network.
  test.each(['A11.weighted-switch-no-errors', 'A11.rollback-is-the-same-move'])(
    '%s is inconclusive, never failed, when requests after a switch got no HTTP answer (resets from this machine\'s network)',
    async (id) => {
      const j = await check(id, { ...truthfulWorld(), failuresAfterChange: 2 });
      expect(j.outcome).toBe('inconclusive');
      expect(j.reasons).toEqual([expect.stringMatching(/^(blue → green|green → blue): every request after ModifyListener answered by the load balancer .*\(saw 2 without an HTTP answer, 0 not the lab's page, of 120\)$/)]);
      expect(j.judgement.observed).toContain('fetch failed: ECONNRESET (no HTTP answer)');
    },
  );

  // Review 2, finding 6: RFC 9110 §7.6.3 (https://www.rfc-editor.org/rfc/rfc9110#section-7.6.3), "A proxy MUST send an appropriate
  // Via header field"; the load balancer adds none ("HTTP headers and Application Load Balancers" lists only X-Forwarded-*).
  test('a 502 from a transparent proxy with a Via header and no Server header is not counted against AWS', async () => {
    const j = await check('A11.weighted-switch-no-errors', { ...truthfulWorld(), viaProxyFetches: [BASELINE_IN_A_ROW + 100] });
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons).toEqual([expect.stringContaining("(saw 0 without an HTTP answer, 1 not the lab's page, of 120)")]);
    expect(j.judgement.observed).toContain("#100 at 10.0 s: HTTP 502 with no Server header via 1.1 gateway.corp.example, not the lab's page");
  });

  // Review 3, finding 3: AWS documents no figure for how fast a weight change takes effect ("ModifyListener",
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_ModifyListener.html; "Action types for listener rules",
  // forward actions): "green never answered" decides nothing at any window. The old code failed the 64 s windows of --duration=160.
  test.each([[{}, 11.9], [{ duration: '160' }, 63.9]] as const)(
    'A11.weighted-switch-no-errors is inconclusive, not failed, when green never answered (options %j), with the window and the last blue answer as figures',
    async (options, watched) => {
      const j = await check('A11.weighted-switch-no-errors', { ...truthfulWorld(), stuckOn: 'blue' }, { ...options });
      expect(j.outcome).toBe('inconclusive');
      expect(j.reasons[0]).toMatch(/^blue → green: responses from green after ModifyListener \(AWS documents no bound on how fast a weight change takes effect/);
      expect(j.judgement.figures).toEqual(
        expect.arrayContaining([
          { name: 'green: window watched after ModifyListener', value: watched, unit: 's' },
          { name: 'green: last blue response after ModifyListener', value: watched, unit: 's' },
        ]),
      );
      expect(j.judgement.observed).toContain(`green never answered (blue still answered ${watched} s after ModifyListener, of ${watched} s watched): AWS documents no bound on how fast a weight change takes effect, so this decides nothing.`);
    },
  );

  test('A11.rollback-is-the-same-move is inconclusive, not failed, when ModifyListener returned but blue never answered in a 64 s window', async () => {
    const j = await check('A11.rollback-is-the-same-move', { ...truthfulWorld(), ignoreChangesFrom: 1 }, { duration: '160' });
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons[0]).toMatch(/^green → blue: responses from blue after ModifyListener .*\(saw 0 of 640 answers \(green still answered 63\.9 s after ModifyListener, of 63\.9 s watched\)\)$/);
  });

  // The same for the canary: with no green probe answer within the lab's 60 s bound, the count may be the old weights still in effect.
  test('A11.canary-split-follows-weights is inconclusive, not failed, when no probe was answered green before counting (0 green of 300)', async () => {
    const j = await check('A11.canary-split-follows-weights', { ...truthfulWorld(), stuckOn: 'blue' });
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons).toEqual([expect.stringMatching(/^the 90\/10 weights seen in effect before counting: a probe answered green within 60 s of ModifyListener \(AWS documents no bound/)]);
    expect(j.judgement.expectations.find((e) => e.what.startsWith('green responses within'))).toMatchObject({ met: false });
    expect(j.judgement.expectations.find((e) => e.what.startsWith('green responses within'))?.decisive).toBeFalsy();
  });

  // Review 5, finding 1: a green probe answer proves the 90/10 weights in effect only if green had no weight in effect before. A listener
  // left at all-green by a killed run, whose old weights stay in effect for 150 requests after each ModifyListener (AWS documents no
  // figure for how fast weights take effect: "ModifyListener", https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_ModifyListener.html),
  // used to start counting at 5 s on all-green answers and FAIL a correct 90/10. Now blue must answer alone first.
  test('10 blue answers in a row happen by chance under weights giving green half the traffic or more at most 1 - CANARY_CONFIDENCE of the time', () => {
    expect(0.5 ** BLUE_FIRST_IN_A_ROW).toBeLessThanOrEqual(1 - CANARY_CONFIDENCE);
    expect(0.5 ** (BLUE_FIRST_IN_A_ROW - 1)).toBeGreaterThan(1 - CANARY_CONFIDENCE);
  });

  test('a listener left at green with slow propagation: the canary sets all-blue, waits for 10 blue in a row, then counts a true 90/10 as a pass', async () => {
    const j = await check('A11.canary-split-follows-weights', { ...truthfulWorld(), foundAt: { blue: 0, green: 100 }, lagRequests: 150 });
    expect(j.outcome).toBe('pass');
    const observed = j.observed as CanaryObservation;
    // 150 green answers of the old weights, then 10 blue in a row.
    expect(observed.blueFirst).toEqual({ moved: true, inARow: BLUE_FIRST_IN_A_ROW, probes: 160, afterMs: expect.any(Number) });
    // The first ModifyListener is all-blue, the second 90/10.
    expect(elbv2.commandCalls(ModifyListenerCommand).map((c) => readWeights(c.args[0].input.DefaultActions![0], TGS))).toEqual([
      { blue: 100, green: 0 },
      { blue: 90, green: 10 },
      { blue: 100, green: 0 },
    ]);
    expect(j.judgement.observed).toContain('The listener was found at other weights and set to all-blue first; 10 blue answers in a row after');
  });

  test('A11.canary-split-follows-weights is inconclusive, not failed, when blue never answered alone before the change (old green weights still in effect)', async () => {
    // Found at all-green; the load balancer accepts every ModifyListener but keeps routing all-green: before this fix, 300 green of 300 failed the canary.
    const j = await check('A11.canary-split-follows-weights', { ...truthfulWorld(), foundAt: { blue: 0, green: 100 }, ignoreChangesFrom: 0 });
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons).toContainEqual(expect.stringMatching(/^blue alone answered before the 90\/10 change: 10 blue answers in a row within 60 s/));
    expect(j.judgement.expectations.find((e) => e.what.startsWith('green responses within'))).toMatchObject({ met: false });
    expect(j.judgement.expectations.find((e) => e.what.startsWith('green responses within'))?.decisive).toBeFalsy();
    expect(j.judgement.observed).toContain('no 10 blue answers in a row in');
    // A run recorded before the probes existed has no blueFirst: inconclusive too, never a pass or a fail on it.
    mockWorld(truthfulWorld());
    const { blueFirst: _dropped, ...old } = await context().observe<CanaryObservation>(canary);
    const recorded = judgeLive(albBlueGreen, 'A11.canary-split-follows-weights', old);
    expect(recorded.outcome).toBe('inconclusive');
    expect(recorded.judgement.observed).toContain('The probes before the change were not recorded');
  });

  // Review 5, finding 2: the switch used to set all-blue and sleep a fixed, undocumented 5 s; if old green weights were still in
  // effect, "every response green from 0.0 s after ModifyListener" passed a move from blue that never happened.
  test('A11.weighted-switch-no-errors is inconclusive, not a vacuous pass, when green answered before the first switch', async () => {
    const j = await check('A11.weighted-switch-no-errors', { ...truthfulWorld(), foundAt: { blue: 0, green: 100 }, ignoreChangesFrom: 0 });
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons).toContainEqual('blue alone answered before the first switch (no green, at least 5 blue: the move from blue to green was exercised) (saw 0 blue, 60 green)');
    expect(j.judgement.observed).toContain('The listener was found at other weights and set to all-blue first; no 10 blue answers in a row in 60 s');
    // Found at green with 80 requests of lag (8 s, more than the old fixed 5 s): the probes wait until blue answers alone, and the switch passes.
    const slow = await check('A11.weighted-switch-no-errors', { ...truthfulWorld(), foundAt: { blue: 0, green: 100 }, lagRequests: 80 });
    expect(slow.outcome).toBe('pass');
    expect((slow.observed as { blueFirst?: unknown }).blueFirst).toEqual({ moved: true, inARow: BLUE_FIRST_IN_A_ROW, probes: 90, afterMs: expect.any(Number) });
    expect(slow.judgement.observed).toContain('Before the first switch: 60 blue, 0 green.');
  });

  // Review 3, finding 2: a bare 502 (no Server, no Via: a security appliance or VPN gateway on the path) is not positively the load
  // balancer's (awselb/…, observed) nor the fleets' (SimpleHTTP/…, "http.server", https://docs.python.org/3/library/http.server.html).
  test('a 502 with neither a Server nor a Via header is not counted against AWS: inconclusive, not failed', async () => {
    const j = await check('A11.weighted-switch-no-errors', { ...truthfulWorld(), bareErrorFetches: [BASELINE_IN_A_ROW + 100] });
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons).toEqual([expect.stringContaining("(saw 0 without an HTTP answer, 1 not the lab's page, of 120)")]);
    expect(j.judgement.observed).toContain("#100 at 10.0 s: HTTP 502 with no Server header, not the lab's page");
  });

  // Review 2, finding 2: a timeout may have been green's answer, still on its way when --timeout ran out.
  test('A11.weighted-switch-no-errors is inconclusive, not failed, when green never answered but requests in the window got no answer', async () => {
    const j = await check('A11.weighted-switch-no-errors', { ...truthfulWorld(), stuckOn: 'blue', failFetches: [BASELINE_IN_A_ROW + 400] }, { duration: '160' });
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons).toContain(
      "blue → green: every request after ModifyListener answered by the load balancer (a timeout, a reset or another server's page is this machine's network as far as the check can tell: it decides nothing; run again) (saw 1 without an HTTP answer, 0 not the lab's page, of 640)",
    );
    expect(j.judgement.preconditions!.find((p) => p.what.startsWith('blue → green: every request after'))).toMatchObject({ met: false });
  });

  test('a 502 from a proxy on this machine\'s side (its Server header names another server) is not counted against AWS', async () => {
    const j = await check('A11.weighted-switch-no-errors', { ...truthfulWorld(), proxyFetches: [BASELINE_IN_A_ROW + 100] });
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons[0]).toContain("(saw 0 without an HTTP answer, 1 not the lab's page, of 120)");
    expect(j.judgement.observed).toContain("#100 at 10.0 s: HTTP 502 from squid/5.7, not the lab's page");
  });

  test('every request after the switch timing out is inconclusive: nothing answered, so the run did not see the switch', async () => {
    const fails = Array.from({ length: 120 }, (_, i) => BASELINE_IN_A_ROW + 60 + i);
    const j = await check('A11.weighted-switch-no-errors', { ...truthfulWorld(), failFetches: fails });
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons.map((r) => r.split(' (')[0])).toEqual([
      'blue → green: at least 5 answers from the load balancer after ModifyListener',
      'blue → green: every request after ModifyListener answered by the load balancer',
      'blue → green: responses from green after ModifyListener',
      'blue → green: every response green before the window ended, at least 5 in a row',
    ]);
  });

  test('failures before the first switch make the traffic checks inconclusive: nothing had moved, so they are not about switching', async () => {
    // Fetches 0–4 are the baseline (5 in a row); 5 and 6 are the first two requests of the stream, still all blue.
    for (const id of ['A11.weighted-switch-no-errors', 'A11.rollback-is-the-same-move']) {
      const j = await check(id, { ...truthfulWorld(), failFetches: [BASELINE_IN_A_ROW, BASELINE_IN_A_ROW + 1] });
      expect(j.outcome).toBe('inconclusive');
      expect(j.reasons).toEqual([
        "every request before the first switch answered by the load balancer (timeouts or resets there are this machine's network as far as the check can tell) (saw 2 without an HTTP answer, 0 not the lab's page, of 60)",
      ]);
      const errors = await check(id, { ...truthfulWorld(), errorFetches: [BASELINE_IN_A_ROW + 1] });
      expect(errors.outcome).toBe('inconclusive');
      expect(errors.reasons).toEqual(['every answer before the first switch was 2xx (nothing had moved yet) (saw 1 of 60 were HTTP errors)']);
    }
  });
});

// Review 4 F2. "Health checks for Application Load Balancer target groups"
// (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html): with only unhealthy targets the
// load balancer fails open, so a failing instance's errors reach clients; "Attach an Elastic Load Balancing load balancer to your Auto
// Scaling group" (https://docs.aws.amazon.com/autoscaling/ec2/userguide/attach-load-balancer-asg.html): with ELB health checks the group
// replaces it. States and reason codes from "TargetHealth" (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetHealth.html).
describe('alb-blue-green: a target that fails mid-run is not the weight change', () => {
  test('green failing its health checks halfway through its phase makes the switch inconclusive, not failed, naming the target', async () => {
    // Green fails from the 100th request of the stream (10 s in, 4 s after the switch at 6 s); the rollback comes at 18 s.
    const world = { ...truthfulWorld(), failsFrom: { colour: 'green' as const, fetch: BASELINE_IN_A_ROW + 100 } };
    const j = await check('A11.weighted-switch-no-errors', world);
    expect((j.observed as { toGreen: { counts: { non2xx: number } } }).toGreen.counts.non2xx).toBeGreaterThan(0);
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons).toEqual([
      "both colours healthy and registered throughout the traffic (DescribeTargetHealth through it and after it): a target failing mid-run makes errors that are not the weight change's (saw green i-0a4ee000000000a4e is unhealthy (Target.Timeout: Request timed out) at 10.0 s)",
    ]);
    expect(j.judgement.observed).toContain('A target was not healthy and registered throughout (green i-0a4ee000000000a4e is unhealthy');
    expect(j.judgement.expectations.every((e) => !e.decisive)).toBe(true);
    // The rollback of the same run decides nothing either.
    expect(judgeLive(albBlueGreen, 'A11.rollback-is-the-same-move', j.observed).outcome).toBe('inconclusive');
  });

  test('the same HTTP errors with every target healthy throughout still fail the switch (the watch hides nothing)', async () => {
    const world = { ...truthfulWorld(), errorFetches: [BASELINE_IN_A_ROW + 100] };
    const j = await check('A11.weighted-switch-no-errors', world);
    expect(j.outcome).toBe('fail');
    expect(j.reasons).toEqual(['blue → green: HTTP error responses from the load balancer after ModifyListener: expected 0, saw 1']);
  });

  test('an instance replaced during the canary (its target draining, a new one initial) makes the canary inconclusive, not failed', async () => {
    // The canary's stream starts after the baseline (5), the switch (300) and its probes (10): green is replaced 10 s into the counted traffic.
    const world = { ...truthfulWorld(), replacedFrom: { colour: 'green' as const, fetch: BASELINE_IN_A_ROW + 300 + 10 + 100 }, failsFrom: { colour: 'green' as const, fetch: BASELINE_IN_A_ROW + 300 + 10 + 90 } };
    mockWorld(world);
    const ctx = context();
    await ctx.observe(switchAndRollback);
    const j = judgeLive(albBlueGreen, 'A11.canary-split-follows-weights', await ctx.observe(canary));
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons.join('\n')).toContain('green i-0a4ee000000000a4e is unhealthy (Target.Timeout: Request timed out)');
    expect(j.judgement.expectations.every((e) => !e.decisive)).toBe(true);
  });

  test('healthThroughRun: replacement, a round that failed, a target draining from the start, and no readings', () => {
    const healthy = (id: string) => ({ id, state: 'healthy' });
    const blue = [healthy('i-0b1e000000000b1e0')];
    expect(healthThroughRun({ readings: [{ atMs: 0, colours: { blue, green: [healthy('i-0a4e')] } }, { atMs: 5000, colours: { blue, green: [healthy('i-0a4e')] } }], afterMs: 15000 })).toEqual([]);
    expect(
      healthThroughRun({
        readings: [
          { atMs: 0, colours: { blue, green: [healthy('i-0a4e')] } },
          { atMs: 5000, error: 'ThrottlingException: Rate exceeded' },
          { atMs: 10000, colours: { blue, green: [{ id: 'i-0a4e', state: 'draining', reason: 'Target.DeregistrationInProgress' }, { id: 'i-0new', state: 'initial', reason: 'Elb.RegistrationInProgress' }] } },
          { atMs: 15000, colours: { blue, green: [{ id: 'i-0new', state: 'healthy' }] } },
        ],
        afterMs: 15000,
      }),
    ).toEqual([
      'DescribeTargetHealth failed (ThrottlingException: Rate exceeded) at 5.0 s',
      'green i-0new is initial (Elb.RegistrationInProgress) at 10.0 s',
      'green i-0a4e is draining (Target.DeregistrationInProgress) at 10.0 s',
      'green i-0a4e is no longer registered at 15.0 s',
    ]);
    // Draining before the run began: it gets no new requests, so it is left out.
    const leftover = { id: 'i-0old', state: 'draining' };
    expect(healthThroughRun({ readings: [{ atMs: 0, colours: { blue, green: [healthy('i-0a4e'), leftover] } }, { atMs: 5000, colours: { blue, green: [healthy('i-0a4e')] } }], afterMs: 15000 })).toEqual([]);
    expect(healthThroughRun({ readings: [], afterMs: 0 })).toEqual(['target health was not read during the run']);
    expect(healthThroughRun(undefined)).toEqual(['target health was not read during the run']);
  });
});

// Review 4 F3. DetectStackResourceDrift (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DetectStackResourceDrift.html)
// documents no latency; the kit's SDK config lets a call retry for minutes. It runs after the counted traffic, so it cannot use up the
// probes' 60 s bound.
test('a DetectStackResourceDrift that takes 70 s does not cost the canary its probes: drift is asked after the counted traffic, with 90/10 still set', async () => {
  mockWorld(truthfulWorld());
  const ctx = context();
  let fetchesAtDrift: number | undefined;
  cfn.on(DetectStackResourceDriftCommand).callsFake(async () => {
    fetchesAtDrift = fetches;
    await ctx.sleep(70_000);
    return driftAnswer();
  });
  const observed = await ctx.observe<CanaryObservation>(canary);
  const j = judgeLive(albBlueGreen, 'A11.canary-split-follows-weights', observed);
  expect(j.outcome).toBe('pass');
  expect(observed.settle.firstGreenAfterMs).toBeDefined();
  // Every probe and counted request had been sent (baseline 5, blue probes 10, green probes 10, counted 300), and the listener was still at 90/10.
  expect(fetchesAtDrift).toBe(BASELINE_IN_A_ROW + BLUE_FIRST_IN_A_ROW + 10 + 300);
  expect(j.judgement.observed).toContain('drift detection said the listener is MODIFIED (/DefaultActions/0/ForwardConfig/TargetGroups/0/Weight: 100 → 90; ');
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
    expect(healthWaitCalls()).toBe(6);
    expect(ctx.progressLog).toContain(
      `health: waiting for healthy targets (0 s of at most ${INSTANCE_START_ALLOWANCE_SECONDS + 10} s): green i-0a4ee000000000a4e is initial (Elb.RegistrationInProgress: Target registration is in progress)`,
    );
    expect(ctx.progressLog).toContain('health: waiting for healthy targets (5 s of at most 310 s): green i-0a4ee000000000a4e is initial (Elb.InitialHealthChecking: Initial health checks in progress)');
    expect(ctx.progressLog).toContain('health: both colours healthy after 10 s');
  });

  // State names from "TargetHealth" (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetHealth.html):
  // draining and unhealthy.draining are both targets being deregistered.
  test.each([true, 'unhealthy.draining'] as const)('a target left %s by an instance replacement does not hold up the switch (the load balancer sends it no new requests)', async (draining) => {
    mockWorld({ ...truthfulWorld(), drainingToo: draining });
    const ctx = context();
    const j = judgeLive(albBlueGreen, 'A11.weighted-switch-no-errors', await ctx.observe(switchAndRollback));
    expect(j.outcome).toBe('pass');
    expect(healthWaitCalls()).toBe(2);
    expect(ctx.progressLog.some((m) => m.startsWith('health: waiting'))).toBe(false);
  });

  // Review finding 8: right after a deploy the load balancer's new name may not resolve yet (or a resolver holds a negative answer).
  test('a name that does not resolve yet is waited for (bounded, with progress), not blamed on the ingress CIDR', async () => {
    mockWorld({ ...truthfulWorld(), unresolvedFetches: 3 });
    const ctx = context();
    const j = judgeLive(albBlueGreen, 'A11.weighted-switch-no-errors', await ctx.observe(switchAndRollback));
    expect(j.outcome).toBe('pass');
    expect(ctx.progressLog).toContain(`baseline: ${DNS_NAME} does not resolve yet (fetch failed: ENOTFOUND); trying again in 5 s (0 s of at most 120 s)`);
    expect(ctx.progressLog).toContain(`baseline: ${DNS_NAME} does not resolve yet (fetch failed: ENOTFOUND); trying again in 5 s (10 s of at most 120 s)`);
  });

  test('a name that still does not resolve after the bound is an error that says so, and moves nothing', async () => {
    mockWorld({ ...truthfulWorld(), unresolvedFetches: 1000 });
    await expect(context().observe(switchAndRollback)).rejects.toThrow(
      `the load balancer's name ${DNS_NAME} does not resolve from this machine after 120 s (last: fetch failed: ENOTFOUND): a new load balancer's name can take a moment to appear in DNS`,
    );
    expect(elbv2).not.toHaveReceivedCommand(ModifyListenerCommand);
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
    const traffic = results.filter((r) => !['I38.health-checks-gate-traffic', 'A11.low-dns-ttl-for-rollback', 'I46.cname-swap-waits-for-dns', 'T8.policies-trade-capacity-for-downtime'].includes(r.claim));
    expect(traffic.map((r) => r.outcome)).toEqual(traffic.map(() => 'error'));
    for (const r of traffic) {
      expect(r.error).toContain('this machine cannot reach the load balancer although both colours are healthy: 20 requests');
      expect(r.error).toContain('last: timeout after 5000 ms');
      expect(r.error).toContain('the stack lets in 203.0.113.7/32 only (context labs:ingressCidr, stack output IngressCidr): compare it with your public IP');
      expect(r.error).toContain('npx labs deploy alb-blue-green --ingress-cidr=<that IP>/32');
    }
    expect(elbv2).not.toHaveReceivedCommand(ModifyListenerCommand);
  });

  // Review 5, finding 4: with VPC Block Public Access on and the lab's VPC not excluded, the internet-facing load balancer gets no internet
  // traffic while its targets stay healthy ("BlockPublicAccessStates", https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_BlockPublicAccessStates.html):
  // the error names the account's setting first, not only this machine's network.
  test('when VPC Block Public Access is on, the unreachable error names it first; unreadable, it says so; off, it is not mentioned', async () => {
    const errorOf = async (bpa: World['blockPublicAccess']) => {
      mockWorld({ ...truthfulWorld(), unreachable: true, blockPublicAccess: bpa });
      return context().observe(switchAndRollback).then(() => '', (e: Error) => e.message);
    };
    const on = await errorOf('block-bidirectional');
    expect(on).toContain('not a verdict on AWS: VPC Block Public Access is block-bidirectional in this Region: unless the lab\'s VPC is excluded, the internet cannot reach the load balancer');
    expect(on).toContain('aws ec2 describe-vpc-block-public-access-exclusions');
    expect(on).toContain('if it is excluded, it is on your side of the network');
    expect(ec2).toHaveReceivedCommand(DescribeVpcBlockPublicAccessOptionsCommand);
    expect(await errorOf('block-ingress')).toContain('VPC Block Public Access is block-ingress in this Region');
    expect(await errorOf('denied')).toContain('(VPC Block Public Access could not be read: ec2:DescribeVpcBlockPublicAccessOptions UnauthorizedOperation;');
    const off = await errorOf('off');
    expect(off).not.toContain('Block Public Access');
    expect(off).toContain('not a verdict on AWS: that is on your side of the network');
    expect(elbv2).not.toHaveReceivedCommand(ModifyListenerCommand);
  });

  test('a captive portal or proxy answering instead of the load balancer is the same error, and says so', async () => {
    mockWorld({ ...truthfulWorld(), notTheLabPage: true });
    await expect(context().observe(canary)).rejects.toThrow(
      /this machine cannot reach the load balancer .*last: HTTP 200 with a page that names no colour \(a proxy or captive portal\?\)\); .*any address \(labs:ingressCidr 0\.0\.0\.0\/0\)/,
    );
    expect(elbv2).not.toHaveReceivedCommand(ModifyListenerCommand);
  });

  // Review 3, finding 1: a caching proxy that stored blue's page hands it back on every revalidation (http.server's 304 becomes the
  // proxy's 200, RFC 9111 §4.3.4); with one URL for every request the old code counted those as blue and FAILED the canary (0 green of
  // 300, no unanswered request). With a unique URL per request no stored page answers (RFC 9111 §2: the cache key is the target URI),
  // and every answer carries the proxy's Via (RFC 9110 §7.6.3), so it is not the lab's page: an error on this machine's side that says so.
  test('a caching proxy on this machine\'s side is an error that says a proxy answered, never a failed canary', async () => {
    mockWorld({ ...truthfulWorld(), cachingProxy: true });
    const ctx = context();
    const { results } = await runLiveChecks(albBlueGreen, ctx, lookup);
    const canaryResult = results.find((r) => r.claim === 'A11.canary-split-follows-weights')!;
    expect(canaryResult.outcome).toBe('error');
    expect(canaryResult.error).toContain('through a proxy or cache (Via: 1.1 cache.corp.example (squid/5.7)), not straight from the load balancer');
    expect(results.filter((r) => r.outcome === 'fail')).toEqual([]);
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

  // Review 4 F5. An SDK error is told by its name ("Handle service client responses", AWS SDK for JavaScript v3,
  // https://docs.aws.amazon.com/sdk-for-javascript/v3/developer-guide/the-response-object.html); ModifyListener can be denied
  // (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_ModifyListener.html).
  test('a weight change AWS denies ends the switch with an error that is still an AccessDenied (as describeAwsError maps to exit 7), and the listener is restored', async () => {
    mockWorld(truthfulWorld());
    const denied = Object.assign(new Error('User: arn:aws:sts::123456789012:assumed-role/ReadOnly/ana is not authorized to perform: elasticloadbalancing:ModifyListener'), {
      name: 'AccessDenied',
      Code: 'AccessDenied',
      $fault: 'client',
      $metadata: { httpStatusCode: 403, requestId: '1b2c3d4e-0000-11ef-9c1b-0a1b2c3d4e5f', attempts: 1, totalRetryDelay: 0 },
    });
    elbv2.on(ModifyListenerCommand, { DefaultActions: [forwardAction({ blue: 0, green: 100 })] }).rejects(denied);
    const error = await context().observe(switchAndRollback).then(() => undefined, (e: unknown) => e as Error);
    expect(error?.message).toBe(`switch: switch to green failed: ${denied.message}`);
    expect(error?.name).toBe('AccessDenied');
    expect(describeAwsError(error)?.exitCode).toBe(EXIT.accessDenied);
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
