/**
 * The two experiments of the lab, each an observation shared by the checks that judge it:
 *
 * - `cross-zone`: with every target healthy, N requests to each node's address with cross-zone load
 *   balancing as deployed (off: the NLB's default), then with the target group's attribute turned on
 *   (and restored in `finally`), counting which target answered each one.
 * - `health-drain`: the health-check path changed to one the targets answer 404 (restored in
 *   `finally`), DescribeTargetHealth polled until every target is unhealthy, then requests to each
 *   node to see whether the load balancer fails open.
 */
import { resolve4 } from 'node:dns/promises';
import { EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
  ModifyTargetGroupAttributesCommand,
  ModifyTargetGroupCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { observationsOf, type ObserveContext } from '../../lib/lab-kit/checks/lab-definition';
import { CROSS_ZONE_ATTRIBUTE } from './facts';
import { type CrossZoneSetting, effectiveCrossZone, type LoadBalancerNode, loadBalancerNodes, readCrossZone, type TargetState, waitForState } from './nodes';
import { OUTPUTS } from './outputs';
import { answered, type NodeCounts, probeNode, transport } from './probe';

const observation = observationsOf(OUTPUTS);

/** The listener's port (the stack's default). */
export const LISTENER_PORT = 80;
/** The option that sets the requests per node per phase. */
export const REQUESTS_OPTION = 'requests';
export const REQUEST_LIMITS = { min: 50, max: 1000, default: 200 } as const;
/**
 * How long the lab waits for every target to be healthy before it measures (the lab's bound: a new
 * instance boots, starts its server and passes HealthyThresholdCount checks in a minute or two).
 */
export const READY_BOUND_MS = 10 * 60_000;
/**
 * How long the lab waits for the cross-zone change to show (a request through the smaller zone's node
 * answered by a target of the other zone). No page says how soon an attribute change applies; this
 * bound is the lab's, and a change not seen within it makes the run inconclusive, never a fail.
 */
export const CHANGE_BOUND_MS = 120_000;
/** The health-check path the checks set: the targets' server answers 404 for it. */
export const FAILING_HEALTH_CHECK_PATH = '/lab-health-check-fails';
/** Requests per node while every target is unhealthy. */
export const FAIL_OPEN_REQUESTS = 40;
/** Requests per node that show the network path works before the health check is changed. */
export const BASELINE_REQUESTS = 10;

/** The instance ids of the stack's two zones. */
export interface Fleet {
  readonly smallZone: string;
  readonly largeZone: string;
  readonly small: readonly string[];
  readonly large: readonly string[];
}

function fleetOf(o: Record<string, string>): Fleet {
  const ids = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);
  return { smallZone: o.SmallZone, largeZone: o.LargeZone, small: ids(o.SmallZoneInstanceIds), large: ids(o.LargeZoneInstanceIds) };
}

function requestsPerNode(ctx: ObserveContext): number {
  const raw = ctx.options[REQUESTS_OPTION];
  return typeof raw === 'string' ? Number(raw) : REQUEST_LIMITS.default;
}

/** The readiness every experiment starts from: every target healthy, within the lab's bound. */
export interface Readiness {
  readonly healthy: boolean;
  readonly waitedSeconds: number;
  readonly states: readonly TargetState[];
}

async function ready(ctx: ObserveContext, elbv2: ElasticLoadBalancingV2Client, targetGroupArn: string, ids: readonly string[]): Promise<Readiness> {
  const r = await waitForState(ctx, elbv2, targetGroupArn, ids, 'healthy', READY_BOUND_MS, 10_000);
  return { healthy: r.reached, waitedSeconds: Math.round(r.waitedMs / 1000), states: r.last };
}

/** A node per zone of the fleet, or an error saying which are missing. */
async function nodesOf(ctx: ObserveContext, fleet: Fleet, loadBalancerArn: string): Promise<LoadBalancerNode[]> {
  const nodes = await loadBalancerNodes(new EC2Client(ctx.aws), loadBalancerArn);
  const missing = [fleet.smallZone, fleet.largeZone].filter((z) => !nodes.some((n) => n.zone === z));
  if (missing.length > 0) {
    throw new Error(`no load balancer node with a public address found in ${missing.join(' and ')} (DescribeNetworkInterfaces found: ${nodes.map((n) => `${n.zone} ${n.address}`).join(', ') || 'none'})`);
  }
  return [fleet.smallZone, fleet.largeZone].map((z) => nodes.find((n) => n.zone === z)!);
}

/**
 * Every request to every node unanswered while the targets were healthy: the user's network (a proxy,
 * a firewall, a narrowed ingress CIDR), not a verdict on AWS. Thrown, so the check is an error.
 */
function assertReachable(phase: string, counts: readonly NodeCounts[], ingressCidr: string): void {
  if (counts.some((c) => answered(c) > 0)) return;
  const errors = counts.map((c) => `${c.address}: ${Object.entries(c.errors).map(([e, n]) => `${n} × ${e}`).join(', ') || `${c.unrecognised} unrecognised answer(s)`}`).join('; ');
  throw new Error(
    `${phase}: no request to the load balancer's nodes was answered by a target while every target was healthy (${errors}). ` +
      `This is the network between you and AWS (a proxy or firewall blocking TCP 80, or the ingress CIDR ${ingressCidr} not including your address), not a result.`,
  );
}

/** What the cross-zone experiment saw. */
export interface CrossZoneObservation {
  readonly fleet: Fleet;
  readonly readiness: Readiness;
  /** The settings as found, before anything was changed. */
  readonly settingBefore: CrossZoneSetting;
  readonly nodes: readonly LoadBalancerNode[];
  /** What the load balancer's DNS name resolved to from the user's machine (or why it did not). */
  readonly dns: { readonly addresses: readonly string[]; readonly error?: string };
  readonly requestsPerNode: number;
  /** With cross-zone as deployed. */
  readonly off?: readonly NodeCounts[];
  /** The settings after the target group's attribute was set to true. */
  readonly settingOn?: CrossZoneSetting;
  /** How long until a request through the smaller zone's node was answered by the other zone (null: not within the bound). */
  readonly changeSeenAfterSeconds?: number | null;
  readonly on?: readonly NodeCounts[];
  /** Whether the attribute was put back, and the error when it was not. */
  readonly restored?: { readonly value: string; readonly ok: boolean; readonly error?: string };
}

export const crossZone = observation({
  name: 'cross-zone',
  outputs: ['LoadBalancerArn', 'LoadBalancerDnsName', 'TargetGroupArn', 'SmallZoneInstanceIds', 'LargeZoneInstanceIds', 'SmallZone', 'LargeZone', 'IngressCidr'],
  async observe(ctx): Promise<CrossZoneObservation> {
    const o = ctx.outputs;
    const fleet = fleetOf(o);
    const n = requestsPerNode(ctx);
    const elbv2 = new ElasticLoadBalancingV2Client(ctx.aws);
    ctx.progress('reading the cross-zone attributes and waiting for every target to be healthy');
    const settingBefore = await readCrossZone(elbv2, o.LoadBalancerArn, o.TargetGroupArn);
    const readiness = await ready(ctx, elbv2, o.TargetGroupArn, [...fleet.small, ...fleet.large]);
    const nodes = await nodesOf(ctx, fleet, o.LoadBalancerArn);
    const dns = await resolve4(o.LoadBalancerDnsName).then(
      (addresses) => ({ addresses: [...addresses].sort() }),
      (e: NodeJS.ErrnoException) => ({ addresses: [], error: e.code ?? e.message }),
    );
    const base = { fleet, readiness, settingBefore, nodes, dns, requestsPerNode: n };
    if (!readiness.healthy) return base;

    const measure = async (phase: string) => {
      const counts: NodeCounts[] = [];
      for (const node of nodes) {
        ctx.progress(`${phase}: ${n} requests to the ${node.zone} node (${node.address})`);
        counts.push(await probeNode(node, LISTENER_PORT, n));
      }
      assertReachable(phase, counts, o.IngressCidr);
      return counts;
    };
    const off = await measure('cross-zone as deployed');

    const original = settingBefore.targetGroup ?? 'use_load_balancer_configuration';
    const setTo = (value: string) =>
      elbv2.send(new ModifyTargetGroupAttributesCommand({ TargetGroupArn: o.TargetGroupArn, Attributes: [{ Key: CROSS_ZONE_ATTRIBUTE, Value: value }] }));
    let restored: CrossZoneObservation['restored'];
    let measured: Pick<CrossZoneObservation, 'settingOn' | 'changeSeenAfterSeconds' | 'on'>;
    try {
      ctx.progress(`setting the target group's ${CROSS_ZONE_ATTRIBUTE} to true`);
      await setTo('true');
      const settingOn = await readCrossZone(elbv2, o.LoadBalancerArn, o.TargetGroupArn);
      // Evidence the change applies: a request through the smaller zone's node answered by a target of the other zone.
      const start = ctx.now();
      let changeSeenAfterSeconds: number | null = null;
      while (ctx.now() - start < CHANGE_BOUND_MS) {
        const probe = await probeNode(nodes[0], LISTENER_PORT, 10);
        if (fleet.large.some((id) => (probe.byInstance[id] ?? 0) > 0)) {
          changeSeenAfterSeconds = Math.round((ctx.now() - start) / 1000);
          break;
        }
        await ctx.sleep(5_000);
      }
      const on = changeSeenAfterSeconds === null ? undefined : await measure('cross-zone on');
      measured = { settingOn, changeSeenAfterSeconds, on };
    } finally {
      try {
        await setTo(original);
        restored = { value: original, ok: true };
      } catch (e) {
        restored = { value: original, ok: false, error: (e as Error).message };
        ctx.progress(`could not restore ${CROSS_ZONE_ATTRIBUTE}=${original}: ${(e as Error).message}`);
      }
    }
    return { ...base, off, ...measured, restored };
  },
});

/** The target group's health-check settings, as DescribeTargetGroups returns them ("TargetGroup", ELB API Reference). */
export interface HealthCheckSettings {
  readonly path?: string;
  readonly intervalSeconds?: number;
  readonly timeoutSeconds?: number;
  readonly healthyThreshold?: number;
  readonly unhealthyThreshold?: number;
}

/** What the health-check experiment saw. */
export interface HealthDrainObservation {
  readonly fleet: Fleet;
  readonly readiness: Readiness;
  readonly settings: HealthCheckSettings;
  readonly nodes: readonly LoadBalancerNode[];
  /** Requests per node with every target healthy, before the change: the network path works. */
  readonly baseline?: readonly NodeCounts[];
  /** Seconds after ModifyTargetGroup until each target was first read unhealthy (null: not within the bound). */
  readonly unhealthyAfterSeconds?: Readonly<Record<string, number | null>>;
  readonly allUnhealthy?: boolean;
  /** The lab's bound on that wait, in seconds. */
  readonly drainBoundSeconds?: number;
  readonly statesWhileUnhealthy?: readonly TargetState[];
  /** Requests per node while every target was unhealthy. */
  readonly failOpen?: readonly NodeCounts[];
  /** The health-check path put back, and how long until every target was healthy again (null: not within the bound). */
  readonly restored?: { readonly path: string; readonly ok: boolean; readonly error?: string; readonly healthyAgainAfterSeconds?: number | null };
}

/**
 * How long the lab waits for every target to turn unhealthy (or healthy again): four times
 * threshold × interval, plus a minute. Only a bound on the wait: the run is inconclusive past it, and
 * the measured time is reported against threshold × interval, never judged by this bound.
 */
export function waitBoundMs(threshold: number, intervalSeconds: number): number {
  return (4 * threshold * intervalSeconds + 60) * 1000;
}

export const healthDrain = observation({
  name: 'health-drain',
  outputs: ['LoadBalancerArn', 'TargetGroupArn', 'SmallZoneInstanceIds', 'LargeZoneInstanceIds', 'SmallZone', 'LargeZone', 'IngressCidr'],
  async observe(ctx): Promise<HealthDrainObservation> {
    const o = ctx.outputs;
    const fleet = fleetOf(o);
    const ids = [...fleet.small, ...fleet.large];
    const elbv2 = new ElasticLoadBalancingV2Client(ctx.aws);
    const group = (await elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [o.TargetGroupArn] }))).TargetGroups?.[0];
    if (!group) throw new Error(`DescribeTargetGroups returned no target group ${o.TargetGroupArn}`);
    const settings: HealthCheckSettings = {
      path: group.HealthCheckPath,
      intervalSeconds: group.HealthCheckIntervalSeconds,
      timeoutSeconds: group.HealthCheckTimeoutSeconds,
      healthyThreshold: group.HealthyThresholdCount,
      unhealthyThreshold: group.UnhealthyThresholdCount,
    };
    ctx.progress('waiting for every target to be healthy');
    const readiness = await ready(ctx, elbv2, o.TargetGroupArn, ids);
    const nodes = await nodesOf(ctx, fleet, o.LoadBalancerArn);
    const base = { fleet, readiness, settings, nodes };
    if (!readiness.healthy) return base;
    if (!settings.path || !settings.intervalSeconds || !settings.unhealthyThreshold || !settings.healthyThreshold) {
      throw new Error(`DescribeTargetGroups gave no HTTP health-check path, interval or thresholds (${JSON.stringify(settings)})`);
    }
    const baseline: NodeCounts[] = [];
    for (const node of nodes) baseline.push(await probeNode(node, LISTENER_PORT, BASELINE_REQUESTS));
    assertReachable('before the health-check change', baseline, o.IngressCidr);

    const interval = settings.intervalSeconds;
    const drainBoundMs = waitBoundMs(settings.unhealthyThreshold, interval);
    let measured: Pick<HealthDrainObservation, 'unhealthyAfterSeconds' | 'allUnhealthy' | 'statesWhileUnhealthy' | 'failOpen'>;
    let restored: HealthDrainObservation['restored'];
    try {
      ctx.progress(`changing the health-check path to ${FAILING_HEALTH_CHECK_PATH} (answered 404)`);
      await elbv2.send(new ModifyTargetGroupCommand({ TargetGroupArn: o.TargetGroupArn, HealthCheckPath: FAILING_HEALTH_CHECK_PATH }));
      const drained = await waitForState(ctx, elbv2, o.TargetGroupArn, ids, 'unhealthy', drainBoundMs);
      const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 100) / 10);
      const unhealthyAfterSeconds = Object.fromEntries(Object.entries(drained.firstSeenMs).map(([id, ms]) => [id, seconds(ms)]));
      let failOpen: NodeCounts[] | undefined;
      if (drained.reached) {
        failOpen = [];
        for (const node of nodes) {
          ctx.progress(`every target unhealthy: ${FAIL_OPEN_REQUESTS} requests to the ${node.zone} node (${node.address})`);
          failOpen.push(await probeNode(node, LISTENER_PORT, FAIL_OPEN_REQUESTS));
        }
      }
      measured = { unhealthyAfterSeconds, allUnhealthy: drained.reached, statesWhileUnhealthy: drained.last, failOpen };
    } finally {
      try {
        await elbv2.send(new ModifyTargetGroupCommand({ TargetGroupArn: o.TargetGroupArn, HealthCheckPath: settings.path }));
        ctx.progress(`health-check path restored to ${settings.path}; waiting for every target to be healthy again`);
        const back = await waitForState(ctx, elbv2, o.TargetGroupArn, ids, 'healthy', waitBoundMs(settings.healthyThreshold, interval));
        restored = { path: settings.path, ok: true, healthyAgainAfterSeconds: back.reached ? Math.round(back.waitedMs / 100) / 10 : null };
      } catch (e) {
        restored = { path: settings.path, ok: false, error: (e as Error).message };
        ctx.progress(`could not restore the health-check path ${settings.path}: ${(e as Error).message}`);
      }
    }
    return { ...base, baseline, drainBoundSeconds: drainBoundMs / 1000, ...measured, restored };
  },
});

export { transport };
