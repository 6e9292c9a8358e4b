/**
 * Lambda's asynchronous retries, observed: the always-failing function is invoked once with
 * InvocationType Event; its log lines count the attempts and time the waits between them; the
 * on-failure destination and the dead-letter queue are scanned for what Lambda sends after the
 * last attempt. Lambda waits about 1 minute, then about 2 minutes, so this takes 3 to 4 minutes.
 * The dead-letter queue is read too, and what it got is reported: whether Lambda also sends the
 * event there when an on-failure destination is set is not in the developer guide (see the README).
 */
import { CheckSkipped, type ObserveContext, observationsOf } from '../../lib/lab-kit/checks/lab-definition';
import { deleteEarlierRunMessages, deleteMessages, deleteRunMessages, isOfRun, LAB_MARK, newRunId, readLabEvents, type ScannedMessage, scanQueue, secondsBetween } from './aws-reads';
import { OUTPUTS } from './outputs';

/** The command-line option that skips this observation. */
export const SKIP_ASYNC_OPTION = 'skip-async';
/** How long to wait for every attempt and the records before giving up. */
export const ASYNC_TIMEOUT_MS = 8 * 60_000;
/** How often the log group and queues are read while waiting. */
export const ASYNC_POLL_MS = 10_000;
/**
 * After the last attempt and the on-failure record, how long the dead-letter queue is still read
 * for the event. Destinations work "in addition to or instead of a dead-letter queue"
 * ("PutFunctionEventInvokeConfig", AWS Lambda API Reference), so a copy that arrives is judged (the
 * bare event); no page says how soon it arrives, so this is the lab's bound, not an AWS figure: a copy
 * not seen within it leaves the dead-letter queue part not exercised, never failed.
 */
export const ASYNC_DLQ_GRACE_MS = 30_000;

/**
 * A run started this long ago is over (the async check takes under 10 minutes): the records and events it
 * left in the two queues (an interrupted run: Lambda still delivers them minutes later) are deleted before
 * invoking. Each poll reads one ReceiveMessage of "up to" 10 messages ("ReceiveMessage", Amazon SQS API
 * Reference, https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html),
 * and both queues keep messages 14 days, so without this, leftovers could hide this run's record.
 */
export const ASYNC_LEFTOVER_AFTER_MS = 60 * 60_000;
/** Scans of each queue for leftovers before invoking (10 messages each, stopping at the first empty one). */
export const ASYNC_LEFTOVER_SCANS = 10;

/** What Lambda writes to an on-failure destination (the invocation record). */
export interface InvocationRecord {
  readonly version?: string;
  readonly timestamp?: string;
  readonly requestContext?: { readonly requestId?: string; readonly functionArn?: string; readonly condition?: string; readonly approximateInvokeCount?: number };
  readonly requestPayload?: Record<string, unknown>;
  readonly responseContext?: { readonly statusCode?: number; readonly executedVersion?: string; readonly functionError?: string };
  readonly responsePayload?: { readonly errorMessage?: string; readonly errorType?: string; readonly stackTrace?: readonly string[] };
}

/** One attempt line the always-failing function logged: when (its clock, ms) and under which Lambda request id. */
export interface AttemptLine {
  readonly at: number;
  readonly requestId?: string;
}

/**
 * The attempts of one asynchronous invocation, told apart from duplicate deliveries by request id.
 * Lambda's retries of an event keep its request id: "Duplicate invocations that return errors or
 * timeout and that have the same request ID indicate that the Lambda service retried the function"
 * ("How do I prevent duplicate Lambda function invocations?", AWS Knowledge Center,
 * https://repost.aws/knowledge-center/lambda-function-duplicate-invocations). And the same event can
 * reach the function more than once: "Even if your function doesn't return an error, it's possible for
 * it to receive the same event from Lambda multiple times because the queue itself is eventually
 * consistent" ("How Lambda handles errors and retries with asynchronous invocation",
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html).
 *
 * The invocation's request id is the one the on-failure record names (requestContext.requestId,
 * "Capturing records of Lambda asynchronous invocations",
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html), or, before the
 * record arrives, that of the first line. Lines under another request id are duplicate deliveries.
 * A duplicate under the same id cannot be told from a retry: the judgement says so.
 */
export function groupAttempts(lines: readonly AttemptLine[], recordRequestId?: string): { requestId?: string; attempts: number[]; otherDeliveries: AttemptLine[] } {
  const requestId = recordRequestId ?? lines.find((l) => l.requestId)?.requestId;
  if (requestId === undefined) return { attempts: lines.map((l) => l.at), otherDeliveries: [] };
  return {
    requestId,
    attempts: lines.filter((l) => l.requestId === requestId || l.requestId === undefined).map((l) => l.at),
    otherDeliveries: lines.filter((l) => l.requestId !== undefined && l.requestId !== requestId),
  };
}

export interface AsyncObservation {
  readonly runId: string;
  /** The function's asynchronous settings as Lambda reports them. */
  readonly maximumRetryAttempts: number;
  readonly maximumEventAgeSeconds?: number;
  readonly invokeStatusCode?: number;
  /** Every attempt line of this run, oldest first (duplicate deliveries included). */
  readonly attemptLines: readonly AttemptLine[];
  /** The invocation's request id (the on-failure record's, else the first line's). */
  readonly requestId?: string;
  /** When each attempt of the invocation ran (the function's clock, ms): the lines under its request id. */
  readonly attempts: readonly number[];
  /** Seconds between consecutive attempts of the invocation. */
  readonly delays: readonly number[];
  /** Lines under another request id: the same event delivered again (reported, not judged). */
  readonly otherDeliveries: readonly AttemptLine[];
  /** The record in the on-failure destination. */
  readonly record?: InvocationRecord;
  /** From the last attempt to the record's timestamp, seconds (both AWS clocks). */
  readonly recordSecondsAfterLastAttempt?: number;
  /** The message in the function's dead-letter queue, if one arrived (the event alone). */
  readonly deadLetterBody?: Record<string, unknown>;
  /** How long the dead-letter queue was read after the record arrived, seconds. */
  readonly deadLetterWaitSeconds?: number;
  readonly seconds: number;
  readonly gaveUp: boolean;
  /** Records and events of runs started over {@link ASYNC_LEFTOVER_AFTER_MS} before, deleted from the two queues before invoking. */
  readonly leftoversDeleted?: number;
}

/**
 * Invokes the always-failing function once and follows its retries, once per check run; with
 * `--skip-async` it does not run, and its check is reported as skipped.
 */
export const asyncRetries = observationsOf(OUTPUTS)({
  name: 'async-retries',
  outputs: ['AsyncFunctionName', 'AsyncLogGroupName', 'AsyncFailureDestinationUrl', 'AsyncFunctionDlqUrl'],
  observe: async (ctx): Promise<AsyncObservation> => {
    if (ctx.options[SKIP_ASYNC_OPTION]) {
      throw new CheckSkipped(`on request (--${SKIP_ASYNC_OPTION}); run without it to watch Lambda retry (about 3 to 4 minutes)`);
    }
    return followAsyncRetries(ctx, ctx.outputs);
  },
});

type AsyncOutputs = Readonly<Record<'AsyncFunctionName' | 'AsyncLogGroupName' | 'AsyncFailureDestinationUrl' | 'AsyncFunctionDlqUrl', string>>;

async function followAsyncRetries(ctx: Pick<ObserveContext, 'aws' | 'now' | 'sleep' | 'progress'>, out: AsyncOutputs): Promise<AsyncObservation> {
  const { GetFunctionEventInvokeConfigCommand, InvokeCommand, LambdaClient } = await import('@aws-sdk/client-lambda');
  const { SQSClient } = await import('@aws-sdk/client-sqs');
  const { CloudWatchLogsClient } = await import('@aws-sdk/client-cloudwatch-logs');
  // One client of each for the whole observation, reused by every poll.
  const lambda = new LambdaClient(ctx.aws);
  const sqs = new SQSClient(ctx.aws);
  const logs = new CloudWatchLogsClient(ctx.aws);
  const config = await lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: out.AsyncFunctionName }));
  const maximumRetryAttempts = config.MaximumRetryAttempts ?? 2;
  const expectedAttempts = maximumRetryAttempts + 1;
  const runId = newRunId(ctx);
  const started = ctx.now();
  const before = started - ASYNC_LEFTOVER_AFTER_MS;
  const leftovers =
    (await deleteEarlierRunMessages(sqs, out.AsyncFailureDestinationUrl, before, ASYNC_LEFTOVER_SCANS, (m) => m.body?.requestPayload)).length +
    (await deleteEarlierRunMessages(sqs, out.AsyncFunctionDlqUrl, before, ASYNC_LEFTOVER_SCANS)).length;
  if (leftovers > 0) {
    ctx.progress(`deleted ${leftovers} record(s) and event(s) that runs started over ${ASYNC_LEFTOVER_AFTER_MS / 60_000} minutes ago left in the on-failure destination and the dead-letter queue`);
  }
  ctx.progress(
    `invoking ${out.AsyncFunctionName} asynchronously; it always fails, so Lambda should try it ${expectedAttempts} times ` +
      `(waits of about 1 and 2 minutes), then send it on: about 3 to 4 minutes. Pass --${SKIP_ASYNC_OPTION} to skip this check.`,
  );

  const invoked = await lambda.send(
    new InvokeCommand({
      FunctionName: out.AsyncFunctionName,
      InvocationType: 'Event',
      Payload: new TextEncoder().encode(JSON.stringify({ lab: LAB_MARK, runId, kind: 'async' })),
    }),
  );

  let lines: AttemptLine[] = [];
  let attempts: number[] = [];
  let record: InvocationRecord | undefined;
  let deadLetterBody: Record<string, unknown> | undefined;
  const take = async (queueUrl: string, match: (m: ScannedMessage) => boolean): Promise<ScannedMessage | undefined> => {
    const ours = (await scanQueue(sqs, queueUrl, { visibilityTimeout: 0 })).filter((m) => isOfRun(m, runId));
    await deleteMessages(sqs, queueUrl, ours);
    return ours.find(match);
  };
  let recordSeenAt: number | undefined;
  try {
    const deadline = started + ASYNC_TIMEOUT_MS;
    let reported = 0;
    let reportedOthers = 0;
    while (ctx.now() < deadline) {
      lines = (await readLabEvents(logs, out.AsyncLogGroupName, runId, started - 5 * 60_000))
        .filter((e) => e.event === 'attempt')
        .map((e) => ({ at: e.at, ...(typeof e.requestId === 'string' ? { requestId: e.requestId } : {}) }));
      attempts = groupAttempts(lines, record?.requestContext?.requestId).attempts;
      if (attempts.length > reported) {
        reported = attempts.length;
        const since = attempts.length > 1 ? `, ${secondsBetween(attempts[attempts.length - 2], attempts[attempts.length - 1])} s after the previous one` : '';
        const next = attempts.length < expectedAttempts ? `; Lambda should wait about ${attempts.length} minute(s) before the next` : '; waiting for the failure record';
        ctx.progress(`attempt ${attempts.length} of ${expectedAttempts} ran${since}${next}`);
      }
      const others = lines.length - attempts.length;
      if (others > reportedOthers) {
        reportedOthers = others;
        ctx.progress(`${others} attempt line(s) under another request id: the same event delivered again (the guide says this can happen), reported, not counted`);
      }
      record ??= (await take(out.AsyncFailureDestinationUrl, (m) => m.body?.requestPayload?.runId === runId))?.body as InvocationRecord | undefined;
      if (record && recordSeenAt === undefined) {
        recordSeenAt = ctx.now();
        attempts = groupAttempts(lines, record.requestContext?.requestId).attempts;
      }
      deadLetterBody ??= (await take(out.AsyncFunctionDlqUrl, (m) => m.body?.runId === runId))?.body;
      const done = record && attempts.length >= expectedAttempts;
      // The dead-letter queue is waited for a bounded time, never required (see ASYNC_DLQ_GRACE_MS).
      if (done && (deadLetterBody || ctx.now() - (recordSeenAt ?? 0) >= ASYNC_DLQ_GRACE_MS)) break;
      await ctx.sleep(ASYNC_POLL_MS);
    }
  } finally {
    try {
      await deleteRunMessages(sqs, out.AsyncFailureDestinationUrl, runId, 1);
      await deleteRunMessages(sqs, out.AsyncFunctionDlqUrl, runId, 1);
    } catch (error) {
      ctx.progress(`cleanup failed (${(error as Error).message}): records of run ${runId} may remain until the lab is destroyed`);
    }
  }

  const grouped = groupAttempts(lines, record?.requestContext?.requestId);
  attempts = grouped.attempts;
  const recordTime = record?.timestamp ? Date.parse(record.timestamp) : NaN;
  const last = attempts[attempts.length - 1];
  return {
    runId,
    maximumRetryAttempts,
    maximumEventAgeSeconds: config.MaximumEventAgeInSeconds,
    invokeStatusCode: invoked.StatusCode,
    attemptLines: lines,
    ...(grouped.requestId !== undefined ? { requestId: grouped.requestId } : {}),
    attempts,
    delays: attempts.slice(1).map((t, i) => secondsBetween(attempts[i], t)),
    otherDeliveries: grouped.otherDeliveries,
    record,
    recordSecondsAfterLastAttempt: Number.isFinite(recordTime) && last !== undefined ? secondsBetween(last, recordTime) : undefined,
    deadLetterBody,
    ...(recordSeenAt !== undefined ? { deadLetterWaitSeconds: secondsBetween(recordSeenAt, ctx.now()) } : {}),
    seconds: secondsBetween(started, ctx.now()),
    gaveUp: !(record && attempts.length >= expectedAttempts),
    ...(leftovers > 0 ? { leftoversDeleted: leftovers } : {}),
  };
}
