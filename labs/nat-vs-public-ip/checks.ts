/**
 * The checks of B2, B7, I7 and I13: for each catalog claim, the template evidence that the lab is
 * built to show it and the live evidence of what AWS does. Claim text lives in catalog/.
 */
import type { ClaimCheck } from '../../lib/lab-kit/checks/lab-definition';
import { live } from '../../lib/lab-kit/checks/lab-definition';
import { expectEqual, expectThat, type Expectation, type Figure, type Judgement, type Precondition, requires } from '../../lib/lab-kit/checks/judgement';
import { describeFacts, type Facts } from './facts';
import {
  type AnalyzerVerdict,
  describeAnalyzer,
  describeProbe,
  egress,
  egressAnalyzedInbound,
  egressAnalyzedNoRouteWithIp,
  egressAnalyzedPublicNoIp,
  egressAnalyzedPublicWithIp,
  type EgressObservation,
  type ProbeObservation,
} from './observe';
import type { ProbeKey } from './outputs';

const PROBE_METHOD =
  'each instance curls https://checkip.amazonaws.com every 15 s and writes the result to its serial console; ' +
  'read with EC2 GetConsoleOutput (Latest) until the last 3 tries agree; public IPs from DescribeInstances';

const ROUTE_AND_IP = 'template: route of the instance subnet, AssociatePublicIpAddress';

function describe(f: Facts, keys: readonly ProbeKey[]): string {
  return keys.map((k) => describeFacts(k, f.probes[k])).join('; ');
}

const ipWords = (has: boolean) => (has ? 'public IP' : 'no public IP');

/** The figures every probe-based check reports: seconds to observe and tries read. */
function probeFigures(o: EgressObservation, probes: readonly ProbeObservation[]): Figure[] {
  return [
    { name: 'observation time', value: o.seconds, unit: 's' },
    ...probes.map((p) => ({ name: `${p.key} tries read`, value: p.tries, unit: 'tries' })),
  ];
}

function reaches(p: ProbeObservation): Expectation {
  return expectThat(`${p.key} reaches https://checkip.amazonaws.com`, p.reached, describeProbe(p));
}

function failsToConnect(p: ProbeObservation): Expectation {
  return expectThat(`${p.key} fails to connect (curl 7 or 28)`, p.offline, describeProbe(p));
}

function hasPublicIp(p: ProbeObservation, expected: boolean): Expectation {
  return expectThat(`${p.key} ${expected ? 'has a public IP' : 'has no public IP'}`, !!p.publicIp === expected, p.publicIp ?? 'none', expected ? 'an address' : 'none');
}

/** The address the internet saw from a probe is the NAT's (or its own) public address. */
function seenAs(p: ProbeObservation, what: string, address: string | undefined): Expectation {
  return expectEqual(`the address the internet saw from ${p.key} (${what})`, address, p.egressIp);
}

/**
 * "Offline" is evidence only when the same run shows the internet answering, and when the probe
 * under test failed to *connect*: the PublicWithIp control probe must reach checkip, and a failure
 * to resolve a name or to find curl says nothing about the route. Either way the run did not
 * exercise the behaviour: inconclusive, never a pass or a refutation.
 */
function offlineIsEvidence(o: EgressObservation, p: ProbeObservation): Precondition[] {
  const control = o.probes.PublicWithIp;
  return [
    requires('the control probe PublicWithIp reaches the internet in the same run', control.reached, describeProbe(control)),
    requires(`${p.key}'s settled tries either reached or failed to connect (not DNS, not a missing curl)`, p.reached || p.offline, describeProbe(p)),
  ];
}

/** Reachability Analyzer's verdict as an expectation, when the run asked for it. */
function analyzerSays(a: AnalyzerVerdict | undefined, expectPath: boolean): Expectation[] {
  if (!a) return [];
  const words = (found: boolean) => (found ? 'path found' : 'path not found');
  return [expectEqual(`Reachability Analyzer ${a.source} → ${a.destination} (TCP ${a.port})`, words(expectPath), words(a.pathFound))];
}

export const CHECKS = {
  'B2.public-ip-reaches-internet': {
    offline: (f: Facts): Judgement => {
      const p = f.probes.PublicWithIp;
      return {
        observed: describe(f, ['PublicWithIp']),
        method: ROUTE_AND_IP,
        expectations: [expectEqual('PublicWithIp default route', 'internet-gateway', p.route.kind), expectEqual('PublicWithIp at launch', ipWords(true), ipWords(p.publicIp))],
      };
    },
    live: live(egressAnalyzedPublicWithIp, ({ egress: o, analyzer }) => {
      const p = o.probes.PublicWithIp;
      return {
        observed: `${describeProbe(p)}${p.egressIp === p.publicIp ? ': the internet saw its own public IP' : ''}.${describeAnalyzer(analyzer)}`,
        method: PROBE_METHOD,
        figures: probeFigures(o, [p]),
        expectations: [reaches(p), hasPublicIp(p, true), seenAs(p, 'its own public IP', p.publicIp), ...analyzerSays(analyzer, true)],
      };
    }),
  },
  'B2.public-subnet-without-public-ip-is-offline': {
    offline: (f: Facts): Judgement => {
      const p = f.probes.PublicNoIp;
      return {
        observed: describe(f, ['PublicNoIp']),
        method: ROUTE_AND_IP,
        expectations: [expectEqual('PublicNoIp default route', 'internet-gateway', p.route.kind), expectEqual('PublicNoIp at launch', ipWords(false), ipWords(p.publicIp))],
      };
    },
    live: live(egressAnalyzedPublicNoIp, ({ egress: o, analyzer }) => {
      const p = o.probes.PublicNoIp;
      return {
        observed: `${describeProbe(p)}, although its subnet routes to the internet gateway.${describeAnalyzer(analyzer)}`,
        method: PROBE_METHOD,
        figures: probeFigures(o, [p]),
        preconditions: offlineIsEvidence(o, p),
        expectations: [failsToConnect(p), hasPublicIp(p, false), ...analyzerSays(analyzer, false)],
      };
    }),
  },
  'B2.nat-gateway-serves-public-subnet': {
    offline: (f: Facts): Judgement => ({
      observed: describe(f, ['PublicNoIp', 'ViaNatGateway']),
      method: 'template: a NAT gateway exists; the public subnet still routes to the internet gateway',
      expectations: [
        expectEqual('PublicNoIp default route', 'internet-gateway', f.probes.PublicNoIp.route.kind),
        expectEqual('ViaNatGateway default route', 'nat-gateway', f.probes.ViaNatGateway.route.kind),
      ],
    }),
    live: live(egress, (o) => {
      const noIp = o.probes.PublicNoIp;
      const viaNat = o.probes.ViaNatGateway;
      return {
        observed: `NAT gateway ${o.natGateway.id} is ${o.natGateway.state} with ${o.natGateway.publicIp}; ${describeProbe(viaNat)}; ${describeProbe(noIp)}.`,
        method: `${PROBE_METHOD}; NAT gateway from DescribeNatGateways`,
        figures: probeFigures(o, [noIp, viaNat]),
        preconditions: offlineIsEvidence(o, noIp),
        expectations: [
          expectEqual(`NAT gateway ${o.natGateway.id} state`, 'available', o.natGateway.state),
          reaches(viaNat),
          seenAs(viaNat, 'the NAT gateway public IP', o.natGateway.publicIp),
          failsToConnect(noIp),
        ],
      };
    }),
  },
  'B7.nat-gateway-highly-available': {
    offline: (f: Facts): Judgement => {
      const nat = f.natGateway;
      return {
        observed: `NAT gateway ${nat.logicalId} is zonal: one subnet, one AZ (AvailabilityMode ${nat.availabilityMode ?? 'unset = zonal'}).`,
        method: 'template: AWS::EC2::NatGateway properties',
        expectations: [
          expectEqual('NatGatewayId resource type', 'AWS::EC2::NatGateway', nat.type),
          expectThat('the NAT gateway names one subnet', nat.hasSubnet, nat.hasSubnet ? 'SubnetId set' : 'no SubnetId'),
          expectThat('the NAT gateway is zonal', nat.availabilityMode !== 'regional', `AvailabilityMode ${nat.availabilityMode ?? 'unset'}`),
        ],
      };
    },
    live: live(egress, (o) => {
      const mode = o.natGateway.availabilityMode ?? 'zonal';
      const p = o.probes.ViaNatGateway;
      return {
        observed: `NAT gateway ${o.natGateway.id} is ${mode}, in subnet ${o.natGateway.subnetId ?? '?'} (one AZ): it serves this lab's private subnet, and an outage of that AZ would take egress down with it.`,
        method: 'EC2 DescribeNatGateways (AvailabilityMode, SubnetId) and the ViaNatGateway probe',
        figures: probeFigures(o, [p]),
        expectations: [
          expectEqual('NAT gateway AvailabilityMode (absent = zonal)', 'zonal', mode),
          expectThat('the NAT gateway sits in one subnet (one AZ)', !!o.natGateway.subnetId, o.natGateway.subnetId ?? 'no SubnetId'),
          reaches(p),
        ],
      };
    }),
  },
  'B7.nat-instance-is-managed-by-you': {
    offline: (f: Facts): Judgement => {
      const nat = f.natInstance;
      const route = f.probes.ViaNatInstance.route;
      return {
        observed: `NAT instance ${nat.logicalId}: source/dest check ${nat.sourceDestCheck ? 'on' : 'off'}, ${ipWords(nat.publicIp)}, subnet → ${nat.route.kind}; ViaNatInstance → ${route.kind} ${route.target ?? ''}.`,
        method: 'template: SourceDestCheck, AssociatePublicIpAddress, routes',
        expectations: [
          expectEqual('NAT instance source/dest check', 'off', nat.sourceDestCheck ? 'on' : 'off'),
          expectEqual('NAT instance at launch', ipWords(true), ipWords(nat.publicIp)),
          expectEqual('NAT instance subnet default route', 'internet-gateway', nat.route.kind),
          expectEqual('ViaNatInstance default route', `instance ${nat.logicalId}`, `${route.kind} ${route.target ?? ''}`.trimEnd()),
        ],
      };
    },
    live: live(egress, (o) => {
      const p = o.probes.ViaNatInstance;
      const check = o.natInstance.sourceDestCheck;
      return {
        observed: `NAT instance ${o.natInstance.id} has source/dest check ${check === false ? 'disabled' : 'ENABLED'} and public IP ${o.natInstance.publicIp ?? 'none'}; ${describeProbe(p)}.`,
        method: `${PROBE_METHOD}; SourceDestCheck from DescribeInstances`,
        figures: probeFigures(o, [p]),
        expectations: [
          expectThat(`NAT instance ${o.natInstance.id} source/dest check`, check === false, check === undefined ? 'not reported' : check ? 'enabled' : 'disabled', 'disabled'),
          expectThat(`NAT instance ${o.natInstance.id} has a public IP`, !!o.natInstance.publicIp, o.natInstance.publicIp ?? 'none', 'an address'),
          reaches(p),
          seenAs(p, 'the NAT instance public IP', o.natInstance.publicIp),
        ],
      };
    }),
  },
  'I7.private-subnet-egress-through-nat': {
    offline: (f: Facts): Judgement => {
      const g = f.probes.ViaNatGateway;
      const i = f.probes.ViaNatInstance;
      return {
        observed: describe(f, ['ViaNatGateway', 'ViaNatInstance']),
        method: 'template: routes and public IP settings of the private probes',
        expectations: [
          expectEqual('ViaNatGateway default route', 'nat-gateway', g.route.kind),
          expectEqual('ViaNatInstance default route', 'instance', i.route.kind),
          expectEqual('ViaNatGateway at launch', ipWords(false), ipWords(g.publicIp)),
          expectEqual('ViaNatInstance at launch', ipWords(false), ipWords(i.publicIp)),
        ],
      };
    },
    live: live(egress, (o) => {
      const g = o.probes.ViaNatGateway;
      const i = o.probes.ViaNatInstance;
      return {
        observed: `${describeProbe(g)} (NAT gateway ${o.natGateway.publicIp}); ${describeProbe(i)} (NAT instance ${o.natInstance.publicIp}).`,
        method: PROBE_METHOD,
        figures: probeFigures(o, [g, i]),
        expectations: [
          reaches(g),
          reaches(i),
          hasPublicIp(g, false),
          hasPublicIp(i, false),
          seenAs(g, 'the NAT gateway public IP', o.natGateway.publicIp),
          seenAs(i, 'the NAT instance public IP', o.natInstance.publicIp),
        ],
      };
    }),
  },
  // The lab deploys the zonal kind; the regional kind is shown by documentation only, so there is no live check.
  'I7.nat-lives-in-public-subnet': {
    offline: (f: Facts): Judgement => {
      const nat = f.natGateway;
      return {
        observed: `the lab's zonal NAT gateway ${nat.logicalId} sits in the public subnet ${nat.subnet ?? '?'}, as a zonal one must.`,
        method: 'template: NAT gateway SubnetId against the public subnet',
        expectations: [expectEqual('the zonal NAT gateway subnet (the public subnet of PublicWithIp)', f.probes.PublicWithIp.subnet, nat.subnet)],
      };
    },
  },
  'I7.no-unsolicited-inbound': {
    offline: (f: Facts): Judgement => {
      const keys: ProbeKey[] = ['ViaNatGateway', 'ViaNatInstance'];
      return {
        observed: describe(f, keys),
        method: 'template: private probes get no public IP',
        expectations: keys.map((k) => expectEqual(`${k} at launch`, ipWords(false), ipWords(f.probes[k].publicIp))),
      };
    },
    live: live(egressAnalyzedInbound, ({ egress: o, analyzer }) => {
      const private_ = [o.probes.ViaNatGateway, o.probes.ViaNatInstance];
      return {
        observed:
          private_.map((p) => `${p.key} has ${p.publicIp ? `public IP ${p.publicIp}` : 'no public IP'} and ${p.reached ? 'connects out' : 'does NOT connect out'}`).join('; ') +
          `: outbound works, and there is no address to connect in to.${describeAnalyzer(analyzer)}`,
        method: `${PROBE_METHOD}; with --analyzer, Reachability Analyzer from the internet gateway to ViaNatGateway`,
        figures: probeFigures(o, private_),
        expectations: [...private_.flatMap((p) => [hasPublicIp(p, false), reaches(p)]), ...analyzerSays(analyzer, false)],
      };
    }),
  },
  'I13.public-ip-without-route-is-offline': {
    offline: (f: Facts): Judgement => {
      const p = f.probes.NoRouteWithIp;
      return {
        observed: describe(f, ['NoRouteWithIp']),
        method: 'template: route of the instance subnet, MapPublicIpOnLaunch',
        expectations: [expectEqual('NoRouteWithIp default route', 'none', p.route.kind), expectEqual('NoRouteWithIp at launch', ipWords(true), ipWords(p.publicIp))],
      };
    },
    live: live(egressAnalyzedNoRouteWithIp, ({ egress: o, analyzer }) => {
      const p = o.probes.NoRouteWithIp;
      return {
        observed: `${describeProbe(p)}: its subnet has no default route.${describeAnalyzer(analyzer)}`,
        method: PROBE_METHOD,
        figures: probeFigures(o, [p]),
        preconditions: offlineIsEvidence(o, p),
        expectations: [hasPublicIp(p, true), failsToConnect(p), ...analyzerSays(analyzer, false)],
      };
    }),
  },
} satisfies Record<string, ClaimCheck<Facts>>;
