import type { TemplateJson } from '../../lib/lab-kit/template/json';
import { estimateCost, formatUsd } from '../../lib/lab-kit/operations/cost';

const ec2Lt = { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { InstanceType: 't4g.nano', BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeSize: 8, VolumeType: 'gp3' } }] } } };

test('prices a Multi-AZ database at twice the single-AZ rate, storage included', () => {
  const t: TemplateJson = { Resources: { Db: { Type: 'AWS::RDS::DBInstance', Properties: { DBInstanceClass: 'db.t4g.micro', Engine: 'postgres', MultiAZ: true, AllocatedStorage: '20', StorageType: 'gp3' } } } };
  const cost = estimateCost(t);
  expect(cost.items.map((i) => [i.what, Number(i.hourly.toFixed(5))])).toEqual([
    ['db.t4g.micro Multi-AZ DB instance', 0.032],
    ['20 GB gp3 Multi-AZ DB storage', Number(((2 * 20 * 0.115) / 730).toFixed(5))],
  ]);
  expect(cost.dominant?.what).toBe('db.t4g.micro Multi-AZ DB instance');
});

test('counts the secret RDS creates for a managed master password', () => {
  const t: TemplateJson = { Resources: { Db: { Type: 'AWS::RDS::DBInstance', Properties: { DBInstanceClass: 'db.t4g.micro', Engine: 'postgres', AllocatedStorage: '20', ManageMasterUserPassword: true } } } };
  expect(estimateCost(t).items.map((i) => i.what)).toContain('Secrets Manager secret (managed by RDS)');
});

test('prices an internet-facing ALB with one public IPv4 address per AZ, and an auto scaling group by its desired capacity', () => {
  const t: TemplateJson = {
    Resources: {
      Alb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Scheme: 'internet-facing', Type: 'application', Subnets: [{ Ref: 'A' }, { Ref: 'B' }] } },
      Lt: ec2Lt,
      Asg: { Type: 'AWS::AutoScaling::AutoScalingGroup', Properties: { MinSize: '1', MaxSize: '2', DesiredCapacity: '2', LaunchTemplate: { LaunchTemplateId: { Ref: 'Lt' } }, VPCZoneIdentifier: [{ Ref: 'A' }] } },
      A: { Type: 'AWS::EC2::Subnet', Properties: { MapPublicIpOnLaunch: false } },
    },
  };
  const cost = estimateCost(t);
  expect(cost.items.map((i) => i.what)).toEqual(['Application Load Balancer', '2 × public IPv4 address (one per load balancer AZ)', '2 × t4g.nano instance', '2 × 8 GB gp3 volume']);
  expect(cost.hourly).toBeCloseTo(0.0225 + 0.01 + 2 * 0.0042 + (2 * 8 * 0.08) / 730, 6);
  expect(cost.daily).toBeCloseTo(cost.hourly * 24, 9);
});

test('an idle serverless template costs nothing per hour and says it is billed per use', () => {
  const cost = estimateCost({ Resources: { Q: { Type: 'AWS::SQS::Queue' }, F: { Type: 'AWS::Lambda::Function', Properties: {} } } });
  expect(cost.hourly).toBe(0);
  expect(cost.notes).toContain('billed per use, about $0 idle: Lambda::Function, SQS::Queue');
});

test('throws on a class the table does not know, rather than pricing it at zero', () => {
  const t: TemplateJson = { Resources: { Big: { Type: 'AWS::EC2::Instance', Properties: { InstanceType: 'p5.48xlarge' } } } };
  expect(() => estimateCost(t)).toThrow(/^cost: no us-east-1 2026-11-23 price for EC2 instance type "p5.48xlarge" \(resource Big\); known: t4g.nano/);
});

test('formatUsd keeps four decimals under a dollar', () => {
  expect(formatUsd(0.09551)).toBe('$0.0955');
  expect(formatUsd(2.2922)).toBe('$2.29');
});
