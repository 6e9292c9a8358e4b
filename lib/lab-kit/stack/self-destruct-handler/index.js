// @ts-check
/**
 * Self-destruct handler: deletes its own stack once the TTL has passed since the stack's last
 * operation ended (it was created or updated and became ready, or that failed).
 *
 * Plain CommonJS on purpose: the Lambda Node.js runtime ships the AWS SDK v3, so the asset needs no
 * bundling, and the same file is unit-tested with aws-sdk-client-mock and used by `labs deployed`.
 *
 * Why stack events, not the stack's own timestamps: `LastUpdatedTime` and `CreationTime` are when an
 * operation *began*, so a 30-minute TTL would count the 20 minutes an RDS instance takes to create.
 * The stack's own events say when the operation ended. A `cdk deploy` without changes does not
 * update the stack and restarts nothing; `labs deploy` always changes the self-destruct's
 * DEPLOY_ID, so every `labs deploy` ends in an UPDATE_COMPLETE that restarts the TTL.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStackEvents.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_StackEvent.html
 */
const {
  CloudFormationClient,
  DescribeStacksCommand,
  DescribeStackEventsCommand,
  DeleteStackCommand,
} = require('@aws-sdk/client-cloudformation');

/**
 * The stack statuses that end an operation: the `StackStatus` valid values of "Stack" in the
 * CloudFormation API Reference (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Stack.html)
 * less those *_IN_PROGRESS, REVIEW_IN_PROGRESS and the DELETE_* ones: a stack whose deletion
 * failed (DELETE_FAILED) is deleted again at once.
 */
const OPERATION_ENDED = new Set([
  'CREATE_COMPLETE',
  'CREATE_FAILED',
  'ROLLBACK_COMPLETE',
  'ROLLBACK_FAILED',
  'UPDATE_COMPLETE',
  'UPDATE_FAILED',
  'UPDATE_ROLLBACK_COMPLETE',
  'UPDATE_ROLLBACK_FAILED',
  'IMPORT_COMPLETE',
  'IMPORT_ROLLBACK_COMPLETE',
  'IMPORT_ROLLBACK_FAILED',
]);

/** How many pages of events (newest first, up to 100 each) to read for the last operation's end. */
const MAX_EVENT_PAGES = 5;

/**
 * @typedef {{ StackName?: string, StackStatus?: string, CreationTime?: Date, LastUpdatedTime?: Date }} StackSummary
 * @typedef {{ LogicalResourceId?: string, ResourceType?: string, ResourceStatus?: string, Timestamp?: Date }} StackEventSummary
 * @typedef {{ action: 'delete' | 'keep' | 'skip', reason: string, ageSeconds?: number, since?: string }} Decision
 */

/**
 * When the stack's last operation ended: the newest stack-level event (ResourceType
 * AWS::CloudFormation::Stack, the stack's own logical id) with a status that ends an operation.
 * Falls back to LastUpdatedTime, then CreationTime, when the events read hold none.
 *
 * @param {StackSummary} stack
 * @param {readonly StackEventSummary[]} events newest first, as DescribeStackEvents returns them
 * @returns {Date | undefined}
 */
function ttlStart(stack, events) {
  const ended = events.find(
    (e) => e.ResourceType === 'AWS::CloudFormation::Stack' && e.LogicalResourceId === stack.StackName && OPERATION_ENDED.has(e.ResourceStatus ?? '') && e.Timestamp,
  );
  const at = ended?.Timestamp ?? stack.LastUpdatedTime ?? stack.CreationTime;
  return at ? new Date(at) : undefined;
}

/**
 * Decides what to do with the stack; pure, so the timing logic is tested without AWS.
 * @param {StackSummary | undefined} stack
 * @param {Date | undefined} since when the TTL started (see ttlStart)
 * @param {number} ttlSeconds
 * @param {number} nowMs
 * @returns {Decision}
 */
function decide(stack, since, ttlSeconds, nowMs) {
  if (!stack) return { action: 'skip', reason: 'stack not found (already deleted)' };
  const status = stack.StackStatus ?? 'UNKNOWN';
  if (status === 'DELETE_COMPLETE') return { action: 'skip', reason: 'stack already deleted' };
  if (status.endsWith('_IN_PROGRESS')) {
    return { action: 'skip', reason: `stack is busy (${status}); will look again on the next run` };
  }
  // Someone (this function, or `cdk destroy`) already meant the stack to go: try again now.
  if (status === 'DELETE_FAILED') return { action: 'delete', reason: 'a deletion failed (DELETE_FAILED): deleting again' };
  if (!since) return { action: 'skip', reason: 'stack has no creation time' };
  const ageSeconds = Math.floor((nowMs - since.getTime()) / 1000);
  const from = since.toISOString();
  if (ageSeconds < ttlSeconds) {
    return { action: 'keep', reason: `${ageSeconds}s since its last operation ended (${from}), under the TTL of ${ttlSeconds}s`, ageSeconds, since: from };
  }
  return { action: 'delete', reason: `${ageSeconds}s since its last operation ended (${from}) reached the TTL of ${ttlSeconds}s`, ageSeconds, since: from };
}

/**
 * @param {unknown} error
 * @returns {boolean}
 */
function isMissingStack(error) {
  const e = /** @type {{ name?: string, message?: string }} */ (error);
  return e?.name === 'ValidationError' && /does not exist/.test(e.message ?? '');
}

/**
 * The stack's newest events, newest first, until one ends an operation (at most MAX_EVENT_PAGES pages).
 * @param {CloudFormationClient} client
 * @param {string} stackId
 * @param {string | undefined} stackName
 * @returns {Promise<StackEventSummary[]>}
 */
async function recentEvents(client, stackId, stackName) {
  /** @type {StackEventSummary[]} */
  const events = [];
  /** @type {string | undefined} */
  let nextToken;
  for (let page = 0; page < MAX_EVENT_PAGES; page++) {
    const out = await client.send(new DescribeStackEventsCommand({ StackName: stackId, NextToken: nextToken }));
    events.push(...(out.StackEvents ?? []));
    if (ttlStart({ StackName: stackName }, events)) return events;
    nextToken = out.NextToken;
    if (!nextToken) break;
  }
  return events;
}

/**
 * When the stack's TTL started, as the function reads it: for `labs deployed` and `labs watch-ttl`.
 * @param {CloudFormationClient} client
 * @param {string} stackId
 * @param {StackSummary} stack
 * @returns {Promise<Date | undefined>}
 */
async function readTtlStart(client, stackId, stack) {
  return ttlStart(stack, await recentEvents(client, stackId, stack.StackName));
}

/**
 * @param {{ stackId?: string, ttlSeconds?: number, now?: number, client?: CloudFormationClient }} [options]
 * @returns {Promise<Decision>}
 */
async function run(options = {}) {
  const stackId = options.stackId ?? process.env.STACK_ID;
  const ttlSeconds = options.ttlSeconds ?? Number(process.env.TTL_SECONDS);
  if (!stackId || !Number.isFinite(ttlSeconds) || ttlSeconds <= 0) {
    throw new Error(`self-destruct: STACK_ID and a positive TTL_SECONDS are required (got ${stackId}, ${ttlSeconds})`);
  }
  const client = options.client ?? new CloudFormationClient({});
  /** @type {StackSummary | undefined} */
  let stack;
  try {
    const out = await client.send(new DescribeStacksCommand({ StackName: stackId }));
    stack = out.Stacks?.[0];
  } catch (error) {
    if (!isMissingStack(error)) throw error;
  }
  const busyOrGone = !stack || stack.StackStatus === 'DELETE_COMPLETE' || stack.StackStatus === 'DELETE_FAILED' || (stack.StackStatus ?? '').endsWith('_IN_PROGRESS');
  const since = stack && !busyOrGone ? await readTtlStart(client, stackId, stack) : undefined;
  const decision = decide(stack, since, ttlSeconds, options.now ?? Date.now());
  if (decision.action === 'delete') {
    // No RoleARN: CloudFormation uses the role the stack was deployed with (see SelfDestruct's TSDoc).
    await client.send(new DeleteStackCommand({ StackName: stackId }));
  }
  console.log(JSON.stringify({ stackId, ...decision }));
  return decision;
}

exports.OPERATION_ENDED = OPERATION_ENDED;
exports.ttlStart = ttlStart;
exports.readTtlStart = readTtlStart;
exports.decide = decide;
exports.run = run;
exports.handler = async () => run();
