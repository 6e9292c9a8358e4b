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
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { observationsOf, type ObserveContext } from '../../lib/lab-kit/checks/lab-definition';
import { restoringOnSignal } from '../../lib/lab-kit/checks/restoring-on-signal';
import { HEALTH_TAG_FAILING, HEALTH_TAG_KEY } from '../../lib/load-balancing/instance-id-page';
import { CROSS_ZONE_ATTRIBUTE } from './facts';
import { type CrossZoneSetting, effectiveCrossZone, type LoadBalancerNode, loadBalancerNodes, readCrossZone, type TargetState, waitForState } from './nodes';
import { clearTargetHealth, DEPLOYED_HEALTH_CHECK_PATH, DEPLOYED_TARGET_GROUP_CROSS_ZONE, failTargetHealth, type LeftoverReset, resetLeftovers, setHealthCheckPath, setTargetGroupCrossZone } from './leftovers';
import { OUTPUTS } from './outputs';
import { answered, type NodeCounts, probeNode, transport } from './probe';

/** Loaded on use: the lab's registry entry loads no AWS SDK client. */
const ec2Sdk = () => import('@aws-sdk/client-ec2');
/** Loaded on use: the lab's registry entry loads no AWS SDK client. */
const elbv2Sdk = () => import('@aws-sdk/client-elastic-load-balancing-v2');

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
  const nodes = await loadBalancerNodes(new (await ec2Sdk()).EC2Client(ctx.aws), loadBalancerArn);
  const missing = [fleet.smallZone, fleet.largeZone].filter((z) => !nodes.some((n) => n.zone === z));
  if (missing.length > 0) {
    throw new Error(`no load balancer node with a public address found in ${missing.join(' and ')} (DescribeNetworkInterfaces found: ${nodes.map((n) => `${n.zone} ${n.address}`).join(', ') || 'none'})`);
  }
  return [fleet.smallZone, fleet.largeZone].map((z) => nodes.find((n) => n.zone === z)!);
}

/** Requests per node that show the network path works before anything is measured or changed. */
export const REACHABILITY_REQUESTS = 4;
/** Seconds before a reachability request counts as unanswered: short, so a blocked TCP 80 is found in seconds. */
export const REACHABILITY_TIMEOUT_MS = 2_000;

/**
 * A few requests to each node with a short timeout, before anything else is sent: a blocked TCP 80
 * (a firewall, a proxy, the ingress CIDR) is an error within seconds, not after every request of
 * both phases has timed out.
 */
async function reachable(nodes: readonly LoadBalancerNode[], ingressCidr: string): Promise<NodeCounts[]> {
  const counts: NodeCounts[] = [];
  for (const node of nodes) counts.push(await probeNode(node, LISTENER_PORT, REACHABILITY_REQUESTS, REACHABILITY_TIMEOUT_MS));
  assertReachable('before measuring', counts, ingressCidr);
  return counts;
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

/** Requests per node per round while the lab waits for a cross-zone change to show or to settle. */
export const SETTLE_REQUESTS = 30;

/**
 * Rounds of {@link SETTLE_REQUESTS} to each node until `done` holds for a round, at most `boundMs`.
 * Returns the seconds until it held per node (null: not within the bound).
 */
async function untilEachNode(
  ctx: ObserveContext,
  nodes: readonly LoadBalancerNode[],
  boundMs: number,
  done: (node: LoadBalancerNode, counts: NodeCounts) => boolean,
): Promise<Record<string, number | null>> {
  const start = ctx.now();
  const seen: Record<string, number | null> = Object.fromEntries(nodes.map((n) => [n.zone, null]));
  for (;;) {
    for (const node of nodes) {
      if (seen[node.zone] !== null) continue;
      if (done(node, await probeNode(node, LISTENER_PORT, SETTLE_REQUESTS))) seen[node.zone] = Math.round((ctx.now() - start) / 1000);
    }
    if (Object.values(seen).every((x) => x !== null) || ctx.now() - start >= boundMs) return seen;
    await ctx.sleep(5_000);
  }
}

/** Answers of a node from the other zone's targets. */
function acrossZones(fleet: Fleet, node: LoadBalancerNode, c: NodeCounts): number {
  const other = node.zone === fleet.smallZone ? fleet.large : fleet.small;
  return other.reduce((s, id) => s + (c.byInstance[id] ?? 0), 0);
}

/** A phase's counts, or the error that stopped it (recorded, so claims that do not need the phase still get a verdict). */
async function phase(ctx: ObserveContext, name: string, nodes: readonly LoadBalancerNode[], n: number, ingressCidr: string): Promise<{ counts?: NodeCounts[]; error?: string }> {
  try {
    const counts: NodeCounts[] = [];
    for (const node of nodes) {
      ctx.progress(`${name}: ${n} requests to the ${node.zone} node (${node.address})`);
      counts.push(await probeNode(node, LISTENER_PORT, n));
    }
    assertReachable(name, counts, ingressCidr);
    return { counts };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** What the cross-zone experiment saw. */
export interface CrossZoneObservation {
  readonly fleet: Fleet;
  /** Settings a previous, interrupted run left changed, reset to the stack's values before anything else. */
  readonly leftovers: LeftoverReset;
  readonly readiness: Readiness;
  /** The settings read after any reset, before this run changed anything. */
  readonly settingBefore: CrossZoneSetting;
  readonly nodes: readonly LoadBalancerNode[];
  /** What the load balancer's DNS name resolved to from the user's machine (or why it did not). */
  readonly dns: { readonly addresses: readonly string[]; readonly error?: string };
  readonly requestsPerNode: number;
  /**
   * Seconds until a round of {@link SETTLE_REQUESTS} through each node was answered from its own zone
   * only, before the off phase (null: not within the bound): a cross-zone change just undone (a
   * reset, a run just before) may not yet apply on every node.
   */
  readonly offSettledAfterSeconds?: Readonly<Record<string, number | null>>;
  /** With cross-zone as deployed. */
  readonly off?: readonly NodeCounts[];
  readonly offError?: string;
  /** The settings after the target group's attribute was set to true. */
  readonly settingOn?: CrossZoneSetting;
  /** Per node, seconds until it was answered by a target of the other zone (null: not within the bound). */
  readonly changeSeenAfterSeconds?: Readonly<Record<string, number | null>>;
  readonly on?: readonly NodeCounts[];
  readonly onError?: string;
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
    const elbv2 = new (await elbv2Sdk()).ElasticLoadBalancingV2Client(ctx.aws);
    ctx.progress('reading the cross-zone attributes and waiting for every target to be healthy');
    const found = await readCrossZone(elbv2, o.LoadBalancerArn, o.TargetGroupArn);
    const leftovers = await resetLeftovers(ctx, elbv2, new (await ec2Sdk()).EC2Client(ctx.aws), o.TargetGroupArn, found.targetGroup, [...fleet.small, ...fleet.large]);
    const settingBefore = leftovers.reset.length > 0 ? await readCrossZone(elbv2, o.LoadBalancerArn, o.TargetGroupArn) : found;
    const readiness = await ready(ctx, elbv2, o.TargetGroupArn, [...fleet.small, ...fleet.large]);
    const nodes = await nodesOf(ctx, fleet, o.LoadBalancerArn);
    const dns = await resolve4(o.LoadBalancerDnsName).then(
      (addresses) => ({ addresses: [...addresses].sort() }),
      (e: NodeJS.ErrnoException) => ({ addresses: [], error: e.code ?? e.message }),
    );
    const base = { fleet, leftovers, readiness, settingBefore, nodes, dns, requestsPerNode: n };
    if (!readiness.healthy) return base;
    await reachable(nodes, o.IngressCidr);

    ctx.progress(`waiting until ${SETTLE_REQUESTS} requests through each node are answered from its own zone only`);
    const offSettledAfterSeconds = await untilEachNode(ctx, nodes, CHANGE_BOUND_MS, (node, c) => answered(c) > 0 && acrossZones(fleet, node, c) === 0);
    const off = await phase(ctx, 'cross-zone as deployed', nodes, n, o.IngressCidr);
    const offPart = { offSettledAfterSeconds, off: off.counts, ...(off.error ? { offError: off.error } : {}) };
    if (off.error) return { ...base, ...offPart };

    let restored: CrossZoneObservation['restored'];
    const restore = async () => {
      try {
        await setTargetGroupCrossZone(elbv2, o.TargetGroupArn, DEPLOYED_TARGET_GROUP_CROSS_ZONE);
        restored = { value: DEPLOYED_TARGET_GROUP_CROSS_ZONE, ok: true };
        ctx.progress(`${CROSS_ZONE_ATTRIBUTE} restored to ${DEPLOYED_TARGET_GROUP_CROSS_ZONE}`);
      } catch (e) {
        restored = { value: DEPLOYED_TARGET_GROUP_CROSS_ZONE, ok: false, error: (e as Error).message };
        ctx.progress(`could not restore ${CROSS_ZONE_ATTRIBUTE}=${DEPLOYED_TARGET_GROUP_CROSS_ZONE}: ${(e as Error).message}`);
      }
    };
    const measured = await restoringOnSignal(ctx.progress, `restoring ${CROSS_ZONE_ATTRIBUTE}=${DEPLOYED_TARGET_GROUP_CROSS_ZONE}`, restore, async () => {
      try {
        ctx.progress(`setting the target group's ${CROSS_ZONE_ATTRIBUTE} to true`);
        await setTargetGroupCrossZone(elbv2, o.TargetGroupArn, 'true');
        const settingOn = await readCrossZone(elbv2, o.LoadBalancerArn, o.TargetGroupArn);
        // Evidence the change applies on BOTH nodes, each a zonal data plane of its own: each answered by
        // a target of the other zone. Through the larger zone's node that is 1 in 4 with cross-zone on, so
        // a round of 30 misses it with probability 0.75^30 ≈ 0.02 %.
        const changeSeenAfterSeconds = await untilEachNode(ctx, nodes, CHANGE_BOUND_MS, (node, c) => acrossZones(fleet, node, c) > 0);
        const both = Object.values(changeSeenAfterSeconds).every((x) => x !== null);
        const on = both ? await phase(ctx, 'cross-zone on', nodes, n, o.IngressCidr) : {};
        return { settingOn, changeSeenAfterSeconds, on: on.counts, ...(on.error ? { onError: on.error } : {}) };
      } finally {
        await restore();
      }
    });
    return { ...base, ...offPart, ...measured, restored };
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
  /** Settings a previous, interrupted run left changed, reset to the stack's values before anything else. */
  readonly leftovers: LeftoverReset;
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
  /**
   * One target of the larger zone failed by its own tag, the others healthy: when it was read
   * unhealthy, and how long until a round through the larger zone's node got no answer from it (the
   * data plane withholding traffic from it; null: not within the bound).
   */
  readonly oneUnhealthy?: { readonly target: string; readonly unhealthyAfterSeconds: number | null; readonly withheldAfterSeconds: number | null; readonly withheldRound?: NodeCounts };
  /** Requests per node while every target was unhealthy, at once and two health-check intervals later. */
  readonly failOpen?: readonly NodeCounts[];
  readonly failOpenLater?: readonly NodeCounts[];
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
    const elbv2 = new (await elbv2Sdk()).ElasticLoadBalancingV2Client(ctx.aws);
    const found = await readCrossZone(elbv2, o.LoadBalancerArn, o.TargetGroupArn);
    const ec2 = new (await ec2Sdk()).EC2Client(ctx.aws);
    const leftovers = await resetLeftovers(ctx, elbv2, ec2, o.TargetGroupArn, found.targetGroup, ids);
    const group = (await elbv2.send(new (await elbv2Sdk()).DescribeTargetGroupsCommand({ TargetGroupArns: [o.TargetGroupArn] }))).TargetGroups?.[0];
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
    const base = { fleet, leftovers, readiness, settings, nodes };
    if (!readiness.healthy) return base;
    if (!settings.path || !settings.intervalSeconds || !settings.unhealthyThreshold || !settings.healthyThreshold) {
      throw new Error(`DescribeTargetGroups gave no HTTP health-check path, interval or thresholds (${JSON.stringify(settings)})`);
    }
    await reachable(nodes, o.IngressCidr);
    const baseline: NodeCounts[] = [];
    for (const node of nodes) baseline.push(await probeNode(node, LISTENER_PORT, BASELINE_REQUESTS));
    assertReachable('before the health-check change', baseline, o.IngressCidr);

    const interval = settings.intervalSeconds;
    const healthyThreshold = settings.healthyThreshold;
    const drainBoundMs = waitBoundMs(settings.unhealthyThreshold, interval);
    let restored: HealthDrainObservation['restored'];
    const restorePath = async () => {
      try {
        await clearTargetHealth(ec2, [withheldTarget]);
      } catch (e) {
        ctx.progress(`could not remove the tag ${HEALTH_TAG_KEY} from ${withheldTarget}: ${(e as Error).message}`);
      }
      try {
        await setHealthCheckPath(elbv2, o.TargetGroupArn, DEPLOYED_HEALTH_CHECK_PATH);
        restored = { path: DEPLOYED_HEALTH_CHECK_PATH, ok: true };
        ctx.progress(`health-check path restored to ${DEPLOYED_HEALTH_CHECK_PATH}`);
      } catch (e) {
        restored = { path: DEPLOYED_HEALTH_CHECK_PATH, ok: false, error: (e as Error).message };
        ctx.progress(`could not restore the health-check path ${DEPLOYED_HEALTH_CHECK_PATH}: ${(e as Error).message}`);
      }
    };
    // One target of the larger zone fails its own health check (its tag), the others stay healthy.
    const withheldTarget = fleet.large[0];
    const largeNode = nodes.find((x) => x.zone === fleet.largeZone)!;
    const measured = await restoringOnSignal(ctx.progress, `restoring the health-check path ${DEPLOYED_HEALTH_CHECK_PATH} and removing the tag ${HEALTH_TAG_KEY}`, restorePath, async () => {
      try {
        ctx.progress(`tagging ${withheldTarget} ${HEALTH_TAG_KEY}=${HEALTH_TAG_FAILING}: its server fails its health check`);
        await failTargetHealth(ec2, withheldTarget);
        const one = await waitForState(ctx, elbv2, o.TargetGroupArn, [withheldTarget], 'unhealthy', drainBoundMs);
        const oneUnhealthyAfterSeconds = one.reached ? Math.round(one.waitedMs / 100) / 10 : null;
        // The data plane acting on health: a round of 30 through the larger zone's node with no answer from
        // the unhealthy target. Were it still routed, each answer is it with probability 1/3, so a round
        // misses it with probability (2/3)^30 ≈ 5e-6.
        let withheldAfterSeconds: number | null = null;
        let withheldRound: NodeCounts | undefined;
        if (one.reached) {
          const start = ctx.now();
          while (ctx.now() - start < drainBoundMs) {
            const round = await probeNode(largeNode, LISTENER_PORT, SETTLE_REQUESTS);
            if (answered(round) > 0 && (round.byInstance[withheldTarget] ?? 0) === 0) {
              withheldAfterSeconds = Math.round((ctx.now() - start) / 1000);
              withheldRound = round;
              break;
            }
            await ctx.sleep(5_000);
          }
        }
        const oneUnhealthy = { target: withheldTarget, unhealthyAfterSeconds: oneUnhealthyAfterSeconds, withheldAfterSeconds, withheldRound };
        if (withheldAfterSeconds === null) return { oneUnhealthy };
        ctx.progress(`changing the health-check path to ${FAILING_HEALTH_CHECK_PATH} (answered 404)`);
        await setHealthCheckPath(elbv2, o.TargetGroupArn, FAILING_HEALTH_CHECK_PATH);
        const drained = await waitForState(ctx, elbv2, o.TargetGroupArn, ids, 'unhealthy', drainBoundMs);
        const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 100) / 10);
        const unhealthyAfterSeconds = Object.fromEntries(Object.entries(drained.firstSeenMs).map(([id, ms]) => [id, seconds(ms)]));
        let failOpen: NodeCounts[] | undefined;
        let failOpenLater: NodeCounts[] | undefined;
        if (drained.reached) {
          const round = async (label: string) => {
            const counts: NodeCounts[] = [];
            for (const node of nodes) {
              ctx.progress(`every target unhealthy (${label}): ${FAIL_OPEN_REQUESTS} requests to the ${node.zone} node (${node.address})`);
              counts.push(await probeNode(node, LISTENER_PORT, FAIL_OPEN_REQUESTS));
            }
            return counts;
          };
          failOpen = await round('at once');
          // Again two health-check intervals later: what the nodes do once the state has had time to reach them.
          await ctx.sleep(2 * interval * 1000);
          failOpenLater = await round(`${2 * interval} s later`);
        }
        return { oneUnhealthy, unhealthyAfterSeconds, allUnhealthy: drained.reached, statesWhileUnhealthy: drained.last, failOpen, failOpenLater };
      } finally {
        await restorePath();
      }
    });
    const r = restored as HealthDrainObservation['restored'];
    if (r?.ok) {
      ctx.progress('waiting for every target to be healthy again');
      const back = await waitForState(ctx, elbv2, o.TargetGroupArn, ids, 'healthy', waitBoundMs(healthyThreshold, interval));
      restored = { ...r, healthyAgainAfterSeconds: back.reached ? Math.round(back.waitedMs / 100) / 10 : null };
    }
    return { ...base, baseline, drainBoundSeconds: drainBoundMs / 1000, ...measured, restored };
  },
});

export { transport };
