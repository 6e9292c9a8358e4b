import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fakeObserveContext } from '../../../lib/lab-kit/testing';
import { type Colour, colourPageHtml } from '../../../lib/deployment/colour-page';
import { anySignal, DEFAULT_TRAFFIC, generateTraffic, trafficSettings, uniqueUrl } from '../traffic';

afterEach(() => jest.restoreAllMocks());

describe('trafficSettings', () => {
  test('defaults to 10 requests per second for 30 s with a 5 s timeout', () => {
    expect(trafficSettings({})).toEqual(DEFAULT_TRAFFIC);
    expect(DEFAULT_TRAFFIC).toEqual({ ratePerSecond: 10, durationSeconds: 30, timeoutSeconds: 5 });
  });

  test('reads --rate, --duration and --timeout', () => {
    expect(trafficSettings({ rate: '20', duration: '60', timeout: '2' })).toEqual({ ratePerSecond: 20, durationSeconds: 60, timeoutSeconds: 2 });
  });

  test('throws when options are out of range, listing every problem', () => {
    expect(() => trafficSettings({ rate: '0', duration: '301', timeout: 'soon' })).toThrow(
      '--rate: received "0"; allowed: an integer from 1 to 50 (requests per second); ' +
        '--duration: received "301"; allowed: an integer from 30 to 300 (seconds); ' +
        '--timeout: received "soon"; allowed: an integer from 1 to 10 (seconds)',
    );
  });

  test('throws when an option is given without a value', () => {
    expect(() => trafficSettings({ rate: true })).toThrow('--rate: received true; allowed: an integer from 1 to 50 (requests per second)');
  });
});

function page(colour: Colour): Response {
  return new Response(colourPageHtml(colour, colour === 'blue' ? 'v1' : 'v2'), { status: 200 });
}

// AbortSignal.any: "Added in: v20.3.0, v18.17.0" (Node.js docs, Globals, https://nodejs.org/api/globals.html#static-method-abortsignalanysignals);
// package.json allows ">=20", so the probe must not need it.
async function withoutAbortSignalAny(run: () => Promise<void> | void): Promise<void> {
  const descriptor = Object.getOwnPropertyDescriptor(AbortSignal, 'any');
  delete (AbortSignal as { any?: unknown }).any;
  try {
    expect('any' in AbortSignal).toBe(false);
    await run();
  } finally {
    if (descriptor) Object.defineProperty(AbortSignal, 'any', descriptor);
  }
}

describe('anySignal (works without AbortSignal.any, on Node 20.0)', () => {
  test('aborts with the reason of whichever signal aborts first, and removes its listeners when disposed', () =>
    withoutAbortSignalAny(() => {
      const a = new AbortController();
      const b = new AbortController();
      const combined = anySignal([a.signal, b.signal]);
      expect(combined.signal.aborted).toBe(false);
      b.abort(new Error('stop'));
      expect(combined.signal.aborted).toBe(true);
      expect((combined.signal.reason as Error).message).toBe('stop');
      const removed = jest.spyOn(a.signal, 'removeEventListener');
      combined.dispose();
      expect(removed).toHaveBeenCalledWith('abort', expect.any(Function));
    }));

  test('is aborted at once when a signal already is', () => {
    const a = new AbortController();
    a.abort(new Error('already'));
    expect(anySignal([a.signal, new AbortController().signal]).signal.aborted).toBe(true);
  });

  test('generateTraffic runs with AbortSignal.any absent', () =>
    withoutAbortSignalAny(async () => {
      jest.spyOn(globalThis, 'fetch').mockImplementation(async () => page('blue'));
      const r = await generateTraffic(fakeObserveContext(), { url: 'http://alb.example/', settings: { ratePerSecond: 10, durationSeconds: 1, timeoutSeconds: 5 } });
      expect(r.samples.map((x) => x.colour)).toEqual(Array(10).fill('blue'));
    }));
});

describe('generateTraffic (fetch mocked, fake clock)', () => {
  const settings = { ratePerSecond: 10, durationSeconds: 3, timeoutSeconds: 5 };

  test('sends rate × duration requests, evenly spaced, and records what came back', async () => {
    const fetchSpy = jest.spyOn(globalThis, 'fetch').mockImplementation(async () => page('blue'));
    const ctx = fakeObserveContext();
    const r = await generateTraffic(ctx, { url: 'http://alb.example/', settings });
    expect(fetchSpy).toHaveBeenCalledTimes(30);
    expect(r.samples.map((s) => s.startMs)).toEqual(Array.from({ length: 30 }, (_, i) => i * 100));
    // Under the fake clock a request ends when the next sleep has advanced it: end times are not pinned here.
    expect(r.samples[0]).toEqual({ seq: 0, startMs: 0, endMs: expect.any(Number), status: 200, colour: 'blue', version: 'v1' });
    expect(r.aborted).toBe(false);
    expect(fetchSpy.mock.calls[0][1]).toMatchObject({ headers: { 'cache-control': 'no-cache', pragma: 'no-cache' }, redirect: 'manual' });
  });

  // Review 3, finding 1: a cache keys stored responses on the target URI, query included ("the cache key ... the request method and
  // target URI", RFC 9111 "HTTP Caching" §2, https://www.rfc-editor.org/rfc/rfc9111#section-2), and `cache-control: no-cache` only makes
  // it revalidate (RFC 9111 §5.2.1.4), which http.server answers 304. A URL no request carried before is one no cache can answer.
  test('every request goes to its own URL (a unique query string), so no cache can answer it from a stored page', async () => {
    const fetchSpy = jest.spyOn(globalThis, 'fetch').mockImplementation(async () => page('blue'));
    const r = await generateTraffic(fakeObserveContext(), { url: 'http://alb.example/', settings });
    const urls = fetchSpy.mock.calls.map((c) => String(c[0]));
    expect(urls.every((u) => /^http:\/\/alb\.example\/\?r=[0-9a-f-]{36}$/.test(u))).toBe(true);
    expect(new Set(urls).size).toBe(30);
    // The record keeps the URL as given (the stack's name), not the per-request ones.
    expect(r.url).toBe('http://alb.example/');
    expect(uniqueUrl('http://alb.example/?a=1')).toMatch(/^http:\/\/alb\.example\/\?a=1&r=[0-9a-f-]{36}$/);
  });

  test('starts each scheduled action at its time, without holding up the requests', async () => {
    let colour: Colour = 'blue';
    jest.spyOn(globalThis, 'fetch').mockImplementation(async () => page(colour));
    const ctx = fakeObserveContext();
    const r = await generateTraffic(ctx, {
      url: 'http://alb.example/',
      settings,
      actions: [{ label: 'switch to green', atMs: 1000, run: async () => { colour = 'green'; } }],
    });
    expect(r.actions).toEqual([{ label: 'switch to green', startedMs: 1000, endedMs: expect.any(Number) }]);
    expect(r.samples.filter((s) => s.colour === 'blue').map((s) => s.seq)).toEqual(Array.from({ length: 10 }, (_, i) => i));
    expect(ctx.progressLog).toContain('traffic: switch to green at 1.0 s');
  });

  test('records errors and non-page bodies instead of throwing', async () => {
    let n = 0;
    jest.spyOn(globalThis, 'fetch').mockImplementation(async () => {
      n++;
      if (n === 1) throw Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' });
      if (n === 2) throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 3.210.10.20:80'), { code: 'ECONNREFUSED' }) });
      if (n === 3) return new Response('<h1>502 Bad Gateway</h1>', { status: 502 });
      return page('green');
    });
    const r = await generateTraffic(fakeObserveContext(), { url: 'http://alb.example/', settings: { ...settings, durationSeconds: 1 } });
    expect(r.samples.slice(0, 4)).toEqual([
      { seq: 0, startMs: 0, endMs: expect.any(Number), error: 'timeout after 5000 ms' },
      { seq: 1, startMs: 100, endMs: expect.any(Number), error: 'fetch failed: ECONNREFUSED' },
      { seq: 2, startMs: 200, endMs: expect.any(Number), status: 502 },
      { seq: 3, startMs: 300, endMs: expect.any(Number), status: 200, colour: 'green', version: 'v2' },
    ]);
  });

  // Review 2, finding 6: RFC 9110 "HTTP Semantics" §7.6.3 Via (https://www.rfc-editor.org/rfc/rfc9110#section-7.6.3): "A proxy MUST
  // send an appropriate Via header field" in every message it forwards. A proxy's 502 with no Server header, shaped as squid sends it.
  test('records the Via header a proxy adds, beside the Server header', async () => {
    jest.spyOn(globalThis, 'fetch').mockImplementation(async () =>
      new Response('<html><body>ERROR: The requested URL could not be retrieved</body></html>', { status: 502, headers: { via: '1.1 proxy.corp.example (squid/5.7)' } }),
    );
    const r = await generateTraffic(fakeObserveContext(), { url: 'http://alb.example/', settings: { ...settings, durationSeconds: 1 } });
    expect(r.samples[0]).toEqual({ seq: 0, startMs: 0, endMs: expect.any(Number), status: 502, via: '1.1 proxy.corp.example (squid/5.7)' });
  });

  // RFC 9111 "HTTP Caching" §5.1 Age (https://www.rfc-editor.org/rfc/rfc9111#section-5.1): "The presence of an Age header field implies
  // that the response was not generated or validated by the origin server for this request". Age 0 included (a just-revalidated page).
  test('records the Age header a cache adds, 0 included', async () => {
    jest.spyOn(globalThis, 'fetch').mockImplementation(async () =>
      new Response(colourPageHtml('blue', 'v1'), { status: 200, headers: { server: 'SimpleHTTP/0.6 Python/3.9.23', via: '1.1 cache.corp.example (squid/5.7)', age: '0' } }),
    );
    const r = await generateTraffic(fakeObserveContext(), { url: 'http://alb.example/', settings: { ...settings, durationSeconds: 1 } });
    expect(r.samples[0]).toEqual({ seq: 0, startMs: 0, endMs: expect.any(Number), status: 200, colour: 'blue', version: 'v1', server: 'SimpleHTTP/0.6 Python/3.9.23', via: '1.1 cache.corp.example (squid/5.7)', age: '0' });
  });

  test('throws when a scheduled action fails: the experiment did not happen', async () => {
    jest.spyOn(globalThis, 'fetch').mockImplementation(async () => page('blue'));
    await expect(
      generateTraffic(fakeObserveContext(), {
        url: 'http://alb.example/',
        settings,
        label: 'switch',
        actions: [{ label: 'switch to green', atMs: 500, run: async () => { throw new Error('Rate exceeded'); } }],
      }),
    ).rejects.toThrow('switch: switch to green failed: Rate exceeded');
  });

  test('stops sending at once when aborted, and says so', async () => {
    const controller = new AbortController();
    let n = 0;
    jest.spyOn(globalThis, 'fetch').mockImplementation(async () => {
      if (++n === 5) controller.abort();
      return page('blue');
    });
    const r = await generateTraffic(fakeObserveContext(), { url: 'http://alb.example/', settings, signal: controller.signal });
    expect(r.aborted).toBe(true);
    expect(r.samples).toHaveLength(5);
  });

  test('reports progress every 5 seconds', async () => {
    jest.spyOn(globalThis, 'fetch').mockImplementation(async () => page('blue'));
    const ctx = fakeObserveContext();
    await generateTraffic(ctx, { url: 'http://alb.example/', settings: { ...settings, durationSeconds: 12 }, label: 'canary' });
    expect(ctx.progressLog).toEqual(['canary: 51/120 requests sent, 5.0 s', 'canary: 101/120 requests sent, 10.0 s']);
  });
});

describe('generateTraffic against a real HTTP server on loopback', () => {
  let server: http.Server;
  let colour: Colour = 'blue';
  let url = '';
  /** How long the server holds the first request it gets before it picks the colour (a loaded machine, made deterministic). */
  let firstRequestDelayMs = 0;
  /** Resolved once the server has picked the colour of the first request it got. */
  let firstServed: Promise<void> = Promise.resolve();
  let markFirstServed: () => void = () => undefined;
  let handled = 0;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url?.startsWith('/hang')) return; // never answers: the client's timeout must end it
      const first = handled++ === 0;
      const answer = () => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(colourPageHtml(colour, colour === 'blue' ? 'v1' : 'v2'));
        if (first) markFirstServed();
      };
      if (first && firstRequestDelayMs > 0) setTimeout(answer, firstRequestDelayMs);
      else answer();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  function reset(delayMs: number): void {
    colour = 'blue';
    handled = 0;
    firstRequestDelayMs = delayMs;
    firstServed = new Promise<void>((resolve) => (markFirstServed = resolve));
  }

  const realClock = { now: () => Date.now(), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)), progress: () => undefined };

  // Review 2, finding 8: under parallel load the server handled request 0 only after the action at 500 ms had flipped the colour.
  // The action now waits until the server has answered the first request (a handshake, not a race with the clock), and the
  // server holding that request for 700 ms, past the action's time, reproduces the load deterministically.
  test.each([0, 700])('paces 20 requests over a second and sees the switch the action makes (first request held %i ms)', async (delayMs) => {
    reset(delayMs);
    const r = await generateTraffic(realClock, {
      url: `${url}/`,
      settings: { ratePerSecond: 20, durationSeconds: 1, timeoutSeconds: 2 },
      actions: [
        {
          label: 'switch',
          atMs: 500,
          run: async () => {
            await firstServed;
            colour = 'green';
          },
        },
      ],
    });
    expect(r.samples).toHaveLength(20);
    expect(r.samples.every((s) => s.status === 200 && s.colour)).toBe(true);
    expect(r.samples[0].colour).toBe('blue');
    expect(r.samples[19].colour).toBe('green');
    expect(r.samples[19].startMs).toBeGreaterThanOrEqual(900);
    expect(r.actions).toEqual([expect.objectContaining({ label: 'switch', startedMs: expect.any(Number) })]);
    expect(r.actions[0].startedMs).toBeGreaterThanOrEqual(500);
  });

  test('a request that gets no answer ends at its timeout as a failure', async () => {
    const r = await generateTraffic(realClock, { url: `${url}/hang`, settings: { ratePerSecond: 1, durationSeconds: 1, timeoutSeconds: 1 } });
    expect(r.samples).toEqual([expect.objectContaining({ seq: 0, error: 'timeout after 1000 ms' })]);
    expect(r.samples[0].endMs - r.samples[0].startMs).toBeGreaterThanOrEqual(950);
  });
});
