import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/**
 * A bucket with S3 Object Lock enabled and no default retention, as A26 is answered: Object Lock is
 * write-once-read-many protection of each object version (it needs, and turns on, versioning). A
 * version under a governance-mode retention cannot be deleted or overwritten before its
 * retain-until date unless the request carries `x-amz-bypass-governance-retention: true` and the
 * caller is allowed `s3:BypassGovernanceRetention`; a compliance-mode retention cannot be shortened
 * or removed by anyone, the root user included, until it ends.
 *
 * Why no default retention: a default rule locks every version written, in days or years, and
 * CDK's `autoDeleteObjects` handler deletes versions without the bypass header, so a locked version
 * would make the stack's deletion fail until its retention ran out. Without a default, only a
 * version given its own retention (PutObject with `ObjectLockMode` and `ObjectLockRetainUntilDate`)
 * is locked, for as long as the writer chose. Compliance mode is deliberately not offered: a
 * mistake in it cannot be undone.
 *
 * Why lifecycle rules: a locked version outlives an interrupted writer, and CDK's
 * `autoDeleteObjects` handler cannot delete it (no bypass header) nor notices that it failed, so
 * the bucket's deletion would fail with BucketNotEmpty. S3 Lifecycle cannot delete a version while
 * it is locked but does once its retention has ended, so the rules make every version short-lived:
 * current versions expire {@link ObjectLockBucket.EXPIRE_AFTER} after creation (a delete marker
 * makes them noncurrent), noncurrent versions the same time after that, and the delete markers left
 * alone are removed. The bucket holds only throwaway objects, so expiring everything is the point.
 *
 * Object Lock cannot be turned off once enabled, and versioning on such a bucket cannot be
 * suspended. The bucket empties itself when the stack is deleted and refuses plain HTTP.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-managing.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-expire-general-considerations.html
 */
export class ObjectLockBucket extends Construct {
  /** How long a version lives: the shortest lifecycle period S3 accepts (a whole, positive number of days). */
  public static readonly EXPIRE_AFTER = Duration.days(1);

  /** The bucket. */
  public readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      objectLockEnabled: true,
      versioned: true,
      enforceSSL: true,
      autoDeleteObjects: true,
      removalPolicy: RemovalPolicy.DESTROY,
      lifecycleRules: [
        // Expiration and ExpiredObjectDeleteMarker cannot share a rule ("LifecycleExpiration", Amazon S3 API Reference).
        { id: 'ExpireCurrentVersions', expiration: ObjectLockBucket.EXPIRE_AFTER },
        { id: 'ExpireNoncurrentVersionsAndLoneMarkers', noncurrentVersionExpiration: ObjectLockBucket.EXPIRE_AFTER, expiredObjectDeleteMarker: true },
      ],
    });
  }
}
