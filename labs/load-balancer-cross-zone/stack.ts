import { Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import { addLabOutputs } from '../../lib/lab-kit/stack/lab-outputs';
import { LabStack, type LabStackProps } from '../../lib/lab-kit/stack/lab-stack';
import { ZonalNetworkLoadBalancer } from '../../lib/load-balancing/zonal-network-load-balancer';
import { OUTPUTS } from './outputs';

/** The context key of the address allowed to reach the load balancer (`-c labs:ingressCidr=203.0.113.7/32`). */
export const INGRESS_CIDR_CONTEXT = 'labs:ingressCidr';

/** One target in the first zone, three in the second: uneven, so the two claims predict different shares. */
export const TARGETS_PER_ZONE = [1, 3] as const;

/**
 * Lab load-balancer-cross-zone: one internet-facing Network Load Balancer in two AZs, one t4g.nano
 * target in the first and three in the second (isolated subnets, no NAT), each serving its instance
 * id. The live checks count which target answers through each node with cross-zone load balancing
 * off (as deployed) and on, then fail every health check to watch the drain and the fail-open.
 */
export class LoadBalancerCrossZoneStack extends LabStack {
  public readonly service: ZonalNetworkLoadBalancer;

  constructor(scope: Construct, id: string, props: LabStackProps = {}) {
    super(scope, id, { description: 'Lab load-balancer-cross-zone: NLB traffic per target with cross-zone off and on, health checks, fail-open (I10, B18, T7)', ...props });
    const value = this.node.tryGetContext(INGRESS_CIDR_CONTEXT) ?? '0.0.0.0/0';
    const ingressCidr = typeof value === 'string' ? value : JSON.stringify(value);

    // Two AZs, no NAT: the targets reach nothing and need nothing.
    const vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr('10.40.0.0/16'),
      maxAzs: 2,
      natGateways: 0,
      restrictDefaultSecurityGroup: false,
      subnetConfiguration: [
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'Targets', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
    });

    this.service = new ZonalNetworkLoadBalancer(this, 'Service', { vpc, ingressCidr, targetsPerZone: TARGETS_PER_ZONE });
    const [small, large] = this.service.targetsByZone;

    addLabOutputs(this, OUTPUTS, {
      LoadBalancerDnsName: this.service.loadBalancer.loadBalancerDnsName,
      LoadBalancerArn: this.service.loadBalancer.loadBalancerArn,
      TargetGroupArn: this.service.targetGroup.targetGroupArn,
      SmallZoneInstanceIds: this.service.instanceIdsOfZone(0),
      LargeZoneInstanceIds: this.service.instanceIdsOfZone(1),
      SmallZone: small[0].instanceAvailabilityZone,
      LargeZone: large[0].instanceAvailabilityZone,
      IngressCidr: ingressCidr,
    });

    Validations.of(this).acknowledge({ id: 'AwsSolutions-VPC7', reason: 'Flow logs would cost more than the lab and show nothing the checks do not: every request is counted by the check itself.' });
    Validations.of(this.service.loadBalancer).acknowledge({
      id: 'AwsSolutions-ELB2',
      reason: 'NLB access logs record TLS listeners only (this one is TCP) and need an S3 bucket whose policy names the region (the stack is environment-agnostic).',
    });
    for (const instance of this.service.targetsByZone.flat()) {
      Validations.of(instance).acknowledge(
        { id: 'AwsSolutions-EC28', reason: 'Detailed monitoring costs per instance and shows nothing the checks use: they count responses and read target health.' },
        { id: 'AwsSolutions-EC29', reason: 'Termination protection would stop the lab from deleting itself at its TTL; these are throwaway targets.' },
      );
    }
    if (ingressCidr === '0.0.0.0/0') {
      Validations.of(this.service.securityGroup).acknowledge({
        id: 'AwsSolutions-EC23',
        reason:
          'Open on purpose by default (cdk.json labs:ingressCidr=0.0.0.0/0) so the lab works from any network: port 80 answers an instance id, for at most the TTL. ' +
          'Narrow it with -c labs:ingressCidr=<your IP>/32.',
      });
    }
  }
}
