import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { estimateCost } from '../../../lib/lab-kit/operations/cost';
import { placementNeeds } from '../../../lib/lab-kit/operations/placement';
import { resourceById, resourcesOfType } from '../../../lib/lab-kit/template/resources';
import { resolveDefaultRoute } from '../../../lib/lab-kit/template/routes';
import { judgeOffline, mutatedCopy, outputLogicalId, synthLab } from '../../../lib/lab-kit/testing';
import type { TemplateJson } from '../../../lib/lab-kit/template/json';
import { natVsPublicIp } from '..';
import { labFacts, probeFacts } from '../facts';
import { LAMBDA_PROBE_TIMEOUT_MS } from '../observe-lambda';
import { instanceProps as instance, OFFLINE_CASES } from './offline-cases';

let template: TemplateJson;
beforeAll(async () => {
  template = await synthLab(natVsPublicIp);
});

const target = outputLogicalId;

describe('nat-vs-public-ip template', () => {
  // "Understanding the Lambda execution environment lifecycle" (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html):
  // Init is limited to 10 s, and one that overruns is retried at the first invocation under the function's timeout.
  test("I4/I19: the handler's timeout plus Lambda's 10 s Init limit fits in each function's timeout, so no way out is an answer, not a function timeout", () => {
    const INIT_LIMIT_MS = 10_000;
    const { inPublicSubnet, viaNatGateway } = labFacts(template).lambdas;
    for (const f of [inPublicSubnet, viaNatGateway]) expect(LAMBDA_PROBE_TIMEOUT_MS + INIT_LIMIT_MS).toBeLessThan(f.timeoutSeconds * 1000);
  });

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

  // Why I7.no-unsolicited-inbound is offline only: with no inbound rule at all, a blocked connection would say nothing about NAT.
  test('I7.no-unsolicited-inbound: no probe instance admits any inbound traffic (so no live check could isolate NAT)', () => {
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

  test('every stack output has the description its declaration gives', () => {
    for (const [name, description] of Object.entries(natVsPublicIp.outputs)) expect(template.Outputs?.[name]?.Description).toBe(description);
  });
});

describe('nat-vs-public-ip offline checks name what the mutated template contradicts', () => {
  test('B7.nat-gateway-highly-available names the regional mode and the missing subnet', () => {
    const judged = judgeOffline(natVsPublicIp, 'B7.nat-gateway-highly-available', mutatedCopy(template, OFFLINE_CASES['B7.nat-gateway-highly-available']));
    expect(judged.outcome).toBe('fail');
    expect(judged.reasons).toEqual(['the NAT gateway names one subnet: expected yes, saw no SubnetId', 'the NAT gateway is zonal: expected yes, saw AvailabilityMode regional']);
  });

  test('B2.nat-gateway-serves-public-subnet names the public subnet routed to the NAT gateway', () => {
    const judged = judgeOffline(natVsPublicIp, 'B2.nat-gateway-serves-public-subnet', mutatedCopy(template, OFFLINE_CASES['B2.nat-gateway-serves-public-subnet']));
    expect(judged.outcome).toBe('fail');
    expect(judged.reasons).toEqual(['PublicNoIp default route: expected internet-gateway, saw nat-gateway', 'prefixes the public subnet routes to the NAT gateway: expected none, saw 0.0.0.0/0']);
  });

  // "How route priority works": "we direct traffic using the most specific route that matches the traffic. This is
  // known as the longest prefix match." https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html
  test('B2.nat-gateway-serves-public-subnet: a route more specific than 0.0.0.0/0 to the NAT gateway fails it, the default route untouched', () => {
    const judged = judgeOffline(
      natVsPublicIp,
      'B2.nat-gateway-serves-public-subnet',
      mutatedCopy(template, (t) => {
        const rt = resolveDefaultRoute(t, probeFacts(t, 'PublicNoIp').subnet).routeTable;
        for (const [id, cidr] of [['LowHalf', '0.0.0.0/1'], ['HighHalf', '128.0.0.0/1']]) {
          t.Resources[id] = { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: rt }, DestinationCidrBlock: cidr, NatGatewayId: { Ref: outputLogicalId(t, 'NatGatewayId') } } };
        }
      }),
    );
    expect(judged.outcome).toBe('fail');
    expect(judged.reasons).toEqual(['prefixes the public subnet routes to the NAT gateway: expected none, saw 0.0.0.0/1, 128.0.0.0/1']);
  });

  // Same page: two halves of the address space to the internet gateway are a way out as much as 0.0.0.0/0 (fourth review F2).
  test('I13.public-ip-without-route-is-offline: routes more specific than 0.0.0.0/0 to the internet gateway fail it, no default route added', () => {
    const judged = judgeOffline(
      natVsPublicIp,
      'I13.public-ip-without-route-is-offline',
      mutatedCopy(template, (t) => {
        const rt = resolveDefaultRoute(t, probeFacts(t, 'NoRouteWithIp').subnet).routeTable;
        for (const [id, cidr] of [['LowHalf', '0.0.0.0/1'], ['HighHalf', '128.0.0.0/1']]) {
          t.Resources[id] = { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: rt }, DestinationCidrBlock: cidr, GatewayId: { Ref: outputLogicalId(t, 'InternetGatewayId') } } };
        }
      }),
    );
    expect(judged.outcome).toBe('fail');
    expect(judged.reasons).toEqual([expect.stringMatching(/^routes of the NoRouteWithIp subnet, any prefix: expected none, saw 0\.0\.0\.0\/1 → \w+, 128\.0\.0\.0\/1 → \w+$/)]);
  });

  test('the offline passes of the regional-mode claims say what the template cannot show', () => {
    for (const id of ['B7.nat-gateway-highly-available', 'I7.nat-lives-in-public-subnet', 'B2.nat-gateway-serves-public-subnet']) {
      const judged = judgeOffline(natVsPublicIp, id, template);
      expect(judged.outcome).toBe('pass');
      expect(judged.judgement.notExercised).toMatch(/regional|more specific prefixes/);
    }
  });
});

// CloudFormation "DependsOn attribute", When a DependsOn attribute is required: "Amazon EC2 instances, Elastic IP
// addresses ... depend on a VPC-gateway attachment when they have an associated public IP address" (else deleting the
// stack can detach the internet gateway first, which fails while public addresses are mapped).
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-dependson.html#gatewayattachment
describe('nat-vs-public-ip: whatever has a public IP depends on the internet gateway attachment', () => {
  const dependsOn = (r: { logicalId: string }) => ([] as string[]).concat((template.Resources?.[r.logicalId] as any)?.DependsOn ?? []);

  test('every EIP, NAT gateway and instance with a public IP names the VPCGatewayAttachment in its own DependsOn', () => {
    const [attachment] = resourcesOfType(template, 'AWS::EC2::VPCGatewayAttachment');
    expect(attachment).toBeDefined();
    const subnetMaps = (instance: any) => resourceById(template, instance.properties.NetworkInterfaces?.[0]?.SubnetId?.Ref ?? instance.properties.SubnetId?.Ref)?.properties.MapPublicIpOnLaunch === true;
    const withPublicIp = [
      ...resourcesOfType(template, 'AWS::EC2::EIP'),
      ...resourcesOfType(template, 'AWS::EC2::NatGateway'),
      ...resourcesOfType(template, 'AWS::EC2::Instance').filter((i) => i.properties.NetworkInterfaces?.[0]?.AssociatePublicIpAddress ?? subnetMaps(i)),
    ];
    expect(withPublicIp.map((r) => r.logicalId).sort()).toEqual(
      [
        resourcesOfType(template, 'AWS::EC2::EIP')[0].logicalId,
        target(template, 'NatGatewayId'),
        target(template, 'NatInstanceId'),
        target(template, 'ProbePublicWithIp'),
        target(template, 'ProbeNoRouteWithIp'),
      ].sort(),
    );
    for (const r of withPublicIp) expect([r.logicalId, dependsOn(r)]).toEqual([r.logicalId, expect.arrayContaining([attachment.logicalId])]);
  });
});

const README = readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');

/** The commands of the README's bash blocks, comments and blank lines dropped. */
function readmeCommands(): string[] {
  return [...README.matchAll(/```bash\n([\s\S]*?)```/g)].flatMap((m) => m[1].split('\n')).map((l) => l.replace(/\s+#.*$/, '').trim()).filter((l) => l && !l.startsWith('#'));
}

// "Fn::GetAZs": the order of the AZs it returns "isn't guaranteed" (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-getavailabilityzones.html),
// and not every AZ offers every instance type (DescribeInstanceTypeOfferings, location-type availability-zone,
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstanceTypeOfferings.html). Only `labs deploy`
// and `labs preflight <lab>` check the offering; a plain `cdk deploy` rolls back when the AZ lacks t4g.nano.
describe('nat-vs-public-ip: where it lands, and how the README deploys it', () => {
  test('all six t4g.nano instances sit in the first AZ Fn::GetAZs returns, which labs preflight/deploy check', () => {
    expect(placementNeeds(template)).toEqual({ instanceTypes: ['t4g.nano'], databases: [], azsFromGetAzs: 1, namedAzs: [] });
  });

  test('--azs=a,b puts every subnet and instance in the first of them, the AZ the check then names', async () => {
    const chosen = await synthLab(natVsPublicIp, { context: { 'labs:azs': 'us-east-1b,us-east-1c' } });
    const placed = [...resourcesOfType(chosen, 'AWS::EC2::Subnet'), ...resourcesOfType(chosen, 'AWS::EC2::Instance')];
    expect(placed.length).toBe(10);
    for (const r of placed) expect([r.logicalId, r.properties.AvailabilityZone]).toEqual([r.logicalId, 'us-east-1b']);
    expect(placementNeeds(chosen).namedAzs).toEqual(['us-east-1b']);
  });

  test('the README deploys with labs preflight <lab> and labs deploy, and runs no plain cdk deploy or destroy', () => {
    const commands = readmeCommands();
    expect(commands).toEqual(expect.arrayContaining(['npx labs preflight nat-vs-public-ip', 'npx labs deploy nat-vs-public-ip', 'npx labs destroy nat-vs-public-ip']));
    expect(commands.indexOf('npx labs preflight nat-vs-public-ip')).toBeLessThan(commands.indexOf('npx labs deploy nat-vs-public-ip'));
    expect(commands.filter((c) => /^npx cdk (deploy|destroy)\b/.test(c))).toEqual([]);
  });

  // The TTL counts from the end of the last deploy or update; a cdk deploy without changes updates nothing.
  test('the README does not say the TTL restarts on any deploy', () => {
    expect(README).not.toMatch(/after (its|the) last deploy\b(?! or update)/);
  });
});

// Amazon VPC pricing (https://aws.amazon.com/vpc/pricing/): a NAT gateway hour and a public IPv4 address hour; EC2
// "Elastic IP addresses" (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/elastic-ip-addresses-eip.html#using-instance-addressing-limit):
// "By default, all AWS accounts have a quota of five (5) Elastic IP addresses per Region". Only the NAT gateway's
// address is an Elastic IP; the instances' public IPv4 addresses are auto-assigned and not counted against it.
describe('nat-vs-public-ip: the README\'s cost and quota sentences match the template', () => {
  test('it names as many Elastic IPs as the template allocates', () => {
    const eips = resourcesOfType(template, 'AWS::EC2::EIP').length;
    expect(eips).toBe(1);
    expect(README).toContain(`room for ${eips} more Elastic IP address`);
    expect(README).not.toMatch(/Elastic\/public IPs/);
  });

  test('a regional NAT gateway would add one NAT gateway hour and one address, not double the price', () => {
    const base = estimateCost(template).hourly;
    const withRegional = estimateCost(
      mutatedCopy(template, (t) => {
        t.Resources.RegionalEip = { Type: 'AWS::EC2::EIP', Properties: { Domain: 'vpc' } };
        t.Resources.RegionalNat = { Type: 'AWS::EC2::NatGateway', Properties: { AvailabilityMode: 'regional', VpcId: { Ref: 'NetworkVpc' } } };
      }),
    ).hourly;
    const added = withRegional - base;
    expect(added).toBeCloseTo(0.05, 3);
    expect(README).toContain(`about $${added.toFixed(2)}/h more`);
    expect(README).not.toMatch(/double the lab/);
  });

  test('it does not promise t4g.nano everywhere: the preflight checks it', () => {
    expect(README).not.toMatch(/all commercial regions/);
    expect(README).toMatch(/t4g\.nano[^.]*`npx labs preflight nat-vs-public-ip`/);
  });
});
