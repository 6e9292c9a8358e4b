/** The outputs of the alb-blue-green stack: the contract between `stack.ts` and the observations. */
import { defineOutputs } from '../../lib/lab-kit/core/outputs';

export const OUTPUTS = defineOutputs({
  LoadBalancerDnsName: 'Open http://<this>/ to see the colour being served',
  LoadBalancerArn: 'The load balancer whose state and Availability Zones the health check reads',
  ListenerArn: 'The listener whose weights the checks change (and restore)',
  ListenerLogicalId: 'For DetectStackResourceDrift on the listener',
  BlueTargetGroupArn: "The blue fleet's target group (DescribeTargetHealth; weighted in the listener)",
  GreenTargetGroupArn: "The green fleet's target group (DescribeTargetHealth; weighted in the listener)",
  /** The weights the template gives the listener (`blue=100,green=0`): what the checks restore, whatever they find. */
  DeployedWeights: 'The listener weights this template deploys: what the checks restore after changing them',
  IngressCidr: 'Who may reach the load balancer (context labs:ingressCidr)',
});

/** An output name of this lab. */
export type OutputName = keyof typeof OUTPUTS;
