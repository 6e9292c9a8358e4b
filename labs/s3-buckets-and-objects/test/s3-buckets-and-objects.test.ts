import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { estimateCost } from '../../../lib/lab-kit/operations/cost';
import { judgeOffline, mutatedCopy, synthLab } from '../../../lib/lab-kit/testing';
import type { TemplateJson } from '../../../lib/lab-kit/template/json';
import { resourcesOfType } from '../../../lib/lab-kit/template/resources';
import { EndpointOnlyRead } from '../../../lib/storage/endpoint-only-read';
import { PrivateS3AccessVpc } from '../../../lib/storage/private-s3-access-vpc';
import { SecureDefaultsBucket } from '../../../lib/storage/secure-defaults-bucket';
import { VersionedBucket } from '../../../lib/storage/versioned-bucket';
import { s3BucketsAndObjects as lab } from '..';
import { type Facts, labFacts } from '../facts';
import { LOCK_MODE, RETENTION_SECONDS } from '../observe-lock';
import { policyOf, propsOf } from './offline-cases';

let template: TemplateJson;
let facts: Facts;

beforeAll(async () => {
  template = await synthLab(lab);
  facts = labFacts(template);
});

describe('s3-buckets-and-objects template', () => {
  test('five buckets, each with a generated name, emptied and deleted with the stack; nothing billed by the hour', () => {
    const buckets = resourcesOfType(template, 'AWS::S3::Bucket');
    expect(buckets).toHaveLength(5);
    for (const b of buckets) {
      expect(b.properties.BucketName).toBeUndefined();
      expect(template.Resources![b.logicalId].DeletionPolicy).toBe('Delete');
    }
    expect(resourcesOfType(template, 'Custom::S3AutoDeleteObjects')).toHaveLength(5);
    expect(resourcesOfType(template, 'AWS::EC2::NatGateway')).toHaveLength(0);
    expect(estimateCost(template).hourly).toBe(0);
  });

  test('the auto-delete handler logs to a log group of the stack', () => {
    const handler = resourcesOfType(template, 'AWS::Lambda::Function').find((f) => f.logicalId.startsWith('CustomS3AutoDeleteObjects'))!;
    expect(template.Resources![handler.properties.LoggingConfig.LogGroup.Ref].Type).toBe('AWS::Logs::LogGroup');
  });

  test('I33 and I44: the defaults bucket leaves Block Public Access, Object Ownership and encryption to S3', () => {
    const p = propsOf(template, 'DefaultsBucketName');
    expect(p.PublicAccessBlockConfiguration).toBeUndefined();
    expect(p.OwnershipControls).toBeUndefined();
    expect(p.BucketEncryption).toBeUndefined();
  });

  test("I44: the seed's policy, as written: deny PutObject unless AES256", () => {
    expect(policyOf(template, 'SeedPolicyBucketName').find((s: any) => s.Sid === 'SeedDenyUploadsWithoutAes256Header')).toMatchObject({ Effect: 'Deny', Action: 's3:PutObject', Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'AES256' } } });
  });

  test('A26: Object Lock enabled with no default retention; the check locks in governance mode only, for a minute', () => {
    expect(propsOf(template, 'LockBucketName')).toMatchObject({ ObjectLockEnabled: true, VersioningConfiguration: { Status: 'Enabled' } });
    expect(propsOf(template, 'LockBucketName').ObjectLockConfiguration).toBeUndefined();
    expect(LOCK_MODE).toBe('GOVERNANCE');
    // Far below the shortest TTL (30 minutes) and one self-destruct interval (5 minutes): a lock left by an interrupted run has ended before the stack's deletion is retried.
    expect(RETENTION_SECONDS).toBeLessThanOrEqual(60);
  });

  test('A26: lifecycle rules expire every version of the lock bucket and its lone delete markers, so a version an interrupted run left locked goes once its retention ends', () => {
    expect(propsOf(template, 'LockBucketName').LifecycleConfiguration.Rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ExpirationInDays: 1, Status: 'Enabled' }),
        expect.objectContaining({ NoncurrentVersionExpiration: { NoncurrentDays: 1 }, ExpiredObjectDeleteMarker: true, Status: 'Enabled' }),
      ]),
    );
    expect(judgeOffline(lab, 'A26.object-lock-is-per-version-worm', mutatedCopy(template, (t) => delete propsOf(t, 'LockBucketName').LifecycleConfiguration)).reasons.join()).toMatch(/lifecycle expires current and noncurrent versions/);
  });

  test('A43: the probe is in isolated subnets whose only way out is the S3 gateway endpoint; reads restricted by aws:SourceVpce and, on another prefix, aws:SourceArn', () => {
    expect(facts.internetRoutes).toEqual([]);
    expect(facts.endpoint).toMatchObject({ type: 'Gateway', routeTables: 1 });
    expect(facts.probe.inVpc).toBe(true);
    expect(facts.probe.actions).toEqual(expect.arrayContaining(['s3:GetObject', 'ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface']));
    const statements = policyOf(template, 'EndpointBucketName');
    expect(statements.find((s: any) => s.Sid === 'DenyReadsNotThroughTheEndpoint').Condition).toEqual({ StringNotEquals: { 'aws:SourceVpce': { Ref: facts.endpoint.logicalId } } });
    expect(statements.find((s: any) => s.Sid === 'SeedDenyReadsNotFromTheEndpointArn').Condition.StringNotEquals['aws:SourceArn']).toBeDefined();
  });

  test('offline checks fail on more than their registered case', () => {
    const fails = (claim: string, change: (t: any) => void) => expect(judgeOffline(lab, claim, mutatedCopy(template, change)).outcome).toBe('fail');
    fails('B9.delete-bucket-requires-empty-bucket', (t) => (propsOf(t, 'VersionsBucketName').BucketName = 'fixed-name'));
    fails('A26.object-lock-is-per-version-worm', (t) => delete propsOf(t, 'LockBucketName').ObjectLockEnabled);
    fails('A43.endpoint-restrictions-use-source-vpce', (t) => (t.Resources.Igw = { Type: 'AWS::EC2::InternetGateway', Properties: {} }));
    fails('I44.default-encryption-enforces-without-changes', (t) => policyOf(t, 'DefaultsBucketName').push({ Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: '*', Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'AES256' } } }));
  });
});

test('loading the lab (index → checks → observe*) loads no aws-cdk-lib: the CDK-built policies live with the stack', () => {
  const root = path.join(__dirname, '../../..');
  const script = "require('./labs/s3-buckets-and-objects/index.ts'); process.stdout.write(String(Object.keys(require.cache).some((k) => k.includes('/aws-cdk-lib/'))))";
  expect(execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, encoding: 'utf8' })).toBe('false');
}, 30_000);

describe('storage constructs: bad input is one clear line', () => {
  const stack = () => new Stack(new App());
  test('VersionedBucket noncurrentVersionExpiration', () => {
    expect(() => new VersionedBucket(stack(), 'B', { noncurrentVersionExpiration: Duration.hours(36) })).toThrow('VersionedBucket noncurrentVersionExpiration: received 1 day 12 hours; allowed: a whole number of days, 1 or more (lifecycle rules count in days)');
    expect(() => new VersionedBucket(stack(), 'B', { noncurrentVersionExpiration: Duration.days(7) })).not.toThrow();
  });
  test('SecureDefaultsBucket minimumTlsVersion', () => {
    expect(() => new SecureDefaultsBucket(stack(), 'B', { minimumTlsVersion: 1.1 })).toThrow('SecureDefaultsBucket minimumTlsVersion: received 1.1; allowed: 1.2 or 1.3');
  });
  test('EndpointOnlyRead keyPrefix', () => {
    const s = stack();
    const bucket = new s3.Bucket(s, 'B');
    expect(() => new EndpointOnlyRead(s, 'E', { bucket, vpcEndpointId: 'vpce-1', keyPrefix: 'private/*' })).toThrow(/EndpointOnlyRead keyPrefix: received "private\/\*"; allowed: a key prefix ending in "\/"/);
    expect(() => new EndpointOnlyRead(s, 'F', { bucket, vpcEndpointId: 'vpce-1', keyPrefix: 'private' })).toThrow(/received "private"/);
  });
  test('PrivateS3AccessVpc maxAzs', () => {
    expect(() => new PrivateS3AccessVpc(stack(), 'V', { maxAzs: 0 })).toThrow('PrivateS3AccessVpc maxAzs: received 0; allowed: 1, 2 or 3');
  });
});
