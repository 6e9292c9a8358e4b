/**
 * The checks of A11, I46, T8 and I38 (its deployment part), keyed by catalog claim id (the claim
 * text lives in catalog/): the template evidence that the lab is built to show each claim and,
 * where AWS can show it, the live evidence of what it does.
 */
import { type ClaimCheck, live } from '../../lib/lab-kit/checks/lab-definition';
import { decisive, type Expectation, expectAtLeast, expectAtMost, expectEqual, expectThat, type Figure, type Judgement, type Precondition, requires } from '../../lib/lab-kit/checks/judgement';
import { COLOURS } from '../../lib/deployment/colour-page';
import { describeCapacities } from '../../lib/deployment/elastic-beanstalk-deployment-policies';
import { MAX_WEIGHT } from '../../lib/deployment/listener-weights';
import { describeFleet, type Facts, forwardsToBothColours, weightOf } from './facts';
import {
  BASELINE_IN_A_ROW,
  BLUE_FIRST_BOUND_MS,
  BLUE_FIRST_IN_A_ROW,
  CANARY_FIRST_GREEN_BOUND_MS,
  CANARY_SETTLE_MS,
  CANARY_WEIGHTS,
  canary,
  type BlueFirst,
  type CanaryObservation,
  OUTSIDE_CLOUDFORMATION,
  sawAllBlue,
  switchAndRollback,
  type SwitchObservation,
} from './observe';
import {
  censoredCanary,
  clientSideFailures,
  describeCanary,
  describeConvergence,
  describeCounts,
  describeNotMoved,
  describeSwitch,
  judgeSwitch,
  type OutcomeCounts,
  reachedTarget,
  SWITCH_CRITERIA,
  type SwitchStats,
} from './traffic-stats';
import { healthThroughRun, type HealthWatch } from './target-health';

/**
 * The TTL of a Route 53 alias record to a load balancer, as AWS documents it: fixed at 60 seconds
 * (Route 53 FAQs, DNS failover; an alias takes the TTL of the resource it points to). A DNS-based
 * rollback waits up to this long for a client whose resolver has just cached the old answer, longer
 * where the TTL is not honoured. A11.rollback-is-the-same-move sets its rollback time beside this
 * figure, informational only (a weight change uses no DNS, so the figure decides nothing).
 *
 * Source: "Amazon Route 53 FAQs" https://aws.amazon.com/route53/faqs/ ; "Choosing between alias and
 * non-alias records" https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-choosing-alias-non-alias.html
 */
export const LOAD_BALANCER_ALIAS_TTL_SECONDS = 60;

/**
 * What the offline checks of I46 and T8 do not exercise: their truths are about Elastic Beanstalk,
 * which the lab does not deploy. The template shows only the DNS-free blue/green the lab builds
 * instead, so a pass says so (the kit prints it after the verdict: "as far as this run exercised it").
 * Sources: "Blue/Green deployments with Elastic Beanstalk"
 * https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.CNAMESwap.html ; "Deployment
 * policies and settings" https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.rolling-version-deploy.html
 */
const I46_NOT_EXERCISED =
  'an Elastic Beanstalk CNAME swap and how long clients keep the old DNS answer: the lab deploys no Elastic Beanstalk environment; the template shows only the DNS-free alternative it builds (one load balancer, a weighted forward)';
const T8_NOT_EXERCISED =
  "any Elastic Beanstalk deployment policy: the lab deploys no Elastic Beanstalk environment; the template shows only the lab's two fixed-size fleets, and the policies' capacities come from a model of the documentation (elastic-beanstalk-deployment-policies.ts), not from an observation";

/** The environment size the T8 evidence models the Elastic Beanstalk policies on. */
const EXAMPLE_INSTANCES = 4;

/** How the checks tell a weight change's errors from a target's failure (see {@link healthThroughRun}). */
const TARGET_HEALTH_METHOD =
  'DescribeTargetHealth is read once per HealthCheckIntervalSeconds through the traffic and once (UnhealthyThresholdCount + 1) × HealthCheckIntervalSeconds after it; ' +
  'a target that was not healthy, was replaced or was being deregistered in any reading (or a reading that failed) makes the run inconclusive and its HTTP errors decide nothing: ' +
  'with one instance per colour a failing instance makes the load balancer answer errors for its colour (and fail open), which is not the weight change';

/**
 * Both colours healthy and registered through the run: the claim's premise ("both groups stay
 * registered and healthy"). With one instance per colour, an instance that fails mid-run makes the load
 * balancer answer errors for its colour; they are that target's, not the weight change's.
 * Sources: "Health checks for Application Load Balancer target groups"
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html ;
 * "Attach an Elastic Load Balancing load balancer to your Auto Scaling group"
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/attach-load-balancer-asg.html
 */
function stayedHealthy(watch: HealthWatch | undefined): { met: boolean; precondition: Precondition; note: string } {
  const problems = healthThroughRun(watch);
  const met = problems.length === 0;
  return {
    met,
    precondition: requires(
      "both colours healthy and registered throughout the traffic (DescribeTargetHealth through it and after it): a target failing mid-run makes errors that are not the weight change's",
      met,
      met ? `${watch!.readings.length} readings, every target healthy` : problems.join('; '),
    ),
    note: met ? '' : ` A target was not healthy and registered throughout (${problems.join('; ')}): HTTP errors may be that target failing, not the weight change, so they decide nothing.`,
  };
}

const TRAFFIC_METHOD =
  'DescribeTargetHealth until both colours are healthy (bounded by HealthyThresholdCount × HealthCheckIntervalSeconds plus an allowance for an instance to start); ' +
  `then ${BASELINE_IN_A_ROW} answers in a row naming a colour before anything moves (else the check is an error: this machine does not reach the load balancer); ` +
  'Node fetch GETs http://<LoadBalancerDnsName>/ at --rate for --duration (defaults 10/s, 30 s) with a per-request timeout, reading the colour from each page; ' +
  'ModifyListener moves all weight to green after a fifth of the stream and back to blue halfway through the rest; ' +
  "a switch fails on any HTTP error (non-2xx) the load balancer answered after the weight change, converged or not, whatever else the run missed: a non-2xx counts as the load balancer's only when its Server header names the load balancer (awselb/…, observed, not documented) or the fleets' http.server (SimpleHTTP/…) and it came through no other hop; " +
  'every request goes to a URL with its own query string (?r=<random>), so no cache on the way can answer it from a stored page; ' +
  "an answer with a Via header (a proxy, RFC 9110 §7.6.3) or an Age header (a cache, RFC 9111 §5.1), 2xx included, a non-2xx with another Server header or none, and a request with no HTTP answer (a timeout, a reset) cannot be told apart from this machine's network: they make the run inconclusive, never a failure on its own. " +
  'AWS documents no figure for how fast a weight change takes effect, so no time decides: the time until every response is the new colour, the window watched and when the old colour last answered are measured figures; ' +
  `a new colour that never answered, whatever the window, or a switch still mixing when its window ends (at least ${SWITCH_CRITERIA.minStableResponses} responses in a row of the new colour are needed) makes the run inconclusive; ` +
  `HTTP errors before the first switch make it inconclusive too (they are not about switching), and so does a green answer there or fewer than ${SWITCH_CRITERIA.minStableResponses} blue ones (the switch must start from blue alone: a listener found at other weights is set to all-blue first and probed until ${BLUE_FIRST_IN_A_ROW} blue answers in a row, at most ${BLUE_FIRST_BOUND_MS / 1000} s, the lab's bound); ` +
  `a rollback counts only after the switch reached green; ${TARGET_HEALTH_METHOD}; ${OUTSIDE_CLOUDFORMATION}`;

function seconds(ms: number): number {
  return Number((ms / 1000).toFixed(2));
}

function switchFigures(s: SwitchStats, call: number | undefined): Figure[] {
  return [
    { name: `${s.target}: requests`, value: s.counts.requests, unit: 'requests' },
    { name: `${s.target}: non-2xx`, value: s.counts.non2xx, unit: 'responses' },
    { name: `${s.target}: failed`, value: s.counts.failed, unit: 'requests' },
    ...(s.counts.unrecognised === 0 ? [] : [{ name: `${s.target}: answers that are not the lab's page`, value: s.counts.unrecognised, unit: 'responses' }]),
    ...(s.convergedAfterMs === undefined ? [] : [{ name: `${s.target}: time until every response is ${s.target}`, value: seconds(s.convergedAfterMs), unit: 's' }]),
    { name: `${s.target}: window watched after ModifyListener`, value: seconds(s.windowMs), unit: 's' },
    ...(s.lastOldResponseAfterMs === undefined ? [] : [{ name: `${s.target}: last ${s.from} response after ModifyListener`, value: seconds(s.lastOldResponseAfterMs), unit: 's' }]),
    { name: `${s.target}: ${s.from} responses while switching`, value: s.during[s.from], unit: 'responses' },
    { name: `${s.target}: ${s.target} responses while switching`, value: s.during[s.target], unit: 'responses' },
    ...(call === undefined ? [] : [{ name: `${s.target}: ModifyListener call`, value: call, unit: 'ms' }]),
    { name: `${s.target}: p99 latency`, value: s.latency.p99Ms, unit: 'ms' },
  ];
}

/**
 * The run's stream was sound before anything moved. HTTP errors there are not about switching (the
 * service was failing already), so they make the run inconclusive, and no expectation of the switch is
 * decisive then. Requests with no HTTP answer there are this machine's network as far as the check
 * can tell: they make it inconclusive too (plainly; an HTTP error from the load balancer after
 * ModifyListener is a decisive expectation, so it fails the run whatever the network did before).
 */
function baselineClean(baseline: OutcomeCounts): Precondition[] {
  const clientSide = clientSideFailures(baseline);
  return [
    // The switch is from blue alone only if blue alone answered before it: green there (old weights still in effect) would make "every response green after ModifyListener" vacuous.
    startedAllBlue(baseline),
    requires(
      'every answer before the first switch was 2xx (nothing had moved yet)',
      baseline.non2xx === 0,
      baseline.non2xx === 0 ? `${baseline.requests - clientSide} of ${baseline.requests - clientSide}` : `${baseline.non2xx} of ${baseline.requests} were HTTP errors`,
    ),
    requires(
      "every request before the first switch answered by the load balancer (timeouts or resets there are this machine's network as far as the check can tell)",
      clientSide === 0,
      clientSide === 0 ? `${baseline.requests} of ${baseline.requests}` : `${baseline.failed} without an HTTP answer, ${baseline.unrecognised} not the lab's page, of ${baseline.requests}`,
    ),
  ];
}

/** Blue answered alone before the first switch: no green, and at least as many blue answers as a switch needs of its new colour. */
function startedAllBlue(baseline: OutcomeCounts): Precondition {
  return requires(
    `blue alone answered before the first switch (no green, at least ${SWITCH_CRITERIA.minStableResponses} blue: the move from blue to green was exercised)`,
    allBlueBefore(baseline),
    `${baseline.blue} blue, ${baseline.green} green`,
  );
}

function allBlueBefore(baseline: OutcomeCounts): boolean {
  return baseline.green === 0 && baseline.blue >= SWITCH_CRITERIA.minStableResponses;
}

/** A rollback counts only once traffic had reached green: otherwise "every response blue" after it is what the run saw all along. */
function reachedGreenFirst(toGreen: SwitchStats): Precondition {
  return requires(
    `the switch had reached green before the rollback (every response green, at least ${SWITCH_CRITERIA.minStableResponses} in a row)`,
    reachedTarget(toGreen),
    describeConvergence(toGreen),
  );
}

/** How the rollback's time is set beside the alias TTL (informational; see {@link LOAD_BALANCER_ALIAS_TTL_SECONDS}). */
const ROLLBACK_BESIDE_TTL_METHOD =
  `the rollback's time until every response is blue is set beside the ${LOAD_BALANCER_ALIAS_TTL_SECONDS} s TTL AWS documents for alias records to a load balancer (Route 53 FAQs) as a figure with the margin, informational only: ` +
  'a weight change uses no DNS (every request goes to the one name the stack outputs), and AWS documents no figure for a weight change, so the comparison decides nothing';

/** The rollback time beside the alias TTL, in words; empty when the rollback did not reach blue. */
function beside60s(s: SwitchStats): string {
  if (!reachedTarget(s)) return '';
  const ttl = LOAD_BALANCER_ALIAS_TTL_SECONDS;
  const margin = ttl - s.convergedAfterMs! / 1000;
  return (
    ` Rolled back to all-blue ${(s.convergedAfterMs! / 1000).toFixed(1)} s after ModifyListener through the one name the stack outputs, with no DNS change; ` +
    `a DNS-based rollback (Route 53 alias records to a load balancer, whose TTL AWS documents as a fixed ${ttl} s) may wait up to ${ttl} s for a client that has just cached the old answer ` +
    `(${margin >= 0 ? `${margin.toFixed(1)} s more` : `${(-margin).toFixed(1)} s less`}; reported, not judged).`
  );
}

/** The rollback time beside the alias TTL, as figures (informational). */
function ttlFigures(s: SwitchStats): Figure[] {
  const ttl = LOAD_BALANCER_ALIAS_TTL_SECONDS;
  return [
    { name: 'documented TTL of an alias record to a load balancer (Route 53 FAQs; informational)', value: ttl, unit: 's' },
    ...(reachedTarget(s) ? [{ name: 'margin: the TTL minus the rollback time (informational)', value: Number((ttl - s.convergedAfterMs! / 1000).toFixed(2)), unit: 's' }] : []),
  ];
}

/** A switch (to green) or the rollback (to blue) of one switch observation, judged. */
function judgeSwitchOf(o: SwitchObservation, which: 'toGreen' | 'toBlue'): Judgement {
  const s = o[which];
  const healthy = stayedHealthy(o.targetHealth);
  // Decisive only where the run's setup was sound: no HTTP error before the first switch, both colours
  // healthy throughout and, for the rollback, a switch that had reached green (otherwise there was nothing to roll back from).
  const verdict = judgeSwitch(s, { decisive: o.baseline.non2xx === 0 && allBlueBefore(o.baseline) && healthy.met && (which === 'toGreen' || reachedTarget(o.toGreen)) });
  const change = o.changes[which === 'toGreen' ? 0 : 1];
  const call = change ? change.returnedAtMs - change.calledAtMs : undefined;
  const neverAnswered =
    s.counts[s.target] === 0 && s.counts.requests > 0
      ? ` ${s.target} never answered (${describeNotMoved(s)}): AWS documents no bound on how fast a weight change takes effect, so this decides nothing.`
      : '';
  return {
    observed:
      `${describeSwitch(s)}.${verdict.problems.length > 0 ? ` Not as claimed: ${verdict.problems.join('; ')}.` : ''}${neverAnswered}${healthy.note} ` +
      `Before the first switch: ${describeCounts(o.baseline)}.` +
      (o.blueFirst ? ` ${describeBlueFirst(o.blueFirst)}.` : '') +
      (which === 'toBlue' ? ` Before the rollback, the switch to green: ${describeConvergence(o.toGreen)}.${beside60s(s)}` : '') +
      ` The listener was changed outside CloudFormation and restored to blue ${o.restored.blue} / green ${o.restored.green}.`,
    method: which === 'toBlue' ? `${TRAFFIC_METHOD}; ${ROLLBACK_BESIDE_TTL_METHOD}` : TRAFFIC_METHOD,
    figures: [...switchFigures(s, call), ...(which === 'toBlue' ? ttlFigures(s) : [])],
    preconditions: [...baselineClean(o.baseline), healthy.precondition, ...(which === 'toBlue' ? [reachedGreenFirst(o.toGreen)] : []), ...verdict.preconditions],
    expectations: verdict.expectations,
  };
}

/** The DNS-free switch path in the template: one load balancer, a weighted forward, no DNS resources. */
function dnsFreeSwitch(f: Facts): { expectations: Expectation[]; observed: string } {
  const observed =
    `${f.loadBalancerCount} load balancer; its listener ${forwardsToBothColours(f) ? 'forwards to blue and green by weight' : `does not split between blue and green (${f.forward.targetGroups.length} target group(s))`}; ` +
    (f.dnsResources.length === 0 ? 'no Route 53 record or Elastic Beanstalk environment: a switch never changes DNS' : `DNS in the switch path: ${f.dnsResources.join(', ')}`);
  return {
    observed,
    expectations: [
      expectEqual('load balancers', 1, f.loadBalancerCount),
      forwardsByWeight(f),
      expectEqual('Route 53 records or Elastic Beanstalk environments in the switch path', [], f.dnsResources),
    ],
  };
}

/** The listener's default action forwards to both colours by weight. */
function forwardsByWeight(f: Facts): Expectation {
  const tgs = f.forward.targetGroups;
  return expectThat('the listener forwards to blue and green by weight', forwardsToBothColours(f), `${f.forward.type ?? 'no'} action to ${tgs.length} target group(s)`);
}

/** What the probes before the first weight change saw, in words. */
function describeBlueFirst(b: BlueFirst): string {
  const moved = b.moved ? 'The listener was found at other weights and set to all-blue first; ' : 'Before the first weight change, ';
  return sawAllBlue(b)
    ? `${moved}${BLUE_FIRST_IN_A_ROW} blue answers in a row after ${seconds(b.afterMs)} s (${b.probes} probe request(s) not counted)`
    : `${moved}no ${BLUE_FIRST_IN_A_ROW} blue answers in a row in ${seconds(b.afterMs)} s (${b.probes} probe request(s), the last ${b.inARow} blue)`;
}

function judgeCanary(c: CanaryObservation): Judgement {
  const s = c.stats;
  const healthy = stayedHealthy(c.targetHealth);
  const clientSide = clientSideFailures(s.counts);
  // Outside the interval of the trials, the count contradicts the weights only if no assignment of the unanswered requests brings it back (censored data).
  const censored = censoredCanary(s);
  const tolerance = expectThat(
    `green responses within the ${(s.interval.confidence * 100).toFixed(1)} % binomial interval of a ${s.weights.blue}/${s.weights.green} split`,
    s.withinTolerance,
    censored.contradicts && clientSide > 0
      ? `${s.hits} of ${s.trials}, outside ${censored.interval!.low} to ${censored.interval!.high} of all ${censored.requests} requests however the ${clientSide} unanswered ones are counted`
      : `${s.hits} of ${s.trials}`,
    `${s.interval.low} to ${s.interval.high}`,
  );
  const canaryErrors = expectEqual('HTTP error responses from the load balancer during the canary', 0, s.counts.non2xx);
  const settle = c.settle;
  const firstGreen = settle.firstGreenAfterMs === undefined ? `no green response in ${seconds(settle.countingAfterMs)} s` : `the first green response ${seconds(settle.firstGreenAfterMs)} s after ModifyListener`;
  const drift =
    c.drift.status === 'NOT_CHECKED'
      ? `Drift detection not checked (${c.drift.note}).`
      : `While 90/10 was set, CloudFormation drift detection said the listener is ${c.drift.status}${c.drift.differences.length > 0 ? ` (${c.drift.differences.slice(0, 2).join('; ')})` : ''}.`;
  return {
    observed:
      `${describeCanary(s)}.${s.counts.non2xx > 0 ? ` ${s.counts.non2xx} response(s) from the load balancer were HTTP errors.` : ''}${clientSide > 0 ? ` ${clientSide} request(s) got no answer from the load balancer.` : ''}${
        s.withinTolerance || s.trials === 0
          ? ''
          : censored.contradicts || clientSide === 0
            ? ' The split is outside the tolerance.'
            : ` The split is outside the tolerance of the answered requests, but ${clientSide} request(s) got no answer: counted as either colour they could bring it inside the interval of all ${censored.requests} (${censored.interval?.low} to ${censored.interval?.high}), so it decides nothing.`
      }${healthy.note} ` +
      `${c.blueFirst ? describeBlueFirst(c.blueFirst) : 'The probes before the change were not recorded'}. Counting began ${seconds(settle.countingAfterMs)} s after ModifyListener (${firstGreen}, ${settle.probes} probe request(s) not counted). ${drift} Restored to blue ${c.restored.blue} / green ${c.restored.green}.`,
    method:
      `first, blue must answer alone: the listener is set to all-blue if found at other weights, and probe requests at --rate must see ${BLUE_FIRST_IN_A_ROW} blue answers in a row (at most ${BLUE_FIRST_BOUND_MS / 1000} s, the lab's bound; without them the run is inconclusive: ` +
      `a green answer after the change would not show the new weights if old green-heavy ones were still in effect; under weights giving green half the traffic or more, ${BLUE_FIRST_IN_A_ROW} blue in a row come by chance at most 0.5^${BLUE_FIRST_IN_A_ROW} of the time); ` +
      `then ModifyListener sets blue ${CANARY_WEIGHTS.blue} / green ${CANARY_WEIGHTS.green}; probe requests at --rate until the first green response (at most ${CANARY_FIRST_GREEN_BOUND_MS / 1000} s, the lab's bound; with no green answer by then the run is inconclusive), then counting starts ` +
      `${CANARY_SETTLE_MS / 1000} s after ModifyListener or twice the time to that first green response, whichever is later; then Node fetch at --rate for --duration; the green count is tested against the exact 99.9 % binomial acceptance interval. ` +
      'AWS documents no figure for how fast a weight change takes effect, so the wait is measured, not assumed: the figures give the first green response and when counting began (the margin is the difference); ' +
      'a weight change slower than the wait would leave the first counted requests on the old (all-blue) weights and bias the count towards blue. ' +
      'HTTP errors from the load balancer fail the check whatever else the run missed; requests with no HTTP answer make it inconclusive (this machine\'s network as far as the check can tell), ' +
      'and a count outside the interval fails it despite them only when no assignment of those requests to a colour could bring it inside the interval of all the requests (above it with every one counted as blue, or below it with every one counted as green); ' +
      `target health is read just before ModifyListener, then as for the switch: ${TARGET_HEALTH_METHOD}; drift detection runs after the counted traffic, with 90/10 still set, so its time is not taken from the probes' bound; ` +
      OUTSIDE_CLOUDFORMATION,
    figures: [
      { name: 'canary trials', value: s.trials, unit: 'responses' },
      { name: 'green responses', value: s.hits, unit: 'responses' },
      { name: 'green share', value: Number((s.observedShare * 100).toFixed(1)), unit: '%' },
      { name: 'tolerance low', value: s.interval.low, unit: 'responses' },
      { name: 'tolerance high', value: s.interval.high, unit: 'responses' },
      { name: 'HTTP errors from the load balancer', value: s.counts.non2xx, unit: 'responses' },
      { name: 'requests with no answer from the load balancer', value: clientSide, unit: 'requests' },
      ...(censored.interval === undefined || clientSide === 0
        ? []
        : [
            { name: 'tolerance low, over every request (unanswered ones included)', value: censored.interval.low, unit: 'responses' },
            { name: 'tolerance high, over every request (unanswered ones included)', value: censored.interval.high, unit: 'responses' },
          ]),
      ...(settle.firstGreenAfterMs === undefined ? [] : [{ name: 'first green response after ModifyListener', value: seconds(settle.firstGreenAfterMs), unit: 's' }]),
      ...(c.blueFirst === undefined ? [] : [{ name: `probing until ${BLUE_FIRST_IN_A_ROW} blue answers in a row, before the change`, value: seconds(c.blueFirst.afterMs), unit: 's' }]),
      { name: 'counting began after ModifyListener', value: seconds(settle.countingAfterMs), unit: 's' },
      ...(settle.firstGreenAfterMs === undefined ? [] : [{ name: 'margin: counting began after the first green response by', value: seconds(settle.countingAfterMs - settle.firstGreenAfterMs), unit: 's' }]),
    ],
    preconditions: [
      // With no response naming a colour there is no split to compare with the weights: the run did not exercise it.
      requires('responses that name a colour, to count the split', s.trials > 0, `${s.trials} of ${s.counts.requests}`),
      // AWS documents no bound on how fast a weight change takes effect: without a green probe answer, a count short of green may be
      // the old weights still in effect, so the probes' bound (the lab's, not AWS's) must not decide a failure.
      requires(
        `the ${CANARY_WEIGHTS.blue}/${CANARY_WEIGHTS.green} weights seen in effect before counting: a probe answered green within ${CANARY_FIRST_GREEN_BOUND_MS / 1000} s of ModifyListener (AWS documents no bound on how fast a weight change takes effect; run again)`,
        settle.firstGreenAfterMs !== undefined,
        settle.firstGreenAfterMs === undefined ? `no green answer in ${settle.probes} probe(s) over ${seconds(settle.countingAfterMs)} s` : `after ${seconds(settle.firstGreenAfterMs)} s`,
      ),
      requires(
        `blue alone answered before the ${CANARY_WEIGHTS.blue}/${CANARY_WEIGHTS.green} change: ${BLUE_FIRST_IN_A_ROW} blue answers in a row within ${BLUE_FIRST_BOUND_MS / 1000} s (otherwise a green answer may be old weights still in effect; run again)`,
        sawAllBlue(c.blueFirst),
        c.blueFirst === undefined ? 'not recorded' : `${c.blueFirst.inARow} in a row after ${c.blueFirst.probes} probe(s) over ${seconds(c.blueFirst.afterMs)} s`,
      ),
      healthy.precondition,
      requires(
        "every counted request answered by the load balancer (a timeout, a reset or another server's page is this machine's network as far as the check can tell: it decides nothing; run again)",
        clientSide === 0,
        clientSide === 0 ? `${s.counts.requests} of ${s.counts.requests}` : `${s.counts.failed} without an HTTP answer, ${s.counts.unrecognised} not the lab's page, of ${s.counts.requests}`,
      ),
    ],
    expectations: [
      // Decisive only once the new weights were seen in effect: otherwise the count may be the old weights, which AWS gives no time bound for.
      // Both decisive only with both colours healthy throughout: a failing target makes errors of its own and skews the count.
      censored.contradicts && sawAllBlue(c.blueFirst) && settle.firstGreenAfterMs !== undefined && healthy.met ? decisive(tolerance) : tolerance,
      // An HTTP error is the load balancer's answer, whatever this machine's network did to other requests.
      healthy.met ? decisive(canaryErrors) : canaryErrors,
    ],
  };
}

/**
 * The lab's checks, in the order a run makes them. I38, I46 and T8 are offline only: target health is
 * the readiness every traffic check waits for (a live "targets are healthy" passes on almost any
 * deployment and shows nothing about gating), the lab has no Elastic Beanstalk swap to watch, and it
 * deploys no Elastic Beanstalk environment whose deployment policies T8 is about (a live "no request
 * failed across a weight switch" is true of any healthy ALB and is already A11.weighted-switch-no-errors).
 * A11.low-dns-ttl-for-rollback is offline only too: its truth is that a weighted switch changes no DNS,
 * which the template shows (no Route 53 record or Elastic Beanstalk environment in the switch path, one
 * load balancer). Live, it could only show that the rollback reached blue through the stack's one name,
 * which A11.rollback-is-the-same-move already judges (and every request goes to that name by
 * construction); its rollback time beside the 60 s alias TTL is now an informational figure there.
 */
export const CHECKS = {
  'I38.health-checks-gate-traffic': {
    offline: (f: Facts): Judgement => {
      const fleets = COLOURS.map((c) => f.fleets[c]);
      return {
        observed:
          `ALB in ${f.loadBalancerSubnets} subnets of ${f.loadBalancerAzs} AZs; ` +
          fleets.map((x) => `${describeFleet(x)}, health check ${x.healthCheckPath ?? 'none'} every ${x.healthCheckIntervalSeconds ?? '?'} s (healthy after ${x.healthyThresholdCount ?? '?'}, unhealthy after ${x.unhealthyThresholdCount ?? '?'})`).join('; '),
        method: 'template: load balancer subnets and their AZs, target group health checks, Auto Scaling HealthCheckType and subnets',
        expectations: [
          expectAtLeast('load balancer Availability Zones', 2, f.loadBalancerAzs, 'AZs'),
          ...fleets.flatMap((x) => [
            expectEqual(`${x.colour} Auto Scaling group health check type`, 'ELB', x.healthCheckType),
            expectThat(`${x.colour} target group has a health check path`, !!x.healthCheckPath, x.healthCheckPath ?? 'none'),
            expectAtLeast(`${x.colour} fleet subnets`, 2, x.subnetRoutes.length, 'subnets'),
            expectAtLeast(`${x.colour} fleet minimum size`, 1, x.minSize, 'instances'),
          ]),
        ],
      };
    },
  },
  'A11.weighted-switch-no-errors': {
    offline: (f: Facts): Judgement => {
      const fleets = COLOURS.map((c) => f.fleets[c]);
      const selfContained = fleets.every((x) => x.userData.includes('python3 -m http.server') && !/\b(dnf|yum|curl|wget|pip)\b/.test(x.userData));
      return {
        observed:
          `listener forward: ${f.forward.targetGroups.map((g) => `${g.targetGroup} weight ${g.weight}`).join(', ') || 'none'}; ` +
          `${fleets.map(describeFleet).join('; ')}; ${selfContained ? 'pages served by python3 http.server from user data, nothing downloaded' : 'a fleet downloads software or serves no page'}`,
        method: 'template: listener DefaultActions ForwardConfig, Auto Scaling groups behind each target group, launch template user data',
        expectations: [
          forwardsByWeight(f),
          ...fleets.flatMap((x) => [
            expectThat(`${x.colour} target group has an Auto Scaling group behind it`, !!x.autoScalingGroup, x.autoScalingGroup ?? 'none'),
            expectAtLeast(`${x.colour} fleet minimum size`, 1, x.minSize, 'instances'),
          ]),
          expectThat('both fleets serve the page with python3 http.server, downloading nothing', selfContained, selfContained ? 'yes' : 'no: a fleet downloads software or serves no page'),
        ],
      };
    },
    live: live(switchAndRollback, (o) => judgeSwitchOf(o, 'toGreen')),
  },
  'A11.rollback-is-the-same-move': {
    offline: (f: Facts): Judgement => {
      const blue = f.fleets.blue;
      const blueWeight = weightOf(f, 'blue');
      return {
        observed: `deployed weights blue ${blueWeight ?? 'none'} / green ${weightOf(f, 'green') ?? 'none'}; ${describeFleet(blue)}: ${blue.minSize >= 1 ? 'blue stays in service to roll back to' : 'nothing to roll back to'}`,
        method: 'template: listener weights and the blue Auto Scaling group size',
        expectations: [
          forwardsByWeight(f),
          expectThat('blue weight as deployed', (blueWeight ?? 0) > 0, String(blueWeight ?? 'none'), 'above 0'),
          expectEqual('green weight as deployed', 0, weightOf(f, 'green')),
          expectAtLeast('blue fleet minimum size (what a rollback goes back to)', 1, blue.minSize, 'instances'),
        ],
      };
    },
    live: live(switchAndRollback, (o) => judgeSwitchOf(o, 'toBlue')),
  },
  'A11.canary-split-follows-weights': {
    offline: (f: Facts): Judgement => {
      const weights = f.forward.targetGroups.map((g) => g.weight);
      return {
        observed:
          `forward action with ${f.forward.targetGroups.length} target groups (at most 5), weights ${weights.join(' / ')} (0–${MAX_WEIGHT}); ` +
          (f.forward.stickiness ? 'target group stickiness is ON: clients holding AWSALBTG would not follow the weights' : 'no target group stickiness: every request follows the weights'),
        method: 'template: listener ForwardConfig TargetGroups and TargetGroupStickinessConfig',
        expectations: [
          forwardsByWeight(f),
          expectThat(`every weight an integer from 0 to ${MAX_WEIGHT}`, weights.every((w) => Number.isInteger(w) && w >= 0 && w <= MAX_WEIGHT), weights.join(' / ') || 'none'),
          expectAtMost('target groups in the forward action', 5, f.forward.targetGroups.length),
          expectEqual('target group stickiness', 'off', f.forward.stickiness ? 'on' : 'off'),
        ],
      };
    },
    live: live(canary, judgeCanary),
  },
  'A11.low-dns-ttl-for-rollback': {
    offline: (f: Facts): Judgement => {
      const d = dnsFreeSwitch(f);
      return { observed: d.observed, method: 'template: load balancers, listener ForwardConfig, Route 53 and Elastic Beanstalk resources', expectations: d.expectations };
    },
  },
  'I46.cname-swap-waits-for-dns': {
    offline: (f: Facts): Judgement => {
      const d = dnsFreeSwitch(f);
      return {
        observed:
          `${d.observed}. What the template shows is that the lab builds the DNS-free alternative; Elastic Beanstalk is not exercised: it deploys no Elastic Beanstalk environment, so there is no CNAME swap to watch ` +
          '(and a resolver returning a TTL above 0 is true of almost any answer). The claim\'s truth rests on the Elastic Beanstalk guide (Blue/Green deployments with Elastic Beanstalk), not on this template',
        method: 'template: load balancers, listener ForwardConfig, Route 53 and Elastic Beanstalk resources (the DNS-free alternative; no Elastic Beanstalk environment to observe)',
        expectations: d.expectations,
        notExercised: I46_NOT_EXERCISED,
      };
    },
  },
  'T8.policies-trade-capacity-for-downtime': {
    offline: (f: Facts): Judgement => {
      const n = f.fleets.blue.minSize;
      const fixed = COLOURS.every((c) => f.fleets[c].minSize >= 1 && f.fleets[c].minSize === f.fleets[c].maxSize);
      const passed = forwardsToBothColours(f) && fixed;
      // An illustrative environment: with one instance every rolling policy is an outage, which hides the differences.
      const model = describeCapacities(EXAMPLE_INSTANCES).join('; ');
      return {
        observed: passed
          ? `what the template shows: this lab is blue/green by weights, not an Elastic Beanstalk environment, so no deployment policy is exercised; ${n} instance(s) per colour, so ${n} keep serving during a switch while ${2 * n} run (double capacity is the price of zero downtime). For an environment of ${EXAMPLE_INSTANCES} instances in batches of 1, Elastic Beanstalk's methods give: ${model}`
          : `a fleet is missing or has no instance (${COLOURS.map((c) => describeFleet(f.fleets[c])).join('; ')}): switching to it would leave nothing serving, like all at once`,
        method:
          'template: both Auto Scaling groups (MinSize = MaxSize) behind the weighted forward; capacities from lib/deployment/elastic-beanstalk-deployment-policies.ts (a model of the documented policies, not an observation). ' +
          'Offline only: the lab deploys no Elastic Beanstalk environment, so no live run can show how its policies behave; A11.weighted-switch-no-errors shows the blue/green switch live',
        notExercised: T8_NOT_EXERCISED,
        expectations: [
          forwardsByWeight(f),
          ...COLOURS.flatMap((c) => [
            expectAtLeast(`${c} fleet size`, 1, f.fleets[c].minSize, 'instances'),
            expectEqual(`${c} MaxSize (fixed at MinSize)`, f.fleets[c].minSize, f.fleets[c].maxSize),
          ]),
        ],
      };
    },
  },
} satisfies Record<string, ClaimCheck<Facts>>;
