import type { TemplateJson } from './json';
import { refTarget, resourceById, resourcesOfType } from './resources';

/** Where a subnet's default route (0.0.0.0/0) goes. */
export type DefaultRouteKind = 'internet-gateway' | 'nat-gateway' | 'instance' | 'transit-gateway' | 'other' | 'none';

/** The answer of {@link resolveDefaultRoute}. */
export interface DefaultRoute {
  readonly kind: DefaultRouteKind;
  /** The logical id of the route table the subnet is associated with. */
  readonly routeTable?: string;
  /** The logical id (or literal id) of the route's target. */
  readonly target?: string;
}

const TARGET_PROPERTIES: ReadonlyArray<[string, DefaultRouteKind]> = [
  ['GatewayId', 'internet-gateway'],
  ['NatGatewayId', 'nat-gateway'],
  ['InstanceId', 'instance'],
  ['TransitGatewayId', 'transit-gateway'],
];

/**
 * Tells, for a subnet of a synthesized template, where its default IPv4 route goes: this is what
 * makes a subnet "public" (internet gateway) or "private" (NAT, or nothing). A subnet is public
 * because of its route table, not because of its name.
 *
 * A subnet with no explicit route-table association uses the VPC's main route table, which a
 * template cannot see: that case is reported as `none` with no `routeTable`.
 *
 * @see https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html
 */
export function resolveDefaultRoute(template: TemplateJson, subnetLogicalId: string): DefaultRoute {
  const subnet = resourceById(template, subnetLogicalId);
  if (!subnet || subnet.type !== 'AWS::EC2::Subnet') {
    throw new Error(`subnet: received ${subnetLogicalId}; allowed: the logical id of an AWS::EC2::Subnet of the template`);
  }
  const association = resourcesOfType(template, 'AWS::EC2::SubnetRouteTableAssociation').find(
    (a) => refTarget(a.properties.SubnetId) === subnetLogicalId,
  );
  const routeTable = refTarget(association?.properties.RouteTableId);
  if (!routeTable) return { kind: 'none' };
  const route = resourcesOfType(template, 'AWS::EC2::Route').find(
    (r) => refTarget(r.properties.RouteTableId) === routeTable && r.properties.DestinationCidrBlock === '0.0.0.0/0',
  );
  if (!route) return { kind: 'none', routeTable };
  for (const [property, kind] of TARGET_PROPERTIES) {
    const value = route.properties[property];
    if (value === undefined) continue;
    const target = refTarget(value) ?? String(value);
    if (kind === 'internet-gateway') {
      const gateway = resourceById(template, target);
      // GatewayId also takes virtual private gateways; only an internet gateway reaches the internet.
      return { kind: !gateway || gateway.type === 'AWS::EC2::InternetGateway' ? kind : 'other', routeTable, target };
    }
    return { kind, routeTable, target };
  }
  return { kind: 'other', routeTable };
}
