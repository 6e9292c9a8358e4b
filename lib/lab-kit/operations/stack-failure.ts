import type { StackEvent } from '@aws-sdk/client-cloudformation';
import type { AwsClientConfig } from '../core/aws-config';

/** A resource that failed, and why, as the stack events tell it. */
export interface ResourceFailure {
  readonly logicalId: string;
  readonly type: string;
  readonly status: string;
  readonly reason: string;
}

/** Reasons CloudFormation gives to resources it stopped because another one failed. */
const SECONDARY = /Resource creation cancelled|Resource update cancelled|The following resource\(s\) failed/;

/**
 * The root cause of a failed stack operation: the oldest `*_FAILED` event of the latest operation
 * that is not a consequence of another failure. DescribeStackEvents lists newest first.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStackEvents.html
 */
export function rootCause(events: readonly StackEvent[], stackName: string): ResourceFailure | undefined {
  // The latest operation starts at the newest *_IN_PROGRESS event of the stack itself.
  const start = events.findIndex((e) => e.LogicalResourceId === stackName && e.ResourceType === 'AWS::CloudFormation::Stack' && /_IN_PROGRESS$/.test(e.ResourceStatus ?? '') && !/ROLLBACK|CLEANUP/.test(e.ResourceStatus ?? ''));
  const operation = start === -1 ? events : events.slice(0, start + 1);
  const failures = operation.filter((e) => /_FAILED$/.test(e.ResourceStatus ?? '') && e.ResourceType !== 'AWS::CloudFormation::Stack');
  const primary = failures.filter((e) => !SECONDARY.test(e.ResourceStatusReason ?? ''));
  const event = (primary.length > 0 ? primary : failures).at(-1);
  if (!event) return undefined;
  return { logicalId: event.LogicalResourceId ?? '?', type: event.ResourceType ?? '?', status: event.ResourceStatus ?? '?', reason: event.ResourceStatusReason ?? 'no reason given' };
}

/** Reads the stack's recent events and returns the root cause of its failure, if there is one. */
export async function describeFailure(aws: AwsClientConfig, stackName: string): Promise<ResourceFailure | undefined> {
  const { CloudFormationClient, DescribeStackEventsCommand } = await import('@aws-sdk/client-cloudformation');
  const cfn = new CloudFormationClient(aws);
  const out = await cfn.send(new DescribeStackEventsCommand({ StackName: stackName }));
  return rootCause(out.StackEvents ?? [], stackName);
}
