/**
 * What a check concludes, stated so that the kit, not the check, decides the outcome.
 *
 * A check lists its **expectations** (what the truth predicts, what was seen) and the
 * **preconditions** of its experiment (did the run exercise the behaviour at all?). The kit derives:
 *
 * - `inconclusive` when a precondition is not met: never a pass, never a refutation;
 * - `fail` when an expectation is not met, naming each one;
 * - `pass` when every expectation is met (a check with no expectation is an error, so nothing
 *   passes vacuously).
 *
 * `error` (the check could not run: no stack, the user's own network) and `skipped` come from the
 * runner. The pattern follows aws-cdk's rules-as-data validators: the logic states facts, the kit
 * words the verdict.
 */

/** A measured quantity: failover 74 s, 3 receives, $0.0994/hour. */
export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

/** What the truth predicts, and what was seen. */
export interface Expectation {
  /** What is predicted, as a short phrase: `receives before the dead-letter queue`. */
  readonly what: string;
  readonly expected: string;
  readonly actual: string;
  readonly met: boolean;
  /**
   * Unmet, it fails the check even when a precondition is unmet too: what was seen contradicts the
   * truth whatever else the run missed (an HTTP 502 from the load balancer is AWS's answer even when
   * other requests timed out on the user's network). Use it only where that holds. @default false
   */
  readonly decisive?: boolean;
}

/** A condition of the experiment: unmet, the behaviour was not exercised and the run proves nothing. */
export interface Precondition {
  /** What the run needed: `the good and the poison message arrived in one invocation`. */
  readonly what: string;
  readonly met: boolean;
  /** What was seen instead (or confirmed). */
  readonly actual: string;
}

/** Everything a check returns. */
export interface Judgement {
  /** What was seen, in one or two plain sentences (shown in the report). */
  readonly observed: string;
  /** How it was seen (API calls, probe, template path), so a reader can repeat it. */
  readonly method: string;
  /** Measurements, each with its unit. */
  readonly figures?: readonly Figure[];
  readonly preconditions?: readonly Precondition[];
  readonly expectations: readonly Expectation[];
  /**
   * What the claim says that this run did not exercise, so a pass does not cover it (a forced
   * failover does not show RDS detecting a failure by itself). The report prints it after a pass.
   * @default the run exercised the whole claim
   */
  readonly notExercised?: string;
}

/** The five ways a check can end. */
export type Outcome = 'pass' | 'fail' | 'inconclusive' | 'error' | 'skipped';

/** Every outcome, in report order. */
export const OUTCOMES: readonly Outcome[] = ['pass', 'fail', 'inconclusive', 'error', 'skipped'];

/** A judgement's outcome and the reasons for it (the unmet expectations or preconditions). */
export interface Derived {
  readonly outcome: Exclude<Outcome, 'skipped'>;
  readonly reasons: readonly string[];
}

/** How a value reads in a report: numbers and strings as they are, lists joined, nothing as `none`. */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return 'none';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map(formatValue).join(', ');
  return JSON.stringify(value);
}

/** `X: expected E, saw A`. */
export function describeExpectation(e: Expectation): string {
  return `${e.what}: expected ${e.expected}, saw ${e.actual}`;
}

/** `X (saw A)`. */
export function describePrecondition(p: Precondition): string {
  return `${p.what} (saw ${p.actual})`;
}

/**
 * The outcome the kit gives a judgement: an unmet decisive expectation fails it; else an unmet
 * precondition makes it inconclusive; else an unmet expectation fails it; else it passes.
 */
export function deriveOutcome(judgement: Judgement): Derived {
  const expectations = judgement?.expectations;
  if (!Array.isArray(expectations) || expectations.length === 0) {
    return { outcome: 'error', reasons: ['the check stated no expectation, so it cannot pass'] };
  }
  const contradicted = expectations.filter((e) => e.decisive && !e.met);
  if (contradicted.length > 0) return { outcome: 'fail', reasons: contradicted.map(describeExpectation) };
  const unmet = (judgement.preconditions ?? []).filter((p) => !p.met);
  if (unmet.length > 0) return { outcome: 'inconclusive', reasons: unmet.map(describePrecondition) };
  const failed = expectations.filter((e) => !e.met);
  if (failed.length > 0) return { outcome: 'fail', reasons: failed.map(describeExpectation) };
  return { outcome: 'pass', reasons: [] };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

/** `actual` equals `expected` (deep, for lists and records). */
export function expectEqual<T>(what: string, expected: T, actual: T | undefined): Expectation {
  return { what, expected: formatValue(expected), actual: formatValue(actual), met: sameValue(expected, actual) };
}

/**
 * A statement the truth predicts holds (`the good message was processed`).
 *
 * @param actual what was seen, in words (`no: logged 0 receives`)
 * @param expected how the prediction reads @default 'yes'
 */
export function expectThat(what: string, met: boolean, actual: string, expected = 'yes'): Expectation {
  return { what, expected, actual, met };
}

function withUnit(value: number | undefined, unit: string): string {
  return value === undefined || Number.isNaN(value) ? 'none' : unit ? `${value} ${unit}` : String(value);
}

/** `actual ≥ min`; an absent or NaN value does not meet it. */
export function expectAtLeast(what: string, min: number, actual: number | undefined, unit = ''): Expectation {
  return { what, expected: `at least ${withUnit(min, unit)}`, actual: withUnit(actual, unit), met: actual !== undefined && actual >= min };
}

/** `actual ≤ max`; an absent or NaN value does not meet it. */
export function expectAtMost(what: string, max: number, actual: number | undefined, unit = ''): Expectation {
  return { what, expected: `at most ${withUnit(max, unit)}`, actual: withUnit(actual, unit), met: actual !== undefined && actual <= max };
}

/** `min ≤ actual ≤ max`; an absent or NaN value does not meet it. */
export function expectBetween(what: string, min: number, max: number, actual: number | undefined, unit = ''): Expectation {
  return { what, expected: `${min} to ${withUnit(max, unit)}`, actual: withUnit(actual, unit), met: actual !== undefined && actual >= min && actual <= max };
}

/** The same expectation, decisive: unmet, it fails the check whatever the preconditions (see {@link Expectation.decisive}). */
export function decisive(expectation: Expectation): Expectation {
  return { ...expectation, decisive: true };
}

/** A precondition of the experiment (see {@link Precondition}). */
export function requires(what: string, met: boolean, actual: string): Precondition {
  return { what, met, actual };
}
