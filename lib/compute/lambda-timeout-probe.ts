import * as path from 'node:path';
import type { Duration } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { addLambdaProbeFunction } from './lambda-probe-function';

/**
 * The timeout a default (not Managed Instances) Lambda function accepts: 1 to 900 seconds ("Configure
 * Lambda function timeout", https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html).
 */
export const LAMBDA_TIMEOUT_LIMITS = { minSeconds: 1, maxSeconds: 900 } as const;

/** Properties of {@link TimeoutProbeFunction}. */
export interface TimeoutProbeFunctionProps {
  /** The function's timeout: 1 to 900 seconds. Short, so an invocation that runs past it costs little. */
  readonly timeout: Duration;
}

/**
 * A function that waits as long as it is told: the worked answer to "can a Lambda function run
 * forever?". Told to wait past its timeout, it never returns: Lambda stops the invocation at the
 * timeout and reports an unhandled function error; the REPORT line's Duration is the timeout and the
 * caller pays for it. The timeout itself is capped at 900 seconds for a default function, and
 * CloudFormation, the console and the API all refuse more (Lambda Managed Instances allow 5,400 s for
 * asynchronous and most event-source invocations, never for synchronous calls).
 *
 * @see https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html
 * @see https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
 */
export class TimeoutProbeFunction extends Construct {
  public readonly function: lambda.Function;
  public readonly role: iam.Role;
  public readonly logGroup: logs.LogGroup;
  public readonly timeoutSeconds: number;

  constructor(scope: Construct, id: string, props: TimeoutProbeFunctionProps) {
    super(scope, id);
    const seconds = props.timeout.toSeconds();
    const l = LAMBDA_TIMEOUT_LIMITS;
    if (!Number.isInteger(seconds) || seconds < l.minSeconds || seconds > l.maxSeconds) {
      throw new Error(`timeout: received ${props.timeout.toHumanString()}; allowed: ${l.minSeconds} to ${l.maxSeconds} seconds, whole seconds`);
    }
    this.timeoutSeconds = seconds;
    ({ function: this.function, role: this.role, logGroup: this.logGroup } = addLambdaProbeFunction(this, {
      code: { nodejsDirectory: path.join(__dirname, 'lambda-timeout-probe-handler') },
      roleDescription: 'Writes its own log group; waits, nothing else',
      description: 'Waits as long as it is told, to show Lambda stopping an invocation at its timeout',
      memorySize: 128,
      timeout: props.timeout,
    }));
  }
}
