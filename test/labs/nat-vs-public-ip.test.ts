import { type OfflineCase, offlineChecksFailOn } from '../support/failing-cases';
import { Template } from 'aws-cdk-lib/assertions';
import type { Claim, TemplateJson } from '../../lib/lab-kit/checks/claim';
import { estimateCost } from '../../lib/lab-kit/operations/cost';
import { GUARDRAILS } from '../../lib/lab-kit/checks/guardrails';
import { runOfflineChecks } from '../../lib/lab-kit/checks/runner';
import { normalizeTemplate } from '../../lib/lab-kit/template/normalize';
import { resourceById, resourcesOfType } from '../../lib/lab-kit/template/resources';
import { resolveDefaultRoute } from '../../lib/lab-kit/template/routes';
import { claimOf, mutatedCopy, outputLogicalId, synthLab } from '../../lib/lab-kit/checks/testing';
import { natVsPublicIp } from '../../labs/nat-vs-public-ip';
import { probeFacts } from '../../labs/nat-vs-public-ip/template-facts';

const template = synthLab(natVsPublicIp);

const claim = (id: string): Claim => claimOf(natVsPublicIp, id);

const target = outputLogicalId;

const mutated = (change: (t: any) => void): TemplateJson => mutatedCopy(template, change);

function instance(t: any, output: string) {
  return t.Resources[target(t, output)].Properties;
}

function routeOf(t: any, subnet: string) {
  const rt = resolveDefaultRoute(t, subnet).routeTable;
  return Object.values<any>(t.Resources).find((r) => r.Type === 'AWS::EC2::Route' && r.Properties.RouteTableId.Ref === rt && r.Properties.DestinationCidrBlock === '0.0.0.0/0');
}

describe('nat-vs-public-ip template', () => {
  test('B2.public-ip-reaches-internet: PublicWithIp is in a subnet routed to the internet gateway, with a public IP', () => {
    const f = probeFacts(template, 'PublicWithIp');
    expect(f.route.kind).toBe('internet-gateway');
    expect(f.publicIp).toBe(true);
  });

  test('B2.public-subnet-without-public-ip-is-offline: PublicNoIp shares that subnet but gets no public IP', () => {
    const f = probeFacts(template, 'PublicNoIp');
    expect(f.subnet).toBe(probeFacts(template, 'PublicWithIp').subnet);
    expect(f.publicIp).toBe(false);
  });

  test('B2.nat-gateway-serves-public-subnet: the VPC has a NAT gateway, yet the public subnet routes to the internet gateway', () => {
    expect(resourcesOfType(template, 'AWS::EC2::NatGateway')).toHaveLength(1);
    expect(probeFacts(template, 'PublicNoIp').route.kind).toBe('internet-gateway');
    expect(probeFacts(template, 'ViaNatGateway').route).toMatchObject({ kind: 'nat-gateway', target: target(template, 'NatGatewayId') });
  });

  test('B7.nat-gateway-highly-available: the NAT gateway is zonal, in the public subnet, with an Elastic IP', () => {
    Template.fromJSON(template).hasResourceProperties('AWS::EC2::NatGateway', {
      SubnetId: { Ref: probeFacts(template, 'PublicWithIp').subnet },
      AllocationId: { 'Fn::GetAtt': [resourcesOfType(template, 'AWS::EC2::EIP')[0].logicalId, 'AllocationId'] },
    });
  });

  test('B7.nat-instance-is-managed-by-you: the NAT instance has source/dest check off, a public IP, and forwards with iptables', () => {
    const nat = instance(template, 'NatInstanceId');
    expect(nat.SourceDestCheck).toBe(false);
    expect(nat.NetworkInterfaces[0].AssociatePublicIpAddress).toBe(true);
    const userData = JSON.stringify(nat.UserData);
    expect(userData).toContain('net.ipv4.ip_forward=1');
    expect(userData).toContain('MASQUERADE');
    expect(probeFacts(template, 'ViaNatInstance').route).toMatchObject({ kind: 'instance', target: target(template, 'NatInstanceId') });
  });

  test('I7.no-unsolicited-inbound: no probe instance admits any inbound traffic', () => {
    for (const output of ['ProbePublicWithIp', 'ProbePublicNoIp', 'ProbeNoRouteWithIp', 'ProbeViaNatGateway', 'ProbeViaNatInstance']) {
      const props = instance(template, output);
      const groups = (props.NetworkInterfaces?.[0]?.GroupSet ?? props.SecurityGroupIds).map((g: any) => g['Fn::GetAtt'][0]);
      for (const g of groups) expect(resourceById(template, g)?.properties.SecurityGroupIngress).toBeUndefined();
    }
  });

  test('I13.public-ip-without-route-is-offline: the NoDefaultRoute subnet maps public IPs but has no default route', () => {
    const f = probeFacts(template, 'NoRouteWithIp');
    expect(f.route.kind).toBe('none');
    expect(f.publicIp).toBe(true);
  });

  test('every probe uses a t4g.nano with an encrypted gp3 root volume and IMDSv2', () => {
    const instances = resourcesOfType(template, 'AWS::EC2::Instance');
    expect(instances).toHaveLength(6);
    for (const i of instances) {
      expect(i.properties.InstanceType).toBe('t4g.nano');
      expect(i.properties.BlockDeviceMappings[0].Ebs).toMatchObject({ Encrypted: true, VolumeType: 'gp3', VolumeSize: 8 });
    }
    Template.fromJSON(template).resourceCountIs('AWS::EC2::LaunchTemplate', 6);
    Template.fromJSON(template).allResourcesProperties('AWS::EC2::LaunchTemplate', { LaunchTemplateData: { MetadataOptions: { HttpTokens: 'required' } } });
  });

  test('the AMI comes from the SSM public parameter at deploy time (no lookup)', () => {
    const parameters = Object.values<any>(template.Parameters ?? {});
    expect(parameters.some((p) => p.Type === 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>' && /al2023-ami-kernel-.*-arm64/.test(p.Default))).toBe(true);
  });

  test('the route resolver reads every subnet of the lab', () => {
    const kinds = resourcesOfType(template, 'AWS::EC2::Subnet').map((s) => resolveDefaultRoute(template, s.logicalId).kind).sort();
    expect(kinds).toEqual(['instance', 'internet-gateway', 'nat-gateway', 'none']);
  });

  test('costs at most $0.10 an hour, dominated by the NAT gateway', () => {
    const cost = estimateCost(template);
    expect(cost.hourly).toBeLessThanOrEqual(0.1);
    expect(cost.dominant?.what).toBe('NAT gateway');
  });

  test('every offline check and guardrail passes on the lab template', async () => {
    const results = await runOfflineChecks(natVsPublicIp, template, GUARDRAILS);
    expect(results.filter((r) => r.status !== 'pass')).toEqual([]);
    expect(results).toHaveLength(natVsPublicIp.claims.length + GUARDRAILS.length);
  });

  test('snapshot of the normalized template', () => {
    expect(normalizeTemplate(template)).toMatchSnapshot();
  });

  test('passes cdk-nag AwsSolutions with reasoned acknowledgements only', () => {
    expect(() => synthLab(natVsPublicIp, { nag: true })).not.toThrow();
  });
});

describe('nat-vs-public-ip offline checks fail when the template contradicts the truth', () => {
  const cases: OfflineCase[] = [
    ['B2.public-ip-reaches-internet', (t) => (instance(t, 'ProbePublicWithIp').NetworkInterfaces[0].AssociatePublicIpAddress = false)],
    ['B2.public-subnet-without-public-ip-is-offline', (t) => (instance(t, 'ProbePublicNoIp').NetworkInterfaces[0].AssociatePublicIpAddress = true)],
    ['B2.nat-gateway-serves-public-subnet', (t) => {
      const route = routeOf(t, probeFacts(t, 'PublicNoIp').subnet);
      delete route.Properties.GatewayId;
      route.Properties.NatGatewayId = { Ref: target(t, 'NatGatewayId') };
    }],
    ['B7.nat-gateway-highly-available', (t) => {
      const nat = t.Resources[target(t, 'NatGatewayId')].Properties;
      delete nat.SubnetId;
      nat.AvailabilityMode = 'regional';
    }],
    ['B7.nat-instance-is-managed-by-you', (t) => (instance(t, 'NatInstanceId').SourceDestCheck = true)],
    ['I7.private-subnet-egress-through-nat', (t) => {
      const route = routeOf(t, probeFacts(t, 'ViaNatGateway').subnet);
      route.Properties.RouteTableId = { Ref: 'Elsewhere' };
    }],
    ['I7.nat-lives-in-public-subnet', (t) => (t.Resources[target(t, 'NatGatewayId')].Properties.SubnetId = { Ref: probeFacts(t, 'ViaNatGateway').subnet })],
    ['I7.no-unsolicited-inbound', (t) => (t.Resources[probeFacts(t, 'ViaNatGateway').subnet].Properties.MapPublicIpOnLaunch = true)],
    ['I13.public-ip-without-route-is-offline', (t) => {
      const rt = resolveDefaultRoute(t, probeFacts(t, 'NoRouteWithIp').subnet).routeTable;
      t.Resources.AddedRoute = { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: rt }, DestinationCidrBlock: '0.0.0.0/0', GatewayId: { Ref: target(t, 'InternetGatewayId') } } };
    }],
  ];

  offlineChecksFailOn(natVsPublicIp, template, cases);
});
