// @ts-check
/**
 * Says which version ran and which release its configuration carries (RELEASE_MARK), so a caller can
 * tell that a version's frozen configuration, not $LATEST's, served the invocation.
 */
/** @param {unknown} _event @param {{ functionVersion?: string }} context */
async function handler(_event, context) {
  return { version: context?.functionVersion, releaseMark: process.env.RELEASE_MARK ?? null };
}

exports.handler = handler;
