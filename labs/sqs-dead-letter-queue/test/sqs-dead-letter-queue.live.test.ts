import { CloudWatchLogsClient, FilterLogEventsCommand, type FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { GetEventSourceMappingCommand, GetFunctionEventInvokeConfigCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  CancelMessageMoveTaskCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ListDeadLetterSourceQueuesCommand,
  ListMessageMoveTasksCommand,
  type ListMessageMoveTasksResultEntry,
  type Message,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import type { Judgement } from '../../../lib/lab-kit/checks/judgement';
import { CheckSkipped } from '../../../lib/lab-kit/checks/lab-definition';
import { runLiveChecks } from '../../../lib/lab-kit/checks/runner';
import { fakeObserveContext, type Judged, judgeLive } from '../../../lib/lab-kit/testing';
import { sqsDeadLetterQueue } from '..';
import { NOT_EXERCISED, returnedBatch } from '../checks';
import { type LabEvent, newRunId, parseLabEvents, queueNameOf, runStartedAt } from '../aws-reads';
import {
  type ConsumerReceive,
  distinctCounts,
  distinctReceives,
  journey,
  type JourneyObservation,
  LOG_SETTLE_MAX_MS,
  LOG_SETTLE_MS,
  moveDeadline,
  parseRedrivePolicy,
  redrivenCopyBack,
  redrivenReceives,
  settle,
} from '../observe';
import { type AsyncObservation, asyncRetries, groupAttempts } from '../observe-async';
import { expectToMatchFileSnapshot } from '../../../lib/lab-kit/testing/file-snapshot';
import { recordExampleRun } from '../../../lib/lab-kit/testing/example-run';
import * as path from 'node:path';
import { CATALOG } from '../../../catalog';
import { indexClaims } from '../../../lib/lab-kit/catalog/catalog';

type Ctx = ReturnType<typeof fakeObserveContext>;

const sqs = mockClient(SQSClient);
const cloudwatch = mockClient(CloudWatchClient);
const logs = mockClient(CloudWatchLogsClient);
const lambda = mockClient(LambdaClient);

const ACCOUNT = '123456789012';
const Q = (name: string) => ({ url: `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/${name}`, arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}` });
/** The source's name ends in the UUID of its stack's id (no fixed name: see QueueWithDeadLetterQueue). */
const SOURCE = Q('sqsdeadletterqueueMessages7D476400-51af3dc0-da77-11e4-872e-1234567db123');
const DLQ = Q('sqs-dead-letter-queue-MessagesDeadLetterQueue73E5196F-k2P9vQx1LmZa');
const FN_DLQ = Q('sqs-dead-letter-queue-ConsumerFunctionDlq14F17ED9-Hs81JdQ0pLwe');
const DESTINATION = Q('sqs-dead-letter-queue-AsyncFailureDestinationAECBBB1A-3nVbX7Ty2Qke');
const ASYNC_DLQ = Q('sqs-dead-letter-queue-AsyncFunctionDlq72D94E42-Zq0Wm4Kc8Rte');
const CONSUMER = 'sqs-dead-letter-queue-ConsumerFunction1B019A9B-pQ7xYz3KbN1c';
const ASYNC_FN = 'sqs-dead-letter-queue-AlwaysFailsFunction6A7BAF9F-Vn2Lk8Rt5Sd0';
const MAPPING_UUID = '6d9b2f1e-4c7a-4e3b-9f05-2a8c1d7e3b64';
const CONSUMER_LOGS = 'sqs-dead-letter-queue-ConsumerLogGroup43100DBC-7cHj2kLm9Npq';
const ASYNC_LOGS = 'sqs-dead-letter-queue-AlwaysFailsLogGroup970ABA1F-Wq3Ex5Rt7Yu9';

const OUTPUTS: Record<string, string> = {
  SourceQueueUrl: SOURCE.url,
  SourceQueueArn: SOURCE.arn,
  DeadLetterQueueUrl: DLQ.url,
  DeadLetterQueueArn: DLQ.arn,
  DeadLetterAlarmName: 'sqs-dead-letter-queue-MessagesDeadLetterQueueNotEmpty51AB046E-1A2B3C4D5E6F',
  ConsumerFunctionName: CONSUMER,
  ConsumerLogGroupName: CONSUMER_LOGS,
  ConsumerEventSourceMappingId: MAPPING_UUID,
  ConsumerFunctionDlqUrl: FN_DLQ.url,
  AsyncFunctionName: ASYNC_FN,
  AsyncLogGroupName: ASYNC_LOGS,
  AsyncFailureDestinationUrl: DESTINATION.url,
  AsyncFunctionDlqUrl: ASYNC_DLQ.url,
};

const POISON_ID = '7c1f6a2e-3b9d-4f0e-9a51-0d2c8e4b6f13';
const GOOD_ID = '2a9e5d41-6c3f-48b7-b0e2-91f4d7a3c5e8';
const REDRIVEN_ID = 'e4b8c2d6-1f7a-4c93-8e05-a6d2f9b1c374';
/** A poison message an earlier run left in the dead-letter queue (it arrived after that run's cleanup). */
const OTHER_RUN = 'runmi3x9k2a7q1w';
const LEFTOVER_ID = '0d9c8b7a-6f5e-4d3c-9b2a-1f0e9d8c7b6a';

/** How AWS behaves in a test: the truth by default; each failing case changes one thing. */
interface Behaviour {
  maxReceiveCount: number;
  visibilitySeconds: number;
  /** Receives the consumer logs before SQS moves the poison message. */
  receivesBeforeMove: number;
  receiveSpacingMs: number;
  /** The first batch's handler starts this much later than its receive (the function's init). */
  coldStartMs: number;
  /** CloudWatch Logs shows a line this long after the function wrote it. */
  logLagMs: number;
  /** A poison message of another run waits in the dead-letter queue from the start. */
  leftoverOfOtherRun: boolean;
  neverArrives: boolean;
  goodAlsoInDlq: boolean;
  dlqResetsSentTimestamp: boolean;
  /**
   * How the move task ends: COMPLETED or FAILED after 4 s; STUCK stays RUNNING, never selected to start
   * (no ApproximateNumberOfMessagesToMove, nothing moves) until cancelled; CANCELLED: someone else cancels it.
   */
  moveStatus: 'COMPLETED' | 'FAILED' | 'STUCK' | 'CANCELLED';
  startMoveFails?: string;
  /** CancelMessageMoveTask is refused with this message. */
  cancelFails?: string;
  /** The first N listings after COMPLETED still say ApproximateNumberOfMessagesMoved 0 (AWS updates the count late). */
  movedCountLagListings: number;
  /** ListMessageMoveTasks never includes ApproximateNumberOfMessagesMoved ("Required: No"). */
  movedCountAbsent: boolean;
  /** After the move, the dead-letter queue returns a stale copy of the original poison message for a while (at-least-once delivery). */
  staleCopyAfterRedrive: boolean;
  /** SQS delivers a duplicate copy of the poison message (ApproximateReceiveCount 1 again) 3 s after its first receive. */
  poisonDuplicate: boolean;
  /** SQS delivers a duplicate copy of the good message (ApproximateReceiveCount 1 again) 5 s after it was processed. */
  goodDuplicate: boolean;
  returnsAfterRedrive: boolean;
  dlqFifo: boolean;
  deadLetterSources: string[];
  /** ListDeadLetterSourceQueues returns this many URLs per page (NextToken for the rest). */
  sourcesPerPage: number;
  /** Lambda hands every good message to another invocation than the poison one's (several pollers). */
  splitBatch: boolean;
  /** Lambda hands this many of the good messages to another invocation; the rest share the poison message's. */
  goodsElsewhere: number;
  /** ApproximateReceiveCounts of the poison message SQS counts but the consumer never logs (a receive without a delivery, a throttled poller's drop). */
  unloggedCounts: number[];
  /**
   * SQS counts the first receive of the whole batch but no invocation follows it ("Avoiding inconsistent message processing in
   * Amazon SQS"; a throttled poller's drop, "Handling errors for an SQS event source in Lambda"): the batch comes back one
   * visibility timeout later and the consumer first logs every message with ApproximateReceiveCount 2 (use with unloggedCounts [1]).
   */
  firstBatchDropped: boolean;
  /** The same after the redrive. */
  unloggedRedriveCounts: number[];
  /** The redriven message comes back to the dead-letter queue under yet another message id (no page documents the id across that move). */
  idChangesOnReturn: boolean;
  /** ListDeadLetterSourceQueues lists no source for the first N reads (right after a deploy). */
  sourcesMissingReads: number;
  /** What CloudWatch has for the stack's alarm: as deployed, none of that name, or one on another metric. */
  alarm: 'as-deployed' | 'missing' | 'other-metric';
  /** The good message is received again after the visibility timeout (partial batch responses ignored). */
  /** A good message received a second time: in the poison message's re-receive invocation, or later in one of its own. */
  goodReceivedAgain: false | 'with-poison' | 'later' | 'whole-batch-later';
  /** The good message also lands in the dead-letter queue, this long after the poison message (with goodAlsoInDlq). */
  goodInDlqDelayMs: number;
  /** The poison message's last receive line shows in CloudWatch Logs this much later than the others. */
  lastPoisonLineLagMs: number;
  /** Lambda omits ApproximateFirstReceiveTimestamp from the records. */
  noFirstReceiveTimestamp: boolean;
  asyncAttempts: number;
  asyncDelaysMs: number[];
  asyncCondition: string;
  /** Lambda sends no record to the on-failure destination (within the lab's wait). */
  asyncNoRecord?: boolean;
  /** The dead-letter queue copy: the bare event (true), none, or one carrying record fields ('record'). */
  asyncDlq: boolean | 'record';
  /** Lambda delivers the async event once more, 3 s after the second attempt, under another or the same request id. */
  asyncDuplicate?: 'other-request-id' | 'same-request-id';
  /** The State of each GetEventSourceMapping read, in turn (the last one repeats): Enabled from the start by default. */
  mappingStates: string[];
  /** Lambda's pollers first receive the poison message (and its batch) this long after the send: a slow first poll. */
  firstReceiveDelayMs: number;
  /** The same for the redriven message after the move. */
  redriveFirstReceiveDelayMs: number;
}

function truth(): Behaviour {
  return {
    maxReceiveCount: 3,
    visibilitySeconds: 12,
    receivesBeforeMove: 3,
    receiveSpacingMs: 12_100,
    coldStartMs: 0,
    logLagMs: 0,
    leftoverOfOtherRun: false,
    neverArrives: false,
    goodAlsoInDlq: false,
    dlqResetsSentTimestamp: false,
    moveStatus: 'COMPLETED',
    movedCountLagListings: 0,
    movedCountAbsent: false,
    staleCopyAfterRedrive: false,
    poisonDuplicate: false,
    goodDuplicate: false,
    returnsAfterRedrive: true,
    dlqFifo: false,
    deadLetterSources: [SOURCE.url],
    sourcesPerPage: 1000,
    splitBatch: false,
    goodsElsewhere: 0,
    unloggedCounts: [],
    firstBatchDropped: false,
    unloggedRedriveCounts: [],
    idChangesOnReturn: false,
    sourcesMissingReads: 0,
    alarm: 'as-deployed',
    goodReceivedAgain: false,
    noFirstReceiveTimestamp: false,
    asyncAttempts: 3,
    asyncDelaysMs: [61_200, 121_800],
    asyncCondition: 'RetriesExhausted',
    asyncDlq: true,
    mappingStates: ['Enabled'],
    firstReceiveDelayMs: 0,
    goodInDlqDelayMs: 0,
    lastPoisonLineLagMs: 0,
    redriveFirstReceiveDelayMs: 0,
  };
}

interface Stored {
  messageId: string;
  body: string;
  sentTimestamp: number;
  visibleFrom: number;
  visibleUntil: number;
  hiddenUntil: number;
  receives: number;
  deleted: boolean;
}

interface LogLine {
  group: string;
  at: number;
  /** CloudWatch Logs shows this line this much later than the others (on top of logLagMs). */
  extraLagMs?: number;
  requestId: string;
  entry: Record<string, unknown>;
}

/** A small simulation of SQS, Lambda and CloudWatch Logs on the fake clock of the context. */
class World {
  readonly queues = new Map<string, Stored[]>();
  readonly lines: LogLine[] = [];
  readonly handles = new Map<string, Stored>();
  readonly tasks: Array<ListMessageMoveTasksResultEntry & { endsAt: number; handle: string; listedCompleted: number; cancelledAt?: number }> = [];
  deletedFrom: string[] = [];
  private seq = 0;

  constructor(
    readonly ctx: Ctx,
    readonly b: Behaviour,
  ) {}

  now(): number {
    return this.ctx.now();
  }

  put(url: string, m: Omit<Stored, 'hiddenUntil' | 'receives' | 'deleted' | 'visibleUntil'> & { visibleUntil?: number }): Stored {
    const stored: Stored = { visibleUntil: Infinity, hiddenUntil: 0, receives: 0, deleted: false, ...m };
    this.queues.set(url, [...(this.queues.get(url) ?? []), stored]);
    return stored;
  }

  log(group: string, at: number, entry: Record<string, unknown>, requestId = `req-${++this.seq}`, extraLagMs = 0): void {
    this.lines.push({ group, at, requestId, entry: { ...entry, requestId, at }, extraLagMs });
  }

  /** SendMessageBatch: schedules the consumer's receives and the move to the dead-letter queue. */
  send(entries: Array<{ Id?: string; MessageBody?: string }>) {
    const t = this.now();
    const poison = entries.find((e) => e.Id === 'poison')!.MessageBody!;
    const goods = entries.filter((e) => e.Id?.startsWith('good'));
    const good = goods[0].MessageBody!;
    const runId = JSON.parse(poison).runId;
    const goodIdOf = (i: number) => (i === 0 ? GOOD_ID : `2a9e5d41-6c3f-48b7-b0e2-91f4d7a3c5${String(i).padStart(2, '0')}`);
    // The first batch's handler starts after the function's init; the visibility timeout runs from the receive.
    const d = this.b.firstReceiveDelayMs;
    const handlerAt = (i: number) => t + d + 400 + i * this.b.receiveSpacingMs + (i === 0 ? this.b.coldStartMs : 0);
    // ApproximateFirstReceiveTimestamp: when SQS first returned the message (the first receive, before its handler started).
    const firstReceiveTimestamp = this.b.noFirstReceiveTimestamp ? undefined : t + d + 200;
    // The goods' first logged receive: the first one, or the second when SQS counted the first without an invocation.
    const g0 = this.b.firstBatchDropped ? 1 : 0;
    goods.forEach((_, i) => {
      const elsewhere = this.b.splitBatch || i >= goods.length - this.b.goodsElsewhere;
      this.log(CONSUMER_LOGS, handlerAt(g0), { event: 'receive', runId, kind: 'good', messageId: goodIdOf(i), receiveCount: g0 + 1, sentTimestamp: t, firstReceiveTimestamp, outcome: 'processed' }, elsewhere ? 'req-batch-0' : 'req-batch-1');
    });
    // A duplicate copy (at-least-once delivery): the copy on a server that missed the delete or the receive, ApproximateReceiveCount 1 again.
    if (this.b.goodDuplicate) {
      this.log(CONSUMER_LOGS, handlerAt(0) + 5_000, { event: 'receive', runId, kind: 'good', messageId: GOOD_ID, receiveCount: 1, sentTimestamp: t, firstReceiveTimestamp, outcome: 'processed' });
    }
    if (this.b.poisonDuplicate) {
      this.log(CONSUMER_LOGS, handlerAt(0) + 3_000, { event: 'receive', runId, kind: 'poison', messageId: POISON_ID, receiveCount: 1, sentTimestamp: t, firstReceiveTimestamp, outcome: 'failed', reason: 'marked as poison' });
    }
    if (this.b.goodReceivedAgain === 'whole-batch-later') {
      // The partial batch response ignored: the whole batch visible again one visibility timeout later, split over other pollers.
      goods.forEach((_, i) => {
        const elsewhere = this.b.splitBatch || i >= goods.length - this.b.goodsElsewhere;
        if (elsewhere) return;
        this.log(CONSUMER_LOGS, handlerAt(g0 + 1) + 1_000, { event: 'receive', runId, kind: 'good', messageId: goodIdOf(i), receiveCount: g0 + 2, sentTimestamp: t, firstReceiveTimestamp, outcome: 'processed' }, `req-batch-return-${i % 2}`);
      });
    } else if (this.b.goodReceivedAgain) {
      const withPoison = this.b.goodReceivedAgain === 'with-poison';
      this.log(
        CONSUMER_LOGS,
        handlerAt(1) + (withPoison ? 0 : 5_000),
        { event: 'receive', runId, kind: 'good', messageId: GOOD_ID, receiveCount: 2, sentTimestamp: t, firstReceiveTimestamp, outcome: 'processed' },
        withPoison ? 'req-batch-2' : undefined,
      );
    }
    for (let i = 0; i < this.b.receivesBeforeMove; i++) {
      if (this.b.unloggedCounts.includes(i + 1)) continue;
      this.log(
        CONSUMER_LOGS,
        handlerAt(i),
        { event: 'receive', runId, kind: 'poison', messageId: POISON_ID, receiveCount: i + 1, sentTimestamp: t, firstReceiveTimestamp, outcome: 'failed', reason: 'marked as poison' },
        i === 0 || (i === 1 && this.b.unloggedCounts.includes(1)) ? 'req-batch-1' : i === 1 && this.b.goodReceivedAgain === 'with-poison' ? 'req-batch-2' : undefined,
        i === this.b.receivesBeforeMove - 1 ? this.b.lastPoisonLineLagMs : 0,
      );
    }
    if (!this.b.neverArrives) {
      const movedAt = t + d + 400 + this.b.receivesBeforeMove * this.b.receiveSpacingMs + 300;
      this.put(DLQ.url, { messageId: POISON_ID, body: poison, sentTimestamp: this.b.dlqResetsSentTimestamp ? movedAt : t, visibleFrom: movedAt });
      if (this.b.goodAlsoInDlq) this.put(DLQ.url, { messageId: GOOD_ID, body: good, sentTimestamp: t, visibleFrom: movedAt + this.b.goodInDlqDelayMs });
    }
    return {
      Successful: [
        { Id: 'poison', MessageId: POISON_ID, MD5OfMessageBody: '9f8e7d6c5b4a39281706f5e4d3c2b1a0' },
        ...goods.map((e, i) => ({ Id: e.Id, MessageId: goodIdOf(i), MD5OfMessageBody: '0b5c8f0e8e1b6f3f2d1e0a9c8b7a6d5e' })),
      ],
      Failed: [],
    };
  }

  /**
   * ReceiveMessage: system attributes as strings, SentTimestamp in epoch ms: "ReceiveMessage (Amazon SQS API Reference)",
   * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html
   */
  receive(url: string, visibility: number, max: number): Message[] {
    const t = this.now();
    const candidates = (this.queues.get(url) ?? []).filter((m) => !m.deleted && m.visibleFrom <= t && t < m.visibleUntil && m.hiddenUntil <= t);
    const visible = candidates.slice(0, max);
    return visible.map((m) => {
      m.receives += 1;
      m.hiddenUntil = t + visibility * 1000;
      const handle = `AQEB${m.messageId.replace(/-/g, '')}${++this.seq}==`;
      this.handles.set(handle, m);
      return {
        MessageId: m.messageId,
        ReceiptHandle: handle,
        MD5OfBody: '4d2f1c0b9a8e7d6c5b4a3f2e1d0c9b8a',
        Body: m.body,
        Attributes: { SentTimestamp: String(m.sentTimestamp), ApproximateReceiveCount: String(m.receives + (url === DLQ.url ? this.b.maxReceiveCount : 0)) },
      };
    });
  }

  delete(url: string, handle: string): void {
    const m = this.handles.get(handle);
    if (!m) throw Object.assign(new Error('The input receipt handle is invalid.'), { name: 'ReceiptHandleIsInvalid' });
    m.deleted = true;
    this.deletedFrom.push(url);
  }

  /** Lambda Invoke with InvocationType Event (the always-failing function: the journey invokes nothing). */
  invoke(functionName: string, payload: Uint8Array) {
    const t = this.now();
    const event = JSON.parse(new TextDecoder().decode(payload));
    if (functionName !== ASYNC_FN) throw Object.assign(new Error(`Function not found: ${functionName}`), { name: 'ResourceNotFoundException' });
    {
      let at = t + 300;
      const requestId = '5f0e9d8c-7b6a-4594-8372-615049382716';
      for (let i = 0; i < this.b.asyncAttempts; i++) {
        this.log(ASYNC_LOGS, at, { event: 'attempt', runId: event.runId }, requestId);
        // "it's possible for it to receive the same event from Lambda multiple times because the queue itself is eventually
        // consistent" ("How Lambda handles errors and retries with asynchronous invocation"): one more run of the event.
        if (i === 1 && this.b.asyncDuplicate) {
          this.log(ASYNC_LOGS, at + 3_000, { event: 'attempt', runId: event.runId }, this.b.asyncDuplicate === 'same-request-id' ? requestId : '0b7e6f1a-2c3d-4e5f-8a9b-0c1d2e3f4a5b');
        }
        if (i < this.b.asyncAttempts - 1) at += this.b.asyncDelaysMs[i];
      }
      // The invocation record Lambda sends an on-failure destination: "Capturing records of Lambda asynchronous
      // invocations", https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
      const record = {
        version: '1.0',
        timestamp: new Date(at + 500).toISOString(),
        requestContext: {
          requestId,
          functionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${ASYNC_FN}:$LATEST`,
          condition: this.b.asyncCondition,
          approximateInvokeCount: this.b.asyncAttempts,
        },
        requestPayload: event,
        responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
        responsePayload: {
          errorType: 'DeliberateFailure',
          errorMessage: `failed on purpose (run ${event.runId}): this function always fails so Lambda retries it`,
          trace: ['DeliberateFailure: failed on purpose', '    at Runtime.handler (file:///var/task/index.js:52:9)'],
        },
      };
      if (!this.b.asyncNoRecord) this.put(DESTINATION.url, { messageId: 'd35f1a70-aaaa-4bbb-8ccc-ddddeeeeffff', body: JSON.stringify(record), sentTimestamp: at + 500, visibleFrom: at + 500 });
      const dlqBody = this.b.asyncDlq === 'record' ? { ...event, requestContext: { requestId, condition: 'RetriesExhausted' } } : event;
      if (this.b.asyncDlq) this.put(ASYNC_DLQ.url, { messageId: 'a51d0c9e-1234-4567-89ab-cdef01234567', body: JSON.stringify(dlqBody), sentTimestamp: at + 600, visibleFrom: at + 600 });
    }
    // "StatusCode ... For the Event invocation type, the status code is 202" ("Invoke", AWS Lambda API Reference,
    // https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html).
    return { StatusCode: 202, Payload: new Uint8Array() };
  }

  /** StartMessageMoveTask: a RUNNING task for 4 s, then the poison message returns to the source (a STUCK task runs until cancelled). */
  startMove() {
    if (this.b.startMoveFails) throw Object.assign(new Error(this.b.startMoveFails), { name: 'AccessDenied' });
    const t = this.now();
    const handle = 'eyJ0YXNrSWQiOiJkYzE2YmM2ZC1mNmY0LTQ3YjEtOTRmNC1lMmE2NTRkMWQzNjUiLCJzb3VyY2VBcm4iOiJhcm46YXdzOnNxczp1cy1lYXN0LTEifQ==';
    const moving = (this.queues.get(DLQ.url) ?? []).filter((m) => !m.deleted && m.visibleFrom <= t && t < m.visibleUntil);
    const stuck = this.b.moveStatus === 'STUCK';
    this.tasks.unshift({
      handle,
      endsAt: stuck ? Infinity : t + 4_000,
      listedCompleted: 0,
      SourceArn: DLQ.arn,
      StartedTimestamp: t,
      // "only included after the message movement task is selected to start": a stuck task never is.
      ...(stuck ? {} : { ApproximateNumberOfMessagesToMove: moving.length }),
    });
    if (this.b.moveStatus === 'COMPLETED') {
      for (const m of moving) m.visibleUntil = t + 4_000;
      // Every poison message moved back fails again and returns, whichever run sent it.
      for (const poison of moving.filter((m) => JSON.parse(m.body).kind === 'poison')) {
        if (!this.b.returnsAfterRedrive) break;
        const runId = JSON.parse(poison.body).runId;
        const newId = poison.messageId === POISON_ID ? REDRIVEN_ID : `${poison.messageId.slice(0, -4)}f00d`;
        const back = t + 5_000;
        const rd = this.b.redriveFirstReceiveDelayMs;
        for (let i = 0; i < this.b.maxReceiveCount; i++) {
          if (poison.messageId === POISON_ID && this.b.unloggedRedriveCounts.includes(i + 1)) continue;
          this.log(CONSUMER_LOGS, back + rd + 500 + i * this.b.receiveSpacingMs, {
            event: 'receive',
            runId,
            kind: 'poison',
            messageId: newId,
            receiveCount: i + 1,
            sentTimestamp: back,
            firstReceiveTimestamp: back + rd + 300,
            outcome: 'failed',
          });
        }
        const movedAgain = back + rd + 500 + this.b.maxReceiveCount * this.b.receiveSpacingMs + 300;
        this.put(DLQ.url, { messageId: this.b.idChangesOnReturn ? `${newId.slice(0, -4)}beef` : newId, body: poison.body, sentTimestamp: back, visibleFrom: movedAgain });
        // A stale copy of the moved original, on a server that missed the move: returned for a while after the
        // redriven message's first receive (at-least-once delivery, "Amazon SQS at-least-once delivery").
        if (this.b.staleCopyAfterRedrive && poison.messageId === POISON_ID) {
          this.put(DLQ.url, { messageId: POISON_ID, body: poison.body, sentTimestamp: poison.sentTimestamp, visibleFrom: back + 1_000, visibleUntil: back + 20_000 });
        }
      }
    }
    return { TaskHandle: handle };
  }

  /** CancelMessageMoveTask: only a RUNNING task; the response carries ApproximateNumberOfMessagesMoved ("CancelMessageMoveTask", Amazon SQS API Reference). */
  cancelMove(handle: string) {
    if (this.b.cancelFails) throw Object.assign(new Error(this.b.cancelFails), { name: 'AccessDenied' });
    const task = this.tasks.find((x) => x.handle === handle && this.now() < x.endsAt && x.cancelledAt === undefined);
    if (!task) throw Object.assign(new Error('Only tasks in RUNNING status can be cancelled.'), { name: 'UnsupportedOperation' });
    task.cancelledAt = this.now();
    return { ApproximateNumberOfMessagesMoved: 0 };
  }

  /**
   * ListMessageMoveTasks: TaskHandle only while RUNNING, FailureReason only when FAILED, StartedTimestamp in epoch ms,
   * ApproximateNumberOfMessagesMoved approximate and updated after the status ("Required: No"):
   * "ListMessageMoveTasksResultEntry (Amazon SQS API Reference)",
   * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ListMessageMoveTasksResultEntry.html
   */
  listTasks(): ListMessageMoveTasksResultEntry[] {
    const t = this.now();
    const previous: ListMessageMoveTasksResultEntry = { Status: 'COMPLETED', SourceArn: DLQ.arn, StartedTimestamp: Date.parse('2026-11-20T09:00:00Z'), ApproximateNumberOfMessagesMoved: 2, ApproximateNumberOfMessagesToMove: 2 };
    const moved = (n: number | undefined) => (this.b.movedCountAbsent ? {} : { ApproximateNumberOfMessagesMoved: n });
    return [
      ...this.tasks.map((entry) => {
        const { handle, endsAt, listedCompleted, cancelledAt, ...task } = entry;
        if (cancelledAt !== undefined) return { ...task, Status: 'CANCELLED', ...moved(0) };
        if (this.b.moveStatus === 'CANCELLED' && t >= endsAt) return { ...task, Status: 'CANCELLED', ...moved(0) };
        if (t < endsAt) return { ...task, TaskHandle: handle, Status: 'RUNNING', ...moved(0) };
        if (this.b.moveStatus === 'FAILED') return { ...task, Status: 'FAILED', ...moved(0), FailureReason: 'AWS.SimpleQueueService.NonExistentQueue' };
        entry.listedCompleted += 1;
        return { ...task, Status: 'COMPLETED', ...moved(listedCompleted < this.b.movedCountLagListings ? 0 : task.ApproximateNumberOfMessagesToMove) };
      }),
      previous,
    ];
  }

  /** FilterLogEvents: Lambda's text log format, lines already ingested, two per page. */
  filter(group: string, pattern: string, token?: string): { events: FilteredLogEvent[]; nextToken?: string } {
    const term = pattern.replace(/"/g, '');
    const events = this.lines
      .filter((l) => l.group === group && l.at + this.b.logLagMs + (l.extraLagMs ?? 0) <= this.now())
      .map((l, i) => ({
        logStreamName: `2026/11/23/[$LATEST]8f1e2d3c4b5a69788f1e2d3c4b5a6978`,
        timestamp: l.at,
        ingestionTime: l.at + 900,
        eventId: `3795${String(i).padStart(52, '0')}`,
        message: `${new Date(l.at).toISOString()}\t${l.requestId}\tINFO\tLABEVENT ${JSON.stringify(l.entry)}\n`,
      }))
      .filter((e) => e.message.includes(term));
    const start = token ? Number(token) : 0;
    const page = events.slice(start, start + 2);
    return { events: page, ...(start + 2 < events.length ? { nextToken: String(start + 2) } : {}) };
  }
}

function attributes(b: Behaviour): Record<string, Record<string, string>> {
  return {
    [SOURCE.url]: {
      QueueArn: SOURCE.arn,
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: DLQ.arn, maxReceiveCount: b.maxReceiveCount }),
      VisibilityTimeout: String(b.visibilitySeconds),
      MessageRetentionPeriod: '345600',
      SqsManagedSseEnabled: 'true',
    },
    [DLQ.url]: {
      QueueArn: DLQ.arn,
      MessageRetentionPeriod: '1209600',
      VisibilityTimeout: '30',
      RedriveAllowPolicy: JSON.stringify({ redrivePermission: 'byQueue', sourceQueueArns: [SOURCE.arn] }),
      SqsManagedSseEnabled: 'true',
      ...(b.dlqFifo ? { FifoQueue: 'true', ContentBasedDeduplication: 'false' } : {}),
    },
  };
}

function mockWorld(ctx: Ctx, b: Behaviour): World {
  cloudwatch.reset();
  sqs.reset();
  logs.reset();
  lambda.reset();
  const world = new World(ctx, b);
  if (b.leftoverOfOtherRun) {
    const sent = ctx.now() - 40 * 60_000;
    world.put(DLQ.url, { messageId: LEFTOVER_ID, body: JSON.stringify({ lab: 'sqs-dead-letter-queue', runId: OTHER_RUN, kind: 'poison', poison: true }), sentTimestamp: sent, visibleFrom: sent });
  }
  const attrs = attributes(b);
  sqs.on(GetQueueAttributesCommand).callsFake((input) => {
    const all = attrs[input.QueueUrl] ?? {};
    const names: string[] = input.AttributeNames ?? [];
    return { Attributes: names.includes('All') ? all : Object.fromEntries(Object.entries(all).filter(([k]) => names.includes(k))) };
  });
  sqs.on(SendMessageBatchCommand).callsFake((input) => world.send(input.Entries));
  sqs.on(ReceiveMessageCommand).callsFake((input) => {
    const messages = world.receive(input.QueueUrl, input.VisibilityTimeout ?? 30, input.MaxNumberOfMessages ?? 1);
    return messages.length > 0 ? { Messages: messages } : {};
  });
  sqs.on(DeleteMessageCommand).callsFake((input) => {
    world.delete(input.QueueUrl, input.ReceiptHandle);
    return {};
  });
  sqs.on(StartMessageMoveTaskCommand).callsFake(() => world.startMove());
  sqs.on(ListMessageMoveTasksCommand).callsFake(() => ({ Results: world.listTasks() }));
  sqs.on(CancelMessageMoveTaskCommand).callsFake((input) => world.cancelMove(input.TaskHandle));
  // queueUrls is required in the response, NextToken present only when more follow: "ListDeadLetterSourceQueues (Amazon SQS API Reference)",
  // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ListDeadLetterSourceQueues.html
  let sourceReads = 0;
  sqs.on(ListDeadLetterSourceQueuesCommand).callsFake((input) => {
    if (!input.NextToken && ++sourceReads <= b.sourcesMissingReads) return { queueUrls: [] };
    const start = input.NextToken ? Number(input.NextToken.replace('page-', '')) : 0;
    const size = Math.min(b.sourcesPerPage, input.MaxResults ?? 1000);
    const queueUrls = b.deadLetterSources.slice(start, start + size);
    return { queueUrls, ...(start + size < b.deadLetterSources.length ? { NextToken: `page-${start + size}` } : {}) };
  });
  // DescribeAlarms (Amazon CloudWatch API Reference): MetricAlarms of MetricAlarm; an unknown AlarmName gives an empty list.
  // The alarm as QueueWithDeadLetterQueue deploys it ("Creating alarms for dead-letter queues using Amazon CloudWatch").
  cloudwatch.on(DescribeAlarmsCommand).resolves({
    MetricAlarms:
      b.alarm === 'missing'
        ? []
        : [{
            AlarmName: OUTPUTS.DeadLetterAlarmName,
            AlarmArn: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:${OUTPUTS.DeadLetterAlarmName}`,
            ActionsEnabled: true,
            StateValue: 'OK',
            StateReason: 'Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was treated as [NonBreaching].',
            MetricName: b.alarm === 'other-metric' ? 'NumberOfMessagesSent' : 'ApproximateNumberOfMessagesVisible',
            Namespace: 'AWS/SQS',
            Statistic: 'Maximum',
            Dimensions: [{ Name: 'QueueName', Value: DLQ.url.split('/').pop()! }],
            Period: 60,
            EvaluationPeriods: 1,
            Threshold: 1,
            // A valid ComparisonOperator value: "MetricAlarm", Amazon CloudWatch API Reference,
            // https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricAlarm.html
            ComparisonOperator: 'GreaterThanOrEqualToThreshold',
            TreatMissingData: 'notBreaching',
          }],
    CompositeAlarms: [],
  });
  logs.on(FilterLogEventsCommand).callsFake((input) => world.filter(input.logGroupName, input.filterPattern, input.nextToken));
  lambda.on(InvokeCommand).callsFake((input) => world.invoke(input.FunctionName, input.Payload));
  // The EventSourceMappingConfiguration GetEventSourceMapping returns ("GetEventSourceMapping", AWS Lambda API Reference,
  // https://docs.aws.amazon.com/lambda/latest/api/API_GetEventSourceMapping.html): State is one of Creating, Enabling, Enabled,
  // Disabling, Disabled, Updating or Deleting; StateTransitionReason says who made the last change; LastProcessingResult is left out.
  let mappingReads = 0;
  lambda.on(GetEventSourceMappingCommand).callsFake((input) => {
    if (input.UUID !== MAPPING_UUID) throw Object.assign(new Error('The resource you requested does not exist.'), { name: 'ResourceNotFoundException' });
    const State = b.mappingStates[Math.min(mappingReads++, b.mappingStates.length - 1)];
    return {
      UUID: MAPPING_UUID,
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: 5,
      EventSourceArn: SOURCE.arn,
      FunctionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${CONSUMER}`,
      LastModified: new Date('2026-11-23T11:40:00Z'),
      State,
      StateTransitionReason: 'USER_INITIATED',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    };
  });
  lambda.on(GetFunctionEventInvokeConfigCommand).resolves({
    FunctionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${ASYNC_FN}:$LATEST`,
    MaximumRetryAttempts: 2,
    MaximumEventAgeInSeconds: 3600,
    LastModified: new Date('2026-11-23T11:40:00Z'),
    DestinationConfig: { OnSuccess: {}, OnFailure: { Destination: DESTINATION.arn } },
  });
  return world;
}


const lab = sqsDeadLetterQueue;
const noCatalog = () => undefined;

function context(options: Record<string, boolean> = {}): Ctx {
  return fakeObserveContext({ labId: lab.id, outputs: OUTPUTS, options });
}

/** A claim's live check as a run does it: its observation (once per context), then its judgement. */
async function judged(id: string, ctx: Ctx): Promise<Judged> {
  const check = lab.checks[id].live;
  if (!check) throw new Error(`${id} has no live check`);
  return judgeLive(lab, id, await ctx.observe(check.observation));
}

async function check(id: string, change: (b: Behaviour) => void = () => undefined, options: Record<string, boolean> = {}): Promise<{ j: Judged; world: World; ctx: Ctx }> {
  const b = truth();
  change(b);
  const ctx = context(options);
  const world = mockWorld(ctx, b);
  const j = await judged(id, ctx);
  return { j, world, ctx };
}

function figure(j: Judgement | Judged | undefined, name: string): number | undefined {
  const judgement = j && 'judgement' in j ? j.judgement : j;
  return judgement?.figures?.find((f) => f.name === name)?.value;
}

afterEach(() => {
  sqs.reset();
  logs.reset();
  lambda.reset();
});

describe('sqs-dead-letter-queue live checks pass when AWS behaves as the truth says', () => {
  test('its example run (test/fixtures/example-run.json) is the truthful world recorded: every live claim passes, the example says it is one', async () => {
    const ctx = context();
    mockWorld(ctx, truth());
    const claims = indexClaims(CATALOG);
    // The run id's random part, fixed so the example is the same file on every run.
    const random = jest.spyOn(Math, 'random').mockReturnValue(0.25);
    const record = await recordExampleRun(lab, ctx, (id) => claims.get(id)?.claim, 'a truthful world: SQS, Lambda and CloudWatch Logs simulated per their API references, one poison message among nine good ones');
    random.mockRestore();
    expect(record.results.filter((r) => r.outcome !== 'pass' && r.outcome !== 'skipped')).toEqual([]);
    expectToMatchFileSnapshot(record, path.join(__dirname, 'fixtures', 'example-run.json'));
  });

  test('every live claim passes, the journey is observed once, and every message of the run is deleted', async () => {
    const ctx = context();
    const world = mockWorld(ctx, truth());
    const { results, observations } = await runLiveChecks(lab, ctx, noCatalog);
    expect(results.filter((r) => r.outcome !== 'pass' && !(r.outcome === 'skipped' && !lab.checks[r.claim].live))).toEqual([]);
    expect(results.map((r) => r.claim)).toEqual(Object.keys(lab.checks));
    // Offline only (third review F1, F3): the runner reports them as not checkable live.
    expect(results.filter((r) => r.outcome === 'skipped').map((r) => r.claim)).toEqual(['T2.dlq-is-an-ordinary-queue', 'I12.sqs-failure-skips-function-dlq']);
    expect(observations.map((o) => o.name).sort()).toEqual(['async-retries', 'journey']);
    expect(sqs).toHaveReceivedCommandTimes(SendMessageBatchCommand, 1);
    expect(sqs).toHaveReceivedCommandTimes(StartMessageMoveTaskCommand, 1);
    expect(sqs).toHaveReceivedCommandWith(StartMessageMoveTaskCommand, { SourceArn: DLQ.arn });
    expect(lambda).toHaveReceivedCommandWith(InvokeCommand, { FunctionName: ASYNC_FN, InvocationType: 'Event' });
    const leftovers = [...world.queues.entries()].flatMap(([url, ms]) => ms.filter((m) => !m.deleted && m.visibleFrom <= ctx.now() && ctx.now() < m.visibleUntil).map((m) => `${url} ${m.messageId}`));
    expect(leftovers).toEqual([]);
  });

  test('every observation is plain JSON, so a recorded run can be judged again', async () => {
    const ctx = context();
    mockWorld(ctx, truth());
    const { observations } = await runLiveChecks(lab, ctx, noCatalog);
    for (const o of observations) {
      expect(o.outcome).toBe('observed');
      expect(JSON.parse(JSON.stringify(o.value))).toEqual(o.value);
    }
  });

  test('I12.poison-moves-after-max-receive-count counts 3 receives 12 s apart and times the move', async () => {
    const { j, ctx } = await check('I12.poison-moves-after-max-receive-count');
    expect(j.outcome).toBe('pass');
    expect(j.judgement.observed).toContain('received the poison message 3 times (ApproximateReceiveCount 1, 2, 3), 12.1 s, 12.1 s apart (visibility timeout 12 s)');
    expect(j.judgement.observed).toContain('the consumer logged 9 of the 9 good message(s) delivered in the same invocation as processed (1 receive each) and no good message reached it');
    expect(figure(j, 'receives before the dead-letter queue')).toBe(3);
    expect(figure(j, 'seconds from send to dead-letter queue')).toBeGreaterThanOrEqual(37);
    expect(figure(j, 'seconds from send to dead-letter queue')).toBeLessThanOrEqual(40);
    expect(ctx.progressLog.some((m) => /poison message: \d of 3 receives so far/.test(m))).toBe(true);
    expect(ctx.progressLog.some((m) => m.startsWith('cleanup: deleted'))).toBe(true);
  });

  test('I12.dlq-keeps-original-sent-timestamp reports the retention already used', async () => {
    const { j } = await check('I12.dlq-keeps-original-sent-timestamp');
    expect(j.outcome).toBe('pass');
    expect(j.judgement.observed).toContain('the same as on its first receive from the source');
    expect(figure(j, 'retention already used on arrival')).toBe(36.6);
    expect(j.judgement.observed).toContain('it arrived at least 36.6 s old');
    expect(figure(j, 'dead-letter queue retention')).toBe(1_209_600);
  });

  test('I12.redrive-moves-back-and-fails-again follows the task and the second trip', async () => {
    const { j, ctx } = await check('I12.redrive-moves-back-and-fails-again');
    expect(j.outcome).toBe('pass');
    expect(j.judgement.observed).toContain('The move task COMPLETED');
    expect(j.judgement.observed).toContain(`a new message (new id ${REDRIVEN_ID}, new SentTimestamp)`);
    expect(figure(j, 'receives after the redrive')).toBe(3);
    expect(figure(j, 'messages moved (ApproximateNumberOfMessagesMoved, approximate)')).toBe(1);
    expect(j.judgement.method).toContain("for at most 120 s (the lab's own deadline: AWS documents no duration for a move task");
    expect(ctx.progressLog.some((m) => m.includes('move task completed'))).toBe(true);
  });

  test('I12.async-retries-then-destination counts attempts, measures the waits and reads the record', async () => {
    const { j, ctx } = await check('I12.async-retries-then-destination');
    expect(j.outcome).toBe('pass');
    expect(j.judgement.observed).toContain('ran the function 3 time(s) (expected 1 + 2 retries), 61.2 s, 121.8 s apart');
    expect(j.judgement.observed).toContain('condition RetriesExhausted, approximateInvokeCount 3, DeliberateFailure');
    expect(j.judgement.observed).toContain('the event alone (no record fields) in the dead-letter queue as well');
    expect(figure(j, 'wait before retry 1')).toBe(61.2);
    expect(figure(j, 'wait before retry 2')).toBe(121.8);
    expect(ctx.progressLog.some((m) => m.includes('attempt 2 of 3 ran, 61.2 s after the previous one; Lambda should wait about 2 minute(s) before the next'))).toBe(true);
    expect(sqs).toHaveReceivedCommandWith(DeleteMessageCommand, { QueueUrl: DESTINATION.url });
    expect(sqs).toHaveReceivedCommandWith(DeleteMessageCommand, { QueueUrl: ASYNC_DLQ.url });
  });

});

describe('sqs-dead-letter-queue live checks fail on the observation that contradicts the truth', () => {
  // [claim, what AWS does instead, what the observation then says, the failed expectation the reasons name]
  const cases: Array<[string, (b: Behaviour) => void, string, string]> = [
    [
      'I12.poison-moves-after-max-receive-count',
      (b) => (b.receiveSpacingMs = 1_000),
      '1 s, 1 s apart (visibility timeout 12 s)',
      "each receive at least one visibility timeout after the one before (receive k ≥ first receive + (k - 1) × visibility timeout): expected yes (no more than 1 s before the earliest possible time: the lab's margin for two clocks; a single early receive is at-least-once delivery, reported), saw -10.8 s, -21.8 s",
    ],
    // Beyond the lab's 1 s clock margin on every re-receive: receives 10.5 s apart under a 12 s visibility timeout came 1.3 s and 2.8 s too early.
    ['I12.poison-moves-after-max-receive-count', (b) => (b.receiveSpacingMs = 10_500), '10.5 s, 10.5 s apart (visibility timeout 12 s)', 'saw -1.3 s, -2.8 s after the earliest possible time'],
    // A receive with a HIGHER count that comes too early is no duplicate: it contradicts the visibility timeout.
    [
      'I12.poison-moves-after-max-receive-count',
      (b) => ((b.receivesBeforeMove = 4), (b.receiveSpacingMs = 9_000)),
      'received the poison message 4 times (ApproximateReceiveCount 1, 2, 3, 4)',
      'no receive beyond maxReceiveCount (3): expected at most 3 receives, ApproximateReceiveCount at most 3, saw 4 receive(s) logged, ApproximateReceiveCount 1, 2, 3, 4',
    ],
    // Partial batch responses not honoured: the good message came back with the poison message, in its retry.
    [
      'I12.poison-moves-after-max-receive-count',
      (b) => (b.goodReceivedAgain = 'with-poison'),
      'as processed (1 received AGAIN with the poison message, in its retry)',
      `those good messages were not retried with the poison message (not received again in one of its re-receive invocations): expected yes, saw no: ${GOOD_ID} ApproximateReceiveCount 1, 2, in the poison message's invocation(s) req-batch-2`,
    ],
    ['I12.poison-moves-after-max-receive-count', (b) => (b.goodAlsoInDlq = true), 'a good message ALSO reached the dead-letter queue', 'the good messages stayed out of the dead-letter queue: expected yes, saw no'],
    ['I12.dlq-keeps-original-sent-timestamp', (b) => (b.dlqResetsSentTimestamp = true), 'NOT the same as on its first receive', 'SentTimestamp in the dead-letter queue (as on the first receive from the source): expected 2026-11-23T12:00:'],
    ['I12.redrive-moves-back-and-fails-again', (b) => (b.moveStatus = 'FAILED'), 'the move task ended FAILED: AWS.SimpleQueueService.NonExistentQueue', 'move task status: expected COMPLETED, saw FAILED'],
    ['I12.async-retries-then-destination', (b) => ((b.asyncAttempts = 1), (b.asyncCondition = 'RetriesExhausted')), 'ran the function 1 time(s) (expected 1 + 2 retries)', 'attempts (1 + 2 retries): expected 3, saw 1'],
    // For dead-letter queues, Lambda only sends the content of the event ("Capturing records of Lambda asynchronous invocations").
    ['I12.async-retries-then-destination', (b) => (b.asyncDlq = 'record'), 'a message of this run in the dead-letter queue that is NOT the bare event', 'the dead-letter queue received the event itself, without record details'],
    ['I12.async-retries-then-destination', (b) => (b.asyncCondition = 'EventAgeExceeded'), 'condition EventAgeExceeded', "the on-failure record's condition: expected RetriesExhausted, saw EventAgeExceeded"],
    // The documented waits: "a one-minute wait between the first two attempts, and two minutes between the second and third attempts"
    // ("How Lambda handles errors and retries with asynchronous invocation", https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html),
    // each accepted from half to twice the documented figure.
    ['I12.async-retries-then-destination', (b) => (b.asyncDelaysMs = [1_000, 2_000]), '1 s, 2 s apart', 'wait before retry 1 (documented: about 60 s): expected 30 to 120 s, saw 1 s'],
    ['I12.async-retries-then-destination', (b) => (b.asyncDelaysMs = [31_000, 31_000]), '31 s, 31 s apart', 'wait before retry 2 (documented: about 120 s): expected 60 to 240 s, saw 31 s'],
    ['I12.async-retries-then-destination', (b) => (b.asyncDelaysMs = [130_000, 240_000]), '130 s, 240 s apart', 'wait before retry 1 (documented: about 60 s): expected 30 to 120 s, saw 130 s'],
    ['I12.async-retries-then-destination', (b) => (b.asyncDelaysMs = [100_000, 90_000]), '100 s, 90 s apart', 'the wait before retry 2 is longer than the wait before retry 1: expected yes, saw 90 s against 100 s'],
  ];

  test('every live check has a failing case', () => {
    const withLive = Object.entries(lab.checks).filter(([, c]) => c.live).map(([id]) => id);
    expect([...new Set(cases.map(([id]) => id))].sort()).toEqual(withLive.sort());
  });

  test.each(cases)('%s fails: %#', async (id, change, observed, reason) => {
    const { j } = await check(id, change);
    expect(j.outcome).toBe('fail');
    expect(j.judgement.observed).toContain(observed);
    expect(j.reasons.join('\n')).toContain(reason);
  });
});

describe('sqs-dead-letter-queue live checks are inconclusive when the run did not exercise the behaviour', () => {
  const cases: Array<[string, (b: Behaviour) => void, string]> = [
    // The consumer never received the poison message (its mapping or function did not run): nothing was tested.
    ['I12.poison-moves-after-max-receive-count', (b) => ((b.receivesBeforeMove = 0), (b.neverArrives = true)), 'the consumer logged at least one receive of the poison message (saw 0 receive(s) logged, not moved)'],
    // Received maxReceiveCount times, then neither moved nor received again within the lab's wait: its margin is no AWS figure (review 5 F4).
    [
      'I12.poison-moves-after-max-receive-count',
      (b) => (b.neverArrives = true),
      "moved within the lab's wait (maxReceiveCount × visibility timeout + 120 s after the first receive, the lab's bound: AWS gives no time for the move), or received beyond maxReceiveCount (saw 3 receive(s) logged, then neither moved nor received again within",
    ],
    // No dead-letter copy to read a timestamp from, no finished SQS failure to look for, nothing to redrive.
    ['I12.dlq-keeps-original-sent-timestamp', (b) => (b.neverArrives = true), 'the poison message reached the dead-letter queue (saw no, not within'],
    ['I12.redrive-moves-back-and-fails-again', (b) => (b.neverArrives = true), 'a message move task was started on the dead-letter queue (saw not attempted: the poison message never reached the dead-letter queue)'],
    // The pollers handed every good message to another invocation than the poison one's: ReportBatchItemFailures was never exercised.
    [
      'I12.poison-moves-after-max-receive-count',
      (b) => (b.splitBatch = true),
      "a good message was delivered in the poison message's invocation (same Lambda request id) (saw no: the poison message was alone in invocation req-batch-1 (9 good message(s) in other invocations)",
    ],
    // Without the start of the first visibility timeout, the spacing of the receives cannot be bounded.
    [
      'I12.poison-moves-after-max-receive-count',
      (b) => (b.noFirstReceiveTimestamp = true),
      "Lambda passed the poison message's ApproximateFirstReceiveTimestamp (the start of its first visibility timeout) (saw no: absent from the record)",
    ],
  ];

  test.each(cases)('%s is inconclusive: %#', async (id, change, reason) => {
    const { j } = await check(id, change);
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons.join('\n')).toContain(reason);
  });

  test('I12.async-retries-then-destination is inconclusive when Lambda did not accept the asynchronous invocation', async () => {
    const ctx = context();
    mockWorld(ctx, truth());
    const observed = await ctx.observe(asyncRetries);
    const notAccepted: AsyncObservation = { ...observed, invokeStatusCode: undefined };
    const j = judgeLive(lab, 'I12.async-retries-then-destination', notAccepted);
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons).toEqual(['Lambda accepted the asynchronous invocation (Invoke returned 202) (saw no status)']);
  });

  test('a refused redrive (the caller lacks sqs:StartMessageMoveTask) is an error of that claim only, and the run is still cleaned up', async () => {
    const ctx = context({ 'skip-async': true });
    const b = truth();
    b.startMoveFails = 'User is not authorized to perform: sqs:StartMessageMoveTask';
    const world = mockWorld(ctx, b);
    const { results } = await runLiveChecks(lab, ctx, noCatalog);
    const outcome = Object.fromEntries(results.map((r) => [r.claim, r.outcome]));
    expect(outcome).toMatchObject({
      'I12.poison-moves-after-max-receive-count': 'pass',
      'I12.dlq-keeps-original-sent-timestamp': 'pass',
      'I12.redrive-moves-back-and-fails-again': 'error',
    });
    const redrive = results.find((r) => r.claim === 'I12.redrive-moves-back-and-fails-again')!;
    expect(redrive.error).toBe(
      'the redrive could not be observed: User is not authorized to perform: sqs:StartMessageMoveTask. Check the rights listed in the lab README (section 6) and your network, then run the check again',
    );
    expect(world.deletedFrom).toContain(DLQ.url);
    expect(world.queues.get(DLQ.url)!.every((m) => m.deleted)).toBe(true);
  });
});

describe('sqs-dead-letter-queue live checks that cannot run', () => {
  test('--skip-async reports the async check as skipped, with how to run it, and invokes nothing', async () => {
    const ctx = context({ 'skip-async': true });
    mockWorld(ctx, truth());
    await expect(ctx.observe(asyncRetries)).rejects.toThrow(new CheckSkipped('on request (--skip-async); run without it to watch Lambda retry (about 3 to 4 minutes)'));
    const { results } = await runLiveChecks(lab, context({ 'skip-async': true }), noCatalog, ['I12.async-retries-then-destination']);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      outcome: 'skipped',
      summary: 'skipped: on request (--skip-async); run without it to watch Lambda retry (about 3 to 4 minutes)',
    });
    expect(lambda).not.toHaveReceivedCommand(InvokeCommand);
  });

  test('a stack without the outputs is an error that says to redeploy', async () => {
    const ctx = fakeObserveContext({ labId: lab.id, outputs: { SourceQueueUrl: SOURCE.url } });
    mockWorld(ctx, truth());
    await expect(ctx.observe(journey)).rejects.toThrow(/has no output DeadLetterQueueUrl, DeadLetterQueueArn, ConsumerLogGroupName.*redeploy it/);
    expect(sqs).not.toHaveReceivedCommand(SendMessageBatchCommand);
  });

  test('a source queue without a redrive policy is an error, not a pass, and sends nothing', async () => {
    const ctx = context({ 'skip-async': true });
    mockWorld(ctx, truth());
    sqs.on(GetQueueAttributesCommand, { QueueUrl: SOURCE.url }).resolves({ Attributes: { VisibilityTimeout: '12' } });
    await expect(ctx.observe(journey)).rejects.toThrow('the source queue has no RedrivePolicy');
    const { results } = await runLiveChecks(lab, ctx, noCatalog, ['I12.poison-moves-after-max-receive-count']);
    expect(results[0]).toMatchObject({ outcome: 'error', error: expect.stringContaining('observation journey: the source queue has no RedrivePolicy') });
    expect(sqs).not.toHaveReceivedCommand(SendMessageBatchCommand);
  });
});

describe('sqs-dead-letter-queue live checks on real-world timing and leftovers', () => {
  test("a cold start that delays the first receive's handler by 3 s shortens the first gap, but not the time from SQS's first receive: it passes, and the method says why", async () => {
    const { j } = await check('I12.poison-moves-after-max-receive-count', (b) => (b.coldStartMs = 3_000));
    expect(j.outcome).toBe('pass');
    expect(j.judgement.observed).toContain('9.1 s, 12.1 s apart (visibility timeout 12 s)');
    expect(j.judgement.method).toContain('at least (k - 1) visibility timeouts after the first receive as SQS timed it (ApproximateFirstReceiveTimestamp');
    expect(j.judgement.method).toContain("the lab allows 1 s (its own margin, not an AWS figure) and reports the slack as measured");
  });

  // Final review F3: the claim is about the DLQ receiving the event, so a run that saw no copy is inconclusive (it was a pass).
  test('I12.async-retries-then-destination with no dead-letter copy within the lab\'s bound: not failed, inconclusive, saying the dead-letter queue was not observed', async () => {
    const { j, ctx } = await check('I12.async-retries-then-destination', (b) => (b.asyncDlq = false));
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons.join('\n')).toContain("the function's dead-letter queue received a copy within 30 s of the on-failure record");
    expect(j.judgement.observed).toContain('nothing in the dead-letter queue within');
    expect(j.judgement.notExercised).toContain('the dead-letter queue receiving the event, which the claim is about (no copy seen within 30 s');
    expect(figure(j, 'events of this run in the dead-letter queue')).toBe(0);
    // The wait for it is bounded: the observation ends about ASYNC_DLQ_GRACE_MS after the record, not at its 8-minute limit.
    expect(figure(j, 'observation time')).toBeLessThan(240);
    expect(ctx.progressLog.some((m) => m.includes('attempt 3 of 3 ran'))).toBe(true);
  });

  test('logs that lag 20 s behind the function are waited for: every receive is counted, before and after the redrive', async () => {
    const { j, ctx } = await check('I12.poison-moves-after-max-receive-count', (b) => (b.logLagMs = 20_000));
    expect(j.outcome).toBe('pass');
    expect(j.judgement.observed).toContain('received the poison message 3 times (ApproximateReceiveCount 1, 2, 3)');
    const redrive = await judged('I12.redrive-moves-back-and-fails-again', ctx);
    expect(redrive.outcome).toBe('pass');
    expect(figure(redrive, 'receives after the redrive')).toBe(3);
  });

  test('each observation creates each SDK client once and reuses it for every poll', async () => {
    const ctx = context();
    mockWorld(ctx, truth());
    await ctx.observe(journey);
    expect(logs.calls().length).toBeGreaterThan(5);
    expect(new Set(logs.calls().map((c) => c.thisValue)).size).toBe(1);
    expect(new Set(sqs.calls().map((c) => c.thisValue)).size).toBe(1);
    logs.resetHistory();
    sqs.resetHistory();
    await ctx.observe(asyncRetries);
    expect(logs.calls().length).toBeGreaterThan(5);
    expect(new Set(logs.calls().map((c) => c.thisValue)).size).toBe(1);
    expect(new Set(sqs.calls().map((c) => c.thisValue)).size).toBe(1);
  });

  test('a poison message another run left in the dead-letter queue is moved back by the redrive but never counted, and never deleted by this run', async () => {
    const ctx = context({ 'skip-async': true });
    const world = mockWorld(ctx, { ...truth(), leftoverOfOtherRun: true });
    const { results } = await runLiveChecks(lab, ctx, noCatalog);
    expect(results.filter((r) => r.outcome !== 'pass' && r.outcome !== 'skipped')).toEqual([]);
    const poison = results.find((r) => r.claim === 'I12.poison-moves-after-max-receive-count')!.judgement;
    expect(figure(poison, 'receives before the dead-letter queue')).toBe(3);
    const redrive = results.find((r) => r.claim === 'I12.redrive-moves-back-and-fails-again')!.judgement!;
    expect(figure(redrive, 'messages moved (ApproximateNumberOfMessagesMoved, approximate)')).toBe(2); // the task moves the whole queue, the other run's message too
    expect(figure(redrive, 'receives after the redrive')).toBe(3); // only this run's receives
    expect(redrive.observed).toContain('ApproximateReceiveCount 1, 2, 3)');
    // The other run's message cycled back to the dead-letter queue and is still there.
    const dlq = world.queues.get(DLQ.url)!;
    const others = dlq.filter((m) => m.body.includes(OTHER_RUN));
    expect(others.length).toBe(2);
    expect(others.some((m) => !m.deleted && m.visibleFrom <= ctx.now() && ctx.now() < m.visibleUntil)).toBe(true);
    expect(others.every((m) => !m.deleted)).toBe(true);
    // This run's copies still in the queue (not the ones the task moved away) are deleted.
    const ours = dlq.filter((m) => !m.body.includes(OTHER_RUN) && ctx.now() < m.visibleUntil);
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.every((m) => m.deleted)).toBe(true);
  });

  test('cleanup says a poison message still in flight may land in the dead-letter queue later; not when it was last seen there', async () => {
    const gaveUp = await check('I12.poison-moves-after-max-receive-count', (b) => (b.neverArrives = true));
    const runId = gaveUp.world.lines[0].entry.runId as string;
    expect(gaveUp.ctx.progressLog).toContain(
      `cleanup: the poison message of run ${runId} was not last seen in the dead-letter queue; if it is still being received from the source queue, ` +
        "it lands in the dead-letter queue after this cleanup and stays there until the next check's redrive moves it back (each check counts only its own run), it expires, or the lab is destroyed",
    );
    const notBack = await check('I12.redrive-moves-back-and-fails-again', (b) => (b.returnsAfterRedrive = false));
    expect(notBack.ctx.progressLog.some((m) => m.includes('was not last seen in the dead-letter queue'))).toBe(true);
    const truthful = await check('I12.redrive-moves-back-and-fails-again');
    expect(truthful.ctx.progressLog.some((m) => m.includes('was not last seen in the dead-letter queue'))).toBe(false);
    // A redrive that never started leaves the message in the dead-letter queue, where the cleanup deletes it.
    const refused = await check('I12.poison-moves-after-max-receive-count', (b) => (b.startMoveFails = 'User is not authorized to perform: sqs:StartMessageMoveTask'));
    expect(refused.ctx.progressLog.some((m) => m.includes('was not last seen in the dead-letter queue'))).toBe(false);
  });

  test('the three journey claims judge one observation: a recorded journey judges the same again', async () => {
    const ctx = context();
    mockWorld(ctx, truth());
    const observed: JourneyObservation = await ctx.observe(journey);
    const again = JSON.parse(JSON.stringify(observed)) as JourneyObservation;
    for (const id of ['I12.poison-moves-after-max-receive-count', 'I12.dlq-keeps-original-sent-timestamp', 'I12.redrive-moves-back-and-fails-again']) {
      expect(lab.checks[id].live?.observation).toBe(journey);
      expect(judgeLive(lab, id, again)).toEqual(judgeLive(lab, id, observed));
    }
  });
});
describe('sqs-dead-letter-queue on what a real account does (hostile AWS review, issue 22)', () => {
  // F1. ApproximateNumberOfMessagesMoved is "The approximate number of messages already moved" ("ListMessageMoveTasksResultEntry",
  // Amazon SQS API Reference, https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ListMessageMoveTasksResultEntry.html),
  // and AWS updates it after the status ("in AWS, approximate number of messages may take a while to update": localstack/localstack,
  // tests/aws/services/sqs/test_sqs_move_task.py). The redrive is judged on the message, the count is a figure.
  test('F1: a moved count that still says 0 on the first COMPLETED listings is read again, and the claim passes on the message itself', async () => {
    const { j } = await check('I12.redrive-moves-back-and-fails-again', (b) => (b.movedCountLagListings = 2));
    expect(j.outcome).toBe('pass');
    expect(figure(j, 'messages moved (ApproximateNumberOfMessagesMoved, approximate)')).toBe(1);
    expect(j.judgement.expectations.map((e) => e.what)).not.toContain('messages moved');
  });

  test('F1: a moved count that never catches up (or is never listed: "Required: No") does not fail a redrive that happened', async () => {
    const lagging = await check('I12.redrive-moves-back-and-fails-again', (b) => (b.movedCountLagListings = 1_000));
    expect(lagging.j.outcome).toBe('pass');
    expect(lagging.j.judgement.observed).toContain('0 message(s) moved by its count');
    expect(figure(lagging.j, 'messages moved (ApproximateNumberOfMessagesMoved, approximate)')).toBe(0);
    expect(lagging.j.judgement.method).toContain('read again for up to 30 s after COMPLETED and reported, not judged');
    const absent = await check('I12.redrive-moves-back-and-fails-again', (b) => (b.movedCountAbsent = true));
    expect(absent.j.outcome).toBe('pass');
    expect(absent.j.judgement.observed).toContain('no moved count listed');
  });

  test('F1: the message coming back under its original id (not "a new messageID") fails the redrive claim', async () => {
    const ctx = context({ 'skip-async': true });
    mockWorld(ctx, truth());
    const o: JourneyObservation = await ctx.observe(journey);
    const sameId: JourneyObservation = { ...o, redrive: { ...o.redrive, receivesAfter: o.redrive.receivesAfter.map((r) => ({ ...r, messageId: POISON_ID })) } };
    const j = judgeLive(lab, 'I12.redrive-moves-back-and-fails-again', sameId);
    expect(j.outcome).toBe('fail');
    expect(j.reasons.join('\n')).toContain(`the poison message came back to the source as a new message (a new message id): expected yes, saw no: received again with an id it had before (${POISON_ID}`);
  });

  // F2. No page gives a move task's duration, and ApproximateNumberOfMessagesToMove "is only included after the message movement
  // task is selected to start" (same page): a task still RUNNING at the lab's own deadline proves nothing either way.
  test('F2: a task still RUNNING at the lab\'s 120 s deadline is inconclusive, is cancelled, and leaves the other claims alone', async () => {
    const ctx = context({ 'skip-async': true });
    mockWorld(ctx, { ...truth(), moveStatus: 'STUCK' });
    const { results } = await runLiveChecks(lab, ctx, noCatalog);
    const outcome = Object.fromEntries(results.map((r) => [r.claim, r.outcome]));
    expect(outcome).toMatchObject({
      'I12.poison-moves-after-max-receive-count': 'pass',
      'I12.dlq-keeps-original-sent-timestamp': 'pass',
      'I12.sqs-failure-skips-function-dlq': 'skipped',
      'I12.redrive-moves-back-and-fails-again': 'inconclusive',
    });
    const redrive = results.find((r) => r.claim === 'I12.redrive-moves-back-and-fails-again')!;
    expect(redrive.reasons.join('\n')).toContain(
      "the move task ended within 120 s (the lab's deadline; AWS documents no duration) (saw no: still RUNNING after 120 s; the lab cancelled it (CancelMessageMoveTask))",
    );
    // "A message movement can only be cancelled when the current status is RUNNING" ("CancelMessageMoveTask", Amazon SQS API Reference).
    expect(sqs).toHaveReceivedCommandTimes(CancelMessageMoveTaskCommand, 1);
    expect(sqs).toHaveReceivedCommandWith(CancelMessageMoveTaskCommand, { TaskHandle: expect.stringMatching(/^eyJ0YXNr/) });
    expect(ctx.progressLog.some((m) => m.includes("move task still RUNNING after 120 s (the lab's deadline): cancelled it (CancelMessageMoveTask)"))).toBe(true);
  });

  test('F2: when the cancel is refused the run is still inconclusive, and the progress says the task may go on', async () => {
    const { j, ctx } = await check('I12.redrive-moves-back-and-fails-again', (b) => ((b.moveStatus = 'STUCK'), (b.cancelFails = 'User is not authorized to perform: sqs:CancelMessageMoveTask')));
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons.join('\n')).toContain('CancelMessageMoveTask failed (User is not authorized to perform: sqs:CancelMessageMoveTask): the task may still move messages');
    expect(ctx.progressLog.some((m) => m.includes('the task may go on moving messages after this run'))).toBe(true);
  });

  test('F2: a task someone else cancelled is inconclusive; only FAILED (among ended tasks) fails', async () => {
    const { j } = await check('I12.redrive-moves-back-and-fails-again', (b) => (b.moveStatus = 'CANCELLED'));
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons).toEqual(['the move task was not cancelled (CANCELLING, CANCELLED) (saw no: CANCELLED)']);
    expect(sqs).not.toHaveReceivedCommand(CancelMessageMoveTaskCommand);
  });

  // F3. Two clocks: the handler's Date.now() and SQS's ApproximateFirstReceiveTimestamp, "the time the message was first received from
  // the queue (epoch time in milliseconds)" ("ReceiveMessage", Amazon SQS API Reference), no accuracy stated: the lab allows 1 s.
  test('F3: receives up to 0.4 s before the earliest possible time (clock skew) pass within the lab\'s 1 s margin; 1.1 s early fails', async () => {
    const skewed = await check('I12.poison-moves-after-max-receive-count', (b) => (b.receiveSpacingMs = 11_700));
    expect(skewed.j.outcome).toBe('pass');
    expect(figure(skewed.j, 'least time after the earliest possible receive')).toBe(-0.4);
    // One receive 1.1 s early is reported (at-least-once delivery, third review F4); every re-receive early fails.
    const beyond = await check('I12.poison-moves-after-max-receive-count', (b) => (b.receiveSpacingMs = 11_350));
    expect(beyond.j.outcome).toBe('pass');
    expect(beyond.j.judgement.observed).toContain('1 receive(s) came more than 1 s before the end of the previous visibility timeout');
    const all = await check('I12.poison-moves-after-max-receive-count', (b) => (b.receiveSpacingMs = 10_700));
    expect(all.j.outcome).toBe('fail');
    expect(all.j.reasons.join('\n')).toContain('saw -1.1 s, -2.4 s after the earliest possible time');
  });

  // "you might get that message copy again when you receive messages" ("Amazon SQS at-least-once delivery",
  // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/standard-queues-at-least-once-delivery.html).
  test('F3: a duplicate copy of the poison message inside the visibility timeout (its count repeated) is reported, not a failed claim', async () => {
    const { j } = await check('I12.poison-moves-after-max-receive-count', (b) => (b.poisonDuplicate = true));
    expect(j.outcome).toBe('pass');
    expect(j.judgement.observed).toContain('received the poison message 3 times (ApproximateReceiveCount 1, 2, 3)');
    expect(j.judgement.observed).toContain('SQS also delivered 1 duplicate copy(ies) of the poison message (ApproximateReceiveCount 1 again');
    expect(figure(j, 'duplicate copies received (at-least-once delivery, not judged)')).toBe(1);
    expect(figure(j, 'receives before the dead-letter queue')).toBe(3);
  });

  test('F3: a duplicate copy of the good message (count 1 again) is not "received again"', async () => {
    const { j } = await check('I12.poison-moves-after-max-receive-count', (b) => (b.goodDuplicate = true));
    expect(j.outcome).toBe('pass');
    expect(j.judgement.observed).toContain('as processed (1 receive each) and no good message reached it');
    expect(j.judgement.observed).toContain('duplicate copy(ies) of the good messages');
  });

  // F4. "Even if your function doesn't return an error, it's possible for it to receive the same event from Lambda multiple times because
  // the queue itself is eventually consistent" ("How Lambda handles errors and retries with asynchronous invocation",
  // https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html); retries keep the request id ("Duplicate invocations
  // that return errors or timeout and that have the same request ID indicate that the Lambda service retried the function",
  // https://repost.aws/knowledge-center/lambda-function-duplicate-invocations).
  test('F4: a duplicate delivery of the async event under another request id is reported and not counted: the claim passes', async () => {
    const { j, ctx } = await check('I12.async-retries-then-destination', (b) => (b.asyncDuplicate = 'other-request-id'));
    expect(j.outcome).toBe('pass');
    expect(j.judgement.observed).toContain('ran the function 3 time(s) (expected 1 + 2 retries), 61.2 s, 121.8 s apart, under request id 5f0e9d8c-7b6a-4594-8372-615049382716');
    expect(j.judgement.observed).toContain('1 more attempt line(s) under another request id (0b7e6f1a-2c3d-4e5f-8a9b-0c1d2e3f4a5b): the same event delivered again, reported, not counted');
    expect(figure(j, 'duplicate deliveries under another request id (not counted)')).toBe(1);
    expect(ctx.progressLog.some((m) => m.includes('attempt line(s) under another request id'))).toBe(true);
  });

  test('F4: a duplicate under the invocation\'s own request id cannot be told from a retry: inconclusive, not fail', async () => {
    const { j } = await check('I12.async-retries-then-destination', (b) => (b.asyncDuplicate = 'same-request-id'));
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons.join('\n')).toContain(
      "each attempt logged once (no duplicate delivery under the invocation's own request id) (saw no: 4 attempt lines under 5f0e9d8c-7b6a-4594-8372-615049382716 while the record counts 3",
    );
  });

  test('F4: more attempts that Lambda itself counts (approximateInvokeCount 4) still fail', async () => {
    const { j } = await check('I12.async-retries-then-destination', (b) => ((b.asyncAttempts = 4), (b.asyncDelaysMs = [61_200, 121_800, 130_000])));
    expect(j.outcome).toBe('fail');
    expect(j.reasons.join('\n')).toContain('attempts (1 + 2 retries): expected 3, saw 4');
  });

  // F5. A stale copy of the moved original in the dead-letter queue (at-least-once delivery) is not the redriven message coming back.
  test('F5: a stale copy of the original seen in the dead-letter queue after the move is not taken as the message back', async () => {
    const ctx = context({ 'skip-async': true });
    mockWorld(ctx, { ...truth(), staleCopyAfterRedrive: true });
    const o: JourneyObservation = await ctx.observe(journey);
    expect(o.redrive.backInDeadLetterQueue?.messageId).toBe(REDRIVEN_ID);
    expect(o.redrive.secondsBackToDeadLetterQueue).toBeGreaterThanOrEqual(36);
    const j = judgeLive(lab, 'I12.redrive-moves-back-and-fails-again', o);
    expect(j.outcome).toBe('pass');
    expect(j.judgement.observed).toContain('back in the dead-letter queue');
  });

  // F6. DescribeAlarms returns the alarm's configuration; the run never sees it fire, and says so.
  test('distinctReceives keeps receives that advance the count; redrivenReceives picks the new id; groupAttempts keys on the request id', () => {
    const r = (receiveCount: number, at: number, messageId = 'm'): ConsumerReceive => ({ messageId, kind: 'poison', receiveCount, sentTimestamp: 0, outcome: 'failed', at });
    expect(distinctReceives([r(1, 0), r(1, 3), r(2, 12), r(1, 13), r(3, 24)])).toEqual({ kept: [r(1, 0), r(2, 12), r(3, 24)], duplicates: [r(1, 3), r(1, 13)] });
    expect(redrivenReceives([r(1, 1, 'old'), r(1, 2, 'new'), r(2, 14, 'new')], 'old')).toEqual({ redrivenId: 'new', redriven: [r(1, 2, 'new'), r(2, 14, 'new')], others: [r(1, 1, 'old')] });
    expect(redrivenReceives([r(1, 1, 'old')], 'old')).toEqual({ redriven: [r(1, 1, 'old')], others: [] });
    expect(groupAttempts([{ at: 1, requestId: 'a' }, { at: 2, requestId: 'b' }, { at: 61, requestId: 'a' }], 'a')).toEqual({ requestId: 'a', attempts: [1, 61], otherDeliveries: [{ at: 2, requestId: 'b' }] });
    expect(groupAttempts([{ at: 1 }, { at: 61 }])).toEqual({ attempts: [1, 61], otherDeliveries: [] });
  });
});

describe('sqs-dead-letter-queue on the second hostile review (issue 22, review 2)', () => {
  // R1. SQS can count a receive the consumer never sees: "Amazon SQS records the message as delivered at least once, although the
  // consumer has never received it" ("Avoiding inconsistent message processing in Amazon SQS",
  // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/avoiding-inconsistent-message-processing.html); a throttled
  // poller drops a message "until the message's timestamp exceeds your queue's visibility timeout" ("Handling errors for an SQS event
  // source in Lambda", https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html).
  // Final review F1: a move after fewer logged receives than maxReceiveCount is not what the claim says was seen: inconclusive (it was a pass).
  test('R1: logged counts 1, 3 (count 2 counted by SQS, never seen by the consumer), then the move on time: inconclusive, the gap reported', async () => {
    const { j } = await check('I12.poison-moves-after-max-receive-count', (b) => (b.unloggedCounts = [2]));
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons.join('\n')).toContain('the consumer logged every receive up to maxReceiveCount (ApproximateReceiveCount 1 to 3) before the move');
    expect(j.judgement.observed).toContain('received the poison message 2 times (ApproximateReceiveCount 1, 3)');
    expect(j.judgement.observed).toContain('count(s) 2 never reached the consumer (receives SQS counted without a delivery the consumer saw: reported, not judged)');
    expect(figure(j, 'receives SQS counted that the consumer did not log (reported, not judged)')).toBe(1);
  });

  test('R1: logged counts 1, 2 and the move after three visibility timeouts (the third receive dropped): inconclusive, reported', async () => {
    const { j } = await check('I12.poison-moves-after-max-receive-count', (b) => (b.unloggedCounts = [3]));
    expect(j.outcome).toBe('inconclusive');
    expect(j.judgement.observed).toContain('count(s) 3 never reached the consumer');
  });

  // Final review F2: the same after the redrive.
  test('R1: the same after the redrive: counts 1, 3 are inconclusive and reported', async () => {
    const { j } = await check('I12.redrive-moves-back-and-fails-again', (b) => (b.unloggedRedriveCounts = [2]));
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons.join('\n')).toContain('after the redrive the consumer logged every receive up to maxReceiveCount');
    expect(j.judgement.observed).toContain('ApproximateReceiveCount 1, 3; count(s) 2 never reached the consumer: reported, not judged');
    expect(figure(j, 'receives after the redrive SQS counted that the consumer did not log (reported, not judged)')).toBe(1);
  });

  test('R1: a receive after the redrive beyond maxReceiveCount still fails', async () => {
    const ctx = context({ 'skip-async': true });
    mockWorld(ctx, truth());
    const o: JourneyObservation = await ctx.observe(journey);
    const last = o.redrive.receivesAfter[o.redrive.receivesAfter.length - 1];
    const fourth: JourneyObservation = { ...o, redrive: { ...o.redrive, receivesAfter: [...o.redrive.receivesAfter, { ...last, receiveCount: 4, at: last.at + 12_100 }] } };
    const j = judgeLive(lab, 'I12.redrive-moves-back-and-fails-again', fourth);
    expect(j.outcome).toBe('fail');
    expect(j.reasons.join('\n')).toContain('no receive after the redrive beyond maxReceiveCount (3): expected at most 3 receives, ApproximateReceiveCount at most 3, saw 4 receive(s) logged');
  });

  // R2. A split batch proves nothing about partial batch responses, but a fourth receive or one too early contradicts the truth anyway.
  test('R2: a fourth receive fails even when the batch was split (decisive)', async () => {
    const { j } = await check('I12.poison-moves-after-max-receive-count', (b) => ((b.splitBatch = true), (b.receivesBeforeMove = 4)));
    expect(j.outcome).toBe('fail');
    expect(j.reasons.join('\n')).toContain('no receive beyond maxReceiveCount (3)');
    expect(j.judgement.expectations.find((e) => e.what.startsWith('no receive beyond'))?.decisive).toBe(true);
  });

  // Third review F4: not decisive any more. "When using standard queues, visibility timeout isn't a guarantee against receiving
  // a message twice" ("Setting Visibility Timeout in Amazon SQS", https://docs.aws.amazon.com/sdk-for-cpp/v1/developer-guide/examples-sqs-visibility-timeout.html),
  // and no page gives the receive count of such a copy: with the batch split the run is inconclusive; with it together, every early receive fails.
  test('R2/F4: receives 9 s apart under a 12 s visibility timeout are inconclusive when the batch was split (not decisive), and fail when it was not', async () => {
    const { j } = await check('I12.poison-moves-after-max-receive-count', (b) => ((b.splitBatch = true), (b.receiveSpacingMs = 9_000)));
    expect(j.outcome).toBe('inconclusive');
    const together = await check('I12.poison-moves-after-max-receive-count', (b) => (b.receiveSpacingMs = 9_000));
    expect(together.j.outcome).toBe('fail');
    expect(together.j.reasons.join('\n')).toContain('each receive at least one visibility timeout after the one before');
    expect(together.j.reasons.join('\n')).not.toContain('SQS moved it no sooner than');
    expect(together.j.judgement.observed).toContain('sooner than maxReceiveCount × visibility timeout (36 s): an early (at-least-once) receive SQS counted explains it, so it is reported, not judged');
  });

  test('R2: a split batch with receives that agree with the truth stays inconclusive', async () => {
    const { j } = await check('I12.poison-moves-after-max-receive-count', (b) => (b.splitBatch = true));
    expect(j.outcome).toBe('inconclusive');
  });

  // R3. "Lambda invokes your function when ... the batching window reaches its maximum value ... the batch size is met" ("How Lambda
  // processes records from stream and queue-based event sources", https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html);
  // SendMessageBatch takes at most 10 entries ("SendMessageBatch", Amazon SQS API Reference).
  test('R3: nine good messages go with the poison one in one SendMessageBatch; one sharing its invocation is enough', async () => {
    const { j } = await check('I12.poison-moves-after-max-receive-count', (b) => (b.goodsElsewhere = 8));
    const sent = sqs.commandCalls(SendMessageBatchCommand)[0].args[0].input.Entries ?? [];
    expect(sent).toHaveLength(10);
    expect(sent.filter((e) => JSON.parse(e.MessageBody!).kind === 'poison')).toHaveLength(1);
    expect(j.outcome).toBe('pass');
    expect(figure(j, "good messages in the poison message's invocation")).toBe(1);
    expect(figure(j, 'good messages sent')).toBe(9);
    expect(j.judgement.observed).toContain('(8 other good message(s) came in other invocations: reported)');
  });

  // R4. A pass says what the run did not exercise.
  test('R4: every passing live check names what its run did not exercise', async () => {
    const ctx = context();
    mockWorld(ctx, truth());
    const { results } = await runLiveChecks(lab, ctx, () => ({ verdict: 'oversimplified' }));
    for (const r of results.filter((x) => lab.checks[x.claim].live)) {
      expect(r.outcome).toBe('pass');
      expect(r.judgement?.notExercised).toBe(NOT_EXERCISED[r.claim as keyof typeof NOT_EXERCISED]);
      expect(r.summary).toContain(`as far as this run exercised it (not exercised: ${NOT_EXERCISED[r.claim as keyof typeof NOT_EXERCISED]})`);
    }
    // Open item (d): no page says the move happens on a receive, so the lab does not claim it; it names when the move happens as not exercised.
    expect(NOT_EXERCISED['I12.poison-moves-after-max-receive-count']).toContain('no page says whether on a receive or otherwise');
    expect(NOT_EXERCISED['I12.dlq-keeps-original-sent-timestamp']).toContain('FIFO');
    expect(NOT_EXERCISED['I12.async-retries-then-destination']).toContain('MaximumEventAge');
  });

  // R5. What the template fixes is read back and reported; only SQS's own derived answer is judged live.
  // R6. No page documents the message id across a move to a dead-letter queue; the enqueue timestamp is documented as kept.
  test('R6: the redriven message back in the dead-letter queue under yet another id is recognised by its SentTimestamp', async () => {
    const { j } = await check('I12.redrive-moves-back-and-fails-again', (b) => (b.idChangesOnReturn = true));
    expect(j.outcome).toBe('pass');
    expect(j.judgement.observed).toContain(`under id ${REDRIVEN_ID.slice(0, -4)}beef, not the one it had in the source`);
    const same = await check('I12.redrive-moves-back-and-fails-again');
    expect(same.j.judgement.observed).toContain('(under the same id, its SentTimestamp kept)');
  });

  // R7. "the change can take up to 60 seconds for most of the attributes to propagate" ("SetQueueAttributes", Amazon SQS API Reference).
  // R8. Leftovers of interrupted runs: recent ones named (the move task moves the whole queue), old ones deleted first.
  test('R8: a recent run\'s leftover is named in the progress and the redrive claim; a run over an hour old is deleted before sending; a foreign message is left alone', async () => {
    const ctx = context({ 'skip-async': true });
    const world = mockWorld(ctx, truth());
    const recent = newRunId({ now: () => ctx.now() - 20 * 60_000 });
    const old = newRunId({ now: () => ctx.now() - 2 * 60 * 60_000 });
    const at = ctx.now() - 20 * 60_000;
    world.put(DLQ.url, { messageId: '11111111-2222-4333-8444-555566667777', body: JSON.stringify({ lab: 'sqs-dead-letter-queue', runId: recent, kind: 'poison', poison: true }), sentTimestamp: at, visibleFrom: at });
    world.put(DLQ.url, { messageId: '88888888-9999-4aaa-8bbb-ccccddddeeee', body: JSON.stringify({ lab: 'sqs-dead-letter-queue', runId: old, kind: 'poison', poison: true }), sentTimestamp: at, visibleFrom: at });
    world.put(DLQ.url, { messageId: 'ffffffff-0000-4111-8222-333344445555', body: JSON.stringify({ orderId: 42 }), sentTimestamp: at, visibleFrom: at });
    const o: JourneyObservation = await ctx.observe(journey);
    expect(o.arrival.earlierRunMessagesDeleted).toBe(1);
    expect(o.arrival.earlierRunMessages).toEqual([{ runId: recent, messageId: '11111111-2222-4333-8444-555566667777', kind: 'poison' }]);
    expect(ctx.progressLog.some((m) => m.startsWith('deleted 1 message(s) that runs started over 60 minutes ago left in the dead-letter queue') && m.includes(old))).toBe(true);
    expect(ctx.progressLog.some((m) => m.includes(`it also holds 1 message(s) of earlier runs (${recent}), which the task moves back too`))).toBe(true);
    const dlq = world.queues.get(DLQ.url)!;
    expect(dlq.find((m) => m.body.includes(old))!.deleted).toBe(true);
    expect(dlq.find((m) => m.body.includes('orderId'))!.deleted).toBe(false);
    const j = judgeLive(lab, 'I12.redrive-moves-back-and-fails-again', o);
    expect(j.outcome).toBe('pass');
    expect(j.judgement.observed).toContain(`the task also moved 1 message(s) that earlier runs left in the dead-letter queue (runs ${recent}): not counted`);
    expect(figure(j, 'messages of earlier runs in the dead-letter queue (the move task moved them too)')).toBe(1);
  });

  test('R8: runStartedAt reads the start time back from a run id, and refuses ids that are not the lab\'s', () => {
    const t = Date.parse('2026-11-23T10:00:00Z');
    expect(runStartedAt(newRunId({ now: () => t }, () => 0.25))).toBe(t);
    expect(runStartedAt('runmi3x9k2a7q1w')).toBeUndefined(); // names a time before 2024: never taken as old
    expect(runStartedAt('order-42')).toBeUndefined();
    expect(runStartedAt(undefined)).toBeUndefined();
  });

  test('R6: redrivenCopyBack skips a copy of the original and takes the redriven SentTimestamp under any id', () => {
    const m = (messageId: string, sentTimestamp: number) => ({ messageId, receiptHandle: 'h', rawBody: '{}', sentTimestamp });
    const original = { ids: [POISON_ID], sentTimestamp: 1_000 };
    expect(redrivenCopyBack([m(POISON_ID, 1_000), m('other', 5_000)], 5_000, original)?.messageId).toBe('other');
    expect(redrivenCopyBack([m(POISON_ID, 1_000)], 1_000, original)).toBeUndefined();
    expect(redrivenCopyBack([m('other', 5_000)], undefined, original)).toBeUndefined();
  });
});

describe('settle: reading logs until they show what the queues say happened', () => {
  const receive = (at: number): LabEvent => ({ event: 'receive', kind: 'poison', runId: 'r', at });

  test('keeps reading while the count is short, however long two reads agree, and stops when it is reached', async () => {
    const ctx = fakeObserveContext();
    const start = ctx.now();
    // The third line shows up 25 s in: reads at 0, 5 and 10 s agree on 2, which used to end the wait.
    const read = jest.fn(async () => [receive(1), receive(2), ...(ctx.now() - start >= 25_000 ? [receive(3)] : [])]);
    const events = await settle(ctx, read, (e) => e.length, 3);
    expect(events).toHaveLength(3);
    expect(ctx.now() - start).toBe(25_000);
    expect(read).toHaveBeenCalledTimes(6);
  });

  test('gives up after about a minute and returns the last read', async () => {
    const ctx = fakeObserveContext();
    const start = ctx.now();
    const read = jest.fn(async () => [receive(1)]);
    const events = await settle(ctx, read, (e) => e.length, 3);
    expect(events).toHaveLength(1);
    expect(ctx.now() - start).toBe(LOG_SETTLE_MAX_MS);
    expect(read).toHaveBeenCalledTimes(LOG_SETTLE_MAX_MS / LOG_SETTLE_MS + 1);
  });

  test('does not wait when the count is already there', async () => {
    const ctx = fakeObserveContext();
    const read = jest.fn(async () => [receive(1), receive(2), receive(3)]);
    await settle(ctx, read, (e) => e.length, 3);
    expect(read).toHaveBeenCalledTimes(1);
  });
});

describe('sqs-dead-letter-queue observation helpers', () => {
  test('a run id is letters and digits only, so a filter pattern matches it as one term', () => {
    const id = newRunId({ now: () => Date.parse('2026-11-23T12:00:00Z') }, () => 0.5);
    expect(id).toMatch(/^run[a-z0-9]+$/);
  });

  test('reads lab lines in Lambda\'s text format and skips the rest', () => {
    const events = parseLabEvents([
      { timestamp: 2, message: '2026-11-23T12:00:00.002Z\treq\tINFO\tLABEVENT {"event":"receive","runId":"r","at":2}\n' },
      { timestamp: 1, message: 'START RequestId: 5f0e9d8c Version: $LATEST\n' },
      { timestamp: 3, message: '2026-11-23T12:00:00.003Z\treq\tINFO\tLABEVENT {broken\n' },
      { timestamp: 4, message: 'LABEVENT {"event":"attempt","runId":"r"}' },
    ]);
    expect(events).toEqual([
      { event: 'receive', runId: 'r', at: 2 },
      { event: 'attempt', runId: 'r', at: 4 },
    ]);
  });

  test('reads a redrive policy whose maxReceiveCount is a string, as SQS may return it', () => {
    expect(parseRedrivePolicy(JSON.stringify({ deadLetterTargetArn: DLQ.arn, maxReceiveCount: '3' }))).toEqual({ deadLetterTargetArn: DLQ.arn, maxReceiveCount: 3 });
    expect(() => parseRedrivePolicy('{"deadLetterTargetArn":""}')).toThrow("the source queue's RedrivePolicy is not usable");
  });
});

describe('sqs-dead-letter-queue on the third hostile review (issue 22, review 3)', () => {
  // F1. "The dead-letter queue for failed asynchronous invocations" ("DeadLetterConfig", AWS Lambda API Reference,
  // https://docs.aws.amazon.com/lambda/latest/api/API_DeadLetterConfig.html); with ReportBatchItemFailures the consumer returns
  // batchItemFailures and never throws ("Handling errors for an SQS event source in Lambda",
  // https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html): no invocation fails, so an empty function
  // dead-letter queue could not have come out otherwise. F3. ListDeadLetterSourceQueues "Returns a list of your queues that have
  // the RedrivePolicy queue attribute configured with a dead-letter queue" ("ListDeadLetterSourceQueues", Amazon SQS API Reference,
  // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ListDeadLetterSourceQueues.html): derived from what the stack deployed.
  test('F1, F3: the function-DLQ claim and T2 are offline only; their offline checks still run', () => {
    for (const id of ['I12.sqs-failure-skips-function-dlq', 'T2.dlq-is-an-ordinary-queue']) {
      expect(lab.checks[id].live).toBeUndefined();
      expect(lab.checks[id].offline).toBeDefined();
    }
  });

  // F4. A single receive inside the visibility timeout, and the early move it brings, are at-least-once delivery: reported.
  test('F4: one early re-receive and a move after two logged receives (26 s, before 3 × 12 s) are reported, not failed', async () => {
    const { j } = await check('I12.poison-moves-after-max-receive-count', (b) => (b.receivesBeforeMove = 2));
    // Final review F1: with only two receives logged, the run did not see three: inconclusive, not a pass, and still not a fail.
    expect(j.outcome).toBe('inconclusive');
    expect(j.judgement.observed).toContain('it moved 26 s after the send, sooner than maxReceiveCount × visibility timeout (36 s)');
    expect(j.judgement.expectations.filter((e) => e.decisive).map((e) => e.what)).toEqual(['no receive beyond maxReceiveCount (3)']);
    const one = await check('I12.poison-moves-after-max-receive-count', (b) => (b.receiveSpacingMs = 11_000));
    expect(one.j.outcome).toBe('pass');
    expect(one.j.judgement.observed).toContain('a delivery inside the visibility timeout, which standard queues allow (at-least-once delivery), reported, not judged');
  });

  // F5. "Amazon SQS at-least-once delivery"; partial batch responses "help reduce the number of unnecessary retries on records"
  // ("Handling errors for an SQS event source in Lambda"): a later receive of a good message is not the good message retried with the poison one.
  test('F5: a good message received again later, in its own invocation, is reported; received again in the poison message\'s retry, it fails', async () => {
    // Review 4 F1: one of nine partners back a visibility timeout later cannot be told from an at-least-once copy: inconclusive (see below).
    const later = await check('I12.poison-moves-after-max-receive-count', (b) => (b.goodReceivedAgain = 'later'));
    expect(later.j.outcome).toBe('inconclusive');
    const dragged = await check('I12.poison-moves-after-max-receive-count', (b) => (b.goodReceivedAgain = 'with-poison'));
    expect(dragged.j.outcome).toBe('fail');
  });

  // F6. Throttled or slow pollers: "Handling errors for an SQS event source in Lambda". Fewer than maxReceiveCount receives at give-up: not exercised.
  test('F6: not moved after only 2 logged receives is inconclusive; after 3 too (review 5 F4: the wait is the lab\'s); a 4th receive instead of the move fails', async () => {
    const slow = await check('I12.poison-moves-after-max-receive-count', (b) => ((b.receivesBeforeMove = 2), (b.neverArrives = true)));
    expect(slow.j.outcome).toBe('inconclusive');
    expect(slow.j.reasons.join('\n')).toContain("moved within the lab's wait (maxReceiveCount × visibility timeout + 120 s after the first receive, the lab's bound: AWS gives no time for the move), or received beyond maxReceiveCount (saw 2 receive(s) logged, not moved within");
    const due = await check('I12.poison-moves-after-max-receive-count', (b) => (b.neverArrives = true));
    expect(due.j.outcome).toBe('inconclusive');
    expect(due.j.reasons.join('\n')).toContain("(the lab's bound, not an AWS figure); run the check again");
    const again = await check('I12.poison-moves-after-max-receive-count', (b) => ((b.receivesBeforeMove = 4), (b.neverArrives = true)));
    expect(again.j.outcome).toBe('fail');
    expect(again.j.reasons.join('\n')).toContain('no receive beyond maxReceiveCount (3): expected at most 3 receives');
  });

  // F7. "For standard queues, the expiration of a message is always based on its original enqueue timestamp. When a message is moved
  // to a dead-letter queue, the enqueue timestamp is unchanged" ("Setting-up dead-letter queue retention in Amazon SQS",
  // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/setting-up-dead-letter-queue-retention.html); SentTimestamp is
  // "the time the message was sent to the queue" ("ReceiveMessage"): no page says the two are one, so the pass says so.
  test('F7: the SentTimestamp pass does not claim the retention clock; the expiry clock is named as not exercised', async () => {
    const { j } = await check('I12.dlq-keeps-original-sent-timestamp');
    expect(j.outcome).toBe('pass');
    expect(j.judgement.observed).not.toContain('counts from the original send');
    expect(j.judgement.observed).toContain("that it is the enqueue timestamp expiry counts from is the lab's reading, not a documented fact");
    expect(j.judgement.notExercised).toContain('the expiry clock itself');
  });

  // F2. "You can configure destinations in addition to or instead of a dead-letter queue" ("PutFunctionEventInvokeConfig", AWS Lambda
  // API Reference, https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionEventInvokeConfig.html): a copy seen there is judged.
  test('F2: the dead-letter copy is judged when it arrives, and the pass then covers the dead-letter queue', async () => {
    const { j } = await check('I12.async-retries-then-destination');
    expect(j.outcome).toBe('pass');
    expect(j.judgement.expectations.map((e) => e.what)).toContain('the dead-letter queue received the event itself, without record details (DLQ "in addition to" the destination)');
    expect(j.judgement.notExercised).toBe(NOT_EXERCISED['I12.async-retries-then-destination']);
    expect(NOT_EXERCISED['I12.async-retries-then-destination']).not.toContain('reported, not judged');
  });
});

describe('sqs-dead-letter-queue on the fourth hostile review (review 4 and the open items)', () => {
  // (c) No check judges the consumer's function dead-letter queue live any more (third review F1: offline only), so the journey makes no
  // control Invoke: it needs no lambda:InvokeFunction on the consumer and reads nothing from that queue.
  test('(c) the journey invokes nothing and never reads the function dead-letter queue; only the async check invokes, its own function', async () => {
    const ctx = context({ 'skip-async': true });
    mockWorld(ctx, truth());
    await ctx.observe(journey);
    expect(lambda).not.toHaveReceivedCommand(InvokeCommand);
    expect(sqs.commandCalls(ReceiveMessageCommand).map((c) => c.args[0].input.QueueUrl)).not.toContain(FN_DLQ.url);
    expect(journey.outputs).not.toContain('ConsumerFunctionDlqUrl');
    const all = context();
    mockWorld(all, truth());
    await runLiveChecks(lab, all, noCatalog);
    expect(lambda.commandCalls(InvokeCommand).map((c) => c.args[0].input.FunctionName)).toEqual([ASYNC_FN]);
  });

  // (a) Readiness: the journey sends only once the mapping is Enabled ("GetEventSourceMapping", AWS Lambda API Reference,
  // https://docs.aws.amazon.com/lambda/latest/api/API_GetEventSourceMapping.html: Creating, Enabling, Enabled, Disabling, Disabled, Updating, Deleting).
  test('(a) a mapping still Creating, then Enabling, is waited for with progress; nothing is sent before it is Enabled, and the claims pass', async () => {
    const ctx = context({ 'skip-async': true });
    mockWorld(ctx, { ...truth(), mappingStates: ['Creating', 'Creating', 'Enabling', 'Enabled'] });
    const o: JourneyObservation = await ctx.observe(journey);
    expect(o.mapping).toEqual({ uuid: MAPPING_UUID, state: 'Enabled', waitedSeconds: 15 });
    expect(lambda).toHaveReceivedCommandTimes(GetEventSourceMappingCommand, 4);
    expect(ctx.progressLog.filter((m) => m.includes(`event source mapping ${MAPPING_UUID} is Creating, not Enabled yet: waiting before sending`))).toHaveLength(2);
    // Nothing is sent while it settles: the send's progress line comes after the last wait line.
    const lastWait = ctx.progressLog.map((m) => m.includes('not Enabled yet')).lastIndexOf(true);
    const sending = ctx.progressLog.findIndex((m) => m.startsWith('sending 9 good messages'));
    expect(sending).toBeGreaterThan(lastWait);
    expect(sqs).toHaveReceivedCommandTimes(SendMessageBatchCommand, 1);
    expect(judgeLive(lab, 'I12.poison-moves-after-max-receive-count', o).outcome).toBe('pass');
  });

  test.each(['Disabled', 'Disabling', 'Deleting'])('(a) a mapping that is %s is an error of the three journey claims, never a fail, says what to do, and sends nothing', async (state) => {
    const ctx = context({ 'skip-async': true });
    mockWorld(ctx, { ...truth(), mappingStates: [state] });
    const { results } = await runLiveChecks(lab, ctx, noCatalog);
    const journeyClaims = results.filter((r) => lab.checks[r.claim].live?.observation === journey);
    expect(journeyClaims.map((r) => r.outcome)).toEqual(['error', 'error', 'error']);
    expect(journeyClaims[0].error).toContain(`the consumer's event source mapping ${MAPPING_UUID} is ${state} (StateTransitionReason: USER_INITIATED)`);
    expect(journeyClaims[0].error).toContain(`enable it (aws lambda update-event-source-mapping --uuid ${MAPPING_UUID} --enabled) or redeploy the lab`);
    expect(sqs).not.toHaveReceivedCommand(SendMessageBatchCommand);
    expect(lambda).toHaveReceivedCommandTimes(GetEventSourceMappingCommand, 1);
  });

  test("(a) a mapping still Creating after the lab's 120 s bound is an error that says to run again later; nothing is sent", async () => {
    const ctx = context({ 'skip-async': true });
    mockWorld(ctx, { ...truth(), mappingStates: ['Creating'] });
    const start = ctx.now();
    await expect(ctx.observe(journey)).rejects.toThrow(
      `the consumer's event source mapping ${MAPPING_UUID} is Creating (StateTransitionReason: USER_INITIATED) after 120 s (the lab's bound; AWS documents no duration)`,
    );
    expect(ctx.now() - start).toBe(120_000);
    expect(sqs).not.toHaveReceivedCommand(SendMessageBatchCommand);
  });

  // (b) The wait for the move counts from the first receive, SQS's ApproximateFirstReceiveTimestamp ("ReceiveMessage", Amazon SQS
  // API Reference, https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html), not from the send.
  test('(b) a first poll 130 s after the send: the wait runs from the first receive, so the move at 167 s is seen and the claim passes (it failed at 156 s before)', async () => {
    const { j } = await check('I12.poison-moves-after-max-receive-count', (b) => (b.firstReceiveDelayMs = 130_000));
    expect(j.outcome).toBe('pass');
    expect(j.judgement.observed).toContain('received the poison message 3 times (ApproximateReceiveCount 1, 2, 3)');
    expect(figure(j, 'seconds from send to dead-letter queue')).toBeGreaterThanOrEqual(167);
  });

  test('(b) the same after the redrive: a redriven message first received 130 s after the move still returns within the wait', async () => {
    const { j } = await check('I12.redrive-moves-back-and-fails-again', (b) => (b.redriveFirstReceiveDelayMs = 130_000));
    expect(j.outcome).toBe('pass');
    expect(figure(j, 'seconds back to the dead-letter queue')).toBeGreaterThanOrEqual(167);
  });

  test('(b) the wait stays bounded: no receive at all gives up at send + 36 s + 120 s, and a message received but never moved gives up 156 s after its first receive (inconclusive: the margin is the lab\'s)', async () => {
    const none = await check('I12.poison-moves-after-max-receive-count', (b) => ((b.receivesBeforeMove = 0), (b.neverArrives = true)));
    expect(none.j.outcome).toBe('inconclusive');
    expect(none.j.judgement.observed).toMatch(/not seen in the dead-letter queue within 15[6-8](\.\d)? s/);
    const stuck = await check('I12.poison-moves-after-max-receive-count', (b) => ((b.firstReceiveDelayMs = 100_000), (b.neverArrives = true)));
    expect(stuck.j.outcome).toBe('inconclusive');
    expect(stuck.j.judgement.observed).toMatch(/not seen in the dead-letter queue within 25[6-9](\.\d)? s/);
  });

  test('(b) moveDeadline holds the first receive between the start and when its line was seen (two clocks)', () => {
    const start = 1_000_000;
    const expected = 36_000;
    expect(moveDeadline(start, undefined, expected)).toBe(start + expected + 120_000);
    expect(moveDeadline(start, { timestamp: start + 50_000, seenAt: start + 60_000 }, expected)).toBe(start + 50_000 + expected + 120_000);
    // SQS's clock ahead of this machine's, or behind it: clamped.
    expect(moveDeadline(start, { timestamp: start + 90_000, seenAt: start + 60_000 }, expected)).toBe(start + 60_000 + expected + 120_000);
    expect(moveDeadline(start, { timestamp: start - 30_000, seenAt: start + 60_000 }, expected)).toBe(start + expected + 120_000);
    expect(moveDeadline(start, { seenAt: start + 60_000 }, expected)).toBe(start + 60_000 + expected + 120_000);
  });

  // F1. "When your Lambda function encounters an error while processing a batch, all messages in that batch become visible in the queue
  // again by default" ("Handling errors for an SQS event source in Lambda", https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html);
  // five concurrent pollers ("Configuring scaling behavior for SQS event source mappings") may hand them to other invocations; an at-least-once
  // copy comes "On rare occasions" ("Amazon SQS at-least-once delivery").
  test('F1: the whole batch received again one visibility timeout later in other invocations (the partial response ignored) fails; it passed before', async () => {
    const { j } = await check('I12.poison-moves-after-max-receive-count', (b) => (b.goodReceivedAgain = 'whole-batch-later'));
    expect(j.outcome).toBe('fail');
    expect(j.reasons.join('\n')).toContain(
      "the good messages of the poison message's batch were not all made visible again with it (every one received again a visibility timeout later: the whole batch returned): expected yes, saw no: all 9 received again 13.3 s",
    );
    expect(j.judgement.observed).toContain('(9 of them received AGAIN about one visibility timeout later, in other invocations: the whole batch came back)');
  });

  test('F1: one partner of nine back a visibility timeout later is inconclusive; the only partner back is inconclusive too; back with the poison message it fails', async () => {
    const one = await check('I12.poison-moves-after-max-receive-count', (b) => (b.goodReceivedAgain = 'later'));
    expect(one.j.outcome).toBe('inconclusive');
    expect(one.j.reasons.join('\n')).toContain(
      `the good messages of the poison message's batch came back all together or not at all (a lone return is not told from an at-least-once copy) (saw no: 1 of 9 came back about one visibility timeout later (${GOOD_ID}); run the check again)`,
    );
    const only = await check('I12.poison-moves-after-max-receive-count', (b) => ((b.goodsElsewhere = 8), (b.goodReceivedAgain = 'whole-batch-later')));
    expect(only.j.outcome).toBe('inconclusive');
    const dragged = await check('I12.poison-moves-after-max-receive-count', (b) => (b.goodReceivedAgain = 'with-poison'));
    expect(dragged.j.outcome).toBe('fail');
  });

  test('F1: a good message that reaches the dead-letter queue after the scan that found the poison message is still caught (arrival scans go on; the redrive and the cleanup look too)', async () => {
    const late = await check('I12.poison-moves-after-max-receive-count', (b) => ((b.goodAlsoInDlq = true), (b.goodInDlqDelayMs = 4_000)));
    expect(late.j.outcome).toBe('fail');
    expect(late.j.reasons.join('\n')).toContain('the good messages stayed out of the dead-letter queue: expected yes, saw no: seen by the arrival scans');
    // Later still (after the arrival scans and the move task): the redrive's scans or the cleanup see it.
    const later = await check('I12.poison-moves-after-max-receive-count', (b) => ((b.goodAlsoInDlq = true), (b.goodInDlqDelayMs = 20_000)));
    expect(later.j.outcome).toBe('fail');
    expect(later.j.reasons.join('\n')).toMatch(/the good messages stayed out of the dead-letter queue: expected yes, saw no: (1 seen by the redrive's scans|1 found and deleted by the cleanup)/);
  });

  test('F1: "processed" is no expectation any more (the handler logs it for every good message, so it could never fail)', async () => {
    const { j } = await check('I12.poison-moves-after-max-receive-count');
    expect(j.judgement.expectations.map((e) => e.what)).not.toContain("the good messages in the poison message's invocation were processed");
  });

  // F3. Only the redrive is documented to give "a new messageID and enqueueTime" ("Learn how to configure a dead-letter queue redrive in
  // Amazon SQS"); no page says a move to a dead-letter queue keeps the id. So an id kept from the dead-letter copy is no new id either.
  test('F3: a redrive that keeps the id the message had in the dead-letter queue (itself new there) fails "a new message id"; it passed before', async () => {
    const ctx = context({ 'skip-async': true });
    mockWorld(ctx, truth());
    const o: JourneyObservation = await ctx.observe(journey);
    const DLQ_ID = '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b';
    const keptDlqId: JourneyObservation = {
      ...o,
      arrival: { ...o.arrival, inDeadLetterQueue: { ...o.arrival.inDeadLetterQueue!, messageId: DLQ_ID } },
      redrive: { ...o.redrive, receivesAfter: o.redrive.receivesAfter.map((r) => ({ ...r, messageId: DLQ_ID })) },
    };
    const j = judgeLive(lab, 'I12.redrive-moves-back-and-fails-again', keptDlqId);
    expect(j.outcome).toBe('fail');
    expect(j.reasons.join('\n')).toContain(`received again with an id it had before (${DLQ_ID}; its ids in the source and the dead-letter queue: ${POISON_ID}, ${DLQ_ID})`);
    expect(redrivenReceives(keptDlqId.redrive.receivesAfter, [POISON_ID, DLQ_ID]).redrivenId).toBeUndefined();
  });

  // F7. A duplicate copy of a good message ("Amazon SQS at-least-once delivery") must not end the log settle while the poison
  // message's last receive line still lags in CloudWatch Logs.
  test('F7: a good duplicate plus a lagging last poison line: the settle waits for the line and counts 3 receives (it reported count 3 as unlogged before)', async () => {
    const { j } = await check('I12.poison-moves-after-max-receive-count', (b) => ((b.goodDuplicate = true), (b.lastPoisonLineLagMs = 30_000)));
    expect(j.outcome).toBe('pass');
    expect(j.judgement.observed).toContain('received the poison message 3 times (ApproximateReceiveCount 1, 2, 3)');
    expect(j.judgement.observed).not.toContain('never reached the consumer');
    expect(distinctCounts([1, 1, 2].map((receiveCount) => ({ messageId: 'm', kind: 'poison', receiveCount, sentTimestamp: 0, outcome: 'failed', at: 0 })))).toBe(2);
  });

  // F2. Records of interrupted async runs: each poll reads one ReceiveMessage of "up to" 10 messages ("ReceiveMessage", Amazon SQS API
  // Reference), and both queues keep messages 14 days. Old runs' records (requestPayload carries the run id) and events are deleted first.
  test('F2: twelve records and events of runs over an hour old do not hide this run\'s record: they are deleted before invoking, and the claim passes', async () => {
    const ctx = context();
    const world = mockWorld(ctx, truth());
    const at = ctx.now() - 2 * 60 * 60_000;
    for (let i = 0; i < 12; i++) {
      const event = { lab: 'sqs-dead-letter-queue', runId: newRunId({ now: () => at + i }), kind: 'async' };
      const record = { version: '1.0', timestamp: new Date(at).toISOString(), requestContext: { requestId: `old-${i}`, condition: 'RetriesExhausted', approximateInvokeCount: 3 }, requestPayload: event };
      world.put(DESTINATION.url, { messageId: `0000000${i}-aaaa-4bbb-8ccc-000000000000`, body: JSON.stringify(record), sentTimestamp: at, visibleFrom: at });
      world.put(ASYNC_DLQ.url, { messageId: `0000000${i}-dddd-4eee-8fff-000000000000`, body: JSON.stringify(event), sentTimestamp: at, visibleFrom: at });
    }
    const foreign = { messageId: 'ffffffff-aaaa-4bbb-8ccc-dddddddddddd', body: JSON.stringify({ orderId: 7 }), sentTimestamp: at, visibleFrom: at };
    world.put(DESTINATION.url, foreign);
    const o: AsyncObservation = await ctx.observe(asyncRetries);
    expect(o.leftoversDeleted).toBe(24);
    expect(judgeLive(lab, 'I12.async-retries-then-destination', o).outcome).toBe('pass');
    expect(ctx.progressLog.some((m) => m.startsWith('deleted 24 record(s) and event(s) that runs started over 60 minutes ago'))).toBe(true);
    expect(world.queues.get(DESTINATION.url)!.find((m) => m.messageId === foreign.messageId)!.deleted).toBe(false);
  });
});

describe('sqs-dead-letter-queue on the fifth hostile review (review 5)', () => {
  // F1. SQS can count a receive the consumer never sees: "Amazon SQS records the message as delivered at least once, although the
  // consumer has never received it" ("Avoiding inconsistent message processing in Amazon SQS",
  // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/avoiding-inconsistent-message-processing.html), and a
  // throttled poller drops what it holds once "the message's timestamp exceeds your queue's visibility timeout" ("Handling errors for an
  // SQS event source in Lambda", https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html). When that happens to the
  // whole first batch, every message is first logged with ApproximateReceiveCount 2, a visibility timeout after
  // ApproximateFirstReceiveTimestamp: that is no return of the batch.
  test('F1: a whole first batch SQS counted without an invocation (every message first logged with count 2) is not "the whole batch came back" (inconclusive: count 1 unlogged)', async () => {
    const { j } = await check('I12.poison-moves-after-max-receive-count', (b) => ((b.firstBatchDropped = true), (b.unloggedCounts = [1])));
    expect(j.outcome).toBe('inconclusive');
    expect(j.judgement.observed).toContain('count(s) 1 never reached the consumer');
    expect(j.judgement.observed).toContain(
      '9 of those good message(s) were first logged with ApproximateReceiveCount 2: SQS counted an earlier receive that reached no invocation the consumer logged (reported, not judged',
    );
    expect(j.judgement.observed).not.toContain('the whole batch came back');
    expect(j.judgement.observed).not.toContain('received again within the visibility timeout');
    expect(figure(j, 'good messages of that invocation first logged with a count above 1 (an unseen earlier receive, not judged)')).toBe(9);
  });

  test('F1: after such a dropped first batch, the whole batch back once more (count 3, a visibility timeout after its first logged receive) still fails', async () => {
    const { j } = await check('I12.poison-moves-after-max-receive-count', (b) => ((b.firstBatchDropped = true), (b.unloggedCounts = [1]), (b.goodReceivedAgain = 'whole-batch-later')));
    expect(j.outcome).toBe('fail');
    expect(j.reasons.join('\n')).toContain(
      "the good messages of the poison message's batch were not all made visible again with it (every one received again a visibility timeout later: the whole batch returned): expected yes, saw no: all 9 received again 25.4 s",
    );
  });

  test('F1: returnedBatch counts a return only above the partner\'s own first logged count, no sooner than that many visibility timeouts', () => {
    const t0 = 1_700_000_000_000;
    const r = (receiveCount: number, atSeconds: number): ConsumerReceive => ({
      messageId: 'g',
      kind: 'good',
      receiveCount,
      sentTimestamp: t0 - 200,
      firstReceiveTimestamp: t0,
      outcome: 'processed',
      at: t0 + atSeconds * 1000,
      requestId: `req-${receiveCount}`,
    });
    const partner = (id: string, kept: ConsumerReceive[]) => ({ id, kept });
    // First logged with count 2, 12.3 s after ApproximateFirstReceiveTimestamp, nothing after: not back.
    expect(returnedBatch([partner('a', [r(2, 12.3)]), partner('b', [r(2, 12.3)])], t0, 12).ids).toEqual([]);
    // Count 3 two visibility timeouts after the first receive: back.
    expect(returnedBatch([partner('a', [r(2, 12.3), r(3, 24.5)]), partner('b', [r(2, 12.3), r(3, 24.5)])], t0, 12)).toEqual({ ids: ['a', 'b'], seconds: [24.5, 24.5], all: true });
    // Count 3 only 14 s after the first receive (2 s after its first logged one): inside the timeout, an at-least-once copy, not a return.
    expect(returnedBatch([partner('a', [r(2, 12.3), r(3, 14)])], t0, 12).ids).toEqual([]);
    // The usual case is unchanged: first logged count 1, back with count 2 a visibility timeout later.
    expect(returnedBatch([partner('a', [r(1, 0.4), r(2, 12.5)])], t0, 12).ids).toEqual(['a']);
  });

  // F4. No page gives a delivery time for an on-failure record ("Capturing records of Lambda asynchronous invocations",
  // https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html): no record within the lab's 8 min is
  // inconclusive, never a failed condition or count; a record that says otherwise still fails.
  test("F4: no on-failure record within the lab's 8 min wait is inconclusive (it failed three expectations before); a wrong record still fails", async () => {
    const none = await check('I12.async-retries-then-destination', (b) => (b.asyncNoRecord = true));
    expect(none.j.outcome).toBe('inconclusive');
    expect(none.j.reasons.join('\n')).toContain(
      "the on-failure record of this run arrived within the lab's wait (8 min from the invoke, the lab's bound: AWS gives no delivery time) (saw no record after",
    );
    expect(none.j.judgement.observed).toContain('NO record in the on-failure destination');
    const wrong = await check('I12.async-retries-then-destination', (b) => (b.asyncCondition = 'EventAgeExceeded'));
    expect(wrong.j.outcome).toBe('fail');
  });
});

// Final re-review: the move back after the redrive has no documented time, so the lab's own wait must not fail the claim.
test('I12.redrive-moves-back-and-fails-again: not back in the dead-letter queue within the lab\'s wait is inconclusive, not a fail', async () => {
  const { j } = await check('I12.redrive-moves-back-and-fails-again', (b) => (b.returnsAfterRedrive = false));
  expect(j.outcome).toBe('inconclusive');
  expect(j.reasons.join('\n')).toContain("back in the dead-letter queue within the lab's wait after the redrive");
});
