/**
 * The live observations this lab's checks judge (the kit makes each once per run and shares it):
 * target health, a switch and a rollback under load, a 90/10 canary, and what DNS says about the
 * load balancer's name. SDK clients are loaded on use (`await import`), so loading the lab registry
 * for `cdk synth` loads none. Every value is plain JSON, so a run can be recorded and judged again.
 */
import * as dns from 'node:dns';
import type { ObserveContext } from '../../lib/lab-kit/checks/lab-definition';
import { observationsOf } from '../../lib/lab-kit/checks/lab-definition';
import { type Colour, COLOURS } from '../../lib/deployment/colour-page';
import { ALL_BLUE, parseWeights, type TrafficWeights } from '../../lib/deployment/listener-weights';
import { type ColourTargetGroups, type WeightChange, withListenerChange } from './listener-change';
import { OUTPUTS } from './outputs';
import { generateTraffic, type TrafficRecord, type TrafficSettings, trafficSettings } from './traffic';
import { type CanaryStats, canaryStats, countOutcomes, type OutcomeCounts, type SwitchStats, switchStats } from './traffic-stats';
import { describeWeights, sameWeights } from './weights';

const observe = observationsOf(OUTPUTS);

/** The split the canary check sets. */
export const CANARY_WEIGHTS: TrafficWeights = { blue: 90, green: 10 };
/** All weight on green. */
export const ALL_GREEN: TrafficWeights = { blue: 0, green: 100 };
/** How long to let a weight change settle before a canary is counted. */
export const CANARY_SETTLE_MS = 5_000;
/** Confidence of the canary's binomial acceptance interval: a true split fails 1 time in 1,000. */
export const CANARY_CONFIDENCE = 0.999;

/** What the method of every traffic-changing check says. */
export const OUTSIDE_CLOUDFORMATION =
  'the listener was changed with ELBv2 ModifyListener, outside CloudFormation: while changed, DetectStackResourceDrift on the listener reports MODIFIED ' +
  '(DefaultActions/0/ForwardConfig/TargetGroups/*/Weight); the weights the stack deploys (its DeployedWeights output) are restored in finally and on SIGINT, SIGTERM or SIGHUP, ' +
  'whatever weights the listener was found at';

function targetGroups(out: { readonly BlueTargetGroupArn: string; readonly GreenTargetGroupArn: string }): ColourTargetGroups {
  return { blue: out.BlueTargetGroupArn, green: out.GreenTargetGroupArn };
}

/** The outputs an observation that changes the listener reads. */
type ListenerOutputs = 'LoadBalancerDnsName' | 'ListenerArn' | 'BlueTargetGroupArn' | 'GreenTargetGroupArn' | 'DeployedWeights';
const LISTENER_OUTPUTS: readonly ListenerOutputs[] = ['LoadBalancerDnsName', 'ListenerArn', 'BlueTargetGroupArn', 'GreenTargetGroupArn', 'DeployedWeights'];

/** What {@link withListenerChange} needs, from the stack's outputs: the listener, the target groups, and the weights to restore. */
function listenerChangeOptions(out: { readonly [N in ListenerOutputs]: string }) {
  return {
    listenerArn: out.ListenerArn,
    targetGroups: targetGroups(out),
    deployedWeights: parseWeights('output DeployedWeights', out.DeployedWeights),
  };
}

// ---------------------------------------------------------------------------------------------
// Health

/** One registered target. */
export interface TargetObservation {
  readonly id: string;
  readonly state: string;
  readonly reason?: string;
  readonly description?: string;
  readonly availabilityZone?: string;
}

/** Target health of both colours and the load balancer's zones. */
export interface HealthObservation {
  readonly colours: Readonly<Record<Colour, readonly TargetObservation[]>>;
  readonly loadBalancer: { readonly state?: string; readonly availabilityZones: readonly string[] };
  /** Who may reach the load balancer (the stack's IngressCidr output), recorded with the run: a narrowed CIDR explains requests that fail from elsewhere. */
  readonly ingressCidr: string;
}

/** DescribeTargetHealth for both target groups and DescribeLoadBalancers for the zones. */
export const health = observe({
  name: 'health',
  outputs: ['LoadBalancerArn', 'BlueTargetGroupArn', 'GreenTargetGroupArn', 'IngressCidr'],
  observe: async (ctx): Promise<HealthObservation> => {
    const out = ctx.outputs;
    const { DescribeLoadBalancersCommand, DescribeTargetHealthCommand, ElasticLoadBalancingV2Client } = await import('@aws-sdk/client-elastic-load-balancing-v2');
    const elbv2 = new ElasticLoadBalancingV2Client(ctx.aws);
    const tgs = targetGroups(out);
    const colours = {} as Record<Colour, TargetObservation[]>;
    for (const colour of COLOURS) {
      const health = await elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tgs[colour] }));
      colours[colour] = (health.TargetHealthDescriptions ?? []).map((d) => ({
        id: d.Target?.Id ?? '?',
        state: d.TargetHealth?.State ?? 'unknown',
        reason: d.TargetHealth?.Reason,
        description: d.TargetHealth?.Description,
        availabilityZone: d.Target?.AvailabilityZone,
      }));
    }
    const lbs = await elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [out.LoadBalancerArn] }));
    const lb = lbs.LoadBalancers?.[0];
    return {
      colours,
      loadBalancer: { state: lb?.State?.Code, availabilityZones: (lb?.AvailabilityZones ?? []).map((z) => z.ZoneName ?? '?') },
      ingressCidr: out.IngressCidr,
    };
  },
});

/** Colours with no registered target, or with a target that is not healthy. */
export function healthProblems(h: HealthObservation): string[] {
  return COLOURS.flatMap((c) => {
    const targets = h.colours[c];
    if (targets.length === 0) return [`${c} has no registered target`];
    return targets
      .filter((t) => t.state !== 'healthy')
      .map((t) => `${c} ${t.id} is ${t.state}${t.reason ? ` (${t.reason}${t.description ? `: ${t.description}` : ''})` : ''}`);
  });
}

/** `blue: i-0abc healthy (us-east-1a); green: ...`. */
export function describeHealth(h: HealthObservation): string {
  const colours = COLOURS.map((c) => `${c}: ${h.colours[c].map((t) => `${t.id} ${t.state}${t.availabilityZone ? ` (${t.availabilityZone})` : ''}`).join(', ') || 'no targets'}`);
  return `${colours.join('; ')}; load balancer ${h.loadBalancer.state ?? '?'} in ${h.loadBalancer.availabilityZones.length} AZs (${h.loadBalancer.availabilityZones.join(', ')})`;
}

async function requireHealthy(ctx: ObserveContext): Promise<HealthObservation> {
  const h = await ctx.observe(health);
  const problems = healthProblems(h);
  if (problems.length > 0) {
    throw new Error(`both colours must be healthy before traffic moves, but ${problems.join('; ')}: a new instance needs about 2 minutes after the deploy; run the check again`);
  }
  return h;
}

// ---------------------------------------------------------------------------------------------
// Switch and rollback

/** A switch to green and a rollback to blue, under one stream of traffic. */
export interface SwitchObservation {
  readonly settings: TrafficSettings;
  readonly record: TrafficRecord;
  /** Requests before the first weight change (all blue is expected). */
  readonly baseline: OutcomeCounts;
  readonly toGreen: SwitchStats;
  readonly toBlue: SwitchStats;
  /** ModifyListener calls: to green, back to blue. */
  readonly changes: readonly WeightChange[];
  /** The weights restored at the end: the deployed ones. */
  readonly restored: TrafficWeights;
}

/** When the switch and the rollback happen in a stream of `durationSeconds`: a fifth of blue first, then two equal halves. */
export function switchSchedule(durationSeconds: number): { switchAtMs: number; rollbackAtMs: number } {
  const total = durationSeconds * 1000;
  const switchAtMs = Math.round(total / 5);
  return { switchAtMs, rollbackAtMs: Math.round(switchAtMs + (total - switchAtMs) / 2) };
}

const SWITCH_LABEL = 'switch to green';
const ROLLBACK_LABEL = 'roll back to blue';

/**
 * Sends traffic at `--rate` for `--duration` seconds, moves all weight to green after a fifth of
 * it and back to blue halfway through the rest, then restores the listener.
 */
export const switchAndRollback = observe({
  name: 'switch',
  outputs: LISTENER_OUTPUTS,
  uses: [health],
  observe: async (ctx): Promise<SwitchObservation> => {
    const settings = trafficSettings(ctx.options);
    const out = ctx.outputs;
    const options = listenerChangeOptions(out);
    await requireHealthy(ctx);
    const schedule = switchSchedule(settings.durationSeconds);
    return withListenerChange(ctx, options, async (change) => {
      if (!sameWeights(change.foundWeights, ALL_BLUE)) {
        ctx.progress(`the listener is at ${describeWeights(change.foundWeights)}; moving everything to blue first`);
        await change.setWeights(ALL_BLUE);
        await ctx.sleep(CANARY_SETTLE_MS);
      }
      const changes: WeightChange[] = [];
      const record = await generateTraffic(ctx, {
        url: `http://${out.LoadBalancerDnsName}/`,
        settings,
        signal: change.signal,
        label: 'switch',
        actions: [
          { label: SWITCH_LABEL, atMs: schedule.switchAtMs, run: async () => changes.push(await change.setWeights(ALL_GREEN)) },
          { label: ROLLBACK_LABEL, atMs: schedule.rollbackAtMs, run: async () => changes.push(await change.setWeights(ALL_BLUE)) },
        ],
      });
      if (record.aborted) throw new Error('the traffic was interrupted before the switch and rollback completed');
      const at = (label: string) => record.actions.find((a) => a.label === label)!.startedMs;
      return {
        settings,
        record,
        baseline: countOutcomes(record.samples.filter((s) => s.startMs < at(SWITCH_LABEL))),
        toGreen: switchStats(record.samples, { target: 'green', switchedAtMs: at(SWITCH_LABEL), endMs: at(ROLLBACK_LABEL) }),
        toBlue: switchStats(record.samples, { target: 'blue', switchedAtMs: at(ROLLBACK_LABEL), endMs: Number.POSITIVE_INFINITY }),
        changes,
        restored: change.deployedWeights,
      };
    });
  },
});

// ---------------------------------------------------------------------------------------------
// Canary

/** What CloudFormation drift detection said about the listener while the canary weights were set. */
export interface DriftObservation {
  readonly status: string;
  readonly differences: readonly string[];
  readonly note?: string;
}

/** DetectStackResourceDrift on the listener; never fails the check (drift is reported, not judged). */
export async function observeDrift(ctx: Pick<ObserveContext, 'aws' | 'labId'>, logicalId: string): Promise<DriftObservation> {
  try {
    const { CloudFormationClient, DetectStackResourceDriftCommand } = await import('@aws-sdk/client-cloudformation');
    const cfn = new CloudFormationClient(ctx.aws);
    const out = await cfn.send(new DetectStackResourceDriftCommand({ StackName: ctx.labId, LogicalResourceId: logicalId }));
    const drift = out.StackResourceDrift;
    return {
      status: drift?.StackResourceDriftStatus ?? 'UNKNOWN',
      differences: (drift?.PropertyDifferences ?? []).map((d) => `${d.PropertyPath}: ${d.ExpectedValue} → ${d.ActualValue}`),
    };
  } catch (error) {
    return { status: 'NOT_CHECKED', differences: [], note: `DetectStackResourceDrift failed: ${(error as Error).message}` };
  }
}

/** A 90/10 split measured from the client. */
export interface CanaryObservation {
  readonly settings: TrafficSettings;
  readonly record: TrafficRecord;
  readonly stats: CanaryStats;
  readonly drift: DriftObservation;
  /** The weights restored at the end: the deployed ones. */
  readonly restored: TrafficWeights;
}

/** Sets 90/10, lets it settle, asks CloudFormation about drift, sends traffic, restores the listener. */
export const canary = observe({
  name: 'canary',
  outputs: [...LISTENER_OUTPUTS, 'ListenerLogicalId'],
  uses: [health],
  observe: async (ctx): Promise<CanaryObservation> => {
    const settings = trafficSettings(ctx.options);
    const out = ctx.outputs;
    const options = listenerChangeOptions(out);
    await requireHealthy(ctx);
    return withListenerChange(ctx, options, async (change) => {
      await change.setWeights(CANARY_WEIGHTS);
      ctx.progress(`canary: ${describeWeights(CANARY_WEIGHTS)} set; waiting ${CANARY_SETTLE_MS / 1000} s before counting`);
      await ctx.sleep(CANARY_SETTLE_MS);
      const drift = await observeDrift(ctx, out.ListenerLogicalId);
      ctx.progress(`canary: CloudFormation drift detection says the listener is ${drift.status}`);
      const record = await generateTraffic(ctx, { url: `http://${out.LoadBalancerDnsName}/`, settings, signal: change.signal, label: 'canary' });
      if (record.aborted) throw new Error('the canary traffic was interrupted');
      return { settings, record, stats: canaryStats(record.samples, CANARY_WEIGHTS, 'green', CANARY_CONFIDENCE), drift, restored: change.deployedWeights };
    });
  },
});

// ---------------------------------------------------------------------------------------------
// DNS

/**
 * Two lookups of the load balancer's name through this machine's resolver, 2 seconds apart.
 *
 * The TTL a resolver returns is the time left on the answer it holds: the record's TTL only when it
 * has just fetched it, less (down to 0) when it serves it from its cache. So it is a figure to
 * report, never the record's TTL to compare against (for that, see `LOAD_BALANCER_ALIAS_TTL_SECONDS`
 * in `checks.ts`).
 */
export interface DnsObservation {
  readonly host: string;
  readonly lookups: ReadonlyArray<{ readonly ttl: number; readonly addresses: readonly string[] }>;
  /** The larger of the two TTLs the resolver returned: the time left on its answer, at most the record's TTL. */
  readonly maxTtl: number;
  /** True when the second answer's TTL had counted down: it came from a cache. */
  readonly cached: boolean;
}

/** Resolves the load balancer's name twice (A records, with TTLs). */
export const dnsLookups = observe({
  name: 'dns',
  outputs: ['LoadBalancerDnsName'],
  observe: async (ctx): Promise<DnsObservation> => {
    const host = ctx.outputs.LoadBalancerDnsName;
    const lookup = async () => {
      const records = await dns.promises.resolve4(host, { ttl: true });
      if (records.length === 0) throw new Error(`${host} resolved to no address`);
      return { ttl: Math.max(...records.map((r) => r.ttl)), addresses: records.map((r) => r.address).sort() };
    };
    const first = await lookup();
    await ctx.sleep(2_000);
    const second = await lookup();
    return { host, lookups: [first, second], maxTtl: Math.max(first.ttl, second.ttl), cached: second.ttl < first.ttl };
  },
});

// ---------------------------------------------------------------------------------------------
// What two checks judge together

/** The rollback (from the switch observation) beside what DNS said: what A11.low-dns-ttl-for-rollback judges. */
export interface RollbackAndDnsObservation {
  readonly rollback: SwitchStats;
  readonly dns: DnsObservation;
}

/** The rollback of {@link switchAndRollback} and the lookups of {@link dnsLookups}, each made once per run. */
export const rollbackAndDns = observe({
  name: 'rollback-and-dns',
  outputs: [],
  uses: [dnsLookups, switchAndRollback],
  observe: async (ctx): Promise<RollbackAndDnsObservation> => {
    const dns = await ctx.observe(dnsLookups);
    const s = await ctx.observe(switchAndRollback);
    return { rollback: s.toBlue, dns };
  },
});

/** Target health beside the requests of the switch and the rollback: what T8.policies-trade-capacity-for-downtime judges. */
export interface CapacityObservation {
  readonly health: HealthObservation;
  readonly toGreen: OutcomeCounts;
  readonly toBlue: OutcomeCounts;
}

/** The health observation and the counts of {@link switchAndRollback}, each made once per run. */
export const capacityDuringSwitch = observe({
  name: 'capacity-during-switch',
  outputs: [],
  uses: [health, switchAndRollback],
  observe: async (ctx): Promise<CapacityObservation> => {
    const h = await ctx.observe(health);
    const s = await ctx.observe(switchAndRollback);
    return { health: h, toGreen: s.toGreen.counts, toBlue: s.toBlue.counts };
  },
});
