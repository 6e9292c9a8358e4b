import { defineLab } from '../../lib/lab-kit/checks/lab-definition';
import { CHECKS } from './checks';
import { labFacts } from './facts';
import { OUTPUTS } from './outputs';
import { DEFAULT_TRAFFIC, TRAFFIC_LIMITS } from './traffic';

/** Lab alb-blue-green: what `labs/index.ts` registers. */
export const albBlueGreen = defineLab({
  id: 'alb-blue-green',
  title: 'Blue/green behind one ALB: switch target-group weights under load, count the errors, roll back, split 90/10',
  deployTime: 'about 5 minutes, then 1–2 minutes until both targets are healthy',
  hourlyBudgetUsd: 0.05,
  stack: () => import('./stack').then((m) => m.AlbBlueGreenStack),
  outputs: OUTPUTS,
  facts: labFacts,
  checks: CHECKS,
  liveOptions: [
    {
      name: 'rate',
      description: `requests per second of the test traffic (default ${DEFAULT_TRAFFIC.ratePerSecond}, ${TRAFFIC_LIMITS.ratePerSecond.min} to ${TRAFFIC_LIMITS.ratePerSecond.max})`,
    },
    {
      name: 'duration',
      description: `seconds of traffic per experiment, switch and canary each (default ${DEFAULT_TRAFFIC.durationSeconds}, ${TRAFFIC_LIMITS.durationSeconds.min} to ${TRAFFIC_LIMITS.durationSeconds.max})`,
    },
    {
      name: 'timeout',
      description: `seconds before a request counts as failed (default ${DEFAULT_TRAFFIC.timeoutSeconds}, ${TRAFFIC_LIMITS.timeoutSeconds.min} to ${TRAFFIC_LIMITS.timeoutSeconds.max})`,
    },
  ],
});
