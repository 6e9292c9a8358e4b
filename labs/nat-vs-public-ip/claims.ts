/**
 * The claims of B2, B7, I7 and I13, each with the template evidence that the lab is built to show
 * it and the live evidence of what AWS does.
 */
import { type Claim, evidence, type Evidence, type LiveContext, type Source, type TemplateJson } from '../../lib/lab-kit/checks/claim';
import { analyzeReachability } from '../../lib/lab-kit/checks/reachability-analyzer';
import { requireOutputs } from '../../lib/lab-kit/checks/stack-outputs';
import { resourceOfOutput } from '../../lib/lab-kit/template/resources';
import { describeProbe, type EgressObservation, observeEgress, type ProbeObservation } from './observe';
import type { ProbeKey } from './stack';
import { describeFacts, instanceFacts, probeFacts } from './template-facts';

const DOCS = {
  internetGateway: { title: 'Enable internet access for a VPC using an internet gateway', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html' },
  natGateway: { title: 'NAT gateways', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html' },
  natComparison: { title: 'Compare NAT gateways and NAT instances', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-comparison.html' },
  natInstance: { title: 'NAT instances', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/VPC_NAT_Instance.html' },
  regionalNat: { title: 'Regional NAT gateways for automatic multi-AZ expansion', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateways-regional.html' },
  routeTables: { title: 'Configure route tables', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html' },
  troubleshootInternet: { title: 'Troubleshoot internet connectivity (VPC)', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-troubleshoot-internet-access.html' },
} satisfies Record<string, Source>;

const PROBE_METHOD =
  'each instance curls https://checkip.amazonaws.com every 15 s and writes the result to its serial console; ' +
  'read with EC2 GetConsoleOutput (Latest) until the last 3 tries agree; public IPs from DescribeInstances';


function facts(template: TemplateJson, keys: readonly ProbeKey[]): string {
  return keys.map((k) => describeFacts(k, probeFacts(template, k))).join('; ');
}

function offline(template: TemplateJson, keys: readonly ProbeKey[], holds: boolean, method: string): Evidence {
  return evidence(holds, facts(template, keys), method);
}

/** The figures every probe-based claim reports: seconds to observe and tries read. */
function probeFigures(o: EgressObservation, probes: readonly ProbeObservation[]): Evidence['figures'] {
  return [
    { name: 'observation time', value: o.seconds, unit: 's' },
    ...probes.map((p) => ({ name: `${p.key} tries read`, value: p.tries, unit: 'tries' })),
  ];
}

/**
 * Optional second evidence: Reachability Analyzer between an instance and the internet gateway,
 * outbound (instance → gateway, TCP 443) or inbound (gateway → instance, TCP 22).
 */
async function analyzerAgrees(ctx: LiveContext, instanceId: string, expectPath: boolean, direction: 'outbound' | 'inbound' = 'outbound'): Promise<{ agrees: boolean; note: string }> {
  if (!ctx.options.analyzer) return { agrees: true, note: '' };
  const { InternetGatewayId } = requireOutputs(ctx, ['InternetGatewayId']);
  const [source, destination, port] = direction === 'outbound' ? [instanceId, InternetGatewayId, 443] : [InternetGatewayId, instanceId, 22];
  const verdict = await analyzeReachability(ctx, source, destination, port);
  const codes = verdict.explanations.length > 0 ? ` (${verdict.explanations.join(', ')})` : '';
  return {
    agrees: verdict.pathFound === expectPath,
    note: ` Reachability Analyzer ${source} → ${destination} (TCP ${port}): path ${verdict.pathFound ? 'found' : 'not found'}${codes}.`,
  };
}

/**
 * "Offline" is evidence only when the same run shows the internet answering: the PublicWithIp
 * control probe must reach checkip, and the probe under test must fail to *connect* (not to
 * resolve a name or to find curl).
 */
function offlineAgainstControl(o: EgressObservation, p: ProbeObservation): { offline: boolean; note: string } {
  const control = o.probes.PublicWithIp;
  if (!control.reached) return { offline: false, note: ` Inconclusive: the control probe PublicWithIp did not reach the internet either (${describeProbe(control)}).` };
  return { offline: p.offline, note: '' };
}

export const CLAIMS: readonly Claim[] = [
  {
    id: 'B2.public-ip-reaches-internet',
    question: 'B2',
    says: 'An instance in a public subnet reaches the internet when it has a public or Elastic IP address.',
    verdict: 'holds',
    truth: {
      statement:
        'An instance in a subnet whose default route targets an internet gateway, with a public IPv4 or Elastic IP address, reaches the internet; the internet sees that public address (the gateway translates it 1:1).',
      sources: [DOCS.internetGateway],
    },
    offline: (t) => {
      const f = probeFacts(t, 'PublicWithIp');
      return offline(t, ['PublicWithIp'], f.route.kind === 'internet-gateway' && f.publicIp, 'template: route of the instance subnet, AssociatePublicIpAddress');
    },
    live: async (ctx) => {
      const o = await observeEgress(ctx);
      const p = o.probes.PublicWithIp;
      const analyzer = await analyzerAgrees(ctx, p.instanceId, true);
      const passed = p.reached && !!p.publicIp && p.egressIp === p.publicIp && analyzer.agrees;
      return evidence(passed, `${describeProbe(p)}${p.egressIp === p.publicIp ? ': the internet saw its own public IP' : ''}.${analyzer.note}`, PROBE_METHOD, probeFigures(o, [p]));
    },
  },
  {
    id: 'B2.public-subnet-without-public-ip-is-offline',
    question: 'B2',
    says: 'An instance in a public subnet without a public or Elastic IP address cannot reach the internet, even with a route to the internet gateway.',
    verdict: 'holds',
    truth: {
      statement:
        'The internet gateway only translates private addresses that have a public IPv4 address; an instance without one sends packets the gateway cannot translate, so it reaches nothing on the IPv4 internet (IPv6 with a global address is another matter).',
      sources: [DOCS.internetGateway, DOCS.troubleshootInternet],
    },
    offline: (t) => {
      const f = probeFacts(t, 'PublicNoIp');
      return offline(t, ['PublicNoIp'], f.route.kind === 'internet-gateway' && !f.publicIp, 'template: route of the instance subnet, AssociatePublicIpAddress');
    },
    live: async (ctx) => {
      const o = await observeEgress(ctx);
      const p = o.probes.PublicNoIp;
      const control = offlineAgainstControl(o, p);
      const analyzer = await analyzerAgrees(ctx, p.instanceId, false);
      const passed = control.offline && !p.publicIp && analyzer.agrees;
      return evidence(passed, `${describeProbe(p)}, although its subnet routes to the internet gateway.${control.note}${analyzer.note}`, PROBE_METHOD, probeFigures(o, [p]));
    },
  },
  {
    id: 'B2.nat-gateway-serves-public-subnet',
    question: 'B2',
    says: 'An instance in a public subnet that lacks a public IP can use a NAT gateway to reach the internet instead.',
    verdict: 'wrong',
    truth: {
      statement:
        "A NAT gateway serves only subnets whose route table sends 0.0.0.0/0 to it. A public subnet's default route goes to the internet gateway, so its instances never use the NAT gateway: without a public IP they stay offline. Put the instance in a private subnet routed to the NAT gateway instead.",
      sources: [DOCS.natGateway, DOCS.routeTables],
    },
    offline: (t) => {
      const noIp = probeFacts(t, 'PublicNoIp');
      const viaNat = probeFacts(t, 'ViaNatGateway');
      const holds = noIp.route.kind === 'internet-gateway' && viaNat.route.kind === 'nat-gateway';
      return offline(t, ['PublicNoIp', 'ViaNatGateway'], holds, 'template: a NAT gateway exists; the public subnet still routes to the internet gateway');
    },
    live: async (ctx) => {
      const o = await observeEgress(ctx);
      const noIp = o.probes.PublicNoIp;
      const viaNat = o.probes.ViaNatGateway;
      const natWorks = o.natGateway.state === 'available' && viaNat.reached && viaNat.egressIp === o.natGateway.publicIp;
      const control = offlineAgainstControl(o, noIp);
      const passed = natWorks && control.offline;
      return evidence(
        passed,
        `NAT gateway ${o.natGateway.id} is ${o.natGateway.state} with ${o.natGateway.publicIp}; ${describeProbe(viaNat)}; ${describeProbe(noIp)}.${control.note}`,
        `${PROBE_METHOD}; NAT gateway from DescribeNatGateways`,
        probeFigures(o, [noIp, viaNat]),
      );
    },
  },
  {
    id: 'B7.nat-gateway-highly-available',
    question: 'B7',
    says: 'A NAT gateway is a managed service that is highly available and scales on its own.',
    verdict: 'oversimplified',
    truth: {
      statement:
        'A (zonal) NAT gateway is managed and scales to 100 Gbps, but it is redundant only within its Availability Zone: surviving an AZ failure takes one NAT gateway per AZ with per-AZ routes, or a regional NAT gateway (available since 2025-11-19), which spans AZs and needs no public subnet.',
      sources: [DOCS.natGateway, DOCS.natComparison, DOCS.regionalNat],
    },
    offline: (t) => {
      const nat = resourceOfOutput(t, 'NatGatewayId');
      const zonal = nat.type === 'AWS::EC2::NatGateway' && nat.properties.SubnetId !== undefined && nat.properties.AvailabilityMode !== 'regional';
      return evidence(zonal, `NAT gateway ${nat.logicalId} is zonal: one subnet, one AZ (AvailabilityMode ${nat.properties.AvailabilityMode ?? 'unset = zonal'}).`, 'template: AWS::EC2::NatGateway properties');
    },
    live: async (ctx) => {
      const o = await observeEgress(ctx);
      const mode = o.natGateway.availabilityMode ?? 'zonal';
      const passed = mode === 'zonal' && !!o.natGateway.subnetId && o.probes.ViaNatGateway.reached;
      return evidence(
        passed,
        `NAT gateway ${o.natGateway.id} is ${mode}, in subnet ${o.natGateway.subnetId ?? '?'} (one AZ): it serves this lab's private subnet, and an outage of that AZ would take egress down with it.`,
        'EC2 DescribeNatGateways (AvailabilityMode, SubnetId) and the ViaNatGateway probe',
        probeFigures(o, [o.probes.ViaNatGateway]),
      );
    },
  },
  {
    id: 'B7.nat-instance-is-managed-by-you',
    question: 'B7',
    says: 'A NAT instance is an EC2 instance you configure and manage yourself, and it scales less well.',
    verdict: 'holds',
    truth: {
      statement:
        'A NAT instance works only after you disable its source/destination check and configure forwarding and masquerading in its OS; you patch it, size it (its bandwidth is its instance type\'s) and handle its failover. It can use security groups and serve as a bastion, which a NAT gateway cannot.',
      sources: [DOCS.natInstance, DOCS.natComparison],
    },
    offline: (t) => {
      const nat = instanceFacts(t, 'NatInstanceId');
      const route = probeFacts(t, 'ViaNatInstance').route;
      const holds = !nat.sourceDestCheck && nat.publicIp && nat.route.kind === 'internet-gateway' && route.kind === 'instance' && route.target === nat.logicalId;
      return evidence(
        holds,
        `NAT instance ${nat.logicalId}: source/dest check ${nat.sourceDestCheck ? 'on' : 'off'}, ${nat.publicIp ? 'public IP' : 'no public IP'}, subnet → ${nat.route.kind}; ViaNatInstance → ${route.kind} ${route.target ?? ''}.`,
        'template: SourceDestCheck, AssociatePublicIpAddress, routes',
      );
    },
    live: async (ctx) => {
      const o = await observeEgress(ctx);
      const p = o.probes.ViaNatInstance;
      const passed = o.natInstance.sourceDestCheck === false && !!o.natInstance.publicIp && p.reached && p.egressIp === o.natInstance.publicIp;
      return evidence(
        passed,
        `NAT instance ${o.natInstance.id} has source/dest check ${o.natInstance.sourceDestCheck === false ? 'disabled' : 'ENABLED'} and public IP ${o.natInstance.publicIp ?? 'none'}; ${describeProbe(p)}.`,
        `${PROBE_METHOD}; SourceDestCheck from DescribeInstances`,
        probeFigures(o, [p]),
      );
    },
  },
  {
    id: 'I7.private-subnet-egress-through-nat',
    question: 'I7',
    says: 'Resources in a private subnet reach the internet through a NAT gateway or a NAT instance, given the right routes.',
    verdict: 'holds',
    truth: {
      statement:
        "Instances without public IPs in a subnet whose default route targets a NAT gateway or NAT instance reach the internet as the NAT's public address.",
      sources: [DOCS.natGateway, DOCS.natInstance],
    },
    offline: (t) => {
      const g = probeFacts(t, 'ViaNatGateway');
      const i = probeFacts(t, 'ViaNatInstance');
      const holds = g.route.kind === 'nat-gateway' && i.route.kind === 'instance' && !g.publicIp && !i.publicIp;
      return offline(t, ['ViaNatGateway', 'ViaNatInstance'], holds, 'template: routes and public IP settings of the private probes');
    },
    live: async (ctx) => {
      const o = await observeEgress(ctx);
      const g = o.probes.ViaNatGateway;
      const i = o.probes.ViaNatInstance;
      const passed = g.reached && i.reached && !g.publicIp && !i.publicIp && g.egressIp === o.natGateway.publicIp && i.egressIp === o.natInstance.publicIp;
      return evidence(passed, `${describeProbe(g)} (NAT gateway ${o.natGateway.publicIp}); ${describeProbe(i)} (NAT instance ${o.natInstance.publicIp}).`, PROBE_METHOD, probeFigures(o, [g, i]));
    },
  },
  {
    id: 'I7.nat-lives-in-public-subnet',
    question: 'I7',
    says: 'The NAT gateway or NAT instance must sit in a public subnet.',
    verdict: 'outdated',
    truth: {
      statement:
        'True of NAT instances and zonal NAT gateways. Since 2025-11-19 a regional NAT gateway is created for the VPC with no public subnet of your own: AWS manages its route to the internet gateway and it expands to the AZs where your workloads run.',
      sources: [DOCS.regionalNat, DOCS.natGateway],
      changed: '2025-11-19',
    },
    // The lab deploys the zonal kind; the regional kind is shown by documentation only, so there is no live check.
    offline: (t) => {
      const nat = resourceOfOutput(t, 'NatGatewayId');
      const natSubnet = nat.properties.SubnetId?.Ref as string | undefined;
      const zonalInPublic = !!natSubnet && probeFacts(t, 'PublicWithIp').subnet === natSubnet;
      return evidence(zonalInPublic, `the lab's zonal NAT gateway ${nat.logicalId} sits in the public subnet ${natSubnet ?? '?'}, as a zonal one must.`, 'template: NAT gateway SubnetId against the public subnet');
    },
  },
  {
    id: 'I7.no-unsolicited-inbound',
    question: 'I7',
    says: 'NAT lets private resources connect out while blocking connections started from the internet.',
    verdict: 'holds',
    truth: {
      statement:
        'NAT forwards replies to connections its clients opened; nothing on the internet can open a connection to an instance behind it, which has no public address (inbound still depends on security groups for anything inside the VPC).',
      sources: [DOCS.natGateway],
    },
    offline: (t) => {
      const keys: ProbeKey[] = ['ViaNatGateway', 'ViaNatInstance'];
      return offline(t, keys, keys.every((k) => !probeFacts(t, k).publicIp), 'template: private probes get no public IP');
    },
    live: async (ctx) => {
      const o = await observeEgress(ctx);
      const private_ = [o.probes.ViaNatGateway, o.probes.ViaNatInstance];
      const analyzer = await analyzerAgrees(ctx, o.probes.ViaNatGateway.instanceId, false, 'inbound');
      const passed = private_.every((p) => !p.publicIp && p.reached) && analyzer.agrees;
      return evidence(
        passed,
        private_.map((p) => `${p.key} has ${p.publicIp ? `public IP ${p.publicIp}` : 'no public IP'} and ${p.reached ? 'connects out' : 'does NOT connect out'}`).join('; ') +
          `: outbound works, and there is no address to connect in to.${analyzer.note}`,
        `${PROBE_METHOD}; with --analyzer, Reachability Analyzer from the internet gateway to ViaNatGateway`,
        probeFigures(o, private_),
      );
    },
  },
  {
    id: 'I13.public-ip-without-route-is-offline',
    question: 'I13',
    says: 'An instance with a public IP can still lack internet access when its route table has no route to an attached internet gateway.',
    verdict: 'holds',
    truth: {
      statement:
        'A public IP is not a path: the subnet needs a 0.0.0.0/0 route to an internet gateway attached to the VPC. Without it the packets have nowhere to go, whatever the address (network ACLs and security group outbound rules can block it too).',
      sources: [DOCS.troubleshootInternet, DOCS.routeTables],
    },
    offline: (t) => {
      const f = probeFacts(t, 'NoRouteWithIp');
      return offline(t, ['NoRouteWithIp'], f.route.kind === 'none' && f.publicIp, 'template: route of the instance subnet, MapPublicIpOnLaunch');
    },
    live: async (ctx) => {
      const o = await observeEgress(ctx);
      const p = o.probes.NoRouteWithIp;
      const control = offlineAgainstControl(o, p);
      const analyzer = await analyzerAgrees(ctx, p.instanceId, false);
      const passed = !!p.publicIp && control.offline && analyzer.agrees;
      return evidence(passed, `${describeProbe(p)}: its subnet has no default route.${control.note}${analyzer.note}`, PROBE_METHOD, probeFigures(o, [p]));
    },
  },
];
