import { Annotations, Aws, Duration, Fn, Names, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** The SQS limits of a redrive policy's `maxReceiveCount`. */
export const MAX_RECEIVE_COUNT_RANGE = { min: 1, max: 1000 } as const;

/** SQS keeps a message at most 14 days, at least 60 seconds. */
const RETENTION_RANGE = { min: Duration.seconds(60), max: Duration.days(14) } as const;

/** A visibility timeout is 0 seconds to 12 hours. */
const VISIBILITY_MAX = Duration.hours(12);

/** The default retention of an SQS queue (4 days), when the CloudFormation property is absent. */
const SQS_DEFAULT_RETENTION = Duration.days(4);

/** Lambda invokes without a configured timeout for 3 seconds. */
const LAMBDA_DEFAULT_TIMEOUT = Duration.seconds(3);

/** Properties of {@link QueueWithDeadLetterQueue}. */
export interface QueueWithDeadLetterQueueProps {
  /**
   * Whether the source queue is a FIFO queue. A created dead-letter queue is of the same type:
   * SQS requires a FIFO queue's dead-letter queue to be FIFO, and a standard queue's to be standard.
   * @default false
   */
  readonly fifo?: boolean;

  /**
   * How many times a message may be *received* before SQS moves it to the dead-letter queue.
   *
   * It counts receives, not retries: every receive increments the message's
   * `ApproximateReceiveCount`, and a message whose next receive would exceed `maxReceiveCount` is
   * moved instead of delivered. So 3 means three processing attempts (the first try and two
   * re-receives after the visibility timeout), not "three retries".
   *
   * Keep it above 1 for a Lambda consumer: a batch that is throttled or fails for a passing reason
   * also uses up receives, and `maxReceiveCount: 1` dead-letters a good message on its first hiccup.
   *
   * @default 5
   * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
   */
  readonly maxReceiveCount?: number;

  /**
   * How long a received message stays hidden from other receives. A message that its consumer
   * neither deletes nor reports as processed reappears after this, which is when SQS (through the
   * consumer) tries it again: a poison message reaches the dead-letter queue about
   * `maxReceiveCount × visibilityTimeout` after it was sent.
   * @default Duration.seconds(30)
   * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html
   */
  readonly visibilityTimeout?: Duration;

  /**
   * How long the source queue keeps a message.
   * @default Duration.days(4) (the SQS default)
   */
  readonly retentionPeriod?: Duration;

  /**
   * How long the created dead-letter queue keeps a message. For a standard queue, a message keeps
   * its original enqueue timestamp when it moves, so it leaves the dead-letter queue when the time
   * it spent in *both* queues reaches this retention: it must be at least the source's (a shorter
   * one is refused) and should be longer. FIFO queues reset the timestamp on the move.
   * @default Duration.days(14) (the most SQS allows)
   * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/setting-up-dead-letter-queue-retention.html
   */
  readonly deadLetterQueueRetentionPeriod?: Duration;

  /**
   * A dead-letter queue of your own (for example one shared by several queues) instead of a new one.
   * It must be of the same type as the source. Its retention is checked when it is an `sqs.Queue`
   * of this app; its redrive-allow policy is its owner's business (this construct cannot change it).
   * @default a new queue of the same type, SSE-SQS, SSL only, retention `deadLetterQueueRetentionPeriod`,
   * redrive-allow policy `byQueue` with this source queue only
   */
  readonly deadLetterQueue?: sqs.IQueue;
}

/** Options of {@link QueueWithDeadLetterQueue.attachConsumer}. */
export interface AttachConsumerOptions {
  /**
   * The most messages Lambda passes to one invocation (1 to 10 for FIFO, up to 10,000 for standard).
   * @default 10
   */
  readonly batchSize?: number;
  /**
   * How long Lambda gathers messages before it invokes. It adds to the time a message is in flight,
   * so it counts against the visibility timeout.
   * @default no batching window
   */
  readonly maxBatchingWindow?: Duration;
}

/**
 * An SQS queue with its dead-letter queue, defined as a careful engineer would: the worked answer
 * to "what is a dead-letter queue for, and how do you set one up?".
 *
 * - **Redrive policy** on the source: after `maxReceiveCount` receives without a delete, SQS moves
 *   the message to the dead-letter queue. Nothing retries it there: a dead-letter queue is an
 *   ordinary queue that isolates poison messages so the rest of the source keeps flowing.
 * - **Same type**: FIFO with FIFO, standard with standard (SQS refuses a mix; so does this construct).
 * - **Retention**: the dead-letter queue keeps messages longer than the source (14 days by default),
 *   because a standard queue's message keeps its original enqueue timestamp when it moves.
 * - **Redrive-allow policy** on the dead-letter queue: only this source may use it (`byQueue`). The
 *   source queue gets an explicit, generated name so the dead-letter queue can name it without a
 *   circular reference. The name ends in the stack's own id, so a stack destroyed and created again
 *   (even within a minute, when SQS still refuses a deleted queue's name) names its queue afresh;
 *   like any named resource, a change that replaces it within one stack needs a new name.
 * - **Alarm** when the dead-letter queue holds a message: without one, nobody notices poison
 *   messages until they expire.
 * - **Consumers**: {@link attachConsumer} attaches a Lambda function with partial batch responses
 *   and refuses a visibility timeout shorter than the function's timeout.
 *
 * Both queues use SSE-SQS encryption and refuse requests without TLS.
 *
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-configure-dead-letter-queue-redrive.html
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/dead-letter-queues-alarms-cloudwatch.html
 */
export class QueueWithDeadLetterQueue extends Construct {
  /** The queue producers send to and consumers read from. */
  public readonly queue: sqs.Queue;
  /** Where SQS moves messages received `maxReceiveCount` times without being deleted. */
  public readonly deadLetterQueue: sqs.IQueue;
  /** Receives allowed before a message moves to the dead-letter queue. */
  public readonly maxReceiveCount: number;
  /** The source queue's visibility timeout. */
  public readonly visibilityTimeout: Duration;
  /** In ALARM while the dead-letter queue holds at least one visible message. Add your actions to it. */
  public readonly notEmptyAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: QueueWithDeadLetterQueueProps = {}) {
    super(scope, id);
    const fifo = props.fifo ?? false;
    const maxReceiveCount = props.maxReceiveCount ?? 5;
    const visibilityTimeout = props.visibilityTimeout ?? Duration.seconds(30);
    const retentionPeriod = props.retentionPeriod ?? SQS_DEFAULT_RETENTION;
    const deadLetterRetention = props.deadLetterQueue
      ? retentionOfQueue(props.deadLetterQueue)
      : props.deadLetterQueueRetentionPeriod ?? RETENTION_RANGE.max;

    const problems = validate({ ...props, fifo, maxReceiveCount, visibilityTimeout, retentionPeriod, deadLetterRetention });
    if (problems.length > 0) throw new Error(problems.join('\n'));

    if (!fifo && deadLetterRetention && sameDuration(deadLetterRetention, retentionPeriod) && !sameDuration(retentionPeriod, RETENTION_RANGE.max)) {
      Annotations.of(this).addWarningV2(
        'labs:dlq-retention-equal',
        `the dead-letter queue keeps messages as long as the source (${retentionPeriod.toHumanString()}): a message that spent time in the source expires that much sooner from the dead-letter queue; make it longer`,
      );
    }
    if (props.deadLetterQueue && !deadLetterRetention) {
      Annotations.of(this).addWarningV2(
        'labs:dlq-retention-unknown',
        'the retention of the dead-letter queue given cannot be read here: make sure it is longer than the source queue\'s',
      );
    }

    this.maxReceiveCount = maxReceiveCount;
    this.visibilityTimeout = visibilityTimeout;

    // The source needs a name the dead-letter queue's redrive-allow policy can refer to without a
    // reference to the source resource (the source refers to the dead-letter queue: a cycle otherwise).
    const queueName = sourceQueueName(this, fifo);
    const queueArn = Stack.of(this).formatArn({ service: 'sqs', resource: queueName });

    this.deadLetterQueue =
      props.deadLetterQueue ??
      new sqs.Queue(this, 'DeadLetterQueue', {
        fifo: fifo || undefined,
        retentionPeriod: deadLetterRetention,
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        redriveAllowPolicy: {
          redrivePermission: sqs.RedrivePermission.BY_QUEUE,
          sourceQueues: [sqs.Queue.fromQueueArn(this, 'SourceQueueRef', queueArn)],
        },
      });

    this.queue = new sqs.Queue(this, 'Queue', {
      queueName,
      fifo: fifo || undefined,
      visibilityTimeout,
      retentionPeriod,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount },
    });

    this.notEmptyAlarm = new cloudwatch.Alarm(this, 'DeadLetterQueueNotEmpty', {
      alarmDescription: `Messages are waiting in the dead-letter queue of ${this.node.path}: inspect them, fix the cause, then redrive them`,
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: cloudwatch.Stats.MAXIMUM }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }

  /**
   * Attaches a Lambda function as the queue's consumer, through an event source mapping that
   * reports failures per message (`ReportBatchItemFailures`): the function returns the ids of the
   * messages it could not process, Lambda deletes the others, and only the failed ones come back
   * after the visibility timeout. Without it, one poison message fails its whole batch, and the
   * good messages in that batch are received again with it (and may reach the dead-letter queue).
   * A FIFO consumer must stop at its first failure and report the rest of the batch as failed.
   *
   * @throws when the visibility timeout is shorter than the function's timeout (Lambda refuses to
   * create the mapping); warns when it is under six times the timeout plus the batching window,
   * the margin the Lambda guide advises so a throttled batch is not received again too early.
   * @see https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html
   * @see https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html
   */
  public attachConsumer(fn: lambda.Function, options: AttachConsumerOptions = {}): SqsEventSource {
    const timeout = fn.timeout ?? LAMBDA_DEFAULT_TIMEOUT;
    const visibility = this.visibilityTimeout.toSeconds();
    if (visibility < timeout.toSeconds()) {
      throw new Error(
        `visibilityTimeout: received ${this.visibilityTimeout.toHumanString()}; allowed: at least the consumer's timeout (${timeout.toHumanString()}), or Lambda refuses the event source mapping`,
      );
    }
    const advised = 6 * timeout.toSeconds() + (options.maxBatchingWindow?.toSeconds() ?? 0);
    if (visibility < advised) {
      Annotations.of(this).addWarningV2(
        'labs:visibility-under-six-timeouts',
        `visibilityTimeout is ${visibility} seconds, under 6 × the consumer's timeout + batching window (${advised} seconds): a throttled batch may be received again, using up receives`,
      );
    }
    const source = new SqsEventSource(this.queue, {
      batchSize: options.batchSize ?? 10,
      maxBatchingWindow: options.maxBatchingWindow,
      reportBatchItemFailures: true,
    });
    fn.addEventSource(source);
    return source;
  }
}

/**
 * The source queue's name: the construct path, then the id of the stack's current incarnation
 * (the UUID that ends `AWS::StackId`), then `.fifo` for a FIFO queue; 80 characters at most.
 *
 * A name fixed at synth time would break a destroy followed by a deploy within a minute:
 * "If you delete a queue, you must wait at least 60 seconds before creating a queue with the same
 * name" ("CreateQueue", Amazon SQS API Reference,
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html;
 * the error is `QueueDeletedRecently`). A stack created again gets a new stack id
 * (`arn:aws:cloudformation:<region>:<account>:stack/<name>/<uuid>`: "Pseudo parameters reference",
 * AWS CloudFormation User Guide, https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html),
 * so every new stack names its queue afresh, while updates of the same stack keep the name.
 */
function sourceQueueName(scope: Construct, fifo: boolean): string {
  const stackUuid = Fn.select(2, Fn.split('/', Aws.STACK_ID));
  // 36 characters of UUID and a hyphen; `.fifo` takes 5 more.
  const prefix = Names.uniqueResourceName(scope, { maxLength: fifo ? 38 : 43 });
  // A string with a token in it (not Fn.join), so that the CDK's check that a FIFO name ends in `.fifo` can read the end.
  return `${prefix}-${stackUuid}${fifo ? '.fifo' : ''}`;
}

interface Resolved extends QueueWithDeadLetterQueueProps {
  readonly fifo: boolean;
  readonly maxReceiveCount: number;
  readonly visibilityTimeout: Duration;
  readonly retentionPeriod: Duration;
  readonly deadLetterRetention?: Duration;
}

/** Every problem with the props, each as `prop: received X; allowed: Y`. */
function validate(p: Resolved): string[] {
  const problems: string[] = [];
  const { min, max } = MAX_RECEIVE_COUNT_RANGE;
  if (!Token.isUnresolved(p.maxReceiveCount) && !(Number.isInteger(p.maxReceiveCount) && p.maxReceiveCount >= min && p.maxReceiveCount <= max)) {
    problems.push(`maxReceiveCount: received ${p.maxReceiveCount}; allowed: an integer from ${min} to ${max}`);
  }
  if (p.visibilityTimeout.toSeconds() > VISIBILITY_MAX.toSeconds()) {
    problems.push(`visibilityTimeout: received ${p.visibilityTimeout.toHumanString()}; allowed: 0 seconds to 12 hours`);
  }
  if (!inRetentionRange(p.retentionPeriod)) {
    problems.push(`retentionPeriod: received ${p.retentionPeriod.toHumanString()}; allowed: 60 seconds to 14 days`);
  }
  if (p.deadLetterQueue && p.deadLetterQueueRetentionPeriod) {
    problems.push(
      `deadLetterQueueRetentionPeriod: received ${p.deadLetterQueueRetentionPeriod.toHumanString()}; allowed: only when this construct creates the dead-letter queue (omit deadLetterQueue, or set the retention on your queue)`,
    );
  } else if (p.deadLetterRetention && !inRetentionRange(p.deadLetterRetention)) {
    problems.push(`deadLetterQueueRetentionPeriod: received ${p.deadLetterRetention.toHumanString()}; allowed: 60 seconds to 14 days`);
  } else if (!p.fifo && p.deadLetterRetention && p.deadLetterRetention.toSeconds() < p.retentionPeriod.toSeconds()) {
    problems.push(
      `deadLetterQueueRetentionPeriod: received ${p.deadLetterRetention.toHumanString()}; allowed: at least the source queue's retentionPeriod (${p.retentionPeriod.toHumanString()}), ` +
        'because a standard queue\'s message keeps its original enqueue timestamp in the dead-letter queue and would expire early',
    );
  }
  if (p.deadLetterQueue && p.deadLetterQueue.fifo !== p.fifo) {
    const kind = (fifo: boolean) => (fifo ? 'a FIFO queue' : 'a standard queue');
    problems.push(
      `deadLetterQueue: received ${kind(p.deadLetterQueue.fifo)} for ${kind(p.fifo)}; allowed: a queue of the source's type (FIFO with FIFO, standard with standard)`,
    );
  }
  return problems;
}

function inRetentionRange(d: Duration): boolean {
  return d.toSeconds() >= RETENTION_RANGE.min.toSeconds() && d.toSeconds() <= RETENTION_RANGE.max.toSeconds();
}

function sameDuration(a: Duration, b: Duration): boolean {
  return a.toSeconds() === b.toSeconds();
}

/**
 * The retention of a queue defined in this app (its CloudFormation property, or the SQS default of
 * 4 days when absent); undefined for an imported queue, whose settings the template cannot see.
 */
function retentionOfQueue(queue: sqs.IQueue): Duration | undefined {
  if (!(queue instanceof sqs.Queue)) return undefined;
  const cfn = queue.node.defaultChild as sqs.CfnQueue;
  const seconds = cfn.messageRetentionPeriod;
  if (seconds === undefined) return SQS_DEFAULT_RETENTION;
  return Token.isUnresolved(seconds) ? undefined : Duration.seconds(seconds);
}

