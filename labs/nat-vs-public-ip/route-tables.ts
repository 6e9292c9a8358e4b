/**
 * Whether each probe's subnet still routes as the lab deployed it. The live checks judge a probe's answer
 * against its routes: no route out (I13), 0.0.0.0/0 to the internet gateway and nothing to the NAT gateway
 * (B2), 0.0.0.0/0 to a NAT (I7). A route added or removed after the deploy changes what AWS should do:
 * "we direct traffic using the most specific route that matches the traffic" ("How route priority works",
 * https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html), so a probe that then gets out
 * (or does not) is AWS following the new routes, not contradicting the claim. So the route tables are read
 * live, and a probe whose subnet routes differently is not evidence: inconclusive, naming the route.
 *
 * Pure: it judges what {@link RouteTablesObservation} recorded.
 */
import type { ProbeKey } from './outputs';

/** One route as DescribeRouteTables gives it, reduced to its destination, its target and its state. */
export interface RouteEntry {
  /** `DestinationCidrBlock`, `DestinationIpv6CidrBlock` or `DestinationPrefixListId`. */
  readonly destination: string;
  /** The target id: `GatewayId` (igw-..., vgw-..., vpce-... or `local`), `NatGatewayId`, `InstanceId`, `NetworkInterfaceId`, `TransitGatewayId`, ... */
  readonly target: string;
  /** active | blackhole. */
  readonly state?: string;
}

/** The route table a subnet uses: its explicit association, or the VPC's main table when it has none. */
export interface SubnetRouteTable {
  readonly routeTableId: string;
  /** True when the subnet has no explicit association and so uses the main route table. */
  readonly main: boolean;
  readonly routes: readonly RouteEntry[];
}

/** The route tables of the probes' subnets, and what the lab deployed them to point at (plain JSON). */
export interface RouteTablesObservation {
  /** Each probe's subnet. */
  readonly probeSubnets: Readonly<Partial<Record<ProbeKey, string>>>;
  /** By subnet id. */
  readonly bySubnet: Readonly<Record<string, SubnetRouteTable>>;
  /** The lab's own targets, from its outputs. */
  readonly internetGatewayId: string;
  readonly natGatewayId: string;
  readonly natInstanceId: string;
  /** The NAT instance's network interfaces (a route may name the ENI instead of the instance). */
  readonly natInstanceEnis: readonly string[];
}

/** Where each probe's 0.0.0.0/0 goes in the lab as deployed; `none` for the subnet with no way out. */
const DEPLOYED_DEFAULT: Readonly<Record<ProbeKey, 'internet-gateway' | 'nat-gateway' | 'nat-instance' | 'none'>> = {
  PublicWithIp: 'internet-gateway',
  PublicNoIp: 'internet-gateway',
  NoRouteWithIp: 'none',
  ViaNatGateway: 'nat-gateway',
  ViaNatInstance: 'nat-instance',
};

/** The VPC's own route ("local") carries traffic inside the VPC only: it changes nothing on the way to the internet. */
const isLocal = (r: RouteEntry) => r.target === 'local';

/**
 * Every way the subnet of `key` routes other than as deployed: a default route missing, pointing elsewhere or a
 * blackhole ("Route": State active | blackhole, https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Route.html),
 * or any other non-local route (a more specific prefix, a prefix list, a propagated VPN route), since any of them
 * may catch the probes' traffic by longest prefix match. Empty when the subnet routes as the lab deployed it.
 */
export function routesChanged(o: RouteTablesObservation, key: ProbeKey): readonly string[] {
  const subnet = o.probeSubnets[key];
  const table = subnet ? o.bySubnet[subnet] : undefined;
  if (!subnet || !table) return [`no route table was found for ${key}'s subnet ${subnet ?? '(unknown)'} (DescribeRouteTables)`];
  const where = `route table ${table.routeTableId}${table.main ? ' (the VPC main table: the subnet\'s own association is gone)' : ''} of ${key}'s subnet ${subnet}`;
  const reasons: string[] = [];
  if (table.main) reasons.push(`${where} is not the table the lab associated`);
  const wanted = DEPLOYED_DEFAULT[key];
  const targets: Record<string, readonly string[]> = { 'internet-gateway': [o.internetGatewayId], 'nat-gateway': [o.natGatewayId], 'nat-instance': [o.natInstanceId, ...o.natInstanceEnis], none: [] };
  const expectedTarget = targets[wanted];
  const defaults = table.routes.filter((r) => r.destination === '0.0.0.0/0');
  const def = defaults[0];
  if (wanted === 'none') {
    if (def) reasons.push(`${where} now sends 0.0.0.0/0 to ${def.target}; the lab deploys it with no default route`);
  } else if (!def) {
    reasons.push(`${where} has no 0.0.0.0/0 route; the lab deploys one to the ${wanted.replace('-', ' ')} ${expectedTarget[0]}`);
  } else if (!expectedTarget.includes(def.target)) {
    reasons.push(`${where} sends 0.0.0.0/0 to ${def.target}; the lab deploys it to the ${wanted.replace('-', ' ')} ${expectedTarget[0]}`);
  } else if (def.state === 'blackhole') {
    reasons.push(`${where}: its 0.0.0.0/0 route to ${def.target} is a blackhole (the target is gone)`);
  }
  for (const r of table.routes) {
    if (isLocal(r) || r.destination === '0.0.0.0/0' || r.destination.includes(':')) continue;
    reasons.push(`${where} has a route the lab does not deploy: ${r.destination} → ${r.target}${r.state === 'blackhole' ? ' (blackhole)' : ''}`);
  }
  return reasons;
}
