/**
 * The dead-letter queue as SQS describes it: the attributes of both queues and the sources
 * SQS lists for the dead-letter queue; and the alarm that watches it, as CloudWatch describes it.
 * Reads only; changes nothing.
 */
import { observationsOf } from '../../lib/lab-kit/checks/lab-definition';
import { queueNameOf } from './aws-reads';
import { parseRedrivePolicy, SOURCE_LIST_MAX_WAIT_MS, SOURCE_LIST_RETRY_MS } from './observe';
import { OUTPUTS } from './outputs';

/** A RedriveAllowPolicy attribute, parsed (SQS returns it as a JSON string). */
export interface RedriveAllowPolicy {
  readonly redrivePermission?: string;
  readonly sourceQueueArns?: readonly string[];
}

export interface QueuePairObservation {
  /** The stack's own names for the two queues, which the judgement compares SQS's answers with. */
  readonly sourceQueueUrl: string;
  readonly sourceQueueArn: string;
  readonly deadLetterQueueArn: string;
  /** The source's RedrivePolicy. */
  readonly redrivePolicy: { readonly deadLetterTargetArn: string; readonly maxReceiveCount: number };
  /** The dead-letter queue's RedriveAllowPolicy; absent means allowAll. */
  readonly redriveAllowPolicy?: RedriveAllowPolicy;
  readonly sourceFifo: boolean;
  readonly deadLetterFifo: boolean;
  /** Whether the dead-letter queue has a RedrivePolicy of its own. */
  readonly deadLetterHasRedrivePolicy: boolean;
  /** What ListDeadLetterSourceQueues returned for the dead-letter queue (its last read). */
  readonly deadLetterSourceUrls: readonly string[];
  /** Whether that list names the source (by queue name: the list may spell the URL with another host form). */
  readonly sourceListed: boolean;
  /** How many times the list was read: again every 5 s, for up to 60 s, while it lacked the source. */
  readonly sourceListReads: number;
  /** Seconds from the first read to the read that listed the source (0: the first one). */
  readonly sourceListedAfterSeconds?: number;
  /** The dead-letter queue's name (the QueueName dimension an alarm on it carries). */
  readonly deadLetterQueueName: string;
  /** The alarm the stack says watches the dead-letter queue, as CloudWatch describes it; absent when none has that name. */
  readonly alarm?: DeadLetterAlarm;
}

/** A MetricAlarm of DescribeAlarms, the fields that say what it watches. */
export interface DeadLetterAlarm {
  readonly name: string;
  readonly namespace?: string;
  readonly metricName?: string;
  readonly dimensions: readonly { readonly name: string; readonly value: string }[];
  readonly statistic?: string;
  readonly comparisonOperator?: string;
  readonly threshold?: number;
  readonly evaluationPeriods?: number;
  readonly stateValue?: string;
}

/** Both queues' attributes (GetQueueAttributes All) and the dead-letter queue's sources (ListDeadLetterSourceQueues). */
export const queuePair = observationsOf(OUTPUTS)({
  name: 'queue-pair',
  outputs: ['SourceQueueUrl', 'SourceQueueArn', 'DeadLetterQueueUrl', 'DeadLetterQueueArn', 'DeadLetterAlarmName'],
  observe: async (ctx): Promise<QueuePairObservation> => {
    const out = ctx.outputs;
    const { GetQueueAttributesCommand, ListDeadLetterSourceQueuesCommand, SQSClient } = await import('@aws-sdk/client-sqs');
    const sqs = new SQSClient(ctx.aws);
    const source = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: out.SourceQueueUrl, AttributeNames: ['All'] }))).Attributes ?? {};
    const dlq = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: out.DeadLetterQueueUrl, AttributeNames: ['All'] }))).Attributes ?? {};
    // Every page: with MaxResults set, a response with more to come carries NextToken ("ListDeadLetterSourceQueues",
    // Amazon SQS API Reference, https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ListDeadLetterSourceQueues.html).
    const listSources = async (): Promise<string[]> => {
      const urls: string[] = [];
      let nextToken: string | undefined;
      do {
        const page = await sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: out.DeadLetterQueueUrl, MaxResults: 1000, NextToken: nextToken }));
        urls.push(...(page.queueUrls ?? []));
        nextToken = page.NextToken;
      } while (nextToken);
      return urls;
    };
    // Right after a deploy the list may not show the source yet (SOURCE_LIST_MAX_WAIT_MS: SetQueueAttributes's
    // "up to 60 seconds" to propagate): read it again every 5 s for that minute before SQS's answer counts.
    const listedFrom = ctx.now();
    const listsSource = (urls: readonly string[]) => urls.some((url) => queueNameOf(url) === queueNameOf(out.SourceQueueUrl));
    let sources = await listSources();
    let reads = 1;
    while (!listsSource(sources) && ctx.now() - listedFrom < SOURCE_LIST_MAX_WAIT_MS) {
      if (reads === 1) ctx.progress('ListDeadLetterSourceQueues does not list the source yet; reading it again every 5 s for up to 60 s (attribute changes take up to 60 s to propagate)');
      await ctx.sleep(SOURCE_LIST_RETRY_MS);
      sources = await listSources();
      reads += 1;
    }
    const sourceListed = listsSource(sources);
    // Read back as configuration (T2 reports it, the offline check judges it). MetricAlarm (Amazon CloudWatch API Reference): Namespace, MetricName, Dimensions [{ Name, Value }],
    // ComparisonOperator, Threshold, EvaluationPeriods, StateValue; an unknown name returns no alarm, not an error.
    // https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarms.html
    const { CloudWatchClient, DescribeAlarmsCommand } = await import('@aws-sdk/client-cloudwatch');
    const found = (await new CloudWatchClient(ctx.aws).send(new DescribeAlarmsCommand({ AlarmNames: [out.DeadLetterAlarmName], AlarmTypes: ['MetricAlarm'] }))).MetricAlarms?.[0];
    const alarm: DeadLetterAlarm | undefined = found && {
      name: found.AlarmName ?? out.DeadLetterAlarmName,
      ...(found.Namespace ? { namespace: found.Namespace } : {}),
      ...(found.MetricName ? { metricName: found.MetricName } : {}),
      dimensions: (found.Dimensions ?? []).map((d) => ({ name: d.Name ?? '', value: d.Value ?? '' })),
      ...(found.Statistic ? { statistic: found.Statistic } : {}),
      ...(found.ComparisonOperator ? { comparisonOperator: found.ComparisonOperator } : {}),
      ...(found.Threshold !== undefined ? { threshold: found.Threshold } : {}),
      ...(found.EvaluationPeriods !== undefined ? { evaluationPeriods: found.EvaluationPeriods } : {}),
      ...(found.StateValue ? { stateValue: found.StateValue } : {}),
    };
    return {
      sourceQueueUrl: out.SourceQueueUrl,
      sourceQueueArn: out.SourceQueueArn,
      deadLetterQueueArn: out.DeadLetterQueueArn,
      redrivePolicy: parseRedrivePolicy(source.RedrivePolicy),
      ...(dlq.RedriveAllowPolicy ? { redriveAllowPolicy: JSON.parse(dlq.RedriveAllowPolicy) as RedriveAllowPolicy } : {}),
      sourceFifo: source.FifoQueue === 'true',
      deadLetterFifo: dlq.FifoQueue === 'true',
      deadLetterHasRedrivePolicy: !!dlq.RedrivePolicy,
      deadLetterSourceUrls: sources,
      sourceListed,
      sourceListReads: reads,
      ...(sourceListed ? { sourceListedAfterSeconds: Math.round((ctx.now() - listedFrom) / 100) / 10 } : {}),
      deadLetterQueueName: queueNameOf(out.DeadLetterQueueUrl),
      ...(alarm ? { alarm } : {}),
    };
  },
});
