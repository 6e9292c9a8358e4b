/**
 * For each claim, the template change that must make its offline check fail (the invariant suite
 * runs them). More failing cases per claim are in sqs-dead-letter-queue.test.ts.
 */
import type { OfflineCases } from '../../../lib/lab-kit/testing';
import { outputLogicalId } from '../../../lib/lab-kit/testing';

/** The properties of the resource an output points at. */
export function propsOf(t: any, output: string): any {
  return t.Resources[outputLogicalId(t, output)].Properties;
}

/** The EventInvokeConfig of the function an output names. */
export function invokeConfigOf(t: any, functionOutput: string): any {
  const fn = outputLogicalId(t, functionOutput);
  return Object.values<any>(t.Resources).find((r) => r.Type === 'AWS::Lambda::EventInvokeConfig' && r.Properties.FunctionName.Ref === fn).Properties;
}

/** The lab's one SQS event source mapping. */
export function mappingOf(t: any): any {
  return Object.values<any>(t.Resources).find((r) => r.Type === 'AWS::Lambda::EventSourceMapping').Properties;
}

export const OFFLINE_CASES: OfflineCases = {
  'T2.dlq-is-an-ordinary-queue': (t) => delete t.Resources[outputLogicalId(t, 'DeadLetterAlarmName')].Properties.Dimensions,
  'I12.poison-moves-after-max-receive-count': (t) => delete propsOf(t, 'SourceQueueUrl').RedrivePolicy,
  'I12.dlq-keeps-original-sent-timestamp': (t) => (propsOf(t, 'DeadLetterQueueUrl').MessageRetentionPeriod = 3600),
  'I12.sqs-failure-skips-function-dlq': (t) => delete propsOf(t, 'ConsumerFunctionName').DeadLetterConfig,
  'I12.redrive-moves-back-and-fails-again': (t) => (propsOf(t, 'DeadLetterQueueUrl').RedriveAllowPolicy = { redrivePermission: 'denyAll' }),
  'I12.async-retries-then-destination': (t) => (invokeConfigOf(t, 'AsyncFunctionName').MaximumRetryAttempts = 0),
};
