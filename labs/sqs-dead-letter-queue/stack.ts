import { Duration, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { addLabOutputs } from '../../lib/lab-kit/stack/lab-outputs';
import { LabStack, type LabStackProps } from '../../lib/lab-kit/stack/lab-stack';
import { AlwaysFailingAsyncFunction } from '../../lib/messaging/always-failing-async-function';
import { PartialBatchConsumer } from '../../lib/messaging/partial-batch-consumer';
import { QueueWithDeadLetterQueue } from '../../lib/messaging/queue-with-dead-letter-queue';
import { OUTPUTS } from './outputs';

/** The lab's settings: small and short, so a poison message reaches the dead-letter queue in under a minute. */
export const SETTINGS = {
  /** Three receives: the first try and two re-receives. */
  maxReceiveCount: 3,
  /**
   * At least six times the consumer's timeout, as the Lambda guide advises ("set the source queue's
   * visibility timeout to at least six times the configuration timeout on your function": "Creating and
   * configuring an Amazon SQS event source mapping",
   * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html), plus the batching window,
   * the lab's own addition: 6 × 1 s + 5 s = 11 s. It is not proof against every hold: an archived
   * version of "Using Lambda with Amazon SQS" warned that with a batching window on a very low-traffic
   * queue Lambda "might wait for up to 20 seconds" before invoking (review 5 F2; the current page could
   * not be checked for it). A batch held longer than this timeout becomes visible again and its first
   * receive is counted without reaching the consumer: the check reports such receives, never judges them,
   * and does not take the batch's next receive for a return (review 5 F1). A longer timeout would slow
   * every run by three times the increase.
   */
  visibilityTimeout: Duration.seconds(12),
  /** The handler does no work: a second is plenty (a cold start's init does not count against it). */
  consumerTimeout: Duration.seconds(1),
  /**
   * How long Lambda gathers messages before it invokes the consumer (MaximumBatchingWindowInSeconds).
   * For a standard queue Lambda "starts processing five batches at a time with five concurrent
   * invocations" ("Configuring scaling behavior for SQS event source mappings",
   * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html), so messages sent
   * together can be handed to several invocations; with a window, a poller keeps gathering until "the
   * batching window reaches its maximum value" or "the batch size is met" ("How Lambda processes records
   * from stream and queue-based event sources",
   * https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html). The check sends nine
   * good messages with the poison one, so a split leaves the poison message alone only if no good one
   * lands with it; AWS gives no odds, and a run where none shared it is inconclusive.
   */
  batchingWindow: Duration.seconds(5),
  /** Lambda's default: three attempts in all. */
  asyncRetryAttempts: 2,
  /** Long enough for both retries (about 3 minutes), short enough to say it is a choice. */
  asyncMaxEventAge: Duration.hours(1),
} as const;

/**
 * Lab sqs-dead-letter-queue: a standard queue with its dead-letter queue and a Lambda consumer
 * that fails poison messages (which also has a function-level dead-letter queue, to show it stays
 * empty), and a second function that always fails when invoked asynchronously, with an on-failure
 * destination and a dead-letter queue. Nothing runs while idle: SQS, Lambda and Logs charge per
 * request, and the one alarm costs $0.10 a month.
 */
export class SqsDeadLetterQueueStack extends LabStack {
  constructor(scope: Construct, id: string, props: LabStackProps = {}) {
    super(scope, id, {
      description: 'Lab sqs-dead-letter-queue: poison messages, receive counts, the function DLQ, async retries and redrive (I12, T2)',
      ...props,
    });

    const messages = new QueueWithDeadLetterQueue(this, 'Messages', {
      maxReceiveCount: SETTINGS.maxReceiveCount,
      visibilityTimeout: SETTINGS.visibilityTimeout,
    });

    const consumerFunctionDlq = terminalQueue(this, 'ConsumerFunctionDlq');
    const consumer = new PartialBatchConsumer(this, 'Consumer', {
      timeout: SETTINGS.consumerTimeout,
      deadLetterQueue: consumerFunctionDlq,
      // Nothing invokes it asynchronously (the function-DLQ claim is judged on the template): were something to, no retry, straight to its DLQ.
      retryAttempts: 0,
    });
    const mapping = messages.attachConsumer(consumer.function, { batchSize: 10, maxBatchingWindow: SETTINGS.batchingWindow });

    const asyncFailures = terminalQueue(this, 'AsyncFailureDestination');
    const asyncDlq = terminalQueue(this, 'AsyncFunctionDlq');
    const alwaysFails = new AlwaysFailingAsyncFunction(this, 'AlwaysFails', {
      retryAttempts: SETTINGS.asyncRetryAttempts,
      maxEventAge: SETTINGS.asyncMaxEventAge,
      onFailure: asyncFailures,
      deadLetterQueue: asyncDlq,
    });

    addLabOutputs(this, OUTPUTS, {
      SourceQueueUrl: messages.queue.queueUrl,
      DeadLetterQueueUrl: messages.deadLetterQueue.queueUrl,
      DeadLetterQueueArn: messages.deadLetterQueue.queueArn,
      DeadLetterAlarmName: messages.notEmptyAlarm.alarmName,
      ConsumerFunctionName: consumer.function.functionName,
      ConsumerEventSourceMappingId: mapping.eventSourceMappingId,
      ConsumerLogGroupName: consumer.logGroup.logGroupName,
      ConsumerFunctionDlqUrl: consumerFunctionDlq.queueUrl,
      AsyncFunctionName: alwaysFails.function.functionName,
      AsyncLogGroupName: alwaysFails.logGroup.logGroupName,
      AsyncFailureDestinationUrl: asyncFailures.queueUrl,
      AsyncFunctionDlqUrl: asyncDlq.queueUrl,
    });

    // cdk-nag recognizes function dead-letter queues (DeadLetterConfig) but not on-failure destinations.
    Validations.of(asyncFailures).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself where failed asynchronous events end (the on-failure destination); a dead-letter queue behind it would only hide the records the lab reads.',
    });
  }
}

/** A queue where failed events end: SSE-SQS, TLS only, no dead-letter queue of its own. */
function terminalQueue(scope: Construct, id: string): sqs.Queue {
  return new sqs.Queue(scope, id, {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
}
