import { Template } from 'aws-cdk-lib/assertions';
import { estimateCost } from '../../../lib/lab-kit/operations/cost';
import { resourcesOfType } from '../../../lib/lab-kit/template/resources';
import { judgeOffline, mutatedCopy, outputLogicalId, synthLab } from '../../../lib/lab-kit/testing';
import { CATALOG } from '../../../catalog';
import { indexClaims } from '../../../lib/lab-kit/catalog/catalog';
import { runOfflineChecks } from '../../../lib/lab-kit/checks/runner';
import type { TemplateJson } from '../../../lib/lab-kit/template/json';
import { parseWeights } from '../../../lib/deployment/listener-weights';
import { albBlueGreen } from '..';
import { labFacts, weightOf } from '../facts';
import { OUTPUTS } from '../outputs';
import { INGRESS_CIDR_CONTEXT } from '../stack';
import { asg, forward, OFFLINE_CASES } from './offline-cases';

const CLAIMS = indexClaims(CATALOG);
let template: TemplateJson;
beforeAll(async () => {
  template = await synthLab(albBlueGreen);
});

describe('alb-blue-green template', () => {
  test('I38.health-checks-gate-traffic: ALB in two AZs, fast health checks, ELB health checks on both groups', () => {
    const f = labFacts(template);
    expect(f.loadBalancerAzs).toBe(2);
    expect(f.scheme).toBe('internet-facing');
    const t = Template.fromJSON(template);
    t.resourcePropertiesCountIs(
      'AWS::ElasticLoadBalancingV2::TargetGroup',
      { HealthCheckPath: '/health.txt', HealthCheckIntervalSeconds: 5, HealthCheckTimeoutSeconds: 2, HealthyThresholdCount: 2, UnhealthyThresholdCount: 2, Matcher: { HttpCode: '200' } },
      2,
    );
    t.resourcePropertiesCountIs('AWS::AutoScaling::AutoScalingGroup', { HealthCheckType: 'ELB', HealthCheckGracePeriod: 120, MinSize: '1', MaxSize: '1' }, 2);
  });

  test('A11.weighted-switch-no-errors: one listener forwards to blue (100) and green (0) by weight, no stickiness', () => {
    const f = labFacts(template);
    expect(f.forward.targetGroups).toEqual([
      { targetGroup: f.fleets.blue.targetGroup, weight: 100 },
      { targetGroup: f.fleets.green.targetGroup, weight: 0 },
    ]);
    expect(forward(template).ForwardConfig.TargetGroupStickinessConfig).toBeUndefined();
  });

  test('A11.weighted-switch-no-errors: fleets in isolated subnets serve the page with python3, downloading nothing', () => {
    const f = labFacts(template);
    for (const fleet of Object.values(f.fleets)) {
      expect(fleet.subnetRoutes).toEqual(['none', 'none']);
      expect(fleet.userData).toContain('/usr/bin/python3 -m http.server 8080 --bind 0.0.0.0 --directory /var/www/colour');
      expect(fleet.userData).toContain(`data-colour="${fleet.colour}"`);
      expect(fleet.userData).not.toMatch(/\b(dnf|yum|curl|wget|pip)\b/);
    }
    expect(resourcesOfType(template, 'AWS::EC2::NatGateway')).toHaveLength(0);
  });

  test('A11.weighted-switch-no-errors: deregistration delay is 30 s, chosen on purpose', () => {
    for (const fleet of Object.values(labFacts(template).fleets)) expect(fleet.deregistrationDelaySeconds).toBe(30);
  });

  test('A11.low-dns-ttl-for-rollback: the load balancer admits port 80 from labs:ingressCidr only, and reaches the fleets on 8080 only', async () => {
    expect(labFacts(template).ingressCidrs).toEqual(['0.0.0.0/0']);
    const narrowed = await synthLab(albBlueGreen, { context: { [INGRESS_CIDR_CONTEXT]: '203.0.113.7/32' } });
    expect(labFacts(narrowed).ingressCidrs).toEqual(['203.0.113.7/32']);
    const t = Template.fromJSON(template);
    t.resourcePropertiesCountIs('AWS::EC2::SecurityGroupEgress', { FromPort: 8080, ToPort: 8080, IpProtocol: 'tcp' }, 2);
    t.resourcePropertiesCountIs('AWS::EC2::SecurityGroupIngress', { FromPort: 8080, ToPort: 8080, IpProtocol: 'tcp' }, 2);
  });

  test('a bad labs:ingressCidr is refused with a message that says what is allowed', async () => {
    await expect(synthLab(albBlueGreen, { context: { [INGRESS_CIDR_CONTEXT]: 'my-laptop' } })).rejects.toThrow(
      'labs:ingressCidr: received "my-laptop"; allowed: an IPv4 CIDR block such as 203.0.113.7/32 (one address) or 0.0.0.0/0 (anyone)',
    );
  });

  // DeleteOnTermination stated, not inherited from the AMI: "Preserve data when an instance is terminated" (EC2 User Guide,
  // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/preserving-volumes-on-termination.html) says the AMI's creator can set it.
  test('every instance is a t4g.nano with an encrypted 8 GB gp3 root volume deleted on termination and IMDSv2, from the SSM AMI parameter', () => {
    const t = Template.fromJSON(template);
    t.resourcePropertiesCountIs(
      'AWS::EC2::LaunchTemplate',
      {
        LaunchTemplateData: {
          InstanceType: 't4g.nano',
          MetadataOptions: { HttpTokens: 'required' },
          BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { DeleteOnTermination: true, Encrypted: true, VolumeSize: 8, VolumeType: 'gp3' } }],
        },
      },
      2,
    );
    const parameters = Object.values<any>(template.Parameters ?? {});
    expect(parameters.some((p) => p.Type === 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>' && /al2023-ami-kernel-.*-arm64/.test(p.Default))).toBe(true);
  });

  test('the outputs the live checks read are all there, with their declared descriptions', () => {
    for (const [name, description] of Object.entries(OUTPUTS)) expect(template.Outputs?.[name]?.Description).toBe(description);
    expect(template.Outputs?.ListenerLogicalId?.Value).toBe(outputLogicalId(template, 'ListenerArn'));
  });

  test('the DeployedWeights output, which the checks restore, says the weights the listener template has', () => {
    expect(template.Outputs?.DeployedWeights?.Value).toBe('blue=100,green=0');
    const f = labFacts(template);
    expect(parseWeights('DeployedWeights', String(template.Outputs?.DeployedWeights?.Value))).toEqual({ blue: weightOf(f, 'blue'), green: weightOf(f, 'green') });
  });

  test('costs about $0.043 an hour, dominated by the Application Load Balancer', () => {
    const cost = estimateCost(template);
    expect(cost.hourly).toBeCloseTo(0.0225 + 2 * 0.005 + 2 * 0.0042 + (16 * 0.08) / 730, 6);
    expect(cost.hourly).toBeLessThanOrEqual(albBlueGreen.hourlyBudgetUsd);
    expect(cost.dominant?.what).toBe('Application Load Balancer');
  });

  test('with a narrowed ingress the open-ingress acknowledgement is not needed (and not made)', async () => {
    await expect(synthLab(albBlueGreen, { nag: true, context: { [INGRESS_CIDR_CONTEXT]: '203.0.113.7/32' } })).resolves.toBeDefined();
  });
});

describe('alb-blue-green offline checks', () => {
  test('each failing case names the expectation it breaks', () => {
    for (const id of Object.keys(OFFLINE_CASES)) expect(judgeOffline(albBlueGreen, id, template).outcome).toBe('pass');
    const reasons = (id: string) => judgeOffline(albBlueGreen, id, mutatedCopy(template, OFFLINE_CASES[id])).reasons;
    expect(reasons('I38.health-checks-gate-traffic')).toEqual(['green Auto Scaling group health check type: expected ELB, saw EC2']);
    expect(reasons('A11.weighted-switch-no-errors')).toEqual(['the listener forwards to blue and green by weight: expected yes, saw forward action to 1 target group(s)']);
    expect(reasons('A11.rollback-is-the-same-move')).toEqual(['blue fleet minimum size (what a rollback goes back to): expected at least 1 instances, saw 0 instances']);
    expect(reasons('A11.canary-split-follows-weights')).toEqual(['target group stickiness: expected off, saw on']);
    expect(reasons('A11.low-dns-ttl-for-rollback')).toEqual(['Route 53 records or Elastic Beanstalk environments in the switch path: expected none, saw WeightedRecord (AWS::Route53::RecordSet)']);
    expect(reasons('I46.cname-swap-waits-for-dns')).toEqual([
      'Route 53 records or Elastic Beanstalk environments in the switch path: expected none, saw GreenEnvironment (AWS::ElasticBeanstalk::Environment)',
    ]);
    expect(reasons('T8.policies-trade-capacity-for-downtime')).toEqual(['green fleet size: expected at least 1 instances, saw 0 instances']);
  });

  // Review 2, finding 5: the template shows the DNS-free alternative, not Elastic Beanstalk ("Blue/Green deployments with Elastic
  // Beanstalk", https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.CNAMESwap.html): a pass says what it did not exercise.
  test.each(['I46.cname-swap-waits-for-dns', 'T8.policies-trade-capacity-for-downtime'])('%s passes offline saying plainly that Elastic Beanstalk is not exercised', (id) => {
    const judged = judgeOffline(albBlueGreen, id, template);
    expect(judged.outcome).toBe('pass');
    expect(judged.judgement.notExercised).toMatch(/^(an Elastic Beanstalk CNAME swap|any Elastic Beanstalk deployment policy).*the lab deploys no Elastic Beanstalk environment/);
    expect(judged.judgement.observed).toMatch(/Elastic Beanstalk is not exercised|not an Elastic Beanstalk environment, so no deployment policy is exercised/);
    const [row] = runOfflineChecks(albBlueGreen, template, (claim) => CLAIMS.get(claim)?.claim).filter((r) => r.claim === id);
    expect(row.summary).toMatch(/^refutes the seed \(oversimplified\), as far as this run exercised it \(not exercised: .*Elastic Beanstalk/);
  });

  test('the weighted-switch check also fails when a fleet would download software', () => {
    const judged = judgeOffline(
      albBlueGreen,
      'A11.weighted-switch-no-errors',
      mutatedCopy(template, (t) => {
        const lt = t.Resources[asg(t, 'green').LaunchTemplate.LaunchTemplateId.Ref].Properties.LaunchTemplateData;
        lt.UserData['Fn::Base64'] = `${lt.UserData['Fn::Base64']}\ndnf install -y nginx`;
      }),
    );
    expect(judged.outcome).toBe('fail');
    expect(judged.judgement.observed).toContain('a fleet downloads software or serves no page');
    expect(judged.reasons).toEqual(['both fleets serve the page with python3 http.server, downloading nothing: expected yes, saw no: a fleet downloads software or serves no page']);
  });
});
