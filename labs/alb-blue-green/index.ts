import type { LabDefinition } from '../../lib/lab-kit/checks/lab-definition';
import { DEFAULT_TRAFFIC, TRAFFIC_LIMITS } from '../../lib/deployment/traffic';
import { CLAIMS } from './claims';
import { AlbBlueGreenStack } from './stack';

/** Lab alb-blue-green: what `labs/index.ts` registers. */
export const albBlueGreen: LabDefinition = {
  id: 'alb-blue-green',
  title: 'Blue/green behind one ALB: switch target-group weights under load, count the errors, roll back, split 90/10',
  questions: ['A11', 'I46', 'T8', 'I38'],
  stack: AlbBlueGreenStack,
  claims: CLAIMS,
  deployTime: 'about 5 minutes, then 1–2 minutes until both targets are healthy',
  hourlyBudgetUsd: 0.05,
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
};
