/**
 * The live observations this lab's claims share: the instance as RDS describes it with a short
 * probe of its endpoint (the baseline), and a forced failover watched from three sides at once
 * (the probe inside the VPC, DescribeDBInstances, DescribeEvents).
 *
 * Timing of the failover observation (all bounds are constants below):
 * 0. before anything is disrupted, DescribeEvents over the last {@link RECENT_FAILOVER_WINDOW_MS}:
 *    when RDS logged a failover there (RDS-EVENT-0013, -0015, -0049, -0050, -0051 or -0065), nothing is rebooted and the
 *    observation is `recent` (RDS declines a failover that follows a recent one, RDS-EVENT-0034, and
 *    AWS gives no figure for how recent; the window is this check's own, stated choice);
 * 1. the probe function is invoked for one window ({@link DEFAULT_WINDOW_SECONDS} s by default, at
 *    most the function's `ProbeMaxWindowSeconds`); a synchronous invoke with no SDK retry (a retry
 *    would run a second window), abandoned {@link INVOKE_MARGIN_SECONDS} after the window should
 *    have ended (see {@link invokeProbe}: a dropped connection must not hang the check). Windows are
 *    short so that no request to Lambda stays idle long enough for a proxy, VPN or NAT to drop it;
 * 2. {@link LEAD_MS} later, once the probe has recorded a healthy baseline, RebootDBInstance with
 *    ForceFailover;
 * 3. meanwhile DescribeDBInstances every {@link POLL_MS} until the instance is `available` in the
 *    other AZ, for at most {@link MAX_WAIT_MS} (the AZ field can lag the failover by "several
 *    minutes", AWS gives no bound: the 15 minutes are this check's choice, and running out of
 *    them is never a fail by itself, see checks.ts `azFieldsCaughtUp`);
 * 4. another window, up to {@link MAX_WINDOWS} (never one long invocation, always inside Lambda's
 *    15-minute limit), until the failover is over as clients see it ({@link probingDone}): the
 *    last tries answered, at an address in the standby's subnet, after an outage that ended after
 *    RDS logged the failover start (or once the instance is available in the other AZ). An outage
 *    that ended before RDS started the failover (a blip) does not stop the probe;
 * 5. DescribeEvents for RDS's own account of the failover; also {@link POLL_MS} after the request
 *    and every {@link EVENTS_EVERY_MS} until the failover starts, so that RDS declining it
 *    (RDS-EVENT-0034) stops the probe and ends the observation as `declined` within seconds; once
 *    the instance is available in the other AZ, every {@link POLL_MS} for at most
 *    {@link COMPLETION_WAIT_MS} until the completion event is there (no AWS page orders the two).
 * Whatever happens after the reboot request, the check waits for step 3 before it returns, so it
 * leaves the instance available (or says it could not).
 *
 * **Clocks.** Event `Date`s are RDS's clock; the caller's clock can be minutes off (the SDK corrects
 * its own signing clock only after a skew error). No event is judged by the caller's clock: every
 * DescribeEvents of the failover starts at the StartTime of step 0 and has no EndTime (the service
 * then uses its own "now"), and an event belongs to this run when step 0 did not return it. The
 * caller's clock only places the start of step 0's window (corrected by the SDK's
 * `systemClockOffset`); the skew against the probe function's clock is reported when it is over
 * {@link SKEW_REPORT_SECONDS} s.
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
import { analyzeTimeline, endsAtNewAddress, mergeWindows, type ProbeWindow, type TimelineAnalysis, type ZoneSubnet, zoneOfAddress } from './probe-timeline';

const observe = observationsOf(OUTPUTS);

/** What the helpers below use of an observation's context. */
type Ctx = Pick<ObserveContext, 'options' | 'progress' | 'sleep' | 'now'>;

/** Probing before the reboot request, so the timeline starts healthy. */
export const LEAD_MS = 10_000;
/**
 * Default length of one probe window. Short on purpose: each window is one synchronous Invoke that
 * sends nothing until the function returns, and corporate proxies, VPNs and NATs drop idle
 * connections after one to a few minutes. The gaps between windows are measured and reported.
 */
export const DEFAULT_WINDOW_SECONDS = 60;
/** Most probe windows per failover (1 minute each by default: 12 minutes). */
export const MAX_WINDOWS = 12;
/** Time between two DescribeDBInstances calls while waiting. */
export const POLL_MS = 10_000;
/**
 * Longest wait for the instance to be available in the other AZ after the reboot request: this
 * check's own choice. AWS gives no bound: "Rebooting a DB instance"
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_RebootInstance.html) says only that
 * the AZ change "might not be reflected in the AWS Management Console, and in calls to the AWS CLI
 * and RDS API, for several minutes". When it runs out while RDS logged the completion or the
 * address moved to the standby's subnet, the AZ fields are taken as lagging (inconclusive), never
 * as a failover that did not happen.
 */
export const MAX_WAIT_MS = 15 * 60_000;
/**
 * Once the instance is available in the other AZ, how long to keep reading DescribeEvents for the
 * completion event (RDS-EVENT-0015 or -0049): this check's own choice (no AWS page says how soon an
 * event shows in DescribeEvents, nor orders it with the AZ fields). A completion still missing then
 * leaves the event expectations unjudged (inconclusive), never failed.
 */
export const COMPLETION_WAIT_MS = 2 * 60_000;
/**
 * After RebootDBInstance answered an error that does not say whether the request reached RDS (no
 * reply, or InvalidDBInstanceState on the first attempt), how long to look for the failover RDS
 * logs if it did (RDS-EVENT-0013, or RDS-EVENT-0034): this check's own choice.
 */
export const REBOOT_CONFIRM_MS = 60_000;
/**
 * Until RDS logs the failover start, how often to look for RDS declining it (RDS-EVENT-0034); the
 * first look is {@link POLL_MS} after the request.
 */
export const EVENTS_EVERY_MS = 30_000;
/** Longest wait for the instance to be available before the failover is requested. */
export const MAX_READY_WAIT_MS = 10 * 60_000;
/** The baseline probe: a few tries are enough to see where the name points. */
export const BASELINE_SECONDS = 5;
/**
 * When no try of the baseline got an answer, how long to probe once more before judging: 5 s is
 * short enough for a DNS hiccup or a database still restarting to fill it.
 */
export const BASELINE_RETRY_SECONDS = 20;
/**
 * How long after its window a probe Invoke is abandoned. The function answers when its window
 * ends; past this margin the connection is taken for dropped.
 */
export const INVOKE_MARGIN_SECONDS = 60;
/**
 * How far back, before rebooting, the failover observation looks for a failover RDS logged (and
 * the baseline too, for its report only, when the endpoint's address is in the standby's subnet:
 * one look-back, so the two never tell the same AWS state apart). AWS
 * gives no figure for how soon after a failover RDS declines the next one (RDS-EVENT-0034's Notes
 * say only "a failover recently occurred"): this window is the check's own choice, stated in the
 * report. It decides only whether the check reboots at all, never a pass or a fail; a decline after
 * it is still recognised (RDS-EVENT-0034, or nothing failing over: inconclusive).
 */
export const RECENT_FAILOVER_WINDOW_MS = 30 * 60_000;
/** The caller's clock against the probe function's: reported when further apart than this. */
export const SKEW_REPORT_SECONDS = 30;

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

/** The baseline observation. */
export interface BaselineObservation {
  readonly instance: InstanceView;
  /**
   * The window judged: the first {@link BASELINE_SECONDS} s, or, when no try of those got an
   * answer, the {@link BASELINE_RETRY_SECONDS} s probed right after them.
   */
  readonly window: ProbeWindow;
  /** Set when the first window got no answer and a longer one was probed: how long the first was. */
  readonly retriedAfterSeconds?: number;
  readonly analysis: TimelineAnalysis;
  /** Every address the endpoint resolved to. */
  readonly addresses: readonly string[];
  /** The AZ whose subnet holds the endpoint's address. */
  readonly addressZone?: string;
  /**
   * When the address is in the standby's AZ and the instance is available: the failover RDS logged
   * in the last {@link RECENT_FAILOVER_WINDOW_MS} (its start or completion), in epoch milliseconds,
   * which may explain the mismatch (AvailabilityZone not updated yet, or DNS not moved yet). Reported
   * only: with or without it the address expectation is left unjudged (AWS bounds neither lag).
   * Absent otherwise.
   */
  readonly recentFailover?: number;
}

/** A forced failover, watched. */
export type FailoverObservation =
  | { readonly kind: 'refused'; readonly before: InstanceView; readonly reason: string }
  | {
      /**
       * RDS logged a failover in the last {@link RECENT_FAILOVER_WINDOW_MS} (a previous run, or one
       * of RDS's own): nothing was rebooted, since RDS may decline a failover that follows a recent
       * one (RDS-EVENT-0034), and the run says nothing about the claims.
       */
      readonly kind: 'recent';
      readonly before: InstanceView;
      /** The newest failover event RDS logged (epoch ms, RDS's clock) and its id. */
      readonly lastFailoverAt: number;
      readonly lastEventId: RdsEventId;
      /** Minutes between that event and the check (the caller's clock, corrected by the SDK's offset). */
      readonly minutesAgo: number;
      /** How far back the check looked, in minutes. */
      readonly lookbackMinutes: number;
    }
  | {
      /**
       * RDS declined the forced failover (RDS-EVENT-0034, "a failover recently occurred"): nothing
       * failed over, the probe was stopped at once, and the run says nothing about the claims.
       */
      readonly kind: 'declined';
      readonly before: InstanceView;
      readonly after: InstanceView;
      readonly requestedAt: number;
      /** When RDS logged RDS-EVENT-0034 (epoch ms). */
      readonly declinedAt: number;
      /** Seconds from the request until the check saw the event. */
      readonly noticedAfterSeconds: number;
      readonly statuses: readonly string[];
      readonly events: FailoverEvents;
    }
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
      /**
       * Seconds the check read DescribeEvents for the completion event after the instance was
       * available in the other AZ (0: it was there at once; {@link COMPLETION_WAIT_MS}: it never
       * came); absent when the instance never settled.
       */
      readonly completionWaitedSeconds?: number;
      /** How RebootDBInstance's acceptance was established when its answer was an error (a lost reply, the SDK's retry). */
      readonly rebootNote?: string;
      /** The AZ of the first and the last address the probe resolved. */
      readonly firstAddressZone?: string;
      readonly lastAddressZone?: string;
      /**
       * The probe function's clock (its first window's start) minus the caller's clock when it
       * invoked it, in seconds, when further apart than {@link SKEW_REPORT_SECONDS} (it includes
       * the Invoke's latency and a cold start). Reported only: no judgement uses the caller's clock.
       */
      readonly clockSkewSeconds?: number;
    };

/** What RDS's event log says about the failover (times in epoch milliseconds). */
export interface FailoverEvents {
  /** RDS-EVENT-0013 (`Multi-AZ instance failover started.`). */
  readonly started?: number;
  /** The first RDS-EVENT-0015 or RDS-EVENT-0049 at or after the start. */
  readonly completed?: number;
  /** Which event the completion was (RDS-EVENT-0015 or RDS-EVENT-0049). */
  readonly completedBy?: RdsEventId;
  /** RDS declined because a failover happened recently (RDS-EVENT-0034). */
  readonly declined?: number;
  /** Every message of the span, in time order, with the event id when the message is one of {@link RDS_EVENT_MESSAGES}. */
  readonly messages: readonly { readonly date?: number; readonly message: string; readonly eventId?: RdsEventId }[];
}

/**
 * The RDS event messages this lab reads, word for word from the **Message** column (not the Notes
 * column) of the DB instance events table in "Amazon RDS event categories and event messages",
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Events.Messages.html#USER_Events.Messages.instance
 *
 * DescribeEvents gives no event id: the API reference's "Event" data type has Date,
 * EventCategories, Message, SourceArn, SourceIdentifier and SourceType only
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_Event.html), so the id is
 * recovered from the message. All seven are in the `failover` category.
 */
export const RDS_EVENT_MESSAGES = {
  'RDS-EVENT-0013': 'Multi-AZ instance failover started.',
  'RDS-EVENT-0015': 'Multi-AZ failover to standby complete - DNS propagation may take a few minutes.',
  'RDS-EVENT-0034': 'Abandoning user requested failover since a failover recently occurred on the database instance.',
  'RDS-EVENT-0049': 'Multi-AZ instance failover completed.',
  // Also failovers of a kind, after which a forced failover may be declined: an activation after an
  // instance recovery (the primary promoted in its own AZ) and a partial failover recovered from.
  // Only the look-back before the reboot reads them.
  'RDS-EVENT-0050': 'Multi-AZ instance activation started.',
  'RDS-EVENT-0051': 'Multi-AZ instance activation completed.',
  'RDS-EVENT-0065': 'Recovered from partial failover.',
} as const;

/**
 * The failover reason RDS logs for a reboot with failover: the reasons table of "Failing over a
 * Multi-AZ DB instance for Amazon RDS"
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.Failover.html: "You
 * can view these failover reasons in the event log") gives it as "The user requested a failover of
 * the DB instance." (reason) / "You rebooted the DB instance and chose Reboot with failover"
 * (description). Reported only (it says what triggered the failover); no verdict rests on it.
 */
export const USER_REQUESTED_FAILOVER_REASON = 'The user requested a failover of the DB instance.';

/** Whether a message is {@link USER_REQUESTED_FAILOVER_REASON} (case, spacing and a final period aside). */
export function isUserRequestedReason(message: string): boolean {
  return normalized(message) === normalized(USER_REQUESTED_FAILOVER_REASON);
}

/** An event id of {@link RDS_EVENT_MESSAGES}. */
export type RdsEventId = keyof typeof RDS_EVENT_MESSAGES;

/** Case, runs of white space and a final period do not count: the words do. */
function normalized(message: string): string {
  return message.trim().replace(/\s+/g, ' ').replace(/\.$/, '').toLowerCase();
}

const EVENT_BY_MESSAGE = new Map<string, RdsEventId>(Object.entries(RDS_EVENT_MESSAGES).map(([id, message]) => [normalized(message), id as RdsEventId]));

/**
 * The event id of a DescribeEvents entry: its Message compared, word for word, with the Message
 * column of the event table ({@link RDS_EVENT_MESSAGES}). An entry whose EventCategories are given
 * and do not include `failover` is none of them.
 */
export function eventIdOf(event: Pick<RdsEvent, 'Message' | 'EventCategories'>): RdsEventId | undefined {
  if (!event.Message) return undefined;
  if (event.EventCategories && event.EventCategories.length > 0 && !event.EventCategories.includes('failover')) return undefined;
  return EVENT_BY_MESSAGE.get(normalized(event.Message));
}

/**
 * The failover events of DescribeEvents: the start (RDS-EVENT-0013), the first completion after it
 * (RDS-EVENT-0015 or RDS-EVENT-0049), and RDS declining a failover that follows a recent one
 * (RDS-EVENT-0034), each recognised by its Message ({@link eventIdOf}). Only events at or after
 * `since` count.
 */
export function parseFailoverEvents(events: readonly RdsEvent[], since?: Date): FailoverEvents {
  const list = events
    .filter((e) => e.Message && (!since || !e.Date || e.Date.getTime() >= since.getTime()))
    .map((e) => {
      const eventId = eventIdOf(e);
      return { ...(e.Date ? { date: e.Date.getTime() } : {}), message: e.Message!, ...(eventId ? { eventId } : {}) };
    })
    .sort((a, b) => (a.date ?? 0) - (b.date ?? 0));
  const first = (ids: readonly RdsEventId[], after?: number) => list.find((e) => e.eventId && ids.includes(e.eventId) && (after === undefined || (e.date ?? 0) >= after));
  const started = first(['RDS-EVENT-0013'])?.date;
  const completion = started === undefined ? undefined : first(['RDS-EVENT-0015', 'RDS-EVENT-0049'], started);
  return {
    started,
    completed: completion?.date,
    ...(completion?.eventId ? { completedBy: completion.eventId } : {}),
    declined: first(['RDS-EVENT-0034'])?.date,
    messages: list,
  };
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
      ({ LambdaClient }) => new LambdaClient({ ...this.ctx.aws, maxAttempts: 1, requestHandler: { ...this.ctx.aws.requestHandler, throwOnRequestTimeout: true } }),
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
            'the Invoke was abandoned: the connection to Lambda was probably dropped by your network (a proxy, VPN or NAT that drops idle connections); run the check again',
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

/**
 * The instance, and a few seconds of probing that show where its name points. An instance that is
 * not `available` (a failover of a previous run still under way) is waited for first (bounded);
 * when no try of the {@link BASELINE_SECONDS} s got an answer, {@link BASELINE_RETRY_SECONDS} s
 * more are probed and judged instead.
 */
export const baseline = observe({
  name: 'baseline',
  outputs: ['DbInstanceIdentifier', 'ProbeFunctionName'],
  observe: async (ctx): Promise<BaselineObservation> => {
    const out = ctx.outputs;
    const clients = new ObservationClients(ctx);
    let instance = await describeInstance(clients, out.DbInstanceIdentifier);
    if (instance.status !== 'available') {
      await waitUntilAvailable(ctx, clients, instance.identifier, 'the baseline');
      instance = await describeInstance(clients, out.DbInstanceIdentifier);
    }
    ctx.progress(`baseline: ${instance.identifier} is ${instance.status}; probing its endpoint for ${BASELINE_SECONDS} s`);
    let window = await invokeProbe(clients, out.ProbeFunctionName, BASELINE_SECONDS);
    let retriedAfterSeconds: number | undefined;
    if (analyzeTimeline(window.attempts).up === 0) {
      ctx.progress(`baseline: no try of ${BASELINE_SECONDS} s got an answer (${window.attempts.map((a) => a.error).filter(Boolean).slice(0, 3).join(', ') || 'no try'}); probing ${BASELINE_RETRY_SECONDS} s more`);
      retriedAfterSeconds = BASELINE_SECONDS;
      window = await invokeProbe(clients, out.ProbeFunctionName, BASELINE_RETRY_SECONDS);
    }
    const analysis = analyzeTimeline(window.attempts);
    const addresses = [...new Set(window.attempts.flatMap((a) => a.addresses ?? (a.address ? [a.address] : [])))];
    const addressZone = zoneOfAddress(analysis.lastAddress, instance.subnets);
    const recentFailover = await failoverExplainingStandbyAddress(ctx, clients, instance, addressZone);
    return {
      instance,
      window,
      ...(retriedAfterSeconds !== undefined ? { retriedAfterSeconds } : {}),
      analysis,
      addresses,
      ...(addressZone ? { addressZone } : {}),
      ...(recentFailover !== undefined ? { recentFailover } : {}),
    };
  },
});

/**
 * When the endpoint's address lies in the standby's AZ of an available Multi-AZ instance, the
 * failover RDS logged in the last {@link RECENT_FAILOVER_WINDOW_MS}, if any, for the report: right
 * after a failover the address has moved but AvailabilityZone and SecondaryAvailabilityZone can
 * still show the old placement (or the fields moved and DNS did not yet: RDS-EVENT-0015, "It may
 * take several minutes for the DNS to transfer to the new primary DB instance", Notes column of
 * "Amazon RDS event categories and event messages",
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Events.Messages.html). "Rebooting a DB instance" (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_RebootInstance.html,
 * as its source in awsdocs/amazon-rds-user-guide gives it): "When you force a failover from one
 * Availability Zone to another when you reboot, the Availability Zone change might not be reflected
 * in the AWS Management Console, and in calls to the AWS CLI and RDS API, for several minutes."
 * (The failover page's "it can take additional time for the RDS console to reflect the new
 * Availability Zone" is about the console only.) AWS bounds neither "several minutes", so no
 * look-back can tell a lag from a misplaced endpoint: the baseline's check leaves the address
 * unjudged in that case whatever this finds. DescribeEvents is called only in that case.
 */
async function failoverExplainingStandbyAddress(ctx: Ctx, clients: ObservationClients, instance: InstanceView, addressZone: string | undefined): Promise<number | undefined> {
  const standbySide = instance.multiAz && instance.status === 'available' && !!addressZone && addressZone !== instance.availabilityZone && addressZone === instance.secondaryAvailabilityZone;
  if (!standbySide) return undefined;
  // RDS's event Dates against the caller's clock (SDK-corrected), with no EndTime: a caller's clock
  // that runs fast cannot cut off a failover RDS just logged.
  const since = new Date((await awsNow(ctx, clients)) - RECENT_FAILOVER_WINDOW_MS);
  const events = parseFailoverEvents(await describeEvents(clients, instance.identifier, since), since);
  const when = events.completed ?? events.started;
  ctx.progress(
    `baseline: the endpoint's address is in ${addressZone}, where RDS still shows the standby; ` +
      (when !== undefined ? `RDS logged a failover at ${new Date(when).toISOString()}` : `RDS logged no failover in the last ${Math.round(RECENT_FAILOVER_WINDOW_MS / 60_000)} minutes`) +
      ': the AZ fields (or DNS) have not caught up, and the address is not judged',
  );
  return when;
}

/** Waits (bounded) until the instance is available, with progress. */
async function waitUntilAvailable(ctx: Ctx, clients: ObservationClients, identifier: string, before = 'the failover'): Promise<InstanceView> {
  const started = ctx.now();
  for (;;) {
    const view = await describeInstance(clients, identifier);
    if (view.status === 'available') return view;
    const elapsed = ctx.now() - started;
    if (elapsed >= MAX_READY_WAIT_MS) {
      throw new Error(`instance ${identifier} is ${view.status}, not available, after ${Math.round(elapsed / 1000)} s; ${before} needs an available instance: run the check again later`);
    }
    ctx.progress(`waiting for ${identifier} to be available before ${before}: ${view.status}, ${Math.round(elapsed / 1000)} s`);
    await ctx.sleep(POLL_MS);
  }
}

interface WaitState {
  settled: boolean;
  stop: boolean;
  /** RebootDBInstance was accepted: this run's events can hold the failover. */
  requested: boolean;
  /** RDS-EVENT-0013 as RDS dated it (epoch ms), once seen. */
  startedAt?: number;
}

interface WaitResult {
  readonly view: InstanceView;
  readonly statuses: string[];
  readonly settledSeconds?: number;
  /** RDS-EVENT-0034 was logged: when (epoch ms), and how long after the request the check saw it. */
  readonly declinedAt?: number;
  readonly noticedAfterSeconds?: number;
}

/**
 * Polls until the instance is available in another AZ than `before`, or the wait runs out. Until
 * RDS logs the failover start it also reads the events, {@link POLL_MS} after the request and then
 * every {@link EVENTS_EVERY_MS}: when RDS declined the failover (RDS-EVENT-0034, a re-run soon
 * after a failover), `onDeclined` stops the probe at once and the wait ends as soon as the instance
 * is available, instead of after {@link MAX_WAIT_MS}.
 */
async function waitForFailover(
  ctx: Ctx,
  clients: ObservationClients,
  before: InstanceView,
  requestedAt: number,
  runEvents: () => Promise<RdsEvent[]>,
  state: WaitState,
  onDeclined: () => void,
): Promise<WaitResult> {
  const statuses: string[] = [];
  let eventsAt = requestedAt - EVENTS_EVERY_MS + POLL_MS;
  let startSeen = false;
  let declinedAt: number | undefined;
  let noticedAfterSeconds: number | undefined;
  let failedPolls = 0;
  for (;;) {
    // One read that fails even after the SDK's retries (a dropped connection) must not end the run:
    // the failover goes on, and the next poll may answer. Access denied will not mend itself; past
    // MAX_WAIT_MS the last error stands.
    let view: InstanceView;
    try {
      view = await describeInstance(clients, before.identifier, false);
    } catch (error) {
      if (isAccessDenied(error) || ctx.now() - requestedAt >= MAX_WAIT_MS) throw error;
      failedPolls += 1;
      ctx.progress(`DescribeDBInstances failed (${errorText(error)}; ${failedPolls} so far): reading again in ${POLL_MS / 1000} s`);
      await ctx.sleep(POLL_MS);
      continue;
    }
    if (statuses[statuses.length - 1] !== view.status) statuses.push(view.status);
    const elapsed = ctx.now() - requestedAt;
    const moved = !!view.availabilityZone && view.availabilityZone !== before.availabilityZone;
    if (view.status === 'available' && moved && declinedAt === undefined) {
      state.settled = true;
      return { view, statuses, settledSeconds: Math.round(elapsed / 1000) };
    }
    if (declinedAt === undefined && !startSeen && ctx.now() - eventsAt >= EVENTS_EVERY_MS) {
      eventsAt = ctx.now();
      const read = await runEvents().then(
        (e) => e,
        (error: unknown) => {
          if (isAccessDenied(error)) throw error;
          ctx.progress(`DescribeEvents failed (${errorText(error)}): reading again in ${EVENTS_EVERY_MS / 1000} s`);
          return [];
        },
      );
      const events = parseFailoverEvents(read);
      if (events.started !== undefined) {
        startSeen = true;
        state.startedAt ??= events.started;
      }
      else if (events.declined !== undefined) {
        declinedAt = events.declined;
        noticedAfterSeconds = Math.round(elapsed / 1000);
        state.stop = true;
        onDeclined();
        ctx.progress(
          `RDS declined the failover of ${before.identifier} (RDS-EVENT-0034: a failover recently occurred), seen ${noticedAfterSeconds} s after the request: probe stopped; wait and run the check again`,
        );
      }
    }
    if (declinedAt !== undefined && view.status === 'available') return { view, statuses, declinedAt, noticedAfterSeconds };
    if (elapsed >= MAX_WAIT_MS) {
      ctx.progress(`after ${Math.round(elapsed / 1000)} s ${before.identifier} is ${view.status} in ${view.availabilityZone ?? '?'}; RDS finishes on its own: check it with \`aws rds describe-db-instances --db-instance-identifier ${before.identifier}\``);
      return { view, statuses, ...(declinedAt !== undefined ? { declinedAt, noticedAfterSeconds } : {}) };
    }
    ctx.progress(`failover: ${before.identifier} is ${view.status}, primary in ${view.availabilityZone ?? '?'} (was ${before.availabilityZone}), ${Math.round(elapsed / 1000)} s since the request`);
    await ctx.sleep(POLL_MS);
  }
}

/**
 * Whether the failover is over as clients see it, so probing may stop: the last tries answered
 * (and, with readiness on, accepted logins: `ready`), the address is in the standby's subnet (the
 * name moved), and either an outage ended after RDS logged the failover start
 * (`failoverStartedAt`, RDS's clock; the probe's tries are timed by the Lambda's, both AWS's), or
 * an outage ended on the move to the standby's subnet (whatever the start's Date: no AWS page
 * orders the two), or the instance is available in the other AZ (`settled`). An outage that ended
 * at the old address before RDS started the failover is a blip, not the failover's, and never stops probing:
 * RDS can start the failover seconds after the request (no AWS page bounds it), and a stop there
 * would miss the real outage and the DNS move. Otherwise the probe runs to {@link MAX_WINDOWS}.
 */
export function probingDone(
  a: TimelineAnalysis,
  before: Pick<InstanceView, 'availabilityZone' | 'secondaryAvailabilityZone' | 'subnets'>,
  failoverStartedAt: number | undefined,
  settled: boolean,
  ready?: TimelineAnalysis,
): boolean {
  if (!a.endsHealthy) return false;
  // With readiness on, the last tries must also accept logins: a promoted standby answers the
  // SSLRequest while it still refuses logins (57P03), and stopping then would cut the login downtime short.
  if (ready && !ready.endsHealthy) return false;
  const standby = before.secondaryAvailabilityZone;
  const zone = zoneOfAddress(a.lastAddress, before.subnets);
  const movedAway = zone !== undefined && standby !== undefined ? zone === standby : !!a.lastAddress && !!a.firstAddress && a.lastAddress !== a.firstAddress;
  if (!movedAway) return false;
  if (settled) return true;
  // An outage that ended on the move to the standby's subnet is the failover's, whatever RDS-EVENT-0013's Date.
  const isStandby = (address: string) => standby !== undefined && zoneOfAddress(address, before.subnets) === standby;
  return a.outages.some((o) => o.endAt !== undefined && ((failoverStartedAt !== undefined && o.endAt > failoverStartedAt) || endsAtNewAddress(a, o, isStandby)));
}

/**
 * Probe windows, one after the other, until {@link probingDone} or {@link MAX_WINDOWS}. When a
 * window ends undecided and the failover start is not known yet, this run's events are read
 * (`runEvents`), so the decision never waits for the next poll of the RDS wait.
 */
async function probeWindows(
  ctx: Ctx,
  clients: ObservationClients,
  functionName: string,
  seconds: number,
  state: WaitState,
  abortSignal: AbortSignal,
  before: InstanceView,
  runEvents: () => Promise<RdsEvent[]>,
): Promise<ProbeWindow[]> {
  const windows: ProbeWindow[] = [];
  const started = ctx.now();
  for (let i = 1; i <= MAX_WINDOWS; i++) {
    ctx.progress(`probe window ${i}/${MAX_WINDOWS}: ${seconds} s of tries, once a second (${Math.round((ctx.now() - started) / 1000)} s into probing)`);
    windows.push(await invokeProbe(clients, functionName, seconds, abortSignal));
    if (state.stop) break;
    const tries = mergeWindows(windows);
    const a = analyzeTimeline(tries);
    const ready = windows.every((w) => w.readiness) ? analyzeTimeline(tries, { level: 'ready' }) : undefined;
    if (probingDone(a, before, state.startedAt, state.settled, ready)) break;
    if (state.requested && state.startedAt === undefined && a.endsHealthy) {
      state.startedAt = parseFailoverEvents(await runEvents()).started;
      if (probingDone(a, before, state.startedAt, state.settled, ready)) break;
    }
  }
  return windows;
}

/**
 * DescribeEvents of the instance from `from` on, every page (Marker). No EndTime: the API reference
 * ("DescribeEvents", https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeEvents.html)
 * filters StartTime/EndTime on the event time, and an EndTime from the caller's clock could cut off
 * events that RDS's clock dates later.
 */
async function describeEvents(clients: ObservationClients, identifier: string, from: Date): Promise<RdsEvent[]> {
  const { DescribeEventsCommand } = await import('@aws-sdk/client-rds');
  const rds = await clients.rds();
  const events: RdsEvent[] = [];
  let marker: string | undefined;
  do {
    const out = await rds.send(new DescribeEventsCommand({ SourceIdentifier: identifier, SourceType: 'db-instance', StartTime: from, Marker: marker }));
    events.push(...(out.Events ?? []));
    marker = out.Marker;
  } while (marker);
  return events;
}

/**
 * The caller's clock corrected by the offset the SDK keeps for signing (`systemClockOffset`, set
 * after a clock-skew error): the best estimate of AWS's "now" without asking AWS.
 */
async function awsNow(ctx: Ctx, clients: ObservationClients): Promise<number> {
  const rds = await clients.rds();
  const offset = (rds.config as { systemClockOffset?: number }).systemClockOffset;
  return ctx.now() + (typeof offset === 'number' && Number.isFinite(offset) ? offset : 0);
}

/** An event's identity (its Date and Message), to tell the events of this run from older ones. */
function eventKey(e: RdsEvent): string {
  return `${e.Date?.getTime() ?? '?'}|${e.Message ?? ''}`;
}

/** What the look-back before the reboot counts as a recent failover. */
export const RECENT_FAILOVER_EVENTS: readonly RdsEventId[] = ['RDS-EVENT-0013', 'RDS-EVENT-0015', 'RDS-EVENT-0049', 'RDS-EVENT-0050', 'RDS-EVENT-0051', 'RDS-EVENT-0065'];

/** The newest of {@link RECENT_FAILOVER_EVENTS} in a list of events, if any. */
export function newestFailoverEvent(events: readonly RdsEvent[]): { at: number; eventId: RdsEventId } | undefined {
  let newest: { at: number; eventId: RdsEventId } | undefined;
  for (const e of events) {
    const eventId = eventIdOf(e);
    if (!e.Date || !eventId || !RECENT_FAILOVER_EVENTS.includes(eventId)) continue;
    if (!newest || e.Date.getTime() > newest.at) newest = { at: e.Date.getTime(), eventId };
  }
  return newest;
}

/**
 * The error codes of a missing permission: AccessDeniedException and NotAuthorized in the RDS API
 * reference's "Common Errors" (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/CommonErrors.html);
 * the Query protocol also answers `AccessDenied`.
 */
const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'NotAuthorized', 'UnauthorizedOperation']);

function isAccessDenied(error: unknown): boolean {
  const e = error as { name?: string; Code?: string };
  return ACCESS_DENIED.has(e?.name ?? '') || ACCESS_DENIED.has(e?.Code ?? '');
}

/**
 * Why not to reboot when the baseline found the endpoint's address in the subnet of the AZ that
 * RDS calls the standby's, with no failover logged in {@link RECENT_FAILOVER_WINDOW_MS}: RDS's AZ
 * fields lag an older failover ("might not be reflected ... in calls to the AWS CLI and RDS API, for
 * several minutes", "Rebooting a DB instance",
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_RebootInstance.html, and AWS gives
 * no bound), so which AZ a new failover leaves and reaches could not be judged. Nothing is
 * disrupted for a run that could only be inconclusive. A baseline that failed decides nothing here:
 * its own checks report it.
 */
async function fieldsBehindAddress(ctx: Pick<ObserveContext, 'observe' | 'progress'>, before: InstanceView): Promise<string | undefined> {
  let zone: string | undefined;
  try {
    zone = (await ctx.observe(baseline)).addressZone;
  } catch {
    return undefined;
  }
  if (!zone || zone === before.availabilityZone || zone !== before.secondaryAvailabilityZone) return undefined;
  const reason =
    `the endpoint's address is in a subnet of ${zone}, where RDS shows the standby (AvailabilityZone ${before.availabilityZone}, SecondaryAvailabilityZone ${zone}), and RDS logged no failover in the last ${Math.round(RECENT_FAILOVER_WINDOW_MS / 60_000)} minutes: ` +
    'the AZ fields have not caught up with an earlier failover (AWS gives no bound on "several minutes"), so where a failover starts and ends could not be judged; nothing was rebooted: run the check again later';
  ctx.progress(reason);
  return reason;
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
  uses: [baseline],
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
    // "SecondaryAvailabilityZone: If present, specifies the name of the secondary Availability Zone for a DB instance with
    // multi-AZ support" ("DBInstance", https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBInstance.html). Absent,
    // the standby may be being rebuilt, and whether the primary moved to the standby's AZ could not be judged: nothing is
    // rebooted (final review F1).
    if (!before.secondaryAvailabilityZone) {
      return {
        kind: 'refused',
        before,
        reason: `DescribeDBInstances shows no SecondaryAvailabilityZone for the Multi-AZ instance ${before.identifier} (the field is "If present"): its standby may be being rebuilt, after a recent failover or maintenance, so a failover's move to the standby's AZ could not be judged; nothing was rebooted; run the check again once it shows a standby AZ`,
      };
    }

    // Before anything is disrupted: did RDS fail this instance over recently? Then it may decline
    // the forced failover (RDS-EVENT-0034), so nothing is rebooted. Every later DescribeEvents starts
    // at the same StartTime, and the events this one returned are not this run's: which events are
    // this run's never depends on the caller's clock.
    const nowAws = await awsNow(ctx, clients);
    const from = new Date(nowAws - RECENT_FAILOVER_WINDOW_MS);
    const history = await describeEvents(clients, before.identifier, from);
    const recent = newestFailoverEvent(history);
    const lookbackMinutes = Math.round(RECENT_FAILOVER_WINDOW_MS / 60_000);
    if (recent) {
      const minutesAgo = Math.max(0, Math.round((nowAws - recent.at) / 60_000));
      ctx.progress(
        `RDS logged a failover of ${before.identifier} ${minutesAgo} minutes ago (${recent.eventId} at ${new Date(recent.at).toISOString()}): nothing rebooted, RDS may decline a failover that follows a recent one; wait and run the check again`,
      );
      return { kind: 'recent', before, lastFailoverAt: recent.at, lastEventId: recent.eventId, minutesAgo, lookbackMinutes };
    }
    const lagging = await fieldsBehindAddress(ctx, before);
    if (lagging) return { kind: 'refused', before, reason: lagging };
    const seen = new Set(history.map(eventKey));
    const runEvents = async () => (await describeEvents(clients, before.identifier, from)).filter((e) => !seen.has(eventKey(e)));

    const state: WaitState = { settled: false, stop: false, requested: false };
    const spanStart = ctx.now();
    const abort = new AbortController();
    const probing = probeWindows(ctx, clients, out.ProbeFunctionName, seconds, state, abort.signal, before, runEvents);
    // Remember an early failure, and never leave an unhandled rejection behind.
    let probeFailure: unknown;
    let probeFailedAt: number | undefined;
    probing.catch((error) => {
      probeFailure = error;
      probeFailedAt = ctx.now();
    });
    await ctx.sleep(LEAD_MS);
    // A probe that failed before the reboot would measure nothing: do not disrupt the database for it.
    if (probeFailure !== undefined) throw probeFailure;

    ctx.progress(`RebootDBInstance ${before.identifier} with ForceFailover (primary in ${before.availabilityZone}, standby in ${before.secondaryAvailabilityZone})`);
    const request = await requestFailover(ctx, clients, before, runEvents);
    if (!request.accepted) {
      // Nothing to measure: stop waiting for the probe (the function itself ends with its window).
      state.stop = true;
      abort.abort();
      if (request.error) throw request.error;
      return { kind: 'refused', before, reason: request.reason };
    }
    const { requestedAt, note: rebootNote } = request;
    state.requested = true;

    // Wait for RDS in every case, even when probing fails: the check leaves the instance available.
    const [probed, waited] = await Promise.allSettled([
      probing,
      waitForFailover(ctx, clients, before, requestedAt, runEvents, state, () => abort.abort(new Error('RDS declined the failover (RDS-EVENT-0034)'))),
    ]);
    if (waited.status === 'rejected') throw waited.reason;
    const { statuses, settledSeconds, declinedAt, noticedAfterSeconds } = waited.value;
    const after = await describeInstance(clients, before.identifier);
    const { events, waitedSeconds: completionWaitedSeconds } = settledSeconds !== undefined && declinedAt === undefined ? await waitForCompletion(ctx, runEvents) : { events: parseFailoverEvents(await runEvents()), waitedSeconds: undefined };
    const note = rebootNote !== undefined ? { rebootNote } : {};
    if (declinedAt !== undefined) return { kind: 'declined', before, after, requestedAt, declinedAt, noticedAfterSeconds: noticedAfterSeconds ?? 0, statuses, events };
    // The probe failed after the failover was requested (its Invoke cut, most often by the caller's
    // network): an error naming the cause, which still says what RDS did meanwhile.
    if (probed.status === 'rejected') throw probeFailedAfterReboot(probed.reason, before, after, events, Math.max(0, Math.round(((probeFailedAt ?? ctx.now()) - requestedAt) / 1000)));
    const windows = probed.value;
    const attempts = mergeWindows(windows);
    const answers = analyzeTimeline(attempts);
    const ready = windows.every((w) => w.readiness) ? analyzeTimeline(attempts, { level: 'ready' }) : undefined;
    const skew = windows.length > 0 ? Math.round((windows[0].startedAt - spanStart) / 1000) : undefined;
    const clockSkewSeconds = skew !== undefined && Math.abs(skew) > SKEW_REPORT_SECONDS ? skew : undefined;
    if (clockSkewSeconds !== undefined) {
      ctx.progress(`your clock is about ${Math.abs(clockSkewSeconds)} s ${clockSkewSeconds > 0 ? 'behind' : 'ahead of'} the probe function's (AWS's): reported only, no judgement uses your clock`);
    }
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
      ...(completionWaitedSeconds !== undefined ? { completionWaitedSeconds } : {}),
      ...note,
      firstAddressZone: zoneOfAddress(answers.firstAddress, before.subnets),
      lastAddressZone: zoneOfAddress(answers.lastAddress, before.subnets),
      ...(clockSkewSeconds !== undefined ? { clockSkewSeconds } : {}),
    };
  },
});

/**
 * After the instance is available in the other AZ: this run's events, read every {@link POLL_MS}
 * for at most {@link COMPLETION_WAIT_MS} until RDS's completion event (after its start) is there.
 */
async function waitForCompletion(ctx: Ctx, runEvents: () => Promise<RdsEvent[]>): Promise<{ events: FailoverEvents; waitedSeconds: number }> {
  const from = ctx.now();
  for (;;) {
    const events = parseFailoverEvents(await runEvents());
    const waited = ctx.now() - from;
    if (events.completed !== undefined || waited >= COMPLETION_WAIT_MS) return { events, waitedSeconds: Math.round(waited / 1000) };
    ctx.progress(`the instance is available in the other AZ; RDS has logged no failover completion yet (${Math.round(waited / 1000)} s): reading DescribeEvents again, for at most ${COMPLETION_WAIT_MS / 1000} s`);
    await ctx.sleep(POLL_MS);
  }
}

/**
 * InvalidDBInstanceState: the error code of RebootDBInstance for "The DB instance isn't in a valid
 * state." (HTTP 400), in "RebootDBInstance", Errors,
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RebootDBInstance.html ("You can't
 * reboot your DB instance if it isn't in the available state": "Rebooting a DB instance",
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_RebootInstance.html). The SDK names it
 * InvalidDBInstanceStateFault (its model maps the Query error code InvalidDBInstanceState to it).
 */
export function isInvalidDbInstanceState(error: unknown): boolean {
  const e = error as { name?: string; Code?: string };
  return e?.name === 'InvalidDBInstanceStateFault' || e?.name === 'InvalidDBInstanceState' || e?.Code === 'InvalidDBInstanceState';
}

/** How many attempts the SDK made before this error (its retry middleware sets `$metadata.attempts`). */
function attemptsOf(error: unknown): number {
  const n = (error as { $metadata?: { attempts?: number } })?.$metadata?.attempts;
  return typeof n === 'number' && Number.isFinite(n) ? n : 1;
}

/** An error that says nothing about whether the request reached RDS: no HTTP answer at all. */
function isNoAnswer(error: unknown): boolean {
  const e = error as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  if (e?.$metadata?.httpStatusCode !== undefined) return e.$metadata.httpStatusCode >= 500;
  return e?.name === 'TimeoutError' || e?.name === 'AbortError' || /ECONNRESET|EPIPE|ETIMEDOUT|ECONNREFUSED|EAI_AGAIN|socket hang up|network|timed? ?out/i.test(`${e?.code ?? ''} ${e?.name ?? ''} ${e?.message ?? ''}`);
}

type FailoverRequest = { accepted: true; requestedAt: number; note?: string } | { accepted: false; reason: string; error?: Error };

/**
 * RebootDBInstance with ForceFailover. RebootDBInstance is not idempotent and the SDK retries a
 * request whose reply was lost (a timeout, a reset connection): the retry then finds the instance
 * rebooting and RDS answers InvalidDBInstanceState. So:
 * - InvalidDBInstanceState after the SDK's retry (`$metadata.attempts` > 1): the first attempt
 *   reached RDS; the failover was requested when the call went out;
 * - InvalidDBInstanceState on the first attempt, or no answer at all: accepted only when this
 *   run's events show RDS acting on it within {@link REBOOT_CONFIRM_MS} (RDS-EVENT-0013 started,
 *   or RDS-EVENT-0034 declined); else refused (InvalidDBInstanceState) or an error (no answer: the
 *   caller's network);
 * - a missing permission is an error saying what to grant; any other error: refused.
 */
async function requestFailover(ctx: Ctx, clients: ObservationClients, before: InstanceView, runEvents: () => Promise<RdsEvent[]>): Promise<FailoverRequest> {
  const { RebootDBInstanceCommand } = await import('@aws-sdk/client-rds');
  const rds = await clients.rds();
  const sentAt = ctx.now();
  try {
    await rds.send(new RebootDBInstanceCommand({ DBInstanceIdentifier: before.identifier, ForceFailover: true }));
    return { accepted: true, requestedAt: ctx.now() };
  } catch (error) {
    // A missing permission is the user's side: an error saying what to grant, never a verdict.
    if (isAccessDenied(error)) {
      return {
        accepted: false,
        reason: 'access denied',
        error: new Error(`your credentials may not call rds:RebootDBInstance on ${before.arn ?? before.identifier} (${errorText(error)}): allow it and run the check again; nothing was rebooted`),
      };
    }
    const invalidState = isInvalidDbInstanceState(error);
    const attempts = attemptsOf(error);
    if (invalidState && attempts > 1) {
      const note = `RebootDBInstance's first attempt got no reply and the SDK's retry (attempt ${attempts}) was answered InvalidDBInstanceState (the instance was no longer available): the first request reached RDS, so the failover counts as requested when the call went out`;
      ctx.progress(note);
      return { accepted: true, requestedAt: sentAt, note };
    }
    if (!invalidState && !isNoAnswer(error)) return { accepted: false, reason: `RDS refused the forced failover of ${before.identifier}: ${errorText(error)}` };
    ctx.progress(`RebootDBInstance answered ${errorText(error)}: looking for the failover in RDS's events for ${REBOOT_CONFIRM_MS / 1000} s (did the request reach RDS?)`);
    for (;;) {
      const events = parseFailoverEvents(await runEvents());
      if (events.started !== undefined || events.declined !== undefined) {
        const note = `RebootDBInstance answered ${errorText(error)}, but RDS logged ${events.started !== undefined ? 'the failover start (RDS-EVENT-0013)' : 'its decline (RDS-EVENT-0034)'} right after: the request reached RDS, so the failover counts as requested when the call went out`;
        ctx.progress(note);
        return { accepted: true, requestedAt: sentAt, note };
      }
      if (ctx.now() - sentAt >= REBOOT_CONFIRM_MS) break;
      await ctx.sleep(POLL_MS);
    }
    // An HTTP answer (InvalidDBInstanceState, a 5xx) is RDS's: refused. No answer at all is the caller's network.
    if (invalidState || (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode !== undefined) {
      return { accepted: false, reason: `RDS refused the forced failover of ${before.identifier}: ${errorText(error)}` };
    }
    return {
      accepted: false,
      reason: 'no answer',
      error: new Error(
        `RebootDBInstance got no answer from RDS (${errorText(error)}) and RDS logged no failover within ${REBOOT_CONFIRM_MS / 1000} s: most likely your network (a proxy, VPN or firewall); check that you can reach rds.${before.region ?? '<region>'}.amazonaws.com and run the check again`,
      ),
    };
  }
}

/** RDS's account of a failover in one line, for an error that ends the check. */
export function rdsAccount(before: InstanceView, after: InstanceView, events: FailoverEvents): string {
  const at = (ms: number | undefined) => (ms === undefined ? '?' : new Date(ms).toISOString());
  const logged =
    events.started === undefined
      ? 'RDS logged no failover start (RDS-EVENT-0013)'
      : `RDS logged the failover start at ${at(events.started)}${events.completed !== undefined ? ` and its completion (${events.completedBy}) at ${at(events.completed)}` : ' and no completion yet'}`;
  return `${logged}; the primary is in ${after.availabilityZone ?? '?'} (was ${before.availabilityZone ?? '?'}), status ${after.status}`;
}

/**
 * The error of a probe that failed after the reboot request: the cause in one line (a connection
 * cut or abandoned is the caller's network), then what RDS did meanwhile, since the failover went on.
 */
export function probeFailedAfterReboot(reason: unknown, before: InstanceView, after: InstanceView, events: FailoverEvents, afterSeconds: number): Error {
  const e = reason as { name?: string; code?: string; message?: string };
  const text = e?.message ?? String(reason);
  const cut = e?.name === 'TimeoutError' || e?.name === 'AbortError' || /ECONNRESET|EPIPE|ETIMEDOUT|socket hang up|network|aborted/i.test(`${e?.code ?? ''} ${text}`);
  const cause = cut
    ? `the probe's Invoke was cut ${afterSeconds} s after the failover was requested, most likely by your network (${text})`
    : `the probe failed ${afterSeconds} s after the failover was requested (${text})`;
  return new Error(
    `${cause}. Meanwhile ${rdsAccount(before, after, events)}. No claim was judged: wait ${Math.round(RECENT_FAILOVER_WINDOW_MS / 60_000)} minutes (the check does not reboot sooner after a failover) and run again, from a network that keeps idle connections open or with a shorter --window`,
  );
}
