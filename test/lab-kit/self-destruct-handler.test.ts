import { CloudFormationClient, DeleteStackCommand, DescribeStackEventsCommand, DescribeStacksCommand, type StackEvent } from '@aws-sdk/client-cloudformation';
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

/**
 * A StackEvent as DescribeStackEvents returns it (API_StackEvent: StackId, EventId, StackName,
 * LogicalResourceId, PhysicalResourceId, ResourceType, Timestamp, ResourceStatus, and
 * ResourceStatusReason only when there is one), newest first.
 */
function event(logicalId: string, type: string, status: string, at: string, reason?: string): StackEvent {
  return {
    StackId: STACK_ID,
    EventId: `${logicalId}-${status}-${at}`,
    StackName: 'nat-vs-public-ip',
    LogicalResourceId: logicalId,
    PhysicalResourceId: logicalId === 'nat-vs-public-ip' ? STACK_ID : `${logicalId}-physical`,
    ResourceType: type,
    Timestamp: new Date(at),
    ResourceStatus: status as StackEvent['ResourceStatus'],
    ...(reason ? { ResourceStatusReason: reason } : {}),
  };
}

const STACK_TYPE = 'AWS::CloudFormation::Stack';
// A 20-minute create: CREATE_IN_PROGRESS at 11:00, the database ready at 11:19, the stack at 11:20.
const CREATED_AT_1120 = [
  event('nat-vs-public-ip', STACK_TYPE, 'CREATE_COMPLETE', '2026-11-23T11:20:00Z'),
  event('Database', 'AWS::RDS::DBInstance', 'CREATE_COMPLETE', '2026-11-23T11:19:00Z'),
  event('nat-vs-public-ip', STACK_TYPE, 'CREATE_IN_PROGRESS', '2026-11-23T11:00:00Z', 'User Initiated'),
];

beforeEach(() => {
  cfn.reset();
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});

test('deletes a stack once the TTL has passed since it became ready', async () => {
  cfn.on(DescribeStacksCommand).resolves(stack({}));
  cfn.on(DescribeStackEventsCommand).resolves({ StackEvents: CREATED_AT_1120 });
  cfn.on(DeleteStackCommand).resolves({});
  const decision = await handler.run({ stackId: STACK_ID, ttlSeconds: 4 * HOUR, now: NOW });
  expect(decision).toMatchObject({ action: 'delete', ageSeconds: 4 * HOUR + 40 * 60, since: '2026-11-23T11:20:00.000Z' });
  expect(cfn).toHaveReceivedCommandWith(DeleteStackCommand, { StackName: STACK_ID });
});

test('counts from when the stack became ready, not from when its creation began (CreationTime)', async () => {
  // Created at 11:00, ready at 11:20: a 30-minute TTL still has 10 minutes at 11:40.
  cfn.on(DescribeStacksCommand).resolves(stack({}));
  cfn.on(DescribeStackEventsCommand).resolves({ StackEvents: CREATED_AT_1120 });
  const decision = await handler.run({ stackId: STACK_ID, ttlSeconds: 30 * 60, now: Date.parse('2026-11-23T11:40:00Z') });
  expect(decision).toMatchObject({ action: 'keep', ageSeconds: 20 * 60 });
  expect(cfn).not.toHaveReceivedCommand(DeleteStackCommand);
});

test('an update that completed restarts the TTL (what every labs deploy causes)', async () => {
  cfn.on(DescribeStacksCommand).resolves(stack({ StackStatus: 'UPDATE_COMPLETE', LastUpdatedTime: new Date('2026-11-23T14:58:00Z') }));
  cfn.on(DescribeStackEventsCommand).resolves({
    StackEvents: [
      event('nat-vs-public-ip', STACK_TYPE, 'UPDATE_COMPLETE', '2026-11-23T15:00:00Z'),
      event('nat-vs-public-ip', STACK_TYPE, 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', '2026-11-23T14:59:50Z'),
      event('SelfDestructFunction', 'AWS::Lambda::Function', 'UPDATE_COMPLETE', '2026-11-23T14:59:40Z'),
      event('nat-vs-public-ip', STACK_TYPE, 'UPDATE_IN_PROGRESS', '2026-11-23T14:58:00Z', 'User Initiated'),
      ...CREATED_AT_1120,
    ],
  });
  const decision = await handler.run({ stackId: STACK_ID, ttlSeconds: 4 * HOUR, now: NOW });
  expect(decision).toMatchObject({ action: 'keep', ageSeconds: HOUR, since: '2026-11-23T15:00:00.000Z' });
});

test('reads further pages of events when the newest page holds no end of an operation', async () => {
  cfn.on(DescribeStacksCommand).resolves(stack({}));
  cfn.on(DescribeStackEventsCommand, { StackName: STACK_ID, NextToken: undefined }).resolves({
    StackEvents: [event('Queue', 'AWS::SQS::Queue', 'CREATE_COMPLETE', '2026-11-23T11:19:00Z')],
    NextToken: 'page-2',
  });
  cfn.on(DescribeStackEventsCommand, { StackName: STACK_ID, NextToken: 'page-2' }).resolves({ StackEvents: [event('nat-vs-public-ip', STACK_TYPE, 'CREATE_COMPLETE', '2026-11-23T11:20:00Z')] });
  const decision = await handler.run({ stackId: STACK_ID, ttlSeconds: 5 * HOUR, now: NOW });
  expect(decision).toMatchObject({ action: 'keep', since: '2026-11-23T11:20:00.000Z' });
  expect(cfn).toHaveReceivedCommandTimes(DescribeStackEventsCommand, 2);
});

test('falls back to the stack timestamps when no event ends an operation', async () => {
  cfn.on(DescribeStacksCommand).resolves(stack({ LastUpdatedTime: new Date('2026-11-23T15:00:00Z') }));
  cfn.on(DescribeStackEventsCommand).resolves({ StackEvents: [] });
  expect(await handler.run({ stackId: STACK_ID, ttlSeconds: 4 * HOUR, now: NOW })).toMatchObject({ action: 'keep', ageSeconds: HOUR });
});

test('a failed create counts from when it rolled back: the stack is deleted after the TTL like any other', async () => {
  cfn.on(DescribeStacksCommand).resolves(stack({ StackStatus: 'ROLLBACK_COMPLETE' }));
  cfn.on(DescribeStackEventsCommand).resolves({ StackEvents: [event('nat-vs-public-ip', STACK_TYPE, 'ROLLBACK_COMPLETE', '2026-11-23T11:30:00Z')] });
  cfn.on(DeleteStackCommand).resolves({});
  expect(await handler.run({ stackId: STACK_ID, ttlSeconds: 4 * HOUR, now: NOW })).toMatchObject({ action: 'delete', since: '2026-11-23T11:30:00.000Z' });
});

test('copes with a stack already being deleted', async () => {
  cfn.on(DescribeStacksCommand).resolves(stack({ StackStatus: 'DELETE_IN_PROGRESS' }));
  const decision = await handler.run({ stackId: STACK_ID, ttlSeconds: 4 * HOUR, now: NOW });
  expect(decision).toMatchObject({ action: 'skip', reason: expect.stringContaining('DELETE_IN_PROGRESS') });
  expect(cfn).not.toHaveReceivedCommand(DeleteStackCommand);
  expect(cfn).not.toHaveReceivedCommand(DescribeStackEventsCommand);
});

test('copes with a stack that is already gone', async () => {
  const error = Object.assign(new Error(`Stack with id ${STACK_ID} does not exist`), { name: 'ValidationError' });
  cfn.on(DescribeStacksCommand).rejects(error);
  const decision = await handler.run({ stackId: STACK_ID, ttlSeconds: 4 * HOUR, now: NOW });
  expect(decision.action).toBe('skip');
  expect(cfn).not.toHaveReceivedCommand(DeleteStackCommand);
});

test('deletes again at once a stack whose deletion failed, whatever its age (it was meant to go)', async () => {
  cfn.on(DescribeStacksCommand).resolves(stack({ StackStatus: 'DELETE_FAILED', CreationTime: new Date('2026-11-23T15:50:00Z') }));
  cfn.on(DeleteStackCommand).resolves({});
  expect(await handler.run({ stackId: STACK_ID, ttlSeconds: 4 * HOUR, now: NOW })).toMatchObject({ action: 'delete', reason: 'a deletion failed (DELETE_FAILED): deleting again' });
  expect(cfn).toHaveReceivedCommandWith(DeleteStackCommand, { StackName: STACK_ID });
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
  const ready = new Date(NOW - 4 * HOUR * 1000);
  expect(handler.decide({ StackStatus: 'CREATE_COMPLETE' }, ready, 4 * HOUR, NOW).action).toBe('delete');
  expect(handler.decide({ StackStatus: 'CREATE_COMPLETE' }, ready, 4 * HOUR, NOW - 1000).action).toBe('keep');
});

test('ttlStart ignores other resources and operations still in progress', () => {
  const events = [
    event('nat-vs-public-ip', STACK_TYPE, 'UPDATE_IN_PROGRESS', '2026-11-23T15:30:00Z', 'User Initiated'),
    event('Queue', 'AWS::SQS::Queue', 'UPDATE_COMPLETE', '2026-11-23T15:20:00Z'),
    event('nat-vs-public-ip', STACK_TYPE, 'UPDATE_ROLLBACK_COMPLETE', '2026-11-23T15:10:00Z'),
  ];
  expect(handler.ttlStart({ StackName: 'nat-vs-public-ip' }, events)).toEqual(new Date('2026-11-23T15:10:00Z'));
});
