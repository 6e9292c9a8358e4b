import { defineLab } from '../../lib/lab-kit/checks/lab-definition';
import { CHECKS } from './checks';
import { labFacts } from './facts';
import { DEFAULT_WINDOW_SECONDS } from './observe';
import { OUTPUTS } from './outputs';

export const rdsMultiAzFailover = defineLab({
  id: 'rds-multi-az-failover',
  title: 'Force an RDS Multi-AZ failover and measure what clients see: downtime, DNS move, AZ swap',
  deployTime: 'about 20 minutes (estimated: RDS takes 15-25 minutes to create a Multi-AZ instance); destroy not measured (serial: CloudFormation waits for Lambda to release the probe\'s network interfaces, then deletes the Multi-AZ instance; AWS gives no figure for either)',
  hourlyBudgetUsd: 0.05,
  stack: () => import('./stack').then((m) => m.RdsMultiAzFailoverStack),
  outputs: OUTPUTS,
  facts: labFacts,
  checks: CHECKS,
  timelines: () => import('./timelines').then((m) => m.plots),
  liveOptions: [
    {
      name: 'window',
      description: 'seconds per probe invocation during the failover (at most the stack\'s ProbeMaxWindowSeconds; short by default, so no proxy drops the idle Invoke); up to 12 windows',
      number: { min: 30, max: 240, default: DEFAULT_WINDOW_SECONDS, unit: 's' },
    },
  ],
});
