/**
 * What the synthesized template says about the lab: each probe's subnet, that subnet's default
 * route and its public IP; the NAT instance's; the NAT gateway's placement.
 */
import type { TemplateJson } from '../../lib/lab-kit/template/json';
import { refTarget, resourceById, resourceOfOutput, resourcesOfType } from '../../lib/lab-kit/template/resources';
import { type DefaultRoute, resolveDefaultRoute } from '../../lib/lab-kit/template/routes';
import { PROBE_KEYS, PROBES, type ProbeKey } from './outputs';

export interface InstanceFacts {
  readonly logicalId: string;
  readonly subnet: string;
  readonly route: DefaultRoute;
  /** Whether EC2 gives it a public IPv4 address at launch (its interface setting, else the subnet's). */
  readonly publicIp: boolean;
  readonly sourceDestCheck: boolean;
}

/** The resource `NatGatewayId` points at. */
export interface NatGatewayFacts {
  readonly logicalId: string;
  readonly type: string;
  /** The logical id of its subnet (`SubnetId: { Ref }`); absent for a regional one. */
  readonly subnet?: string;
  /** Whether `SubnetId` is set at all (a literal counts). */
  readonly hasSubnet: boolean;
  /** `AvailabilityMode` as written; absent means zonal. */
  readonly availabilityMode?: string;
}

/** Everything the offline checks read, computed once per template. */
export interface Facts {
  readonly probes: Readonly<Record<ProbeKey, InstanceFacts>>;
  readonly natInstance: InstanceFacts;
  readonly natGateway: NatGatewayFacts;
  /**
   * The destinations the public subnet (PublicNoIp's) sends to the NAT gateway, any prefix length.
   * Routing is longest prefix match, so a route more specific than 0.0.0.0/0 to the NAT gateway
   * would carry that traffic through it despite the internet gateway default route.
   * @see https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html
   */
  readonly publicSubnetRoutesToNatGateway: readonly string[];
  /**
   * Every route of NoRouteWithIp's route table, any prefix and any target (the local route is not a resource).
   * A 0.0.0.0/1 plus 128.0.0.0/1 pair to the internet gateway is a way out as much as 0.0.0.0/0 is, by
   * longest prefix match, so I13's "no route" means none at all.
   * @see https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html
   */
  readonly noRouteSubnetRoutes: readonly string[];
  /** The two VPC Lambda probes (I4, I19): their one subnet each and where its default route goes. */
  readonly lambdas: { readonly inPublicSubnet: LambdaFacts; readonly viaNatGateway: LambdaFacts };
}

/** A VPC function as the template defines it. */
export interface LambdaFacts {
  readonly logicalId: string;
  readonly subnets: readonly string[];
  /** The default route of its (first) subnet. */
  readonly route?: DefaultRoute;
  readonly timeoutSeconds: number;
}

function lambdaFacts(template: TemplateJson, outputName: string): LambdaFacts {
  const fn = resourceOfOutput(template, outputName);
  const subnets = ((fn.properties.VpcConfig?.SubnetIds ?? []) as unknown[]).map((s) => refTarget(s)).filter((s): s is string => !!s);
  return {
    logicalId: fn.logicalId,
    subnets,
    route: subnets[0] ? resolveDefaultRoute(template, subnets[0]) : undefined,
    timeoutSeconds: Number(fn.properties.Timeout ?? 3),
  };
}

/** Facts about the instance an output points at. */
export function instanceFacts(template: TemplateJson, outputName: string): InstanceFacts {
  const instance = resourceOfOutput(template, outputName);
  const nic = instance.properties.NetworkInterfaces?.[0];
  const subnet = refTarget(nic?.SubnetId ?? instance.properties.SubnetId);
  if (!subnet) throw new Error(`instance ${instance.logicalId} has no subnet of this template`);
  const mapsPublicIp = resourceById(template, subnet)?.properties.MapPublicIpOnLaunch === true;
  return {
    logicalId: instance.logicalId,
    subnet,
    route: resolveDefaultRoute(template, subnet),
    publicIp: nic?.AssociatePublicIpAddress ?? mapsPublicIp,
    sourceDestCheck: instance.properties.SourceDestCheck !== false,
  };
}

/** Facts about one probe. */
export function probeFacts(template: TemplateJson, key: ProbeKey): InstanceFacts {
  return instanceFacts(template, PROBES[key]);
}

/** The lab's facts. */
export function labFacts(template: TemplateJson): Facts {
  const nat = resourceOfOutput(template, 'NatGatewayId');
  const publicNoIp = probeFacts(template, 'PublicNoIp');
  const publicSubnetRoutesToNatGateway = resourcesOfType(template, 'AWS::EC2::Route')
    .filter((r) => publicNoIp.route.routeTable !== undefined && refTarget(r.properties.RouteTableId) === publicNoIp.route.routeTable && refTarget(r.properties.NatGatewayId) === nat.logicalId)
    .map((r) => String(r.properties.DestinationCidrBlock ?? r.properties.DestinationPrefixListId ?? '?'));
  const noRoute = probeFacts(template, 'NoRouteWithIp');
  const noRouteSubnetRoutes = resourcesOfType(template, 'AWS::EC2::Route')
    .filter((r) => noRoute.route.routeTable !== undefined && refTarget(r.properties.RouteTableId) === noRoute.route.routeTable)
    .map((r) => `${String(r.properties.DestinationCidrBlock ?? r.properties.DestinationIpv6CidrBlock ?? r.properties.DestinationPrefixListId ?? '?')} → ${refTarget(r.properties.GatewayId ?? r.properties.NatGatewayId ?? r.properties.InstanceId ?? r.properties.NetworkInterfaceId ?? r.properties.TransitGatewayId) ?? '?'}`);
  return {
    probes: Object.fromEntries(PROBE_KEYS.map((k) => [k, probeFacts(template, k)])) as Record<ProbeKey, InstanceFacts>,
    natInstance: instanceFacts(template, 'NatInstanceId'),
    natGateway: {
      logicalId: nat.logicalId,
      type: nat.type,
      subnet: nat.properties.SubnetId?.Ref as string | undefined,
      hasSubnet: nat.properties.SubnetId !== undefined,
      availabilityMode: nat.properties.AvailabilityMode,
    },
    publicSubnetRoutesToNatGateway,
    noRouteSubnetRoutes,
    lambdas: { inPublicSubnet: lambdaFacts(template, 'LambdaInPublicSubnetName'), viaNatGateway: lambdaFacts(template, 'LambdaViaNatGatewayName') },
  };
}

/** `PublicNoIp: default route → internet-gateway, no public IP`. */
export function describeFacts(key: string, f: InstanceFacts): string {
  return `${key}: default route → ${f.route.kind}, ${f.publicIp ? 'public IP' : 'no public IP'}`;
}
