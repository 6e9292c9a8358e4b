/** The stack outputs of sqs-dead-letter-queue: the contract between its stack and its observations. */
import { defineOutputs } from '../../lib/lab-kit/core/outputs';

export const OUTPUTS = defineOutputs({
  SourceQueueUrl: 'The queue the checks send to; the consumer reads it',
  DeadLetterQueueUrl: "The source queue's dead-letter queue",
  DeadLetterQueueArn: 'ARN of the dead-letter queue (the SourceArn of a redrive)',
  DeadLetterAlarmName: 'Alarm in ALARM while the dead-letter queue holds a message',
  ConsumerFunctionName: 'The SQS consumer (partial batch responses)',
  ConsumerEventSourceMappingId: "The UUID of the consumer's event source mapping (the checks wait for it to be Enabled)",
  ConsumerLogGroupName: "The consumer's log group: one LABEVENT line per receive",
  ConsumerFunctionDlqUrl: "The consumer's own dead-letter queue (asynchronous invocations only)",
  AsyncFunctionName: 'The function that always fails when invoked asynchronously',
  AsyncLogGroupName: 'Its log group: one LABEVENT line per attempt',
  AsyncFailureDestinationUrl: 'Its on-failure destination (invocation records)',
  AsyncFunctionDlqUrl: 'Its dead-letter queue (the events alone)',
});
