import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/** The runtimes the Lambda probes are written for, pinned (never "latest", so a new aws-cdk-lib cannot change them). */
export const PROBE_RUNTIMES = {
  nodejs: lambda.Runtime.NODEJS_24_X,
  python: lambda.Runtime.PYTHON_3_13,
} as const;

/** Properties of {@link addLambdaProbeFunction}: a function's own settings, less what the helper decides. */
export interface LambdaProbeFunctionProps extends Omit<lambda.FunctionProps, 'runtime' | 'architecture' | 'handler' | 'code' | 'role' | 'logGroup' | 'logRetention'> {
  /**
   * The code: a folder whose `index.js` exports `handler` (Node.js, plain CommonJS, no dependencies,
   * so the asset needs no bundling), or inline Python source whose `handler` function is the entry point.
   */
  readonly code: { readonly nodejsDirectory: string } | { readonly pythonInline: string };
  /** What the role is for, in one line. */
  readonly roleDescription: string;
  /** Statements of the role besides writing its own log group. @default none */
  readonly statements?: readonly iam.PolicyStatement[];
}

/** What {@link addLambdaProbeFunction} creates. */
export interface LambdaProbeFunction {
  readonly function: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
}

/**
 * The Lambda function behind each compute probe, defined once:
 *
 * - **an explicit log group, deleted with the stack**: without it Lambda creates `/aws/lambda/<name>`
 *   on the first invocation, which CloudFormation never owns and which outlives the stack.
 * - **a role of its own with inline rights only** (writing that log group, plus `statements`): the
 *   managed `AWSLambdaBasicExecutionRole` would allow every log group in the account.
 * - **a pinned runtime on arm64**: Node.js 24 for a code folder, Python 3.13 for inline code.
 *
 * Creates `LogGroup`, `Role` and `Function` directly in `scope`, so the calling construct keeps those ids.
 *
 * @see https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-loggroups.html
 * @see https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
 */
export function addLambdaProbeFunction(scope: Construct, props: LambdaProbeFunctionProps): LambdaProbeFunction {
  const { code, roleDescription, statements = [], ...functionProps } = props;
  const logGroup = new logs.LogGroup(scope, 'LogGroup', { retention: logs.RetentionDays.ONE_WEEK, removalPolicy: RemovalPolicy.DESTROY });
  const role = new iam.Role(scope, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), description: roleDescription });
  for (const statement of statements) role.addToPolicy(statement);
  logGroup.grantWrite(role);
  const python = 'pythonInline' in code;
  const fn = new lambda.Function(scope, 'Function', {
    ...functionProps,
    runtime: python ? PROBE_RUNTIMES.python : PROBE_RUNTIMES.nodejs,
    architecture: lambda.Architecture.ARM_64,
    handler: 'index.handler',
    code: python ? lambda.Code.fromInline(code.pythonInline) : lambda.Code.fromAsset(code.nodejsDirectory),
    role,
    logGroup,
    loggingFormat: lambda.LoggingFormat.TEXT,
  });
  return { function: fn, role, logGroup };
}
