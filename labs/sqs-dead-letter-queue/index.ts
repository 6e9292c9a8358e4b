import type { LabDefinition } from '../../lib/lab-kit/checks/lab-definition';
import { CLAIMS } from './claims';
import { SKIP_ASYNC_OPTION } from './observe-async';
import { SqsDeadLetterQueueStack } from './stack';

export const sqsDeadLetterQueue: LabDefinition = {
  id: 'sqs-dead-letter-queue',
  title: 'Poison messages and dead-letter queues: receive counts, the function DLQ, async retries and redrive',
  questions: ['I12', 'T2'],
  stack: SqsDeadLetterQueueStack,
  claims: CLAIMS,
  deployTime: 'about 2 minutes',
  // Request-priced (SQS, Lambda, Logs) plus one standard alarm at $0.10 a month: about $0.0001 an hour idle.
  hourlyBudgetUsd: 0.01,
  liveOptions: [
    { name: SKIP_ASYNC_OPTION, description: "skip the asynchronous-retry check, which waits through Lambda's retries (about 3 to 4 minutes)" },
  ],
};
