import { type OfflineCase, offlineChecksFailOn } from '../support/failing-cases';
import { Template } from 'aws-cdk-lib/assertions';
import type { Claim, TemplateJson } from '../../lib/lab-kit/checks/claim';
import { estimateCost } from '../../lib/lab-kit/operations/cost';
import { GUARDRAILS } from '../../lib/lab-kit/checks/guardrails';
import { runOfflineChecks } from '../../lib/lab-kit/checks/runner';
import { normalizeTemplate } from '../../lib/lab-kit/template/normalize';
import { resourcesOfType } from '../../lib/lab-kit/template/resources';
import { claimOf, mutatedCopy, outputLogicalId, synthLab } from '../../lib/lab-kit/checks/testing';
import { albBlueGreen } from '../../labs/alb-blue-green';
import { INGRESS_CIDR_CONTEXT, OUTPUTS } from '../../labs/alb-blue-green/stack';
import { serviceFacts, weightOf } from '../../labs/alb-blue-green/template-facts';
import { parseWeights } from '../../lib/deployment/listener-weights';

const template = synthLab(albBlueGreen);

const claim = (id: string): Claim => claimOf(albBlueGreen, id);

const target = outputLogicalId;

const mutated = (change: (t: any) => void): TemplateJson => mutatedCopy(template, change);

/** The Auto Scaling group behind a colour's target group. */
function asg(t: any, colour: 'blue' | 'green') {
  const id = serviceFacts(t).fleets[colour].autoScalingGroup;
  if (!id) throw new Error(`no ${colour} group`);
  return t.Resources[id].Properties;
}

function forward(t: any) {
  return t.Resources[target(t, OUTPUTS.listenerArn)].Properties.DefaultActions[0];
}

describe('alb-blue-green template', () => {
  test('I38.health-checks-gate-traffic: ALB in two AZs, fast health checks, ELB health checks on both groups', () => {
    const f = serviceFacts(template);
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
    const f = serviceFacts(template);
    expect(f.forward.targetGroups).toEqual([
      { targetGroup: f.fleets.blue.targetGroup, weight: 100 },
      { targetGroup: f.fleets.green.targetGroup, weight: 0 },
    ]);
    expect(forward(template).ForwardConfig.TargetGroupStickinessConfig).toBeUndefined();
  });

  test('A11.weighted-switch-no-errors: fleets in isolated subnets serve the page with python3, downloading nothing', () => {
    const f = serviceFacts(template);
    for (const fleet of Object.values(f.fleets)) {
      expect(fleet.subnetRoutes).toEqual(['none', 'none']);
      expect(fleet.userData).toContain('/usr/bin/python3 -m http.server 8080 --bind 0.0.0.0 --directory /var/www/colour');
      expect(fleet.userData).toContain(`data-colour="${fleet.colour}"`);
      expect(fleet.userData).not.toMatch(/\b(dnf|yum|curl|wget|pip)\b/);
    }
    expect(resourcesOfType(template, 'AWS::EC2::NatGateway')).toHaveLength(0);
  });

  test('A11.weighted-switch-no-errors: deregistration delay is 30 s, chosen on purpose', () => {
    for (const fleet of Object.values(serviceFacts(template).fleets)) expect(fleet.deregistrationDelaySeconds).toBe(30);
  });

  test('A11.low-dns-ttl-for-rollback: the load balancer admits port 80 from labs:ingressCidr only, and reaches the fleets on 8080 only', () => {
    expect(serviceFacts(template).ingressCidrs).toEqual(['0.0.0.0/0']);
    const narrowed = synthLab(albBlueGreen, { context: { [INGRESS_CIDR_CONTEXT]: '203.0.113.7/32' } });
    expect(serviceFacts(narrowed).ingressCidrs).toEqual(['203.0.113.7/32']);
    const t = Template.fromJSON(template);
    t.resourcePropertiesCountIs('AWS::EC2::SecurityGroupEgress', { FromPort: 8080, ToPort: 8080, IpProtocol: 'tcp' }, 2);
    t.resourcePropertiesCountIs('AWS::EC2::SecurityGroupIngress', { FromPort: 8080, ToPort: 8080, IpProtocol: 'tcp' }, 2);
  });

  test('a bad labs:ingressCidr is refused with a message that says what is allowed', () => {
    expect(() => synthLab(albBlueGreen, { context: { [INGRESS_CIDR_CONTEXT]: 'my-laptop' } })).toThrow(
      'labs:ingressCidr: received "my-laptop"; allowed: an IPv4 CIDR block such as 203.0.113.7/32 (one address) or 0.0.0.0/0 (anyone)',
    );
  });

  test('every instance is a t4g.nano with an encrypted 8 GB gp3 root volume and IMDSv2, from the SSM AMI parameter', () => {
    const t = Template.fromJSON(template);
    t.resourcePropertiesCountIs(
      'AWS::EC2::LaunchTemplate',
      { LaunchTemplateData: { InstanceType: 't4g.nano', MetadataOptions: { HttpTokens: 'required' }, BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { Encrypted: true, VolumeSize: 8, VolumeType: 'gp3' } }] } },
      2,
    );
    const parameters = Object.values<any>(template.Parameters ?? {});
    expect(parameters.some((p) => p.Type === 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>' && /al2023-ami-kernel-.*-arm64/.test(p.Default))).toBe(true);
  });

  test('the outputs the live checks read are all there', () => {
    expect(Object.keys(template.Outputs ?? {})).toEqual(expect.arrayContaining(Object.values(OUTPUTS)));
    expect(template.Outputs?.[OUTPUTS.listenerLogicalId]?.Value).toBe(target(template, OUTPUTS.listenerArn));
  });

  test('the DeployedWeights output, which the checks restore, says the weights the listener template has', () => {
    expect(template.Outputs?.[OUTPUTS.deployedWeights]?.Value).toBe('blue=100,green=0');
    const f = serviceFacts(template);
    expect(parseWeights('DeployedWeights', String(template.Outputs?.[OUTPUTS.deployedWeights]?.Value))).toEqual({ blue: weightOf(f, 'blue'), green: weightOf(f, 'green') });
  });

  test('costs about $0.043 an hour, dominated by the Application Load Balancer', () => {
    const cost = estimateCost(template);
    expect(cost.hourly).toBeCloseTo(0.0225 + 2 * 0.005 + 2 * 0.0042 + (16 * 0.08) / 730, 6);
    expect(cost.hourly).toBeLessThanOrEqual(albBlueGreen.hourlyBudgetUsd);
    expect(cost.dominant?.what).toBe('Application Load Balancer');
  });

  test('every offline check and guardrail passes on the lab template', async () => {
    const results = await runOfflineChecks(albBlueGreen, template, GUARDRAILS);
    expect(results.filter((r) => r.status !== 'pass')).toEqual([]);
    expect(results).toHaveLength(albBlueGreen.claims.length + GUARDRAILS.length);
  });

  test('snapshot of the normalized template', () => {
    expect(normalizeTemplate(template)).toMatchSnapshot();
  });

  test('passes cdk-nag AwsSolutions with reasoned acknowledgements only', () => {
    expect(() => synthLab(albBlueGreen, { nag: true })).not.toThrow();
  });

  test('with a narrowed ingress the open-ingress acknowledgement is not needed (and not made)', () => {
    expect(() => synthLab(albBlueGreen, { nag: true, context: { [INGRESS_CIDR_CONTEXT]: '203.0.113.7/32' } })).not.toThrow();
  });
});

describe('alb-blue-green offline checks fail when the template contradicts the truth', () => {
  const cases: OfflineCase[] = [
    ['I38.health-checks-gate-traffic', (t) => (asg(t, 'green').HealthCheckType = 'EC2')],
    ['A11.weighted-switch-no-errors', (t) => (forward(t).ForwardConfig.TargetGroups = [forward(t).ForwardConfig.TargetGroups[0]])],
    ['A11.rollback-is-the-same-move', (t) => Object.assign(asg(t, 'blue'), { MinSize: '0', MaxSize: '0' })],
    ['A11.canary-split-follows-weights', (t) => (forward(t).ForwardConfig.TargetGroupStickinessConfig = { Enabled: true, DurationSeconds: 3600 })],
    ['A11.low-dns-ttl-for-rollback', (t) => (t.Resources.WeightedRecord = { Type: 'AWS::Route53::RecordSet', Properties: { Name: 'app.example.com', Type: 'CNAME', Weight: 100, SetIdentifier: 'green', TTL: '60' } })],
    ['I46.cname-swap-waits-for-dns', (t) => (t.Resources.GreenEnvironment = { Type: 'AWS::ElasticBeanstalk::Environment', Properties: { ApplicationName: 'app', CNAMEPrefix: 'app-green' } })],
    ['T8.policies-trade-capacity-for-downtime', (t) => Object.assign(asg(t, 'green'), { MinSize: '0', MaxSize: '0' })],
  ];

  offlineChecksFailOn(albBlueGreen, template, cases);

  test('the weighted-switch check also fails when a fleet would download software', () => {
    const evidence = claim('A11.weighted-switch-no-errors').offline(
      mutated((t) => {
        const lt = t.Resources[asg(t, 'green').LaunchTemplate.LaunchTemplateId.Ref].Properties.LaunchTemplateData;
        lt.UserData['Fn::Base64'] = `${lt.UserData['Fn::Base64']}\ndnf install -y nginx`;
      }),
    );
    expect(evidence.passed).toBe(false);
    expect(evidence.observed).toContain('a fleet downloads software or serves no page');
  });
});
