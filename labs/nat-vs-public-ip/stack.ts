import { Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { LabStack, LabStackProps } from '../../lib/lab-kit/stack/lab-stack';
import { addLabOutputs } from '../../lib/lab-kit/stack/lab-outputs';
import { EgressPathsVpc } from '../../lib/network/egress-paths-vpc';
import { EgressProbeInstance } from '../../lib/network/egress-probe-instance';
import { OUTPUTS, PROBE_KEYS, PROBES, type ProbeKey } from './outputs';

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
    const gatewayAttachment = net.gatewayAttachment;
    const probes: Record<ProbeKey, EgressProbeInstance> = {
      PublicWithIp: new EgressProbeInstance(this, 'PublicWithIp', { vpc, subnet: net.publicSubnet, associatePublicIpAddress: true, gatewayAttachment }),
      PublicNoIp: new EgressProbeInstance(this, 'PublicNoIp', { vpc, subnet: net.publicSubnet, associatePublicIpAddress: false }),
      NoRouteWithIp: new EgressProbeInstance(this, 'NoRouteWithIp', { vpc, subnet: net.noDefaultRouteSubnet, gatewayAttachment }),
      ViaNatGateway: new EgressProbeInstance(this, 'ViaNatGateway', { vpc, subnet: net.viaNatGatewaySubnet }),
      ViaNatInstance: new EgressProbeInstance(this, 'ViaNatInstance', { vpc, subnet: net.viaNatInstanceSubnet }),
    };
    addLabOutputs(this, OUTPUTS, {
      ...(Object.fromEntries(PROBE_KEYS.map((k) => [PROBES[k], probes[k].instance.instanceId])) as Record<(typeof PROBES)[ProbeKey], string>),
      NatGatewayId: net.natGateway.ref,
      NatInstanceId: net.natInstance.instance.instanceId,
      InternetGatewayId: vpc.internetGatewayId!,
    });

    Validations.of(this).acknowledge(
      { id: 'AwsSolutions-VPC7', reason: 'Flow logs would cost more than the lab and show nothing the probes do not: each instance reports its own reachability.' },
      { id: 'AwsSolutions-EC28', reason: 'Detailed monitoring costs money and measures nothing this lab needs.' },
      { id: 'AwsSolutions-EC29', reason: 'Termination protection would stop cdk destroy and the self-destruct: a lab must be deletable.' },
    );
  }
}
