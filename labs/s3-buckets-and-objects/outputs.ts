/** The stack outputs of s3-buckets-and-objects: the contract between its stack and its observations. */
import { defineOutputs } from '../../lib/lab-kit/core/outputs';

export const OUTPUTS = defineOutputs({
  VersionsBucketName: 'The versioned bucket (B9, B12): versions, delete markers, suspending, DeleteBucket',
  DefaultsBucketName: 'The bucket left at S3 defaults plus TLS-only (T9, I2, I33, I44, I45, A49)',
  SeedPolicyBucketName: "The bucket with the seed's deny-unless-AES256 policy (I44)",
  LockBucketName: 'The Object Lock bucket without default retention (A26)',
  EndpointBucketName: 'The bucket readable under two prefixes only through the gateway endpoint, by aws:SourceVpce and by aws:SourceArn (A43)',
  EndpointId: 'The S3 gateway endpoint id (vpce-...)',
  ProbeFunctionName: 'The probe function in the isolated subnets that reads through the endpoint',
});
