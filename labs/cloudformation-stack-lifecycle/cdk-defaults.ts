/**
 * What the CDK writes as DeletionPolicy and UpdateReplacePolicy when a stateful construct is given
 * no removal policy, read from a template synthesized here in a throwaway App that is never deployed
 * (a database instance, an Aurora cluster, a bucket, a table, a queue). The lab stack records the
 * result in its Metadata so the offline check of I6 reads it from the synthesized template.
 *
 * CloudFormation's own default differs: a resource with no DeletionPolicy is deleted, except
 * AWS::RDS::DBCluster and AWS::RDS::DBInstance without DBClusterIdentifier, which default to
 * Snapshot ("DeletionPolicy attribute", CloudFormation Template Reference,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-deletionpolicy.html).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';

/** One construct's resource as the CDK synthesized it with no removal policy given. */
export interface CdkDefault {
  /** The CDK construct, e.g. `rds.DatabaseInstance`. */
  readonly construct: string;
  readonly type: string;
  /** The attribute as written, or `none` when the CDK writes none (CloudFormation's own default then applies). */
  readonly deletionPolicy: string;
  readonly updateReplacePolicy: string;
}

type Resource = { Type: string; Properties?: Record<string, unknown>; DeletionPolicy?: string; UpdateReplacePolicy?: string };
const inCluster = (r: Resource) => r.Properties?.DBClusterIdentifier !== undefined;

/** Construct, resource type, how to build it, and (where one type has several) which resource it is. */
const CONSTRUCTS: ReadonlyArray<readonly [string, string, (s: Stack, vpc: ec2.IVpc) => void, ((r: Resource) => boolean)?]> = [
  ['rds.DatabaseInstance', 'AWS::RDS::DBInstance', (s, vpc) => new rds.DatabaseInstance(s, 'Instance', { engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_17 }), storageEncrypted: true, vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } }), (r) => !inCluster(r)],
  ['rds.DatabaseCluster', 'AWS::RDS::DBCluster', (s, vpc) => new rds.DatabaseCluster(s, 'Cluster', { engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_17_4 }), writer: rds.ClusterInstance.serverlessV2('Writer'), vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } })],
  // The cluster's writer: an AWS::RDS::DBInstance with DBClusterIdentifier, which CloudFormation deletes by default.
  ['rds.ClusterInstance (writer)', 'AWS::RDS::DBInstance', () => undefined, inCluster],
  ['s3.Bucket', 'AWS::S3::Bucket', (s) => new s3.Bucket(s, 'Bucket')],
  ['dynamodb.TableV2', 'AWS::DynamoDB::GlobalTable', (s) => new dynamodb.TableV2(s, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } })],
  ['dynamodb.Table', 'AWS::DynamoDB::Table', (s) => new dynamodb.Table(s, 'LegacyTable', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } })],
  ['sqs.Queue', 'AWS::SQS::Queue', (s) => new sqs.Queue(s, 'Queue')],
];

/**
 * Synthesizes the constructs above in a throwaway App (with the caller's feature flags) and reads
 * each one's DeletionPolicy and UpdateReplacePolicy.
 *
 * @param context the context of the lab's own app (its feature flags), so the defaults are the ones a lab would get
 */
export function cdkDefaults(context: Record<string, unknown> = {}): CdkDefault[] {
  // Its own folder, removed afterwards: never the lab app's cloud assembly (CDK_OUTDIR), which the CLI reads.
  const outdir = mkdtempSync(path.join(tmpdir(), 'cdk-defaults-'));
  const app = new App({ context, outdir, analyticsReporting: false });
  const stack = new Stack(app, 'CdkDefaults');
  const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0, maxAzs: 2, subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  for (const [, , build] of CONSTRUCTS) build(stack, vpc);
  let template: { Resources: Record<string, Resource> };
  try {
    template = app.synth().getStackByName(stack.stackName).template;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
  return CONSTRUCTS.map(([construct, type, , which = () => true]) => {
    const r = Object.values(template.Resources).find((x) => x.Type === type && which(x));
    return { construct, type, deletionPolicy: r?.DeletionPolicy ?? 'none', updateReplacePolicy: r?.UpdateReplacePolicy ?? 'none' };
  });
}
