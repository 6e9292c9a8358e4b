import * as path from 'node:path';
import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { addHandlerFunction } from './handler-function';

/** The limits Lambda puts on asynchronous invocation settings. */
export const ASYNC_LIMITS = {
  retryAttempts: { min: 0, max: 2 },
  maxEventAge: { min: Duration.seconds(60), max: Duration.hours(6) },
} as const;

/** Properties of {@link AlwaysFailingAsyncFunction}. */
export interface AlwaysFailingAsyncFunctionProps {
  /**
   * Where Lambda sends a record of an event that failed every attempt (or grew older than
   * `maxEventAge`): the request, the condition (`RetriesExhausted` or `EventAgeExceeded`), the
   * number of attempts and the error. Prefer it to a dead-letter queue, which gets the event only.
   * It must be a standard queue.
   * @see https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
   */
  readonly onFailure: sqs.IQueue;

  /**
   * A dead-letter queue as well: it receives the event alone, without the error.
   * @default none
   */
  readonly deadLetterQueue?: sqs.IQueue;

  /**
   * How many times Lambda retries a failed asynchronous invocation: 0 to 2. With the default, an
   * event is tried three times, about 1 minute and then about 2 minutes apart.
   * @default 2
   * @see https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
   */
  readonly retryAttempts?: number;

  /**
   * How long Lambda keeps an event in its asynchronous queue (60 seconds to 6 hours). Set it below
   * about 3 minutes and the last retry may never run: the event is sent on as `EventAgeExceeded`.
   * @default Duration.hours(6)
   */
  readonly maxEventAge?: Duration;

  /**
   * @default Duration.seconds(3)
   */
  readonly timeout?: Duration;

  /**
   * @default logs.RetentionDays.ONE_WEEK
   */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * A function invoked asynchronously that always fails, with its failure handling set explicitly:
 * retries, maximum event age, an on-failure destination and (optionally) a dead-letter queue.
 * It is the worked answer to "what happens when an asynchronously invoked Lambda function fails?":
 * Lambda, not the caller, retries it (the caller got `202 Accepted` long ago), then hands the event
 * to the destination or dead-letter queue. Without either, the event is discarded.
 *
 * Its handler (`always-failing-async-function-handler/index.js`) logs one `LABEVENT {json}` line
 * per attempt and throws, so the lab can count the attempts and time the retries.
 *
 * The role has inline rights only: writing to its log group, and sending to the destination and
 * dead-letter queue (added by the CDK when they are set).
 *
 * @see https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html
 * @see https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
 * @see https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
 */
export class AlwaysFailingAsyncFunction extends Construct {
  /** Prefix of the structured log lines its handler writes, one per attempt. */
  public static readonly LOG_PREFIX = 'LABEVENT';

  public readonly function: lambda.Function;
  public readonly logGroup: logs.LogGroup;
  public readonly role: iam.Role;
  public readonly retryAttempts: number;

  constructor(scope: Construct, id: string, props: AlwaysFailingAsyncFunctionProps) {
    super(scope, id);
    const retryAttempts = props.retryAttempts ?? 2;
    const maxEventAge = props.maxEventAge ?? ASYNC_LIMITS.maxEventAge.max;
    const timeout = props.timeout ?? Duration.seconds(3);
    const problems: string[] = [];
    const r = ASYNC_LIMITS.retryAttempts;
    if (!Number.isInteger(retryAttempts) || retryAttempts < r.min || retryAttempts > r.max) {
      problems.push(`retryAttempts: received ${retryAttempts}; allowed: 0, 1 or 2`);
    }
    const age = ASYNC_LIMITS.maxEventAge;
    if (maxEventAge.toSeconds() < age.min.toSeconds() || maxEventAge.toSeconds() > age.max.toSeconds()) {
      problems.push(`maxEventAge: received ${maxEventAge.toHumanString()}; allowed: 60 seconds to 6 hours`);
    }
    if (timeout.toSeconds() < 1 || timeout.toSeconds() > 900) {
      problems.push(`timeout: received ${timeout.toHumanString()}; allowed: 1 second to 15 minutes`);
    }
    if (props.onFailure.fifo) {
      problems.push('onFailure: received a FIFO queue; allowed: a standard queue (Lambda cannot deliver records to FIFO queues)');
    }
    if (props.deadLetterQueue?.fifo) {
      problems.push('deadLetterQueue: received a FIFO queue; allowed: a standard queue');
    }
    if (problems.length > 0) throw new Error(problems.join('\n'));
    this.retryAttempts = retryAttempts;

    ({ function: this.function, role: this.role, logGroup: this.logGroup } = addHandlerFunction(this, {
      codeDirectory: path.join(__dirname, 'always-failing-async-function-handler'),
      roleDescription: 'Writes its own log group and sends failed events to its destination and dead-letter queue',
      logGroupRetention: props.logRetention,
      memorySize: 128,
      timeout,
      loggingFormat: lambda.LoggingFormat.TEXT,
      description: 'Always fails, to show Lambda retrying an asynchronous invocation',
      retryAttempts,
      maxEventAge,
      onFailure: new SqsDestination(props.onFailure),
      deadLetterQueue: props.deadLetterQueue,
    }));
  }
}
