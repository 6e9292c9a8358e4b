import { CloudFormationClient, DeleteStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';

// The handler is the asset's plain CommonJS file, tested as Lambda runs it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const handler = require('../../lib/lab-kit/stack/self-destruct-handler/index.js');

const cfn = mockClient(CloudFormationClient);
const STACK_ID = 'arn:aws:cloudformation:us-east-1:123456789012:stack/nat-vs-public-ip/5b0e3a40-c8a1-11f0-8a5e-0affd3c9a1b1';
const NOW = Date.parse('2026-11-23T16:00:00Z');
const HOUR = 3600;

function stack(overrides: Record<string, unknown>): any {
  return { Stacks: [{ StackId: STACK_ID, StackName: 'nat-vs-public-ip', StackStatus: 'CREATE_COMPLETE', CreationTime: new Date('2026-11-23T11:00:00Z'), ...overrides }] };
}

beforeEach(() => {
  cfn.reset();
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});

test('deletes a stack older than its TTL', async () => {
  cfn.on(DescribeStacksCommand).resolves(stack({}));
  cfn.on(DeleteStackCommand).resolves({});
  const decision = await handler.run({ stackId: STACK_ID, ttlSeconds: 4 * HOUR, now: NOW });
  expect(decision).toMatchObject({ action: 'delete', ageSeconds: 5 * HOUR });
  expect(cfn).toHaveReceivedCommandWith(DeleteStackCommand, { StackName: STACK_ID });
});

test('leaves a young stack alone', async () => {
  cfn.on(DescribeStacksCommand).resolves(stack({ CreationTime: new Date('2026-11-23T14:30:00Z') }));
  const decision = await handler.run({ stackId: STACK_ID, ttlSeconds: 4 * HOUR, now: NOW });
  expect(decision).toMatchObject({ action: 'keep', ageSeconds: 1.5 * HOUR });
  expect(cfn).not.toHaveReceivedCommand(DeleteStackCommand);
});

test('counts age from the last update: a redeploy restarts the TTL', async () => {
  cfn.on(DescribeStacksCommand).resolves(stack({ StackStatus: 'UPDATE_COMPLETE', LastUpdatedTime: new Date('2026-11-23T15:00:00Z') }));
  const decision = await handler.run({ stackId: STACK_ID, ttlSeconds: 4 * HOUR, now: NOW });
  expect(decision.action).toBe('keep');
  expect(cfn).not.toHaveReceivedCommand(DeleteStackCommand);
});

test('copes with a stack already being deleted', async () => {
  cfn.on(DescribeStacksCommand).resolves(stack({ StackStatus: 'DELETE_IN_PROGRESS' }));
  const decision = await handler.run({ stackId: STACK_ID, ttlSeconds: 4 * HOUR, now: NOW });
  expect(decision).toMatchObject({ action: 'skip', reason: expect.stringContaining('DELETE_IN_PROGRESS') });
  expect(cfn).not.toHaveReceivedCommand(DeleteStackCommand);
});

test('copes with a stack that is already gone', async () => {
  const error = Object.assign(new Error(`Stack with id ${STACK_ID} does not exist`), { name: 'ValidationError' });
  cfn.on(DescribeStacksCommand).rejects(error);
  const decision = await handler.run({ stackId: STACK_ID, ttlSeconds: 4 * HOUR, now: NOW });
  expect(decision.action).toBe('skip');
  expect(cfn).not.toHaveReceivedCommand(DeleteStackCommand);
});

test('retries the deletion of an old stack whose deletion failed', async () => {
  cfn.on(DescribeStacksCommand).resolves(stack({ StackStatus: 'DELETE_FAILED' }));
  cfn.on(DeleteStackCommand).resolves({});
  expect((await handler.run({ stackId: STACK_ID, ttlSeconds: 4 * HOUR, now: NOW })).action).toBe('delete');
});

test('waits while an update is in progress, however old the stack', async () => {
  cfn.on(DescribeStacksCommand).resolves(stack({ StackStatus: 'UPDATE_IN_PROGRESS' }));
  expect((await handler.run({ stackId: STACK_ID, ttlSeconds: 4 * HOUR, now: NOW })).action).toBe('skip');
});

test('rethrows other errors so the invocation fails and is retried', async () => {
  cfn.on(DescribeStacksCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }));
  await expect(handler.run({ stackId: STACK_ID, ttlSeconds: 4 * HOUR, now: NOW })).rejects.toThrow('Rate exceeded');
});

test('refuses to run without its configuration', async () => {
  await expect(handler.run({ stackId: '', ttlSeconds: 0 })).rejects.toThrow('self-destruct: STACK_ID and a positive TTL_SECONDS are required');
});

test('decide is exact at the TTL boundary', () => {
  const created = new Date(NOW - 4 * HOUR * 1000);
  expect(handler.decide({ StackStatus: 'CREATE_COMPLETE', CreationTime: created }, 4 * HOUR, NOW).action).toBe('delete');
  expect(handler.decide({ StackStatus: 'CREATE_COMPLETE', CreationTime: created }, 4 * HOUR, NOW - 1000).action).toBe('keep');
});
