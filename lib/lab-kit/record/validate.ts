/**
 * A small typed validator for the recorded-run format: each check adds `path: expected X, got Y`
 * to a list, so a broken file is refused with what is wrong and where, in one line.
 */

/** Where problems are collected. */
export interface Problems {
  add(at: string, expected: string, got: unknown): void;
  /** The same list, with paths under `prefix`. */
  within(prefix: string): Problems;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A string; empty only when `emptyOk`. */
export function checkString(p: Problems, at: string, v: unknown, emptyOk = false): void {
  if (typeof v !== 'string' || (!emptyOk && v === '')) p.add(at, emptyOk ? 'a string' : 'a non-empty string', v);
}

export function checkOptionalString(p: Problems, at: string, v: unknown): void {
  if (v !== undefined && typeof v !== 'string') p.add(at, 'a string or nothing', v);
}

/** A finite number. */
export function checkNumber(p: Problems, at: string, v: unknown): void {
  if (typeof v !== 'number' || !Number.isFinite(v)) p.add(at, 'a number', v);
}

export function checkEnum(p: Problems, at: string, v: unknown, allowed: readonly string[]): void {
  if (typeof v !== 'string' || !allowed.includes(v)) p.add(at, `one of ${allowed.join(', ')}`, v);
}

export function checkStringArray(p: Problems, at: string, v: unknown): void {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) p.add(at, 'a list of strings', v);
}

/** A list, each item checked with paths under `at`. */
export function checkArray(p: Problems, at: string, v: unknown, item: (q: Problems, index: number, value: unknown) => void): void {
  if (!Array.isArray(v)) return p.add(at, 'a list', v);
  const q = p.within(at);
  v.forEach((x, i) => item(q, i, x));
}
