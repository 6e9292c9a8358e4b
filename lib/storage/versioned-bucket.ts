import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** Properties of {@link VersionedBucket}. */
export interface VersionedBucketProps {
  /**
   * How long a version is kept after it stops being current, before S3 expires it. Every version is
   * a whole object billed at its storage class rate, so without this rule the bucket grows with every
   * overwrite and every plain delete.
   * @default Duration.days(30)
   */
  readonly noncurrentVersionExpiration?: Duration;
}

/**
 * A versioned bucket, as B9 and B12 are answered: S3 Versioning keeps every version of every key,
 * a plain DELETE only adds a delete marker (the object is restorable by deleting the marker), and a
 * DELETE that names a version id removes that version for good. Versioning can be suspended but
 * never turned off again, and suspending keeps every version and marker, so the bucket cannot be
 * deleted until each of them is.
 *
 * The lifecycle rule expires noncurrent versions (and the delete markers left with no version
 * behind them), which is what keeps a versioned bucket's storage in check. The bucket empties
 * itself when the stack is deleted (`autoDeleteObjects` deletes every version and marker), refuses
 * plain HTTP (`enforceSSL`), and leaves Block Public Access, Object Ownership and default encryption
 * at S3's defaults for new buckets (all four blocks on, ACLs disabled, SSE-S3).
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/DeletingObjectVersions.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/delete-bucket.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-configuration-examples.html
 */
export class VersionedBucket extends Construct {
  /** The bucket. */
  public readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: VersionedBucketProps = {}) {
    super(scope, id);
    const expiration = props.noncurrentVersionExpiration ?? Duration.days(30);
    const days = expiration.toHours() / 24;
    if (!Number.isInteger(days) || days < 1) {
      throw new Error(`VersionedBucket noncurrentVersionExpiration: received ${expiration.toHumanString()}; allowed: a whole number of days, 1 or more (lifecycle rules count in days)`);
    }
    this.bucket = new s3.Bucket(this, 'Bucket', {
      versioned: true,
      enforceSSL: true,
      autoDeleteObjects: true,
      removalPolicy: RemovalPolicy.DESTROY,
      lifecycleRules: [{ id: 'ExpireNoncurrentVersions', noncurrentVersionExpiration: expiration, expiredObjectDeleteMarker: true }],
    });
  }
}
