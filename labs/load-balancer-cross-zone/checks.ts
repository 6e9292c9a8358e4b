/**
 * The checks of I10 (what cross-zone load balancing changes), B18 (how ELB routes, health checks and
 * fail-open) and T7 (the load balancer types), keyed by catalog claim id: the template evidence that
 * the lab is built to show each claim, and the judgement of what AWS did. The claims' text lives in
 * the catalog.
 */
import {
  decisive,
  expectEqual,
  type Expectation,
  expectThat,
  type Figure,
  type Judgement,
  type Precondition,
  requires,
} from '../../lib/lab-kit/checks/judgement';
import { type ClaimCheck, live } from '../../lib/lab-kit/checks/lab-definition';
import type { LabFacts } from './facts';
import { effectiveCrossZone } from './nodes';
import { crossZone, type CrossZoneObservation, FAIL_OPEN_REQUESTS, FAILING_HEALTH_CHECK_PATH, healthDrain, type HealthDrainObservation } from './observe';
import { answered, type NodeCounts } from './probe';
import { HEALTH_TAG_FAILING, HEALTH_TAG_KEY } from '../../lib/load-balancing/instance-id-page';
import { ALPHA, binomialPower, binomialTwoSidedP, chiSquareUniform, MIN_POWER, roundP } from './stats';

// ---------------------------------------------------------------------------------------------
// Offline: the template is built to show each claim
// ---------------------------------------------------------------------------------------------

function uneven(f: LabFacts): Expectation {
  const counts = f.targetsPerZone.map((z) => z.count);
  return expectThat(
    'targets per Availability Zone',
    counts.length === 2 && counts[0] === 1 && counts[1] === 3,
    `${counts.join(' and ') || 'none'} (zones ${f.targetsPerZone.map((z) => z.zone).join(', ')})`,
    '1 in one zone and 3 in the other',
  );
}

function isInternetFacingNlb(f: LabFacts): Expectation {
  return expectThat(
    'the load balancer',
    f.loadBalancer.type === 'network' && f.loadBalancer.scheme === 'internet-facing' && f.loadBalancer.subnets === 2,
    `${f.loadBalancer.type ?? 'application (no Type)'} · ${f.loadBalancer.scheme ?? 'internet-facing (no Scheme)'} · ${f.loadBalancer.subnets} subnet(s)`,
    'network · internet-facing · 2 subnets (a node per zone)',
  );
}

function crossZoneLeftToDefault(f: LabFacts): Expectation[] {
  return [
    expectEqual(`the load balancer's ${'load_balancing.cross_zone.enabled'} in the template (absent: the NLB default, off)`, 'absent', f.loadBalancer.crossZone ?? 'absent'),
    expectThat(
      "the target group's cross-zone attribute",
      f.targetGroup.crossZone === undefined || f.targetGroup.crossZone === 'use_load_balancer_configuration',
      f.targetGroup.crossZone ?? 'absent (use_load_balancer_configuration)',
      'absent or use_load_balancer_configuration (the check turns it on and back)',
    ),
  ];
}

function healthChecked(f: LabFacts): Expectation {
  const h = f.targetGroup.healthCheck;
  return expectThat(
    'the target group health check',
    h.protocol === 'HTTP' && h.path === '/health.txt' && h.matcher === '200' && h.intervalSeconds !== undefined && h.unhealthyThreshold !== undefined && h.healthyThreshold !== undefined,
    `${h.protocol ?? 'TCP (default)'} ${h.path ?? '-'} → ${h.matcher ?? '-'}, every ${h.intervalSeconds ?? '?'} s, healthy after ${h.healthyThreshold ?? '?'}, unhealthy after ${h.unhealthyThreshold ?? '?'}`,
    'HTTP /health.txt → 200 with the interval and both thresholds set (the path a check can change to fail it)',
  );
}

const TEMPLATE_METHOD = 'read from the synthesized template: the LoadBalancerArn and TargetGroupArn outputs, their resources, the targets and their subnets';

// ---------------------------------------------------------------------------------------------
// Live: shared pieces
// ---------------------------------------------------------------------------------------------

/** The counts of one phase, summed over the nodes, per target of the fleet (small zone first). */
function perTarget(o: CrossZoneObservation, counts: readonly NodeCounts[]): Array<{ id: string; zone: string; count: number }> {
  const ids = [...o.fleet.small.map((id) => ({ id, zone: o.fleet.smallZone })), ...o.fleet.large.map((id) => ({ id, zone: o.fleet.largeZone }))];
  return ids.map((t) => ({ ...t, count: counts.reduce((s, c) => s + (c.byInstance[t.id] ?? 0), 0) }));
}

/** Answers a node got from the targets of a zone. */
function fromZone(c: NodeCounts | undefined, ids: readonly string[]): number {
  return c ? ids.reduce((s, id) => s + (c.byInstance[id] ?? 0), 0) : 0;
}

/** Answers naming an instance that is not a registered target of the fleet. */
function strangers(o: CrossZoneObservation, counts: readonly NodeCounts[]): number {
  const known = new Set([...o.fleet.small, ...o.fleet.large]);
  return counts.reduce((s, c) => s + Object.entries(c.byInstance).filter(([id]) => !known.has(id)).reduce((a, [, n]) => a + n, 0), 0);
}

function totalAnswered(counts: readonly NodeCounts[]): number {
  return counts.reduce((s, c) => s + answered(c), 0);
}

function unanswered(counts: readonly NodeCounts[]): number {
  return counts.reduce((s, c) => s + c.sent - answered(c), 0);
}

function describeCounts(o: CrossZoneObservation, counts: readonly NodeCounts[]): string {
  return counts
    .map((c) => `${c.zone} node (${c.address}): ${perTargetOfNode(o, c)}${c.sent - answered(c) > 0 ? `, ${c.sent - answered(c)} unanswered` : ''}`)
    .join('; ');
}

function perTargetOfNode(o: CrossZoneObservation, c: NodeCounts): string {
  return [...o.fleet.small, ...o.fleet.large].map((id) => `${id} ${c.byInstance[id] ?? 0}`).join(', ');
}

function readinessPreconditions(o: CrossZoneObservation | HealthDrainObservation): Precondition[] {
  return [
    requires(
      'every target healthy before measuring',
      o.readiness.healthy,
      o.readiness.healthy ? `yes, after ${o.readiness.waitedSeconds} s` : `no, after ${o.readiness.waitedSeconds} s: ${o.readiness.states.map((t) => `${t.id} ${t.state}${t.reason ? ` (${t.reason})` : ''}`).join(', ')}`,
    ),
  ];
}

/**
 * The exact binomial tests of the smaller zone's target share: the hypotheses 1/2 (each zone an equal
 * share, cross-zone off) and 1/4 (each target an equal share: cross-zone on, or the seed's "in
 * proportion to the size of each AZ"), each two-sided at {@link ALPHA}, and the power that separates them.
 */
export function shareTests(k: number, n: number, alpha = ALPHA): { share: number; pHalf: number; pQuarter: number; power: number } {
  const power = Math.min(binomialPower(n, 0.25, 0.5, alpha), binomialPower(n, 0.5, 0.25, alpha));
  return { share: n === 0 ? 0 : k / n, pHalf: binomialTwoSidedP(k, n, 0.5), pQuarter: binomialTwoSidedP(k, n, 0.25), power };
}

function powerPrecondition(n: number, power: number, alpha: number): Precondition {
  return requires(
    `enough answers to tell a share of 1/2 from 1/4 (power ≥ ${MIN_POWER} at α = ${roundP(alpha)}, exact binomial)`,
    power >= MIN_POWER,
    `${n} answers, power ${roundP(power)}`,
  );
}

const PROBE_METHOD =
  "DescribeTargetHealth until all 4 targets are healthy (at most 10 minutes); the load balancer's nodes from DescribeNetworkInterfaces " +
  '(description "ELB net/<name>/<id>", each interface\'s AvailabilityZone and Association.PublicIp); N HTTP requests to each node\'s address, ' +
  'each on a new TCP connection (a new source port, so the NLB hashes a new flow), 8 at a time, 5 s timeout; each answer names the instance that served it; ';

// ---------------------------------------------------------------------------------------------
// I10: cross-zone off
// ---------------------------------------------------------------------------------------------

/** The exact one-sided upper confidence bound (1 − ALPHA) on a rate seen 0 times in n: 1 − ALPHA^(1/n). */
export function zeroOfNUpperBound(n: number): number {
  return n <= 0 ? 1 : 1 - Math.pow(ALPHA, 1 / n);
}

/** The seconds per node a wait took, as text. */
function perNodeSeconds(x: Readonly<Record<string, number | null>> | undefined): string {
  return x ? Object.entries(x).map(([zone, s]) => `${zone} ${s === null ? 'not within the bound' : `${s} s`}`).join(', ') : 'did not run';
}

function settledEverywhere(x: Readonly<Record<string, number | null>> | undefined): boolean {
  return !!x && Object.keys(x).length > 0 && Object.values(x).every((s) => s !== null);
}

/** Throws when a phase the judgement needs failed on the user's side: an error of the check, never a verdict. */
function phaseRan(counts: readonly NodeCounts[] | undefined, error: string | undefined): void {
  if (error && !counts) throw new Error(error);
}

function leftoverNote(o: CrossZoneObservation | HealthDrainObservation): string {
  return o.leftovers.reset.length > 0 ? ` A previous run was interrupted and left the target group changed; this run reset it first: ${o.leftovers.reset.join('; ')}.` : '';
}

export function judgeCrossZoneOff(o: CrossZoneObservation): Judgement {
  phaseRan(o.off, o.offError);
  const off = o.off ?? [];
  const [smallNode, largeNode] = off;
  const effective = effectiveCrossZone(o.settingBefore);
  const leaked = fromZone(smallNode, o.fleet.large);
  const reached = fromZone(largeNode, o.fleet.small);
  const nSmall = smallNode ? answered(smallNode) : 0;
  const nLarge = largeNode ? answered(largeNode) : 0;
  const settled = settledEverywhere(o.offSettledAfterSeconds);
  // A cross-zone change this run reset may not apply on every node yet: the run must see it settle. With
  // no change known, a leak that lasts through the whole wait is AWS's behaviour and is judged.
  const resetCrossZone = o.leftovers.reset.some((r) => r.startsWith('load_balancing.cross_zone.enabled'));
  const bothAddresses = !!smallNode && !!largeNode && o.dns.addresses.includes(smallNode.address) && o.dns.addresses.includes(largeNode.address);
  // Decisive only when the run was set up as the claim needs: cross-zone off, every target healthy, and
  // each node already answering from its own zone only (a change just undone may not apply everywhere yet).
  const strict = (e: Expectation) => (effective === false && o.readiness.healthy && settled ? decisive(e) : e);
  const pct = (x: number) => Math.round(x * 10000) / 100;
  const figures: Figure[] = [
    { name: "smaller zone's node: answers from the other zone", value: leaked, unit: 'answers' },
    { name: "smaller zone's node: answers", value: nSmall, unit: 'answers' },
    { name: `smaller zone's node: ${100 * (1 - ALPHA)} % upper bound on the cross-zone rate`, value: pct(zeroOfNUpperBound(nSmall)), unit: '%' },
    { name: "larger zone's node: answers from the other zone", value: reached, unit: 'answers' },
    { name: "larger zone's node: answers", value: nLarge, unit: 'answers' },
    { name: `larger zone's node: ${100 * (1 - ALPHA)} % upper bound on the cross-zone rate`, value: pct(zeroOfNUpperBound(nLarge)), unit: '%' },
    { name: 'unanswered', value: unanswered(off), unit: 'requests' },
  ];
  return {
    observed:
      `With cross-zone load balancing off (load balancer ${o.settingBefore.loadBalancer ?? '?'}, target group ${o.settingBefore.targetGroup ?? '?'}), ` +
      `the smaller zone's node got ${leaked} of ${nSmall} answers from the other zone and the larger zone's node ${reached} of ${nLarge}: ${describeCounts(o, off)}. ` +
      `Each node answered from its own zone only after: ${perNodeSeconds(o.offSettledAfterSeconds)}. ` +
      `DNS gave ${o.dns.addresses.join(', ') || `nothing (${o.dns.error ?? 'no address'})`}${bothAddresses ? ', an address per node' : ', not both node addresses'}; ` +
      `so a client population spread evenly over those addresses would give the lone target half the traffic (derived: equal DNS spread × zone isolation, not measured).` +
      unansweredNote(off) +
      leftoverNote(o),
    method:
      PROBE_METHOD +
      `with the target group cross-zone attribute as deployed, after rounds of 30 requests per node until one round through each node is answered from its own zone only (at most 120 s, the lab's bound); ` +
      `the same number of requests to each node's address, so the share per zone is set by the design, not measured: what is judged is the zone of the target behind each node, ` +
      `with the exact one-sided ${100 * (1 - ALPHA)} % upper bound (1 − ${ALPHA}^(1/n)) on the rate of answers from the other zone stated`,
    figures,
    preconditions: [
      ...readinessPreconditions(o),
      requires('cross-zone load balancing off for the target group', effective === false, `load balancer ${o.settingBefore.loadBalancer ?? 'not returned'}, target group ${o.settingBefore.targetGroup ?? 'not returned'}`),
      ...(resetCrossZone
        ? [requires("each node answered from its own zone only before measuring (the cross-zone reset had settled, within the lab's 120 s)", settled, perNodeSeconds(o.offSettledAfterSeconds))]
        : []),
      requires('requests answered through both nodes', nSmall > 0 && nLarge > 0, off.map((c) => `${c.zone} ${answered(c)} of ${c.sent}`).join(', ') || 'no phase ran'),
    ],
    expectations: [
      strict(expectEqual("answers through the smaller zone's node from the other zone's targets", 0, leaked)),
      strict(expectEqual("answers through the larger zone's node from the smaller zone's target", 0, reached)),
    ],
    notExercised:
      "how DNS spreads real clients over the nodes (the check sends the same number to each node's address; the DNS answer is reported, so the half share is derived, not measured); " +
      'Availability Zone DNS affinity; unhealthy targets in one zone (DNS failover)',
  };
}

/**
 * Why some requests may go unanswered: with client IP preservation on, a client (or a NAT in front
 * of it) reusing a source port towards both nodes can reach the same target with the same socket
 * ("Intermittent connection failure when client IP preservation is enabled": "Troubleshoot your
 * Network Load Balancer", https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-troubleshooting.html).
 */
function unansweredNote(counts: readonly NodeCounts[]): string {
  const errors: Record<string, number> = {};
  for (const c of counts) for (const [e, k] of Object.entries(c.errors)) errors[e] = (errors[e] ?? 0) + k;
  const total = unanswered(counts);
  if (total === 0) return '';
  return (
    ` ${total} request(s) unanswered (${Object.entries(errors).map(([e, k]) => `${k} × ${e}`).join(', ') || 'answers naming no instance'}): ` +
    'with client IP preservation on, a client or NAT reusing a source port towards both nodes can reach one target with the same socket and be reset ' +
    '("Intermittent connection failure when client IP preservation is enabled", Troubleshoot your Network Load Balancer).'
  );
}

// ---------------------------------------------------------------------------------------------
// I10: cross-zone on
// ---------------------------------------------------------------------------------------------

/**
 * The on phase judges three tests (chi-square, the 1/4 share kept, the 1/2 share rejected); each is
 * run at ALPHA / 3 (Bonferroni), so a truthful world fails the first two together at most ALPHA of
 * the time.
 */
export const ALPHA_ON = ALPHA / 3;

export function judgeCrossZoneOn(o: CrossZoneObservation): Judgement {
  phaseRan(o.off, o.offError);
  phaseRan(o.on, o.onError);
  const on = o.on ?? [];
  const [smallNode, largeNode] = on;
  const n = totalAnswered(on);
  const targets = perTarget(o, on);
  const k = targets.filter((x) => x.zone === o.fleet.smallZone).reduce((s, x) => s + x.count, 0);
  const t = shareTests(k, n, ALPHA_ON);
  const chi = chiSquareUniform(targets.map((x) => x.count));
  const restoredOk = o.restored?.ok === true;
  return {
    observed:
      `With the target group's cross-zone attribute set to true (seen through each node after: ${perNodeSeconds(o.changeSeenAfterSeconds)}), ` +
      `per target: ${targets.map((x) => `${x.id} (${x.zone}) ${x.count}`).join(', ')} of ${n}; ${describeCounts(o, on)}. ` +
      `Attribute restored to ${o.restored?.value ?? '?'}: ${restoredOk ? 'yes' : `no (${o.restored?.error ?? 'not attempted'})`}.` + unansweredNote(on) + leftoverNote(o),
    method:
      PROBE_METHOD +
      `after ModifyTargetGroupAttributes load_balancing.cross_zone.enabled=true and rounds of 30 requests per node until each node has been answered by a target of the other zone (at most 120 s, the lab's bound), ` +
      `restored in finally and on SIGINT/SIGTERM/SIGHUP; Pearson's chi-square goodness-of-fit to equal shares over the 4 targets (df 3) and ` +
      `exact two-sided binomial tests of the smaller zone's target's share against 1/4 and 1/2, each at α = ${ALPHA} / 3 = ${roundP(ALPHA_ON)} (Bonferroni over the 3 tests), with the power of 1/2 against 1/4 stated (inconclusive below ${MIN_POWER})`,
    figures: [
      ...targets.map((x) => ({ name: `${x.id} (${x.zone})`, value: x.count, unit: 'answers' })),
      { name: 'chi-square (df 3)', value: Math.round(chi.statistic * 100) / 100, unit: '' },
      { name: 'chi-square p-value', value: roundP(chi.p), unit: '' },
      { name: 'p-value against 1/2', value: roundP(t.pHalf), unit: '' },
      { name: 'p-value against 1/4', value: roundP(t.pQuarter), unit: '' },
      { name: 'power (1/2 vs 1/4)', value: roundP(t.power), unit: '' },
      ...Object.entries(o.changeSeenAfterSeconds ?? {}).map(([zone, x]) => ({ name: `change seen through the ${zone} node after`, value: x ?? NaN, unit: 's' })),
    ],
    preconditions: [
      ...readinessPreconditions(o),
      requires('the target group attribute read back as true', effectiveCrossZone(o.settingOn ?? {}) === true, `target group ${o.settingOn?.targetGroup ?? 'not read'}`),
      requires(
        "the change applied on both nodes within the lab's 120 s (each answered by a target of the other zone)",
        settledEverywhere(o.changeSeenAfterSeconds),
        perNodeSeconds(o.changeSeenAfterSeconds),
      ),
      requires('requests answered through both nodes', !!smallNode && !!largeNode && answered(smallNode) > 0 && answered(largeNode) > 0, on.map((c) => `${c.zone} ${answered(c)} of ${c.sent}`).join(', ') || 'no phase ran'),
      powerPrecondition(n, t.power, ALPHA_ON),
    ],
    expectations: [
      expectThat(`equal shares over the 4 targets (chi-square, df 3, α = ${ALPHA_ON})`, chi.p > ALPHA_ON, `χ² = ${chi.statistic.toFixed(2)}, p = ${roundP(chi.p)}`, `p > ${ALPHA_ON}`),
      expectThat(`the smaller zone's target share is consistent with 1/4 (exact binomial, α = ${ALPHA_ON})`, t.pQuarter > ALPHA_ON, `${k}/${n}, p = ${roundP(t.pQuarter)}`, `p > ${ALPHA_ON}`),
      expectThat(`a share of 1/2 (cross-zone off) is rejected (exact binomial, α = ${ALPHA_ON})`, t.pHalf <= ALPHA_ON, `p = ${roundP(t.pHalf)}`, `p ≤ ${ALPHA_ON}`),
      expectThat("the smaller zone's node answered by the other zone's targets", fromZone(smallNode, o.fleet.large) > 0, `${fromZone(smallNode, o.fleet.large)} answers`, 'at least 1'),
      expectThat("the larger zone's node answered by the smaller zone's target", fromZone(largeNode, o.fleet.small) > 0, `${fromZone(largeNode, o.fleet.small)} answers`, 'at least 1'),
    ],
    notExercised: 'targets of unequal capacity or weights; the cross-zone attribute set on the load balancer itself (the run sets it on the target group)',
  };
}

// ---------------------------------------------------------------------------------------------
// I10: cross-zone is off by default on an NLB; charges by type
// ---------------------------------------------------------------------------------------------

export function judgeCrossZoneDefault(o: CrossZoneObservation): Judgement {
  return {
    observed: `DescribeLoadBalancerAttributes: load_balancing.cross_zone.enabled ${o.settingBefore.loadBalancer ?? 'not returned'}; DescribeTargetGroupAttributes: ${o.leftovers.crossZoneFound ?? 'not returned'}.${leftoverNote(o)}`,
    method: 'DescribeLoadBalancerAttributes and DescribeTargetGroupAttributes before any change, on a load balancer whose template does not set the attribute (so the value is the NLB default)',
    preconditions: [
      requires('the load balancer attribute was returned', o.settingBefore.loadBalancer !== undefined, o.settingBefore.loadBalancer ?? 'absent'),
      requires(
        'the target group as created (no setting left changed by an interrupted run, which this run reset)',
        o.leftovers.reset.length === 0,
        o.leftovers.reset.length === 0 ? 'yes' : `no: ${o.leftovers.reset.join('; ')}`,
      ),
    ],
    expectations: [
      expectEqual("the NLB's cross-zone attribute as created (its default)", 'false', o.settingBefore.loadBalancer),
      expectEqual("the target group's setting as created", 'use_load_balancer_configuration', o.leftovers.crossZoneFound),
    ],
    notExercised: 'the data transfer charges themselves (a billing fact: see the sources) and the ALB side (always cross-zone at the load balancer level)',
  };
}

// ---------------------------------------------------------------------------------------------
// B18: routes to registered targets
// ---------------------------------------------------------------------------------------------

export function judgeRoutesToTargets(o: CrossZoneObservation): Judgement {
  if (!o.on && !o.off) phaseRan(undefined, o.onError ?? o.offError);
  const phase = o.on ?? o.off ?? [];
  const targets = perTarget(o, phase);
  const silent = targets.filter((x) => x.count === 0);
  const foreign = strangers(o, phase);
  return {
    observed: `${totalAnswered(phase)} answers through the listener; per registered target: ${targets.map((x) => `${x.id} (${x.zone}) ${x.count}`).join(', ')}${foreign ? `; ${foreign} from an instance not registered` : ''}.`,
    method: PROBE_METHOD + (o.on ? 'the cross-zone-on phase (every node may reach every target)' : 'the cross-zone-off phase'),
    figures: targets.map((x) => ({ name: `${x.id} (${x.zone})`, value: x.count, unit: 'answers' })),
    preconditions: [...readinessPreconditions(o), requires('requests answered', totalAnswered(phase) > 0, `${totalAnswered(phase)}`)],
    expectations: [
      decisive(expectEqual('answers from instances that are not registered targets', 0, foreign)),
      expectThat('every registered target, in both zones, answered', silent.length === 0, silent.length === 0 ? 'all 4' : `not: ${silent.map((x) => x.id).join(', ')}`, 'all 4'),
    ],
    notExercised: 'IP, Lambda and ALB target types (instance targets only)',
  };
}

// ---------------------------------------------------------------------------------------------
// B18: drain and fail-open
// ---------------------------------------------------------------------------------------------

function perTargetOf(c: NodeCounts, ids: readonly string[]): string {
  return ids.map((id) => `${id} ${c.byInstance[id] ?? 0}`).join(', ');
}

export function judgeFailOpen(o: HealthDrainObservation): Judgement {
  const s = o.settings;
  const documented = (s.unhealthyThreshold ?? NaN) * (s.intervalSeconds ?? NaN);
  const drains = Object.values(o.unhealthyAfterSeconds ?? {}).filter((x): x is number => typeof x === 'number');
  const drain = drains.length ? Math.max(...drains) : NaN;
  const open = [...(o.failOpen ?? []), ...(o.failOpenLater ?? [])];
  const ids = [...o.fleet.small, ...o.fleet.large];
  const one = o.oneUnhealthy;
  const withheldAgain = one ? open.reduce((a, c) => a + (c.byInstance[one.target] ?? 0), 0) : 0;
  const later = totalAnswered(o.failOpenLater ?? []);
  const per = ids.map((id) => ({ id, count: open.reduce((a, c) => a + (c.byInstance[id] ?? 0), 0) }));
  const silent = per.filter((x) => x.count === 0);
  const sent = open.reduce((a, c) => a + c.sent, 0);
  const got = totalAnswered(open);
  const healthyAgain = o.restored?.healthyAgainAfterSeconds;
  return {
    observed:
      (one
        ? `With ${one.target} alone failing its health check (its tag ${HEALTH_TAG_KEY}=${HEALTH_TAG_FAILING}), it was read unhealthy after ${one.unhealthyAfterSeconds ?? 'more than the bound'} s and ` +
          (one.withheldAfterSeconds === null ? 'the larger zone\'s node kept sending to it through the bound. ' : `a round of ${one.withheldRound?.sent ?? '?'} through the larger zone's node got no answer from it ${one.withheldAfterSeconds} s later (${one.withheldRound ? perTargetOf(one.withheldRound, ids) : ''}). `)
        : '') +
      `After the health-check path changed to ${FAILING_HEALTH_CHECK_PATH}, targets were read unhealthy after ${Object.entries(o.unhealthyAfterSeconds ?? {})
        .map(([id, x]) => `${id} ${x ?? 'never'} s`)
        .join(', ') || 'nothing (the change did not run)'} ` +
      `(documented: UnhealthyThresholdCount ${s.unhealthyThreshold} × HealthCheckIntervalSeconds ${s.intervalSeconds} = ${documented} s of failed checks; the first failed check can come up to one interval after the change and reads come every 2 s, so the measured drain runs up to about ${documented + (s.intervalSeconds ?? 0) + 2} s). ` +
      `With every target unhealthy, ${got} of ${sent} requests were answered (${later} of them ${2 * (s.intervalSeconds ?? 0)} s later): ${per.map((x) => `${x.id} ${x.count}`).join(', ')}${one ? `, the target withheld before answering ${withheldAgain}` : ''}. ` +
      `Path restored to ${o.restored?.path ?? '?'}: ${o.restored?.ok ? `yes, every target healthy again after ${healthyAgain ?? 'more than the bound'} s (documented: HealthyThresholdCount ${s.healthyThreshold} × ${s.intervalSeconds} s = ${(s.healthyThreshold ?? NaN) * (s.intervalSeconds ?? NaN)} s)` : `no (${o.restored?.error ?? 'not attempted'})`}.`,
    method:
      `DescribeTargetGroups for the health-check settings; DescribeTargetHealth until all 4 targets are healthy; ${10} requests per node to show the path works; ` +
      `CreateTags ${HEALTH_TAG_KEY}=${HEALTH_TAG_FAILING} on one target of the larger zone (its server then answers its health check 503), DescribeTargetHealth until it is unhealthy, ` +
      `rounds of 30 requests through the larger zone's node until one gets no answer from it (the data plane acting on health; at most the drain bound); ` +
      `ModifyTargetGroup HealthCheckPath=${FAILING_HEALTH_CHECK_PATH} (the targets' server answers 404), DescribeTargetHealth every 2 s until every target is unhealthy ` +
      `(at most 4 × UnhealthyThresholdCount × interval + 60 s, the lab's bound on the wait, never a pass/fail limit); then ${FAIL_OPEN_REQUESTS} requests per node on new connections, and again two intervals later; ` +
      'the tag removed and the path restored in finally (and on SIGINT/SIGTERM/SIGHUP), DescribeTargetHealth until every target is healthy again. Drain times are reported against the documented threshold × interval, not judged',
    figures: [
      { name: 'slowest target unhealthy after', value: drain, unit: 's' },
      { name: 'documented: unhealthy threshold × interval', value: documented, unit: 's' },
      { name: 'healthy again after', value: typeof healthyAgain === 'number' ? healthyAgain : NaN, unit: 's' },
      { name: 'documented: healthy threshold × interval', value: (s.healthyThreshold ?? NaN) * (s.intervalSeconds ?? NaN), unit: 's' },
      { name: 'answered while all unhealthy', value: got, unit: 'requests' },
      { name: 'sent while all unhealthy', value: sent, unit: 'requests' },
    ],
    preconditions: [
      ...readinessPreconditions(o),
      requires(
        'the data plane withheld traffic from one unhealthy target while the others were healthy (so answers while all are unhealthy are not a lag)',
        one?.withheldAfterSeconds !== undefined && one?.withheldAfterSeconds !== null,
        !one ? 'the step did not run' : one.unhealthyAfterSeconds === null ? `${one.target} never read unhealthy` : one.withheldAfterSeconds === null ? `${one.target} still answered through the bound` : `yes, ${one.withheldAfterSeconds} s after it was read unhealthy`,
      ),
      requires(
        `every target unhealthy within the lab's ${o.drainBoundSeconds ?? '?'} s`,
        o.allUnhealthy === true,
        o.allUnhealthy === undefined ? 'the change did not run' : o.allUnhealthy ? 'yes' : `no: ${(o.statesWhileUnhealthy ?? []).map((t) => `${t.id} ${t.state}`).join(', ')}`,
      ),
    ],
    expectations: [
      expectThat('requests answered while every target was unhealthy (fail-open)', got > 0, `${got} of ${sent}`, 'at least 1'),
      expectThat('every target answered while unhealthy (traffic to all targets)', silent.length === 0, silent.length === 0 ? 'all 4' : `not: ${silent.map((x) => x.id).join(', ')}`, 'all 4'),
      expectThat('the target withheld while others were healthy answered again once every target was unhealthy', withheldAgain > 0, `${withheldAgain} answers`, 'at least 1'),
      expectThat(`requests answered two health-check intervals after every target was unhealthy (fail-open lasts)`, later > 0, `${later} of ${(o.failOpenLater ?? []).reduce((a, c) => a + c.sent, 0)}`, 'at least 1'),
    ],
    notExercised:
      'how long the nodes take to act on a health change (only bounded); the TCP reset of connections already open to a target that turns unhealthy (every request here is a new connection); ' +
      "an ALB's fail-open; the target group health settings for DNS and routing failover",
  };
}

// ---------------------------------------------------------------------------------------------
// T7: the load balancer types
// ---------------------------------------------------------------------------------------------

export function judgeFourTypes(f: LabFacts): Judgement {
  const v2 = [...f.apiModel.v2Types].sort();
  return {
    observed: `The ELB (v2) API's load balancer types: ${v2.join(', ')}; the Classic Load Balancer: CloudFormation type ${f.apiModel.classicResourceType}, an API of its own; this lab's load balancer: ${f.loadBalancer.type ?? 'application'}.`,
    method:
      "LoadBalancerTypeEnum of @aws-sdk/client-elastic-load-balancing-v2 (generated from the API model: CreateLoadBalancer's Type), and aws-cdk-lib's generated " +
      'L1 for AWS::ElasticLoadBalancing::LoadBalancer (the Classic Load Balancer, API version 2012-06-01); the template\'s load balancer Type',
    expectations: [
      expectEqual('load balancer types of the ELB (v2) API', ['application', 'gateway', 'network'], v2),
      expectEqual('the Classic Load Balancer resource type', 'AWS::ElasticLoadBalancing::LoadBalancer', f.apiModel.classicResourceType),
      expectThat("the lab's load balancer is one of them", v2.includes(f.loadBalancer.type ?? 'application'), f.loadBalancer.type ?? 'application', 'network'),
    ],
  };
}

// ---------------------------------------------------------------------------------------------

const offlineJudgement = (observed: string, expectations: Expectation[]): Judgement => ({ observed, method: TEMPLATE_METHOD, expectations });

/** One entry per catalog claim the lab settles; live checks run in this order (the cross-zone experiment first). */
export const CHECKS: Record<string, ClaimCheck<LabFacts>> = {
  'I10.nodes-route-only-to-own-az-targets': {
    offline: (f) => offlineJudgement('An internet-facing NLB with a node per zone, 1 target in one zone and 3 in the other, cross-zone left at the default.', [isInternetFacingNlb(f), uneven(f), ...crossZoneLeftToDefault(f)]),
    live: live(crossZone, judgeCrossZoneOff),
  },
  'I10.cross-zone-spreads-across-all-az-targets': {
    offline: (f) => offlineJudgement('The same fleet: the target group defers to the load balancer, so one attribute turns cross-zone on.', [isInternetFacingNlb(f), uneven(f), ...crossZoneLeftToDefault(f)]),
    live: live(crossZone, judgeCrossZoneOn),
  },
  'I10.cross-zone-charges-depend-on-lb-type': {
    offline: (f) => offlineJudgement('The NLB is created without a cross-zone attribute, so the live check reads its default.', [isInternetFacingNlb(f), ...crossZoneLeftToDefault(f)]),
    live: live(crossZone, judgeCrossZoneDefault),
  },
  'B18.elb-routes-to-target-groups': {
    offline: (f) =>
      offlineJudgement('A TCP listener forwards to one target group of 4 instance targets in two zones.', [
        expectThat('the listener forwards to the target group', f.listener?.targetGroup === f.targetGroup.logicalId && f.listener?.protocol === 'TCP', `${f.listener?.protocol ?? 'no listener'} → ${f.listener?.targetGroup ?? 'none'}`, `TCP → ${f.targetGroup.logicalId}`),
        expectEqual('registered targets', 4, f.targetGroup.targets.length),
        uneven(f),
      ]),
    live: live(crossZone, judgeRoutesToTargets),
  },
  'B18.elb-fails-open-when-all-unhealthy': {
    offline: (f) => offlineJudgement('An HTTP health check on a static path, with thresholds the drain time is measured against.', [healthChecked(f), expectEqual('registered targets', 4, f.targetGroup.targets.length)]),
    live: live(healthDrain, judgeFailOpen),
  },
  'T7.elb-has-four-load-balancer-types': { offline: judgeFourTypes },
};
