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
  timelines: () => import('./timelines').then((m) => m.plots),
  liveOptions: [
    { name: 'rate', description: 'requests per second of the test traffic', number: { ...TRAFFIC_LIMITS.ratePerSecond, default: DEFAULT_TRAFFIC.ratePerSecond, unit: 'requests/s' } },
    { name: 'duration', description: 'seconds of traffic per experiment, switch and canary each', number: { ...TRAFFIC_LIMITS.durationSeconds, default: DEFAULT_TRAFFIC.durationSeconds, unit: 's' } },
    { name: 'timeout', description: 'seconds before a request counts as failed', number: { ...TRAFFIC_LIMITS.timeoutSeconds, default: DEFAULT_TRAFFIC.timeoutSeconds, unit: 's' } },
  ],
});
