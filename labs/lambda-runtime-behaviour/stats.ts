/** The statistics the checks state: medians and quartiles, the exact sign test, the exact Clopper-Pearson interval. */

/** The q-quantile (0..1) by linear interpolation between order statistics (type 7); NaN for no values. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export const median = (values: readonly number[]) => quantile(values, 0.5);

/** The interquartile range (Q3 - Q1). */
export const iqr = (values: readonly number[]) => quantile(values, 0.75) - quantile(values, 0.25);

/** Rounded to 0.1. */
export const r1 = (x: number) => Math.round(x * 10) / 10;

/** A distribution in one line: `median 212.3 ms (IQR 198.1-230.4, min 180.2, max 301.9, n 20)`. */
export function describe(values: readonly number[], unit = 'ms'): string {
  if (values.length === 0) return 'no samples';
  return `median ${r1(median(values))} ${unit} (IQR ${r1(quantile(values, 0.25))}-${r1(quantile(values, 0.75))}, min ${r1(Math.min(...values))}, max ${r1(Math.max(...values))}, n ${values.length})`;
}

function logChoose(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
  return s;
}

/** P(X = k) for X ~ Binomial(n, p). */
function pmf(n: number, k: number, p: number): number {
  if (p <= 0) return k === 0 ? 1 : 0;
  if (p >= 1) return k === n ? 1 : 0;
  return Math.exp(logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log(1 - p));
}

/** P(X ≥ k) for X ~ Binomial(n, p), exactly. */
export function binomialUpperTail(n: number, k: number, p: number): number {
  let s = 0;
  for (let i = Math.max(0, k); i <= n; i++) s += pmf(n, i, p);
  return Math.min(1, s);
}

/** P(X ≤ k) for X ~ Binomial(n, p), exactly. */
export function binomialLowerTail(n: number, k: number, p: number): number {
  let s = 0;
  for (let i = 0; i <= Math.min(n, k); i++) s += pmf(n, i, p);
  return Math.min(1, s);
}

/**
 * The exact (Clopper-Pearson) two-sided interval for a binomial proportion: k successes in n trials,
 * at the given confidence. Found by bisection on the exact tails: the lower bound is the p at which
 * P(X ≥ k) = α/2, the upper the p at which P(X ≤ k) = α/2.
 */
export function clopperPearson(k: number, n: number, confidence: number): { lower: number; upper: number } {
  const alpha = 1 - confidence;
  const solve = (f: (p: number) => number, increasing: boolean) => {
    let lo = 0;
    let hi = 1;
    for (let i = 0; i < 60; i++) {
      const mid = (lo + hi) / 2;
      const v = f(mid);
      if ((v < alpha / 2) === increasing) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  };
  const lower = k === 0 ? 0 : solve((p) => binomialUpperTail(n, k, p), true);
  const upper = k === n ? 1 : solve((p) => binomialLowerTail(n, k, p), false);
  return { lower, upper };
}

/**
 * The exact one-sided sign test on paired samples: how many pairs have a > b, out of the pairs that
 * differ, and the chance of at least that many under "either is as likely" (Binomial(n, 1/2)).
 */
export function signTest(pairs: ReadonlyArray<readonly [number, number]>): { greater: number; differing: number; pValue: number } {
  const differing = pairs.filter(([a, b]) => a !== b);
  const greater = differing.filter(([a, b]) => a > b).length;
  return { greater, differing: differing.length, pValue: binomialUpperTail(differing.length, greater, 0.5) };
}

/**
 * The exact, distribution-free interval for the median of paired differences (the sign-test
 * interval): with the n differences sorted, [d(k), d(n+1-k)] for the largest k with
 * P(X ≤ k-1) ≤ α/2, X ~ Binomial(n, 1/2). It covers the median with probability at least
 * `confidence` whatever the distribution (the actual coverage, 1 - 2·P(X ≤ k-1), is returned).
 * Undefined when n is too small for any order statistic to reach that confidence.
 */
export function medianInterval(differences: readonly number[], confidence: number): { lower: number; upper: number; k: number; coverage: number } | undefined {
  const n = differences.length;
  const alpha = 1 - confidence;
  let k = 0;
  while (k + 1 <= Math.floor(n / 2) && binomialLowerTail(n, k, 0.5) <= alpha / 2) k++;
  if (k === 0) return undefined;
  const sorted = [...differences].sort((a, b) => a - b);
  return { lower: sorted[k - 1], upper: sorted[n - k], k, coverage: 1 - 2 * binomialLowerTail(n, k - 1, 0.5) };
}
