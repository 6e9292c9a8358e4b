/**
 * The checks of B25, I18, I38, I23 and the Multi-AZ part of A1: for each catalog claim, the
 * template evidence that the lab is built to show it and the live evidence of what RDS and its
 * clients see. Claim text lives in catalog/.
 *
 * Every failover check shares one precondition: a failover was really attempted (a Multi-AZ
 * instance, no failover logged in the last 30 minutes, RebootDBInstance with ForceFailover
 * accepted, RDS did not decline it, RDS-EVENT-0034) and began (RDS logged RDS-EVENT-0013, or the
 * primary or the address moved). Without one the run says nothing about the claims.
 *
 * What a run exercises: the failover is user-requested (RebootDBInstance with ForceFailover). It
 * shows the failover mechanism (RDS promoting the standby in the other AZ, moving DNS, the time it
 * takes), never RDS's own detection of a host, storage or network failure: that part of I18 and I23
 * rests on the documentation only ({@link TRIGGER_LIMIT}).
 */
import {
  expectAtLeast,
  expectEqual,
  expectThat,
  type Expectation,
  type Figure,
  type Judgement,
  type Precondition,
  requires,
} from '../../lib/lab-kit/checks/judgement';
import { type ClaimCheck, live } from '../../lib/lab-kit/checks/lab-definition';
import { describeDatabase, type Facts } from './facts';
import { type BaselineObservation, baseline, COMPLETION_WAIT_MS, failover, type FailoverObservation, isUserRequestedReason, MAX_WAIT_MS, RDS_EVENT_MESSAGES, RECENT_FAILOVER_WINDOW_MS } from './observe';
import { describeOutage, failoverOutages, longestOutage, type Outage, outagesBefore, type TimelineAnalysis, zoneOfAddress } from './probe-timeline';

const BASELINE_METHOD =
  'RDS DescribeDBInstances (MultiAZ, AvailabilityZone, SecondaryAvailabilityZone, Endpoint, DBSubnetGroup, ReadReplicaDBInstanceIdentifiers), ' +
  'EC2 DescribeSubnets for the subnet CIDR blocks, and 5 s of the in-VPC probe (DNS resolve + TCP connect + PostgreSQL SSLRequest, once a second); ' +
  "an address in the standby's AZ is left unjudged (inconclusive): after a failover the AZ fields or the DNS may trail for \"several minutes\", which AWS does not bound; DescribeEvents over the last 30 minutes then says whether RDS logged a failover (reported only). " +
  'An instance not yet available is waited for (at most 10 minutes); when no try of the 5 s answers, 20 s more are probed; a name that still does not resolve leaves the address expectation unjudged (inconclusive). ' +
  'a Multi-AZ instance without SecondaryAvailabilityZone (the API reference has it "If present") leaves the two-AZ expectation unjudged (inconclusive). ' +
  'This confirms the placement only (RDS always puts the standby in another AZ); the failover checks (I18, I38) are what exercise the high availability';
const FAILOVER_METHOD =
  'DescribeEvents over the last 30 minutes first (a failover RDS logged there: nothing is rebooted, inconclusive; 30 minutes is this check\'s choice, AWS gives no figure); ' +
  'then the in-VPC probe runs once a second (DNS resolve of the endpoint, TCP connect to the address, PostgreSQL SSLRequest, then a credential-free StartupMessage for readiness) ' +
  'while RebootDBInstance with ForceFailover runs; DescribeDBInstances every 10 s until the instance is available in the other AZ, for at most 15 minutes ' +
  '(this check\'s choice: AWS says only that the AZ change "might not be reflected ... in calls to the AWS CLI and RDS API, for several minutes"; when the 15 minutes run out while RDS logged the completion or the address moved to the standby\'s subnet, the AZ expectations are left unjudged, inconclusive); ' +
  'then DescribeEvents every 10 s for at most 2 minutes until RDS\'s completion event is there (also this check\'s choice; a missing event is never a fail by itself) ' +
  '(an event is this run\'s when the first DescribeEvents did not return it: no event is judged by your clock). ' +
  'Probing stops once the last tries answer (and, with readiness on, accept logins) at an address in the standby\'s subnet after an outage that ended after RDS logged the failover start or ended on the move to the standby\'s subnet (or once the instance is available in the other AZ), else after 12 windows. ' +
  'Downtime = first failed try to first successful try (resolution 1 s), over the outages that end after RDS logged the failover start or end on the move to the standby\'s subnet (AWS does not say how RDS-EVENT-0013\'s Date lines up with what clients see): an outage that ended at the old address before the start is reported, not counted';
/**
 * What a forced failover does and does not exercise, with its sources. "Rebooting a DB instance"
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_RebootInstance.html; quoted from its
 * source in awsdocs/amazon-rds-user-guide): "When you force a failover of your DB instance, Amazon
 * RDS automatically switches to a standby replica in another Availability Zone, and updates the DNS
 * record for the DB instance to point to the standby DB instance" and "Rebooting with failover is
 * beneficial when you want to simulate a failure of a DB instance for testing". "Failing over a
 * Multi-AZ DB instance for Amazon RDS"
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.Failover.html) lists "The
 * user requested a failover of the DB instance." as a failover reason of its own, beside the
 * unhealthy host, lost network and failed storage that RDS detects itself.
 */
/**
 * What B25's live check does not exercise. It reads where RDS placed the primary and the standby
 * and where the endpoint points: what RDS does with any Multi-AZ DB instance, so its pass covers
 * the placement half of the claim only. The other half, "fault tolerance" (the standby in the other
 * AZ taking over), is what I18 and I38 exercise with a requested failover; the loss of a zone
 * itself no run can cause.
 */
const B25_NOT_EXERCISED =
  "the fault tolerance itself: this check reads the placement only (RDS puts a Multi-AZ instance's standby in another AZ of the subnet group, whatever the run); the standby taking over is exercised by I18 and I38 (a requested failover), the loss of an AZ by no run";

/** What a forced failover does not exercise (a pass's report says so). */
const NOT_EXERCISED = 'RDS detecting a host, storage or network failure by itself (the failover was requested)';

export const TRIGGER_LIMIT =
  'Trigger: user-requested (RebootDBInstance with ForceFailover), which AWS documents as the way to simulate a failure for testing ' +
  '("Rebooting a DB instance": RDS "automatically switches to a standby replica in another Availability Zone, and updates the DNS record"). ' +
  'Exercised: the failover itself (the standby promoted in the other AZ, the DNS move, the time it takes). Not exercised: RDS detecting a host, storage or network failure by itself; ' +
  'that part rests on the failover reasons of "Failing over a Multi-AZ DB instance for Amazon RDS", not on this run';
const REFUSED_METHOD = 'RDS DescribeDBInstances (MultiAZ) and RebootDBInstance with ForceFailover';
const RECENT_METHOD = 'DescribeEvents over the last 30 minutes before any reboot (RDS-EVENT-0013, -0015, -0049 recognised by their Message); 30 minutes is this check\'s choice: AWS gives no figure for how soon RDS accepts another forced failover';
const DECLINED_METHOD =
  'RebootDBInstance with ForceFailover, then DescribeEvents 10 s after the request and every 30 s until RDS logs the failover start or declines it (RDS-EVENT-0034, recognised by its Message)';

/**
 * AWS's figure for a Multi-AZ DB instance failover: "Failover times are typically 60–120 seconds.
 * However, large transactions or a lengthy recovery process can increase failover time."
 * "Failing over a Multi-AZ DB instance for Amazon RDS",
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.Failover.html
 * A typical range, not a bound: measured times are reported against it, and no verdict rests on it.
 */
export const DOCUMENTED_FAILOVER_SECONDS = { low: 60, high: 120 } as const;

/** `client downtime 17 s: 43 s under the low end of AWS's "typically 60–120 seconds"`. */
export function againstDocumented(label: string, measured: number): string {
  const { low, high } = DOCUMENTED_FAILOVER_SECONDS;
  const margin = (n: number) => `${Math.round(n * 10) / 10} s`;
  const where = measured < low ? `${margin(low - measured)} under its low end` : measured > high ? `${margin(measured - high)} over its high end` : 'inside it';
  return `${label} ${margin(measured)}: ${where} of AWS's "typically ${low}–${high} seconds" (a typical range, not a bound)`;
}

const seconds = (ms: number) => Math.round(ms / 100) / 10;
const clock = (ms: number | undefined) => (ms === undefined ? '?' : `${new Date(ms).toISOString().slice(11, 19)} UTC`);
const yesNo = (met: boolean, no: string) => (met ? 'yes' : `no: ${no}`);

type Observed = Extract<FailoverObservation, { kind: 'observed' }>;
type NotObserved = Exclude<FailoverObservation, { kind: 'observed' }>;

/**
 * Preconditions that only their own expectations depend on. A met gate: its expectations count. An
 * unmet one: its expectations are left out, and the run is inconclusive unless the expectations
 * that do count already fail it (what was exercised decides then).
 */
function gatedAll(gates: readonly (readonly [Precondition, readonly Expectation[]])[], others: readonly Expectation[]): { preconditions: Precondition[]; expectations: Expectation[] } {
  const met = gates.filter(([p]) => p.met);
  const unmet = gates.filter(([p]) => !p.met).map(([p]) => p);
  const expectations = [...others, ...met.flatMap(([, e]) => e)];
  if (unmet.length > 0 && expectations.some((e) => !e.met)) return { preconditions: met.map(([p]) => p), expectations };
  // Inconclusive: the governed expectations do not decide; listed only when nothing else is (a judgement needs one).
  const listed = expectations.length > 0 ? expectations : gates.flatMap(([, e]) => e);
  return { preconditions: [...met.map(([p]) => p), ...unmet], expectations: listed };
}

/** Primary and standby swapped: the old standby's AZ is the primary's now. */
function swapped(o: Observed): boolean {
  const { before, after } = o;
  return (
    !!before.secondaryAvailabilityZone &&
    after.availabilityZone === before.secondaryAvailabilityZone &&
    (after.secondaryAvailabilityZone === undefined || after.secondaryAvailabilityZone === before.availabilityZone)
  );
}

function azMove(o: Observed): string {
  const { before, after } = o;
  if (swapped(o)) return `primary moved from ${before.availabilityZone} to ${after.availabilityZone} (standby now ${after.secondaryAvailabilityZone ?? 'being rebuilt'})`;
  const lag = azLag(o);
  if (lag) return `RDS's AZ fields did not show the move: ${lag.text}`;
  return `primary did NOT move: ${before.availabilityZone} before, ${after.availabilityZone ?? '?'} after (status ${after.status}, secondary ${after.secondaryAvailabilityZone ?? 'none'})`;
}

const WAIT_MINUTES = Math.round(MAX_WAIT_MS / 60_000);

/**
 * Why DescribeDBInstances may not show the move although the failover happened, once the check's
 * {@link MAX_WAIT_MS} wait ran out (the instance never showed `available` in the other AZ):
 * - `lagging`: the endpoint's address moved to the standby's subnet, or RDS logged the completion
 *   while the address is not known to be the old primary's. "Rebooting a DB instance"
 *   (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_RebootInstance.html): the AZ change
 *   "might not be reflected in the AWS Management Console, and in calls to the AWS CLI and RDS API,
 *   for several minutes", with no bound, so 15 minutes (this check's choice) cannot refute it;
 * - `underWay`: RDS logged no completion and the instance is not available: still failing over.
 * Undefined when the fields showed the move, or when the run contradicts it: RDS logged the
 * completion (or says the instance is available) and the address never left the old primary's
 * subnet, which is a fail.
 */
function azLag(o: Observed): { kind: 'lagging' | 'underWay'; text: string } | undefined {
  if (swapped(o) || o.settledSeconds !== undefined) return undefined;
  const { before, after, events } = o;
  const standby = before.secondaryAvailabilityZone;
  const atStandby = !!standby && o.lastAddressZone === standby;
  const atOld = o.lastAddressZone !== undefined && o.lastAddressZone === before.availabilityZone;
  const shows = `after ${WAIT_MINUTES} minutes AvailabilityZone still shows ${after.availabilityZone ?? '?'} (status ${after.status})`;
  if (atStandby) {
    return { kind: 'lagging', text: `${shows}, while the endpoint's address moved to the standby's subnet in ${standby}${events.completed !== undefined ? ` and RDS logged the completion at ${clock(events.completed)}` : ''}` };
  }
  if (events.completed !== undefined && !atOld) {
    return { kind: 'lagging', text: `${shows}, while RDS logged the completion at ${clock(events.completed)} (the probe's last address is in ${o.lastAddressZone ?? 'no subnet of the group'})` };
  }
  if (events.completed === undefined && after.status !== 'available') {
    return { kind: 'underWay', text: `${shows} and RDS logged no completion: the failover was still under way when the check stopped waiting` };
  }
  return undefined;
}

/** RDS had not finished (no completion, not available) when the check's wait ran out. */
function stillUnderWay(o: Observed): boolean {
  return azLag(o)?.kind === 'underWay';
}

/** The AZ expectations need DescribeDBInstances to have caught up, within the check's own wait. */
function azFieldsCaughtUp(o: Observed): Precondition {
  const lag = azLag(o);
  return requires(
    `RDS finished and its AZ fields showed where the primary is within this check's ${WAIT_MINUTES}-minute wait (its own choice: AWS says the AZ change "might not be reflected ... in calls to the AWS CLI and RDS API, for several minutes")`,
    !lag,
    lag ? `${lag.text}; run \`aws rds describe-db-instances\` in a few minutes to see them agree` : swapped(o) ? 'yes' : 'they did, and show no move',
  );
}

/** RDS's start and completion events, read within the check's own wait (a missing one is never a fail by itself). */
function eventsReadable(o: Observed): Precondition {
  const e = o.events;
  const ok = e.started !== undefined && e.completed !== undefined;
  const waited = o.completionWaitedSeconds !== undefined ? ` after reading DescribeEvents for ${o.completionWaitedSeconds} s once the instance was available in the other AZ` : '';
  return requires(
    `RDS's failover events (RDS-EVENT-0013, then RDS-EVENT-0015 or -0049) were readable within this check's wait (${COMPLETION_WAIT_MS / 1000} s after the instance was available in the other AZ, its own choice: AWS gives no delay for DescribeEvents)`,
    ok,
    ok ? 'yes' : `${eventsText(o)}${waited}`,
  );
}

const startLogged = (o: Observed): Expectation =>
  expectThat('RDS logged the failover start (RDS-EVENT-0013)', o.events.started !== undefined, o.events.started !== undefined ? `at ${clock(o.events.started)}` : 'no');
const completionLogged = (o: Observed): Expectation =>
  expectThat('RDS logged the failover completion (RDS-EVENT-0015 or RDS-EVENT-0049)', o.events.completed !== undefined, o.events.completed !== undefined ? `at ${clock(o.events.completed)}` : 'no');

/** An address in the standby's subnet (as DescribeDBInstances gave it before the failover). */
function isStandbyAddress(o: Observed): (address: string) => boolean {
  const standby = o.before.secondaryAvailabilityZone;
  return (address) => !!standby && zoneOfAddress(address, o.before.subnets) === standby;
}

/**
 * The failover's outage: the longest that ends after RDS logged the failover start (RDS's clock;
 * the probe's tries carry the Lambda's, both AWS's), or that ended with the address moving to the
 * standby's subnet whatever the start's Date ({@link failoverOutages}: no AWS page orders the two).
 * Without a start event, the longest of all.
 */
function failoverOutage(a: TimelineAnalysis, o: Observed): Outage | undefined {
  return longestOutage(failoverOutages(a, o.events.started, isStandbyAddress(o)));
}

/** Outages that ended at the old address before RDS started the failover: reported, never taken for the failover's. */
function blipsText(o: Observed): string {
  const blips = outagesBefore(o.answers, o.events.started, failoverOutages(o.answers, o.events.started, isStandbyAddress(o)));
  if (blips.length === 0) return '';
  const list = blips.map((b) => `${describeOutage(b)} from ${clock(b.startAt)}`).join('; ');
  return `; before RDS started the failover (${clock(o.events.started)}) clients also lost the database ${blips.length === 1 ? 'once' : `${blips.length} times`} (${list}): reported, not counted as the failover's`;
}

/**
 * RDS-EVENT-0015's note, in the Notes column of "Amazon RDS event categories and event messages"
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Events.Messages.html#USER_Events.Messages.instance):
 * the DNS may still point at the old primary after RDS logs the completion, for a time AWS does not
 * bound. How long the probe ran after the completion is this check's own choice (at most
 * `MAX_WINDOWS` windows of `--window` seconds, observe.ts), so it never decides a fail by itself.
 */
const DNS_NOTE = 'RDS-EVENT-0015\'s note: "It may take several minutes for the DNS to transfer to the new primary DB instance", with no bound';

/** Where the name pointed when probing ended, and how long after RDS's completion: the margin a run had. */
function dnsMargin(o: Observed): string {
  const a = o.answers;
  const c = o.events.completed;
  if (a.lastAt === undefined) return 'the probe made no try';
  const still = `the name still resolving to ${a.lastAddress ?? 'nothing'} (${o.lastAddressZone ?? 'no subnet of the group'})`;
  if (c === undefined) return `probing ended at ${clock(a.lastAt)} with ${still}, and RDS logged no completion`;
  return a.lastAt >= c
    ? `probing ended ${seconds(a.lastAt - c)} s after RDS logged the completion at ${clock(c)}, with ${still} (${DNS_NOTE})`
    : `probing ended at ${clock(a.lastAt)}, ${seconds(c - a.lastAt)} s before RDS logged the completion at ${clock(c)}, with ${still}`;
}

/**
 * A DNS move is judged only once the probe saw the name resolve to another address: a name that had
 * not moved when probing ended says nothing, however long after RDS's completion that was
 * ({@link DNS_NOTE}); the report gives the margin.
 */
function dnsMoveSeen(o: Observed): Precondition {
  const moved = addressMoved(o);
  return requires(
    'the probe saw the name resolve to another address (a DNS move is judged only once seen: AWS does not bound how long it takes after RDS\'s completion)',
    moved,
    moved ? `${o.answers.firstAddress} then ${o.answers.lastAddress}` : dnsMargin(o),
  );
}

/**
 * Clients still failing when probing ended refute the recovery only once the name had moved to the
 * new address: until then they may be waiting for DNS ({@link DNS_NOTE}). The endpoint answering at
 * the end needs no gate (a pass is a pass).
 */
function recoveryJudgeable(o: Observed): Precondition {
  const moved = addressMoved(o);
  const met = moved || o.answers.endsHealthy;
  return requires(
    "clients' recovery could be judged: the endpoint answered at the end, or its name had moved to the new address (clients failing at the old address may be waiting for DNS)",
    met,
    met ? (o.answers.endsHealthy ? 'the endpoint answers at the end' : 'the name had moved') : `the last tries failed, ${dnsMargin(o)}`,
  );
}

/** RDS declined the forced failover because one happened recently (RDS-EVENT-0034), and none started. */
function declined(o: Observed): boolean {
  return o.events.declined !== undefined && o.events.started === undefined;
}

/** The probe's first and last addresses differ: the name moved. */
function addressMoved(o: Observed): boolean {
  return !!o.answers.firstAddress && !!o.answers.lastAddress && o.answers.firstAddress !== o.answers.lastAddress;
}

/**
 * Something failed over: RDS logged the start (RDS-EVENT-0013), or the primary or the endpoint's
 * address moved. When none of these happened and RDS said nothing (no RDS-EVENT-0034, or one
 * worded otherwise), the failover never started within the wait: the run exercised nothing.
 */
function began(o: Observed): boolean {
  return o.events.started !== undefined || swapped(o) || addressMoved(o);
}

function beganPrecondition(o: Observed): Precondition {
  const other = o.events.messages.filter((m) => !m.eventId).map((m) => `"${m.message}"`).slice(0, 3).join(', ');
  return requires(
    'the failover began (RDS logged RDS-EVENT-0013, or the primary or the address moved)',
    began(o),
    began(o)
      ? 'began'
      : `nothing failed over within ${o.settledSeconds ?? Math.round(MAX_WAIT_MS / 1000)} s of waiting and RDS logged no failover start${other ? ` (other messages: ${other})` : ''}: RDS may have declined it without a recognised RDS-EVENT-0034; wait and run again`,
  );
}

const DECLINED_ADVICE = 'RDS declined the failover; wait and run again';

function eventsText(o: Observed): string {
  const e = o.events;
  if (declined(o)) return `RDS declined the failover because one happened recently (RDS-EVENT-0034 at ${clock(e.declined)}): ${DECLINED_ADVICE}`;
  if (e.started === undefined) return `RDS logged no "${RDS_EVENT_MESSAGES['RDS-EVENT-0013']}" event (RDS-EVENT-0013)`;
  if (e.completed === undefined) return `RDS logged the failover start at ${clock(e.started)} but no completion`;
  return `RDS logged the failover start at ${clock(e.started)} and its completion at ${clock(e.completed)} (${e.completedBy ?? 'completion'}, ${seconds(e.completed - e.started)} s)`;
}

/** What triggered the failover: always this check's request; RDS's logged reason when it gave one. */
function triggerText(o: Observed): string {
  const reason = o.events.messages.find((m) => isUserRequestedReason(m.message));
  return reason ? `trigger: user-requested (RDS logged "${reason.message}")` : 'trigger: user-requested (RebootDBInstance with ForceFailover)';
}

function skewText(o: Observed): string {
  const s = o.clockSkewSeconds;
  if (s === undefined) return '';
  return `; your clock is about ${Math.abs(s)} s ${s > 0 ? 'behind' : 'ahead of'} AWS's (the probe function's), reported only: no judgement uses it`;
}

function downtimeText(label: string, a: TimelineAnalysis, o: Observed): string {
  const outage = failoverOutage(a, o);
  if (!outage) return `${label}: no try failed${o.events.started !== undefined && a.outages.length > 0 ? ' after RDS started the failover' : ''}`;
  return `${label}: ${describeOutage(outage)}`;
}

const ATTEMPTED = 'RDS attempted the forced failover (did not decline it after a recent one, RDS-EVENT-0034)';

/** The precondition of every failover check: a failover was forced and RDS attempted it. */
function failoverAttempted(o: FailoverObservation): Precondition {
  if (o.kind === 'recent') return requires(`no failover in the last ${o.lookbackMinutes} minutes (RDS may decline one that follows a recent failover)`, false, `${o.lastEventId} ${o.minutesAgo} minutes ago, at ${clock(o.lastFailoverAt)}`);
  if (o.kind === 'refused') return requires('a failover was forced (a Multi-AZ instance, RebootDBInstance with ForceFailover accepted)', false, o.reason);
  if (o.kind === 'declined') return requires(ATTEMPTED, false, `RDS declined it at ${clock(o.declinedAt)}`);
  return requires(ATTEMPTED, !declined(o), declined(o) ? `RDS declined it at ${clock(o.events.declined)}` : 'attempted');
}

/** What a run without a failover saw. */
function notObservedText(o: NotObserved): string {
  if (o.kind === 'refused') return o.reason;
  if (o.kind === 'recent') {
    return (
      `a failover happened ${o.minutesAgo} minutes ago (RDS logged ${o.lastEventId} at ${clock(o.lastFailoverAt)}); wait and run again: nothing was rebooted, since RDS declines a failover that follows a recent one ` +
      `(RDS-EVENT-0034) and AWS does not say how recent; this check waits ${o.lookbackMinutes} minutes`
    );
  }
  return (
    `${DECLINED_ADVICE}: RDS logged RDS-EVENT-0034 ("${RDS_EVENT_MESSAGES['RDS-EVENT-0034']}") at ${clock(o.declinedAt)}, ` +
    `${o.noticedAfterSeconds} s after the request; nothing failed over (primary still in ${o.after.availabilityZone ?? '?'}), and the probe was stopped. ` +
    'AWS does not document how long after a failover RDS declines the next one'
  );
}

/** The judgement of a failover check when no failover was forced or RDS declined it: inconclusive, never a pass or a refutation. */
function refused(o: NotObserved, what: string): Judgement {
  return {
    observed: notObservedText(o),
    method: o.kind === 'declined' ? DECLINED_METHOD : o.kind === 'recent' ? RECENT_METHOD : REFUSED_METHOD,
    figures: [],
    preconditions: [failoverAttempted(o)],
    expectations: [expectThat(what, false, o.kind === 'declined' ? 'RDS declined the failover' : o.kind === 'recent' ? 'nothing was rebooted after a recent failover' : 'no failover was forced')],
  };
}

/**
 * Where the probe did not look while the failover ran, from RDS's start event to its completion
 * event (else the last try): before the first try, in gaps between windows, after the last try
 * (unless clients were seen back at the standby's address by then). Inside such a stretch an
 * outage goes unseen. Both ends are AWS's clocks (the event Dates and the
 * probe function's), never the caller's, which may be off.
 */
function blindDuringFailover(o: Observed): { seconds: number; text: string } {
  const a = o.answers;
  const start = o.events.started ?? a.firstAt ?? 0;
  const end = o.events.completed ?? a.lastAt ?? start;
  const stretches: string[] = [];
  let blind = 0;
  if (a.firstAt === undefined || a.lastAt === undefined) return { seconds: Math.max(1, seconds(end - start)), text: 'the probe made no try' };
  if (a.firstAt > start) {
    blind += a.firstAt - start;
    stretches.push(`${seconds(a.firstAt - start)} s before the first try`);
  }
  for (const g of a.gaps) {
    const overlap = Math.min(g.to, end) - Math.max(g.from, start);
    if (overlap > 0) {
      blind += overlap;
      stretches.push(`${seconds(overlap)} s between probe windows from ${clock(g.from)}`);
    }
  }
  // A try reports on the interval it starts; 2.5 s of tail is the gap threshold of the timeline analysis.
  // Once clients were seen back at the standby's address, the tail until RDS's completion (which
  // often comes well after) cannot hide the outage that was seen to end: it is not counted.
  const outage = failoverOutage(a, o);
  const backAtStandby = !!outage?.recovered && a.endsHealthy && !!a.lastAddress && isStandbyAddress(o)(a.lastAddress);
  if (!backAtStandby && end - a.lastAt > 2500) {
    blind += end - a.lastAt;
    stretches.push(`${seconds(end - a.lastAt)} s after the last try, until the failover ended at ${clock(end)}`);
  }
  return { seconds: seconds(blind), text: stretches.length > 0 ? `unwatched: ${stretches.join(', ')}` : 'watched throughout, one try a second' };
}

const primaryMoved = (o: Observed): Expectation => expectThat("the primary moved to the standby's AZ", swapped(o), azMove(o));
const endsHealthy = (o: Observed): Expectation =>
  expectThat('the endpoint answers again at the end', o.answers.endsHealthy, o.answers.endsHealthy ? 'yes' : 'no: the last tries failed');

/** The figures a failover measures; each claim reports the ones it rests on. */
type FigureKey = 'downtime' | 'ready' | 'failedTries' | 'addressChange' | 'ttl' | 'serverSide' | 'settled' | 'azLag' | 'unobserved' | 'tries';

function failoverFigures(o: Observed, keys: readonly FigureKey[]): Figure[] {
  const all: Partial<Record<FigureKey, Figure>> = {};
  const a = o.answers;
  const outage = failoverOutage(a, o);
  const ready = o.ready ? failoverOutage(o.ready, o) : undefined;
  if (outage) all.downtime = { name: 'client-visible downtime (SSLRequest)', value: outage.seconds, unit: 's' };
  if (ready) all.ready = { name: 'downtime until logins are accepted', value: ready.seconds, unit: 's' };
  if (outage) all.failedTries = { name: 'failed tries', value: outage.failedAttempts, unit: 'tries' };
  const change = outage ? a.addressChanges.find((c) => c.at >= outage.startAt) : undefined;
  if (change && outage) all.addressChange = { name: 'address changed after the first failed try', value: seconds(change.at - outage.startAt), unit: 's' };
  if (a.maxTtl !== undefined) all.ttl = { name: 'DNS TTL of the endpoint', value: a.maxTtl, unit: 's' };
  if (o.events.started !== undefined && o.events.completed !== undefined) all.serverSide = { name: 'server-side failover (RDS events)', value: seconds(o.events.completed - o.events.started), unit: 's' };
  if (o.settledSeconds !== undefined) all.settled = { name: 'reboot request to available in the other AZ', value: o.settledSeconds, unit: 's' };
  // How long DescribeDBInstances trailed RDS's own account: request → new AZ shown, minus RDS's start →
  // completion (two durations, so no clock is compared with another). An upper bound: it also holds
  // the time before RDS started, and the 10 s between polls.
  if (o.settledSeconds !== undefined && o.events.started !== undefined && o.events.completed !== undefined) {
    all.azLag = { name: 'AZ fields trailing the failover (at most)', value: Math.max(0, Math.round((o.settledSeconds - seconds(o.events.completed - o.events.started)) * 10) / 10), unit: 's' };
  }
  const unobserved = a.gaps.reduce((sum, g) => sum + g.seconds, 0);
  if (unobserved > 0) all.unobserved = { name: 'unobserved time between probe windows', value: Math.round(unobserved * 10) / 10, unit: 's' };
  all.tries = { name: 'probe tries', value: a.attempts, unit: 'tries' };
  return keys.map((k) => all[k]).filter((f): f is Figure => f !== undefined);
}

function baselineZones(b: BaselineObservation): string {
  const i = b.instance;
  const zones = [...new Set(i.subnets.map((s) => s.availabilityZone))].join(', ');
  return `${i.identifier} is ${i.multiAz ? 'Multi-AZ' : 'Single-AZ'}: primary in ${i.availabilityZone ?? '?'}, standby in ${i.secondaryAvailabilityZone ?? 'none'}; its DB subnet group spans ${zones || 'no subnet'}`;
}

/**
 * The endpoint's address is in a subnet of the primary's AZ (as DescribeDBInstances shows it).
 * Judged only when {@link fieldsAgreeWithAddress} holds: an address in the standby's AZ is what a
 * lag after a failover looks like.
 */
function addressAtPrimary(b: BaselineObservation): boolean {
  return !!b.addressZone && b.addressZone === b.instance.availabilityZone;
}

/** The address lies in the AZ that DescribeDBInstances calls the standby's, of an available Multi-AZ instance. */
function addressAtStandbySide(b: BaselineObservation): boolean {
  const i = b.instance;
  return i.multiAz && !!b.addressZone && b.addressZone !== i.availabilityZone && b.addressZone === i.secondaryAvailabilityZone;
}

/** What the baseline's look-back found, for the report (no verdict rests on it). */
function loggedFailoverText(b: BaselineObservation): string {
  return b.recentFailover !== undefined
    ? `RDS logged a failover at ${clock(b.recentFailover)}`
    : `RDS logged no failover in the last ${Math.round(RECENT_FAILOVER_WINDOW_MS / 60_000)} minutes`;
}

/**
 * The address expectation needs RDS's AZ fields and the DNS to agree. Right after a failover
 * either can trail the other, and AWS bounds neither. "Rebooting a DB instance"
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_RebootInstance.html, as its source in
 * awsdocs/amazon-rds-user-guide gives it): "When you force a failover from one Availability Zone to
 * another when you reboot, the Availability Zone change might not be reflected in the AWS
 * Management Console, and in calls to the AWS CLI and RDS API, for several minutes." RDS-EVENT-0015
 * ("Amazon RDS event categories and event messages",
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Events.Messages.html, Notes): "It may
 * take several minutes for the DNS to transfer to the new primary DB instance." So an address in
 * the standby's AZ is left unjudged (inconclusive) whatever the look-back for a failover finds: no
 * constant of the check's decides a fail here, and the failover observation, which refuses to
 * reboot on the same state, agrees with it. An address in neither AZ's subnets is judged (a fail).
 */
function fieldsAgreeWithAddress(b: BaselineObservation): Precondition {
  const i = b.instance;
  const lagging = addressAtStandbySide(b);
  return requires(
    "RDS's AZ fields and the endpoint's address agree (right after a failover either may trail the other for \"several minutes\", which AWS does not bound)",
    !lagging,
    lagging
      ? `the address is in ${b.addressZone}, which RDS calls the standby's (AvailabilityZone ${i.availabilityZone ?? '?'}); ${loggedFailoverText(b)}; run again once \`aws rds describe-db-instances\` shows AvailabilityZone ${b.addressZone}, or the name resolves into ${i.availabilityZone ?? '?'}`
      : 'yes',
  );
}

function zoneText(b: BaselineObservation): string {
  const i = b.instance;
  if (!b.addressZone) return ' (in no subnet of the group)';
  if (b.addressZone === i.availabilityZone) return ` (a subnet in ${b.addressZone})`;
  if (addressAtStandbySide(b)) {
    return (
      ` (a subnet in ${b.addressZone}, where RDS still shows the standby; ${loggedFailoverText(b)}: the AZ fields or the DNS have not caught up ` +
      '(AWS: the AZ change "might not be reflected ... in calls to the AWS CLI and RDS API, for several minutes"; DNS "may take several minutes"); not judged, re-run in a few minutes to see them agree)'
    );
  }
  return ` (a subnet in ${b.addressZone}, NOT the primary's AZ ${i.availabilityZone ?? '?'})`;
}

function endpointText(b: BaselineObservation): string {
  if (b.addresses.length === 0) return `its endpoint did not resolve (${b.window.attempts.map((a) => a.error).filter(Boolean).slice(0, 3).join(', ') || 'no try'})`;
  const answered =
    (b.analysis.up > 0 ? `answered ${b.analysis.up}/${b.analysis.attempts} tries` : 'answered NO try') +
    (b.retriedAfterSeconds !== undefined ? ` of a second window (the first ${b.retriedAfterSeconds} s got no answer)` : '');
  return `its endpoint resolves to ${b.addresses.join(', ')}${zoneText(b)} and ${answered}`;
}

/**
 * The baseline's address expectations need the name resolved from inside the VPC. After the wait
 * for an available instance and a second, longer window, a name that still does not resolve says
 * nothing about where it points (a DNS or network problem of the run, not a placement): inconclusive.
 */
function endpointResolved(b: BaselineObservation): Precondition {
  const errors = b.window.attempts.map((a) => a.error).filter(Boolean).slice(0, 3).join(', ') || 'no try';
  const probed = `${b.window.attempts.length} tries${b.retriedAfterSeconds !== undefined ? ` (after ${b.retriedAfterSeconds} s without an answer)` : ''}`;
  return requires("the probe resolved the endpoint's name from inside the VPC", b.addresses.length > 0, b.addresses.length > 0 ? `resolved to ${b.addresses.join(', ')}` : `it did not resolve in ${probed}: ${errors}`);
}

/**
 * The standby's AZ is judged only when DescribeDBInstances gives one for a Multi-AZ instance. The
 * API reference ("DBInstance",
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBInstance.html) has
 * SecondaryAvailabilityZone "If present, specifies the name of the secondary Availability Zone for
 * a DB instance with multi-AZ support", and no AWS page says whether RDS leaves it out while it
 * rebuilds the standby after a failover (the failover checks read that state as "standby being
 * rebuilt"): a Multi-AZ instance without it is inconclusive, never a fail. A Single-AZ instance
 * needs no gate (its MultiAZ false already fails).
 */
function standbyShown(b: BaselineObservation): Precondition {
  const i = b.instance;
  const shown = !i.multiAz || !!i.secondaryAvailabilityZone;
  return requires(
    'DescribeDBInstances shows the standby\'s AZ of the Multi-AZ instance (SecondaryAvailabilityZone is "If present" in the API reference)',
    shown,
    shown
      ? 'yes'
      : `MultiAZ true and status ${i.status}, but no SecondaryAvailabilityZone (primary in ${i.availabilityZone ?? '?'}): the standby may be being rebuilt after a failover (AWS does not say whether RDS then leaves the field out); run again once \`aws rds describe-db-instances\` shows SecondaryAvailabilityZone`,
  );
}

const isMultiAz = (multiAz: boolean): Expectation => expectThat('the DB instance is Multi-AZ', multiAz, yesNo(multiAz, 'MultiAZ false'));

function addressAtPrimaryExpectation(b: BaselineObservation): Expectation {
  const where = b.addresses.length === 0 ? 'the endpoint did not resolve' : `${b.analysis.lastAddress ?? '?'} is in ${b.addressZone ?? 'no subnet of the group'}`;
  return expectThat("the endpoint's address is in the primary's AZ", addressAtPrimary(b), addressAtPrimary(b) ? `yes: ${where}` : `no: ${where}, primary in ${b.instance.availabilityZone ?? '?'}`);
}

export const CHECKS = {
  'B25.rds-spans-two-azs': {
    offline: (f: Facts): Judgement => {
      const db = f.database;
      return {
        observed: describeDatabase(db),
        method: 'template: MultiAZ of the DB instance, AvailabilityZone of each subnet of its DB subnet group',
        expectations: [isMultiAz(db.multiAz), expectAtLeast('AZs of the DB subnet group', 2, db.zones, 'AZs'), expectAtLeast('subnets of the DB subnet group', 2, db.subnets.length, 'subnets')],
      };
    },
    live: live(baseline, (b): Judgement => {
      const i = b.instance;
      const zones = new Set(i.subnets.map((s) => s.availabilityZone));
      const twoZones = !!i.availabilityZone && !!i.secondaryAvailabilityZone && i.availabilityZone !== i.secondaryAvailabilityZone;
      const placement = [isMultiAz(i.multiAz), expectAtLeast('AZs of the DB subnet group', 2, zones.size, 'AZs')];
      const standbyZones = expectThat('primary and standby in two different AZs', twoZones, `primary in ${i.availabilityZone ?? 'none'}, standby in ${i.secondaryAvailabilityZone ?? 'none'}`);
      const address = b.addresses.length === 0 ? endpointResolved(b) : fieldsAgreeWithAddress(b);
      return {
        observed: `${baselineZones(b)}; ${endpointText(b)}.`,
        method: BASELINE_METHOD,
        // The placement is what RDS does with this template, and what it always does (REVIEW.md §4:
        // a pass on it observes little beyond the template): the pass covers the placement only.
        notExercised: B25_NOT_EXERCISED,
        figures: [{ name: 'Availability Zones in use', value: new Set([i.availabilityZone, i.secondaryAvailabilityZone].filter(Boolean)).size, unit: 'AZs' }],
        // The address is judged once the name resolved and RDS's fields agree with it (each unmet: inconclusive).
        // The standby's AZ is judged once RDS shows one (unmet: inconclusive).
        ...gatedAll(
          [
            [address, [addressAtPrimaryExpectation(b)]],
            [standbyShown(b), [standbyZones]],
          ],
          placement,
        ),
      };
    }),
  },
  'I18.fails-over-to-standby': {
    offline: (f: Facts): Judgement => {
      const db = f.database;
      return {
        observed: describeDatabase(db),
        method: 'template: a Multi-AZ DB instance (not a DB cluster) across two AZs',
        expectations: [isMultiAz(db.multiAz), expectAtLeast('AZs of the DB subnet group', 2, db.zones, 'AZs'), expectEqual('in a DB cluster', false, db.inCluster)],
      };
    },
    live: live(failover, (o): Judgement => {
      if (o.kind !== 'observed') return refused(o, "the primary moved to the standby's AZ");
      const underWay = stillUnderWay(o);
      const checked = gatedAll(
        [
          [azFieldsCaughtUp(o), [primaryMoved(o), expectEqual('instance status at the end', 'available', o.after.status), ...(underWay ? [endsHealthy(o)] : [])]],
          [eventsReadable(o), [startLogged(o), completionLogged(o)]],
          ...(underWay ? [] : [[recoveryJudgeable(o), [endsHealthy(o)]] as const]),
        ],
        [],
      );
      return {
        observed:
          `${triggerText(o)}: ${azMove(o)}; ${eventsText(o)}` +
          `${o.events.started !== undefined && o.events.completed !== undefined ? `; ${againstDocumented('server-side failover', seconds(o.events.completed - o.events.started))}` : ''}` +
          `; the endpoint ${o.answers.endsHealthy ? 'answers again' : 'does NOT answer'} at the end${o.rebootNote ? `; ${o.rebootNote}` : ''}${skewText(o)}.`,
        method: `${FAILOVER_METHOD}. RDS events recognised by their Message (RDS-EVENT-0013, -0015, -0049, -0034 in "Amazon RDS event categories and event messages"). ${TRIGGER_LIMIT}`,
        notExercised: NOT_EXERCISED,
        figures: failoverFigures(o, ['serverSide', 'settled', 'azLag', 'downtime']),
        preconditions: [failoverAttempted(o), beganPrecondition(o), ...checked.preconditions],
        expectations: checked.expectations,
      };
    }),
  },
  'I18.endpoint-name-stays-dns-moves': {
    offline: (f: Facts): Judgement => {
      const p = f.probe;
      return {
        observed: `probe ${p.logicalId} ${p.targetsEndpointName ? "resolves the DB instance's Endpoint.Address on every try" : 'does NOT use the endpoint name'} (port ${p.targetPort})`,
        method: 'template: TARGET_HOST of the probe function is Fn::GetAtt Endpoint.Address of the DB instance',
        expectations: [
          expectThat("the probe resolves the DB instance's endpoint name", p.targetsEndpointName, yesNo(p.targetsEndpointName, 'TARGET_HOST is not Fn::GetAtt Endpoint.Address')),
          isMultiAz(f.database.multiAz),
        ],
      };
    },
    live: live(failover, (o): Judgement => {
      if (o.kind !== 'observed') return refused(o, 'the endpoint resolves to the new primary');
      const sameName = !!o.before.endpointAddress && o.before.endpointAddress === o.after.endpointAddress;
      const a = o.answers;
      const change = a.addressChanges[a.addressChanges.length - 1];
      const name = `endpoint name ${o.before.endpointAddress ?? '?'} ${sameName ? 'unchanged' : `CHANGED to ${o.after.endpointAddress ?? '?'}`}`;
      const dns = change
        ? `it resolved to ${change.from} (${o.firstAddressZone ?? 'no subnet'}) until ${clock(change.at)}, then to ${change.to} (${o.lastAddressZone ?? 'no subnet'})`
        : `it resolved to ${a.firstAddress ?? 'nothing'} throughout: the address did NOT change (${dnsMargin(o)})`;
      const ttl = a.maxTtl !== undefined ? `; record TTL ${a.maxTtl} s` : '';
      const checked = gatedAll(
        [
          [azFieldsCaughtUp(o), [primaryMoved(o)]],
          [dnsMoveSeen(o), [expectEqual("the new address's AZ (the standby's, now the primary's)", o.before.secondaryAvailabilityZone, o.lastAddressZone)]],
        ],
        [
          expectThat('the endpoint name is unchanged', sameName, sameName ? `yes: ${o.before.endpointAddress}` : `no: ${o.before.endpointAddress ?? 'none'} before, ${o.after.endpointAddress ?? 'none'} after`),
          expectEqual("the first address's AZ (the old primary's)", o.before.availabilityZone, o.firstAddressZone),
        ],
      );
      return {
        observed: `${name}; ${dns}${ttl}; ${azMove(o)} (${triggerText(o)}).`,
        method:
          `${FAILOVER_METHOD}. The DNS move is judged only once the probe saw the name resolve to another address: ${DNS_NOTE}, so a name that had not moved when probing ended is reported with the margin (how long probing ran after RDS's completion), inconclusive. ${TRIGGER_LIMIT}`,
        notExercised: NOT_EXERCISED,
        figures: failoverFigures(o, ['addressChange', 'ttl', 'downtime']),
        preconditions: [failoverAttempted(o), beganPrecondition(o), ...checked.preconditions],
        expectations: checked.expectations,
      };
    }),
  },
  'I38.multi-az-rds-for-the-database': {
    offline: (f: Facts): Judgement => {
      const db = f.database;
      const p = f.probe;
      return {
        observed: `${describeDatabase(db)}; probe ${p.logicalId} in ${p.subnets.length} subnets, admitted on ${p.targetPort}/tcp: ${p.admittedByDatabase}, egress ${p.egressPorts.join(', ') || 'none'}, timeout ${p.timeoutSeconds} s for windows of up to ${p.maxWindowSeconds} s`,
        method: 'template: MultiAZ; the DB security group admits the probe group on the DB port; probe Timeout within 900 s and above its window',
        expectations: [
          isMultiAz(db.multiAz),
          expectThat('the DB security group admits the probe on the DB port', p.admittedByDatabase, yesNo(p.admittedByDatabase, `no ingress from the probe group on ${p.targetPort}/tcp`)),
          expectAtLeast('subnets of the probe', 2, p.subnets.length, 'subnets'),
          expectThat("the probe's timeout is within Lambda's 900 s and above its window", p.timeoutSeconds <= 900 && p.timeoutSeconds > p.maxWindowSeconds, `timeout ${p.timeoutSeconds} s, window up to ${p.maxWindowSeconds} s`),
        ],
      };
    },
    live: live(failover, (o): Judgement => {
      if (o.kind !== 'observed') return refused(o, 'clients saw the outage end');
      // The failover's outage: one that ends after RDS logged the start. A blip before it is reported only.
      const longest = failoverOutage(o.answers, o);
      // An outage alone proves nothing about Multi-AZ: a reboot in place (or a failover RDS declined)
      // drops clients too. The standby must have taken over, and RDS must say it failed over.
      const failedOver = (swapped(o) || azLag(o)?.kind === 'lagging') && o.events.started !== undefined;
      const blind = blindDuringFailover(o);
      const documented = [
        ...(longest ? [againstDocumented('client-visible downtime', longest.seconds)] : []),
        ...(o.events.started !== undefined && o.events.completed !== undefined ? [againstDocumented('server-side failover (RDS events)', seconds(o.events.completed - o.events.started))] : []),
      ].join('; ');
      const outcome = failedOver ? documented || 'RDS failed over' : `${eventsText(o)}: an outage without a failover to the standby shows nothing about Multi-AZ`;
      const observed = !longest
        ? `no try failed during the forced failover (${azMove(o)}; probe ${blind.text})${blipsText(o)}: at one try a second an outage shorter than one probe interval, or one inside an unwatched stretch, goes unseen`
        : `${downtimeText('clients lost the database', o.answers, o)}${o.ready ? `; ${downtimeText('logins', o.ready, o)}` : ''}; ${azMove(o)}; ${outcome}${blind.seconds > 0 ? `; probe ${blind.text} (the outage may be longer than measured)` : ''}${blipsText(o)}`;
      // Clients seeing the failover needs the probe to have watched it: with no failed try and an
      // unwatched stretch, the outage may have hidden there (inconclusive). Watched throughout at one
      // try a second and none failed: the truth predicts tens of seconds of failed connections, so
      // that is a fail (an outage under one second is below the probe's resolution, stated).
      const watched = requires('the probe watched the whole failover (no unwatched stretch an outage could hide in)', !!longest || blind.seconds === 0, blind.text);
      // Clients still failing when RDS had not finished within the check's wait is no refutation:
      // the recovery expectations then wait on the same precondition as the AZ fields.
      const underWay = stillUnderWay(o);
      // Clients still failing at the old address when probing ended may be waiting for DNS (AWS gives
      // no bound): the recovery is judged once the name moved, or when the endpoint answers at the end.
      const recovery = [endsHealthy(o), ...(longest ? [expectThat('the outage ended before probing did', longest.recovered, longest.recovered ? 'recovered' : 'NOT recovered')] : [])];
      const checked = gatedAll(
        [
          [watched, [expectThat("clients saw the failover interrupt them (a failed try after RDS started it, or ending on the move to the standby's address)", !!longest, longest ? describeOutage(longest) : 'no try failed')]],
          [azFieldsCaughtUp(o), [primaryMoved(o), ...(underWay ? recovery : [])]],
          ...(underWay ? [] : [[recoveryJudgeable(o), recovery] as const]),
        ],
        [],
      );
      return {
        observed: `${observed}.`,
        method:
          `${FAILOVER_METHOD}. The downtime is compared with AWS's "typically ${DOCUMENTED_FAILOVER_SECONDS.low}–${DOCUMENTED_FAILOVER_SECONDS.high} seconds" as a figure only (a typical range, not a bound). ` +
          'Blind spots: an outage shorter than one probe interval is below the resolution; stretches without tries (before the first, between windows, after the last) are reported, and a run with no failed try and such a stretch is inconclusive',
        figures: failoverFigures(o, ['downtime', 'ready', 'failedTries', 'serverSide', 'unobserved', 'tries']),
        // RDS logging the failover start is what makes the outage a failover's: without it the run did
        // not exercise Multi-AZ. Once it started, the standby must take over (an expectation).
        preconditions: [
          failoverAttempted(o),
          requires(`RDS began a failover (logged "${RDS_EVENT_MESSAGES['RDS-EVENT-0013']}")`, o.events.started !== undefined, o.events.started !== undefined ? `at ${clock(o.events.started)}` : eventsText(o)),
          ...checked.preconditions,
        ],
        expectations: checked.expectations,
      };
    }),
  },
  'I23.automatic-failover-is-not-aurora-only': {
    offline: (f: Facts): Judgement => {
      const db = f.database;
      return {
        observed: describeDatabase(db),
        method: 'template: Engine of the DB instance (not aurora-*) and MultiAZ',
        expectations: [
          isMultiAz(db.multiAz),
          expectThat('the engine is not Aurora', !db.engine.startsWith('aurora'), db.engine || 'none'),
          expectEqual('in a DB cluster', false, db.inCluster),
        ],
      };
    },
    live: live(failover, (o): Judgement => {
      if (o.kind !== 'observed') return refused(o, 'an RDS (not Aurora) instance promoted its standby itself once a failover was triggered');
      const engine = `${o.before.engine ?? '?'} ${o.before.engineVersion ?? ''}`.trim();
      const aurora = (o.before.engine ?? '').startsWith('aurora');
      const outage = failoverOutage(o.answers, o);
      // No failed try after RDS's start (the outage fell between two tries or windows) leaves no one
      // to recover: only an outage still running when probing ended contradicts "clients are back".
      const recovered = !outage || outage.recovered;
      const clientsBack = [
        expectThat('clients recovered from the outage (none still failing when probing ended)', recovered, !outage ? 'no try failed after RDS started the failover: none to recover' : outage.recovered ? 'recovered' : 'NOT recovered'),
        endsHealthy(o),
      ];
      const underWay = stillUnderWay(o);
      const checked = gatedAll(
        [
          [azFieldsCaughtUp(o), [primaryMoved(o), ...(underWay ? clientsBack : [])]],
          [eventsReadable(o), [completionLogged(o)]],
          ...(underWay ? [] : [[recoveryJudgeable(o), clientsBack] as const]),
        ],
        [expectThat('the engine is not Aurora', !aurora, engine)],
      );
      return {
        observed: `RDS for ${engine}${aurora ? ' (Aurora!)' : ', not Aurora'}, ${triggerText(o)}: ${eventsText(o)}; ${azMove(o)}; ${downtimeText('clients', o.answers, o)}. For comparison AWS documents Aurora at under 60 s (often under 30 s) and Multi-AZ DB clusters at under 35 s.`,
        method: `${FAILOVER_METHOD}. ${TRIGGER_LIMIT}: "automatically" is judged as RDS promoting the standby and moving DNS with no step of yours after the request`,
        notExercised: NOT_EXERCISED,
        figures: failoverFigures(o, ['downtime', 'serverSide', 'settled']),
        preconditions: [failoverAttempted(o), beganPrecondition(o), ...checked.preconditions],
        expectations: checked.expectations,
      };
    }),
  },
  'A1.multi-az-is-not-multi-region': {
    offline: (f: Facts): Judgement => {
      const db = f.database;
      return {
        observed: `${describeDatabase(db)}: one writable endpoint, nothing in another Region`,
        method: 'template: one DB instance, no read replica (SourceDBInstanceIdentifier, SourceRegion), no DB cluster',
        expectations: [isMultiAz(db.multiAz), expectEqual('read replicas', 0, db.replicas), expectEqual('in a DB cluster', false, db.inCluster)],
      };
    },
    // No live check: every fact DescribeDBInstances could show (Multi-AZ, both AZs in the instance's
    // Region, no read replica, no DB cluster, one endpoint address) follows from this template and
    // from what a DB instance is, so no response could contradict the truth (REVIEW.md §4). The
    // claim's point (Multi-AZ is not multi-Region) is settled by the template and the cited pages.
  },
} satisfies Record<string, ClaimCheck<Facts>>;
