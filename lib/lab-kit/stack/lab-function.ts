import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/** Properties of {@link addLabFunction}: a Lambda function's own settings, less what the kit decides. */
export interface LabFunctionProps extends Omit<lambda.FunctionProps, 'runtime' | 'architecture' | 'handler' | 'code' | 'role' | 'logGroup' | 'logRetention'> {
  /** A folder whose `index.js` exports `handler` (plain CommonJS: the runtime ships the AWS SDK v3). */
  readonly codeDirectory: string;
  /** What the role is for, in one line. */
  readonly roleDescription: string;
  /** Statements of the role besides writing its own log group. @default none */
  readonly statements?: readonly iam.PolicyStatement[];
  /** How long its log group keeps logs. @default one week */
  readonly logGroupRetention?: logs.RetentionDays;
}

/** What {@link addLabFunction} creates. */
export interface LabFunction {
  readonly function: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
}

/**
 * A lab's Lambda function as every lab defines one: Node.js 24 on arm64, an explicit log group
 * deleted with the stack (without it Lambda creates one that outlives the lab), and a role of its
 * own with inline rights only (the managed AWSLambdaBasicExecutionRole would grant logs on every
 * log group in the account).
 *
 * Creates `LogGroup`, `Role` and `Function` directly in `scope`, so the construct that calls it
 * keeps those ids (and its resources their logical ids).
 *
 * @see https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-loggroups.html
 */
export function addLabFunction(scope: Construct, props: LabFunctionProps): LabFunction {
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
