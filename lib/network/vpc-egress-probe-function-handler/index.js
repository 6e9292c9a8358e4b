// @ts-check
/**
 * From inside a VPC, tries one HTTPS request to https://checkip.amazonaws.com (which answers with the
 * caller's public IP) and says what happened: reached (and as which address) or not, and how long it
 * took. Its own timeout is shorter than the function's, so a path without a way out answers "not
 * reached" instead of timing the function out.
 */
const https = require('node:https');

const URL = 'https://checkip.amazonaws.com';

/** @param {{ timeoutMs?: unknown }} event */
async function handler(event) {
  const timeoutMs = Number(event?.timeoutMs ?? 5000);
  const started = Date.now();
  return new Promise((resolve) => {
    const req = https.get(URL, { timeout: timeoutMs }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ reached: true, status: res.statusCode ?? null, publicIp: body.trim(), elapsedMs: Date.now() - started }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (e) => resolve({ reached: false, error: e.message, elapsedMs: Date.now() - started }));
  });
}

exports.URL = URL;
exports.handler = handler;
