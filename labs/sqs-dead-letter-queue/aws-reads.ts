/**
 * Small reads the lab's observations share: the functions' structured log lines (CloudWatch Logs
 * FilterLogEvents), scans of a queue for this run's messages (SQS ReceiveMessage), and deletes by
 * receipt handle. Each check run tags its messages with a run id, so it only ever touches its own.
 *
 * SDK clients are loaded on use (`await import`), so loading the lab registry for `cdk synth`
 * loads none. The helpers take the clients they use: an observation creates each client once and
 * passes it to every poll.
 */
import type { CloudWatchLogsClient, FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { ObserveContext } from '../../lib/lab-kit/checks/lab-definition';

/** Marks every message and event this lab's checks send. */
export const LAB_MARK = 'sqs-dead-letter-queue';

/**
 * Prefix of the structured lines both lab functions log (`PartialBatchConsumer.LOG_PREFIX` and
 * `AlwaysFailingAsyncFunction.LOG_PREFIX`, written by their handlers). Repeated here rather than
 * imported, so observation code never loads the constructs (and aws-cdk-lib); a test holds the
 * three equal.
 */
export const LOG_PREFIX = 'LABEVENT';

/** A run id: letters and digits only, so a CloudWatch Logs filter pattern matches it as one term. */
export function newRunId(ctx: Pick<ObserveContext, 'now'>, random: () => number = Math.random): string {
  const suffix = Math.floor(random() * 36 ** 6).toString(36).padStart(6, '0');
  return `run${ctx.now().toString(36)}${suffix}`;
}

/**
 * When the run of a run id started (epoch ms, from the id {@link newRunId} made), or undefined when the
 * id is not one of the lab's or names a time before the lab existed (2024): such an id is never taken as old.
 */
export function runStartedAt(runId: unknown): number | undefined {
  if (typeof runId !== 'string') return undefined;
  const m = /^run([0-9a-z]+)[0-9a-z]{6}$/.exec(runId);
  if (!m) return undefined;
  const ms = parseInt(m[1], 36);
  return Number.isFinite(ms) && ms >= Date.parse('2024-01-01T00:00:00Z') ? ms : undefined;
}

/** One structured line a lab function logged (`LABEVENT {json}`), with its CloudWatch timestamp. */
export interface LabEvent {
  readonly event: string;
  readonly runId?: string;
  readonly messageId?: string;
  readonly kind?: string;
  readonly receiveCount?: number;
  readonly sentTimestamp?: number;
  readonly outcome?: string;
  readonly requestId?: string;
  /** When the function wrote it (the function's clock, ms). */
  readonly at: number;
  readonly [key: string]: unknown;
}

/** The lab events in log events; lines without the prefix or with broken JSON are skipped. */
export function parseLabEvents(events: readonly FilteredLogEvent[]): LabEvent[] {
  const prefix = `${LOG_PREFIX} `;
  const parsed: LabEvent[] = [];
  for (const e of events) {
    const message = e.message ?? '';
    const start = message.indexOf(prefix);
    if (start < 0) continue;
    try {
      const json = JSON.parse(message.slice(start + prefix.length).trim());
      if (json && typeof json === 'object' && typeof json.event === 'string') {
        parsed.push({ ...json, at: typeof json.at === 'number' ? json.at : e.timestamp ?? 0 });
      }
    } catch {
      // not one of ours
    }
  }
  return parsed.sort((a, b) => a.at - b.at);
}

/** Every lab event of this run in a log group (all pages), oldest first. */
export async function readLabEvents(logs: CloudWatchLogsClient, logGroupName: string, runId: string, startTime: number): Promise<LabEvent[]> {
  const { FilterLogEventsCommand } = await import('@aws-sdk/client-cloudwatch-logs');
  const events: FilteredLogEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await logs.send(new FilterLogEventsCommand({ logGroupName, filterPattern: `"${runId}"`, startTime, nextToken }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return parseLabEvents(events).filter((e) => e.runId === runId);
}

/** A message as a scan saw it. */
export interface ScannedMessage {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly rawBody: string;
  /** The body parsed as JSON, when it is a JSON object. */
  readonly body?: Record<string, any>;
  readonly sentTimestamp?: number;
  readonly receiveCount?: number;
}

function parseBody(raw: string): Record<string, any> | undefined {
  try {
    const v = JSON.parse(raw);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One ReceiveMessage on a queue (up to 10 messages, short long-poll). With `visibilityTimeout: 0`
 * the messages stay visible, so a scan does not hide other messages from their consumers.
 */
export async function scanQueue(sqs: SQSClient, queueUrl: string, options: { visibilityTimeout: number; waitSeconds?: number }): Promise<ScannedMessage[]> {
  const { ReceiveMessageCommand } = await import('@aws-sdk/client-sqs');
  const out = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: options.waitSeconds ?? 1,
      VisibilityTimeout: options.visibilityTimeout,
      MessageSystemAttributeNames: ['SentTimestamp', 'ApproximateReceiveCount'],
    }),
  );
  return (out.Messages ?? []).map((m) => ({
    messageId: m.MessageId ?? '',
    receiptHandle: m.ReceiptHandle ?? '',
    rawBody: m.Body ?? '',
    body: parseBody(m.Body ?? ''),
    sentTimestamp: m.Attributes?.SentTimestamp ? Number(m.Attributes.SentTimestamp) : undefined,
    receiveCount: m.Attributes?.ApproximateReceiveCount ? Number(m.Attributes.ApproximateReceiveCount) : undefined,
  }));
}

/** The queue name of a queue URL (its last path segment), whatever the URL's host form. */
export function queueNameOf(queueUrl: string): string {
  return queueUrl.split('/').filter(Boolean).pop() ?? '';
}

/** True when a message belongs to this run (its body names the run id anywhere, nested or not). */
export function isOfRun(m: ScannedMessage, runId: string): boolean {
  return m.rawBody.includes(runId);
}

/** Deletes messages by the receipt handle of their latest receive; returns how many were deleted. */
export async function deleteMessages(sqs: SQSClient, queueUrl: string, messages: readonly ScannedMessage[]): Promise<number> {
  const { DeleteMessageCommand } = await import('@aws-sdk/client-sqs');
  let deleted = 0;
  for (const m of messages) {
    await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.receiptHandle }));
    deleted += 1;
  }
  return deleted;
}

/**
 * Removes this run's messages from a queue: a few scans that hide what they receive for a moment
 * (so one scan does not see the same message twice) and delete this run's; returns the messages
 * deleted. PurgeQueue is not used: it would delete other runs' messages and may run only once a
 * minute per queue.
 */
export async function deleteRunMessages(sqs: SQSClient, queueUrl: string, runId: string, scans = 3): Promise<ScannedMessage[]> {
  const deleted: ScannedMessage[] = [];
  for (let i = 0; i < scans; i++) {
    const ours = (await scanQueue(sqs, queueUrl, { visibilityTimeout: 5, waitSeconds: 1 })).filter((m) => isOfRun(m, runId));
    await deleteMessages(sqs, queueUrl, ours);
    deleted.push(...ours);
  }
  return deleted;
}

/** A message another run of this lab left in a queue: its body carries the lab's mark and another run id. */
export function earlierRunOf(m: ScannedMessage, runId: string): string | undefined {
  const other = m.body?.lab === LAB_MARK && typeof m.body?.runId === 'string' && m.body.runId !== runId ? (m.body.runId as string) : undefined;
  return other;
}

/**
 * Deletes the messages that runs of this lab started before `startedBefore` left in a queue (their run
 * id says when they started: {@link runStartedAt}), up to `scans` scans of up to 10 messages, stopping at
 * the first empty one; returns them.
 * Messages without the lab's mark, or whose run id does not say when it started, are left alone, and so
 * are the messages of recent runs, which may still be going.
 */
export async function deleteEarlierRunMessages(
  sqs: SQSClient,
  queueUrl: string,
  startedBefore: number,
  scans = 3,
  /** Where the lab's mark and run id sit in a message: the body itself, or (an on-failure record) its requestPayload. */
  markOf: (m: ScannedMessage) => Record<string, any> | undefined = (m) => m.body,
): Promise<ScannedMessage[]> {
  const deleted: ScannedMessage[] = [];
  for (let i = 0; i < scans; i++) {
    const messages = await scanQueue(sqs, queueUrl, { visibilityTimeout: 5, waitSeconds: 1 });
    const old = messages.filter((m) => markOf(m)?.lab === LAB_MARK && (runStartedAt(markOf(m)?.runId) ?? Infinity) < startedBefore);
    await deleteMessages(sqs, queueUrl, old);
    deleted.push(...old);
    if (messages.length === 0) break;
  }
  return deleted;
}

/** Seconds between two instants in ms, to one decimal. */
export function secondsBetween(fromMs: number, toMs: number): number {
  return Math.round((toMs - fromMs) / 100) / 10;
}
