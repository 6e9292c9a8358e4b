import { Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { LabStack, LabStackProps } from '../../lib/lab-kit/stack/lab-stack';
import { addLabOutputs } from '../../lib/lab-kit/stack/lab-outputs';
import { EgressPathsVpc } from '../../lib/network/egress-paths-vpc';
import { EgressProbeInstance } from '../../lib/network/egress-probe-instance';
import { VpcEgressProbeFunction } from '../../lib/network/vpc-egress-probe-function';
import { OUTPUTS, PROBE_KEYS, PROBES, type ProbeKey } from './outputs';

/**
 * Lab nat-vs-public-ip: five instances, each in a different position in one VPC, each telling
 * over its serial console whether it reaches the internet and as which address.
 */
export class NatVsPublicIpStack extends LabStack {
  constructor(scope: Construct, id: string, props: LabStackProps = {}) {
    super(scope, id, {
      description: 'Lab nat-vs-public-ip: which instances and VPC functions reach the internet, and through what (B2, B7, I4, I7, I13, I19)',
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
    // The same question for Lambda (I4, I19): a VPC function in the public subnet and one behind the NAT gateway.
    const lambdaPublic = new VpcEgressProbeFunction(this, 'LambdaInPublicSubnet', { vpc, subnet: net.publicSubnet, inPublicSubnet: true });
    const lambdaViaNat = new VpcEgressProbeFunction(this, 'LambdaViaNatGateway', { vpc, subnet: net.viaNatGatewaySubnet });
    addLabOutputs(this, OUTPUTS, {
      LambdaInPublicSubnetName: lambdaPublic.function.functionName,
      LambdaViaNatGatewayName: lambdaViaNat.function.functionName,
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
    for (const probe of [lambdaPublic, lambdaViaNat]) {
      Validations.of(probe).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaENIManagementAccess]',
        reason: 'AWSLambdaENIManagementAccess is the five EC2 actions Lambda needs to manage the Hyperplane ENIs of a VPC function, nothing else (DescribeNetworkInterfaces works only on "*"); the logs rights are the function\'s own log group, inline.',
      });
    }
  }
}
