/**
 * T9 and I2: rounds of writes and reads on fresh keys of the defaults bucket, from this machine,
 * one request at a time. Each round: GET a key that was never written (404 expected), PUT it, GET,
 * PUT again (an overwrite), GET, LIST, DELETE, GET, LIST. Every read is sent only after the write
 * before it was answered, by the same client, on a key no one else writes, so S3's strong
 * read-after-write consistency predicts exactly what each read returns.
 *
 * "After a successful write of a new object, or an overwrite or delete of an existing object, any
 * subsequent read request immediately receives the latest version of the object"; list operations
 * reflect it too ("Amazon S3 data consistency model", What is Amazon S3?,
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/Welcome.html#ConsistencyModel).
 *
 * A read is **stale** when it shows the key's state before the last write answered: the 404 after
 * the first PUT, the first body after the overwrite, a LIST without the key (or with its old ETag)
 * after a PUT, the object or its listing after the DELETE. A LIST showing an ETag that neither PUT
 * returned is `other` (an unexpected answer), as a GET with a body neither PUT wrote is. Each round's keys are deleted in it and
 * again in `finally`.
 */
import { observationsOf } from '../../lib/lab-kit/checks/lab-definition';
import { attempt, runPrefix, s3Client, withCleanup } from './s3-calls';
import { OUTPUTS } from './outputs';

const observe = observationsOf(OUTPUTS);

/** The `--rounds` option: how many rounds (each 9 requests) the run makes. */
export const ROUNDS = { min: 5, max: 500, default: 50 } as const;

/** What one read returned, against what the last answered write predicts. */
export type ReadResult = 'fresh' | 'stale' | 'other';

export interface RoundResult {
  /** The GET before any write answered 404 NoSuchKey (else the key existed: the round's new-object reads are not a test of negative caching). */
  readonly missingFirst: boolean;
  readonly readAfterCreate: ReadResult;
  readonly readAfterOverwrite: ReadResult;
  readonly listAfterOverwrite: ReadResult;
  readonly readAfterDelete: ReadResult;
  readonly listAfterDelete: ReadResult;
  /** Milliseconds from the write's answer to the read's answer, for each read, in the order above. */
  readonly gapsMs: readonly number[];
}

export interface ConsistencyObservation {
  readonly rounds: readonly RoundResult[];
  readonly requested: number;
  /** Keys the cleanup could not delete. */
  readonly leftovers: readonly string[];
}

export const consistency = observe({
  name: 'consistency',
  outputs: ['DefaultsBucketName'],
  async observe(ctx): Promise<ConsistencyObservation> {
    const { PutObjectCommand, GetObjectCommand, DeleteObjectCommand, ListObjectsV2Command } = await import('@aws-sdk/client-s3');
    const s3 = await s3Client(ctx.aws);
    const Bucket = ctx.outputs.DefaultsBucketName;
    const requested = Number(ctx.options.rounds ?? ROUNDS.default);
    const prefix = runPrefix('consistency', ctx.now());
    const written = new Set<string>();
    const rounds: RoundResult[] = [];
    const body = async (Key: string) => {
      const r = await attempt(() => s3.send(new GetObjectCommand({ Bucket, Key })));
      return { status: r.answer.status, code: r.answer.code, text: r.value ? await r.value.Body!.transformToString() : undefined };
    };
    const listed = async (Key: string) => {
      const out = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: Key }));
      return (out.Contents ?? []).find((c) => c.Key === Key)?.ETag;
    };
    const experiment = async () => {
      for (let i = 0; i < requested; i++) {
        if (i % 10 === 0) ctx.progress(`consistency round ${i + 1} of ${requested}`);
        const Key = `${prefix}round-${i}.txt`;
        const first = `round ${i} first write ${Math.random()}`;
        const second = `round ${i} overwrite ${Math.random()}`;
        const gaps: number[] = [];
        const before = await body(Key);
        written.add(Key);
        const put1 = await s3.send(new PutObjectCommand({ Bucket, Key, Body: first }));
        let t = ctx.now();
        const afterCreate = await body(Key);
        gaps.push(ctx.now() - t);
        const put2 = await s3.send(new PutObjectCommand({ Bucket, Key, Body: second }));
        t = ctx.now();
        const afterOverwrite = await body(Key);
        gaps.push(ctx.now() - t);
        t = ctx.now();
        const etag = await listed(Key);
        gaps.push(ctx.now() - t);
        await s3.send(new DeleteObjectCommand({ Bucket, Key }));
        t = ctx.now();
        const afterDelete = await body(Key);
        gaps.push(ctx.now() - t);
        t = ctx.now();
        const etagAfterDelete = await listed(Key);
        gaps.push(ctx.now() - t);
        const read = (r: { text?: string; code?: string }, fresh: string, stale: string | undefined): ReadResult => (r.text === fresh ? 'fresh' : r.text === stale || (stale === undefined && r.code === 'NoSuchKey') ? 'stale' : 'other');
        rounds.push({
          missingFirst: before.status === 404 && before.code === 'NoSuchKey',
          readAfterCreate: read(afterCreate, first, undefined),
          readAfterOverwrite: read(afterOverwrite, second, first),
          listAfterOverwrite: etag === put2.ETag ? 'fresh' : etag === undefined || etag === put1.ETag ? 'stale' : 'other',
          readAfterDelete: afterDelete.status === 404 && afterDelete.code === 'NoSuchKey' ? 'fresh' : afterDelete.text === second || afterDelete.text === first ? 'stale' : 'other',
          listAfterDelete: etagAfterDelete === undefined ? 'fresh' : etagAfterDelete === put2.ETag || etagAfterDelete === put1.ETag ? 'stale' : 'other',
          gapsMs: gaps,
        });
      }
      return { rounds, requested };
    };
    // The bucket is not versioned: a delete by key removes the object for good.
    return withCleanup(experiment, async () => {
      const left: string[] = [];
      for (const Key of written) {
        const r = await attempt(() => s3.send(new DeleteObjectCommand({ Bucket, Key }))).catch((e: Error) => ({ answer: { ok: false, code: e.name } }));
        if (!r.answer.ok) left.push(`${Key}: ${r.answer.code}`);
      }
      return left;
    });
  },
});
