/**
 * The live observations this lab's checks judge (the kit makes each once per run and shares it):
 * target health, a switch and a rollback under load, and a 90/10 canary. SDK clients are loaded on use (`await import`), so loading the lab registry
 * for `cdk synth` loads none. Every value is plain JSON, so a run can be recorded and judged again.
 */
import type { ObserveContext } from '../../lib/lab-kit/checks/lab-definition';
import { observationsOf } from '../../lib/lab-kit/checks/lab-definition';
import { COLOURS } from '../../lib/deployment/colour-page';
import { ALL_BLUE, parseWeights, type TrafficWeights } from '../../lib/deployment/listener-weights';
import { type ColourTargetGroups, type ListenerChange, type WeightChange, withListenerChange } from './listener-change';
import { OUTPUTS } from './outputs';
import { generateTraffic, type RequestSample, requestOnce, type TrafficRecord, type TrafficSettings, trafficSettings } from './traffic';
import { type CanaryStats, canaryStats, countOutcomes, describeCounts, type OutcomeCounts, outcomeOf, type SwitchStats, switchStats, throughAnotherHop } from './traffic-stats';
import { describeWeights, sameWeights } from './weights';
import { type ColourTargets, describeTargets, type HealthCheckCadence, healthProblems, healthThroughRun, type HealthWatch, watchTargetHealth } from './target-health';

const observe = observationsOf(OUTPUTS);

/** The split the canary check sets. */
export const CANARY_WEIGHTS: TrafficWeights = { blue: 90, green: 10 };
/** All weight on green. */
export const ALL_GREEN: TrafficWeights = { blue: 0, green: 100 };
/**
 * The least time between the canary's ModifyListener and the first counted request. Counting starts
 * at this or at twice the time until the first green response, whichever is later (see
 * {@link canary}): AWS documents no figure for how fast a weight change takes effect, so the wait is
 * measured and reported with its margin, never assumed.
 */
export const CANARY_SETTLE_MS = 5_000;
/**
 * The most the canary probes for its first green response before it counts anyway: 60 s, **the
 * lab's bound, not AWS's** (AWS documents no figure for how fast a weight change takes effect). It
 * bounds the run only: with no green answer within it, the canary check is inconclusive (a count
 * short of green may be the old weights still in effect), never a failure.
 */
export const CANARY_FIRST_GREEN_BOUND_MS = 60_000;
/** Confidence of the canary's binomial acceptance interval: a true split fails 1 time in 1,000. */
export const CANARY_CONFIDENCE = 0.999;
/**
 * Blue answers in a row the probes need before a weight change counts as starting from all-blue: 10,
 * the lab's choice, because under any weights still in effect that send green half the traffic or
 * more, 10 blue answers in a row come by chance at most 0.5^10 < 1/1,000 of the time (the canary's
 * {@link CANARY_CONFIDENCE}). Only then does a green answer after the canary's ModifyListener show
 * the new weights in effect, and not old green-heavy ones (a killed run, a rollback not yet settled).
 */
export const BLUE_FIRST_IN_A_ROW = 10;
/**
 * The most the probes wait for {@link BLUE_FIRST_IN_A_ROW} blue answers: 60 s, **the lab's bound,
 * not AWS's** (AWS documents no figure for how fast a weight change takes effect). It bounds the run
 * only: without them, the canary is inconclusive, never a failure.
 */
export const BLUE_FIRST_BOUND_MS = 60_000;

/** What the method of every traffic-changing check says. */
export const OUTSIDE_CLOUDFORMATION =
  'the listener was changed with ELBv2 ModifyListener, outside CloudFormation: while changed, DetectStackResourceDrift on the listener is expected to report it MODIFIED ' +
  '(a property difference under DefaultActions/0/ForwardConfig/TargetGroups/*/Weight; the canary reports the PropertyPath AWS returned, and NOT_CHECKED when drift detection fails); ' +
  'the weights the stack deploys (its DeployedWeights output) are restored in finally and on SIGINT, SIGTERM or SIGHUP, whatever weights the listener was found at';

function targetGroups(out: { readonly BlueTargetGroupArn: string; readonly GreenTargetGroupArn: string }): ColourTargetGroups {
  return { blue: out.BlueTargetGroupArn, green: out.GreenTargetGroupArn };
}

/** The outputs an observation that changes the listener reads. */
type ListenerOutputs = 'LoadBalancerDnsName' | 'ListenerArn' | 'BlueTargetGroupArn' | 'GreenTargetGroupArn' | 'DeployedWeights';
const LISTENER_OUTPUTS: readonly ListenerOutputs[] = ['LoadBalancerDnsName', 'ListenerArn', 'BlueTargetGroupArn', 'GreenTargetGroupArn', 'DeployedWeights'];

/** What {@link withListenerChange} needs, from the stack's outputs: the listener, the target groups, and the weights to restore. */
function listenerChangeOptions(out: { readonly [N in ListenerOutputs]: string }) {
  return {
    listenerArn: out.ListenerArn,
    targetGroups: targetGroups(out),
    deployedWeights: parseWeights('output DeployedWeights', out.DeployedWeights),
  };
}

// ---------------------------------------------------------------------------------------------
// Health

/**
 * How long an instance may take, after its Auto Scaling group launches it, to boot and start
 * serving: an estimate (AWS documents no boot time; this lab's instances are usually healthy 1–2
 * minutes after a deploy). It decides only how long the check waits before it gives up with an
 * error, never a verdict.
 */
export const INSTANCE_START_ALLOWANCE_SECONDS = 300;

/**
 * The ALB's health-check defaults for an HTTP target group, used only when DescribeTargetGroups
 * leaves a field out: HealthCheckIntervalSeconds 30, HealthyThresholdCount 5, UnhealthyThresholdCount 2
 * ("If the target group protocol is ... HTTP or HTTPS, the default is 2").
 *
 * Sources: "Health checks for Application Load Balancer target groups" (Health check settings)
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html ;
 * "CreateTargetGroup" (UnhealthyThresholdCount) https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html
 */
export const ALB_HEALTH_CHECK_DEFAULTS = { intervalSeconds: 30, healthyThresholdCount: 5, unhealthyThresholdCount: 2 } as const;

/** Target health of both colours and the load balancer's zones, once both colours were ready (or the wait gave up). */
export interface HealthObservation {
  readonly colours: ColourTargets;
  readonly loadBalancer: { readonly state?: string; readonly availabilityZones: readonly string[] };
  /** The health-check cadence the wait and the watch during traffic are bounded by (the larger of the two target groups'). */
  readonly healthCheck: HealthCheckCadence;
  /** How long the check waited for healthy targets (0 when they already were). */
  readonly waitedMs: number;
  /** The most it would have waited: {@link INSTANCE_START_ALLOWANCE_SECONDS} plus HealthyThresholdCount × HealthCheckIntervalSeconds. */
  readonly waitBoundSeconds: number;
}

/**
 * The LoadBalancerState code of a load balancer "fully set up and ready to route traffic"; the
 * others are `provisioning`, `active_impaired` and `failed`, and the health wait holds out for this one.
 *
 * Source: "LoadBalancerState" (Elastic Load Balancing API Reference)
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_LoadBalancerState.html
 */
export const LOAD_BALANCER_ACTIVE = 'active';

/** `blue: i-0abc healthy (us-east-1a); green: ...`. */
export function describeHealth(h: Pick<HealthObservation, 'colours' | 'loadBalancer'>): string {
  const colours = COLOURS.map((c) => `${c}: ${h.colours[c].map((t) => `${t.id} ${t.state}${t.availabilityZone ? ` (${t.availabilityZone})` : ''}`).join(', ') || 'no targets'}`);
  return `${colours.join('; ')}; load balancer ${h.loadBalancer.state ?? '?'} in ${h.loadBalancer.availabilityZones.length} AZs (${h.loadBalancer.availabilityZones.join(', ')})`;
}

/**
 * Waits until both colours have healthy targets and the load balancer is `active`, polling
 * DescribeTargetHealth once per health-check interval, with a progress line per poll.
 *
 * Bounded by the ELB health-check cadence: the load balancer checks each target every
 * HealthCheckIntervalSeconds and puts it in service after HealthyThresholdCount consecutive
 * successes ("Health checks for Application Load Balancer target groups"), so once an instance
 * serves, it is healthy within HealthyThresholdCount × HealthCheckIntervalSeconds (read from
 * DescribeTargetGroups); before that it must boot, for which {@link INSTANCE_START_ALLOWANCE_SECONDS}
 * is allowed. A deploy or an instance replacement a minute ago is waited out; a target still not
 * healthy after the bound is an error that says which, and why (its reason code), never a verdict.
 *
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeTargetGroups.html
 * @throws when the targets are not healthy within the bound
 */
export const health = observe({
  name: 'health',
  outputs: ['LoadBalancerArn', 'BlueTargetGroupArn', 'GreenTargetGroupArn'],
  observe: async (ctx): Promise<HealthObservation> => {
    const out = ctx.outputs;
    const { DescribeLoadBalancersCommand, DescribeTargetGroupsCommand, ElasticLoadBalancingV2Client } = await import(
      '@aws-sdk/client-elastic-load-balancing-v2'
    );
    const elbv2 = new ElasticLoadBalancingV2Client(ctx.aws);
    const tgs = targetGroups(out);
    const groups = (await elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: COLOURS.map((c) => tgs[c]) }))).TargetGroups ?? [];
    const largest = (field: 'HealthCheckIntervalSeconds' | 'HealthyThresholdCount' | 'UnhealthyThresholdCount', fallback: number) =>
      Math.max(...COLOURS.map((c) => groups.find((g) => g.TargetGroupArn === tgs[c])?.[field] ?? fallback));
    const healthCheck: HealthCheckCadence = {
      intervalSeconds: largest('HealthCheckIntervalSeconds', ALB_HEALTH_CHECK_DEFAULTS.intervalSeconds),
      healthyThresholdCount: largest('HealthyThresholdCount', ALB_HEALTH_CHECK_DEFAULTS.healthyThresholdCount),
      unhealthyThresholdCount: largest('UnhealthyThresholdCount', ALB_HEALTH_CHECK_DEFAULTS.unhealthyThresholdCount),
    };
    const cadenceSeconds = healthCheck.healthyThresholdCount * healthCheck.intervalSeconds;
    const waitBoundSeconds = INSTANCE_START_ALLOWANCE_SECONDS + cadenceSeconds;
    const started = ctx.now();
    const read = async () => {
      const colours = await describeTargets(elbv2, tgs);
      const lbs = await elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [out.LoadBalancerArn] }));
      const lb = lbs.LoadBalancers?.[0];
      const loadBalancer = { ...(lb?.State?.Code ? { state: lb.State.Code } : {}), availabilityZones: (lb?.AvailabilityZones ?? []).map((z) => z.ZoneName ?? '?') };
      const problems = [...healthProblems({ colours }), ...(loadBalancer.state === LOAD_BALANCER_ACTIVE ? [] : [`the load balancer is ${loadBalancer.state ?? 'in an unknown state'}`])];
      return { colours, loadBalancer, problems };
    };
    for (;;) {
      const seen = await read();
      const waitedMs = ctx.now() - started;
      if (seen.problems.length === 0) {
        if (waitedMs > 0) ctx.progress(`health: both colours healthy after ${(waitedMs / 1000).toFixed(0)} s`);
        return { colours: seen.colours, loadBalancer: seen.loadBalancer, healthCheck, waitedMs, waitBoundSeconds };
      }
      if (waitedMs >= waitBoundSeconds * 1000) {
        throw new Error(
          `targets not healthy after ${(waitedMs / 1000).toFixed(0)} s (the most this check waits: ${INSTANCE_START_ALLOWANCE_SECONDS} s for an instance to start, plus HealthyThresholdCount ${healthCheck.healthyThresholdCount} × HealthCheckIntervalSeconds ${healthCheck.intervalSeconds} s): ` +
            `${seen.problems.join('; ')}; if an instance is being replaced, run the check again in a few minutes; if a target stays unhealthy, its instance does not answer /health.txt on port 8080 (redeploy the lab)`,
        );
      }
      ctx.progress(`health: waiting for healthy targets (${(waitedMs / 1000).toFixed(0)} s of at most ${waitBoundSeconds} s): ${seen.problems.join('; ')}`);
      await ctx.sleep(healthCheck.intervalSeconds * 1000);
    }
  },
});

// ---------------------------------------------------------------------------------------------
// Baseline: can this machine reach the load balancer at all?

/** Answers in a row, each 2xx and naming a colour, that prove this machine reaches the load balancer before anything moves. */
export const BASELINE_IN_A_ROW = 5;
/** The most requests the baseline sends before it gives up. */
export const BASELINE_MAX_REQUESTS = 20;
/** The pause between two baseline requests. */
export const BASELINE_PAUSE_MS = 500;
/**
 * How long the baseline keeps trying while the load balancer's name does not resolve (ENOTFOUND,
 * EAI_AGAIN), one try every {@link BASELINE_DNS_RETRY_MS}: a new load balancer's name can take a
 * moment to appear, and a resolver asked before it did may hold the negative answer for a while
 * (negative caching, "Negative Caching of DNS Queries (DNS NCACHE)", RFC 2308,
 * https://www.rfc-editor.org/rfc/rfc2308). An estimate: it decides only when the check gives up with
 * an error, never a verdict.
 */
export const BASELINE_DNS_WAIT_MS = 120_000;
/** The pause between two tries while the name does not resolve. */
export const BASELINE_DNS_RETRY_MS = 5_000;

/**
 * Whether a request failed because the host name did not resolve: `ENOTFOUND` (what Node's resolver
 * gives when the name does not exist, among other lookup failures) or `EAI_AGAIN` (getaddrinfo's
 * temporary failure, "try again later"); fetch reports them as the cause's code, `fetch failed: ENOTFOUND`.
 *
 * Sources: "DNS: dns.lookup()" and "Error codes" (Node.js)
 * https://nodejs.org/api/dns.html#dnslookuphostname-options-callback , https://nodejs.org/api/dns.html#error-codes ;
 * getaddrinfo(3) (EAI_AGAIN) https://man7.org/linux/man-pages/man3/getaddrinfo.3.html
 */
export function nameNotResolved(error: string | undefined): boolean {
  return error !== undefined && /\b(ENOTFOUND|EAI_AGAIN)\b/.test(error);
}

/** The one line that says the load balancer's name does not resolve yet. */
export function unresolvedMessage(host: string, waitedMs: number, last: string): string {
  return (
    `the load balancer's name ${host} does not resolve from this machine after ${(waitedMs / 1000).toFixed(0)} s (last: ${last}): a new load balancer's name can take a moment to appear in DNS, ` +
    "and a resolver that was asked before it did may keep the negative answer for a while; retry in a few minutes (if it persists, check your DNS: a VPN or split DNS that cannot resolve public names); not a verdict on AWS"
  );
}

/** What the baseline saw: enough answers in a row naming a colour. */
export interface BaselineObservation {
  readonly url: string;
  readonly requests: number;
  readonly inARow: number;
  readonly counts: OutcomeCounts;
  /** Who may reach the load balancer (the stack's IngressCidr output), recorded with the run. */
  readonly ingressCidr: string;
}

/** The one line that says what to check when this machine cannot reach the load balancer. */
export function unreachableMessage(url: string, requests: number, counts: OutcomeCounts, last: string, ingressCidr: string, blockPublicAccess = ''): string {
  const cidr =
    ingressCidr === '0.0.0.0/0'
      ? 'the stack lets in any address (labs:ingressCidr 0.0.0.0/0), so check your proxy or firewall (outbound HTTP to port 80) and your DNS'
      : `the stack lets in ${ingressCidr} only (context labs:ingressCidr, stack output IngressCidr): compare it with your public IP (curl -s https://checkip.amazonaws.com) and redeploy with npx labs deploy alb-blue-green --ingress-cidr=<that IP>/32, then check your proxy or firewall (outbound HTTP to port 80)`;
  return (
    `this machine cannot reach the load balancer although both colours are healthy: ${requests} requests to ${url} never gave ${BASELINE_IN_A_ROW} answers in a row that are 2xx and name a colour ` +
    `(${describeCounts(counts)}; last: ${last}); not a verdict on AWS: ${blockPublicAccess}${blockPublicAccess ? 'it is on your side of the network' : 'that is on your side of the network'}: ${cidr}`
  );
}

/**
 * When the baseline cannot reach the load balancer: is VPC Block Public Access on in the Region? An
 * internet-facing load balancer in a VPC that is not excluded gets no traffic from the internet then
 * (`block-bidirectional`: "Block all traffic to and from internet gateways and egress-only internet
 * gateways in this Region (except for excluded VPCs and subnets)"; `block-ingress` blocks inbound),
 * while its targets stay healthy (health checks stay inside the VPC). That is the account's setting,
 * not this machine's network, so the error names it first. Undefined when BPA is `off`; a clause
 * saying it could not be read when DescribeVpcBlockPublicAccessOptions fails (never a second error).
 *
 * Sources: "BlockPublicAccessStates" (EC2 API Reference) https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_BlockPublicAccessStates.html ;
 * "DescribeVpcBlockPublicAccessOptions" https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcBlockPublicAccessOptions.html
 */
export async function blockPublicAccessCause(ctx: Pick<ObserveContext, 'aws'>): Promise<string | undefined> {
  try {
    const { DescribeVpcBlockPublicAccessOptionsCommand, EC2Client } = await import('@aws-sdk/client-ec2');
    const options = (await new EC2Client(ctx.aws).send(new DescribeVpcBlockPublicAccessOptionsCommand({}))).VpcBlockPublicAccessOptions;
    const mode = options?.InternetGatewayBlockMode;
    if (!mode || mode === 'off') return undefined;
    return (
      `VPC Block Public Access is ${mode} in this Region: unless the lab's VPC is excluded, the internet cannot reach the load balancer, whatever this machine's network ` +
      `(list exclusions: aws ec2 describe-vpc-block-public-access-exclusions; exclude the lab's VPC with aws ec2 create-vpc-block-public-access-exclusion --vpc-id <its VPC> --internet-gateway-exclusion-mode allow-bidirectional, or turn the setting off); ` +
      `if it is excluded, `
    );
  } catch (error) {
    return `(VPC Block Public Access could not be read: ec2:DescribeVpcBlockPublicAccessOptions ${error instanceof Error ? error.name || error.message : String(error)}; if it is on in this Region and the lab's VPC is not excluded, that alone blocks the load balancer) `;
  }
}

/**
 * Before any weight moves: GETs the page until {@link BASELINE_IN_A_ROW} answers in a row are 2xx
 * and name a colour, at most {@link BASELINE_MAX_REQUESTS} requests. Without that, nothing the
 * traffic checks would count says anything about AWS (an ingress CIDR that is not your address, a
 * proxy, a captive portal, Wi-Fi), so it is an error with what to check.
 *
 * @throws when this machine does not reach the load balancer
 */
export const baseline = observe({
  name: 'baseline',
  outputs: ['LoadBalancerDnsName', 'IngressCidr'],
  uses: [health],
  observe: async (ctx): Promise<BaselineObservation> => {
    const settings = trafficSettings(ctx.options);
    await ctx.observe(health);
    const url = `http://${ctx.outputs.LoadBalancerDnsName}/`;
    const answers: RequestSample[] = [];
    let inARow = 0;
    let last = 'none';
    let unresolvedSince: number | undefined;
    for (let seq = 0; seq < BASELINE_MAX_REQUESTS && inARow < BASELINE_IN_A_ROW; seq++) {
      if (seq > 0) await ctx.sleep(BASELINE_PAUSE_MS);
      const startMs = ctx.now();
      const answer = await requestOnce(url, settings.timeoutSeconds * 1000);
      if (nameNotResolved(answer.error)) {
        // The name does not resolve (yet): not this machine failing to reach the load balancer. Wait, bounded, without using up the baseline's requests.
        unresolvedSince ??= startMs;
        const waited = ctx.now() - unresolvedSince;
        if (waited >= BASELINE_DNS_WAIT_MS) throw new Error(unresolvedMessage(ctx.outputs.LoadBalancerDnsName, waited, answer.error!));
        ctx.progress(`baseline: ${ctx.outputs.LoadBalancerDnsName} does not resolve yet (${answer.error}); trying again in ${BASELINE_DNS_RETRY_MS / 1000} s (${(waited / 1000).toFixed(0)} s of at most ${BASELINE_DNS_WAIT_MS / 1000} s)`);
        await ctx.sleep(BASELINE_DNS_RETRY_MS);
        seq--;
        continue;
      }
      const sample: RequestSample = { seq, startMs, endMs: ctx.now(), ...answer };
      answers.push(sample);
      const outcome = outcomeOf(sample);
      if (outcome === 'blue' || outcome === 'green') inARow++;
      else {
        inARow = 0;
        last =
          sample.error ??
          (throughAnotherHop(sample)
            ? `HTTP ${sample.status} through a proxy or cache (${[sample.via ? `Via: ${sample.via}` : '', sample.age !== undefined ? `Age: ${sample.age}` : ''].filter(Boolean).join(', ')}), not straight from the load balancer: the lab's checks cannot count answers a proxy or cache made or relayed; run them from a network without one, or with outbound HTTP to port 80 going direct`
            : outcome === 'unrecognised'
              ? `HTTP ${sample.status} with a page that names no colour (a proxy or captive portal?)`
              : `HTTP ${sample.status}`);
      }
    }
    const counts = countOutcomes(answers);
    if (inARow < BASELINE_IN_A_ROW) throw new Error(unreachableMessage(url, answers.length, counts, last, ctx.outputs.IngressCidr, await blockPublicAccessCause(ctx)));
    ctx.progress(`baseline: ${BASELINE_IN_A_ROW} answers in a row from the load balancer (${describeCounts(counts)})`);
    return { url, requests: answers.length, inARow, counts, ingressCidr: ctx.outputs.IngressCidr };
  },
});

// ---------------------------------------------------------------------------------------------
// All blue first

/** What the probes saw before a run's first weight change: was the listener routing all-blue? */
export interface BlueFirst {
  /** ModifyListener was sent to set all-blue first (the listener was found at other weights). */
  readonly moved: boolean;
  /** Blue answers in a row at the end of the probes: {@link BLUE_FIRST_IN_A_ROW} when all-blue was seen in effect. */
  readonly inARow: number;
  /** Probe requests sent (not counted by any check). */
  readonly probes: number;
  /** From the start of the probes (after the ModifyListener, when moved) to their end. */
  readonly afterMs: number;
}

/** Whether the probes saw the listener routing all-blue. */
export function sawAllBlue(b: BlueFirst | undefined): boolean {
  return b !== undefined && b.inARow >= BLUE_FIRST_IN_A_ROW;
}

/**
 * Makes sure blue takes all traffic before a run's first weight change: sets all-blue when the
 * listener was found at other weights, then probes at the stream's rate until
 * {@link BLUE_FIRST_IN_A_ROW} answers in a row are 2xx and blue, at most {@link BLUE_FIRST_BOUND_MS}.
 * The listener's weights say what was asked, not what the load balancer's nodes apply: a run killed
 * while green was weighted, or a rollback that had not settled, can leave green answering for a
 * while (AWS documents no figure for how fast a weight change takes effect). Measured, never assumed;
 * whether it was seen is recorded for the check to judge.
 */
export async function allBlueFirst(
  ctx: Pick<ObserveContext, 'now' | 'sleep' | 'progress'>,
  change: Pick<ListenerChange, 'foundWeights' | 'setWeights' | 'signal'>,
  url: string,
  settings: TrafficSettings,
  label: string,
): Promise<BlueFirst> {
  const moved = !sameWeights(change.foundWeights, ALL_BLUE);
  if (moved) {
    ctx.progress(`${label}: the listener is at ${describeWeights(change.foundWeights)}; moving everything to blue first`);
    await change.setWeights(ALL_BLUE);
  }
  const started = ctx.now();
  let inARow = 0;
  let probes = 0;
  while (inARow < BLUE_FIRST_IN_A_ROW && ctx.now() - started < BLUE_FIRST_BOUND_MS && !change.signal.aborted) {
    const startMs = ctx.now();
    const answer = await requestOnce(url, settings.timeoutSeconds * 1000, { signal: change.signal });
    probes++;
    const blue = answer.colour === 'blue' && answer.status !== undefined && answer.status >= 200 && answer.status <= 299;
    inARow = blue ? inARow + 1 : 0;
    if (inARow >= BLUE_FIRST_IN_A_ROW) break;
    const next = startMs + 1000 / settings.ratePerSecond - ctx.now();
    if (next > 0) await ctx.sleep(next);
  }
  const afterMs = ctx.now() - started;
  ctx.progress(
    inARow >= BLUE_FIRST_IN_A_ROW
      ? `${label}: ${BLUE_FIRST_IN_A_ROW} blue answers in a row before the first weight change (${probes} probe(s), ${(afterMs / 1000).toFixed(1)} s)`
      : `${label}: no ${BLUE_FIRST_IN_A_ROW} blue answers in a row within ${(afterMs / 1000).toFixed(1)} s (${probes} probe(s)): the run cannot show a change from all-blue and will be inconclusive`,
  );
  return { moved, inARow, probes, afterMs };
}

// ---------------------------------------------------------------------------------------------
// Switch and rollback

/** One progress line on the target health read through a run. */
function reportHealth(ctx: Pick<ObserveContext, 'progress'>, label: string, watch: HealthWatch): void {
  const problems = healthThroughRun(watch);
  ctx.progress(`${label}: target health read ${watch.readings.length} times through the run: ${problems.length === 0 ? 'both colours healthy throughout' : problems.join('; ')}`);
}

/** A switch to green and a rollback to blue, under one stream of traffic. */
export interface SwitchObservation {
  readonly settings: TrafficSettings;
  readonly record: TrafficRecord;
  /** Requests before the first weight change (all blue is expected). */
  readonly baseline: OutcomeCounts;
  readonly toGreen: SwitchStats;
  readonly toBlue: SwitchStats;
  /** ModifyListener calls: to green, back to blue. */
  readonly changes: readonly WeightChange[];
  /** The weights restored at the end: the deployed ones. */
  readonly restored: TrafficWeights;
  /** Target health through the stream (ms after its start) and once after it: were both colours healthy throughout? */
  readonly targetHealth: HealthWatch;
  /** The probes before the stream, when the listener was found at other weights and set to all-blue first. */
  readonly blueFirst?: BlueFirst;
}

/** When the switch and the rollback happen in a stream of `durationSeconds`: a fifth of blue first, then two equal halves. */
export function switchSchedule(durationSeconds: number): { switchAtMs: number; rollbackAtMs: number } {
  const total = durationSeconds * 1000;
  const switchAtMs = Math.round(total / 5);
  return { switchAtMs, rollbackAtMs: Math.round(switchAtMs + (total - switchAtMs) / 2) };
}

const SWITCH_LABEL = 'switch to green';
const ROLLBACK_LABEL = 'roll back to blue';

/**
 * Sends traffic at `--rate` for `--duration` seconds, moves all weight to green after a fifth of
 * it and back to blue halfway through the rest, then restores the listener.
 */
export const switchAndRollback = observe({
  name: 'switch',
  outputs: LISTENER_OUTPUTS,
  uses: [health, baseline],
  observe: async (ctx): Promise<SwitchObservation> => {
    const settings = trafficSettings(ctx.options);
    const out = ctx.outputs;
    const options = listenerChangeOptions(out);
    const { healthCheck } = await ctx.observe(health);
    await ctx.observe(baseline);
    const schedule = switchSchedule(settings.durationSeconds);
    return withListenerChange(ctx, options, async (change) => {
      // Found at all-blue, the stream's first fifth shows whether blue answers alone (the check requires it); found otherwise, probe until it does.
      const blueFirst = sameWeights(change.foundWeights, ALL_BLUE) ? undefined : await allBlueFirst(ctx, change, `http://${out.LoadBalancerDnsName}/`, settings, 'switch');
      if (change.signal.aborted) throw new Error('the switch was interrupted');
      const changes: WeightChange[] = [];
      const watch = watchTargetHealth(ctx, options.targetGroups, healthCheck, ctx.now());
      const record = await generateTraffic(ctx, {
        url: `http://${out.LoadBalancerDnsName}/`,
        settings,
        signal: change.signal,
        label: 'switch',
        actions: [
          { label: SWITCH_LABEL, atMs: schedule.switchAtMs, run: async () => changes.push(await change.setWeights(ALL_GREEN)) },
          { label: ROLLBACK_LABEL, atMs: schedule.rollbackAtMs, run: async () => changes.push(await change.setWeights(ALL_BLUE)) },
          ...watch.during(settings.durationSeconds * 1000),
        ],
      });
      if (record.aborted) throw new Error('the traffic was interrupted before the switch and rollback completed');
      const targetHealth = await watch.finish(ctx.now());
      reportHealth(ctx, 'switch', targetHealth);
      const at = (label: string) => record.actions.find((a) => a.label === label)!.startedMs;
      return {
        settings,
        record,
        baseline: countOutcomes(record.samples.filter((s) => s.startMs < at(SWITCH_LABEL))),
        toGreen: switchStats(record.samples, { target: 'green', switchedAtMs: at(SWITCH_LABEL), endMs: at(ROLLBACK_LABEL) }),
        toBlue: switchStats(record.samples, { target: 'blue', switchedAtMs: at(ROLLBACK_LABEL), endMs: Number.POSITIVE_INFINITY }),
        changes,
        restored: change.deployedWeights,
        targetHealth,
        ...(blueFirst ? { blueFirst } : {}),
      };
    });
  },
});

// ---------------------------------------------------------------------------------------------
// Canary

/** What CloudFormation drift detection said about the listener while the canary weights were set. */
export interface DriftObservation {
  readonly status: string;
  readonly differences: readonly string[];
  readonly note?: string;
}

/** DetectStackResourceDrift on the listener; never fails the check (drift is reported, not judged). */
export async function observeDrift(ctx: Pick<ObserveContext, 'aws' | 'labId'>, logicalId: string): Promise<DriftObservation> {
  try {
    const { CloudFormationClient, DetectStackResourceDriftCommand } = await import('@aws-sdk/client-cloudformation');
    const cfn = new CloudFormationClient(ctx.aws);
    const out = await cfn.send(new DetectStackResourceDriftCommand({ StackName: ctx.labId, LogicalResourceId: logicalId }));
    const drift = out.StackResourceDrift;
    return {
      status: drift?.StackResourceDriftStatus ?? 'UNKNOWN',
      differences: (drift?.PropertyDifferences ?? []).map((d) => `${d.PropertyPath}: ${d.ExpectedValue} → ${d.ActualValue}`),
    };
  } catch (error) {
    return { status: 'NOT_CHECKED', differences: [], note: `DetectStackResourceDrift failed: ${(error as Error).message}` };
  }
}

/** How the canary waited for its weights to take effect before counting. */
export interface CanarySettle {
  /** From ModifyListener returning to the start of the first probe answered green; undefined when none was within the bound. */
  readonly firstGreenAfterMs?: number;
  /** Probe requests sent while waiting (not counted). */
  readonly probes: number;
  /** From ModifyListener returning to the start of the counted traffic. */
  readonly countingAfterMs: number;
}

/**
 * After the canary's ModifyListener: probes at the stream's rate until a response names green (at
 * most {@link CANARY_FIRST_GREEN_BOUND_MS}), then waits until {@link CANARY_SETTLE_MS} or twice the
 * time to that first green response have passed, whichever is later. Once the probes before the
 * change saw blue answer alone ({@link allBlueFirst}), the first green answer shows the new weights
 * in effect on the node that answered; the doubled wait gives the other nodes as long again. Every time is measured and reported; none decides the verdict.
 */
export async function settleCanary(
  ctx: Pick<ObserveContext, 'now' | 'sleep' | 'progress'>,
  url: string,
  settings: TrafficSettings,
  signal: AbortSignal | undefined,
  changedAt: number,
): Promise<CanarySettle> {
  let probes = 0;
  let firstGreenAfterMs: number | undefined;
  while (ctx.now() - changedAt < CANARY_FIRST_GREEN_BOUND_MS && !signal?.aborted) {
    const startMs = ctx.now();
    const answer = await requestOnce(url, settings.timeoutSeconds * 1000, { ...(signal ? { signal } : {}) });
    probes++;
    if (answer.colour === 'green' && answer.status !== undefined && answer.status >= 200 && answer.status <= 299) {
      firstGreenAfterMs = startMs - changedAt;
      break;
    }
    const next = startMs + 1000 / settings.ratePerSecond - ctx.now();
    if (next > 0) await ctx.sleep(next);
  }
  const countAt = Math.max(CANARY_SETTLE_MS, 2 * (firstGreenAfterMs ?? CANARY_FIRST_GREEN_BOUND_MS / 2));
  const wait = changedAt + countAt - ctx.now();
  if (wait > 0) await ctx.sleep(wait);
  ctx.progress(
    `canary: ${firstGreenAfterMs === undefined ? `no green response within ${CANARY_FIRST_GREEN_BOUND_MS / 1000} s` : `first green response ${(firstGreenAfterMs / 1000).toFixed(1)} s after ModifyListener`}; counting from ${((ctx.now() - changedAt) / 1000).toFixed(1)} s`,
  );
  return { ...(firstGreenAfterMs === undefined ? {} : { firstGreenAfterMs }), probes, countingAfterMs: ctx.now() - changedAt };
}

/** A 90/10 split measured from the client. */
export interface CanaryObservation {
  readonly settings: TrafficSettings;
  readonly record: TrafficRecord;
  readonly stats: CanaryStats;
  /** How long it waited for the weights to take effect, and what it saw meanwhile. */
  readonly settle: CanarySettle;
  readonly drift: DriftObservation;
  /** The weights restored at the end: the deployed ones. */
  readonly restored: TrafficWeights;
  /** Target health just before the canary's ModifyListener, through the counted traffic and once after it (ms after that first read). */
  readonly targetHealth: HealthWatch;
  /** The probes before the canary's ModifyListener: was blue answering alone? (Absent in runs recorded before it was observed: inconclusive.) */
  readonly blueFirst?: BlueFirst;
}

/**
 * Makes sure blue answers alone first ({@link allBlueFirst}), reads target health, sets 90/10, waits for it to take effect ({@link settleCanary}), sends the
 * counted traffic (reading target health through it), asks CloudFormation about drift while 90/10 is
 * still set, reads target health once more, restores the listener. Drift detection comes after the
 * counted traffic so that its time (AWS documents none) is not taken from the probes' bound.
 */
export const canary = observe({
  name: 'canary',
  outputs: [...LISTENER_OUTPUTS, 'ListenerLogicalId'],
  uses: [health, baseline],
  observe: async (ctx): Promise<CanaryObservation> => {
    const settings = trafficSettings(ctx.options);
    const out = ctx.outputs;
    const options = listenerChangeOptions(out);
    const { healthCheck } = await ctx.observe(health);
    await ctx.observe(baseline);
    return withListenerChange(ctx, options, async (change) => {
      const url = `http://${out.LoadBalancerDnsName}/`;
      // A green probe answer shows the 90/10 weights in effect only if green had no weight in effect before: see allBlueFirst.
      const blueFirst = await allBlueFirst(ctx, change, url, settings, 'canary');
      if (change.signal.aborted) throw new Error('the canary was interrupted');
      const watch = watchTargetHealth(ctx, options.targetGroups, healthCheck, ctx.now());
      await watch.read();
      await change.setWeights(CANARY_WEIGHTS);
      const changedAt = ctx.now();
      ctx.progress(`canary: ${describeWeights(CANARY_WEIGHTS)} set; probing until a green response before counting`);
      const settle = await settleCanary(ctx, url, settings, change.signal, changedAt);
      if (change.signal.aborted) throw new Error('the canary was interrupted');
      const record = await generateTraffic(ctx, { url, settings, signal: change.signal, label: 'canary', actions: watch.during(settings.durationSeconds * 1000) });
      if (record.aborted) throw new Error('the canary traffic was interrupted');
      const streamEnded = ctx.now();
      const drift = await observeDrift(ctx, out.ListenerLogicalId);
      ctx.progress(`canary: CloudFormation drift detection says the listener is ${drift.status}`);
      const targetHealth = await watch.finish(streamEnded);
      reportHealth(ctx, 'canary', targetHealth);
      return { settings, record, stats: canaryStats(record.samples, CANARY_WEIGHTS, 'green', CANARY_CONFIDENCE), settle, drift, restored: change.deployedWeights, targetHealth, blueFirst };
    });
  },
});
