/** The outputs of the load-balancer-cross-zone stack: the contract between `stack.ts` and the observations. */
import { defineOutputs } from '../../lib/lab-kit/core/outputs';

export const OUTPUTS = defineOutputs({
  LoadBalancerDnsName: 'Open http://<this>/ to see which instance answered',
  LoadBalancerArn: 'The Network Load Balancer: its attributes, and its nodes (network interfaces) per Availability Zone',
  TargetGroupArn: 'The target group whose cross-zone attribute and health-check path the checks change (and restore)',
  SmallZoneInstanceIds: 'The target(s) of the zone with fewer targets (comma-separated instance ids)',
  LargeZoneInstanceIds: 'The targets of the zone with more targets (comma-separated instance ids)',
  SmallZone: 'The Availability Zone of the fewer targets',
  LargeZone: 'The Availability Zone of the more targets',
  IngressCidr: 'Who may reach the load balancer (context labs:ingressCidr)',
});

/** An output name of this lab. */
export type OutputName = keyof typeof OUTPUTS;
