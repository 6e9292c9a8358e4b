import * as path from 'node:path';
import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { addHandlerFunction } from './handler-function';

/** Properties of {@link PartialBatchConsumer}. */
export interface PartialBatchConsumerProps {
  /**
   * How long one invocation may run. The queue's visibility timeout must be at least this (Lambda
   * refuses the event source mapping otherwise) and should be six times it.
   * @default Duration.seconds(3)
   */
  readonly timeout?: Duration;

  /**
   * The function's own dead-letter queue. It receives **asynchronous** invocations that failed all
   * their attempts, and nothing else: Lambda invokes an SQS consumer synchronously, so a message
   * that keeps failing goes back to its queue and ends in the *queue's* dead-letter queue, never
   * here. The lab sets one to show exactly that.
   * @default no dead-letter queue
   * @see https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
   */
  readonly deadLetterQueue?: sqs.IQueue;

  /**
   * Retries of a failed **asynchronous** invocation (0 to 2). SQS invocations ignore it.
   * @default 2
   * @see https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
   */
  readonly retryAttempts?: number;

  /**
   * How long the function's logs are kept.
   * @default logs.RetentionDays.ONE_WEEK
   */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * A Lambda consumer for an SQS queue that reports failures message by message (partial batch
 * responses): it processes each message on its own and returns the ids of those it could not
 * process, so one poison message does not fail the good messages of its batch. Attach it with
 * `QueueWithDeadLetterQueue.attachConsumer`, which turns `ReportBatchItemFailures` on.
 *
 * Its handler (`partial-batch-consumer-handler/index.js`) treats a message whose body says
 * `"poison": true` (or is not a JSON object) as one it cannot process, and logs one
 * `LABEVENT {json}` line per message received, with the message's receive count.
 *
 * The function has its own log group (deleted with the stack) and a role with inline rights only:
 * writing to that log group; the event source mapping and the dead-letter queue add their own.
 *
 * @see https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html
 * @see https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html
 */
export class PartialBatchConsumer extends Construct {
  /** Prefix of the structured log lines its handler writes, one per message received. */
  public static readonly LOG_PREFIX = 'LABEVENT';

  public readonly function: lambda.Function;
  public readonly logGroup: logs.LogGroup;
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: PartialBatchConsumerProps = {}) {
    super(scope, id);
    const timeout = props.timeout ?? Duration.seconds(3);
    const retryAttempts = props.retryAttempts ?? 2;
    const problems: string[] = [];
    if (timeout.toSeconds() < 1 || timeout.toSeconds() > 900) {
      problems.push(`timeout: received ${timeout.toHumanString()}; allowed: 1 second to 15 minutes`);
    }
    if (!Number.isInteger(retryAttempts) || retryAttempts < 0 || retryAttempts > 2) {
      problems.push(`retryAttempts: received ${retryAttempts}; allowed: 0, 1 or 2`);
    }
    if (problems.length > 0) throw new Error(problems.join('\n'));

    ({ function: this.function, role: this.role, logGroup: this.logGroup } = addHandlerFunction(this, {
      codeDirectory: path.join(__dirname, 'partial-batch-consumer-handler'),
      roleDescription: 'Consumes its SQS queue and writes its own log group',
      logGroupRetention: props.logRetention,
      memorySize: 128,
      timeout,
      loggingFormat: lambda.LoggingFormat.TEXT,
      description: 'Processes SQS messages one by one and reports the failed ones (partial batch responses)',
      deadLetterQueue: props.deadLetterQueue,
      retryAttempts,
    }));
  }
}
