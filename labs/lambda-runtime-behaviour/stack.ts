import { Duration, Size, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import { ColdStartProbeFunction } from '../../lib/compute/lambda-cold-start-probe';
import { EnvironmentIsolationPair } from '../../lib/compute/lambda-environment-isolation';
import { MemoryHogFunction } from '../../lib/compute/lambda-memory-hog';
import { ReleaseAliasFunction } from '../../lib/compute/lambda-release-alias';
import { TimeoutProbeFunction } from '../../lib/compute/lambda-timeout-probe';
import { addLabOutputs } from '../../lib/lab-kit/stack/lab-outputs';
import { LabStack, type LabStackProps } from '../../lib/lab-kit/stack/lab-stack';
import { OUTPUTS } from './outputs';

/** The lab's settings: small functions, short timeouts, one idle VPC with nothing billed by the hour. */
export const SETTINGS = {
  /** The smallest memory size, so the hogs pass it with a few hundred megabytes. */
  hogMemory: Size.mebibytes(128),
  /** Short: an invocation run past it is billed about 2 s. */
  probeTimeout: Duration.seconds(2),
  /** The large-package variant's padding, loaded at init. */
  paddingMegabytes: 16,
} as const;

/**
 * Lab lambda-runtime-behaviour: small functions whose behaviour the checks measure. Memory hogs in
 * Node.js and Python, a function that runs past its timeout, five cold-start probes (one in a VPC of
 * isolated subnets: no NAT gateway, no endpoint, nothing billed by the hour), a function with a
 * version and an alias, and two functions for environment isolation. Idle, it costs nothing: Lambda
 * bills per request and duration, and the VPC and its subnets are free.
 */
export class LambdaRuntimeBehaviourStack extends LabStack {
  constructor(scope: Construct, id: string, props: LabStackProps = {}) {
    super(scope, id, {
      description: 'Lab lambda-runtime-behaviour: timeouts, memory, cold starts, versions and aliases, environment isolation (B8, I15, I22, I24, I43, A20, A35)',
      ...props,
    });

    const nodeHog = new MemoryHogFunction(this, 'NodeMemoryHog', { runtime: 'nodejs', memorySize: SETTINGS.hogMemory });
    const pythonHog = new MemoryHogFunction(this, 'PythonMemoryHog', { runtime: 'python', memorySize: SETTINGS.hogMemory });
    const timeoutProbe = new TimeoutProbeFunction(this, 'TimeoutProbe', { timeout: SETTINGS.probeTimeout });

    const vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr('10.42.0.0/24'),
      maxAzs: 2,
      natGateways: 0,
      restrictDefaultSecurityGroup: false,
      subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 26 }],
    });
    // No rule out at all: the VPC probe makes no network call, and nothing comes in to a Lambda ENI.
    const securityGroup = new ec2.SecurityGroup(this, 'ColdVpcSecurityGroup', { vpc, allowAllOutbound: false, description: 'The VPC cold-start probe: no traffic in or out' });

    const coldPlain = new ColdStartProbeFunction(this, 'ColdPlain');
    const coldVpc = new ColdStartProbeFunction(this, 'ColdVpc', { vpc: { vpc, subnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, securityGroup } });
    const coldSdkAtInit = new ColdStartProbeFunction(this, 'ColdSdkAtInit', { sdkClient: 'init' });
    const coldSdkInHandler = new ColdStartProbeFunction(this, 'ColdSdkInHandler', { sdkClient: 'handler' });
    const coldLarge = new ColdStartProbeFunction(this, 'ColdLargePackage', { paddingMegabytes: SETTINGS.paddingMegabytes });

    const release = new ReleaseAliasFunction(this, 'Release');
    const isolation = new EnvironmentIsolationPair(this, 'Isolation');

    addLabOutputs(this, OUTPUTS, {
      NodeMemoryHogName: nodeHog.function.functionName,
      PythonMemoryHogName: pythonHog.function.functionName,
      TimeoutProbeName: timeoutProbe.function.functionName,
      ColdPlainName: coldPlain.function.functionName,
      ColdVpcName: coldVpc.function.functionName,
      ColdSdkAtInitName: coldSdkAtInit.function.functionName,
      ColdSdkInHandlerName: coldSdkInHandler.function.functionName,
      ColdLargePackageName: coldLarge.function.functionName,
      ReleaseFunctionName: release.function.functionName,
      ReleaseAliasName: release.alias.aliasName,
      ReleaseVersion: release.version.version,
      HolderFunctionName: isolation.holder.function.functionName,
      ReaderFunctionName: isolation.reader.function.functionName,
      HolderVariableName: isolation.variableName,
    });

    Validations.of(vpc).acknowledge({ id: 'AwsSolutions-VPC7', reason: 'Flow logs would cost more than the lab and show nothing: the one function in the VPC makes no network call.' });
    Validations.of(pythonHog).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Python 3.13 is pinned on purpose (the lab records what this runtime reports when memory runs out); a newer runtime would change the template by itself.',
    });
    Validations.of(coldVpc).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole]',
      reason: 'AWSLambdaVPCAccessExecutionRole is what Lambda needs to manage the Hyperplane ENIs of a VPC function (ec2:CreateNetworkInterface and friends, which take no resource ARN).',
    });
  }
}
