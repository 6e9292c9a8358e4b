import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/** Properties of {@link addHandlerFunction}: a Lambda function's own settings, less what the helper decides. */
export interface HandlerFunctionProps extends Omit<lambda.FunctionProps, 'runtime' | 'architecture' | 'handler' | 'code' | 'role' | 'logGroup' | 'logRetention'> {
  /** A folder whose `index.js` exports `handler` (plain CommonJS, no dependencies: the asset needs no bundling). */
  readonly codeDirectory: string;
  /** What the role is for, in one line. */
  readonly roleDescription: string;
  /** Statements of the role besides writing its own log group. @default none */
  readonly statements?: readonly iam.PolicyStatement[];
  /** How long its log group keeps logs. @default logs.RetentionDays.ONE_WEEK */
  readonly logGroupRetention?: logs.RetentionDays;
}

/** What {@link addHandlerFunction} creates. */
export interface HandlerFunction {
  readonly function: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
}

/**
 * The Lambda function behind each messaging construct, defined once:
 *
 * - **an explicit log group, deleted with the stack.** Without one, Lambda creates
 *   `/aws/lambda/<name>` itself on the first invocation; CloudFormation never owns it, so it
 *   outlives the stack and keeps its logs (and their storage bill) forever.
 * - **a role of its own with inline rights only**: writing to that log group, plus what the caller
 *   adds (`statements`) and what the CDK grants for the event source mapping, dead-letter queue or
 *   destination. The managed `AWSLambdaBasicExecutionRole` would allow writing to every log group
 *   in the account.
 * - **Node.js 24 on arm64, pinned**: the handlers are plain CommonJS written for that runtime, and
 *   Graviton costs less per GB-second than x86_64. Pinned, not "latest", so a new aws-cdk-lib never
 *   changes the runtime (and the template) by itself.
 *
 * Creates `LogGroup`, `Role` and `Function` directly in `scope`, so the construct that calls it
 * keeps those ids (and its resources their logical ids).
 *
 * @see https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-loggroups.html
 * @see https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html
 * @see https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
 */
export function addHandlerFunction(scope: Construct, props: HandlerFunctionProps): HandlerFunction {
  const { codeDirectory, roleDescription, statements = [], logGroupRetention, ...functionProps } = props;
  const logGroup = new logs.LogGroup(scope, 'LogGroup', {
    retention: logGroupRetention ?? logs.RetentionDays.ONE_WEEK,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const role = new iam.Role(scope, 'Role', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: roleDescription,
  });
  for (const statement of statements) role.addToPolicy(statement);
  logGroup.grantWrite(role);
  const fn = new lambda.Function(scope, 'Function', {
    ...functionProps,
    runtime: lambda.Runtime.NODEJS_24_X,
    architecture: lambda.Architecture.ARM_64,
    handler: 'index.handler',
    code: lambda.Code.fromAsset(codeDirectory),
    role,
    logGroup,
  });
  return { function: fn, role, logGroup };
}
