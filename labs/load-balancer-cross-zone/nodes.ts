/**
 * Reads the AWS side of the experiment: the load balancer's nodes (one network interface per
 * Availability Zone), its cross-zone attributes, and its targets' health.
 */
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { ObserveContext } from '../../lib/lab-kit/checks/lab-definition';
import { CROSS_ZONE_ATTRIBUTE } from './facts';

/** Loaded on use: the lab's registry entry loads no AWS SDK client. */
const ec2Sdk = () => import('@aws-sdk/client-ec2');
/** Loaded on use: the lab's registry entry loads no AWS SDK client. */
const elbv2Sdk = () => import('@aws-sdk/client-elastic-load-balancing-v2');

/** One node of the load balancer: the zone its network interface is in and the public address clients reach it at. */
export interface LoadBalancerNode {
  readonly zone: string;
  readonly address: string;
  readonly networkInterfaceId: string;
}

/**
 * The description ELB gives a load balancer's network interfaces: `ELB ` and the part of the load
 * balancer's ARN after `loadbalancer/` (`net/<name>/<id>` for a Network Load Balancer), the filter AWS's
 * knowledge-center article uses to find them ("How do I find the IP addresses of my Elastic Load
 * Balancing load balancer?", https://repost.aws/knowledge-center/elb-find-load-balancer-ip).
 */
export function networkInterfaceDescription(loadBalancerArn: string): string {
  const m = /:loadbalancer\/((?:net|app|gwy)\/[^/]+\/[0-9a-f]+)$/.exec(loadBalancerArn);
  if (!m) throw new Error(`LoadBalancerArn: received ${JSON.stringify(loadBalancerArn)}; allowed: an ELB ARN ending in loadbalancer/net/<name>/<id>`);
  return `ELB ${m[1]}`;
}

/**
 * The nodes of an internet-facing load balancer: DescribeNetworkInterfaces filtered by the
 * description, each interface's AvailabilityZone and Association.PublicIp ("NetworkInterface",
 * "NetworkInterfaceAssociation", Amazon EC2 API Reference,
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkInterface.html), pages followed.
 * An interface without a public address (none is associated yet) is left out.
 */
export async function loadBalancerNodes(ec2: EC2Client, loadBalancerArn: string): Promise<LoadBalancerNode[]> {
  const description = networkInterfaceDescription(loadBalancerArn);
  const nodes: LoadBalancerNode[] = [];
  let token: string | undefined;
  do {
    const page = await ec2.send(new (await ec2Sdk()).DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'description', Values: [description] }], NextToken: token }));
    for (const eni of page.NetworkInterfaces ?? []) {
      const address = eni.Association?.PublicIp;
      if (address && eni.AvailabilityZone && eni.NetworkInterfaceId) nodes.push({ zone: eni.AvailabilityZone, address, networkInterfaceId: eni.NetworkInterfaceId });
    }
    token = page.NextToken;
  } while (token);
  return nodes.sort((a, b) => a.zone.localeCompare(b.zone));
}

/** The cross-zone setting of the load balancer and of the target group, as the API returns them (strings). */
export interface CrossZoneSetting {
  /** `true` or `false` ("Load balancer attributes", NLB guide); absent when not returned. */
  readonly loadBalancer?: string;
  /** `true`, `false` or `use_load_balancer_configuration` ("Cross-zone load balancing for target groups"). */
  readonly targetGroup?: string;
}

/**
 * Whether the target group's traffic crosses zones: its own setting, or the load balancer's when it
 * defers to it ("The target group setting determines the load balancing behavior for the target
 * group", "Cross-zone load balancing for target groups", https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-cross-zone.html).
 * Undefined when the API did not say.
 */
export function effectiveCrossZone(s: CrossZoneSetting): boolean | undefined {
  const tg = s.targetGroup ?? 'use_load_balancer_configuration';
  if (tg === 'true' || tg === 'false') return tg === 'true';
  return s.loadBalancer === undefined ? undefined : s.loadBalancer === 'true';
}

export async function readCrossZone(elbv2: ElasticLoadBalancingV2Client, loadBalancerArn: string, targetGroupArn: string): Promise<CrossZoneSetting> {
  const lb = await elbv2.send(new (await elbv2Sdk()).DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: loadBalancerArn }));
  const tg = await elbv2.send(new (await elbv2Sdk()).DescribeTargetGroupAttributesCommand({ TargetGroupArn: targetGroupArn }));
  return {
    loadBalancer: lb.Attributes?.find((a) => a.Key === CROSS_ZONE_ATTRIBUTE)?.Value,
    targetGroup: tg.Attributes?.find((a) => a.Key === CROSS_ZONE_ATTRIBUTE)?.Value,
  };
}

/** One target's health. State: `initial | healthy | unhealthy | unhealthy.draining | unused | draining | unavailable` ("TargetHealth", ELB API Reference). */
export interface TargetState {
  readonly id: string;
  readonly state: string;
  readonly reason?: string;
}

/**
 * Every registered target's health: DescribeTargetHealth's TargetHealthDescriptions[].Target.Id and
 * TargetHealth.State/Reason ("DescribeTargetHealth" and "TargetHealth", Elastic Load Balancing API
 * Reference, https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeTargetHealth.html,
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetHealth.html).
 */
export async function readTargetHealth(elbv2: ElasticLoadBalancingV2Client, targetGroupArn: string): Promise<TargetState[]> {
  const r = await elbv2.send(new (await elbv2Sdk()).DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn }));
  return (r.TargetHealthDescriptions ?? []).map((d) => ({ id: d.Target?.Id ?? '?', state: d.TargetHealth?.State ?? 'unknown', reason: d.TargetHealth?.Reason }));
}

/** How often the lab reads target health while it waits. */
export const HEALTH_POLL_MS = 2_000;

/**
 * Reads target health until every expected target is in `state` or `boundMs` passes. Returns the
 * last reading and, per target, the first time (ms after the start) it was seen in that state.
 */
export async function waitForState(
  ctx: Pick<ObserveContext, 'now' | 'sleep' | 'progress'>,
  elbv2: ElasticLoadBalancingV2Client,
  targetGroupArn: string,
  ids: readonly string[],
  state: string,
  boundMs: number,
  pollMs = HEALTH_POLL_MS,
): Promise<{ reached: boolean; last: TargetState[]; firstSeenMs: Record<string, number | null>; waitedMs: number }> {
  const start = ctx.now();
  const firstSeenMs: Record<string, number | null> = Object.fromEntries(ids.map((id) => [id, null]));
  let last: TargetState[] = [];
  let lastNote = '';
  for (;;) {
    last = await readTargetHealth(elbv2, targetGroupArn);
    const elapsed = ctx.now() - start;
    for (const t of last) if (t.state === state && firstSeenMs[t.id] === null) firstSeenMs[t.id] = elapsed;
    const reached = ids.every((id) => last.find((t) => t.id === id)?.state === state);
    if (reached || elapsed >= boundMs) return { reached, last, firstSeenMs, waitedMs: elapsed };
    const note = last.map((t) => `${t.id} ${t.state}`).join(', ');
    if (note !== lastNote) ctx.progress(`waiting for every target to be ${state}: ${note}`);
    lastNote = note;
    await ctx.sleep(pollMs);
  }
}
