import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** Properties of {@link EndpointOnlyRead}. */
export interface EndpointOnlyReadProps {
  /** The bucket whose objects only the endpoint may read. */
  readonly bucket: s3.IBucket;
  /** The VPC endpoint's id (`vpce-...`), as `aws:SourceVpce` carries it. */
  readonly vpcEndpointId: string;
  /**
   * The key prefix the restriction covers, e.g. `private/`: objects under it can be read only
   * through the endpoint. Letters, digits, `!-_.*'()` and `/`, ending in `/`, without wildcards.
   */
  readonly keyPrefix: string;
}

const PREFIX = /^[A-Za-z0-9!\-_.'()/]+\/$/;

/**
 * Reading objects only through one VPC endpoint, as A43 is answered: a bucket policy that denies
 * `s3:GetObject` to everyone when `aws:SourceVpce` is not the endpoint's id. S3 puts the endpoint's
 * id in `aws:SourceVpce` for every request that arrives through it; a request from anywhere else
 * has no such key, so `StringNotEquals` matches it and the deny applies, whatever the caller's IAM
 * permissions.
 *
 * Not `aws:SourceArn`: that key is the ARN of the resource on whose behalf an AWS service makes a
 * request (a service-to-service call, used against the confused deputy); a request through a VPC
 * endpoint does not carry the endpoint's ARN in it, so a condition on it never sees the endpoint.
 *
 * Only reads are restricted, on one prefix, so that deploying, emptying and deleting the bucket
 * from outside the VPC keep working. A deny on `aws:SourceVpce` for every action would also lock
 * out the console and CloudFormation.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies-vpc-endpoint.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourcevpce
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourcearn
 */
export class EndpointOnlyRead extends Construct {
  /** The deny statement, as added to the bucket's policy. */
  public readonly statement: iam.PolicyStatement;

  constructor(scope: Construct, id: string, props: EndpointOnlyReadProps) {
    super(scope, id);
    if (!PREFIX.test(props.keyPrefix)) {
      throw new Error(`EndpointOnlyRead keyPrefix: received ${JSON.stringify(props.keyPrefix)}; allowed: a key prefix ending in "/" of letters, digits, !-_.'() and "/", without wildcards`);
    }
    this.statement = new iam.PolicyStatement({
      sid: 'DenyReadsNotThroughTheEndpoint',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:GetObject'],
      resources: [props.bucket.arnForObjects(`${props.keyPrefix}*`)],
      conditions: { StringNotEquals: { 'aws:SourceVpce': props.vpcEndpointId } },
    });
    props.bucket.addToResourcePolicy(this.statement);
  }
}
