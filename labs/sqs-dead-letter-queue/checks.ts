/**
 * The checks of I12 (what a dead-letter queue is for, in SQS and in Lambda) and T2 (what SQS and a
 * DLQ are), keyed by catalog claim id: the template evidence that the lab is built to show each
 * claim, and the judgement of what AWS did. The claims' text lives in the catalog.
 */
import type { ClaimCheck } from '../../lib/lab-kit/checks/lab-definition';
import { live } from '../../lib/lab-kit/checks/lab-definition';
import {
  decisive,
  expectAtLeast,
  expectBetween,
  expectEqual,
  type Expectation,
  expectThat,
  type Figure,
  type Judgement,
  requires,
} from '../../lib/lab-kit/checks/judgement';
import { secondsBetween } from './aws-reads';
import { allowsSource, type LabFacts } from './facts';
import {
  type ConsumerReceive,
  distinctReceives,
  intervals,
  journey,
  type JourneyObservation,
  MOVE_TASK_DEADLINE_MS,
  MOVED_COUNT_SETTLE_MS,
  redrivenReceives,
  WAIT_MARGIN_MS,
} from './observe';
import { ASYNC_DLQ_GRACE_MS, ASYNC_TIMEOUT_MS, type AsyncObservation, asyncRetries } from './observe-async';

const JOURNEY_METHOD =
  "GetEventSourceMapping until the consumer's mapping is Enabled (at most 120 s, the lab's bound; otherwise an error and nothing sent); " +
  'SendMessageBatch (one poison and nine good messages, tagged with a run id); the consumer logs one LABEVENT line per receive, ' +
  'read with CloudWatch Logs FilterLogEvents; ReceiveMessage on the dead-letter queue every 2 s with VisibilityTimeout 0, ' +
  "for maxReceiveCount × visibility timeout + 120 s counted from the poison message's first receive (ApproximateFirstReceiveTimestamp), and 3 scans more once it is there; " +
  'RedrivePolicy, VisibilityTimeout and retention from GetQueueAttributes; messages that runs started over an hour before left in the dead-letter queue deleted first, ' +
  "younger ones of other runs named; this run's messages deleted by receipt handle afterwards";

/**
 * The lab's allowance for the two clocks the receive spacing compares: the handler's Date.now() on a
 * Lambda worker and SQS's ApproximateFirstReceiveTimestamp, which the API reference describes only as
 * "the time the message was first received from the queue (epoch time in milliseconds)" ("ReceiveMessage",
 * Amazon SQS API Reference, https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html),
 * "approximate" by name and with no accuracy stated; nor does Lambda document its workers' clock. So the
 * margin is the lab's choice, not an AWS figure: 1 s, a twelfth of the lab's 12 s visibility timeout.
 * A receive that ignored the visibility timeout would come up to a whole timeout early, far outside it;
 * the raw slack is reported as measured.
 */
export const CLOCK_MARGIN_MS = 1_000;

const RECEIVE_SPACING_METHOD =
  'receive k (its handler start, the function clock) must come at least (k - 1) visibility timeouts after the first receive as SQS timed it ' +
  '(ApproximateFirstReceiveTimestamp, which Lambda passes in each record): each re-receive waits for the previous visibility timeout to end, and a handler ' +
  'starts after its receive, so the bound holds whatever the cold start or the batching window adds; ' +
  `the two timestamps come from two clocks (Lambda's and SQS's) whose agreement AWS does not document, so the lab allows ${CLOCK_MARGIN_MS / 1000} s ` +
  "(its own margin, not an AWS figure) and reports the slack as measured; a receive whose ApproximateReceiveCount repeats or goes back is another copy of the message " +
  '(standard queues deliver at least once: "Amazon SQS at-least-once delivery") and is reported, not judged';

const SAME_BATCH_METHOD =
  'a good message counts as in the poison message\'s batch only when the consumer logged its first receive with the poison message\'s first Lambda request id ' +
  '(one id per invocation); the good-message expectations judge those alone, and when none shared it the run is inconclusive: ReportBatchItemFailures was not exercised ' +
  '(nine good messages go with the poison one to make that likely; AWS gives no odds for how its pollers split a batch)';

/**
 * Lambda's documented waits before the retries of a failed asynchronous invocation: "a one-minute
 * wait between the first two attempts, and two minutes between the second and third attempts"
 * ("How Lambda handles errors and retries with asynchronous invocation",
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html).
 */
export const DOCUMENTED_RETRY_WAITS_SECONDS = [60, 120] as const;
/**
 * The margin on each documented wait: a measured wait counts as "about" the documented one from
 * half of it to twice it. The page gives no tolerance; this one is the lab's, stated in the method
 * and the README. Each wait is timed from one attempt's handler start to the next (the function's
 * clock), so it includes the failed attempt's own run (at most its 3 s timeout) and Lambda's queueing.
 */
export const RETRY_WAIT_FACTOR = { min: 0.5, max: 2 } as const;

const RETRY_WAIT_METHOD =
  `waits judged against "How Lambda handles errors and retries with asynchronous invocation" (about ${DOCUMENTED_RETRY_WAITS_SECONDS.join(' s, then about ')} s), ` +
  `each accepted from ${RETRY_WAIT_FACTOR.min} × to ${RETRY_WAIT_FACTOR.max} × the documented wait (the lab's margin; the page gives none), and the second longer than the first; ` +
  "timed between the attempts' handler starts";

function list(values: readonly number[], unit = ''): string {
  return values.map((v) => `${v}${unit}`).join(', ');
}

function average(values: readonly number[]): number {
  return values.length === 0 ? 0 : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10;
}

/** 1, 2, …, n: the ApproximateReceiveCount of each receive of a message received n times. */
function oneTo(n: number): number[] {
  return Array.from({ length: Math.max(0, n) }, (_, i) => i + 1);
}

function iso(ms: number | undefined): string {
  return ms !== undefined && Number.isFinite(ms) ? new Date(ms).toISOString() : 'none';
}

function queueType(fifo: boolean): string {
  return fifo ? 'FIFO' : 'standard';
}

function notArrived(o: JourneyObservation): string {
  return `The poison message was not seen in the dead-letter queue within ${o.arrival.gaveUpAfterSeconds ?? '?'} s; the consumer received it ${o.arrival.poisonReceives.length} time(s) (maxReceiveCount ${o.arrival.settings.maxReceiveCount}).`;
}

/** The poison message reached the dead-letter queue: without it the later phases had nothing to work on. */
function reachedDeadLetterQueue(o: JourneyObservation) {
  const a = o.arrival;
  return requires(
    'the poison message reached the dead-letter queue',
    !!a.inDeadLetterQueue,
    a.inDeadLetterQueue ? `yes, after ${a.secondsToDeadLetterQueue} s` : `no, not within ${a.gaveUpAfterSeconds ?? '?'} s`,
  );
}

// ---------------------------------------------------------------------------------------------
// Live judgements
// ---------------------------------------------------------------------------------------------

/**
 * What each claim says that a passing live run does not exercise: the report prints it after a pass
 * ("as far as this run exercised it"), so a pass never claims more than the run showed.
 */
export const NOT_EXERCISED = {
  'I12.poison-moves-after-max-receive-count':
    "when SQS makes the move once the count is exceeded (no page says whether on a receive or otherwise, and Lambda's pollers receive all the time, so the run cannot tell); FIFO queues",
  'I12.dlq-keeps-original-sent-timestamp':
    'FIFO queues resetting the timestamp on the move (no FIFO queue is deployed); the expiry clock itself: the run reads only the SentTimestamp attribute, ' +
    'which the ReceiveMessage reference calls "the time the message was sent to the queue", while the retention page speaks of the "original enqueue timestamp" ' +
    'and no page says the two are the same; a message being deleted when its retention ends (the run does not wait for it)',
  'I12.redrive-moves-back-and-fails-again':
    'a redrive after the cause is fixed (the message stays poison here); FIFO queues, and the dates the API and FIFO support arrived (documentation only)',
  'I12.async-retries-then-destination':
    'MaximumEventAge cutting the retries short (the event never grows that old here); an event discarded when neither an on-failure destination nor a dead-letter queue is set (both are)',
} as const;

/** The receives of each good message, by message id (oldest first), in the order they were sent. */
function goodMessages(a: JourneyObservation['arrival']): Array<{ id: string; receives: ConsumerReceive[] }> {
  const ids = [...new Set([...(a.goodMessageIds ?? []), ...a.goodReceives.map((r) => r.messageId)])].filter((id) => id !== '');
  return ids.map((id) => ({ id, receives: a.goodReceives.filter((r) => r.messageId === id) }));
}

/**
 * Which good messages shared the poison message's first invocation (the same Lambda request id, one
 * per invocation): only those exercise partial batch responses.
 */
export function sameBatch(a: JourneyObservation['arrival']): { together: boolean; partners: string[]; text: string } {
  const poison = a.poisonReceives[0];
  const goods = goodMessages(a);
  if (!poison) return { together: false, partners: [], text: 'not known: no receive of the poison message logged' };
  if (!poison.requestId) return { together: false, partners: [], text: 'not known: the poison message was logged without its request id' };
  const partners = goods.filter((g) => g.receives[0]?.requestId === poison.requestId).map((g) => g.id);
  const others = goods.filter((g) => g.receives[0] && g.receives[0].requestId !== poison.requestId).length;
  return partners.length > 0
    ? { together: true, partners, text: `yes, ${partners.length} of ${goods.length} in invocation ${poison.requestId}${others ? ` (${others} in other invocations)` : ''}` }
    : {
        together: false,
        partners,
        text: `no: the poison message was alone in invocation ${poison.requestId} (${others} good message(s) in other invocations), so ReportBatchItemFailures was not exercised; run the check again`,
      };
}

/**
 * How far each receive of the poison message came after the earliest time SQS could deliver it:
 * receive k no sooner than (k - 1) visibility timeouts after its first receive. Milliseconds, one per
 * receive from the second on (duplicate copies left out: {@link distinctReceives}); negative means
 * too early. Judged against {@link CLOCK_MARGIN_MS} unrounded; shown to 0.1 s.
 */
export function spacingSlackMs(receives: readonly ConsumerReceive[], visibilityTimeoutSeconds: number): number[] {
  const first = receives[0]?.firstReceiveTimestamp;
  if (first === undefined || !Number.isFinite(first)) return [];
  return receives.slice(1).map((r, i) => r.at - first - (i + 1) * visibilityTimeoutSeconds * 1000);
}

function duplicatesText(what: string, duplicates: readonly ConsumerReceive[]): string {
  return duplicates.length === 0
    ? ''
    : `; SQS also delivered ${duplicates.length} duplicate copy(ies) of the ${what} (ApproximateReceiveCount ${list(duplicates.map((d) => d.receiveCount))} again, ` +
        'at-least-once delivery of a standard queue): reported, not judged';
}

/**
 * A message's logged receives judged against maxReceiveCount. SQS can count a receive the consumer never
 * sees: "it is possible for a consumer to not receive a message even when Amazon SQS marks the message as
 * delivered ... Amazon SQS records the message as delivered at least once, although the consumer has never
 * received it" ("Avoiding inconsistent message processing in Amazon SQS",
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/avoiding-inconsistent-message-processing.html),
 * and a throttled Lambda poller holds a message it received until "the message's timestamp exceeds your queue's
 * visibility timeout, at which point Lambda drops the message" ("Handling errors for an SQS event source in Lambda",
 * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html). So a count missing from the log
 * (1, 3) is reported; only a count above maxReceiveCount, or more receives than it, contradicts the truth.
 */
export function receiveCounts(receives: readonly ConsumerReceive[], max: number): { counts: number[]; highest?: number; unlogged: number[]; beyond: boolean; text: string } {
  const counts = receives.map((r) => r.receiveCount);
  const finite = counts.filter(Number.isFinite);
  const highest = finite.length > 0 ? Math.max(...finite) : undefined;
  const unlogged = oneTo(max).filter((c) => !counts.includes(c));
  const beyond = receives.length > max || (highest !== undefined && highest > max);
  const text =
    `${receives.length} receive(s) logged, ApproximateReceiveCount ${counts.length ? list(counts) : 'none'}` +
    (unlogged.length > 0 && !beyond ? `; count(s) ${list(unlogged)} not logged: receives SQS counted that the consumer did not see (reported, not judged)` : '');
  return { counts, highest, unlogged, beyond, text };
}

/**
 * The good messages of the poison message's batch ({@link sameBatch}) that came back: received again (ApproximateReceiveCount
 * above 1) no sooner than one visibility timeout, less {@link CLOCK_MARGIN_MS}, after the batch's first receive (SQS's
 * ApproximateFirstReceiveTimestamp). A failed batch comes back whole: "all messages in that batch become visible in the queue
 * again by default" ("Handling errors for an SQS event source in Lambda",
 * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html), one visibility timeout after the receive,
 * and five concurrent pollers can hand the returned messages to other invocations than the poison message's. An at-least-once
 * copy comes "On rare occasions", one message at a time ("Amazon SQS at-least-once delivery"). So `all` (every partner back,
 * two or more of them) is the signature of the partial batch response being ignored; a lone return cannot be told apart.
 *
 * Back means after the partner's own first logged receive (review 5 F1): SQS can count a receive the consumer never sees
 * ("Avoiding inconsistent message processing in Amazon SQS"; a throttled poller's drop, "Handling errors for an SQS event
 * source in Lambda"), so a partner's first logged receive can already carry ApproximateReceiveCount 2 when the whole batch
 * was first received without an invocation. That receive is the one in the poison message's invocation, not a return: only
 * a later receive with a higher count is, and no sooner than (first logged count) visibility timeouts after
 * ApproximateFirstReceiveTimestamp, less {@link CLOCK_MARGIN_MS} (each counted receive waits out the timeout of the one before).
 */
export function returnedBatch(
  partners: ReadonlyArray<{ id: string; kept: readonly ConsumerReceive[] }>,
  poisonFirstReceive: number | undefined,
  visibilityTimeoutSeconds: number,
): { ids: string[]; seconds: number[]; all: boolean } {
  const back = partners.flatMap((g) => {
    const logged = g.kept[0];
    const first = logged?.firstReceiveTimestamp ?? poisonFirstReceive;
    if (!logged || first === undefined) return [];
    const count = logged.receiveCount;
    const again = g.kept.slice(1).find((r) => r.receiveCount > count && r.at - first >= count * visibilityTimeoutSeconds * 1000 - CLOCK_MARGIN_MS);
    return again ? [{ id: g.id, seconds: secondsBetween(first, again.at) }] : [];
  });
  return { ids: back.map((b) => b.id), seconds: back.map((b) => b.seconds), all: partners.length >= 2 && back.length === partners.length };
}

/** This run's good messages seen in the dead-letter queue: by the arrival scans, the redrive's scans or the cleanup. */
export function goodInDeadLetterQueue(o: JourneyObservation): { ids: string[]; text: string } {
  const where: string[] = [];
  const ids = new Set<string>();
  if (o.arrival.goodSeenInDeadLetterQueue) where.push('seen by the arrival scans');
  const redrive = o.redrive.goodSeenInDeadLetterQueue ?? [];
  if (redrive.length > 0) where.push(`${redrive.length} seen by the redrive's scans`);
  const cleanup = o.cleanup?.goodInDeadLetterQueue ?? [];
  if (cleanup.length > 0) where.push(`${cleanup.length} found and deleted by the cleanup`);
  for (const id of [...(o.arrival.goodIdsSeenInDeadLetterQueue ?? []), ...redrive, ...cleanup]) ids.add(id);
  // A recorded observation from before the ids were kept says only that one was seen.
  if (o.arrival.goodSeenInDeadLetterQueue && ids.size === 0) ids.add('a good message');
  return { ids: [...ids], text: where.join('; ') };
}

/** I12: counts receives and checks the good messages, from the shared journey. */
export function judgeMaxReceiveCount(o: JourneyObservation): Judgement {
  const a = o.arrival;
  const max = a.settings.maxReceiveCount;
  const vt = a.settings.visibilityTimeoutSeconds;
  // Duplicate copies (a repeated or lower ApproximateReceiveCount) are reported, not judged.
  const { kept: poison, duplicates: poisonDuplicates } = distinctReceives(a.poisonReceives);
  const goods = goodMessages(a).map((g) => ({ id: g.id, ...distinctReceives(g.receives) }));
  const goodDuplicates = goods.flatMap((g) => g.duplicates);
  const rc = receiveCounts(poison, max);
  const gaps = intervals(poison);
  const batch = sameBatch(a);
  const partners = goods.filter((g) => batch.partners.includes(g.id));
  const partnersProcessed = partners.filter((g) => g.kept.some((r) => r.outcome === 'processed'));
  // A redelivery after the visibility timeout carries ApproximateReceiveCount 2 or more. SQS delivers at least once
  // ("Amazon SQS at-least-once delivery") and partial batch responses only "help reduce the number of unnecessary
  // retries on records" ("Handling errors for an SQS event source in Lambda",
  // https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html), so a later receive of a good
  // message is reported. What partial batch responses rule out is the good message being retried WITH the poison
  // one: received again in the same invocation (Lambda request id) as one of the poison message's re-receives.
  // Again means after the partner's own first logged receive (the one in the poison message's invocation), whatever its
  // count: that one can carry ApproximateReceiveCount 2 when SQS counted a first receive nobody saw (review 5 F1, see returnedBatch).
  const partnersAgain = partners.filter((g) => g.kept.length > 1);
  const poisonRetryIds = new Set(poison.slice(1).map((r) => r.requestId).filter((id): id is string => !!id));
  const partnersDragged = partners.filter((g) => g.kept.slice(1).some((r) => !!r.requestId && poisonRetryIds.has(r.requestId)));
  const partnersFirstUnseen = partners.filter((g) => (g.kept[0]?.receiveCount ?? 1) > 1);
  // Review 4 F1: a partner received again one visibility timeout after the batch's receive, in another invocation (see returnedBatch).
  const returned = returnedBatch(partners, poison[0]?.firstReceiveTimestamp, vt);
  const inDeadLetterQueue = goodInDeadLetterQueue(o);
  const slackMs = spacingSlackMs(poison, vt);
  const slack = slackMs.map((x) => secondsBetween(0, x));
  const firstReceiveKnown = a.poisonReceives.length === 0 || a.poisonReceives[0].firstReceiveTimestamp !== undefined;
  // The move is the receive after the last counted one, so it comes no sooner than maxReceiveCount visibility
  // timeouts after the first receive, and the first receive after the send (both on this machine's clock).
  const earliestMoveSeconds = max * vt;
  const movedTooEarly = a.secondsToDeadLetterQueue !== undefined && a.secondsToDeadLetterQueue < earliestMoveSeconds;
  const figures: Figure[] = [
    { name: 'receives before the dead-letter queue', value: poison.length, unit: 'receives' },
    { name: 'maxReceiveCount', value: max, unit: 'receives' },
    ...(rc.unlogged.length > 0 && !rc.beyond ? [{ name: 'receives SQS counted that the consumer did not log (reported, not judged)', value: rc.unlogged.length, unit: 'receives' }] : []),
    ...(a.secondsToDeadLetterQueue !== undefined ? [{ name: 'seconds from send to dead-letter queue', value: a.secondsToDeadLetterQueue, unit: 's' }] : []),
    { name: 'mean seconds between receives', value: average(gaps), unit: 's' },
    ...(slack.length > 0 ? [{ name: 'least time after the earliest possible receive', value: Math.min(...slack), unit: 's' }] : []),
    { name: 'good messages sent', value: goods.length, unit: 'messages' },
    { name: "good messages in the poison message's invocation", value: partners.length, unit: 'messages' },
    { name: 'good message receives', value: goods.reduce((n, g) => n + g.kept.length, 0), unit: 'receives' },
    ...(partnersFirstUnseen.length > 0
      ? [{ name: 'good messages of that invocation first logged with a count above 1 (an unseen earlier receive, not judged)', value: partnersFirstUnseen.length, unit: 'messages' }]
      : []),
    ...(poisonDuplicates.length + goodDuplicates.length > 0
      ? [{ name: 'duplicate copies received (at-least-once delivery, not judged)', value: poisonDuplicates.length + goodDuplicates.length, unit: 'receives' }]
      : []),
  ];
  const method =
    `${JOURNEY_METHOD}; ${RECEIVE_SPACING_METHOD}; ${SAME_BATCH_METHOD}; ` +
    'an ApproximateReceiveCount missing from the log is a receive SQS counted that the consumer did not see (SQS documents both: "Avoiding inconsistent message ' +
    'processing in Amazon SQS", "Handling errors for an SQS event source in Lambda"): reported, not judged; a receive beyond maxReceiveCount contradicts the truth ' +
    'whatever else the run missed; a receive inside the visibility timeout, or a move sooner than maxReceiveCount × visibility timeout after the send ' +
    `(${earliestMoveSeconds} s, this machine's clock at both ends), is what at-least-once delivery of a standard queue can cause ("visibility timeout isn't a guarantee ` +
    'against receiving a message twice"; no page gives the receive count of such a copy): reported, and judged only when every re-receive came early; ' +
    "a good message of the poison message's batch received again in one of its re-receive invocations fails; received again about one visibility timeout after the batch's " +
    'first receive in other invocations (with a higher ApproximateReceiveCount than its own first logged receive, which can already be 2 when SQS counted a receive nobody saw), it fails when every one of them (two or more) came back (a failed batch "become[s] visible in the queue again" whole), and makes the run ' +
    'inconclusive when only some did (an at-least-once copy comes "On rare occasions", one at a time); received again sooner, it is at-least-once delivery, reported; ' +
    "good messages of this run are looked for in the dead-letter queue by the arrival scans (3 more after the poison message is found), the redrive's scans and the cleanup; " +
    `not moved within the lab's wait (its own margin of ${WAIT_MARGIN_MS / 1000} s, no AWS figure), the run is inconclusive unless the consumer received it beyond maxReceiveCount (${max})`;
  const spacingWhat = 'each receive at least one visibility timeout after the one before (receive k ≥ first receive + (k - 1) × visibility timeout)';
  const margin = CLOCK_MARGIN_MS / 1000;
  // "When using standard queues, visibility timeout isn't a guarantee against receiving a message twice"
  // ("Setting Visibility Timeout in Amazon SQS", AWS SDK for C++ developer guide,
  // https://docs.aws.amazon.com/sdk-for-cpp/v1/developer-guide/examples-sqs-visibility-timeout.html; the SDK for Java 1.x
  // guide that carried the same note reached end-of-support on 31 December 2025; "Amazon SQS
  // at-least-once delivery"), and no page says what ApproximateReceiveCount such a copy carries. So one early
  // receive is documented behaviour: reported. Only a pattern (two or more re-receives, every one of them early)
  // is judged, and not decisively: it says the visibility timeout was not applied at all.
  const early = slackMs.filter((x) => x < -CLOCK_MARGIN_MS);
  const allEarly = slackMs.length >= 2 && early.length === slackMs.length;
  const spacing: Expectation =
    slack.length > 0
      ? expectThat(
          spacingWhat,
          !allEarly,
          `${list(slack, ' s')} after the earliest possible time`,
          `yes (no more than ${margin} s before the earliest possible time: the lab's margin for two clocks; a single early receive is at-least-once delivery, reported)`,
        )
      : expectThat(spacingWhat, true, 'fewer than two receives: nothing to space', 'yes');
  const earlyText =
    early.length > 0 && !allEarly
      ? `; ${early.length} receive(s) came more than ${margin} s before the end of the previous visibility timeout: a delivery inside the visibility timeout, which standard queues allow (at-least-once delivery), reported, not judged`
      : '';
  const movedEarlyText = movedTooEarly
    ? `; it moved ${a.secondsToDeadLetterQueue} s after the send, sooner than maxReceiveCount × visibility timeout (${earliestMoveSeconds} s): an early (at-least-once) receive SQS counted explains it, so it is reported, not judged`
    : '';
  const earlyAgain = partnersAgain.length - partnersDragged.length - returned.ids.filter((id) => !partnersDragged.some((g) => g.id === id)).length;
  const firstUnseenText = partnersFirstUnseen.length
    ? `; ${partnersFirstUnseen.length} of those good message(s) were first logged with ApproximateReceiveCount ${list([...new Set(partnersFirstUnseen.map((g) => g.kept[0].receiveCount))])}: ` +
      'SQS counted an earlier receive that reached no invocation the consumer logged (reported, not judged; they are judged from that first logged receive)'
    : '';
  const goodText = inDeadLetterQueue.ids.length > 0
    ? `a good message ALSO reached the dead-letter queue (${inDeadLetterQueue.text})`
    : batch.together
      ? `the consumer logged ${partnersProcessed.length} of the ${partners.length} good message(s) delivered in the same invocation as processed` +
        `${
          partnersDragged.length
            ? ` (${partnersDragged.length} received AGAIN with the poison message, in its retry)`
            : returned.ids.length
              ? ` (${returned.ids.length} of them received AGAIN about one visibility timeout later, in other invocations: ${returned.all ? 'the whole batch came back' : 'not the whole batch'})`
              : earlyAgain > 0
                ? ` (${earlyAgain} received again within the visibility timeout: at-least-once delivery, reported, not judged)`
                : ' (1 receive each)'
        } and no good message reached it` +
        `${goods.length > partners.length ? ` (${goods.length - partners.length} other good message(s) came in other invocations: reported)` : ''}${firstUnseenText}`
      : 'no good message was delivered in the same invocation';
  return {
    observed: !a.inDeadLetterQueue
      ? `${notArrived(o)} ${rc.text}.`
      : `The consumer received the poison message ${poison.length} times (ApproximateReceiveCount ${list(rc.counts)}), ` +
        `${list(gaps, ' s')} apart (visibility timeout ${vt} s); SQS then moved it to the dead-letter queue, ` +
        `${a.secondsToDeadLetterQueue} s after it was sent, instead of delivering receive number ${max + 1}` +
        `${rc.unlogged.length > 0 && !rc.beyond ? `; count(s) ${list(rc.unlogged)} never reached the consumer (receives SQS counted without a delivery the consumer saw: reported, not judged)` : ''}${earlyText}${movedEarlyText}; ${goodText}` +
        `${duplicatesText('poison message', poisonDuplicates)}${duplicatesText('good messages', goodDuplicates)}.`,
    method,
    figures,
    preconditions: [
      // A message nobody received was never exercised: the consumer (or its mapping) did not run.
      requires(
        'the consumer logged at least one receive of the poison message',
        a.poisonReceives.length > 0,
        `${a.poisonReceives.length} receive(s) logged, ${a.inDeadLetterQueue ? 'moved' : 'not moved'}`,
      ),
      // Messages "in the same batch" must have been in one invocation, or partial batch responses were never exercised.
      requires("a good message was delivered in the poison message's invocation (same Lambda request id)", batch.together, batch.text),
      // Some of the batch back a visibility timeout later, not all of it (or its only partner): a failed batch returns all its
      // messages, an at-least-once copy one "On rare occasions"; the run cannot tell the two apart. Not when it was retried with the poison message.
      requires(
        "the good messages of the poison message's batch came back all together or not at all (a lone return is not told from an at-least-once copy)",
        returned.ids.length === 0 || returned.all || partnersDragged.length > 0,
        returned.ids.length === 0 || returned.all
          ? 'yes'
          : `no: ${returned.ids.length} of ${partners.length} came back about one visibility timeout later (${returned.ids.join(', ')}); run the check again`,
      ),
      // Not moved after fewer than maxReceiveCount logged receives: the mapping polled late or slowly (throttled
      // batches are held and their receives count without a delivery: "Handling errors for an SQS event source in
      // Lambda"), so the move was never due as far as the run saw: inconclusive, not a failure. Not moved after
      // maxReceiveCount logged receives, and not received again either, within the lab's wait: no page says how soon
      // SQS moves the message, so the wait's margin (WAIT_MARGIN_MS) is the lab's and must not decide a failure
      // (review 5 F4). What refutes the claim is a receive beyond maxReceiveCount, decisive below.
      requires(
        `moved within the lab's wait (maxReceiveCount × visibility timeout + ${WAIT_MARGIN_MS / 1000} s after the first receive, the lab's bound: AWS gives no time for the move), or received beyond maxReceiveCount`,
        !!a.inDeadLetterQueue || rc.beyond,
        a.inDeadLetterQueue
          ? 'moved'
          : poison.length < max
            ? `${poison.length} receive(s) logged, not moved within ${a.gaveUpAfterSeconds ?? '?'} s`
            : `${poison.length} receive(s) logged, then neither moved nor received again within ${a.gaveUpAfterSeconds ?? '?'} s (the lab's bound, not an AWS figure); run the check again`,
      ),
      // Final review F1: a move after fewer logged receives than maxReceiveCount shows the move, not that it followed
      // maxReceiveCount receives; a receive SQS counted and the consumer never saw may explain it, or the move came early.
      // Either way the run did not see what the claim says: inconclusive, never a pass.
      requires(
        `the consumer logged every receive up to maxReceiveCount (ApproximateReceiveCount 1 to ${max}) before the move`,
        rc.unlogged.length === 0 || rc.beyond,
        rc.text,
      ),
      requires(
        'Lambda passed the poison message\'s ApproximateFirstReceiveTimestamp (the start of its first visibility timeout)',
        firstReceiveKnown,
        firstReceiveKnown ? 'yes' : 'no: absent from the record',
      ),
    ],
    expectations: [
      expectThat(
        'SQS moved the poison message to the dead-letter queue',
        !!a.inDeadLetterQueue,
        a.inDeadLetterQueue ? `yes, ${a.secondsToDeadLetterQueue} s after it was sent` : `no, not within ${a.gaveUpAfterSeconds ?? '?'} s`,
      ),
      // A contradiction whatever the batch, so decisive: SQS moves the message once "the ReceiveCount for a message
      // exceeds the maxReceiveCount" ("Using dead-letter queues in Amazon SQS"), so no receive counts above it.
      decisive(expectThat(`no receive beyond maxReceiveCount (${max})`, !rc.beyond, rc.text, `at most ${max} receives, ApproximateReceiveCount at most ${max}`)),
      // Not decisive: at-least-once delivery explains one early receive (see above); only every re-receive early fails.
      spacing,
      expectThat(
        "those good messages were not retried with the poison message (not received again in one of its re-receive invocations)",
        partnersDragged.length === 0,
        partnersDragged.length
          ? `no: ${partnersDragged.map((g) => `${g.id} ApproximateReceiveCount ${list(g.kept.map((r) => r.receiveCount))}`).join('; ')}, in the poison message's invocation(s) ${[...poisonRetryIds].join(', ')}`
          : partnersAgain.length
            ? `yes (${partnersAgain.length} received again in other invocations: at-least-once delivery, reported)`
            : 'yes',
      ),
      // Decisive: every good message of the batch received again above its own first logged count, a visibility timeout
      // later, is the partial response ignored whatever else the run missed (an unlogged poison receive, say).
      (returned.all ? decisive : (e: Expectation) => e)(expectThat(
        "the good messages of the poison message's batch were not all made visible again with it (every one received again a visibility timeout later: the whole batch returned)",
        !returned.all,
        returned.all
          ? `no: all ${partners.length} received again ${list(returned.seconds, ' s')} after the batch's first receive (visibility timeout ${vt} s), in other invocations`
          : returned.ids.length === 0
            ? 'yes: none came back'
            : `yes: ${returned.ids.length} of ${partners.length}`,
      )),
      expectThat(
        'the good messages stayed out of the dead-letter queue',
        inDeadLetterQueue.ids.length === 0,
        inDeadLetterQueue.ids.length > 0 ? `no: ${inDeadLetterQueue.text}` : 'yes (arrival scans, the redrive\'s scans and the cleanup)',
      ),
    ],
    notExercised: NOT_EXERCISED['I12.poison-moves-after-max-receive-count'],
  };
}

/** I12: the timestamp the message carries in the dead-letter queue. */
export function judgeSentTimestamp(o: JourneyObservation): Judgement {
  const a = o.arrival;
  const m = a.inDeadLetterQueue;
  const { kept: distinct } = distinctReceives(a.poisonReceives);
  const first = distinct[0];
  const last = distinct[distinct.length - 1];
  const preconditions = [
    reachedDeadLetterQueue(o),
    requires(
      'the consumer logged a receive of the poison message (its SentTimestamp in the source)',
      !!first,
      first ? `${a.poisonReceives.length} receive(s)` : 'no receive logged',
    ),
  ];
  const method = `${JOURNEY_METHOD}; SentTimestamp of the dead-letter copy (ReceiveMessage MessageSystemAttributeNames) against the one Lambda passed the consumer`;
  if (!m || !first || !last) {
    return {
      observed: notArrived(o),
      method,
      preconditions,
      expectations: [expectEqual('SentTimestamp in the dead-letter queue (as on the first receive from the source)', iso(first?.sentTimestamp), iso(m?.sentTimestamp))],
    };
  }
  // SQS can move it no sooner than one visibility timeout after its last receive: a lower bound of its age on arrival.
  const usedBeforeArrival =
    m.sentTimestamp !== undefined ? Math.round((secondsBetween(m.sentTimestamp, last.at) + a.settings.visibilityTimeoutSeconds) * 10) / 10 : NaN;
  const kept = m.sentTimestamp !== undefined && m.sentTimestamp === first.sentTimestamp;
  const s = a.settings;
  return {
    observed:
      `In the dead-letter queue the message carries SentTimestamp ${iso(m.sentTimestamp)}, ` +
      `${kept ? 'the same' : 'NOT the same'} as on its first receive from the source (${iso(first.sentTimestamp)}): ` +
      `it arrived at least ${usedBeforeArrival} s old by that timestamp (dead-letter queue retention ${s.deadLetterRetentionSeconds} s here, source ${s.sourceRetentionSeconds} s). ` +
      'SentTimestamp is "the time the message was sent to the queue" (ReceiveMessage); that it is the enqueue timestamp expiry counts from is the lab\'s reading, ' +
      'not a documented fact, and the expiry itself is not observed. ' +
      `Message id ${m.messageId === a.poisonMessageId ? 'unchanged' : `changed (${a.poisonMessageId} → ${m.messageId})`}. ` +
      'A FIFO queue would have reset the timestamp on the move (not deployed here).',
    method,
    figures: [
      { name: 'retention already used on arrival', value: usedBeforeArrival, unit: 's' },
      { name: 'dead-letter queue retention', value: s.deadLetterRetentionSeconds, unit: 's' },
      { name: 'source queue retention', value: s.sourceRetentionSeconds, unit: 's' },
      ...(m.receiveCount !== undefined ? [{ name: 'ApproximateReceiveCount on the first receive from the dead-letter queue', value: m.receiveCount, unit: 'receives' }] : []),
    ],
    preconditions,
    expectations: [
      // Compared as numbers (epoch ms), shown as ISO times.
      expectThat('SentTimestamp in the dead-letter queue (as on the first receive from the source)', kept, iso(m.sentTimestamp), iso(first.sentTimestamp)),
    ],
    notExercised: NOT_EXERCISED['I12.dlq-keeps-original-sent-timestamp'],
  };
}

/** I12: the move task and the second failure. */
export function judgeRedrive(o: JourneyObservation): Judgement {
  const r = o.redrive;
  // An SDK call of this phase failed (StartMessageMoveTask denied, the network): the check could not run.
  if (r.couldNotObserve) throw new Error(`the redrive could not be observed: ${r.couldNotObserve}. Check the rights listed in the lab README (section 6) and your network, then run the check again`);
  const max = o.arrival.settings.maxReceiveCount;
  const originalId = o.arrival.poisonMessageId;
  // The original's ids in the source and in the dead-letter queue (review 4 F3: a redrive keeping the dead-letter id is no new id).
  const originalIds = [originalId, ...(o.arrival.inDeadLetterQueue && o.arrival.inDeadLetterQueue.messageId !== originalId ? [o.arrival.inDeadLetterQueue.messageId] : [])];
  const { redrivenId, redriven: redrivenAll, others } = redrivenReceives(r.receivesAfter, originalIds);
  const { kept: redriven, duplicates } = distinctReceives(redrivenAll);
  const rc = receiveCounts(redriven, max);
  const earlierRuns = o.arrival.earlierRunMessages ?? [];
  const copies = others.length + duplicates.length;
  const deadline = r.taskDeadlineSeconds ?? MOVE_TASK_DEADLINE_MS / 1000;
  const figures: Figure[] = [
    ...(r.taskSeconds !== undefined ? [{ name: 'move task duration', value: r.taskSeconds, unit: 's' }] : []),
    // ApproximateNumberOfMessagesMoved: an approximate count AWS updates after the status; a figure, not the verdict.
    ...(r.moved !== undefined ? [{ name: 'messages moved (ApproximateNumberOfMessagesMoved, approximate)', value: r.moved, unit: 'messages' }] : []),
    { name: 'receives after the redrive', value: redriven.length, unit: 'receives' },
    ...(rc.unlogged.length > 0 && !rc.beyond ? [{ name: 'receives after the redrive SQS counted that the consumer did not log (reported, not judged)', value: rc.unlogged.length, unit: 'receives' }] : []),
    ...(earlierRuns.length > 0 ? [{ name: 'messages of earlier runs in the dead-letter queue (the move task moved them too)', value: earlierRuns.length, unit: 'messages' }] : []),
    ...(r.secondsBackToDeadLetterQueue !== undefined ? [{ name: 'seconds back to the dead-letter queue', value: r.secondsBackToDeadLetterQueue, unit: 's' }] : []),
    ...(copies > 0 ? [{ name: 'duplicate copies received after the redrive (at-least-once delivery, not judged)', value: copies, unit: 'receives' }] : []),
  ];
  const method =
    `StartMessageMoveTask (SourceArn: the dead-letter queue, no DestinationArn: back to the source), ListMessageMoveTasks every 2 s until the task ends, for at most ${deadline} s ` +
    "(the lab's own deadline: AWS documents no duration for a move task; a task still RUNNING then is cancelled with CancelMessageMoveTask and the run is inconclusive); " +
    `ApproximateNumberOfMessagesMoved, an approximate count AWS updates after the status, read again for up to ${MOVED_COUNT_SETTLE_MS / 1000} s after COMPLETED and reported, not judged; ` +
    "then the consumer's LABEVENT lines (FilterLogEvents) and ReceiveMessage on the dead-letter queue: the redrive is judged on the message itself, " +
    'back in the source with a new message id, received again with every ApproximateReceiveCount at most maxReceiveCount (a count missing from the log is a receive ' +
    'SQS counted that the consumer did not see: reported), and back in the dead-letter queue, recognised by the redriven message\'s SentTimestamp, which a move to a ' +
    'dead-letter queue keeps ("Setting-up dead-letter queue retention in Amazon SQS"; no page documents the message id across that move, so whether the id matched is ' +
    'reported, not judged; a copy of the original, such as a stale one, does not count); a receive whose id or count repeats is a duplicate copy and is reported, not judged; ' +
    'the move task moves the whole dead-letter queue, so messages earlier runs of the lab left there are moved too and named';
  const first: ConsumerReceive | undefined = redriven[0];
  const original = o.arrival.inDeadLetterQueue;
  const newTimestamp = first && original?.sentTimestamp !== undefined && first.sentTimestamp !== original.sentTimestamp;
  const moved = r.moved === undefined ? 'no moved count listed' : `${r.moved} message(s) moved by its count${r.movedReadSecondsAfterCompleted ? `, read ${r.movedReadSecondsAfterCompleted} s after COMPLETED` : ''}`;
  const cancel = r.cancelAtDeadline
    ? r.cancelAtDeadline.cancelled
      ? '; the lab cancelled it (CancelMessageMoveTask)'
      : `; CancelMessageMoveTask failed (${r.cancelAtDeadline.error}): the task may still move messages`
    : '';
  const observed =
    r.status !== 'COMPLETED'
      ? `Redrive: ${r.error ?? 'the move task did not complete'}${r.status ? ` (task ${r.status}, ${r.moved ?? 0} moved)` : ''}${cancel}.`
      : `The move task COMPLETED in ${r.taskSeconds} s (${moved}). ` +
        (first
          ? `Back in the source it was ${redrivenId !== undefined ? `a new message (new id ${redrivenId}` : `the same message (same id ${originalId}`}${newTimestamp ? ', new SentTimestamp)' : ', same SentTimestamp)'}: ` +
            `the consumer received it ${redriven.length} times (ApproximateReceiveCount ${list(rc.counts)}` +
            `${rc.unlogged.length > 0 && !rc.beyond ? `; count(s) ${list(rc.unlogged)} never reached the consumer: reported, not judged` : ''}), it failed again, and it was ` +
            (r.backInDeadLetterQueue
              ? `back in the dead-letter queue ${r.secondsBackToDeadLetterQueue} s after the move (${r.backUnderRedrivenId ? 'under the same id' : `under id ${r.backInDeadLetterQueue.messageId}, not the one it had in the source`}, its SentTimestamp kept)`
              : `NOT seen back in the dead-letter queue (${r.error ?? 'not found'})`)
          : `The consumer never received the poison message again (${r.error ?? 'no receive logged'})`) +
        (copies > 0 ? `; ${copies} duplicate copy(ies) received as well (at-least-once delivery): reported, not judged` : '') +
        (earlierRuns.length > 0
          ? `; the task also moved ${earlierRuns.length} message(s) that earlier runs left in the dead-letter queue (runs ${[...new Set(earlierRuns.map((m) => m.runId))].join(', ')}): not counted`
          : '') +
        '.';
  const cancelled = r.status === 'CANCELLING' || r.status === 'CANCELLED';
  const ended = r.taskHandle === undefined || (r.status !== undefined && r.status !== 'RUNNING');
  return {
    observed,
    method,
    figures,
    preconditions: [
      // Not attempted (the poison message never reached the dead-letter queue, another move task
      // kept running): the redrive never happened.
      requires('a message move task was started on the dead-letter queue', r.taskHandle !== undefined, r.taskHandle !== undefined ? 'yes' : (r.error ?? 'no')),
      // Final review F2: back in the dead-letter queue after fewer logged receives than maxReceiveCount does not show the
      // count starting again: inconclusive, never a pass.
      // Final re-review: no page gives a time for the move back, so the lab's wait must not decide a failure (as for the
      // first move): not back within it, and no receive beyond maxReceiveCount either, is inconclusive.
      ...(r.status === 'COMPLETED'
        ? [requires(
            "back in the dead-letter queue within the lab's wait after the redrive (the lab's bound: AWS gives no time for the move), or received beyond maxReceiveCount",
            !!r.backInDeadLetterQueue || rc.beyond,
            r.backInDeadLetterQueue ? 'back' : `${redriven.length} receive(s) logged after the redrive, not back within the lab's wait${r.error ? ` (${r.error})` : ''}: the lab's bound, not an AWS figure; run the check again`,
          )]
        : []),
      ...(r.status === 'COMPLETED' && r.backInDeadLetterQueue
        ? [requires(`after the redrive the consumer logged every receive up to maxReceiveCount (ApproximateReceiveCount 1 to ${max}) before it returned to the dead-letter queue`, rc.unlogged.length === 0 || rc.beyond, rc.text)]
        : []),
      // Still RUNNING at the lab's own deadline (AWS documents no duration): the run did not see the redrive.
      requires(
        `the move task ended within ${deadline} s (the lab's deadline; AWS documents no duration)`,
        ended,
        ended ? `yes${r.taskSeconds !== undefined ? `, in ${r.taskSeconds} s` : ''}` : `no: still ${r.status ?? 'not listed'} after ${deadline} s${cancel}`,
      ),
      // Cancelled by someone else (this run cancels only at its deadline): the redrive was not run to its end.
      requires('the move task was not cancelled (CANCELLING, CANCELLED)', !cancelled, cancelled ? `no: ${r.status}` : 'yes'),
    ],
    expectations:
      r.status !== 'COMPLETED'
        ? [
            // Status: RUNNING, COMPLETED, CANCELLING, CANCELLED or FAILED: "ListMessageMoveTasksResultEntry (Amazon SQS API Reference)",
            // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ListMessageMoveTasksResultEntry.html
            expectEqual('move task status', 'COMPLETED', r.status),
          ]
        : [
            expectEqual('move task status', 'COMPLETED', r.status),
            // "All redriven messages are considered new messages with a new messageID and enqueueTime"
            // ("Learn how to configure a dead-letter queue redrive in Amazon SQS").
            expectThat(
              'the poison message came back to the source as a new message (a new message id)',
              redrivenId !== undefined,
              redrivenId !== undefined
                ? `yes (${originalIds.join(' / ')} → ${redrivenId})`
                : first
                  ? `no: received again with an id it had before (${[...new Set(redrivenAll.map((x) => x.messageId))].join(', ')}; its ids in the source and the dead-letter queue: ${originalIds.join(', ')})`
                  : 'no: never received again',
            ),
            // Whatever the batch: a receive beyond maxReceiveCount contradicts the truth.
            decisive(expectThat(`no receive after the redrive beyond maxReceiveCount (${max})`, !rc.beyond, rc.text, `at most ${max} receives, ApproximateReceiveCount at most ${max}`)),
            expectThat(
              'the poison message failed again and returned to the dead-letter queue',
              !!r.backInDeadLetterQueue,
              r.backInDeadLetterQueue ? `yes, ${r.secondsBackToDeadLetterQueue} s after the move` : `no${r.error ? `: ${r.error}` : ''}`,
            ),
          ],
    notExercised: NOT_EXERCISED['I12.redrive-moves-back-and-fails-again'],
  };
}

/** The documented wait before retry `i` (0-based), with the lab's margin. */
export function retryWaitRange(i: number): { documented: number; min: number; max: number } | undefined {
  const documented = DOCUMENTED_RETRY_WAITS_SECONDS[i];
  return documented === undefined ? undefined : { documented, min: documented * RETRY_WAIT_FACTOR.min, max: documented * RETRY_WAIT_FACTOR.max };
}

/** I12: attempts, delays and what Lambda sends on. */
export function judgeAsyncRetries(o: AsyncObservation): Judgement {
  const expected = o.maximumRetryAttempts + 1;
  const r = o.record;
  const ctx = r?.requestContext;
  // Duplicate deliveries ("it's possible for it to receive the same event from Lambda multiple times because
  // the queue itself is eventually consistent": "How Lambda handles errors and retries with asynchronous
  // invocation"). Under another request id they are told apart (groupAttempts) and reported. Under the
  // invocation's own id a duplicate cannot be told from a retry: when Lambda's own count says `expected`
  // but more lines carry that id, the waits cannot be attributed, and the run is inconclusive.
  const others = o.otherDeliveries ?? [];
  const sameIdDuplicate = o.attempts.length > expected && ctx?.approximateInvokeCount === expected;
  const othersText = others.length
    ? `; ${others.length} more attempt line(s) under another request id (${[...new Set(others.map((l) => l.requestId))].join(', ')}): the same event delivered again, reported, not counted`
    : '';
  const dlqHasEventOnly = !!o.deadLetterBody && o.deadLetterBody.runId === o.runId && !('requestContext' in o.deadLetterBody);
  const errorMessage = r?.responsePayload?.errorMessage ?? '';
  const recordText = r
    ? `a record in the on-failure destination (condition ${ctx?.condition}, approximateInvokeCount ${ctx?.approximateInvokeCount}, ` +
      `${r.responsePayload?.errorType ?? 'error'}: "${errorMessage}")`
    : 'NO record in the on-failure destination';
  const waited = o.deadLetterWaitSeconds !== undefined ? ` within ${o.deadLetterWaitSeconds} s of the record` : '';
  // The API reference says both work together: "You can configure destinations in addition to or instead of a dead-letter
  // queue" ("PutFunctionEventInvokeConfig", AWS Lambda API Reference,
  // https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionEventInvokeConfig.html), and "For dead-letter queues,
  // Lambda only sends the content of the event, without details about the response" ("Capturing records of Lambda
  // asynchronous invocations", https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html).
  // So a copy seen in the dead-letter queue is judged: it must be the bare event. No page says how soon it arrives, so
  // one not seen within the lab's bound (ASYNC_DLQ_GRACE_MS after the record) is not exercised, never a failure.
  const dlqText = o.deadLetterBody
    ? dlqHasEventOnly
      ? 'the event alone (no record fields) in the dead-letter queue as well'
      : 'a message of this run in the dead-letter queue that is NOT the bare event'
    : `nothing in the dead-letter queue${waited} (the lab's bound, not an AWS figure: the dead-letter queue part is not exercised)`;
  const dlqJudged = o.deadLetterBody !== undefined;
  const waits: Expectation[] = o.delays.flatMap((d, i) => {
    const range = retryWaitRange(i);
    return range ? [expectBetween(`wait before retry ${i + 1} (documented: about ${range.documented} s)`, range.min, range.max, d, 's')] : [];
  });
  if (o.delays.length >= 2) {
    waits.push(expectThat('the wait before retry 2 is longer than the wait before retry 1', o.delays[1] > o.delays[0], `${o.delays[1]} s against ${o.delays[0]} s`));
  }
  return {
    observed:
      `Invoke returned ${o.invokeStatusCode ?? '?'}; Lambda ran the function ${o.attempts.length} time(s) (expected 1 + ${o.maximumRetryAttempts} retries)` +
      `${o.delays.length ? `, ${list(o.delays, ' s')} apart` : ''}${o.requestId ? `, under request id ${o.requestId}` : ''}${othersText}, then sent ${recordText}; ${dlqText}` +
      `${o.gaveUp ? ` (gave up waiting after ${o.seconds} s)` : ''}.`,
    method:
      'Lambda GetFunctionEventInvokeConfig (MaximumRetryAttempts), Invoke with InvocationType Event; one LABEVENT line per attempt read with ' +
      'CloudWatch Logs FilterLogEvents; the on-failure destination and the dead-letter queue scanned every 10 s (the dead-letter queue for at most ' +
      `${ASYNC_DLQ_GRACE_MS / 1000} s after the record, and only reported); records deleted by receipt handle; ${RETRY_WAIT_METHOD}; ` +
      "attempts counted by Lambda request id: a retry keeps the invocation's request id (the on-failure record's requestContext.requestId), " +
      'so lines under another id are a duplicate delivery of the event, which the developer guide says can happen, and are reported, not counted',
    figures: [
      { name: 'attempts', value: o.attempts.length, unit: 'attempts' },
      ...(others.length > 0 ? [{ name: 'duplicate deliveries under another request id (not counted)', value: others.length, unit: 'attempts' }] : []),
      ...o.delays.map((d, i) => ({ name: `wait before retry ${i + 1}`, value: d, unit: 's' })),
      ...(o.recordSecondsAfterLastAttempt !== undefined ? [{ name: 'record after the last attempt', value: o.recordSecondsAfterLastAttempt, unit: 's' }] : []),
      { name: 'events of this run in the dead-letter queue', value: o.deadLetterBody ? 1 : 0, unit: 'messages' },
      { name: 'observation time', value: o.seconds, unit: 's' },
    ],
    preconditions: [
      // 202 Accepted: Lambda queued the event ("StatusCode ... For the Event invocation type, the status code is 202": "Invoke",
      // AWS Lambda API Reference, https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html). Without it there was no asynchronous invocation to retry.
      requires('Lambda accepted the asynchronous invocation (Invoke returned 202)', o.invokeStatusCode === 202, String(o.invokeStatusCode ?? 'no status')),
      // No page gives a delivery time for an on-failure record, so the lab's wait (ASYNC_TIMEOUT_MS) must not decide a
      // failure (review 5 F4): without the record, what Lambda did last is unknown, and the run is inconclusive.
      requires(
        `the on-failure record of this run arrived within the lab's wait (${ASYNC_TIMEOUT_MS / 60_000} min from the invoke, the lab's bound: AWS gives no delivery time)`,
        !!r,
        r ? 'yes' : `no record after ${o.seconds} s; run the check again`,
      ),
      // Final review F3: the claim is about the dead-letter queue receiving the event. The lab configures both a DLQ and an
      // on-failure destination, and no current page says Lambda sends to both; a run that saw no DLQ copy did not see what
      // the claim says, so it is inconclusive, never a pass on the destination's record alone.
      requires(
        `the function's dead-letter queue received a copy within ${ASYNC_DLQ_GRACE_MS / 1000} s of the on-failure record (the lab's bound; AWS gives no delivery time)`,
        dlqJudged,
        dlqJudged ? 'yes' : 'no copy seen: the DLQ receiving the event, which the claim is about, was not observed (with an on-failure destination also set, no page says Lambda sends to both)',
      ),
      requires(
        "each attempt logged once (no duplicate delivery under the invocation's own request id)",
        !sameIdDuplicate,
        sameIdDuplicate
          ? `no: ${o.attempts.length} attempt lines under ${o.requestId ?? 'one request id'} while the record counts ${ctx?.approximateInvokeCount}: a duplicate delivery, so the waits cannot be told apart`
          : 'yes',
      ),
    ],
    expectations: [
      expectEqual(`attempts (1 + ${o.maximumRetryAttempts} retries)`, expected, o.attempts.length),
      ...waits,
      // requestContext.condition RetriesExhausted (or EventAgeExceeded): "Capturing records of Lambda asynchronous invocations",
      // https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
      expectEqual("the on-failure record's condition", 'RetriesExhausted', ctx?.condition),
      expectEqual("the on-failure record's approximateInvokeCount", expected, ctx?.approximateInvokeCount),
      expectThat("the on-failure record's error names this run", errorMessage.includes(o.runId), r ? `"${errorMessage}"` : 'no record'),
      ...(dlqJudged
        ? [
            expectThat(
              'the dead-letter queue received the event itself, without record details (DLQ "in addition to" the destination)',
              dlqHasEventOnly,
              dlqHasEventOnly ? 'yes: the event, with no requestContext' : 'no: the message carries record fields',
            ),
          ]
        : []),
    ],
    notExercised: dlqJudged
      ? NOT_EXERCISED['I12.async-retries-then-destination']
      : `${NOT_EXERCISED['I12.async-retries-then-destination']}; the dead-letter queue receiving the event, which the claim is about (no copy seen within ${ASYNC_DLQ_GRACE_MS / 1000} s of the ` +
        'on-failure record, the lab\'s bound; AWS gives no delivery time, so only attempts, waits and the destination record were judged)',
  };
}

// ---------------------------------------------------------------------------------------------
// Offline checks and the table of checks
// ---------------------------------------------------------------------------------------------

export const CHECKS = {
  'T2.dlq-is-an-ordinary-queue': {
    offline: (f: LabFacts): Judgement => {
      const admits = allowsSource(f.deadLetter, f.source);
      return {
        observed:
          `${f.deadLetter.logicalId} is a ${queueType(f.deadLetter.fifo)} queue like ${f.source.logicalId}, named by its RedrivePolicy; ` +
          `RedriveAllowPolicy ${f.deadLetter.redriveAllow?.permission ?? 'absent'} (${admits ? 'admits' : 'does NOT admit'} the source); ` +
          `alarm ${f.alarm.logicalId} on ${f.alarm.metricName ?? '?'} of ${f.alarm.queue ?? '?'}.`,
        method: 'template: AWS::SQS::Queue RedrivePolicy, RedriveAllowPolicy, FifoQueue; AWS::CloudWatch::Alarm',
        expectations: [
          expectEqual("the source's RedrivePolicy names the dead-letter queue", f.deadLetter.logicalId, f.source.redrive?.target),
          expectEqual(`dead-letter queue type (the source is ${queueType(f.source.fifo)})`, queueType(f.source.fifo), queueType(f.deadLetter.fifo)),
          expectThat('the dead-letter queue has no redrive policy of its own', !f.deadLetter.redrive, f.deadLetter.redrive ? 'no: it has one' : 'yes'),
          expectEqual("the dead-letter queue's RedriveAllowPolicy redrivePermission", 'byQueue', f.deadLetter.redriveAllow?.permission),
          expectThat("the dead-letter queue's RedriveAllowPolicy admits the source", admits, admits ? 'yes' : 'no'),
          expectEqual('the queue the alarm watches', f.deadLetter.logicalId, f.alarm.queue),
          expectEqual('the metric the alarm watches', 'ApproximateNumberOfMessagesVisible', f.alarm.metricName),
        ],
      };
    },
    // Offline only. The one answer a live run could read from SQS, ListDeadLetterSourceQueues, is "a list of your queues
    // that have the RedrivePolicy queue attribute configured with a dead-letter queue" ("ListDeadLetterSourceQueues",
    // Amazon SQS API Reference, https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ListDeadLetterSourceQueues.html):
    // derived from the redrive policy the stack deployed, it comes out the same whether or not a dead-letter queue is an
    // ordinary queue, so it observes nothing the template does not already show.
  },
  'I12.poison-moves-after-max-receive-count': {
    offline: (f: LabFacts): Judgement => {
      const mapping = f.consumer.mappings.find((m) => m.source === f.source.logicalId);
      const max = f.source.redrive?.maxReceiveCount ?? 0;
      return {
        observed:
          `${f.source.logicalId}: maxReceiveCount ${max || 'none'} → ${f.source.redrive?.target ?? 'no dead-letter queue'}, visibility timeout ${f.source.visibilitySeconds} s; ` +
          `consumer ${f.consumer.logicalId} (timeout ${f.consumer.timeoutSeconds} s) ${mapping ? `reads it${mapping.reportsBatchItemFailures ? ' with ReportBatchItemFailures' : ' WITHOUT partial batch responses'}` : 'is NOT mapped to it'}.`,
        method: 'template: RedrivePolicy and VisibilityTimeout of the source queue; AWS::Lambda::EventSourceMapping FunctionResponseTypes; function Timeout',
        expectations: [
          expectEqual("the source's RedrivePolicy names the dead-letter queue", f.deadLetter.logicalId, f.source.redrive?.target),
          expectBetween('maxReceiveCount', 1, 5, max, 'receives'),
          expectThat(
            'the consumer reads the source with ReportBatchItemFailures (partial batch responses)',
            !!mapping?.reportsBatchItemFailures,
            mapping ? (mapping.reportsBatchItemFailures ? 'yes' : 'no: without partial batch responses') : 'no: not mapped to the source',
          ),
          expectAtLeast("the source's visibility timeout (at least the consumer's timeout)", f.consumer.timeoutSeconds, f.source.visibilitySeconds, 's'),
        ],
      };
    },
    live: live(journey, judgeMaxReceiveCount),
  },
  'I12.dlq-keeps-original-sent-timestamp': {
    offline: (f: LabFacts): Judgement => {
      const longer = f.deadLetter.retentionSeconds > f.source.retentionSeconds;
      return {
        observed:
          `standard queues; ${f.deadLetter.logicalId} keeps messages ${f.deadLetter.retentionSeconds} s, ${f.source.logicalId} ${f.source.retentionSeconds} s ` +
          `(${longer ? 'longer, as it must be' : 'NOT longer: moved messages would expire early'}).`,
        method: 'template: MessageRetentionPeriod and FifoQueue of both queues',
        expectations: [
          expectEqual('source queue type', 'standard', queueType(f.source.fifo)),
          expectEqual('dead-letter queue type', 'standard', queueType(f.deadLetter.fifo)),
          expectThat(
            "the dead-letter queue's retention is longer than the source's",
            longer,
            `${f.deadLetter.retentionSeconds} s against ${f.source.retentionSeconds} s`,
            `more than ${f.source.retentionSeconds} s`,
          ),
        ],
      };
    },
    live: live(journey, judgeSentTimestamp),
  },
  'I12.sqs-failure-skips-function-dlq': {
    offline: (f: LabFacts): Judgement => {
      const fed = f.consumer.mappings.some((m) => m.source === f.source.logicalId);
      return {
        observed:
          `consumer ${f.consumer.logicalId} is fed by ${fed ? f.source.logicalId : 'NO mapping from the source'} and has its own dead-letter queue ` +
          `${f.consumer.deadLetterTarget ?? 'NONE'}, distinct from the queue's ${f.deadLetter.logicalId}.`,
        method: 'template: Lambda DeadLetterConfig, AWS::Lambda::EventSourceMapping, the source RedrivePolicy',
        expectations: [
          expectThat('the consumer is fed by the source queue (an event source mapping)', fed, fed ? 'yes' : 'no mapping from the source'),
          expectEqual("the consumer's own dead-letter queue (DeadLetterConfig)", f.consumerFunctionDlq, f.consumer.deadLetterTarget),
          expectThat(
            "the function's dead-letter queue is not the queue's",
            f.consumerFunctionDlq !== f.deadLetter.logicalId,
            f.consumerFunctionDlq !== f.deadLetter.logicalId ? 'yes' : `no: both are ${f.deadLetter.logicalId}`,
          ),
        ],
      };
    },
    // Offline only. With ReportBatchItemFailures the consumer returns batchItemFailures and never throws for an SQS batch
    // (lib/messaging/partial-batch-consumer-handler), so no invocation from the mapping ever fails as a function error:
    // a function dead-letter queue is "the dead-letter queue for failed asynchronous invocations" ("DeadLetterConfig",
    // AWS Lambda API Reference, https://docs.aws.amazon.com/lambda/latest/api/API_DeadLetterConfig.html), and partial
    // batch responses report per-message failures of an invocation that succeeded ("Handling errors for an SQS event
    // source in Lambda", https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html). The function's
    // dead-letter queue staying empty could not have come out otherwise, so a live run proves nothing here.
  },
  'I12.redrive-moves-back-and-fails-again': {
    offline: (f: LabFacts): Judgement => {
      const admits = allowsSource(f.deadLetter, f.source);
      return {
        observed:
          `${f.source.logicalId} sends to ${f.source.redrive?.target ?? 'nothing'}, whose redrive-allow policy ${admits ? 'admits' : 'does NOT admit'} it, ` +
          `so a move task without a destination returns messages to it; ${f.deadLetter.logicalId} has ${f.deadLetter.redrive ? 'a redrive policy of its own' : 'no redrive policy of its own: nothing moves messages on from it'}.`,
        method: 'template: RedrivePolicy of the source, RedriveAllowPolicy and RedrivePolicy of the dead-letter queue',
        expectations: [
          expectEqual("the source's RedrivePolicy names the dead-letter queue", f.deadLetter.logicalId, f.source.redrive?.target),
          expectThat("the dead-letter queue's RedriveAllowPolicy admits the source", admits, admits ? 'yes' : `no (${f.deadLetter.redriveAllow?.permission ?? 'absent'})`),
          expectThat('the dead-letter queue has no redrive policy of its own', !f.deadLetter.redrive, f.deadLetter.redrive ? 'no: it has one' : 'yes'),
        ],
      };
    },
    live: live(journey, judgeRedrive),
  },
  'I12.async-retries-then-destination': {
    offline: (f: LabFacts): Judgement => {
      const c = f.asyncFunction.invokeConfig;
      return {
        observed:
          `${f.asyncFunction.logicalId}: MaximumRetryAttempts ${c?.maximumRetryAttempts ?? 'default (2)'}, MaximumEventAgeInSeconds ${c?.maximumEventAgeSeconds ?? 'default (21600)'}, ` +
          `on-failure destination ${c?.onFailure ?? 'NONE'}, dead-letter queue ${f.asyncFunction.deadLetterTarget ?? 'NONE'}.`,
        method: 'template: AWS::Lambda::EventInvokeConfig and DeadLetterConfig of the always-failing function',
        expectations: [
          // Absent, Lambda's defaults apply: 2 retries, 6 hours.
          expectAtLeast('MaximumRetryAttempts', 1, c?.maximumRetryAttempts ?? 2),
          expectAtLeast('MaximumEventAgeInSeconds (room for both retries)', 300, c?.maximumEventAgeSeconds ?? 21_600, 's'),
          expectEqual('the on-failure destination', f.asyncFailureDestination.logicalId, c?.onFailure),
          expectEqual('on-failure destination queue type', 'standard', queueType(f.asyncFailureDestination.fifo)),
          expectEqual("the function's dead-letter queue (DeadLetterConfig)", f.asyncFunctionDlq, f.asyncFunction.deadLetterTarget),
        ],
      };
    },
    live: live(asyncRetries, judgeAsyncRetries),
  },
} satisfies Record<string, ClaimCheck<LabFacts>>;
