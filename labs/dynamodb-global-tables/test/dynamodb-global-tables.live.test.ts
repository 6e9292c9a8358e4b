/**
 * The live checks against a simulated DynamoDB in three Regions, shaped as the DynamoDB API
 * Reference gives its responses:
 * - GetItem: `Item` absent when there is no item; `ConsumedCapacity` ({ TableName, CapacityUnits })
 *   only with ReturnConsumedCapacity ("GetItem", https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GetItem.html;
 *   "ConsumedCapacity", https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ConsumedCapacity.html);
 * - PutItem: an empty body without ReturnValues; a false ConditionExpression is
 *   ConditionalCheckFailedException ("PutItem", Errors, https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html);
 * - UpdateItem: `Attributes` only when ReturnValues is not NONE; with ALL_OLD, the item's attributes as
 *   they were before the update ("UpdateItem", https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html);
 * - DescribeTable: `Table.MultiRegionConsistency` EVENTUAL or STRONG, `Table.Replicas[].RegionName`
 *   ("TableDescription", https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TableDescription.html).
 * Read units: 0.5 eventual, 1 strong for an item up to 4 KB ("DynamoDB read and write operations",
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html).
 * MREC replicates asynchronously and resolves concurrent writes with last writer wins; MRSC writes
 * are readable strongly in every Region once acknowledged ("How DynamoDB global tables work",
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html).
 */
import { type AttributeValue, ConditionalCheckFailedException, DeleteItemCommand, DescribeTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import * as path from 'node:path';
import { CATALOG } from '../../../catalog';
import { indexClaims } from '../../../lib/lab-kit/catalog/catalog';
import { runLiveChecks } from '../../../lib/lab-kit/checks/runner';
import { fakeObserveContext, judgeLive } from '../../../lib/lab-kit/testing';
import { recordExampleRun } from '../../../lib/lab-kit/testing/example-run';
import { expectToMatchFileSnapshot } from '../../../lib/lab-kit/testing/file-snapshot';
import { dynamodbGlobalTables as lab } from '..';

const ddb = mockClient(DynamoDBClient);
const REGIONS = ['us-east-1', 'us-east-2', 'us-west-2'];
const MRSC = 'dynamodb-global-tables-MrscTable6EAB3601-1Q2W3E4R5T6Y';
const MREC = 'dynamodb-global-tables-MrecTable977A6588-7U8I9O0P1A2S';
const OUTPUTS = { MrscTableName: MRSC, MrecTableName: MREC, Regions: REGIONS.join(',') };
/** Round trips from a machine near us-east-1, in ms. */
const RTT: Record<string, number> = { 'us-east-1': 8, 'us-east-2': 20, 'us-west-2': 70 };

type Ctx = ReturnType<typeof fakeObserveContext>;

interface Behaviour {
  /** MRSC writes replicate like MREC (a table that is not really strong). */
  mrscAsync: boolean;
  mrscReports: 'STRONG' | 'EVENTUAL';
  /** MREC replication delay per write, ms; Infinity never arrives; 0 applies an update in the other Regions at once (before any other update). */
  replicationMs: (n: number) => number;
  /** Replication merges attributes (the newer write's value per attribute) instead of replacing the item. */
  merge: boolean;
  eventualUnits: number;
  strongUnits: number;
  /** PutItem ignores ConditionExpression. */
  ignoreCondition: boolean;
  /** Extra latency of an MRSC write (the synchronous replication), ms. */
  mrscExtraMs: number;
}

const truth = (): Behaviour => ({ mrscAsync: false, mrscReports: 'STRONG', replicationMs: (n) => 600 + ((n * 137) % 500), merge: false, eventualUnits: 0.5, strongUnits: 1, ignoreCondition: false, mrscExtraMs: 45 });

/** An item version, or a deletion (item null), with the timestamp last writer wins compares. */
interface Version { item: Record<string, AttributeValue> | null; ts: number }

/** Per table and Region, each key's item and the write timestamp it carries (LWW compares these). */
function world(ctx: Ctx, b: Behaviour) {
  const store = new Map<string, Map<string, Version>>();
  const pending: { table: string; region: string; key: string; v: Version; due: number }[] = [];
  const written = new Set<string>();
  const deleted = new Set<string>();
  let writes = 0;
  const at = (table: string, region: string) => {
    const id = `${table}@${region}`;
    if (!store.has(id)) store.set(id, new Map());
    return store.get(id) as Map<string, Version>;
  };
  const apply = (table: string, region: string, key: string, v: Version) => {
    const m = at(table, region);
    const cur = m.get(key);
    if (cur?.item && v.item && b.merge) m.set(key, { item: v.ts < cur.ts ? { ...v.item, ...cur.item } : { ...cur.item, ...v.item }, ts: Math.max(cur.ts, v.ts) });
    else if (cur && v.ts < cur.ts) return; // last writer wins: an older write (or deletion) loses
    else m.set(key, v);
  };
  const settle = () => {
    for (let i = pending.length - 1; i >= 0; i--) {
      if (pending[i].due <= ctx.now()) {
        const p = pending.splice(i, 1)[0];
        apply(p.table, p.region, p.key, p.v);
      }
    }
  };
  const region = async (getClient: () => any) => String(await getClient().config.region());
  ddb.on(DescribeTableCommand).callsFake(async (input) => ({
    Table: { TableName: input.TableName, TableStatus: 'ACTIVE', MultiRegionConsistency: input.TableName === MRSC ? b.mrscReports : 'EVENTUAL', Replicas: REGIONS.map((r) => ({ RegionName: r, ReplicaStatus: 'ACTIVE' })) },
    $metadata: {},
  }));
  ddb.on(PutItemCommand).callsFake(async (input, getClient) => {
    const r = await region(getClient);
    const key = input.Item.pk.S;
    const strong = input.TableName === MRSC && !b.mrscAsync;
    await ctx.sleep(RTT[r] + (strong ? b.mrscExtraMs : 4));
    settle();
    if (input.ConditionExpression === 'attribute_not_exists(pk)' && !b.ignoreCondition && at(input.TableName, r).get(key)?.item) {
      throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: { httpStatusCode: 400 } });
    }
    written.add(key);
    const v = { item: input.Item, ts: ctx.now() };
    apply(input.TableName, r, key, v);
    const n = writes++;
    for (const other of REGIONS.filter((x) => x !== r)) {
      if (strong) apply(input.TableName, other, key, v);
      else if (Number.isFinite(b.replicationMs(n))) pending.push({ table: input.TableName, region: other, key, v, due: ctx.now() + b.replicationMs(n) });
    }
    return { $metadata: {} };
  });
  ddb.on(UpdateItemCommand).callsFake(async (input, getClient) => {
    const r = await region(getClient);
    const key = input.Key.pk.S;
    await ctx.sleep(RTT[r] + 4);
    settle();
    const old = at(input.TableName, r).get(key)?.item ?? undefined;
    // SET #a = :x, #b = :y: the attribute each name placeholder stands for takes its value placeholder's value.
    const sets = Object.fromEntries([...input.UpdateExpression.matchAll(/(#\w+) = (:\w+)/g)].map(([, n, v]) => [input.ExpressionAttributeNames[n], input.ExpressionAttributeValues[v]]));
    // The fake clock gives both Regions' updates one instant; DynamoDB's timestamps still order them, so the Region breaks the tie here.
    const v = { item: { ...(old ?? {}), ...input.Key, ...sets }, ts: ctx.now() + REGIONS.indexOf(r) / 10 };
    written.add(key);
    apply(input.TableName, r, key, v);
    const n = writes++;
    for (const other of REGIONS.filter((x) => x !== r)) {
      if (b.replicationMs(n) === 0) apply(input.TableName, other, key, v); // arrived before the other Region's update
      else if (Number.isFinite(b.replicationMs(n))) pending.push({ table: input.TableName, region: other, key, v, due: ctx.now() + b.replicationMs(n) });
    }
    return { ...(input.ReturnValues && input.ReturnValues !== 'NONE' && old ? { Attributes: old } : {}), $metadata: {} };
  });
  ddb.on(GetItemCommand).callsFake(async (input, getClient) => {
    const r = await region(getClient);
    await ctx.sleep(RTT[r]);
    settle();
    const v = at(input.TableName, r).get(input.Key.pk.S);
    const units = input.ConsistentRead ? b.strongUnits : b.eventualUnits;
    return { ...(v?.item ? { Item: v.item } : {}), ...(input.ReturnConsumedCapacity === 'TOTAL' ? { ConsumedCapacity: { TableName: input.TableName, CapacityUnits: units } } : {}), $metadata: {} };
  });
  ddb.on(DeleteItemCommand).callsFake(async (input, getClient) => {
    const r = await region(getClient);
    await ctx.sleep(RTT[r]);
    settle();
    deleted.add(input.Key.pk.S);
    const v = { item: null, ts: ctx.now() };
    apply(input.TableName, r, input.Key.pk.S, v);
    for (const other of REGIONS.filter((x) => x !== r)) {
      if (input.TableName === MRSC && !b.mrscAsync) apply(input.TableName, other, input.Key.pk.S, v);
      else pending.push({ table: input.TableName, region: other, key: input.Key.pk.S, v, due: ctx.now() + b.replicationMs(0) });
    }
    return { $metadata: {} };
  });
  /** Every replica once all replication has arrived. */
  const drained = () => {
    for (const p of pending.splice(0)) apply(p.table, p.region, p.key, p.v);
    return store;
  };
  return { written, deleted, store, drained };
}

function context(options: Record<string, string | boolean> = {}): Ctx {
  return fakeObserveContext({ labId: lab.id, outputs: OUTPUTS, options });
}

async function judged(id: string, change: (b: Behaviour) => void = () => undefined) {
  const b = truth();
  change(b);
  const ctx = context();
  const w = world(ctx, b);
  const check = lab.checks[id].live;
  if (!check) throw new Error(`${id} has no live check`);
  const observed = await ctx.observe(check.observation);
  return { j: judgeLive(lab, id, observed), w, observed };
}

const figure = (j: { judgement: { figures?: readonly { name: string; value: number }[] } }, name: string) => j.judgement.figures?.find((f) => f.name === name)?.value;

afterEach(() => ddb.reset());

describe('dynamodb-global-tables live checks pass when DynamoDB behaves as the truth says', () => {
  test('its example run (test/fixtures/example-run.json) is the truthful world recorded: every live claim passes', async () => {
    const ctx = context();
    world(ctx, truth());
    const claims = indexClaims(CATALOG);
    const random = jest.spyOn(Math, 'random').mockReturnValue(0.25);
    const record = await recordExampleRun(lab, ctx, (id) => claims.get(id)?.claim, 'a truthful world: DynamoDB in us-east-1, us-east-2 and us-west-2 simulated per its API Reference; MREC replication 0.6 to 1.1 s, MRSC writes 45 ms slower');
    random.mockRestore();
    expect(record.results.filter((r) => r.outcome !== 'pass')).toEqual([]);
    expectToMatchFileSnapshot(record, path.join(__dirname, 'fixtures', 'example-run.json'));
  });

  test('every live claim passes, each observation runs once, and every key written is deleted', async () => {
    const ctx = context();
    const w = world(ctx, truth());
    const { results, observations } = await runLiveChecks(lab, ctx, () => undefined);
    expect(results.map((r) => [r.claim, r.outcome])).toEqual(Object.keys(lab.checks).map((id) => [id, 'pass']));
    expect(observations.map((o) => o.name).sort()).toEqual(['conditional-put', 'mrec-conflicts', 'mrec-replication', 'mrsc-strong-reads', 'read-units']);
    expect([...w.written].filter((k) => !w.deleted.has(k))).toEqual([]);
    for (const m of w.drained().values()) expect([...m.values()].filter((v) => v.item !== null)).toEqual([]);
  });

  test('A47: 60 strong reads, none stale; the 95 % bound and the MRSC latency cost are figures', async () => {
    const { j } = await judged('A47.global-tables-support-mrsc-since-2025');
    expect(j.outcome).toBe('pass');
    expect(figure(j, 'strong reads in another Region')).toBe(60);
    expect(figure(j, 'stale rate, 95 % upper bound (exact binomial, 0 of n)')).toBeCloseTo(4.87, 1);
    expect(figure(j, 'MRSC minus MREC median write latency, us-east-1')).toBe(41);
  });

  test('A19: replication delay as a distribution, bracketed by the polls', async () => {
    const { j } = await judged('A19.replicas-serve-local-reads-and-writes');
    expect(j.outcome).toBe('pass');
    expect(figure(j, 'replicated writes observed')).toBe(40);
    expect(figure(j, 'replication delay, upper bound median')).toBeGreaterThanOrEqual(600);
    expect(figure(j, 'replication delay, upper bound p90')).toBeLessThanOrEqual(1300);
  });

  test('A19 conflicts: both writes acknowledged, one survives in both Regions', async () => {
    const { j } = await judged('A19.mrec-resolves-conflicts-last-writer-wins');
    expect(j.outcome).toBe('pass');
    expect(figure(j, 'conflicts resolved to one whole write')).toBe(10);
    expect(figure(j, 'rounds applied one after the other (no conflict)')).toBe(0);
    expect((figure(j, 'us-east-1 write survived') ?? 0) + (figure(j, 'us-east-2 write survived') ?? 0)).toBe(10);
    expect(j.judgement.figures?.map((f) => f.name)).toContain('informational, not a test of last writer wins: the write your machine saw acknowledged later survived');
  });
});

describe('dynamodb-global-tables live checks fail when DynamoDB contradicts the truth', () => {
  test('A47 and A1 fail on a stale strong read in another Region, naming the expectation', async () => {
    for (const id of ['A47.global-tables-support-mrsc-since-2025', 'A1.global-tables-offer-mrsc-strong-consistency']) {
      const { j } = await judged(id, (b) => (b.mrscAsync = true));
      expect(j.outcome).toBe('fail');
      expect(j.reasons.join(' ')).toMatch(/expected 0/);
    }
  });

  test('A19 conflicts fail when the replicas merge both writes', async () => {
    const { j } = await judged('A19.mrec-resolves-conflicts-last-writer-wins', (b) => (b.merge = true));
    expect(j.outcome).toBe('fail');
    expect(j.reasons.join(' ')).toContain('combined the two concurrent updates');
  });

  test('A19 conflicts fail when the surviving item holds one update\'s only_ attribute and the other\'s writer', () => {
    const writes = [{ region: 'us-east-1', sentAt: 0, ackAt: 10, before: ['pk', 'v'] }, { region: 'us-east-2', sentAt: 0, ackAt: 20, before: ['pk', 'v'] }];
    const mixed = { region: '', writer: 'us-east-1', attributes: ['only_us_east_2', 'pk', 'v', 'writer'] };
    const rounds = [1, 2, 3].map((round) => ({ round, seeded: true, writes, finals: [{ ...mixed, region: 'us-east-1' }, { ...mixed, region: 'us-east-2' }], agreedAfterMs: 900 }));
    const j = judgeLive(lab, 'A19.mrec-resolves-conflicts-last-writer-wins', { regions: ['us-east-1', 'us-east-2'], waitMs: 30_000, rounds, cleanup: { deleted: 3, failed: [] } });
    expect(j.outcome).toBe('fail');
    expect(j.reasons.join(' ')).toContain('combined the two concurrent updates (merged, mixed) or kept neither (lost): last writer wins keeps one whole item: expected 0, saw 3');
    expect(j.judgement.observed).toContain('3 mixed');
  });

  test('I2 fails when a strong read costs what an eventual one does', async () => {
    const { j } = await judged('I2.dynamodb-strong-reads-cost-double', (b) => (b.strongUnits = 0.5));
    expect(j.outcome).toBe('fail');
    expect(j.reasons.join(' ')).toContain('every strongly consistent read consumed 1 read unit');
  });

  test('A36 fails when the repeated conditional put succeeds', async () => {
    const { j } = await judged('A36.conditional-put-makes-writes-idempotent', (b) => (b.ignoreCondition = true));
    expect(j.outcome).toBe('fail');
    expect(j.reasons.join(' ')).toContain('ConditionalCheckFailedException');
  });
});

describe('dynamodb-global-tables live checks are inconclusive when the run did not exercise the behaviour', () => {
  test('A47 when DescribeTable does not say STRONG', async () => {
    const { j } = await judged('A47.global-tables-support-mrsc-since-2025', (b) => (b.mrscReports = 'EVENTUAL'));
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons.join(' ')).toContain('MultiRegionConsistency STRONG');
  });

  test('A19 when writes never reach the other Regions within the wait (the lab bound, not a documented one)', async () => {
    const { j, w } = await judged('A19.replicas-serve-local-reads-and-writes', (b) => (b.replicationMs = () => Infinity));
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons.join(' ')).toContain("within the lab's 30 s wait");
    expect([...w.written].filter((k) => !w.deleted.has(k))).toEqual([]);
  });

  test('A19 conflicts when the seeded item never reaches the second Region within the wait', async () => {
    const { j, w } = await judged('A19.mrec-resolves-conflicts-last-writer-wins', (b) => (b.replicationMs = () => Infinity));
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons.join(' ')).toContain('the seeded item reached us-east-2');
    expect([...w.written].filter((k) => !w.deleted.has(k))).toEqual([]);
  });

  test('A19 conflicts when the updates were applied one after the other (replication faster than the two updates): no round counts as a conflict', async () => {
    const { j } = await judged('A19.mrec-resolves-conflicts-last-writer-wins', (b) => (b.replicationMs = () => 0));
    expect(j.outcome).toBe('inconclusive');
    expect(figure(j, 'rounds applied one after the other (no conflict)')).toBe(10);
    expect(j.reasons.join(' ')).toContain('at least 3 rounds where the updates conflicted');
  });

  test('A19 conflicts when both only_ attributes survived and UpdateItem returned no old image: a merge cannot be told from a sequence, so no round counts', () => {
    const writes = [{ region: 'us-east-1', sentAt: 0, ackAt: 10 }, { region: 'us-east-2', sentAt: 0, ackAt: 20 }];
    const both = { region: '', writer: 'us-east-2', attributes: ['only_us_east_1', 'only_us_east_2', 'pk', 'v', 'writer'] };
    const rounds = [1, 2, 3].map((round) => ({ round, seeded: true, writes, finals: [{ ...both, region: 'us-east-1' }, { ...both, region: 'us-east-2' }], agreedAfterMs: 900 }));
    const j = judgeLive(lab, 'A19.mrec-resolves-conflicts-last-writer-wins', { regions: ['us-east-1', 'us-east-2'], waitMs: 30_000, rounds, cleanup: { deleted: 3, failed: [] } });
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons.join(' ')).toContain('at least 3 rounds where the updates conflicted');
  });

  test('A36 when the first put already found the key (not a new idempotency key)', () => {
    const j = judgeLive(lab, 'A36.conditional-put-makes-writes-idempotent', { region: 'us-east-1', first: 'ConditionalCheckFailedException', repeat: 'ConditionalCheckFailedException', cleanup: { deleted: 1, failed: [] } });
    expect(j.outcome).toBe('inconclusive');
  });

  test('I2 when GetItem leaves ConsumedCapacity out', () => {
    const j = judgeLive(lab, 'I2.dynamodb-strong-reads-cost-double', { region: 'us-east-1', itemBytes: 120, eventualUnits: [undefined], strongUnits: [undefined], staleness: { rounds: 20, staleEventual: 0, staleStrong: 0 }, cleanup: { deleted: 1, failed: [] } });
    expect(j.outcome).toBe('inconclusive');
  });
});

describe('dynamodb-global-tables observations', () => {
  test('a network error on a conditional put ends the observation (an error of the run, never a failed claim) and the key is still deleted', async () => {
    const ctx = context();
    const w = world(ctx, truth());
    ddb.on(PutItemCommand).rejects(Object.assign(new Error('connect ETIMEDOUT'), { name: 'TimeoutError' }));
    const check = lab.checks['A36.conditional-put-makes-writes-idempotent'].live;
    await expect(ctx.observe(check!.observation)).rejects.toThrow('ETIMEDOUT');
    expect(ddb.commandCalls(DeleteItemCommand).length).toBe(1);
    expect(w.written.size).toBe(0);
  });

  test('each Region is called through its own client (the Regional endpoint)', async () => {
    const ctx = context();
    world(ctx, truth());
    await ctx.observe(lab.checks['A47.global-tables-support-mrsc-since-2025'].live!.observation);
    const regions = await Promise.all(ddb.commandCalls(GetItemCommand).map(async (c) => String(await (c.thisValue as any).config.region())));
    expect(new Set(regions)).toEqual(new Set(REGIONS));
  });
});
