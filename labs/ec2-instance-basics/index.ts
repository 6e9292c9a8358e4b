import { defineLab } from '../../lib/lab-kit/checks/lab-definition';
import { CHECKS } from './checks';
import { labFacts } from './facts';
import { OUTPUTS } from './outputs';

export const ec2InstanceBasics = defineLab({
  id: 'ec2-instance-basics',
  title: 'EC2 basics observed: security group defaults, IMDSv2 credentials, volumes at termination and resize, metric periods',
  deployTime: 'about 3 minutes (estimated: a VPC and two instances; checks of metric spacing need the instances about 25 minutes old)',
  // Two t4g.nano, 2 × (8 + 1) GB gp3, detailed monitoring on one instance (about 15 metrics at $0.30 a month),
  // no public IPv4 address: $0.0104 an hour by the price table, plus detailed monitoring, plus a throwaway t4g.nano for a few minutes per check run.
  hourlyBudgetUsd: 0.05,
  stack: () => import('./stack').then((m) => m.Ec2InstanceBasicsStack),
  outputs: OUTPUTS,
  facts: labFacts,
  checks: CHECKS,
  timelines: () => import('./timelines').then((m) => m.plots),
});
