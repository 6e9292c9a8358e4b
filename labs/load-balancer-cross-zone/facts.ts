/** What the synthesized template (and the API models the project ships) say about the lab's load balancer and targets. */
import type { TemplateJson } from '../../lib/lab-kit/template/json';
import { refTarget, resourceById, resourceOfOutput, resourcesOfType } from '../../lib/lab-kit/template/resources';

/** The attribute of both the load balancer and the target group ("Cross-zone load balancing for target groups", NLB guide). */
export const CROSS_ZONE_ATTRIBUTE = 'load_balancing.cross_zone.enabled';

/** One target: its instance, and the Availability Zone index its subnet takes from `Fn::GetAZs` (or a zone name). */
export interface TargetFacts {
  readonly instance: string;
  readonly instanceType?: string;
  readonly port?: number;
  /** `0`, `1`, … for `Fn::Select [i, Fn::GetAZs]`, or the literal zone name. */
  readonly zone?: string;
}

export interface LabFacts {
  readonly loadBalancer: {
    readonly logicalId: string;
    readonly type?: string;
    readonly scheme?: string;
    readonly subnets: number;
    /** The cross-zone attribute as the template sets it; absent: the load balancer's default. */
    readonly crossZone?: string;
    readonly securityGroups: number;
  };
  readonly listener?: { readonly protocol?: string; readonly port?: number; readonly targetGroup?: string };
  readonly targetGroup: {
    readonly logicalId: string;
    readonly protocol?: string;
    readonly port?: number;
    /** The target group's cross-zone attribute; absent: `use_load_balancer_configuration`. */
    readonly crossZone?: string;
    readonly healthCheck: {
      readonly protocol?: string;
      readonly path?: string;
      readonly intervalSeconds?: number;
      readonly timeoutSeconds?: number;
      readonly healthyThreshold?: number;
      readonly unhealthyThreshold?: number;
      readonly matcher?: string;
    };
    readonly targets: readonly TargetFacts[];
  };
  /** Targets per zone, by zone key, largest zone last. */
  readonly targetsPerZone: ReadonlyArray<{ readonly zone: string; readonly count: number }>;
  /**
   * The load balancer types the project's API models know: the `Type` values of the ELB (v2) API
   * (LoadBalancerTypeEnum of its SDK), and the CloudFormation resource type of the Classic Load Balancer,
   * which has an API of its own (aws-cdk-lib's generated L1).
   */
  readonly apiModel: { readonly v2Types: readonly string[]; readonly classicResourceType: string };
}

function attribute(list: unknown, key: string): string | undefined {
  const found = (Array.isArray(list) ? list : []).find((a: any) => a?.Key === key);
  return found === undefined ? undefined : String(found.Value);
}

/** `Fn::Select [i, Fn::GetAZs]` → `i`; a literal zone name → itself. */
function zoneKey(az: unknown): string | undefined {
  if (typeof az === 'string') return az;
  const select = (az as any)?.['Fn::Select'];
  if (Array.isArray(select) && (select[1] as any)?.['Fn::GetAZs'] !== undefined) return String(select[0]);
  return undefined;
}

export function labFacts(template: TemplateJson): LabFacts {
  const lb = resourceOfOutput(template, 'LoadBalancerArn');
  const tg = resourceOfOutput(template, 'TargetGroupArn');
  const listener = resourcesOfType(template, 'AWS::ElasticLoadBalancingV2::Listener').find((l) => refTarget(l.properties.LoadBalancerArn) === lb.logicalId);
  const p = tg.properties;
  const targets: TargetFacts[] = (p.Targets ?? []).map((t: any) => {
    const instance = refTarget(t.Id) ?? String(t.Id);
    const resource = resourceById(template, instance);
    const subnet = resource && resourceById(template, refTarget(resource.properties.SubnetId) ?? '');
    return { instance, instanceType: resource?.properties.InstanceType, port: t.Port, zone: zoneKey(subnet?.properties.AvailabilityZone) };
  });
  const counts = new Map<string, number>();
  for (const t of targets) counts.set(t.zone ?? '?', (counts.get(t.zone ?? '?') ?? 0) + 1);
  return {
    loadBalancer: {
      logicalId: lb.logicalId,
      type: lb.properties.Type,
      scheme: lb.properties.Scheme,
      subnets: (lb.properties.Subnets ?? lb.properties.SubnetMappings ?? []).length,
      crossZone: attribute(lb.properties.LoadBalancerAttributes, CROSS_ZONE_ATTRIBUTE),
      securityGroups: (lb.properties.SecurityGroups ?? []).length,
    },
    listener: listener && {
      protocol: listener.properties.Protocol,
      port: listener.properties.Port,
      targetGroup: refTarget(listener.properties.DefaultActions?.[0]?.TargetGroupArn),
    },
    targetGroup: {
      logicalId: tg.logicalId,
      protocol: p.Protocol,
      port: p.Port,
      crossZone: attribute(p.TargetGroupAttributes, CROSS_ZONE_ATTRIBUTE),
      healthCheck: {
        protocol: p.HealthCheckProtocol,
        path: p.HealthCheckPath,
        intervalSeconds: p.HealthCheckIntervalSeconds,
        timeoutSeconds: p.HealthCheckTimeoutSeconds,
        healthyThreshold: p.HealthyThresholdCount,
        unhealthyThreshold: p.UnhealthyThresholdCount,
        matcher: p.Matcher?.HttpCode,
      },
      targets,
    },
    targetsPerZone: [...counts.entries()].map(([zone, count]) => ({ zone, count })).sort((a, b) => a.count - b.count),
    apiModel: apiModel(),
  };
}

/**
 * The API models T7 reads, required when the facts are computed, not when the registry is loaded
 * (which must load no AWS SDK client and no aws-cdk-lib: test/lab-kit/app-imports.test.ts).
 */
function apiModel(): { v2Types: string[]; classicResourceType: string } {
  const { LoadBalancerTypeEnum } = require('@aws-sdk/client-elastic-load-balancing-v2') as typeof import('@aws-sdk/client-elastic-load-balancing-v2');
  const { CfnLoadBalancer } = require('aws-cdk-lib/aws-elasticloadbalancing') as typeof import('aws-cdk-lib/aws-elasticloadbalancing');
  return { v2Types: Object.values(LoadBalancerTypeEnum).sort(), classicResourceType: CfnLoadBalancer.CFN_RESOURCE_TYPE_NAME };
}
