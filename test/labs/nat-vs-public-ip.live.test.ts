import { liveChecksFailOn } from '../support/failing-cases';
import {
  CreateNetworkInsightsPathCommand,
  DeleteNetworkInsightsAnalysisCommand,
  DeleteNetworkInsightsPathCommand,
  DescribeInstancesCommand,
  DescribeNatGatewaysCommand,
  DescribeNetworkInsightsAnalysesCommand,
  EC2Client,
  GetConsoleOutputCommand,
  StartNetworkInsightsAnalysisCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import type { Claim } from '../../lib/lab-kit/checks/claim';
import { runLiveChecks } from '../../lib/lab-kit/checks/runner';
import { claimOf, fakeLiveContext } from '../../lib/lab-kit/checks/testing';
import { natVsPublicIp } from '../../labs/nat-vs-public-ip';
import { PROBES, type ProbeKey } from '../../labs/nat-vs-public-ip/stack';

const ec2 = mockClient(EC2Client);

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
  ...Object.fromEntries((Object.keys(PROBES) as ProbeKey[]).map((k) => [PROBES[k], IDS[k]])),
  NatGatewayId: 'nat-0f1e2d3c4b5a69788',
  NatInstanceId: IDS.Nat,
  InternetGatewayId: 'igw-0123456789abcdef0',
  VpcId: 'vpc-0123456789abcdef0',
};

/** What the world looks like: each probe's public IP (or none) and what checkip answers (or a failure). */
interface World {
  publicIps: Partial<Record<ProbeKey | 'Nat', string>>;
  answers: Record<ProbeKey, string | null>;
  sourceDestCheck: boolean;
  natState: string;
  availabilityMode?: string;
  runningState?: string;
  /** When the NAT instance said forwarding was set up, and with what exit code. */
  natReadyAt?: number;
  natReadyRc?: number;
  /** A failure that is not a connection failure, e.g. 6 (DNS) or 127 (no curl). */
  failureRc?: number;
}

function truthfulWorld(): World {
  return {
    publicIps: { PublicWithIp: '54.1.2.3', NoRouteWithIp: '54.9.8.7', Nat: NAT_INSTANCE_IP },
    answers: { PublicWithIp: '54.1.2.3', PublicNoIp: null, NoRouteWithIp: null, ViaNatGateway: NAT_GATEWAY_IP, ViaNatInstance: NAT_INSTANCE_IP },
    sourceDestCheck: false,
    natState: 'available',
    availabilityMode: 'zonal',
  };
}

/** A serial console as an AL2023 instance writes it: boot noise, then probe lines with CRLF. */
function consoleText(answer: string | null, tries = 4, failureRc = 28): string {
  const lines = ['[    0.000000] Booting Linux on physical CPU 0x0000000000 [0x413fd0c1]', 'cloud-init[1234]: Cloud-init v. 22.2.2 running'];
  for (let seq = 1; seq <= tries; seq++) {
    const at = 1_795_000_000 + seq * 15;
    lines.push(
      answer
        ? `LABPROBE name=internet seq=${seq} at=${at} rc=0 out=${answer}`
        : failureRc === 28
          ? `LABPROBE name=internet seq=${seq} at=${at} rc=28 out=curl: (28) Connection timed out after 5001 milliseconds`
          : `LABPROBE name=internet seq=${seq} at=${at} rc=${failureRc} out=curl: (6) Could not resolve host: checkip.amazonaws.com`,
    );
  }
  return lines.join('\r\n') + '\r\n';
}

function mockWorld(world: World): void {
  ec2.reset();
  const instances = (Object.keys(IDS) as (ProbeKey | 'Nat')[]).map((k) => ({
    InstanceId: IDS[k],
    InstanceType: 't4g.nano' as const,
    State: { Code: 16, Name: (world.runningState ?? 'running') as 'running' },
    PrivateIpAddress: '10.20.0.10',
    ...(world.publicIps[k] ? { PublicIpAddress: world.publicIps[k] } : {}),
    SourceDestCheck: k === 'Nat' ? world.sourceDestCheck : true,
  }));
  ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ ReservationId: 'r-0123456789abcdef0', OwnerId: '123456789012', Instances: instances }] });
  ec2.on(GetConsoleOutputCommand, { InstanceId: IDS.Nat }).resolves({
    InstanceId: IDS.Nat,
    Output: Buffer.from(`cloud-init[812]: Installed: iptables-services\r\nLABPROBE name=nat-ready seq=1 at=${world.natReadyAt ?? 1_795_000_000} rc=${world.natReadyRc ?? 0} out=forwarding and masquerade configured\r\n`).toString('base64'),
  });
  for (const k of Object.keys(PROBES) as ProbeKey[]) {
    ec2.on(GetConsoleOutputCommand, { InstanceId: IDS[k] }).resolves({
      InstanceId: IDS[k],
      Timestamp: new Date('2026-11-23T12:01:00Z'),
      Output: Buffer.from(consoleText(world.answers[k], 4, world.failureRc)).toString('base64'),
    });
  }
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
}

const claim = (id: string): Claim => claimOf(natVsPublicIp, id, { live: true });

async function check(id: string, world: World, options: Record<string, boolean> = {}) {
  mockWorld(world);
  const ctx = fakeLiveContext({ labId: natVsPublicIp.id, outputs: OUTPUTS, options });
  return claim(id).live!(ctx);
}

afterEach(() => ec2.reset());

describe('nat-vs-public-ip live checks pass when AWS behaves as the truth says', () => {
  test('every live claim passes, reading each console once per run', async () => {
    mockWorld(truthfulWorld());
    const ctx = fakeLiveContext({ labId: natVsPublicIp.id, outputs: OUTPUTS });
    const results = await runLiveChecks(natVsPublicIp, ctx);
    expect(results.filter((r) => r.status !== 'pass' && r.status !== 'skipped')).toEqual([]);
    expect(results.find((r) => r.claim === 'I7.nat-lives-in-public-subnet')?.status).toBe('skipped');
    expect(ec2).toHaveReceivedCommandTimes(GetConsoleOutputCommand, 6);
    expect(ec2).toHaveReceivedCommandWith(GetConsoleOutputCommand, { InstanceId: IDS.PublicWithIp, Latest: true });
  });

  test('B2.public-ip-reaches-internet reports the address the internet saw', async () => {
    const e = await check('B2.public-ip-reaches-internet', truthfulWorld());
    expect(e.passed).toBe(true);
    expect(e.observed).toContain('reached the internet as 54.1.2.3');
    expect(e.figures).toEqual(expect.arrayContaining([{ name: 'PublicWithIp tries read', value: 4, unit: 'tries' }]));
  });
});

describe('nat-vs-public-ip live checks fail on the observation that contradicts the truth', () => {
  const cases: Array<[string, (w: World) => void, string]> = [
    ['B2.public-ip-reaches-internet', (w) => (w.answers.PublicWithIp = null), 'could not connect'],
    ['B2.public-ip-reaches-internet', (w) => (w.answers.PublicWithIp = '18.1.1.1'), 'as 18.1.1.1'],
    ['B2.public-subnet-without-public-ip-is-offline', (w) => (w.answers.PublicNoIp = '52.0.0.9'), 'reached the internet'],
    ['B2.nat-gateway-serves-public-subnet', (w) => (w.answers.PublicNoIp = NAT_GATEWAY_IP), `PublicNoIp (no public IP) reached the internet as ${NAT_GATEWAY_IP}`],
    ['B2.nat-gateway-serves-public-subnet', (w) => (w.natState = 'failed'), 'is failed'],
    ['B7.nat-gateway-highly-available', (w) => (w.availabilityMode = 'regional'), 'is regional'],
    ['B7.nat-instance-is-managed-by-you', (w) => (w.sourceDestCheck = true), 'source/dest check ENABLED'],
    ['B7.nat-instance-is-managed-by-you', (w) => (w.answers.ViaNatInstance = null), 'ViaNatInstance (no public IP) could not connect'],
    ['I7.private-subnet-egress-through-nat', (w) => (w.answers.ViaNatGateway = null), 'ViaNatGateway (no public IP) could not connect'],
    ['I7.no-unsolicited-inbound', (w) => (w.publicIps.ViaNatGateway = '35.1.1.1'), 'ViaNatGateway has public IP 35.1.1.1'],
    ['I13.public-ip-without-route-is-offline', (w) => (w.answers.NoRouteWithIp = '54.9.8.7'), 'reached the internet as 54.9.8.7'],
  ];

  liveChecksFailOn(natVsPublicIp, cases, truthfulWorld, check);

  test('a failure that is not a connection failure (DNS, no curl) is inconclusive, never "offline"', async () => {
    const world = truthfulWorld();
    world.failureRc = 6;
    const e = await check('B2.public-subnet-without-public-ip-is-offline', world);
    expect(e.passed).toBe(false);
    expect(e.observed).toContain('PublicNoIp (no public IP) failed inconclusively (rc=6: not a connection failure; DNS or a missing curl?)');
  });

  test('"offline" needs the control probe to reach the internet in the same run', async () => {
    const world = truthfulWorld();
    world.answers.PublicWithIp = null;
    const e = await check('I13.public-ip-without-route-is-offline', world);
    expect(e.passed).toBe(false);
    expect(e.observed).toContain('Inconclusive: the control probe PublicWithIp did not reach the internet either');
  });

  test('tries through the NAT instance count only after it reports forwarding set up', async () => {
    const world = truthfulWorld();
    mockWorld(world);
    const early = [1, 2, 3].map((seq) => `LABPROBE name=internet seq=${seq} at=${1_795_000_000 + seq * 15} rc=28 out=curl: (28) Connection timed out`);
    const late = [4, 5, 6].map((seq) => `LABPROBE name=internet seq=${seq} at=${1_795_000_000 + seq * 15} rc=0 out=${NAT_INSTANCE_IP}`);
    ec2.on(GetConsoleOutputCommand, { InstanceId: IDS.ViaNatInstance })
      .resolvesOnce({ InstanceId: IDS.ViaNatInstance, Output: Buffer.from(early.join('\n')).toString('base64') })
      .resolves({ InstanceId: IDS.ViaNatInstance, Output: Buffer.from([...early, ...late].join('\n')).toString('base64') });
    ec2.on(GetConsoleOutputCommand, { InstanceId: IDS.Nat }).resolves({ InstanceId: IDS.Nat, Output: Buffer.from(`LABPROBE name=nat-ready seq=1 at=${1_795_000_050} rc=0 out=forwarding and masquerade configured`).toString('base64') });
    const ctx = fakeLiveContext({ labId: natVsPublicIp.id, outputs: OUTPUTS });
    const e = await claim('B7.nat-instance-is-managed-by-you').live!(ctx);
    expect(e.passed).toBe(true);
    expect(e.observed).toContain(`ViaNatInstance (no public IP) reached the internet as ${NAT_INSTANCE_IP}`);
  });

  test('a NAT instance whose setup failed is an error that says where to look', async () => {
    const world = truthfulWorld();
    world.natReadyRc = 1;
    await expect(check('B7.nat-instance-is-managed-by-you', world)).rejects.toThrow(`NAT instance ${IDS.Nat} failed to set up forwarding (rc=1): its console output (EC2 GetConsoleOutput) shows why`);
  });

  test('a stopped instance is an error naming it, not a pass', async () => {
    const world = truthfulWorld();
    world.runningState = 'stopped';
    await expect(check('B2.public-ip-reaches-internet', world)).rejects.toThrow(`instances not running: ${IDS.PublicWithIp} (stopped)`);
  });

  test('a stack without the probe outputs is an error that says to redeploy', async () => {
    mockWorld(truthfulWorld());
    const ctx = fakeLiveContext({ labId: natVsPublicIp.id, outputs: { NatGatewayId: OUTPUTS.NatGatewayId } });
    await expect(claim('B2.public-ip-reaches-internet').live!(ctx)).rejects.toThrow(/has no output ProbePublicWithIp.*redeploy it with `npx cdk deploy nat-vs-public-ip`/);
  });

  test('a probe whose tries never agree times out with the tries it saw', async () => {
    const world = truthfulWorld();
    mockWorld(world);
    const flapping = ['LABPROBE name=internet seq=1 at=1795000015 rc=0 out=54.1.2.3', 'LABPROBE name=internet seq=2 at=1795000030 rc=28 out=timeout', 'LABPROBE name=internet seq=3 at=1795000045 rc=0 out=54.1.2.3'].join('\n');
    ec2.on(GetConsoleOutputCommand, { InstanceId: IDS.PublicWithIp }).resolves({ InstanceId: IDS.PublicWithIp, Output: Buffer.from(flapping).toString('base64') });
    const ctx = fakeLiveContext({ labId: natVsPublicIp.id, outputs: OUTPUTS });
    await expect(claim('B2.public-ip-reaches-internet').live!(ctx)).rejects.toThrow(/did not settle in \d+ s \(last tries: rc=0, rc=28, rc=0\)/);
    expect(ctx.progressLog.some((m) => m.includes(`waiting for probe internet on ${IDS.PublicWithIp}`))).toBe(true);
  });
});

describe('nat-vs-public-ip --analyzer', () => {
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
          Explanations: pathFound ? [] : [{ ExplanationCode: 'ENI_NO_PUBLIC_IP' as any, Direction: 'egress' }],
        }],
      });
    ec2.on(DeleteNetworkInsightsAnalysisCommand).resolves({ NetworkInsightsAnalysisId: 'nia-0123456789abcdef0' });
    ec2.on(DeleteNetworkInsightsPathCommand).resolves({ NetworkInsightsPathId: 'nip-0123456789abcdef0' });
  }

  test('agrees: the analyzer finds no path for PublicNoIp, and what it created is deleted', async () => {
    mockWorld(truthfulWorld());
    mockAnalyzer(false);
    const ctx = fakeLiveContext({ labId: natVsPublicIp.id, outputs: OUTPUTS, options: { analyzer: true } });
    const e = await claim('B2.public-subnet-without-public-ip-is-offline').live!(ctx);
    expect(e.passed).toBe(true);
    expect(e.observed).toContain('path not found (ENI_NO_PUBLIC_IP)');
    expect(ec2).toHaveReceivedCommandWith(CreateNetworkInsightsPathCommand, { Source: IDS.PublicNoIp, Destination: OUTPUTS.InternetGatewayId, Protocol: 'tcp', DestinationPort: 443 });
    expect(ec2).toHaveReceivedCommandTimes(DeleteNetworkInsightsAnalysisCommand, 1);
    expect(ec2).toHaveReceivedCommandTimes(DeleteNetworkInsightsPathCommand, 1);
  });

  test('disagrees: a path found for an instance without a public IP fails the claim', async () => {
    mockWorld(truthfulWorld());
    mockAnalyzer(true);
    const ctx = fakeLiveContext({ labId: natVsPublicIp.id, outputs: OUTPUTS, options: { analyzer: true } });
    const e = await claim('B2.public-subnet-without-public-ip-is-offline').live!(ctx);
    expect(e.passed).toBe(false);
    expect(e.observed).toContain('path found');
  });

  test('I7 asks the analyzer for the inbound path, from the internet gateway to a private probe', async () => {
    mockWorld(truthfulWorld());
    mockAnalyzer(false);
    const ctx = fakeLiveContext({ labId: natVsPublicIp.id, outputs: OUTPUTS, options: { analyzer: true } });
    const e = await claim('I7.no-unsolicited-inbound').live!(ctx);
    expect(e.passed).toBe(true);
    expect(ec2).toHaveReceivedCommandWith(CreateNetworkInsightsPathCommand, { Source: OUTPUTS.InternetGatewayId, Destination: IDS.ViaNatGateway, Protocol: 'tcp', DestinationPort: 22 });
  });

  test('cleans up even when the analysis fails', async () => {
    mockWorld(truthfulWorld());
    mockAnalyzer(false);
    ec2.on(DescribeNetworkInsightsAnalysesCommand).resolves({ NetworkInsightsAnalyses: [{ NetworkInsightsAnalysisId: 'nia-0123456789abcdef0', Status: 'failed', StatusMessage: 'InternalError' }] });
    const ctx = fakeLiveContext({ labId: natVsPublicIp.id, outputs: OUTPUTS, options: { analyzer: true } });
    await expect(claim('I13.public-ip-without-route-is-offline').live!(ctx)).rejects.toThrow('Reachability Analyzer failed: InternalError');
    expect(ec2).toHaveReceivedCommandTimes(DeleteNetworkInsightsPathCommand, 1);
  });
});
