import { CloudFormationClient, DescribeStackEventsCommand, DescribeStacksCommand, ListStackResourcesCommand, type Stack } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeAccountAttributesCommand, DescribeAddressesCommand, DescribeAvailabilityZonesCommand, DescribeInstancesCommand, DescribeInstanceTypeOfferingsCommand, DescribeSnapshotsCommand, DescribeSubnetsCommand, DescribeVolumesCommand, DescribeVpcBlockPublicAccessOptionsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeDBSnapshotsCommand, RDSClient } from '@aws-sdk/client-rds';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { runCli } from '../../lib/lab-kit/cli/cli';
import type { CliEnv } from '../../lib/lab-kit/cli/context';
import { parseArn } from '../../lib/lab-kit/operations/arn';
import { asDeployedLab, selfDestructWindow } from '../../lib/lab-kit/operations/deployed';
import { removeCommand } from '../../lib/lab-kit/operations/leftovers';
import { rootCause } from '../../lib/lab-kit/operations/stack-failure';
import { CATALOG } from '../../catalog';
import { albBlueGreen } from '../../labs/alb-blue-green';
import { natVsPublicIp } from '../../labs/nat-vs-public-ip';
import { dynamodbGlobalTables } from '../../labs/dynamodb-global-tables';
import { leftoversEverywhere } from '../../lib/lab-kit/cli/operate';

const sts = mockClient(STSClient);
const cfn = mockClient(CloudFormationClient);
const tagging = mockClient(ResourceGroupsTaggingAPIClient);
const ec2 = mockClient(EC2Client);
const rds = mockClient(RDSClient);
const logs = mockClient(CloudWatchLogsClient);

const NOW = Date.parse('2026-11-23T16:00:00Z');
const LAB_STACK_ID = 'arn:aws:cloudformation:us-east-1:123456789012:stack/nat-vs-public-ip/7c1f0a40-c8a1-11f0-9f3e-0e1b2c3d4e5f';

function labStack(overrides: Partial<Stack> = {}): Stack {
  return {
    StackName: 'nat-vs-public-ip',
    StackId: LAB_STACK_ID,
    StackStatus: 'CREATE_COMPLETE',
    CreationTime: new Date('2026-11-23T14:30:00Z'),
    Tags: [{ Key: 'lab', Value: 'nat-vs-public-ip' }, { Key: 'lab-ttl', Value: '4h' }],
    Outputs: [{ OutputKey: 'LabTtl', OutputValue: '4h' }],
    // cdk deploy passes the bootstrap's execution role, and DescribeStacks returns it as RoleARN
    // (Stack, https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Stack.html).
    RoleARN: 'arn:aws:iam::123456789012:role/cdk-hnb659fds-cfn-exec-role-123456789012-us-east-1',
    ...overrides,
  };
}

function env(extra: Partial<CliEnv> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const cdkCalls: Array<readonly string[]> = [];
  const e: CliEnv = {
    labs: [natVsPublicIp],
    catalog: CATALOG,
    io: { out: (t) => out.push(t), err: (t) => err.push(t) },
    aws: { region: 'us-east-1' },
    now: () => NOW,
    runCdk: async (args) => {
      cdkCalls.push(args);
      return 0;
    },
    ...extra,
  };
  return { env: e, out, err, cdkCalls, text: () => out.join('\n'), errors: () => err.join('\n') };
}

function noLeftovers() {
  tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [] });
  ec2.on(DescribeVolumesCommand).resolves({ Volumes: [] });
  ec2.on(DescribeAddressesCommand).resolves({ Addresses: [] });
  ec2.on(DescribeSnapshotsCommand).resolves({ Snapshots: [] });
  rds.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [] });
  logs.on(DescribeLogGroupsCommand).resolves({ logGroups: [] });
}

beforeEach(() => {
  for (const m of [sts, cfn, tagging, ec2, rds, logs]) m.reset();
  process.env.LAB_ACCOUNTS = '123456789012';
  sts.on(GetCallerIdentityCommand).resolves({ Account: '123456789012', Arn: 'arn:aws:sts::123456789012:assumed-role/Admin/ana', UserId: 'AROA:ana' });
  cfn.on(DescribeStacksCommand, { StackName: 'CDKToolkit' }).resolves({ Stacks: [{ StackName: 'CDKToolkit', StackStatus: 'UPDATE_COMPLETE', CreationTime: new Date('2026-01-01') }] });
  // No lab stack yet: DescribeStacks answers ValidationError "Stack with id <name> does not exist"
  // (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStacks.html).
  cfn.on(DescribeStacksCommand, { StackName: 'nat-vs-public-ip' }).rejects(Object.assign(new Error('Stack with id nat-vs-public-ip does not exist'), { name: 'ValidationError' }));
  // No stack-level event in reach: the TTL counts from the stack's own timestamps (see the handler's tests).
  cfn.on(DescribeStackEventsCommand).resolves({ StackEvents: [] });
  offered(['us-east-1a', 'us-east-1b']);
  quotas({ eipLimit: 5, eips: 0, vpcs: 1 });
  // VpcBlockPublicAccessOptions (EC2 API Reference): InternetGatewayBlockMode off, block-bidirectional or block-ingress.
  ec2.on(DescribeVpcBlockPublicAccessOptionsCommand).resolves({ VpcBlockPublicAccessOptions: { AwsAccountId: '123456789012', AwsRegion: 'us-east-1', State: 'default-state', InternetGatewayBlockMode: 'off', ExclusionsAllowed: 'allowed', ManagedBy: 'account' } });
});

/** The Region's AZs, each with a default subnet, and t4g.nano offered in `withNano` (API_AvailabilityZone, API_InstanceTypeOffering shapes). */
function offered(withNano: string[], zones = ['us-east-1a', 'us-east-1b', 'us-east-1c']) {
  ec2.on(DescribeAvailabilityZonesCommand).resolves({ AvailabilityZones: zones.map((z, i) => ({ ZoneName: z, ZoneId: `use1-az${i + 1}`, State: 'available', OptInStatus: 'opt-in-not-required', RegionName: 'us-east-1', ZoneType: 'availability-zone', GroupName: 'us-east-1', NetworkBorderGroup: 'us-east-1', Messages: [] })) });
  ec2.on(DescribeSubnetsCommand).resolves({ Subnets: zones.map((z, i) => ({ SubnetId: `subnet-0${i}a1b2c3d`, AvailabilityZone: z, DefaultForAz: true, VpcId: 'vpc-0a1b2c3d', State: 'available', CidrBlock: `172.31.${i * 16}.0/20` })) });
  ec2.on(DescribeInstanceTypeOfferingsCommand).resolves({ InstanceTypeOfferings: withNano.map((z) => ({ InstanceType: 't4g.nano', LocationType: 'availability-zone', Location: z })) });
}
/**
 * The Region's quotas as EC2 answers: DescribeAccountAttributes (AccountAttribute: AttributeName, AttributeValues[].AttributeValue,
 * a string; vpc-max-elastic-ips "The maximum number of Elastic IP addresses that you can allocate",
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeAccountAttributes.html), DescribeAddresses (Address, no pages,
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeAddresses.html) and DescribeVpcs (Vpc,
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcs.html).
 */
function quotas(q: { eipLimit: number; eips: number; vpcs: number }) {
  ec2.on(DescribeAccountAttributesCommand).resolves({
    AccountAttributes: [
      { AttributeName: 'default-vpc', AttributeValues: [{ AttributeValue: 'vpc-0a1b2c3d' }] },
      { AttributeName: 'max-instances', AttributeValues: [{ AttributeValue: '20' }] },
      { AttributeName: 'vpc-max-security-groups-per-interface', AttributeValues: [{ AttributeValue: '5' }] },
      { AttributeName: 'max-elastic-ips', AttributeValues: [{ AttributeValue: String(q.eipLimit) }] },
      { AttributeName: 'vpc-max-elastic-ips', AttributeValues: [{ AttributeValue: String(q.eipLimit) }] },
    ],
  });
  ec2.on(DescribeAddressesCommand).resolves({ Addresses: Array.from({ length: q.eips }, (_, i) => ({ AllocationId: `eipalloc-0${i}a1b2c3d4e5f6078`, PublicIp: `3.210.10.${i + 1}`, Domain: 'vpc' as const })) });
  ec2.on(DescribeVpcsCommand).resolves({ Vpcs: Array.from({ length: q.vpcs }, (_, i) => ({ VpcId: `vpc-0${i}a1b2c3d`, CidrBlock: '172.31.0.0/16', State: 'available' as const, IsDefault: i === 0, OwnerId: '123456789012' })) });
}
afterEach(() => delete process.env.LAB_ACCOUNTS);

describe('labs deploy', () => {
  test('shows account, price and TTL, asks, then runs cdk deploy with the outputs recorded', async () => {
    const questions: string[] = [];
    const t = env({ confirm: async (q) => (questions.push(q), true) });
    expect(await runCli(['deploy', 'nat-vs-public-ip', '--ttl=2h'], t.env)).toBe(0);
    expect(t.text()).toContain('deploy nat-vs-public-ip to account 123456789012 in us-east-1');
    expect(t.text()).toMatch(/cost: \$0\.\d{4}\/hour, \$\d\.\d{4}\/day/);
    expect(t.text()).toMatch(/deletes itself 2h after this deploy: at most about \$0\.\d{4} if left to expire/);
    expect(questions).toEqual(['Deploy nat-vs-public-ip?']);
    expect(t.cdkCalls).toEqual([['deploy', 'nat-vs-public-ip', '--outputs-file', '.labs/nat-vs-public-ip.outputs.json', '-c', 'labs:select=nat-vs-public-ip', '-c', 'labs:deployId=2026-11-23T16:00:00.000Z', '-c', 'labs:nag=true', '-c', 'ttl=2h']]);
  });

  // DescribeStacks leaves RoleARN out when the stack has no service role (Stack, API Reference:
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Stack.html).
  test.each([
    ['with', labStack(), false],
    ['without', labStack({ RoleARN: undefined }), true],
  ])('after the deploy, a stack %s a CloudFormation service role is said to be one the self-destruct can (or cannot) delete', async (_, deployed, warned) => {
    const t = env({
      runCdk: async () => {
        cfn.on(DescribeStacksCommand, { StackName: 'nat-vs-public-ip' }).resolves({ Stacks: [deployed] });
        return 0;
      },
    });
    expect(await runCli(['deploy', 'nat-vs-public-ip', '--yes'], t.env)).toBe(0);
    const warning = 'labs: warning: nat-vs-public-ip was deployed without a CloudFormation service role (DescribeStacks shows no RoleARN), so its self-destruct cannot delete it: destroy it yourself (`npx labs destroy nat-vs-public-ip`)';
    if (warned) expect(t.errors()).toContain(warning);
    else expect(t.errors()).not.toContain('service role');
  });

  test('refuses without a terminal unless --yes, and --yes skips the question and cdk approval', async () => {
    const t = env();
    expect(await runCli(['deploy', 'nat-vs-public-ip'], t.env)).toBe(2);
    expect(t.errors()).toContain('labs: refusing to deploy without confirmation: there is no terminal to ask on; pass --yes');
    expect(t.cdkCalls).toEqual([]);
    const y = env();
    expect(await runCli(['deploy', 'nat-vs-public-ip', '--yes'], y.env)).toBe(0);
    expect(y.cdkCalls[0]).toEqual(['deploy', 'nat-vs-public-ip', '--outputs-file', '.labs/nat-vs-public-ip.outputs.json', '-c', 'labs:select=nat-vs-public-ip', '-c', 'labs:deployId=2026-11-23T16:00:00.000Z', '-c', 'labs:nag=true', '--require-approval', 'never']);
  });

  test('a region without the bootstrap stack gets the bootstrap command', async () => {
    cfn.on(DescribeStacksCommand, { StackName: 'CDKToolkit' }).rejects(Object.assign(new Error('Stack with id CDKToolkit does not exist'), { name: 'ValidationError' }));
    const t = env();
    expect(await runCli(['deploy', 'nat-vs-public-ip', '--yes'], t.env)).toBe(2);
    expect(t.errors()).toBe(
      'account 123456789012, region us-east-1, as arn:aws:sts::123456789012:assumed-role/Admin/ana\nlabs: account 123456789012 is not bootstrapped in us-east-1 (no stack CDKToolkit): run `npx cdk bootstrap aws://123456789012/us-east-1` once, then deploy again; if you bootstrapped with --toolkit-stack-name, pass the same --toolkit-stack-name=<name> here',
    );
  });

  test('refuses before deploying when an AZ the lab would land in does not offer its instance type, naming AZs that do', async () => {
    offered(['us-east-1b', 'us-east-1c']);
    const t = env();
    expect(await runCli(['deploy', 'nat-vs-public-ip', '--yes'], t.env)).toBe(2);
    expect(t.errors()).toContain(
      'labs: nat-vs-public-ip would land in us-east-1a (the first AZs Fn::GetAZs returns (those with a default subnet, in name order; the order is not guaranteed)), but us-east-1a does not offer t4g.nano. AZs that offer t4g.nano: us-east-1b, us-east-1c; deploy with --azs=us-east-1b,us-east-1c',
    );
    expect(t.cdkCalls).toEqual([]);
  });

  // "Fn::GetAZs" returns "only Availability Zones that have a default subnet unless none of the Availability Zones has a default subnet"
  // (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-getavailabilityzones.html). DescribeSubnets
  // with Filter default-for-az=true answers the one default subnet left (Subnet, https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Subnet.html).
  test('refuses before deploying a two-AZ lab when only one AZ has a default subnet, suggesting --azs', async () => {
    offered(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    ec2.on(DescribeSubnetsCommand).resolves({
      Subnets: [{ SubnetId: 'subnet-0b1a2c3d', AvailabilityZone: 'us-east-1b', AvailabilityZoneId: 'use1-az2', DefaultForAz: true, MapPublicIpOnLaunch: true, VpcId: 'vpc-0a1b2c3d', State: 'available', CidrBlock: '172.31.16.0/20', AvailableIpAddressCount: 4091, OwnerId: '123456789012' }],
    });
    const t = env({ labs: [natVsPublicIp, albBlueGreen] });
    expect(await runCli(['deploy', 'alb-blue-green', '--yes'], t.env)).toBe(2);
    expect(t.errors()).toContain(
      'labs: alb-blue-green would land in us-east-1b (the first AZs Fn::GetAZs returns (those with a default subnet, in name order; the order is not guaranteed)), but the template selects 2 AZs from Fn::GetAZs, which returns only the AZs with a default subnet when any has one, and only 1 has (us-east-1b); Fn::Select past its end fails the stack. AZs that offer t4g.nano: us-east-1a, us-east-1b, us-east-1c; deploy with --azs=us-east-1a,us-east-1b',
    );
    expect(ec2).toHaveReceivedCommandWith(DescribeSubnetsCommand, { Filters: [{ Name: 'default-for-az', Values: ['true'] }] });
    expect(t.cdkCalls).toEqual([]);
  });

  test('says the quotas it read: Elastic IPs left, VPCs in use', async () => {
    quotas({ eipLimit: 5, eips: 2, vpcs: 1 });
    const t = env();
    expect(await runCli(['deploy', 'nat-vs-public-ip', '--yes'], t.env)).toBe(0);
    expect(t.text()).toContain('quotas: Elastic IPs 2 of 5 in use, the lab needs 1; VPCs 1 in use, the lab needs 1');
    expect(t.text()).not.toContain('warning: this Region already has');
  });

  test('refuses before deploying when the Region has no Elastic IP left for the NAT gateway, saying what to release', async () => {
    quotas({ eipLimit: 5, eips: 5, vpcs: 1 });
    const t = env();
    expect(await runCli(['deploy', 'nat-vs-public-ip', '--yes'], t.env)).toBe(2);
    expect(t.errors()).toContain(
      'labs: nat-vs-public-ip would not fit: the lab allocates 1 Elastic IP address and this Region has 0 left (5 allocated of the account\'s 5, DescribeAccountAttributes vpc-max-elastic-ips): release an unused one',
    );
    expect(t.cdkCalls).toEqual([]);
  });

  test('warns, and still deploys, when the lab\'s VPC goes past the default VPC quota (the account may have raised it)', async () => {
    quotas({ eipLimit: 5, eips: 0, vpcs: 5 });
    const t = env();
    expect(await runCli(['deploy', 'nat-vs-public-ip', '--yes'], t.env)).toBe(0);
    expect(t.text()).toContain('warning: this Region already has 5 VPCs and the lab adds 1: above the default quota of 5 VPCs per Region');
    expect(t.cdkCalls).toHaveLength(1);
  });

  /**
   * The deployed lab's subnets: ListStackResources (StackResourceSummary: LogicalResourceId, PhysicalResourceId, ResourceType,
   * ResourceStatus, https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_StackResourceSummary.html), then
   * DescribeSubnets with SubnetIds (Subnet.AvailabilityZone, https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Subnet.html).
   */
  function deployedIn(az: string) {
    cfn.on(DescribeStacksCommand, { StackName: 'nat-vs-public-ip' }).resolves({ Stacks: [labStack()] });
    cfn.on(ListStackResourcesCommand).resolves({
      StackResourceSummaries: [
        { LogicalResourceId: 'NetworkVpcPublicSubnet1Subnet0A1B2C3D', PhysicalResourceId: 'subnet-0feed000000000001', ResourceType: 'AWS::EC2::Subnet', ResourceStatus: 'CREATE_COMPLETE', LastUpdatedTimestamp: new Date('2026-11-23T14:00:00Z') },
        { LogicalResourceId: 'NetworkNatGateway', PhysicalResourceId: 'nat-0f1e2d3c4b5a69788', ResourceType: 'AWS::EC2::NatGateway', ResourceStatus: 'CREATE_COMPLETE', LastUpdatedTimestamp: new Date('2026-11-23T14:00:00Z') },
      ],
    });
    ec2.on(DescribeSubnetsCommand, { SubnetIds: ['subnet-0feed000000000001'] }).resolves({ Subnets: [{ SubnetId: 'subnet-0feed000000000001', AvailabilityZone: az, AvailabilityZoneId: 'use1-az2', VpcId: 'vpc-0feed000', State: 'available', CidrBlock: '10.20.0.0/24', DefaultForAz: false }] });
  }

  test('a redeploy that would move the lab to another AZ is refused, naming the --azs it has (its subnets cannot be replaced in place)', async () => {
    deployedIn('us-east-1b');
    const t = env();
    expect(await runCli(['deploy', 'nat-vs-public-ip', '--yes'], t.env)).toBe(2);
    expect(t.errors()).toContain('labs: nat-vs-public-ip is deployed in us-east-1b, and this deploy would put it in us-east-1a: its subnets would be replaced with the same address ranges, which CloudFormation cannot do (the update fails and rolls back). Deploy with --azs=us-east-1b (where it is)');
    expect(t.cdkCalls).toEqual([]);
  });

  test('after a failed first create (ROLLBACK_COMPLETE) the quotas are checked as for a new stack', async () => {
    quotas({ eipLimit: 5, eips: 5, vpcs: 1 });
    cfn.on(DescribeStacksCommand, { StackName: 'nat-vs-public-ip' }).resolves({ Stacks: [labStack({ StackStatus: 'ROLLBACK_COMPLETE' })] });
    const t = env();
    expect(await runCli(['deploy', 'nat-vs-public-ip', '--yes'], t.env)).toBe(2);
    expect(t.errors()).toContain('would not fit: the lab allocates 1 Elastic IP address and this Region has 0 left');
  });

  test('a redeploy of the lab (to restart its TTL) is not refused for the Elastic IP it already holds', async () => {
    quotas({ eipLimit: 5, eips: 5, vpcs: 5 });
    deployedIn('us-east-1a');
    const t = env();
    expect(await runCli(['deploy', 'nat-vs-public-ip', '--yes'], t.env)).toBe(0);
    expect(t.text()).toContain('quotas: an update of the deployed stack, which allocates no new Elastic IP or VPC');
    expect(t.cdkCalls).toHaveLength(1);
  });

  test('a caller who may not read VPC Block Public Access still deploys, told what was not read', async () => {
    ec2.on(DescribeVpcBlockPublicAccessOptionsCommand).rejects(Object.assign(new Error('You are not authorized to perform this operation.'), { name: 'UnauthorizedOperation' }));
    const t = env();
    expect(await runCli(['deploy', 'nat-vs-public-ip', '--yes'], t.env)).toBe(0);
    expect(t.text()).toContain('warning: could not read VPC Block Public Access (ec2:DescribeVpcBlockPublicAccessOptions: UnauthorizedOperation)');
  });

  test('a quota read that is refused is said, and decides nothing', async () => {
    ec2.on(DescribeAccountAttributesCommand).rejects(Object.assign(new Error('You are not authorized to perform this operation.'), { name: 'UnauthorizedOperation' }));
    const t = env();
    expect(await runCli(['deploy', 'nat-vs-public-ip', '--yes'], t.env)).toBe(0);
    expect(t.text()).toContain('quotas: VPCs 1 in use, the lab needs 1; not read: ec2:DescribeAccountAttributes (UnauthorizedOperation)');
  });

  test('--azs chooses the AZs: checked, shown, and passed to cdk deploy', async () => {
    offered(['us-east-1b', 'us-east-1c']);
    const t = env();
    expect(await runCli(['deploy', 'nat-vs-public-ip', '--yes', '--azs=us-east-1b,us-east-1c'], t.env)).toBe(0);
    expect(t.text()).toContain('AZs: us-east-1b (chosen with --azs); they offer t4g.nano');
    expect(t.cdkCalls[0]).toEqual(expect.arrayContaining(['-c', 'labs:azs=us-east-1b,us-east-1c']));
    sts.resetHistory();
    const bad = env();
    expect(await runCli(['deploy', 'nat-vs-public-ip', '--yes', '--azs=us-east-1b'], bad.env)).toBe(2);
    expect(bad.errors()).toBe('labs: --azs: received "us-east-1b"; allowed: two or more distinct Availability Zone names of one Region, comma-separated (e.g. us-east-1a,us-east-1c)');
    expect(sts).not.toHaveReceivedCommand(GetCallerIdentityCommand);
  });

  test('warns before deploying a lab with an internet gateway when VPC Block Public Access is on in the Region', async () => {
    ec2.on(DescribeVpcBlockPublicAccessOptionsCommand).resolves({ VpcBlockPublicAccessOptions: { AwsAccountId: '123456789012', AwsRegion: 'us-east-1', State: 'update-complete', InternetGatewayBlockMode: 'block-bidirectional', ExclusionsAllowed: 'allowed', ManagedBy: 'account' } });
    const t = env();
    expect(await runCli(['deploy', 'nat-vs-public-ip', '--yes'], t.env)).toBe(0);
    expect(t.text()).toContain("warning: VPC Block Public Access is block-bidirectional in this Region: the lab's internet paths will be blocked unless its VPC is excluded");
    const off = env();
    ec2.on(DescribeVpcBlockPublicAccessOptionsCommand).resolves({ VpcBlockPublicAccessOptions: { InternetGatewayBlockMode: 'off' } });
    expect(await runCli(['deploy', 'nat-vs-public-ip', '--yes'], off.env)).toBe(0);
    expect(off.text()).not.toContain('Block Public Access');
  });

  test('a custom bootstrap stack name (--toolkit-stack-name, as cdk bootstrap takes it) is looked for and passed to cdk deploy', async () => {
    cfn.on(DescribeStacksCommand, { StackName: 'LabsToolkit' }).resolves({ Stacks: [{ StackName: 'LabsToolkit', StackStatus: 'CREATE_COMPLETE', CreationTime: new Date('2026-01-01') }] });
    const t = env();
    expect(await runCli(['deploy', 'nat-vs-public-ip', '--yes', '--toolkit-stack-name=LabsToolkit'], t.env)).toBe(0);
    expect(t.cdkCalls[0]).toEqual(expect.arrayContaining(['--toolkit-stack-name', 'LabsToolkit']));
    expect(cfn).toHaveReceivedCommandWith(DescribeStacksCommand, { StackName: 'LabsToolkit' });
    expect(await runCli(['deploy', 'nat-vs-public-ip', '--yes', '--toolkit-stack-name=no spaces'], env().env)).toBe(2);
  });

  test('a failed deploy names the resource that failed and why', async () => {
    cfn.on(DescribeStackEventsCommand).resolves({
      StackEvents: [
        { StackId: LAB_STACK_ID, EventId: '5', StackName: 'nat-vs-public-ip', LogicalResourceId: 'nat-vs-public-ip', ResourceType: 'AWS::CloudFormation::Stack', ResourceStatus: 'ROLLBACK_COMPLETE', Timestamp: new Date() },
        { StackId: LAB_STACK_ID, EventId: '4', StackName: 'nat-vs-public-ip', LogicalResourceId: 'PublicWithIpInstanceBB5AEA2F', ResourceType: 'AWS::EC2::Instance', ResourceStatus: 'CREATE_FAILED', ResourceStatusReason: 'Resource creation cancelled', Timestamp: new Date() },
        { StackId: LAB_STACK_ID, EventId: '3', StackName: 'nat-vs-public-ip', LogicalResourceId: 'NetworkVpcPublicSubnet1EIPE0D52090', ResourceType: 'AWS::EC2::EIP', ResourceStatus: 'CREATE_FAILED', ResourceStatusReason: 'The maximum number of addresses has been reached. (Service: Ec2, Status Code: 400)', Timestamp: new Date() },
        { StackId: LAB_STACK_ID, EventId: '1', StackName: 'nat-vs-public-ip', LogicalResourceId: 'nat-vs-public-ip', ResourceType: 'AWS::CloudFormation::Stack', ResourceStatus: 'CREATE_IN_PROGRESS', ResourceStatusReason: 'User Initiated', Timestamp: new Date() },
      ],
    });
    const t = env({ runCdk: async () => 1 });
    expect(await runCli(['deploy', 'nat-vs-public-ip', '--yes'], t.env)).toBe(1);
    expect(t.errors()).toContain('labs: nat-vs-public-ip failed at NetworkVpcPublicSubnet1EIPE0D52090 (AWS::EC2::EIP) CREATE_FAILED: The maximum number of addresses has been reached.');
  });

  test('a bad --ttl is refused before anything else', async () => {
    const t = env();
    expect(await runCli(['deploy', 'nat-vs-public-ip', '--ttl=5m', '--yes'], t.env)).toBe(2);
    expect(t.errors()).toBe('labs: --ttl: received "5m"; allowed: a duration such as 90m, 4h, 2h30m or 1d, from 30m to 72h (default 4h)');
    expect(sts).not.toHaveReceivedCommand(GetCallerIdentityCommand);
  });
});

describe('labs deployed', () => {
  test('lists lab stacks with age, time left and cost so far', async () => {
    cfn.on(DescribeStacksCommand, {}).resolves({ Stacks: [labStack(), { StackName: 'unrelated', StackStatus: 'CREATE_COMPLETE', CreationTime: new Date() }, labStack({ StackName: 'old-lab', Tags: [{ Key: 'lab', Value: 'old-lab' }, { Key: 'lab-hourly-budget-usd', Value: '0.05' }] })] });
    const t = env();
    expect(await runCli(['deployed', '--json'], t.env)).toBe(0);
    const { labs } = JSON.parse(t.text());
    expect(labs.map((l: { id: string }) => l.id)).toEqual(['nat-vs-public-ip', 'old-lab']);
    expect(labs[0]).toMatchObject({ status: 'CREATE_COMPLETE', ageSeconds: 5400, ttlSeconds: 14400, secondsLeft: 9000 });
    expect(labs[0].costSoFarUsd).toBeCloseTo(labs[0].hourlyUsd * 1.5, 4);
    expect(labs[1]).toMatchObject({ id: 'old-lab', budgetUsd: 0.05 });
    expect(labs[1].hourlyUsd).toBeUndefined();
  });

  test('time left counts from when the stack became ready, as the self-destruct reads it (its newest stack-level *_COMPLETE event)', async () => {
    cfn.on(DescribeStacksCommand, {}).resolves({ Stacks: [labStack()] });
    // Created from 14:30, ready at 14:50 (API_StackEvent shape: no ResourceStatusReason on completion).
    cfn.on(DescribeStackEventsCommand, { StackName: LAB_STACK_ID }).resolves({
      StackEvents: [{ StackId: LAB_STACK_ID, EventId: 'e-2', StackName: 'nat-vs-public-ip', LogicalResourceId: 'nat-vs-public-ip', PhysicalResourceId: LAB_STACK_ID, ResourceType: 'AWS::CloudFormation::Stack', Timestamp: new Date('2026-11-23T14:50:00Z'), ResourceStatus: 'CREATE_COMPLETE' }],
    });
    const t = env();
    expect(await runCli(['deployed', '--json'], t.env)).toBe(0);
    expect(JSON.parse(t.text()).labs[0]).toMatchObject({ since: '2026-11-23T14:50:00.000Z', ageSeconds: 4200, secondsLeft: 10200 });
  });

  test('the table warns of a lab without a CloudFormation service role, which its self-destruct cannot delete', async () => {
    cfn.on(DescribeStacksCommand, {}).resolves({ Stacks: [labStack({ RoleARN: undefined })] });
    const t = env();
    expect(await runCli(['deployed'], t.env)).toBe(0);
    expect(t.text()).toContain('warning: nat-vs-public-ip has no CloudFormation service role (no RoleARN): its self-destruct cannot delete it; destroy it yourself with `npx labs destroy nat-vs-public-ip`');
    const ok = env();
    cfn.on(DescribeStacksCommand, {}).resolves({ Stacks: [labStack()] });
    expect(await runCli(['deployed'], ok.env)).toBe(0);
    expect(ok.text()).not.toContain('service role');
  });

  test('the table says overdue when the self-destruct is late', async () => {
    cfn.on(DescribeStacksCommand, {}).resolves({ Stacks: [labStack({ CreationTime: new Date('2026-11-23T11:30:00Z') })] });
    const t = env();
    expect(await runCli(['deployed'], t.env)).toBe(0);
    expect(t.text()).toMatch(/nat-vs-public-ip\s+CREATE_COMPLETE\s+4h 30m\s+4h 0m\s+overdue 30m/);
  });
});

describe('labs destroy and leftovers', () => {
  test('destroy asks, runs cdk destroy, then reports nothing left', async () => {
    cfn.on(DescribeStacksCommand, { StackName: 'nat-vs-public-ip' }).resolves({ Stacks: [labStack()] });
    noLeftovers();
    const t = env({ confirm: async () => true });
    expect(await runCli(['destroy', 'nat-vs-public-ip'], t.env)).toBe(0);
    expect(t.cdkCalls).toEqual([['destroy', 'nat-vs-public-ip', '--force', '-c', 'labs:select=nat-vs-public-ip']]);
    expect(t.text()).toBe('no leftovers found');
    expect(tagging).toHaveReceivedCommandWith(GetResourcesCommand, { TagFilters: [{ Key: 'lab', Values: ['nat-vs-public-ip'] }] });
  });

  test('destroy stops when the user says no', async () => {
    cfn.on(DescribeStacksCommand, { StackName: 'nat-vs-public-ip' }).resolves({ Stacks: [labStack()] });
    const t = env({ confirm: async () => false });
    expect(await runCli(['destroy', 'nat-vs-public-ip'], t.env)).toBe(1);
    expect(t.errors()).toContain('labs: destroy: cancelled');
    expect(t.cdkCalls).toEqual([]);
  });

  test('leftovers finds tagged resources and the usual orphans, each with how to remove it', async () => {
    cfn.on(DescribeStacksCommand, {}).resolves({ Stacks: [] });
    noLeftovers();
    tagging.on(GetResourcesCommand).resolves({
      ResourceTagMappingList: [{ ResourceARN: 'arn:aws:ec2:us-east-1:123456789012:natgateway/nat-0f1e2d3c4b5a69788', Tags: [{ Key: 'lab', Value: 'nat-vs-public-ip' }] }],
    });
    ec2.on(DescribeAddressesCommand).resolves({ Addresses: [{ AllocationId: 'eipalloc-0a1b2c3d4e5f60789', PublicIp: '3.210.10.20', Domain: 'vpc', Tags: [{ Key: 'lab', Value: 'nat-vs-public-ip' }] }] });
    ec2.on(DescribeVolumesCommand).resolves({ Volumes: [{ VolumeId: 'vol-0a1b2c3d4e5f60789', Size: 8, State: 'available', Tags: [{ Key: 'lab', Value: 'nat-vs-public-ip' }] }] });
    logs.on(DescribeLogGroupsCommand, { logGroupNamePrefix: '/aws/lambda/nat-vs-public-ip-' }).resolves({ logGroups: [{ logGroupName: '/aws/lambda/nat-vs-public-ip-CustomVpcRestrictDefaultSG-AbC123', storedBytes: 2048 }] });
    const t = env();
    expect(await runCli(['leftovers', 'nat-vs-public-ip', '--json'], t.env)).toBe(1);
    const { leftovers } = JSON.parse(t.text());
    expect(leftovers.map((l: { remove: string }) => l.remove)).toEqual([
      'aws ec2 delete-nat-gateway --nat-gateway-id nat-0f1e2d3c4b5a69788 --region us-east-1',
      'aws ec2 delete-volume --volume-id vol-0a1b2c3d4e5f60789',
      'aws ec2 release-address --allocation-id eipalloc-0a1b2c3d4e5f60789',
      'aws logs delete-log-group --log-group-name /aws/lambda/nat-vs-public-ip-CustomVpcRestrictDefaultSG-AbC123',
    ]);
  });

  test('an SQS queue (its ARN has no resource type) and a GovCloud log group get their own removal commands', () => {
    // IAM "Amazon Resource Names (ARNs)": arn:partition:service:region:account-id:resource-id, partitions aws, aws-cn, aws-us-gov.
    expect(removeCommand('arn:aws:sqs:us-east-1:123456789012:sqs-dead-letter-queue-MessagesSourceQueueA1B2C3-AbCdEf123456')).toBe(
      'aws sqs delete-queue --queue-url $(aws sqs get-queue-url --queue-name sqs-dead-letter-queue-MessagesSourceQueueA1B2C3-AbCdEf123456 --queue-owner-aws-account-id 123456789012 --region us-east-1 --query QueueUrl --output text) --region us-east-1',
    );
    expect(removeCommand('arn:aws-us-gov:logs:us-gov-west-1:123456789012:log-group:/aws/lambda/x-Fn:*')).toBe('aws logs delete-log-group --log-group-name /aws/lambda/x-Fn --region us-gov-west-1');
    expect(parseArn('arn:aws-cn:ec2:cn-north-1:123456789012:instance/i-0a1b2c3d4e5f60001')).toEqual({ partition: 'aws-cn', service: 'ec2', region: 'cn-north-1', account: '123456789012', resourceType: 'instance', resourceId: 'i-0a1b2c3d4e5f60001' });
  });

  test("a lab's own tagged stack (no run tag) is never a leftover, in any partition", async () => {
    cfn.on(DescribeStacksCommand, {}).resolves({ Stacks: [] });
    noLeftovers();
    tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [{ ResourceARN: 'arn:aws-us-gov:cloudformation:us-gov-west-1:123456789012:stack/nat-vs-public-ip/7c1f0a40-c8a1-11f0-9f3e-0e1b2c3d4e5f', Tags: [{ Key: 'lab', Value: 'nat-vs-public-ip' }] }] });
    const t = env();
    expect(await runCli(['leftovers', 'nat-vs-public-ip'], t.env)).toBe(0);
  });

  test("a check's throwaway stack and a resource its Retain policy kept are leftovers, even while the lab is deployed", async () => {
    // The Tagging API's GetResources covers every resource type, CloudFormation stacks included
    // ("Services that support the Resource Groups Tagging API",
    // https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/supported-services.html).
    cfn.on(DescribeStacksCommand, {}).resolves({ Stacks: [{ StackName: 'nat-vs-public-ip', StackStatus: 'CREATE_COMPLETE', CreationTime: new Date('2026-01-01'), Tags: [{ Key: 'lab', Value: 'nat-vs-public-ip' }] }] });
    noLeftovers();
    const tags = [{ Key: 'lab', Value: 'nat-vs-public-ip' }, { Key: 'lab-run', Value: 'r1a2b3' }];
    tagging.on(GetResourcesCommand).resolves({
      ResourceTagMappingList: [
        { ResourceARN: 'arn:aws:cloudformation:us-east-1:123456789012:stack/nat-vs-public-ip-protect-r1a2b3/7c1f0a40-c8a1-11f0-9f3e-0e1b2c3d4e5f', Tags: tags },
        { ResourceARN: 'arn:aws:ssm:us-east-1:123456789012:parameter/nat-vs-public-ip/r1a2b3/kept', Tags: tags },
        // The lab's own stack and its resources, without the run tag, are not leftovers while it is deployed.
        { ResourceARN: 'arn:aws:cloudformation:us-east-1:123456789012:stack/nat-vs-public-ip/8d2f0a40-c8a1-11f0-9f3e-0e1b2c3d4e5f', Tags: [tags[0]] },
        { ResourceARN: 'arn:aws:sqs:us-east-1:123456789012:nat-vs-public-ip-Queue', Tags: [tags[0]] },
      ],
    });
    const t = env();
    expect(await runCli(['leftovers', 'nat-vs-public-ip', '--json'], t.env)).toBe(1);
    const { leftovers } = JSON.parse(t.text());
    expect(leftovers.map((l: { remove: string }) => l.remove)).toEqual([
      'aws cloudformation update-termination-protection --no-enable-termination-protection --stack-name nat-vs-public-ip-protect-r1a2b3 --region us-east-1 && aws cloudformation delete-stack --stack-name nat-vs-public-ip-protect-r1a2b3 --region us-east-1 (if it then ends DELETE_FAILED: aws cloudformation delete-stack --stack-name nat-vs-public-ip-protect-r1a2b3 --deletion-mode FORCE_DELETE_STACK --region us-east-1)',
      'aws ssm delete-parameter --name /nat-vs-public-ip/r1a2b3/kept --region us-east-1',
    ]);
    expect(leftovers[0].why).toContain('lab-run=r1a2b3');
  });

  test('instances EC2 no longer knows are gone, even when one of them would make DescribeInstances InstanceIds fail (InvalidInstanceID.NotFound)', async () => {
    cfn.on(DescribeStacksCommand, {}).resolves({ Stacks: [] });
    noLeftovers();
    tagging.on(GetResourcesCommand).resolves({
      ResourceTagMappingList: [
        { ResourceARN: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0a1b2c3d4e5f60001', Tags: [{ Key: 'lab', Value: 'nat-vs-public-ip' }] },
        { ResourceARN: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0a1b2c3d4e5f60003', Tags: [{ Key: 'lab', Value: 'nat-vs-public-ip' }] },
      ],
    });
    // With the ids as InstanceIds, EC2 refuses the whole call ("The instance ID 'i-...' does not exist",
    // EC2 API error codes); with an instance-id filter it returns only what exists: here nothing.
    ec2.on(DescribeInstancesCommand, { InstanceIds: ['i-0a1b2c3d4e5f60001', 'i-0a1b2c3d4e5f60003'] }).rejects(Object.assign(new Error("The instance ID 'i-0a1b2c3d4e5f60003' does not exist"), { name: 'InvalidInstanceID.NotFound' }));
    ec2.on(DescribeInstancesCommand, { Filters: [{ Name: 'instance-id', Values: ['i-0a1b2c3d4e5f60001', 'i-0a1b2c3d4e5f60003'] }] }).resolves({ Reservations: [] });
    const t = env();
    expect(await runCli(['leftovers', 'nat-vs-public-ip', '--json'], t.env)).toBe(0);
  });

  test('instances the Tagging API still lists after termination are not leftovers', async () => {
    cfn.on(DescribeStacksCommand, {}).resolves({ Stacks: [] });
    noLeftovers();
    tagging.on(GetResourcesCommand).resolves({
      ResourceTagMappingList: [
        { ResourceARN: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0a1b2c3d4e5f60001', Tags: [{ Key: 'lab', Value: 'nat-vs-public-ip' }] },
        { ResourceARN: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0a1b2c3d4e5f60002', Tags: [{ Key: 'lab', Value: 'nat-vs-public-ip' }] },
      ],
    });
    ec2.on(DescribeInstancesCommand).resolves({
      Reservations: [{ Instances: [
        { InstanceId: 'i-0a1b2c3d4e5f60001', State: { Code: 48, Name: 'terminated' } },
        { InstanceId: 'i-0a1b2c3d4e5f60002', State: { Code: 16, Name: 'running' } },
      ] }],
    });
    const t = env();
    expect(await runCli(['leftovers', 'nat-vs-public-ip', '--json'], t.env)).toBe(1);
    expect(JSON.parse(t.text()).leftovers.map((l: { id: string }) => l.id)).toEqual(['arn:aws:ec2:us-east-1:123456789012:instance/i-0a1b2c3d4e5f60002']);
  });

  test('resources of a lab that is still deployed are not leftovers', async () => {
    cfn.on(DescribeStacksCommand, {}).resolves({ Stacks: [labStack()] });
    noLeftovers();
    tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [{ ResourceARN: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0a1b2c3d4e5f60001', Tags: [{ Key: 'lab', Value: 'nat-vs-public-ip' }] }] });
    const t = env();
    expect(await runCli(['leftovers'], t.env)).toBe(0);
    expect(t.text()).toContain('still deployed (not leftovers; `npx labs destroy <lab>`): nat-vs-public-ip');
    expect(t.text()).toContain('no leftovers found');
    expect(tagging).toHaveReceivedCommandWith(GetResourcesCommand, { TagFilters: [{ Key: 'lab' }] });
  });
});

describe('labs watch-ttl', () => {
  test('passes when the stack starts deleting within one check interval of its TTL', async () => {
    const created = new Date(NOW - 29 * 60_000); // 30m TTL due in one minute
    let clock = NOW;
    const states = ['CREATE_COMPLETE', 'CREATE_COMPLETE', 'CREATE_COMPLETE', 'DELETE_IN_PROGRESS', 'DELETE_COMPLETE'];
    let call = 0;
    cfn.on(DescribeStacksCommand).callsFake(() => ({ Stacks: [labStack({ CreationTime: created, StackStatus: states[Math.min(call++, states.length - 1)] as 'CREATE_COMPLETE', Tags: [{ Key: 'lab', Value: 'nat-vs-public-ip' }, { Key: 'lab-ttl', Value: '30m' }], Outputs: [{ OutputKey: 'LabTtl', OutputValue: '30m' }] })] }));
    const t = env({ now: () => clock, sleep: async (ms) => void (clock += ms) });
    expect(await runCli(['watch-ttl', 'nat-vs-public-ip'], t.env)).toBe(0);
    expect(t.text()).toBe('PASS  nat-vs-public-ip deleted itself: deletion seen 60 s after the TTL (allowed 0 to 300 s, polled every 60 s), gone 60 s later');
  });

  test('fails when the stack outlives its TTL by far', async () => {
    let clock = NOW;
    cfn.on(DescribeStacksCommand).resolves({ Stacks: [labStack({ CreationTime: new Date(NOW - 4 * 3600_000) })] });
    const t = env({ now: () => clock, sleep: async (ms) => void (clock += ms) });
    expect(await runCli(['watch-ttl', 'nat-vs-public-ip'], t.env)).toBe(1);
    expect(t.text()).toMatch(/^FAIL {2}nat-vs-public-ip is still CREATE_COMPLETE 4\dm after its TTL/);
  });

  test('a deletion that started on time and is still in progress at the deadline is said to be still deleting, not a FAIL', async () => {
    const created = new Date(NOW - 29 * 60_000); // 30m TTL due in one minute
    let clock = NOW;
    let call = 0;
    cfn.on(DescribeStacksCommand).callsFake(() => ({ Stacks: [labStack({ CreationTime: created, StackStatus: (call++ < 3 ? 'CREATE_COMPLETE' : 'DELETE_IN_PROGRESS') as 'CREATE_COMPLETE', Tags: [{ Key: 'lab', Value: 'nat-vs-public-ip' }, { Key: 'lab-ttl', Value: '30m' }], Outputs: [{ OutputKey: 'LabTtl', OutputValue: '30m' }] })] }));
    const t = env({ now: () => clock, sleep: async (ms) => void (clock += ms) });
    expect(await runCli(['watch-ttl', 'nat-vs-public-ip'], t.env)).toBe(4);
    expect(t.text()).toMatch(/^STILL DELETING {2}nat-vs-public-ip: deletion seen 60 s after the TTL \(on time\), still DELETE_IN_PROGRESS \d+m later/);
  });

  test('a deletion that started late and is still in progress at the deadline is a FAIL', async () => {
    let clock = NOW;
    // Due an hour before the first look: deleting already, but nobody saw it start within the window.
    cfn.on(DescribeStacksCommand).resolves({ Stacks: [labStack({ CreationTime: new Date(NOW - 5 * 3600_000), StackStatus: 'DELETE_IN_PROGRESS' })] });
    const t = env({ now: () => clock, sleep: async (ms) => void (clock += ms) });
    expect(await runCli(['watch-ttl', 'nat-vs-public-ip'], t.env)).toBe(1);
    expect(t.text()).toMatch(/^FAIL {2}nat-vs-public-ip is still DELETE_IN_PROGRESS/);
  });

  test('the window: due at the TTL, started within one schedule interval', () => {
    const since = new Date('2026-11-23T12:00:00Z');
    expect(selfDestructWindow(since, 4 * 3600)).toEqual({ dueAt: new Date('2026-11-23T16:00:00Z'), startedBy: new Date('2026-11-23T16:15:00Z') });
    expect(selfDestructWindow(since, 1800).startedBy).toEqual(new Date('2026-11-23T12:35:00Z'));
  });

  test('a stack that is not a lab is not listed', () => {
    expect(asDeployedLab({ StackName: 'x', StackStatus: 'CREATE_COMPLETE', CreationTime: new Date(), Tags: [{ Key: 'lab', Value: 'y' }] }, NOW)).toBeUndefined();
  });
});

test('rootCause picks the first real failure of the latest operation', () => {
  expect(rootCause([], 'x')).toBeUndefined();
});

test('labs preflight <lab> also says whether the AZs the lab lands in offer what it runs', async () => {
  const t = env();
  expect(await runCli(['preflight', 'nat-vs-public-ip'], t.env)).toBe(0);
  expect(t.text()).toContain('nat-vs-public-ip: AZs: us-east-1a (the first AZs Fn::GetAZs returns (those with a default subnet, in name order; the order is not guaranteed)); they offer t4g.nano');
  offered(['us-east-1c']);
  expect(await runCli(['preflight', 'nat-vs-public-ip'], env().env)).toBe(2);
});

test('labs deploy --ingress-cidr passes -c labs:ingressCidr, and refuses what is not one IPv4 CIDR', async () => {
  const t = env();
  expect(await runCli(['deploy', 'nat-vs-public-ip', '--yes', '--ingress-cidr=203.0.113.7/32'], t.env)).toBe(0);
  expect(t.cdkCalls[0]).toEqual(expect.arrayContaining(['-c', 'labs:ingressCidr=203.0.113.7/32']));
  const bad = env();
  expect(await runCli(['deploy', 'nat-vs-public-ip', '--yes', '--ingress-cidr=203.0.113.300/32'], bad.env)).toBe(2);
  expect(bad.errors()).toBe('labs: --ingress-cidr: received "203.0.113.300/32"; allowed: one IPv4 CIDR, e.g. 203.0.113.7/32 (your public address: https://checkip.amazonaws.com)');
});

test('labs preflight <lab> warns about VPC Block Public Access for a lab with an internet gateway', async () => {
  ec2.on(DescribeVpcBlockPublicAccessOptionsCommand).resolves({ VpcBlockPublicAccessOptions: { InternetGatewayBlockMode: 'block-ingress', State: 'update-complete', ManagedBy: 'declarative-policy' } });
  const t = env();
  expect(await runCli(['preflight', 'nat-vs-public-ip'], t.env)).toBe(0);
  expect(t.text()).toContain("warning: VPC Block Public Access is block-ingress in this Region (set by your organization's declarative policy)");
});

/**
 * A lab that spans Regions (dynamodb-global-tables: one stack in its primary creates replicas in the
 * others). Its deployed stack records the Regions as the stack tag `lab-regions` and the `Regions`
 * output; DescribeStacks returns both (Stack.Tags, Stack.Outputs, CloudFormation API Reference,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Stack.html), and answers
 * ValidationError "Stack with id <name> does not exist" where there is none
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStacks.html).
 */
describe('a lab that spans Regions: deploy, destroy and leftovers', () => {
  const EU = ['eu-west-1', 'eu-west-2', 'eu-central-1'];
  const regionOf = async (getClient: () => any) => String(await getClient().config.region());
  function ddbStack(region: string, regions: readonly string[], tags = true): Stack {
    return {
      StackName: 'dynamodb-global-tables',
      StackId: `arn:aws:cloudformation:${region}:123456789012:stack/dynamodb-global-tables/7c1f0a40-c8a1-11f0-9f3e-0e1b2c3d4e5f`,
      StackStatus: 'CREATE_COMPLETE',
      CreationTime: new Date('2026-11-23T14:30:00Z'),
      Tags: [{ Key: 'lab', Value: 'dynamodb-global-tables' }, { Key: 'lab-ttl', Value: '4h' }, ...(tags ? [{ Key: 'lab-regions', Value: regions.join(',') }] : [])],
      Outputs: [{ OutputKey: 'LabTtl', OutputValue: '4h' }, { OutputKey: 'Regions', OutputValue: regions.join(',') }],
      RoleARN: `arn:aws:iam::123456789012:role/cdk-hnb659fds-cfn-exec-role-123456789012-${region}`,
    };
  }
  /** The lab's stack deployed in `where` only (none elsewhere); the bootstrap stack everywhere. */
  function deployedIn(where: string | undefined, regions: readonly string[], tags = true) {
    cfn.on(DescribeStacksCommand).callsFake(async (input, getClient) => {
      const region = await regionOf(getClient);
      if (input.StackName === 'CDKToolkit') return { Stacks: [{ StackName: 'CDKToolkit', StackStatus: 'UPDATE_COMPLETE', CreationTime: new Date('2026-01-01') }] };
      const here = where === region ? [ddbStack(region, regions, tags)] : [];
      if (input.StackName === undefined) return { Stacks: here };
      if (input.StackName === 'dynamodb-global-tables' && here.length) return { Stacks: here };
      throw Object.assign(new Error(`Stack with id ${input.StackName} does not exist`), { name: 'ValidationError' });
    });
  }
  /** The Regions the Tagging API was asked in (GetResources is Regional). */
  function searched(): Promise<string[]> {
    return Promise.all(tagging.commandCalls(GetResourcesCommand).map((c) => regionOf(() => c.thisValue as any))).then((rs) => [...new Set(rs)].sort());
  }
  const withDdb = (region: string) => env({ labs: [dynamodbGlobalTables], aws: { region } });

  test('deploy refuses, before the bootstrap check or cdk, credentials of a Region other than the primary', async () => {
    deployedIn(undefined, EU);
    const t = withDdb('eu-west-1');
    expect(await runCli(['deploy', 'dynamodb-global-tables', '--yes'], t.env)).not.toBe(0);
    expect(t.errors()).toContain("dynamodb-global-tables lives in us-east-1 (its Regions: us-east-1, us-east-2, us-west-2), but your credentials' region is eu-west-1: `export AWS_REGION=us-east-1`");
    expect(t.cdkCalls).toEqual([]);
    expect(cfn).not.toHaveReceivedCommandWith(DescribeStacksCommand, { StackName: 'CDKToolkit' });
  });

  test('destroy without --regions takes the Regions from the deployed stack (its lab-regions tag), not the default', async () => {
    deployedIn('eu-west-1', EU);
    noLeftovers();
    const t = withDdb('eu-west-1');
    expect(await runCli(['destroy', 'dynamodb-global-tables', '--yes'], t.env)).toBe(0);
    expect(t.cdkCalls).toEqual([['destroy', 'dynamodb-global-tables', '--force', '-c', 'labs:select=dynamodb-global-tables', '-c', 'labs:regions=eu-west-1,eu-west-2,eu-central-1']]);
    expect(await searched()).toEqual(['eu-central-1', 'eu-west-1', 'eu-west-2']);
  });

  test('destroy reads the Regions output when the stack has no lab-regions tag', async () => {
    deployedIn('eu-west-1', EU, false);
    noLeftovers();
    const t = withDdb('eu-west-1');
    expect(await runCli(['destroy', 'dynamodb-global-tables', '--yes'], t.env)).toBe(0);
    expect(t.cdkCalls[0]).toContain('labs:regions=eu-west-1,eu-west-2,eu-central-1');
  });

  test('destroy with other --regions still uses what was deployed, and says so', async () => {
    deployedIn('eu-west-1', EU);
    noLeftovers();
    const t = withDdb('eu-west-1');
    expect(await runCli(['destroy', 'dynamodb-global-tables', '--yes', '--regions=eu-west-1,eu-west-2,eu-west-3'], t.env)).toBe(0);
    expect(t.cdkCalls[0]).toContain('labs:regions=eu-west-1,eu-west-2,eu-central-1');
    expect(t.errors()).toContain('dynamodb-global-tables is deployed with Regions eu-west-1,eu-west-2,eu-central-1 (as its stack records them): using those, not --regions=eu-west-1,eu-west-2,eu-west-3');
  });

  test('destroy with no stack here falls back to --regions (then cdk.json, then the default) and looks for leftovers in each of them', async () => {
    deployedIn(undefined, EU);
    noLeftovers();
    const t = withDdb('eu-west-1');
    expect(await runCli(['destroy', 'dynamodb-global-tables', '--regions=eu-west-1,eu-west-2,eu-central-1'], t.env)).toBe(0);
    expect(t.text()).toContain('dynamodb-global-tables has no stack in eu-west-1; looking for leftovers only');
    expect(t.cdkCalls).toEqual([]);
    expect(await searched()).toEqual(['eu-central-1', 'eu-west-1', 'eu-west-2']);
  });

  test('leftovers of a deployed lab search the Regions its stack records; --regions needs a lab id', async () => {
    deployedIn('eu-west-1', EU);
    noLeftovers();
    const t = withDdb('eu-west-1');
    expect(await runCli(['leftovers', 'dynamodb-global-tables'], t.env)).toBe(0);
    expect(await searched()).toEqual(['eu-central-1', 'eu-west-1', 'eu-west-2']);
    const u = withDdb('eu-west-1');
    expect(await runCli(['leftovers', '--regions=eu-west-1,eu-west-2,eu-central-1'], u.env)).not.toBe(0);
    expect(u.errors()).toContain('--regions: received "eu-west-1,eu-west-2,eu-central-1"; allowed: only with a lab id');
  });

  test('leftoversEverywhere searches every Region of the lab; a replica is a leftover only when the stack is gone from its primary', async () => {
    noLeftovers();
    // The Tagging API lists a replica in us-west-2 only (GetResources, ResourceTagMappingList,
    // https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_GetResources.html).
    const replica = 'arn:aws:dynamodb:us-west-2:123456789012:table/dynamodb-global-tables-MrecTable977A6588-7U8I9O0P1A2S';
    tagging.on(GetResourcesCommand).callsFake(async (_input, getClient) => ({ ResourceTagMappingList: (await regionOf(getClient)) === 'us-west-2' ? [{ ResourceARN: replica, Tags: [{ Key: 'lab', Value: 'dynamodb-global-tables' }] }] : [] }));
    const regions = new Map([['dynamodb-global-tables', ['us-east-1', 'us-east-2', 'us-west-2']]]);
    deployedIn(undefined, regions.get('dynamodb-global-tables') as string[]);
    const gone = await leftoversEverywhere({ region: 'us-east-1' }, [dynamodbGlobalTables], regions, { labIds: ['dynamodb-global-tables'] }, NOW);
    expect(await searched()).toEqual(['us-east-1', 'us-east-2', 'us-west-2']);
    expect(gone.map((l) => l.id)).toEqual([replica]);
    tagging.resetHistory();
    deployedIn('us-east-1', regions.get('dynamodb-global-tables') as string[]);
    const live = await leftoversEverywhere({ region: 'us-east-1' }, [dynamodbGlobalTables], regions, { labIds: ['dynamodb-global-tables'], liveStacks: ['dynamodb-global-tables'] }, NOW);
    expect(await searched()).toEqual(['us-east-1', 'us-east-2', 'us-west-2']);
    expect(live).toEqual([]);
  });
});
