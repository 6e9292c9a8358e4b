import { Duration } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';
import { type Colour, colourPageCommands, HEALTH_CHECK_PATH, versionProblem } from './colour-page';

/** The settings of a fleet that {@link BlueGreenService} passes through to both colours. */
export interface ColourFleetSettings {
  /** The port the page is served on (the target group's port). @default 8080 */
  readonly port?: number;
  /** An Arm (Graviton) type, to match the arm64 Amazon Linux 2023 AMI. @default t4g.nano */
  readonly instanceType?: ec2.InstanceType;
  /**
   * Instances per colour: the Auto Scaling group's MinSize and MaxSize are both set to it, so its
   * desired capacity is this too, and no scaling policy or deployment changes it.
   * @default 1
   */
  readonly desiredCapacity?: number;
  /**
   * How long the load balancer keeps sending in-flight requests to a target that is leaving the
   * group (scale-in, instance replacement) before closing it. It plays no part in a weight change:
   * the targets of a group weighted 0 stay registered. ELB's default is 300 s; this page answers in
   * milliseconds, so 30 s lets any request finish without holding a replacement for five minutes.
   * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-target-group-attributes.html#deregistration-delay
   * @default Duration.seconds(30)
   */
  readonly deregistrationDelay?: Duration;
  /**
   * Time between health checks. Fast enough to watch a fleet become healthy (5 s × 2 = 10 s);
   * ELB's default is 30 s.
   * @default Duration.seconds(5)
   */
  readonly healthCheckInterval?: Duration;
  /** How long a health check may take; shorter than the interval. @default Duration.seconds(2) */
  readonly healthCheckTimeout?: Duration;
  /** Consecutive successes before a target is healthy. @default 2 */
  readonly healthyThresholdCount?: number;
  /** Consecutive failures before a target is unhealthy. @default 2 */
  readonly unhealthyThresholdCount?: number;
}

/** Properties of {@link ColourFleet}. */
export interface ColourFleetProps extends ColourFleetSettings {
  readonly vpc: ec2.IVpc;
  /** Where the instances run. @default the VPC's isolated subnets (no route out: nothing is downloaded) */
  readonly vpcSubnets?: ec2.SubnetSelection;
  readonly colour: Colour;
  /** The version the page names, e.g. `v2`. */
  readonly version: string;
}

/** The defaults of {@link ColourFleetSettings}, in one place for the TSDoc, the code and the tests. */
export const COLOUR_FLEET_DEFAULTS = {
  port: 8080,
  desiredCapacity: 1,
  deregistrationDelay: Duration.seconds(30),
  healthCheckInterval: Duration.seconds(5),
  healthCheckTimeout: Duration.seconds(2),
  healthyThresholdCount: 2,
  unhealthyThresholdCount: 2,
} as const;

/** The time a new instance has to boot and start its server before ELB health checks count. */
const HEALTH_CHECK_GRACE_PERIOD = Duration.minutes(2);

function outside(value: number, min: number, max: number): boolean {
  return !Number.isInteger(value) || value < min || value > max;
}

/**
 * Every problem with a fleet's settings, each naming the prop, the value received and the values
 * allowed (ELB's limits for target groups and health checks).
 *
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html
 */
export function colourFleetProblems(settings: ColourFleetSettings): string[] {
  const s = { ...COLOUR_FLEET_DEFAULTS, ...settings };
  const problems: string[] = [];
  if (outside(s.port, 1024, 65535)) problems.push(`port: received ${s.port}; allowed: 1024 to 65535 (the server runs without root)`);
  if (outside(s.desiredCapacity, 1, 10)) problems.push(`desiredCapacity: received ${s.desiredCapacity}; allowed: 1 to 10 instances per colour`);
  const delay = s.deregistrationDelay.toSeconds({ integral: false });
  if (outside(delay, 0, 3600)) problems.push(`deregistrationDelay: received ${delay} seconds; allowed: 0 to 3600 seconds`);
  const interval = s.healthCheckInterval.toSeconds({ integral: false });
  if (outside(interval, 5, 300)) problems.push(`healthCheckInterval: received ${interval} seconds; allowed: 5 to 300 seconds`);
  const timeout = s.healthCheckTimeout.toSeconds({ integral: false });
  if (outside(timeout, 2, 120)) problems.push(`healthCheckTimeout: received ${timeout} seconds; allowed: 2 to 120 seconds`);
  else if (!outside(interval, 5, 300) && timeout >= interval) {
    problems.push(`healthCheckTimeout: received ${timeout} seconds; allowed: less than healthCheckInterval (${interval} seconds)`);
  }
  if (outside(s.healthyThresholdCount, 2, 10)) problems.push(`healthyThresholdCount: received ${s.healthyThresholdCount}; allowed: 2 to 10`);
  if (outside(s.unhealthyThresholdCount, 2, 10)) problems.push(`unhealthyThresholdCount: received ${s.unhealthyThresholdCount}; allowed: 2 to 10`);
  if (settings.instanceType && settings.instanceType.architecture !== ec2.InstanceArchitecture.ARM_64) {
    problems.push(`instanceType: received ${settings.instanceType}; allowed: an Arm (Graviton) type such as t4g.nano, to match the arm64 AMI`);
  }
  return problems;
}

/**
 * One colour of a blue/green service: an Auto Scaling group of identical instances serving a page
 * that names the colour and version, registered in a target group of its own.
 *
 * The instances run in isolated subnets with no way out, so they install nothing: the page is
 * written by user data and served by Python's `http.server`, which ships with Amazon Linux 2023
 * (see {@link colourPageCommands}). The AMI comes from the SSM public parameter at deploy time.
 *
 * The group uses ELB health checks as well as EC2's: an instance the load balancer finds unhealthy
 * is replaced, not only one whose hardware fails.
 *
 * @see https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-health-checks.html
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html
 */
export class ColourFleet extends Construct {
  public readonly colour: Colour;
  public readonly version: string;
  public readonly autoScalingGroup: autoscaling.AutoScalingGroup;
  public readonly targetGroup: elbv2.ApplicationTargetGroup;
  public readonly securityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: ColourFleetProps) {
    super(scope, id);
    const problems = [...colourFleetProblems(props), versionProblem('version', props.version)].filter((p): p is string => p !== undefined);
    if (problems.length > 0) throw new Error(problems.join('; '));
    const s = { ...COLOUR_FLEET_DEFAULTS, ...props };
    this.colour = props.colour;
    this.version = props.version;

    const userData = ec2.UserData.forLinux();
    userData.addCommands(...colourPageCommands({ colour: props.colour, version: props.version, port: s.port }));

    // Inbound only from the load balancer (added when the target group joins a listener); nothing out.
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: `${props.colour} fleet: the page port from the load balancer only, no outbound`,
      allowAllOutbound: false,
    });

    const launchTemplate = new ec2.LaunchTemplate(this, 'LaunchTemplate', {
      instanceType: props.instanceType ?? ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.NANO),
      machineImage: ec2.MachineImage.latestAmazonLinux2023({ cpuType: ec2.AmazonLinuxCpuType.ARM_64 }),
      userData,
      securityGroup: this.securityGroup,
      requireImdsv2: true,
      // DeleteOnTermination stated, not inherited: this mapping overrides the AMI's root mapping, and no
      // page states how a launch template's unspecified fields merge with the AMI's. EC2 deletes a root
      // volume on termination by default, but "the DeleteOnTermination attribute can be set by the
      // creator of an AMI", and the ASG replaces unhealthy instances, so an inherited false would leave
      // a billed volume per replacement ("Preserve data when an instance is terminated", EC2 User Guide,
      // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/preserving-volumes-on-termination.html).
      blockDevices: [
        {
          deviceName: '/dev/xvda',
          volume: ec2.BlockDeviceVolume.ebs(8, { encrypted: true, volumeType: ec2.EbsDeviceVolumeType.GP3, deleteOnTermination: true }),
        },
      ],
    });

    // MinSize = MaxSize: the desired capacity is pinned without setting DesiredCapacity (which CDK
    // warns would reset a scaled group on every deploy).
    this.autoScalingGroup = new autoscaling.AutoScalingGroup(this, 'Group', {
      vpc: props.vpc,
      vpcSubnets: props.vpcSubnets ?? { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      launchTemplate,
      minCapacity: s.desiredCapacity,
      maxCapacity: s.desiredCapacity,
      healthChecks: autoscaling.HealthChecks.withAdditionalChecks({
        additionalTypes: [autoscaling.AdditionalHealthCheckType.ELB],
        gracePeriod: HEALTH_CHECK_GRACE_PERIOD,
      }),
    });

    this.targetGroup = new elbv2.ApplicationTargetGroup(this, 'TargetGroup', {
      vpc: props.vpc,
      port: s.port,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targetType: elbv2.TargetType.INSTANCE,
      targets: [this.autoScalingGroup],
      deregistrationDelay: s.deregistrationDelay,
      healthCheck: {
        path: HEALTH_CHECK_PATH,
        healthyHttpCodes: '200',
        interval: s.healthCheckInterval,
        timeout: s.healthCheckTimeout,
        healthyThresholdCount: s.healthyThresholdCount,
        unhealthyThresholdCount: s.unhealthyThresholdCount,
      },
    });
  }
}
