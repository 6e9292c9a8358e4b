import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { QueueWithDeadLetterQueue, type QueueWithDeadLetterQueueProps } from '../../lib/messaging/queue-with-dead-letter-queue';

/** The UUID at the end of the stack id, as the source queue's name uses it. */
const STACK_UUID = { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] };

function stackWith(props?: QueueWithDeadLetterQueueProps): { stack: Stack; pair: QueueWithDeadLetterQueue } {
  const stack = new Stack(new App(), 'TestStack');
  const pair = new QueueWithDeadLetterQueue(stack, 'Orders', props);
  return { stack, pair };
}

function build(props?: QueueWithDeadLetterQueueProps): Template {
  return Template.fromStack(stackWith(props).stack);
}

function consumer(stack: Stack, timeout: Duration): lambda.Function {
  return new lambda.Function(stack, 'Consumer', {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ batchItemFailures: [] })'),
    timeout,
  });
}

describe('QueueWithDeadLetterQueue', () => {
  test('creates a standard source and a standard dead-letter queue, with maxReceiveCount 5 by default', () => {
    const t = build();
    t.resourceCountIs('AWS::SQS::Queue', 2);
    const dlq = Object.keys(t.findResources('AWS::SQS::Queue', { Properties: { RedriveAllowPolicy: Match.anyValue() } }))[0];
    t.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] }, maxReceiveCount: 5 },
      VisibilityTimeout: 30,
      MessageRetentionPeriod: 345_600,
      SqsManagedSseEnabled: true,
      FifoQueue: Match.absent(),
    });
  });

  test('keeps messages 14 days in the dead-letter queue, longer than the source', () => {
    build().hasResourceProperties('AWS::SQS::Queue', { RedriveAllowPolicy: Match.anyValue(), MessageRetentionPeriod: 1_209_600, SqsManagedSseEnabled: true });
  });

  test('lets only its source use the dead-letter queue (redrive-allow byQueue, by the source name, no cycle)', () => {
    const t = build();
    const source = Object.values<any>(t.findResources('AWS::SQS::Queue', { Properties: { RedrivePolicy: Match.anyValue() } }))[0];
    const name = source.Properties.QueueName;
    expect(name).toEqual({ 'Fn::Join': ['', [expect.stringMatching(/^TestStackOrders[0-9A-F]{8}-$/), STACK_UUID]] });
    const prefix: string = name['Fn::Join'][1][0];
    t.hasResourceProperties('AWS::SQS::Queue', {
      RedriveAllowPolicy: {
        redrivePermission: 'byQueue',
        sourceQueueArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sqs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:${prefix}`, STACK_UUID]] }],
      },
    });
  });

  // "If you delete a queue, you must wait at least 60 seconds before creating a queue with the same name"
  // ("CreateQueue", Amazon SQS API Reference, https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html):
  // a name fixed at synth time makes a destroy and a deploy within a minute fail with QueueDeletedRecently.
  test('names no queue with a fixed name: the source name ends in the UUID of AWS::StackId, new for every new stack', () => {
    for (const props of [{}, { fifo: true }] as QueueWithDeadLetterQueueProps[]) {
      const queues = Object.values<any>(build(props).findResources('AWS::SQS::Queue'));
      for (const q of queues) {
        const name = q.Properties.QueueName;
        if (name === undefined) continue; // CloudFormation generates the name: unique per creation
        expect(typeof name).not.toBe('string');
        // Fn::Select 2 of the stack id split on '/': the UUID of arn:aws:cloudformation:<region>:<account>:stack/<name>/<uuid>
        // ("Pseudo parameters reference", https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html).
        expect(JSON.stringify(name)).toContain(JSON.stringify(STACK_UUID));
        const literal = (name['Fn::Join'][1] as unknown[]).filter((p) => typeof p === 'string').join('');
        expect(literal.length + 36).toBeLessThanOrEqual(80);
      }
    }
  });

  test('refuses requests without TLS on both queues', () => {
    const t = build();
    t.resourceCountIs('AWS::SQS::QueuePolicy', 2);
    t.allResourcesProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: { Statement: [Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })] },
    });
  });

  test('alarms as soon as one message is visible in the dead-letter queue', () => {
    const t = build();
    const dlq = Object.keys(t.findResources('AWS::SQS::Queue', { Properties: { RedriveAllowPolicy: Match.anyValue() } }))[0];
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlq, 'QueueName'] } }],
      Statistic: 'Maximum',
      Period: 60,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
    });
  });

  test('a FIFO source gets a FIFO dead-letter queue, and its name ends in .fifo', () => {
    const t = build({ fifo: true });
    const queues = Object.values<any>(t.findResources('AWS::SQS::Queue'));
    expect(queues.map((q) => q.Properties.FifoQueue)).toEqual([true, true]);
    const source = queues.find((q) => q.Properties.RedrivePolicy);
    expect(source.Properties.QueueName).toEqual({ 'Fn::Join': ['', [expect.stringMatching(/^TestStackOrders[0-9A-F]{8}-$/), STACK_UUID, '.fifo']] });
  });

  test('a FIFO pair may keep messages in the dead-letter queue less long (FIFO resets the timestamp on the move)', () => {
    expect(() => build({ fifo: true, retentionPeriod: Duration.days(7), deadLetterQueueRetentionPeriod: Duration.days(1) })).not.toThrow();
  });

  test('uses a dead-letter queue it is given, and alarms on it', () => {
    const stack = new Stack(new App(), 'TestStack');
    const shared = new sqs.Queue(stack, 'Shared', { retentionPeriod: Duration.days(14) });
    new QueueWithDeadLetterQueue(stack, 'Orders', { deadLetterQueue: shared });
    const t = Template.fromStack(stack);
    const sharedId = stack.getLogicalId(shared.node.defaultChild as sqs.CfnQueue);
    t.resourceCountIs('AWS::SQS::Queue', 2);
    t.hasResourceProperties('AWS::SQS::Queue', { RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [sharedId, 'Arn'] }, maxReceiveCount: 5 } });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [sharedId, 'QueueName'] } }] });
  });

  test('warns when the dead-letter queue keeps messages exactly as long as the source', () => {
    const { stack } = stackWith({ retentionPeriod: Duration.days(4), deadLetterQueueRetentionPeriod: Duration.days(4) });
    Annotations.fromStack(stack).hasWarning('/TestStack/Orders', Match.stringLikeRegexp('keeps messages as long as the source \\(4 days\\)'));
  });

  test('does not warn when both keep the maximum, 14 days', () => {
    const { stack } = stackWith({ retentionPeriod: Duration.days(14) });
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  test('warns that an imported dead-letter queue\'s retention cannot be checked', () => {
    const stack = new Stack(new App(), 'TestStack');
    const imported = sqs.Queue.fromQueueArn(stack, 'Imported', 'arn:aws:sqs:us-east-1:123456789012:shared-dlq');
    new QueueWithDeadLetterQueue(stack, 'Orders', { deadLetterQueue: imported });
    Annotations.fromStack(stack).hasWarning('/TestStack/Orders', Match.stringLikeRegexp('cannot be read here'));
  });

  test('throws when maxReceiveCount is 0', () => {
    expect(() => build({ maxReceiveCount: 0 })).toThrow(new Error('maxReceiveCount: received 0; allowed: an integer from 1 to 1000'));
  });

  test('throws when maxReceiveCount is above 1000', () => {
    expect(() => build({ maxReceiveCount: 1001 })).toThrow(new Error('maxReceiveCount: received 1001; allowed: an integer from 1 to 1000'));
  });

  test('throws when maxReceiveCount is not an integer', () => {
    expect(() => build({ maxReceiveCount: 2.5 })).toThrow(new Error('maxReceiveCount: received 2.5; allowed: an integer from 1 to 1000'));
  });

  test('throws when a standard dead-letter queue would keep messages less long than its source', () => {
    expect(() => build({ retentionPeriod: Duration.days(4), deadLetterQueueRetentionPeriod: Duration.days(1) })).toThrow(
      new Error(
        "deadLetterQueueRetentionPeriod: received 1 day; allowed: at least the source queue's retentionPeriod (4 days), " +
          "because a standard queue's message keeps its original enqueue timestamp in the dead-letter queue and would expire early",
      ),
    );
  });

  test('throws when a given dead-letter queue keeps messages less long than the source', () => {
    const stack = new Stack(new App(), 'TestStack');
    const short = new sqs.Queue(stack, 'Short', { retentionPeriod: Duration.hours(1) });
    expect(() => new QueueWithDeadLetterQueue(stack, 'Orders', { deadLetterQueue: short })).toThrow(
      /^deadLetterQueueRetentionPeriod: received 1 hour; allowed: at least the source queue's retentionPeriod \(4 days\)/,
    );
  });

  test('throws when the dead-letter queue is FIFO and the source standard', () => {
    const stack = new Stack(new App(), 'TestStack');
    const fifo = new sqs.Queue(stack, 'FifoDlq', { fifo: true, retentionPeriod: Duration.days(14) });
    expect(() => new QueueWithDeadLetterQueue(stack, 'Orders', { deadLetterQueue: fifo })).toThrow(
      new Error('deadLetterQueue: received a FIFO queue for a standard queue; allowed: a queue of the source\'s type (FIFO with FIFO, standard with standard)'),
    );
  });

  test('throws when the dead-letter queue is standard and the source FIFO', () => {
    const stack = new Stack(new App(), 'TestStack');
    const standard = new sqs.Queue(stack, 'StandardDlq', { retentionPeriod: Duration.days(14) });
    expect(() => new QueueWithDeadLetterQueue(stack, 'Orders', { fifo: true, deadLetterQueue: standard })).toThrow(
      new Error('deadLetterQueue: received a standard queue for a FIFO queue; allowed: a queue of the source\'s type (FIFO with FIFO, standard with standard)'),
    );
  });

  test('throws when a retention is given for a dead-letter queue it does not create', () => {
    const stack = new Stack(new App(), 'TestStack');
    const shared = new sqs.Queue(stack, 'Shared', { retentionPeriod: Duration.days(14) });
    expect(() => new QueueWithDeadLetterQueue(stack, 'Orders', { deadLetterQueue: shared, deadLetterQueueRetentionPeriod: Duration.days(14) })).toThrow(
      new Error(
        'deadLetterQueueRetentionPeriod: received 14 days; allowed: only when this construct creates the dead-letter queue (omit deadLetterQueue, or set the retention on your queue)',
      ),
    );
  });

  test('throws one error listing every problem', () => {
    expect(() => build({ maxReceiveCount: 0, visibilityTimeout: Duration.hours(13), retentionPeriod: Duration.seconds(30) })).toThrow(
      new Error(
        [
          'maxReceiveCount: received 0; allowed: an integer from 1 to 1000',
          'visibilityTimeout: received 13 hours; allowed: 0 seconds to 12 hours',
          'retentionPeriod: received 30 seconds; allowed: 60 seconds to 14 days',
        ].join('\n'),
      ),
    );
  });
});

describe('QueueWithDeadLetterQueue.attachConsumer', () => {
  test('maps the queue to the function with partial batch responses', () => {
    const { stack, pair } = stackWith({ visibilityTimeout: Duration.seconds(30) });
    pair.attachConsumer(consumer(stack, Duration.seconds(5)), { batchSize: 5 });
    const t = Template.fromStack(stack);
    const source = Object.keys(t.findResources('AWS::SQS::Queue', { Properties: { RedrivePolicy: Match.anyValue() } }))[0];
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [source, 'Arn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 5,
    });
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  test('throws when the visibility timeout is shorter than the consumer\'s timeout', () => {
    const { stack, pair } = stackWith({ visibilityTimeout: Duration.seconds(10) });
    expect(() => pair.attachConsumer(consumer(stack, Duration.seconds(20)))).toThrow(
      new Error("visibilityTimeout: received 10 seconds; allowed: at least the consumer's timeout (20 seconds), or Lambda refuses the event source mapping"),
    );
  });

  test('counts a function without a timeout as Lambda\'s default, 3 seconds', () => {
    const { stack, pair } = stackWith({ visibilityTimeout: Duration.seconds(2) });
    const fn = new lambda.Function(stack, 'NoTimeout', { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
    expect(() => pair.attachConsumer(fn)).toThrow(/allowed: at least the consumer's timeout \(3 seconds\)/);
  });

  test('warns when the visibility timeout is under six times the timeout plus the batching window', () => {
    const { stack, pair } = stackWith({ visibilityTimeout: Duration.seconds(30) });
    pair.attachConsumer(consumer(stack, Duration.seconds(5)), { maxBatchingWindow: Duration.seconds(10) });
    Annotations.fromStack(stack).hasWarning('/TestStack/Orders', Match.stringLikeRegexp('under 6 × the consumer\'s timeout \\+ batching window \\(40 seconds\\)'));
  });
});
