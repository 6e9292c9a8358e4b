/**
 * Whether the security groups and network ACLs on a probe's way out still let it through, as the lab
 * deployed them. They can change after a deploy: AWS Firewall Manager security group and network ACL
 * policies remediate resources in scope ("Security group policies",
 * https://docs.aws.amazon.com/waf/latest/developerguide/security-group-policies.html; "Network ACL policies",
 * https://docs.aws.amazon.com/waf/latest/developerguide/network-acl-policies.html), and so can an AWS Config
 * remediation or a colleague. A probe blocked by such a rule would read as "no way out": a failed
 * reach, or an "offline" that says nothing about NAT or public IPs. So every probe a claim judges must
 * have its way out open in both, or the claim is inconclusive, naming the rule.
 *
 * Pure: it judges what {@link FirewallObservation} recorded, so a recorded run is judged again the same way.
 */

/** One security group permission (IPv4 ranges only: the lab's probes use IPv4). */
export interface SecurityGroupPermission {
  /** `IpProtocol`: tcp, udp, icmp, icmpv6, a number, or -1 for all protocols. */
  readonly protocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  /** `IpRanges[].CidrIp`. */
  readonly cidrs: readonly string[];
}

/** A security group's rules, as DescribeSecurityGroups gives them. */
export interface SecurityGroupRules {
  readonly ingress: readonly SecurityGroupPermission[];
  readonly egress: readonly SecurityGroupPermission[];
}

/** One network ACL entry (IPv4 entries only). */
export interface NetworkAclRule {
  readonly ruleNumber: number;
  /** The protocol number as a string; "-1" means all protocols. */
  readonly protocol: string;
  /** allow | deny. */
  readonly action: string;
  readonly egress: boolean;
  readonly cidr: string;
  readonly ports?: { readonly from: number; readonly to: number };
}

/** The network ACL associated with one subnet. */
export interface SubnetNetworkAcl {
  readonly networkAclId: string;
  readonly entries: readonly NetworkAclRule[];
}

/** Where one ENI of the lab sits: its subnet, its private address and its security groups. */
export interface Endpoint {
  readonly subnetId?: string;
  readonly privateIp?: string;
  readonly securityGroupIds: readonly string[];
}

/** The lab's security groups and network ACLs as they are now (plain JSON). */
export interface FirewallObservation {
  /** Each probe, and `NatInstance`, by key. */
  readonly endpoints: Readonly<Record<string, Endpoint>>;
  /** The NAT gateway's subnet (DescribeNatGateways SubnetId). */
  readonly natGatewaySubnetId?: string;
  readonly securityGroups: Readonly<Record<string, SecurityGroupRules>>;
  /** By subnet id. */
  readonly networkAcls: Readonly<Record<string, SubnetNetworkAcl>>;
}

/** Which hop carries a probe out: its own public IP, or a NAT on the way. */
export type WayOut = 'direct' | 'nat-gateway' | 'nat-instance';

/** TCP 443 is what both probe endpoints answer on. */
const HTTPS = { from: 443, to: 443 };
/**
 * Replies come back to the sender's ephemeral port, whose range depends on the sender's OS (and, for a NAT,
 * on the NAT): "Network ACL rules" (https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html, section
 * Ephemeral ports) advises allowing 1024-65535. Requiring that whole range is the cautious reading: a
 * narrower rule that would still have let these replies through makes the run inconclusive, never wrong.
 */
const EPHEMERAL = { from: 1024, to: 65535 };
const INTERNET = '0.0.0.0/0';

type Range = { readonly from: number; readonly to: number };

function ipv4(address: string): number | undefined {
  const parts = address.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

/** A CIDR's first and last address, or undefined for anything that is not IPv4 CIDR notation. */
export function cidrRange(cidr: string): Range | undefined {
  const [address, bits] = cidr.includes('/') ? cidr.split('/') : [cidr, '32'];
  const start = ipv4(address);
  const n = Number(bits);
  if (start === undefined || !Number.isInteger(n) || n < 0 || n > 32) return undefined;
  const size = 2 ** (32 - n);
  const first = Math.floor(start / size) * size;
  return { from: first, to: first + size - 1 };
}

const contains = (outer: Range, inner: Range) => outer.from <= inner.from && inner.to <= outer.to;
const overlaps = (a: Range, b: Range) => a.from <= b.to && b.from <= a.to;

/** Whether a permission covers TCP on every port of `ports`, to or from every address of `peer`. */
function permits(p: SecurityGroupPermission, ports: Range, peer: Range): boolean {
  const tcp = p.protocol === '-1' || p.protocol === 'tcp' || p.protocol === '6';
  if (!tcp) return false;
  // "specifying -1 ... allows traffic on all ports, regardless of any port range you specify" (IpPermission).
  const portsCovered = p.protocol === '-1' || (p.fromPort !== undefined && p.toPort !== undefined && contains({ from: p.fromPort, to: p.toPort }, ports));
  return portsCovered && p.cidrs.some((c) => {
    const r = cidrRange(c);
    return r !== undefined && contains(r, peer);
  });
}

/**
 * Security groups hold allow rules only, and the rules of all groups of an ENI add up; they are stateful,
 * so replies need no rule ("Security group rules",
 * https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html): some permission of some
 * group must cover the traffic.
 *
 * @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html
 */
function securityGroupsBlock(fw: FirewallObservation, who: string, end: Endpoint, direction: 'ingress' | 'egress', peer: string, what: string): string | undefined {
  const peerRange = cidrRange(peer)!;
  const groups = end.securityGroupIds.map((id) => ({ id, rules: fw.securityGroups[id] }));
  const missing = groups.filter((g) => !g.rules).map((g) => g.id);
  if (groups.length === 0) return `${who} has no security group in DescribeInstances`;
  if (groups.some((g) => g.rules && g.rules[direction].some((p) => permits(p, HTTPS, peerRange)))) return undefined;
  const read = missing.length > 0 ? ` (not described: ${missing.join(', ')})` : '';
  return `no ${direction} rule of ${who}'s security groups ${end.securityGroupIds.join(', ')} allows ${what}${read}`;
}

/**
 * Network ACLs: "ACL entries are processed in ascending order by rule number", the first that matches
 * decides, and they are stateless, so the replies need a rule of their own ("Network ACL rules",
 * https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html). The traffic here is a whole range
 * (any internet address, any ephemeral port), so a deny that covers any part of it before an allow that
 * covers all of it may block it: judged as blocking (the run is then inconclusive, never wrong). Protocol
 * "-1" means all protocols and ports ("NetworkAclEntry",
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkAclEntry.html); TCP is 6.
 */
function networkAclBlocks(fw: FirewallObservation, subnetId: string | undefined, egress: boolean, ports: Range, peer: string, what: string): string | undefined {
  const acl = subnetId ? fw.networkAcls[subnetId] : undefined;
  if (!subnetId || !acl) return `no network ACL was found for subnet ${subnetId ?? '(unknown)'} (DescribeNetworkAcls association.subnet-id)`;
  const peerRange = cidrRange(peer)!;
  const rules = acl.entries.filter((e) => e.egress === egress && cidrRange(e.cidr) !== undefined).sort((a, b) => a.ruleNumber - b.ruleNumber);
  for (const e of rules) {
    if (e.protocol !== '-1' && e.protocol !== '6') continue;
    const entryPorts = e.protocol === '-1' || !e.ports ? { from: 0, to: 65535 } : e.ports;
    const entryRange = cidrRange(e.cidr)!;
    if (!overlaps(entryPorts, ports) || !overlaps(entryRange, peerRange)) continue;
    if (e.action === 'deny') return `network ACL ${acl.networkAclId} of subnet ${subnetId}: ${egress ? 'outbound' : 'inbound'} rule ${e.ruleNumber} denies ${what} (or part of it)`;
    if (e.action === 'allow' && contains(entryPorts, ports) && contains(entryRange, peerRange)) return undefined;
  }
  return `network ACL ${acl.networkAclId} of subnet ${subnetId}: no ${egress ? 'outbound' : 'inbound'} rule allows all of ${what}`;
}

const ports = (r: Range) => (r.from === r.to ? `TCP ${r.from}` : `TCP ${r.from}-${r.to}`);

/**
 * Every reason the security groups and network ACLs may keep `key` from the internet on its way out
 * (none when its way is open as the lab deployed it): its own egress and the replies, and on a NAT path
 * also the NAT's subnet both ways and the NAT instance's security group.
 */
export function wayOutBlocked(fw: FirewallObservation, key: string, way: WayOut): readonly string[] {
  const probe = fw.endpoints[key];
  if (!probe) return [`${key} was not described (DescribeInstances)`];
  const reasons: (string | undefined)[] = [
    securityGroupsBlock(fw, key, probe, 'egress', INTERNET, `${ports(HTTPS)} to ${INTERNET}`),
    networkAclBlocks(fw, probe.subnetId, true, HTTPS, INTERNET, `${ports(HTTPS)} to ${INTERNET}`),
    networkAclBlocks(fw, probe.subnetId, false, EPHEMERAL, INTERNET, `replies on ${ports(EPHEMERAL)} from ${INTERNET}`),
  ];
  if (way !== 'direct') {
    const nat = way === 'nat-instance' ? fw.endpoints.NatInstance : undefined;
    const natSubnet = way === 'nat-instance' ? nat?.subnetId : fw.natGatewaySubnetId;
    const from = probe.privateIp ? `${probe.privateIp}/32` : undefined;
    if (!from) reasons.push(`${key} has no private IPv4 address in DescribeInstances`);
    else {
      const name = way === 'nat-instance' ? 'the NAT instance' : 'the NAT gateway';
      reasons.push(
        networkAclBlocks(fw, natSubnet, false, HTTPS, from, `${ports(HTTPS)} from ${key} (${from}) into ${name}'s subnet`),
        networkAclBlocks(fw, natSubnet, true, HTTPS, INTERNET, `${ports(HTTPS)} from ${name} to ${INTERNET}`),
        networkAclBlocks(fw, natSubnet, false, EPHEMERAL, INTERNET, `replies to ${name} on ${ports(EPHEMERAL)} from ${INTERNET}`),
        networkAclBlocks(fw, natSubnet, true, EPHEMERAL, from, `replies on ${ports(EPHEMERAL)} from ${name} to ${key} (${from})`),
      );
      if (way === 'nat-instance') {
        if (!nat) reasons.push('the NAT instance was not described (DescribeInstances)');
        else {
          reasons.push(
            securityGroupsBlock(fw, 'the NAT instance', nat, 'ingress', from, `${ports(HTTPS)} from ${key} (${from})`),
            securityGroupsBlock(fw, 'the NAT instance', nat, 'egress', INTERNET, `${ports(HTTPS)} to ${INTERNET}`),
          );
        }
      }
    }
  }
  return reasons.filter((r): r is string => r !== undefined);
}
