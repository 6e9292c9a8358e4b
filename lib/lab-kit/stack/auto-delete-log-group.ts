import { CfnResource, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/** The id under which aws-cdk-lib adds the one auto-delete-objects provider of a stack. */
export const AUTO_DELETE_PROVIDER_ID = 'Custom::S3AutoDeleteObjectsCustomResourceProvider';

/**
 * Gives the function behind `autoDeleteObjects` (one per stack, created by aws-cdk-lib's
 * CustomResourceProvider, which offers no log group setting) a log group of the stack, deleted with
 * it. Without one, Lambda creates `/aws/lambda/<name>` on the handler's first run, when the stack is
 * being deleted, and that log group outlives the lab.
 *
 * The handler's `LoggingConfig.LogGroup` refers to the log group, so CloudFormation deletes the log
 * group only after the handler, which runs (emptying the buckets) before it is deleted.
 *
 * Call it after the stack's buckets are defined. Returns the log group, or undefined when no bucket
 * of the stack empties itself.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-lambda-function-loggingconfig.html
 */
export function logAutoDeleteHandler(scope: Construct): logs.LogGroup | undefined {
  const stack = Stack.of(scope);
  const provider = stack.node.tryFindChild(AUTO_DELETE_PROVIDER_ID);
  const handler = provider?.node.tryFindChild('Handler');
  if (!(handler instanceof CfnResource)) return undefined;
  const logGroup = new logs.LogGroup(stack, 'AutoDeleteObjectsLogGroup', { retention: logs.RetentionDays.ONE_WEEK, removalPolicy: RemovalPolicy.DESTROY });
  handler.addPropertyOverride('LoggingConfig', { LogGroup: logGroup.logGroupName });
  return logGroup;
}
