import { defineLab } from '../../lib/lab-kit/checks/lab-definition';
import { CHECKS } from './checks';
import { labFacts } from './facts';
import { OUTPUTS } from './outputs';
import { LAB_REGIONS } from './regions';

export const dynamodbGlobalTables = defineLab({
  id: 'dynamodb-global-tables',
  title: 'DynamoDB global tables: MRSC strong reads across Regions vs MREC, last-writer-wins conflicts, read units, conditional writes',
  deployTime: 'about 5 minutes (estimated: two global tables, each with two replicas created from the stack Region)',
  // Nothing bills by the hour: both tables are on-demand ("you pay for the read and write requests your
  // application performs on your tables", "Amazon DynamoDB pricing", https://aws.amazon.com/dynamodb/pricing/on-demand/),
  // and storage of a few probe items is a fraction of a cent per month. The kit's self-destruct is
  // request-priced (Lambda, EventBridge, Logs).
  hourlyBudgetUsd: 0,
  regions: LAB_REGIONS,
  liveOptions: [
    {
      name: 'rounds',
      description: 'MRSC write-then-read rounds (two strong reads each); the replication rounds are two thirds of it, the conflict rounds a third',
      number: { min: 20, max: 200, default: 30, unit: 'rounds' },
    },
  ],
  stack: () => import('./stack').then((m) => m.DynamodbGlobalTablesStack),
  outputs: OUTPUTS,
  facts: labFacts,
  checks: CHECKS,
  timelines: () => import('./timelines').then((m) => m.plots),
});
