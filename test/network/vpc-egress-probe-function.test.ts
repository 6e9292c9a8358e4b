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
  test('one subnet, HTTPS out only, its own log group, the VPC access policy Lambda needs for its ENIs', () => {
    const t = build(true);
    t.hasResourceProperties('AWS::Lambda::Function', { Runtime: 'nodejs24.x', Timeout: 15, VpcConfig: { SubnetIds: [Match.anyValue()], SecurityGroupIds: [Match.anyValue()] } });
    t.hasResourceProperties('AWS::EC2::SecurityGroup', { SecurityGroupEgress: [{ CidrIp: '0.0.0.0/0', FromPort: 443, ToPort: 443, IpProtocol: 'tcp' }] });
    const managed = JSON.stringify(Object.values<any>(t.findResources('AWS::IAM::Role'))[0].Properties.ManagedPolicyArns);
    expect(managed).toContain('service-role/AWSLambdaVPCAccessExecutionRole');
    t.resourceCountIs('AWS::Logs::LogGroup', 1);
  });

  test('a public subnet only when said: the CDK refuses it otherwise, since a function there cannot reach the internet', () => {
    expect(() => build(undefined)).toThrow(/public subnet/i);
  });

  test("the handler's own timeout is shorter than the function's, so no way out is an answer, not a function timeout", () => {
    expect(handler.URL).toBe('https://checkip.amazonaws.com');
  });
});
