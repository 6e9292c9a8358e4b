import { defineLab } from '../../lib/lab-kit/checks/lab-definition';
import { CHECKS } from './checks';
import { labFacts } from './facts';
import { SKIP_ASYNC_OPTION } from './observe-async';
import { OUTPUTS } from './outputs';

export const sqsDeadLetterQueue = defineLab({
  id: 'sqs-dead-letter-queue',
  title: 'Poison messages and dead-letter queues: receive counts, the function DLQ, async retries and redrive',
  deployTime: 'about 2 minutes',
  // Request-priced (SQS, Lambda, Logs) plus one standard alarm at $0.10 a month: about $0.0001 an hour idle.
  hourlyBudgetUsd: 0.01,
  stack: () => import('./stack').then((m) => m.SqsDeadLetterQueueStack),
  outputs: OUTPUTS,
  facts: labFacts,
  checks: CHECKS,
  timelines: () => import('./timelines').then((m) => m.plots),
  liveOptions: [
    { name: SKIP_ASYNC_OPTION, description: "skip the asynchronous-retry check, which waits through Lambda's retries (about 3 to 4 minutes)" },
  ],
});
