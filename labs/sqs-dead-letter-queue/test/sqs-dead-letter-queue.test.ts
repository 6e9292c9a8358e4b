import { Template } from 'aws-cdk-lib/assertions';
import { GUARDRAILS } from '../../../lib/lab-kit/checks/guardrails';
import { runOfflineChecks } from '../../../lib/lab-kit/checks/runner';
import { judgeOffline, mutatedCopy, synthLab } from '../../../lib/lab-kit/testing';
import { estimateCost } from '../../../lib/lab-kit/operations/cost';
import type { TemplateJson } from '../../../lib/lab-kit/template/json';
import { resourcesOfType } from '../../../lib/lab-kit/template/resources';
import { AlwaysFailingAsyncFunction } from '../../../lib/messaging/always-failing-async-function';
import { PartialBatchConsumer } from '../../../lib/messaging/partial-batch-consumer';
import { sqsDeadLetterQueue } from '..';
import { LOG_PREFIX } from '../aws-reads';
import { flatten, type LabFacts, labFacts, queueFacts } from '../facts';
import { OUTPUTS } from '../outputs';
import { SETTINGS } from '../stack';
import { invokeConfigOf, mappingOf, propsOf } from './offline-cases';

let template: TemplateJson;
let facts: LabFacts;

beforeAll(async () => {
  template = await synthLab(sqsDeadLetterQueue);
  facts = labFacts(template);
});

describe('sqs-dead-letter-queue template', () => {
  test('T2.dlq-is-an-ordinary-queue: the DLQ is a standard queue like its source, admits only it, and has an alarm', () => {
    expect(facts.source.fifo).toBe(false);
    expect(facts.deadLetter.fifo).toBe(false);
    expect(facts.source.redrive?.target).toBe(facts.deadLetter.logicalId);
    expect(facts.deadLetter.redriveAllow?.permission).toBe('byQueue');
    expect(facts.deadLetter.redriveAllow?.sourceArns).toHaveLength(1);
    expect(facts.deadLetter.redriveAllow?.sourceArns[0].endsWith(`:${facts.source.queueName}`)).toBe(true);
    expect(facts.alarm).toMatchObject({ metricName: 'ApproximateNumberOfMessagesVisible', threshold: 1, comparison: 'GreaterThanOrEqualToThreshold', queue: facts.deadLetter.logicalId });
  });

  test('I12.poison-moves-after-max-receive-count: maxReceiveCount 3, visibility 12 s ≥ 6 × the consumer timeout + the batching window, partial batch responses', () => {
    expect(facts.source.redrive?.maxReceiveCount).toBe(SETTINGS.maxReceiveCount);
    expect(facts.source.visibilitySeconds).toBe(12);
    expect(facts.consumer.timeoutSeconds).toBe(1);
    // A batching window, so that the good and the poison message are likely handed to one invocation ("Using Lambda with Amazon SQS",
    // https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html); the visibility timeout covers it: "at least six times the function
    // timeout plus the value of MaximumBatchingWindowInSeconds" (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html).
    expect(facts.consumer.mappings).toEqual([{ source: facts.source.logicalId, reportsBatchItemFailures: true, batchSize: 10, batchingWindowSeconds: 5 }]);
    expect(facts.source.visibilitySeconds).toBeGreaterThanOrEqual(6 * facts.consumer.timeoutSeconds + 5);
  });

  // "If you delete a queue, you must wait at least 60 seconds before creating a queue with the same name" ("CreateQueue", Amazon SQS
  // API Reference, https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html): a fixed name makes a
  // destroy followed by a deploy within a minute fail with QueueDeletedRecently.
  test('no queue has a fixed name: each is named by CloudFormation or ends in the UUID of AWS::StackId, new for every new stack', () => {
    const queues = resourcesOfType(template, 'AWS::SQS::Queue');
    const named = queues.filter((q) => q.properties.QueueName !== undefined);
    expect(named.map((q) => q.logicalId)).toEqual([facts.source.logicalId]);
    for (const q of named) {
      expect(typeof q.properties.QueueName).not.toBe('string');
      expect(JSON.stringify(q.properties.QueueName)).toContain('{"Fn::Select":[2,{"Fn::Split":["/",{"Ref":"AWS::StackId"}]}]}');
    }
    expect(queues.map((q) => queueFacts(q).queueNameFixed)).toEqual(queues.map(() => false));
  });

  test('I12.dlq-keeps-original-sent-timestamp: the DLQ keeps messages 14 days, the source 4', () => {
    expect(facts.deadLetter.retentionSeconds).toBe(14 * 86_400);
    expect(facts.source.retentionSeconds).toBe(4 * 86_400);
  });

  test("I12.sqs-failure-skips-function-dlq: the consumer has its own DLQ, distinct from the queue's, and 0 async retries", () => {
    expect(facts.consumer.deadLetterTarget).toBe(facts.consumerFunctionDlq);
    expect(facts.consumerFunctionDlq).not.toBe(facts.deadLetter.logicalId);
    expect(facts.consumer.invokeConfig?.maximumRetryAttempts).toBe(0);
  });

  test('I12.redrive-moves-back-and-fails-again: the DLQ has no redrive policy of its own', () => {
    expect(propsOf(template, 'DeadLetterQueueUrl').RedrivePolicy).toBeUndefined();
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

  test('exposes every declared output, with its description', () => {
    expect(Object.keys(template.Outputs ?? {}).sort()).toEqual([...Object.keys(OUTPUTS), 'LabTtl'].sort());
    for (const [name, description] of Object.entries(OUTPUTS)) expect(template.Outputs?.[name]?.Description).toBe(description);
  });

  test('costs about $0.0001 an hour idle: the alarm, everything else is billed per request', () => {
    const cost = estimateCost(template);
    expect(cost.hourly).toBeCloseTo(0.1 / 730, 6);
    expect(cost.hourly).toBeLessThanOrEqual(sqsDeadLetterQueue.hourlyBudgetUsd);
    expect(cost.dominant?.what).toBe('CloudWatch alarm');
  });

  test('every offline check and guardrail passes on the lab template', () => {
    const results = runOfflineChecks(sqsDeadLetterQueue, template, () => undefined, GUARDRAILS);
    expect(results.filter((r) => r.outcome !== 'pass')).toEqual([]);
    expect(results).toHaveLength(Object.keys(sqsDeadLetterQueue.checks).length + GUARDRAILS.length);
  });

  test('the observations read the log prefix both functions write, without loading the constructs', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const consumerHandler = require('../../../lib/messaging/partial-batch-consumer-handler/index.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const asyncHandler = require('../../../lib/messaging/always-failing-async-function-handler/index.js');
    expect([PartialBatchConsumer.LOG_PREFIX, AlwaysFailingAsyncFunction.LOG_PREFIX, consumerHandler.LOG_PREFIX, asyncHandler.LOG_PREFIX]).toEqual(Array(4).fill(LOG_PREFIX));
  });
});

describe('sqs-dead-letter-queue offline checks fail on more templates than the invariant suite tries', () => {
  // One case per claim is in offline-cases.ts; these are the others, each naming what it breaks.
  const more: Array<[claimId: string, change: (t: any) => void, failed: string]> = [
    ['T2.dlq-is-an-ordinary-queue', (t) => (propsOf(t, 'DeadLetterQueueUrl').FifoQueue = true), 'dead-letter queue type (the source is standard): expected standard, saw FIFO'],
    ['I12.poison-moves-after-max-receive-count', (t) => delete mappingOf(t).FunctionResponseTypes, 'the consumer reads the source with ReportBatchItemFailures'],
    ['I12.poison-moves-after-max-receive-count', (t) => (propsOf(t, 'SourceQueueUrl').VisibilityTimeout = 0), "the source's visibility timeout (at least the consumer's timeout): expected at least 1 s, saw 0 s"],
    ['I12.async-retries-then-destination', (t) => delete invokeConfigOf(t, 'AsyncFunctionName').DestinationConfig, 'the on-failure destination: expected'],
  ];

  test.each(more)('%s fails: %#', (id, change, failed) => {
    expect(judgeOffline(sqsDeadLetterQueue, id, template).outcome).toBe('pass');
    const judged = judgeOffline(sqsDeadLetterQueue, id, mutatedCopy(template, change));
    expect(judged.outcome).toBe('fail');
    expect(judged.reasons.join('\n')).toContain(failed);
  });
});
