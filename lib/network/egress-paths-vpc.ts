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
 * So a NAT gateway does nothing for an instance in a public subnet: that subnet's default route
 * goes to the internet gateway, and only one route can own 0.0.0.0/0.
 *
 * The private subnets are created isolated (no route) and given their default route here, because
 * CDK's `Vpc` builds one kind of NAT per VPC and this VPC shows both.
 *
 * The default security group is left as EC2 creates it (nothing here uses it): restricting it takes
 * a custom-resource function whose log group would outlive the lab.
 *
 * @see https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html
 * @see https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html
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
    const group = (name: string) => this.vpc.selectSubnets({ subnetGroupName: name }).subnets[0] as ec2.Subnet;
    const publicSubnet = group('Public') as ec2.PublicSubnet;
    const noRoute = group('NoDefaultRoute');
    const viaNatGateway = group('ViaNatGateway');
    const viaNatInstance = group('ViaNatInstance');

    // Public IPs without a route: the address is there, the way out is not.
    (noRoute.node.defaultChild as ec2.CfnSubnet).mapPublicIpOnLaunch = true;

    // A zonal NAT gateway lives in a public subnet, with an Elastic IP of its own.
    this.natGateway = publicSubnet.addNatGateway();
    viaNatGateway.addDefaultNatRoute(this.natGateway.ref);

    this.natInstance = new NatInstance(this, 'NatInstance', { vpc: this.vpc, subnet: publicSubnet, forwardFrom: cidrBlock, instanceType: props.natInstanceType });
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
