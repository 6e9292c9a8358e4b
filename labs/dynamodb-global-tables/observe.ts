/**
 * The lab's observations: DynamoDB calls from your machine to each replica Region's endpoint
 * (DynamoDB has no global endpoint: "All requests are made to a Regional endpoint", "Overview of
 * global tables", https://docs.aws.amazon.com/prescriptive-guidance/latest/dynamodb-global-tables/overview.html).
 *
 * Every item is written under a key of this run (`<runId>#...`) and deleted in `finally`, even when
 * a step fails; the cleanup is recorded. Shapes follow the DynamoDB API Reference: GetItem's `Item`
 * is absent when there is no item, `ConsumedCapacity` is returned only when asked for
 * ("GetItem", https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GetItem.html),
 * DescribeTable's `Table.MultiRegionConsistency` is `EVENTUAL` or `STRONG`
 * ("TableDescription", https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TableDescription.html).
 */
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { observationsOf, type ObserveContext } from '../../lib/lab-kit/checks/lab-definition';
import { OUTPUTS } from './outputs';

const observe = observationsOf(OUTPUTS);

/**
 * The error DynamoDB returns when a condition expression is false: "ConditionalCheckFailedException
 * ... A condition specified in the operation failed to be evaluated" ("PutItem", Errors,
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html).
 */
export const CONDITIONAL_CHECK_FAILED = 'ConditionalCheckFailedException';

/** How long the lab polls for a replicated write or for two Regions to agree: its own bound, not a documented figure (a write unseen by then makes the check inconclusive, never failed). */
export const REPLICATION_WAIT_MS = 30_000;
/** Pause between polls of another Region (each poll is itself a cross-Region round trip from your machine). */
export const POLL_MS = 20;

/** Rounds of each experiment: `--rounds=N` scales the MRSC rounds; the others are fixed fractions. */
export const DEFAULT_ROUNDS = 30;

/** A run id for item keys: epoch milliseconds and a random suffix. */
export function newRunId(now: number): string {
  return `run-${now}-${Math.random().toString(36).slice(2, 8)}`;
}

/** One DynamoDB client per Region, with the lab's credentials. */
async function clients(ctx: ObserveContext, regions: readonly string[]): Promise<Record<string, DynamoDBClient>> {
  const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
  return Object.fromEntries(regions.map((region) => [region, new DynamoDBClient({ ...ctx.aws, region })]));
}

/** The Regions output, primary first. */
export function regionsOf(output: string): string[] {
  const regions = output.split(',').map((s) => s.trim()).filter(Boolean);
  if (regions.length < 2) throw new Error(`the Regions output is ${JSON.stringify(output)}: expected two or more Region names, comma-separated`);
  return regions;
}

/** The error's name (`ConditionalCheckFailedException`), as the SDK sets it from the response. */
export function errorName(error: unknown): string {
  return (error as { name?: string })?.name ?? String(error);
}

/** The `v` attribute of an item as a number; undefined without the item or the attribute. */
export function versionOf(item: Record<string, AttributeValue> | undefined): number | undefined {
  const n = item?.v?.N;
  return n === undefined ? undefined : Number(n);
}

const median = (xs: readonly number[]) => quantile(xs, 0.5);
/** The q-quantile by the nearest-rank method; undefined for no values. */
export function quantile(xs: readonly number[], q: number): number | undefined {
  if (xs.length === 0) return undefined;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
export { median };

/** What the cleanup did: the keys deleted, and any deletion that failed (`key in region: Error`). */
export interface Cleanup {
  readonly deleted: number;
  readonly failed: readonly string[];
}

async function deleteAll(client: DynamoDBClient, table: string, keys: readonly string[], region: string): Promise<Cleanup> {
  const { DeleteItemCommand } = await import('@aws-sdk/client-dynamodb');
  const failed: string[] = [];
  let deleted = 0;
  for (const key of keys) {
    try {
      await client.send(new DeleteItemCommand({ TableName: table, Key: { pk: { S: key } } }));
      deleted++;
    } catch (error) {
      failed.push(`${key} in ${region}: ${errorName(error)}`);
    }
  }
  return { deleted, failed };
}

async function timed<T>(ctx: ObserveContext, f: () => Promise<T>): Promise<{ value?: T; error?: string; sentAt: number; doneAt: number }> {
  const sentAt = ctx.now();
  try {
    const value = await f();
    return { value, sentAt, doneAt: ctx.now() };
  } catch (error) {
    return { error: errorName(error), sentAt, doneAt: ctx.now() };
  }
}

// ---------------------------------------------------------------------------------------------
// MRSC: write in one Region, read strongly in the others at once; MREC write latency beside it
// ---------------------------------------------------------------------------------------------

export interface StrongRead {
  readonly region: string;
  /** The version the read returned; absent when the item was not there (a stale read too). */
  readonly version?: number;
  readonly ms: number;
  /** How long after the write's acknowledgement the read was sent. */
  readonly sentAfterAckMs: number;
  readonly error?: string;
}

export interface MrscRound {
  readonly round: number;
  readonly writeRegion: string;
  /** The version written (rounds count up from 1, so an older version is a stale read). */
  readonly version: number;
  readonly mrscWriteMs: number;
  readonly mrscWriteError?: string;
  readonly mrecWriteMs: number;
  readonly mrecWriteError?: string;
  readonly reads: readonly StrongRead[];
}

export interface StrongReadsObservation {
  readonly regions: readonly string[];
  /** DescribeTable in the stack Region: Table.MultiRegionConsistency of each table as returned. */
  readonly mrscConsistency?: string;
  readonly mrecConsistency?: string;
  readonly rounds: readonly MrscRound[];
  readonly cleanup: Cleanup;
}

/**
 * Rounds of: PutItem `v = round` on the MRSC table in one Region (round-robin), then at once a
 * GetItem with `ConsistentRead: true` in each other Region; a read returning an older version, or
 * none, is stale. The same PutItem on the MREC table in the same Region gives the write latency to
 * compare. Latencies are client-side round trips from your machine (they include your network).
 */
export const strongReads = observe({
  name: 'mrsc-strong-reads',
  outputs: ['MrscTableName', 'MrecTableName', 'Regions'],
  async observe(ctx): Promise<StrongReadsObservation> {
    const { DescribeTableCommand, GetItemCommand, PutItemCommand } = await import('@aws-sdk/client-dynamodb');
    const regions = regionsOf(ctx.outputs.Regions);
    const ddb = await clients(ctx, regions);
    const runId = newRunId(ctx.now());
    const mrscKey = `${runId}#mrsc`;
    const mrecKey = `${runId}#mrec-latency`;
    const n = Number(ctx.options.rounds ?? DEFAULT_ROUNDS);
    const rounds: MrscRound[] = [];
    let mrscConsistency: string | undefined;
    let mrecConsistency: string | undefined;
    let cleanup: Cleanup = { deleted: 0, failed: [] };
    try {
      const describe = async (table: string) => (await ddb[regions[0]].send(new DescribeTableCommand({ TableName: table }))).Table?.MultiRegionConsistency;
      mrscConsistency = await describe(ctx.outputs.MrscTableName);
      mrecConsistency = await describe(ctx.outputs.MrecTableName);
      for (let round = 1; round <= n; round++) {
        const writeRegion = regions[(round - 1) % regions.length];
        const put = (table: string, key: string) => ddb[writeRegion].send(new PutItemCommand({ TableName: table, Item: { pk: { S: key }, v: { N: String(round) }, region: { S: writeRegion } } }));
        const w = await timed(ctx, () => put(ctx.outputs.MrscTableName, mrscKey));
        const reads: StrongRead[] = [];
        if (!w.error) {
          for (const region of regions.filter((r) => r !== writeRegion)) {
            const r = await timed(ctx, () => ddb[region].send(new GetItemCommand({ TableName: ctx.outputs.MrscTableName, Key: { pk: { S: mrscKey } }, ConsistentRead: true })));
            reads.push({ region, ...(r.value ? { version: versionOf(r.value.Item) } : {}), ms: r.doneAt - r.sentAt, sentAfterAckMs: r.sentAt - w.doneAt, ...(r.error ? { error: r.error } : {}) });
          }
        }
        const m = await timed(ctx, () => put(ctx.outputs.MrecTableName, mrecKey));
        rounds.push({ round, writeRegion, version: round, mrscWriteMs: w.doneAt - w.sentAt, ...(w.error ? { mrscWriteError: w.error } : {}), mrecWriteMs: m.doneAt - m.sentAt, ...(m.error ? { mrecWriteError: m.error } : {}), reads });
        if (round % 10 === 0) ctx.progress(`MRSC round ${round}/${n}`);
      }
    } finally {
      const a = await deleteAll(ddb[regions[0]], ctx.outputs.MrscTableName, [mrscKey], regions[0]);
      const b = await deleteAll(ddb[regions[0]], ctx.outputs.MrecTableName, [mrecKey], regions[0]);
      cleanup = { deleted: a.deleted + b.deleted, failed: [...a.failed, ...b.failed] };
    }
    return { regions, mrscConsistency, mrecConsistency, rounds, cleanup };
  },
});

// ---------------------------------------------------------------------------------------------
// MREC: how long a write takes to reach the other Regions
// ---------------------------------------------------------------------------------------------

export interface ReplicaArrival {
  readonly region: string;
  /** From the write's acknowledgement to the response of the first poll that saw it (an upper bound of the replication delay as seen from your machine). */
  readonly seenWithinMs?: number;
  /** From the acknowledgement to the sending of the last poll that did not see it (a lower bound). */
  readonly notSeenAtMs?: number;
  readonly polls: number;
  readonly error?: string;
}

export interface ReplicationRound {
  readonly round: number;
  readonly writeRegion: string;
  readonly writeError?: string;
  readonly arrivals: readonly ReplicaArrival[];
}

export interface ReplicationObservation {
  readonly regions: readonly string[];
  readonly waitMs: number;
  readonly rounds: readonly ReplicationRound[];
  readonly cleanup: Cleanup;
}

/** Polls one Region until the item has at least `version`, at most {@link REPLICATION_WAIT_MS} after `ackAt`. */
async function waitForVersion(ctx: ObserveContext, client: DynamoDBClient, table: string, key: string, version: number, ackAt: number, region: string): Promise<ReplicaArrival> {
  const { GetItemCommand } = await import('@aws-sdk/client-dynamodb');
  let polls = 0;
  let notSeenAtMs: number | undefined;
  for (;;) {
    const sentAt = ctx.now();
    let seen: number | undefined;
    try {
      // Strongly consistent within that Region: what the Region has applied, not an older copy.
      seen = versionOf((await client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: key } }, ConsistentRead: true }))).Item);
    } catch (error) {
      return { region, polls, ...(notSeenAtMs !== undefined ? { notSeenAtMs } : {}), error: errorName(error) };
    }
    polls++;
    if (seen !== undefined && seen >= version) return { region, seenWithinMs: ctx.now() - ackAt, ...(notSeenAtMs !== undefined ? { notSeenAtMs } : {}), polls };
    notSeenAtMs = sentAt - ackAt;
    if (ctx.now() - ackAt >= REPLICATION_WAIT_MS) return { region, notSeenAtMs, polls };
    await ctx.sleep(POLL_MS);
  }
}

/**
 * Rounds of: PutItem `v = round` on the MREC table in the stack Region, then poll every other
 * Region with strongly consistent GetItems until the version arrives (bounded). The delay is
 * bracketed: after the last poll that missed it, before the first that saw it.
 */
export const replication = observe({
  name: 'mrec-replication',
  outputs: ['MrecTableName', 'Regions'],
  async observe(ctx): Promise<ReplicationObservation> {
    const { PutItemCommand } = await import('@aws-sdk/client-dynamodb');
    const regions = regionsOf(ctx.outputs.Regions);
    const ddb = await clients(ctx, regions);
    const key = `${newRunId(ctx.now())}#replication`;
    const n = Math.max(10, Math.round(Number(ctx.options.rounds ?? DEFAULT_ROUNDS) * 2 / 3));
    const rounds: ReplicationRound[] = [];
    const writeRegion = regions[0];
    let cleanup: Cleanup = { deleted: 0, failed: [] };
    try {
      for (let round = 1; round <= n; round++) {
        const w = await timed(ctx, () => ddb[writeRegion].send(new PutItemCommand({ TableName: ctx.outputs.MrecTableName, Item: { pk: { S: key }, v: { N: String(round) } } })));
        const arrivals = w.error ? [] : await Promise.all(regions.slice(1).map((r) => waitForVersion(ctx, ddb[r], ctx.outputs.MrecTableName, key, round, w.doneAt, r)));
        rounds.push({ round, writeRegion, ...(w.error ? { writeError: w.error } : {}), arrivals });
        if (round % 5 === 0) ctx.progress(`MREC replication round ${round}/${n}`);
      }
    } finally {
      cleanup = await deleteAll(ddb[writeRegion], ctx.outputs.MrecTableName, [key], writeRegion);
    }
    return { regions, waitMs: REPLICATION_WAIT_MS, rounds, cleanup };
  },
});

// ---------------------------------------------------------------------------------------------
// MREC: concurrent writes to one item in two Regions
// ---------------------------------------------------------------------------------------------

export interface ConflictWrite {
  readonly region: string;
  readonly sentAt: number;
  readonly ackAt: number;
  /** The item's attribute names in this Region just before this update applied (UpdateItem ReturnValues ALL_OLD): whether the other Region's update had already arrived. */
  readonly before?: readonly string[];
  readonly error?: string;
}

export interface ConflictRound {
  readonly round: number;
  /** Whether the seeded item had replicated to the second Region before the updates (bounded wait); without it the round is not run. */
  readonly seeded: boolean;
  readonly writes: readonly ConflictWrite[];
  /** What each Region holds once they agree (or at the end of the wait): the shared `writer` attribute and the item's attribute names. */
  readonly finals: readonly { readonly region: string; readonly writer?: string; readonly attributes: readonly string[] }[];
  /** From the later acknowledgement until both Regions returned the same item; absent when they never agreed within the wait. */
  readonly agreedAfterMs?: number;
  readonly error?: string;
}

export interface ConflictObservation {
  readonly regions: readonly [string, string];
  readonly waitMs: number;
  readonly rounds: readonly ConflictRound[];
  readonly cleanup: Cleanup;
}

/** The attribute only `region`'s update sets: `only_us_east_1`. */
export function onlyAttribute(region: string): string {
  return `only_${region.replace(/-/g, '_')}`;
}

/**
 * Each Region's update of the seeded item: the shared attribute `writer` set to its Region name,
 * and an attribute only it sets. Applied one after the other, the second update keeps the first's
 * own attribute (UpdateItem edits attributes: "Edits an existing item's attributes", "UpdateItem",
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html); resolved
 * as one conflict per item, only the winner's two attributes remain ("concurrent updates ... based
 * on the item with the most recent internal timestamp on a per-item basis", "How DynamoDB global
 * tables work", https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html).
 */
export function conflictUpdate(table: string, key: string, region: string) {
  return {
    TableName: table,
    Key: { pk: { S: key } },
    UpdateExpression: 'SET #writer = :region, #only = :yes',
    ExpressionAttributeNames: { '#writer': 'writer', '#only': onlyAttribute(region) },
    ExpressionAttributeValues: { ':region': { S: region }, ':yes': { BOOL: true } },
    ReturnValues: 'ALL_OLD' as const,
  };
}

/**
 * Rounds of: PutItem a new key in the first Region and wait (bounded) until the second Region has
 * it, so both update an item they both hold; then one UpdateItem in each Region, sent together;
 * then both Regions read (strongly, each in its own Region) until they return the same item,
 * bounded. Whether the writes conflicted is read from the item, not from your machine's clock.
 */
export const conflicts = observe({
  name: 'mrec-conflicts',
  outputs: ['MrecTableName', 'Regions'],
  async observe(ctx): Promise<ConflictObservation> {
    const { GetItemCommand, PutItemCommand, UpdateItemCommand } = await import('@aws-sdk/client-dynamodb');
    const all = regionsOf(ctx.outputs.Regions);
    const regions: [string, string] = [all[0], all[1]];
    const ddb = await clients(ctx, regions);
    const runId = newRunId(ctx.now());
    const n = Math.max(5, Math.round(Number(ctx.options.rounds ?? DEFAULT_ROUNDS) / 3));
    const keys: string[] = [];
    const rounds: ConflictRound[] = [];
    const table = ctx.outputs.MrecTableName;
    let cleanup: Cleanup = { deleted: 0, failed: [] };
    try {
      for (let round = 1; round <= n; round++) {
        const key = `${runId}#conflict-${round}`;
        keys.push(key);
        const seed = await timed(ctx, () => ddb[regions[0]].send(new PutItemCommand({ TableName: table, Item: { pk: { S: key }, v: { N: '0' } } })));
        const arrival = seed.error ? undefined : await waitForVersion(ctx, ddb[regions[1]], table, key, 0, seed.doneAt, regions[1]);
        if (seed.error || arrival?.seenWithinMs === undefined) {
          rounds.push({ round, seeded: false, writes: [], finals: [], ...(seed.error || arrival?.error ? { error: seed.error ?? arrival?.error } : {}) });
          continue;
        }
        const writes = await Promise.all(regions.map(async (region) => {
          const w = await timed(ctx, () => ddb[region].send(new UpdateItemCommand(conflictUpdate(table, key, region))));
          return { region, sentAt: w.sentAt, ackAt: w.doneAt, ...(w.value ? { before: Object.keys(w.value.Attributes ?? {}).sort() } : {}), ...(w.error ? { error: w.error } : {}) };
        }));
        const lastAck = Math.max(...writes.map((w) => w.ackAt));
        let finals: ConflictRound['finals'] = [];
        let agreedAfterMs: number | undefined;
        let error: string | undefined;
        if (!writes.some((w) => w.error)) {
          for (;;) {
            try {
              finals = await Promise.all(regions.map(async (region) => {
                const item = (await ddb[region].send(new GetItemCommand({ TableName: table, Key: { pk: { S: key } }, ConsistentRead: true }))).Item;
                return { region, ...(item?.writer?.S ? { writer: item.writer.S } : {}), attributes: Object.keys(item ?? {}).sort() };
              }));
            } catch (e) {
              error = errorName(e);
              break;
            }
            // Agreed: the same writer and the same attributes in both Regions, after both updates landed in each.
            const same = finals.every((f) => f.writer !== undefined && f.writer === finals[0].writer && f.attributes.join() === finals[0].attributes.join());
            if (same) {
              agreedAfterMs = ctx.now() - lastAck;
              break;
            }
            if (ctx.now() - lastAck >= REPLICATION_WAIT_MS) break;
            await ctx.sleep(POLL_MS * 5);
          }
        }
        rounds.push({ round, seeded: true, writes, finals, ...(agreedAfterMs !== undefined ? { agreedAfterMs } : {}), ...(error ? { error } : {}) });
      }
      ctx.progress(`MREC conflicts: ${n} rounds`);
    } finally {
      cleanup = await deleteAll(ddb[regions[0]], table, keys, regions[0]);
    }
    return { regions, waitMs: REPLICATION_WAIT_MS, rounds, cleanup };
  },
});

// ---------------------------------------------------------------------------------------------
// One Region: read units of eventual and strong reads, and staleness
// ---------------------------------------------------------------------------------------------

export interface ReadUnitsObservation {
  readonly region: string;
  /** The probe item's size as DynamoDB counts it (attribute names plus values, UTF-8 bytes): under 4 KB, one read unit's worth. */
  readonly itemBytes: number;
  /** ConsumedCapacity.CapacityUnits of each GetItem (ReturnConsumedCapacity TOTAL); absent when the response left it out. */
  readonly eventualUnits: readonly (number | undefined)[];
  readonly strongUnits: readonly (number | undefined)[];
  /** Write-then-read rounds in the one Region: reads that returned an older version than the one just acknowledged. */
  readonly staleness: { readonly rounds: number; readonly staleEventual: number; readonly staleStrong: number };
  readonly cleanup: Cleanup;
}

/** Item size as the developer guide counts it: the lengths of attribute names and values (strings UTF-8, numbers about 1 byte per 2 digits + 1; here an upper bound of 21 bytes each). */
export function itemBytes(item: Record<string, AttributeValue>): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(item)) {
    bytes += Buffer.byteLength(name, 'utf8');
    if (value.S !== undefined) bytes += Buffer.byteLength(value.S, 'utf8');
    else if (value.N !== undefined) bytes += 21;
    else bytes += 8;
  }
  return bytes;
}

/** How many GetItem pairs measure read units; how many write-then-read rounds look for stale reads. */
export const READ_UNIT_PAIRS = 5;
export const STALENESS_ROUNDS = 20;

export const readUnits = observe({
  name: 'read-units',
  outputs: ['MrecTableName', 'Regions'],
  async observe(ctx): Promise<ReadUnitsObservation> {
    const { GetItemCommand, PutItemCommand } = await import('@aws-sdk/client-dynamodb');
    const region = regionsOf(ctx.outputs.Regions)[0];
    const ddb = (await clients(ctx, [region]))[region];
    const table = ctx.outputs.MrecTableName;
    const key = `${newRunId(ctx.now())}#read-units`;
    const item = (v: number) => ({ pk: { S: key }, v: { N: String(v) }, payload: { S: 'x'.repeat(100) } });
    const get = (consistent: boolean) => ddb.send(new GetItemCommand({ TableName: table, Key: { pk: { S: key } }, ConsistentRead: consistent, ReturnConsumedCapacity: 'TOTAL' }));
    const eventualUnits: (number | undefined)[] = [];
    const strongUnits: (number | undefined)[] = [];
    let staleEventual = 0;
    let staleStrong = 0;
    let cleanup: Cleanup = { deleted: 0, failed: [] };
    try {
      await ddb.send(new PutItemCommand({ TableName: table, Item: item(0) }));
      for (let i = 0; i < READ_UNIT_PAIRS; i++) {
        eventualUnits.push((await get(false)).ConsumedCapacity?.CapacityUnits);
        strongUnits.push((await get(true)).ConsumedCapacity?.CapacityUnits);
      }
      for (let v = 1; v <= STALENESS_ROUNDS; v++) {
        await ddb.send(new PutItemCommand({ TableName: table, Item: item(v) }));
        if ((versionOf((await get(false)).Item) ?? -1) < v) staleEventual++;
        if ((versionOf((await get(true)).Item) ?? -1) < v) staleStrong++;
      }
    } finally {
      cleanup = await deleteAll(ddb, table, [key], region);
    }
    return { region, itemBytes: itemBytes(item(STALENESS_ROUNDS)), eventualUnits, strongUnits, staleness: { rounds: STALENESS_ROUNDS, staleEventual, staleStrong }, cleanup };
  },
});

// ---------------------------------------------------------------------------------------------
// One Region: an idempotency key as a conditional put
// ---------------------------------------------------------------------------------------------

export interface IdempotencyObservation {
  readonly region: string;
  /** The first PutItem with `attribute_not_exists(pk)`: `ok`, or ConditionalCheckFailedException (any other error ends the observation). */
  readonly first: string;
  /** The same key again, with another payload and the same condition. */
  readonly repeat: string;
  /** The item's payload afterwards (strongly consistent read): the first request's, if the repeat changed nothing. */
  readonly payloadAfter?: string;
  readonly cleanup: Cleanup;
}

export const idempotency = observe({
  name: 'conditional-put',
  outputs: ['MrecTableName', 'Regions'],
  async observe(ctx): Promise<IdempotencyObservation> {
    const { GetItemCommand, PutItemCommand } = await import('@aws-sdk/client-dynamodb');
    const region = regionsOf(ctx.outputs.Regions)[0];
    const ddb = (await clients(ctx, [region]))[region];
    const table = ctx.outputs.MrecTableName;
    // The idempotency key a client would send with its request (an order id, a payment id).
    const key = `${newRunId(ctx.now())}#idempotency-key`;
    const put = async (payload: string) => {
      try {
        await ddb.send(new PutItemCommand({ TableName: table, Item: { pk: { S: key }, payload: { S: payload } }, ConditionExpression: 'attribute_not_exists(pk)' }));
        return 'ok';
      } catch (error) {
        // Only the documented rejection is an answer; anything else (network, access) is the run's error.
        if (errorName(error) === CONDITIONAL_CHECK_FAILED) return CONDITIONAL_CHECK_FAILED;
        throw error;
      }
    };
    let cleanup: Cleanup = { deleted: 0, failed: [] };
    try {
      const first = await put('first request');
      const repeat = await put('retried request');
      const after = (await ddb.send(new GetItemCommand({ TableName: table, Key: { pk: { S: key } }, ConsistentRead: true }))).Item?.payload?.S;
      cleanup = await deleteAll(ddb, table, [key], region);
      return { region, first, repeat, ...(after !== undefined ? { payloadAfter: after } : {}), cleanup };
    } finally {
      if (cleanup.deleted === 0 && cleanup.failed.length === 0) await deleteAll(ddb, table, [key], region);
    }
  },
});
