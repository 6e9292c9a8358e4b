import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { EgressPathsVpc } from '../../lib/network/egress-paths-vpc';
import { EgressProbeInstance } from '../../lib/network/egress-probe-instance';

// CloudFormation "DependsOn attribute", When a DependsOn attribute is required: EC2 instances and Elastic IP
// addresses with a public IP address depend on the VPC-gateway attachment.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-dependson.html#gatewayattachment
describe('public IPs depend on the internet gateway attachment', () => {
  function build(probe: (stack: Stack, net: EgressPathsVpc) => void) {
    const stack = new Stack(new App(), 'Test');
    const net = new EgressPathsVpc(stack, 'Network');
    probe(stack, net);
    return { net, json: Template.fromStack(stack).toJSON() };
  }
  const attachmentId = (json: any) => Object.keys(json.Resources).find((k) => json.Resources[k].Type === 'AWS::EC2::VPCGatewayAttachment')!;
  const dependsOn = (json: any, type: string) =>
    Object.values<any>(json.Resources)
      .filter((r) => r.Type === type)
      .map((r) => ([] as string[]).concat(r.DependsOn ?? []));

  test('the NAT gateway, its Elastic IP and the NAT instance name the attachment in DependsOn', () => {
    const { json } = build(() => undefined);
    const att = attachmentId(json);
    for (const type of ['AWS::EC2::EIP', 'AWS::EC2::NatGateway', 'AWS::EC2::Instance']) {
      for (const d of dependsOn(json, type)) expect(d).toContain(att);
    }
  });

  test('a probe that asks for a public IP, or sits in a subnet that maps one, depends on the attachment', () => {
    const { json } = build((stack, net) => {
      new EgressProbeInstance(stack, 'Asked', { vpc: net.vpc, subnet: net.publicSubnet, associatePublicIpAddress: true, gatewayAttachment: net.gatewayAttachment });
      new EgressProbeInstance(stack, 'Mapped', { vpc: net.vpc, subnet: net.noDefaultRouteSubnet, gatewayAttachment: net.gatewayAttachment });
    });
    const att = attachmentId(json);
    for (const d of dependsOn(json, 'AWS::EC2::Instance')) expect(d).toContain(att);
  });

  test('a probe with a public IP and no attachment is refused at synth', () => {
    const stack = new Stack(new App(), 'Test');
    const net = new EgressPathsVpc(stack, 'Network');
    expect(() => new EgressProbeInstance(stack, 'Mapped', { vpc: net.vpc, subnet: net.noDefaultRouteSubnet })).toThrow(
      'Mapped: gets a public IP but received no gatewayAttachment',
    );
    expect(() => new EgressProbeInstance(stack, 'Asked', { vpc: net.vpc, subnet: net.publicSubnet, associatePublicIpAddress: true })).toThrow(/received no gatewayAttachment/);
  });

  test('a probe without a public IP needs no attachment', () => {
    const stack = new Stack(new App(), 'Test');
    const net = new EgressPathsVpc(stack, 'Network');
    expect(() => new EgressProbeInstance(stack, 'Private', { vpc: net.vpc, subnet: net.viaNatGatewaySubnet })).not.toThrow();
    expect(net.gatewayAttachment).toBeInstanceOf(ec2.CfnVPCGatewayAttachment);
  });
});

// curl man page, EXIT CODES: "22 HTTP page not retrieved. The requested URL was not found or returned another error
// with the HTTP error code being 400 or above. This return code only appears if -f, --fail is used."
// https://curl.se/docs/manpage.html. Without -f a 503 page from checkip exits 0 and reads as a reach.
describe('the probe fails on an HTTP error', () => {
  test('it runs curl with -f, so an HTTP 4xx/5xx answer is exit code 22, not 0', () => {
    const stack = new Stack(new App(), 'Test');
    const net = new EgressPathsVpc(stack, 'Network');
    new EgressProbeInstance(stack, 'Private', { vpc: net.vpc, subnet: net.viaNatGatewaySubnet });
    const userData = JSON.stringify(Object.values<any>(Template.fromStack(stack).toJSON().Resources).filter((r) => r.Type === 'AWS::EC2::Instance').map((r) => r.Properties.UserData));
    expect(userData).toContain('curl -fsS -m 5 https://checkip.amazonaws.com');
    expect(userData).not.toMatch(/curl -sS/);
  });
});

// One endpoint cannot tell "no way out" from "checkip is down" (curl man page, EXIT CODES: 7 and 28 say only that
// this host did not answer, https://curl.se/docs/manpage.html). The probe also tries the Region's AWS STS endpoint
// ("AWS Security Token Service endpoints and quotas", https://docs.aws.amazon.com/general/latest/gr/sts.html:
// sts.<region>.amazonaws.com, HTTPS), without -f, so any HTTP status is a connection.
describe('the probe tries a second, independent endpoint', () => {
  function userDataOf(stack: Stack): string {
    return JSON.stringify(Object.values<any>(Template.fromStack(stack).toJSON().Resources).filter((r) => r.Type === 'AWS::EC2::Instance').map((r) => r.Properties.UserData));
  }

  test('every try curls the Region\'s STS endpoint without -f and writes its exit code and HTTP status first', () => {
    const stack = new Stack(new App(), 'Test');
    const net = new EgressPathsVpc(stack, 'Network');
    new EgressProbeInstance(stack, 'Private', { vpc: net.vpc, subnet: net.viaNatGatewaySubnet });
    const userData = userDataOf(stack);
    expect(userData).toContain("curl -s -o /dev/null -m 5 -w '\\\\''%{http_code}'\\\\'' https://sts.");
    expect(userData).toContain('{"Ref":"AWS::Region"}');
    expect(userData).toContain('{"Ref":"AWS::URLSuffix"}');
    expect(userData).toContain('echo \\"also=$brc:$b $a\\"; exit $arc');
  });

  test('the second endpoint can be given', () => {
    const stack = new Stack(new App(), 'Test');
    const net = new EgressPathsVpc(stack, 'Network');
    new EgressProbeInstance(stack, 'Private', { vpc: net.vpc, subnet: net.viaNatGatewaySubnet, secondEndpointUrl: 'https://example.com/' });
    expect(userDataOf(stack)).toContain('https://example.com/');
  });
});
