import { Duration, Fn } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as targets from 'aws-cdk-lib/aws-elasticloadbalancingv2-targets';
import { Construct } from 'constructs';
import { HEALTH_CHECK_PATH, instanceIdPageCommands, portProblem } from './instance-id-page';

/** Properties of {@link ZonalNetworkLoadBalancer}. */
export interface ZonalNetworkLoadBalancerProps {
  /** A VPC with public subnets (the load balancer's nodes) and isolated subnets (the targets), one of each per zone used. */
  readonly vpc: ec2.IVpc;
  /**
   * How many targets each Availability Zone gets, in the order of the VPC's isolated subnets. Uneven
   * on purpose: with cross-zone load balancing off each node serves only its own zone's targets, so
   * the lone target of a `[1, 3]` fleet takes about half of all traffic, not a quarter.
   * @default [1, 3]
   */
  readonly targetsPerZone?: readonly number[];
  /** Who may reach the listener (the load balancer's security group). */
  readonly ingressCidr: string;
  /** The port the listener accepts TCP on. @default 80 */
  readonly listenerPort?: number;
  /** The port the targets serve their page on (the target group's port). @default 8080 */
  readonly port?: number;
  /** An Arm (Graviton) type, to match the arm64 Amazon Linux 2023 AMI. @default t4g.nano */
  readonly instanceType?: ec2.InstanceType;
  /**
   * Time between health checks (HealthCheckIntervalSeconds). Short, so a drain is watched in
   * seconds; ELB's default for instance targets is 30 s.
   * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-health-checks.html
   * @default Duration.seconds(10)
   */
  readonly healthCheckInterval?: Duration;
  /** How long a health check may take (HealthCheckTimeoutSeconds); shorter than the interval. @default Duration.seconds(5) */
  readonly healthCheckTimeout?: Duration;
  /** Consecutive successes before a target is healthy (HealthyThresholdCount). @default 2 */
  readonly healthyThresholdCount?: number;
  /** Consecutive failures before a target is unhealthy (UnhealthyThresholdCount). @default 2 */
  readonly unhealthyThresholdCount?: number;
}

/** The defaults of {@link ZonalNetworkLoadBalancerProps}, in one place for the TSDoc, the code and the tests. */
export const ZONAL_NLB_DEFAULTS = {
  targetsPerZone: [1, 3] as readonly number[],
  listenerPort: 80,
  port: 8080,
  healthCheckInterval: Duration.seconds(10),
  healthCheckTimeout: Duration.seconds(5),
  healthyThresholdCount: 2,
  unhealthyThresholdCount: 2,
} as const;

function outside(value: number, min: number, max: number): boolean {
  return !Number.isInteger(value) || value < min || value > max;
}

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/**
 * Every problem with the props, each naming the prop, the value received and the values allowed
 * (ELB's limits for Network Load Balancer target groups and health checks).
 *
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html
 */
export function zonalNetworkLoadBalancerProblems(props: Omit<ZonalNetworkLoadBalancerProps, 'vpc'>): string[] {
  const s = { ...ZONAL_NLB_DEFAULTS, ...props };
  const problems: string[] = [];
  const zones = s.targetsPerZone;
  if (zones.length < 2 || zones.length > 3 || zones.some((n) => outside(n, 1, 5))) {
    problems.push(`targetsPerZone: received [${zones.join(', ')}]; allowed: 2 or 3 zones of 1 to 5 targets each`);
  } else if (new Set(zones).size === 1) {
    problems.push(`targetsPerZone: received [${zones.join(', ')}]; allowed: uneven counts (equal zones hide what cross-zone load balancing changes)`);
  }
  const m = CIDR.exec(s.ingressCidr);
  if (!m || m.slice(1, 5).some((o) => Number(o) > 255) || Number(m[5]) > 32) {
    problems.push(`ingressCidr: received ${JSON.stringify(s.ingressCidr)}; allowed: an IPv4 CIDR block such as 203.0.113.7/32`);
  }
  if (outside(s.listenerPort, 1, 65535)) problems.push(`listenerPort: received ${s.listenerPort}; allowed: 1 to 65535`);
  const port = portProblem('port', s.port);
  if (port) problems.push(port);
  const interval = s.healthCheckInterval.toSeconds({ integral: false });
  if (outside(interval, 5, 300)) problems.push(`healthCheckInterval: received ${interval} seconds; allowed: 5 to 300 seconds`);
  const timeout = s.healthCheckTimeout.toSeconds({ integral: false });
  if (outside(timeout, 2, 120)) problems.push(`healthCheckTimeout: received ${timeout} seconds; allowed: 2 to 120 seconds`);
  else if (!outside(interval, 5, 300) && timeout >= interval) {
    problems.push(`healthCheckTimeout: received ${timeout} seconds; allowed: less than healthCheckInterval (${interval} seconds)`);
  }
  if (outside(s.healthyThresholdCount, 2, 10)) problems.push(`healthyThresholdCount: received ${s.healthyThresholdCount}; allowed: 2 to 10`);
  if (outside(s.unhealthyThresholdCount, 2, 10)) problems.push(`unhealthyThresholdCount: received ${s.unhealthyThresholdCount}; allowed: 2 to 10`);
  if (props.instanceType && props.instanceType.architecture !== ec2.InstanceArchitecture.ARM_64) {
    problems.push(`instanceType: received ${props.instanceType}; allowed: an Arm (Graviton) type such as t4g.nano, to match the arm64 AMI`);
  }
  return problems;
}

/**
 * An internet-facing Network Load Balancer with a deliberately uneven fleet behind it: by default one
 * target in the first Availability Zone and three in the second, each serving its own instance id.
 *
 * The worked answer to "what does cross-zone load balancing change?": each load balancer node has an
 * address in its own zone, and with cross-zone load balancing off (a Network Load Balancer's default
 * at the load balancer level, which this construct leaves as it is) a node sends only to the targets
 * of its zone. Clients spread over the nodes, so each zone takes about an equal share whatever its
 * size: the lone target gets about half of everything. With cross-zone on, every node spreads over all
 * four targets and each gets about a quarter. The target group leaves the choice to the load balancer
 * (`use_load_balancer_configuration`), so one target-group attribute turns it on for the experiment.
 *
 * Turning it on has a price on an NLB: "When enabling cross-zone load balancing for a Network Load
 * Balancer, EC2 data transfer charges apply" (the NLB guide's cross-zone page, below).
 *
 * The targets run in isolated subnets with no way out and install nothing (see
 * {@link instanceIdPageCommands}); the load balancer's security group admits the listener port from
 * `ingressCidr`, and the targets admit only the load balancer's security group.
 *
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-cross-zone.html
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html#cross-zone-load-balancing
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-health-checks.html
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html
 */
export class ZonalNetworkLoadBalancer extends Construct {
  public readonly loadBalancer: elbv2.NetworkLoadBalancer;
  public readonly listener: elbv2.NetworkListener;
  public readonly targetGroup: elbv2.NetworkTargetGroup;
  /** The load balancer's security group. */
  public readonly securityGroup: ec2.SecurityGroup;
  /** The targets' security group. */
  public readonly targetSecurityGroup: ec2.SecurityGroup;
  /** The targets of each zone, in the order of {@link ZonalNetworkLoadBalancerProps.targetsPerZone}. */
  public readonly targetsByZone: readonly (readonly ec2.Instance[])[];

  constructor(scope: Construct, id: string, props: ZonalNetworkLoadBalancerProps) {
    super(scope, id);
    const problems = zonalNetworkLoadBalancerProblems(props);
    if (problems.length > 0) throw new Error(problems.join('; '));
    const s = { ...ZONAL_NLB_DEFAULTS, ...props };
    const isolated = props.vpc.isolatedSubnets;
    if (isolated.length < s.targetsPerZone.length) {
      throw new Error(`vpc: received ${isolated.length} isolated subnet(s); allowed: at least one per zone of targetsPerZone (${s.targetsPerZone.length})`);
    }

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: `Network Load Balancer: TCP ${s.listenerPort} from ${s.ingressCidr}, out only to the targets`,
      allowAllOutbound: false,
    });
    this.securityGroup.addIngressRule(ec2.Peer.ipv4(s.ingressCidr), ec2.Port.tcp(s.listenerPort), 'the listener');
    this.targetSecurityGroup = new ec2.SecurityGroup(this, 'TargetSecurityGroup', {
      vpc: props.vpc,
      description: 'Targets: the page port from the load balancer only, no outbound',
      allowAllOutbound: false,
    });
    // Referencing the load balancer's group admits its forwarded traffic and its health checks, even with
    // client IP preservation (on by default for instance targets).
    this.targetSecurityGroup.addIngressRule(this.securityGroup, ec2.Port.tcp(s.port), 'traffic and health checks from the load balancer');
    this.securityGroup.addEgressRule(this.targetSecurityGroup, ec2.Port.tcp(s.port), 'to the targets');

    // Cross-zone load balancing is not set: the load balancer keeps its default (off for NLB), which the live check reads.
    this.loadBalancer = new elbv2.NetworkLoadBalancer(this, 'LoadBalancer', {
      vpc: props.vpc,
      internetFacing: true,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      securityGroups: [this.securityGroup],
    });

    const userData = ec2.UserData.forLinux();
    userData.addCommands(...instanceIdPageCommands(s.port));
    const instanceType = props.instanceType ?? ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.NANO);
    const machineImage = ec2.MachineImage.latestAmazonLinux2023({ cpuType: ec2.AmazonLinuxCpuType.ARM_64 });
    this.targetsByZone = s.targetsPerZone.map((count, zone) =>
      Array.from({ length: count }, (_, i) =>
        new ec2.Instance(this, `Zone${zone + 1}Target${i + 1}`, {
          vpc: props.vpc,
          vpcSubnets: { subnets: [isolated[zone]] },
          instanceType,
          machineImage,
          userData,
          securityGroup: this.targetSecurityGroup,
          // IMDSv2 only; instance tags readable from the metadata, so a check can fail one target's
          // health check by tagging it (HEALTH_TAG_KEY), without a shell on the instance.
          httpTokens: ec2.HttpTokens.REQUIRED,
          instanceMetadataTags: true,
          // Stated, not inherited from the AMI's mapping: the root volume goes with the instance.
          blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(8, { encrypted: true, volumeType: ec2.EbsDeviceVolumeType.GP3, deleteOnTermination: true }) }],
        }),
      ),
    );

    this.targetGroup = new elbv2.NetworkTargetGroup(this, 'TargetGroup', {
      vpc: props.vpc,
      port: s.port,
      protocol: elbv2.Protocol.TCP,
      targetType: elbv2.TargetType.INSTANCE,
      targets: this.targetsByZone.flat().map((instance) => new targets.InstanceTarget(instance, s.port)),
      // The page answers in milliseconds; ELB's default 300 s would only slow a teardown.
      deregistrationDelay: Duration.seconds(10),
      healthCheck: {
        protocol: elbv2.Protocol.HTTP,
        path: HEALTH_CHECK_PATH,
        healthyHttpCodes: '200',
        interval: s.healthCheckInterval,
        timeout: s.healthCheckTimeout,
        healthyThresholdCount: s.healthyThresholdCount,
        unhealthyThresholdCount: s.unhealthyThresholdCount,
      },
    });
    this.listener = this.loadBalancer.addListener('Listener', {
      port: s.listenerPort,
      protocol: elbv2.Protocol.TCP,
      defaultTargetGroups: [this.targetGroup],
    });
  }

  /** The instance ids of one zone's targets, comma-separated (a stack output). */
  public instanceIdsOfZone(zone: number): string {
    return Fn.join(',', (this.targetsByZone[zone] ?? []).map((i) => i.instanceId));
  }
}
