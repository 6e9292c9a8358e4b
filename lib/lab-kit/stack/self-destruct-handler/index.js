// @ts-check
/**
 * Self-destruct handler: deletes its own stack once the stack is older than its TTL.
 *
 * Plain CommonJS on purpose: the Lambda Node.js runtime ships the AWS SDK v3, so the asset needs no
 * bundling, and the same file is unit-tested with aws-sdk-client-mock.
 *
 * Age counts from the stack's last update (or its creation): redeploying a lab restarts its TTL.
 */
const {
  CloudFormationClient,
  DescribeStacksCommand,
  DeleteStackCommand,
} = require('@aws-sdk/client-cloudformation');

/**
 * @typedef {{ StackStatus?: string, CreationTime?: Date, LastUpdatedTime?: Date }} StackSummary
 * @typedef {{ action: 'delete' | 'keep' | 'skip', reason: string, ageSeconds?: number }} Decision
 */

/**
 * Decides what to do with the stack; pure, so the timing logic is tested without AWS.
 * @param {StackSummary | undefined} stack
 * @param {number} ttlSeconds
 * @param {number} nowMs
 * @returns {Decision}
 */
function decide(stack, ttlSeconds, nowMs) {
  if (!stack) return { action: 'skip', reason: 'stack not found (already deleted)' };
  const status = stack.StackStatus ?? 'UNKNOWN';
  if (status === 'DELETE_COMPLETE') return { action: 'skip', reason: 'stack already deleted' };
  if (status.endsWith('_IN_PROGRESS')) {
    return { action: 'skip', reason: `stack is busy (${status}); will look again on the next run` };
  }
  const since = stack.LastUpdatedTime ?? stack.CreationTime;
  if (!since) return { action: 'skip', reason: 'stack has no creation time' };
  const ageSeconds = Math.floor((nowMs - new Date(since).getTime()) / 1000);
  if (ageSeconds < ttlSeconds) {
    return { action: 'keep', reason: `age ${ageSeconds}s is under the TTL of ${ttlSeconds}s`, ageSeconds };
  }
  return { action: 'delete', reason: `age ${ageSeconds}s reached the TTL of ${ttlSeconds}s`, ageSeconds };
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
  const decision = decide(stack, ttlSeconds, options.now ?? Date.now());
  if (decision.action === 'delete') {
    // No RoleARN: CloudFormation uses the role the stack was deployed with (see SelfDestruct's TSDoc).
    await client.send(new DeleteStackCommand({ StackName: stackId }));
  }
  console.log(JSON.stringify({ stackId, ...decision }));
  return decision;
}

exports.decide = decide;
exports.run = run;
exports.handler = async () => run();
