/**
 * A bounded stream of HTTP requests against a load balancer, with actions (a weight change) fired at
 * given times, recording what every request got back. Node's global `fetch`, nothing else.
 *
 * Bounded on purpose: a rate and a duration with small defaults and hard limits, a timeout on every
 * request, and an abort signal that stops it at once. It is a probe, not a load test.
 */
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { ObserveContext } from '../../lib/lab-kit/checks/lab-definition';
import { type Colour, type ColourPage, parseColourPage } from '../../lib/deployment/colour-page';

/** One request and what came back. Times are milliseconds since the stream started. */
export interface RequestSample {
  readonly seq: number;
  readonly startMs: number;
  readonly endMs: number;
  /** The HTTP status; absent when no response came (timeout, connection error). */
  readonly status?: number;
  /** The colour the page named; absent for a failure or a body that is not a colour page. */
  readonly colour?: Colour;
  readonly version?: string;
  /** Why no response came: `timeout after 5000 ms`, `fetch failed: ECONNRESET`. */
  readonly error?: string;
  /**
   * The response's `Server` header, when it had one: who answered. Recorded so a non-2xx from
   * something else than the load balancer or its targets (a proxy) is not counted against AWS.
   */
  readonly server?: string;
  /**
   * The response's `Via` header, when it had one: a proxy forwarded or made the answer (RFC 9110
   * "HTTP Semantics" §7.6.3 Via, https://www.rfc-editor.org/rfc/rfc9110#section-7.6.3: "A proxy MUST
   * send an appropriate Via header field"). Recorded so such an answer (a 2xx included: a cache's
   * stored page) is not counted for or against AWS.
   */
  readonly via?: string;
  /**
   * The response's `Age` header, when it had one: a cache answered ("The presence of an Age header
   * field implies that the response was not generated or validated by the origin server for this
   * request", RFC 9111 "HTTP Caching" §5.1 Age, https://www.rfc-editor.org/rfc/rfc9111#section-5.1).
   * Recorded so such an answer is not counted for or against AWS.
   */
  readonly age?: string;
}

/** Something to do at a given time during the stream, such as a weight change. */
export interface ScheduledAction {
  readonly label: string;
  /** When to start it, in milliseconds since the stream started. */
  readonly atMs: number;
  /** No progress line when it starts (a read that runs every few seconds). @default false */
  readonly quiet?: boolean;
  run(): Promise<unknown>;
}

/** When an action ran, on the stream's clock. */
export interface ActionTiming {
  readonly label: string;
  readonly startedMs: number;
  readonly endedMs: number;
  readonly error?: string;
}

/** Everything a stream recorded. */
export interface TrafficRecord {
  readonly url: string;
  readonly ratePerSecond: number;
  readonly durationMs: number;
  readonly samples: readonly RequestSample[];
  readonly actions: readonly ActionTiming[];
  /** True when the stream was stopped by its abort signal before its end. */
  readonly aborted: boolean;
}

/** The stream's settings, validated by {@link trafficSettings}. */
export interface TrafficSettings {
  readonly ratePerSecond: number;
  readonly durationSeconds: number;
  readonly timeoutSeconds: number;
}

/** Defaults: about 300 requests, at a rate any laptop and any ALB shrug at. */
export const DEFAULT_TRAFFIC: TrafficSettings = { ratePerSecond: 10, durationSeconds: 30, timeoutSeconds: 5 };

/** Hard limits: the probe must stay a probe. */
export const TRAFFIC_LIMITS = {
  ratePerSecond: { min: 1, max: 50 },
  durationSeconds: { min: 30, max: 300 },
  timeoutSeconds: { min: 1, max: 10 },
} as const;

function numberOption(value: string | boolean | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return Number.NaN;
  return value.trim() === '' ? Number.NaN : Number(value);
}

/**
 * The stream's settings from command-line options (`--rate=10 --duration=30 --timeout=5`), with one
 * error listing every value out of range.
 */
export function trafficSettings(options: Readonly<Record<string, string | boolean>>): TrafficSettings {
  const settings: TrafficSettings = {
    ratePerSecond: numberOption(options.rate, DEFAULT_TRAFFIC.ratePerSecond),
    durationSeconds: numberOption(options.duration, DEFAULT_TRAFFIC.durationSeconds),
    timeoutSeconds: numberOption(options.timeout, DEFAULT_TRAFFIC.timeoutSeconds),
  };
  const names: Record<keyof TrafficSettings, string> = { ratePerSecond: 'rate', durationSeconds: 'duration', timeoutSeconds: 'timeout' };
  const units: Record<keyof TrafficSettings, string> = { ratePerSecond: 'requests per second', durationSeconds: 'seconds', timeoutSeconds: 'seconds' };
  const problems = (Object.keys(names) as (keyof TrafficSettings)[])
    .filter((k) => !(Number.isInteger(settings[k]) && settings[k] >= TRAFFIC_LIMITS[k].min && settings[k] <= TRAFFIC_LIMITS[k].max))
    .map((k) => `--${names[k]}: received ${JSON.stringify(options[names[k]])}; allowed: an integer from ${TRAFFIC_LIMITS[k].min} to ${TRAFFIC_LIMITS[k].max} (${units[k]})`);
  if (problems.length > 0) throw new Error(problems.join('; '));
  return settings;
}

/** Options of {@link generateTraffic}. */
export interface TrafficOptions {
  /** The URL every request gets (each with its own query string, {@link uniqueUrl}), e.g. `http://my-alb-123.us-east-1.elb.amazonaws.com/`. */
  readonly url: string;
  readonly settings: TrafficSettings;
  /** Actions to start during the stream (not awaited by the pacing: requests keep their rhythm). */
  readonly actions?: readonly ScheduledAction[];
  /** Stops the stream: no new request is sent and requests in flight are cancelled. */
  readonly signal?: AbortSignal;
  /** Reads a response body. @default {@link parseColourPage} */
  readonly parse?: (body: string) => ColourPage;
  /** Label for progress lines. @default traffic */
  readonly label?: string;
}

function describeError(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError') return `timeout after ${timeoutMs} ms`;
  if (e?.name === 'AbortError') return 'aborted';
  const cause = e?.cause ? `: ${e.cause.code ?? e.cause.message ?? String(e.cause)}` : '';
  return `${e?.message ?? String(error)}${cause}`;
}

/**
 * The error a failed scheduled action ends the stream with: `message`, with the original error as its
 * `cause` and the fields that identify an AWS SDK error copied over (`name`, `Code`, `$metadata`), so
 * that an AccessDenied or a Throttling from ModifyListener stays one (ModifyListener's errors:
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_ModifyListener.html ;
 * an SDK error is told by its `name`, "Handle service client responses", AWS SDK for JavaScript v3,
 * https://docs.aws.amazon.com/sdk-for-javascript/v3/developer-guide/the-response-object.html).
 */
export function actionFailure(message: string, original: unknown): Error {
  const error = new Error(message, { cause: original });
  const o = (typeof original === 'object' && original !== null ? original : {}) as { name?: unknown; Code?: unknown; $metadata?: unknown };
  if (typeof o.name === 'string' && o.name !== 'Error') error.name = o.name;
  if (o.Code !== undefined) Object.assign(error, { Code: o.Code });
  if (o.$metadata !== undefined) Object.assign(error, { $metadata: o.$metadata });
  return error;
}

/**
 * A signal that aborts when any of `signals` does, with that signal's reason, and a `dispose` that
 * removes its listeners. `AbortSignal.any` would do it, but it was added in Node 20.3.0 (https://nodejs.org/api/globals.html#static-method-abortsignalanysignals) and package.json
 * allows Node 20.0 (`engines: >=20`); this works on every Node with `AbortController` (15+).
 */
export function anySignal(signals: readonly AbortSignal[]): { readonly signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const already = signals.find((s) => s.aborted);
  if (already) {
    controller.abort(already.reason);
    return { signal: controller.signal, dispose: () => undefined };
  }
  const listeners = signals.map((s) => {
    const onAbort = () => controller.abort(s.reason);
    s.addEventListener('abort', onAbort, { once: true });
    return () => s.removeEventListener('abort', onAbort);
  });
  return { signal: controller.signal, dispose: () => listeners.forEach((remove) => remove()) };
}

/** What one GET got back: a status and the colour its page names, or why no response came. */
export type Answer = Pick<RequestSample, 'status' | 'colour' | 'version' | 'error' | 'server' | 'via' | 'age'>;

/**
 * `url` with a query string no request has carried before (`?r=<random UUID>`), so no cache on the
 * way can answer it from a stored response: a cache keys stored responses on the target URI, query
 * included ("HTTP Caching", RFC 9111 §2 "the cache key ... the request method and target URI",
 * https://www.rfc-editor.org/rfc/rfc9111#section-2), and the fleets' http.server ignores the query
 * (it maps only the path to a file, "http.server", SimpleHTTPRequestHandler.do_GET,
 * https://docs.python.org/3/library/http.server.html). `cache-control: no-cache` alone does not stop a
 * cache from answering: it only makes it revalidate ("must not use a stored response ... without
 * successful validation on the origin server", RFC 9111 §5.2.1.4, https://www.rfc-editor.org/rfc/rfc9111#section-5.2.1.4),
 * and http.server answers a revalidation (If-Modified-Since) with 304, so a proxy would hand back the
 * page it stored earlier, another colour's.
 */
export function uniqueUrl(url: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}r=${randomUUID()}`;
}

/**
 * The request headers of every GET: `cache-control: no-cache` and, for HTTP/1.0 caches, `pragma:
 * no-cache` (RFC 9111 §5.4 Pragma, https://www.rfc-editor.org/rfc/rfc9111#section-5.4). Neither
 * stops a cache from answering ({@link uniqueUrl} does); they are belt and braces.
 */
export const REQUEST_HEADERS: Readonly<Record<string, string>> = { 'cache-control': 'no-cache', pragma: 'no-cache' };

/**
 * One GET of `url` made unique ({@link uniqueUrl}) so no cache answers it, with its own timeout, read
 * to the end; never throws (a failure is an answer with `error`). The `Server`, `Via` and `Age`
 * headers are recorded: they say who answered.
 */
export async function requestOnce(url: string, timeoutMs: number, options: { readonly parse?: (body: string) => ColourPage; readonly signal?: AbortSignal } = {}): Promise<Answer> {
  const parse = options.parse ?? parseColourPage;
  const signal = anySignal([AbortSignal.timeout(timeoutMs), ...(options.signal ? [options.signal] : [])]);
  try {
    const response = await fetch(uniqueUrl(url), { signal: signal.signal, headers: { ...REQUEST_HEADERS }, redirect: 'manual' });
    const body = await response.text();
    const page = parse(body);
    const server = response.headers.get('server');
    const via = response.headers.get('via');
    const age = response.headers.get('age');
    return {
      status: response.status,
      ...(page.colour ? { colour: page.colour } : {}),
      ...(page.version ? { version: page.version } : {}),
      ...(server ? { server } : {}),
      ...(via ? { via } : {}),
      ...(age !== null ? { age } : {}),
    };
  } catch (error) {
    return { error: describeError(error, timeoutMs) };
  } finally {
    signal.dispose();
  }
}

/**
 * Sends `rate × duration` GET requests, evenly spaced on `ctx`'s clock, starts each scheduled action
 * when its time comes, and returns every sample once all requests have ended. Each request has its
 * own timeout, goes to a URL no cache has seen ({@link uniqueUrl}) and is read to the end.
 *
 * @throws when a scheduled action failed (the experiment did not happen as planned)
 */
export async function generateTraffic(ctx: Pick<ObserveContext, 'now' | 'sleep' | 'progress'>, options: TrafficOptions): Promise<TrafficRecord> {
  const { ratePerSecond, durationSeconds, timeoutSeconds } = options.settings;
  const parse = options.parse ?? parseColourPage;
  const label = options.label ?? 'traffic';
  const intervalMs = 1000 / ratePerSecond;
  const total = ratePerSecond * durationSeconds;
  const timeoutMs = timeoutSeconds * 1000;
  const pendingActions = [...(options.actions ?? [])].sort((a, b) => a.atMs - b.atMs);
  const actionRuns: Promise<ActionTiming>[] = [];
  const requests: Promise<RequestSample>[] = [];
  const started = ctx.now();
  const elapsed = () => ctx.now() - started;
  let lastProgress = 0;
  // One listener on the caller's signal; every request listens to this one (as many as are in flight, so no listener limit).
  const stop = anySignal(options.signal ? [options.signal] : []);
  setMaxListeners(0, stop.signal);

  // The errors themselves, by action label: the thrown error keeps the SDK's name (AccessDenied, Throttling...), so the kit's mapping of AWS errors still recognises it.
  const actionErrors = new Map<string, unknown>();
  const runAction = (action: ScheduledAction): Promise<ActionTiming> => {
    const startedMs = elapsed();
    if (!action.quiet) ctx.progress(`${label}: ${action.label} at ${(startedMs / 1000).toFixed(1)} s`);
    return action.run().then(
      () => ({ label: action.label, startedMs, endedMs: elapsed() }),
      (error) => {
        actionErrors.set(action.label, error);
        return { label: action.label, startedMs, endedMs: elapsed(), error: describeError(error, timeoutMs) };
      },
    );
  };

  const request = async (seq: number): Promise<RequestSample> => {
    const startMs = elapsed();
    const answer = await requestOnce(options.url, timeoutMs, { parse, signal: stop.signal });
    return { seq, startMs, endMs: elapsed(), ...answer };
  };

  for (let seq = 0; seq < total; seq++) {
    if (options.signal?.aborted) break;
    const due = seq * intervalMs;
    const wait = due - elapsed();
    if (wait > 0) await ctx.sleep(wait);
    if (options.signal?.aborted) break;
    while (pendingActions.length > 0 && pendingActions[0].atMs <= elapsed()) actionRuns.push(runAction(pendingActions.shift()!));
    requests.push(request(seq));
    if (elapsed() - lastProgress >= 5000) {
      lastProgress = elapsed();
      ctx.progress(`${label}: ${seq + 1}/${total} requests sent, ${(lastProgress / 1000).toFixed(1)} s`);
    }
  }
  const aborted = options.signal?.aborted ?? false;
  // Actions due after the last request still run (unless aborted): the experiment needs them.
  if (!aborted) for (const action of pendingActions) actionRuns.push(runAction(action));

  const samples = await Promise.all(requests);
  const actions = await Promise.all(actionRuns);
  stop.dispose();
  const failedAction = actions.find((a) => a.error);
  if (failedAction) throw actionFailure(`${label}: ${failedAction.label} failed: ${failedAction.error}`, actionErrors.get(failedAction.label));
  return { url: options.url, ratePerSecond, durationMs: durationSeconds * 1000, samples, actions, aborted };
}
