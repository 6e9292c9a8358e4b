/** What the synthesized template says about the lab's queues, functions and alarm. */
import type { TemplateJson } from '../../lib/lab-kit/template/json';
import { refTarget, resourceOfOutput, resourcesOfType, type TemplateResource } from '../../lib/lab-kit/template/resources';

/** SQS's default retention, when MessageRetentionPeriod is absent. */
const DEFAULT_RETENTION_SECONDS = 345_600;
/** SQS's default visibility timeout. */
const DEFAULT_VISIBILITY_SECONDS = 30;
/** Lambda's default timeout. */
const DEFAULT_TIMEOUT_SECONDS = 3;

/** An intrinsic rendered as text: `${Logical.Attr}` for references, joins flattened. */
export function flatten(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object') {
    const v = value as Record<string, any>;
    if (typeof v.Ref === 'string') return `\${${v.Ref}}`;
    if (Array.isArray(v['Fn::GetAtt'])) return `\${${v['Fn::GetAtt'].join('.')}}`;
    if (Array.isArray(v['Fn::Join'])) return (v['Fn::Join'][1] as unknown[]).map(flatten).join(v['Fn::Join'][0]);
  }
  return JSON.stringify(value);
}

function parsed(value: unknown): any {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

export interface QueueFacts {
  readonly logicalId: string;
  readonly fifo: boolean;
  readonly retentionSeconds: number;
  readonly visibilitySeconds: number;
  /** QueueName rendered as text (intrinsics flattened); absent when CloudFormation generates the name. */
  readonly queueName?: string;
  /** QueueName is a literal: the same name on every deploy, which SQS refuses for 60 s after a delete. */
  readonly queueNameFixed: boolean;
  /** The redrive policy: the dead-letter queue's logical id and maxReceiveCount. */
  readonly redrive?: { readonly target?: string; readonly maxReceiveCount?: number };
  /** The redrive-allow policy, with source ARNs flattened to text. */
  readonly redriveAllow?: { readonly permission?: string; readonly sourceArns: readonly string[] };
}

export function queueFacts(q: TemplateResource): QueueFacts {
  const p = q.properties;
  const redrive = parsed(p.RedrivePolicy);
  const allow = parsed(p.RedriveAllowPolicy);
  return {
    logicalId: q.logicalId,
    fifo: p.FifoQueue === true || p.FifoQueue === 'true',
    retentionSeconds: Number(p.MessageRetentionPeriod ?? DEFAULT_RETENTION_SECONDS),
    visibilitySeconds: Number(p.VisibilityTimeout ?? DEFAULT_VISIBILITY_SECONDS),
    queueName: p.QueueName !== undefined ? flatten(p.QueueName) : undefined,
    queueNameFixed: typeof p.QueueName === 'string',
    redrive: redrive ? { target: refTarget(redrive.deadLetterTargetArn), maxReceiveCount: Number(redrive.maxReceiveCount) } : undefined,
    redriveAllow: allow ? { permission: allow.redrivePermission, sourceArns: (allow.sourceQueueArns ?? []).map(flatten) } : undefined,
  };
}

export interface FunctionFacts {
  readonly logicalId: string;
  readonly timeoutSeconds: number;
  /** The logical id of its own dead-letter queue (DeadLetterConfig). */
  readonly deadLetterTarget?: string;
  readonly invokeConfig?: {
    readonly maximumRetryAttempts?: number;
    readonly maximumEventAgeSeconds?: number;
    /** The logical id of the on-failure destination. */
    readonly onFailure?: string;
  };
  /** Its SQS event source mappings. */
  readonly mappings: ReadonlyArray<{
    readonly source?: string;
    readonly reportsBatchItemFailures: boolean;
    readonly batchSize?: number;
    /** MaximumBatchingWindowInSeconds (absent: 0 for SQS). */
    readonly batchingWindowSeconds?: number;
  }>;
}

export function functionFacts(template: TemplateJson, fn: TemplateResource): FunctionFacts {
  const config = resourcesOfType(template, 'AWS::Lambda::EventInvokeConfig').find((c) => refTarget(c.properties.FunctionName) === fn.logicalId);
  const mappings = resourcesOfType(template, 'AWS::Lambda::EventSourceMapping').filter((m) => refTarget(m.properties.FunctionName) === fn.logicalId);
  return {
    logicalId: fn.logicalId,
    timeoutSeconds: Number(fn.properties.Timeout ?? DEFAULT_TIMEOUT_SECONDS),
    deadLetterTarget: refTarget(fn.properties.DeadLetterConfig?.TargetArn),
    invokeConfig: config
      ? {
          maximumRetryAttempts: config.properties.MaximumRetryAttempts,
          maximumEventAgeSeconds: config.properties.MaximumEventAgeInSeconds,
          onFailure: refTarget(config.properties.DestinationConfig?.OnFailure?.Destination),
        }
      : undefined,
    mappings: mappings.map((m) => ({
      source: refTarget(m.properties.EventSourceArn),
      reportsBatchItemFailures: (m.properties.FunctionResponseTypes ?? []).includes('ReportBatchItemFailures'),
      batchSize: m.properties.BatchSize,
      batchingWindowSeconds: m.properties.MaximumBatchingWindowInSeconds,
    })),
  };
}

/** Everything the offline checks read, found through the stack's outputs. */
export interface LabFacts {
  readonly source: QueueFacts;
  readonly deadLetter: QueueFacts;
  readonly consumer: FunctionFacts;
  readonly consumerFunctionDlq: string;
  readonly asyncFunction: FunctionFacts;
  readonly asyncFailureDestination: QueueFacts;
  readonly asyncFunctionDlq: string;
  /** The alarm the DeadLetterAlarmName output names, and what it watches. */
  readonly alarm: { readonly logicalId: string; readonly metricName?: string; readonly threshold?: number; readonly comparison?: string; readonly queue?: string };
}

export function labFacts(template: TemplateJson): LabFacts {
  const alarm = resourceOfOutput(template, 'DeadLetterAlarmName');
  const queueDimension = (alarm.properties.Dimensions ?? []).find((d: any) => d.Name === 'QueueName');
  return {
    source: queueFacts(resourceOfOutput(template, 'SourceQueueUrl')),
    deadLetter: queueFacts(resourceOfOutput(template, 'DeadLetterQueueUrl')),
    consumer: functionFacts(template, resourceOfOutput(template, 'ConsumerFunctionName')),
    consumerFunctionDlq: resourceOfOutput(template, 'ConsumerFunctionDlqUrl').logicalId,
    asyncFunction: functionFacts(template, resourceOfOutput(template, 'AsyncFunctionName')),
    asyncFailureDestination: queueFacts(resourceOfOutput(template, 'AsyncFailureDestinationUrl')),
    asyncFunctionDlq: resourceOfOutput(template, 'AsyncFunctionDlqUrl').logicalId,
    alarm: {
      logicalId: alarm.logicalId,
      metricName: alarm.properties.MetricName,
      threshold: alarm.properties.Threshold,
      comparison: alarm.properties.ComparisonOperator,
      queue: refTarget(queueDimension?.Value),
    },
  };
}

/** Whether a redrive-allow policy lets this source queue use the dead-letter queue. */
export function allowsSource(deadLetter: QueueFacts, source: QueueFacts): boolean {
  const allow = deadLetter.redriveAllow;
  if (!allow || allow.permission === 'allowAll') return true;
  if (allow.permission !== 'byQueue') return false;
  return allow.sourceArns.some(
    (arn) => arn === `\${${source.logicalId}.Arn}` || (source.queueName !== undefined && arn.endsWith(`:${source.queueName}`)),
  );
}
