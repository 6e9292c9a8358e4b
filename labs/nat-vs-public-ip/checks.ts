/**
 * The checks of B2, B7, I4, I7, I13 and I19: for each catalog claim, the template evidence that the lab is
 * built to show it and the live evidence of what AWS does. Claim text lives in catalog/.
 */
import type { ClaimCheck } from '../../lib/lab-kit/checks/lab-definition';
import { live } from '../../lib/lab-kit/checks/lab-definition';
import { decisive, expectEqual, expectThat, type Expectation, type Figure, type Judgement, type Precondition, requires } from '../../lib/lab-kit/checks/judgement';
import { describeFacts, type Facts } from './facts';
import { wayOutBlocked, type WayOut } from './firewall';
import { routesChanged } from './route-tables';
import {
  type AnalyzerVerdict,
  describeAnalyzer,
  describeProbe,
  egressNoRouteWithIp,
  egressPrivate,
  egressPublicNoIp,
  egressPublicNoIpAndNatGateway,
  egressPublicWithIp,
  type EgressObservation,
  type NatGatewayObservation,
  type NatInstanceObservation,
  probeOf,
  type ProbeObservation,
} from './observe';
import type { ProbeKey } from './outputs';
import { LAMBDA_PROBE_TIMEOUT_MS, lambdaEgress, type LambdaEgressObservation, type LambdaProbeResult } from './observe-lambda';

const PROBE_METHOD =
  'each instance curls https://checkip.amazonaws.com and, as a second endpoint, its Region\'s AWS STS endpoint, 15 s after the last try ended (15-25 s apart), and writes both results to its serial console ' +
  '("could not connect" only when neither connected); read with EC2 GetConsoleOutput (Latest) until the last 3 tries agree; public IPs from DescribeInstances; ' +
  'VPC Block Public Access from DescribeVpcBlockPublicAccessOptions/Exclusions first; after the probes settle, their route tables, security groups and network ACLs (DescribeRouteTables, DescribeSecurityGroups, DescribeNetworkAcls) as they are now';

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

/**
 * The probe cannot get out. A probe that *reached* the internet (checkip, or the second endpoint in
 * every settled try) where the truth says it cannot is
 * AWS's answer whatever else the run missed (the control not reaching does not make a reach less of
 * a reach), so that contradiction is decisive when `reachContradicts` (the setup held: e.g. the probe
 * really had no public IP). A probe that merely failed inconclusively stays a matter of preconditions.
 */
function failsToConnect(p: ProbeObservation, reachContradicts: boolean): Expectation {
  const e = expectThat(`${p.key} fails to connect to both endpoints (curl 7 or 28)`, p.offline, describeProbe(p));
  return (p.reached || p.secondReached) && reachContradicts ? decisive(e) : e;
}

/**
 * Whether the probe has a public IP is the setup of the experiment, not the finding: each claim is
 * conditional on it ("when it has a public IP", "without a public IP"). DescribeInstances leaves
 * `PublicIpAddress` out when the instance has none
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstances.html). Unmet, the run did
 * not set up what the claim presupposes: inconclusive, never a fail.
 */
function setUpWithPublicIp(p: ProbeObservation, expected: boolean): Precondition {
  return requires(`${p.key} ${expected ? 'has a public IP' : 'has no public IP'}, as the lab sets it up`, !!p.publicIp === expected, p.publicIp ?? 'none');
}

/** The NAT instance is set up as the lab configures it: source/dest check off and a public IP (DescribeInstances). */
function natInstanceSetUp(nat: NatInstanceObservation): Precondition[] {
  const check = nat.sourceDestCheck;
  return [
    requires(`NAT instance ${nat.id} has its source/dest check disabled, as the lab configures it`, check === false, check === undefined ? 'not reported' : check ? 'enabled' : 'disabled'),
    requires(`NAT instance ${nat.id} has a public IP`, !!nat.publicIp, nat.publicIp ?? 'none'),
  ];
}

/** The address the internet saw from a probe is the NAT's (or its own) public address. */
function seenAs(p: ProbeObservation, what: string, address: string | undefined): Expectation {
  return expectEqual(`the address the internet saw from ${p.key} (${what})`, address, p.egressIp);
}

/**
 * A probe's answer is evidence about its route only when its settled tries either reached checkip
 * (exit 0 and an address) or failed to *connect* (curl 7 or 28) to checkip and to the second
 * endpoint alike. checkip alone not answering (the second endpoint did) is checkip's outage, not the
 * route's. A name that does not resolve
 * (6), an HTTP error page (22), a missing curl (127) or an answer that is not an address says
 * nothing about the route: the run did not exercise it, so the claim is inconclusive, never a
 * pass or a refutation.
 */
function settledOnTheRoute(p: ProbeObservation): Precondition {
  return requires(`${p.key}'s settled tries either reached or failed to connect to both endpoints (not DNS, not an HTTP error, not a missing curl, not checkip alone)`, p.reached || p.offline, describeProbe(p));
}

/**
 * Another probe's answer (offline, or a NAT path that does not reach) is evidence only when the
 * same run shows checkip answering the PublicWithIp control probe: otherwise checkip, not the
 * route, may be what failed. Both conditions are preconditions: unmet, the run proves nothing.
 */
function judgedAgainstControl(o: EgressObservation, ...probes: ProbeObservation[]): Precondition[] {
  const control = probeOf(o, 'PublicWithIp');
  return [
    requires('the control probe PublicWithIp reaches the internet in the same run', control.reached, describeProbe(control)),
    ...probes.map(settledOnTheRoute),
    ...probes.map((p) => routesAsDeployed(o, p)),
    ...probes.map((p) => wayOutOpen(o, p)),
  ];
}

/**
 * Both reads count: the one at the run's start (before any try counted) and the one after this claim's probes settled,
 * so every try judged was made between two reads that show the lab's routes (fifth review F1, F2).
 */
function bothReads<T>(start: T | undefined, end: T | undefined, what: string, judge: (r: T) => readonly string[]): readonly string[] {
  if (!start || !end) return [`its ${what} were not read at the start and after the probes settled in this run (a run recorded before the lab read them both)`];
  const atStart = judge(start).map((r) => `at the start of the run: ${r}`);
  const atEnd = judge(end).map((r) => `after the probes settled: ${r}`);
  return [...atStart, ...atEnd];
}

function routeChanges(o: EgressObservation, p: ProbeObservation): readonly string[] {
  return bothReads(o.routesAtStart, o.routes, 'route tables', (r) => routesChanged(r, p.key));
}

/**
 * The probe's subnet routes as the lab deployed it, read live after the probes settled (see route-tables.ts): a
 * route added or removed since changes what AWS should do, so what the probe then saw is AWS following the new
 * routes, not evidence for or against the claim. Unmet: inconclusive, naming the route.
 */
function routesAsDeployed(o: EgressObservation, p: ProbeObservation): Precondition {
  const changed = routeChanges(o, p);
  return requires(
    `${p.key}'s subnet routes as the lab deploys it (EC2 DescribeRouteTables)`,
    changed.length === 0,
    changed.length === 0 ? 'as deployed' : `${changed.join('; ')}: changed after the deploy, so the probe's answer is about the new routes, not this claim`,
  );
}

/** A reach where the claim says none can be contradicts it only while the routes are the lab's own. */
function routesUnchanged(o: EgressObservation, p: ProbeObservation): boolean {
  return routeChanges(o, p).length === 0;
}

/** Which hop carries each probe out, as the lab builds it. */
const WAY_OUT: Readonly<Record<ProbeKey, WayOut>> = {
  PublicWithIp: 'direct',
  PublicNoIp: 'direct',
  NoRouteWithIp: 'direct',
  ViaNatGateway: 'nat-gateway',
  ViaNatInstance: 'nat-instance',
};

/**
 * The probe's security groups and network ACLs (and, on a NAT path, the NAT's) still let its way out
 * through, as the lab deployed them: read live after the probes settled, because AWS Firewall Manager, a
 * Config remediation or a person may have changed them (see firewall.ts). A probe that got out (to
 * checkip or the second endpoint) shows its way open whatever the rules say, so it needs no reading; one
 * that did not, behind a rule that may block it, says nothing about NAT or public IPs: inconclusive.
 */
function wayOutOpen(o: EgressObservation, p: ProbeObservation): Precondition {
  const reasons = bothReads(o.firewallAtStart, o.firewall, 'security groups and network ACLs', (f) => wayOutBlocked(f, p.key, WAY_OUT[p.key]));
  const open = reasons.length === 0;
  return requires(
    `${p.key}'s security groups and network ACLs let TCP 443 out and its replies in, as the lab deploys them (EC2 DescribeSecurityGroups, DescribeNetworkAcls)`,
    p.reached || p.secondReached || open,
    open ? 'open' : `${reasons.join('; ')}: changed after the deploy (by AWS Firewall Manager, an AWS Config remediation or a person?), so the probe not getting out says nothing about this claim`,
  );
}

/**
 * Reachability Analyzer's verdict as an expectation, when the run asked for it. Used only where
 * the analyzer models what decides the path: routes (I13) and a reachable public path (B2 with a
 * public IP). Not for a missing public IPv4 address: the Reachability Analyzer explanation codes
 * (https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html) were not found to
 * name one, so for PublicNoIp its answer is reported, never judged (see the lab README).
 */
function analyzerSays(a: AnalyzerVerdict | undefined, expectPath: boolean): Expectation[] {
  if (!a) return [];
  const words = (found: boolean) => (found ? 'path found' : 'path not found');
  return [expectEqual(`Reachability Analyzer ${a.source} → ${a.destination} (TCP ${a.port})`, words(expectPath), words(a.pathFound))];
}

/**
 * DescribeNatGateways `State`, as the EC2 API reference lists it: "pending | failed | available | deleting |
 * deleted" ("NatGateway", https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NatGateway.html).
 * Only `available` is a NAT gateway that forwards.
 */
export const NAT_GATEWAY_AVAILABLE = 'available';

/**
 * The lab's NAT gateway is in place: DescribeNatGateways says `available`. Unmet (pending, failed,
 * deleting, deleted), the NAT path was not set up as the claim presupposes: inconclusive, never a fail.
 */
function natGatewayAvailable(nat: NatGatewayObservation): Precondition {
  return requires(`NAT gateway ${nat.id} is ${NAT_GATEWAY_AVAILABLE} (DescribeNatGateways State)`, nat.state === NAT_GATEWAY_AVAILABLE, nat.state ?? 'not reported');
}

function natGatewayOf(o: EgressObservation): NatGatewayObservation {
  if (!o.natGateway) throw new Error('observation has no NAT gateway: the check reads what its observation does not read');
  return o.natGateway;
}

function natInstanceOf(o: EgressObservation): NatInstanceObservation {
  if (!o.natInstance) throw new Error('observation has no NAT instance: the check reads what its observation does not read');
  return o.natInstance;
}


const LAMBDA_METHOD =
  'GetFunctionConfiguration (State) and a synchronous Invoke of each VPC function; its handler makes one HTTPS GET to https://checkip.amazonaws.com ' +
  `with a ${LAMBDA_PROBE_TIMEOUT_MS / 1000} s timeout of its own and returns whether it got an answer, the address it was seen as, or the kind of failure; ` +
  "each function's ENIs from DescribeNetworkInterfaces (filter group-id: the function's security group), their public IPv4 address (Association.PublicIp); the NAT gateway's address from DescribeNatGateways";

function lambdaText(name: string, r: LambdaProbeResult): string {
  if (r.functionError) return `${name}: the probe failed (${r.functionError})`;
  const enis = (r.enis ?? []).map((e) => `${e.id}${e.publicIp ? ` public ${e.publicIp}` : ' no public IP'}`).join(', ') || 'no ENI found';
  const outcome = r.reached ? `reached the internet as ${r.publicIp} in ${r.elapsedMs} ms` : `no answer (${r.kind ?? 'unknown kind'}: ${r.error ?? 'unknown'}, after ${r.elapsedMs ?? '?'} ms)`;
  return `${name}: ${outcome}; ENIs ${enis}`;
}

/**
 * The public function's failure was the claim's: the name resolved and TCP never connected within the handler's
 * timeout. A DNS error, a reset, a refused or unreachable network or a TLS error ended the request before its
 * packets tested the internet gateway, so it says nothing about the claim (inconclusive, never a pass).
 */
function publicRequestTimedOut(r: LambdaProbeResult): Precondition {
  const timeoutMs = r.timeoutMs ?? LAMBDA_PROBE_TIMEOUT_MS;
  const met = r.reached === true || (r.reached === false && r.kind === 'timeout' && (r.elapsedMs ?? 0) >= timeoutMs);
  return requires(
    `the public-subnet function got an answer or its connection timed out after ${timeoutMs} ms (any other failure never tested the internet gateway)`,
    met,
    r.reached ? 'it got an answer' : `${r.kind ?? 'unknown kind'}: ${r.error ?? 'no error'} after ${r.elapsedMs ?? '?'} ms`,
  );
}

function enisFound(name: string, r: LambdaProbeResult): Precondition {
  return requires(`${name}'s ENIs were found (DescribeNetworkInterfaces by its security group)`, (r.enis ?? []).length > 0, `${(r.enis ?? []).length} found`);
}

function lambdaRan(name: string, r: LambdaProbeResult): Precondition {
  return requires(`${name} ran (Active, no function error)`, r.state === 'Active' && !r.functionError && r.reached !== undefined, `${r.state ?? 'unknown'}${r.functionError ? `, ${r.functionError}` : ''}`);
}

function lambdaOffline(f: Facts): Judgement {
  const p = f.lambdas.inPublicSubnet;
  const n = f.lambdas.viaNatGateway;
  return {
    observed: `${p.logicalId} in ${p.subnets.join(', ') || 'NO subnet'} (default route → ${p.route?.kind ?? 'none'}); ${n.logicalId} in ${n.subnets.join(', ') || 'NO subnet'} (default route → ${n.route?.kind ?? 'none'}).`,
    method: 'template: VpcConfig.SubnetIds of the two functions, the default route of each subnet',
    expectations: [
      expectEqual('the public-subnet function: one subnet, routed to the internet gateway', ['1 subnet', 'internet-gateway'], [`${p.subnets.length} subnet`, p.route?.kind ?? 'none']),
      expectEqual('the other function: one subnet, routed to the NAT gateway', ['1 subnet', 'nat-gateway'], [`${n.subnets.length} subnet`, n.route?.kind ?? 'none']),
      expectEqual("the NAT function's route goes to the lab's NAT gateway", f.natGateway.logicalId, n.route?.target),
    ],
  };
}

function judgeLambdaEgress(o: LambdaEgressObservation): Judgement {
  const p = o.inPublicSubnet;
  const n = o.viaNatGateway;
  const handAssociated = (p.enis ?? []).filter((e) => e.publicIp).map((e) => `${e.id} ${e.publicIp}`);
  return {
    observed: `${lambdaText('in the public subnet', p)}; ${lambdaText('behind the NAT gateway', n)} (NAT gateway ${o.natGateway.publicIp ?? 'address unknown'}).`,
    method: LAMBDA_METHOD,
    figures: [
      { name: 'public-subnet function, time to give up or answer', value: p.elapsedMs ?? Number.NaN, unit: 'ms' },
      { name: 'NAT-subnet function, time to answer', value: n.elapsedMs ?? Number.NaN, unit: 'ms' },
    ],
    preconditions: [
      lambdaRan('the public-subnet function', p),
      lambdaRan('the NAT-subnet function', n),
      publicRequestTimedOut(p),
      enisFound('the public-subnet function', p),
      natGatewayAvailable(o.natGateway),
      // The same code got out from the NAT subnet: the endpoint answers and the function works, so a public-subnet failure is the subnet's.
      requires('the same request got out from the NAT subnet (the endpoint and the code work)', n.reached === true, n.reached ? 'yes' : 'no'),
    ],
    expectations: [
      decisive(expectThat('the function in the public subnet did not reach the internet', p.reached === false, p.reached ? `it did, as ${p.publicIp}${handAssociated.length > 0 ? ` (an Elastic IP was associated with its ENI by hand: ${handAssociated.join(', ')})` : ''}` : 'no answer')),
      expectThat(
        "the public-subnet function's ENIs have no public IPv4 address (DescribeNetworkInterfaces Association absent)",
        handAssociated.length === 0,
        handAssociated.length > 0 ? `${handAssociated.join(', ')}: associated by hand, Lambda assigns none` : 'none has one',
        'none has one',
      ),
      expectEqual('the NAT-subnet function was seen as the NAT gateway public IP', o.natGateway.publicIp, n.publicIp),
    ],
  };
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
    live: live(egressPublicWithIp, (o) => {
      const { analyzer } = o;
      const p = probeOf(o, 'PublicWithIp');
      return {
        observed: `${describeProbe(p)}${p.egressIp === p.publicIp ? ': the internet saw its own public IP' : ''}.${describeAnalyzer(analyzer)}`,
        method: PROBE_METHOD,
        figures: probeFigures(o, [p]),
        // This probe is the control itself: only a connection failure (7, 28) to both endpoints is a refutation.
        preconditions: [setUpWithPublicIp(p, true), settledOnTheRoute(p), routesAsDeployed(o, p), wayOutOpen(o, p)],
        expectations: [reaches(p), seenAs(p, 'its own public IP', p.publicIp), ...analyzerSays(analyzer, true)],
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
    live: live(egressPublicNoIp, (o) => {
      const p = probeOf(o, 'PublicNoIp');
      const informational = o.analyzer || o.analyzerFailed ? ' (informational only: not counted as evidence, see the README)' : '';
      return {
        observed: `${describeProbe(p)}, although its subnet routes to the internet gateway.${describeAnalyzer(o.analyzer, o.analyzerFailed)}${informational}`,
        method: `${PROBE_METHOD}; with --analyzer, Reachability Analyzer PublicNoIp → internet gateway is reported, not judged (a failed analysis too)`,
        figures: probeFigures(o, [p]),
        preconditions: [setUpWithPublicIp(p, false), ...judgedAgainstControl(o, p)],
        expectations: [failsToConnect(p, !p.publicIp && routesUnchanged(o, p))],
      };
    }),
  },
  'B2.nat-gateway-serves-public-subnet': {
    offline: (f: Facts): Judgement => ({
      observed: describe(f, ['PublicNoIp', 'ViaNatGateway']),
      method: 'template: a NAT gateway exists; the public subnet still routes 0.0.0.0/0 to the internet gateway and no more specific prefix to the NAT gateway (longest prefix match)',
      notExercised:
        'the template shows the default case only; that a public subnet can send more specific prefixes to a NAT gateway, which makes the seed oversimplified, rests on "How route priority works", not on a route the lab deploys',
      expectations: [
        expectEqual('PublicNoIp default route', 'internet-gateway', f.probes.PublicNoIp.route.kind),
        expectEqual('prefixes the public subnet routes to the NAT gateway', 'none', f.publicSubnetRoutesToNatGateway.join(', ') || 'none'),
        expectEqual('ViaNatGateway default route', 'nat-gateway', f.probes.ViaNatGateway.route.kind),
      ],
    }),
    live: live(egressPublicNoIpAndNatGateway, (o) => {
      const noIp = probeOf(o, 'PublicNoIp');
      const viaNat = probeOf(o, 'ViaNatGateway');
      const nat = natGatewayOf(o);
      return {
        observed: `NAT gateway ${nat.id} is ${nat.state} with ${nat.publicIp}; ${describeProbe(viaNat)}; ${describeProbe(noIp)}. ${routesUnchanged(o, noIp) ? 'The public subnet has no route more specific than 0.0.0.0/0 to the NAT gateway (in the template, and in its route table as read at the start and after the probes settled), so this shows the default case only.' : 'The public subnet\'s route table no longer routes as the lab deployed it (see the preconditions), so this run is no evidence.'}`,
        method: `${PROBE_METHOD}; NAT gateway from DescribeNatGateways`,
        figures: probeFigures(o, [noIp, viaNat]),
        // The claim is about PublicNoIp's routing, not about the NAT gateway: a NAT gateway that is not
        // available, or that does not carry ViaNatGateway out as its own address, leaves the claim's
        // setup ("a NAT gateway that works is there") unmet, so the run is inconclusive, never a fail.
        // Whether a NAT gateway carries a private subnet out is I7's claim, judged there.
        preconditions: [
          setUpWithPublicIp(noIp, false),
          ...judgedAgainstControl(o, noIp, viaNat),
          natGatewayAvailable(nat),
          requires(
            'ViaNatGateway reaches the internet as the NAT gateway public IP (the NAT gateway works)',
            viaNat.reached && viaNat.egressIp !== undefined && viaNat.egressIp === nat.publicIp,
            `${describeProbe(viaNat)}; NAT gateway public IP ${nat.publicIp ?? 'not reported'}`,
          ),
        ],
        expectations: [failsToConnect(noIp, !noIp.publicIp && routesUnchanged(o, noIp))],
        // The verdict is "oversimplified" because a public subnet *can* use a NAT gateway for the prefixes
        // of a more specific route (longest prefix match, "How route priority works",
        // https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html); the lab has no such route.
        notExercised:
          'the run shows the default routing only (0.0.0.0/0 to the internet gateway, nothing to the NAT gateway), not a public subnet whose route table sends more specific prefixes (say 0.0.0.0/1 and 128.0.0.0/1) to a NAT gateway: that half of the verdict rests on "How route priority works" (longest prefix match)',
      };
    }),
  },
  'B7.nat-gateway-highly-available': {
    offline: (f: Facts): Judgement => {
      const nat = f.natGateway;
      return {
        observed: `NAT gateway ${nat.logicalId} is zonal: one subnet, one AZ (AvailabilityMode ${nat.availabilityMode ?? 'unset = zonal'}).`,
        method: 'template: AWS::EC2::NatGateway properties',
        notExercised:
          'the template shows one zonal NAT gateway only; that it is redundant within its AZ alone, its scaling to 100 Gbps and the regional mode rest on "NAT gateway basics" and "Regional NAT gateways for automatic multi-AZ expansion"',
        expectations: [
          expectEqual('NatGatewayId resource type', 'AWS::EC2::NatGateway', nat.type),
          expectThat('the NAT gateway names one subnet', nat.hasSubnet, nat.hasSubnet ? 'SubnetId set' : 'no SubnetId'),
          expectThat('the NAT gateway is zonal', nat.availabilityMode !== 'regional', `AvailabilityMode ${nat.availabilityMode ?? 'unset'}`),
        ],
      };
    },
    // Offline only. What the claim is about (managed, scales on its own, redundant only within its
    // AZ) no short run can observe: DescribeNatGateways would only read back AvailabilityMode and
    // SubnetId, which the template already fixes (no AvailabilityMode = zonal, one SubnetId), and
    // a reaching ViaNatGateway probe says nothing about availability. "NAT gateway basics": "Each
    // NAT gateway is created in a specific Availability Zone and implemented with redundancy in
    // that zone" (https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-basics.html).
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
    // Offline only. What the claim says (you configure it, you manage it, it scales less well) no run
    // of this lab can refute: ViaNatInstance reaching the internet through the instance the lab
    // configured would be seen whether or not that configuration was needed, so a pass would confirm
    // nothing. A control that could refute it (a second NAT instance with its source/dest check left
    // on, its own subnet and probe, expected not to forward) would cost about $0.015/h more and take
    // the lab over its $0.10/h budget. That the configured instance forwards is I7's NAT-instance half,
    // judged live there. "NAT instances": the source/destination check must be disabled
    // (https://docs.aws.amazon.com/vpc/latest/userguide/VPC_NAT_Instance.html); see the lab README.
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
    live: live(egressPrivate, (o) => {
      const g = probeOf(o, 'ViaNatGateway');
      const i = probeOf(o, 'ViaNatInstance');
      const natGw = natGatewayOf(o);
      const natI = natInstanceOf(o);
      return {
        observed: `${describeProbe(g)} (NAT gateway ${natGw.publicIp}); ${describeProbe(i)} (NAT instance ${natI.publicIp}).`,
        method: PROBE_METHOD,
        figures: probeFigures(o, [g, i]),
        // The NAT instance set up as the lab configures it, and private probes without public IPs, are the
        // experiment's setup (as they were B7's): unmet, inconclusive.
        // The NAT gateway being `available` is the setup too (a pending or failed one was never in place):
        // unmet, inconclusive. That an available one carries ViaNatGateway out, as its address, is the claim.
        preconditions: [setUpWithPublicIp(g, false), setUpWithPublicIp(i, false), natGatewayAvailable(natGw), ...natInstanceSetUp(natI), ...judgedAgainstControl(o, g, i)],
        expectations: [
          reaches(g),
          reaches(i),
          seenAs(g, 'the NAT gateway public IP', natGw.publicIp),
          seenAs(i, 'the NAT instance public IP', natI.publicIp),
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
        notExercised:
          'the template shows the zonal kind in a public subnet, as the seed says; the regional NAT gateway, which needs no public subnet and makes the seed outdated, is documented ("Regional NAT gateways for automatic multi-AZ expansion"), not deployed',
        expectations: [expectEqual('the zonal NAT gateway subnet (the public subnet of PublicWithIp)', f.probes.PublicWithIp.subnet, nat.subnet)],
      };
    },
  },
  // Offline only. A live check cannot fail for the reason the claim gives: the probes' security
  // groups admit nothing, so "no connection in" is true with NAT or without it. Isolating NAT's
  // part would take a listener behind the NAT with a security group open to the internet, a sender
  // on the internet, and a control listener with a public IP that the same sender does reach (to
  // show that nothing else, such as the sender's own network, blocked it): an exposed port and a
  // user-side dependency for a claim the template settles. See the lab README.
  'I7.no-unsolicited-inbound': {
    offline: (f: Facts): Judgement => {
      const keys: ProbeKey[] = ['ViaNatGateway', 'ViaNatInstance'];
      return {
        observed: `${describe(f, keys)}: their only public address on the way out is the NAT's, and a NAT forwards only replies to connections opened from inside.`,
        method: 'template: the private probes get no public IP, and their subnets send 0.0.0.0/0 to a NAT (not checkable live: see the README)',
        expectations: [
          ...keys.map((k) => expectEqual(`${k} at launch`, ipWords(false), ipWords(f.probes[k].publicIp))),
          expectEqual('ViaNatGateway default route', 'nat-gateway', f.probes.ViaNatGateway.route.kind),
          expectEqual('ViaNatInstance default route', 'instance', f.probes.ViaNatInstance.route.kind),
        ],
      };
    },
  },
  'I13.public-ip-without-route-is-offline': {
    offline: (f: Facts): Judgement => {
      const p = f.probes.NoRouteWithIp;
      return {
        observed: describe(f, ['NoRouteWithIp']),
        method: 'template: every route of the instance subnet\'s route table (any prefix: longest prefix match), MapPublicIpOnLaunch',
        expectations: [
          expectEqual('NoRouteWithIp default route', 'none', p.route.kind),
          expectEqual('routes of the NoRouteWithIp subnet, any prefix', 'none', f.noRouteSubnetRoutes.join(', ') || 'none'),
          expectEqual('NoRouteWithIp at launch', ipWords(true), ipWords(p.publicIp)),
        ],
      };
    },
    live: live(egressNoRouteWithIp, (o) => {
      const { analyzer } = o;
      const p = probeOf(o, 'NoRouteWithIp');
      return {
        observed: `${describeProbe(p)}: its subnet has no default route.${describeAnalyzer(analyzer)}`,
        method: PROBE_METHOD,
        figures: probeFigures(o, [p]),
        preconditions: [setUpWithPublicIp(p, true), ...judgedAgainstControl(o, p)],
        // A reach with no default route contradicts the claim whatever the public IP or the control, as long as the
        // subnet still has no route out (read live).
        expectations: [failsToConnect(p, routesUnchanged(o, p)), ...analyzerSays(analyzer, false)],
      };
    }),
  },
  'I4.vpc-lambda-needs-nat-for-internet': { offline: lambdaOffline, live: live(lambdaEgress, judgeLambdaEgress) },
  'I19.vpc-lambda-internet-needs-private-nat': { offline: lambdaOffline, live: live(lambdaEgress, judgeLambdaEgress) },
} satisfies Record<string, ClaimCheck<Facts>>;
