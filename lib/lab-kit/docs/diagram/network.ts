/** VPCs, subnets (with their default route), internet and NAT gateways, EC2 instances, route arrows. */
import { refTarget, resourcesOfType, type TemplateResource } from '../../template/resources';
import { type DefaultRoute, resolveDefaultRoute } from '../../template/routes';
import { type DiagramContext, listOf } from './context';

const INTERNET = 'internet';

export function addNetwork(ctx: DiagramContext): void {
  const { graph, template } = ctx;
  const subnets = resourcesOfType(template, 'AWS::EC2::Subnet');
  for (const vpc of resourcesOfType(template, 'AWS::EC2::VPC')) {
    const name = ctx.nameOf(vpc);
    const title = [/^vpc$/i.test(name) ? 'VPC' : `VPC ${name}`, vpc.properties.CidrBlock].filter((t) => typeof t === 'string').join(' ');
    // Subnets name their AZ by index (`Fn::Select` of `Fn::GetAZs`) or literally: count the distinct ones.
    const zones = subnets.filter((s) => refTarget(s.properties.VpcId) === vpc.logicalId).map((s) => s.properties.AvailabilityZone);
    const azs = zones.length > 0 && zones.every((z) => z !== undefined) ? new Set(zones.map((z) => JSON.stringify(z))).size : 0;
    const lines = [azs > 0 ? `${title} · ${azs === 1 ? 'one AZ' : `${azs} AZs`}` : title];
    ctx.register(vpc.logicalId, graph.group(ctx.idFor('vpc', vpc.logicalId), lines));
  }

  const routes = new Map<string, DefaultRoute>();
  for (const subnet of subnets) {
    const route = resolveDefaultRoute(template, subnet.logicalId);
    routes.set(subnet.logicalId, route);
    const vpcGroup = ctx.nodeOf(subnet.properties.VpcId);
    const id = graph.group(ctx.idFor('subnet', subnet.logicalId), [ctx.nameOf(subnet), routeText(ctx, route)], { parent: vpcGroup });
    ctx.registerSubnet(subnet.logicalId, id, vpcGroup);
  }

  const gateways = resourcesOfType(template, 'AWS::EC2::InternetGateway');
  if (gateways.length > 0) graph.node(INTERNET, ['Internet'], { shape: 'circle' });
  for (const igw of gateways) {
    ctx.register(igw.logicalId, graph.node(ctx.idFor('igw', igw.logicalId), ['Internet gateway']));
  }

  const eips = resourcesOfType(template, 'AWS::EC2::EIP');
  for (const nat of resourcesOfType(template, 'AWS::EC2::NatGateway')) {
    const p = nat.properties;
    const kind = p.ConnectivityType === 'private' ? 'private NAT gateway' : p.AvailabilityMode === 'regional' ? 'regional NAT gateway' : 'NAT gateway';
    const hasEip = refTarget(p.AllocationId) !== undefined && eips.some((e) => e.logicalId === refTarget(p.AllocationId));
    const where = p.SubnetId ? ctx.placeIn([p.SubnetId]) : { parent: ctx.nodeOf(p.VpcId) };
    ctx.register(nat.logicalId, graph.node(ctx.idFor('nat', nat.logicalId), [kind, ...(hasEip ? ['Elastic IP'] : [])], where));
  }

  const eipInstances = new Set([
    ...eips.map((e) => refTarget(e.properties.InstanceId)),
    ...resourcesOfType(template, 'AWS::EC2::EIPAssociation').map((a) => refTarget(a.properties.InstanceId)),
  ]);
  for (const instance of resourcesOfType(template, 'AWS::EC2::Instance')) {
    const p = instance.properties;
    const nic = listOf(p.NetworkInterfaces)[0] as Record<string, any> | undefined;
    const subnetValue = nic?.SubnetId ?? p.SubnetId;
    const subnet = ctx.resource(subnetValue);
    // As EC2 decides at launch: the interface's setting, else the subnet's MapPublicIpOnLaunch.
    const publicIp = (nic?.AssociatePublicIpAddress ?? subnet?.properties.MapPublicIpOnLaunch) === true;
    const address = eipInstances.has(instance.logicalId) ? 'Elastic IP'
      : publicIp ? 'public IP'
      : subnet && routes.get(subnet.logicalId)?.kind === 'internet-gateway' ? 'no public IP' : undefined;
    const type = instanceType(ctx, p);
    const where = ctx.placeIn([subnetValue]);
    const lines = [
      ctx.nameOf(instance),
      [type, address].filter(Boolean).join(' · '),
      ...(p.SourceDestCheck === false ? ['source/dest check off'] : []),
      ...(where.spread ? [where.spread] : []),
    ].filter((l) => l.length > 0);
    ctx.register(instance.logicalId, graph.node(ctx.idFor('ec2', instance.logicalId), lines, { parent: where.parent }));
  }

  for (const [subnet, route] of routes) {
    const from = ctx.nodeOf({ Ref: subnet });
    const to = route.target ? ctx.nodeOf({ Ref: route.target }) : undefined;
    if (from && to) graph.edge(from, to);
  }
  for (const igw of gateways) graph.edge(ctx.nodeOf({ Ref: igw.logicalId })!, INTERNET);
}

/** `0.0.0.0/0 → IGW`, `0.0.0.0/0 → NAT gateway`, `0.0.0.0/0 → instance NatInstance`, `no default route`. */
function routeText(ctx: DiagramContext, route: DefaultRoute): string {
  switch (route.kind) {
    case 'none':
      return 'no default route';
    case 'internet-gateway':
      return '0.0.0.0/0 → IGW';
    case 'nat-gateway':
      return '0.0.0.0/0 → NAT gateway';
    case 'transit-gateway':
      return '0.0.0.0/0 → transit gateway';
    case 'instance': {
      const instance = ctx.resource(route.target);
      return `0.0.0.0/0 → instance ${instance ? ctx.nameOf(instance) : route.target}`;
    }
    default:
      return `0.0.0.0/0 → ${route.target ?? 'other target'}`;
  }
}

/** The instance type, from the resource or else from its launch template. */
export function instanceType(ctx: DiagramContext, props: Record<string, any>): string | undefined {
  if (typeof props.InstanceType === 'string') return props.InstanceType;
  const spec = props.LaunchTemplate ?? props.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification;
  const template: TemplateResource | undefined = ctx.resource(spec?.LaunchTemplateId ?? spec?.LaunchTemplateName);
  const fromTemplate = template?.properties.LaunchTemplateData?.InstanceType;
  if (typeof fromTemplate === 'string') return fromTemplate;
  const fromConfig = ctx.resource(props.LaunchConfigurationName)?.properties.InstanceType;
  return typeof fromConfig === 'string' ? fromConfig : undefined;
}
