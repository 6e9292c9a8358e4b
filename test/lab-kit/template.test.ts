import type { TemplateJson } from '../../lib/lab-kit/template/json';
import { normalizeTemplate } from '../../lib/lab-kit/template/normalize';
import { outputTarget, refTarget, resourceOfOutput } from '../../lib/lab-kit/template/resources';
import { resolveDefaultRoute } from '../../lib/lab-kit/template/routes';

function vpcTemplate(route?: Record<string, unknown>, associate = true): TemplateJson {
  const resources: Record<string, any> = {
    Igw: { Type: 'AWS::EC2::InternetGateway' },
    Vgw: { Type: 'AWS::EC2::VPNGateway', Properties: { Type: 'ipsec.1' } },
    Subnet: { Type: 'AWS::EC2::Subnet', Properties: { CidrBlock: '10.0.0.0/24' } },
    Rt: { Type: 'AWS::EC2::RouteTable', Properties: {} },
  };
  if (associate) resources.Assoc = { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: { Ref: 'Subnet' }, RouteTableId: { Ref: 'Rt' } } };
  if (route) resources.Route = { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'Rt' }, DestinationCidrBlock: '0.0.0.0/0', ...route } };
  resources.LocalOnly = { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'Rt' }, DestinationCidrBlock: '192.168.0.0/16', GatewayId: { Ref: 'Igw' } } };
  return { Resources: resources };
}

describe('resolveDefaultRoute', () => {
  test.each([
    [{ GatewayId: { Ref: 'Igw' } }, 'internet-gateway', 'Igw'],
    [{ NatGatewayId: { Ref: 'Nat' } }, 'nat-gateway', 'Nat'],
    [{ InstanceId: { Ref: 'NatInstance' } }, 'instance', 'NatInstance'],
    [{ TransitGatewayId: 'tgw-0123' }, 'transit-gateway', 'tgw-0123'],
    [{ GatewayId: { Ref: 'Vgw' } }, 'other', 'Vgw'],
    [{ VpcPeeringConnectionId: 'pcx-1' }, 'other', undefined],
  ])('a default route with %j goes to %s', (route, kind, target) => {
    expect(resolveDefaultRoute(vpcTemplate(route), 'Subnet')).toEqual({ kind, routeTable: 'Rt', ...(target ? { target } : {}) });
  });

  test('a route table with only a narrower route has no default route', () => {
    expect(resolveDefaultRoute(vpcTemplate(), 'Subnet')).toEqual({ kind: 'none', routeTable: 'Rt' });
  });

  test('a subnet without an association uses the main route table, which a template cannot see', () => {
    expect(resolveDefaultRoute(vpcTemplate({ GatewayId: { Ref: 'Igw' } }, false), 'Subnet')).toEqual({ kind: 'none' });
  });

  test('throws when the id is not a subnet', () => {
    expect(() => resolveDefaultRoute(vpcTemplate(), 'Igw')).toThrow('subnet: received Igw; allowed: the logical id of an AWS::EC2::Subnet of the template');
  });
});

describe('resources', () => {
  const t: TemplateJson = {
    Resources: { Queue: { Type: 'AWS::SQS::Queue' } },
    Outputs: { QueueUrl: { Value: { Ref: 'Queue' } }, QueueArn: { Value: { 'Fn::GetAtt': ['Queue', 'Arn'] } }, Literal: { Value: 'x' } },
  };
  test('outputs lead to their resources', () => {
    expect(outputTarget(t, 'QueueUrl')).toBe('Queue');
    expect(resourceOfOutput(t, 'QueueArn').type).toBe('AWS::SQS::Queue');
    expect(refTarget('x')).toBeUndefined();
  });
  test('a missing output names the outputs there are', () => {
    expect(() => resourceOfOutput(t, 'Nope')).toThrow('output Nope does not point at a resource of the template (outputs: QueueUrl, QueueArn, Literal)');
  });
});

describe('normalizeTemplate', () => {
  const hash = 'af10b79612c9d37fc67ffb0873dd2de2673271b07a37dcae6d34ff7e512734b4';
  const template: TemplateJson = {
    Parameters: { BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>' } },
    Rules: { CheckBootstrapVersion: {} },
    Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Code: { S3Key: `${hash}.zip` }, Runtime: 'nodejs24.x' }, Metadata: { 'aws:asset:path': `asset.${hash}` } } },
  };
  test('replaces asset hashes and drops the bootstrap plumbing, keeping the infrastructure', () => {
    expect(normalizeTemplate(template)).toEqual({
      Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Code: { S3Key: '<asset-hash>.zip' }, Runtime: 'nodejs24.x' }, Metadata: { 'aws:asset:path': 'asset.<asset-hash>' } } },
    });
  });
  test('does not modify its input', () => {
    const before = JSON.stringify(template);
    normalizeTemplate(template);
    expect(JSON.stringify(template)).toBe(before);
  });
});
