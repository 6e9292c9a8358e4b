/**
 * The live checks against the mocked S3 and Lambda of s3-world.ts (responses shaped like the Amazon
 * S3 and AWS Lambda API references, cited there; error codes from "Error responses",
 * https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html). Each check is run on the
 * truthful world (it passes), on a world where AWS would contradict the claim (it fails, naming the
 * expectation), and on an observation where the experiment was not exercised (inconclusive). The
 * observations' cleanups are held to deleting what they wrote, even when a step fails.
 */
import * as path from 'node:path';
import { indexClaims } from '../../../lib/lab-kit/catalog/catalog';
import { fakeObserveContext, judgeLive } from '../../../lib/lab-kit/testing';
import { recordExampleRun } from '../../../lib/lab-kit/testing/example-run';
import { expectToMatchFileSnapshot } from '../../../lib/lab-kit/testing/file-snapshot';
import { CATALOG } from '../../../catalog';
import { s3BucketsAndObjects as lab } from '..';
import { staleUpperBound95 } from '../checks';
import { consistency } from '../observe-consistency';
import { encryption } from '../observe-encryption';
import { endpointReads } from '../observe-endpoint';
import { objectLock, RETENTION_SECONDS } from '../observe-lock';
import { amzDate, presigned } from '../observe-presigned';
import { publicAccess } from '../observe-public-access';
import { versions } from '../observe-versions';
import { BUCKETS, OUTPUTS, type Rules, s3World } from './s3-world';

const REGION = 'eu-west-1';
let world: ReturnType<typeof s3World>;
let ctx: ReturnType<typeof fakeObserveContext>;

function setUp(rules: Partial<Rules> = {}, options: Record<string, string> = {}) {
  world?.s3.restore();
  world?.lambda.restore();
  ctx = fakeObserveContext({ labId: lab.id, outputs: OUTPUTS, region: REGION, options });
  world = s3World(() => ctx.now(), rules);
  // The presigner stamps X-Amz-Date from Date.now, and keys carry Math.random: both pinned, so a run is repeatable.
  jest.spyOn(Date, 'now').mockImplementation(() => ctx.now());
  let seed = 0;
  jest.spyOn(Math, 'random').mockImplementation(() => ((seed = (seed * 9301 + 49297) % 233280) / 233280));
  jest.spyOn(globalThis, 'fetch').mockImplementation(world.fetcher as typeof fetch);
}

beforeAll(() => {
  process.env.AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
  process.env.AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
});
afterEach(() => jest.restoreAllMocks());

const outcome = (claim: string, observed: unknown) => judgeLive(lab, claim, observed);
const objectsLeft = () => [...world.store.values()].flatMap((keys) => [...keys.entries()].filter(([, l]) => l.length > 0).map(([k]) => k));

describe('versions (B9, B12)', () => {
  test('truthful: delete marker, restore, permanent delete by id, sizes per version, "Disabled" refused, suspended keeps versions, DeleteBucket BucketNotEmpty; everything deleted and versioning Enabled again', async () => {
    setUp();
    const o = await versions.observe(ctx);
    expect(o.afterWrites.sizes).toEqual([1024, 2048, 3072]);
    expect(o.deleteBucket).toMatchObject({ ok: false, status: 409, code: 'BucketNotEmpty' });
    expect(o.afterSuspend).toMatchObject({ versions: 2, markers: 1 });
    for (const c of ['B9.delete-bucket-requires-empty-bucket', 'B9.versioning-can-only-be-suspended', 'B12.versioning-does-not-prevent-deletion', 'B12.noncurrent-versions-billed-as-full-objects']) expect(outcome(c, o).outcome).toBe('pass');
    expect(objectsLeft()).toEqual([]);
    expect(world.versioning.get(BUCKETS.VersionsBucketName)).toBe('Enabled');
    expect(o.leftovers).toEqual([]);
  });

  test('fails when a plain delete removes the object, when "Disabled" is accepted, when DeleteBucket deletes a non-empty bucket', async () => {
    setUp({ plainDeleteAddsMarker: false });
    const a = outcome('B12.versioning-does-not-prevent-deletion', await versions.observe(ctx));
    expect(a.outcome).toBe('fail');
    expect(a.reasons.join()).toMatch(/a plain DeleteObject adds a delete marker/);
    setUp({ versioningCanBeDisabled: true });
    expect(outcome('B9.versioning-can-only-be-suspended', await versions.observe(ctx)).reasons.join()).toMatch(/refuses a Status other than Enabled or Suspended/);
    setUp({ deleteNonEmptyBucket: true });
    const c = outcome('B9.delete-bucket-requires-empty-bucket', await versions.observe(ctx));
    expect(c.outcome).toBe('fail');
    expect(c.reasons.join()).toMatch(/DeleteBucket of a bucket that is not empty: expected 409 BucketNotEmpty, saw 204 OK/);
  });

  test('inconclusive when the versions were not written; storage fails when a version is stored short', async () => {
    setUp();
    const o = await versions.observe(ctx);
    const none = { ...o, afterWrites: { versions: 0, markers: 0, sizes: [] }, bucketVersionsAtDelete: 0 };
    expect(outcome('B12.noncurrent-versions-billed-as-full-objects', none).outcome).toBe('inconclusive');
    expect(outcome('B9.delete-bucket-requires-empty-bucket', { ...none, deleteBucket: { ok: false, code: 'not sent' } }).outcome).toBe('inconclusive');
    expect(outcome('B12.noncurrent-versions-billed-as-full-objects', { ...o, afterWrites: { versions: 3, markers: 0, sizes: [0, 0, 3072] } }).outcome).toBe('fail');
  });

  test('"Disabled" must be refused 400 MalformedXML or IllegalVersioningConfigurationException ("Error responses"); a 403 AccessDenied fails', async () => {
    setUp();
    const o = await versions.observe(ctx);
    expect(o.disable).toMatchObject({ ok: false, status: 400, code: 'MalformedXML' });
    expect(outcome('B9.versioning-can-only-be-suspended', { ...o, disable: { ok: false, status: 400, code: 'IllegalVersioningConfigurationException' } }).outcome).toBe('pass');
    const j = outcome('B9.versioning-can-only-be-suspended', { ...o, disable: { ok: false, status: 403, code: 'AccessDenied' } });
    expect(j.outcome).toBe('fail');
    expect(j.reasons.join()).toMatch(/400 MalformedXML or IllegalVersioningConfigurationException/);
  });

  test('a bucket left Suspended by an interrupted run is enabled again before the experiment, and the run says so', async () => {
    setUp();
    world.versioning.set(BUCKETS.VersionsBucketName, 'Suspended');
    const o = await versions.observe(ctx);
    expect(o.statusAtStart).toBe('Suspended');
    // Written while Enabled again: three versions with ids, not one null version.
    expect(o.afterWrites.versions).toBe(3);
    expect(world.versioning.get(BUCKETS.VersionsBucketName)).toBe('Enabled');
    const j = outcome('B9.versioning-can-only-be-suspended', o);
    expect(j.outcome).toBe('pass');
    expect(j.judgement.observed).toMatch(/was Suspended when the run began/);
  });

  test('a step that fails still deletes what was written and enables versioning again', async () => {
    setUp();
    world.s3.on((await import('@aws-sdk/client-s3')).DeleteBucketCommand).rejects(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    await expect(versions.observe(ctx)).rejects.toThrow('socket hang up');
    expect(objectsLeft()).toEqual([]);
    expect(world.versioning.get(BUCKETS.VersionsBucketName)).toBe('Enabled');
  });
});

describe('consistency (T9, I2)', () => {
  const claims = ['I2.s3-strong-read-after-write-consistency', 'T9.s3-strongly-consistent-since-2020', 'T9.no-negative-caching-after-put', 'T9.overwrites-and-deletes-strongly-consistent'];

  test('truthful: every read fresh, 0 stale in 5 reads per round, with the exact binomial bound; nothing left', async () => {
    setUp({}, { rounds: '20' });
    const o = await consistency.observe(ctx);
    expect(o.rounds).toHaveLength(20);
    for (const c of claims) expect(outcome(c, o).outcome).toBe('pass');
    const figures = outcome('I2.s3-strong-read-after-write-consistency', o).judgement.figures!;
    expect(figures.find((f) => f.name === 'reads judged')?.value).toBe(100);
    // One bound per read kind with n = rounds (the reads of a round are not independent), never n = 100 pooled.
    const bounds = figures.filter((f) => f.name.includes('stale-read probability'));
    expect(bounds).toHaveLength(5);
    for (const b of bounds) expect(b.value).toBeCloseTo(staleUpperBound95(20) * 100, 2);
    expect(objectsLeft()).toEqual([]);
  });

  test('a LIST showing an ETag neither PUT returned is an unexpected answer ("other"), not stale and not fresh', async () => {
    setUp({}, { rounds: '5' });
    const { ListObjectsV2Command } = await import('@aws-sdk/client-s3');
    // ListObjectsV2's shape ("ListObjectsV2", Amazon S3 API Reference): Contents[] with Key, ETag, Size; KeyCount; IsTruncated.
    world.s3.on(ListObjectsV2Command).callsFake(async (i) => ({ $metadata: { httpStatusCode: 200 }, IsTruncated: false, KeyCount: 1, Contents: [{ Key: i.Prefix, ETag: '"ffffffffffffffffffffffffffffffff"', Size: 1, StorageClass: 'STANDARD', LastModified: new Date(ctx.now()) }] }));
    const o = await consistency.observe(ctx);
    expect(o.rounds.every((r) => r.listAfterOverwrite === 'other' && r.listAfterDelete === 'other')).toBe(true);
    const j = outcome('T9.overwrites-and-deletes-strongly-consistent', o);
    expect(j.outcome).toBe('fail');
    expect(j.reasons.join()).toMatch(/answers that were neither the new nor the old state/);
  });

  test('fails, decisively, on one stale read', async () => {
    setUp({ staleEvery: 7 }, { rounds: '5' });
    const o = await consistency.observe(ctx);
    for (const c of claims.filter((c) => !c.includes('negative'))) {
      const j = outcome(c, o);
      expect(j.outcome).toBe('fail');
      expect(j.reasons.join()).toMatch(/stale reads: expected 0/);
    }
  });

  test('inconclusive when the rounds did not all run, or no key answered 404 first', async () => {
    setUp({}, { rounds: '5' });
    const o = await consistency.observe(ctx);
    expect(outcome('I2.s3-strong-read-after-write-consistency', { ...o, requested: 50 }).outcome).toBe('inconclusive');
    expect(outcome('T9.no-negative-caching-after-put', { ...o, rounds: o.rounds.map((r) => ({ ...r, missingFirst: false })) }).outcome).toBe('inconclusive');
  });

  test('the exact binomial bound: 1 - 0.05^(1/n)', () => {
    expect(staleUpperBound95(300)).toBeCloseTo(0.00994, 4);
    expect(staleUpperBound95(0)).toBe(1);
  });
});

describe('encryption (I44, A49)', () => {
  test('truthful: no header → AES256; the seed policy refuses no header and aws:kms, accepts AES256; nothing left', async () => {
    setUp();
    const o = await encryption.observe(ctx);
    for (const c of ['I44.default-encryption-enforces-without-changes', 'I44.deny-policy-rejects-uploads-without-header', 'A49.s3-encrypts-new-objects-by-default']) expect(outcome(c, o).outcome).toBe('pass');
    expect(objectsLeft()).toEqual([]);
  });

  test('fails when objects are stored unencrypted, or the seed policy lets a header-less upload through', async () => {
    setUp({ defaultEncryption: undefined });
    expect(outcome('I44.default-encryption-enforces-without-changes', await encryption.observe(ctx)).reasons.join()).toMatch(/PutObject ServerSideEncryption: expected AES256, saw none/);
    setUp({ seedPolicyDeniesNoHeader: false });
    expect(outcome('I44.deny-policy-rejects-uploads-without-header', await encryption.observe(ctx)).outcome).toBe('fail');
  });

  test('inconclusive when the caller may not upload at all', async () => {
    setUp();
    const o = await encryption.observe(ctx);
    const denied = { ok: false, status: 403, code: 'AccessDenied' };
    expect(outcome('I44.deny-policy-rejects-uploads-without-header', { ...o, seed: { ...o.seed, aes256: { answer: denied } } }).outcome).toBe('inconclusive');
    expect(outcome('A49.s3-encrypts-new-objects-by-default', { ...o, plain: { answer: denied } }).outcome).toBe('inconclusive');
  });
});

describe('public access (I33)', () => {
  test('truthful: four blocks on, BucketOwnerEnforced, the public policy refused and the bucket policy untouched', async () => {
    setUp();
    const before = world.policies.get(BUCKETS.DefaultsBucketName);
    const o = await publicAccess.observe(ctx);
    expect(outcome('I33.new-buckets-block-public-access', o).outcome).toBe('pass');
    expect(outcome('I33.bpa-off-and-bucket-policy-required', o).outcome).toBe('pass');
    expect(world.policies.get(BUCKETS.DefaultsBucketName)).toBe(before);
  });

  test('a public policy accepted while all four settings read true fails the check, and the run puts the original policy back', async () => {
    setUp({ bpaHonoured: false });
    const before = world.policies.get(BUCKETS.DefaultsBucketName);
    const o = await publicAccess.observe(ctx);
    expect(o.restored).toBe(true);
    expect(world.policies.get(BUCKETS.DefaultsBucketName)).toBe(before);
    expect(outcome('I33.bpa-off-and-bucket-policy-required', o).outcome).toBe('fail');
  });

  test('Block Public Access not fully on: the public policy is never sent; the BPA check fails, the policy check is inconclusive', async () => {
    setUp({ publicAccessBlocked: false });
    const { PutBucketPolicyCommand } = await import('@aws-sdk/client-s3');
    const o = await publicAccess.observe(ctx);
    const sent = world.s3.commandCalls(PutBucketPolicyCommand).map((c) => c.args[0].input.Policy ?? '');
    expect(sent.some((p) => p.includes('WouldBePublicRead'))).toBe(false);
    expect(o.publicPolicySent).toBe(false);
    expect(outcome('I33.new-buckets-block-public-access', o).outcome).toBe('fail');
    expect(outcome('I33.bpa-off-and-bucket-policy-required', o).outcome).toBe('inconclusive');
  });

  test('inconclusive when the caller may not write bucket policies', async () => {
    setUp();
    const o = await publicAccess.observe(ctx);
    expect(outcome('I33.bpa-off-and-bucket-policy-required', { ...o, rewriteOwnPolicy: { ok: false, status: 403, code: 'AccessDenied' } }).outcome).toBe('inconclusive');
  });
});

describe('presigned URL and TLS (I45, A49)', () => {
  test('truthful: 200 before the expiry by S3\'s Date, 403 AccessDenied after; HTTPS 200, HTTP 403', async () => {
    setUp();
    const o = await presigned.observe(ctx);
    expect(o.expiresSeconds).toBe(10);
    expect(outcome('I45.presigned-url-grants-one-key-operation', o).outcome).toBe('pass');
    expect(outcome('A49.security-groups-cannot-enforce-tls', o).outcome).toBe('pass');
    expect(objectsLeft()).toEqual([]);
  });

  test('fails when the URL works after its expiry, or plain HTTP is served', async () => {
    setUp({ presignedExpires: false, httpAllowed: true });
    const o = await presigned.observe(ctx);
    expect(outcome('I45.presigned-url-grants-one-key-operation', o).reasons.join()).toMatch(/every fetch after the expiry refused with 403 AccessDenied/);
    expect(outcome('A49.security-groups-cannot-enforce-tls', o).outcome).toBe('fail');
  });

  test('inconclusive without fetches on both sides of the expiry, or when HTTPS did not work', async () => {
    setUp();
    const o = await presigned.observe(ctx);
    expect(outcome('I45.presigned-url-grants-one-key-operation', { ...o, polls: o.polls.slice(0, 1) }).outcome).toBe('inconclusive');
    expect(outcome('A49.security-groups-cannot-enforce-tls', { ...o, https: { ...o.https, status: 403, bodyMatches: false } }).outcome).toBe('inconclusive');
  });

  test.each([
    ['behind S3 by 15 s (unsigned for skew, the URL would be expired when first fetched)', -15_000],
    ['ahead of S3 by 15 s (unsigned for skew, S3 would refuse it as not yet valid)', 15_000],
  ])('a local clock %s: the URL is signed at S3\'s time and both checks pass', async (_, ahead) => {
    setUp({ localClockAheadMs: ahead });
    const o = await presigned.observe(ctx);
    expect(Math.round(o.skewMs / 1000)).toBe(ahead / 1000);
    expect(o.https.status).toBe(200);
    expect(outcome('I45.presigned-url-grants-one-key-operation', o).outcome).toBe('pass');
    expect(outcome('A49.security-groups-cannot-enforce-tls', o).outcome).toBe('pass');
  });

  test('a blocked port 80 or a proxy answering it is an error of A49 only; I45 is still judged', async () => {
    setUp({ port80: 'blocked' });
    const blocked = await presigned.observe(ctx);
    expect(blocked.http).toEqual({ error: expect.stringMatching(/fetch failed \(connect ETIMEDOUT/) });
    expect(() => outcome('A49.security-groups-cannot-enforce-tls', blocked)).toThrow(/plain HTTP request got no answer/);
    expect(outcome('I45.presigned-url-grants-one-key-operation', blocked).outcome).toBe('pass');
    setUp({ port80: 'proxy' });
    const proxied = await presigned.observe(ctx);
    // A 403 without x-amz-request-id and an XML Code is not S3's refusal ("Error responses", REST error responses).
    expect(() => outcome('A49.security-groups-cannot-enforce-tls', proxied)).toThrow(/something other than S3 answered/);
    expect(outcome('I45.presigned-url-grants-one-key-operation', proxied).outcome).toBe('pass');
  });

  test('X-Amz-Date is read as UTC', () => {
    expect(new Date(amzDate('20261202T170000Z')).toISOString()).toBe('2026-12-02T17:00:00.000Z');
    expect(() => amzDate(null)).toThrow(/X-Amz-Date/);
  });
});

describe('Object Lock (A26)', () => {
  test('truthful: unbypassed delete 403, marker only, bypassed delete removes the version; nothing left', async () => {
    setUp();
    const o = await objectLock.observe(ctx);
    expect(o.retainUntilMs - ctx.now()).toBeLessThanOrEqual(RETENTION_SECONDS * 1000 + 1000);
    expect(outcome('A26.object-lock-is-per-version-worm', o).outcome).toBe('pass');
    expect(objectsLeft()).toEqual([]);
  });

  test('an earlier run interrupted after its PutObject: its locked version is deleted with the bypass before this run writes, and reported', async () => {
    setUp();
    // The shape PutObject left it in: a GOVERNANCE version still locked (retain-until ahead of S3's clock).
    world.store.get(BUCKETS.LockBucketName)!.set('lab-checks/object-lock/2026-12-02T17-00-00-000Z-abc123/locked.txt', [{ id: 'v0EXAMPLE', body: 'locked', marker: false, etag: '"0"', lockMode: 'GOVERNANCE', retainUntil: new Date(ctx.now() + 30_000) }]);
    const o = await objectLock.observe(ctx);
    expect(o.earlierRuns).toEqual({ found: 1, left: [] });
    expect(objectsLeft()).toEqual([]);
    expect(outcome('A26.object-lock-is-per-version-worm', o).judgement.observed).toMatch(/Earlier runs had left 1 version/);
  });

  test('fails when the locked version is deleted without the bypass', async () => {
    setUp({ lockHonoured: false });
    const j = outcome('A26.object-lock-is-per-version-worm', await objectLock.observe(ctx));
    expect(j.outcome).toBe('fail');
    expect(j.reasons.join()).toMatch(/deleting the locked version without the bypass/);
  });

  test('inconclusive when the retention had nearly run out; cleanup waits out the retention when the bypass is denied', async () => {
    setUp();
    const o = await objectLock.observe(ctx);
    expect(outcome('A26.object-lock-is-per-version-worm', { ...o, deleteWithoutBypassAtServerMs: o.retainUntilMs - 500 }).outcome).toBe('inconclusive');
    setUp();
    const { DeleteObjectCommand } = await import('@aws-sdk/client-s3');
    // A caller without s3:BypassGovernanceRetention: every bypassed delete refused, the lock honoured until its date.
    world.s3.on(DeleteObjectCommand).callsFake(async (i) => {
      const keys = world.store.get(i.Bucket!)!;
      const v = (keys.get(i.Key!) ?? []).find((x) => x.id === i.VersionId);
      if (i.BypassGovernanceRetention || (v?.retainUntil && v.retainUntil.getTime() > ctx.now())) throw Object.assign(new Error('Access Denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
      keys.set(i.Key!, (keys.get(i.Key!) ?? []).filter((x) => x.id !== i.VersionId));
      return { $metadata: { httpStatusCode: 204 } };
    });
    const started = ctx.now();
    const left = await objectLock.observe(ctx);
    expect(left.deleteWithBypass).toMatchObject({ ok: false, code: 'AccessDenied' });
    // Without the permission the bypass was not exercised: inconclusive, not a failed claim ("Object Lock considerations", Bypassing governance mode).
    const j = outcome('A26.object-lock-is-per-version-worm', left);
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons.join()).toMatch(/s3:BypassGovernanceRetention/);
    expect(left.leftovers).toEqual([]);
    expect(objectsLeft()).toEqual([]);
    expect(ctx.now() - started).toBeGreaterThanOrEqual(RETENTION_SECONDS * 1000);
  });
});

describe('endpoint reads (A43)', () => {
  test('truthful: the endpoint reads aws:SourceVpce objects, nobody reads aws:SourceArn ones, outside reads are denied; nothing left', async () => {
    setUp();
    const o = await endpointReads.observe(ctx);
    expect(outcome('A43.endpoint-restrictions-use-source-vpce', o).outcome).toBe('pass');
    // Every key under lab-checks/, where the cleanups and the leftovers sweep look.
    const { PutObjectCommand } = await import('@aws-sdk/client-s3');
    const keys = world.s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input.Key ?? '');
    expect(keys).toHaveLength(3);
    for (const k of keys) expect(k.startsWith('lab-checks/')).toBe(true);
    expect(objectsLeft()).toEqual([]);
  });

  test('fails when aws:SourceVpce does not let the endpoint read', async () => {
    setUp({ sourceVpceHonoured: false });
    const j = outcome('A43.endpoint-restrictions-use-source-vpce', await endpointReads.observe(ctx));
    expect(j.outcome).toBe('fail');
    expect(j.reasons.join()).toMatch(/aws:SourceVpce: a read through the endpoint/);
  });

  test('inconclusive when the probe never got an answer from S3 (no path through the endpoint)', async () => {
    setUp();
    const o = await endpointReads.observe(ctx);
    const timeout = { ok: false, code: 'TimeoutError' };
    expect(outcome('A43.endpoint-restrictions-use-source-vpce', { ...o, viaEndpoint: { sourceVpce: timeout, sourceArn: timeout, control: timeout } }).outcome).toBe('inconclusive');
  });
});

describe('the example run', () => {
  test('its example run (test/fixtures/example-run.json) is the truthful world recorded: every live claim passes, the example says it is one', async () => {
    setUp({}, { rounds: '10' });
    const claims = indexClaims(CATALOG);
    const record = await recordExampleRun(lab, ctx, (id) => claims.get(id)?.claim, 'a truthful world: S3 and Lambda answering as their API references give them, with S3 keeping the world\'s clock');
    expect(record.results.filter((r) => r.outcome !== 'pass' && r.outcome !== 'skipped')).toEqual([]);
    expectToMatchFileSnapshot(record, path.join(__dirname, 'fixtures', 'example-run.json'));
  });
});
