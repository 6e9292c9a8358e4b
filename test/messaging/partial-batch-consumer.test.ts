import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { PartialBatchConsumer, type PartialBatchConsumerProps } from '../../lib/messaging/partial-batch-consumer';

// The handler is the asset's plain CommonJS file, tested as Lambda runs it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const handler = require('../../lib/messaging/partial-batch-consumer-handler/index.js');

function build(props: (stack: Stack) => PartialBatchConsumerProps = () => ({})): { stack: Stack; t: Template } {
  const stack = new Stack(new App(), 'TestStack');
  new PartialBatchConsumer(stack, 'Consumer', props(stack));
  return { stack, t: Template.fromStack(stack) };
}

/**
 * An SQS record as the event source mapping delivers it: the example event of "Using Lambda with Amazon SQS",
 * https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html (attributes are strings, timestamps epoch ms).
 */
function record(messageId: string, body: string, receiveCount = 1) {
  return {
    messageId,
    receiptHandle: `AQEB${messageId}==`,
    body,
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: '1795435200000',
      SenderId: 'AIDAIENQZJOLO23YVJ4VO',
      ApproximateFirstReceiveTimestamp: '1795435200500',
    },
    messageAttributes: {},
    md5OfBody: '7b270e59b47ff90a553787216d55d91d',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:orders',
    awsRegion: 'us-east-1',
  };
}

describe('PartialBatchConsumer', () => {
  test('runs Node.js 24 on arm64 with its own log group and a role without managed policies', () => {
    const { t } = build();
    const logGroup = Object.keys(t.findResources('AWS::Logs::LogGroup'))[0];
    t.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      Timeout: 3,
      MemorySize: 128,
      LoggingConfig: { LogGroup: { Ref: logGroup }, LogFormat: 'Text' },
    });
    t.hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Delete', Properties: { RetentionInDays: 7 } });
    t.hasResourceProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [logGroup, 'Arn'] } }] },
    });
  });

  test('gets a function dead-letter queue and async retry setting when asked', () => {
    let dlq!: sqs.Queue;
    const { stack, t } = build((s) => {
      dlq = new sqs.Queue(s, 'FunctionDlq');
      return { deadLetterQueue: dlq, retryAttempts: 0 };
    });
    const dlqId = stack.getLogicalId(dlq.node.defaultChild as sqs.CfnQueue);
    t.hasResourceProperties('AWS::Lambda::Function', { DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] } } });
    t.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 0, Qualifier: '$LATEST' });
  });

  test('writes the log prefix the lab reads', () => {
    expect(handler.LOG_PREFIX).toBe(PartialBatchConsumer.LOG_PREFIX);
  });

  test('throws when retryAttempts is 3', () => {
    expect(() => build(() => ({ retryAttempts: 3 }))).toThrow(new Error('retryAttempts: received 3; allowed: 0, 1 or 2'));
  });

  test('throws one error listing every problem', () => {
    expect(() => build(() => ({ retryAttempts: -1, timeout: Duration.minutes(16) }))).toThrow(
      new Error(['timeout: received 16 minutes; allowed: 1 second to 15 minutes', 'retryAttempts: received -1; allowed: 0, 1 or 2'].join('\n')),
    );
  });
});

describe('partial-batch-consumer handler', () => {
  beforeEach(() => jest.spyOn(console, 'log').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  test('classifies a message marked as poison, a good one and a broken one', () => {
    expect(handler.classify('{"runId":"r1","kind":"poison","poison":true}')).toEqual({ runId: 'r1', kind: 'poison', poison: true, reason: 'marked as poison' });
    expect(handler.classify('{"runId":"r1","kind":"good"}')).toEqual({ runId: 'r1', kind: 'good', poison: false });
    expect(handler.classify('not json')).toEqual({ kind: 'unparsable', poison: true, reason: 'body is not JSON' });
    expect(handler.classify('[1,2]')).toEqual({ kind: 'unparsable', poison: true, reason: 'body is not a JSON object' });
  });

  test('reports only the poison message of a mixed batch, and logs one line per message', async () => {
    const event = { Records: [record('m-good', '{"runId":"r1","kind":"good"}'), record('m-poison', '{"runId":"r1","kind":"poison","poison":true}', 2)] };
    const response = await handler.handler(event, { awsRequestId: 'req-1' });
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-poison' }] });
    const lines = (console.log as jest.Mock).mock.calls.map((c) => String(c[0]));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^LABEVENT \{/);
    expect(JSON.parse(lines[1].slice('LABEVENT '.length))).toMatchObject({
      event: 'receive',
      runId: 'r1',
      kind: 'poison',
      messageId: 'm-poison',
      receiveCount: 2,
      sentTimestamp: 1795435200000,
      // ApproximateFirstReceiveTimestamp, a string of epoch ms in the record's attributes, as in the example event of
      // "Using Lambda with Amazon SQS" (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html)
      firstReceiveTimestamp: 1795435200500,
      outcome: 'failed',
      requestId: 'req-1',
    });
  });

  test('returns no failures for a batch of good messages', async () => {
    expect(await handler.handler({ Records: [record('a', '{"kind":"good"}'), record('b', '{}')] }, {})).toEqual({ batchItemFailures: [] });
  });

  test('throws for an event that is not an SQS batch (an asynchronous invocation), after logging it', async () => {
    await expect(handler.handler({ runId: 'r9', kind: 'control' }, { awsRequestId: 'req-2' })).rejects.toThrow('not an SQS batch');
    const line = String((console.log as jest.Mock).mock.calls[0][0]);
    expect(JSON.parse(line.slice('LABEVENT '.length))).toMatchObject({ event: 'rejected', runId: 'r9', requestId: 'req-2' });
  });

  test('processBatch is pure: same input, same output', () => {
    const batch = { Records: [record('m1', '{"poison":true}')] };
    expect(handler.processBatch(batch, 'req', 42)).toEqual(handler.processBatch(batch, 'req', 42));
    expect(handler.isSqsBatch(batch)).toBe(true);
    expect(handler.isSqsBatch({ Records: 'x' })).toBe(false);
    expect(handler.isSqsBatch(undefined)).toBe(false);
  });
});
