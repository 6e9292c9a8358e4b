/**
 * B12 and B9 on the versioned bucket: three versions of one key written and listed with their
 * sizes, a plain delete (a marker), the marker removed (the object back), one version deleted by id
 * (gone for good); then versioning "disabled" (refused: only Enabled or Suspended exist), suspended,
 * and DeleteBucket tried while the versions remain. Versioning is enabled again and everything the
 * run wrote is deleted by version id, in `finally`. A run killed between the suspension and that
 * `finally` leaves the bucket Suspended, so each run reads GetBucketVersioning first and, when it
 * says Suspended, enables versioning again before the experiment and reports it.
 *
 * PutBucketVersioning's Status takes Enabled or Suspended ("VersioningConfiguration", Amazon S3 API
 * Reference, https://docs.aws.amazon.com/AmazonS3/latest/API/API_VersioningConfiguration.html);
 * DeleteObject without a version id on a versioned bucket adds a delete marker, with one it removes
 * that version ("Deleting object versions from a versioning-enabled bucket",
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/DeletingObjectVersions.html).
 */
import { observationsOf } from '../../lib/lab-kit/checks/lab-definition';
import { type Answer, attempt, deleteEverythingUnder, runPrefix, s3Client, versionsUnder, withCleanup } from './s3-calls';
import { OUTPUTS } from './outputs';

const observe = observationsOf(OUTPUTS);

/** The sizes of the three versions written, in bytes: different, so each version is recognised by its size. */
export const VERSION_SIZES = [1024, 2048, 3072] as const;

export interface Listing {
  readonly versions: number;
  readonly markers: number;
  /** Size of each version, oldest first, in bytes. */
  readonly sizes: readonly number[];
}

export interface VersionsObservation {
  readonly key: string;
  /** GetBucketVersioning before the run: Suspended means an earlier run was interrupted (this run enabled it again first). */
  readonly statusAtStart?: string;
  /** After the three PutObjects. */
  readonly afterWrites: Listing;
  /** The plain DeleteObject: whether S3 said it made a delete marker. */
  readonly plainDelete: { readonly deleteMarker: boolean; readonly answer: Answer };
  /** GetObject of the key after the plain delete (NoSuchKey expected), and of its newest version by id. */
  readonly getAfterPlainDelete: Answer;
  readonly getVersionAfterPlainDelete: Answer & { readonly size?: number };
  readonly afterPlainDelete: Listing;
  /** GetObject after the marker was deleted by its version id: the newest version again. */
  readonly getAfterMarkerRemoved: Answer & { readonly size?: number };
  /** GetObject of the newest version by id after it was deleted by id (NoSuchVersion expected), then of the key. */
  readonly getDeletedVersion: Answer;
  readonly getAfterVersionDelete: Answer & { readonly size?: number };
  readonly afterVersionDelete: Listing;
  /** B9: PutBucketVersioning Status "Disabled". */
  readonly disable: Answer;
  /** B9: after PutBucketVersioning Suspended, GetBucketVersioning's Status and a plain delete. */
  readonly statusAfterSuspend?: string;
  readonly afterSuspend: Listing;
  /** Every version and marker in the whole bucket when DeleteBucket was sent (first page, up to 1,000). */
  readonly bucketVersionsAtDelete: number;
  readonly deleteBucket: Answer;
  /** What the cleanup could not delete, and whether versioning was enabled again. */
  readonly leftovers: readonly string[];
  readonly reEnabled: boolean;
}

const listing = (l: Awaited<ReturnType<typeof versionsUnder>>): Listing => ({
  versions: l.versions.length,
  markers: l.markers.length,
  sizes: [...l.versions].reverse().map((v) => v.size),
});

export const versions = observe({
  name: 'versions',
  outputs: ['VersionsBucketName'],
  async observe(ctx): Promise<VersionsObservation> {
    const { PutObjectCommand, DeleteObjectCommand, GetObjectCommand, PutBucketVersioningCommand, GetBucketVersioningCommand, DeleteBucketCommand, ListObjectVersionsCommand } = await import('@aws-sdk/client-s3');
    const s3 = await s3Client(ctx.aws);
    const Bucket = ctx.outputs.VersionsBucketName;
    const prefix = runPrefix('versions', ctx.now());
    const key = `${prefix}object.txt`;
    const get = async (VersionId?: string) => {
      const r = await attempt(() => s3.send(new GetObjectCommand({ Bucket, Key: key, VersionId })));
      return { ...r.answer, size: r.value ? (await r.value.Body!.transformToByteArray()).length : undefined };
    };
    const list = async () => listing(await versionsUnder(s3, Bucket, prefix));
    let suspended = false;
    let bucketGone = false;
    const experiment = async (): Promise<Omit<VersionsObservation, 'leftovers' | 'reEnabled'>> => {
      const statusAtStart = (await s3.send(new GetBucketVersioningCommand({ Bucket }))).Status;
      if (statusAtStart === 'Suspended') {
        ctx.progress('the versions bucket is Suspended: an earlier run was interrupted; enabling versioning again first');
        await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
      }
      ctx.progress(`writing ${VERSION_SIZES.length} versions of ${key}`);
      const ids: string[] = [];
      for (const size of VERSION_SIZES) {
        const out = await s3.send(new PutObjectCommand({ Bucket, Key: key, Body: 'v'.repeat(size) }));
        ids.push(out.VersionId ?? 'null');
      }
      const afterWrites = await list();
      const plain = await attempt(() => s3.send(new DeleteObjectCommand({ Bucket, Key: key })));
      const markerId = plain.value?.VersionId;
      const getAfterPlainDelete = await get();
      const getVersionAfterPlainDelete = await get(ids[2]);
      const afterPlainDelete = await list();
      if (markerId) await s3.send(new DeleteObjectCommand({ Bucket, Key: key, VersionId: markerId }));
      const getAfterMarkerRemoved = await get();
      await s3.send(new DeleteObjectCommand({ Bucket, Key: key, VersionId: ids[2] }));
      const getDeletedVersion = await get(ids[2]);
      const getAfterVersionDelete = await get();
      const afterVersionDelete = await list();

      ctx.progress('B9: asking for versioning Disabled, then suspending it');
      const disable = (await attempt(() => s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Disabled' as never } })))).answer;
      await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Suspended' } }));
      suspended = true;
      const status = (await s3.send(new GetBucketVersioningCommand({ Bucket }))).Status;
      await s3.send(new DeleteObjectCommand({ Bucket, Key: key }));
      const afterSuspend = await list();
      const whole = await s3.send(new ListObjectVersionsCommand({ Bucket, MaxKeys: 1000 }));
      const bucketVersionsAtDelete = (whole.Versions?.length ?? 0) + (whole.DeleteMarkers?.length ?? 0);
      // Only with versions in it: DeleteBucket must be refused, and the run never deletes an empty lab bucket.
      const deleteBucket = bucketVersionsAtDelete > 0 ? (await attempt(() => s3.send(new DeleteBucketCommand({ Bucket })))).answer : { ok: false, code: 'not sent: the bucket held nothing' };
      bucketGone = deleteBucket.ok;
      return {
        key,
        statusAtStart,
        afterWrites,
        plainDelete: { deleteMarker: plain.value?.DeleteMarker === true, answer: plain.answer },
        getAfterPlainDelete: { ok: getAfterPlainDelete.ok, status: getAfterPlainDelete.status, code: getAfterPlainDelete.code },
        getVersionAfterPlainDelete,
        afterPlainDelete,
        getAfterMarkerRemoved,
        getDeletedVersion: { ok: getDeletedVersion.ok, status: getDeletedVersion.status, code: getDeletedVersion.code },
        getAfterVersionDelete,
        afterVersionDelete,
        disable,
        statusAfterSuspend: status,
        afterSuspend,
        bucketVersionsAtDelete,
        deleteBucket,
      };
    };
    let reEnabled = true;
    // Even when the experiment failed: every version and marker it wrote, by version id, and the
    // bucket's versioning back to Enabled, as the template declares it.
    const result = await withCleanup(experiment, async () => {
      if (bucketGone) return [];
      const left = await deleteEverythingUnder(s3, Bucket, prefix);
      if (suspended) reEnabled = (await attempt(() => s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } })))).answer.ok;
      return left;
    });
    return { ...result, reEnabled };
  },
});
