import type { LabDefinition } from '../../lib/lab-kit/checks/lab-definition';
import { CLAIMS } from './claims';
import { RdsMultiAzFailoverStack } from './stack';

export const rdsMultiAzFailover: LabDefinition = {
  id: 'rds-multi-az-failover',
  title: 'Force an RDS Multi-AZ failover and measure what clients see: downtime, DNS move, AZ swap',
  questions: ['B25', 'I18', 'I38', 'I23', 'A1'],
  stack: RdsMultiAzFailoverStack,
  claims: CLAIMS,
  deployTime: 'about 20 minutes (estimated: RDS takes 15-25 minutes to create a Multi-AZ instance); destroy 10-30 minutes',
  hourlyBudgetUsd: 0.05,
  liveOptions: [
    { name: 'window', description: 'seconds per probe invocation during the failover (30 to ProbeMaxWindowSeconds, default 240); up to 3 windows' },
  ],
};
