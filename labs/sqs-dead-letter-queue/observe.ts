/**
 * The observation most of the lab's claims share: one poison message and {@link GOOD_MESSAGES} good
 * ones sent together, followed to the end.
 *
 * 0. **Readiness**: the consumer's event source mapping must be Enabled (GetEventSourceMapping),
 *    waited for a bounded time; otherwise the journey is an error and sends nothing.
 * 1. **Leftovers**: messages that runs started more than {@link EARLIER_RUN_DELETE_AFTER_MS} ago
 *    left in the dead-letter queue are deleted; younger ones are reported (the redrive moves them too).
 * 2. **Arrival**: the consumer's log lines count each receive; the dead-letter queue is scanned
 *    until the poison message shows up there; its attributes are read.
 * 3. **Redrive**: StartMessageMoveTask moves the dead-letter queue's messages back to their source;
 *    the task is followed with ListMessageMoveTasks until it ends (at most {@link MOVE_TASK_DEADLINE_MS},
 *    the lab's own deadline: a task still RUNNING then is cancelled and the redrive is inconclusive);
 *    the poison message is received again, as a new message, and, still poison, returns to the
 *    dead-letter queue.
 * 4. **Cleanup** (always): this run's messages are deleted by receipt handle. When a wait gave up
 *    while the poison message was still being received, it may land in the dead-letter queue after
 *    the cleanup: the progress says so. It stays there until a later check's redrive moves it back
 *    (every check counts only the messages and log lines of its own run id) or the lab is destroyed.
 *
 * Each client (SQS, CloudWatch Logs, Lambda) is created once per observation and reused by every poll.
 */
import type { ListMessageMoveTasksResultEntry, SQSClient } from '@aws-sdk/client-sqs';
import { type ObserveContext, observationsOf } from '../../lib/lab-kit/checks/lab-definition';
import {
  deleteEarlierRunMessages,
  deleteRunMessages,
  earlierRunOf,
  isOfRun,
  LAB_MARK,
  type LabEvent,
  newRunId,
  readLabEvents,
  type ScannedMessage,
  scanQueue,
  secondsBetween,
} from './aws-reads';
import { type MappingReadiness, waitForMappingEnabled } from './mapping-ready';
import { OUTPUTS } from './outputs';

/** What the phases of the journey use of their context: the clock, progress and the AWS config. */
type Run = Pick<ObserveContext, 'aws' | 'now' | 'sleep' | 'progress'>;

/** How often queues are scanned while waiting. */
export const POLL_MS = 2_000;
/** How often a waiting check reports progress. */
export const PROGRESS_EVERY_MS = 10_000;
/** Margin on top of the expected time before a wait gives up. */
export const WAIT_MARGIN_MS = 120_000;
/** Logs lag their function by seconds: how often they are read again while a count is short. */
export const LOG_SETTLE_MS = 5_000;
/** Longest wait for the logs to show every receive the queues say happened. */
export const LOG_SETTLE_MAX_MS = 60_000;
/**
 * How long the lab waits for its message move task to end. AWS documents no duration for a move
 * task, and a task may wait before it runs (ApproximateNumberOfMessagesToMove "is only included
 * after the message movement task is selected to start": "ListMessageMoveTasksResultEntry", Amazon
 * SQS API Reference,
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ListMessageMoveTasksResultEntry.html),
 * so this is the lab's own deadline, not an AWS figure: a task still RUNNING then makes the redrive
 * claim inconclusive (never a fail), and the lab cancels the task.
 */
export const MOVE_TASK_DEADLINE_MS = 120_000;
/**
 * After a move task is COMPLETED, how long ListMessageMoveTasks is read again while its
 * ApproximateNumberOfMessagesMoved is still below 1. The field is "The approximate number of messages
 * already moved" (same page), with no consistency stated, and AWS updates it after the status:
 * LocalStack's AWS-validated test waits up to 30 s for it ("in AWS, approximate number of messages may
 * take a while to update", localstack/localstack tests/aws/services/sqs/test_sqs_move_task.py). The count
 * is a figure, never the verdict, so this bound (the same 30 s, the lab's choice) only limits the reads.
 */
export const MOVED_COUNT_SETTLE_MS = 30_000;

/**
 * Scans of the dead-letter queue after the one that found the poison message, still looking for this run's
 * good messages: one ReceiveMessage returns "up to" MaxNumberOfMessages, not every message the queue holds
 * ("ReceiveMessage", Amazon SQS API Reference,
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html), so a good
 * message moved on the same cycle can be missed by that scan. The redrive's scans and the cleanup look too.
 */
export const GOOD_SCANS_AFTER_POISON = 3;

/**
 * Good messages sent with the poison one, in the same SendMessageBatch (at most 10 entries: "SendMessageBatch",
 * Amazon SQS API Reference, https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatch.html).
 * Partial batch responses are exercised only when a good message shares the poison message's invocation.
 * A standard-queue mapping polls with several pollers ("Lambda starts processing five batches at a time with
 * five concurrent invocations": "Configuring scaling behavior for SQS event source mappings",
 * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html), so messages sent together can be
 * split; a poller invokes when "the batching window reaches its maximum value", "the batch size is met" or
 * the payload reaches 6 MB ("How Lambda processes records from stream and queue-based event sources",
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html). With nine good messages
 * a split leaves the poison message alone only if no good one lands with it; AWS gives no odds for how SQS
 * spreads messages over pollers, so the lab only reports how many shared its invocation.
 */
export const GOOD_MESSAGES = 9;
/**
 * A run started this long ago is over (a full check run takes under 15 minutes), so the messages it left
 * in the dead-letter queue (an interrupted run's poison message) are deleted at the start of a run;
 * younger ones are reported and, since a move task moves the whole queue, redriven with this run's.
 */
export const EARLIER_RUN_DELETE_AFTER_MS = 60 * 60_000;
/** A message of an earlier run of the lab seen in the dead-letter queue. */
export interface EarlierRunMessage {
  readonly runId: string;
  readonly messageId: string;
  readonly kind?: string;
}

/** One receive of one message by the consumer, from its log line. */
export interface ConsumerReceive {
  readonly messageId: string;
  readonly kind: string;
  /** The message's ApproximateReceiveCount as Lambda passed it. */
  readonly receiveCount: number;
  readonly sentTimestamp: number;
  /**
   * ApproximateFirstReceiveTimestamp as Lambda passed it (epoch ms, SQS's clock): when SQS first
   * returned the message, so when its first visibility timeout began. Absent when the record lacked it.
   */
  readonly firstReceiveTimestamp?: number;
  readonly outcome: string;
  /** The Lambda request id of the invocation that got it: one id per invocation, so per batch. */
  readonly requestId?: string;
  /** When the consumer handled it (the function's clock, ms). */
  readonly at: number;
}

/** The queue settings read from SQS (not from the template: what AWS actually applies). */
export interface QueueSettings {
  readonly maxReceiveCount: number;
  readonly deadLetterTargetArn: string;
  readonly visibilityTimeoutSeconds: number;
  readonly sourceRetentionSeconds: number;
  readonly deadLetterRetentionSeconds: number;
}

export interface ArrivalObservation {
  readonly settings: QueueSettings;
  /** The good messages sent with the poison one ({@link GOOD_MESSAGES}), by the ids SendMessageBatch returned. */
  readonly goodMessageIds: readonly string[];
  readonly poisonMessageId: string;
  /** The poison message's receives before it reached the dead-letter queue. */
  readonly poisonReceives: readonly ConsumerReceive[];
  readonly goodReceives: readonly ConsumerReceive[];
  /** The poison message as the dead-letter queue returned it; absent when it never arrived. */
  readonly inDeadLetterQueue?: ScannedMessage;
  /** From sending to first seeing it in the dead-letter queue (local clock, scans every 2 s). */
  readonly secondsToDeadLetterQueue?: number;
  /** A good message of this run was seen in the dead-letter queue by the arrival scans. */
  readonly goodSeenInDeadLetterQueue: boolean;
  /** Their ids. */
  readonly goodIdsSeenInDeadLetterQueue?: readonly string[];
  /** How long the wait lasted before giving up, when it gave up. */
  readonly gaveUpAfterSeconds?: number;
  /** Messages of runs that started over {@link EARLIER_RUN_DELETE_AFTER_MS} before, deleted from the dead-letter queue before sending. */
  readonly earlierRunMessagesDeleted?: number;
  /** Messages of younger earlier runs the dead-letter queue scans returned (left alone; a redrive moves them too). */
  readonly earlierRunMessages?: readonly EarlierRunMessage[];
}

export interface RedriveObservation {
  readonly taskHandle?: string;
  /** The task's last listed Status (RUNNING, COMPLETED, CANCELLING, CANCELLED or FAILED); absent when it was never listed. */
  readonly status?: string;
  readonly failureReason?: string;
  /** ApproximateNumberOfMessagesMoved as last read (re-read for up to {@link MOVED_COUNT_SETTLE_MS} after COMPLETED while below 1). */
  readonly moved?: number;
  /** Seconds after the task was seen COMPLETED that `moved` was read. */
  readonly movedReadSecondsAfterCompleted?: number;
  readonly toMove?: number;
  readonly taskSeconds?: number;
  /** The lab's deadline for the task to end ({@link MOVE_TASK_DEADLINE_MS}), seconds. */
  readonly taskDeadlineSeconds?: number;
  /** The task was still RUNNING (or never listed) at the deadline: what CancelMessageMoveTask then did. */
  readonly cancelAtDeadline?: { readonly cancelled: boolean; readonly error?: string };
  /** Receives of the poison message after the move (a new message: its own receive count). */
  readonly receivesAfter: readonly ConsumerReceive[];
  /**
   * The poison message back in the dead-letter queue after failing again: the copy of this run whose
   * SentTimestamp is the redriven message's (kept on the move: "Setting-up dead-letter queue retention in
   * Amazon SQS") and which is not the original's copy.
   */
  readonly backInDeadLetterQueue?: ScannedMessage;
  /** Whether the copy back in the dead-letter queue carries the id the consumer received after the redrive (reported, not judged). */
  readonly backUnderRedrivenId?: boolean;
  readonly secondsBackToDeadLetterQueue?: number;
  /** Why the redrive did not run its course, as AWS showed it (not attempted, the task ended FAILED, the message did not return). */
  readonly error?: string;
  /** The phase could not run (an SDK call failed: a missing right, the network): an error of the check, not a verdict. */
  readonly couldNotObserve?: string;
  /** Ids of this run's good messages the redrive's dead-letter queue scans saw (none should ever be there). */
  readonly goodSeenInDeadLetterQueue?: readonly string[];
}

/** What the cleanup deleted from the dead-letter queue; absent when it failed. */
export interface CleanupObservation {
  readonly deleted: number;
  /** Ids of this run's good messages it found (and deleted) in the dead-letter queue. */
  readonly goodInDeadLetterQueue: readonly string[];
}

export interface JourneyObservation {
  readonly runId: string;
  /** The consumer's event source mapping as the run found it before sending (always Enabled: otherwise the journey is an error). */
  readonly mapping?: MappingReadiness;
  readonly arrival: ArrivalObservation;
  readonly redrive: RedriveObservation;
  readonly cleanup?: CleanupObservation;
  readonly seconds: number;
}

/** A RedrivePolicy attribute as SQS returns it (a JSON string; maxReceiveCount may be a string). */
export function parseRedrivePolicy(value: string | undefined): { deadLetterTargetArn: string; maxReceiveCount: number } {
  if (!value) throw new Error('the source queue has no RedrivePolicy: it has no dead-letter queue');
  const policy = JSON.parse(value);
  const maxReceiveCount = Number(policy.maxReceiveCount);
  if (!policy.deadLetterTargetArn || !Number.isInteger(maxReceiveCount)) {
    throw new Error(`the source queue's RedrivePolicy is not usable: ${value}`);
  }
  return { deadLetterTargetArn: String(policy.deadLetterTargetArn), maxReceiveCount };
}

/** The consumer's receives of one kind of message, from its lab events. */
export function receivesOf(events: readonly LabEvent[], kind: string): ConsumerReceive[] {
  return events
    .filter((e) => e.event === 'receive' && e.kind === kind)
    .map((e) => ({
      messageId: String(e.messageId ?? ''),
      kind,
      receiveCount: Number(e.receiveCount),
      sentTimestamp: Number(e.sentTimestamp),
      ...(Number.isFinite(Number(e.firstReceiveTimestamp ?? NaN)) ? { firstReceiveTimestamp: Number(e.firstReceiveTimestamp) } : {}),
      outcome: String(e.outcome ?? ''),
      requestId: e.requestId,
      at: e.at,
    }));
}

/**
 * How many different ApproximateReceiveCounts a message's logged receives carry: the receives the logs
 * have shown, a duplicate copy (a count repeated: {@link distinctReceives}) not counted twice.
 */
export function distinctCounts(receives: readonly ConsumerReceive[]): number {
  return new Set(receives.map((r) => r.receiveCount).filter(Number.isFinite)).size;
}

/** Seconds between consecutive receives. */
export function intervals(receives: readonly ConsumerReceive[]): number[] {
  return receives.slice(1).map((r, i) => secondsBetween(receives[i].at, r.at));
}

/**
 * Splits a message's receives (oldest first) into the ones that advanced its ApproximateReceiveCount
 * and the duplicates: a receive whose count repeats or goes back is another copy of the message.
 * A standard queue delivers at least once: "On rare occasions, one of the servers that stores a copy
 * of a message might be unavailable when you receive or delete a message. If this occurs, the copy of
 * the message isn't deleted on the server that is unavailable, and you might get that message copy
 * again when you receive messages" ("Amazon SQS at-least-once delivery", Amazon SQS Developer Guide,
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/standard-queues-at-least-once-delivery.html).
 * Such a copy says nothing about maxReceiveCount or the visibility timeout, so it is reported, not
 * judged. A receive whose count goes up is never a duplicate: a count above maxReceiveCount, or one
 * that comes too early, still contradicts the truth.
 */
export function distinctReceives(receives: readonly ConsumerReceive[]): { kept: ConsumerReceive[]; duplicates: ConsumerReceive[] } {
  const kept: ConsumerReceive[] = [];
  const duplicates: ConsumerReceive[] = [];
  let highest = -Infinity;
  for (const r of receives) {
    if (Number.isFinite(r.receiveCount) && r.receiveCount <= highest) duplicates.push(r);
    else {
      kept.push(r);
      if (Number.isFinite(r.receiveCount)) highest = r.receiveCount;
    }
  }
  return { kept, duplicates };
}

/**
 * The receives of the redriven message after a move: redriven messages "are considered new messages
 * with a new messageID" ("Learn how to configure a dead-letter queue redrive in Amazon SQS",
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-configure-dead-letter-queue-redrive.html),
 * so it is the first receive whose id differs from every id of the original (its id in the source and the
 * one the dead-letter queue showed), and every later receive of that id.
 * Receives that still carry the original id are copies of the original (at-least-once delivery): when
 * no receive has a new id, every receive is the original's and `redrivenId` is absent.
 */
export function redrivenReceives(
  receivesAfter: readonly ConsumerReceive[],
  originalIds: string | readonly string[],
): { redrivenId?: string; redriven: ConsumerReceive[]; others: ConsumerReceive[] } {
  // The original's ids: the one SendMessageBatch returned and the one the dead-letter queue showed (no page says a move to a
  // dead-letter queue keeps it), so an id kept from either is not "a new messageID".
  const originals = typeof originalIds === 'string' ? [originalIds] : originalIds;
  const redrivenId = receivesAfter.find((r) => !originals.includes(r.messageId))?.messageId;
  if (redrivenId === undefined) return { redriven: [...receivesAfter], others: [] };
  return { redrivenId, redriven: receivesAfter.filter((r) => r.messageId === redrivenId), others: receivesAfter.filter((r) => r.messageId !== redrivenId) };
}

/**
 * The copy of the redriven poison message back in the dead-letter queue, among this run's poison
 * sightings. SQS documents no message id for a move to a dead-letter queue, but for a standard queue
 * "When a message is moved to a dead-letter queue, the enqueue timestamp is unchanged" ("Setting-up
 * dead-letter queue retention in Amazon SQS",
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/setting-up-dead-letter-queue-retention.html),
 * while a redriven message gets "a new messageID and enqueueTime" ("Learn how to configure a dead-letter
 * queue redrive in Amazon SQS"). So the copy back is the one with the redriven message's SentTimestamp that
 * is not a copy of the original (the original's id with the original's SentTimestamp, which a scan may
 * still return: at-least-once delivery).
 */
export function redrivenCopyBack(
  sightings: readonly ScannedMessage[],
  redrivenSentTimestamp: number | undefined,
  original: { readonly ids: readonly string[]; readonly sentTimestamp?: number },
): ScannedMessage | undefined {
  if (redrivenSentTimestamp === undefined || !Number.isFinite(redrivenSentTimestamp)) return undefined;
  return sightings.find((m) => m.sentTimestamp === redrivenSentTimestamp && !(original.ids.includes(m.messageId) && m.sentTimestamp === original.sentTimestamp));
}

/** A message's first receive as the logs showed it: SQS's ApproximateFirstReceiveTimestamp, and when the run first saw the line (local clock). */
export interface FirstReceive {
  readonly timestamp?: number;
  readonly seenAt: number;
}

/** The first receive among a message's logged receives, seen at `seenAt`; undefined when none is logged yet. */
export function firstReceiveOf(receives: readonly ConsumerReceive[], seenAt: number): FirstReceive | undefined {
  if (receives.length === 0) return undefined;
  const timestamps = receives.map((r) => r.firstReceiveTimestamp).filter((t): t is number => t !== undefined && Number.isFinite(t));
  return { ...(timestamps.length > 0 ? { timestamp: Math.min(...timestamps) } : {}), seenAt };
}

/**
 * When the wait for a message's receives and its move gives up. Until its first receive shows in the
 * logs: `start` (the send, or the move task's completion) + `expectedMs` (maxReceiveCount × visibility
 * timeout) + {@link WAIT_MARGIN_MS}. Then the same counted from the first receive, SQS's
 * ApproximateFirstReceiveTimestamp ("the time the message was first received from the queue (epoch time in
 * milliseconds)": "ReceiveMessage", Amazon SQS API Reference,
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html), so a slow
 * first poll does not eat into the wait. SQS's clock is not this machine's, so the instant is held between
 * `start` (no receive before it) and when the run saw the line (no receive after it): bounded either way, the
 * wait lasts at most twice the first bound.
 */
export function moveDeadline(start: number, first: FirstReceive | undefined, expectedMs: number): number {
  if (!first) return start + expectedMs + WAIT_MARGIN_MS;
  const anchor = Math.min(Math.max(first.timestamp ?? first.seenAt, start), first.seenAt);
  return anchor + expectedMs + WAIT_MARGIN_MS;
}

function messageBody(runId: string, kind: 'good' | 'poison'): string {
  return JSON.stringify({ lab: LAB_MARK, runId, kind, ...(kind === 'poison' ? { poison: true } : {}) });
}

/** Follows one poison and {@link GOOD_MESSAGES} good messages to the end, once per check run (three claims judge it). */
export const journey = observationsOf(OUTPUTS)({
  name: 'journey',
  outputs: ['SourceQueueUrl', 'DeadLetterQueueUrl', 'DeadLetterQueueArn', 'ConsumerLogGroupName', 'ConsumerEventSourceMappingId'],
  observe: (ctx): Promise<JourneyObservation> => followJourney(ctx, ctx.outputs),
});

type JourneyOutputs = Readonly<Record<'SourceQueueUrl' | 'DeadLetterQueueUrl' | 'DeadLetterQueueArn' | 'ConsumerLogGroupName' | 'ConsumerEventSourceMappingId', string>>;

async function followJourney(ctx: Run, out: JourneyOutputs): Promise<JourneyObservation> {
  const { SQSClient } = await import('@aws-sdk/client-sqs');
  const { CloudWatchLogsClient } = await import('@aws-sdk/client-cloudwatch-logs');
  const { LambdaClient } = await import('@aws-sdk/client-lambda');
  const sqs = new SQSClient(ctx.aws);
  const logs = new CloudWatchLogsClient(ctx.aws);
  const started = ctx.now();
  // Readiness first: nothing is sent until Lambda polls the source (an error of the journey's claims otherwise).
  const mapping = await waitForMappingEnabled(ctx, new LambdaClient(ctx.aws), out.ConsumerEventSourceMappingId);
  const runId = newRunId(ctx);
  // Logs are searched from a little before the start, to absorb clock skew between here and AWS.
  const logsFrom = started - 5 * 60_000;
  const events = () => readLabEvents(logs, out.ConsumerLogGroupName, runId, logsFrom);
  const poison: PoisonWhereabouts = { inDeadLetterQueue: false };

  let observed: Omit<JourneyObservation, 'cleanup'> | undefined;
  let cleanup: CleanupObservation | undefined;
  try {
    const arrival = await observeArrival(ctx, sqs, out, runId, events, poison);
    // A failure in the redrive is recorded, not thrown, so the claims of the arrival still stand;
    // the redrive claim reports it as an error of the check.
    const redrive: RedriveObservation = arrival.inDeadLetterQueue
      ? await observeRedrive(ctx, sqs, out, runId, arrival, events, poison).catch((error: Error): RedriveObservation => ({ receivesAfter: [], couldNotObserve: error.message }))
      : { receivesAfter: [], error: 'not attempted: the poison message never reached the dead-letter queue' };
    observed = { runId, mapping, arrival, redrive, seconds: secondsBetween(started, ctx.now()) };
  } finally {
    cleanup = await cleanUp(ctx, sqs, out, runId, !poison.inDeadLetterQueue);
  }
  // The cleanup's finds are part of the observation: a good message in the dead-letter queue is judged wherever it was seen.
  return { ...observed, ...(cleanup ? { cleanup } : {}) };
}

/**
 * Where the run's poison message was last seen: in the dead-letter queue (where the cleanup finds
 * and deletes it) or not (still in the source, being received, so it may reach the dead-letter
 * queue after the cleanup).
 */
interface PoisonWhereabouts {
  inDeadLetterQueue: boolean;
}

async function observeArrival(
  ctx: Run,
  sqs: SQSClient,
  out: Record<'SourceQueueUrl' | 'DeadLetterQueueUrl', string>,
  runId: string,
  events: () => Promise<LabEvent[]>,
  poison: PoisonWhereabouts,
): Promise<ArrivalObservation> {
  const { GetQueueAttributesCommand, SendMessageBatchCommand } = await import('@aws-sdk/client-sqs');
  const attrs = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: out.SourceQueueUrl, AttributeNames: ['RedrivePolicy', 'VisibilityTimeout', 'MessageRetentionPeriod'] }),
  );
  const dlqAttrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: out.DeadLetterQueueUrl, AttributeNames: ['MessageRetentionPeriod'] }));
  const settings: QueueSettings = {
    ...parseRedrivePolicy(attrs.Attributes?.RedrivePolicy),
    visibilityTimeoutSeconds: Number(attrs.Attributes?.VisibilityTimeout ?? 30),
    sourceRetentionSeconds: Number(attrs.Attributes?.MessageRetentionPeriod ?? 345_600),
    deadLetterRetentionSeconds: Number(dlqAttrs.Attributes?.MessageRetentionPeriod ?? 345_600),
  };
  const expectedSeconds = settings.maxReceiveCount * settings.visibilityTimeoutSeconds;

  // Leftovers of runs that ended long ago (an interrupted run's poison message): deleted, and said.
  const removed = await deleteEarlierRunMessages(sqs, out.DeadLetterQueueUrl, ctx.now() - EARLIER_RUN_DELETE_AFTER_MS);
  if (removed.length > 0) {
    ctx.progress(
      `deleted ${removed.length} message(s) that runs started over ${EARLIER_RUN_DELETE_AFTER_MS / 60_000} minutes ago left in the dead-letter queue ` +
        `(runs ${[...new Set(removed.map((m) => String(m.body?.runId)))].join(', ')}), so this run's redrive does not move them again`,
    );
  }
  ctx.progress(
    `sending ${GOOD_MESSAGES} good messages and a poison one; the poison one should reach the dead-letter queue after ${settings.maxReceiveCount} receives, ` +
      `about ${expectedSeconds} s (${settings.maxReceiveCount} × ${settings.visibilityTimeoutSeconds} s visibility timeout)`,
  );

  const sentAt = ctx.now();
  const sent = await sqs.send(
    new SendMessageBatchCommand({
      QueueUrl: out.SourceQueueUrl,
      Entries: [
        { Id: 'poison', MessageBody: messageBody(runId, 'poison') },
        ...Array.from({ length: GOOD_MESSAGES }, (_, i) => ({ Id: `good-${i + 1}`, MessageBody: messageBody(runId, 'good') })),
      ],
    }),
  );
  if ((sent.Failed ?? []).length > 0) {
    throw new Error(`SendMessageBatch refused: ${(sent.Failed ?? []).map((f) => `${f.Id} ${f.Code}: ${f.Message}`).join('; ')}`);
  }
  const idOf = (id: string) => sent.Successful?.find((s) => s.Id === id)?.MessageId ?? '';

  let found: ScannedMessage | undefined;
  let foundAt = 0;
  const goodSeen = new Set<string>();
  const earlier = new Map<string, EarlierRunMessage>();
  let lastProgress = ctx.now();
  const expectedMs = expectedSeconds * 1000;
  // Counted from the first receive once the logs show it (a slow first poll does not eat into the wait).
  let firstReceive: FirstReceive | undefined;
  let scansAfterFound = 0;
  while ((!found || scansAfterFound < GOOD_SCANS_AFTER_POISON) && ctx.now() < moveDeadline(sentAt, firstReceive, expectedMs)) {
    if (found) scansAfterFound += 1;
    const scanned = await scanQueue(sqs, out.DeadLetterQueueUrl, { visibilityTimeout: 0 });
    for (const m of scanned) {
      const other = earlierRunOf(m, runId);
      if (other !== undefined && !earlier.has(m.messageId)) earlier.set(m.messageId, { runId: other, messageId: m.messageId, ...(m.body?.kind ? { kind: String(m.body.kind) } : {}) });
    }
    for (const m of scanned.filter((x) => isOfRun(x, runId))) {
      if (m.body?.kind === 'poison' && !found) {
        found = m;
        foundAt = ctx.now();
      }
      if (m.body?.kind === 'good') goodSeen.add(m.messageId);
    }
    if (!found && ctx.now() - lastProgress >= PROGRESS_EVERY_MS) {
      lastProgress = ctx.now();
      const receives = receivesOf(await events(), 'poison');
      firstReceive ??= firstReceiveOf(receives, ctx.now());
      const n = receives.length;
      ctx.progress(`poison message: ${n} of ${settings.maxReceiveCount} receives so far, not in the dead-letter queue yet (${secondsBetween(sentAt, ctx.now())} s)`);
    }
    await ctx.sleep(POLL_MS);
  }
  const waitEndedAt = ctx.now();
  if (found) {
    poison.inDeadLetterQueue = true;
    ctx.progress(`poison message in the dead-letter queue after ${secondsBetween(sentAt, foundAt)} s`);
  }

  // Every receive of the poison message, and each good message's one.
  // Counted as distinct receives (review 4 F7): a duplicate copy's line must not end the wait while a receive's line still lags.
  const settled = await settle(
    ctx,
    events,
    (e) => Math.min(distinctCounts(receivesOf(e, 'poison')), settings.maxReceiveCount) + Math.min(new Set(receivesOf(e, 'good').map((r) => r.messageId)).size, GOOD_MESSAGES),
    settings.maxReceiveCount + GOOD_MESSAGES,
  );
  return {
    settings,
    goodMessageIds: Array.from({ length: GOOD_MESSAGES }, (_, i) => idOf(`good-${i + 1}`)),
    poisonMessageId: idOf('poison'),
    poisonReceives: receivesOf(settled, 'poison'),
    goodReceives: receivesOf(settled, 'good'),
    inDeadLetterQueue: found,
    secondsToDeadLetterQueue: found ? secondsBetween(sentAt, foundAt) : undefined,
    goodSeenInDeadLetterQueue: goodSeen.size > 0,
    ...(goodSeen.size > 0 ? { goodIdsSeenInDeadLetterQueue: [...goodSeen] } : {}),
    gaveUpAfterSeconds: found ? undefined : secondsBetween(sentAt, waitEndedAt),
    ...(removed.length > 0 ? { earlierRunMessagesDeleted: removed.length } : {}),
    ...(earlier.size > 0 ? { earlierRunMessages: [...earlier.values()] } : {}),
  };
}

/**
 * Reads the log events until `count` reaches `expected`, every {@link LOG_SETTLE_MS}, for at most
 * {@link LOG_SETTLE_MAX_MS}. CloudWatch Logs can lag its function by many seconds, so two reads that
 * agree prove nothing: a line can still be on its way. When the count stays short, the last read is
 * returned and the claim reports what it shows.
 */
export async function settle(ctx: Pick<ObserveContext, 'now' | 'sleep'>, read: () => Promise<LabEvent[]>, count: (e: LabEvent[]) => number, expected: number): Promise<LabEvent[]> {
  const started = ctx.now();
  let last = await read();
  while (count(last) < expected && ctx.now() - started < LOG_SETTLE_MAX_MS) {
    await ctx.sleep(LOG_SETTLE_MS);
    last = await read();
  }
  return last;
}

async function observeRedrive(
  ctx: Run,
  sqs: SQSClient,
  out: Record<'DeadLetterQueueUrl' | 'DeadLetterQueueArn', string>,
  runId: string,
  arrival: ArrivalObservation,
  events: () => Promise<LabEvent[]>,
  poison: PoisonWhereabouts,
): Promise<RedriveObservation> {
  const { CancelMessageMoveTaskCommand, ListMessageMoveTasksCommand, StartMessageMoveTaskCommand } = await import('@aws-sdk/client-sqs');
  const source = out.DeadLetterQueueArn;
  const latest = async (): Promise<ListMessageMoveTasksResultEntry[]> =>
    (await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: source, MaxResults: 10 }))).Results ?? [];

  // Only one move task may run per queue: wait for an earlier one to end. Status values and
  // TaskHandle (RUNNING tasks only): "ListMessageMoveTasksResultEntry (Amazon SQS API Reference)",
  // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ListMessageMoveTasksResultEntry.html
  const busyUntil = ctx.now() + 60_000;
  let earlier = await latest();
  while (earlier.some((t) => t.Status === 'RUNNING' || t.Status === 'CANCELLING')) {
    if (ctx.now() >= busyUntil) return { receivesAfter: [], error: 'another message move task on the dead-letter queue is still running after 60 s' };
    ctx.progress('waiting for an earlier message move task on the dead-letter queue to end');
    await ctx.sleep(5_000);
    earlier = await latest();
  }
  const newestEarlier = Math.max(-Infinity, ...earlier.map((t) => t.StartedTimestamp ?? -Infinity));

  const earlierRuns = arrival.earlierRunMessages ?? [];
  ctx.progress(
    'redriving the dead-letter queue to its source (StartMessageMoveTask)' +
      (earlierRuns.length > 0
        ? `; it also holds ${earlierRuns.length} message(s) of earlier runs (${[...new Set(earlierRuns.map((m) => m.runId))].join(', ')}), which the task moves back too: ` +
          'a poison one fails again and returns (runs older than an hour are deleted at the start of a run)'
        : ''),
  );
  const startedAt = ctx.now();
  const { TaskHandle } = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: source }));
  // From here the poison message may be on its way back to the source.
  poison.inDeadLetterQueue = false;
  // ListMessageMoveTasks returns the TaskHandle of RUNNING tasks only: remember the task's start
  // timestamp while it runs, and recognize it by that once it has ended.
  let startedTimestamp: number | undefined;
  const ours = (tasks: ListMessageMoveTasksResultEntry[]): ListMessageMoveTasksResultEntry | undefined => {
    const byHandle = tasks.find((t) => t.TaskHandle !== undefined && t.TaskHandle === TaskHandle);
    if (byHandle) startedTimestamp = byHandle.StartedTimestamp;
    return byHandle ?? tasks.find((t) => (startedTimestamp !== undefined ? t.StartedTimestamp === startedTimestamp : (t.StartedTimestamp ?? -Infinity) > newestEarlier));
  };
  let task: ListMessageMoveTasksResultEntry | undefined;
  const taskDeadline = startedAt + MOVE_TASK_DEADLINE_MS;
  const taskDeadlineSeconds = MOVE_TASK_DEADLINE_MS / 1000;
  let lastProgress = ctx.now();
  while (ctx.now() < taskDeadline) {
    task = ours(await latest());
    if (task?.Status && task.Status !== 'RUNNING') break;
    if (ctx.now() - lastProgress >= PROGRESS_EVERY_MS) {
      lastProgress = ctx.now();
      ctx.progress(`move task ${task?.Status ?? 'not listed yet'}: ${task?.ApproximateNumberOfMessagesMoved ?? 0} of ${task?.ApproximateNumberOfMessagesToMove ?? '?'} moved`);
    }
    await ctx.sleep(POLL_MS);
  }
  const base = {
    taskHandle: TaskHandle,
    status: task?.Status,
    failureReason: task?.FailureReason,
    moved: task?.ApproximateNumberOfMessagesMoved,
    toMove: task?.ApproximateNumberOfMessagesToMove,
    taskDeadlineSeconds,
  };
  if (!task?.Status || task.Status === 'RUNNING') {
    // The lab's deadline passed: the run did not see the redrive. Cancel the task, so it does not move
    // this run's message after the cleanup ("A message movement can only be cancelled when the current
    // status is RUNNING. Cancelling a message movement task does not revert the messages that have
    // already been moved": "CancelMessageMoveTask", Amazon SQS API Reference,
    // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CancelMessageMoveTask.html).
    let cancelAtDeadline: { cancelled: boolean; error?: string };
    try {
      await sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle }));
      cancelAtDeadline = { cancelled: true };
      ctx.progress(`move task still ${task?.Status ?? 'not listed'} after ${taskDeadlineSeconds} s (the lab's deadline): cancelled it (CancelMessageMoveTask); messages it already moved stay in the source`);
    } catch (error) {
      cancelAtDeadline = { cancelled: false, error: (error as Error).message };
      ctx.progress(`move task still ${task?.Status ?? 'not listed'} after ${taskDeadlineSeconds} s (the lab's deadline); CancelMessageMoveTask failed (${(error as Error).message}): the task may go on moving messages after this run`);
    }
    return { ...base, cancelAtDeadline, receivesAfter: [], error: `the move task was still ${task?.Status ?? 'not listed'} after ${taskDeadlineSeconds} s` };
  }
  if (task.Status !== 'COMPLETED') {
    return { ...base, receivesAfter: [], error: `the move task ended ${task.Status}${task.FailureReason ? `: ${task.FailureReason}` : ''}` };
  }
  const completedAt = ctx.now();
  const taskSeconds = secondsBetween(startedAt, completedAt);
  ctx.progress(`move task completed in ${taskSeconds} s (${task.ApproximateNumberOfMessagesMoved ?? 0} moved so far by its count); waiting for the poison message to fail again and return`);

  // The moved count lags the status (MOVED_COUNT_SETTLE_MS): read it again while the return is awaited.
  let moved = task.ApproximateNumberOfMessagesMoved;
  let movedReadAt = completedAt;
  const rereadMoved = async () => {
    if ((moved ?? 0) >= 1 || ctx.now() - completedAt > MOVED_COUNT_SETTLE_MS) return;
    const again = ours(await latest());
    if (again?.Status === 'COMPLETED') {
      moved = again.ApproximateNumberOfMessagesMoved;
      movedReadAt = ctx.now();
    }
  };

  const lastBefore = Math.max(0, ...arrival.poisonReceives.map((r) => r.at));
  const after = (e: LabEvent[]) => receivesOf(e, 'poison').filter((r) => r.at > lastBefore);
  const { maxReceiveCount, visibilityTimeoutSeconds } = arrival.settings;
  const expectedMs = maxReceiveCount * visibilityTimeoutSeconds * 1000;
  let firstRedriven: FirstReceive | undefined;
  const goodSeen = new Set<string>();
  let back: ScannedMessage | undefined;
  let backAt = 0;
  let backUnderRedrivenId: boolean | undefined;
  const original = {
    ids: [arrival.poisonMessageId, ...(arrival.inDeadLetterQueue ? [arrival.inDeadLetterQueue.messageId] : [])],
    sentTimestamp: arrival.inDeadLetterQueue?.sentTimestamp,
  };
  lastProgress = ctx.now();
  while (!back && ctx.now() < moveDeadline(completedAt, firstRedriven, expectedMs)) {
    await rereadMoved();
    const ours = (await scanQueue(sqs, out.DeadLetterQueueUrl, { visibilityTimeout: 0 })).filter((m) => isOfRun(m, runId));
    for (const m of ours) if (m.body?.kind === 'good') goodSeen.add(m.messageId);
    const sightings = ours.filter((m) => m.body?.kind === 'poison');
    if (sightings.length > 0) {
      // A sighting counts only when it is the redriven message (its SentTimestamp as the consumer received
      // it after the move, see redrivenCopyBack): a scan may still return the old copy, or a standard queue a
      // stale copy of it (at-least-once delivery, see distinctReceives).
      const { redrivenId, redriven } = redrivenReceives(after(await events()), original.ids);
      const seen = redrivenCopyBack(sightings, redriven[0]?.sentTimestamp, original);
      if (seen) {
        back = seen;
        backAt = ctx.now();
        backUnderRedrivenId = redrivenId !== undefined && seen.messageId === redrivenId;
        poison.inDeadLetterQueue = true;
        break;
      }
    }
    if (ctx.now() - lastProgress >= PROGRESS_EVERY_MS) {
      lastProgress = ctx.now();
      const receives = redrivenReceives(after(await events()), original.ids).redriven;
      firstRedriven ??= firstReceiveOf(receives, ctx.now());
      ctx.progress(`redriven poison message: ${receives.length} of ${maxReceiveCount} receives so far (${secondsBetween(completedAt, ctx.now())} s)`);
    }
    await ctx.sleep(POLL_MS);
  }
  const settled = await settle(ctx, events, (e) => Math.min(distinctCounts(redrivenReceives(after(e), original.ids).redriven), maxReceiveCount), maxReceiveCount);
  while ((moved ?? 0) < 1 && ctx.now() - completedAt <= MOVED_COUNT_SETTLE_MS) {
    await ctx.sleep(POLL_MS);
    await rereadMoved();
  }
  return {
    ...base,
    moved,
    movedReadSecondsAfterCompleted: secondsBetween(completedAt, movedReadAt),
    taskSeconds,
    receivesAfter: after(settled),
    backInDeadLetterQueue: back,
    ...(backUnderRedrivenId !== undefined ? { backUnderRedrivenId } : {}),
    secondsBackToDeadLetterQueue: back ? secondsBetween(completedAt, backAt) : undefined,
    ...(goodSeen.size > 0 ? { goodSeenInDeadLetterQueue: [...goodSeen] } : {}),
    ...(back ? {} : { error: `the poison message did not return to the dead-letter queue within ${secondsBetween(completedAt, ctx.now())} s` }),
  };
}

async function cleanUp(
  ctx: Run,
  sqs: SQSClient,
  out: Record<'DeadLetterQueueUrl', string>,
  runId: string,
  poisonMayBeInFlight: boolean,
): Promise<CleanupObservation | undefined> {
  let result: CleanupObservation | undefined;
  try {
    const deleted = await deleteRunMessages(sqs, out.DeadLetterQueueUrl, runId);
    const goods = deleted.filter((m) => m.body?.kind === 'good').map((m) => m.messageId);
    ctx.progress(
      `cleanup: deleted ${deleted.length} message(s) of run ${runId}` +
        (goods.length > 0 ? `, ${goods.length} of them good message(s) that were in the dead-letter queue (judged: none should be there)` : ''),
    );
    result = { deleted: deleted.length, goodInDeadLetterQueue: goods };
  } catch (error) {
    ctx.progress(`cleanup failed (${(error as Error).message}): messages of run ${runId} may remain in the dead-letter queue until they expire or the lab is destroyed`);
  }
  if (poisonMayBeInFlight) {
    ctx.progress(
      `cleanup: the poison message of run ${runId} was not last seen in the dead-letter queue; if it is still being received from the source queue, ` +
        "it lands in the dead-letter queue after this cleanup and stays there until the next check's redrive moves it back " +
        '(each check counts only its own run), it expires, or the lab is destroyed',
    );
  }
  return result;
}
