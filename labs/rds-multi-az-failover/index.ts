import { defineLab } from '../../lib/lab-kit/checks/lab-definition';
import { CHECKS } from './checks';
import { labFacts } from './facts';
import { OUTPUTS } from './outputs';

export const rdsMultiAzFailover = defineLab({
  id: 'rds-multi-az-failover',
  title: 'Force an RDS Multi-AZ failover and measure what clients see: downtime, DNS move, AZ swap',
  deployTime: 'about 20 minutes (estimated: RDS takes 15-25 minutes to create a Multi-AZ instance); destroy 10-30 minutes',
  hourlyBudgetUsd: 0.05,
  stack: () => import('./stack').then((m) => m.RdsMultiAzFailoverStack),
  outputs: OUTPUTS,
  facts: labFacts,
  checks: CHECKS,
  liveOptions: [
    { name: 'window', description: 'seconds per probe invocation during the failover (30 to ProbeMaxWindowSeconds, default 60: short, so no proxy drops the idle Invoke); up to 12 windows' },
  ],
});
