/**
 * The recorded run: one JSON file per `labs check <lab> --record`, everything needed to judge the
 * run again later without AWS (`labs report <run.json>`) and to show it to a person (`--html`).
 *
 * The format is versioned: `schemaVersion` says which shape a file has, {@link readRunRecord}
 * checks a file against its version's shape and upgrades an older one to the current shape, so a
 * run recorded by an older kit stays readable. A change to the shape adds a version and an
 * upgrade; it never edits an old version.
 */
import type { Expectation, Figure, Outcome, Precondition } from '../checks/judgement';
import type { CheckResult, RecordedObservation } from '../checks/runner';
import { type Problems, isRecord, checkArray, checkEnum, checkNumber, checkOptionalString, checkString, checkStringArray } from './validate';

/** What `format` says in every recorded run: a JSON file that is not a run is refused by it. */
export const RUN_FORMAT = 'aws-interview-labs/run';

/**
 * The version {@link buildRunRecord} writes.
 *
 * - 1: each claim's outcome, summary, reasons and figures.
 * - 2: also the judgement's evidence (what was observed, every expectation and precondition, what
 *   the run did not exercise), so a report shows what the run's checks saw even after they
 *   changed. A version-1 run is read with that evidence empty and `upgradedFrom: 1`.
 */
export const RUN_RECORD_VERSION = 2;

/** Every version {@link readRunRecord} reads. */
export const READABLE_VERSIONS: readonly number[] = [1, 2];

/** One claim's outcome as a version-1 run recorded it. */
export interface RecordedResultV1 {
  readonly claim: string;
  readonly question: string;
  /** The seed's verdict at record time (the catalog's, which may change later). */
  readonly verdict?: string;
  readonly mode: 'offline' | 'live';
  readonly outcome: Outcome;
  readonly summary: string;
  /** The unmet expectations (fail) or preconditions (inconclusive). */
  readonly reasons: readonly string[];
  readonly figures: readonly Figure[];
  /** Why the check could not run, or was skipped. */
  readonly error?: string;
  readonly durationMs: number;
}

/** One claim's outcome as the run judged it, with the judgement's evidence (version 2). */
export interface RecordedResult extends RecordedResultV1 {
  /** What was seen, in the check's words; absent when the check did not judge (error, skipped). */
  readonly observed?: string;
  readonly expectations: readonly Expectation[];
  readonly preconditions: readonly Precondition[];
  readonly notExercised?: string;
}

/** Which account data the record keeps. */
export interface Redaction {
  /** `redacted`: the account id and ARNs' account fields replaced (the default); `kept`: `--keep-account`. */
  readonly account: 'redacted' | 'kept';
}

/** A recorded run, as this kit reads it (version 2; older versions upgraded). */
export interface RunRecord {
  readonly format: typeof RUN_FORMAT;
  readonly schemaVersion: 2;
  /** Set when the file was of an older version, upgraded on reading. */
  readonly upgradedFrom?: number;
  readonly lab: string;
  /** The version of this project (package.json) that recorded the run. */
  readonly kitVersion: string;
  /**
   * SHA-256 of the deployed stack's template (CloudFormation GetTemplate, Original stage, as
   * canonical JSON: keys sorted), so two runs can be told to be of the same stack; null when it
   * could not be read (`templateHashError` says why).
   */
  readonly templateHash: string | null;
  readonly templateHashError?: string;
  readonly region: string;
  readonly redaction: Redaction;
  /** ISO 8601 times on the recording machine's clock. */
  readonly startedAt: string;
  readonly endedAt: string;
  readonly durationMs: number;
  /** The live options the run was given (`--rate=5`), without the dashes. */
  readonly options: Readonly<Record<string, string | boolean>>;
  /** The claims the run was asked for (`--claim`); absent: every claim of the lab. */
  readonly onlyClaims?: readonly string[];
  /** Every observation the run made, raw: what `labs report` judges again. */
  readonly observations: readonly RecordedObservation[];
  readonly results: readonly RecordedResult[];
  /**
   * Set on a record that is no real run (the project's example fixtures): says what it is, and
   * every page that shows the record shows this first.
   */
  readonly example?: string;
}

/** What {@link buildRunRecord} needs from a finished live run. */
export interface RunFacts {
  readonly lab: string;
  readonly kitVersion: string;
  readonly templateHash: string | null;
  readonly templateHashError?: string;
  readonly region: string;
  readonly startedAtMs: number;
  readonly endedAtMs: number;
  readonly options: Readonly<Record<string, string | boolean>>;
  readonly onlyClaims?: readonly string[];
  readonly observations: readonly RecordedObservation[];
  readonly results: readonly CheckResult[];
}

/** A result as recorded: the row and its judgement's evidence, as plain JSON. */
export function recordedResult(r: CheckResult): RecordedResult {
  const j = r.judgement;
  return {
    claim: r.claim,
    question: r.question,
    ...(r.verdict ? { verdict: r.verdict } : {}),
    mode: r.mode,
    outcome: r.outcome,
    summary: r.summary,
    reasons: [...r.reasons],
    figures: [...(r.judgement?.figures ?? [])],
    ...(r.error ? { error: r.error } : {}),
    durationMs: r.durationMs,
    ...(j ? { observed: j.observed } : {}),
    expectations: (j?.expectations ?? []).map((e) => ({ ...e })),
    preconditions: (j?.preconditions ?? []).map((p) => ({ ...p })),
    ...(j?.notExercised ? { notExercised: j.notExercised } : {}),
  };
}

/** The record of a finished run, not yet redacted (see `redactValue`). */
export function buildRunRecord(facts: RunFacts): RunRecord {
  return {
    format: RUN_FORMAT,
    schemaVersion: RUN_RECORD_VERSION,
    lab: facts.lab,
    kitVersion: facts.kitVersion,
    templateHash: facts.templateHash,
    ...(facts.templateHashError ? { templateHashError: facts.templateHashError } : {}),
    region: facts.region,
    redaction: { account: 'kept' },
    startedAt: new Date(facts.startedAtMs).toISOString(),
    endedAt: new Date(facts.endedAtMs).toISOString(),
    durationMs: facts.endedAtMs - facts.startedAtMs,
    options: { ...facts.options },
    ...(facts.onlyClaims && facts.onlyClaims.length > 0 ? { onlyClaims: [...facts.onlyClaims] } : {}),
    observations: facts.observations.map((o) => ({ ...o })),
    results: facts.results.map(recordedResult),
  };
}

const OUTCOME_VALUES = ['pass', 'fail', 'inconclusive', 'error', 'skipped'] as const;

function checkFigures(p: Problems, at: string, v: unknown): void {
  checkArray(p, at, v, (q, i, f) => {
    if (!isRecord(f)) return q.add(`${i}`, 'an object {name, value, unit}', f);
    checkString(q, `${i}.name`, f.name);
    checkNumber(q, `${i}.value`, f.value);
    checkString(q, `${i}.unit`, f.unit, true);
  });
}

function checkObservation(p: Problems, at: string, o: unknown): void {
  if (!isRecord(o)) return p.add(at, 'an object', o);
  checkString(p, `${at}.name`, o.name);
  checkEnum(p, `${at}.outcome`, o.outcome, ['observed', 'error', 'skipped']);
  checkOptionalString(p, `${at}.error`, o.error);
  checkNumber(p, `${at}.durationMs`, o.durationMs);
  if (o.outcome === 'observed' && !('value' in o)) p.add(`${at}.value`, 'the observed value', undefined);
}

function checkResult(p: Problems, at: string, r: unknown): void {
  if (!isRecord(r)) return p.add(at, 'an object', r);
  checkString(p, `${at}.claim`, r.claim);
  checkString(p, `${at}.question`, r.question);
  checkOptionalString(p, `${at}.verdict`, r.verdict);
  checkEnum(p, `${at}.mode`, r.mode, ['offline', 'live']);
  checkEnum(p, `${at}.outcome`, r.outcome, OUTCOME_VALUES);
  checkString(p, `${at}.summary`, r.summary, true);
  checkStringArray(p, `${at}.reasons`, r.reasons);
  checkFigures(p, `${at}.figures`, r.figures);
  checkOptionalString(p, `${at}.error`, r.error);
  checkNumber(p, `${at}.durationMs`, r.durationMs);
}

function checkEvidence(p: Problems, at: string, r: unknown): void {
  if (!isRecord(r)) return;
  checkOptionalString(p, `${at}.observed`, r.observed);
  checkOptionalString(p, `${at}.notExercised`, r.notExercised);
  checkArray(p, `${at}.expectations`, r.expectations, (q, i, e) => {
    if (!isRecord(e)) return q.add(`${i}`, 'an object {what, expected, actual, met}', e);
    for (const k of ['what', 'expected', 'actual'] as const) checkString(q, `${i}.${k}`, e[k], true);
    if (typeof e.met !== 'boolean') q.add(`${i}.met`, 'true or false', e.met);
    if (e.decisive !== undefined && typeof e.decisive !== 'boolean') q.add(`${i}.decisive`, 'true, false or nothing', e.decisive);
  });
  checkArray(p, `${at}.preconditions`, r.preconditions, (q, i, c) => {
    if (!isRecord(c)) return q.add(`${i}`, 'an object {what, met, actual}', c);
    checkString(q, `${i}.what`, c.what, true);
    checkString(q, `${i}.actual`, c.actual, true);
    if (typeof c.met !== 'boolean') q.add(`${i}.met`, 'true or false', c.met);
  });
}

/** The problems of a value claiming to be a record of `version` (empty: it is one). */
export function problemsOf(v: Record<string, unknown>, version: number): string[] {
  const p = new PathProblems();
  if (version >= 2 && Array.isArray(v.results)) v.results.forEach((r, i) => checkEvidence(p, `results.${i}`, r));
  checkString(p, 'lab', v.lab);
  checkString(p, 'kitVersion', v.kitVersion);
  if (v.templateHash !== null) checkString(p, 'templateHash', v.templateHash);
  checkOptionalString(p, 'templateHashError', v.templateHashError);
  checkString(p, 'region', v.region);
  if (!isRecord(v.redaction)) p.add('redaction', 'an object {account}', v.redaction);
  else checkEnum(p, 'redaction.account', v.redaction.account, ['redacted', 'kept']);
  checkString(p, 'startedAt', v.startedAt);
  checkString(p, 'endedAt', v.endedAt);
  checkNumber(p, 'durationMs', v.durationMs);
  if (!isRecord(v.options) || !Object.values(v.options).every((x) => typeof x === 'string' || typeof x === 'boolean')) p.add('options', 'an object of strings and booleans', v.options);
  if (v.onlyClaims !== undefined) checkStringArray(p, 'onlyClaims', v.onlyClaims);
  checkArray(p, 'observations', v.observations, (q, i, o) => checkObservation(q, `${i}`, o));
  checkArray(p, 'results', v.results, (q, i, r) => checkResult(q, `${i}`, r));
  checkOptionalString(p, 'example', v.example);
  return p.list;
}

class PathProblems implements Problems {
  readonly list: string[] = [];
  add(at: string, expected: string, got: unknown): void {
    this.list.push(`${at}: expected ${expected}, got ${describe(got)}`);
  }
  within(prefix: string): Problems {
    return { add: (at, expected, got) => this.add(`${prefix}.${at}`, expected, got), within: (p) => this.within(`${prefix}.${p}`) };
  }
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  const text = JSON.stringify(v);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Why a text is not a readable run: one line, for `labs report`. */
export class RunRecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunRecordError';
  }
}

/**
 * Reads a recorded run: JSON, the run format, a version this kit reads, the shape of that
 * version; an older version is upgraded to the current shape.
 *
 * @throws RunRecordError saying, in one line, what is wrong and what is allowed
 */
export function readRunRecord(text: string, source = 'the run'): RunRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new RunRecordError(`${source} is not JSON (${(error as Error).message}); a recorded run is the JSON file \`labs check <lab> --record\` writes`);
  }
  if (!isRecord(value) || value.format !== RUN_FORMAT) {
    throw new RunRecordError(`${source} is JSON but not a recorded run: its "format" is ${describe(isRecord(value) ? value.format : value)}; allowed: ${JSON.stringify(RUN_FORMAT)} (written by \`labs check <lab> --record\`)`);
  }
  const version = value.schemaVersion;
  if (typeof version !== 'number' || !READABLE_VERSIONS.includes(version)) {
    throw new RunRecordError(`${source} has schemaVersion ${describe(version)}, which this kit does not read; allowed: ${READABLE_VERSIONS.join(', ')} (a newer kit recorded it? update this checkout)`);
  }
  const problems = problemsOf(value, version);
  if (problems.length > 0) {
    throw new RunRecordError(`${source} is not a valid version-${version} run: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? `; and ${problems.length - 3} more` : ''}`);
  }
  return version === 1 ? upgradeV1(value) : (value as unknown as RunRecord);
}

/** A version-1 run in the current shape: its results without evidence (version 1 kept none). */
export function upgradeV1(v1: Record<string, unknown>): RunRecord {
  const results = (v1.results as RecordedResultV1[]).map((r) => ({ ...r, expectations: [], preconditions: [] }));
  return { ...(v1 as object), schemaVersion: RUN_RECORD_VERSION, upgradedFrom: 1, results } as unknown as RunRecord;
}
