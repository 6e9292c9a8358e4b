import { RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** Properties of {@link SecureDefaultsBucket}. */
export interface SecureDefaultsBucketProps {
  /**
   * The lowest TLS version the bucket policy accepts (`s3:TlsVersion`), besides refusing plain HTTP.
   * @default 1.2
   */
  readonly minimumTlsVersion?: number;
}

/** The TLS versions S3's `s3:TlsVersion` condition compares against. */
export const TLS_VERSIONS: readonly number[] = [1.2, 1.3];

/**
 * A bucket that adds to S3's defaults only what they leave out, as I33, I44 and A49 are answered.
 *
 * - **Encryption at rest needs nothing**: since 5 January 2023 S3 encrypts every new object with
 *   SSE-S3 unless the request or the bucket's default encryption asks for another type, so the
 *   bucket sets no `BucketEncryption`. A deny on a missing `x-amz-server-side-encryption` header
 *   would only reject uploads S3 encrypts anyway (and SSE-KMS ones).
 * - **Public access is blocked by default**: new buckets have all four Block Public Access settings
 *   on and ACLs disabled (Object Ownership "bucket owner enforced"), so the bucket sets neither.
 * - **Encryption in transit is what must be added**: a bucket policy denying every request with
 *   `aws:SecureTransport` false (and TLS older than `minimumTlsVersion`). Security groups cannot
 *   do this: they filter addresses, protocols and ports, and S3 is not in a security group.
 *
 * The bucket empties itself and is deleted with the stack.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingServerSideEncryption.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html
 */
export class SecureDefaultsBucket extends Construct {
  /** The bucket. */
  public readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: SecureDefaultsBucketProps = {}) {
    super(scope, id);
    const tls = props.minimumTlsVersion ?? 1.2;
    if (!TLS_VERSIONS.includes(tls)) {
      throw new Error(`SecureDefaultsBucket minimumTlsVersion: received ${tls}; allowed: ${TLS_VERSIONS.join(' or ')}`);
    }
    this.bucket = new s3.Bucket(this, 'Bucket', {
      enforceSSL: true,
      minimumTLSVersion: tls,
      autoDeleteObjects: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }
}
