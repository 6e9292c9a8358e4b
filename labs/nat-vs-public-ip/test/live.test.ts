import {
  CreateNetworkInsightsPathCommand,
  DeleteNetworkInsightsAnalysisCommand,
  DeleteNetworkInsightsPathCommand,
  DescribeInstancesCommand,
  DescribeNatGatewaysCommand,
  DescribeNetworkAclsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeNetworkInsightsAnalysesCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcBlockPublicAccessExclusionsCommand,
  DescribeVpcBlockPublicAccessOptionsCommand,
  EC2Client,
  GetConsoleOutputCommand,
  StartNetworkInsightsAnalysisCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { GetFunctionConfigurationCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { Observation } from '../../../lib/lab-kit/checks/lab-definition';
import { type LiveRun, runLiveChecks } from '../../../lib/lab-kit/checks/runner';
import { fakeObserveContext, judgeLive } from '../../../lib/lab-kit/testing';
import { natVsPublicIp } from '..';
import { egressPrivate, egressPublicWithIp, type EgressObservation, firewalls, routeTables, PROBE_BUDGET_SECONDS, PROBE_OBSERVATIONS, summarizeProbe, vpcBlockPublicAccess } from '../observe';
import { PROBE_KEYS, PROBES, type ProbeKey } from '../outputs';
import { expectToMatchFileSnapshot } from '../../../lib/lab-kit/testing/file-snapshot';
import { recordExampleRun } from '../../../lib/lab-kit/testing/example-run';
import * as path from 'node:path';
import { CATALOG } from '../../../catalog';
import { indexClaims } from '../../../lib/lab-kit/catalog/catalog';

const ec2 = mockClient(EC2Client);
const lambda = mockClient(LambdaClient);

/**
 * The two VPC functions as Lambda answers (GetFunctionConfiguration State and VpcConfig.SecurityGroupIds,
 * "GetFunctionConfiguration" and "VpcConfigResponse", AWS Lambda API Reference,
 * https://docs.aws.amazon.com/lambda/latest/api/API_GetFunctionConfiguration.html; Invoke Payload bytes, "Invoke",
 * https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html): the public-subnet one's connection times out (its
 * ENIs have no public IP), the other goes out as the NAT gateway's address. `publicReaches` makes the public one get
 * out: the claim contradicted. `publicFailure` replaces its timeout with another failure of the handler's (Node's
 * error code and message). Their ENIs as DescribeNetworkInterfaces gives them ("NetworkInterface", Amazon EC2 API
 * Reference, https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkInterface.html: InterfaceType
 * `lambda`, RequesterManaged true, Association only with a public IPv4 address); `publicEniIp` associates one with
 * the public function's ENI, `publicEnisGone` leaves its ENIs out.
 */
interface LambdaWorld {
  publicReaches?: boolean;
  natReaches?: boolean;
  publicFailure?: { kind: string; code: string; error: string; elapsedMs: number };
  publicEniIp?: string;
  publicEnisGone?: boolean;
}
const LAMBDA_SGS = { public: 'sg-0c1d2e3f4a5b60001', nat: 'sg-0c1d2e3f4a5b60002' };
function mockLambdas(options: LambdaWorld = {}): void {
  lambda.reset();
  const config = (sg: string, subnet: string) => ({ State: 'Active' as const, LastUpdateStatus: 'Successful' as const, VpcConfig: { SubnetIds: [subnet], SecurityGroupIds: [sg], VpcId: VPC_ID, Ipv6AllowedForDualStack: false } });
  lambda.on(GetFunctionConfigurationCommand, { FunctionName: OUTPUTS.LambdaInPublicSubnetName }).resolves(config(LAMBDA_SGS.public, SUBNETS.PublicWithIp));
  lambda.on(GetFunctionConfigurationCommand, { FunctionName: OUTPUTS.LambdaViaNatGatewayName }).resolves(config(LAMBDA_SGS.nat, SUBNETS.ViaNatGateway));
  const answer = (p: unknown) => ({ StatusCode: 200, ExecutedVersion: '$LATEST', Payload: new TextEncoder().encode(JSON.stringify(p)) as any });
  const timedOut = (elapsedMs: number) => ({ reached: false, kind: 'timeout', code: 'LAB_PROBE_TIMEOUT', error: 'no answer within 5000 ms', resolved: true, connected: false, timeoutMs: 5000, elapsedMs });
  const failure = options.publicFailure && { reached: false, ...options.publicFailure, resolved: options.publicFailure.kind !== 'dns', connected: false, timeoutMs: 5000 };
  lambda
    .on(InvokeCommand, { FunctionName: OUTPUTS.LambdaInPublicSubnetName })
    .resolves(answer(options.publicReaches ? { reached: true, status: 200, publicIp: options.publicEniIp ?? '3.80.1.2', elapsedMs: 150 } : (failure ?? timedOut(5004))));
  lambda
    .on(InvokeCommand, { FunctionName: OUTPUTS.LambdaViaNatGatewayName })
    .resolves(answer(options.natReaches === false ? timedOut(5002) : { reached: true, status: 200, publicIp: NAT_GATEWAY_IP, elapsedMs: 212 }));
  const eni = (id: string, sg: string, subnet: string, name: string, publicIp?: string) => ({
    NetworkInterfaceId: id,
    SubnetId: subnet,
    VpcId: VPC_ID,
    AvailabilityZone: 'us-east-1a',
    Description: `AWS Lambda VPC ENI-${name}-0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b`,
    InterfaceType: 'lambda' as const,
    RequesterId: 'AROAEXAMPLEROLEID1234:0f1e2d3c4b5a69788a9b0c1d2e3f4a5b',
    RequesterManaged: true,
    Status: 'in-use' as const,
    SourceDestCheck: true,
    PrivateIpAddress: sg === LAMBDA_SGS.public ? '10.0.0.200' : '10.0.2.200',
    Groups: [{ GroupId: sg, GroupName: 'NatVsPublicIp-LambdaSecurityGroup' }],
    ...(publicIp ? { Association: { PublicIp: publicIp, IpOwnerId: '123456789012', AllocationId: 'eipalloc-0a1b2c3d4e5f60001', AssociationId: 'eipassoc-0a1b2c3d4e5f60001' } } : {}),
  });
  ec2.on(DescribeNetworkInterfacesCommand).callsFake((input: { Filters?: { Name: string; Values: string[] }[] }) => {
    const groups = input.Filters?.find((f) => f.Name === 'group-id')?.Values ?? [];
    const all = [
      ...(options.publicEnisGone ? [] : [eni('eni-0d1e2f3a4b5c60001', LAMBDA_SGS.public, SUBNETS.PublicWithIp, OUTPUTS.LambdaInPublicSubnetName, options.publicEniIp)]),
      eni('eni-0d1e2f3a4b5c60002', LAMBDA_SGS.nat, SUBNETS.ViaNatGateway, OUTPUTS.LambdaViaNatGatewayName),
    ];
    return { NetworkInterfaces: all.filter((n) => n.Groups.some((g) => groups.includes(g.GroupId))) };
  });
}

const IDS: Record<ProbeKey | 'Nat', string> = {
  PublicWithIp: 'i-0a1b2c3d4e5f60001',
  PublicNoIp: 'i-0a1b2c3d4e5f60002',
  NoRouteWithIp: 'i-0a1b2c3d4e5f60003',
  ViaNatGateway: 'i-0a1b2c3d4e5f60004',
  ViaNatInstance: 'i-0a1b2c3d4e5f60005',
  Nat: 'i-0a1b2c3d4e5f60006',
};
const NAT_GATEWAY_IP = '3.210.10.20';
const NAT_INSTANCE_IP = '44.200.1.2';

const OUTPUTS: Record<string, string> = {
  ...Object.fromEntries(PROBE_KEYS.map((k) => [PROBES[k], IDS[k]])),
  NatGatewayId: 'nat-0f1e2d3c4b5a69788',
  NatInstanceId: IDS.Nat,
  InternetGatewayId: 'igw-0123456789abcdef0',
  VpcId: 'vpc-0123456789abcdef0',
  LambdaInPublicSubnetName: 'nat-vs-public-ip-LambdaInPublicSubnetFunction1A2B3C4D-Ab12Cd34Ef56',
  LambdaViaNatGatewayName: 'nat-vs-public-ip-LambdaViaNatGatewayFunction5E6F7A8B-Gh78Ij90Kl12',
};

/** What the world looks like: each probe's public IP (or none) and what checkip answers (or a failure). */
interface World {
  /** The VPC function in the public subnet gets out (contradicts I4 and I19). */
  lambdaPublicReaches?: boolean;
  publicIps: Partial<Record<ProbeKey | 'Nat', string>>;
  answers: Record<ProbeKey, string | null>;
  sourceDestCheck: boolean;
  natState: string;
  availabilityMode?: string;
  runningState?: string;
  /** When the NAT instance said forwarding was set up, and with what exit code. */
  natReadyAt?: number;
  natReadyRc?: number;
  /** A failure that is not a connection failure, e.g. 6 (DNS) or 127 (no curl), for every probe whose answer is null. */
  failureRc?: number;
  /** One probe's failure, as curl writes it (overrides failureRc for that probe). */
  failures?: Partial<Record<ProbeKey, { rc: number; out: string }>>;
  /** Instances that no longer exist: DescribeInstances leaves them out of a filtered answer. */
  missing?: (ProbeKey | 'Nat')[];
  /** DescribeInstances page size (all in one page when absent). */
  pageSize?: number;
  /**
   * What the second endpoint (the Region's STS) gave each probe, as curl's exit code and HTTP status: by default it
   * connects when checkip answers or answers with an HTTP error, and fails as checkip does otherwise.
   */
  second?: Partial<Record<ProbeKey, { rc: number; http: string }>>;
  /** VPC Block Public Access, as DescribeVpcBlockPublicAccessOptions gives it (off by default). */
  bpa?: { mode: string; state?: string; managedBy?: string; exclusionsAllowed?: string };
  /** BPA exclusions, as DescribeVpcBlockPublicAccessExclusions gives them. */
  exclusions?: { ResourceArn: string; InternetGatewayExclusionMode: string; State: string }[];
  /** A security group's rules as they are now (changed after the deploy), by instance; the lab's own rules when absent. */
  securityGroups?: Partial<Record<ProbeKey | 'Nat', { ingress?: IpPermission[]; egress?: IpPermission[] }>>;
  /** A subnet's network ACL entries as they are now (its own ACL then); the VPC's default ACL when absent. */
  networkAcls?: Partial<Record<string, AclEntry[]>>;
  /** A subnet's routes as they are now (changed after the deploy); the lab's own when absent. */
  routes?: Partial<Record<string, ApiRoute[]>>;
  /** Subnets whose explicit route table association was removed: they use the VPC's main table. */
  implicitlyMain?: string[];
}

/** Route as DescribeRouteTables gives it (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Route.html). */
interface ApiRoute {
  DestinationCidrBlock?: string;
  DestinationPrefixListId?: string;
  GatewayId?: string;
  NatGatewayId?: string;
  InstanceId?: string;
  InstanceOwnerId?: string;
  NetworkInterfaceId?: string;
  TransitGatewayId?: string;
  Origin: 'CreateRouteTable' | 'CreateRoute' | 'EnableVgwRoutePropagation';
  State: 'active' | 'blackhole';
}

const NAT_ENI = 'eni-0a1b2c3d4e5f60006';
const LOCAL: ApiRoute = { DestinationCidrBlock: '10.20.0.0/16', GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' };
/** The lab's routes: the public subnet to the internet gateway, NoDefaultRoute local only, the private ones to their NAT. */
function deployedRoutes(): Record<string, ApiRoute[]> {
  return {
    [SUBNETS.PublicWithIp]: [LOCAL, { DestinationCidrBlock: '0.0.0.0/0', GatewayId: OUTPUTS.InternetGatewayId, Origin: 'CreateRoute', State: 'active' }],
    [SUBNETS.NoRouteWithIp]: [LOCAL],
    [SUBNETS.ViaNatGateway]: [LOCAL, { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: OUTPUTS.NatGatewayId, Origin: 'CreateRoute', State: 'active' }],
    // A route to an instance names the instance and its ENI.
    [SUBNETS.ViaNatInstance]: [LOCAL, { DestinationCidrBlock: '0.0.0.0/0', InstanceId: IDS.Nat, InstanceOwnerId: '123456789012', NetworkInterfaceId: NAT_ENI, Origin: 'CreateRoute', State: 'active' }],
  };
}

/** IpPermission as DescribeSecurityGroups gives it (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html). */
interface IpPermission {
  IpProtocol: string;
  FromPort?: number;
  ToPort?: number;
  IpRanges?: { CidrIp: string; Description?: string }[];
  Ipv6Ranges?: { CidrIpv6: string }[];
  PrefixListIds?: { PrefixListId: string }[];
  UserIdGroupPairs?: { GroupId: string; UserId: string }[];
}

/** NetworkAclEntry (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkAclEntry.html): Protocol a number as a string, "-1" all. */
interface AclEntry {
  RuleNumber: number;
  Protocol: string;
  RuleAction: 'allow' | 'deny';
  Egress: boolean;
  CidrBlock?: string;
  Ipv6CidrBlock?: string;
  PortRange?: { From: number; To: number };
}

/**
 * A new VPC's default network ACL, as the table of "Default network ACL for a VPC"
 * (https://docs.aws.amazon.com/vpc/latest/userguide/default-network-acl.html) lists it: rule 100 allowing all IPv4
 * traffic each way, then the rule numbered * (RuleNumber 32767 in DescribeNetworkAcls) that denies what no other rule
 * matched; no IPv6 rules, as the lab's VPC has no IPv6 block.
 */
const DEFAULT_ACL_ENTRIES: AclEntry[] = [
  { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: true, CidrBlock: '0.0.0.0/0' },
  { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: true, CidrBlock: '0.0.0.0/0' },
  { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0' },
  { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: false, CidrBlock: '0.0.0.0/0' },
];

/** Each instance's own security group, as the lab creates it. */
const SG_IDS: Record<ProbeKey | 'Nat', string> = {
  PublicWithIp: 'sg-0a1b2c3d4e5f60001',
  PublicNoIp: 'sg-0a1b2c3d4e5f60002',
  NoRouteWithIp: 'sg-0a1b2c3d4e5f60003',
  ViaNatGateway: 'sg-0a1b2c3d4e5f60004',
  ViaNatInstance: 'sg-0a1b2c3d4e5f60005',
  Nat: 'sg-0a1b2c3d4e5f60006',
};
/** The lab's rules: probes allow all outbound and nothing in; the NAT instance also admits everything from the VPC. */
const ALL_OUT: IpPermission = { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'Allow all outbound traffic by default' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] };
const FROM_VPC: IpPermission = { IpProtocol: '-1', IpRanges: [{ CidrIp: '10.20.0.0/16', Description: 'Traffic to forward, from the VPC' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] };
const PRIVATE_IPS: Record<ProbeKey | 'Nat', string> = {
  PublicWithIp: '10.20.0.11',
  PublicNoIp: '10.20.0.12',
  Nat: '10.20.0.13',
  NoRouteWithIp: '10.20.1.10',
  ViaNatGateway: '10.20.2.10',
  ViaNatInstance: '10.20.3.10',
};

const VPC_ID = 'vpc-0123456789abcdef0';
/** The subnet of each instance: PublicWithIp, PublicNoIp and the NAT instance share the public subnet. */
const SUBNETS: Record<ProbeKey | 'Nat', string> = {
  PublicWithIp: 'subnet-0aaa1111bbbb2222c',
  PublicNoIp: 'subnet-0aaa1111bbbb2222c',
  Nat: 'subnet-0aaa1111bbbb2222c',
  NoRouteWithIp: 'subnet-0bbb1111bbbb2222c',
  ViaNatGateway: 'subnet-0ccc1111bbbb2222c',
  ViaNatInstance: 'subnet-0ddd1111bbbb2222c',
};
const ALL_SUBNETS = [...new Set(Object.values(SUBNETS))];
// An exclusion's ResourceArn: arn:${Partition}:ec2:${Region}:${Account}:vpc/${VpcId} (or subnet/${SubnetId}),
// "Actions, resources, and condition keys for Amazon EC2", https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html.
const arnOf = (id: string) => `arn:aws:ec2:us-east-1:123456789012:${id.startsWith('vpc-') ? 'vpc' : 'subnet'}/${id}`;

function truthfulWorld(): World {
  return {
    publicIps: { PublicWithIp: '54.1.2.3', NoRouteWithIp: '54.9.8.7', Nat: NAT_INSTANCE_IP },
    answers: { PublicWithIp: '54.1.2.3', PublicNoIp: null, NoRouteWithIp: null, ViaNatGateway: NAT_GATEWAY_IP, ViaNatInstance: NAT_INSTANCE_IP },
    sourceDestCheck: false,
    natState: 'available',
    availabilityMode: 'zonal',
  };
}

// What curl writes for each failure (curl man page, EXIT CODES, https://curl.se/docs/manpage.html: 6 could not resolve
// host, 7 failed to connect, 22 HTTP page not retrieved (400 or above, only with -f/--fail), 28 operation timeout).
const CURL_FAILURES: Record<number, string> = {
  6: 'curl: (6) Could not resolve host: checkip.amazonaws.com',
  7: 'curl: (7) Failed to connect to checkip.amazonaws.com port 443 after 3 ms: Could not connect to server',
  22: 'curl: (22) The requested URL returned error: 503',
  28: 'curl: (28) Connection timed out after 5001 milliseconds',
  127: 'bash: line 1: curl: command not found',
};

/**
 * A serial console as an AL2023 instance writes it: boot noise, then probe lines with CRLF, each try's output opening
 * with the second endpoint's result as EgressProbeInstance writes it (`also=<curl rc>:<HTTP status> <checkip answer>`;
 * curl writes 000 for %{http_code} when no answer came).
 */
function consoleText(answer: string | null, tries = 4, failure: { rc: number; out: string } = { rc: 28, out: CURL_FAILURES[28] }, second?: { rc: number; http: string }): string {
  const lines = ['[    0.000000] Booting Linux on physical CPU 0x0000000000 [0x413fd0c1]', 'cloud-init[1234]: Cloud-init v. 22.2.2 running'];
  const other = second ?? (answer !== null || failure.rc === 22 ? { rc: 0, http: '403' } : { rc: failure.rc, http: '000' });
  for (let seq = 1; seq <= tries; seq++) {
    const at = 1_795_000_000 + seq * 15;
    const also = `also=${other.rc}:${other.http}`;
    lines.push(answer !== null ? `LABPROBE name=internet seq=${seq} at=${at} rc=0 out=${also} ${answer}` : `LABPROBE name=internet seq=${seq} at=${at} rc=${failure.rc} out=${also} ${failure.out}`);
  }
  return lines.join('\r\n') + '\r\n';
}

function failureOf(world: World, k: ProbeKey): { rc: number; out: string } {
  const rc = world.failureRc ?? 28;
  return world.failures?.[k] ?? { rc, out: CURL_FAILURES[rc] ?? `failed ${rc}` };
}

// Responses shaped as the EC2 API reference gives them:
// DescribeInstances https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstances.html (PublicIpAddress absent without one;
//   "If you specify an instance ID that is not valid, an error is returned": InvalidInstanceID.NotFound, per the EC2 API
//   error codes, https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html; a filter leaves it out; NextToken pages),
// GetConsoleOutput https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_GetConsoleOutput.html (Output base64),
// DescribeNatGateways https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeNatGateways.html
//   (NatGateway State pending | failed | available | deleting | deleted, "NatGateway",
//   https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NatGateway.html; `natState` takes these).
function mockWorld(world: World): void {
  ec2.reset();
  mockLambdas({ publicReaches: world.lambdaPublicReaches });
  const instances = (Object.keys(IDS) as (ProbeKey | 'Nat')[]).map((k) => ({
    InstanceId: IDS[k],
    InstanceType: 't4g.nano' as const,
    State: { Code: 16, Name: (world.runningState ?? 'running') as 'running' },
    PrivateIpAddress: PRIVATE_IPS[k],
    SecurityGroups: [{ GroupId: SG_IDS[k], GroupName: `NatVsPublicIp-${k}SecurityGroup` }],
    NetworkInterfaces: [{ NetworkInterfaceId: k === 'Nat' ? NAT_ENI : `eni-0b1b2c3d4e5f6000${PROBE_KEYS.indexOf(k as ProbeKey) + 1}`, SubnetId: SUBNETS[k], VpcId: VPC_ID, PrivateIpAddress: PRIVATE_IPS[k] }],
    ...(world.publicIps[k] ? { PublicIpAddress: world.publicIps[k] } : {}),
    SourceDestCheck: k === 'Nat' ? world.sourceDestCheck : true,
    VpcId: VPC_ID,
    SubnetId: SUBNETS[k],
  }));
  const existing = instances.filter((i) => !(world.missing ?? []).some((k) => IDS[k] === i.InstanceId));
  ec2.on(DescribeInstancesCommand).callsFake((input: { InstanceIds?: string[]; Filters?: { Name: string; Values: string[] }[]; NextToken?: string }) => {
    const gone = (input.InstanceIds ?? []).find((id) => !existing.some((i) => i.InstanceId === id));
    if (gone) throw Object.assign(new Error(`The instance ID '${gone}' does not exist`), { name: 'InvalidInstanceID.NotFound', Code: 'InvalidInstanceID.NotFound' });
    const wanted = input.InstanceIds ?? input.Filters?.find((f) => f.Name === 'instance-id')?.Values;
    const matching = existing.filter((i) => !wanted || wanted.includes(i.InstanceId));
    const size = world.pageSize ?? matching.length;
    const start = Number(input.NextToken ?? 0);
    const page = matching.slice(start, start + size);
    const next = start + size < matching.length ? String(start + size) : undefined;
    return { Reservations: page.length > 0 ? [{ ReservationId: 'r-0123456789abcdef0', OwnerId: '123456789012', Instances: page }] : [], ...(next ? { NextToken: next } : {}) };
  });
  ec2.on(GetConsoleOutputCommand, { InstanceId: IDS.Nat }).resolves({
    InstanceId: IDS.Nat,
    Output: Buffer.from(`cloud-init[812]: Installed: iptables-services\r\nLABPROBE name=nat-ready seq=1 at=${world.natReadyAt ?? 1_795_000_000} rc=${world.natReadyRc ?? 0} out=forwarding and masquerade configured\r\n`).toString('base64'),
  });
  // Each probe keeps writing: every read finds 4 more tries (15 s apart) than the one before, so the run's first read
  // (the mark) sees 4 and the probe's own read 4 new ones.
  for (const k of PROBE_KEYS) {
    let reads = 0;
    ec2.on(GetConsoleOutputCommand, { InstanceId: IDS[k] }).callsFake(() => ({
      InstanceId: IDS[k],
      Timestamp: new Date('2026-11-23T12:01:00Z'),
      Output: Buffer.from(consoleText(world.answers[k], 4 * ++reads, failureOf(world, k), world.second?.[k])).toString('base64'),
    }));
  }
  // DescribeVpcBlockPublicAccessOptions, https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcBlockPublicAccessOptions.html,
  // VpcBlockPublicAccessOptions https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcBlockPublicAccessOptions.html
  // (every field optional: Reason and LastUpdateTimestamp left out while BPA was never changed).
  ec2.on(DescribeVpcBlockPublicAccessOptionsCommand).resolves({
    VpcBlockPublicAccessOptions: {
      AwsAccountId: '123456789012',
      AwsRegion: 'us-east-1',
      State: (world.bpa?.state ?? (world.bpa ? 'update-complete' : 'default-state')) as 'default-state',
      InternetGatewayBlockMode: (world.bpa?.mode ?? 'off') as 'off',
      ManagedBy: (world.bpa?.managedBy ?? 'account') as 'account',
      ExclusionsAllowed: (world.bpa?.exclusionsAllowed ?? 'allowed') as 'allowed',
      ...(world.bpa ? { LastUpdateTimestamp: new Date('2026-10-01T09:00:00Z') } : {}),
    },
  });
  // DescribeVpcBlockPublicAccessExclusions, https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcBlockPublicAccessExclusions.html,
  // VpcBlockPublicAccessExclusion https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcBlockPublicAccessExclusion.html; one per page,
  // so NextToken must be followed.
  const exclusions = (world.exclusions ?? []).map((e, n) => ({ ExclusionId: `vpcbpa-exclude-0123456789abcdef${n}`, ...e, CreationTimestamp: new Date('2026-10-01T09:00:00Z') }));
  ec2.on(DescribeVpcBlockPublicAccessExclusionsCommand).callsFake((input: { NextToken?: string }) => {
    const at = Number(input.NextToken ?? 0);
    return { VpcBlockPublicAccessExclusions: exclusions.slice(at, at + 1), ...(at + 1 < exclusions.length ? { NextToken: String(at + 1) } : {}) };
  });
  ec2.on(DescribeNatGatewaysCommand).resolves({
    NatGateways: [{
      NatGatewayId: OUTPUTS.NatGatewayId,
      State: world.natState as 'available',
      SubnetId: 'subnet-0aaa1111bbbb2222c',
      VpcId: OUTPUTS.VpcId,
      ConnectivityType: 'public',
      ...(world.availabilityMode ? { AvailabilityMode: world.availabilityMode as 'zonal' } : {}),
      NatGatewayAddresses: [{ AllocationId: 'eipalloc-0123456789abcdef0', NetworkInterfaceId: 'eni-0123456789abcdef0', PrivateIp: '10.20.0.50', PublicIp: NAT_GATEWAY_IP, IsPrimary: true, Status: 'succeeded' }],
    }],
  });
  // DescribeSecurityGroups, https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSecurityGroups.html
  // (SecurityGroup: IpPermissions, IpPermissionsEgress; filter group-id); one group per page, so NextToken must be followed.
  const groups = (Object.keys(SG_IDS) as (ProbeKey | 'Nat')[]).map((k) => ({
    GroupId: SG_IDS[k],
    GroupName: `NatVsPublicIp-${k}SecurityGroup`,
    Description: k === 'Nat' ? 'NAT instance: forwards traffic from inside the VPC; nothing from the internet' : 'NatVsPublicIp/SecurityGroup',
    OwnerId: '123456789012',
    VpcId: VPC_ID,
    IpPermissions: world.securityGroups?.[k]?.ingress ?? (k === 'Nat' ? [FROM_VPC] : []),
    IpPermissionsEgress: world.securityGroups?.[k]?.egress ?? [ALL_OUT],
    SecurityGroupArn: `arn:aws:ec2:us-east-1:123456789012:security-group/${SG_IDS[k]}`,
  }));
  ec2.on(DescribeSecurityGroupsCommand).callsFake((input: { Filters?: { Name: string; Values: string[] }[]; NextToken?: string }) => {
    const wanted = input.Filters?.find((f) => f.Name === 'group-id')?.Values ?? [];
    const matching = groups.filter((g) => wanted.includes(g.GroupId));
    const at = Number(input.NextToken ?? 0);
    return { SecurityGroups: matching.slice(at, at + 1), ...(at + 1 < matching.length ? { NextToken: String(at + 1) } : {}) };
  });
  mockRouteTables(world);
  // DescribeNetworkAcls, https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeNetworkAcls.html (NetworkAcl: Associations,
  // Entries, IsDefault; filter association.subnet-id); one ACL per page. Every subnet shares the VPC's default ACL unless the world
  // gives it entries of its own.
  const own = Object.entries(world.networkAcls ?? {}).map(([subnet, entries], n) => ({ id: `acl-0c0ffee0000000${n}0`, subnets: [subnet], entries: entries!, isDefault: false }));
  const shared = { id: 'acl-0d3fa017000000000', subnets: ALL_SUBNETS.filter((sn) => !(sn in (world.networkAcls ?? {}))), entries: DEFAULT_ACL_ENTRIES, isDefault: true };
  const acls = [shared, ...own].map((a) => ({
    NetworkAclId: a.id,
    IsDefault: a.isDefault,
    VpcId: VPC_ID,
    OwnerId: '123456789012',
    Tags: [],
    Entries: a.entries,
    Associations: a.subnets.map((sn, n) => ({ NetworkAclAssociationId: `aclassoc-0${n}${a.id.slice(-6)}`, NetworkAclId: a.id, SubnetId: sn })),
  }));
  ec2.on(DescribeNetworkAclsCommand).callsFake((input: { Filters?: { Name: string; Values: string[] }[]; NextToken?: string }) => {
    const wanted = input.Filters?.find((f) => f.Name === 'association.subnet-id')?.Values ?? [];
    const matching = acls.filter((a) => a.Associations.some((x) => wanted.includes(x.SubnetId)));
    const at = Number(input.NextToken ?? 0);
    return { NetworkAcls: matching.slice(at, at + 1), ...(at + 1 < matching.length ? { NextToken: String(at + 1) } : {}) };
  });
}

/** The route tables as the world has them now (also called mid-run, to change them). */
function mockRouteTables(world: World): void {
  // DescribeRouteTables, https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeRouteTables.html (RouteTable: Routes,
  // Associations with Main and SubnetId, https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RouteTableAssociation.html;
  // filters association.subnet-id, vpc-id, association.main); one table per page. The main table has only the local route.
  const routes = { ...deployedRoutes(), ...(world.routes ?? {}) } as Record<string, ApiRoute[]>;
  const implicit = world.implicitlyMain ?? [];
  type Association = { Main: boolean; RouteTableAssociationId: string; RouteTableId: string; SubnetId?: string; AssociationState: { State: 'associated' } };
  const tables: { RouteTableId: string; VpcId: string; OwnerId: string; Routes: ApiRoute[]; Associations: Association[]; Tags: never[]; PropagatingVgws: never[] }[] = [
    { RouteTableId: 'rtb-0main000000000000', VpcId: VPC_ID, OwnerId: '123456789012', Routes: [LOCAL], Associations: [{ Main: true, RouteTableAssociationId: 'rtbassoc-0main0000000000000', RouteTableId: 'rtb-0main000000000000', AssociationState: { State: 'associated' as const } }], Tags: [], PropagatingVgws: [] },
    ...Object.entries(routes).map(([subnet, rs], n) => ({
      RouteTableId: `rtb-0${n}a1b2c3d4e5f6070`,
      VpcId: VPC_ID,
      OwnerId: '123456789012',
      Routes: rs,
      Associations: ALL_SUBNETS.filter((sn) => sn === subnet && !implicit.includes(sn)).map((sn) => ({ Main: false, RouteTableAssociationId: `rtbassoc-0${n}a1b2c3d4e5f6070`, RouteTableId: `rtb-0${n}a1b2c3d4e5f6070`, SubnetId: sn, AssociationState: { State: 'associated' as const } })),
      Tags: [],
      PropagatingVgws: [],
    })),
  ];
  ec2.on(DescribeRouteTablesCommand).callsFake((input: { Filters?: { Name: string; Values: string[] }[]; NextToken?: string }) => {
    const bySubnet = input.Filters?.find((f) => f.Name === 'association.subnet-id')?.Values;
    const main = input.Filters?.find((f) => f.Name === 'association.main')?.Values?.[0] === 'true';
    const matching = tables.filter((t) => (bySubnet ? t.Associations.some((a) => a.SubnetId && bySubnet.includes(a.SubnetId)) : main ? t.Associations.some((a) => a.Main) : true));
    const at = Number(input.NextToken ?? 0);
    return { RouteTables: matching.slice(at, at + 1), ...(at + 1 < matching.length ? { NextToken: String(at + 1) } : {}) };
  });
}

function observationOf(id: string): Observation<unknown, any> {
  const check = natVsPublicIp.checks[id]?.live;
  if (!check) throw new Error(`no live check ${id}`);
  return check.observation;
}

const context = (options: Record<string, boolean> = {}, outputs = OUTPUTS) => fakeObserveContext({ labId: natVsPublicIp.id, outputs, options });

/** Observes what a claim's live check judges, in the mocked world (already mocked when `world` is omitted). */
async function observe(id: string, world?: World, options: Record<string, boolean> = {}): Promise<any> {
  if (world) mockWorld(world);
  return context(options).observe(observationOf(id));
}

/** Observes and judges one claim. */
async function check(id: string, world: World, options: Record<string, boolean> = {}) {
  return judgeLive(natVsPublicIp, id, await observe(id, world, options));
}

afterEach(() => ec2.reset());

describe('nat-vs-public-ip observation', () => {
  test('its example run (test/fixtures/example-run.json) is the truthful world recorded: every live claim passes, the example says it is one', async () => {
    mockWorld(truthfulWorld());
    let clock = Date.parse('2026-11-23T12:00:00Z');
    const run: LiveRun = { labId: natVsPublicIp.id, outputs: OUTPUTS, aws: { region: 'us-east-1' }, options: {}, progress: () => {}, sleep: async (ms) => void (clock += ms), now: () => clock };
    const claims = indexClaims(CATALOG);
    const record = await recordExampleRun(natVsPublicIp, run, (id) => claims.get(id)?.claim, 'a truthful world: six probe instances whose consoles show the tries each path allows');
    expect(record.results.filter((r) => r.outcome !== 'pass' && r.outcome !== 'skipped')).toEqual([]);
    expectToMatchFileSnapshot(record, path.join(__dirname, 'fixtures', 'example-run.json'));
  });

  test('every live claim passes, reading each probe\'s console for its mark and then until it settles, the NAT\'s once', async () => {
    mockWorld(truthfulWorld());
    let clock = Date.parse('2026-11-23T12:00:00Z');
    const run: LiveRun = { labId: natVsPublicIp.id, outputs: OUTPUTS, aws: { region: 'us-east-1' }, options: {}, progress: () => {}, sleep: async (ms) => void (clock += ms), now: () => clock };
    const { results, observations } = await runLiveChecks(natVsPublicIp, run, () => undefined);
    expect(results.filter((r) => r.outcome !== 'pass' && r.outcome !== 'skipped')).toEqual([]);
    expect(results.find((r) => r.claim === 'I7.nat-lives-in-public-subnet')?.outcome).toBe('skipped');
    // 5 marks, then one read per probe (each finds 4 new tries), and the NAT instance's nat-ready line once.
    expect(ec2).toHaveReceivedCommandTimes(GetConsoleOutputCommand, 11);
    expect(ec2).toHaveReceivedCommandTimes(DescribeInstancesCommand, 1);
    expect(ec2).toHaveReceivedCommandWith(GetConsoleOutputCommand, { InstanceId: IDS.PublicWithIp, Latest: true });
    expect(observations.filter((o) => o.name === 'probe-public-with-ip')).toHaveLength(1);
  });

  test('I7.no-unsolicited-inbound has no live check: the probes admit no inbound traffic, so a blocked connection would not isolate NAT', () => {
    expect(natVsPublicIp.checks['I7.no-unsolicited-inbound'].live).toBeUndefined();
  });

  // A live check whose pass condition is true of almost any response observes nothing: AvailabilityMode absent (= zonal)
  // and SubnetId present are what the template sets, and availability is not something a probe can see. "NAT gateway
  // basics": "implemented with redundancy in that zone" (https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-basics.html).
  test('B7.nat-gateway-highly-available has no live check: a run could only read back what the template fixes', async () => {
    expect(natVsPublicIp.checks['B7.nat-gateway-highly-available'].live).toBeUndefined();
    mockWorld(truthfulWorld());
    let clock = 0;
    const run: LiveRun = { labId: natVsPublicIp.id, outputs: OUTPUTS, aws: { region: 'us-east-1' }, options: {}, progress: () => {}, sleep: async (ms) => void (clock += ms), now: () => clock };
    const { results } = await runLiveChecks(natVsPublicIp, run, () => undefined);
    expect(results.find((r) => r.claim === 'B7.nat-gateway-highly-available')?.outcome).toBe('skipped');
  });

  test('DescribeInstances is asked with an instance-id filter, not InstanceIds, and its pages are followed', async () => {
    const world = truthfulWorld();
    world.pageSize = 4;
    mockWorld(world);
    const o: EgressObservation = await context().observe(egressPrivate);
    expect(o.natInstance?.publicIp).toBe(NAT_INSTANCE_IP);
    expect(ec2).toHaveReceivedCommandTimes(DescribeInstancesCommand, 2);
    expect(ec2.commandCalls(DescribeInstancesCommand)[0].args[0].input).toEqual({ Filters: [{ Name: 'instance-id', Values: [...PROBE_KEYS.map((k) => IDS[k]), IDS.Nat] }] });
  });

  test('an instance that no longer exists errors only the claims that read it, naming it', async () => {
    const world = truthfulWorld();
    world.missing = ['NoRouteWithIp'];
    mockWorld(world);
    let clock = 0;
    const run: LiveRun = { labId: natVsPublicIp.id, outputs: OUTPUTS, aws: { region: 'us-east-1' }, options: {}, progress: () => {}, sleep: async (ms) => void (clock += ms), now: () => clock };
    const { results } = await runLiveChecks(natVsPublicIp, run, () => undefined);
    const outcome = (id: string) => results.find((r) => r.claim === id)?.outcome;
    expect(outcome('I13.public-ip-without-route-is-offline')).toBe('error');
    expect(results.find((r) => r.claim === 'I13.public-ip-without-route-is-offline')?.error).toContain(`instances not running: ${IDS.NoRouteWithIp} (not found`);
    for (const id of ['B2.public-ip-reaches-internet', 'B2.public-subnet-without-public-ip-is-offline', 'B2.nat-gateway-serves-public-subnet', 'I7.private-subnet-egress-through-nat']) {
      expect([id, outcome(id)]).toEqual([id, 'pass']);
    }
  });

  test('a NAT instance that never reports forwarding set up errors only the claims that read ViaNatInstance, within the probe budget', async () => {
    mockWorld(truthfulWorld());
    ec2.on(GetConsoleOutputCommand, { InstanceId: IDS.Nat }).resolves({ InstanceId: IDS.Nat, Output: Buffer.from('cloud-init[812]: Error: Failed to download metadata for repo amazonlinux\r\n').toString('base64') });
    let clock = Date.parse('2026-11-23T12:00:00Z');
    const started = clock;
    const progress: string[] = [];
    const run: LiveRun = { labId: natVsPublicIp.id, outputs: OUTPUTS, aws: { region: 'us-east-1' }, options: {}, progress: (m) => progress.push(m), sleep: async (ms) => void (clock += ms), now: () => clock };
    const { results } = await runLiveChecks(natVsPublicIp, run, () => undefined);
    const outcome = (id: string) => results.find((r) => r.claim === id)?.outcome;
    expect(outcome('I7.private-subnet-egress-through-nat')).toBe('error');
    const error = results.find((r) => r.claim === 'I7.private-subnet-egress-through-nat')?.error;
    expect(error).toMatch(/probe nat-ready on i-0a1b2c3d4e5f60006 wrote 0 of 1 lines in \d+ s/);
    // User data runs at first boot only ("Work with instance user data",
    // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-add-user-data.html): after a stop and start no
    // new nat-ready line comes, and the error says so and what to do.
    expect(error).toContain('if it was stopped and started since');
    expect(error).toContain('`npx labs destroy nat-vs-public-ip`, then deploy again');
    for (const id of ['B2.public-ip-reaches-internet', 'B2.public-subnet-without-public-ip-is-offline', 'B2.nat-gateway-serves-public-subnet', 'I13.public-ip-without-route-is-offline']) {
      expect([id, outcome(id)]).toEqual([id, 'pass']);
    }
    // The NAT wait is tried once and remembered: the whole run stays within the budget (plus one poll).
    expect((clock - started) / 1000).toBeLessThanOrEqual(PROBE_BUDGET_SECONDS + 15);
    expect(progress.some((m) => m.includes(`s left of the ${PROBE_BUDGET_SECONDS} s probe budget`))).toBe(true);
  });

  test('a probe that does not settle errors only the claims that read it', async () => {
    mockWorld(truthfulWorld());
    const flapping = ['LABPROBE name=internet seq=1 at=1795000015 rc=0 out=3.210.10.20', 'LABPROBE name=internet seq=2 at=1795000030 rc=28 out=timeout', 'LABPROBE name=internet seq=3 at=1795000045 rc=0 out=3.210.10.20'].join('\n');
    ec2.on(GetConsoleOutputCommand, { InstanceId: IDS.ViaNatGateway }).resolves({ InstanceId: IDS.ViaNatGateway, Output: Buffer.from(flapping).toString('base64') });
    let clock = 0;
    const run: LiveRun = { labId: natVsPublicIp.id, outputs: OUTPUTS, aws: { region: 'us-east-1' }, options: {}, progress: () => {}, sleep: async (ms) => void (clock += ms), now: () => clock };
    const { results } = await runLiveChecks(natVsPublicIp, run, () => undefined);
    const outcome = (id: string) => results.find((r) => r.claim === id)?.outcome;
    expect(outcome('I7.private-subnet-egress-through-nat')).toBe('error');
    expect(outcome('B2.nat-gateway-serves-public-subnet')).toBe('error');
    expect(outcome('B2.public-subnet-without-public-ip-is-offline')).toBe('pass');
    expect(outcome('I13.public-ip-without-route-is-offline')).toBe('pass');
  });

  test('is plain JSON: recorded and read back, it is the same value', async () => {
    mockWorld(truthfulWorld());
    const o: EgressObservation = await context().observe(egressPublicWithIp);
    expect(JSON.parse(JSON.stringify(o))).toEqual(o);
    // The mark saw tries 1-4; the read finds 5-8, and the last 3 of those settle it.
    expect(o.probes.PublicWithIp?.settled[0]).toEqual({ name: 'internet', seq: 6, atMs: 1_795_000_090_000, rc: 0, output: 'also=0:403 54.1.2.3' });
    expect(o.probes.PublicWithIp?.egressIp).toBe('54.1.2.3');
    const noIp = await context().observe(PROBE_OBSERVATIONS.PublicNoIp);
    expect(noIp).not.toHaveProperty('publicIp');
  });

  test('tries through the NAT instance count only after it reports forwarding set up', async () => {
    mockWorld(truthfulWorld());
    const early = [1, 2, 3].map((seq) => `LABPROBE name=internet seq=${seq} at=${1_795_000_000 + seq * 15} rc=28 out=curl: (28) Connection timed out`);
    const late = [4, 5, 6].map((seq) => `LABPROBE name=internet seq=${seq} at=${1_795_000_000 + seq * 15} rc=0 out=${NAT_INSTANCE_IP}`);
    ec2.on(GetConsoleOutputCommand, { InstanceId: IDS.ViaNatInstance })
      .resolvesOnce({ InstanceId: IDS.ViaNatInstance, Output: Buffer.from(early.join('\n')).toString('base64') })
      .resolves({ InstanceId: IDS.ViaNatInstance, Output: Buffer.from([...early, ...late].join('\n')).toString('base64') });
    ec2.on(GetConsoleOutputCommand, { InstanceId: IDS.Nat }).resolves({ InstanceId: IDS.Nat, Output: Buffer.from(`LABPROBE name=nat-ready seq=1 at=${1_795_000_050} rc=0 out=forwarding and masquerade configured`).toString('base64') });
    const o: EgressObservation = await context().observe(egressPrivate);
    expect(o.probes.ViaNatInstance).toMatchObject({ reached: true, egressIp: NAT_INSTANCE_IP, tries: 3 });
    const judged = judgeLive(natVsPublicIp, 'I7.private-subnet-egress-through-nat', o);
    expect(judged.outcome).toBe('pass');
    expect(judged.judgement.observed).toContain(`ViaNatInstance (no public IP) reached the internet as ${NAT_INSTANCE_IP}`);
  });

  test('a NAT instance whose setup failed is an error that says where to look', async () => {
    const world = truthfulWorld();
    world.natReadyRc = 1;
    await expect(observe('I7.private-subnet-egress-through-nat', world)).rejects.toThrow(`NAT instance ${IDS.Nat} failed to set up forwarding (rc=1): its console output (EC2 GetConsoleOutput) shows why`);
  });

  test('a stopped instance is an error naming it, not a pass', async () => {
    const world = truthfulWorld();
    world.runningState = 'stopped';
    await expect(observe('B2.public-ip-reaches-internet', world)).rejects.toThrow(`instances not running: ${IDS.PublicWithIp} (stopped)`);
  });

  test('a stack without the probe outputs is an error that says to redeploy', async () => {
    mockWorld(truthfulWorld());
    await expect(context({}, { NatGatewayId: OUTPUTS.NatGatewayId }).observe(egressPublicWithIp)).rejects.toThrow(/has no output ProbePublicWithIp.*redeploy it with `npx labs deploy nat-vs-public-ip`/);
  });

  test('a probe whose tries never agree times out with the tries it saw', async () => {
    mockWorld(truthfulWorld());
    const old = 'LABPROBE name=internet seq=1 at=1795000000 rc=0 out=54.1.2.3';
    const flapping = [old, 'LABPROBE name=internet seq=2 at=1795000015 rc=0 out=54.1.2.3', 'LABPROBE name=internet seq=3 at=1795000030 rc=28 out=timeout', 'LABPROBE name=internet seq=4 at=1795000045 rc=0 out=54.1.2.3'].join('\n');
    ec2.on(GetConsoleOutputCommand, { InstanceId: IDS.PublicWithIp })
      .resolvesOnce({ InstanceId: IDS.PublicWithIp, Output: Buffer.from(old).toString('base64') })
      .resolves({ InstanceId: IDS.PublicWithIp, Output: Buffer.from(flapping).toString('base64') });
    const ctx = context();
    await expect(ctx.observe(egressPublicWithIp)).rejects.toThrow(/did not settle in \d+ s \(last tries: rc=0, rc=28, rc=0\)/);
    // Progress counts only the tries written since the run's first read (seventh review F3).
    expect(ctx.progressLog.some((m) => m.includes(`waiting for probe internet on ${IDS.PublicWithIp}: 3/3 new lines`))).toBe(true);
  });
});

describe('nat-vs-public-ip live checks pass when AWS behaves as the truth says', () => {
  test.each(Object.keys(natVsPublicIp.checks).filter((id) => natVsPublicIp.checks[id].live))('%s passes', async (id) => {
    const judged = await check(id, truthfulWorld());
    expect(judged.reasons).toEqual([]);
    expect(judged.outcome).toBe('pass');
  });

  test('B2.public-ip-reaches-internet reports the address the internet saw', async () => {
    const judged = await check('B2.public-ip-reaches-internet', truthfulWorld());
    expect(judged.judgement.observed).toContain('reached the internet as 54.1.2.3');
    expect(judged.judgement.figures).toEqual(expect.arrayContaining([{ name: 'PublicWithIp tries read', value: 4, unit: 'tries' }]));
  });
});

describe('nat-vs-public-ip live checks fail on the observation that contradicts the truth', () => {
  const cases: Array<[string, (w: World) => void, string]> = [
    ['B2.public-ip-reaches-internet', (w) => (w.answers.PublicWithIp = null), 'PublicWithIp reaches https://checkip.amazonaws.com: expected yes, saw PublicWithIp (public IP 54.1.2.3) connected to neither checkip nor the second endpoint'],
    ['B2.public-ip-reaches-internet', (w) => (w.answers.PublicWithIp = '18.1.1.1'), 'the address the internet saw from PublicWithIp (its own public IP): expected 54.1.2.3, saw 18.1.1.1'],
    ['B2.public-subnet-without-public-ip-is-offline', (w) => (w.answers.PublicNoIp = '52.0.0.9'), 'PublicNoIp fails to connect to both endpoints (curl 7 or 28): expected yes, saw PublicNoIp (no public IP) reached the internet as 52.0.0.9'],
    // Only the second endpoint answered: the instance still got out, which the claim says it cannot.
    ['B2.public-subnet-without-public-ip-is-offline', (w) => (w.second = { PublicNoIp: { rc: 0, http: '403' } }), 'PublicNoIp fails to connect to both endpoints (curl 7 or 28): expected yes, saw PublicNoIp (no public IP) got out to the second endpoint (HTTP 403) in 3/3 tries, but not to checkip (curl 28'],
    ['B2.nat-gateway-serves-public-subnet', (w) => (w.answers.PublicNoIp = NAT_GATEWAY_IP), `PublicNoIp fails to connect to both endpoints (curl 7 or 28): expected yes, saw PublicNoIp (no public IP) reached the internet as ${NAT_GATEWAY_IP}`],
    ['I7.private-subnet-egress-through-nat', (w) => (w.answers.ViaNatGateway = null), 'ViaNatGateway reaches https://checkip.amazonaws.com: expected yes, saw ViaNatGateway (no public IP) connected to neither checkip nor the second endpoint'],
    ['I7.private-subnet-egress-through-nat', (w) => (w.answers.ViaNatInstance = null), 'ViaNatInstance reaches https://checkip.amazonaws.com: expected yes, saw ViaNatInstance (no public IP) connected to neither checkip nor the second endpoint'],
    ['I7.private-subnet-egress-through-nat', (w) => (w.answers.ViaNatInstance = '18.2.2.2'), `the address the internet saw from ViaNatInstance (the NAT instance public IP): expected ${NAT_INSTANCE_IP}, saw 18.2.2.2`],
    ['I4.vpc-lambda-needs-nat-for-internet', (w) => (w.lambdaPublicReaches = true), 'the function in the public subnet did not reach the internet: expected yes, saw it did, as 3.80.1.2'],
    ['I19.vpc-lambda-internet-needs-private-nat', (w) => (w.lambdaPublicReaches = true), 'the function in the public subnet did not reach the internet: expected yes, saw it did, as 3.80.1.2'],
    ['I13.public-ip-without-route-is-offline', (w) => (w.answers.NoRouteWithIp = '54.9.8.7'), 'NoRouteWithIp fails to connect to both endpoints (curl 7 or 28): expected yes, saw NoRouteWithIp (public IP 54.9.8.7) reached the internet as 54.9.8.7'],
  ];

  test('every live check has a failing case', () => {
    const live = Object.keys(natVsPublicIp.checks).filter((id) => natVsPublicIp.checks[id].live);
    expect([...new Set(cases.map(([id]) => id))].sort()).toEqual(live.sort());
  });

  test.each(cases)('%s fails (%#)', async (id, change, reason) => {
    const world = truthfulWorld();
    change(world);
    const judged = await check(id, world);
    expect(judged.outcome).toBe('fail');
    expect(judged.reasons.some((r) => r.startsWith(reason))).toBe(true);
  });
});

describe('nat-vs-public-ip live checks are inconclusive when the run did not exercise the behaviour', () => {
  const offlineClaims = ['B2.public-subnet-without-public-ip-is-offline', 'B2.nat-gateway-serves-public-subnet', 'I13.public-ip-without-route-is-offline'];

  test.each(offlineClaims)('%s: a failure that is not a connection failure (DNS, no curl) is inconclusive, never "offline"', async (id) => {
    const world = truthfulWorld();
    world.failureRc = 6;
    const judged = await check(id, world);
    expect(judged.outcome).toBe('inconclusive');
    expect(judged.reasons.join('\n')).toMatch(
      /settled tries either reached or failed to connect to both endpoints \(not DNS, not an HTTP error, not a missing curl, not checkip alone\) \(saw \w+ \(.*\) failed inconclusively: could not resolve the host name \(curl 6: DNS\): curl: \(6\) Could not resolve host: checkip\.amazonaws\.com; not a connection failure, so it says nothing about the route\)/,
    );
  });

  // The claims that expect a probe to *reach*: a probe that settles on something other than an address or a connection
  // failure did not exercise its route, and a NAT path that does not reach proves nothing when checkip does not answer
  // the control either (REVIEW.md §5: a problem not of AWS's making is never a failed claim).
  const natProbeClaims: Array<[string, ProbeKey]> = [
    ['B2.nat-gateway-serves-public-subnet', 'ViaNatGateway'],
    ['I7.private-subnet-egress-through-nat', 'ViaNatGateway'],
    ['I7.private-subnet-egress-through-nat', 'ViaNatInstance'],
  ];
  const reachClaims: Array<[string, ProbeKey]> = [['B2.public-ip-reaches-internet', 'PublicWithIp'], ...natProbeClaims];
  const notTheRoute: Array<[string, { rc: number; out: string } | string]> = [
    ['DNS (curl 6)', { rc: 6, out: CURL_FAILURES[6] }],
    ['an HTTP error page (curl -f: 22)', { rc: 22, out: CURL_FAILURES[22] }],
    ['no curl (127)', { rc: 127, out: CURL_FAILURES[127] }],
    // What a probe without -f wrote for a 503 page: exit 0 and HTML, which must never count as a reach.
    ['exit 0 with an HTML body', '<html><body>503 Service Unavailable</body></html>'],
    ['exit 0 with an empty body', ''],
  ];
  const cross = reachClaims.flatMap(([id, key]) => notTheRoute.map(([what, answer]) => [id, key, what, answer] as const));

  test.each(cross)('%s: %s settling on %s is inconclusive, not a fail', async (id, key, _what, answer) => {
    const world = truthfulWorld();
    if (typeof answer === 'string') world.answers[key] = answer;
    else {
      world.answers[key] = null;
      world.failures = { [key]: answer };
    }
    const judged = await check(id, world);
    expect(judged.outcome).toBe('inconclusive');
    expect(judged.reasons.some((r) => r.startsWith(`${key}'s settled tries either reached or failed to connect`))).toBe(true);
  });

  test.each(natProbeClaims)('%s: %s not reaching proves nothing when the control probe PublicWithIp does not reach either', async (id, key) => {
    const world = truthfulWorld();
    world.answers.PublicWithIp = null;
    world.answers[key] = null;
    const judged = await check(id, world);
    expect(judged.outcome).toBe('inconclusive');
    expect(judged.reasons.some((r) => r.startsWith('the control probe PublicWithIp reaches the internet in the same run'))).toBe(true);
  });

  test('an answer that is not an address is never a reach and never the egress IP', () => {
    const lines = [1, 2, 3].map((seq) => ({ name: 'internet', seq, atMs: seq * 15_000, rc: 0, output: '<html><body>503 Service Unavailable</body></html>' }));
    expect(summarizeProbe('ViaNatGateway', { id: IDS.ViaNatGateway, state: 'running' }, lines)).toMatchObject({ reached: false, offline: false, secondReached: false });
    expect(summarizeProbe('ViaNatGateway', { id: IDS.ViaNatGateway, state: 'running' }, lines)).not.toHaveProperty('egressIp');
  });

  // The NAT instance's setup (as B7's offline check holds it): "NAT instances", the source/destination check must be
  // disabled (https://docs.aws.amazon.com/vpc/latest/userguide/VPC_NAT_Instance.html); DescribeInstances SourceDestCheck
  // and PublicIpAddress (absent without one), https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstances.html.
  test.each<[string, (w: World) => void, string]>([
    ['its source/dest check reads enabled', (w) => (w.sourceDestCheck = true), `NAT instance ${IDS.Nat} has its source/dest check disabled, as the lab configures it (saw enabled)`],
    ['it has no public IP', (w) => delete w.publicIps.Nat, `NAT instance ${IDS.Nat} has a public IP (saw none)`],
  ])('I7.private-subnet-egress-through-nat: a NAT instance not set up as the lab configures it (%s) is inconclusive, not a fail', async (_what, change, reason) => {
    const world = truthfulWorld();
    change(world);
    world.answers.ViaNatInstance = null;
    const judged = await check('I7.private-subnet-egress-through-nat', world);
    expect(judged.outcome).toBe('inconclusive');
    expect(judged.reasons).toContain(reason);
  });

  // Whether an instance has a public IP is the setup each claim presupposes ("with a public IP", "without one"):
  // DescribeInstances leaves PublicIpAddress out when it has none.
  test.each<[string, (w: World) => void, string]>([
    ['B2.public-ip-reaches-internet', (w) => delete w.publicIps.PublicWithIp, 'PublicWithIp has a public IP, as the lab sets it up (saw none)'],
    ['B2.public-subnet-without-public-ip-is-offline', (w) => ((w.publicIps.PublicNoIp = '52.0.0.9'), (w.answers.PublicNoIp = '52.0.0.9')), 'PublicNoIp has no public IP, as the lab sets it up (saw 52.0.0.9)'],
    ['B2.nat-gateway-serves-public-subnet', (w) => ((w.publicIps.PublicNoIp = '52.0.0.9'), (w.answers.PublicNoIp = '52.0.0.9')), 'PublicNoIp has no public IP, as the lab sets it up (saw 52.0.0.9)'],
    ['I7.private-subnet-egress-through-nat', (w) => ((w.publicIps.ViaNatGateway = '35.1.1.1'), (w.answers.ViaNatGateway = '35.1.1.1')), 'ViaNatGateway has no public IP, as the lab sets it up (saw 35.1.1.1)'],
    ['I13.public-ip-without-route-is-offline', (w) => delete w.publicIps.NoRouteWithIp, 'NoRouteWithIp has a public IP, as the lab sets it up (saw none)'],
  ])('%s: an instance not set up with the public IP the claim presupposes is inconclusive, not a fail', async (id, change, reason) => {
    const world = truthfulWorld();
    change(world);
    const judged = await check(id, world);
    expect(judged.outcome).toBe('inconclusive');
    expect(judged.reasons).toContain(reason);
  });

  // DescribeNatGateways State: "pending | failed | available | deleting | deleted" ("NatGateway",
  // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NatGateway.html); a failed one also carries
  // FailureCode/FailureMessage, and a NAT gateway that is not available forwards nothing, so ViaNatGateway then
  // fails to connect (curl 28 to both endpoints).
  test.each(['pending', 'failed', 'deleting', 'deleted'])('a NAT gateway in state %s makes B2.nat-gateway-serves-public-subnet and I7.private-subnet-egress-through-nat inconclusive, not a fail', async (state) => {
    for (const id of ['B2.nat-gateway-serves-public-subnet', 'I7.private-subnet-egress-through-nat']) {
      const world = truthfulWorld();
      world.natState = state;
      world.answers.ViaNatGateway = null;
      const judged = await check(id, world);
      expect([id, judged.outcome]).toEqual([id, 'inconclusive']);
      expect(judged.reasons).toContain(`NAT gateway ${OUTPUTS.NatGatewayId} is available (DescribeNatGateways State) (saw ${state})`);
    }
  });

  // B2.nat-gateway-serves-public-subnet is about PublicNoIp's routing: a NAT gateway that reads available but does not
  // carry ViaNatGateway out, or carries it out as another address, is the setup not holding, not PublicNoIp's answer.
  test.each<[string, string | null]>([
    ['does not reach (curl 28 to both endpoints)', null],
    ['reaches as another address', '18.7.7.7'],
  ])('B2.nat-gateway-serves-public-subnet: ViaNatGateway that %s is inconclusive, not a fail', async (_what, answer) => {
    const world = truthfulWorld();
    world.answers.ViaNatGateway = answer;
    const judged = await check('B2.nat-gateway-serves-public-subnet', world);
    expect(judged.outcome).toBe('inconclusive');
    expect(judged.reasons.some((r) => r.startsWith('ViaNatGateway reaches the internet as the NAT gateway public IP (the NAT gateway works)'))).toBe(true);
  });

  test('B2.nat-gateway-serves-public-subnet: PublicNoIp getting out still fails it, whatever the NAT gateway', async () => {
    const world = truthfulWorld();
    world.natState = 'failed';
    world.answers.ViaNatGateway = null;
    world.answers.PublicNoIp = '52.0.0.9';
    const judged = await check('B2.nat-gateway-serves-public-subnet', world);
    expect(judged.outcome).toBe('fail');
  });

  test.each(offlineClaims)('%s: "offline" needs the control probe to reach the internet in the same run', async (id) => {
    const world = truthfulWorld();
    world.answers.PublicWithIp = null;
    const judged = await check(id, world);
    expect(judged.outcome).toBe('inconclusive');
    expect(judged.reasons).toContain('the control probe PublicWithIp reaches the internet in the same run (saw PublicWithIp (public IP 54.1.2.3) connected to neither checkip nor the second endpoint in 3/3 tries (last: checkip rc=28 curl: (28) Connection timed out after 5001 milliseconds; second endpoint rc=28))');
  });
});

describe('nat-vs-public-ip --analyzer', () => {
  // Shapes from the EC2 API reference: CreateNetworkInsightsPath, StartNetworkInsightsAnalysis,
  // DescribeNetworkInsightsAnalyses (NetworkPathFound; Explanations[].ExplanationCode)
  // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeNetworkInsightsAnalyses.html, and the Status
  // literals these mocks give, "running | succeeded | failed" ("NetworkInsightsAnalysis",
  // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkInsightsAnalysis.html).
  function mockAnalyzer(pathFound: boolean) {
    ec2.on(CreateNetworkInsightsPathCommand).resolves({ NetworkInsightsPath: { NetworkInsightsPathId: 'nip-0123456789abcdef0', Source: IDS.PublicNoIp, Destination: OUTPUTS.InternetGatewayId, Protocol: 'tcp' } });
    ec2.on(StartNetworkInsightsAnalysisCommand).resolves({ NetworkInsightsAnalysis: { NetworkInsightsAnalysisId: 'nia-0123456789abcdef0', Status: 'running' } });
    ec2.on(DescribeNetworkInsightsAnalysesCommand)
      .resolvesOnce({ NetworkInsightsAnalyses: [{ NetworkInsightsAnalysisId: 'nia-0123456789abcdef0', Status: 'running' }] })
      .resolves({
        NetworkInsightsAnalyses: [{
          NetworkInsightsAnalysisId: 'nia-0123456789abcdef0',
          Status: 'succeeded',
          NetworkPathFound: pathFound,
          // CANNOT_ROUTE: "This route can't transmit traffic because its destination CIDR or prefix list does not match the
          // destination address of the packet" (Reachability Analyzer explanation codes,
          // https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html); Explanations is omitted when a path is found.
          ...(pathFound ? {} : { Explanations: [{ ExplanationCode: 'CANNOT_ROUTE', Direction: 'egress' }] }),
        }],
      });
    ec2.on(DeleteNetworkInsightsAnalysisCommand).resolves({ NetworkInsightsAnalysisId: 'nia-0123456789abcdef0' });
    ec2.on(DeleteNetworkInsightsPathCommand).resolves({ NetworkInsightsPathId: 'nip-0123456789abcdef0' });
  }

  test('without --analyzer no analysis is made', async () => {
    mockWorld(truthfulWorld());
    const o = await observe('B2.public-subnet-without-public-ip-is-offline');
    expect(o.analyzer).toBeUndefined();
    expect(ec2).toHaveReceivedCommandTimes(CreateNetworkInsightsPathCommand, 0);
  });

  test('PublicNoIp: the analyzer answer is reported, not judged, and what it created is deleted', async () => {
    mockWorld(truthfulWorld());
    mockAnalyzer(false);
    const o = await observe('B2.public-subnet-without-public-ip-is-offline', undefined, { analyzer: true });
    expect(JSON.parse(JSON.stringify(o))).toEqual(o);
    const judged = judgeLive(natVsPublicIp, 'B2.public-subnet-without-public-ip-is-offline', o);
    expect(judged.outcome).toBe('pass');
    expect(judged.judgement.observed).toContain('path not found (CANNOT_ROUTE). (informational only');
    expect(ec2).toHaveReceivedCommandWith(CreateNetworkInsightsPathCommand, { Source: IDS.PublicNoIp, Destination: OUTPUTS.InternetGatewayId, Protocol: 'tcp', DestinationPort: 443 });
    expect(ec2).toHaveReceivedCommandTimes(DeleteNetworkInsightsAnalysisCommand, 1);
    expect(ec2).toHaveReceivedCommandTimes(DeleteNetworkInsightsPathCommand, 1);
  });

  test('PublicNoIp: a path found (the analyzer need not model a missing public IPv4) does not fail the claim; the probe decides', async () => {
    mockWorld(truthfulWorld());
    mockAnalyzer(true);
    const judged = judgeLive(natVsPublicIp, 'B2.public-subnet-without-public-ip-is-offline', await observe('B2.public-subnet-without-public-ip-is-offline', undefined, { analyzer: true }));
    expect(judged.outcome).toBe('pass');
    expect(judged.judgement.observed).toContain(': path found. (informational only');
  });

  test('I13: the analyzer models routes, so a path found for NoRouteWithIp fails the claim', async () => {
    mockWorld(truthfulWorld());
    mockAnalyzer(true);
    const judged = judgeLive(natVsPublicIp, 'I13.public-ip-without-route-is-offline', await observe('I13.public-ip-without-route-is-offline', undefined, { analyzer: true }));
    expect(judged.outcome).toBe('fail');
    expect(judged.reasons).toEqual([`Reachability Analyzer ${IDS.NoRouteWithIp} → ${OUTPUTS.InternetGatewayId} (TCP 443): expected path not found, saw path found`]);
  });

  test('--analyzer runs 3 analyses in a full run (PublicWithIp, PublicNoIp, NoRouteWithIp → internet gateway), as the option text says', async () => {
    mockWorld(truthfulWorld());
    mockAnalyzer(false);
    let clock = 0;
    const run: LiveRun = { labId: natVsPublicIp.id, outputs: OUTPUTS, aws: { region: 'us-east-1' }, options: { analyzer: true }, progress: () => {}, sleep: async (ms) => void (clock += ms), now: () => clock };
    await runLiveChecks(natVsPublicIp, run, () => undefined);
    expect(ec2).toHaveReceivedCommandTimes(StartNetworkInsightsAnalysisCommand, 3);
    expect(natVsPublicIp.liveOptions?.find((o) => o.name === 'analyzer')?.description).toContain('3 analyses');
  });

  // The probes share one budget counted from the first console read (PROBE_BUDGET_SECONDS), and each analysis may
  // take up to the kit's 5 minutes: two slow analyses run before the later probes must not leave them no time.
  test('the analyses do not spend the probes\' budget: every probe is read before any analysis', async () => {
    mockWorld(truthfulWorld());
    let clock = Date.parse('2026-11-23T12:00:00Z');
    const started = clock;
    // ViaNatGateway settles only 60 s into the run: before that its console holds 2 tries (the mark), then 2 more.
    const early = Buffer.from(consoleText(NAT_GATEWAY_IP, 2)).toString('base64');
    const settled = Buffer.from(consoleText(NAT_GATEWAY_IP, 5)).toString('base64');
    ec2.on(GetConsoleOutputCommand, { InstanceId: IDS.ViaNatGateway }).callsFake(() => ({ InstanceId: IDS.ViaNatGateway, Output: clock - started < 60_000 ? early : settled }));
    const sources: string[] = [];
    ec2.on(CreateNetworkInsightsPathCommand).callsFake((input: { Source: string }) => {
      sources.push(input.Source);
      return { NetworkInsightsPath: { NetworkInsightsPathId: 'nip-0123456789abcdef0', Source: input.Source, Destination: OUTPUTS.InternetGatewayId, Protocol: 'tcp' } };
    });
    let analysisStarted = 0;
    ec2.on(StartNetworkInsightsAnalysisCommand).callsFake(() => {
      analysisStarted = clock;
      return { NetworkInsightsAnalysis: { NetworkInsightsAnalysisId: 'nia-0123456789abcdef0', Status: 'running' } };
    });
    // Each analysis runs 290 s (within the kit's 5 minutes) before it succeeds.
    ec2.on(DescribeNetworkInsightsAnalysesCommand).callsFake(() => ({
      NetworkInsightsAnalyses: [
        clock - analysisStarted < 290_000
          ? { NetworkInsightsAnalysisId: 'nia-0123456789abcdef0', Status: 'running' }
          : { NetworkInsightsAnalysisId: 'nia-0123456789abcdef0', Status: 'succeeded', NetworkPathFound: sources[sources.length - 1] === IDS.PublicWithIp, ...(sources[sources.length - 1] === IDS.PublicWithIp ? {} : { Explanations: [{ ExplanationCode: 'CANNOT_ROUTE', Direction: 'egress' }] }) },
      ],
    }));
    ec2.on(DeleteNetworkInsightsAnalysisCommand).resolves({ NetworkInsightsAnalysisId: 'nia-0123456789abcdef0' });
    ec2.on(DeleteNetworkInsightsPathCommand).resolves({ NetworkInsightsPathId: 'nip-0123456789abcdef0' });
    const run: LiveRun = { labId: natVsPublicIp.id, outputs: OUTPUTS, aws: { region: 'us-east-1' }, options: { analyzer: true }, progress: () => {}, sleep: async (ms) => void (clock += ms), now: () => clock };
    const { results } = await runLiveChecks(natVsPublicIp, run, () => undefined);
    expect(results.filter((r) => r.outcome !== 'pass' && r.outcome !== 'skipped').map((r) => [r.claim, r.outcome, r.error])).toEqual([]);
    expect(sources).toEqual([IDS.PublicWithIp, IDS.PublicNoIp, IDS.NoRouteWithIp]);
    // No console was read after the first analysis started: every probe had settled by then.
    const calls = ec2.calls().map((c) => c.args[0].constructor.name);
    expect(calls.lastIndexOf('GetConsoleOutputCommand')).toBeLessThan(calls.indexOf('CreateNetworkInsightsPathCommand'));
  });

  test('cleans up even when the analysis fails', async () => {
    mockWorld(truthfulWorld());
    mockAnalyzer(false);
    ec2.on(DescribeNetworkInsightsAnalysesCommand).resolves({ NetworkInsightsAnalyses: [{ NetworkInsightsAnalysisId: 'nia-0123456789abcdef0', Status: 'failed', StatusMessage: 'InternalError' }] });
    await expect(observe('I13.public-ip-without-route-is-offline', undefined, { analyzer: true })).rejects.toThrow('Reachability Analyzer failed: InternalError');
    expect(ec2).toHaveReceivedCommandTimes(DeleteNetworkInsightsPathCommand, 1);
  });

  // "Required API permissions for Reachability Analyzer" (https://docs.aws.amazon.com/vpc/latest/reachability/security_iam_required-API-permissions.html):
  // the ec2:*NetworkInsights* actions, describe rights on the resources, and Tiros: "Calls to the Tiros endpoint are
  // required for Reachability Analyzer to function". EC2 refuses a call without a right with UnauthorizedOperation
  // ("You are not authorized to perform this operation", https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html).
  test.each([
    ['a missing right (UnauthorizedOperation)', () => ec2.on(StartNetworkInsightsAnalysisCommand).rejects(Object.assign(new Error('You are not authorized to perform this operation.'), { name: 'UnauthorizedOperation' })), 'You are not authorized to perform this operation.'],
    ['an analysis that ends failed', () => ec2.on(DescribeNetworkInsightsAnalysesCommand).resolves({ NetworkInsightsAnalyses: [{ NetworkInsightsAnalysisId: 'nia-0123456789abcdef0', Status: 'failed', StatusMessage: 'InternalError' }] }), 'Reachability Analyzer failed: InternalError'],
  ])('PublicNoIp: %s is reported, not an error, because its analysis is informational only', async (_what, breakIt, message) => {
    mockWorld(truthfulWorld());
    mockAnalyzer(false);
    breakIt();
    const o = await observe('B2.public-subnet-without-public-ip-is-offline', undefined, { analyzer: true });
    expect(JSON.parse(JSON.stringify(o))).toEqual(o);
    const judged = judgeLive(natVsPublicIp, 'B2.public-subnet-without-public-ip-is-offline', o);
    expect(judged.outcome).toBe('pass');
    expect(judged.judgement.observed).toContain(`Reachability Analyzer could not be asked: ${message}. (informational only`);
  });

  test('a failed analysis makes only the check that asked for it an error', async () => {
    mockWorld(truthfulWorld());
    mockAnalyzer(false);
    ec2.on(DescribeNetworkInsightsAnalysesCommand).resolves({ NetworkInsightsAnalyses: [{ NetworkInsightsAnalysisId: 'nia-0123456789abcdef0', Status: 'failed', StatusMessage: 'InternalError' }] });
    let clock = 0;
    const run: LiveRun = { labId: natVsPublicIp.id, outputs: OUTPUTS, aws: { region: 'us-east-1' }, options: { analyzer: true }, progress: () => {}, sleep: async (ms) => void (clock += ms), now: () => clock };
    const { results } = await runLiveChecks(natVsPublicIp, run, () => undefined);
    const outcome = (id: string) => results.find((r) => r.claim === id)?.outcome;
    expect(outcome('I13.public-ip-without-route-is-offline')).toBe('error');
    expect(outcome('B2.public-ip-reaches-internet')).toBe('error');
    expect(outcome('B2.public-subnet-without-public-ip-is-offline')).toBe('pass');
    expect(outcome('B2.nat-gateway-serves-public-subnet')).toBe('pass');
  });
});

describe('nat-vs-public-ip: B7.nat-instance-is-managed-by-you is offline only', () => {
  // REVIEW.md §4: a live check whose pass condition holds whatever the claim's truth observes nothing. The configured
  // NAT instance forwarding would be seen whether or not its configuration was needed ("NAT instances",
  // https://docs.aws.amazon.com/vpc/latest/userguide/VPC_NAT_Instance.html), and the control that could refute it is
  // over the lab's budget; that the configured instance forwards is judged live by I7.
  test('it has no live check, and a full run reports it skipped', async () => {
    expect(natVsPublicIp.checks['B7.nat-instance-is-managed-by-you'].live).toBeUndefined();
    mockWorld(truthfulWorld());
    let clock = 0;
    const run: LiveRun = { labId: natVsPublicIp.id, outputs: OUTPUTS, aws: { region: 'us-east-1' }, options: {}, progress: () => {}, sleep: async (ms) => void (clock += ms), now: () => clock };
    const { results } = await runLiveChecks(natVsPublicIp, run, () => undefined);
    expect(results.find((r) => r.claim === 'B7.nat-instance-is-managed-by-you')?.outcome).toBe('skipped');
  });
});

describe('nat-vs-public-ip: B2.nat-gateway-serves-public-subnet says what its pass does not cover', () => {
  // "How route priority works" (https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html): "we
  // direct traffic using the most specific route that matches the traffic". The lab has no such route to the NAT gateway.
  test('a pass names the more specific routes to a NAT gateway as not exercised', async () => {
    const judged = await check('B2.nat-gateway-serves-public-subnet', truthfulWorld());
    expect(judged.outcome).toBe('pass');
    expect(judged.judgement.notExercised).toMatch(/default routing only.*more specific prefixes.*NAT gateway/);
  });
});

describe('nat-vs-public-ip: "could not connect" needs both endpoints to fail', () => {
  // curl man page, EXIT CODES (https://curl.se/docs/manpage.html): 7 and 28 say only that this host did not answer.
  // The probe also tries the Region's STS endpoint ("AWS Security Token Service endpoints and quotas",
  // https://docs.aws.amazon.com/general/latest/gr/sts.html), whose HTTP status, any status, shows a connection.
  const checkipDown = { rc: 0, http: '403' };

  test('B2.public-ip-reaches-internet: checkip timing out while the second endpoint answers is inconclusive, not a fail', async () => {
    const world = truthfulWorld();
    world.answers.PublicWithIp = null;
    world.second = { PublicWithIp: checkipDown };
    const judged = await check('B2.public-ip-reaches-internet', world);
    expect(judged.outcome).toBe('inconclusive');
    expect(judged.reasons.join('\n')).toContain('PublicWithIp (public IP 54.1.2.3) got out to the second endpoint (HTTP 403) in 3/3 tries, but not to checkip (curl 28: curl: (28) Connection timed out after 5001 milliseconds)');
  });

  test('B2.public-ip-reaches-internet: both endpoints timing out is a fail', async () => {
    const world = truthfulWorld();
    world.answers.PublicWithIp = null;
    const judged = await check('B2.public-ip-reaches-internet', world);
    expect(judged.outcome).toBe('fail');
  });

  test.each<ProbeKey>(['ViaNatGateway', 'ViaNatInstance'])('I7.private-subnet-egress-through-nat: %s with checkip alone down is inconclusive', async (key) => {
    const world = truthfulWorld();
    world.answers[key] = null;
    world.second = { [key]: checkipDown };
    const judged = await check('I7.private-subnet-egress-through-nat', world);
    expect(judged.outcome).toBe('inconclusive');
    expect(judged.reasons.some((r) => r.startsWith(`${key}'s settled tries either reached or failed to connect to both endpoints`))).toBe(true);
  });

  test('the second endpoint failing to connect while checkip answers is still a reach', async () => {
    const world = truthfulWorld();
    world.second = { PublicWithIp: { rc: 28, http: '000' } };
    expect((await check('B2.public-ip-reaches-internet', world)).outcome).toBe('pass');
  });

  // "Work with instance user data" (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-add-user-data.html): updated user data
  // is not run on a start, so a stack updated in place keeps the old probe.
  test('a try from a probe set up before the second endpoint (no also= field) is no connection failure: inconclusive, and says to recreate the lab', async () => {
    mockWorld(truthfulWorld());
    const old = (n: number) => Array.from({ length: n }, (_, i) => `LABPROBE name=internet seq=${i + 1} at=${1_795_000_000 + (i + 1) * 15} rc=28 out=${CURL_FAILURES[28]}`).join('\r\n');
    ec2.on(GetConsoleOutputCommand, { InstanceId: IDS.PublicNoIp })
      .resolvesOnce({ InstanceId: IDS.PublicNoIp, Output: Buffer.from(old(3)).toString('base64') })
      .resolves({ InstanceId: IDS.PublicNoIp, Output: Buffer.from(old(6)).toString('base64') });
    const judged = judgeLive(natVsPublicIp, 'B2.public-subnet-without-public-ip-is-offline', await observe('B2.public-subnet-without-public-ip-is-offline'));
    expect(judged.outcome).toBe('inconclusive');
    expect(judged.reasons.join('\n')).toContain('has no second-endpoint result (a probe set up before the lab tried two endpoints; an update does not rerun user data: `npx labs destroy nat-vs-public-ip`, then deploy again)');
  });
});

describe('nat-vs-public-ip: a probe that got out where the truth says it cannot fails the claim whatever the control', () => {
  // judgement.ts: an unmet decisive expectation fails a check even when a precondition is unmet.
  test.each<[string, ProbeKey]>([
    ['B2.public-subnet-without-public-ip-is-offline', 'PublicNoIp'],
    ['B2.nat-gateway-serves-public-subnet', 'PublicNoIp'],
    ['I13.public-ip-without-route-is-offline', 'NoRouteWithIp'],
  ])('%s: %s reaching checkip fails even when the control did not reach', async (id, key) => {
    const world = truthfulWorld();
    world.answers.PublicWithIp = null;
    world.answers[key] = '52.0.0.9';
    const judged = await check(id, world);
    expect(judged.outcome).toBe('fail');
    expect(judged.reasons.some((r) => r.startsWith(`${key} fails to connect to both endpoints (curl 7 or 28): expected yes`))).toBe(true);
  });
});

describe('nat-vs-public-ip: VPC Block Public Access is the account\'s setting, an error, never a failed claim', () => {
  // VpcBlockPublicAccessOptions (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcBlockPublicAccessOptions.html):
  // internetGatewayBlockMode off | block-bidirectional ("Block all traffic to and from internet gateways and egress-only
  // internet gateways in this Region (except for excluded VPCs and subnets)") | block-ingress ("Only traffic to and from
  // NAT gateways and egress-only internet gateways is allowed"). VpcBlockPublicAccessExclusion
  // (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcBlockPublicAccessExclusion.html): allow-bidirectional |
  // allow-egress ("Only applies when VPC Block Public Access is set to Bidirectional"); state create-complete | ... .
  function runAll(world: World) {
    mockWorld(world);
    let clock = 0;
    const run: LiveRun = { labId: natVsPublicIp.id, outputs: OUTPUTS, aws: { region: 'us-east-1' }, options: {}, progress: () => {}, sleep: async (ms) => void (clock += ms), now: () => clock };
    return runLiveChecks(natVsPublicIp, run, () => undefined);
  }
  const liveIds = Object.keys(natVsPublicIp.checks).filter((id) => natVsPublicIp.checks[id].live);

  /** What the probes see under BPA: the IGW path blocked; under block-ingress the NAT gateway path still gets out. */
  function blockedWorld(mode: 'block-bidirectional' | 'block-ingress'): World {
    const w = truthfulWorld();
    w.bpa = { mode };
    w.answers.PublicWithIp = null;
    w.answers.NoRouteWithIp = null;
    w.answers.ViaNatInstance = null;
    if (mode === 'block-bidirectional') w.answers.ViaNatGateway = null;
    return w;
  }

  test.each(['block-bidirectional', 'block-ingress'] as const)('%s without an exclusion: every live claim is an error naming the mode and what to do, before any console is read', async (mode) => {
    const { results } = await runAll(blockedWorld(mode));
    for (const id of liveIds) {
      const r = results.find((x) => x.claim === id);
      expect([id, r?.outcome]).toEqual([id, 'error']);
      expect(r?.error).toContain(`VPC Block Public Access (EC2 DescribeVpcBlockPublicAccessOptions) is ${mode} in this Region and does not exclude the lab's VPC ${VPC_ID}`);
      expect(r?.error).toContain(`exclude the lab's VPC ${VPC_ID}`);
      expect(r?.error).not.toContain('\n');
    }
    expect(ec2).toHaveReceivedCommandTimes(GetConsoleOutputCommand, 0);
    expect(ec2).toHaveReceivedCommandTimes(DescribeVpcBlockPublicAccessOptionsCommand, 1);
  });

  test('off: the exclusions are not read, and the claims are judged', async () => {
    const { results } = await runAll(truthfulWorld());
    expect(results.filter((r) => r.outcome === 'error')).toEqual([]);
    expect(ec2).toHaveReceivedCommandTimes(DescribeVpcBlockPublicAccessExclusionsCommand, 0);
  });

  test.each<[string, World['bpa'], World['exclusions']]>([
    ['a VPC exclusion allow-bidirectional', { mode: 'block-ingress' }, [{ ResourceArn: arnOf(VPC_ID), InternetGatewayExclusionMode: 'allow-bidirectional', State: 'create-complete' }]],
    ['a VPC exclusion allow-egress under block-bidirectional', { mode: 'block-bidirectional' }, [{ ResourceArn: arnOf(VPC_ID), InternetGatewayExclusionMode: 'allow-egress', State: 'update-complete' }]],
    ['every subnet of the lab excluded', { mode: 'block-bidirectional' }, ALL_SUBNETS.map((id) => ({ ResourceArn: arnOf(id), InternetGatewayExclusionMode: 'allow-bidirectional', State: 'create-complete' }))],
  ])('%s (pages followed): the claims are judged', async (_what, bpa, exclusions) => {
    const world = truthfulWorld();
    world.bpa = bpa;
    world.exclusions = [{ ResourceArn: arnOf('vpc-0fedcba9876543210'), InternetGatewayExclusionMode: 'allow-bidirectional', State: 'create-complete' }, ...(exclusions ?? [])];
    const { results } = await runAll(world);
    expect(results.filter((r) => r.outcome === 'error').map((r) => [r.claim, r.error])).toEqual([]);
    expect(results.filter((r) => r.outcome === 'pass').length).toBe(liveIds.length);
  });

  test.each<[string, World['bpa'], World['exclusions'], string]>([
    ['allow-egress does not apply under block-ingress', { mode: 'block-ingress' }, [{ ResourceArn: arnOf(VPC_ID), InternetGatewayExclusionMode: 'allow-egress', State: 'create-complete' }], `subnets not covered: ${[...ALL_SUBNETS].sort().join(', ')}`],
    ['an exclusion still being created', { mode: 'block-bidirectional' }, [{ ResourceArn: arnOf(VPC_ID), InternetGatewayExclusionMode: 'allow-bidirectional', State: 'create-in-progress' }], "does not exclude the lab's VPC"],
    ['only the public subnet excluded', { mode: 'block-bidirectional' }, [{ ResourceArn: arnOf(SUBNETS.PublicWithIp), InternetGatewayExclusionMode: 'allow-bidirectional', State: 'create-complete' }], `subnets not covered: ${ALL_SUBNETS.filter((id) => id !== SUBNETS.PublicWithIp).sort().join(', ')}`],
    ['exclusions not allowed by the organization', { mode: 'block-bidirectional', exclusionsAllowed: 'not-allowed', managedBy: 'declarative-policy' }, [{ ResourceArn: arnOf(VPC_ID), InternetGatewayExclusionMode: 'allow-bidirectional', State: 'create-complete' }], "exclusions are not allowed here), then run `npx labs check nat-vs-public-ip` again (see the lab README, §6). It is set by your organization's declarative policy"],
    ['a mode being changed', { mode: 'off', state: 'update-in-progress' }, [], 'is being changed in this Region (State update-in-progress, InternetGatewayBlockMode off)'],
  ])('%s: an error, not a judged claim', async (_what, bpa, exclusions, words) => {
    const world = blockedWorld('block-bidirectional');
    world.bpa = bpa;
    world.exclusions = exclusions;
    const { results } = await runAll(world);
    for (const id of liveIds) {
      const r = results.find((x) => x.claim === id);
      expect([id, r?.outcome]).toEqual([id, 'error']);
      expect(r?.error).toContain(words);
    }
  });

  test('the observation is plain JSON, with the exclusions that name the lab and no others', async () => {
    const world = truthfulWorld();
    world.bpa = { mode: 'block-bidirectional' };
    world.exclusions = [
      { ResourceArn: arnOf('vpc-0fedcba9876543210'), InternetGatewayExclusionMode: 'allow-bidirectional', State: 'create-complete' },
      { ResourceArn: arnOf(VPC_ID), InternetGatewayExclusionMode: 'allow-egress', State: 'create-complete' },
    ];
    mockWorld(world);
    const o = await context().observe(vpcBlockPublicAccess);
    expect(JSON.parse(JSON.stringify(o))).toEqual(o);
    expect(o).toEqual({
      mode: 'block-bidirectional',
      state: 'update-complete',
      managedBy: 'account',
      exclusionsAllowed: 'allowed',
      vpcId: VPC_ID,
      subnetIds: [...ALL_SUBNETS].sort(),
      exclusions: [{ resourceArn: arnOf(VPC_ID), mode: 'allow-egress', state: 'create-complete' }],
    });
    expect(ec2).toHaveReceivedCommandTimes(DescribeVpcBlockPublicAccessExclusionsCommand, 2);
  });

  test('a missing right to read it is an error of the live claims, naming the API', async () => {
    mockWorld(truthfulWorld());
    ec2.on(DescribeVpcBlockPublicAccessOptionsCommand).rejects(Object.assign(new Error('You are not authorized to perform this operation. User: arn:aws:iam::123456789012:user/ana is not authorized to perform: ec2:DescribeVpcBlockPublicAccessOptions'), { name: 'UnauthorizedOperation' }));
    await expect(context().observe(egressPublicWithIp)).rejects.toThrow('ec2:DescribeVpcBlockPublicAccessOptions');
  });
});


// Security groups and network ACLs can change after a deploy: AWS Firewall Manager policies remediate the groups and
// ACLs in their scope ("Security group policies", https://docs.aws.amazon.com/waf/latest/developerguide/security-group-policies.html;
// "Network ACL policies", https://docs.aws.amazon.com/waf/latest/developerguide/network-acl-policies.html). A probe such a rule
// blocks says nothing about NAT or public IPs.
describe('nat-vs-public-ip: security groups and network ACLs changed after the deploy leave the claims inconclusive, never judged', () => {
  const denyAllOut: AclEntry = { RuleNumber: 50, Protocol: '-1', RuleAction: 'deny', Egress: true, CidrBlock: '0.0.0.0/0' };

  test('they are read with filters for the lab\'s groups and subnets, pages followed, as plain JSON', async () => {
    mockWorld(truthfulWorld());
    const o = await context().observe(firewalls);
    expect(JSON.parse(JSON.stringify(o))).toEqual(o);
    expect(ec2.commandCalls(DescribeSecurityGroupsCommand)[0].args[0].input).toEqual({ Filters: [{ Name: 'group-id', Values: Object.values(SG_IDS).sort() }] });
    expect(ec2).toHaveReceivedCommandTimes(DescribeSecurityGroupsCommand, 6);
    expect(ec2.commandCalls(DescribeNetworkAclsCommand)[0].args[0].input).toEqual({ Filters: [{ Name: 'association.subnet-id', Values: [...ALL_SUBNETS].sort() }] });
    expect(o.endpoints.ViaNatInstance).toEqual({ subnetId: SUBNETS.ViaNatInstance, privateIp: '10.20.3.10', securityGroupIds: [SG_IDS.ViaNatInstance] });
    expect(o.natGatewaySubnetId).toBe('subnet-0aaa1111bbbb2222c');
    expect(o.securityGroups[SG_IDS.Nat]).toEqual({ ingress: [{ protocol: '-1', cidrs: ['10.20.0.0/16'] }], egress: [{ protocol: '-1', cidrs: ['0.0.0.0/0'] }] });
    expect(Object.keys(o.networkAcls).sort()).toEqual([...ALL_SUBNETS].sort());
  });

  test('I7: the NAT instance\'s ingress rule removed (ViaNatInstance cannot get out) is inconclusive, naming the group, not a failed claim', async () => {
    const world = truthfulWorld();
    world.answers.ViaNatInstance = null;
    world.securityGroups = { Nat: { ingress: [] } };
    const judged = await check('I7.private-subnet-egress-through-nat', world);
    expect(judged.outcome).toBe('inconclusive');
    expect(judged.reasons.join('\n')).toContain(`ViaNatInstance's security groups and network ACLs let TCP 443 out and its replies in, as the lab deploys them (EC2 DescribeSecurityGroups, DescribeNetworkAcls) (saw at the start of the run: no ingress rule of the NAT instance's security groups ${SG_IDS.Nat} allows TCP 443 from ViaNatInstance (10.20.3.10/32); after the probes settled: no ingress rule`);
    expect(judged.reasons.join('\n')).toContain('changed after the deploy (by AWS Firewall Manager');
  });

  test('I13: an ACL rule that denies all outbound traffic of the subnet makes "offline" say nothing: inconclusive, not a pass', async () => {
    const world = truthfulWorld();
    world.networkAcls = { [SUBNETS.NoRouteWithIp]: [denyAllOut, ...DEFAULT_ACL_ENTRIES] };
    const judged = await check('I13.public-ip-without-route-is-offline', world);
    expect(judged.outcome).toBe('inconclusive');
    expect(judged.reasons.join('\n')).toContain(`network ACL acl-0c0ffee000000000 of subnet ${SUBNETS.NoRouteWithIp}: outbound rule 50 denies TCP 443 to 0.0.0.0/0 (or part of it)`);
  });

  test('B2: the public probe\'s egress revoked is inconclusive, not "a public IP does not reach the internet"', async () => {
    const world = truthfulWorld();
    world.answers.PublicWithIp = null;
    world.securityGroups = { PublicWithIp: { egress: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] } };
    const judged = await check('B2.public-ip-reaches-internet', world);
    expect(judged.outcome).toBe('inconclusive');
    expect(judged.reasons.join('\n')).toContain(`no egress rule of PublicWithIp's security groups ${SG_IDS.PublicWithIp} allows TCP 443 to 0.0.0.0/0`);
  });

  test('B2: the NAT gateway subnet\'s ACL refusing replies leaves the NAT-gateway claim inconclusive', async () => {
    const world = truthfulWorld();
    world.networkAcls = { 'subnet-0aaa1111bbbb2222c': [{ RuleNumber: 90, Protocol: '6', RuleAction: 'deny', Egress: false, CidrBlock: '0.0.0.0/0', PortRange: { From: 1024, To: 65535 } }, ...DEFAULT_ACL_ENTRIES] };
    const judged = await check('B2.public-subnet-without-public-ip-is-offline', world);
    // PublicNoIp sits in that subnet too: its replies may be refused, so its "offline" proves nothing.
    expect(judged.outcome).toBe('inconclusive');
    expect(judged.reasons.join('\n')).toContain('inbound rule 90 denies replies on TCP 1024-65535 from 0.0.0.0/0 (or part of it)');
  });

  test('a rule that blocks nothing of the probes (UDP, another port, a higher number than the allow) changes nothing', async () => {
    const world = truthfulWorld();
    const harmless: AclEntry[] = [
      { RuleNumber: 10, Protocol: '17', RuleAction: 'deny', Egress: true, CidrBlock: '0.0.0.0/0', PortRange: { From: 443, To: 443 } },
      { RuleNumber: 20, Protocol: '6', RuleAction: 'deny', Egress: true, CidrBlock: '0.0.0.0/0', PortRange: { From: 22, To: 22 } },
      { RuleNumber: 200, Protocol: '-1', RuleAction: 'deny', Egress: true, CidrBlock: '0.0.0.0/0' },
    ];
    world.networkAcls = { [SUBNETS.NoRouteWithIp]: [...harmless, ...DEFAULT_ACL_ENTRIES] };
    world.securityGroups = { NoRouteWithIp: { egress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] } };
    expect((await check('I13.public-ip-without-route-is-offline', world)).outcome).toBe('pass');
  });

  test('a probe that got out needs no reading of its rules: a cautious "may block" does not hold back the pass', async () => {
    const world = truthfulWorld();
    // Denies one documentation range before the allow: checkip is not in it, and the probe reached.
    world.networkAcls = { [SUBNETS.PublicWithIp]: [{ RuleNumber: 50, Protocol: '-1', RuleAction: 'deny', Egress: true, CidrBlock: '198.51.100.0/24' }, ...DEFAULT_ACL_ENTRIES] };
    expect((await check('B2.public-ip-reaches-internet', world)).outcome).toBe('pass');
  });

  test('without DescribeNatGateways the NAT gateway path is inconclusive and the other claims are judged', async () => {
    const world = truthfulWorld();
    mockWorld(world);
    ec2.on(DescribeNatGatewaysCommand).rejects(Object.assign(new Error('You are not authorized to perform: ec2:DescribeNatGateways'), { name: 'UnauthorizedOperation' }));
    const o = await context().observe(firewalls);
    expect(o.natGatewaySubnetId).toBeUndefined();
    const noRoute = await judgeLive(natVsPublicIp, 'I13.public-ip-without-route-is-offline', await context().observe(observationOf('I13.public-ip-without-route-is-offline')));
    expect(noRoute.outcome).toBe('pass');
  });

  test('a run recorded before the rules were read: a probe that did not get out is inconclusive', async () => {
    const o = (await observe('I13.public-ip-without-route-is-offline', truthfulWorld())) as EgressObservation;
    const { firewall: _dropped, ...older } = o;
    const judged = await judgeLive(natVsPublicIp, 'I13.public-ip-without-route-is-offline', older);
    expect(judged.outcome).toBe('inconclusive');
    expect(judged.reasons.join('\n')).toContain('were not read at the start and after the probes settled in this run');
  });
});


// "we direct traffic using the most specific route that matches the traffic" ("How route priority works",
// https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html): a route changed after the deploy changes what AWS
// should do, so a probe's answer is then about the new routes (fourth review F1).
describe('nat-vs-public-ip: route tables changed after the deploy leave the claims inconclusive, never failed', () => {
  const toIgw = (cidr: string): ApiRoute => ({ DestinationCidrBlock: cidr, GatewayId: OUTPUTS.InternetGatewayId, Origin: 'CreateRoute', State: 'active' });

  test('they are read per subnet, as plain JSON, with the NAT instance\'s ENI as a target it may be named by', async () => {
    mockWorld(truthfulWorld());
    const o = await context().observe(routeTables);
    expect(JSON.parse(JSON.stringify(o))).toEqual(o);
    expect(ec2.commandCalls(DescribeRouteTablesCommand)[0].args[0].input).toEqual({ Filters: [{ Name: 'association.subnet-id', Values: [...ALL_SUBNETS].sort() }] });
    expect(o.natInstanceEnis).toEqual([NAT_ENI]);
    expect(o.bySubnet[SUBNETS.ViaNatInstance]).toEqual({ routeTableId: expect.stringMatching(/^rtb-/), main: false, routes: [{ destination: '10.20.0.0/16', target: 'local', state: 'active' }, { destination: '0.0.0.0/0', target: IDS.Nat, state: 'active' }] });
  });

  test('I13: a route to the internet gateway added to the no-route subnet makes a reach no contradiction: inconclusive, not a fail', async () => {
    const world = truthfulWorld();
    world.routes = { [SUBNETS.NoRouteWithIp]: [LOCAL, toIgw('0.0.0.0/1'), toIgw('128.0.0.0/1')] };
    world.answers.NoRouteWithIp = '54.9.8.7';
    const judged = await check('I13.public-ip-without-route-is-offline', world);
    expect(judged.outcome).toBe('inconclusive');
    expect(judged.reasons.join('\n')).toContain(`has a route the lab does not deploy: 0.0.0.0/1 → ${OUTPUTS.InternetGatewayId}`);
  });

  test('B2: a more specific route from the public subnet to the NAT gateway (PublicNoIp then gets out) is inconclusive', async () => {
    const world = truthfulWorld();
    world.routes = { [SUBNETS.PublicNoIp]: [...deployedRoutes()[SUBNETS.PublicNoIp], { DestinationCidrBlock: '0.0.0.0/1', NatGatewayId: OUTPUTS.NatGatewayId, Origin: 'CreateRoute', State: 'active' }, { DestinationCidrBlock: '128.0.0.0/1', NatGatewayId: OUTPUTS.NatGatewayId, Origin: 'CreateRoute', State: 'active' }] };
    world.answers.PublicNoIp = NAT_GATEWAY_IP;
    for (const id of ['B2.public-subnet-without-public-ip-is-offline', 'B2.nat-gateway-serves-public-subnet']) {
      const judged = await check(id, world);
      expect(judged.outcome).toBe('inconclusive');
      expect(judged.reasons.join('\n')).toContain(`0.0.0.0/1 → ${OUTPUTS.NatGatewayId}`);
    }
  });

  test('I7: the private default route removed (the probe cannot get out) is inconclusive, not "NAT does not carry it out"', async () => {
    const world = truthfulWorld();
    world.routes = { [SUBNETS.ViaNatGateway]: [LOCAL] };
    world.answers.ViaNatGateway = null;
    const judged = await check('I7.private-subnet-egress-through-nat', world);
    expect(judged.outcome).toBe('inconclusive');
    expect(judged.reasons.join('\n')).toContain(`has no 0.0.0.0/0 route; the lab deploys one to the nat gateway ${OUTPUTS.NatGatewayId}`);
  });

  test('a default route whose target is gone (blackhole), or one pointing elsewhere, is no longer the lab\'s', async () => {
    const world = truthfulWorld();
    world.routes = {
      [SUBNETS.ViaNatInstance]: [LOCAL, { DestinationCidrBlock: '0.0.0.0/0', InstanceId: IDS.Nat, NetworkInterfaceId: NAT_ENI, Origin: 'CreateRoute', State: 'blackhole' }],
      [SUBNETS.ViaNatGateway]: [LOCAL, { DestinationCidrBlock: '0.0.0.0/0', TransitGatewayId: 'tgw-0a1b2c3d4e5f60789', Origin: 'CreateRoute', State: 'active' }],
    };
    const judged = await check('I7.private-subnet-egress-through-nat', world);
    expect(judged.outcome).toBe('inconclusive');
    expect(judged.reasons.join('\n')).toContain('is a blackhole (the target is gone)');
    expect(judged.reasons.join('\n')).toContain('sends 0.0.0.0/0 to tgw-0a1b2c3d4e5f60789');
  });

  test('a subnet whose association was removed uses the main table: said, and inconclusive', async () => {
    const world = truthfulWorld();
    world.implicitlyMain = [SUBNETS.NoRouteWithIp];
    const o = (await observe('I13.public-ip-without-route-is-offline', world)) as EgressObservation;
    expect(o.routes?.bySubnet[SUBNETS.NoRouteWithIp]).toMatchObject({ routeTableId: 'rtb-0main000000000000', main: true });
    const judged = await judgeLive(natVsPublicIp, 'I13.public-ip-without-route-is-offline', o);
    expect(judged.outcome).toBe('inconclusive');
    expect(judged.reasons.join('\n')).toContain('(the VPC main table');
  });

  test('routes as deployed: a reach where the claim says none can be still fails the claim', async () => {
    const world = truthfulWorld();
    world.answers.NoRouteWithIp = '54.9.8.7';
    expect((await check('I13.public-ip-without-route-is-offline', world)).outcome).toBe('fail');
  });
});

// curl's lib/multi.c: failf(data, "Resolving timed out after %ld milliseconds", ...), exit 28 like a connect timeout
// (curl man page, EXIT CODES: 28 Operation timeout). A lookup that timed out sent nothing on the route (fourth review F3).
describe('nat-vs-public-ip: a DNS lookup that timed out (curl 28) is no connection failure', () => {
  test.each(['I13.public-ip-without-route-is-offline', 'B2.public-subnet-without-public-ip-is-offline'])('%s is inconclusive, not a pass', async (id) => {
    const world = truthfulWorld();
    const dns = { rc: 28, out: 'curl: (28) Resolving timed out after 5000 milliseconds' };
    world.failures = { NoRouteWithIp: dns, PublicNoIp: dns };
    const judged = await check(id, world);
    expect(judged.outcome).toBe('inconclusive');
    expect(judged.reasons.join('\n')).toContain('timed out resolving the host name (curl 28: curl: (28) Resolving timed out after 5000 milliseconds): DNS, not the route');
  });
});


// The tries judged must postdate the run's first reads of the routes and rules (fifth review F1), and each claim reads
// them again once its probes settled (fifth review F2).
describe('nat-vs-public-ip: only tries made between the run\'s reads of the routes and rules count', () => {
  test('tries written before the run (a route since undone let NoRouteWithIp out) are not judged: the new ones are', async () => {
    const world = truthfulWorld();
    mockWorld(world);
    const lines = (answer: string | null, from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, i) => {
        const seq = from + i;
        return answer ? `LABPROBE name=internet seq=${seq} at=${1_795_000_000 + seq * 15} rc=0 out=also=0:403 ${answer}` : `LABPROBE name=internet seq=${seq} at=${1_795_000_000 + seq * 15} rc=28 out=also=28:000 ${CURL_FAILURES[28]}`;
      });
    const before = lines('54.9.8.7', 1, 4);
    ec2.on(GetConsoleOutputCommand, { InstanceId: IDS.NoRouteWithIp })
      .resolvesOnce({ InstanceId: IDS.NoRouteWithIp, Output: Buffer.from(before.join('\r\n')).toString('base64') })
      .resolves({ InstanceId: IDS.NoRouteWithIp, Output: Buffer.from([...before, ...lines(null, 5, 8)].join('\r\n')).toString('base64') });
    const o = (await observe('I13.public-ip-without-route-is-offline')) as EgressObservation;
    expect(o.probes.NoRouteWithIp?.settled.map((l) => l.seq)).toEqual([6, 7, 8]);
    expect(judgeLive(natVsPublicIp, 'I13.public-ip-without-route-is-offline', o).outcome).toBe('pass');
  });

  test('a probe whose console cannot be read at the start errors its own claims only', async () => {
    mockWorld(truthfulWorld());
    ec2.on(GetConsoleOutputCommand, { InstanceId: IDS.NoRouteWithIp }).rejects(Object.assign(new Error('You are not authorized to perform: ec2:GetConsoleOutput'), { name: 'UnauthorizedOperation' }));
    await expect(context().observe(PROBE_OBSERVATIONS.NoRouteWithIp)).rejects.toThrow('its console could not be read at the start of the run');
    expect((await context().observe(PROBE_OBSERVATIONS.PublicNoIp)).offline).toBe(true);
  });

  test('a route added while the run waits on the probes shows in the claim\'s own read after they settled: inconclusive', async () => {
    const world = truthfulWorld();
    mockWorld(world);
    let reads = 0;
    ec2.on(GetConsoleOutputCommand, { InstanceId: IDS.NoRouteWithIp }).callsFake(() => {
      reads += 1;
      // The probe's own read, after the start reads: someone adds a default route now.
      if (reads === 2) mockRouteTables({ ...world, routes: { [SUBNETS.NoRouteWithIp]: [LOCAL, { DestinationCidrBlock: '0.0.0.0/0', GatewayId: OUTPUTS.InternetGatewayId, Origin: 'CreateRoute', State: 'active' }] } });
      return { InstanceId: IDS.NoRouteWithIp, Output: Buffer.from(consoleText(null, 4 * reads)).toString('base64') };
    });
    const o = (await observe('I13.public-ip-without-route-is-offline')) as EgressObservation;
    const judged = judgeLive(natVsPublicIp, 'I13.public-ip-without-route-is-offline', o);
    expect(judged.outcome).toBe('inconclusive');
    expect(judged.reasons.join('\n')).toContain(`after the probes settled: route table`);
    expect(judged.reasons.join('\n')).not.toContain('at the start of the run: route table');
  });
});

describe('VPC Lambda functions (I4, I19)', () => {
  async function lambdaObserved(options: Parameters<typeof mockLambdas>[0]) {
    mockWorld(truthfulWorld());
    mockLambdas(options);
    let clock = Date.parse('2026-11-23T12:00:00Z');
    const run: LiveRun = { labId: natVsPublicIp.id, outputs: OUTPUTS, aws: { region: 'us-east-1' }, options: {}, progress: () => {}, sleep: async (ms) => void (clock += ms), now: () => clock };
    const { results } = await runLiveChecks(natVsPublicIp, run, () => undefined);
    return results.filter((r) => r.claim === 'I4.vpc-lambda-needs-nat-for-internet' || r.claim === 'I19.vpc-lambda-internet-needs-private-nat');
  }

  test('the public-subnet function gets no answer and the NAT one goes out as the NAT gateway: both pass', async () => {
    expect((await lambdaObserved({})).map((r) => r.outcome)).toEqual(['pass', 'pass']);
    expect(lambda).toHaveReceivedCommandWith(InvokeCommand, { FunctionName: OUTPUTS.LambdaInPublicSubnetName, InvocationType: 'RequestResponse' });
  });

  test('a public-subnet function that reaches the internet fails both, whatever else', async () => {
    const results = await lambdaObserved({ publicReaches: true });
    expect(results.map((r) => r.outcome)).toEqual(['fail', 'fail']);
    expect(results[0].reasons.join(' ')).toMatch(/did not reach the internet/);
  });

  test('when the NAT function cannot get out either, the run is inconclusive (the endpoint or the code, not the subnet)', async () => {
    expect((await lambdaObserved({ natReaches: false })).map((r) => r.outcome)).toEqual(['inconclusive', 'inconclusive']);
  });

  // Node's error codes: getaddrinfo's EAI_AGAIN (Node.js "DNS", Error codes, https://nodejs.org/api/dns.html#error-codes),
  // ECONNRESET and ENETUNREACH (Node.js "Errors", Common system errors, https://nodejs.org/api/errors.html#common-system-errors).
  test.each([
    ['a resolver blip', { kind: 'dns', code: 'EAI_AGAIN', error: 'getaddrinfo EAI_AGAIN checkip.amazonaws.com', elapsedMs: 40 }],
    ['a reset connection', { kind: 'reset', code: 'ECONNRESET', error: 'read ECONNRESET', elapsedMs: 300 }],
    ['an unreachable network', { kind: 'unreachable', code: 'ENETUNREACH', error: 'connect ENETUNREACH 52.0.0.1:443', elapsedMs: 3 }],
  ])('a public-subnet failure other than a connection timeout (%s) never tested the internet gateway: inconclusive, not a pass', async (_, publicFailure) => {
    const results = await lambdaObserved({ publicFailure });
    expect(results.map((r) => r.outcome)).toEqual(['inconclusive', 'inconclusive']);
    expect(results[0].reasons.join('\n')).toContain(`its connection timed out after 5000 ms (any other failure never tested the internet gateway) (saw ${publicFailure.kind}: ${publicFailure.error}`);
  });

  test('a "timeout" that came before the handler\'s timeout is not one: inconclusive', async () => {
    const results = await lambdaObserved({ publicFailure: { kind: 'timeout', code: 'LAB_PROBE_TIMEOUT', error: 'no answer within 5000 ms', elapsedMs: 1200 } });
    expect(results.map((r) => r.outcome)).toEqual(['inconclusive', 'inconclusive']);
  });

  test("the functions' ENIs are read by their security groups, and the public one's have no public IP", async () => {
    const results = await lambdaObserved({});
    expect(ec2).toHaveReceivedCommandWith(DescribeNetworkInterfacesCommand, { Filters: [{ Name: 'group-id', Values: [LAMBDA_SGS.public] }] });
    expect(results[0].judgement?.observed).toContain('ENIs eni-0d1e2f3a4b5c60001 no public IP');
  });

  test('no ENI found for the public-subnet function: the mechanism was not observed, inconclusive', async () => {
    const results = await lambdaObserved({ publicEnisGone: true });
    expect(results.map((r) => r.outcome)).toEqual(['inconclusive', 'inconclusive']);
    expect(results[0].reasons.join('\n')).toContain("the public-subnet function's ENIs were found (DescribeNetworkInterfaces by its security group)");
  });

  test('an Elastic IP associated by hand with the public ENI: it gets out, and the fail says why', async () => {
    const results = await lambdaObserved({ publicReaches: true, publicEniIp: '54.1.2.3' });
    expect(results.map((r) => r.outcome)).toEqual(['fail', 'fail']);
    const reasons = results[0].reasons.join('\n');
    expect(reasons).toContain('an Elastic IP was associated with its ENI by hand: eni-0d1e2f3a4b5c60001 54.1.2.3');
    expect(results[0].judgement?.expectations.find((e) => e.what.startsWith("the public-subnet function's ENIs have no public IPv4 address"))).toMatchObject({ met: false, actual: 'eni-0d1e2f3a4b5c60001 54.1.2.3: associated by hand, Lambda assigns none' });
  });
});
