import { Duration } from 'aws-cdk-lib';

/** The shortest TTL: a lab must live long enough to deploy and be checked. */
export const MIN_TTL = Duration.minutes(30);
/** The longest TTL: a forgotten lab may not bill for more than three days. */
export const MAX_TTL = Duration.hours(72);
/** The TTL when neither the lab nor `-c ttl=...` says otherwise. */
export const DEFAULT_TTL = Duration.hours(4);

const UNIT_MINUTES: Record<string, number> = { m: 1, h: 60, d: 24 * 60 };

/**
 * Reads a TTL as given on the command line (`-c ttl=90m`, `4h`, `1d`, `2h30m`).
 *
 * @throws an error naming the value received and the values allowed
 */
export function parseTtl(value: unknown): Duration {
  const text = typeof value === 'number' ? `${value}h` : String(value ?? '').trim().toLowerCase();
  const parts = [...text.matchAll(/(\d+)\s*([mhd])/g)];
  const wellFormed = parts.length > 0 && parts.map((p) => p[0]).join('') === text.replace(/\s+/g, '');
  const minutes = parts.reduce((sum, [, n, unit]) => sum + Number(n) * UNIT_MINUTES[unit], 0);
  if (!wellFormed || minutes < MIN_TTL.toMinutes() || minutes > MAX_TTL.toMinutes()) {
    throw new Error(
      `ttl: received ${JSON.stringify(value)}; allowed: a duration such as 90m, 4h, 2h30m or 1d, ` +
        `from ${MIN_TTL.toMinutes()}m to ${MAX_TTL.toHours()}h (default ${DEFAULT_TTL.toHours()}h)`,
    );
  }
  return Duration.minutes(minutes);
}

/** Renders a TTL the way a user types it (`4h`, `90m`). */
export function formatTtl(ttl: Duration): string {
  const minutes = ttl.toMinutes();
  return minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`;
}
