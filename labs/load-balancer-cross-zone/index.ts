import { defineLab } from '../../lib/lab-kit/checks/lab-definition';
import { CHECKS } from './checks';
import { labFacts } from './facts';
import { REQUEST_LIMITS, REQUESTS_OPTION } from './observe';
import { OUTPUTS } from './outputs';

/** Lab load-balancer-cross-zone: what `labs/index.ts` registers. */
export const loadBalancerCrossZone = defineLab({
  id: 'load-balancer-cross-zone',
  title: 'Where NLB traffic goes with cross-zone off and on (1 target vs 3), health-check drain and fail-open',
  deployTime: 'about 4 minutes, then 1–2 minutes until the targets are healthy',
  // NLB hour, its two public IPv4 addresses, four t4g.nano and their 8 GB gp3 volumes: about $0.054 an hour idle.
  hourlyBudgetUsd: 0.1,
  stack: () => import('./stack').then((m) => m.LoadBalancerCrossZoneStack),
  outputs: OUTPUTS,
  facts: labFacts,
  checks: CHECKS,
  timelines: () => import('./timelines').then((m) => m.plots),
  liveOptions: [
    {
      name: REQUESTS_OPTION,
      description: 'requests to each load balancer node in each cross-zone phase (new TCP connection each)',
      number: { min: REQUEST_LIMITS.min, max: REQUEST_LIMITS.max, default: REQUEST_LIMITS.default, unit: 'requests' },
    },
  ],
});
