import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { VpcEgressProbeFunction } from '../../lib/network/vpc-egress-probe-function';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const handler = require('../../lib/network/vpc-egress-probe-function-handler/index.js');

function build(inPublicSubnet: boolean | undefined) {
  const stack = new Stack(new App(), 'TestStack');
  const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0, maxAzs: 1, subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }] });
  new VpcEgressProbeFunction(stack, 'Probe', { vpc, subnet: vpc.publicSubnets[0], inPublicSubnet });
  return Template.fromStack(stack);
}

describe('VpcEgressProbeFunction', () => {
  test('one subnet, HTTPS out only, its own log group, the ENI policy Lambda needs and no wider logs rights', () => {
    const t = build(true);
    t.hasResourceProperties('AWS::Lambda::Function', { Runtime: 'nodejs24.x', Timeout: 20, VpcConfig: { SubnetIds: [Match.anyValue()], SecurityGroupIds: [Match.anyValue()] } });
    t.hasResourceProperties('AWS::EC2::SecurityGroup', { SecurityGroupEgress: [{ CidrIp: '0.0.0.0/0', FromPort: 443, ToPort: 443, IpProtocol: 'tcp' }] });
    const managed = JSON.stringify(Object.values<any>(t.findResources('AWS::IAM::Role'))[0].Properties.ManagedPolicyArns);
    // "AWSLambdaENIManagementAccess" (AWS Managed Policy Reference): the five ENI actions, no logs:* on "*" as AWSLambdaVPCAccessExecutionRole has.
    expect(managed).toContain('service-role/AWSLambdaENIManagementAccess');
    expect(managed).not.toContain('AWSLambdaVPCAccessExecutionRole');
    const inline = JSON.stringify(Object.values<any>(t.findResources('AWS::IAM::Policy')).map((p) => p.Properties.PolicyDocument.Statement));
    expect(inline).not.toMatch(/"Resource":"\*"/);
    t.resourceCountIs('AWS::Logs::LogGroup', 1);
  });

  test('a public subnet only when said: the CDK refuses it otherwise, since a function there cannot reach the internet', () => {
    expect(() => build(undefined)).toThrow(/public subnet/i);
  });

  // Node's codes: "Errors", Common system errors (https://nodejs.org/api/errors.html#common-system-errors); "DNS", Error codes (https://nodejs.org/api/dns.html#error-codes).
  test("the handler calls only a connection timeout a timeout: one before the name resolved is the resolver's, one after connecting the server's", () => {
    const timeout = { code: 'LAB_PROBE_TIMEOUT' };
    expect(handler.kindOf(timeout, { resolved: true, connected: false })).toBe('timeout');
    expect(handler.kindOf(timeout, { resolved: false, connected: false })).toBe('dns');
    expect(handler.kindOf(timeout, { resolved: true, connected: true })).toBe('stalled');
    expect(handler.kindOf({ code: 'EAI_AGAIN' }, { resolved: false, connected: false })).toBe('dns');
    expect(handler.kindOf({ code: 'ECONNRESET' }, { resolved: true, connected: true })).toBe('reset');
    expect(handler.kindOf({ code: 'ENETUNREACH' }, { resolved: true, connected: false })).toBe('unreachable');
    expect(handler.kindOf({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' }, { resolved: true, connected: true })).toBe('tls');
  });
});
