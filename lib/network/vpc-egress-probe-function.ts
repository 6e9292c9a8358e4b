import * as path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** Properties of {@link VpcEgressProbeFunction}. */
export interface VpcEgressProbeFunctionProps {
  readonly vpc: ec2.IVpc;
  /** The one subnet the function is attached to. */
  readonly subnet: ec2.ISubnet;
  /**
   * The subnet is public (routed to an internet gateway). The CDK refuses a function there unless told,
   * because it cannot reach the internet from it; the lab places one there on purpose, to show it.
   * @default false
   */
  readonly inPublicSubnet?: boolean;
}

/**
 * A Lambda function in one subnet of a VPC that tries to reach the internet (HTTPS to
 * checkip.amazonaws.com): the worked answer to "how does a VPC function reach the internet?". Its
 * network interfaces (Hyperplane ENIs) never get a public IP, so in a public subnet the internet
 * gateway has no address to translate to and the request goes nowhere; from a private subnet whose
 * default route is a NAT gateway it goes out as the NAT gateway's Elastic IP. Without any path, calls
 * hang until a timeout: give clients a timeout shorter than the function's (the handler does).
 *
 * Its role writes its own log group (nothing wider) and has AWSLambdaENIManagementAccess: the five EC2
 * actions Lambda uses to create and remove the function's ENIs (CreateNetworkInterface,
 * DescribeNetworkInterfaces, DeleteNetworkInterface, Assign/UnassignPrivateIpAddresses), the list the
 * Lambda guide gives for a VPC function's execution role. AWSLambdaVPCAccessExecutionRole, which the CDK
 * adds to roles it creates, has the same five plus logs:* and ec2:DescribeSubnets on every resource.
 *
 * Its timeout (20 s) leaves room for the handler's own (5 s by default) plus Lambda's 10 s Init limit: an
 * Init that overruns is retried within the invocation under the function's timeout ("Understanding the
 * Lambda execution environment lifecycle").
 *
 * @see https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSLambdaENIManagementAccess.html
 * @see https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSLambdaVPCAccessExecutionRole.html
 * @see https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html
 *
 * @see https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc-internet.html
 * @see https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html
 */
export class VpcEgressProbeFunction extends Construct {
  /** The function's timeout: the handler's own timeout plus Lambda's 10 s Init limit must fit in it. */
  public static readonly TIMEOUT = Duration.seconds(20);

  public readonly function: lambda.Function;
  public readonly role: iam.Role;
  public readonly logGroup: logs.LogGroup;
  public readonly securityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: VpcEgressProbeFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'LogGroup', { retention: logs.RetentionDays.ONE_WEEK, removalPolicy: RemovalPolicy.DESTROY });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Writes its own log group; Lambda manages its VPC network interfaces with AWSLambdaENIManagementAccess',
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaENIManagementAccess')],
    });
    this.logGroup.grantWrite(this.role);
    // Out: HTTPS only, which is all the probe does; nothing comes in to a Lambda ENI.
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', { vpc: props.vpc, allowAllOutbound: false, description: 'VPC egress probe: HTTPS out only' });
    this.securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS to checkip.amazonaws.com');
    this.function = new lambda.Function(this, 'Function', {
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(path.join(__dirname, 'vpc-egress-probe-function-handler')),
      role: this.role,
      logGroup: this.logGroup,
      memorySize: 128,
      timeout: VpcEgressProbeFunction.TIMEOUT,
      description: 'Tries HTTPS to checkip.amazonaws.com from its subnet',
      vpc: props.vpc,
      vpcSubnets: { subnets: [props.subnet] },
      securityGroups: [this.securityGroup],
      allowPublicSubnet: props.inPublicSubnet ?? false,
    });
  }
}
