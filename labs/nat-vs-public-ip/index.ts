import { defineLab } from '../../lib/lab-kit/checks/lab-definition';
import { CHECKS } from './checks';
import { labFacts } from './facts';
import { OUTPUTS } from './outputs';

export const natVsPublicIp = defineLab({
  id: 'nat-vs-public-ip',
  title: 'Which instances and VPC Lambda functions reach the internet: public IP, internet gateway, NAT gateway, NAT instance',
  deployTime: 'about 4 minutes',
  hourlyBudgetUsd: 0.1,
  stack: () => import('./stack').then((m) => m.NatVsPublicIpStack),
  outputs: OUTPUTS,
  facts: labFacts,
  checks: CHECKS,
  timelines: () => import('./timelines').then((m) => m.plots),
  liveOptions: [
    { name: 'analyzer', description: 'also ask EC2 Reachability Analyzer, 3 analyses ($0.10 each per aws.amazon.com/vpc/pricing: $0.30 a run); deletes what it creates' },
  ],
});
