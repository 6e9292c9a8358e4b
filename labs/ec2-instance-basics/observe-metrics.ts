/**
 * B20, I20: which metrics EC2 sends CloudWatch with no agent on the instance, and how far apart its
 * data points are with basic and with detailed monitoring, measured, not read from a setting.
 */
import { observationsOf } from '../../lib/lab-kit/checks/lab-definition';
import { instances, INSTANCE_KEYS, type InstanceKey, type InstancesObservation } from './observe-instances';
import { OUTPUTS } from './outputs';

const observe = observationsOf(OUTPUTS);

/** The metric whose data points are measured: EC2 sends it for every instance ("List the available CloudWatch metrics for your instances", https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/viewing_metrics_with_cloudwatch.html). */
export const MEASURED_METRIC = 'CPUUtilization';
/** The namespace EC2 publishes instance metrics under. */
export const EC2_NAMESPACE = 'AWS/EC2';
/** The CloudWatch agent's default namespace ("Metrics collected by the CloudWatch agent", https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/metrics-collected-by-CloudWatch-agent.html). */
export const AGENT_NAMESPACE = 'CWAgent';
/** GetMetricData's window: the last three hours, more than a lab's TTL-bounded life needs. */
const WINDOW_MS = 3 * 3600_000;

export interface InstanceMetrics {
  readonly instanceId: string;
  /** Monitoring.State from DescribeInstances. */
  readonly monitoring?: string;
  /** Minutes since LaunchTime when the metrics were read. */
  readonly ageMinutes?: number;
  /** Metric names in AWS/EC2 with this InstanceId dimension (ListMetrics, every page). */
  readonly ec2MetricNames: readonly string[];
  /** Metric names in CWAgent with this InstanceId dimension. */
  readonly agentMetricNames: readonly string[];
  /** Timestamps (epoch ms, ascending) of CPUUtilization data points, asked for at a 60-second period. */
  readonly timestampsMs: readonly number[];
}

export type MetricsObservation = Record<InstanceKey, InstanceMetrics> & { readonly readAtMs: number };

/** The gaps between consecutive data points, seconds. */
export function spacings(timestampsMs: readonly number[]): number[] {
  const sorted = [...timestampsMs].sort((a, b) => a - b);
  return sorted.slice(1).map((t, i) => Math.round((t - sorted[i]) / 1000));
}

/** The median of a list (the lower middle for an even count); undefined for an empty one. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

export const metrics = observe({
  name: 'metrics',
  outputs: ['DetailedInstanceId', 'BasicInstanceId'],
  uses: [instances],
  async observe(ctx): Promise<MetricsObservation> {
    const { CloudWatchClient, GetMetricDataCommand, paginateListMetrics } = await import('@aws-sdk/client-cloudwatch');
    const cw = new CloudWatchClient(ctx.aws);
    const seen: InstancesObservation = await ctx.observe(instances);
    const now = ctx.now();
    // https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_ListMetrics.html
    const names = async (namespace: string, instanceId: string) => {
      const found = new Set<string>();
      for await (const page of paginateListMetrics({ client: cw }, { Namespace: namespace, Dimensions: [{ Name: 'InstanceId', Value: instanceId }] })) {
        for (const m of page.Metrics ?? []) if (m.MetricName) found.add(m.MetricName);
      }
      return [...found].sort();
    };
    // https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html
    const timestamps = async (instanceId: string, launchMs: number | undefined) => {
      const out: number[] = [];
      let NextToken: string | undefined;
      do {
        const page = await cw.send(
          new GetMetricDataCommand({
            StartTime: new Date(Math.max(now - WINDOW_MS, launchMs ?? now - WINDOW_MS)),
            EndTime: new Date(now),
            ScanBy: 'TimestampAscending',
            NextToken,
            MetricDataQueries: [
              {
                Id: 'cpu',
                MetricStat: { Metric: { Namespace: EC2_NAMESPACE, MetricName: MEASURED_METRIC, Dimensions: [{ Name: 'InstanceId', Value: instanceId }] }, Period: 60, Stat: 'Average' },
                ReturnData: true,
              },
            ],
          }),
        );
        for (const r of page.MetricDataResults ?? []) for (const t of r.Timestamps ?? []) out.push(new Date(t).getTime());
        NextToken = page.NextToken;
      } while (NextToken);
      return [...new Set(out)].sort((a, b) => a - b);
    };
    const read = async (key: InstanceKey): Promise<InstanceMetrics> => {
      const i = seen[key];
      ctx.progress(`reading the CloudWatch metrics of ${i.instanceId} (${key} monitoring)`);
      return {
        instanceId: i.instanceId,
        monitoring: i.monitoring,
        ageMinutes: i.launchTimeMs !== undefined ? Math.round((now - i.launchTimeMs) / 6000) / 10 : undefined,
        ec2MetricNames: await names(EC2_NAMESPACE, i.instanceId),
        agentMetricNames: await names(AGENT_NAMESPACE, i.instanceId),
        timestampsMs: await timestamps(i.instanceId, i.launchTimeMs),
      };
    };
    const [detailed, basic] = [await read(INSTANCE_KEYS[0]), await read(INSTANCE_KEYS[1])];
    return { detailed, basic, readAtMs: now };
  },
});
