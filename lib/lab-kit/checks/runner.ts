/**
 * Runs a lab's checks and words their outcomes. Offline checks judge the template's facts; live
 * checks judge observations, each observed once per run and recorded, so that a recorded run can
 * be judged again later without AWS ({@link judgeRecorded}).
 */
import type { CatalogClaim, Verdict } from '../catalog/model';
import type { AwsClientConfig } from '../core/aws-config';
import { describeAwsError } from '../core/aws-errors';
import { EXIT } from '../core/errors';
import type { TemplateJson } from '../template/json';
import { deriveOutcome, type Judgement, type Outcome } from './judgement';
import { CheckSkipped, type LabDefinition, type Observation, type ObserveContext, type Progress } from './lab-definition';

/** One row of a report. */
export interface CheckResult {
  readonly lab: string;
  readonly claim: string;
  readonly question: string;
  /** The seed's verdict; absent for the kit's own guardrail checks. */
  readonly verdict?: Verdict;
  readonly mode: 'offline' | 'live';
  readonly outcome: Outcome;
  /** What the outcome means for the seed answer, in one line. */
  readonly summary: string;
  /** The unmet expectations (fail) or preconditions (inconclusive). */
  readonly reasons: readonly string[];
  readonly judgement?: Judgement;
  /** Why the check could not run (error) or was skipped. */
  readonly error?: string;
  /**
   * For an error that was one of AWS's usual troubles (unreachable 5, credentials 6, access denied 7, throttled 8):
   * its exit code, so `labs check` says which. Absent for any other error (exit 3).
   */
  readonly exitCode?: number;
  readonly durationMs: number;
}

/** Catalog claims by id: where the runner finds a claim's verdict. */
export type ClaimLookup = (claimId: string) => Pick<CatalogClaim, 'verdict'> | undefined;

/** A check every lab gets from the kit (teardown, log groups, self-destruct, cost). */
export interface Guardrail {
  readonly id: string;
  check(template: TemplateJson, lab: LabDefinition): Judgement;
}

/**
 * What an outcome says about the seed answer. Only a pass says whether the seed is confirmed or
 * refuted: a failed, inconclusive or broken check says nothing about it.
 */
export function summaryOf(verdict: Verdict | undefined, outcome: Outcome, reasons: readonly string[], error?: string, notExercised?: string): string {
  switch (outcome) {
    case 'pass': {
      if (verdict === undefined) return 'guardrail holds';
      const said = verdict === 'holds' ? 'confirms the seed' : `refutes the seed (${verdict})`;
      return notExercised ? `${said}, as far as this run exercised it (not exercised: ${notExercised})` : said;
    }
    case 'fail':
      return `AWS did not behave as the truth says: ${reasons.join('; ')}`;
    case 'inconclusive':
      return `inconclusive, the run did not exercise the behaviour: ${reasons.join('; ')}`;
    case 'skipped':
      return `skipped: ${error ?? 'no live check'}`;
    case 'error':
      return `check could not run: ${error ?? reasons.join('; ')}`;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

interface Row {
  readonly lab: string;
  readonly claim: string;
  readonly verdict?: Verdict;
  readonly mode: 'offline' | 'live';
}

function result(row: Row, started: number, outcome: Outcome, detail: { judgement?: Judgement; reasons?: readonly string[]; error?: string }, clock: () => number = Date.now): CheckResult {
  const reasons = detail.reasons ?? [];
  return {
    ...row,
    question: row.claim.startsWith('kit.') ? '-' : row.claim.split('.')[0],
    outcome,
    summary: summaryOf(row.verdict, outcome, reasons, detail.error, detail.judgement?.notExercised),
    reasons,
    ...(detail.judgement ? { judgement: detail.judgement } : {}),
    ...(detail.error ? { error: detail.error } : {}),
    durationMs: clock() - started,
  };
}

/** Judges once: a thrown error is an error, CheckSkipped is skipped, anything else is derived. */
function judgeOnce(row: Row, judge: () => Judgement, started = Date.now(), clock: () => number = Date.now): CheckResult {
  try {
    const judgement = judge();
    const derived = deriveOutcome(judgement);
    return result(row, started, derived.outcome, { judgement, reasons: derived.reasons }, clock);
  } catch (error) {
    if (error instanceof CheckSkipped) return result(row, started, 'skipped', { error: error.message }, clock);
    return result(row, started, 'error', { error: messageOf(error) }, clock);
  }
}

/** Runs every offline check of a lab (its claims, then the kit's guardrails) against its template. */
export function runOfflineChecks(lab: LabDefinition, template: TemplateJson, claims: ClaimLookup, guardrails: readonly Guardrail[] = []): CheckResult[] {
  let facts: unknown;
  let factsError: string | undefined;
  try {
    facts = lab.facts(template);
  } catch (error) {
    factsError = `the template facts could not be read: ${messageOf(error)}`;
  }
  const results = Object.entries(lab.checks).map(([id, check]) =>
    judgeOnce({ lab: lab.id, claim: id, verdict: claims(id)?.verdict, mode: 'offline' }, () => {
      if (factsError) throw new Error(factsError);
      return check.offline(facts);
    }),
  );
  for (const g of guardrails) results.push(judgeOnce({ lab: lab.id, claim: g.id, mode: 'offline' }, () => g.check(template, lab)));
  return results;
}

/** One observation of a run, as recorded: its value, or why there is none. */
export interface RecordedObservation {
  readonly name: string;
  readonly outcome: 'observed' | 'error' | 'skipped';
  readonly value?: unknown;
  readonly error?: string;
  readonly durationMs: number;
}

/** Where a live run happens. */
export interface LiveRun {
  readonly labId: string;
  /** The stack's outputs (CloudFormation DescribeStacks). */
  readonly outputs: Readonly<Record<string, string>>;
  readonly aws: AwsClientConfig;
  readonly options: Readonly<Record<string, string | boolean>>;
  readonly progress: Progress;
  sleep(ms: number): Promise<void>;
  now(): number;
}

/** What a live run produced: a row per claim and every observation made. */
export interface LiveRunResult {
  readonly results: CheckResult[];
  readonly observations: RecordedObservation[];
}

/**
 * Observes each observation once per run, in its own context (only the outputs it declared), and
 * remembers failures too, so one observation that fails turns only its own checks into errors.
 */
export class ObservationRun {
  private readonly made = new Map<Observation<unknown, string>, Promise<unknown>>();
  readonly recorded: RecordedObservation[] = [];

  constructor(private readonly run: LiveRun) {}

  observe<T>(observation: Observation<T, string>): Promise<T> {
    const key = observation as Observation<unknown, string>;
    if (!this.made.has(key)) this.made.set(key, this.start(key));
    return this.made.get(key) as Promise<T>;
  }

  // Timed on the run's clock (the one observations wait on), so a recorded run's timings agree with its observations.
  private async start(observation: Observation<unknown, string>): Promise<unknown> {
    const started = this.run.now();
    try {
      const value = await observation.observe(this.contextFor(observation));
      this.recorded.push({ name: observation.name, outcome: 'observed', value, durationMs: this.run.now() - started });
      return value;
    } catch (error) {
      const skipped = error instanceof CheckSkipped;
      this.recorded.push({ name: observation.name, outcome: skipped ? 'skipped' : 'error', error: messageOf(error), durationMs: this.run.now() - started });
      throw error;
    }
  }

  private contextFor(observation: Observation<unknown, string>): ObserveContext<string> {
    const missing = observation.outputs.filter((n) => !this.run.outputs[n]);
    if (missing.length > 0) {
      throw new Error(`stack ${this.run.labId} has no output ${missing.join(', ')}: redeploy it with \`npx labs deploy ${this.run.labId}\``);
    }
    const outputs = Object.fromEntries(observation.outputs.map((n) => [n, this.run.outputs[n]]));
    const { labId, aws, options, progress } = this.run;
    return {
      labId,
      aws,
      options,
      progress,
      outputs,
      observe: (other) => {
        if (!(observation.uses ?? []).includes(other)) {
          return Promise.reject(new Error(`observation ${observation.name} reads ${other.name} without naming it in \`uses\``));
        }
        return this.observe(other);
      },
      sleep: (ms) => this.run.sleep(ms),
      now: () => this.run.now(),
    };
  }
}

/** Runs the live checks of a lab, one after the other (they share the run's observations). */
export async function runLiveChecks(lab: LabDefinition, run: LiveRun, claims: ClaimLookup, only?: readonly string[]): Promise<LiveRunResult> {
  const observations = new ObservationRun(run);
  const results: CheckResult[] = [];
  for (const [id, check] of Object.entries(lab.checks)) {
    if (only && only.length > 0 && !only.includes(id)) continue;
    const row: Row = { lab: lab.id, claim: id, verdict: claims(id)?.verdict, mode: 'live' };
    const clock = () => run.now();
    const started = clock();
    const liveCheck = check.live;
    if (!liveCheck) {
      results.push(result(row, started, 'skipped', { error: 'not checkable live (offline only)' }, clock));
      continue;
    }
    run.progress(`checking ${id}`);
    let observed: unknown;
    try {
      observed = await observations.observe(liveCheck.observation);
    } catch (error) {
      const skipped = error instanceof CheckSkipped;
      const aws = skipped ? undefined : describeAwsError(error)?.exitCode;
      const r = result(row, started, skipped ? 'skipped' : 'error', { error: `${skipped ? '' : `observation ${liveCheck.observation.name}: `}${messageOf(error)}` }, clock);
      results.push(aws !== undefined && AWS_TROUBLES.includes(aws) ? { ...r, exitCode: aws } : r);
      continue;
    }
    results.push(judgeOnce(row, () => liveCheck.judge(observed), started, clock));
  }
  return { results, observations: observations.recorded };
}

/**
 * Judges recorded observations again with today's checks: no AWS, no stack. A check whose
 * observation was not recorded, or was recorded as an error, is reported as such.
 */
export function judgeRecorded(lab: LabDefinition, recorded: readonly RecordedObservation[], claims: ClaimLookup): CheckResult[] {
  return Object.entries(lab.checks).flatMap(([id, check]) => {
    const liveCheck = check.live;
    if (!liveCheck) return [];
    const row: Row = { lab: lab.id, claim: id, verdict: claims(id)?.verdict, mode: 'live' };
    const record = recorded.find((r) => r.name === liveCheck.observation.name);
    if (!record) return [result(row, Date.now(), 'error', { error: `observation ${liveCheck.observation.name} is not in the record` })];
    if (record.outcome !== 'observed') return [result(row, Date.now(), record.outcome === 'skipped' ? 'skipped' : 'error', { error: record.error })];
    return [judgeOnce(row, () => liveCheck.judge(record.value))];
  });
}

/**
 * The exit code of a run: 0 when every check passed or was skipped; 1 when any failed (AWS did
 * not behave as the truth says); else 3 when any could not run; else 4 when any was inconclusive.
 */
/** The exit codes an observation's AWS error keeps (see {@link CheckResult.exitCode}). */
const AWS_TROUBLES: readonly number[] = [EXIT.network, EXIT.credentials, EXIT.accessDenied, EXIT.throttled];

/**
 * The run's exit code, worst first: a fail 1; then errors, 3, or the AWS trouble's own code (5 to 8) when every
 * error was that same trouble (an action denied everywhere is 7, not a generic 3); then inconclusive 4; else 0.
 */
export function exitCodeOf(results: readonly CheckResult[]): number {
  const has = (o: Outcome) => results.some((r) => r.outcome === o);
  if (has('fail')) return 1;
  if (has('error')) {
    const codes = new Set(results.filter((r) => r.outcome === 'error').map((r) => r.exitCode ?? EXIT.checkError));
    return codes.size === 1 ? [...codes][0] : EXIT.checkError;
  }
  if (has('inconclusive')) return 4;
  return 0;
}

/** Counts per outcome. */
export function countOutcomes(results: readonly CheckResult[]): Record<Outcome, number> {
  const counts: Record<Outcome, number> = { pass: 0, fail: 0, inconclusive: 0, error: 0, skipped: 0 };
  for (const r of results) counts[r.outcome]++;
  return counts;
}
