/**
 * The checks of I2, A1, A19, A36 and A47 (their DynamoDB claims), keyed by catalog claim id: the
 * template evidence that the lab is built to show each claim, and the judgement of what DynamoDB
 * answered in each Region. The claims' text lives in the catalog.
 */
import { mrscLayoutProblem, mrscRegionSetOf } from '../../lib/database/mrsc-region-sets';
import { decisive, type Expectation, type Figure, expectAtLeast, expectEqual, expectThat, type Judgement, type Precondition, requires } from '../../lib/lab-kit/checks/judgement';
import { type ClaimCheck, live } from '../../lib/lab-kit/checks/lab-definition';
import type { Facts, GlobalTableFacts } from './facts';
import {
  CONDITIONAL_CHECK_FAILED,
  type ConflictObservation,
  type ConflictRound,
  conflicts,
  type Cleanup,
  idempotency,
  type IdempotencyObservation,
  median,
  onlyAttribute,
  POLL_MS,
  quantile,
  READ_UNIT_PAIRS,
  readUnits,
  type ReadUnitsObservation,
  replication,
  type ReplicationObservation,
  strongReads,
  type StrongReadsObservation,
} from './observe';

/** At least this many strong reads in other Regions for a zero-stale count to mean something: with 40, zero stale bounds the stale rate below 7.2 % (95 %, exact binomial). */
export const MIN_STRONG_READS = 40;
/** At least this many replicated writes for a delay distribution. */
export const MIN_REPLICATED_WRITES = 10;
/** At least this many rounds whose two updates conflicted, as the surviving item shows (one only_ attribute): a few rounds of evidence, the lab's own minimum. */
export const MIN_CONFLICTS = 3;

/**
 * Read units per request for an item up to 4 KB: "A strongly consistent read request of an item up
 * to 4 KB requires one read unit. An eventually consistent read request of an item up to 4 KB
 * requires one-half read unit." ("DynamoDB read and write operations",
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html).
 */
export const EVENTUAL_READ_UNITS = 0.5;
export const STRONG_READ_UNITS = 1;
const FOUR_KB = 4096;

/** What each claim says that a passing live run does not exercise. */
export const NOT_EXERCISED = {
  'A47.global-tables-support-mrsc-since-2025': 'a Region failure (MRSC keeps serving in the two Regions left); the witness layout (the lab has three replicas); reads issued concurrently with the write rather than after its acknowledgement',
  'A1.global-tables-offer-mrsc-strong-consistency': "the claim's other half, MREC's own conflict resolution, is A19.mrec-resolves-conflicts-last-writer-wins's run",
  'A19.replicas-serve-local-reads-and-writes': 'writes from Regions other than the stack Region (the MRSC rounds write from each); the ReplicationLatency metric; user traffic routed to the nearest Region',
  'A19.mrec-resolves-conflicts-last-writer-wins': "which write DynamoDB considers the last: it decides by its own timestamps, which no API returns, so the run shows that exactly one acknowledged write survives in every Region, not why that one",
  'I2.dynamodb-strong-reads-cost-double': "that an eventually consistent read can be stale: within one Region it rarely is, so the run counts stale reads without requiring one; strong reads on global secondary indexes (refused by DynamoDB; the lab's tables have none)",
  'A36.conditional-put-makes-writes-idempotent': 'version attributes for optimistic locking, and TransactWriteItems client tokens',
} as const;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const ms = (v: number | undefined) => (v === undefined ? 'none' : `${Math.round(v)} ms`);
const listed = (xs: readonly string[]) => (xs.length ? xs.join(', ') : 'none');

/** The one-sided 95 % upper bound of a rate when 0 of n trials succeeded (exact binomial, Clopper–Pearson: 1 − 0.05^(1/n)). */
export function zeroOfNUpperBound(n: number): number {
  return n > 0 ? 1 - Math.pow(0.05, 1 / n) : 1;
}

function cleanupPrecondition(c: Cleanup): Precondition {
  return requires('every item the run wrote was deleted', c.failed.length === 0, c.failed.length ? listed(c.failed) : `${c.deleted} key(s) deleted`);
}

function distribution(name: string, xs: readonly number[]): Figure[] {
  return [
    { name: `${name} median`, value: Math.round(median(xs) ?? NaN), unit: 'ms' },
    { name: `${name} p90`, value: Math.round(quantile(xs, 0.9) ?? NaN), unit: 'ms' },
    { name: `${name} spread (max - min)`, value: xs.length ? Math.round(Math.max(...xs) - Math.min(...xs)) : NaN, unit: 'ms' },
  ];
}

// ---------------------------------------------------------------------------------------------
// Offline: the template
// ---------------------------------------------------------------------------------------------

function sameRegions(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}

function tableLine(t: GlobalTableFacts): string {
  return `${t.type} ${t.logicalId}: MultiRegionConsistency ${t.multiRegionConsistency ?? 'absent (EVENTUAL)'}, replicas ${listed(t.replicaRegions)}, witness ${listed(t.witnessRegions)}, billing ${t.billingMode ?? 'absent (PROVISIONED)'}`;
}

function everyReplicaTagged(t: GlobalTableFacts): Expectation {
  const untagged = t.replicaRegions.filter((r) => t.labTagByRegion[r] === undefined);
  return expectThat('every replica tagged lab=<id> (labs leftovers finds an orphaned one in its Region)', untagged.length === 0, untagged.length ? `untagged in ${listed(untagged)}` : 'all tagged');
}

function mrscOffline(f: Facts): Judgement {
  const t = f.mrsc;
  const problem = mrscLayoutProblem(t.replicaRegions, t.witnessRegions[0]);
  return {
    observed: tableLine(t),
    method: 'template: the MrscTableName global table (Replicas, GlobalTableWitnesses, MultiRegionConsistency) and the Regions output',
    expectations: [
      expectEqual('MultiRegionConsistency', 'STRONG', t.multiRegionConsistency),
      expectThat('three replicas, or two and a witness, in one MRSC Region set', problem === undefined, problem ? `no: needs ${problem}` : `yes (${mrscRegionSetOf([...t.replicaRegions, ...t.witnessRegions])} set)`),
      expectThat('three replicas, so a write in one Region can be read in two others', t.replicaRegions.length === 3, String(t.replicaRegions.length)),
      expectThat('the replicas are the Regions the checks call (the Regions output)', sameRegions(t.replicaRegions, f.regionsOutput), `replicas ${listed(t.replicaRegions)}; output ${listed(f.regionsOutput)}`),
      expectEqual('BillingMode', 'PAY_PER_REQUEST', t.billingMode),
      everyReplicaTagged(t),
    ],
  };
}

function mrecOffline(f: Facts, what: 'replication' | 'conflicts'): Judgement {
  const t = f.mrec;
  const mode = t.multiRegionConsistency ?? 'EVENTUAL';
  const expectations = [
    expectEqual('MultiRegionConsistency (EVENTUAL when absent)', 'EVENTUAL', mode),
    expectAtLeast('replica Regions', 2, t.replicaRegions.length),
    expectThat('the replicas are the Regions the checks call (the Regions output)', sameRegions(t.replicaRegions, f.regionsOutput), `replicas ${listed(t.replicaRegions)}; output ${listed(f.regionsOutput)}`),
    expectEqual('BillingMode', 'PAY_PER_REQUEST', t.billingMode),
    everyReplicaTagged(t),
  ];
  if (what === 'conflicts') expectations.push(expectThat('no witness (MREC has none: conflicts resolve by last writer wins)', t.witnessRegions.length === 0, listed(t.witnessRegions)));
  return { observed: tableLine(t), method: 'template: the MrecTableName global table and the Regions output', expectations };
}

function oneTableOffline(f: Facts, what: 'read-units' | 'idempotency'): Judgement {
  const t = f.mrec;
  const expectations = [
    expectEqual('BillingMode (on-demand: read request units are billed per request)', 'PAY_PER_REQUEST', t.billingMode),
    expectEqual('partition key (the attribute the checks key items by)', 'pk S', t.partitionKey ? `${t.partitionKey.name} ${t.partitionKey.type}` : undefined),
  ];
  if (what === 'idempotency') expectations.push(expectEqual('DeletionPolicy (the table holds only probe items)', 'Delete', t.deletionPolicy));
  return { observed: tableLine(t), method: 'template: the MrecTableName global table (its stack-Region replica)', expectations };
}

// ---------------------------------------------------------------------------------------------
// Live
// ---------------------------------------------------------------------------------------------

/** Strong reads in other Regions right after an MRSC write: stale ones must be zero. */
export function judgeStrongReads(o: StrongReadsObservation, claim: 'A47' | 'A1'): Judgement {
  const written = o.rounds.filter((r) => !r.mrscWriteError);
  const reads = written.flatMap((r) => r.reads.filter((x) => !x.error).map((x) => ({ ...x, expected: r.version })));
  const stale = reads.filter((x) => x.version === undefined || x.version < x.expected);
  const readErrors = written.flatMap((r) => r.reads.filter((x) => x.error).map((x) => `${x.region}: ${x.error}`));
  const writeErrors = o.rounds.filter((r) => r.mrscWriteError).map((r) => `round ${r.round} in ${r.writeRegion}: ${r.mrscWriteError}`);
  const bound = zeroOfNUpperBound(reads.length);
  const figures: Figure[] = [
    { name: 'strong reads in another Region', value: reads.length, unit: 'reads' },
    { name: 'stale strong reads', value: stale.length, unit: 'reads' },
    ...(stale.length === 0 ? [{ name: 'stale rate, 95 % upper bound (exact binomial, 0 of n)', value: Number((100 * bound).toFixed(2)), unit: '%' }] : []),
  ];
  const perRegion: string[] = [];
  for (const region of o.regions) {
    const mine = o.rounds.filter((r) => r.writeRegion === region);
    const mrsc = mine.filter((r) => !r.mrscWriteError).map((r) => r.mrscWriteMs);
    const mrec = mine.filter((r) => !r.mrecWriteError).map((r) => r.mrecWriteMs);
    figures.push(...distribution(`MRSC write latency from ${region}`, mrsc), ...distribution(`MREC write latency from ${region}`, mrec));
    const extra = (median(mrsc) ?? NaN) - (median(mrec) ?? NaN);
    figures.push({ name: `MRSC minus MREC median write latency, ${region}`, value: Math.round(extra), unit: 'ms' });
    perRegion.push(`${region} ${ms(median(mrsc))} vs ${ms(median(mrec))}`);
  }
  return {
    observed:
      `${o.rounds.length} rounds: ${reads.length} strongly consistent reads in another Region right after the MRSC write was acknowledged, ${stale.length} stale` +
      (stale.length ? ` (${stale.slice(0, 3).map((x) => `${x.region} returned ${x.version ?? 'no item'} after version ${x.expected}`).join('; ')})` : '') +
      `. Median write latency MRSC vs MREC: ${perRegion.join('; ')} (round trips from your machine).`,
    method:
      'DescribeTable (Table.MultiRegionConsistency); per round, PutItem v=round on the MRSC table in one Region (round-robin), then GetItem ConsistentRead=true in each other Region; ' +
      'the same PutItem on the MREC table for the latency comparison; DeleteItem of every key at the end',
    figures,
    preconditions: [
      requires('the MRSC table reports MultiRegionConsistency STRONG (DescribeTable)', o.mrscConsistency === 'STRONG', o.mrscConsistency ?? 'absent'),
      requires(`at least ${MIN_STRONG_READS} strong reads in another Region answered`, reads.length >= MIN_STRONG_READS, `${reads.length}${readErrors.length ? `; errors: ${listed(readErrors.slice(0, 3))}` : ''}${writeErrors.length ? `; write errors: ${listed(writeErrors.slice(0, 3))}` : ''}`),
      requires('strong reads answered in every replica Region (each is read after the writes of the others)', o.regions.every((r) => reads.some((x) => x.region === r)), listed([...new Set(reads.map((x) => x.region))])),
      cleanupPrecondition(o.cleanup),
    ],
    expectations: [
      decisive(expectEqual(claim === 'A47' ? 'stale strongly consistent reads in other Regions' : 'strong reads in another Region that missed the latest write (no application conflict logic involved)', 0, stale.length)),
    ],
    notExercised: claim === 'A47' ? NOT_EXERCISED['A47.global-tables-support-mrsc-since-2025'] : NOT_EXERCISED['A1.global-tables-offer-mrsc-strong-consistency'],
  };
}

/** MREC writes reach the other Regions; the delay as a distribution. */
export function judgeReplication(o: ReplicationObservation): Judgement {
  const arrivals = o.rounds.flatMap((r) => r.arrivals);
  const seen = arrivals.filter((a) => a.seenWithinMs !== undefined);
  const unseen = arrivals.filter((a) => a.seenWithinMs === undefined && !a.error);
  const errors = arrivals.filter((a) => a.error).map((a) => `${a.region}: ${a.error}`);
  const within = seen.map((a) => a.seenWithinMs as number);
  const withinOneSecond = within.filter((x) => x <= 1000).length;
  return {
    observed:
      `${seen.length} of ${arrivals.length} replicated writes seen in the other Regions within the lab's ${o.waitMs / 1000} s wait; upper bound of the delay median ${ms(median(within))}, p90 ${ms(quantile(within, 0.9))}; ` +
      `${withinOneSecond} of ${seen.length} within 1 s (the documented "typically" figure, reported, not judged).`,
    method: `PutItem on the MREC table in ${o.regions[0]}, then GetItem ConsistentRead=true in each other Region every ${POLL_MS} ms until the version arrives; the delay lies between the last poll that missed it and the response of the first that saw it`,
    figures: [
      { name: 'replicated writes observed', value: seen.length, unit: 'writes' },
      ...distribution('replication delay, upper bound', within),
      { name: 'replication delay, lower bound median', value: Math.round(median(seen.map((a) => a.notSeenAtMs ?? 0)) ?? NaN), unit: 'ms' },
      { name: 'seen within 1 s', value: withinOneSecond, unit: 'writes' },
    ],
    preconditions: [
      requires(`at least ${MIN_REPLICATED_WRITES} writes acknowledged and polled`, arrivals.length - errors.length >= MIN_REPLICATED_WRITES, `${arrivals.length - errors.length}${errors.length ? `; errors: ${listed(errors.slice(0, 3))}` : ''}`),
      requires(`every write seen in every other Region within the lab's ${o.waitMs / 1000} s wait (its bound, not a documented one)`, unseen.length === 0, unseen.length ? `${unseen.length} not seen: ${listed(unseen.slice(0, 3).map((a) => a.region))}` : 'all seen'),
      cleanupPrecondition(o.cleanup),
    ],
    expectations: [expectThat('every acknowledged write in one Region readable in each other Region', seen.length > 0 && unseen.length === 0, `${seen.length} of ${arrivals.length - errors.length}`)],
    notExercised: NOT_EXERCISED['A19.replicas-serve-local-reads-and-writes'],
  };
}

/**
 * How one round ended, read from the item both Regions agreed on (never from your machine's clock):
 * - `resolved`: exactly one `only_<region>` attribute, and `writer` from the same update: the two
 *   updates conflicted and one whole item won (last writer wins, per item);
 * - `sequential`: both `only_` attributes, and one update found the other's already there
 *   (ReturnValues ALL_OLD): the second applied on top of the first, no conflict (not exercised);
 * - `merged`: both `only_` attributes though neither update found the other's: concurrent updates
 *   combined attribute by attribute, which per-item resolution never does;
 * - `mixed`: one `only_` attribute but `writer` from the other update (parts of both writes);
 * - `lost`: no `only_` attribute: both acknowledged updates gone.
 */
export type ConflictOutcome = 'resolved' | 'sequential' | 'merged' | 'mixed' | 'lost';

export function conflictOutcome(r: ConflictRound, regions: readonly string[]): ConflictOutcome {
  const final = r.finals[0];
  const survivors = regions.filter((region) => final.attributes.includes(onlyAttribute(region)));
  if (survivors.length === 0) return 'lost';
  if (survivors.length === 1) return final.writer === survivors[0] ? 'resolved' : 'mixed';
  // Without both old images (UpdateItem leaves Attributes out when nothing was returned) a merge cannot be told from a sequence: not counted.
  if (r.writes.some((w) => w.before === undefined)) return 'sequential';
  const sawOther = r.writes.some((w) => regions.some((other) => other !== w.region && (w.before ?? []).includes(onlyAttribute(other))));
  return sawOther ? 'sequential' : 'merged';
}

/** Concurrent updates of one item in two Regions: both acknowledged, one whole item survives, the same in both Regions, never a merge. */
export function judgeConflicts(o: ConflictObservation): Judgement {
  const [a, b] = o.regions;
  const seeded = o.rounds.filter((r) => r.seeded);
  const written = seeded.filter((r) => r.writes.length === 2 && r.writes.every((w) => !w.error) && !r.error);
  const agreed = written.filter((r) => r.agreedAfterMs !== undefined);
  const outcomes = agreed.map((r) => ({ r, outcome: conflictOutcome(r, o.regions) }));
  const count = (x: ConflictOutcome) => outcomes.filter((y) => y.outcome === x).length;
  const resolved = outcomes.filter((x) => x.outcome === 'resolved').map((x) => x.r);
  const wrong = outcomes.filter((x) => x.outcome === 'merged' || x.outcome === 'mixed' || x.outcome === 'lost');
  const aWins = resolved.filter((r) => r.finals[0].writer === a).length;
  const bWins = resolved.filter((r) => r.finals[0].writer === b).length;
  const laterAckWins = resolved.filter((r) => r.finals[0].writer === [...r.writes].sort((x, y) => y.ackAt - x.ackAt)[0].region).length;
  const errors = o.rounds.flatMap((r) => [...r.writes.filter((w) => w.error).map((w) => `round ${r.round} in ${w.region}: ${w.error}`), ...(r.error ? [`round ${r.round}: ${r.error}`] : [])]);
  return {
    observed:
      `${o.rounds.length} rounds, ${seeded.length} with the seeded item in both Regions first; ${agreed.length} ended with both Regions holding the same item: ` +
      `${count('resolved')} conflicts resolved to one whole write (${a} won ${aWins}, ${b} won ${bWins}), ${count('sequential')} applied one after the other (no conflict), ` +
      `${count('merged')} merged, ${count('mixed')} mixed, ${count('lost')} lost both writes. Convergence took a median ${ms(median(agreed.map((r) => r.agreedAfterMs as number)))} after the later acknowledgement.`,
    method:
      `per round, PutItem of a new key in ${a}, GetItem ConsistentRead=true in ${b} until it arrives (the lab's ${o.waitMs / 1000} s bound); then UpdateItem SET writer = <Region>, only_<Region> = true (ReturnValues ALL_OLD) in ${a} and ${b} sent together; ` +
      'then GetItem ConsistentRead=true in both Regions until they hold the same item. One only_ attribute with the writer of the same update: the updates conflicted and one whole item won; both, with one update having found the other: no conflict (not counted)',
    figures: [
      { name: 'conflicts resolved to one whole write', value: count('resolved'), unit: 'rounds' },
      { name: 'rounds applied one after the other (no conflict)', value: count('sequential'), unit: 'rounds' },
      { name: `${a} write survived`, value: aWins, unit: 'rounds' },
      { name: `${b} write survived`, value: bWins, unit: 'rounds' },
      // Not a test of last writer wins: DynamoDB compares its own internal timestamps of the writes
      // ("the item with the most recent internal timestamp", "How DynamoDB global tables work",
      // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html),
      // which no API returns; when your machine saw each acknowledgement depends on its network path.
      { name: 'informational, not a test of last writer wins: the write your machine saw acknowledged later survived', value: laterAckWins, unit: 'rounds' },
      ...distribution('time to agree after the later acknowledgement', agreed.map((r) => r.agreedAfterMs as number)),
    ],
    preconditions: [
      requires(`the seeded item reached ${b} within the lab's ${o.waitMs / 1000} s wait in every round (both Regions update an item they hold)`, seeded.length === o.rounds.length, `${seeded.length} of ${o.rounds.length}${errors.length ? `; errors: ${listed(errors.slice(0, 3))}` : ''}`),
      requires(`both Regions held the same item within the lab's ${o.waitMs / 1000} s wait in every round with both updates acknowledged`, written.length > 0 && agreed.length === written.length, `${agreed.length} of ${written.length}`),
      requires(`at least ${MIN_CONFLICTS} rounds where the updates conflicted (one only_ attribute survived; rounds applied one after the other do not count)`, resolved.length + wrong.length >= MIN_CONFLICTS, `${resolved.length + wrong.length} of ${agreed.length}`),
      cleanupPrecondition(o.cleanup),
    ],
    expectations: [
      decisive(expectEqual('rounds whose surviving item combined the two concurrent updates (merged, mixed) or kept neither (lost): last writer wins keeps one whole item', 0, wrong.length)),
      expectThat('every conflict ended with one whole write, the same in both Regions, though both were acknowledged', resolved.length > 0 && wrong.length === 0, `${resolved.length} of ${resolved.length + wrong.length}${wrong.length ? `; ${wrong.slice(0, 3).map((x) => `round ${x.r.round} ${x.outcome}: ${listed(x.r.finals[0].attributes)}`).join('; ')}` : ''}`),
    ],
    notExercised: NOT_EXERCISED['A19.mrec-resolves-conflicts-last-writer-wins'],
  };
}

/** Read units: 0.5 for an eventual read, 1 for a strong one (item under 4 KB); strong reads never stale within the Region. */
export function judgeReadUnits(o: ReadUnitsObservation): Judgement {
  const all = [...o.eventualUnits, ...o.strongUnits];
  const missing = all.filter((u) => u === undefined).length;
  const s = o.staleness;
  return {
    observed:
      `Eventually consistent GetItems consumed ${listed(o.eventualUnits.map(String))} read units, strongly consistent ones ${listed(o.strongUnits.map(String))} (item ${o.itemBytes} bytes). ` +
      `Reading right after writing in ${o.region}: ${s.staleEventual} of ${s.rounds} eventual reads stale, ${s.staleStrong} of ${s.rounds} strong reads stale.`,
    method: `GetItem with ReturnConsumedCapacity TOTAL, ConsistentRead false and true, ${READ_UNIT_PAIRS} pairs (ConsumedCapacity.CapacityUnits); then ${s.rounds} rounds of PutItem v then GetItem eventual and strong in the same Region`,
    figures: [
      { name: 'eventual read units per GetItem', value: o.eventualUnits[0] ?? NaN, unit: 'RRU' },
      { name: 'strong read units per GetItem', value: o.strongUnits[0] ?? NaN, unit: 'RRU' },
      { name: 'stale eventual reads (not required: rare within a Region)', value: s.staleEventual, unit: 'reads' },
      { name: 'stale strong reads', value: s.staleStrong, unit: 'reads' },
    ],
    preconditions: [
      requires('every GetItem returned ConsumedCapacity', missing === 0, missing ? `${missing} without it` : 'all'),
      requires('the item is under 4 KB (one read unit for a strong read)', o.itemBytes < FOUR_KB, `${o.itemBytes} bytes`),
      cleanupPrecondition(o.cleanup),
    ],
    expectations: [
      decisive(expectThat(`every eventually consistent read consumed ${EVENTUAL_READ_UNITS} read units`, o.eventualUnits.every((u) => u === undefined || u === EVENTUAL_READ_UNITS), listed(o.eventualUnits.map(String)), String(EVENTUAL_READ_UNITS))),
      decisive(expectThat(`every strongly consistent read consumed ${STRONG_READ_UNITS} read unit (twice)`, o.strongUnits.every((u) => u === undefined || u === STRONG_READ_UNITS), listed(o.strongUnits.map(String)), String(STRONG_READ_UNITS))),
      decisive(expectEqual('strongly consistent reads older than the write just acknowledged in the same Region', 0, s.staleStrong)),
    ],
    notExercised: NOT_EXERCISED['I2.dynamodb-strong-reads-cost-double'],
  };
}

/** A repeated conditional put with the same idempotency key is rejected and changes nothing. */
export function judgeIdempotency(o: IdempotencyObservation): Judgement {
  return {
    observed: `First PutItem with attribute_not_exists(pk): ${o.first}; the same key again: ${o.repeat}; the item's payload afterwards: ${o.payloadAfter ?? 'no item'}.`,
    method: `PutItem with ConditionExpression attribute_not_exists(pk) twice with one key in ${o.region}, then GetItem ConsistentRead=true, then DeleteItem`,
    preconditions: [requires('the first conditional put succeeded (the key was new)', o.first === 'ok', o.first), cleanupPrecondition(o.cleanup)],
    expectations: [
      decisive(expectEqual('the repeated put with the same key', CONDITIONAL_CHECK_FAILED, o.repeat)),
      expectEqual("the item's payload after the repeat", 'first request', o.payloadAfter),
    ],
    notExercised: NOT_EXERCISED['A36.conditional-put-makes-writes-idempotent'],
  };
}

/** One entry per catalog claim the lab settles: an offline check, and a live one where AWS can show it. */
export const CHECKS: Record<string, ClaimCheck<Facts>> = {
  'I2.dynamodb-strong-reads-cost-double': { offline: (f) => oneTableOffline(f, 'read-units'), live: live(readUnits, judgeReadUnits) },
  'A1.global-tables-offer-mrsc-strong-consistency': { offline: mrscOffline, live: live(strongReads, (o) => judgeStrongReads(o, 'A1')) },
  'A19.replicas-serve-local-reads-and-writes': { offline: (f) => mrecOffline(f, 'replication'), live: live(replication, judgeReplication) },
  'A19.mrec-resolves-conflicts-last-writer-wins': { offline: (f) => mrecOffline(f, 'conflicts'), live: live(conflicts, judgeConflicts) },
  'A36.conditional-put-makes-writes-idempotent': { offline: (f) => oneTableOffline(f, 'idempotency'), live: live(idempotency, judgeIdempotency) },
  'A47.global-tables-support-mrsc-since-2025': { offline: mrscOffline, live: live(strongReads, (o) => judgeStrongReads(o, 'A47')) },
};
