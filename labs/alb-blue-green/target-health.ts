/**
 * Target health as DescribeTargetHealth reports it: one reading of both colours, and a watch that
 * reads it through a traffic stream, so that a check can tell "the weight change caused errors" from
 * "a target stopped passing its health check mid-run" (with one instance per colour, a failing
 * instance makes the load balancer answer errors for its colour, and fail open: "If a target group
 * contains only unhealthy registered targets, the load balancer routes requests to all those
 * targets, regardless of their health status"; an Auto Scaling group with ELB health checks then
 * replaces it). The judging part ({@link healthThroughRun}) reads recorded readings only.
 *
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html
 * @see https://docs.aws.amazon.com/autoscaling/ec2/userguide/attach-load-balancer-asg.html
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeTargetHealth.html
 */
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { ObserveContext } from '../../lib/lab-kit/checks/lab-definition';
import { type Colour, COLOURS } from '../../lib/deployment/colour-page';
import type { ColourTargetGroups } from './listener-change';
import type { ScheduledAction } from './traffic';

/** The label of the target health reads scheduled through a traffic stream. */
export const TARGET_HEALTH_LABEL = 'target health';

/** One registered target. */
export interface TargetObservation {
  readonly id: string;
  readonly state: string;
  readonly reason?: string;
  readonly description?: string;
  readonly availabilityZone?: string;
}

/** Both colours' targets. */
export type ColourTargets = Readonly<Record<Colour, readonly TargetObservation[]>>;

/**
 * Target states of a target being deregistered: the load balancer sends it no new requests, so it is
 * what an instance replacement leaves behind for the deregistration delay, and is left out.
 * `draining` and `unhealthy.draining` are both TargetHealth states (State, valid values
 * `initial | healthy | unhealthy | unhealthy.draining | unused | draining | unavailable`).
 *
 * Source: "TargetHealth" (Elastic Load Balancing API Reference)
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetHealth.html
 */
export const DEREGISTERING_STATES: readonly string[] = ['draining', 'unhealthy.draining'];

/** Whether a target is being deregistered (see {@link DEREGISTERING_STATES}). */
export function isDeregistering(t: Pick<TargetObservation, 'state'>): boolean {
  return DEREGISTERING_STATES.includes(t.state);
}

/**
 * Colours with no healthy target, or with a target that is not healthy; targets being deregistered
 * ({@link DEREGISTERING_STATES}) are left out.
 *
 * State names: "TargetHealth" (Elastic Load Balancing API Reference)
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetHealth.html
 */
export function healthProblems(h: { readonly colours: ColourTargets }): string[] {
  return COLOURS.flatMap((c) => {
    const targets = h.colours[c].filter((t) => !isDeregistering(t));
    if (targets.length === 0) return [`${c} has no registered target`];
    return targets
      .filter((t) => t.state !== 'healthy')
      .map((t) => `${c} ${t.id} is ${t.state}${t.reason ? ` (${t.reason}${t.description ? `: ${t.description}` : ''})` : ''}`);
  });
}

/** DescribeTargetHealth of both target groups, as {@link TargetObservation}s. */
export async function describeTargets(elbv2: ElasticLoadBalancingV2Client, tgs: ColourTargetGroups): Promise<Record<Colour, TargetObservation[]>> {
  const { DescribeTargetHealthCommand } = await import('@aws-sdk/client-elastic-load-balancing-v2');
  const colours = {} as Record<Colour, TargetObservation[]>;
  for (const colour of COLOURS) {
    const described = await elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tgs[colour] }));
    colours[colour] = (described.TargetHealthDescriptions ?? []).map((d) => ({
      id: d.Target?.Id ?? '?',
      state: d.TargetHealth?.State ?? 'unknown',
      ...(d.TargetHealth?.Reason ? { reason: d.TargetHealth.Reason } : {}),
      ...(d.TargetHealth?.Description ? { description: d.TargetHealth.Description } : {}),
      ...(d.Target?.AvailabilityZone ? { availabilityZone: d.Target.AvailabilityZone } : {}),
    }));
  }
  return colours;
}

/** The health-check cadence of the target groups (the larger of the two colours' figures). */
export interface HealthCheckCadence {
  readonly intervalSeconds: number;
  readonly healthyThresholdCount: number;
  readonly unhealthyThresholdCount: number;
}

/** One DescribeTargetHealth round of both colours during a run, or why it failed. */
export interface HealthReading {
  /** When the round was sent, in ms after the run's origin (its first ModifyListener, or the stream's start). */
  readonly atMs: number;
  readonly colours?: ColourTargets;
  readonly error?: string;
}

/** Target health read through a run. */
export interface HealthWatch {
  readonly readings: readonly HealthReading[];
  /** How long after the last request the last round was sent, at least: (UnhealthyThresholdCount + 1) × HealthCheckIntervalSeconds. */
  readonly afterMs: number;
}

/**
 * How long after the last request the watch reads once more: a target that began failing with the
 * last request is marked unhealthy after UnhealthyThresholdCount consecutive failed checks, one
 * every HealthCheckIntervalSeconds ("Health checks for Application Load Balancer target groups"), and
 * one interval more covers a check already under way. It bounds the run, never a verdict.
 */
export function afterStreamMs(cadence: HealthCheckCadence): number {
  return (cadence.unhealthyThresholdCount + 1) * cadence.intervalSeconds * 1000;
}

/**
 * Reads target health through a run: {@link read} now (before the traffic), {@link during} as
 * scheduled actions of the stream (one per HealthCheckIntervalSeconds, so a state that lasts one
 * check interval is seen), {@link finish} once after it. A failed round is recorded, never thrown:
 * it leaves the run unable to rule out a target failure, which the judgement says.
 */
export function watchTargetHealth(ctx: Pick<ObserveContext, 'aws' | 'now' | 'sleep'>, tgs: ColourTargetGroups, cadence: HealthCheckCadence, originMs: number) {
  const readings: HealthReading[] = [];
  let client: ElasticLoadBalancingV2Client | undefined;
  const read = async (): Promise<void> => {
    const atMs = ctx.now() - originMs;
    try {
      if (!client) {
        const { ElasticLoadBalancingV2Client } = await import('@aws-sdk/client-elastic-load-balancing-v2');
        client = new ElasticLoadBalancingV2Client(ctx.aws);
      }
      readings.push({ atMs, colours: await describeTargets(client, tgs) });
    } catch (error) {
      readings.push({ atMs, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    }
  };
  return {
    read,
    /** Rounds during a stream of `durationMs`, one per HealthCheckIntervalSeconds from its start. */
    during(durationMs: number): ScheduledAction[] {
      const step = cadence.intervalSeconds * 1000;
      const actions: ScheduledAction[] = [];
      for (let atMs = 0; atMs < durationMs; atMs += step) actions.push({ label: TARGET_HEALTH_LABEL, atMs, quiet: true, run: read });
      return actions;
    },
    /** Waits {@link afterStreamMs} from `streamEndedAt` (on ctx's clock), reads once more, and returns every round in order. */
    async finish(streamEndedAt: number): Promise<HealthWatch> {
      const wait = streamEndedAt + afterStreamMs(cadence) - ctx.now();
      if (wait > 0) await ctx.sleep(wait);
      await read();
      return { readings: [...readings].sort((a, b) => a.atMs - b.atMs), afterMs: Math.max(afterStreamMs(cadence), ctx.now() - streamEndedAt) };
    },
  };
}

/**
 * What kept the run from having both colours healthy and registered throughout, one line each (the
 * first time it was seen); empty when every round found them so. Counted: a round that failed, a
 * target not `healthy` (an `initial` one is a replacement registering), a colour with no target, and
 * a target serving in the first round that later is being deregistered or gone (replaced, or taken
 * out). Targets being deregistered already in the first round are left out: they get no new
 * requests ({@link DEREGISTERING_STATES}).
 */
export function healthThroughRun(watch: HealthWatch | undefined): string[] {
  if (!watch || watch.readings.length === 0) return ['target health was not read during the run'];
  const at = (ms: number) => `at ${(ms / 1000).toFixed(1)} s`;
  const seen = new Map<string, string>();
  const note = (what: string, ms: number) => {
    if (!seen.has(what)) seen.set(what, `${what} ${at(ms)}`);
  };
  const first = watch.readings.find((r) => r.colours)?.colours;
  for (const r of watch.readings) {
    if (!r.colours) {
      note(`DescribeTargetHealth failed (${r.error ?? 'no answer'})`, r.atMs);
      continue;
    }
    for (const p of healthProblems({ colours: r.colours })) note(p, r.atMs);
    for (const c of COLOURS) {
      for (const t of (first?.[c] ?? []).filter((x) => !isDeregistering(x))) {
        const now = r.colours[c].find((x) => x.id === t.id);
        if (!now) note(`${c} ${t.id} is no longer registered`, r.atMs);
        else if (isDeregistering(now)) note(`${c} ${t.id} is ${now.state}${now.reason ? ` (${now.reason})` : ''}`, r.atMs);
      }
    }
  }
  return [...seen.values()];
}
