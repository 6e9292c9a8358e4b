/** The outputs of the nat-vs-public-ip stack: the contract between the stack and the live checks. */
import { defineOutputs } from '../../lib/lab-kit/core/outputs';

/** The probe instances, by construct id; each maps to the output holding its instance id. */
export const PROBES = {
  /** (a) public subnet, public IP: reaches the internet as itself. */
  PublicWithIp: 'ProbePublicWithIp',
  /** (b) public subnet, no public IP: the internet gateway has no address to translate to. */
  PublicNoIp: 'ProbePublicNoIp',
  /** (e) public IP, no default route (I13). */
  NoRouteWithIp: 'ProbeNoRouteWithIp',
  /** (c) private subnet through the NAT gateway. */
  ViaNatGateway: 'ProbeViaNatGateway',
  /** (d) private subnet through the NAT instance. */
  ViaNatInstance: 'ProbeViaNatInstance',
} as const;

export type ProbeKey = keyof typeof PROBES;

/** Every probe, in the order of {@link PROBES}. */
export const PROBE_KEYS = Object.keys(PROBES) as ProbeKey[];

export const OUTPUTS = defineOutputs({
  ProbePublicWithIp: 'Probe instance PublicWithIp',
  ProbePublicNoIp: 'Probe instance PublicNoIp',
  ProbeNoRouteWithIp: 'Probe instance NoRouteWithIp',
  ProbeViaNatGateway: 'Probe instance ViaNatGateway',
  ProbeViaNatInstance: 'Probe instance ViaNatInstance',
  NatGatewayId: 'The zonal NAT gateway the ViaNatGateway subnet routes to',
  NatInstanceId: 'The NAT instance the ViaNatInstance subnet routes to',
  InternetGatewayId: 'The internet gateway attached to the lab VPC',
  LambdaInPublicSubnetName: 'VPC Lambda function in the public subnet (its ENIs get no public IP)',
  LambdaViaNatGatewayName: 'VPC Lambda function in the subnet routed to the NAT gateway',
});
