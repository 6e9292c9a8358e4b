/**
 * What a recorded stream of requests says about a traffic switch: failures, the time until every
 * response came from the new colour, the mix while it happened, and whether a weighted split matches
 * its weights within a tolerance taken from the binomial distribution. Pure functions of samples,
 * so they are tested on recorded streams without AWS.
 */
import { type Colour, COLOURS } from '../../lib/deployment/colour-page';
import type { TrafficWeights } from '../../lib/deployment/listener-weights';
import { decisive, type Expectation, expectEqual, type Precondition, requires } from '../../lib/lab-kit/checks/judgement';
import type { RequestSample } from './traffic';
import { expectedShare } from './weights';

/**
 * What one request amounts to, from where the failure lies:
 *
 * - `blue`/`green`: a 2xx page naming a colour, straight from the load balancer (the load balancer
 *   routed it to that fleet);
 * - `non-2xx`: an HTTP error positively identified as the load balancer's own or as a fleet's
 *   through it ({@link fromLoadBalancer}): AWS's side;
 * - `failed`: no HTTP answer at all (a timeout, a reset, a refused connection, a name that did not
 *   resolve): the check cannot tell this machine's network from the load balancer, so it decides nothing;
 * - `unrecognised`: an answer that is not the lab's: any answer with a `Via` or `Age` header (a proxy
 *   or a cache made or relayed it, 2xx included: a cache may hand back another colour's stored page),
 *   a 2xx page naming no colour, or a non-2xx not positively identified: it decides nothing
 *   (inconclusive, never a pass or a fail).
 */
export type Outcome = Colour | 'non-2xx' | 'failed' | 'unrecognised';

/**
 * Whether any hop other than the load balancer and its targets made or relayed the answer, from its
 * `Via` and `Age` headers:
 *
 * - `Via`: HTTP requires a proxy to add one to every message it forwards ("A proxy MUST send an
 *   appropriate Via header field", RFC 9110 "HTTP Semantics" §7.6.3 Via,
 *   https://www.rfc-editor.org/rfc/rfc9110#section-7.6.3), and the load balancer adds none of its own
 *   ("HTTP headers and Application Load Balancers",
 *   https://docs.aws.amazon.com/elasticloadbalancing/latest/application/x-forwarded-headers.html, lists
 *   only the X-Forwarded-* request headers);
 * - `Age`: "The presence of an Age header field implies that the response was not generated or
 *   validated by the origin server for this request" (RFC 9111 "HTTP Caching" §5.1 Age,
 *   https://www.rfc-editor.org/rfc/rfc9111#section-5.1): a cache answered, possibly with a page stored
 *   before the weights moved (a caching proxy revalidating with If-Modified-Since gets 304 from
 *   http.server and hands back its stored page as a 200, RFC 9111 §4.3.4).
 *
 * The fleets' http.server sends neither.
 */
export function throughAnotherHop(sample: Pick<RequestSample, 'via' | 'age'>): boolean {
  return (sample.via !== undefined && sample.via.trim() !== '') || sample.age !== undefined;
}

/**
 * Whether a non-2xx is positively the load balancer's or a fleet's, from its `Server` header, and
 * came through no other hop ({@link throughAnotherHop}). Only two values count:
 *
 * - `SimpleHTTP/...`: the fleets serve with Python's http.server, whose `Server` header is
 *   `SimpleHTTP/<version> Python/<version>` ("http.server: HTTP servers",
 *   `SimpleHTTPRequestHandler.server_version` and `BaseHTTPRequestHandler.version_string()`,
 *   https://docs.python.org/3/library/http.server.html), which the load balancer passes on;
 * - `awselb/...`: what an ALB's own error pages carry (`awselb/2.0`). **Observed, not documented**:
 *   AWS documents that an ALB sends a `Server` response header, and a listener attribute to remove it
 *   (`routing.http.response.server.enabled`, "Enables you to allow or remove the HTTP response server
 *   header", "ListenerAttribute", Elastic Load Balancing API Reference,
 *   https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_ListenerAttribute.html;
 *   this lab's listener leaves it at its default), but no AWS page searched (that one, "HTTP header
 *   modification for your Application Load Balancer", the troubleshooting guide) gives its value.
 *   The rule stands anyway: requiring a positive match can only turn a failure into an inconclusive
 *   run, never into a pass.
 *
 * Anything else (no `Server` header, another server's) is not identified: something on the path may
 * have made it (a security appliance, a VPN gateway or a captive portal that sends a bare 502), so
 * it decides nothing.
 */
export function fromLoadBalancer(sample: Pick<RequestSample, 'server' | 'via' | 'age'>): boolean {
  if (throughAnotherHop(sample)) return false;
  return sample.server !== undefined && (/^awselb\//i.test(sample.server) || /^SimpleHTTP\//.test(sample.server));
}

/** A failure when no response came; unrecognised when another hop answered or relayed it; a non-2xx identified as the load balancer's; else the colour of the page (unrecognised if none). */
export function outcomeOf(sample: RequestSample): Outcome {
  if (sample.status === undefined) return 'failed';
  if (throughAnotherHop(sample)) return 'unrecognised';
  if (sample.status < 200 || sample.status > 299) return fromLoadBalancer(sample) ? 'non-2xx' : 'unrecognised';
  return sample.colour ?? 'unrecognised';
}

/** Requests by outcome. */
export interface OutcomeCounts {
  readonly requests: number;
  readonly blue: number;
  readonly green: number;
  /** HTTP errors answered by the load balancer (or a fleet through it). */
  readonly non2xx: number;
  /** No HTTP answer at all (timeout, reset, refused, name not resolved). */
  readonly failed: number;
  /** Answers that are not the lab's: through a proxy or cache (Via, Age), a 2xx page naming no colour, or a non-2xx not identified as the load balancer's. */
  readonly unrecognised: number;
}

/** Counts requests by outcome. */
export function countOutcomes(samples: readonly RequestSample[]): OutcomeCounts {
  const counts = { requests: samples.length, blue: 0, green: 0, non2xx: 0, failed: 0, unrecognised: 0 };
  for (const s of samples) {
    const o = outcomeOf(s);
    if (o === 'non-2xx') counts.non2xx++;
    else counts[o]++;
  }
  return counts;
}

/** `12 blue, 3 green` plus any failures, for sentences. */
export function describeCounts(c: OutcomeCounts): string {
  const parts = [`${c.blue} blue`, `${c.green} green`];
  if (c.non2xx > 0) parts.push(`${c.non2xx} non-2xx`);
  if (c.failed > 0) parts.push(`${c.failed} failed`);
  if (c.unrecognised > 0) parts.push(`${c.unrecognised} unrecognised`);
  return parts.join(', ');
}

/** A switch: from when the weight change was sent, until the next switch or the end of the stream. */
export interface SwitchWindow {
  /** The colour that gets all the weight. */
  readonly target: Colour;
  /** When ModifyListener was called, in stream milliseconds. */
  readonly switchedAtMs: number;
  /** When the window ends (exclusive), in stream milliseconds. */
  readonly endMs: number;
}

/** Latency of the responses in a window. */
export interface Latency {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** What happened in one switch. */
export interface SwitchStats {
  readonly from: Colour;
  readonly target: Colour;
  /** Every request started in the window. */
  readonly counts: OutcomeCounts;
  /**
   * From the weight change to the start of the first colour response after which every response
   * naming a colour was the target colour; undefined when the window ended before that happened.
   * Failed, non-2xx and unrecognised answers name no colour and are skipped here (they are judged
   * on their own), so an error after the switch does not read as "not switched yet".
   */
  readonly convergedAfterMs?: number;
  /** Target responses from convergence to the end of the window: the evidence that it held. */
  readonly stableResponses: number;
  /** From the weight change to the start of the last request in the window: how long the run watched this switch. */
  readonly windowMs: number;
  /** From the weight change to the start of the last response that came from the old colour; undefined when none did. */
  readonly lastOldResponseAfterMs?: number;
  /** Requests started between the weight change and convergence (the whole window if it never converged). */
  readonly during: OutcomeCounts;
  /** Up to five failed, non-2xx or unrecognised requests, for the report. */
  readonly failures: readonly string[];
  readonly latency: Latency;
}

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

function latencyOf(samples: readonly RequestSample[]): Latency {
  const sorted = samples.filter((s) => s.status !== undefined).map((s) => s.endMs - s.startMs).sort((a, b) => a - b);
  return { p50Ms: percentile(sorted, 0.5), p99Ms: percentile(sorted, 0.99), maxMs: sorted[sorted.length - 1] ?? 0 };
}

function describeFailure(s: RequestSample): string {
  const what =
    s.status === undefined
      ? `${s.error ?? 'no response'} (no HTTP answer)`
      : outcomeOf(s) === 'unrecognised'
        ? `HTTP ${s.status}${s.server ? ` from ${s.server}` : s.status < 200 || s.status > 299 ? ' with no Server header' : ''}${s.via ? ` via ${s.via}` : ''}${s.age !== undefined ? ` (Age ${s.age}: a cache)` : ''}, not the lab's page`
        : `HTTP ${s.status}${s.server ? ` (${s.server})` : ''}`;
  return `#${s.seq} at ${(s.startMs / 1000).toFixed(1)} s: ${what}`;
}

const isColour = (o: Outcome): o is Colour => o === 'blue' || o === 'green';

/** The statistics of one switch window. */
export function switchStats(samples: readonly RequestSample[], window: SwitchWindow): SwitchStats {
  const inWindow = samples
    .filter((s) => s.startMs >= window.switchedAtMs && s.startMs < window.endMs)
    .sort((a, b) => a.startMs - b.startMs || a.seq - b.seq);
  const from = COLOURS.find((c) => c !== window.target)!;
  // Convergence from the responses that name a colour only.
  let lastOff = -1;
  inWindow.forEach((s, i) => {
    const o = outcomeOf(s);
    if (isColour(o) && o !== window.target) lastOff = i;
  });
  const convergedIndex = inWindow.findIndex((s, i) => i > lastOff && outcomeOf(s) === window.target);
  const converged = convergedIndex >= 0;
  const convergedAfterMs = converged ? Math.max(0, inWindow[convergedIndex].startMs - window.switchedAtMs) : undefined;
  const bad = inWindow.filter((s) => !isColour(outcomeOf(s)));
  return {
    from,
    target: window.target,
    counts: countOutcomes(inWindow),
    convergedAfterMs,
    stableResponses: converged ? inWindow.slice(convergedIndex).filter((s) => outcomeOf(s) === window.target).length : 0,
    windowMs: inWindow.length === 0 ? 0 : Math.max(0, inWindow[inWindow.length - 1].startMs - window.switchedAtMs),
    ...(lastOff >= 0 ? { lastOldResponseAfterMs: Math.max(0, inWindow[lastOff].startMs - window.switchedAtMs) } : {}),
    during: countOutcomes(converged ? inWindow.slice(0, convergedIndex) : inWindow),
    failures: bad.slice(0, 5).map(describeFailure),
    latency: latencyOf(inWindow),
  };
}

/** What "the switch reached the new colour" and "the run saw the switch" mean in numbers (conditions of the experiment, not verdicts). */
export interface SwitchCriteria {
  /** Every colour response from the target colour, and so for at least this many in a row, so a lucky streak does not count. */
  readonly minStableResponses: number;
  /** Answers from the load balancer after ModifyListener needed before the run says where the traffic went. */
  readonly minAnswers: number;
}

/**
 * No time limit from AWS: AWS documents no figure for how fast a ModifyListener weight change reaches every
 * request (not in the ModifyListener API reference, the forward-action documentation or the
 * weighted target groups announcement, searched 2026), so no time decides pass or fail: the time
 * until every response is the new colour, the window watched and when the old colour last answered
 * are reported as measured figures. What decides (a decisive expectation: it fails the switch
 * whatever else the run missed, provided the run's setup was sound, see {@link judgeSwitch}): an HTTP
 * error positively identified as the load balancer's after the weight change, whenever it came.
 *
 * A switch still mixing when its window ends, a new colour that never answered (whatever the window:
 * a weight change slower than the run decides nothing, since AWS gives no bound), too few answers,
 * or requests with no HTTP answer or not the lab's page make the run inconclusive, unless that failure
 * already happened.
 *
 * Sources: "ModifyListener" https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_ModifyListener.html ;
 * "Action types for listener rules" https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-action-types.html#forward-actions ;
 * "New – Application Load Balancer Simplifies Deployment with Weighted Target Groups" https://aws.amazon.com/blogs/aws/new-application-load-balancer-simplifies-deployment-with-weighted-target-groups/
 */
export const SWITCH_CRITERIA: SwitchCriteria = { minStableResponses: 5, minAnswers: 5 };

/** What {@link judgeSwitch} concludes about one switch. */
export interface SwitchJudgement {
  /** True when every precondition and every expectation is met. */
  readonly passed: boolean;
  /** True when every colour response came from the target colour before the window ended, for at least `minStableResponses` in a row. */
  readonly converged: boolean;
  /** Each contradiction of the truth seen, as a sentence (for the observed text). */
  readonly problems: string[];
  /** What the truth predicts of a switch: no HTTP error from the load balancer (decisive where the run's setup was sound). */
  readonly expectations: Expectation[];
  /** That the run saw the switch through (else it proves nothing about it). */
  readonly preconditions: Precondition[];
}

/** Whether the switch reached its colour within the run, the time it took, and whether any request failed. */
export function reachedTarget(stats: SwitchStats, criteria: SwitchCriteria = SWITCH_CRITERIA): boolean {
  return stats.convergedAfterMs !== undefined && stats.stableResponses >= criteria.minStableResponses;
}

/** `yes, after 1.4 s (106 in a row)` or `no: 11 blue, 3 green in the 12.0 s window`. */
export function describeConvergence(stats: SwitchStats, criteria: SwitchCriteria = SWITCH_CRITERIA): string {
  if (reachedTarget(stats, criteria)) return `yes, after ${(stats.convergedAfterMs! / 1000).toFixed(1)} s (${stats.stableResponses} in a row)`;
  if (stats.convergedAfterMs !== undefined) return `only ${stats.stableResponses} ${stats.target} response(s) in a row before the window ended, after ${(stats.convergedAfterMs / 1000).toFixed(1)} s`;
  return `no: ${describeCounts(stats.during)} in the ${(stats.windowMs / 1000).toFixed(1)} s window`;
}

/** Answers from the load balancer in a window: responses naming a colour and its HTTP errors. */
export function loadBalancerAnswers(c: OutcomeCounts): number {
  return c.blue + c.green + c.non2xx;
}

/** Requests the check cannot hold against AWS: no HTTP answer, or an answer that is not the lab's. */
export function clientSideFailures(c: OutcomeCounts): number {
  return c.failed + c.unrecognised;
}

/** `blue still answered 11.9 s after ModifyListener, of 11.9 s watched`. */
export function describeNotMoved(stats: SwitchStats): string {
  return stats.lastOldResponseAfterMs === undefined
    ? `no ${stats.from} response either`
    : `${stats.from} still answered ${(stats.lastOldResponseAfterMs / 1000).toFixed(1)} s after ModifyListener, of ${(stats.windowMs / 1000).toFixed(1)} s watched`;
}

/** How {@link judgeSwitch} may conclude. */
export interface SwitchJudging {
  /**
   * Whether the run's setup lets a contradiction fail the switch whatever else the run missed (the
   * expectations are then decisive): false when HTTP errors came before the first switch (the
   * service was failing already) or, for a rollback, when the switch had not reached green first
   * (there was nothing to roll back from). @default true
   */
  readonly decisive?: boolean;
}

/**
 * Whether a switch moved traffic with no HTTP error from the load balancer (the one expectation,
 * decided whether or not it converged: decisive, see {@link SWITCH_CRITERIA}), and whether the run
 * saw it through (plain preconditions: answered, every request answered, the new colour answered,
 * converged). "The new colour never answered" is a precondition at any window length: AWS documents
 * no bound on how fast a weight change takes effect, so no window is long enough to hold it against AWS.
 */
export function judgeSwitch(stats: SwitchStats, judging: SwitchJudging = {}, criteria: SwitchCriteria = SWITCH_CRITERIA): SwitchJudgement {
  const c = stats.counts;
  const canDecide = judging.decisive ?? true;
  const problems: string[] = [];
  const move = `${stats.from} → ${stats.target}`;
  const answers = loadBalancerAnswers(c);
  const clientSide = clientSideFailures(c);
  const errors = expectEqual(`${move}: HTTP error responses from the load balancer after ModifyListener`, 0, c.non2xx);
  const expectations: Expectation[] = [canDecide ? decisive(errors) : errors];
  if (c.non2xx > 0) problems.push(`${c.non2xx} response(s) from the load balancer were HTTP errors`);
  const converged = reachedTarget(stats, criteria);
  const preconditions = [
    requires(
      `${move}: at least ${criteria.minAnswers} answers from the load balancer after ModifyListener (else the run did not see where the traffic went)`,
      answers >= criteria.minAnswers,
      `${answers} of ${c.requests} requests`,
    ),
    requires(
      `${move}: every request after ModifyListener answered by the load balancer (a timeout, a reset or another server's page is this machine's network as far as the check can tell: it decides nothing; run again)`,
      clientSide === 0,
      clientSide === 0 ? `${c.requests} of ${c.requests}` : `${c.failed} without an HTTP answer, ${c.unrecognised} not the lab's page, of ${c.requests}`,
    ),
    requires(
      `${move}: responses from ${stats.target} after ModifyListener (AWS documents no bound on how fast a weight change takes effect, so a window in which ${stats.target} never answered decides nothing, whatever its length; run again, or with a longer --duration)`,
      c[stats.target] > 0,
      c[stats.target] > 0 ? `${c[stats.target]} of ${answers} answers` : `0 of ${answers} answers (${describeNotMoved(stats)})`,
    ),
    requires(
      `${move}: every response ${stats.target} before the window ended, at least ${criteria.minStableResponses} in a row (else run again with a longer --duration)`,
      converged,
      describeConvergence(stats, criteria),
    ),
  ];
  const passed = preconditions.every((p) => p.met) && expectations.every((e) => e.met);
  return { passed, converged, problems, expectations, preconditions };
}

/** `blue → green: 120 requests, 0 non-2xx, 0 failed; every response green 1.4 s after ModifyListener; ...`. */
export function describeSwitch(stats: SwitchStats): string {
  const c = stats.counts;
  const head = `${stats.from} → ${stats.target}: ${c.requests} requests, ${c.non2xx} non-2xx, ${c.failed} failed${c.unrecognised > 0 ? `, ${c.unrecognised} unrecognised` : ''}`;
  const converged =
    stats.convergedAfterMs === undefined
      ? `responses never all came from ${stats.target} (${describeCounts(stats.during)})`
      : `every response ${stats.target} from ${(stats.convergedAfterMs / 1000).toFixed(1)} s after ModifyListener on (${stats.stableResponses} in a row), ` +
        (stats.during.requests === 0 ? `the first request after it already ${stats.target}` : `mix while switching: ${describeCounts(stats.during)}`);
  const failures = stats.failures.length > 0 ? `; failures: ${stats.failures.join('; ')}` : '';
  return `${head}; ${converged}${failures}`;
}

/** An acceptance interval for a binomial count. */
export interface BinomialInterval {
  /** Smallest count accepted. */
  readonly low: number;
  /** Largest count accepted. */
  readonly high: number;
  /** Probability that a count drawn from the distribution lands in [low, high] (at least). */
  readonly confidence: number;
}

/**
 * The central acceptance interval of Binomial(n, p): the smallest `low` and largest `high` such that
 * P(X < low) ≤ (1 − confidence)/2 and P(X > high) ≤ (1 − confidence)/2. Exact (no normal
 * approximation), computed in log space so large `n` does not underflow.
 */
export function binomialAcceptance(n: number, p: number, confidence = 0.999): BinomialInterval {
  const problems: string[] = [];
  if (!Number.isInteger(n) || n < 1) problems.push(`n: received ${n}; allowed: an integer of at least 1`);
  if (!(p > 0 && p < 1)) problems.push(`p: received ${p}; allowed: strictly between 0 and 1`);
  if (!(confidence > 0 && confidence < 1)) problems.push(`confidence: received ${confidence}; allowed: strictly between 0 and 1`);
  if (problems.length > 0) throw new Error(problems.join('; '));
  const tail = (1 - confidence) / 2;
  const pmf: number[] = new Array(n + 1);
  let logPmf = n * Math.log1p(-p);
  const logRatio = Math.log(p) - Math.log1p(-p);
  for (let k = 0; k <= n; k++) {
    pmf[k] = Math.exp(logPmf);
    logPmf += Math.log((n - k) / (k + 1)) + logRatio;
  }
  let low = 0;
  let below = 0; // P(X < low)
  while (low < n && below + pmf[low] <= tail) below += pmf[low++];
  let high = n;
  let above = 0; // P(X > high)
  while (high > low && above + pmf[high] <= tail) above += pmf[high--];
  return { low, high, confidence };
}

/** What a weighted split looked like from the client. */
export interface CanaryStats {
  readonly weights: TrafficWeights;
  /** The colour whose share is tested (the canary). */
  readonly colour: Colour;
  readonly counts: OutcomeCounts;
  /** Responses that named a colour: the trials. */
  readonly trials: number;
  /** Responses from the canary colour. */
  readonly hits: number;
  readonly expectedShare: number;
  readonly observedShare: number;
  readonly interval: BinomialInterval;
  readonly withinTolerance: boolean;
}

/** Tests the canary colour's count against the binomial acceptance interval of its weight. */
export function canaryStats(samples: readonly RequestSample[], weights: TrafficWeights, colour: Colour = 'green', confidence = 0.999): CanaryStats {
  const counts = countOutcomes(samples);
  const trials = counts.blue + counts.green;
  const p = expectedShare(weights, colour);
  if (trials === 0) {
    return { weights, colour, counts, trials, hits: 0, expectedShare: p, observedShare: 0, interval: { low: 0, high: 0, confidence }, withinTolerance: false };
  }
  const interval = binomialAcceptance(trials, p, confidence);
  const hits = counts[colour];
  return { weights, colour, counts, trials, hits, expectedShare: p, observedShare: hits / trials, interval, withinTolerance: hits >= interval.low && hits <= interval.high };
}

/** Whether a canary count contradicts its weights whatever the requests with no answer from the load balancer were. */
export interface CensoredCanary {
  /** Requests with no HTTP answer or not the lab's page: dropped from the trials, but each may have been routed by the weights. */
  readonly unanswered: number;
  /** Trials plus unanswered requests. */
  readonly requests: number;
  /** The acceptance interval over every one of those requests; undefined when there are none. */
  readonly interval?: BinomialInterval;
  /** True when no assignment of the unanswered requests to a colour brings the count inside that interval. */
  readonly contradicts: boolean;
}

/**
 * The canary count judged as censored data. A request with no answer (a timeout, a reset, another
 * server's page) is dropped from the trials, but the load balancer may have routed it by the weights
 * (a slow green target, with the load balancer still waiting on it when --timeout ran out). Over all
 * `n = trials + unanswered` requests, the count contradicts the weights only if it is above the
 * interval even with every unanswered request counted as blue (`hits > high`), or below it even with
 * every one counted as green (`hits + unanswered < low`). Otherwise a count outside the trials'
 * interval may be the censoring, not the weights: the run decides nothing. Arithmetic on the lab's own
 * model (the forward action promises only that "requests are distributed to individual target groups
 * based on their weights", "Action types for listener rules",
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-action-types.html#forward-actions).
 */
export function censoredCanary(stats: CanaryStats): CensoredCanary {
  const unanswered = clientSideFailures(stats.counts);
  const requests = stats.trials + unanswered;
  if (stats.trials === 0 || stats.withinTolerance) return { unanswered, requests, contradicts: false };
  const interval = binomialAcceptance(requests, stats.expectedShare, stats.interval.confidence);
  return { unanswered, requests, interval, contradicts: stats.hits > interval.high || stats.hits + unanswered < interval.low };
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)} %`;
}

/** `green 31 of 300 (10.3 %); a true 90/10 split gives 14 to 48 (4.7 % to 16.0 %) 99.9 % of the time`. */
export function describeCanary(stats: CanaryStats): string {
  if (stats.trials === 0) return `no response named a colour (${describeCounts(stats.counts)})`;
  const { low, high, confidence } = stats.interval;
  const split = `${stats.weights.blue}/${stats.weights.green}`;
  return (
    `${stats.colour} ${stats.hits} of ${stats.trials} responses (${pct(stats.observedShare)}, expected ${pct(stats.expectedShare)}); ` +
    `a true ${split} split gives ${low} to ${high} (${pct(low / stats.trials)} to ${pct(high / stats.trials)}) ${pct(confidence)} of the time (exact binomial)` +
    (stats.counts.non2xx + stats.counts.failed + stats.counts.unrecognised > 0 ? `; also ${describeCounts(stats.counts)}` : '')
  );
}
