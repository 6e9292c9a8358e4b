/** For every claim, the template change that must make its offline check fail (the invariant suite runs them). */
import type { OfflineCases } from '../../../lib/lab-kit/testing';
import { outputLogicalId } from '../../../lib/lab-kit/testing';
import { labFacts } from '../facts';

/** The Auto Scaling group behind a colour's target group. */
export function asg(t: any, colour: 'blue' | 'green') {
  const id = labFacts(t).fleets[colour].autoScalingGroup;
  if (!id) throw new Error(`no ${colour} group`);
  return t.Resources[id].Properties;
}

/** The listener's default (weighted forward) action. */
export function forward(t: any) {
  return t.Resources[outputLogicalId(t, 'ListenerArn')].Properties.DefaultActions[0];
}

export const OFFLINE_CASES: OfflineCases = {
  'I38.health-checks-gate-traffic': (t) => (asg(t, 'green').HealthCheckType = 'EC2'),
  'A11.weighted-switch-no-errors': (t) => (forward(t).ForwardConfig.TargetGroups = [forward(t).ForwardConfig.TargetGroups[0]]),
  'A11.rollback-is-the-same-move': (t) => Object.assign(asg(t, 'blue'), { MinSize: '0', MaxSize: '0' }),
  'A11.canary-split-follows-weights': (t) => (forward(t).ForwardConfig.TargetGroupStickinessConfig = { Enabled: true, DurationSeconds: 3600 }),
  'A11.low-dns-ttl-for-rollback': (t) =>
    (t.Resources.WeightedRecord = { Type: 'AWS::Route53::RecordSet', Properties: { Name: 'app.example.com', Type: 'CNAME', Weight: 100, SetIdentifier: 'green', TTL: '60' } }),
  'I46.cname-swap-waits-for-dns': (t) => (t.Resources.GreenEnvironment = { Type: 'AWS::ElasticBeanstalk::Environment', Properties: { ApplicationName: 'app', CNAMEPrefix: 'app-green' } }),
  'T8.policies-trade-capacity-for-downtime': (t) => Object.assign(asg(t, 'green'), { MinSize: '0', MaxSize: '0' }),
};
