// @ts-check
/** Waits `event.sleepMs` milliseconds, then returns: asked to wait past its timeout, Lambda stops it first. */
/** @param {{ sleepMs?: unknown }} event */
async function handler(event) {
  const sleepMs = Number(event?.sleepMs ?? 0);
  await new Promise((resolve) => setTimeout(resolve, sleepMs));
  return { sleptMs: sleepMs };
}

exports.handler = handler;
