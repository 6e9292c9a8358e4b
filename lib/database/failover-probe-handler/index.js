// @ts-check
/**
 * Failover probe: runs inside the database's VPC and, once per interval for the duration it is
 * asked for, does what a client does when it opens a connection, recording each try:
 *
 * 1. **DNS**: resolves the endpoint name (a fresh query each time, with the record's TTL), because
 *    a Multi-AZ failover moves the DNS record, not the name;
 * 2. **TCP**: connects to the address it just resolved;
 * 3. **SSLRequest**: sends PostgreSQL's 8-byte SSLRequest and expects one byte, `S` or `N`. This
 *    needs no credentials and proves a PostgreSQL server process answers at that address;
 * 4. **readiness** (optional): upgrades to TLS when the server said `S` and sends a StartupMessage
 *    for a user that does not exist. A server that accepts logins answers with an authentication
 *    request (`R`) or an authentication error; a server still starting up (crash recovery on the
 *    promoted standby) answers SQLSTATE 57P03. No password is ever sent.
 *
 * The target comes from the function's environment, never from the event: the function cannot be
 * turned into a scanner of other hosts. Every try has one deadline for all its steps, so tries
 * stay on their schedule, and the run ends before the Lambda timeout (it reads the remaining time
 * from the context). The result is the timeline; analysis happens in the check, not here.
 *
 * Plain CommonJS with Node built-ins only, so the asset needs no bundling and the same file is
 * unit-tested.
 *
 * @see https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-SSL
 * @see https://www.postgresql.org/docs/current/protocol-message-formats.html
 */
const net = require('node:net');
const tls = require('node:tls');
const { Resolver } = require('node:dns').promises;

/** SSLRequest code: 1234 in the high 16 bits, 5679 in the low 16 bits. */
const SSL_REQUEST_CODE = 80877103;
/** Protocol version 3.0. */
const PROTOCOL_3_0 = 196608;
/** SQLSTATE class 57P0x: the server cannot accept connections now (starting up, shutting down...). */
const NOT_READY_SQLSTATE = /^57P0[1-4]$/;
/** A user name no database has: the probe never logs in. */
const PROBE_USER = 'lab_failover_probe';
/** Time kept back from the Lambda deadline so the result is returned in time. */
const SAFETY_MS = 2000;

/**
 * @typedef {'dns' | 'connect' | 'ssl' | 'startup' | 'done'} Phase
 * @typedef {{
 *   seq: number, at: number, ms: number, phase: Phase, ok: boolean,
 *   address?: string, addresses?: string[], ttl?: number,
 *   sslAnswer?: 'S' | 'N', ready?: boolean, sqlstate?: string, error?: string
 * }} Attempt
 * @typedef {{
 *   host: string, port: number, intervalMs: number, attemptTimeoutMs: number, readiness: boolean,
 *   requestedSeconds: number, startedAt: number, endedAt: number, truncated: boolean, attempts: Attempt[]
 * }} ProbeWindow
 * @typedef {{ address: string, ttl: number }} Resolved
 * @typedef {(host: string, timeoutMs: number) => Promise<Resolved[]>} ResolveFn
 * @typedef {(socket: net.Socket, host: string, timeoutMs: number) => Promise<net.Socket>} StartTlsFn
 * @typedef {{ type: string, code?: number, fields?: Record<string, string> }} ServerMessage
 */

/** @returns {Buffer} the SSLRequest packet: length 8, then the SSLRequest code. */
function sslRequestPacket() {
  const packet = Buffer.alloc(8);
  packet.writeInt32BE(8, 0);
  packet.writeInt32BE(SSL_REQUEST_CODE, 4);
  return packet;
}

/**
 * A protocol 3.0 StartupMessage: length, version, then name/value pairs, each NUL-terminated, and
 * a final NUL.
 * @param {Record<string, string>} parameters
 * @returns {Buffer}
 */
function startupMessagePacket(parameters) {
  const body = Buffer.concat([
    ...Object.entries(parameters).flatMap(([k, v]) => [Buffer.from(`${k}\0`, 'utf8'), Buffer.from(`${v}\0`, 'utf8')]),
    Buffer.from([0]),
  ]);
  const header = Buffer.alloc(8);
  header.writeInt32BE(8 + body.length, 0);
  header.writeInt32BE(PROTOCOL_3_0, 4);
  return Buffer.concat([header, body]);
}

/**
 * Parses the first backend message of a buffer: a type byte, an Int32 length that counts itself,
 * then the body. Returns undefined until the whole message has arrived.
 * @param {Buffer} buffer
 * @returns {ServerMessage | undefined}
 */
function parseServerMessage(buffer) {
  if (buffer.length < 5) return undefined;
  const type = String.fromCharCode(buffer[0]);
  const length = buffer.readInt32BE(1);
  if (length < 4 || length > 1 << 20) return { type: 'invalid' };
  if (buffer.length < 1 + length) return undefined;
  const body = buffer.subarray(5, 1 + length);
  if (type === 'R') return { type, code: body.length >= 4 ? body.readInt32BE(0) : -1 };
  if (type === 'E' || type === 'N') {
    /** @type {Record<string, string>} */
    const fields = {};
    let i = 0;
    while (i < body.length && body[i] !== 0) {
      const end = body.indexOf(0, i + 1);
      if (end < 0) break;
      fields[String.fromCharCode(body[i])] = body.subarray(i + 1, end).toString('utf8');
      i = end + 1;
    }
    return { type, fields };
  }
  return { type };
}

/**
 * Whether the server's answer to a StartupMessage means it accepts logins. An authentication
 * request, or an authentication error (no such user, no pg_hba entry), comes from a server that
 * processes logins; 57P0x (starting up, shutting down, not yet accepting) does not.
 * @param {ServerMessage} message
 * @returns {{ ready: boolean, sqlstate?: string, detail: string }}
 */
function classifyStartupReply(message) {
  if (message.type === 'R') return { ready: true, detail: `authentication request ${message.code}` };
  if (message.type === 'E') {
    const sqlstate = message.fields?.C ?? '';
    const detail = `${sqlstate} ${message.fields?.M ?? ''}`.trim();
    return { ready: !NOT_READY_SQLSTATE.test(sqlstate), sqlstate, detail };
  }
  return { ready: false, detail: `unexpected message ${message.type}` };
}

/**
 * A promise that rejects with code TIMEOUT after `ms`, cleaned up when the work settles.
 * @template T
 * @param {Promise<T>} work
 * @param {number} ms
 * @param {string} what
 * @returns {Promise<T>}
 */
function withTimeout(work, ms, what) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`${what} timed out`), { code: 'TIMEOUT' })), Math.max(0, ms));
  });
  return /** @type {Promise<T>} */ (Promise.race([work, timeout]).finally(() => clearTimeout(timer)));
}

/**
 * Resolves with the VPC's resolver (the one in /etc/resolv.conf), one try, no cache of our own.
 * @type {ResolveFn}
 */
async function resolveWithTtl(host, timeoutMs) {
  const resolver = new Resolver({ timeout: Math.max(1, Math.floor(timeoutMs)), tries: 1 });
  return resolver.resolve4(host, { ttl: true });
}

/**
 * @param {string} address
 * @param {number} port
 * @param {number} timeoutMs
 * @returns {Promise<net.Socket>}
 */
function connectTcp(address, port, timeoutMs) {
  const socket = net.connect({ host: address, port, noDelay: true });
  const connected = new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
  return withTimeout(/** @type {Promise<net.Socket>} */ (connected), timeoutMs, 'connect').catch((error) => {
    socket.destroy();
    throw error;
  });
}

/**
 * Upgrades to TLS after the server's `S`. The certificate is not verified: the probe sends no
 * secret and only reads the server's first answer; what it measures is whether the server answers.
 * @type {StartTlsFn}
 */
function startTls(socket, host, timeoutMs) {
  const secure = tls.connect({ socket, servername: host, rejectUnauthorized: false });
  const ready = new Promise((resolve, reject) => {
    secure.once('secureConnect', () => resolve(secure));
    secure.once('error', reject);
  });
  return withTimeout(/** @type {Promise<net.Socket>} */ (ready), timeoutMs, 'tls').catch((error) => {
    secure.destroy();
    throw error;
  });
}

/**
 * Reads from a socket until `complete` returns a value, the socket ends, or the time runs out.
 * @template T
 * @param {net.Socket} socket
 * @param {(buffer: Buffer) => T | undefined} complete
 * @param {number} timeoutMs
 * @param {string} what
 * @returns {Promise<T>}
 */
function readUntil(socket, complete, timeoutMs, what) {
  /** @type {Buffer} */
  let buffer = Buffer.alloc(0);
  /** @type {(chunk: Buffer) => void} */
  let onData = () => undefined;
  /** @type {() => void} */
  let onEnd = () => undefined;
  /** @type {(error: Error) => void} */
  let onError = () => undefined;
  const reading = new Promise((resolve, reject) => {
    onData = (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      const value = complete(buffer);
      if (value !== undefined) resolve(value);
    };
    onEnd = () => reject(Object.assign(new Error(`${what}: connection closed by the server`), { code: 'ECONNRESET' }));
    onError = reject;
    socket.on('data', onData);
    socket.once('end', onEnd);
    socket.once('error', onError);
  });
  return withTimeout(/** @type {Promise<T>} */ (reading), timeoutMs, what).finally(() => {
    socket.off('data', onData);
    socket.off('end', onEnd);
    socket.off('error', onError);
  });
}

/**
 * @param {unknown} error
 * @returns {string}
 */
function errorCode(error) {
  const e = /** @type {{ code?: string, message?: string }} */ (error);
  return e?.code ?? e?.message ?? String(error);
}

/**
 * One try: DNS, TCP, SSLRequest and (optionally) readiness, all within one deadline.
 * @param {{
 *   seq: number, host: string, port: number, timeoutMs: number, readiness: boolean,
 *   resolve?: ResolveFn, connect?: typeof connectTcp, upgrade?: StartTlsFn, now?: () => number
 * }} options
 * @returns {Promise<Attempt>}
 */
async function attempt(options) {
  const now = options.now ?? Date.now;
  const resolve = options.resolve ?? resolveWithTtl;
  const connect = options.connect ?? connectTcp;
  const upgrade = options.upgrade ?? startTls;
  const at = now();
  const left = () => options.timeoutMs - (now() - at);
  /** @type {Attempt} */
  const result = { seq: options.seq, at, ms: 0, phase: 'dns', ok: false };
  /** @type {net.Socket[]} */
  const sockets = [];
  try {
    const answers = await withTimeout(resolve(options.host, left()), left(), 'dns');
    if (answers.length === 0) throw Object.assign(new Error('no address'), { code: 'ENODATA' });
    result.address = answers[0].address;
    if (answers.length > 1) result.addresses = answers.map((a) => a.address);
    result.ttl = answers[0].ttl;

    result.phase = 'connect';
    const socket = await connect(result.address, options.port, left());
    sockets.push(socket);

    result.phase = 'ssl';
    socket.write(sslRequestPacket());
    const answer = await readUntil(socket, (b) => (b.length >= 1 ? String.fromCharCode(b[0]) : undefined), left(), 'ssl answer');
    if (answer !== 'S' && answer !== 'N') throw Object.assign(new Error(`not PostgreSQL: answered ${JSON.stringify(answer)}`), { code: 'EPROTO' });
    result.sslAnswer = answer;
    result.ok = true;

    if (options.readiness) {
      result.phase = 'startup';
      const channel = answer === 'S' ? await upgrade(socket, options.host, left()) : socket;
      if (channel !== socket) sockets.push(channel);
      channel.write(startupMessagePacket({ user: PROBE_USER, database: 'postgres', application_name: 'rds-failover-probe' }));
      const message = await readUntil(channel, parseServerMessage, left(), 'startup reply');
      const verdict = classifyStartupReply(message);
      result.ready = verdict.ready;
      if (verdict.sqlstate) result.sqlstate = verdict.sqlstate;
    }
    result.phase = 'done';
  } catch (error) {
    result.error = errorCode(error);
    if (result.ok && options.readiness) result.ready = false;
  } finally {
    for (const s of sockets.reverse()) s.destroy();
    result.ms = now() - at;
  }
  return result;
}

/**
 * Runs tries on a fixed schedule (`startedAt + k × interval`) until `durationMs` has passed or the
 * next try could not finish before `deadline`. A try that overruns its slot skips to the next
 * free slot, so there is never more than one connection at a time.
 * @param {{
 *   host: string, port: number, durationMs: number, intervalMs: number, attemptTimeoutMs: number,
 *   readiness: boolean, deadline: number, now?: () => number, sleep?: (ms: number) => Promise<void>,
 *   tryOnce?: typeof attempt, resolve?: ResolveFn, connect?: typeof connectTcp, upgrade?: StartTlsFn
 * }} options
 * @returns {Promise<ProbeWindow>}
 */
async function probe(options) {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  const tryOnce = options.tryOnce ?? attempt;
  const startedAt = now();
  const wantedEnd = startedAt + options.durationMs;
  const end = Math.min(wantedEnd, options.deadline - options.attemptTimeoutMs);
  /** @type {Attempt[]} */
  const attempts = [];
  let slot = 0;
  for (let seq = 1; ; seq++) {
    const scheduled = startedAt + slot * options.intervalMs;
    if (scheduled >= end) break;
    const wait = scheduled - now();
    if (wait > 0) await sleep(wait);
    attempts.push(
      await tryOnce({
        seq, host: options.host, port: options.port, timeoutMs: options.attemptTimeoutMs, readiness: options.readiness,
        resolve: options.resolve, connect: options.connect, upgrade: options.upgrade, now,
      }),
    );
    slot = Math.max(slot + 1, Math.ceil((now() - startedAt) / options.intervalMs));
  }
  return {
    host: options.host,
    port: options.port,
    intervalMs: options.intervalMs,
    attemptTimeoutMs: options.attemptTimeoutMs,
    readiness: options.readiness,
    requestedSeconds: options.durationMs / 1000,
    startedAt,
    endedAt: now(),
    truncated: wantedEnd > end,
    attempts,
  };
}

/**
 * Reads the function's settings from its environment.
 * @param {NodeJS.ProcessEnv} env
 */
function settings(env) {
  const config = {
    host: env.TARGET_HOST ?? '',
    port: Number(env.TARGET_PORT),
    intervalMs: Number(env.INTERVAL_MS),
    attemptTimeoutMs: Number(env.ATTEMPT_TIMEOUT_MS),
    maxWindowSeconds: Number(env.MAX_WINDOW_SECONDS),
    readiness: env.CHECK_READINESS === 'true',
  };
  const bad = Object.entries(config).filter(([k, v]) => (k === 'host' ? !v : typeof v === 'number' && !(v > 0)));
  if (bad.length > 0) throw new Error(`failover probe: missing or invalid settings ${bad.map(([k]) => k).join(', ')}`);
  return config;
}

/**
 * @param {unknown} event
 * @param {number} maxWindowSeconds
 * @returns {number}
 */
function requestedSeconds(event, maxWindowSeconds) {
  const value = Number(/** @type {{ durationSeconds?: unknown }} */ (event)?.durationSeconds);
  if (!Number.isFinite(value) || value < 1 || value > maxWindowSeconds) {
    throw new Error(`durationSeconds: received ${JSON.stringify(/** @type {any} */ (event)?.durationSeconds)}; allowed: 1 to ${maxWindowSeconds}`);
  }
  return value;
}

/**
 * @param {{ durationSeconds?: number }} event
 * @param {{ getRemainingTimeInMillis(): number }} context
 * @returns {Promise<ProbeWindow>}
 */
async function handler(event, context) {
  const config = settings(process.env);
  const seconds = requestedSeconds(event, config.maxWindowSeconds);
  const window = await probe({
    host: config.host,
    port: config.port,
    durationMs: seconds * 1000,
    intervalMs: config.intervalMs,
    attemptTimeoutMs: config.attemptTimeoutMs,
    readiness: config.readiness,
    deadline: Date.now() + context.getRemainingTimeInMillis() - SAFETY_MS,
  });
  const failed = window.attempts.filter((a) => !a.ok).length;
  console.log(JSON.stringify({ host: window.host, attempts: window.attempts.length, failed, truncated: window.truncated }));
  return window;
}

module.exports = {
  sslRequestPacket,
  startupMessagePacket,
  parseServerMessage,
  classifyStartupReply,
  attempt,
  probe,
  settings,
  requestedSeconds,
  handler,
  PROBE_USER,
};
