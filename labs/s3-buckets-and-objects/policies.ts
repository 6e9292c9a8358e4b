/**
 * The seed answers' bucket policies, as they wrote them (the lab shows what they do). Built with
 * aws-cdk-lib, so only the stack imports this module; the key prefixes are in `keys.ts`.
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { SOURCE_ARN_PREFIX } from './keys';

/**
 * I44's seed: deny every PutObject whose `s3:x-amz-server-side-encryption` is not AES256. With
 * StringNotEquals, a request without the header has no such key and matches too, so the policy
 * denies uploads that S3 would encrypt with SSE-S3 anyway, and every SSE-KMS upload.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingServerSideEncryption.html
 */
export function seedEncryptionHeaderDeny(bucket: s3.IBucket): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'SeedDenyUploadsWithoutAes256Header',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['s3:PutObject'],
    resources: [bucket.arnForObjects('*')],
    conditions: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'AES256' } },
  });
}

/**
 * A43's seed: restrict reads to an endpoint with `aws:SourceArn`. A request through a gateway
 * endpoint carries `aws:SourceVpce`, not `aws:SourceArn` (a key of service-to-service requests), so
 * StringNotEquals matches every request and the deny locks out the endpoint too.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourcearn
 */
export function seedSourceArnDeny(bucket: s3.IBucket, endpointArn: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'SeedDenyReadsNotFromTheEndpointArn',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['s3:GetObject'],
    resources: [bucket.arnForObjects(`${SOURCE_ARN_PREFIX}*`)],
    conditions: { StringNotEquals: { 'aws:SourceArn': endpointArn } },
  });
}
