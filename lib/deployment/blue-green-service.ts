import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';
import { ColourFleet, type ColourFleetSettings, colourFleetProblems } from './colour-fleet';
import { type Colour, COLOURS, versionProblem } from './colour-page';
import { ALL_BLUE, type TrafficWeights, weightsProblems } from './listener-weights';

/** The weights of a template that sends everything to blue (defined with the weights model). */
export { ALL_BLUE };

/** Properties of {@link BlueGreenService}. */
export interface BlueGreenServiceProps extends ColourFleetSettings {
  readonly vpc: ec2.IVpc;
  /**
   * Where the load balancer lives: subnets in at least two Availability Zones (an Application Load
   * Balancer requires two).
   * @default the VPC's public subnets
   */
  readonly loadBalancerSubnets?: ec2.SubnetSelection;
  /** Where both fleets run. @default the VPC's isolated subnets */
  readonly fleetSubnets?: ec2.SubnetSelection;
  /**
   * The IPv4 range allowed to reach the load balancer on port 80. The default lets anyone on the
   * internet load the page (and scan it); give your own address (`203.0.113.7/32`) to narrow it.
   * @default '0.0.0.0/0'
   */
  readonly ingressCidr?: string;
  /** The version the blue fleet serves. @default 'v1' */
  readonly blueVersion?: string;
  /** The version the green fleet serves. @default 'v2' */
  readonly greenVersion?: string;
  /**
   * The weights the template deploys: what CloudFormation considers the truth. A switch made with
   * ModifyListener changes them outside the template (drift) until it is undone.
   * @default { blue: 100, green: 0 }
   */
  readonly weights?: TrafficWeights;
  /**
   * Target group stickiness: once a client has been sent to a colour, its requests carrying the
   * `AWSALBTG` cookie go to that colour for this long, whatever the weights say afterwards. It keeps
   * a session on one version during a canary, and it delays a switch or rollback for every client
   * that holds the cookie. 1 second to 7 days.
   * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-action-types.html#forward-actions
   * @default no stickiness: every request is routed by the weights
   */
  readonly targetGroupStickinessDuration?: Duration;
}

const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Why a value is not an IPv4 CIDR block (`203.0.113.7/32`), or undefined when it is one. */
export function ipv4CidrProblem(name: string, value: string): string | undefined {
  const m = IPV4_CIDR.exec(value);
  const valid = !!m && m.slice(1, 5).every((o) => Number(o) <= 255) && Number(m[5]) <= 32;
  return valid ? undefined : `${name}: received ${JSON.stringify(value)}; allowed: an IPv4 CIDR block such as 203.0.113.7/32 (one address) or 0.0.0.0/0 (anyone)`;
}

/**
 * A service deployed blue/green behind one Application Load Balancer: two fleets (each an Auto
 * Scaling group with its own target group) and one listener whose default action forwards to both
 * target groups by weight. Shifting the weights moves traffic; shifting them back rolls back.
 *
 * **Weighted target groups vs DNS.** The listener picks a target group for each request from the
 * weights (0 to 999 each, at most 5 target groups per forward action). A weight change is an API
 * call on the listener (ModifyListener), with no DNS involved: clients keep the same name and the
 * same load balancer addresses, so there is no TTL to wait out and no client cache to outlive. A
 * DNS switch (Route 53 weighted records between two load balancers, or Elastic Beanstalk's "swap
 * environment URLs") changes what a name resolves to, and each client moves only when its resolver's
 * cached answer expires; resolvers and clients do not always honour the TTL, which is why AWS says
 * to keep the old environment until old records have expired.
 *
 * **What keeps requests from failing.** Both fleets stay registered and healthy throughout; a weight
 * of 0 stops new requests to a group without deregistering anything, so nothing is drained or
 * dropped. The deregistration delay matters when targets *leave* a group (scale-in, replacement),
 * not when weights change. Health checks keep traffic on healthy targets, but if every target of a
 * group is unhealthy the load balancer fails open and sends that group's share to all of them, so
 * check the new colour is healthy before giving it weight.
 *
 * **Sticky sessions.** Without target group stickiness every request follows the current weights.
 * With it ({@link BlueGreenServiceProps.targetGroupStickinessDuration}), a client that was sent to
 * blue keeps going to blue for the whole duration, even after blue's weight drops to 0.
 *
 * **State.** Both colours must share the data tier (database, sessions, files), so a schema change
 * must be compatible with both versions while both serve: expand first, switch, contract later.
 *
 * **Elastic Beanstalk's policies** trade capacity and cost against downtime differently; see
 * `DEPLOYMENT_METHODS` in `elastic-beanstalk-deployment-policies.ts`. This construct is closest to
 * traffic splitting, built by hand: two full fleets, a weighted split, no DNS change.
 *
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-action-types.html#forward-actions
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html
 * @see https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.CNAMESwap.html
 * @see https://docs.aws.amazon.com/whitepapers/latest/blue-green-deployments/swap-the-environment-of-an-elastic-beanstalk-application.html
 */
export class BlueGreenService extends Construct {
  public readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  public readonly listener: elbv2.ApplicationListener;
  /** The load balancer's security group. */
  public readonly securityGroup: ec2.SecurityGroup;
  public readonly fleets: Readonly<Record<Colour, ColourFleet>>;
  /** The weights the template deploys. */
  public readonly weights: TrafficWeights;
  public readonly ingressCidr: string;

  constructor(scope: Construct, id: string, props: BlueGreenServiceProps) {
    super(scope, id);
    const weights = props.weights ?? ALL_BLUE;
    const ingressCidr = props.ingressCidr ?? '0.0.0.0/0';
    const versions: Record<Colour, string> = { blue: props.blueVersion ?? 'v1', green: props.greenVersion ?? 'v2' };
    const lbSubnets = props.vpc.selectSubnets(props.loadBalancerSubnets ?? { subnetType: ec2.SubnetType.PUBLIC });
    const azs = new Set(lbSubnets.subnets.map((s) => s.availabilityZone)).size;
    const stickiness = props.targetGroupStickinessDuration?.toSeconds({ integral: false });
    const problems = [
      ...weightsProblems('weights', weights),
      ipv4CidrProblem('ingressCidr', ingressCidr),
      versionProblem('blueVersion', versions.blue),
      versionProblem('greenVersion', versions.green),
      versions.blue === versions.green ? `greenVersion: received ${JSON.stringify(versions.green)}; allowed: a version other than blueVersion's` : undefined,
      azs < 2 ? `loadBalancerSubnets: received subnets in ${azs} Availability Zone(s); allowed: subnets in at least 2 (an Application Load Balancer requires 2)` : undefined,
      stickiness !== undefined && (!Number.isInteger(stickiness) || stickiness < 1 || stickiness > 604800)
        ? `targetGroupStickinessDuration: received ${stickiness} seconds; allowed: 1 to 604800 seconds (7 days)`
        : undefined,
      ...colourFleetProblems(props),
    ].filter((p): p is string => p !== undefined);
    if (problems.length > 0) throw new Error(problems.join('; '));
    this.weights = weights;
    this.ingressCidr = ingressCidr;

    this.securityGroup = new ec2.SecurityGroup(this, 'LoadBalancerSecurityGroup', {
      vpc: props.vpc,
      description: `Load balancer: HTTP from ${ingressCidr}; out to the fleets only`,
      allowAllOutbound: false,
    });
    this.securityGroup.addIngressRule(ec2.Peer.ipv4(ingressCidr), ec2.Port.tcp(80), `HTTP from ${ingressCidr}`);

    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc: props.vpc,
      internetFacing: true,
      vpcSubnets: props.loadBalancerSubnets ?? { subnetType: ec2.SubnetType.PUBLIC },
      securityGroup: this.securityGroup,
      deletionProtection: false,
      dropInvalidHeaderFields: true,
    });

    const fleetProps = { ...props, vpcSubnets: props.fleetSubnets ?? { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } };
    this.fleets = {
      blue: new ColourFleet(this, 'Blue', { ...fleetProps, colour: 'blue', version: versions.blue }),
      green: new ColourFleet(this, 'Green', { ...fleetProps, colour: 'green', version: versions.green }),
    };

    // `open: false`: the only inbound rule is the one above, from ingressCidr.
    this.listener = this.loadBalancer.addListener('Http', {
      port: 80,
      protocol: elbv2.ApplicationProtocol.HTTP,
      open: false,
      defaultAction: elbv2.ListenerAction.weightedForward(
        COLOURS.map((c) => ({ targetGroup: this.fleets[c].targetGroup, weight: weights[c] })),
        props.targetGroupStickinessDuration ? { stickinessDuration: props.targetGroupStickinessDuration } : undefined,
      ),
    });
  }

  /** The target group of a colour. */
  public targetGroup(colour: Colour): elbv2.ApplicationTargetGroup {
    return this.fleets[colour].targetGroup;
  }
}
