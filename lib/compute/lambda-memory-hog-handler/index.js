// @ts-check
/**
 * Allocates `event.mb` megabytes in 8 MB buffers filled with ones (so every page is really touched,
 * not left as lazily zeroed memory) and returns how much it held. Asked for more than the function's
 * memory size, it never returns: Lambda stops it. Buffers live outside the V8 heap, so what runs out
 * is the function's memory, not Node's heap limit.
 */
const CHUNK_MB = 8;

/** @param {{ mb?: unknown }} event */
async function handler(event) {
  const mb = Number(event?.mb ?? 0);
  /** @type {Buffer[]} */
  const held = [];
  while (held.length * CHUNK_MB < mb) held.push(Buffer.alloc(CHUNK_MB * 1024 * 1024, 1));
  return { allocatedMb: held.length * CHUNK_MB };
}

exports.CHUNK_MB = CHUNK_MB;
exports.handler = handler;
