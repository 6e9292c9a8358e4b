import * as net from 'node:net';

// The handler is the asset's plain CommonJS file, tested as Lambda runs it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const probe = require('../../lib/database/failover-probe-handler/index.js');

const LOCAL = [{ address: '127.0.0.1', ttl: 5 }];
const resolveLocal = async () => LOCAL;

/** A backend message: type byte, Int32 length (counting itself), body. */
function message(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

/** AuthenticationSASL (R, code 10) offering SCRAM-SHA-256, as PostgreSQL sends it. */
const AUTH_SASL = message('R', Buffer.concat([Buffer.from([0, 0, 0, 10]), Buffer.from('SCRAM-SHA-256\0\0', 'latin1')]));

function errorResponse(fields: Record<string, string>): Buffer {
  return message('E', Buffer.concat([...Object.entries(fields).map(([k, v]) => Buffer.from(`${k}${v}\0`, 'utf8')), Buffer.from([0])]));
}

const STARTING_UP = errorResponse({ S: 'FATAL', V: 'FATAL', C: '57P03', M: 'the database system is starting up', R: 'ProcessStartupPacket' });
const NO_HBA_ENTRY = errorResponse({ S: 'FATAL', V: 'FATAL', C: '28000', M: 'no pg_hba.conf entry for host "10.30.0.12", user "lab_failover_probe", database "postgres", no encryption' });

/** A fake PostgreSQL server: answers the SSLRequest with `answer`, then the StartupMessage with `reply`. */
async function fakeServer(answer: string | null, reply?: Buffer, options: { closeOnConnect?: boolean } = {}) {
  const received: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    if (options.closeOnConnect) {
      socket.end();
      return;
    }
    let stage = 0;
    socket.on('data', (chunk) => {
      received.push(chunk);
      if (stage === 0 && answer !== null) socket.write(answer);
      else if (stage === 1 && reply) socket.write(reply);
      stage++;
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Stands in for TLS: the fake server speaks plaintext after its `S`. */
const passthroughTls = async (socket: net.Socket) => socket;

function tryOnce(port: number, overrides: Record<string, unknown> = {}) {
  return probe.attempt({ seq: 1, host: 'db.example.internal', port, timeoutMs: 500, readiness: true, resolve: resolveLocal, upgrade: passthroughTls, ...overrides });
}

describe('PostgreSQL protocol messages', () => {
  test('the SSLRequest is 8 bytes: length 8, then the code 80877103', () => {
    expect(probe.sslRequestPacket().toString('hex')).toBe('0000000804d2162f');
  });

  test('the StartupMessage carries protocol 3.0 and NUL-terminated parameters, and no password', () => {
    const packet: Buffer = probe.startupMessagePacket({ user: 'lab_failover_probe', database: 'postgres' });
    expect(packet.readInt32BE(0)).toBe(packet.length);
    expect(packet.readInt32BE(4)).toBe(196608);
    expect(packet.subarray(8).toString('latin1')).toBe('user\0lab_failover_probe\0database\0postgres\0\0');
  });

  test('parseServerMessage waits for a whole message', () => {
    expect(probe.parseServerMessage(Buffer.from('R'))).toBeUndefined();
    expect(probe.parseServerMessage(AUTH_SASL.subarray(0, 9))).toBeUndefined();
    expect(probe.parseServerMessage(AUTH_SASL)).toEqual({ type: 'R', code: 10 });
    expect(probe.parseServerMessage(STARTING_UP)).toEqual({
      type: 'E',
      fields: { S: 'FATAL', V: 'FATAL', C: '57P03', M: 'the database system is starting up', R: 'ProcessStartupPacket' },
    });
    expect(probe.parseServerMessage(Buffer.from([0x52, 0, 0, 0, 1]))).toEqual({ type: 'invalid' });
  });

  test.each([
    [AUTH_SASL, { ready: true, detail: 'authentication request 10' }],
    [STARTING_UP, { ready: false, sqlstate: '57P03', detail: '57P03 the database system is starting up' }],
    [NO_HBA_ENTRY, { ready: true, sqlstate: '28000', detail: expect.stringContaining('28000 no pg_hba.conf entry') }],
    [errorResponse({ C: '57P01', M: 'terminating connection due to administrator command' }), { ready: false, sqlstate: '57P01', detail: expect.any(String) }],
    [message('Z', Buffer.from('I')), { ready: false, detail: 'unexpected message Z' }],
  ])('classifyStartupReply %#', (reply, verdict) => {
    expect(probe.classifyStartupReply(probe.parseServerMessage(reply))).toEqual(verdict);
  });
});

describe('one try against a fake server', () => {
  test('S, then an authentication request: the server answers and accepts logins', async () => {
    const server = await fakeServer('S', AUTH_SASL);
    try {
      const result = await tryOnce(server.port);
      expect(result).toMatchObject({ seq: 1, phase: 'done', ok: true, address: '127.0.0.1', ttl: 5, sslAnswer: 'S', ready: true });
      expect(result.error).toBeUndefined();
      expect(server.received[0].toString('hex')).toBe('0000000804d2162f');
      const startup = server.received[1].toString('latin1');
      expect(startup).toContain('user\0lab_failover_probe\0');
      expect(startup).not.toMatch(/password/i);
    } finally {
      await server.close();
    }
  });

  test('S, then 57P03: the server answers but is still starting up', async () => {
    const server = await fakeServer('S', STARTING_UP);
    try {
      expect(await tryOnce(server.port)).toMatchObject({ phase: 'done', ok: true, ready: false, sqlstate: '57P03' });
    } finally {
      await server.close();
    }
  });

  test('N (no TLS): the StartupMessage goes in plaintext and no TLS upgrade is attempted', async () => {
    const server = await fakeServer('N', NO_HBA_ENTRY);
    const upgrade = jest.fn();
    try {
      expect(await tryOnce(server.port, { upgrade })).toMatchObject({ ok: true, sslAnswer: 'N', ready: true, sqlstate: '28000' });
      expect(upgrade).not.toHaveBeenCalled();
    } finally {
      await server.close();
    }
  });

  test('without readiness the try ends at the SSLRequest answer', async () => {
    const server = await fakeServer('S');
    try {
      const result = await tryOnce(server.port, { readiness: false });
      expect(result).toMatchObject({ phase: 'done', ok: true, sslAnswer: 'S' });
      expect(result.ready).toBeUndefined();
      expect(server.received).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  test('a server that is not PostgreSQL fails the try at the SSLRequest', async () => {
    const server = await fakeServer('H');
    try {
      expect(await tryOnce(server.port)).toMatchObject({ phase: 'ssl', ok: false, error: 'EPROTO' });
    } finally {
      await server.close();
    }
  });

  test('a server that never answers fails the try at its deadline', async () => {
    const server = await fakeServer(null);
    try {
      const result = await tryOnce(server.port, { timeoutMs: 150 });
      expect(result).toMatchObject({ phase: 'ssl', ok: false, error: 'TIMEOUT' });
      expect(result.ms).toBeGreaterThanOrEqual(140);
      expect(result.ms).toBeLessThan(1000);
    } finally {
      await server.close();
    }
  });

  test('a server that closes the connection fails the try with ECONNRESET', async () => {
    const server = await fakeServer('S', undefined, { closeOnConnect: true });
    try {
      expect(await tryOnce(server.port)).toMatchObject({ phase: 'ssl', ok: false, error: 'ECONNRESET' });
    } finally {
      await server.close();
    }
  });

  test('a refused connection fails the try at connect', async () => {
    const server = await fakeServer('S');
    const port = server.port;
    await server.close();
    expect(await tryOnce(port)).toMatchObject({ phase: 'connect', ok: false, address: '127.0.0.1', error: 'ECONNREFUSED' });
  });

  test('a readiness failure after an answer keeps ok and records ready false', async () => {
    const server = await fakeServer('S');
    try {
      expect(await tryOnce(server.port, { timeoutMs: 150 })).toMatchObject({ phase: 'startup', ok: true, ready: false, error: 'TIMEOUT' });
    } finally {
      await server.close();
    }
  });

  test('a name that does not resolve fails the try at dns, with no address', async () => {
    const notFound = async () => {
      throw Object.assign(new Error('queryA ENOTFOUND db.example.internal'), { code: 'ENOTFOUND' });
    };
    const result = await tryOnce(1, { resolve: notFound });
    expect(result).toMatchObject({ phase: 'dns', ok: false, error: 'ENOTFOUND' });
    expect(result.address).toBeUndefined();
  });

  test('a resolver that hangs fails the try at its deadline', async () => {
    const hang = () => new Promise(() => undefined);
    expect(await tryOnce(1, { resolve: hang, timeoutMs: 100 })).toMatchObject({ phase: 'dns', ok: false, error: 'TIMEOUT' });
  });

  test('every address is recorded when the name has several', async () => {
    const two = async () => [{ address: '10.30.0.87', ttl: 5 }, { address: '10.30.1.143', ttl: 5 }];
    const refuse = async () => {
      throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    };
    expect(await tryOnce(1, { resolve: two, connect: refuse })).toMatchObject({ address: '10.30.0.87', addresses: ['10.30.0.87', '10.30.1.143'], error: 'ECONNREFUSED' });
  });
});

describe('the schedule of tries', () => {
  /** A fake clock: sleep advances it; each try takes `took(seq)` ms. */
  function run(options: { durationMs: number; deadline: number; took?: (seq: number) => number }) {
    let now = 0;
    const starts: number[] = [];
    const tryOnceFake = async ({ seq }: { seq: number }) => {
      starts.push(now);
      const ms = options.took?.(seq) ?? 30;
      now += ms;
      return { seq, at: starts[starts.length - 1], ms, phase: 'done', ok: true };
    };
    const result = probe.probe({
      host: 'db.example.internal', port: 5432, durationMs: options.durationMs, intervalMs: 1000, attemptTimeoutMs: 900, readiness: true,
      deadline: options.deadline, now: () => now, sleep: async (ms: number) => void (now += ms), tryOnce: tryOnceFake,
    });
    return result.then((window: any) => ({ window, starts }));
  }

  test('one try per interval, on a fixed grid, for the requested duration', async () => {
    const { window, starts } = await run({ durationMs: 5000, deadline: 60_000 });
    expect(starts).toEqual([0, 1000, 2000, 3000, 4000]);
    expect(window).toMatchObject({ requestedSeconds: 5, truncated: false, intervalMs: 1000, attemptTimeoutMs: 900 });
    expect(window.attempts.map((a: any) => a.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  test('a try that overruns its slot skips to the next free slot: never two connections at once', async () => {
    const { starts } = await run({ durationMs: 6000, deadline: 60_000, took: (seq) => (seq === 2 ? 2500 : 30) });
    expect(starts).toEqual([0, 1000, 4000, 5000]);
  });

  test('the run stops early enough for the last try to finish before the deadline, and says it was cut', async () => {
    const { window, starts } = await run({ durationMs: 10_000, deadline: 4_500 });
    expect(starts).toEqual([0, 1000, 2000, 3000]);
    expect(window.truncated).toBe(true);
  });
});

describe('the handler', () => {
  const env = { ...process.env };
  afterEach(() => {
    process.env = { ...env };
  });
  const context = { getRemainingTimeInMillis: () => 270_000 };

  function configure() {
    Object.assign(process.env, { TARGET_HOST: 'db.example.internal', TARGET_PORT: '5432', INTERVAL_MS: '1000', ATTEMPT_TIMEOUT_MS: '900', MAX_WINDOW_SECONDS: '240', CHECK_READINESS: 'true' });
  }

  test('reads its target from the environment, not from the event', () => {
    configure();
    expect(probe.settings(process.env)).toEqual({ host: 'db.example.internal', port: 5432, intervalMs: 1000, attemptTimeoutMs: 900, maxWindowSeconds: 240, readiness: true });
  });

  test('throws when its settings are missing, naming them', () => {
    expect(() => probe.settings({ TARGET_PORT: '5432' })).toThrow('failover probe: missing or invalid settings host, intervalMs, attemptTimeoutMs, maxWindowSeconds');
  });

  test.each([
    [{}, 'durationSeconds: received undefined; allowed: 1 to 240'],
    [{ durationSeconds: 0 }, 'durationSeconds: received 0; allowed: 1 to 240'],
    [{ durationSeconds: 241 }, 'durationSeconds: received 241; allowed: 1 to 240'],
    [{ durationSeconds: 'ten' }, 'durationSeconds: received "ten"; allowed: 1 to 240'],
  ])('throws when the event asks for %j', async (event, error) => {
    configure();
    await expect(probe.handler(event, context)).rejects.toThrow(error);
  });
});
