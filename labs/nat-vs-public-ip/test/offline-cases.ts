/** For every claim, the template change that must make its offline check fail. */
import type { OfflineCases } from '../../../lib/lab-kit/testing';
import { outputLogicalId } from '../../../lib/lab-kit/testing';
import { resolveDefaultRoute } from '../../../lib/lab-kit/template/routes';
import { probeFacts } from '../facts';

/** The properties of the instance an output points at. */
export function instanceProps(t: any, output: string) {
  return t.Resources[outputLogicalId(t, output)].Properties;
}

/** The 0.0.0.0/0 route of a subnet's route table. */
export function defaultRouteOf(t: any, subnet: string) {
  const rt = resolveDefaultRoute(t, subnet).routeTable;
  return Object.values<any>(t.Resources).find((r) => r.Type === 'AWS::EC2::Route' && r.Properties.RouteTableId.Ref === rt && r.Properties.DestinationCidrBlock === '0.0.0.0/0');
}

export const OFFLINE_CASES: OfflineCases = {
  'B2.public-ip-reaches-internet': (t) => (instanceProps(t, 'ProbePublicWithIp').NetworkInterfaces[0].AssociatePublicIpAddress = false),
  'B2.public-subnet-without-public-ip-is-offline': (t) => (instanceProps(t, 'ProbePublicNoIp').NetworkInterfaces[0].AssociatePublicIpAddress = true),
  'B2.nat-gateway-serves-public-subnet': (t) => {
    const route = defaultRouteOf(t, probeFacts(t, 'PublicNoIp').subnet);
    delete route.Properties.GatewayId;
    route.Properties.NatGatewayId = { Ref: outputLogicalId(t, 'NatGatewayId') };
  },
  'B7.nat-gateway-highly-available': (t) => {
    const nat = t.Resources[outputLogicalId(t, 'NatGatewayId')].Properties;
    delete nat.SubnetId;
    nat.AvailabilityMode = 'regional';
  },
  'B7.nat-instance-is-managed-by-you': (t) => (instanceProps(t, 'NatInstanceId').SourceDestCheck = true),
  'I7.private-subnet-egress-through-nat': (t) => {
    const route = defaultRouteOf(t, probeFacts(t, 'ViaNatGateway').subnet);
    route.Properties.RouteTableId = { Ref: 'Elsewhere' };
  },
  'I7.nat-lives-in-public-subnet': (t) => (t.Resources[outputLogicalId(t, 'NatGatewayId')].Properties.SubnetId = { Ref: probeFacts(t, 'ViaNatGateway').subnet }),
  'I7.no-unsolicited-inbound': (t) => (t.Resources[probeFacts(t, 'ViaNatGateway').subnet].Properties.MapPublicIpOnLaunch = true),
  'I13.public-ip-without-route-is-offline': (t) => {
    const rt = resolveDefaultRoute(t, probeFacts(t, 'NoRouteWithIp').subnet).routeTable;
    t.Resources.AddedRoute = { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: rt }, DestinationCidrBlock: '0.0.0.0/0', GatewayId: { Ref: outputLogicalId(t, 'InternetGatewayId') } } };
  },
  // The NAT-subnet function moved to the public subnet: neither is behind the NAT gateway any more.
  'I4.vpc-lambda-needs-nat-for-internet': (t) => (propsOfOutput(t, 'LambdaViaNatGatewayName').VpcConfig.SubnetIds = propsOfOutput(t, 'LambdaInPublicSubnetName').VpcConfig.SubnetIds),
  'I19.vpc-lambda-internet-needs-private-nat': (t) => (propsOfOutput(t, 'LambdaInPublicSubnetName').VpcConfig.SubnetIds = propsOfOutput(t, 'LambdaViaNatGatewayName').VpcConfig.SubnetIds),
};

/** The properties of the resource an output points at. */
function propsOfOutput(t: any, output: string): any {
  return t.Resources[outputLogicalId(t, output)].Properties;
}
