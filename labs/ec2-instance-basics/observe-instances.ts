/**
 * What EC2 says of the stack's two instances, read once per run and shared: state, launch time,
 * monitoring, metadata options, instance profile and block devices; and what each writes on its
 * serial console (the metadata probe's last try).
 */
import type { Instance } from '@aws-sdk/client-ec2';
import { type ProbeLine, waitForProbeLines } from '../../lib/lab-kit/checks/console-probe-reader';
import { observationsOf } from '../../lib/lab-kit/checks/lab-definition';
import type { AwsClientConfig } from '../../lib/lab-kit/core/aws-config';
import { OUTPUTS } from './outputs';
import { IMDS_PROBE, probeFields } from './probes';

const observe = observationsOf(OUTPUTS);

/** The two instances by their role in the lab. */
export const INSTANCE_KEYS = ['detailed', 'basic'] as const;
export type InstanceKey = (typeof INSTANCE_KEYS)[number];
const OUTPUT_OF: Record<InstanceKey, 'DetailedInstanceId' | 'BasicInstanceId'> = { detailed: 'DetailedInstanceId', basic: 'BasicInstanceId' };

export interface BlockDeviceView {
  readonly deviceName: string;
  readonly volumeId?: string;
  readonly deleteOnTermination?: boolean;
}

/** One instance as DescribeInstances gives it (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Instance.html). */
export interface InstanceView {
  readonly instanceId: string;
  /** InstanceState.Name: pending | running | shutting-down | terminated | stopping | stopped; `missing` when DescribeInstances did not return it. */
  readonly state: string;
  /** LaunchTime, epoch ms. */
  readonly launchTimeMs?: number;
  /** Monitoring.State: disabled | disabling | enabled | pending. */
  readonly monitoring?: string;
  /** MetadataOptions.HttpTokens: optional | required. */
  readonly httpTokens?: string;
  /** MetadataOptions.HttpEndpoint: enabled | disabled ("InstanceMetadataOptionsResponse", https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InstanceMetadataOptionsResponse.html). */
  readonly httpEndpoint?: string;
  readonly instanceProfileArn?: string;
  readonly rootDeviceName?: string;
  readonly blockDevices: readonly BlockDeviceView[];
  readonly availabilityZone?: string;
}

export function instanceView(instanceId: string, i: Instance | undefined): InstanceView {
  return {
    instanceId,
    state: i?.State?.Name ?? 'missing',
    launchTimeMs: i?.LaunchTime ? new Date(i.LaunchTime).getTime() : undefined,
    monitoring: i?.Monitoring?.State,
    httpTokens: i?.MetadataOptions?.HttpTokens,
    httpEndpoint: i?.MetadataOptions?.HttpEndpoint,
    instanceProfileArn: i?.IamInstanceProfile?.Arn,
    rootDeviceName: i?.RootDeviceName,
    blockDevices: (i?.BlockDeviceMappings ?? []).map((m) => ({ deviceName: m.DeviceName ?? '?', volumeId: m.Ebs?.VolumeId, deleteOnTermination: m.Ebs?.DeleteOnTermination })),
    availabilityZone: i?.Placement?.AvailabilityZone,
  };
}

/**
 * DescribeInstances for these ids, with an `instance-id` filter (an unknown id in `InstanceIds` fails
 * the whole call with InvalidInstanceID.NotFound; a filter leaves it out), every page read.
 * @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstances.html
 */
export async function describeInstances(aws: AwsClientConfig, ids: readonly string[]): Promise<Map<string, Instance>> {
  const { EC2Client, paginateDescribeInstances } = await import('@aws-sdk/client-ec2');
  const ec2 = new EC2Client(aws);
  const found = new Map<string, Instance>();
  for await (const page of paginateDescribeInstances({ client: ec2 }, { Filters: [{ Name: 'instance-id', Values: [...ids] }] })) {
    for (const r of page.Reservations ?? []) for (const i of r.Instances ?? []) if (i.InstanceId) found.set(i.InstanceId, i);
  }
  return found;
}

export type InstancesObservation = Record<InstanceKey, InstanceView>;

export const instances = observe({
  name: 'instances',
  outputs: ['DetailedInstanceId', 'BasicInstanceId'],
  async observe(ctx): Promise<InstancesObservation> {
    const ids = INSTANCE_KEYS.map((k) => ctx.outputs[OUTPUT_OF[k]]);
    const found = await describeInstances(ctx.aws, ids);
    return { detailed: instanceView(ids[0], found.get(ids[0])), basic: instanceView(ids[1], found.get(ids[1])) };
  },
});

/** What one instance's metadata probe showed on its last try. */
export interface MetadataTry {
  readonly instanceId: string;
  readonly line: ProbeLine;
  /** HTTP status of the tokenless (IMDSv1) GET of meta-data/instance-id. */
  readonly v1Status: string;
  /** Length of the token the PUT to /latest/api/token returned (0: none). */
  readonly tokenLength: number;
  /** HTTP status of the same GET with the token (IMDSv2). */
  readonly v2Status: string;
  /** HTTP status of iam/security-credentials/ with the token: 200 with a role, 404 without an instance profile. */
  readonly credentialsListStatus: string;
  /** The credential document's Code, AccessKeyId's first four characters, Expiration and LastUpdated, when served. */
  readonly credentials?: { readonly code: string; readonly keyPrefix: string; readonly expiration: string; readonly lastUpdated: string };
}

export function metadataTry(instanceId: string, line: ProbeLine): MetadataTry {
  const f = probeFields(line.output);
  return {
    instanceId,
    line,
    v1Status: f.v1 ?? '?',
    tokenLength: Number(f.tokenlen ?? 0),
    v2Status: f.v2 ?? '?',
    credentialsListStatus: f.list ?? '?',
    credentials: f.code !== undefined ? { code: f.code, keyPrefix: f.key ?? '', expiration: f.exp ?? '', lastUpdated: f.upd ?? '' } : undefined,
  };
}

export type MetadataObservation = { readonly instances: InstancesObservation } & Record<InstanceKey, MetadataTry>;

export const metadata = observe({
  name: 'metadata',
  outputs: ['DetailedInstanceId', 'BasicInstanceId'],
  uses: [instances],
  async observe(ctx): Promise<MetadataObservation> {
    const seen = await ctx.observe(instances);
    const read = async (key: InstanceKey) => {
      const lines = await waitForProbeLines(ctx, { instanceId: seen[key].instanceId, name: IMDS_PROBE, minLines: 1 });
      return metadataTry(seen[key].instanceId, lines[lines.length - 1]);
    };
    return { instances: seen, detailed: await read('detailed'), basic: await read('basic') };
  },
});
