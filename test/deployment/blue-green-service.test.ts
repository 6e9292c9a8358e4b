import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { createLabApp } from '../../lib/lab-kit/app/lab-app';
import { BlueGreenService, type BlueGreenServiceProps, ipv4CidrProblem } from '../../lib/deployment/blue-green-service';
import { ColourFleet } from '../../lib/deployment/colour-fleet';

function stackWithVpc(maxAzs = 2): { stack: Stack; vpc: ec2.Vpc } {
  const app = createLabApp({ nag: false });
  const stack = new Stack(app, 'Test');
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    maxAzs,
    natGateways: 0,
    restrictDefaultSecurityGroup: false,
    subnetConfiguration: [
      { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
      { name: 'Fleet', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
    ],
  });
  return { stack, vpc };
}

function synth(props: Partial<BlueGreenServiceProps> = {}): Template {
  const { stack, vpc } = stackWithVpc();
  new BlueGreenService(stack, 'Service', { vpc, ...props });
  return Template.fromStack(stack);
}

describe('BlueGreenService', () => {
  test('one internet-facing ALB, two fleets, one listener forwarding all to blue by default', () => {
    const t = synth();
    t.resourceCountIs('AWS::ElasticLoadBalancingV2::LoadBalancer', 1);
    t.resourceCountIs('AWS::AutoScaling::AutoScalingGroup', 2);
    t.resourceCountIs('AWS::ElasticLoadBalancingV2::TargetGroup', 2);
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { Scheme: 'internet-facing', Type: 'application' });
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80,
      Protocol: 'HTTP',
      DefaultActions: [{ Type: 'forward', ForwardConfig: { TargetGroups: [Match.objectLike({ Weight: 100 }), Match.objectLike({ Weight: 0 })] } }],
    });
  });

  test('deploys the weights it is given, with target group stickiness when asked', () => {
    const t = synth({ weights: { blue: 90, green: 10 }, targetGroupStickinessDuration: Duration.minutes(10) });
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      DefaultActions: [{
        Type: 'forward',
        ForwardConfig: {
          TargetGroups: [Match.objectLike({ Weight: 90 }), Match.objectLike({ Weight: 10 })],
          TargetGroupStickinessConfig: { Enabled: true, DurationSeconds: 600 },
        },
      }],
    });
  });

  test('admits port 80 from ingressCidr only, and nothing else on the load balancer', () => {
    const t = synth({ ingressCidr: '203.0.113.7/32' });
    t.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Load balancer: HTTP from 203.0.113.7/32; out to the fleets only',
      SecurityGroupIngress: [{ CidrIp: '203.0.113.7/32', FromPort: 80, ToPort: 80, IpProtocol: 'tcp', Description: 'HTTP from 203.0.113.7/32' }],
    });
    const open = Object.values(t.findResources('AWS::EC2::SecurityGroup')).flatMap((g: any) => g.Properties.SecurityGroupIngress ?? []).filter((r: any) => r.CidrIp === '0.0.0.0/0');
    expect(open).toEqual([]);
  });

  test('health checks, deregistration delay and instance count follow the props', () => {
    const t = synth({ healthCheckInterval: Duration.seconds(10), healthCheckTimeout: Duration.seconds(5), healthyThresholdCount: 3, deregistrationDelay: Duration.seconds(0), desiredCapacity: 2, port: 9000 });
    t.resourcePropertiesCountIs(
      'AWS::ElasticLoadBalancingV2::TargetGroup',
      { Port: 9000, HealthCheckIntervalSeconds: 10, HealthCheckTimeoutSeconds: 5, HealthyThresholdCount: 3, TargetGroupAttributes: Match.arrayWith([{ Key: 'deregistration_delay.timeout_seconds', Value: '0' }]) },
      2,
    );
    t.resourcePropertiesCountIs('AWS::AutoScaling::AutoScalingGroup', { MinSize: '2', MaxSize: '2', HealthCheckType: 'ELB' }, 2);
    t.resourcePropertiesCountIs('AWS::EC2::SecurityGroupIngress', { FromPort: 9000, ToPort: 9000 }, 2);
  });

  test('each fleet serves its own colour and version', () => {
    const { stack, vpc } = stackWithVpc();
    const service = new BlueGreenService(stack, 'Service', { vpc, blueVersion: '2026.11.1', greenVersion: '2026.11.2' });
    expect(service.fleets.blue.version).toBe('2026.11.1');
    expect(service.fleets.green.colour).toBe('green');
    expect(service.targetGroup('green')).toBe(service.fleets.green.targetGroup);
    const userData = Object.values<any>(Template.fromStack(stack).findResources('AWS::EC2::LaunchTemplate')).map((lt) => lt.Properties.LaunchTemplateData.UserData['Fn::Base64']);
    expect(userData).toEqual([expect.stringContaining('data-colour="blue" data-version="2026.11.1"'), expect.stringContaining('data-colour="green" data-version="2026.11.2"')]);
  });

  test('throws when props are invalid, listing every problem', () => {
    const { stack, vpc } = stackWithVpc();
    expect(
      () =>
        new BlueGreenService(stack, 'Service', {
          vpc,
          weights: { blue: 1000, green: 0 },
          ingressCidr: '10.0.0.0/33',
          greenVersion: 'v 2',
          targetGroupStickinessDuration: Duration.days(8),
          healthCheckInterval: Duration.seconds(3),
          healthCheckTimeout: Duration.seconds(1),
          unhealthyThresholdCount: 11,
          desiredCapacity: 0,
          deregistrationDelay: Duration.hours(2),
          port: 80,
          instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MICRO),
        }),
    ).toThrow(
      [
        'weights.blue: received 1000; allowed: an integer from 0 to 999',
        'ingressCidr: received "10.0.0.0/33"; allowed: an IPv4 CIDR block such as 203.0.113.7/32 (one address) or 0.0.0.0/0 (anyone)',
        'greenVersion: received "v 2"; allowed: 1 to 32 letters, digits, dots, underscores and hyphens (e.g. v2 or 2026.11.23-1)',
        'targetGroupStickinessDuration: received 691200 seconds; allowed: 1 to 604800 seconds (7 days)',
        'port: received 80; allowed: 1024 to 65535 (the server runs without root)',
        'desiredCapacity: received 0; allowed: 1 to 10 instances per colour',
        'deregistrationDelay: received 7200 seconds; allowed: 0 to 3600 seconds',
        'healthCheckInterval: received 3 seconds; allowed: 5 to 300 seconds',
        'healthCheckTimeout: received 1 seconds; allowed: 2 to 120 seconds',
        'unhealthyThresholdCount: received 11; allowed: 2 to 10',
        'instanceType: received t3.micro; allowed: an Arm (Graviton) type such as t4g.nano, to match the arm64 AMI',
      ].join('; '),
    );
  });

  test('throws when the health check timeout is not shorter than the interval', () => {
    const { stack, vpc } = stackWithVpc();
    expect(() => new BlueGreenService(stack, 'Service', { vpc, healthCheckInterval: Duration.seconds(5), healthCheckTimeout: Duration.seconds(5) })).toThrow(
      'healthCheckTimeout: received 5 seconds; allowed: less than healthCheckInterval (5 seconds)',
    );
  });

  test('throws when both versions are the same, or both weights are 0', () => {
    const { stack, vpc } = stackWithVpc();
    expect(() => new BlueGreenService(stack, 'Service', { vpc, blueVersion: 'v1', greenVersion: 'v1', weights: { blue: 0, green: 0 } })).toThrow(
      'weights: received blue 0 and green 0; allowed: at least one weight above 0 (otherwise the listener forwards to nothing); greenVersion: received "v1"; allowed: a version other than blueVersion\'s',
    );
  });

  test('throws when the load balancer would sit in one Availability Zone', () => {
    const { stack, vpc } = stackWithVpc(1);
    expect(() => new BlueGreenService(stack, 'Service', { vpc })).toThrow(
      'loadBalancerSubnets: received subnets in 1 Availability Zone(s); allowed: subnets in at least 2 (an Application Load Balancer requires 2)',
    );
  });
});

describe('ColourFleet', () => {
  test('throws when its own props are invalid, listing every problem', () => {
    const { stack, vpc } = stackWithVpc();
    expect(() => new ColourFleet(stack, 'Fleet', { vpc, colour: 'blue', version: '', healthyThresholdCount: 1 })).toThrow(
      'healthyThresholdCount: received 1; allowed: 2 to 10; version: received ""; allowed: 1 to 32 letters, digits, dots, underscores and hyphens (e.g. v2 or 2026.11.23-1)',
    );
  });

  test('has no outbound rule and no instance role', () => {
    const { stack, vpc } = stackWithVpc();
    new ColourFleet(stack, 'Fleet', { vpc, colour: 'green', version: 'v2' });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::EC2::SecurityGroup', { SecurityGroupEgress: [Match.objectLike({ CidrIp: '255.255.255.255/32', Description: 'Disallow all traffic' })] });
    t.resourceCountIs('AWS::IAM::Role', 0);
    t.resourceCountIs('AWS::IAM::InstanceProfile', 0);
  });
});

  // "Preserve data when an instance is terminated" (EC2 User Guide,
  // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/preserving-volumes-on-termination.html): the root volume is deleted by
  // default, but "the DeleteOnTermination attribute can be set by the creator of an AMI". The launch template overrides the AMI's
  // root mapping (/dev/xvda), so it says true itself rather than inherit: every instance the group replaces takes its volume with it.
  test('states DeleteOnTermination on the root volume it overrides, so a replaced instance leaves no volume behind', () => {
    const { stack, vpc } = stackWithVpc();
    new ColourFleet(stack, 'Fleet', { vpc, colour: 'blue', version: 'v1' });
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({
        BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { DeleteOnTermination: true, Encrypted: true, VolumeSize: 8, VolumeType: 'gp3' } }],
      }),
    });
  });

describe('ipv4CidrProblem', () => {
  test.each(['0.0.0.0/0', '203.0.113.7/32', '10.30.0.0/16'])('accepts %s', (cidr) => expect(ipv4CidrProblem('x', cidr)).toBeUndefined());
  test.each(['256.0.0.0/8', '1.2.3.4', '1.2.3.4/40', '::/0', ''])('refuses %j', (cidr) => expect(ipv4CidrProblem('x', cidr)).toContain('allowed: an IPv4 CIDR block'));
});
