import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { NatInstance } from './nat-instance';

/** Properties of {@link EgressPathsVpc}. */
export interface EgressPathsVpcProps {
  /** The VPC's IPv4 CIDR block; the NAT instance admits traffic from it. @default 10.20.0.0/16 */
  readonly cidrBlock?: string;
  /** The NAT instance's type (Arm). @default t4g.nano */
  readonly natInstanceType?: ec2.InstanceType;
}

/**
 * One VPC in one AZ with one subnet per way (or lack of way) out to the internet. The worked answer
 * to "can this instance reach the internet?" is always: look at the subnet's route table, then at
 * the instance's public IP.
 *
 * | subnet | default route (0.0.0.0/0) | who reaches the internet |
 * | --- | --- | --- |
 * | `Public` | internet gateway | only instances **with** a public IPv4 address: the internet gateway translates a public IP, it has none to give |
 * | `NoDefaultRoute` | none (maps public IPs on launch) | nobody, public IP or not: the route is missing |
 * | `ViaNatGateway` | NAT gateway in `Public` | everyone, as the NAT gateway's Elastic IP |
 * | `ViaNatInstance` | NAT instance in `Public` | everyone, as the NAT instance's public IP |
 *
 * Routing is longest prefix match ("Route priority" in the VPC user guide: the most specific
 * route that matches the traffic wins). The `Public` subnet's only non-local route is 0.0.0.0/0 to
 * the internet gateway, so its instances never send anything to the NAT gateway here: without a
 * public IP they stay offline. A public subnet *can* use a NAT gateway for the destinations of a
 * more specific route (say 203.0.113.0/24, or 0.0.0.0/1 and 128.0.0.0/1, to a NAT gateway in
 * another subnet); this VPC has no such route, so it shows the default case only.
 *
 * The private subnets are created isolated (no route) and given their default route here, because
 * CDK's `Vpc` builds one kind of NAT per VPC and this VPC shows both.
 *
 * The default security group is left as EC2 creates it (nothing here uses it): restricting it takes
 * a custom-resource function whose log group would outlive the lab.
 *
 * Every resource with a public IPv4 address (the NAT gateway's Elastic IP, the NAT gateway, the
 * NAT instance, and any probe given one) depends on the VPC-gateway attachment, as CloudFormation's
 * "DependsOn attribute" page requires ("When a DependsOn attribute is required"): otherwise
 * CloudFormation may delete the attachment first, and the detach fails while addresses are mapped.
 *
 * @see https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html
 * @see https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html
 * @see https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html (How route priority works: longest prefix match)
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-dependson.html#gatewayattachment
 */
export class EgressPathsVpc extends Construct {
  public readonly vpc: ec2.Vpc;
  /** Default route to the internet gateway. */
  public readonly publicSubnet: ec2.ISubnet;
  /** No default route; instances launched here get a public IP anyway (the I13 trap). */
  public readonly noDefaultRouteSubnet: ec2.ISubnet;
  /** Default route to the NAT gateway. */
  public readonly viaNatGatewaySubnet: ec2.ISubnet;
  /** Default route to the NAT instance. */
  public readonly viaNatInstanceSubnet: ec2.ISubnet;
  public readonly natGateway: ec2.CfnNatGateway;
  public readonly natInstance: NatInstance;
  /** The internet gateway's attachment to the VPC: whatever has a public IP must depend on it. */
  public readonly gatewayAttachment: ec2.CfnVPCGatewayAttachment;

  constructor(scope: Construct, id: string, props: EgressPathsVpcProps = {}) {
    super(scope, id);
    const cidrBlock = props.cidrBlock ?? '10.20.0.0/16';
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(cidrBlock),
      maxAzs: 1,
      natGateways: 0,
      restrictDefaultSecurityGroup: false,
      subnetConfiguration: [
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'NoDefaultRoute', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
        { name: 'ViaNatGateway', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
        { name: 'ViaNatInstance', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
    });
    const attachment = this.vpc.node.tryFindChild('VPCGW');
    if (!(attachment instanceof ec2.CfnVPCGatewayAttachment)) throw new Error('the VPC has no internet gateway attachment (VPCGW): aws-cdk-lib changed how Vpc builds it');
    this.gatewayAttachment = attachment;
    const group = (name: string) => this.vpc.selectSubnets({ subnetGroupName: name }).subnets[0] as ec2.Subnet;
    const publicSubnet = group('Public') as ec2.PublicSubnet;
    const noRoute = group('NoDefaultRoute');
    const viaNatGateway = group('ViaNatGateway');
    const viaNatInstance = group('ViaNatInstance');

    // Public IPs without a route: the address is there, the way out is not.
    (noRoute.node.defaultChild as ec2.CfnSubnet).mapPublicIpOnLaunch = true;

    // A zonal NAT gateway lives in a public subnet, with an Elastic IP of its own.
    this.natGateway = publicSubnet.addNatGateway();
    const eip = publicSubnet.node.tryFindChild('EIP');
    if (!(eip instanceof ec2.CfnEIP)) throw new Error('the public subnet has no NAT gateway Elastic IP (EIP): aws-cdk-lib changed addNatGateway');
    eip.node.addDependency(attachment);
    this.natGateway.node.addDependency(attachment);
    viaNatGateway.addDefaultNatRoute(this.natGateway.ref);

    this.natInstance = new NatInstance(this, 'NatInstance', { vpc: this.vpc, subnet: publicSubnet, forwardFrom: cidrBlock, instanceType: props.natInstanceType, gatewayAttachment: attachment });
    viaNatInstance.addRoute('DefaultRoute', {
      routerType: ec2.RouterType.INSTANCE,
      routerId: this.natInstance.instance.instanceId,
      destinationCidrBlock: '0.0.0.0/0',
      enablesInternetConnectivity: true,
    });

    this.publicSubnet = publicSubnet;
    this.noDefaultRouteSubnet = noRoute;
    this.viaNatGatewaySubnet = viaNatGateway;
    this.viaNatInstanceSubnet = viaNatInstance;
  }
}
