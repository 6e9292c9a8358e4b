/**
 * For each claim, the template change that must make its offline check fail (the invariant suite
 * runs them). More failing cases are in load-balancer-cross-zone.test.ts.
 */
import type { OfflineCases } from '../../../lib/lab-kit/testing';
import { outputLogicalId } from '../../../lib/lab-kit/testing';

/** The properties of the resource an output points at. */
export function propsOf(t: any, output: string): any {
  return t.Resources[outputLogicalId(t, output)].Properties;
}

export const OFFLINE_CASES: OfflineCases = {
  // Cross-zone set on the load balancer: the live check could no longer read the NLB default.
  'I10.nodes-route-only-to-own-az-targets': (t) => (propsOf(t, 'LoadBalancerArn').LoadBalancerAttributes = [{ Key: 'load_balancing.cross_zone.enabled', Value: 'true' }]),
  // An even fleet: both claims then predict the same shares.
  'I10.cross-zone-spreads-across-all-az-targets': (t) => propsOf(t, 'TargetGroupArn').Targets.splice(1, 2),
  'I10.cross-zone-charges-depend-on-lb-type': (t) => (propsOf(t, 'TargetGroupArn').TargetGroupAttributes = [{ Key: 'load_balancing.cross_zone.enabled', Value: 'false' }]),
  'B18.elb-routes-to-target-groups': (t) => propsOf(t, 'TargetGroupArn').Targets.pop(),
  'B18.elb-fails-open-when-all-unhealthy': (t) => (propsOf(t, 'TargetGroupArn').HealthCheckProtocol = 'TCP'),
  'T7.elb-has-four-load-balancer-types': (t) => (propsOf(t, 'LoadBalancerArn').Type = 'classic'),
};
