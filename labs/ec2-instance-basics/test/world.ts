/**
 * The mocked AWS world of ec2-instance-basics' live tests: EC2 and CloudWatch answering as their API
 * references describe, driven by a fake clock, with knobs for the observations that must fail.
 *
 * Shapes: EC2 DescribeInstances (Reservations[].Instances[], InstanceState, Monitoring, MetadataOptions,
 * IamInstanceProfile, BlockDeviceMappings[].Ebs), DescribeVolumes (Volume, VolumeAttachment),
 * DescribeVolumesModifications and ModifyVolume (VolumeModification), DescribeSecurityGroups (SecurityGroup,
 * IpPermission), CreateSecurityGroup, RunInstances, TerminateInstances, DeleteVolume, GetConsoleOutput (Output
 * base64): https://docs.aws.amazon.com/AWSEC2/latest/APIReference/ ; CloudWatch ListMetrics (Metrics[],
 * NextToken) and GetMetricData (MetricDataResults[].Timestamps/Values/StatusCode):
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/
 */
import { CloudWatchClient, GetMetricDataCommand, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateSecurityGroupCommand,
  DeleteSecurityGroupCommand,
  DeleteVolumeCommand,
  DescribeAddressesCommand,
  DescribeInstancesCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVolumesCommand,
  DescribeVolumesModificationsCommand,
  EC2Client,
  EC2ServiceException,
  GetConsoleOutputCommand,
  type IpPermission,
  ModifyVolumeCommand,
  RunInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { GetProductsCommand, PricingClient, PricingServiceException } from '@aws-sdk/client-pricing';
import { mockClient } from 'aws-sdk-client-mock';
import type { LiveRun } from '../../../lib/lab-kit/checks/runner';

export const ec2 = mockClient(EC2Client);
export const cw = mockClient(CloudWatchClient);
export const pricing = mockClient(PricingClient);

export const START = Date.parse('2026-11-23T12:00:00Z');
export const IDS = { detailed: 'i-0a1b2c3d4e5f60001', basic: 'i-0a1b2c3d4e5f60002', launched: 'i-0a1b2c3d4e5f60003' };
export const VOLUMES = { detailedRoot: 'vol-0a000000000000001', detailedData: 'vol-0a000000000000002', basicRoot: 'vol-0a000000000000003', basicData: 'vol-0a000000000000004', launchedRoot: 'vol-0a000000000000005', launchedData: 'vol-0a000000000000006' };
export const GROUPS = { created: 'sg-0c0000000000000001', vpcDefault: 'sg-0d0000000000000001', launch: 'sg-0e0000000000000001' };
export const OUTPUTS = {
  DetailedInstanceId: IDS.detailed,
  BasicInstanceId: IDS.basic,
  VpcId: 'vpc-0123456789abcdef0',
  SubnetId: 'subnet-0123456789abcdef0',
  LaunchSecurityGroupId: GROUPS.launch,
  ImageId: 'ami-0123456789abcdef0',
};
export const GIB = 1024 ** 3;
/** What df reports for an XFS file system made on 1 GiB (the log and metadata take the rest). */
export const FS_BYTES_1GIB = 1_006_632_960;
/** What df reports for the 8 GiB root XFS. */
export const ROOT_FS_BYTES = 8_575_254_528;

/** The knobs of the world: each one makes one observation contradict the truth, or miss its precondition. */
export interface World {
  /** The HTTP status of a tokenless metadata GET, per instance. */
  v1Status: string;
  /**
   * The metadata service: `on`; `off` (HttpEndpoint disabled, every request 403 "IMDS is turned off", the HTTP
   * error codes table of "Use the Instance Metadata Service to access instance metadata",
   * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html); `blocked` (on, but a host
   * firewall drops 169.254.169.254: curl prints 000 and gets no token).
   */
  imds: 'on' | 'off' | 'blocked';
  /** The data volume's file system is mounted at /data (not after a failed mount or a reboot without fstab). */
  dataMounted: boolean;
  /** The basic instance has an instance profile and credentials after all. */
  basicHasRole: boolean;
  /** The access key prefix the probe prints. */
  keyPrefix: string;
  /** The metrics EC2 lists for an instance. */
  ec2Metrics: string[];
  /** Agent metrics for the instances. */
  agentMetrics: string[];
  /** Seconds between CPUUtilization points, per instance. */
  spacing: { detailed: number; basic: number };
  /** How long before START the instances launched, minutes. */
  ageMinutes: number;
  /** The data volume of the throwaway instance after termination: `available` is the truth. */
  launchedDataAfter: string;
  /** Its root volume's flag, as the AMI sets it. */
  launchedRootDeleteOnTermination: boolean;
  /** The modification states, one per poll after ModifyVolume. */
  modificationStates: string[];
  /** A modification made before this run (a re-run). */
  earlierModification: boolean;
  /** Polls right after ModifyVolume that still get InvalidVolumeModification.NotFound (eventual consistency). */
  modificationHiddenPolls: number;
  /** The file system grows by itself with the block device (it does not). */
  fsGrows: boolean;
  /** The default security group's inbound rules. */
  defaultIngress?: IpPermission[];
  /** The new group's egress rules. */
  createdEgress?: IpPermission[];
  /** DescribeSecurityGroups of the new group answers InvalidGroup.NotFound this many times first (eventual consistency). */
  createdHiddenTries: number;
  /** DescribeSecurityGroups of the new group fails (the group must still be deleted). */
  describeCreatedFails: boolean;
  /** The Price List's hourly USD for the in-use and idle public IPv4 usage types; undefined: the product is absent. */
  ipv4Prices: { inUse?: string; idle?: string };
  /** GetProducts is denied (no pricing:GetProducts permission). */
  pricingDenied: boolean;
  /** A public IPv4 address on one of the lab's network interfaces (none by design). */
  eniPublicIp?: string;
  /** DescribeInstances of the throwaway instance fails once it runs (it and its volume must still be cleaned up). */
  launchedDescribeFails: boolean;
}

export function truthfulWorld(): World {
  return {
    v1Status: '401',
    imds: 'on',
    dataMounted: true,
    basicHasRole: false,
    keyPrefix: 'ASIA',
    ec2Metrics: ['CPUCreditBalance', 'CPUCreditUsage', 'CPUUtilization', 'DiskReadBytes', 'EBSReadOps', 'EBSWriteBytes', 'MetadataNoToken', 'NetworkIn', 'NetworkOut', 'StatusCheckFailed'],
    agentMetrics: [],
    spacing: { detailed: 60, basic: 300 },
    ageMinutes: 30,
    launchedDataAfter: 'available',
    launchedRootDeleteOnTermination: true,
    modificationStates: ['modifying', 'modifying', 'optimizing', 'optimizing', 'completed'],
    earlierModification: false,
    modificationHiddenPolls: 1,
    fsGrows: false,
    createdHiddenTries: 1,
    describeCreatedFails: false,
    ipv4Prices: { inUse: '0.0050000000', idle: '0.0050000000' },
    pricingDenied: false,
    launchedDescribeFails: false,
  };
}

const rule = (p: Partial<IpPermission>): IpPermission => ({ IpRanges: [], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [], ...p });
const ALL_OUT = rule({ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] });

/** A fake clock and the LiveRun around it. */
export function fakeRun(clock: { now: number }, options: Record<string, string | boolean> = {}): LiveRun {
  return { labId: 'ec2-instance-basics', outputs: OUTPUTS, aws: { region: 'us-east-1' }, options, progress: () => {}, sleep: async (ms) => void (clock.now += ms), now: () => clock.now };
}

function console64(lines: string[]): string {
  return Buffer.from(lines.join('\n') + '\n').toString('base64');
}

/** Installs the world on the mocks; returns the clock and what was done to it. */
export function mockWorld(w: World) {
  ec2.reset();
  cw.reset();
  pricing.reset();
  const clock = { now: START };
  const launchMs = START - w.ageMinutes * 60_000;
  const log = { createdDeleted: false, launchedTerminated: 0, launchedDataDeleted: false, modifyCalls: 0 };
  let modifiedAt: number | undefined;
  let polls = 0;
  let hiddenPolls = 0;
  let createdHidden = 0;
  let launchedState: 'none' | 'pending' | 'running' | 'shutting-down' | 'terminated' = 'none';
  let launchedDescribes = 0;

  const instance = (key: 'detailed' | 'basic' | 'launched') => {
    const id = IDS[key];
    const devices =
      key === 'launched'
        ? [
            { DeviceName: '/dev/xvda', Ebs: { VolumeId: VOLUMES.launchedRoot, Status: 'attached', DeleteOnTermination: w.launchedRootDeleteOnTermination, AttachTime: new Date(clock.now) } },
            { DeviceName: '/dev/sdf', Ebs: { VolumeId: VOLUMES.launchedData, Status: 'attached', DeleteOnTermination: false, AttachTime: new Date(clock.now) } },
          ]
        : [
            { DeviceName: '/dev/xvda', Ebs: { VolumeId: key === 'detailed' ? VOLUMES.detailedRoot : VOLUMES.basicRoot, Status: 'attached', DeleteOnTermination: true, AttachTime: new Date(launchMs) } },
            { DeviceName: '/dev/sdf', Ebs: { VolumeId: key === 'detailed' ? VOLUMES.detailedData : VOLUMES.basicData, Status: 'attached', DeleteOnTermination: true, AttachTime: new Date(launchMs) } },
          ];
    const hasRole = key === 'detailed' || (key === 'basic' && w.basicHasRole);
    return {
      InstanceId: id,
      InstanceType: 't4g.nano',
      ImageId: OUTPUTS.ImageId,
      LaunchTime: new Date(key === 'launched' ? clock.now : launchMs),
      State: key === 'launched' ? { Code: 16, Name: launchedState } : { Code: 16, Name: 'running' },
      Monitoring: { State: key === 'detailed' ? 'enabled' : 'disabled' },
      MetadataOptions: { State: 'applied', HttpTokens: 'required', HttpPutResponseHopLimit: 1, HttpEndpoint: w.imds === 'off' ? 'disabled' : 'enabled', HttpProtocolIpv6: 'disabled', InstanceMetadataTags: 'disabled' },
      ...(hasRole ? { IamInstanceProfile: { Arn: `arn:aws:iam::123456789012:instance-profile/${key}-profile`, Id: 'AIPAEXAMPLEEXAMPLE01' } } : {}),
      RootDeviceName: '/dev/xvda',
      RootDeviceType: 'ebs',
      BlockDeviceMappings: devices,
      Placement: { AvailabilityZone: 'us-east-1a', Tenancy: 'default' },
    };
  };

  ec2.on(DescribeInstancesCommand).callsFake((input) => {
    const wanted: string[] = input.Filters?.find((f: any) => f.Name === 'instance-id')?.Values ?? input.InstanceIds ?? [];
    const found = [];
    for (const key of ['detailed', 'basic', 'launched'] as const) {
      if (!wanted.includes(IDS[key])) continue;
      if (key === 'launched') {
        if (launchedState === 'none') continue;
        launchedDescribes += 1;
        if (w.launchedDescribeFails && launchedState === 'running') throw Object.assign(new Error('Request limit exceeded.'), { name: 'RequestLimitExceeded' });
        // Each look moves the instance on: pending, then running; shutting-down, then terminated.
        const seen = instance('launched');
        if (launchedState === 'pending') launchedState = 'running';
        else if (launchedState === 'shutting-down') launchedState = 'terminated';
        found.push(seen);
      } else found.push(instance(key));
    }
    return { Reservations: found.length ? [{ ReservationId: 'r-0123456789abcdef0', OwnerId: '123456789012', Instances: found }] : [] };
  });

  ec2.on(GetConsoleOutputCommand).callsFake((input) => {
    const key = input.InstanceId === IDS.detailed ? 'detailed' : 'basic';
    const lines: string[] = [`[    0.000000] Booting Linux on physical CPU 0x0000000000 [0x413fd0c1]`];
    let seq = 0;
    for (let t = START - 10 * 60_000; t <= clock.now; t += 60_000) {
      seq += 1;
      const hasRole = key === 'detailed' || w.basicHasRole;
      const creds = hasRole ? ` code=Success key=${w.keyPrefix} exp=${new Date(START + 5 * 3600_000).toISOString().replace('.000', '')} upd=${new Date(START - 3600_000).toISOString().replace('.000', '')}` : '';
      if (w.imds === 'on') lines.push(`LABPROBE name=imds seq=${seq} at=${Math.floor(t / 1000)} rc=0 out=v1=${w.v1Status} tokenlen=56 v2=200 list=${hasRole ? 200 : 404}${creds}`);
      else {
        // Off: 403 to everything (the PUT's body is no token, the probe's curl keeps it: its length is not 0); blocked: no answer.
        const s = w.imds === 'off' ? '403' : '000';
        lines.push(`LABPROBE name=imds seq=${seq} at=${Math.floor(t / 1000)} rc=0 out=v1=${s} tokenlen=${w.imds === 'off' ? 17 : 0} v2=${s} list=${s}`);
      }
    }
    seq = 0;
    for (let t = START - 10 * 60_000; t <= clock.now; t += 20_000) {
      seq += 1;
      const grown = w.earlierModification || (modifiedAt !== undefined && t >= modifiedAt + 30_000);
      const block = grown ? 2 * GIB : GIB;
      const fs = grown && w.fsGrows ? 2 * FS_BYTES_1GIB : FS_BYTES_1GIB;
      // Not mounted: df measures the 8 GiB root XFS that holds /data, and findmnt finds nothing there.
      const out = w.dataMounted ? `block=${block} fs=${fs} dev=/dev/nvme1n1 src=/dev/nvme1n1` : `block=${block} fs=${ROOT_FS_BYTES} dev=/dev/nvme1n1 src=none`;
      lines.push(`LABPROBE name=disk seq=${seq} at=${Math.floor(t / 1000)} rc=0 out=${out}`);
    }
    return { InstanceId: input.InstanceId, Timestamp: new Date(clock.now), Output: console64(lines) };
  });

  // The stack's data volume: 1 GiB until modified.
  ec2.on(DescribeVolumesCommand).callsFake((input) => {
    if (input.VolumeIds?.includes(VOLUMES.detailedData)) {
      const size = w.earlierModification || modifiedAt !== undefined ? 2 : 1;
      return {
        Volumes: [{ VolumeId: VOLUMES.detailedData, Size: size, VolumeType: 'gp3', State: 'in-use', AvailabilityZone: 'us-east-1a', Encrypted: true, Iops: 3000, Throughput: 125, MultiAttachEnabled: false, Attachments: [{ VolumeId: VOLUMES.detailedData, InstanceId: IDS.detailed, Device: '/dev/sdf', State: 'attached', DeleteOnTermination: true, AttachTime: new Date(launchMs) }] }],
      };
    }
    // The throwaway instance's volumes by their launch tags (the `tag:<key>` filters): the root goes with the instance, the data volume stays.
    const named = input.Filters?.find((f: any) => f.Name === 'tag:Name')?.Values ?? [];
    if (named.includes('ec2-instance-basics-b22-termination')) {
      const tags = [{ Key: 'lab', Value: 'ec2-instance-basics' }, { Key: 'Name', Value: 'ec2-instance-basics-b22-termination' }];
      const attached = (id: string, dot: boolean) => [{ VolumeId: id, InstanceId: IDS.launched, Device: dot ? '/dev/xvda' : '/dev/sdf', State: 'attached', DeleteOnTermination: dot }];
      const volumes = [];
      if (launchedState !== 'terminated') volumes.push({ VolumeId: VOLUMES.launchedRoot, Size: 8, VolumeType: 'gp3', State: 'in-use', Tags: tags, Attachments: attached(VOLUMES.launchedRoot, true) });
      if (!log.launchedDataDeleted) volumes.push({ VolumeId: VOLUMES.launchedData, Size: 1, VolumeType: 'gp3', State: launchedState === 'terminated' ? 'available' : 'in-use', Tags: tags, Attachments: launchedState === 'terminated' ? [] : attached(VOLUMES.launchedData, false) });
      return { Volumes: volumes };
    }
    const wanted: string[] = input.Filters?.find((f: any) => f.Name === 'volume-id')?.Values ?? [];
    const volumes = [];
    if (wanted.includes(VOLUMES.launchedRoot) && launchedState !== 'terminated') volumes.push({ VolumeId: VOLUMES.launchedRoot, Size: 8, VolumeType: 'gp3', State: 'in-use' });
    if (wanted.includes(VOLUMES.launchedData) && !log.launchedDataDeleted) {
      volumes.push({ VolumeId: VOLUMES.launchedData, Size: 1, VolumeType: 'gp3', State: launchedState === 'terminated' ? w.launchedDataAfter : 'in-use' });
    }
    return { Volumes: volumes.filter((v) => v.State !== 'gone') };
  });

  ec2.on(DescribeVolumesModificationsCommand).callsFake(() => {
    if (w.earlierModification) {
      return { VolumesModifications: [{ VolumeId: VOLUMES.detailedData, ModificationState: 'completed', TargetSize: 2, OriginalSize: 1, Progress: 100, StartTime: new Date(START - 3600_000), EndTime: new Date(START - 3500_000) }] };
    }
    // A volume never modified: the service throws rather than returning an empty list (awslabs/aws-sdk-rust
    // issue #1346, https://github.com/awslabs/aws-sdk-rust/issues/1346, quoting the CLI's error), also for a
    // moment after ModifyVolume ("Eventual consistency in the Amazon EC2 API").
    if (modifiedAt === undefined || hiddenPolls < w.modificationHiddenPolls) {
      if (modifiedAt !== undefined) hiddenPolls += 1;
      throw new EC2ServiceException({ name: 'InvalidVolumeModification.NotFound', $fault: 'client', $metadata: { httpStatusCode: 400 }, message: `Modification for volume '${VOLUMES.detailedData}' does not exist.` });
    }
    const state = w.modificationStates[Math.min(polls, w.modificationStates.length - 1)];
    polls += 1;
    return { VolumesModifications: [{ VolumeId: VOLUMES.detailedData, ModificationState: state, TargetSize: 2, OriginalSize: 1, Progress: state === 'completed' ? 100 : 40, StartTime: new Date(modifiedAt), ...(state === 'completed' ? { EndTime: new Date(clock.now) } : {}) }] };
  });

  ec2.on(ModifyVolumeCommand).callsFake((input) => {
    log.modifyCalls += 1;
    modifiedAt = clock.now;
    return { VolumeModification: { VolumeId: input.VolumeId, ModificationState: 'modifying', TargetSize: input.Size, OriginalSize: 1, Progress: 0, StartTime: new Date(clock.now) } };
  });

  ec2.on(CreateSecurityGroupCommand).resolves({ GroupId: GROUPS.created, Tags: [{ Key: 'lab', Value: 'ec2-instance-basics' }] });
  ec2.on(DescribeSecurityGroupsCommand).callsFake((input) => {
    if (input.GroupIds?.includes(GROUPS.created)) {
      // "Eventual consistency in the Amazon EC2 API": a group just created can be InvalidGroup.NotFound for a moment
      // (the code and message of "Error codes for the Amazon EC2 API", https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html).
      if (createdHidden < w.createdHiddenTries) {
        createdHidden += 1;
        throw new EC2ServiceException({ name: 'InvalidGroup.NotFound', $fault: 'client', $metadata: { httpStatusCode: 400 }, message: `The security group '${GROUPS.created}' does not exist` });
      }
      if (w.describeCreatedFails) throw Object.assign(new Error('Request limit exceeded.'), { name: 'RequestLimitExceeded' });
      return { SecurityGroups: [{ GroupId: GROUPS.created, GroupName: 'ec2-instance-basics-b6', Description: 'Lab', OwnerId: '123456789012', VpcId: OUTPUTS.VpcId, IpPermissions: [], IpPermissionsEgress: w.createdEgress ?? [ALL_OUT] }] };
    }
    return {
      SecurityGroups: [
        {
          GroupId: GROUPS.vpcDefault,
          GroupName: 'default',
          Description: 'default VPC security group',
          OwnerId: '123456789012',
          VpcId: OUTPUTS.VpcId,
          IpPermissions: w.defaultIngress ?? [rule({ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: GROUPS.vpcDefault, UserId: '123456789012' }] })],
          IpPermissionsEgress: [ALL_OUT],
        },
      ],
    };
  });
  ec2.on(DeleteSecurityGroupCommand).callsFake(() => {
    log.createdDeleted = true;
    return { Return: true, GroupId: GROUPS.created };
  });

  ec2.on(RunInstancesCommand).callsFake(() => {
    launchedState = 'pending';
    return { ReservationId: 'r-0fedcba9876543210', OwnerId: '123456789012', Instances: [{ InstanceId: IDS.launched, State: { Code: 0, Name: 'pending' } }] };
  });
  ec2.on(TerminateInstancesCommand).callsFake(() => {
    log.launchedTerminated += 1;
    const previous = launchedState;
    launchedState = w.launchedDescribeFails ? 'terminated' : 'shutting-down';
    return { TerminatingInstances: [{ InstanceId: IDS.launched, PreviousState: { Code: 16, Name: previous }, CurrentState: { Code: 32, Name: 'shutting-down' } }] };
  });
  ec2.on(DeleteVolumeCommand).callsFake(() => {
    log.launchedDataDeleted = true;
    return {};
  });

  // GetProducts: PriceList is a list of JSON strings, one product each, with product.attributes and terms.OnDemand
  // ("GetProducts", https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_pricing_GetProducts.html).
  // Two pages, so pagination is followed. The usage types carry the Region's prefix (USE1- for us-east-1).
  const product = (sku: string, usagetype: string, usd: string, what: string) =>
    JSON.stringify({
      product: { productFamily: 'IP Address', attributes: { servicecode: 'AmazonVPC', location: 'US East (N. Virginia)', locationType: 'AWS Region', regionCode: 'us-east-1', usagetype, operation: '', group: 'VPCPublicIPv4Address', groupDescription: what, servicename: 'Amazon Virtual Private Cloud' }, sku },
      serviceCode: 'AmazonVPC',
      terms: { OnDemand: { [`${sku}.JRTCKXETXF`]: { offerTermCode: 'JRTCKXETXF', sku, effectiveDate: '2024-02-01T00:00:00Z', priceDimensions: { [`${sku}.JRTCKXETXF.6YS6EN2CT7`]: { unit: 'Hrs', endRange: 'Inf', description: `$${Number(usd).toFixed(3)} per ${what} per hour`, appliesTo: [], rateCode: `${sku}.JRTCKXETXF.6YS6EN2CT7`, beginRange: '0', pricePerUnit: { USD: usd } } }, termAttributes: {} } } },
      version: '20240201000000',
      publicationDate: '2024-02-01T00:00:00Z',
    });
  pricing.on(GetProductsCommand).callsFake((input) => {
    if (w.pricingDenied) throw new PricingServiceException({ name: 'AccessDeniedException', $fault: 'client', $metadata: { httpStatusCode: 400 }, message: 'User: arn:aws:iam::123456789012:user/lab is not authorized to perform: pricing:GetProducts' });
    const page1 = w.ipv4Prices.inUse !== undefined ? [product('AAAAAAAAAAAAAAAA', 'USE1-PublicIPv4:InUseAddress', w.ipv4Prices.inUse, 'in-use public IPv4 address')] : [];
    const page2 = w.ipv4Prices.idle !== undefined ? [product('BBBBBBBBBBBBBBBB', 'USE1-PublicIPv4:IdleAddress', w.ipv4Prices.idle, 'idle public IPv4 address')] : [];
    return input.NextToken ? { FormatVersion: 'aws_v1', PriceList: page2 } : { FormatVersion: 'aws_v1', PriceList: page1, NextToken: 'page-2' };
  });
  ec2.on(DescribeAddressesCommand).resolves({ Addresses: [] });
  ec2.on(DescribeNetworkInterfacesCommand).resolves({
    NetworkInterfaces: [IDS.detailed, IDS.basic].map((id, n) => ({
      NetworkInterfaceId: `eni-0a00000000000000${n + 1}`,
      VpcId: OUTPUTS.VpcId,
      SubnetId: OUTPUTS.SubnetId,
      Status: 'in-use',
      PrivateIpAddress: `10.0.0.${10 + n}`,
      Attachment: { InstanceId: id, Status: 'attached', DeviceIndex: 0 },
      ...(n === 0 && w.eniPublicIp ? { Association: { PublicIp: w.eniPublicIp, IpOwnerId: 'amazon', PublicDnsName: '' } } : {}),
    })),
  });

  cw.on(ListMetricsCommand).callsFake((input) => {
    const id = input.Dimensions?.[0]?.Value;
    const names = input.Namespace === 'AWS/EC2' ? w.ec2Metrics : w.agentMetrics;
    const metrics = names.map((n) => ({ Namespace: input.Namespace, MetricName: n, Dimensions: [{ Name: 'InstanceId', Value: id }] }));
    // Two pages, so pagination is followed.
    const half = Math.ceil(metrics.length / 2);
    return input.NextToken ? { Metrics: metrics.slice(half) } : { Metrics: metrics.slice(0, half), ...(metrics.length > half ? { NextToken: 'page-2' } : {}) };
  });
  cw.on(GetMetricDataCommand).callsFake((input) => {
    const id = input.MetricDataQueries?.[0]?.MetricStat?.Metric?.Dimensions?.[0]?.Value;
    const step = (id === IDS.detailed ? w.spacing.detailed : w.spacing.basic) * 1000;
    const start = new Date(input.StartTime).getTime();
    const end = new Date(input.EndTime).getTime();
    const times: Date[] = [];
    // Points at period boundaries, the first one period after launch, the newest a few minutes old (CloudWatch lags).
    for (let t = Math.ceil((start + step) / step) * step; t <= end - 3 * 60_000; t += step) times.push(new Date(t));
    return { MetricDataResults: [{ Id: 'cpu', Label: 'CPUUtilization', Timestamps: times, Values: times.map(() => 0.5), StatusCode: 'Complete' }], Messages: [] };
  });
  return { clock, log };
}
