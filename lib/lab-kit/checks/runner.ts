import { CheckSkipped, type Evidence, type LiveContext, type TemplateJson, type Verdict } from './claim';
import type { LabDefinition } from './lab-definition';

/** How one check ended. `error` is a check that threw: never counted as a pass. */
export type CheckStatus = 'pass' | 'fail' | 'error' | 'skipped';

/** One row of a report. */
export interface CheckResult {
  readonly lab: string;
  readonly claim: string;
  readonly question: string;
  /** The seed's verdict; absent for the kit's own guardrail checks. */
  readonly verdict?: Verdict;
  readonly mode: 'offline' | 'live';
  readonly status: CheckStatus;
  /** What the result means for the seed answer. */
  readonly outcome: string;
  readonly evidence?: Evidence;
  readonly error?: string;
  readonly durationMs: number;
}

/** What a passing check says about the seed answer. */
export function outcomeOf(verdict: Verdict | undefined, status: CheckStatus): string {
  if (status === 'error') return 'check could not run';
  if (status === 'skipped') return 'not checkable live';
  if (status === 'fail') return 'AWS did not behave as the truth says: investigate';
  if (verdict === undefined) return 'guardrail holds';
  return verdict === 'holds' ? 'confirms the seed' : `refutes the seed (${verdict})`;
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

async function runOne(
  lab: string,
  claim: { readonly id: string; readonly question: string; readonly verdict?: Verdict },
  mode: 'offline' | 'live',
  check: () => Evidence | Promise<Evidence>,
): Promise<CheckResult> {
  const started = Date.now();
  const base = { lab, claim: claim.id, question: claim.question, verdict: claim.verdict, mode };
  try {
    const evidence = await check();
    if (!evidence || typeof evidence.passed !== 'boolean') {
      throw new Error('the check returned no evidence');
    }
    const status: CheckStatus = evidence.passed ? 'pass' : 'fail';
    return { ...base, status, outcome: outcomeOf(claim.verdict, status), evidence, durationMs: Date.now() - started };
  } catch (error) {
    if (error instanceof CheckSkipped) {
      return { ...base, status: 'skipped', outcome: `skipped: ${error.message}`, durationMs: Date.now() - started };
    }
    return { ...base, status: 'error', outcome: outcomeOf(claim.verdict, 'error'), error: errorMessage(error), durationMs: Date.now() - started };
  }
}

/** A check that every lab gets from the kit (teardown, log groups, self-destruct, cost). */
export interface Guardrail {
  readonly id: string;
  check(template: TemplateJson, lab: LabDefinition): Evidence;
}

/** Runs every offline check of a lab (its claims, then the kit's guardrails) against its template. */
export async function runOfflineChecks(
  lab: LabDefinition,
  template: TemplateJson,
  guardrails: readonly Guardrail[] = [],
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const claim of lab.claims) {
    results.push(await runOne(lab.id, claim, 'offline', () => claim.offline(template)));
  }
  for (const guardrail of guardrails) {
    results.push(await runOne(lab.id, { id: guardrail.id, question: '-', verdict: undefined }, 'offline', () => guardrail.check(template, lab)));
  }
  return results;
}

/** Runs every live check of a lab, one after the other (they share the lab and its memo). */
export async function runLiveChecks(lab: LabDefinition, ctx: LiveContext, only?: readonly string[]): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const claim of lab.claims) {
    if (only && only.length > 0 && !only.includes(claim.id)) continue;
    const live = claim.live;
    if (!live) {
      results.push({ lab: lab.id, claim: claim.id, question: claim.question, verdict: claim.verdict, mode: 'live', status: 'skipped', outcome: outcomeOf(claim.verdict, 'skipped'), durationMs: 0 });
      continue;
    }
    ctx.progress(`checking ${claim.id}`);
    results.push(await runOne(lab.id, claim, 'live', () => live.call(claim, ctx)));
  }
  return results;
}

/** True when nothing failed or errored (skipped checks do not fail a run). */
export function allPassed(results: readonly CheckResult[]): boolean {
  return results.every((r) => r.status === 'pass' || r.status === 'skipped');
}

/** A memo for {@link LiveContext.memo}: one observation per key per run, failures included. */
export function createMemo(): LiveContext['memo'] {
  const cache = new Map<string, Promise<unknown>>();
  return <T>(key: string, observe: () => Promise<T>): Promise<T> => {
    if (!cache.has(key)) cache.set(key, observe());
    return cache.get(key) as Promise<T>;
  };
}
