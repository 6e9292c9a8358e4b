/**
 * The statistics the cross-zone checks judge by: the exact binomial test (is the lone target's share
 * about 1/2 or about 1/4?), its power, and Pearson's chi-square goodness-of-fit test (does every
 * target get an equal share?). Exact sums in log space; no sampling, no library.
 */

/** The significance level every test of this lab uses. */
export const ALPHA = 0.01;

/**
 * The least power the lab accepts before it judges a share: the chance that the binomial test at
 * {@link ALPHA} rejects the wrong hypothesis (1/4 when the truth is 1/2, and the reverse). Below it the
 * sample was too small to tell them apart and the run is inconclusive. The lab's choice.
 */
export const MIN_POWER = 0.99;

const logFactorials: number[] = [0];
function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i++) logFactorials[i] = logFactorials[i - 1] + Math.log(i);
  return logFactorials[n];
}

/** P(X = k) for X ~ Binomial(n, p). */
export function binomialPmf(k: number, n: number, p: number): number {
  if (!Number.isInteger(k) || k < 0 || k > n) return 0;
  if (p <= 0) return k === 0 ? 1 : 0;
  if (p >= 1) return k === n ? 1 : 0;
  return Math.exp(logFactorial(n) - logFactorial(k) - logFactorial(n - k) + k * Math.log(p) + (n - k) * Math.log(1 - p));
}

/**
 * The two-sided exact binomial p-value of k successes in n trials under p0: the total probability of
 * every outcome no more likely than the one seen (the method of R's binom.test).
 */
export function binomialTwoSidedP(k: number, n: number, p0: number): number {
  if (n <= 0) return 1;
  const seen = binomialPmf(k, n, p0) * (1 + 1e-7);
  let total = 0;
  for (let i = 0; i <= n; i++) {
    const q = binomialPmf(i, n, p0);
    if (q <= seen) total += q;
  }
  return Math.min(1, total);
}

/** The chance that the exact two-sided test of p0 at alpha rejects it when the truth is p1, with n trials. */
export function binomialPower(n: number, p0: number, p1: number, alpha = ALPHA): number {
  let power = 0;
  for (let k = 0; k <= n; k++) if (binomialTwoSidedP(k, n, p0) <= alpha) power += binomialPmf(k, n, p1);
  return Math.min(1, power);
}

/** The complementary error function (Numerical Recipes' erfcc, fractional error below 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}

/** P(X ≥ x) for X ~ chi-square with df degrees of freedom (integer df, closed forms). */
export function chiSquareSurvival(x: number, df: number): number {
  if (!(x > 0)) return 1;
  const half = x / 2;
  if (df % 2 === 0) {
    let term = 1;
    let sum = 1;
    for (let i = 1; i < df / 2; i++) {
      term *= half / i;
      sum += term;
    }
    return Math.min(1, Math.exp(-half) * sum);
  }
  let q = erfc(Math.sqrt(half));
  let term = Math.sqrt(x) * Math.sqrt(2 / Math.PI) * Math.exp(-half);
  for (let i = 1; i <= (df - 1) / 2; i++) {
    q += term;
    term *= x / (2 * i + 1);
  }
  return Math.min(1, Math.max(0, q));
}

/** Pearson's chi-square test that counts come from equal shares: the statistic, its degrees of freedom and p-value. */
export function chiSquareUniform(counts: readonly number[]): { statistic: number; df: number; p: number } {
  const n = counts.reduce((a, b) => a + b, 0);
  const df = counts.length - 1;
  if (n === 0 || df < 1) return { statistic: 0, df: Math.max(df, 0), p: 1 };
  const expected = n / counts.length;
  const statistic = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
  return { statistic, df, p: chiSquareSurvival(statistic, df) };
}

/** Rounded for a report: 4 significant digits, small p-values in exponent form. */
export function roundP(p: number): number {
  return p === 0 ? 0 : Number(p.toPrecision(4));
}
