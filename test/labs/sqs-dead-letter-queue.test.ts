import { type OfflineCase, offlineChecksFailOn } from '../support/failing-cases';
import { Template } from 'aws-cdk-lib/assertions';
import type { Claim, TemplateJson } from '../../lib/lab-kit/checks/claim';
import { estimateCost } from '../../lib/lab-kit/operations/cost';
import { GUARDRAILS } from '../../lib/lab-kit/checks/guardrails';
import { runOfflineChecks } from '../../lib/lab-kit/checks/runner';
import { normalizeTemplate } from '../../lib/lab-kit/template/normalize';
import { resourcesOfType } from '../../lib/lab-kit/template/resources';
import { claimOf, mutatedCopy, outputLogicalId, synthLab } from '../../lib/lab-kit/checks/testing';
import { sqsDeadLetterQueue } from '../../labs/sqs-dead-letter-queue';
import { OUTPUTS, SETTINGS } from '../../labs/sqs-dead-letter-queue/stack';
import { flatten, labFacts } from '../../labs/sqs-dead-letter-queue/template-facts';

const template = synthLab(sqsDeadLetterQueue);
const facts = labFacts(template);

const claim = (id: string): Claim => claimOf(sqsDeadLetterQueue, id);

const target = outputLogicalId;

function props(t: any, output: string): any {
  return t.Resources[target(t, output)].Properties;
}

const mutated = (change: (t: any) => void): TemplateJson => mutatedCopy(template, change);

function invokeConfigOf(t: any, functionOutput: string): any {
  const fn = target(t, functionOutput);
  return Object.values<any>(t.Resources).find((r) => r.Type === 'AWS::Lambda::EventInvokeConfig' && r.Properties.FunctionName.Ref === fn).Properties;
}

function mappingOf(t: any): any {
  return Object.values<any>(t.Resources).find((r) => r.Type === 'AWS::Lambda::EventSourceMapping').Properties;
}

describe('sqs-dead-letter-queue template', () => {
  test('T2.dlq-is-an-ordinary-queue: the DLQ is a standard queue like its source, admits only it, and has an alarm', () => {
    expect(facts.source.fifo).toBe(false);
    expect(facts.deadLetter.fifo).toBe(false);
    expect(facts.source.redrive?.target).toBe(facts.deadLetter.logicalId);
    expect(facts.deadLetter.redriveAllow).toEqual({ permission: 'byQueue', sourceArns: [expect.stringMatching(new RegExp(`:${facts.source.queueName}$`))] });
    expect(facts.alarm).toMatchObject({ metricName: 'ApproximateNumberOfMessagesVisible', threshold: 1, comparison: 'GreaterThanOrEqualToThreshold', queue: facts.deadLetter.logicalId });
  });

  test('I12.poison-moves-after-max-receive-count: maxReceiveCount 3, visibility 12 s = 6 × the consumer timeout, partial batch responses', () => {
    expect(facts.source.redrive?.maxReceiveCount).toBe(SETTINGS.maxReceiveCount);
    expect(facts.source.visibilitySeconds).toBe(12);
    expect(facts.consumer.timeoutSeconds).toBe(2);
    expect(facts.source.visibilitySeconds).toBe(6 * facts.consumer.timeoutSeconds);
    expect(facts.consumer.mappings).toEqual([{ source: facts.source.logicalId, reportsBatchItemFailures: true, batchSize: 10 }]);
  });

  test('I12.dlq-keeps-original-sent-timestamp: the DLQ keeps messages 14 days, the source 4', () => {
    expect(facts.deadLetter.retentionSeconds).toBe(14 * 86_400);
    expect(facts.source.retentionSeconds).toBe(4 * 86_400);
  });

  test('I12.sqs-failure-skips-function-dlq: the consumer has its own DLQ, distinct from the queue\'s, and 0 async retries for the control', () => {
    expect(facts.consumer.deadLetterTarget).toBe(facts.consumerFunctionDlq);
    expect(facts.consumerFunctionDlq).not.toBe(facts.deadLetter.logicalId);
    expect(facts.consumer.invokeConfig?.maximumRetryAttempts).toBe(0);
  });

  test('I12.redrive-moves-back-and-fails-again: the DLQ has no redrive policy of its own', () => {
    expect(props(template, 'DeadLetterQueueUrl').RedrivePolicy).toBeUndefined();
  });

  test('I12.async-retries-then-destination: 2 retries, 1 hour event age, a destination and a DLQ, both standard', () => {
    expect(facts.asyncFunction.invokeConfig).toEqual({ maximumRetryAttempts: 2, maximumEventAgeSeconds: 3600, onFailure: facts.asyncFailureDestination.logicalId });
    expect(facts.asyncFunction.deadLetterTarget).toBe(facts.asyncFunctionDlq);
    expect(facts.asyncFailureDestination.fifo).toBe(false);
    expect(facts.asyncFunction.mappings).toEqual([]);
  });

  test('every function runs Node.js 24 on arm64, logs to its own log group, and has no managed policy', () => {
    const t = Template.fromJSON(template);
    t.allResourcesProperties('AWS::Lambda::Function', { Runtime: 'nodejs24.x', Architectures: ['arm64'] });
    for (const role of resourcesOfType(template, 'AWS::IAM::Role')) expect(role.properties.ManagedPolicyArns).toBeUndefined();
  });

  test('every queue is encrypted (SSE-SQS) and refuses requests without TLS', () => {
    const queues = resourcesOfType(template, 'AWS::SQS::Queue');
    expect(queues).toHaveLength(5);
    for (const q of queues) expect(q.properties.SqsManagedSseEnabled).toBe(true);
    const policies = resourcesOfType(template, 'AWS::SQS::QueuePolicy');
    expect(policies.map((p) => flatten(p.properties.Queues[0])).sort()).toEqual(queues.map((q) => `\${${q.logicalId}}`).sort());
  });

  test('the consumer may only consume its queue and send to its own DLQ', () => {
    const policy = resourcesOfType(template, 'AWS::IAM::Policy').find((p) => p.properties.Roles[0].Ref.startsWith('ConsumerRole'));
    const statements = policy!.properties.PolicyDocument.Statement.map((s: any) => ({ actions: [s.Action].flat(), resource: flatten(s.Resource) }));
    expect(statements).toEqual(
      expect.arrayContaining([
        { actions: ['sqs:SendMessage'], resource: `\${${facts.consumerFunctionDlq}.Arn}` },
        { actions: expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage']), resource: `\${${facts.source.logicalId}.Arn}` },
      ]),
    );
    expect(statements).toHaveLength(3);
  });

  test('exposes every output the live checks read', () => {
    expect(Object.keys(template.Outputs ?? {}).sort()).toEqual([...OUTPUTS, 'LabTtl'].sort());
  });

  test('costs about $0.0001 an hour idle: the alarm, everything else is billed per request', () => {
    const cost = estimateCost(template);
    expect(cost.hourly).toBeCloseTo(0.1 / 730, 6);
    expect(cost.hourly).toBeLessThanOrEqual(sqsDeadLetterQueue.hourlyBudgetUsd);
    expect(cost.dominant?.what).toBe('CloudWatch alarm');
  });

  test('every offline check and guardrail passes on the lab template', async () => {
    const results = await runOfflineChecks(sqsDeadLetterQueue, template, GUARDRAILS);
    expect(results.filter((r) => r.status !== 'pass')).toEqual([]);
    expect(results).toHaveLength(sqsDeadLetterQueue.claims.length + GUARDRAILS.length);
  });

  test('snapshot of the normalized template', () => {
    expect(normalizeTemplate(template)).toMatchSnapshot();
  });

  test('passes cdk-nag AwsSolutions with reasoned acknowledgements only', () => {
    expect(() => synthLab(sqsDeadLetterQueue, { nag: true })).not.toThrow();
  });
});

describe('sqs-dead-letter-queue offline checks fail when the template contradicts the truth', () => {
  const cases: OfflineCase[] = [
    ['T2.dlq-is-an-ordinary-queue', (t) => delete t.Resources[target(t, 'DeadLetterAlarmName')].Properties.Dimensions],
    ['T2.dlq-is-an-ordinary-queue', (t) => (props(t, 'DeadLetterQueueUrl').FifoQueue = true)],
    ['I12.poison-moves-after-max-receive-count', (t) => delete props(t, 'SourceQueueUrl').RedrivePolicy],
    ['I12.poison-moves-after-max-receive-count', (t) => delete mappingOf(t).FunctionResponseTypes],
    ['I12.poison-moves-after-max-receive-count', (t) => (props(t, 'SourceQueueUrl').VisibilityTimeout = 1)],
    ['I12.dlq-keeps-original-sent-timestamp', (t) => (props(t, 'DeadLetterQueueUrl').MessageRetentionPeriod = 3600)],
    ['I12.sqs-failure-skips-function-dlq', (t) => delete props(t, 'ConsumerFunctionName').DeadLetterConfig],
    ['I12.redrive-moves-back-and-fails-again', (t) => (props(t, 'DeadLetterQueueUrl').RedriveAllowPolicy = { redrivePermission: 'denyAll' })],
    ['I12.async-retries-then-destination', (t) => (invokeConfigOf(t, 'AsyncFunctionName').MaximumRetryAttempts = 0)],
    ['I12.async-retries-then-destination', (t) => delete invokeConfigOf(t, 'AsyncFunctionName').DestinationConfig],
  ];

  offlineChecksFailOn(sqsDeadLetterQueue, template, cases);
});
