import type { Stack } from '@aws-sdk/client-cloudformation';
import type { AwsClientConfig } from '../core/aws-config';
import { UserError } from '../core/errors';
import { describeFailure } from '../operations/stack-failure';

/** Stack states in which a lab's resources are all there and its outputs can be trusted. */
const READY = new Set(['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE']);

/** A deployed lab stack: its status and outputs. */
export interface DeployedStack {
  readonly stackName: string;
  readonly stackId: string;
  readonly status: string;
  readonly createdAt?: Date;
  readonly lastUpdatedAt?: Date;
  readonly outputs: Record<string, string>;
  readonly tags: Record<string, string>;
  /**
   * The CloudFormation service role CloudFormation uses for every operation on the stack
   * (DescribeStacks `RoleARN`), undefined when it acts with the caller's own credentials.
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Stack.html
   */
  readonly roleArn?: string;
}

function isMissingStack(error: unknown): boolean {
  const e = error as { name?: string; message?: string };
  return e?.name === 'ValidationError' && /does not exist/.test(e.message ?? '');
}

/** The stack as DescribeStacks returns it, or undefined when there is none. */
export async function describeLabStack(aws: AwsClientConfig, stackName: string): Promise<DeployedStack | undefined> {
  const { CloudFormationClient, DescribeStacksCommand } = await import('@aws-sdk/client-cloudformation');
  const cfn = new CloudFormationClient(aws);
  let stack: Stack | undefined;
  try {
    stack = (await cfn.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0];
  } catch (error) {
    if (isMissingStack(error)) return undefined;
    throw error;
  }
  if (!stack) return undefined;
  return {
    stackName: stack.StackName ?? stackName,
    stackId: stack.StackId ?? '',
    status: stack.StackStatus ?? 'UNKNOWN',
    createdAt: stack.CreationTime,
    lastUpdatedAt: stack.LastUpdatedTime,
    outputs: Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? ''])),
    tags: Object.fromEntries((stack.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])),
    roleArn: stack.RoleARN,
  };
}

/**
 * The outputs of a deployed lab: the contract between its stack and its live checks.
 *
 * @throws UserError when the lab is not deployed (with the deploy command), or is not in a
 * state where its outputs can be trusted (with the state and what to do)
 */
export async function readStackOutputs(aws: AwsClientConfig, labId: string): Promise<Record<string, string>> {
  const stack = await describeLabStack(aws, labId);
  if (!stack || stack.status === 'DELETE_COMPLETE') {
    throw new UserError(
      `lab ${labId} is not deployed in ${aws.region ?? 'this region'}: deploy it first with \`npx labs deploy ${labId}\` (or \`npx cdk deploy ${labId}\`)`,
    );
  }
  if (!READY.has(stack.status)) {
    if (stack.status.endsWith('_IN_PROGRESS')) {
      throw new UserError(`lab ${labId} is in state ${stack.status}; checks need CREATE_COMPLETE or UPDATE_COMPLETE. Wait for the operation to finish and try again.`);
    }
    const failure = await describeFailure(aws, labId).catch(() => undefined);
    const cause = failure ? ` ${failure.logicalId} (${failure.type}) ${failure.status}: ${failure.reason}.` : '';
    throw new UserError(
      `lab ${labId} is in state ${stack.status}; checks need CREATE_COMPLETE or UPDATE_COMPLETE.${cause} ` +
        `Destroy it (\`npx cdk destroy ${labId}\`) and deploy it again; the events: \`aws cloudformation describe-stack-events --stack-name ${labId}\``,
    );
  }
  return stack.outputs;
}
