/**
 * A26 on the Object Lock bucket (no default retention): one version written with a governance-mode
 * retention of {@link RETENTION_SECONDS} seconds by S3's clock, then deleted by version id without
 * the bypass (refused), a plain delete (a delete marker: the lock protects versions, not keys), and
 * the version deleted by id with `x-amz-bypass-governance-retention: true`, which needs
 * `s3:BypassGovernanceRetention` ("Object Lock considerations", Bypassing governance mode,
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-managing.html). Compliance mode
 * is never used: a compliance retention cannot be shortened or removed by anyone until it ends.
 *
 * Cleanup, in `finally`: every version and marker under the run's prefix deleted with the bypass;
 * what that cannot delete (a caller without the permission) is deleted without it once the
 * retention has ended, waiting at most {@link RETENTION_SECONDS} + {@link CLEANUP_MARGIN_MS}.
 *
 * An interrupted run (killed between the PutObject and the `finally`) leaves one version under
 * {@link LOCK_ROOT}. Three things remove it: (1) every run first sweeps {@link LOCK_ROOT} with the
 * bypass (or, without the permission, deletes what is no longer locked), so earlier runs' versions
 * go before this run writes; (2) the bucket's lifecycle rules (ObjectLockBucket) expire it: S3
 * Lifecycle keeps working on protected objects but cannot delete a version while it is locked, so
 * it deletes it once the retention has ended ("Object Lock considerations", Managing S3 Lifecycle
 * policies with Object Lock, https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-managing.html#object-lock-managing-lifecycle);
 * (3) CDK's auto-delete handler does not remove it: it sends DeleteObjects without the bypass and
 * does not read the response's per-key `Errors` ("DeleteObjects", https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html),
 * and a retried DeleteStack does not run it again, so a stack deleted while such a version exists
 * stays DELETE_FAILED (BucketNotEmpty) until the lifecycle has removed it, a day or two, or until
 * the user deletes it with the bypass (the README gives the commands).
 *
 * PutObject takes ObjectLockMode `GOVERNANCE | COMPLIANCE` and ObjectLockRetainUntilDate; HeadObject
 * returns both ("PutObject", "HeadObject", Amazon S3 API Reference). GetObjectLockConfiguration
 * returns ObjectLockConfiguration.ObjectLockEnabled `Enabled` and an optional Rule.DefaultRetention
 * ("GetObjectLockConfiguration", https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectLockConfiguration.html).
 */
import { observationsOf } from '../../lib/lab-kit/checks/lab-definition';
import { KEY_ROOT } from './keys';
import { type Answer, attempt, deleteEverythingUnder, runPrefix, s3Client, versionsUnder, withCleanup } from './s3-calls';
import { bucketUrl, clockSkewMs } from './server-clock';
import { OUTPUTS } from './outputs';

const observe = observationsOf(OUTPUTS);

/** Where every run writes (`runPrefix('object-lock', …)`), and what each run sweeps first. */
export const LOCK_ROOT = `${KEY_ROOT}object-lock/`;
/** The retention the run gives its one version: long enough for three requests, short enough that nothing lingers. */
export const RETENTION_SECONDS = 60;
/** Past the retention (S3's clock, estimated from the skew) before the fallback cleanup deletes without the bypass. */
export const CLEANUP_MARGIN_MS = 5_000;
/** The mode the run uses, and the only one it ever uses. */
export const LOCK_MODE = 'GOVERNANCE' as const;

export interface LockObservation {
  /** Versions and markers of earlier runs found under {@link LOCK_ROOT} before this one, and those the sweep could not delete. */
  readonly earlierRuns: { readonly found: number; readonly left: readonly string[] };
  readonly lockEnabled?: string;
  /** GetObjectLockConfiguration's Rule.DefaultRetention, as `MODE N days/years`, when the bucket has one. */
  readonly defaultRetention?: string;
  /** Local clock minus S3's, ms, and the round trip of that reading. */
  readonly skewMs: number;
  readonly skewRoundTripMs: number;
  /** ObjectLockRetainUntilDate asked for (S3's clock), epoch ms. */
  readonly retainUntilMs: number;
  readonly put: Answer;
  /** HeadObject of the version: its mode and retain-until date as S3 stored them. */
  readonly headMode?: string;
  readonly headRetainUntilMs?: number;
  /** Delete by version id, no bypass; S3's clock (estimated) when it was answered, epoch ms. */
  readonly deleteWithoutBypass: Answer;
  readonly deleteWithoutBypassAtServerMs: number;
  /** A delete without a version id: S3's DeleteMarker flag, and whether the version was still listed after it. */
  readonly plainDelete: Answer & { readonly deleteMarker: boolean };
  readonly versionListedAfterPlainDelete: boolean;
  readonly deleteWithBypass: Answer;
  readonly versionListedAfterBypass: boolean;
  readonly leftovers: readonly string[];
}

export const objectLock = observe({
  name: 'object-lock',
  outputs: ['LockBucketName'],
  async observe(ctx): Promise<LockObservation> {
    const { GetObjectLockConfigurationCommand, PutObjectCommand, HeadObjectCommand, DeleteObjectCommand } = await import('@aws-sdk/client-s3');
    const s3 = await s3Client(ctx.aws);
    const Bucket = ctx.outputs.LockBucketName;
    const region = await s3.config.region();
    const prefix = runPrefix('object-lock', ctx.now());
    const Key = `${prefix}locked.txt`;
    let retainUntilMs = 0;
    let skewMs = 0;
    // An interrupted earlier run's version stops nothing here, but it would keep the stack from being deleted.
    const earlier = await versionsUnder(s3, Bucket, LOCK_ROOT);
    const found = earlier.versions.length + earlier.markers.length;
    let earlierLeft: string[] = [];
    if (found > 0) {
      ctx.progress(`deleting ${found} version(s) and marker(s) an interrupted earlier run left under ${LOCK_ROOT}`);
      earlierLeft = await deleteEverythingUnder(s3, Bucket, LOCK_ROOT, true);
      // Without s3:BypassGovernanceRetention: what is no longer locked goes without the bypass; what still is, the lifecycle removes.
      if (earlierLeft.length > 0) earlierLeft = await deleteEverythingUnder(s3, Bucket, LOCK_ROOT);
    }
    return withCleanup(
      async () => {
        const config = await s3.send(new GetObjectLockConfigurationCommand({ Bucket }));
        const rule = config.ObjectLockConfiguration?.Rule?.DefaultRetention;
        const skew = await clockSkewMs(bucketUrl(Bucket, region), ctx.now);
        skewMs = skew.skewMs;
        const serverNow = () => ctx.now() - skewMs;
        // Whole seconds: S3 keeps the retain-until date to the second.
        retainUntilMs = Math.ceil((serverNow() + RETENTION_SECONDS * 1000) / 1000) * 1000;
        ctx.progress(`writing one version locked in ${LOCK_MODE} mode for ${RETENTION_SECONDS} s`);
        const put = await attempt(() => s3.send(new PutObjectCommand({ Bucket, Key, Body: 'locked', ObjectLockMode: LOCK_MODE, ObjectLockRetainUntilDate: new Date(retainUntilMs) })));
        const versionId = put.value?.VersionId;
        const head = versionId ? await s3.send(new HeadObjectCommand({ Bucket, Key, VersionId: versionId })) : undefined;
        const withoutBypass = await attempt(() => s3.send(new DeleteObjectCommand({ Bucket, Key, VersionId: versionId })));
        const deleteWithoutBypassAtServerMs = serverNow();
        const plain = await attempt(() => s3.send(new DeleteObjectCommand({ Bucket, Key })));
        const listed = async () => (await versionsUnder(s3, Bucket, prefix)).versions.some((v) => v.versionId === versionId);
        const versionListedAfterPlainDelete = await listed();
        const withBypass = await attempt(() => s3.send(new DeleteObjectCommand({ Bucket, Key, VersionId: versionId, BypassGovernanceRetention: true })));
        return {
          earlierRuns: { found, left: earlierLeft },
          lockEnabled: config.ObjectLockConfiguration?.ObjectLockEnabled,
          defaultRetention: rule ? `${rule.Mode} ${rule.Days ?? rule.Years} ${rule.Days ? 'days' : 'years'}` : undefined,
          skewMs,
          skewRoundTripMs: skew.roundTripMs,
          retainUntilMs,
          put: put.answer,
          headMode: head?.ObjectLockMode,
          headRetainUntilMs: head?.ObjectLockRetainUntilDate?.getTime(),
          deleteWithoutBypass: withoutBypass.answer,
          deleteWithoutBypassAtServerMs,
          plainDelete: { ...plain.answer, deleteMarker: plain.value?.DeleteMarker === true },
          versionListedAfterPlainDelete,
          deleteWithBypass: withBypass.answer,
          versionListedAfterBypass: await listed(),
        };
      },
      async () => {
        let left = await deleteEverythingUnder(s3, Bucket, prefix, true);
        if (left.length > 0 && retainUntilMs > 0) {
          const wait = Math.min(retainUntilMs + CLEANUP_MARGIN_MS - (ctx.now() - skewMs), RETENTION_SECONDS * 1000 + CLEANUP_MARGIN_MS);
          ctx.progress(`the bypass did not delete ${left.length} version(s); waiting ${Math.ceil(Math.max(wait, 0) / 1000)} s for the retention to end`);
          if (wait > 0) await ctx.sleep(wait);
          left = await deleteEverythingUnder(s3, Bucket, prefix);
        }
        return left;
      },
    );
  },
});
