/**
 * For each claim, the template change that must make its offline check fail (the invariant suite
 * runs them). More failing cases are in s3-buckets-and-objects.test.ts.
 */
import type { OfflineCases } from '../../../lib/lab-kit/testing';
import { outputLogicalId } from '../../../lib/lab-kit/testing';

/** The properties of the resource an output points at. */
export function propsOf(t: any, output: string): any {
  return t.Resources[outputLogicalId(t, output)].Properties;
}

/** The statements of the bucket policy of the bucket an output points at. */
export function policyOf(t: any, output: string): any[] {
  const bucket = outputLogicalId(t, output);
  const policy = Object.values<any>(t.Resources).find((r) => r.Type === 'AWS::S3::BucketPolicy' && r.Properties.Bucket?.Ref === bucket);
  return policy.Properties.PolicyDocument.Statement;
}

const unversion = (t: any) => delete propsOf(t, 'VersionsBucketName').VersioningConfiguration;
const sseS3 = (t: any) => (propsOf(t, 'DefaultsBucketName').BucketEncryption = { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] });
const pab = (t: any) => (propsOf(t, 'DefaultsBucketName').PublicAccessBlockConfiguration = { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
const versionDefaults = (t: any) => (propsOf(t, 'DefaultsBucketName').VersioningConfiguration = { Status: 'Enabled' });

export const OFFLINE_CASES: OfflineCases = {
  'B9.delete-bucket-requires-empty-bucket': unversion,
  'B9.versioning-can-only-be-suspended': (t) => (propsOf(t, 'VersionsBucketName').VersioningConfiguration.Status = 'Suspended'),
  'B12.versioning-does-not-prevent-deletion': unversion,
  'B12.noncurrent-versions-billed-as-full-objects': (t) => delete propsOf(t, 'VersionsBucketName').LifecycleConfiguration,
  'I2.s3-strong-read-after-write-consistency': versionDefaults,
  'T9.s3-strongly-consistent-since-2020': versionDefaults,
  'T9.no-negative-caching-after-put': versionDefaults,
  'T9.overwrites-and-deletes-strongly-consistent': versionDefaults,
  'I33.new-buckets-block-public-access': pab,
  'I33.bpa-off-and-bucket-policy-required': (t) => (propsOf(t, 'DefaultsBucketName').OwnershipControls = { Rules: [{ ObjectOwnership: 'ObjectWriter' }] }),
  'I44.default-encryption-enforces-without-changes': sseS3,
  'I44.deny-policy-rejects-uploads-without-header': (t) => {
    for (const s of policyOf(t, 'SeedPolicyBucketName')) if (s.Condition?.StringNotEquals) s.Condition.StringNotEquals['s3:x-amz-server-side-encryption'] = 'aws:kms';
  },
  'I45.presigned-url-grants-one-key-operation': (t) => policyOf(t, 'DefaultsBucketName').push({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }),
  // A default retention: every version would be locked, and the stack could not empty the bucket.
  'A26.object-lock-is-per-version-worm': (t) => (propsOf(t, 'LockBucketName').ObjectLockConfiguration = { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 1 } } }),
  // The seed's way: aws:SourceArn in place of aws:SourceVpce.
  'A43.endpoint-restrictions-use-source-vpce': (t) => {
    for (const s of policyOf(t, 'EndpointBucketName')) if (s.Condition?.StringNotEquals?.['aws:SourceVpce']) s.Condition = { StringNotEquals: { 'aws:SourceArn': s.Condition.StringNotEquals['aws:SourceVpce'] } };
  },
  'A49.s3-encrypts-new-objects-by-default': sseS3,
  'A49.security-groups-cannot-enforce-tls': (t) => {
    const statements = policyOf(t, 'LockBucketName');
    statements.splice(0, statements.length, ...statements.filter((s: any) => !s.Condition?.Bool));
  },
};
