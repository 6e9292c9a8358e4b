import type { LabDefinition } from '../../lib/lab-kit/checks/lab-definition';
import { CLAIMS } from './claims';
import { NatVsPublicIpStack } from './stack';

export const natVsPublicIp: LabDefinition = {
  id: 'nat-vs-public-ip',
  title: 'Which instances reach the internet: public IP, internet gateway, NAT gateway, NAT instance',
  questions: ['B2', 'B7', 'I7', 'I13'],
  stack: NatVsPublicIpStack,
  claims: CLAIMS,
  deployTime: 'about 4 minutes',
  hourlyBudgetUsd: 0.1,
  liveOptions: [
    { name: 'analyzer', description: 'also ask EC2 Reachability Analyzer (about $0.10 per analysis, 3 analyses); deletes what it creates' },
  ],
};
