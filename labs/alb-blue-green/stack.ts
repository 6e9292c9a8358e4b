import { Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';
import { addLabOutputs } from '../../lib/lab-kit/stack/lab-outputs';
import { LabStack, LabStackProps } from '../../lib/lab-kit/stack/lab-stack';
import { BlueGreenService, ipv4CidrProblem } from '../../lib/deployment/blue-green-service';
import { formatWeights } from '../../lib/deployment/listener-weights';
import { OUTPUTS } from './outputs';

/** The context key of the address allowed to reach the load balancer (`-c labs:ingressCidr=203.0.113.7/32`). */
export const INGRESS_CIDR_CONTEXT = 'labs:ingressCidr';

/** The versions the two fleets serve. */
export const VERSIONS = { blue: 'v1', green: 'v2' } as const;

/**
 * The ingress CIDR from context: cdk.json sets `0.0.0.0/0`; `-c labs:ingressCidr=203.0.113.7/32`
 * narrows it to one address.
 */
export function ingressCidrFromContext(scope: Construct): string {
  const value = scope.node.tryGetContext(INGRESS_CIDR_CONTEXT) ?? '0.0.0.0/0';
  const problem = typeof value === 'string' ? ipv4CidrProblem(INGRESS_CIDR_CONTEXT, value) : `${INGRESS_CIDR_CONTEXT}: received ${JSON.stringify(value)}; allowed: an IPv4 CIDR block such as 203.0.113.7/32`;
  if (problem) throw new Error(problem);
  return value;
}

/**
 * Lab alb-blue-green: one internet-facing ALB in two AZs, a blue fleet (v1) and a green fleet (v2)
 * of one t4g.nano each in isolated subnets, and a listener that forwards by weight (all blue as
 * deployed). The live checks shift the weights under load, roll back, split 90/10, and restore the
 * listener.
 */
export class AlbBlueGreenStack extends LabStack {
  public readonly service: BlueGreenService;

  constructor(scope: Construct, id: string, props: LabStackProps = {}) {
    super(scope, id, {
      description: 'Lab alb-blue-green: switch ALB target-group weights under load, count the errors, roll back (A11, I46, T8, I38)',
      ...props,
    });
    const ingressCidr = ingressCidrFromContext(this);

    // Two AZs (an ALB needs two), no NAT: the fleets reach nothing and need nothing.
    const vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr('10.30.0.0/16'),
      maxAzs: 2,
      natGateways: 0,
      restrictDefaultSecurityGroup: false,
      subnetConfiguration: [
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'Fleet', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
    });

    this.service = new BlueGreenService(this, 'Service', {
      vpc,
      ingressCidr,
      blueVersion: VERSIONS.blue,
      greenVersion: VERSIONS.green,
    });

    const listener = this.service.listener.node.defaultChild as elbv2.CfnListener;
    addLabOutputs(this, OUTPUTS, {
      LoadBalancerDnsName: this.service.loadBalancer.loadBalancerDnsName,
      LoadBalancerArn: this.service.loadBalancer.loadBalancerArn,
      ListenerArn: this.service.listener.listenerArn,
      ListenerLogicalId: Stack.of(this).getLogicalId(listener),
      BlueTargetGroupArn: this.service.targetGroup('blue').targetGroupArn,
      GreenTargetGroupArn: this.service.targetGroup('green').targetGroupArn,
      DeployedWeights: formatWeights(this.service.weights),
      IngressCidr: ingressCidr,
    });

    Validations.of(this).acknowledge(
      { id: 'AwsSolutions-VPC7', reason: 'Flow logs would cost more than the lab and show nothing the checks do not: every request is recorded by the check itself.' },
    );
    Validations.of(this.service.loadBalancer).acknowledge({
      id: 'AwsSolutions-ELB2',
      reason:
        'Access logs arrive in 5-minute batches, too late for a 30-second check that records every request itself; they need an S3 bucket whose policy names ' +
        'the region (this stack is environment-agnostic) and a custom resource to empty it on destroy, whose log group would outlive the lab.',
    });
    for (const fleet of Object.values(this.service.fleets)) {
      Validations.of(fleet.autoScalingGroup).acknowledge({
        id: 'AwsSolutions-AS3',
        reason: 'Scaling notifications need an SNS topic and a subscriber; the fleet has a fixed size (min = max) and the checks read target health directly.',
      });
    }
    if (ingressCidr === '0.0.0.0/0') {
      Validations.of(this.service.securityGroup).acknowledge({
        id: 'AwsSolutions-EC23',
        reason:
          'Open on purpose by default (cdk.json labs:ingressCidr=0.0.0.0/0) so the lab works from any network: port 80 serves a static page naming a colour, for at most the TTL. ' +
          'Narrow it with -c labs:ingressCidr=<your IP>/32.',
      });
    }
  }
}
