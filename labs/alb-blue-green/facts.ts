/** What the synthesized template says about the blue/green service: the facts the offline checks rest on. */
import type { TemplateJson } from '../../lib/lab-kit/template/json';
import { refTarget, resourceById, resourceOfOutput, resourcesOfType, type TemplateResource } from '../../lib/lab-kit/template/resources';
import { resolveDefaultRoute } from '../../lib/lab-kit/template/routes';
import { type Colour, COLOURS } from '../../lib/deployment/colour-page';
import type { OutputName } from './outputs';

/** One colour's fleet as the template declares it. */
export interface FleetFacts {
  readonly colour: Colour;
  readonly targetGroup: string;
  /** The Auto Scaling group registering into the target group, if any. */
  readonly autoScalingGroup?: string;
  readonly minSize: number;
  readonly maxSize: number;
  readonly healthCheckType: string;
  /** Where the fleet's subnets' default route goes (isolated subnets have none). */
  readonly subnetRoutes: readonly string[];
  readonly healthCheckPath?: string;
  readonly healthCheckIntervalSeconds?: number;
  readonly healthyThresholdCount?: number;
  readonly unhealthyThresholdCount?: number;
  readonly deregistrationDelaySeconds?: number;
  /** The user data of its launch template, decoded from Fn::Base64. */
  readonly userData: string;
}

/** The listener's default forward action. */
export interface ForwardFacts {
  readonly type?: string;
  readonly targetGroups: ReadonlyArray<{ readonly targetGroup?: string; readonly weight: number }>;
  readonly stickiness: boolean;
}

/** The whole service. */
export interface ServiceFacts {
  readonly loadBalancer: TemplateResource;
  readonly scheme: string;
  /** Distinct Availability Zone expressions of the load balancer's subnets. */
  readonly loadBalancerAzs: number;
  readonly loadBalancerSubnets: number;
  readonly listener: TemplateResource;
  readonly forward: ForwardFacts;
  readonly fleets: Readonly<Record<Colour, FleetFacts>>;
  /** CIDR ranges allowed in on port 80 by the load balancer's security groups. */
  readonly ingressCidrs: readonly string[];
  readonly loadBalancerCount: number;
  /** Resources that would put DNS in the switch path. */
  readonly dnsResources: readonly string[];
}

function tgOutput(colour: Colour): OutputName {
  return colour === 'blue' ? 'BlueTargetGroupArn' : 'GreenTargetGroupArn';
}

function userDataOf(launchTemplate: TemplateResource | undefined): string {
  const raw = launchTemplate?.properties.LaunchTemplateData?.UserData;
  const inner = raw?.['Fn::Base64'] ?? raw;
  return typeof inner === 'string' ? inner : JSON.stringify(inner ?? '');
}

function attribute(tg: TemplateResource, key: string): number | undefined {
  const found = (tg.properties.TargetGroupAttributes ?? []).find((a: any) => a.Key === key);
  return found ? Number(found.Value) : undefined;
}

function fleetFacts(template: TemplateJson, colour: Colour): FleetFacts {
  const tg = resourceOfOutput(template, tgOutput(colour));
  const asg = resourcesOfType(template, 'AWS::AutoScaling::AutoScalingGroup').find((g) =>
    (g.properties.TargetGroupARNs ?? []).some((arn: unknown) => refTarget(arn) === tg.logicalId),
  );
  const lt = asg ? resourceById(template, refTarget(asg.properties.LaunchTemplate?.LaunchTemplateId) ?? '') : undefined;
  const subnets: unknown[] = asg?.properties.VPCZoneIdentifier ?? [];
  return {
    colour,
    targetGroup: tg.logicalId,
    autoScalingGroup: asg?.logicalId,
    minSize: Number(asg?.properties.MinSize ?? 0),
    maxSize: Number(asg?.properties.MaxSize ?? 0),
    healthCheckType: String(asg?.properties.HealthCheckType ?? 'EC2'),
    subnetRoutes: subnets.map((s) => {
      const id = refTarget(s);
      return id ? resolveDefaultRoute(template, id).kind : 'unknown';
    }),
    healthCheckPath: tg.properties.HealthCheckPath,
    healthCheckIntervalSeconds: tg.properties.HealthCheckIntervalSeconds,
    healthyThresholdCount: tg.properties.HealthyThresholdCount,
    unhealthyThresholdCount: tg.properties.UnhealthyThresholdCount,
    deregistrationDelaySeconds: attribute(tg, 'deregistration_delay.timeout_seconds'),
    userData: userDataOf(lt),
  };
}

/** What the offline checks read: the service, out of a template through the stack's outputs. */
export type Facts = ServiceFacts;

/** Reads the service out of a template through the stack's outputs (computed once per template). */
export function labFacts(template: TemplateJson): Facts {
  const lb = resourceOfOutput(template, 'LoadBalancerArn' satisfies OutputName);
  const listener = resourceOfOutput(template, 'ListenerArn' satisfies OutputName);
  const action = (listener.properties.DefaultActions ?? [])[0] ?? {};
  const tuples: any[] = action.ForwardConfig?.TargetGroups ?? (action.TargetGroupArn ? [{ TargetGroupArn: action.TargetGroupArn }] : []);
  const subnets: unknown[] = lb.properties.Subnets ?? [];
  const azs = new Set(subnets.map((s) => JSON.stringify(resourceById(template, refTarget(s) ?? '')?.properties.AvailabilityZone ?? s)));
  const groups: string[] = (lb.properties.SecurityGroups ?? []).map((g: unknown) => refTarget(g)).filter(Boolean);
  const ingressCidrs = groups.flatMap((g) => {
    const inline = resourceById(template, g)?.properties.SecurityGroupIngress ?? [];
    const separate = resourcesOfType(template, 'AWS::EC2::SecurityGroupIngress').filter((i) => refTarget(i.properties.GroupId) === g).map((i) => i.properties);
    return [...inline, ...separate].filter((r: any) => r.FromPort <= 80 && r.ToPort >= 80 && r.CidrIp).map((r: any) => String(r.CidrIp));
  });
  const dnsTypes = ['AWS::Route53::RecordSet', 'AWS::Route53::RecordSetGroup', 'AWS::ElasticBeanstalk::Environment'];
  return {
    loadBalancer: lb,
    scheme: String(lb.properties.Scheme ?? 'internet-facing'),
    loadBalancerAzs: azs.size,
    loadBalancerSubnets: subnets.length,
    listener,
    forward: {
      type: action.Type,
      targetGroups: tuples.map((t) => ({ targetGroup: refTarget(t.TargetGroupArn), weight: Number(t.Weight ?? 1) })),
      stickiness: action.ForwardConfig?.TargetGroupStickinessConfig?.Enabled === true,
    },
    fleets: Object.fromEntries(COLOURS.map((c) => [c, fleetFacts(template, c)])) as Record<Colour, FleetFacts>,
    ingressCidrs,
    loadBalancerCount: resourcesOfType(template, 'AWS::ElasticLoadBalancingV2::LoadBalancer').length,
    dnsResources: dnsTypes.flatMap((t) => resourcesOfType(template, t).map((r) => `${r.logicalId} (${t})`)),
  };
}

/** The weight the forward action gives a colour's target group (undefined when it does not forward to it). */
export function weightOf(facts: ServiceFacts, colour: Colour): number | undefined {
  return facts.forward.targetGroups.find((t) => t.targetGroup === facts.fleets[colour].targetGroup)?.weight;
}

/** True when the forward action splits by weight between exactly the two colours' target groups. */
export function forwardsToBothColours(facts: ServiceFacts): boolean {
  return facts.forward.type === 'forward' && facts.forward.targetGroups.length === 2 && COLOURS.every((c) => weightOf(facts, c) !== undefined);
}

/** `blue: 1 instance (min 1, max 1), ELB health checks, subnets → none, none`. */
export function describeFleet(f: FleetFacts): string {
  return `${f.colour}: ${f.minSize === f.maxSize ? `${f.minSize} instance(s)` : `${f.minSize} to ${f.maxSize} instances`}, ${f.healthCheckType} health checks, subnet routes ${f.subnetRoutes.join('/') || 'none'}`;
}
