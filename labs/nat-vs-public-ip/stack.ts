import { CfnOutput, Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { LabStack, LabStackProps } from '../../lib/lab-kit/stack/lab-stack';
import { EgressPathsVpc } from '../../lib/network/egress-paths-vpc';
import { EgressProbeInstance } from '../../lib/network/egress-probe-instance';

/** The probe instances, by construct id; each id is also the output holding its instance id. */
export const PROBES = {
  /** (a) public subnet, public IP: reaches the internet as itself. */
  PublicWithIp: 'ProbePublicWithIp',
  /** (b) public subnet, no public IP: the internet gateway has no address to translate to. */
  PublicNoIp: 'ProbePublicNoIp',
  /** (e) public IP, no default route (I13). */
  NoRouteWithIp: 'ProbeNoRouteWithIp',
  /** (c) private subnet through the NAT gateway. */
  ViaNatGateway: 'ProbeViaNatGateway',
  /** (d) private subnet through the NAT instance. */
  ViaNatInstance: 'ProbeViaNatInstance',
} as const;

export type ProbeKey = keyof typeof PROBES;

/**
 * Lab nat-vs-public-ip: five instances, each in a different position in one VPC, each telling
 * over its serial console whether it reaches the internet and as which address.
 */
export class NatVsPublicIpStack extends LabStack {
  constructor(scope: Construct, id: string, props: LabStackProps = {}) {
    super(scope, id, {
      description: 'Lab nat-vs-public-ip: which instances reach the internet, and through what (B2, B7, I7, I13)',
      ...props,
    });
    const net = new EgressPathsVpc(this, 'Network');
    const vpc = net.vpc;
    const probes: Record<ProbeKey, EgressProbeInstance> = {
      PublicWithIp: new EgressProbeInstance(this, 'PublicWithIp', { vpc, subnet: net.publicSubnet, associatePublicIpAddress: true }),
      PublicNoIp: new EgressProbeInstance(this, 'PublicNoIp', { vpc, subnet: net.publicSubnet, associatePublicIpAddress: false }),
      NoRouteWithIp: new EgressProbeInstance(this, 'NoRouteWithIp', { vpc, subnet: net.noDefaultRouteSubnet }),
      ViaNatGateway: new EgressProbeInstance(this, 'ViaNatGateway', { vpc, subnet: net.viaNatGatewaySubnet }),
      ViaNatInstance: new EgressProbeInstance(this, 'ViaNatInstance', { vpc, subnet: net.viaNatInstanceSubnet }),
    };
    for (const key of Object.keys(PROBES) as ProbeKey[]) {
      new CfnOutput(this, PROBES[key], { value: probes[key].instance.instanceId, description: `Probe instance ${key}` });
    }
    new CfnOutput(this, 'NatGatewayId', { value: net.natGateway.ref });
    new CfnOutput(this, 'NatInstanceId', { value: net.natInstance.instance.instanceId });
    new CfnOutput(this, 'InternetGatewayId', { value: vpc.internetGatewayId! });
    new CfnOutput(this, 'VpcId', { value: vpc.vpcId });

    Validations.of(this).acknowledge(
      { id: 'AwsSolutions-VPC7', reason: 'Flow logs would cost more than the lab and show nothing the probes do not: each instance reports its own reachability.' },
      { id: 'AwsSolutions-EC28', reason: 'Detailed monitoring costs money and measures nothing this lab needs.' },
      { id: 'AwsSolutions-EC29', reason: 'Termination protection would stop cdk destroy and the self-destruct: a lab must be deletable.' },
    );
  }
}
