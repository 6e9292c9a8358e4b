import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AlwaysFailingAsyncFunction, type AlwaysFailingAsyncFunctionProps } from '../../lib/messaging/always-failing-async-function';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const handler = require('../../lib/messaging/always-failing-async-function-handler/index.js');

interface Built {
  stack: Stack;
  t: Template;
  destination: sqs.Queue;
  dlq: sqs.Queue;
}

function build(props: Partial<AlwaysFailingAsyncFunctionProps> = {}, fifoDestination = false): Built {
  const stack = new Stack(new App(), 'TestStack');
  const destination = new sqs.Queue(stack, 'Failures', { fifo: fifoDestination || undefined });
  const dlq = new sqs.Queue(stack, 'Dlq');
  new AlwaysFailingAsyncFunction(stack, 'AlwaysFails', { onFailure: destination, deadLetterQueue: dlq, ...props });
  return { stack, t: Template.fromStack(stack), destination, dlq };
}

function id(stack: Stack, q: sqs.Queue): string {
  return stack.getLogicalId(q.node.defaultChild as sqs.CfnQueue);
}

describe('AlwaysFailingAsyncFunction', () => {
  test('retries twice, keeps events 6 hours, and sends failures to its destination and dead-letter queue', () => {
    const { stack, t, destination, dlq } = build();
    t.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 21_600,
      Qualifier: '$LATEST',
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [id(stack, destination), 'Arn'] } } },
    });
    t.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': [id(stack, dlq), 'Arn'] } },
      LoggingConfig: { LogGroup: Match.anyValue(), LogFormat: 'Text' },
    });
  });

  test('may send only to its own log group and its two queues', () => {
    const { stack, t, destination, dlq } = build();
    const statements = Object.values<any>(t.findResources('AWS::IAM::Policy'))[0].Properties.PolicyDocument.Statement;
    const resources = statements.map((s: any) => JSON.stringify(s.Resource));
    expect(resources).toHaveLength(3);
    expect(resources.some((r: string) => r.includes(id(stack, destination)))).toBe(true);
    expect(resources.some((r: string) => r.includes(id(stack, dlq)))).toBe(true);
    expect(statements.flatMap((s: any) => [s.Action].flat()).filter((a: string) => a.includes('*'))).toEqual([]);
    t.hasResourceProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
  });

  test('writes the log prefix the lab reads', () => {
    expect(handler.LOG_PREFIX).toBe(AlwaysFailingAsyncFunction.LOG_PREFIX);
  });

  test('throws when retryAttempts is 3', () => {
    expect(() => build({ retryAttempts: 3 })).toThrow(new Error('retryAttempts: received 3; allowed: 0, 1 or 2'));
  });

  test('throws when the on-failure destination is a FIFO queue', () => {
    expect(() => build({}, true)).toThrow(new Error('onFailure: received a FIFO queue; allowed: a standard queue (Lambda cannot deliver records to FIFO queues)'));
  });

  test('throws one error listing every problem', () => {
    expect(() => build({ retryAttempts: 5, maxEventAge: Duration.seconds(30), timeout: Duration.seconds(0) })).toThrow(
      new Error(
        [
          'retryAttempts: received 5; allowed: 0, 1 or 2',
          'maxEventAge: received 30 seconds; allowed: 60 seconds to 6 hours',
          'timeout: received 0 seconds; allowed: 1 second to 15 minutes',
        ].join('\n'),
      ),
    );
  });
});

describe('always-failing-async-function handler', () => {
  beforeEach(() => jest.spyOn(console, 'log').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  test('logs the attempt, then fails with an error naming the run', async () => {
    await expect(handler.handler({ runId: 'runabc', kind: 'async' }, { awsRequestId: 'req-7' })).rejects.toMatchObject({
      name: 'DeliberateFailure',
      message: 'failed on purpose (run runabc): this function always fails so Lambda retries it',
    });
    const line = String((console.log as jest.Mock).mock.calls[0][0]);
    expect(line.startsWith('LABEVENT ')).toBe(true);
    expect(JSON.parse(line.slice('LABEVENT '.length))).toMatchObject({ event: 'attempt', runId: 'runabc', requestId: 'req-7' });
  });

  test('handles an event without a run id', async () => {
    await expect(handler.handler(null, undefined)).rejects.toThrow('failed on purpose (run none)');
    expect(handler.attemptEntry(null, undefined, 5)).toEqual({ event: 'attempt', runId: undefined, requestId: undefined, at: 5 });
  });
});
