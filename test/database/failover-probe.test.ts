import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { FailoverProbe, type FailoverProbeProps } from '../../lib/database/failover-probe';
import { MultiAzPostgresInstance } from '../../lib/database/multi-az-postgres-instance';
import { createLabApp } from '../../lib/lab-kit/app/lab-app';

function build(props: Partial<FailoverProbeProps> = {}) {
  const stack = new Stack(createLabApp({ nag: false }), 'Test');
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'Data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  const db = new MultiAzPostgresInstance(stack, 'Database', { vpc, deletionProtection: false, removalPolicy: RemovalPolicy.DESTROY });
  const probe = new FailoverProbe(stack, 'Probe', { vpc, target: db, ...props });
  return { stack, vpc, db, probe, template: Template.fromStack(stack) };
}

function ref(stack: Stack, value: unknown) {
  return stack.resolve(value);
}

describe('FailoverProbe', () => {
  test('is an arm64 Node.js 24 function in the isolated subnets, with a timeout of its window plus 30 s', () => {
    const { template, stack, vpc } = build();
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 256,
      Timeout: 270,
      VpcConfig: { SubnetIds: vpc.isolatedSubnets.map((s) => ref(stack, s.subnetId)) },
    });
  });

  test('probes the endpoint name of its target, fixed in the environment', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: {
          TARGET_HOST: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DatabaseInstance'), 'Endpoint.Address'] },
          TARGET_PORT: '5432',
          INTERVAL_MS: '1000',
          ATTEMPT_TIMEOUT_MS: '900',
          MAX_WINDOW_SECONDS: '240',
          CHECK_READINESS: 'true',
        },
      },
    });
  });

  test('logs to its own log group, kept a week and deleted with the stack', () => {
    const { template, stack, probe } = build();
    template.hasResourceProperties('AWS::Lambda::Function', { LoggingConfig: { LogGroup: ref(stack, probe.logGroup.logGroupName) } });
    template.hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Delete', Properties: { RetentionInDays: 7 } });
  });

  test('has inline rights only: its log group, and the network-interface actions of a VPC function in this account and Region', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::IAM::Role', {
      ManagedPolicyArns: Match.absent(),
      Policies: [
        {
          PolicyName: 'Probe',
          PolicyDocument: {
            Statement: [
              Match.objectLike({ Sid: 'WriteOwnLogs', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ProbeLogGroup'), 'Arn'] } }),
              Match.objectLike({ Sid: 'DescribeForVpcAttachment', Action: ['ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets'], Resource: '*' }),
              Match.objectLike({
                Sid: 'ManageVpcNetworkInterfaces',
                Action: ['ec2:AssignPrivateIpAddresses', 'ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface', 'ec2:UnassignPrivateIpAddresses'],
                Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ec2:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':*/*']] },
              }),
            ],
          },
        },
      ],
    });
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('may send only to the database port inside the VPC (no default allow-all egress), and the database admits it', () => {
    const { template, stack, vpc, probe, db } = build();
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Failover probe: connects to the database port only',
      SecurityGroupEgress: [{ CidrIp: ref(stack, vpc.vpcCidrBlock), IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, Description: Match.anyValue() }],
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      GroupId: ref(stack, db.securityGroup.securityGroupId),
      SourceSecurityGroupId: ref(stack, probe.securityGroup.securityGroupId),
      IpProtocol: 'tcp',
      FromPort: 5432,
      ToPort: 5432,
    });
    template.resourceCountIs('AWS::EC2::SecurityGroupEgress', 0);
  });

  test('takes another window, interval, try deadline, and readiness off', () => {
    const { template, probe } = build({ maxWindow: Duration.minutes(2), interval: Duration.millis(500), attemptTimeout: Duration.millis(400), checkReadiness: false });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Timeout: 150,
      Environment: { Variables: Match.objectLike({ INTERVAL_MS: '500', ATTEMPT_TIMEOUT_MS: '400', MAX_WINDOW_SECONDS: '120', CHECK_READINESS: 'false' }) },
    });
    expect(probe.maxWindowSeconds).toBe(120);
  });

  test('accepts the longest window that keeps the timeout within 15 minutes', () => {
    const { template } = build({ maxWindow: Duration.seconds(870) });
    template.hasResourceProperties('AWS::Lambda::Function', { Timeout: 900 });
  });

  test('throws one error listing every invalid setting', () => {
    expect(() => build({ maxWindow: Duration.minutes(15), interval: Duration.millis(100), attemptTimeout: Duration.seconds(2) })).toThrow(
      [
        'maxWindow: received 15 minutes; allowed: 10 to 870 whole seconds (the function\'s timeout adds 30 s and may not exceed 15 minutes)',
        'interval: received 100 ms; allowed: 200 to 10000 ms',
        'attemptTimeout: received 2000 ms; allowed: 100 ms to the interval (100 ms)',
      ].join('\n'),
    );
  });

  test.each([
    [Duration.seconds(5), 'maxWindow: received 5 seconds; allowed: 10 to 870 whole seconds'],
    [Duration.millis(30_500), 'maxWindow: received 30 seconds 500 millis; allowed: 10 to 870 whole seconds'],
  ])('throws when the window is %#', (maxWindow, error) => {
    expect(() => build({ maxWindow })).toThrow(error);
  });

  test('throws when a try may take longer than the interval', () => {
    expect(() => build({ attemptTimeout: Duration.millis(1500) })).toThrow('attemptTimeout: received 1500 ms; allowed: 100 ms to the interval (1000 ms)');
  });
});
