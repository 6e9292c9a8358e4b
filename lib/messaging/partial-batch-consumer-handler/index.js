// @ts-check
/**
 * SQS consumer with partial batch responses: it processes each message of the batch on its own and
 * returns the ids of the ones it could not process (`batchItemFailures`). Lambda deletes the others;
 * the failed ones reappear after the queue's visibility timeout, and once a message has been
 * received `maxReceiveCount` times SQS moves it to the queue's dead-letter queue.
 *
 * The business logic here is a stand-in: a message whose JSON body says `"poison": true` (or whose
 * body is not a JSON object at all) cannot be processed; every other message succeeds.
 *
 * It never throws for an SQS batch: a thrown error would fail every message of the batch, good ones
 * included. It does throw for an event that is not an SQS batch (an asynchronous invocation), which
 * is what sends such an event to the function's own dead-letter queue.
 *
 * Each message leaves one log line, `LABEVENT {json}`, that the lab's checks count (receives,
 * receive count, sent and first-receive timestamps, the invocation's request id). Plain CommonJS, no dependencies: the asset needs no bundling.
 */

/** Prefix of the structured lines the lab's checks read (PartialBatchConsumer.LOG_PREFIX). */
const LOG_PREFIX = 'LABEVENT';

/**
 * @typedef {{ messageId: string, body: string, attributes?: Record<string, string>, eventSource?: string }} SqsRecord
 * @typedef {{ Records: SqsRecord[] }} SqsBatch
 * @typedef {{ itemIdentifier: string }} BatchItemFailure
 * @typedef {{ runId?: string, kind: string, poison: boolean, reason?: string }} Classification
 * @typedef {{
 *   event: 'receive', runId?: string, kind: string, messageId: string, receiveCount: number,
 *   sentTimestamp: number, firstReceiveTimestamp: number, outcome: 'processed' | 'failed', reason?: string, requestId?: string, at: number
 * }} ReceiveEntry
 */

/**
 * What a message body asks of the consumer. Pure.
 * @param {string} body
 * @returns {Classification}
 */
function classify(body) {
  /** @type {unknown} */
  let parsed;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { kind: 'unparsable', poison: true, reason: 'body is not JSON' };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { kind: 'unparsable', poison: true, reason: 'body is not a JSON object' };
  }
  const message = /** @type {Record<string, unknown>} */ (parsed);
  const runId = typeof message.runId === 'string' ? message.runId : undefined;
  const kind = typeof message.kind === 'string' ? message.kind : 'message';
  if (message.poison === true) return { runId, kind, poison: true, reason: 'marked as poison' };
  return { runId, kind, poison: false };
}

/**
 * True for the event of an SQS event source mapping.
 * @param {unknown} event
 * @returns {event is SqsBatch}
 */
function isSqsBatch(event) {
  const records = /** @type {{ Records?: unknown }} */ (event ?? {}).Records;
  return Array.isArray(records) && records.every((r) => r && typeof r === 'object' && typeof r.messageId === 'string' && typeof r.body === 'string');
}

/**
 * Processes a batch: the partial batch response and one log entry per message. Pure.
 * @param {SqsBatch} batch
 * @param {string | undefined} requestId
 * @param {number} now
 * @returns {{ response: { batchItemFailures: BatchItemFailure[] }, entries: ReceiveEntry[] }}
 */
function processBatch(batch, requestId, now) {
  /** @type {BatchItemFailure[]} */
  const batchItemFailures = [];
  /** @type {ReceiveEntry[]} */
  const entries = [];
  for (const record of batch.Records) {
    const c = classify(record.body);
    if (c.poison) batchItemFailures.push({ itemIdentifier: record.messageId });
    entries.push({
      event: 'receive',
      runId: c.runId,
      kind: c.kind,
      messageId: record.messageId,
      receiveCount: Number(record.attributes?.ApproximateReceiveCount ?? NaN),
      sentTimestamp: Number(record.attributes?.SentTimestamp ?? NaN),
      // When SQS first returned the message (epoch ms, SQS's clock): the start of its first visibility timeout.
      firstReceiveTimestamp: Number(record.attributes?.ApproximateFirstReceiveTimestamp ?? NaN),
      outcome: c.poison ? 'failed' : 'processed',
      ...(c.reason ? { reason: c.reason } : {}),
      requestId,
      at: now,
    });
  }
  return { response: { batchItemFailures }, entries };
}

/**
 * @param {unknown} event
 * @param {{ awsRequestId?: string }} [context]
 */
async function handler(event, context) {
  if (!isSqsBatch(event)) {
    const runId = /** @type {{ runId?: unknown }} */ (event ?? {}).runId;
    console.log(`${LOG_PREFIX} ${JSON.stringify({ event: 'rejected', runId, requestId: context?.awsRequestId, at: Date.now() })}`);
    throw new Error('not an SQS batch: this consumer only processes events from its SQS event source mapping');
  }
  const { response, entries } = processBatch(event, context?.awsRequestId, Date.now());
  for (const entry of entries) console.log(`${LOG_PREFIX} ${JSON.stringify(entry)}`);
  return response;
}

exports.LOG_PREFIX = LOG_PREFIX;
exports.classify = classify;
exports.isSqsBatch = isSqsBatch;
exports.processBatch = processBatch;
exports.handler = handler;
