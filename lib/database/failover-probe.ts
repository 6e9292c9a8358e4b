import * as path from 'node:path';
import { Aws, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** What the probe connects to. */
export interface FailoverProbeTarget extends ec2.IConnectable {
  /** The endpoint's DNS name (for RDS, `instanceEndpoint.hostname`). */
  readonly hostname: string;
  readonly port: number;
}

/** Properties of {@link FailoverProbe}. */
export interface FailoverProbeProps {
  readonly vpc: ec2.IVpc;
  /**
   * Where the function's network interfaces go: the same subnets as the database's clients.
   * @default the VPC's isolated subnets
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /** The PostgreSQL endpoint to probe; the probe is allowed to its port and nowhere else. */
  readonly target: FailoverProbeTarget;
  /**
   * The longest window one invocation may probe. The function's timeout is this plus 30 seconds,
   * within Lambda's 15-minute limit. Keep it under about 5 minutes when the caller waits on a
   * synchronous invoke through a NAT or proxy that drops idle connections (a NAT gateway does so
   * after 350 seconds).
   * @default Duration.minutes(4)
   */
  readonly maxWindow?: Duration;
  /** Time between the starts of two tries. @default Duration.seconds(1) */
  readonly interval?: Duration;
  /**
   * The deadline of one try, DNS to answer; a try that takes longer counts as failed, as it would
   * for a client with this connect timeout.
   * @default Duration.millis(900)
   */
  readonly attemptTimeout?: Duration;
  /**
   * Also check that the server accepts logins (TLS, then a StartupMessage for a user that does not
   * exist; no password is sent). Without it the probe only proves a PostgreSQL server answers.
   * @default true
   */
  readonly checkReadiness?: boolean;
}

const MAX_TIMEOUT = Duration.minutes(15);
const TIMEOUT_MARGIN = Duration.seconds(30);

/**
 * A Lambda function in the database's VPC that, for the number of seconds it is invoked with,
 * resolves a PostgreSQL endpoint once per interval, connects to the address it got, and sends the
 * SSLRequest handshake (no credentials), returning the timeline of tries. It is how a check sees a
 * failover as a client does: when connections failed, for how long, and when the name started
 * resolving to another address.
 *
 * It needs no internet and no AWS API: no NAT, no VPC endpoint. DNS queries reach the Route 53
 * Resolver over a link-local path, privately and off the network its security group guards, so
 * that group allows one thing only: the database port, inside the VPC. The target is fixed in the
 * function's environment: an invocation cannot point it at another host.
 *
 * Each invocation returns the raw timeline (one entry per try: when, how long, the address it
 * resolved, how far it got, and why it failed); the rds-multi-az-failover lab turns it into downtime.
 *
 * **Time limits.** One invocation is one synchronous window of at most `maxWindow`; the function
 * stops its tries before its own timeout (it reads the remaining time), so it always returns its
 * timeline. A caller that needs longer calls it again and joins the windows.
 *
 * **Rights.** An inline policy: write to its own log group, and the EC2 network-interface actions
 * Lambda performs with the function's role to attach it to the VPC (the actions of the managed
 * policy AWSLambdaVPCAccessExecutionRole, limited to this account and Region).
 *
 * @see https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html
 * @see https://docs.aws.amazon.com/vpc/latest/userguide/AmazonDNS-concepts.html
 * @see https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-SSL
 */
export class FailoverProbe extends Construct {
  public readonly function: lambda.Function;
  public readonly securityGroup: ec2.SecurityGroup;
  public readonly logGroup: logs.LogGroup;
  /** The longest window one invocation may probe, in whole seconds. */
  public readonly maxWindowSeconds: number;

  constructor(scope: Construct, id: string, props: FailoverProbeProps) {
    super(scope, id);
    const maxWindow = props.maxWindow ?? Duration.minutes(4);
    const interval = props.interval ?? Duration.seconds(1);
    const attemptTimeout = props.attemptTimeout ?? Duration.millis(900);

    const problems: string[] = [];
    const windowSeconds = maxWindow.toSeconds({ integral: false });
    const maxWindowSeconds = MAX_TIMEOUT.minus(TIMEOUT_MARGIN).toSeconds();
    if (!Number.isInteger(windowSeconds) || windowSeconds < 10 || windowSeconds > maxWindowSeconds) {
      problems.push(`maxWindow: received ${maxWindow.toHumanString()}; allowed: 10 to ${maxWindowSeconds} whole seconds (the function's timeout adds ${TIMEOUT_MARGIN.toSeconds()} s and may not exceed 15 minutes)`);
    }
    const intervalMs = interval.toMilliseconds();
    if (intervalMs < 200 || intervalMs > 10_000) {
      problems.push(`interval: received ${intervalMs} ms; allowed: 200 to 10000 ms`);
    }
    const attemptMs = attemptTimeout.toMilliseconds();
    if (attemptMs < 100 || attemptMs > intervalMs) {
      problems.push(`attemptTimeout: received ${attemptMs} ms; allowed: 100 ms to the interval (${intervalMs} ms)`);
    }
    if (problems.length > 0) throw new Error(problems.join('\n'));
    this.maxWindowSeconds = windowSeconds;

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Failover probe: connects to the database port only',
      allowAllOutbound: false,
    });
    const port = ec2.Port.tcp(props.target.port);
    // The egress rule is inline (a CIDR peer), on purpose: a rule to a security-group peer is a
    // separate AWS::EC2::SecurityGroupEgress resource, and a group whose SecurityGroupEgress
    // property is empty keeps EC2's default allow-all egress rule.
    this.securityGroup.addEgressRule(ec2.Peer.ipv4(props.vpc.vpcCidrBlock), port, 'Failover probe: the database port inside the VPC');
    for (const group of props.target.connections.securityGroups) {
      group.addIngressRule(this.securityGroup, port, 'Failover probe: TCP connect and SSLRequest');
    }

    // An explicit log group, deleted with the stack; without it Lambda creates one that outlives it.
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: logs.RetentionDays.ONE_WEEK,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Inline rights only (no AWS managed policy). The statements live in the role itself, so the
    // function, which refers to the role, is created after them and deleted before them.
    const accountResources = `arn:${Aws.PARTITION}:ec2:${Aws.REGION}:${Aws.ACCOUNT_ID}:*/*`;
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Failover probe: its own logs and the network interfaces Lambda attaches to the VPC',
      inlinePolicies: {
        Probe: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({
              sid: 'WriteOwnLogs',
              actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              resources: [this.logGroup.logGroupArn],
            }),
            new iam.PolicyStatement({
              sid: 'DescribeForVpcAttachment',
              // These two actions work only on all resources.
              actions: ['ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets'],
              resources: ['*'],
            }),
            new iam.PolicyStatement({
              sid: 'ManageVpcNetworkInterfaces',
              actions: ['ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
              resources: [accountResources],
            }),
          ],
        }),
      },
    });

    Validations.of(role).acknowledge(
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'ec2:DescribeNetworkInterfaces and ec2:DescribeSubnets, which Lambda needs to attach the function to the VPC, work only on all resources.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:*/*]',
        reason: 'The network interfaces Lambda creates for the function have ids unknown until then; the rights are limited to this account and Region.',
      },
    );

    this.function = new lambda.Function(this, 'Function', {
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(path.join(__dirname, 'failover-probe-handler')),
      // TLS handshakes once a second are CPU work; 256 MB keeps each well under the try deadline.
      memorySize: 256,
      timeout: maxWindow.plus(TIMEOUT_MARGIN),
      role,
      logGroup: this.logGroup,
      vpc: props.vpc,
      vpcSubnets: props.vpcSubnets ?? { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      securityGroups: [this.securityGroup],
      description: `Probes ${props.target.port}/tcp of a PostgreSQL endpoint every ${interval.toHumanString()}: DNS, TCP, SSLRequest${(props.checkReadiness ?? true) ? ', login readiness' : ''}`,
      environment: {
        TARGET_HOST: props.target.hostname,
        TARGET_PORT: String(props.target.port),
        INTERVAL_MS: String(intervalMs),
        ATTEMPT_TIMEOUT_MS: String(attemptMs),
        MAX_WINDOW_SECONDS: String(windowSeconds),
        CHECK_READINESS: String(props.checkReadiness ?? true),
      },
    });
  }
}
