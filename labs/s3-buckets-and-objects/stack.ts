import * as path from 'node:path';
import { Arn, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { EndpointOnlyRead } from '../../lib/storage/endpoint-only-read';
import { ObjectLockBucket } from '../../lib/storage/object-lock-bucket';
import { PrivateS3AccessVpc } from '../../lib/storage/private-s3-access-vpc';
import { SecureDefaultsBucket } from '../../lib/storage/secure-defaults-bucket';
import { VersionedBucket } from '../../lib/storage/versioned-bucket';
import { logAutoDeleteHandler } from '../../lib/lab-kit/stack/auto-delete-log-group';
import { addLabFunction } from '../../lib/lab-kit/stack/lab-function';
import { addLabOutputs } from '../../lib/lab-kit/stack/lab-outputs';
import { LabStack, type LabStackProps } from '../../lib/lab-kit/stack/lab-stack';
import { OUTPUTS } from './outputs';
import { SOURCE_ARN_PREFIX, SOURCE_VPCE_PREFIX } from './keys';
import { seedEncryptionHeaderDeny, seedSourceArnDeny } from './policies';

/**
 * Lab s3-buckets-and-objects: five buckets with generated names, each emptied and deleted with the
 * stack, and, for A43 only, a VPC of isolated subnets with a free S3 gateway endpoint and a small
 * probe function in it. Nothing is billed by the hour: S3 bills storage (a few kilobytes, for
 * minutes) and requests; Lambda its invocations; the gateway endpoint nothing.
 */
export class S3BucketsAndObjectsStack extends LabStack {
  constructor(scope: Construct, id: string, props: LabStackProps = {}) {
    super(scope, id, {
      description: 'Lab s3-buckets-and-objects: versioning, deletion, consistency, default encryption, Object Lock and bucket policies, observed (B9 B12 T9 I2 I33 I44 I45 A26 A43 A49)',
      ...props,
    });

    const versions = new VersionedBucket(this, 'Versions');
    const defaults = new SecureDefaultsBucket(this, 'Defaults');
    // I33: S3's own default for new buckets is what the lab observes, so this bucket's template says
    // nothing about Block Public Access (the CDK's publicAccessBlockedByDefault flag would write all
    // four settings explicitly, and the check would read back only what the template asked for).
    (defaults.bucket.node.defaultChild as s3.CfnBucket).addPropertyDeletionOverride('PublicAccessBlockConfiguration');

    // I44's seed policy on a bucket of its own (it would reject the other checks' uploads).
    const seed = new SecureDefaultsBucket(this, 'SeedPolicy');
    seed.bucket.addToResourcePolicy(seedEncryptionHeaderDeny(seed.bucket));

    const lock = new ObjectLockBucket(this, 'Lock');

    // A43: reads under one prefix only through the endpoint (aws:SourceVpce), under another with the
    // seed's aws:SourceArn condition.
    const network = new PrivateS3AccessVpc(this, 'Network');
    const endpointBucket = new SecureDefaultsBucket(this, 'EndpointReads');
    new EndpointOnlyRead(this, 'EndpointOnlyRead', { bucket: endpointBucket.bucket, vpcEndpointId: network.endpoint.vpcEndpointId, keyPrefix: SOURCE_VPCE_PREFIX });
    const endpointArn = Arn.format({ service: 'ec2', resource: 'vpc-endpoint', resourceName: network.endpoint.vpcEndpointId }, Stack.of(this));
    endpointBucket.bucket.addToResourcePolicy(seedSourceArnDeny(endpointBucket.bucket, endpointArn));

    const probe = addLabFunction(new Construct(this, 'Probe'), {
      codeDirectory: path.join(__dirname, 'probe-handler'),
      roleDescription: 'The A43 probe: reads objects of the endpoint bucket from the isolated subnets',
      description: 'A43 probe: GetObject through the S3 gateway endpoint from isolated subnets',
      timeout: Duration.seconds(30),
      memorySize: 256,
      vpc: network.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      statements: [
        new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [endpointBucket.bucket.arnForObjects('*')] }),
        // A function in a VPC needs these to create and remove its network interfaces; they accept no
        // resource narrower than * ("Giving Lambda functions access to resources in an Amazon VPC").
        new iam.PolicyStatement({
          actions: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
          resources: ['*'],
        }),
      ],
    });
    logAutoDeleteHandler(this);

    addLabOutputs(this, OUTPUTS, {
      VersionsBucketName: versions.bucket.bucketName,
      DefaultsBucketName: defaults.bucket.bucketName,
      SeedPolicyBucketName: seed.bucket.bucketName,
      LockBucketName: lock.bucket.bucketName,
      EndpointBucketName: endpointBucket.bucket.bucketName,
      EndpointId: network.endpoint.vpcEndpointId,
      ProbeFunctionName: probe.function.functionName,
    });

    const logs = 'Server access logs would need a sixth bucket and arrive minutes late; the checks record every request they make and its answer themselves.';
    for (const b of [versions.bucket, defaults.bucket, seed.bucket, lock.bucket, endpointBucket.bucket]) Validations.of(b).acknowledge({ id: 'AwsSolutions-S1', reason: logs });
    Validations.of(network.vpc).acknowledge({ id: 'AwsSolutions-VPC7', reason: 'Flow logs would cost more than the lab and show nothing the probe does not: it reports each request and S3\'s answer.' });
    Validations.of(probe.role).acknowledge(
      { id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(endpointBucket.bucket.node.defaultChild as s3.CfnBucket)}.Arn>/*]`, reason: 'The probe reads whichever test object the check names, under the two prefixes of the endpoint bucket only; nothing else is granted on it.' },
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: 'The network-interface actions a function in a VPC needs take no narrower resource (Lambda execution role for VPC access).' },
    );
  }
}
