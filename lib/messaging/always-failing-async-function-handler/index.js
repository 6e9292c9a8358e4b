// @ts-check
/**
 * A function that always fails, to be invoked asynchronously: each attempt Lambda makes leaves one
 * log line `LABEVENT {json}` (the lab's checks count the attempts and time the retries), then the
 * function throws. After the last retry Lambda sends the event to the on-failure destination (a
 * record with the error) and to the dead-letter queue (the event alone).
 *
 * Plain CommonJS, no dependencies: the asset needs no bundling.
 */

/** Prefix of the structured lines the lab's checks read (AlwaysFailingAsyncFunction.LOG_PREFIX). */
const LOG_PREFIX = 'LABEVENT';

/** The error every attempt ends with; its name becomes the record's `errorType`. */
class DeliberateFailure extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'DeliberateFailure';
  }
}

/**
 * The log entry of one attempt. Pure.
 * @param {unknown} event
 * @param {string | undefined} requestId
 * @param {number} now
 * @returns {{ event: 'attempt', runId?: string, requestId?: string, at: number }}
 */
function attemptEntry(event, requestId, now) {
  const runId = /** @type {{ runId?: unknown }} */ (event ?? {}).runId;
  return { event: 'attempt', runId: typeof runId === 'string' ? runId : undefined, requestId, at: now };
}

/**
 * The message of the error, which names the run so a check can find its own failure record. Pure.
 * @param {unknown} event
 * @returns {string}
 */
function failureMessage(event) {
  const { runId } = attemptEntry(event, undefined, 0);
  return `failed on purpose (run ${runId ?? 'none'}): this function always fails so Lambda retries it`;
}

/**
 * @param {unknown} event
 * @param {{ awsRequestId?: string }} [context]
 */
async function handler(event, context) {
  console.log(`${LOG_PREFIX} ${JSON.stringify(attemptEntry(event, context?.awsRequestId, Date.now()))}`);
  throw new DeliberateFailure(failureMessage(event));
}

exports.LOG_PREFIX = LOG_PREFIX;
exports.DeliberateFailure = DeliberateFailure;
exports.attemptEntry = attemptEntry;
exports.failureMessage = failureMessage;
exports.handler = handler;
