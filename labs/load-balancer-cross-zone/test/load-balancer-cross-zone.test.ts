import { App, Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { instanceIdPageCommands, parseInstanceIdPage } from '../../../lib/load-balancing/instance-id-page';
import { ZonalNetworkLoadBalancer, zonalNetworkLoadBalancerProblems } from '../../../lib/load-balancing/zonal-network-load-balancer';
import { judgeOffline, mutatedCopy, synthLab } from '../../../lib/lab-kit/testing';
import { estimateCost } from '../../../lib/lab-kit/operations/cost';
import type { TemplateJson } from '../../../lib/lab-kit/template/json';
import { loadBalancerCrossZone as lab } from '..';
import { type LabFacts, labFacts } from '../facts';
import { effectiveCrossZone, networkInterfaceDescription } from '../nodes';
import { waitBoundMs } from '../observe';
import { binomialPower, binomialTwoSidedP, chiSquareSurvival, chiSquareUniform } from '../stats';
import { shareTests } from '../checks';
import { propsOf } from './offline-cases';

let template: TemplateJson;
let facts: LabFacts;

beforeAll(async () => {
  template = await synthLab(lab);
  facts = labFacts(template);
});

describe('load-balancer-cross-zone template', () => {
  test('an internet-facing NLB in two public subnets with a security group; cross-zone left at its defaults', () => {
    expect(facts.loadBalancer).toMatchObject({ type: 'network', scheme: 'internet-facing', subnets: 2, crossZone: undefined, securityGroups: 1 });
    expect(facts.targetGroup.crossZone).toBeUndefined();
  });

  test('1 t4g.nano target in the first zone, 3 in the second, all in isolated subnets with no route out', () => {
    expect(facts.targetsPerZone).toEqual([{ zone: '0', count: 1 }, { zone: '1', count: 3 }]);
    expect(facts.targetGroup.targets.map((t) => t.instanceType)).toEqual(['t4g.nano', 't4g.nano', 't4g.nano', 't4g.nano']);
    expect(Object.values<any>(template.Resources ?? {}).filter((r) => r.Type === 'AWS::EC2::NatGateway')).toEqual([]);
  });

  test('every target: IMDSv2 only, instance tags in the metadata (so a check can fail one target by its tag)', () => {
    const instances = Object.values<any>(template.Resources ?? {}).filter((r) => r.Type === 'AWS::EC2::Instance');
    expect(instances).toHaveLength(4);
    for (const i of instances) expect(i.Properties.MetadataOptions).toEqual({ HttpTokens: 'required', InstanceMetadataTags: 'enabled' });
  });

  test('an HTTP health check on /health.txt every 10 s, healthy after 2, unhealthy after 2', () => {
    expect(facts.targetGroup.healthCheck).toEqual({ protocol: 'HTTP', path: '/health.txt', intervalSeconds: 10, timeoutSeconds: 5, healthyThreshold: 2, unhealthyThreshold: 2, matcher: '200' });
  });

  test('the targets admit only the load balancer security group, which admits port 80 from the ingress CIDR', () => {
    const ingress = Object.values<any>(template.Resources ?? {}).filter((r) => r.Type === 'AWS::EC2::SecurityGroupIngress');
    expect(ingress.map((r) => [r.Properties.FromPort, r.Properties.SourceSecurityGroupId?.['Fn::GetAtt']?.[0]])).toEqual([[8080, expect.stringContaining('ServiceSecurityGroup')]]);
  });

  test('the API models know three ELB (v2) types and the Classic Load Balancer', () => {
    expect(facts.apiModel).toEqual({ v2Types: ['application', 'gateway', 'network'], classicResourceType: 'AWS::ElasticLoadBalancing::LoadBalancer' });
    expect(judgeOffline(lab, 'T7.elb-has-four-load-balancer-types', template).outcome).toBe('pass');
  });

  test('costs an NLB, its two public addresses and four t4g.nano: within the $0.10 an hour budget', () => {
    const cost = estimateCost(template);
    expect(cost.hourly).toBeGreaterThan(0.04);
    expect(cost.hourly).toBeLessThanOrEqual(lab.hourlyBudgetUsd);
  });

  test.each([
    ['I10.nodes-route-only-to-own-az-targets', (t: any) => (propsOf(t, 'LoadBalancerArn').Type = 'application'), 'the load balancer'],
    ['I10.cross-zone-spreads-across-all-az-targets', (t: any) => (propsOf(t, 'TargetGroupArn').TargetGroupAttributes = [{ Key: 'load_balancing.cross_zone.enabled', Value: 'true' }]), "the target group's cross-zone attribute"],
    ['B18.elb-fails-open-when-all-unhealthy', (t: any) => delete propsOf(t, 'TargetGroupArn').HealthCheckPath, 'the target group health check'],
    ['B18.elb-routes-to-target-groups', (t: any) => (propsOf(t, 'TargetGroupArn').Targets = []), 'registered targets'],
  ])('%s fails offline when the template cannot show it', (claim, change, what) => {
    const j = judgeOffline(lab, claim, mutatedCopy(template, change));
    expect(j.outcome).toBe('fail');
    expect(j.reasons.join('\n')).toContain(what);
  });
});

describe('ZonalNetworkLoadBalancer validation: one line naming the prop, the value and what is allowed', () => {
  const base = { ingressCidr: '0.0.0.0/0' };
  test.each([
    [{ targetsPerZone: [2, 2] }, 'targetsPerZone: received [2, 2]; allowed: uneven counts'],
    [{ targetsPerZone: [1] }, 'targetsPerZone: received [1]; allowed: 2 or 3 zones of 1 to 5 targets each'],
    [{ ingressCidr: '10.0.0.0/33' }, 'ingressCidr: received "10.0.0.0/33"; allowed: an IPv4 CIDR block'],
    [{ port: 80 }, 'port: received 80; allowed: 1024 to 65535'],
    [{ healthCheckInterval: Duration.seconds(4) }, 'healthCheckInterval: received 4 seconds; allowed: 5 to 300 seconds'],
    [{ healthCheckTimeout: Duration.seconds(10) }, 'healthCheckTimeout: received 10 seconds; allowed: less than healthCheckInterval (10 seconds)'],
    [{ unhealthyThresholdCount: 1 }, 'unhealthyThresholdCount: received 1; allowed: 2 to 10'],
    [{ healthyThresholdCount: 11 }, 'healthyThresholdCount: received 11; allowed: 2 to 10'],
    [{ instanceType: new ec2.InstanceType('t3.nano') }, 'instanceType: received t3.nano; allowed: an Arm (Graviton) type'],
  ])('%j', (props, message) => {
    expect(zonalNetworkLoadBalancerProblems({ ...base, ...props })).toEqual([expect.stringContaining(message)]);
  });

  test('the construct throws the problems before creating anything', () => {
    const stack = new Stack(new App());
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'P', subnetType: ec2.SubnetType.PUBLIC }, { name: 'I', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    expect(() => new ZonalNetworkLoadBalancer(stack, 'Bad', { vpc, ingressCidr: 'anywhere' })).toThrow('ingressCidr: received "anywhere"');
    expect(() => new ZonalNetworkLoadBalancer(stack, 'ThreeZones', { vpc, ingressCidr: '0.0.0.0/0', targetsPerZone: [1, 2, 3] })).toThrow('vpc: received 2 isolated subnet(s); allowed: at least one per zone');
  });

  test('the defaults are valid', () => expect(zonalNetworkLoadBalancerProblems(base)).toEqual([]));
});

describe('the instance-id page', () => {
  test('user data asks IMDSv2 for a token, then the id and zone, and serves them with python3 without root', () => {
    const commands = instanceIdPageCommands(8080).join('\n');
    expect(commands).toContain("-X PUT http://169.254.169.254/latest/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 300'");
    expect(commands).toContain('meta-data/instance-id');
    expect(commands).toContain('ExecStart=/usr/bin/python3 /var/www/instance-id/server.py');
    expect(commands).toContain("http.server.ThreadingHTTPServer(('0.0.0.0', 8080), Handler)");
    // Never cacheable (F4), and one target's health failed by its own tag, read from the instance metadata (F3).
    expect(commands).toContain("self.send_header('Cache-Control', 'no-store')");
    expect(commands).toContain("/meta-data/tags/instance/lab-health");
    expect(commands).toContain("(503, b'failing\\n') if tag() == 'fail'");
    expect(commands).toContain('DynamicUser=yes');
    expect(() => instanceIdPageCommands(80)).toThrow('port: received 80; allowed: 1024 to 65535');
  });

  test('the parser reads the page and nothing else', () => {
    expect(parseInstanceIdPage('instance-id=i-0a1b2c3d4e5f60718 az=us-east-1a\n')).toEqual({ instanceId: 'i-0a1b2c3d4e5f60718', availabilityZone: 'us-east-1a' });
    expect(parseInstanceIdPage('<html>404 Not Found</html>')).toEqual({});
  });
});

describe('statistics', () => {
  test('exact binomial: known values (R binom.test)', () => {
    // binom.test(5, 10, 0.5)$p.value == 1; binom.test(0, 10, 0.5)$p.value == 2 * 0.5^10
    expect(binomialTwoSidedP(5, 10, 0.5)).toBeCloseTo(1, 10);
    expect(binomialTwoSidedP(0, 10, 0.5)).toBeCloseTo(2 / 1024, 10);
    // binom.test(2, 10, 0.25)$p.value == 1 (2 is the mode); binom.test(7, 10, 0.25)$p.value ≈ 0.003505
    expect(binomialTwoSidedP(7, 10, 0.25)).toBeCloseTo(0.003505, 5);
  });

  test('power: 400 answers tell 1/2 from 1/4 almost surely; 20 do not', () => {
    expect(binomialPower(400, 0.25, 0.5)).toBeGreaterThan(0.9999);
    expect(binomialPower(20, 0.25, 0.5)).toBeLessThan(0.99);
    expect(shareTests(200, 400)).toMatchObject({ share: 0.5, pHalf: 1 });
  });

  test('chi-square survival: known values', () => {
    expect(chiSquareSurvival(11.345, 3)).toBeCloseTo(0.01, 4);
    expect(chiSquareSurvival(9.21, 2)).toBeCloseTo(0.01, 4);
    expect(chiSquareSurvival(6.635, 1)).toBeCloseTo(0.01, 4);
    expect(chiSquareUniform([100, 100, 100, 100])).toEqual({ statistic: 0, df: 3, p: 1 });
    expect(chiSquareUniform([200, 67, 67, 66]).p).toBeLessThan(1e-10);
  });
});

describe('reading AWS', () => {
  test('the network-interface description of an NLB, from its ARN', () => {
    expect(networkInterfaceDescription('arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/net/my-nlb/50dc6c495c0c9188')).toBe('ELB net/my-nlb/50dc6c495c0c9188');
    expect(() => networkInterfaceDescription('arn:aws:sqs:x')).toThrow('LoadBalancerArn: received');
  });

  test('the effective cross-zone setting: the target group wins unless it defers', () => {
    expect(effectiveCrossZone({ loadBalancer: 'false', targetGroup: 'use_load_balancer_configuration' })).toBe(false);
    expect(effectiveCrossZone({ loadBalancer: 'false', targetGroup: 'true' })).toBe(true);
    expect(effectiveCrossZone({ loadBalancer: 'true', targetGroup: 'false' })).toBe(false);
    expect(effectiveCrossZone({ targetGroup: 'use_load_balancer_configuration' })).toBeUndefined();
  });

  test('the wait bound on the drain: 4 × threshold × interval + 60 s', () => expect(waitBoundMs(2, 10)).toBe(140_000));
});
