/**
 * What a client saw during a failover, computed from the failover probe's timeline. Pure functions
 * only: they are tested on recorded timelines, and the live checks call them on real ones.
 *
 * Definitions (the README repeats them, because the numbers mean nothing without them):
 * - a try is **up** when the server answered the SSLRequest (`answers`), or, at the stricter
 *   `ready` level, when it also accepted a login attempt (no 57P0x "starting up");
 * - an **outage** is a run of consecutive tries that were not up; it lasts from the start of its
 *   first failed try to the start of the first try that was up again, so its resolution is one
 *   probe interval; an outage still running when the timeline ends is **not recovered**, and its
 *   length is then a lower bound;
 * - the **client-visible downtime** is the longest outage;
 * - the **address** is what the endpoint name resolved to; it **changed** at the first try that
 *   resolved to an address other than the one before.
 */

/** How far a try got. */
export type ProbePhase = 'dns' | 'connect' | 'ssl' | 'startup' | 'done';

/** One try of the probe, as the handler records it. */
export interface ProbeAttempt {
  /** Order within its window, from 1. */
  readonly seq: number;
  /** When the try started (ms since the epoch, the Lambda's clock). */
  readonly at: number;
  /** How long it took. */
  readonly ms: number;
  /** The last phase it reached (`done` when every step succeeded). */
  readonly phase: ProbePhase;
  /** The server answered the SSLRequest. */
  readonly ok: boolean;
  /** The first address the name resolved to. */
  readonly address?: string;
  /** Every address, when there was more than one. */
  readonly addresses?: readonly string[];
  /** The DNS record's TTL, in seconds. */
  readonly ttl?: number;
  readonly sslAnswer?: 'S' | 'N';
  /** The server accepted a login attempt (measured only when readiness is on). */
  readonly ready?: boolean;
  /** SQLSTATE of the server's error answer to the StartupMessage (57P03: starting up). */
  readonly sqlstate?: string;
  /** Error code of the step that failed (TIMEOUT, ECONNREFUSED, ENOTFOUND...). */
  readonly error?: string;
}

/** One invocation of the probe function. */
export interface ProbeWindow {
  readonly host: string;
  readonly port: number;
  readonly intervalMs: number;
  readonly attemptTimeoutMs: number;
  readonly readiness: boolean;
  readonly requestedSeconds: number;
  readonly startedAt: number;
  readonly endedAt: number;
  /** The Lambda's remaining time cut the window short. */
  readonly truncated: boolean;
  readonly attempts: readonly ProbeAttempt[];
}

/** When a try counts as up. */
export type UpLevel = 'answers' | 'ready';

/** A run of consecutive tries that were not up. */
export interface Outage {
  /** Start of the first failed try. */
  readonly startAt: number;
  /** Start of the first try that was up again; absent when the timeline ended first. */
  readonly endAt?: number;
  /** Start of the last try that was up before it, if any. */
  readonly lastUpAt?: number;
  readonly recovered: boolean;
  /** Recovered: endAt − startAt. Not recovered: until the end of the last try (a lower bound). Tenths of a second. */
  readonly seconds: number;
  readonly failedAttempts: number;
  /** How often each failure was seen (TIMEOUT, ECONNREFUSED, 57P03...). */
  readonly reasons: Readonly<Record<string, number>>;
}

/** A time the resolved address changed. */
export interface AddressChange {
  readonly at: number;
  readonly from: string;
  readonly to: string;
}

/** A stretch with no try at all (between two probe invocations, or a stalled function). */
export interface Gap {
  readonly from: number;
  readonly to: number;
  readonly seconds: number;
}

/** Everything the claims need from a timeline. */
export interface TimelineAnalysis {
  readonly level: UpLevel;
  readonly attempts: number;
  readonly up: number;
  readonly down: number;
  readonly firstAt?: number;
  readonly lastAt?: number;
  /** Every outage, in order. */
  readonly outages: readonly Outage[];
  /** The longest outage: the client-visible downtime. */
  readonly longest?: Outage;
  /** The address of the first try that resolved. */
  readonly firstAddress?: string;
  /** The address of the last try that resolved. */
  readonly lastAddress?: string;
  readonly addressChanges: readonly AddressChange[];
  /** The last `healthyTail` tries were all up. */
  readonly endsHealthy: boolean;
  readonly gaps: readonly Gap[];
  /** Largest TTL seen on the endpoint's record, in seconds. */
  readonly maxTtl?: number;
}

/** Options of {@link analyzeTimeline}. */
export interface AnalyzeOptions {
  /** @default 'answers' */
  readonly level?: UpLevel;
  /** How many tries at the end must be up for the timeline to end healthy. @default 3 */
  readonly healthyTail?: number;
  /** A pause between tries longer than this is a gap. @default 2.5 × the median spacing, at least 2.5 s */
  readonly gapMs?: number;
}

/** Whether a try counts as up at a level. */
export function isUp(attempt: ProbeAttempt, level: UpLevel = 'answers'): boolean {
  return level === 'ready' ? attempt.ok && attempt.ready === true : attempt.ok;
}

/** Why a try was not up, in one word. */
export function failureReason(attempt: ProbeAttempt, level: UpLevel = 'answers'): string {
  if (attempt.ok && level === 'ready' && attempt.ready !== true) return attempt.sqlstate ?? attempt.error ?? 'not ready';
  return `${attempt.phase}:${attempt.error ?? 'failed'}`;
}

/** The tries of several windows as one timeline, in time order (windows may be given in any order). */
export function mergeWindows(windows: readonly ProbeWindow[]): ProbeAttempt[] {
  return windows.flatMap((w) => w.attempts).slice().sort((a, b) => a.at - b.at);
}

/** Milliseconds as seconds rounded to a tenth: finer means nothing at one try per second. */
function tenths(ms: number): number {
  return Math.round(ms / 100) / 10;
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Analyses a timeline (tries in time order). */
export function analyzeTimeline(attempts: readonly ProbeAttempt[], options: AnalyzeOptions = {}): TimelineAnalysis {
  const level = options.level ?? 'answers';
  const tail = options.healthyTail ?? 3;
  const tries = [...attempts].sort((a, b) => a.at - b.at);
  const spacing = median(tries.slice(1).map((t, i) => t.at - tries[i].at));
  const gapMs = options.gapMs ?? Math.max(2500, 2.5 * spacing);

  const outages: Outage[] = [];
  let run: ProbeAttempt[] = [];
  let lastUpAt: number | undefined;
  const close = (endAt: number | undefined) => {
    if (run.length === 0) return;
    const startAt = run[0].at;
    const last = run[run.length - 1];
    const reasons: Record<string, number> = {};
    for (const t of run) {
      const reason = failureReason(t, level);
      reasons[reason] = (reasons[reason] ?? 0) + 1;
    }
    outages.push({
      startAt,
      endAt,
      lastUpAt,
      recovered: endAt !== undefined,
      seconds: tenths((endAt ?? last.at + last.ms) - startAt),
      failedAttempts: run.length,
      reasons,
    });
    run = [];
  };
  for (const t of tries) {
    if (isUp(t, level)) {
      close(t.at);
      lastUpAt = t.at;
    } else {
      run.push(t);
    }
  }
  close(undefined);

  const addressChanges: AddressChange[] = [];
  let previous: string | undefined;
  let maxTtl: number | undefined;
  for (const t of tries) {
    if (t.ttl !== undefined) maxTtl = Math.max(maxTtl ?? 0, t.ttl);
    if (!t.address) continue;
    if (previous !== undefined && t.address !== previous) addressChanges.push({ at: t.at, from: previous, to: t.address });
    previous = t.address;
  }
  const resolved = tries.filter((t) => t.address);

  const gaps: Gap[] = [];
  for (let i = 1; i < tries.length; i++) {
    const from = tries[i - 1].at + tries[i - 1].ms;
    if (tries[i].at - tries[i - 1].at > gapMs) gaps.push({ from, to: tries[i].at, seconds: tenths(tries[i].at - from) });
  }

  const longest = outages.reduce<Outage | undefined>((best, o) => (!best || o.seconds > best.seconds ? o : best), undefined);
  const up = tries.filter((t) => isUp(t, level)).length;
  return {
    level,
    attempts: tries.length,
    up,
    down: tries.length - up,
    firstAt: tries[0]?.at,
    lastAt: tries[tries.length - 1]?.at,
    outages,
    longest,
    firstAddress: resolved[0]?.address,
    lastAddress: resolved[resolved.length - 1]?.address,
    addressChanges,
    endsHealthy: tries.length >= tail && tries.slice(-tail).every((t) => isUp(t, level)),
    gaps,
    maxTtl,
  };
}

/** `12.0 s (11 failed tries: connect:TIMEOUT ×9, ssl:ECONNRESET ×2), recovered`. */
export function describeOutage(outage: Outage): string {
  const reasons = Object.entries(outage.reasons)
    .sort((a, b) => b[1] - a[1])
    .map(([r, n]) => `${r} ×${n}`)
    .join(', ');
  const length = `${outage.recovered ? '' : 'at least '}${outage.seconds.toFixed(1)} s`;
  return `${length} (${outage.failedAttempts} failed tr${outage.failedAttempts === 1 ? 'y' : 'ies'}: ${reasons}), ${outage.recovered ? 'recovered' : 'NOT recovered when probing ended'}`;
}

/** Whether a dotted IPv4 address lies in a CIDR block (`10.0.1.0/24`). */
export function ipv4InCidr(address: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  const a = ipv4ToInt(address);
  const b = ipv4ToInt(base);
  if (a === undefined || b === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (a & mask) >>> 0 === (b & mask) >>> 0;
}

function ipv4ToInt(address: string): number | undefined {
  const parts = address.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = value * 256 + n;
  }
  return value >>> 0;
}

/** A subnet of the database's subnet group. */
export interface ZoneSubnet {
  readonly subnetId: string;
  readonly cidrBlock: string;
  readonly availabilityZone: string;
}

/** The Availability Zone whose subnet holds an address, or undefined. */
export function zoneOfAddress(address: string | undefined, subnets: readonly ZoneSubnet[]): string | undefined {
  if (!address) return undefined;
  return subnets.find((s) => ipv4InCidr(address, s.cidrBlock))?.availabilityZone;
}

/**
 * The endpoint's address changed to a new one (`isNewAddress`: in the standby's subnet) during an
 * outage or at its end: the tries failed until the name pointed at the promoted standby. Judged on
 * the probe's own tries only, never on how RDS dated its events.
 */
export function endsAtNewAddress(a: TimelineAnalysis, outage: Outage, isNewAddress: (address: string) => boolean): boolean {
  const end = outage.endAt ?? Infinity;
  return a.addressChanges.some((c) => c.at >= outage.startAt && c.at <= end && isNewAddress(c.to));
}

/**
 * The outages of a failover RDS dated `at`: those that end after it (or never recovered: an outage
 * that began a little before RDS's start event but lasted past it counts), and those that ended
 * with the address moving to the new one ({@link endsAtNewAddress}) whatever
 * RDS-EVENT-0013's Date says. The API reference ("Event",
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_Event.html) says only that `Date`
 * "Specifies the date and time of the event", and no AWS page orders it with what clients see, so
 * an outage that ended on the move to the standby is the failover's even when RDS dated the start
 * later. One that ended at or before `at` at the old address (a blip) is not. `at` absent: every
 * outage.
 */
export function failoverOutages(a: TimelineAnalysis, at: number | undefined, isNewAddress: (address: string) => boolean): Outage[] {
  if (at === undefined) return [...a.outages];
  return a.outages.filter((o) => o.endAt === undefined || o.endAt > at || endsAtNewAddress(a, o, isNewAddress));
}

/** The outages that ended at or before `at`: blips before the failover (less any in `counted`, the failover's). */
export function outagesBefore(a: TimelineAnalysis, at: number | undefined, counted: readonly Outage[] = []): Outage[] {
  if (at === undefined) return [];
  return a.outages.filter((o) => o.endAt !== undefined && o.endAt <= at && !counted.includes(o));
}

/** The longest of some outages. */
export function longestOutage(outages: readonly Outage[]): Outage | undefined {
  return outages.reduce<Outage | undefined>((best, o) => (!best || o.seconds > best.seconds ? o : best), undefined);
}
