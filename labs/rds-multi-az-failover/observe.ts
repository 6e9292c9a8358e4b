/**
 * The live observations this lab's claims share: the instance as RDS describes it with a short
 * probe of its endpoint (the baseline), and a forced failover watched from three sides at once
 * (the probe inside the VPC, DescribeDBInstances, DescribeEvents).
 *
 * Timing of the failover observation (all bounds are constants below):
 * 1. the probe function is invoked for one window (4 minutes by default, at most the function's
 *    `ProbeMaxWindowSeconds`); a synchronous invoke with no SDK retry (a retry would run a second
 *    window), abandoned {@link INVOKE_MARGIN_SECONDS} after the window should have ended (see
 *    {@link invokeProbe}: a dropped connection must not hang the check);
 * 2. {@link LEAD_MS} later, once the probe has recorded a healthy baseline, RebootDBInstance with
 *    ForceFailover;
 * 3. meanwhile DescribeDBInstances every {@link POLL_MS} until the instance is `available` in the
 *    other AZ, for at most {@link MAX_WAIT_MS} (the AZ field can lag the failover by minutes);
 * 4. when a window ends while clients still fail, or before any failure was seen while the
 *    failover is still under way, another window, up to {@link MAX_WINDOWS}: never one long
 *    invocation, always inside Lambda's 15-minute limit;
 * 5. DescribeEvents over the whole span, for RDS's own account of the failover.
 * Whatever happens after the reboot request, the check waits for step 3 before it returns, so it
 * leaves the instance available (or says it could not).
 *
 * SDK clients are loaded on use (`await import`), so loading the lab registry for `cdk synth`
 * loads none of them; each observation creates each client once ({@link ObservationClients}) and
 * reuses it for every poll.
 *
 * Both values are plain JSON (times as epoch milliseconds), so a recorded run can be judged again.
 */
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { DBInstance, Event as RdsEvent, RDSClient } from '@aws-sdk/client-rds';
import { type ObserveContext, observationsOf } from '../../lib/lab-kit/checks/lab-definition';
import { OUTPUTS } from './outputs';
import { analyzeTimeline, mergeWindows, type ProbeWindow, type TimelineAnalysis, type ZoneSubnet, zoneOfAddress } from './probe-timeline';

const observe = observationsOf(OUTPUTS);

/** What the helpers below use of an observation's context. */
type Ctx = Pick<ObserveContext, 'options' | 'progress' | 'sleep' | 'now'>;

/** Probing before the reboot request, so the timeline starts healthy. */
export const LEAD_MS = 10_000;
/** Default length of one probe window. */
export const DEFAULT_WINDOW_SECONDS = 240;
/** Most probe windows per failover (4 minutes each by default: 12 minutes). */
export const MAX_WINDOWS = 3;
/** Time between two DescribeDBInstances calls while waiting. */
export const POLL_MS = 10_000;
/** Longest wait for the instance to be available in the other AZ after the reboot request. */
export const MAX_WAIT_MS = 15 * 60_000;
/** While the instance is available in its old AZ, how often to look for RDS declining the failover. */
export const EVENTS_EVERY_MS = 30_000;
/** Longest wait for the instance to be available before the failover is requested. */
export const MAX_READY_WAIT_MS = 10 * 60_000;
/** The baseline probe: a few tries are enough to see where the name points. */
export const BASELINE_SECONDS = 5;
/**
 * How long after its window a probe Invoke is abandoned. The function answers when its window
 * ends; past this margin the connection is taken for dropped.
 */
export const INVOKE_MARGIN_SECONDS = 60;
/**
 * How far back the baseline looks for a failover when the endpoint's address is in the standby's
 * subnet: RDS can take a few minutes after a failover to show the new AZ in AvailabilityZone.
 */
export const RECENT_FAILOVER_MS = 15 * 60_000;

/** The instance as DescribeDBInstances shows it. */
export interface InstanceView {
  readonly identifier: string;
  readonly arn?: string;
  /** The Region, from the instance ARN. */
  readonly region?: string;
  readonly status: string;
  readonly multiAz: boolean;
  readonly availabilityZone?: string;
  readonly secondaryAvailabilityZone?: string;
  readonly endpointAddress?: string;
  readonly endpointPort?: number;
  readonly engine?: string;
  readonly engineVersion?: string;
  readonly instanceClass?: string;
  readonly readReplicas: readonly string[];
  readonly clusterIdentifier?: string;
  /** The DB subnet group's subnets (CIDR blocks filled in from EC2 DescribeSubnets). */
  readonly subnets: readonly ZoneSubnet[];
}

/** What RDS's event log says about the failover (times in epoch milliseconds). */
export interface FailoverEvents {
  readonly started?: number;
  readonly completed?: number;
  /** RDS declined because a failover happened recently (RDS-EVENT-0034). */
  readonly declined?: number;
  readonly messages: readonly { readonly date?: number; readonly message: string }[];
}

/** The baseline observation. */
export interface BaselineObservation {
  readonly instance: InstanceView;
  readonly window: ProbeWindow;
  readonly analysis: TimelineAnalysis;
  /** Every address the endpoint resolved to. */
  readonly addresses: readonly string[];
  /** The AZ whose subnet holds the endpoint's address. */
  readonly addressZone?: string;
  /**
   * When the address is in the standby's AZ and the instance is available: the failover RDS logged
   * in the last {@link RECENT_FAILOVER_MS} (its start or completion), which explains the mismatch
   * (AvailabilityZone not updated yet), in epoch milliseconds. Absent otherwise.
   */
  readonly recentFailover?: number;
}

/** A forced failover, watched. */
export type FailoverObservation =
  | { readonly kind: 'refused'; readonly before: InstanceView; readonly reason: string }
  | {
      readonly kind: 'observed';
      readonly before: InstanceView;
      readonly after: InstanceView;
      /** The reboot request went out (the caller's clock). */
      readonly requestedAt: number;
      /** Seconds from the request until the instance was available in the other AZ; absent if it never was. */
      readonly settledSeconds?: number;
      /** The statuses seen while waiting, in order (`rebooting`, `available`...). */
      readonly statuses: readonly string[];
      readonly windows: readonly ProbeWindow[];
      /** Up = the server answered the SSLRequest. */
      readonly answers: TimelineAnalysis;
      /** Up = the server also accepted a login attempt; absent when the probe did not check readiness. */
      readonly ready?: TimelineAnalysis;
      readonly events: FailoverEvents;
      /** The AZ of the first and the last address the probe resolved. */
      readonly firstAddressZone?: string;
      readonly lastAddressZone?: string;
    };

// Matched against DescribeEvents' Message: the wording of RDS-EVENT-0013, -0015, -0049 and -0034 in
// "Amazon RDS event categories and event messages",
// https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Events.Messages.html
const STARTED = /multi-az (instance )?failover (that .*)?(has )?started/i;
const COMPLETED = /multi-az (instance )?failover (that .*)?(has )?(completed|is complete)/i;
const DECLINED = /not attempting a requested failover/i;

/**
 * The failover events of DescribeEvents, by message (DescribeEvents returns messages, not event
 * ids): `Multi-AZ instance failover started.` (RDS-EVENT-0013), `Multi-AZ instance failover
 * completed` (RDS-EVENT-0015; `A Multi-AZ failover has completed`, RDS-EVENT-0049, is read too),
 * and RDS declining a failover that follows a recent one (RDS-EVENT-0034). The longer wording of
 * the event table's descriptions matches as well. Only events at or after `since` count.
 */
export function parseFailoverEvents(events: readonly RdsEvent[], since?: Date): FailoverEvents {
  const list = events
    .filter((e) => e.Message && (!since || !e.Date || e.Date.getTime() >= since.getTime()))
    .map((e) => ({ ...(e.Date ? { date: e.Date.getTime() } : {}), message: e.Message! }))
    .sort((a, b) => (a.date ?? 0) - (b.date ?? 0));
  const first = (re: RegExp, after?: number) => list.find((e) => re.test(e.message) && (after === undefined || (e.date ?? 0) >= after))?.date;
  const started = first(STARTED);
  return { started, completed: first(COMPLETED, started), declined: first(DECLINED), messages: list };
}

function regionOf(arn: string | undefined): string | undefined {
  return arn?.split(':')[3] || undefined;
}

/**
 * The SDK clients of one observation: each is loaded and created on first use, then reused for
 * every poll (a client per call would repeat the credential and endpoint resolution each time).
 */
export class ObservationClients {
  private rdsClient?: Promise<RDSClient>;
  private ec2Client?: Promise<EC2Client>;
  private lambdaClient?: Promise<LambdaClient>;

  constructor(private readonly ctx: Pick<ObserveContext, 'aws'>) {}

  rds(): Promise<RDSClient> {
    return (this.rdsClient ??= import('@aws-sdk/client-rds').then(({ RDSClient }) => new RDSClient(this.ctx.aws)));
  }

  ec2(): Promise<EC2Client> {
    return (this.ec2Client ??= import('@aws-sdk/client-ec2').then(({ EC2Client }) => new EC2Client(this.ctx.aws)));
  }

  /**
   * The probe's Lambda client: no SDK retry (a retry would run a second window), and a request
   * timeout that throws (`throwOnRequestTimeout`; without it the pinned node-http-handler only logs
   * a warning). The timeout itself is set per request, from the window.
   */
  lambda(): Promise<LambdaClient> {
    return (this.lambdaClient ??= import('@aws-sdk/client-lambda').then(
      ({ LambdaClient }) => new LambdaClient({ ...this.ctx.aws, maxAttempts: 1, requestHandler: { throwOnRequestTimeout: true } }),
    ));
  }
}

/** DescribeDBInstances for one instance, with its subnets' CIDR blocks. */
export async function describeInstance(clients: ObservationClients, identifier: string, withCidrs = true): Promise<InstanceView> {
  const { DescribeDBInstancesCommand } = await import('@aws-sdk/client-rds');
  const rds = await clients.rds();
  const out = await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: identifier }));
  const db: DBInstance | undefined = out.DBInstances?.[0];
  if (!db) throw new Error(`DescribeDBInstances returned no instance ${identifier}`);
  const groupSubnets = (db.DBSubnetGroup?.Subnets ?? []).map((s) => ({ subnetId: s.SubnetIdentifier ?? '', availabilityZone: s.SubnetAvailabilityZone?.Name ?? '' }));
  let cidrs = new Map<string, string>();
  if (withCidrs && groupSubnets.length > 0) {
    const { DescribeSubnetsCommand } = await import('@aws-sdk/client-ec2');
    const ec2 = await clients.ec2();
    const subnets = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: groupSubnets.map((s) => s.subnetId) }));
    cidrs = new Map((subnets.Subnets ?? []).map((s) => [s.SubnetId ?? '', s.CidrBlock ?? '']));
  }
  return {
    identifier,
    arn: db.DBInstanceArn,
    region: regionOf(db.DBInstanceArn),
    status: db.DBInstanceStatus ?? 'unknown',
    multiAz: db.MultiAZ === true,
    availabilityZone: db.AvailabilityZone,
    secondaryAvailabilityZone: db.SecondaryAvailabilityZone,
    endpointAddress: db.Endpoint?.Address,
    endpointPort: db.Endpoint?.Port,
    engine: db.Engine,
    engineVersion: db.EngineVersion,
    instanceClass: db.DBInstanceClass,
    readReplicas: db.ReadReplicaDBInstanceIdentifiers ?? [],
    clusterIdentifier: db.DBClusterIdentifier,
    subnets: groupSubnets.map((s) => ({ ...s, cidrBlock: cidrs.get(s.subnetId) ?? '' })),
  };
}

function isProbeWindow(value: unknown): value is ProbeWindow {
  const v = value as ProbeWindow;
  return !!v && typeof v === 'object' && Array.isArray(v.attempts) && typeof v.startedAt === 'number';
}

/**
 * Runs `send` with a deadline: when `timeoutMs` passes, or `outer` aborts, the request's abort
 * signal fires (the SDK destroys the request) and the returned promise rejects at once, whatever
 * the transport does. Uses the global timers, so tests can drive it with fake timers.
 */
async function withDeadline<T>(timeoutMs: number, outer: AbortSignal | undefined, timedOut: () => Error, send: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onOuterAbort: (() => void) | undefined;
  const stopped = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = timedOut();
      controller.abort(error);
      reject(error);
    }, timeoutMs);
    if (outer) {
      onOuterAbort = () => {
        controller.abort(outer.reason);
        reject(Object.assign(new Error(`Request aborted${outer.reason instanceof Error ? `: ${outer.reason.message}` : ''}`), { name: 'AbortError' }));
      };
      if (outer.aborted) onOuterAbort();
      else outer.addEventListener('abort', onOuterAbort, { once: true });
    }
  });
  try {
    return await Promise.race([send(controller.signal), stopped]);
  } finally {
    clearTimeout(timer);
    if (outer && onOuterAbort) outer.removeEventListener('abort', onOuterAbort);
  }
}

/**
 * Invokes the probe function for one window and returns its timeline. Synchronous, no SDK retry,
 * abandoned {@link INVOKE_MARGIN_SECONDS} after the window should have ended. The deadline is
 * enforced twice: by the request timeout of the client (which throws, see
 * {@link ObservationClients.lambda}) and by an abort signal on the request with a timer of our own,
 * so a connection dropped without a reset (the Lambda client sets no socket timeout of its own)
 * ends the check with an error instead of hanging it.
 */
export async function invokeProbe(clients: ObservationClients, functionName: string, seconds: number, abortSignal?: AbortSignal): Promise<ProbeWindow> {
  const { InvokeCommand } = await import('@aws-sdk/client-lambda');
  const lambda = await clients.lambda();
  const timeoutMs = (seconds + INVOKE_MARGIN_SECONDS) * 1000;
  const command = new InvokeCommand({ FunctionName: functionName, InvocationType: 'RequestResponse', Payload: new TextEncoder().encode(JSON.stringify({ durationSeconds: seconds })) });
  const out = await withDeadline(
    timeoutMs,
    abortSignal,
    () =>
      Object.assign(
        new Error(
          `probe function ${functionName} gave no answer within ${timeoutMs / 1000} s (a ${seconds} s window plus ${INVOKE_MARGIN_SECONDS} s): ` +
            'the Invoke was abandoned, the connection to Lambda was probably dropped; run the check again',
        ),
        { name: 'TimeoutError' },
      ),
    (signal) => lambda.send(command, { abortSignal: signal, requestTimeout: timeoutMs }),
  );
  const text = out.Payload ? new TextDecoder().decode(out.Payload) : '';
  if (out.FunctionError) {
    let message = text;
    try {
      const e = JSON.parse(text);
      message = `${e.errorType ?? 'Error'}: ${e.errorMessage ?? text}`;
    } catch {
      // keep the raw text
    }
    throw new Error(`probe function ${functionName} failed (${out.FunctionError}): ${message.slice(0, 300)}`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`probe function ${functionName} returned no timeline: ${text.slice(0, 200)}`);
  }
  if (!isProbeWindow(body)) throw new Error(`probe function ${functionName} returned no timeline: ${text.slice(0, 200)}`);
  return body;
}

function windowSeconds(ctx: Ctx, maxText: string): number {
  const max = Number(maxText);
  const wanted = ctx.options.window === undefined ? Math.min(DEFAULT_WINDOW_SECONDS, max) : Number(ctx.options.window);
  if (!Number.isInteger(wanted) || wanted < 30 || wanted > max) {
    throw new Error(`--window: received ${JSON.stringify(ctx.options.window)}; allowed: 30 to ${max} seconds (ProbeMaxWindowSeconds)`);
  }
  return wanted;
}

/** The instance, and a few seconds of probing that show where its name points. */
export const baseline = observe({
  name: 'baseline',
  outputs: ['DbInstanceIdentifier', 'ProbeFunctionName'],
  observe: async (ctx): Promise<BaselineObservation> => {
    const out = ctx.outputs;
    const clients = new ObservationClients(ctx);
    const instance = await describeInstance(clients, out.DbInstanceIdentifier);
    ctx.progress(`baseline: ${instance.identifier} is ${instance.status}; probing its endpoint for ${BASELINE_SECONDS} s`);
    const window = await invokeProbe(clients, out.ProbeFunctionName, BASELINE_SECONDS);
    const analysis = analyzeTimeline(window.attempts);
    const addresses = [...new Set(window.attempts.flatMap((a) => a.addresses ?? (a.address ? [a.address] : [])))];
    const addressZone = zoneOfAddress(analysis.lastAddress, instance.subnets);
    const recentFailover = await failoverExplainingStandbyAddress(ctx, clients, instance, addressZone);
    return { instance, window, analysis, addresses, ...(addressZone ? { addressZone } : {}), ...(recentFailover !== undefined ? { recentFailover } : {}) };
  },
});

/**
 * When the endpoint's address lies in the standby's AZ of an available Multi-AZ instance, the
 * failover RDS logged in the last {@link RECENT_FAILOVER_MS}, if any: right after a failover the
 * address has moved but AvailabilityZone and SecondaryAvailabilityZone can still show the old
 * placement ("can take additional time", the failover page says). DescribeEvents is called only
 * in that case.
 */
async function failoverExplainingStandbyAddress(ctx: Ctx, clients: ObservationClients, instance: InstanceView, addressZone: string | undefined): Promise<number | undefined> {
  const standbySide = instance.multiAz && instance.status === 'available' && !!addressZone && addressZone !== instance.availabilityZone && addressZone === instance.secondaryAvailabilityZone;
  if (!standbySide) return undefined;
  const since = new Date(ctx.now() - RECENT_FAILOVER_MS);
  const events = parseFailoverEvents(await describeEvents(clients, instance.identifier, since, new Date(ctx.now() + 60_000)), since);
  const when = events.completed ?? events.started;
  if (when !== undefined) ctx.progress(`baseline: the endpoint's address is in ${addressZone}, where RDS still shows the standby; RDS logged a failover at ${new Date(when).toISOString()}, so the AZ fields have not caught up yet`);
  return when;
}

/** Waits (bounded) until the instance is available, with progress. */
async function waitUntilAvailable(ctx: Ctx, clients: ObservationClients, identifier: string): Promise<InstanceView> {
  const started = ctx.now();
  for (;;) {
    const view = await describeInstance(clients, identifier);
    if (view.status === 'available') return view;
    const elapsed = ctx.now() - started;
    if (elapsed >= MAX_READY_WAIT_MS) {
      throw new Error(`instance ${identifier} is ${view.status}, not available, after ${Math.round(elapsed / 1000)} s; a failover needs an available instance: run the check again later`);
    }
    ctx.progress(`waiting for ${identifier} to be available before the failover: ${view.status}, ${Math.round(elapsed / 1000)} s`);
    await ctx.sleep(POLL_MS);
  }
}

interface WaitState {
  settled: boolean;
  stop: boolean;
}

/**
 * Polls until the instance is available in another AZ than `before`, or the wait runs out. While
 * the instance is available but has not moved (the AZ field can lag the failover by minutes), it
 * looks at the events every {@link EVENTS_EVERY_MS}, so a failover RDS declined (RDS-EVENT-0034)
 * ends the wait at once instead of after {@link MAX_WAIT_MS}.
 */
async function waitForFailover(ctx: Ctx, clients: ObservationClients, before: InstanceView, requestedAt: number, spanStart: number, state: WaitState) {
  const statuses: string[] = [];
  let eventsAt = requestedAt;
  for (;;) {
    const view = await describeInstance(clients, before.identifier, false);
    if (statuses[statuses.length - 1] !== view.status) statuses.push(view.status);
    const elapsed = ctx.now() - requestedAt;
    const moved = !!view.availabilityZone && view.availabilityZone !== before.availabilityZone;
    if (view.status === 'available' && moved) {
      state.settled = true;
      return { view, statuses, settledSeconds: Math.round(elapsed / 1000) };
    }
    if (view.status === 'available' && ctx.now() - eventsAt >= EVENTS_EVERY_MS) {
      eventsAt = ctx.now();
      const events = parseFailoverEvents(await describeEvents(clients, before.identifier, new Date(spanStart - 2 * 60_000), new Date(ctx.now() + 60_000)), new Date(spanStart - 60_000));
      if (events.declined !== undefined && events.started === undefined) {
        state.stop = true;
        ctx.progress(`RDS declined the failover of ${before.identifier} (a failover happened recently); not waiting any longer`);
        return { view, statuses, settledSeconds: undefined };
      }
    }
    if (elapsed >= MAX_WAIT_MS) {
      ctx.progress(`after ${Math.round(elapsed / 1000)} s ${before.identifier} is ${view.status} in ${view.availabilityZone ?? '?'}; RDS finishes on its own: check it with \`aws rds describe-db-instances --db-instance-identifier ${before.identifier}\``);
      return { view, statuses, settledSeconds: undefined };
    }
    ctx.progress(`failover: ${before.identifier} is ${view.status}, primary in ${view.availabilityZone ?? '?'} (was ${before.availabilityZone}), ${Math.round(elapsed / 1000)} s since the request`);
    await ctx.sleep(POLL_MS);
  }
}

/** Probe windows, one after the other, until clients are healthy again after the failover. */
async function probeWindows(ctx: Ctx, clients: ObservationClients, functionName: string, seconds: number, state: WaitState, abortSignal: AbortSignal): Promise<ProbeWindow[]> {
  const windows: ProbeWindow[] = [];
  const started = ctx.now();
  for (let i = 1; i <= MAX_WINDOWS; i++) {
    ctx.progress(`probe window ${i}/${MAX_WINDOWS}: ${seconds} s of tries, once a second (${Math.round((ctx.now() - started) / 1000)} s into probing)`);
    windows.push(await invokeProbe(clients, functionName, seconds, abortSignal));
    if (state.stop) break;
    const a = analyzeTimeline(mergeWindows(windows));
    const sawOutage = a.outages.length > 0;
    if (a.endsHealthy && (sawOutage || state.settled)) break;
  }
  return windows;
}

async function describeEvents(clients: ObservationClients, identifier: string, from: Date, to: Date): Promise<RdsEvent[]> {
  const { DescribeEventsCommand } = await import('@aws-sdk/client-rds');
  const rds = await clients.rds();
  const events: RdsEvent[] = [];
  let marker: string | undefined;
  do {
    const out = await rds.send(new DescribeEventsCommand({ SourceIdentifier: identifier, SourceType: 'db-instance', StartTime: from, EndTime: to, Marker: marker }));
    events.push(...(out.Events ?? []));
    marker = out.Marker;
  } while (marker);
  return events;
}

function errorText(error: unknown): string {
  const e = error as { name?: string; message?: string };
  return `${e?.name ?? 'Error'}: ${e?.message ?? String(error)}`;
}

/**
 * Forces a failover and watches it. A Single-AZ instance is not rebooted at all: RebootDBInstance
 * refuses ForceFailover for it, and the observation says so. Shared by every failover claim.
 */
export const failover = observe({
  name: 'failover',
  outputs: ['DbInstanceIdentifier', 'ProbeFunctionName', 'ProbeMaxWindowSeconds'],
  observe: async (ctx): Promise<FailoverObservation> => {
    const out = ctx.outputs;
    const seconds = windowSeconds(ctx, out.ProbeMaxWindowSeconds);
    const clients = new ObservationClients(ctx);
    let before = await describeInstance(clients, out.DbInstanceIdentifier);
    if (!before.multiAz) {
      return {
        kind: 'refused',
        before,
        reason: `${before.identifier} is a Single-AZ instance (MultiAZ false): it has no standby, and RebootDBInstance refuses ForceFailover for an instance that is not Multi-AZ; nothing was rebooted`,
      };
    }
    if (before.status !== 'available') before = await waitUntilAvailable(ctx, clients, before.identifier);

    const state: WaitState = { settled: false, stop: false };
    const spanStart = ctx.now();
    const abort = new AbortController();
    const probing = probeWindows(ctx, clients, out.ProbeFunctionName, seconds, state, abort.signal);
    // Remember an early failure, and never leave an unhandled rejection behind.
    let probeFailure: unknown;
    probing.catch((error) => {
      probeFailure = error;
    });
    await ctx.sleep(LEAD_MS);
    // A probe that failed before the reboot would measure nothing: do not disrupt the database for it.
    if (probeFailure !== undefined) throw probeFailure;

    const { RebootDBInstanceCommand } = await import('@aws-sdk/client-rds');
    const rds = await clients.rds();
    ctx.progress(`RebootDBInstance ${before.identifier} with ForceFailover (primary in ${before.availabilityZone}, standby in ${before.secondaryAvailabilityZone})`);
    try {
      await rds.send(new RebootDBInstanceCommand({ DBInstanceIdentifier: before.identifier, ForceFailover: true }));
    } catch (error) {
      // Nothing to measure: stop waiting for the probe (the function itself ends with its window).
      state.stop = true;
      abort.abort();
      return { kind: 'refused', before, reason: `RDS refused the forced failover of ${before.identifier}: ${errorText(error)}` };
    }
    const requestedAt = ctx.now();

    // Wait for RDS in every case, even when probing fails: the check leaves the instance available.
    const [probed, waited] = await Promise.allSettled([probing, waitForFailover(ctx, clients, before, requestedAt, spanStart, state)]);
    if (waited.status === 'rejected') throw waited.reason;
    if (probed.status === 'rejected') throw probed.reason;
    const windows = probed.value;
    const { statuses, settledSeconds } = waited.value;
    const after = await describeInstance(clients, before.identifier);

    const events = parseFailoverEvents(
      await describeEvents(clients, before.identifier, new Date(spanStart - 2 * 60_000), new Date(ctx.now() + 60_000)),
      new Date(spanStart - 60_000),
    );
    const attempts = mergeWindows(windows);
    const answers = analyzeTimeline(attempts);
    const ready = windows.every((w) => w.readiness) ? analyzeTimeline(attempts, { level: 'ready' }) : undefined;
    return {
      kind: 'observed',
      before,
      after,
      requestedAt,
      settledSeconds,
      statuses,
      windows,
      answers,
      ready,
      events,
      firstAddressZone: zoneOfAddress(answers.firstAddress, before.subnets),
      lastAddressZone: zoneOfAddress(answers.lastAddress, before.subnets),
    };
  },
});
