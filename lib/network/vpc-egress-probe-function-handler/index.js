// @ts-check
/**
 * From inside a VPC, tries one HTTPS request to https://checkip.amazonaws.com (which answers with the
 * caller's public IP) and says what happened: reached (and as which address) or not, how long it took,
 * and what kind of failure it was. Its own timeout is shorter than the function's, so a path without a
 * way out answers "not reached" instead of timing the function out.
 *
 * Only `kind: 'timeout'` is "no answer": packets left and nothing came back, which is what a subnet
 * without a way out does. A DNS error, a refused or reset connection, an unreachable network or a TLS
 * error ended the request before it could test the path, so the caller must not read it as "no way out".
 * The codes are Node's system error codes (Node.js "Errors", Common system errors) and the resolver's
 * (Node.js "DNS", Error codes).
 * @see https://nodejs.org/api/http.html#httprequesturl-options-callback (the `timeout` option, the 'timeout' event)
 * @see https://nodejs.org/api/errors.html#common-system-errors
 * @see https://nodejs.org/api/dns.html#error-codes
 * @see https://nodejs.org/api/net.html#event-lookup
 */
const https = require('node:https');

const URL = 'https://checkip.amazonaws.com';

/** The probe's own error for its timeout, so it can be told apart from every other failure. */
const TIMEOUT_CODE = 'LAB_PROBE_TIMEOUT';

/**
 * The kind of failure, from the error's code and how far the request got: a timeout is a timeout of the
 * connection only when the name was resolved and TCP never connected (the socket's 'lookup' and 'connect'
 * events, Node.js "net", class net.Socket); a timeout before the lookup ended is the resolver's, one after
 * the connection is the server's.
 * @param {{ code?: unknown }} e
 * @param {{ resolved: boolean, connected: boolean }} progress
 * @returns {'timeout' | 'dns' | 'refused' | 'reset' | 'unreachable' | 'tls' | 'stalled' | 'other'}
 */
function kindOf(e, progress) {
  const code = typeof e?.code === 'string' ? e.code : '';
  if (code === TIMEOUT_CODE || code === 'ETIMEDOUT') return !progress.resolved ? 'dns' : progress.connected ? 'stalled' : 'timeout';
  if (['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'ENODATA', 'ESERVFAIL'].includes(code)) return 'dns';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'reset';
  if (code === 'ENETUNREACH' || code === 'EHOSTUNREACH') return 'unreachable';
  if (code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || code.includes('CERT')) return 'tls';
  return 'other';
}

/** @param {{ timeoutMs?: unknown }} event */
async function handler(event) {
  const timeoutMs = Number(event?.timeoutMs ?? 5000);
  const started = Date.now();
  const progress = { resolved: false, connected: false };
  return new Promise((resolve) => {
    // A fresh connection every time (no keep-alive agent): each invocation tests the path, not a socket left open by the last.
    const req = https.get(URL, { timeout: timeoutMs, agent: false }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ reached: true, status: res.statusCode ?? null, publicIp: body.trim(), elapsedMs: Date.now() - started }));
    });
    req.on('socket', (socket) => {
      socket.once('lookup', (err) => (progress.resolved = !err));
      socket.once('connect', () => (progress.connected = true));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: TIMEOUT_CODE })));
    req.on('error', (e) => resolve({ reached: false, kind: kindOf(/** @type {any} */ (e), progress), ...progress, code: /** @type {any} */ (e).code ?? null, error: e.message, timeoutMs, elapsedMs: Date.now() - started }));
  });
}

exports.URL = URL;
exports.kindOf = kindOf;
exports.handler = handler;
