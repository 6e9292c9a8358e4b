/**
 * The claims of I12 (what a dead-letter queue is for, in SQS and in Lambda) and T2 (what SQS and a
 * DLQ are), each with the template evidence that the lab is built to show it and the live evidence
 * of what AWS does.
 */
import { CheckSkipped, type Claim, evidence, type Evidence, type LiveContext, type Source } from '../../lib/lab-kit/checks/claim';
import { requireOutputs } from '../../lib/lab-kit/checks/stack-outputs';
import { queueNameOf, secondsBetween } from './aws-reads';
import { type ConsumerReceive, intervals, type JourneyObservation, observeJourney, parseRedrivePolicy } from './observe';
import { type AsyncObservation, observeAsyncRetries, SKIP_ASYNC_OPTION } from './observe-async';
import { allowsSource, labFacts } from './template-facts';

const DOCS = {
  sqsDlq: { title: 'Using dead-letter queues in Amazon SQS', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html' },
  dlqRetention: { title: 'Setting-up dead-letter queue retention in Amazon SQS', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/setting-up-dead-letter-queue-retention.html' },
  redrive: { title: 'Learn how to configure a dead-letter queue redrive in Amazon SQS', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-configure-dead-letter-queue-redrive.html' },
  startMove: { title: 'StartMessageMoveTask (Amazon SQS API Reference)', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_StartMessageMoveTask.html' },
  fifoRedrive: { title: 'Announcing throughput increase and dead letter queue redrive support for Amazon SQS FIFO queues', url: 'https://aws.amazon.com/blogs/aws/announcing-throughput-increase-and-dead-letter-queue-redrive-support-for-amazon-sqs-fifo-queues/' },
  visibility: { title: 'Amazon SQS visibility timeout', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html' },
  dlqAlarm: { title: 'Creating alarms for dead-letter queues using Amazon CloudWatch', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/dead-letter-queues-alarms-cloudwatch.html' },
  lambdaSqs: { title: 'Using Lambda with Amazon SQS', url: 'https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html' },
  lambdaSqsErrors: { title: 'Handling errors for an SQS event source in Lambda', url: 'https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html' },
  asyncErrors: { title: 'How Lambda handles errors and retries with asynchronous invocation', url: 'https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html' },
  asyncRecords: { title: 'Capturing records of Lambda asynchronous invocations', url: 'https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html' },
  deadLetterConfig: { title: 'DeadLetterConfig (AWS Lambda API Reference)', url: 'https://docs.aws.amazon.com/lambda/latest/api/API_DeadLetterConfig.html' },
} satisfies Record<string, Source>;

const JOURNEY_METHOD =
  'SendMessageBatch (one good, one poison message, tagged with a run id); the consumer logs one LABEVENT line per receive, ' +
  'read with CloudWatch Logs FilterLogEvents; ReceiveMessage on the dead-letter queue every 2 s with VisibilityTimeout 0; ' +
  'RedrivePolicy, VisibilityTimeout and retention from GetQueueAttributes; messages of the run deleted by receipt handle afterwards';

/**
 * How much shorter than the visibility timeout a gap between two receives may be and still count
 * as one visibility timeout. Each receive is timed when the handler starts: the first one of a run
 * usually includes the function's cold start (its init, up to a second or two), which the later,
 * warm receives do not, so the first gap comes out shorter by that much.
 */
export const RECEIVE_SPACING_MARGIN_SECONDS = 2;

const RECEIVE_SPACING_METHOD =
  `receives count as one visibility timeout apart when their gap is at least the visibility timeout minus ${RECEIVE_SPACING_MARGIN_SECONDS} s: ` +
  "each is timed at handler start, and the first receive's time includes the function's cold start (init), which shortens the first gap";


function list(values: readonly number[], unit = ''): string {
  return values.map((v) => `${v}${unit}`).join(', ');
}

function average(values: readonly number[]): number {
  return values.length === 0 ? 0 : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10;
}

function receiveCountsAre1ToN(receives: readonly ConsumerReceive[], n: number): boolean {
  return receives.length === n && receives.every((r, i) => r.receiveCount === i + 1);
}

function notArrived(o: JourneyObservation): string {
  return `The poison message was not seen in the dead-letter queue within ${o.arrival.gaveUpAfterSeconds ?? '?'} s; the consumer received it ${o.arrival.poisonReceives.length} time(s) (maxReceiveCount ${o.arrival.settings.maxReceiveCount}).`;
}

/** Claim 1: counts receives and checks the good message, from the shared journey. */
export function judgeMaxReceiveCount(o: JourneyObservation): Evidence {
  const a = o.arrival;
  const max = a.settings.maxReceiveCount;
  const gaps = intervals(a.poisonReceives);
  const goodProcessed = a.goodReceives.some((r) => r.outcome === 'processed');
  const figures = [
    { name: 'receives before the dead-letter queue', value: a.poisonReceives.length, unit: 'receives' },
    { name: 'maxReceiveCount', value: max, unit: 'receives' },
    ...(a.secondsToDeadLetterQueue !== undefined ? [{ name: 'seconds from send to dead-letter queue', value: a.secondsToDeadLetterQueue, unit: 's' }] : []),
    { name: 'mean seconds between receives', value: average(gaps), unit: 's' },
    { name: 'good message receives', value: a.goodReceives.length, unit: 'receives' },
  ];
  const method = `${JOURNEY_METHOD}; ${RECEIVE_SPACING_METHOD}`;
  if (!a.inDeadLetterQueue) return evidence(false, notArrived(o), method, figures);
  const minGap = gaps.length > 0 ? Math.min(...gaps) : Infinity;
  const spacedByVisibility = minGap >= a.settings.visibilityTimeoutSeconds - RECEIVE_SPACING_MARGIN_SECONDS;
  const passed = receiveCountsAre1ToN(a.poisonReceives, max) && spacedByVisibility && goodProcessed && !a.goodSeenInDeadLetterQueue;
  const good = a.goodSeenInDeadLetterQueue
    ? 'the good message ALSO reached the dead-letter queue'
    : goodProcessed
      ? `the good message, sent in the same batch, was processed (${a.goodReceives.length} receive) and never reached it`
      : 'the good message was never logged as processed';
  return evidence(
    passed,
    `The consumer received the poison message ${a.poisonReceives.length} times (ApproximateReceiveCount ${list(a.poisonReceives.map((r) => r.receiveCount))}), ` +
      `${list(gaps, ' s')} apart (visibility timeout ${a.settings.visibilityTimeoutSeconds} s); SQS then moved it to the dead-letter queue, ` +
      `${a.secondsToDeadLetterQueue} s after it was sent, instead of delivering receive number ${max + 1}; ${good}.`,
    method,
    figures,
  );
}

/** Claim 2: the timestamp the message carries in the dead-letter queue. */
export function judgeSentTimestamp(o: JourneyObservation): Evidence {
  const a = o.arrival;
  const m = a.inDeadLetterQueue;
  const first = a.poisonReceives[0];
  const last = a.poisonReceives[a.poisonReceives.length - 1];
  if (!m || !first || !last) return evidence(false, notArrived(o), JOURNEY_METHOD);
  // SQS can move it no sooner than one visibility timeout after its last receive: a lower bound of its age on arrival.
  const usedBeforeArrival =
    m.sentTimestamp !== undefined ? Math.round((secondsBetween(m.sentTimestamp, last.at) + a.settings.visibilityTimeoutSeconds) * 10) / 10 : NaN;
  const kept = m.sentTimestamp !== undefined && m.sentTimestamp === first.sentTimestamp;
  const s = a.settings;
  return evidence(
    kept,
    `In the dead-letter queue the message carries SentTimestamp ${m.sentTimestamp ? new Date(m.sentTimestamp).toISOString() : 'none'}, ` +
      `${kept ? 'the same' : 'NOT the same'} as on its first receive from the source (${new Date(first.sentTimestamp).toISOString()}): ` +
      `it arrived at least ${usedBeforeArrival} s old, so the dead-letter queue's retention (${s.deadLetterRetentionSeconds} s here, source ${s.sourceRetentionSeconds} s) ` +
      `counts from the original send. Message id ${m.messageId === a.poisonMessageId ? 'unchanged' : `changed (${a.poisonMessageId} → ${m.messageId})`}. ` +
      'A FIFO queue would have reset the timestamp on the move (not deployed here).',
    `${JOURNEY_METHOD}; SentTimestamp of the dead-letter copy (ReceiveMessage MessageSystemAttributeNames) against the one Lambda passed the consumer`,
    [
      { name: 'retention already used on arrival', value: usedBeforeArrival, unit: 's' },
      { name: 'dead-letter queue retention', value: s.deadLetterRetentionSeconds, unit: 's' },
      { name: 'source queue retention', value: s.sourceRetentionSeconds, unit: 's' },
      ...(m.receiveCount !== undefined ? [{ name: 'ApproximateReceiveCount on the first receive from the dead-letter queue', value: m.receiveCount, unit: 'receives' }] : []),
    ],
  );
}

/** Claim 3: the consumer's own dead-letter queue, against the control. */
export function judgeFunctionDlq(o: JourneyObservation): Evidence {
  const f = o.functionDlq;
  const method =
    `${JOURNEY_METHOD}; control: Lambda Invoke (InvocationType Event) of the consumer with a non-SQS event, which it rejects; ` +
    "the consumer's own dead-letter queue (its DeadLetterConfig) scanned every 2 s";
  const figures = f.controlSeconds !== undefined ? [{ name: 'seconds for the control to reach the function DLQ', value: f.controlSeconds, unit: 's' }] : [];
  if (!o.arrival.inDeadLetterQueue) return evidence(false, notArrived(o), method, figures);
  if (f.error) return evidence(false, `The function dead-letter queue could not be observed: ${f.error}.`, method, figures);
  const passed = f.controlArrived && !f.sqsMessageArrived;
  const control = f.controlArrived
    ? `its own dead-letter queue received only the control event (an asynchronous invocation that failed, with 0 retries) ${f.controlSeconds} s after the invoke: that queue works, for asynchronous invocations`
    : "the control event never reached the function's dead-letter queue, so its emptiness proves nothing";
  return evidence(
    passed,
    `The failed SQS message went to the queue's dead-letter queue; ${f.sqsMessageArrived ? "it ALSO showed up in the consumer's own dead-letter queue" : "the consumer's own dead-letter queue never got it"}; ${control}.`,
    method,
    figures,
  );
}

/** Claim 4: attempts, delays and what Lambda sends on. */
export function judgeAsyncRetries(o: AsyncObservation): Evidence {
  const expected = o.maximumRetryAttempts + 1;
  const r = o.record;
  const ctx = r?.requestContext;
  const dlqHasEventOnly = !!o.deadLetterBody && o.deadLetterBody.runId === o.runId && !('requestContext' in o.deadLetterBody);
  const passed =
    o.invokeStatusCode === 202 &&
    o.attempts.length === expected &&
    o.delays.every((d) => d >= 30) &&
    ctx?.condition === 'RetriesExhausted' &&
    ctx?.approximateInvokeCount === expected &&
    (r?.responsePayload?.errorMessage ?? '').includes(o.runId) &&
    dlqHasEventOnly;
  const recordText = r
    ? `a record in the on-failure destination (condition ${ctx?.condition}, approximateInvokeCount ${ctx?.approximateInvokeCount}, ` +
      `${r.responsePayload?.errorType ?? 'error'}: "${r.responsePayload?.errorMessage ?? ''}")`
    : 'NO record in the on-failure destination';
  const dlqText = o.deadLetterBody ? (dlqHasEventOnly ? 'the event alone in the dead-letter queue' : 'an unexpected message in the dead-letter queue') : 'nothing in the dead-letter queue';
  return evidence(
    passed,
    `Invoke returned ${o.invokeStatusCode ?? '?'}; Lambda ran the function ${o.attempts.length} time(s) (expected 1 + ${o.maximumRetryAttempts} retries)` +
      `${o.delays.length ? `, ${list(o.delays, ' s')} apart` : ''}, then sent ${recordText} and ${dlqText}` +
      `${o.gaveUp ? ` (gave up waiting after ${o.seconds} s)` : ''}.`,
    'Lambda GetFunctionEventInvokeConfig (MaximumRetryAttempts), Invoke with InvocationType Event; one LABEVENT line per attempt read with ' +
      'CloudWatch Logs FilterLogEvents; the on-failure destination and the dead-letter queue scanned every 10 s; records deleted by receipt handle',
    [
      { name: 'attempts', value: o.attempts.length, unit: 'attempts' },
      ...o.delays.map((d, i) => ({ name: `wait before retry ${i + 1}`, value: d, unit: 's' })),
      ...(o.recordSecondsAfterLastAttempt !== undefined ? [{ name: 'record after the last attempt', value: o.recordSecondsAfterLastAttempt, unit: 's' }] : []),
      { name: 'observation time', value: o.seconds, unit: 's' },
    ],
  );
}

/** Claim 5: the move task and the second failure. */
export function judgeRedrive(o: JourneyObservation): Evidence {
  const r = o.redrive;
  const max = o.arrival.settings.maxReceiveCount;
  const figures = [
    ...(r.taskSeconds !== undefined ? [{ name: 'move task duration', value: r.taskSeconds, unit: 's' }] : []),
    ...(r.moved !== undefined ? [{ name: 'messages moved', value: r.moved, unit: 'messages' }] : []),
    { name: 'receives after the redrive', value: r.receivesAfter.length, unit: 'receives' },
    ...(r.secondsBackToDeadLetterQueue !== undefined ? [{ name: 'seconds back to the dead-letter queue', value: r.secondsBackToDeadLetterQueue, unit: 's' }] : []),
  ];
  const method =
    'StartMessageMoveTask (SourceArn: the dead-letter queue, no DestinationArn: back to the source), ListMessageMoveTasks every 2 s until the task ends; ' +
    "then the consumer's LABEVENT lines (FilterLogEvents) and ReceiveMessage on the dead-letter queue";
  if (r.error && !r.backInDeadLetterQueue) {
    return evidence(false, `Redrive: ${r.error}${r.status ? ` (task ${r.status}, ${r.moved ?? 0} moved)` : ''}.`, method, figures);
  }
  const first = r.receivesAfter[0];
  const original = o.arrival.inDeadLetterQueue;
  const newMessage = first && first.messageId !== o.arrival.poisonMessageId;
  const newTimestamp = first && original?.sentTimestamp !== undefined && first.sentTimestamp !== original.sentTimestamp;
  const passed = r.status === 'COMPLETED' && (r.moved ?? 0) >= 1 && receiveCountsAre1ToN(r.receivesAfter, max) && !!r.backInDeadLetterQueue;
  return evidence(
    passed,
    `The move task ${r.status} in ${r.taskSeconds} s (${r.moved} message(s) moved). ` +
      `Back in the source it was ${newMessage ? 'a new message (new id' : 'the same message (same id'}${newTimestamp ? ', new SentTimestamp)' : ', same SentTimestamp)'}: ` +
      `the consumer received it ${r.receivesAfter.length} times (ApproximateReceiveCount ${list(r.receivesAfter.map((x) => x.receiveCount))}), it failed again, ` +
      `and it was back in the dead-letter queue ${r.secondsBackToDeadLetterQueue} s after the move.`,
    method,
    figures,
  );
}

/** Claim 6: the dead-letter queue as SQS describes it. */
async function observeQueuePair(ctx: LiveContext): Promise<Evidence> {
  const out = requireOutputs(ctx, ['SourceQueueUrl', 'SourceQueueArn', 'DeadLetterQueueUrl', 'DeadLetterQueueArn']);
  const { GetQueueAttributesCommand, ListDeadLetterSourceQueuesCommand, SQSClient } = await import('@aws-sdk/client-sqs');
  const sqs = new SQSClient(ctx.aws);
  const source = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: out.SourceQueueUrl, AttributeNames: ['All'] }))).Attributes ?? {};
  const dlq = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: out.DeadLetterQueueUrl, AttributeNames: ['All'] }))).Attributes ?? {};
  const sources = (await sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: out.DeadLetterQueueUrl }))).queueUrls ?? [];
  const policy = parseRedrivePolicy(source.RedrivePolicy);
  const allow = dlq.RedriveAllowPolicy ? JSON.parse(dlq.RedriveAllowPolicy) : undefined;
  const allowsSource =
    !allow || allow.redrivePermission === 'allowAll' || (allow.redrivePermission === 'byQueue' && (allow.sourceQueueArns ?? []).includes(out.SourceQueueArn));
  const type = (a: Record<string, string>) => (a.FifoQueue === 'true' ? 'FIFO' : 'standard');
  // By queue name: ListDeadLetterSourceQueues may spell the URL with another host form
  // (queue.amazonaws.com, <region>.queue.amazonaws.com) than the stack output.
  const listsSource = sources.some((url) => queueNameOf(url) === queueNameOf(out.SourceQueueUrl));
  const passed = policy.deadLetterTargetArn === out.DeadLetterQueueArn && allowsSource && type(source) === type(dlq) && listsSource && !dlq.RedrivePolicy;
  return evidence(
    passed,
    `The dead-letter queue is an ordinary ${type(dlq)} queue (the source is ${type(source)}), with no redrive policy of its own: ` +
      `the source names it in its RedrivePolicy (${policy.deadLetterTargetArn === out.DeadLetterQueueArn ? 'this queue' : policy.deadLetterTargetArn}, maxReceiveCount ${policy.maxReceiveCount}); ` +
      `its RedriveAllowPolicy is ${allow ? `${allow.redrivePermission}${allow.sourceQueueArns ? ` [${allow.sourceQueueArns.join(', ')}]` : ''}` : 'absent (allowAll)'}; ` +
      `ListDeadLetterSourceQueues lists ${sources.length === 0 ? 'no source' : sources.join(', ')}.`,
    'SQS GetQueueAttributes (All) on both queues and ListDeadLetterSourceQueues on the dead-letter queue (its source matched by queue name, the last segment of the URL)',
    [{ name: 'maxReceiveCount', value: policy.maxReceiveCount, unit: 'receives' }],
  );
}

export const CLAIMS: readonly Claim[] = [
  {
    id: 'T2.dlq-is-an-ordinary-queue',
    question: 'T2',
    says: 'A dead-letter queue is a special kind of queue that holds messages that could not be processed, mainly for debugging.',
    verdict: 'oversimplified',
    truth: {
      statement:
        'A dead-letter queue is an ordinary queue of the same type as its source (standard or FIFO), which the source names in its redrive policy; ' +
        "the dead-letter queue's redrive-allow policy says which sources may use it. It isolates messages that keep failing so the rest of the queue " +
        'keeps flowing, and it needs an alarm: nothing else tells you messages are piling up there.',
      sources: [DOCS.sqsDlq, DOCS.dlqAlarm],
    },
    offline: (t) => {
      const f = labFacts(t);
      const holds =
        f.source.redrive?.target === f.deadLetter.logicalId &&
        f.source.fifo === f.deadLetter.fifo &&
        !f.deadLetter.redrive &&
        f.deadLetter.redriveAllow?.permission === 'byQueue' &&
        allowsSource(f.deadLetter, f.source) &&
        f.alarm.queue === f.deadLetter.logicalId &&
        f.alarm.metricName === 'ApproximateNumberOfMessagesVisible';
      return evidence(
        holds,
        `${f.deadLetter.logicalId} is a ${f.deadLetter.fifo ? 'FIFO' : 'standard'} queue like ${f.source.logicalId}, named by its RedrivePolicy; ` +
          `RedriveAllowPolicy ${f.deadLetter.redriveAllow?.permission ?? 'absent'} (${allowsSource(f.deadLetter, f.source) ? 'admits' : 'does NOT admit'} the source); ` +
          `alarm ${f.alarm.logicalId} on ${f.alarm.metricName ?? '?'} of ${f.alarm.queue ?? '?'}.`,
        'template: AWS::SQS::Queue RedrivePolicy, RedriveAllowPolicy, FifoQueue; AWS::CloudWatch::Alarm',
      );
    },
    live: observeQueuePair,
  },
  {
    id: 'I12.poison-moves-after-max-receive-count',
    question: 'I12',
    says: 'A dead-letter queue takes the messages that still fail after a configured number of retries.',
    verdict: 'oversimplified',
    truth: {
      statement:
        'SQS counts receives, not retries: each receive raises the message\'s ApproximateReceiveCount, and a message whose next receive would exceed ' +
        'maxReceiveCount is moved to the dead-letter queue instead of being delivered. maxReceiveCount 3 means three processing attempts, about one ' +
        'visibility timeout apart; the consumer does the retrying by receiving again, and the move happens on a receive, not on a timer. With partial ' +
        'batch responses, a good message in the same batch is processed once and is not dragged along.',
      sources: [DOCS.sqsDlq, DOCS.visibility, DOCS.lambdaSqsErrors],
    },
    offline: (t) => {
      const f = labFacts(t);
      const mapping = f.consumer.mappings.find((m) => m.source === f.source.logicalId);
      const max = f.source.redrive?.maxReceiveCount ?? 0;
      const holds =
        f.source.redrive?.target === f.deadLetter.logicalId &&
        max >= 1 &&
        max <= 5 &&
        !!mapping?.reportsBatchItemFailures &&
        f.source.visibilitySeconds >= f.consumer.timeoutSeconds;
      return evidence(
        holds,
        `${f.source.logicalId}: maxReceiveCount ${max || 'none'} → ${f.source.redrive?.target ?? 'no dead-letter queue'}, visibility timeout ${f.source.visibilitySeconds} s; ` +
          `consumer ${f.consumer.logicalId} (timeout ${f.consumer.timeoutSeconds} s) ${mapping ? `reads it${mapping.reportsBatchItemFailures ? ' with ReportBatchItemFailures' : ' WITHOUT partial batch responses'}` : 'is NOT mapped to it'}.`,
        'template: RedrivePolicy and VisibilityTimeout of the source queue; AWS::Lambda::EventSourceMapping FunctionResponseTypes; function Timeout',
      );
    },
    live: async (ctx) => judgeMaxReceiveCount(await observeJourney(ctx)),
  },
  {
    id: 'I12.dlq-keeps-original-sent-timestamp',
    question: 'I12',
    says: 'Failed messages wait in the dead-letter queue for debugging, so nothing is lost.',
    verdict: 'oversimplified',
    truth: {
      statement:
        "A standard queue's message keeps its original enqueue timestamp when it moves to the dead-letter queue, so it expires there once its time in " +
        "both queues reaches the dead-letter queue's retention: set that retention longer than the source's (14 days is the most). FIFO queues reset " +
        'the timestamp on the move. Either way, a message nobody looks at is deleted when its retention ends.',
      sources: [DOCS.dlqRetention, DOCS.sqsDlq],
    },
    offline: (t) => {
      const f = labFacts(t);
      const holds = !f.source.fifo && !f.deadLetter.fifo && f.deadLetter.retentionSeconds > f.source.retentionSeconds;
      return evidence(
        holds,
        `standard queues; ${f.deadLetter.logicalId} keeps messages ${f.deadLetter.retentionSeconds} s, ${f.source.logicalId} ${f.source.retentionSeconds} s ` +
          `(${f.deadLetter.retentionSeconds > f.source.retentionSeconds ? 'longer, as it must be' : 'NOT longer: moved messages would expire early'}).`,
        'template: MessageRetentionPeriod and FifoQueue of both queues',
      );
    },
    live: async (ctx) => judgeSentTimestamp(await observeJourney(ctx)),
  },
  {
    id: 'I12.sqs-failure-skips-function-dlq',
    question: 'I12',
    says: 'A dead-letter queue works the same in SQS and in Lambda: failed events end up in it.',
    verdict: 'oversimplified',
    truth: {
      statement:
        "There are two different mechanisms. A Lambda function's dead-letter queue (and its on-failure destination) only receives asynchronous " +
        'invocations that failed. Lambda reads SQS through an event source mapping and invokes the function synchronously, so a failing message goes ' +
        "back to its queue and ends in the queue's dead-letter queue, set by the queue's redrive policy; the function's dead-letter queue never sees it.",
      sources: [DOCS.deadLetterConfig, DOCS.asyncRecords, DOCS.lambdaSqs, DOCS.sqsDlq],
    },
    offline: (t) => {
      const f = labFacts(t);
      const fed = f.consumer.mappings.some((m) => m.source === f.source.logicalId);
      const holds = fed && f.consumer.deadLetterTarget === f.consumerFunctionDlq && f.consumerFunctionDlq !== f.deadLetter.logicalId;
      return evidence(
        holds,
        `consumer ${f.consumer.logicalId} is fed by ${fed ? f.source.logicalId : 'NO mapping from the source'} and has its own dead-letter queue ` +
          `${f.consumer.deadLetterTarget ?? 'NONE'}, distinct from the queue's ${f.deadLetter.logicalId}.`,
        'template: Lambda DeadLetterConfig, AWS::Lambda::EventSourceMapping, the source RedrivePolicy',
      );
    },
    live: async (ctx) => judgeFunctionDlq(await observeJourney(ctx)),
  },
  {
    id: 'I12.redrive-moves-back-and-fails-again',
    question: 'I12',
    says: 'A dead-letter queue stops endless retries and keeps failed messages so you can debug them.',
    verdict: 'holds',
    truth: {
      statement:
        'Once moved, a message is no longer delivered: nothing retries it, the dead-letter queue included. After fixing the cause you move it back ' +
        '(StartMessageMoveTask, by API since June 2023; FIFO queues since November 2023). Redriven messages are new messages with a new ID and ' +
        'enqueue time, so their receive count starts again; an unfixed poison message fails again and returns.',
      sources: [DOCS.redrive, DOCS.startMove, DOCS.fifoRedrive],
    },
    offline: (t) => {
      const f = labFacts(t);
      const holds = f.source.redrive?.target === f.deadLetter.logicalId && allowsSource(f.deadLetter, f.source) && !f.deadLetter.redrive;
      return evidence(
        holds,
        `${f.source.logicalId} sends to ${f.source.redrive?.target ?? 'nothing'}, whose redrive-allow policy ${allowsSource(f.deadLetter, f.source) ? 'admits' : 'does NOT admit'} it, ` +
          `so a move task without a destination returns messages to it; ${f.deadLetter.logicalId} has ${f.deadLetter.redrive ? 'a redrive policy of its own' : 'no redrive policy of its own: nothing moves messages on from it'}.`,
        'template: RedrivePolicy of the source, RedriveAllowPolicy and RedrivePolicy of the dead-letter queue',
      );
    },
    live: async (ctx) => judgeRedrive(await observeJourney(ctx)),
  },
  {
    id: 'I12.async-retries-then-destination',
    question: 'I12',
    says: 'For Lambda, the dead-letter queue receives an event after the configured number of retries.',
    verdict: 'holds',
    truth: {
      statement:
        'For asynchronous invocations, Lambda retries a function error twice by default (MaximumRetryAttempts 0 to 2), waiting about 1 minute and ' +
        'then about 2 minutes, and gives up earlier if the event grows older than MaximumEventAge. It then sends the event to the on-failure ' +
        'destination (a record with the condition, the attempt count and the error) and/or the dead-letter queue (the event alone); without either, ' +
        'the event is discarded.',
      sources: [DOCS.asyncErrors, DOCS.asyncRecords],
    },
    offline: (t) => {
      const f = labFacts(t);
      const c = f.asyncFunction.invokeConfig;
      const holds =
        (c?.maximumRetryAttempts ?? 2) >= 1 &&
        (c?.maximumEventAgeSeconds ?? 21_600) >= 300 &&
        c?.onFailure === f.asyncFailureDestination.logicalId &&
        !f.asyncFailureDestination.fifo &&
        f.asyncFunction.deadLetterTarget === f.asyncFunctionDlq;
      return evidence(
        holds,
        `${f.asyncFunction.logicalId}: MaximumRetryAttempts ${c?.maximumRetryAttempts ?? 'default (2)'}, MaximumEventAgeInSeconds ${c?.maximumEventAgeSeconds ?? 'default (21600)'}, ` +
          `on-failure destination ${c?.onFailure ?? 'NONE'}, dead-letter queue ${f.asyncFunction.deadLetterTarget ?? 'NONE'}.`,
        'template: AWS::Lambda::EventInvokeConfig and DeadLetterConfig of the always-failing function',
      );
    },
    live: async (ctx) => {
      if (ctx.options[SKIP_ASYNC_OPTION]) {
        throw new CheckSkipped(`on request (--${SKIP_ASYNC_OPTION}); run without it to watch Lambda retry (about 3 to 4 minutes)`);
      }
      return judgeAsyncRetries(await observeAsyncRetries(ctx));
    },
  },
];
