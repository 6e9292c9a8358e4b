/**
 * The checks of B8, I15, I22, I24, I43, A20 and A35, keyed by catalog claim id: the template evidence
 * that the lab is built to show each claim, and the judgement of what Lambda did. The claims' text
 * lives in the catalog.
 */
import {
  decisive,
  expectAtLeast,
  expectAtMost,
  expectEqual,
  expectThat,
  type Expectation,
  type Figure,
  type Judgement,
  type Precondition,
  requires,
} from '../../lib/lab-kit/checks/judgement';
import { type ClaimCheck, live } from '../../lib/lab-kit/checks/lab-definition';
import type { FunctionFacts, LabFacts } from './facts';
import {
  account,
  type AccountObservation,
  COLD_START_VARIABLE,
  type ColdSample,
  type ColdStartObservation,
  coldStarts,
  CONTROL_MB,
  isolation,
  type IsolationObservation,
  memory,
  type MemoryObservation,
  type MemoryRun,
  type AliasMove,
  MOVED_ALIAS_INVOKES,
  OVER_LIMIT_TIMEOUT_SECONDS,
  SETTLE_INVOKES,
  type TimeoutObservation,
  timeouts,
  type VersionObservation,
  versions,
} from './observe';
import { errorOf } from './report-line';
import { clopperPearson, describe, median, medianInterval, r1, signTest } from './stats';

/** The default timeout maximum of a default function ("Configure Lambda function timeout", https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html). */
export const MAX_TIMEOUT_SECONDS = 900;
/** The documented default concurrency quota per Region ("Lambda quotas", https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). */
export const DEFAULT_CONCURRENCY = 1_000;
/** The confidence of every statistical judgement. */
export const CONFIDENCE = 0.95;
/**
 * The confidence of the weighted-routing interval: 99%, so a run where Lambda routes exactly as documented
 * fails at most about 1 time in 100 (Clopper-Pearson is conservative: the real rate is below that); at 95% it
 * would be about 1 in 20.
 */
export const ALIAS_CONFIDENCE = 0.99;
/** Cold samples each probe needs for a cold-start judgement (the lab's floor; the run's count is stated). */
export const MIN_COLD_SAMPLES = 10;

const INVOKE = 'Lambda Invoke (RequestResponse, LogType Tail), the REPORT line read from the base64 LogResult (the last 4 KB of the log)';

function fnLine(f: FunctionFacts): string {
  return `${f.logicalId} (${f.runtime}, ${f.memoryMb} MB, timeout ${f.timeoutSeconds} s${f.subnets.length ? `, ${f.subnets.length} subnets` : ''})`;
}

// ---------------------------------------------------------------------------------------------
// Timeouts (B8, A20, A35)
// ---------------------------------------------------------------------------------------------

function offlineTimeouts(f: LabFacts): Judgement {
  const all = [f.nodeHog, f.pythonHog, f.timeoutProbe, f.coldPlain, f.coldVpc, f.coldSdkAtInit, f.coldSdkInHandler, f.coldLarge, f.release, f.holder, f.reader];
  const longest = Math.max(...all.map((x) => x.timeoutSeconds));
  return {
    observed: `the timeout probe ${fnLine(f.timeoutProbe)}; the longest timeout of the lab's ${all.length} functions is ${longest} s.`,
    method: 'template: Timeout of every AWS::Lambda::Function (absent: the 3 s default)',
    expectations: [
      expectAtMost('every function timeout (a default function accepts 1 to 900 s)', MAX_TIMEOUT_SECONDS, longest, 's'),
      expectAtMost("the timeout probe's timeout (short, so running past it costs little)", 10, f.timeoutProbe.timeoutSeconds, 's'),
    ],
  };
}

function overLimitExpectations(o: TimeoutObservation): Expectation[] {
  const refused = o.overLimit.outcome === 'refused';
  return [
    decisive(
      expectThat(
        `UpdateFunctionConfiguration with Timeout ${OVER_LIMIT_TIMEOUT_SECONDS} is refused`,
        refused,
        refused ? `refused: ${o.overLimit.errorName} (HTTP ${o.overLimit.httpStatusCode}): ${o.overLimit.errorMessage}` : 'accepted (the check put the timeout back)',
      ),
    ),
    expectEqual("the function's timeout afterwards (unchanged)", o.timeoutSeconds, o.overLimit.timeoutAfterSeconds),
  ];
}

function stoppedAtTimeout(o: TimeoutObservation): { expectations: Expectation[]; preconditions: Precondition[]; figures: Figure[] } {
  const r = o.invocation.report;
  const timeoutMs = (o.timeoutSeconds ?? 0) * 1000;
  return {
    preconditions: [requires('the invocation left a REPORT line in its log tail', !!r, r ? 'yes' : 'no REPORT line in LogResult')],
    expectations: [
      // "Unhandled - The runtime didn't handle the error. For example, the function ran out of memory or timed out." (Invoke, FunctionError; AWS Lambda API Reference)
      decisive(expectThat('the invocation ended in a function error (FunctionError)', !!o.invocation.functionError, o.invocation.functionError ?? 'none: it returned normally')),
      expectAtLeast('REPORT Duration (it ran until its timeout)', timeoutMs, r?.durationMs, 'ms'),
      decisive(expectThat(`REPORT Duration below the ${o.requestedSleepMs} ms it was told to wait (stopped, not finished)`, r === undefined || (r.durationMs ?? Infinity) < o.requestedSleepMs, `${r?.durationMs ?? 'none'} ms`)),
      expectAtLeast('REPORT Billed Duration (the caller pays for the time until the timeout)', timeoutMs, r?.billedDurationMs, 'ms'),
    ],
    figures: [
      { name: 'timeout', value: o.timeoutSeconds ?? Number.NaN, unit: 's' },
      { name: 'duration', value: r?.durationMs ?? Number.NaN, unit: 'ms' },
      { name: 'billed duration', value: r?.billedDurationMs ?? Number.NaN, unit: 'ms' },
    ],
  };
}

function timeoutObserved(o: TimeoutObservation): string {
  const { errorType, errorMessage } = errorOf(o.invocation.payload);
  return (
    `told to wait ${o.requestedSleepMs / 1000} s with a ${o.timeoutSeconds} s timeout, the invocation ended with FunctionError ${o.invocation.functionError ?? 'none'}, ` +
    `errorType ${errorType ?? 'none'}, errorMessage "${errorMessage ?? ''}"; REPORT Duration ${o.invocation.report?.durationMs ?? '?'} ms, Billed Duration ${o.invocation.report?.billedDurationMs ?? '?'} ms. ` +
    `Timeout ${OVER_LIMIT_TIMEOUT_SECONDS}: ${o.overLimit.outcome}${o.overLimit.errorName ? ` (${o.overLimit.errorName}: ${o.overLimit.errorMessage})` : ''}.`
  );
}

const TIMEOUT_METHOD =
  `${INVOKE} with {sleepMs: 5 × timeout}; then UpdateFunctionConfiguration with Timeout ${OVER_LIMIT_TIMEOUT_SECONDS} (a ValidationException, the model-validation error Lambda has returned for an out-of-range timeout, or UpdateFunctionConfiguration's documented InvalidParameterValueException, either with HTTP 400, counts as refused; ` +
  'accepted, the check puts the old timeout back at once), and GetFunctionConfiguration to read the timeout afterwards. The errorType and errorMessage are recorded, not matched: no Lambda page gives their text';

function judgeTimeoutRun(o: TimeoutObservation): Judgement {
  const s = stoppedAtTimeout(o);
  return { observed: timeoutObserved(o), method: TIMEOUT_METHOD, figures: s.figures, preconditions: s.preconditions, expectations: [...s.expectations, ...overLimitExpectations(o)] };
}

function judgeOverLimit(o: TimeoutObservation): Judgement {
  return {
    observed: timeoutObserved(o),
    method: TIMEOUT_METHOD,
    figures: [{ name: 'timeout requested', value: OVER_LIMIT_TIMEOUT_SECONDS, unit: 's' }],
    expectations: overLimitExpectations(o),
    notExercised: 'Lambda Managed Instances (5,400 s for asynchronous and most event-source invocations) and durable functions: the lab deploys a default function only',
  };
}

// ---------------------------------------------------------------------------------------------
// Account concurrency (A35)
// ---------------------------------------------------------------------------------------------

function judgeConcurrency(o: AccountObservation): Judgement {
  const limit = o.concurrentExecutions;
  const relation = limit === undefined ? 'not reported' : limit === DEFAULT_CONCURRENCY ? 'the documented default' : limit < DEFAULT_CONCURRENCY ? 'below the documented default (a new or restricted account)' : 'above the default (raised)';
  return {
    observed: `GetAccountSettings in ${o.region}: ConcurrentExecutions ${limit ?? 'absent'} (${relation}), UnreservedConcurrentExecutions ${o.unreservedConcurrentExecutions ?? 'absent'}.`,
    method: 'Lambda GetAccountSettings: AccountLimit.ConcurrentExecutions and UnreservedConcurrentExecutions (the figure is reported, never assumed: new accounts often start lower than 1,000)',
    figures: [
      { name: 'concurrent executions limit', value: limit ?? Number.NaN, unit: 'executions' },
      { name: 'unreserved concurrent executions', value: o.unreservedConcurrentExecutions ?? Number.NaN, unit: 'executions' },
    ],
    expectations: [
      expectThat('the account has a finite concurrency limit in this Region (concurrency is limited)', Number.isInteger(limit) && (limit ?? 0) > 0, String(limit ?? 'absent')),
      expectThat(
        'the unreserved pool is within the limit',
        o.unreservedConcurrentExecutions !== undefined && limit !== undefined && o.unreservedConcurrentExecutions <= limit,
        `${o.unreservedConcurrentExecutions ?? 'absent'} of ${limit ?? 'absent'}`,
      ),
    ],
    notExercised: 'raising the quota (a Service Quotas request) and the per-function scaling rate of 1,000 environments every 10 seconds',
  };
}

// ---------------------------------------------------------------------------------------------
// Memory (I43)
// ---------------------------------------------------------------------------------------------

function runText(r: MemoryRun): string {
  const { errorType, errorMessage } = errorOf(r.hog.payload);
  return (
    `${r.runtime}: ${CONTROL_MB} MB control ${r.control.functionError ? `FAILED (${r.control.functionError})` : `returned (Max Memory Used ${r.control.report?.maxMemoryUsedMb ?? '?'} MB)`}; ` +
    `${r.requestedMb} MB in ${r.memorySizeMb} MB: FunctionError ${r.hog.functionError ?? 'none'}, errorType ${errorType ?? 'none'}, errorMessage "${errorMessage ?? ''}", ` +
    `Max Memory Used ${r.hog.report?.maxMemoryUsedMb ?? '?'} of ${r.hog.report?.memorySizeMb ?? '?'} MB`
  );
}

function controlWorked(r: MemoryRun): Precondition {
  const ok = !r.control.functionError && (r.control.payload as { allocatedMb?: number } | undefined)?.allocatedMb !== undefined;
  return requires(`${r.runtime}: the ${CONTROL_MB} MB control invocation returned (the function works; a failure is the allocation's)`, ok, ok ? 'yes' : `no: ${r.control.functionError ?? 'no allocatedMb in the payload'}`);
}

const MEMORY_METHOD =
  `${INVOKE}: each hog (Node.js 24 and Python 3.13, 128 MB) is asked for ${CONTROL_MB} MB (the control), then twice its MemorySize (from GetFunctionConfiguration), in 8 MB blocks whose every byte is written; ` +
  'FunctionError, the error payload and the REPORT line of each are recorded';

function memoryFigures(o: MemoryObservation): Figure[] {
  return o.runs.flatMap((r) => [
    { name: `${r.runtime} max memory used when it ran out`, value: r.hog.report?.maxMemoryUsedMb ?? Number.NaN, unit: 'MB' },
    { name: `${r.runtime} memory size`, value: r.memorySizeMb ?? Number.NaN, unit: 'MB' },
    { name: `${r.runtime} control max memory used`, value: r.control.report?.maxMemoryUsedMb ?? Number.NaN, unit: 'MB' },
  ]);
}

function judgeOutOfMemory(o: MemoryObservation): Judgement {
  return {
    observed: o.runs.map(runText).join('; ') + '.',
    method: MEMORY_METHOD,
    figures: memoryFigures(o),
    preconditions: [requires('both runtimes were tried', o.runs.length === 2, `${o.runs.length}`), ...o.runs.map(controlWorked)],
    expectations: o.runs.flatMap((r) => [
      // FunctionError: "Unhandled - The runtime didn't handle the error. For example, the function ran out of memory or timed out." (Invoke, AWS Lambda API Reference)
      decisive(expectThat(`${r.runtime}: the over-allocating invocation ended in a function error`, !!r.hog.functionError, r.hog.functionError ?? 'none: it returned')),
      decisive(
        expectThat(
          `${r.runtime}: it did not return the ${r.requestedMb} MB it was asked for`,
          (r.hog.payload as { allocatedMb?: number } | undefined)?.allocatedMb === undefined,
          (r.hog.payload as { allocatedMb?: number } | undefined)?.allocatedMb !== undefined ? `it returned allocatedMb ${(r.hog.payload as { allocatedMb: number }).allocatedMb}` : 'no',
        ),
      ),
    ]),
    notExercised: 'the execution environment being reset afterwards (the next invocation is not timed here); Java and the other runtimes',
  };
}

function judgeErrorByRuntime(o: MemoryObservation): Judgement {
  const errors = o.runs.map((r) => ({ runtime: r.runtime, ...errorOf(r.hog.payload), failed: !!r.hog.functionError }));
  return {
    observed: errors.map((e) => `${e.runtime}: errorType ${e.errorType ?? 'none'}, errorMessage "${e.errorMessage ?? ''}"`).join('; ') + '.',
    method: `${MEMORY_METHOD}. What each runtime reports is recorded as seen: no page documents the exact text, so only the absence of Java's OutOfMemoryError is judged`,
    figures: memoryFigures(o),
    preconditions: [requires('both runtimes were tried', o.runs.length === 2, `${o.runs.length}`), ...errors.map((e) => requires(`${e.runtime}: the over-allocating invocation failed`, e.failed, e.failed ? 'yes' : 'no: it returned'))],
    expectations: errors.map((e) =>
      decisive(
        expectThat(
          `${e.runtime}: no OutOfMemoryError in errorType or errorMessage (that is Java's name)`,
          !`${e.errorType ?? ''} ${e.errorMessage ?? ''}`.includes('OutOfMemoryError'),
          `errorType ${e.errorType ?? 'none'}`,
        ),
      ),
    ),
    notExercised: 'a Java function, which can report java.lang.OutOfMemoryError when its heap runs out',
  };
}

function judgeMaxMemoryUsed(o: MemoryObservation): Judgement {
  return {
    observed: o.runs.map(runText).join('; ') + '.',
    method: `${MEMORY_METHOD}; Max Memory Used and Memory Size read from each REPORT line`,
    figures: memoryFigures(o),
    preconditions: [requires('both runtimes were tried', o.runs.length === 2, `${o.runs.length}`), ...o.runs.map(controlWorked)],
    expectations: o.runs.flatMap((r) => [
      expectEqual(`${r.runtime}: the REPORT line's Memory Size is the configured memory`, r.memorySizeMb, r.control.report?.memorySizeMb),
      expectAtMost(`${r.runtime}: the control's Max Memory Used (within its memory)`, r.memorySizeMb ?? 0, r.control.report?.maxMemoryUsedMb, 'MB'),
      expectThat(
        `${r.runtime}: the over-allocating invocation's REPORT line shows more memory used than the control's`,
        (r.hog.report?.maxMemoryUsedMb ?? 0) > (r.control.report?.maxMemoryUsedMb ?? Infinity),
        `${r.hog.report?.maxMemoryUsedMb ?? 'none'} MB against ${r.control.report?.maxMemoryUsedMb ?? 'none'} MB`,
      ),
    ]),
    notExercised: 'raising the memory setting (the lab does not redeploy); Lambda Insights and Compute Optimizer',
  };
}

function offlineMemory(f: LabFacts): Judgement {
  return {
    observed: `memory hogs ${fnLine(f.nodeHog)} and ${fnLine(f.pythonHog)}.`,
    method: 'template: Runtime, MemorySize and Timeout of the two hogs',
    expectations: [
      expectEqual('the Node.js hog runtime', 'nodejs24.x', f.nodeHog.runtime),
      expectEqual('the Python hog runtime', 'python3.13', f.pythonHog.runtime),
      expectEqual('the Node.js hog memory (the smallest, so the hog passes it quickly)', 128, f.nodeHog.memoryMb),
      expectEqual('the Python hog memory', 128, f.pythonHog.memoryMb),
      expectAtLeast('the hogs\' timeout (memory, not the clock, must end them)', 10, Math.min(f.nodeHog.timeoutSeconds, f.pythonHog.timeoutSeconds), 's'),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Cold starts (I22, A20, A35)
// ---------------------------------------------------------------------------------------------

/** The cold samples whose first invocation did start a new environment (Init Duration present) and did not fail. */
function coldInits(samples: readonly ColdSample[]): number[] {
  return samples.filter((s) => s.cold.initDurationMs !== undefined && !s.cold.functionError).map((s) => s.cold.initDurationMs as number);
}

/** The warm durations: the invocation right after a cold one, reusing its environment (no Init Duration). */
function warmDurations(samples: readonly ColdSample[]): number[] {
  return samples.filter((s) => s.warm.initDurationMs === undefined && s.warm.durationMs !== undefined && !s.warm.functionError).map((s) => s.warm.durationMs as number);
}

function enoughSamples(name: string, values: readonly number[], of: number, what = 'cold starts with an Init Duration'): Precondition {
  return requires(`${name}: at least ${MIN_COLD_SAMPLES} ${what}`, values.length >= MIN_COLD_SAMPLES, `${values.length} of ${of}`);
}

const COLD_METHOD =
  `each round, for every probe: UpdateFunctionConfiguration setting ${COLD_START_VARIABLE} to a new value (a new configuration: the next invocation gets a new execution environment), ` +
  `GetFunctionConfiguration until LastUpdateStatus is Successful, then two invocations (${INVOKE}): the first's Init Duration is the cold start, the second's Duration (no Init Duration) the warm run; ` +
  'probes interleaved within each round so that drift in the Region affects all alike; a first invocation without Init Duration (Lambda may have initialised an environment ahead) is left out and counted; ' +
  'the original variables are put back at the end';

/**
 * The VPC margin, fixed before any run: the lab calls "the VPC adds less than 100 ms before the handler"
 * no slowdown. It is the lab's claim threshold, not an AWS figure: AWS publishes no bound, and the
 * penalty the 2019 change removed was a per-environment ENI creation users measured in seconds.
 */
export const VPC_MARGIN_MS = 100;

/** A cold invocation usable as a timing sample: it started a new environment, did not fail, and was timed on both clocks. */
function timedCold(s: ColdSample | undefined): s is ColdSample & { cold: { initDurationMs: number; durationMs: number; clientMs: number } } {
  return !!s && s.cold.initDurationMs !== undefined && s.cold.durationMs !== undefined && s.cold.clientMs !== undefined && !s.cold.functionError;
}

/** What the caller waited before the handler ran: client time minus the REPORT Duration (network, sandbox, Init, the round trip). */
const beforeHandler = (s: { cold: { durationMs: number; clientMs: number } }) => s.cold.clientMs - s.cold.durationMs;

/** Rounds whose invocations failed (FunctionError): left out of the timing pairs, counted and reported. */
function failedRounds(a: readonly ColdSample[], b: readonly ColdSample[], which: 'cold' | 'warm'): number {
  return a.filter((s, i) => !!s[which].functionError || !!b[i]?.[which].functionError).length;
}

function judgeVpc(o: ColdStartObservation): Judgement {
  const pairs = o.samples.plain.flatMap((p, i) => {
    const v = o.samples.vpc[i];
    return timedCold(p) && timedCold(v) ? [{ plain: beforeHandler(p), vpc: beforeHandler(v) }] : [];
  });
  const differences = pairs.map((x) => x.vpc - x.plain);
  const ci = medianInterval(differences, CONFIDENCE);
  const failed = failedRounds(o.samples.plain, o.samples.vpc, 'cold');
  const within = !!ci && ci.lower >= -VPC_MARGIN_MS && ci.upper <= VPC_MARGIN_MS;
  const slower = !!ci && ci.lower > VPC_MARGIN_MS;
  const width = ci ? ci.upper - ci.lower : Number.NaN;
  const interval = ci ? `${r1(ci.lower)} to ${r1(ci.upper)} ms (order statistics ${ci.k} and ${differences.length + 1 - ci.k} of ${differences.length}, coverage ${r1(ci.coverage * 1000) / 10}%)` : 'none (too few pairs)';
  return {
    observed:
      `time before the handler (client time of the cold Invoke minus REPORT Duration) without a VPC: ${describe(pairs.map((x) => x.plain))}; in the VPC: ${describe(pairs.map((x) => x.vpc))}; ` +
      `paired difference (VPC - no VPC): median ${r1(median(differences))} ms, exact interval ${interval}; margin ±${VPC_MARGIN_MS} ms. ` +
      `Init Duration (reported only: it is the Init phase, after network setup): no VPC ${describe(coldInits(o.samples.plain))}, VPC ${describe(coldInits(o.samples.vpc))}. ` +
      `${failed} round(s) with a failed invocation left out.`,
    method:
      `${COLD_METHOD}. The same handler, package and memory with and without VpcConfig; the VPC probe's State read first (Active: its Hyperplane ENIs exist). ` +
      'Each cold Invoke is timed on the client, because network setup for the sandbox happens before the Init phase and so is not in Init Duration ' +
      '("Understanding the Lambda execution environment lifecycle", https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html: Init is extension init, runtime init and function init). ' +
      `Per round, the time before the handler (client time minus REPORT Duration) of the VPC probe minus that of the plain one; rounds where either invocation failed are left out and counted. ` +
      `Judged by an equivalence test with a margin fixed in advance, ±${VPC_MARGIN_MS} ms (the lab's threshold, not an AWS figure): the exact distribution-free ${CONFIDENCE * 100}% interval of the median paired difference (sign-test order statistics) ` +
      `must lie inside ±${VPC_MARGIN_MS} ms to pass; wholly above +${VPC_MARGIN_MS} ms fails; anything else (an interval wider than the margin allows, or one straddling it) is inconclusive, so more noise never makes it easier to pass`,
    figures: [
      { name: 'median time before the handler, no VPC', value: r1(median(pairs.map((x) => x.plain))), unit: 'ms' },
      { name: 'median time before the handler, VPC', value: r1(median(pairs.map((x) => x.vpc))), unit: 'ms' },
      { name: 'median paired difference (VPC - no VPC)', value: r1(median(differences)), unit: 'ms' },
      { name: 'interval lower', value: ci ? r1(ci.lower) : Number.NaN, unit: 'ms' },
      { name: 'interval upper', value: ci ? r1(ci.upper) : Number.NaN, unit: 'ms' },
      { name: 'margin', value: VPC_MARGIN_MS, unit: 'ms' },
      { name: 'median Init Duration, no VPC (reported)', value: r1(median(coldInits(o.samples.plain))), unit: 'ms' },
      { name: 'median Init Duration, VPC (reported)', value: r1(median(coldInits(o.samples.vpc))), unit: 'ms' },
      { name: 'paired rounds', value: pairs.length, unit: 'rounds' },
      { name: 'rounds left out for a failed invocation', value: failed, unit: 'rounds' },
    ],
    preconditions: [
      requires('the VPC probe is Active in the VPC (its network interfaces were made when it was configured)', o.vpcProbe.state === 'Active' && o.vpcProbe.subnetCount > 0, `State ${o.vpcProbe.state ?? 'unknown'}, ${o.vpcProbe.subnetCount} subnets`),
      requires(`at least ${MIN_COLD_SAMPLES} rounds with a timed, successful cold start of both`, pairs.length >= MIN_COLD_SAMPLES, `${pairs.length} of ${o.samples.plain.length}`),
      requires(
        `the interval decides: inside ±${VPC_MARGIN_MS} ms or wholly above +${VPC_MARGIN_MS} ms`,
        within || slower,
        !ci ? 'no interval' : width > 2 * VPC_MARGIN_MS ? `${interval}: wider than ${2 * VPC_MARGIN_MS} ms; run again with more --cold-samples` : `${interval}: it straddles the margin`,
      ),
    ],
    expectations: [
      expectThat(
        `the VPC adds less than ${VPC_MARGIN_MS} ms before the handler (the exact interval of the median paired difference inside ±${VPC_MARGIN_MS} ms)`,
        within,
        interval,
        `inside ±${VPC_MARGIN_MS} ms`,
      ),
    ],
    notExercised: 'the one-off wait while Lambda creates the ENIs when a function is first attached to a VPC (the function is Pending, not invoked), and VPCs whose subnets or security groups change',
  };
}

function judgePackageSize(o: ColdStartObservation): Judgement {
  const pairs = o.samples.plain.flatMap((s, i) => {
    const l = o.samples.largePackage[i];
    return s.cold.initDurationMs !== undefined && !s.cold.functionError && l?.cold.initDurationMs !== undefined && !l.cold.functionError ? [[l.cold.initDurationMs, s.cold.initDurationMs] as const] : [];
  });
  const t = signTest(pairs);
  const failed = failedRounds(o.samples.plain, o.samples.largePackage, 'cold');
  const small = coldInits(o.samples.plain);
  const large = coldInits(o.samples.largePackage);
  return {
    observed: `Init Duration, small package: ${describe(small)}; with a large module loaded at init: ${describe(large)}; in ${t.greater} of ${t.differing} rounds the large package started slower (one-sided exact sign test p = ${t.pValue.toPrecision(3)}); ${failed} round(s) with a failed invocation left out.`,
    method: `${COLD_METHOD}. Paired by round, rounds where either cold invocation failed (FunctionError) left out and counted; judged by the exact one-sided sign test at ${CONFIDENCE * 100}% confidence (p < ${r1((1 - CONFIDENCE) * 100) / 100})`,
    figures: [
      { name: 'median Init Duration, small package', value: r1(median(small)), unit: 'ms' },
      { name: 'median Init Duration, large package', value: r1(median(large)), unit: 'ms' },
      { name: 'rounds the large package started slower', value: t.greater, unit: 'rounds' },
      { name: 'paired rounds', value: t.differing, unit: 'rounds' },
      { name: 'sign test p-value', value: Number(t.pValue.toPrecision(3)), unit: '' },
      { name: 'rounds left out for a failed invocation', value: failed, unit: 'rounds' },
    ],
    preconditions: [requires(`at least ${MIN_COLD_SAMPLES} rounds with a successful cold start of both`, pairs.length >= MIN_COLD_SAMPLES, `${pairs.length}`)],
    expectations: [expectThat('the large package starts slower more often than chance allows', t.pValue < 1 - CONFIDENCE, `p = ${t.pValue.toPrecision(3)}`, `p < ${r1((1 - CONFIDENCE) * 100) / 100}`)],
    notExercised: 'the download of the package before init (not part of Init Duration), unused files that are never loaded, and container images',
  };
}

function judgeSdkPlacement(o: ColdStartObservation): Judgement {
  const pairs = o.samples.sdkInHandler.flatMap((s, i) => {
    const a = o.samples.sdkAtInit[i];
    return s.warm.initDurationMs === undefined && s.warm.durationMs !== undefined && !s.warm.functionError && a?.warm.initDurationMs === undefined && a?.warm.durationMs !== undefined && !a.warm.functionError
      ? [[s.warm.durationMs, a.warm.durationMs] as const]
      : [];
  });
  const t = signTest(pairs);
  const failed = failedRounds(o.samples.sdkInHandler, o.samples.sdkAtInit, 'warm');
  const atInitWarm = warmDurations(o.samples.sdkAtInit);
  const inHandlerWarm = warmDurations(o.samples.sdkInHandler);
  const atInitCold = coldInits(o.samples.sdkAtInit);
  const inHandlerCold = coldInits(o.samples.sdkInHandler);
  return {
    observed:
      `warm Duration with the STS client made at init: ${describe(atInitWarm)}; made in the handler: ${describe(inHandlerWarm)}; the in-handler client was slower in ${t.greater} of ${t.differing} rounds ` +
      `(one-sided exact sign test p = ${t.pValue.toPrecision(3)}); ${failed} round(s) with a failed warm invocation left out. Init Duration: at init ${describe(atInitCold)}, in the handler ${describe(inHandlerCold)}.`,
    method: `${COLD_METHOD}. Both call STS GetCallerIdentity once per invocation; paired by round, rounds where either warm invocation failed (FunctionError: an STS throttle or timeout still leaves a Duration) left out and counted; judged by the exact one-sided sign test at ${CONFIDENCE * 100}% confidence`,
    figures: [
      { name: 'median warm Duration, client at init', value: r1(median(atInitWarm)), unit: 'ms' },
      { name: 'median warm Duration, client in handler', value: r1(median(inHandlerWarm)), unit: 'ms' },
      { name: 'median Init Duration, client at init', value: r1(median(atInitCold)), unit: 'ms' },
      { name: 'median Init Duration, client in handler', value: r1(median(inHandlerCold)), unit: 'ms' },
      { name: 'rounds the in-handler client was slower warm', value: t.greater, unit: 'rounds' },
      { name: 'paired warm rounds', value: t.differing, unit: 'rounds' },
      { name: 'rounds left out for a failed invocation', value: failed, unit: 'rounds' },
    ],
    preconditions: [requires(`at least ${MIN_COLD_SAMPLES} rounds with a successful warm invocation of both`, pairs.length >= MIN_COLD_SAMPLES, `${pairs.length}`)],
    expectations: [
      expectThat('warm invocations are slower with the client made in the handler, more often than chance allows', t.pValue < 1 - CONFIDENCE, `p = ${t.pValue.toPrecision(3)}`, `p < ${r1((1 - CONFIDENCE) * 100) / 100}`),
    ],
    notExercised: 'heavy libraries other than the AWS SDK, lazy loading of rarely used modules, and database connections',
  };
}

function offlineVpc(f: LabFacts): Judgement {
  const same = f.coldPlain.code === f.coldVpc.code && f.coldPlain.memoryMb === f.coldVpc.memoryMb && f.coldPlain.runtime === f.coldVpc.runtime;
  return {
    observed: `${fnLine(f.coldPlain)} and ${fnLine(f.coldVpc)}; the VPC probe's subnets route to ${f.vpcProbeRoutes.length ? f.vpcProbeRoutes.join(', ') : 'nothing beyond the VPC'}; hourly resources: ${f.hourly.length ? f.hourly.join(', ') : 'none'}.`,
    method: 'template: VpcConfig, Code, MemorySize and Runtime of the two probes; the routes of the VPC probe subnets; NAT gateways and VPC endpoints',
    expectations: [
      expectThat('the VPC probe is attached to subnets', f.coldVpc.subnets.length > 0, `${f.coldVpc.subnets.length} subnets`),
      expectThat('the plain probe is not', f.coldPlain.subnets.length === 0, `${f.coldPlain.subnets.length} subnets`),
      expectThat(
        "the VPC probe's role lets Lambda manage its network interfaces (AWSLambdaVPCAccessExecutionRole)",
        f.coldVpc.managedPolicies.some((m) => m.endsWith(':iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole')),
        f.coldVpc.managedPolicies.join(', ') || 'no managed policy',
      ),
      expectThat('both run the same code, runtime and memory (only the VPC differs)', same, same ? 'yes' : 'no'),
      expectEqual('resources billed by the hour (isolated subnets only)', [], f.hourly),
    ],
  };
}

function offlinePackage(f: LabFacts): Judgement {
  const differs = f.coldLarge.code !== f.coldPlain.code;
  return {
    observed: `${fnLine(f.coldPlain)} with code ${f.coldPlain.code}; ${fnLine(f.coldLarge)} with code ${f.coldLarge.code}.`,
    method: 'template: Code.S3Key (the asset hash), Runtime, MemorySize and SDK_CLIENT of the two probes',
    expectations: [
      expectThat('the large-package probe ships other code than the plain one', differs, differs ? 'yes' : 'no: the same asset'),
      expectEqual('the same runtime', f.coldPlain.runtime, f.coldLarge.runtime),
      expectEqual('the same memory', f.coldPlain.memoryMb, f.coldLarge.memoryMb),
      expectEqual('no SDK call in either (SDK_CLIENT)', ['none', 'none'], [f.coldPlain.environment.SDK_CLIENT, f.coldLarge.environment.SDK_CLIENT]),
    ],
  };
}

function offlineSdk(f: LabFacts): Judgement {
  return {
    observed: `${fnLine(f.coldSdkAtInit)} SDK_CLIENT=${f.coldSdkAtInit.environment.SDK_CLIENT}; ${fnLine(f.coldSdkInHandler)} SDK_CLIENT=${f.coldSdkInHandler.environment.SDK_CLIENT}.`,
    method: 'template: the SDK_CLIENT variable, Code and MemorySize of the two SDK probes',
    expectations: [
      expectEqual('the at-init probe makes its client at init', 'init', f.coldSdkAtInit.environment.SDK_CLIENT),
      expectEqual('the in-handler probe makes it in the handler', 'handler', f.coldSdkInHandler.environment.SDK_CLIENT),
      expectEqual('the same code', f.coldSdkAtInit.code, f.coldSdkInHandler.code),
      expectEqual('the same memory', f.coldSdkAtInit.memoryMb, f.coldSdkInHandler.memoryMb),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Versions and aliases (I15)
// ---------------------------------------------------------------------------------------------

function offlineAlias(f: LabFacts): Judgement {
  return {
    observed: `${fnLine(f.release)} RELEASE_MARK=${f.release.environment.RELEASE_MARK ?? 'none'}; versions ${f.releaseVersions.join(', ') || 'none'}; alias ${f.alias?.name ?? 'none'} → ${f.alias?.version ?? 'nothing'}.`,
    method: 'template: AWS::Lambda::Version and AWS::Lambda::Alias of the release function',
    expectations: [
      expectEqual('published versions of the release function', 1, f.releaseVersions.length),
      expectEqual('the alias points at that version (not $LATEST)', f.releaseVersions[0], f.alias?.version),
      expectEqual('no weights in the template (the check adds and removes them)', 0, f.alias?.weights),
      expectThat('the function carries a RELEASE_MARK', !!f.release.environment.RELEASE_MARK, f.release.environment.RELEASE_MARK ?? 'none'),
    ],
  };
}

/** What an interrupted earlier run had left, as the observation found it (reported, then undone). */
function earlierRunText(o: VersionObservation): string {
  const e = o.earlierRun;
  const moved = e.aliasWas !== o.firstVersion || Object.keys(e.weightsWere).length > 0;
  const parts = [
    moved ? `an earlier run had left the alias on ${e.aliasWas}${Object.keys(e.weightsWere).length ? ` weighted ${JSON.stringify(e.weightsWere)}` : ''} (put back first)` : '',
    e.deletedVersions.length ? `deleted versions it had left: ${e.deletedVersions.join(', ')}` : '',
  ].filter(Boolean);
  return parts.length ? ` Before observing: ${parts.join('; ')}.` : '';
}

function restoredPreconditions(o: VersionObservation): Precondition[] {
  return [requires('the check published a second version', !!o.secondVersion && o.secondVersion !== o.firstVersion, `${o.firstVersion} and ${o.secondVersion ?? 'none'}`)];
}

function restoredExpectations(o: VersionObservation): Expectation[] {
  return [
    expectThat(
      "put back: the alias on the stack's version without weights, the second version deleted, $LATEST with that version's RELEASE_MARK",
      o.restored.aliasVersion === o.firstVersion && o.restored.weights === 0 && o.restored.secondDeleted && o.restored.latestMark === o.firstMark,
      `alias → ${o.restored.aliasVersion}, ${o.restored.weights} weights, second version ${o.restored.secondDeleted ? 'deleted' : 'STILL THERE'}, $LATEST ${o.restored.latestMark}`,
    ),
  ];
}

const VERSION_METHOD =
  "the stack's version from its output (ReleaseVersion); before observing, an alias an interrupted run left elsewhere or weighted is put back on it (UpdateAlias with an empty RoutingConfig) " +
  "and versions carrying the lab's Description are deleted (ListVersionsByFunction, paged by NextMarker); GetFunctionConfiguration of that version and of $LATEST; UpdateFunctionConfiguration of $LATEST (a new RELEASE_MARK), PublishVersion, " +
  'then GetFunctionConfiguration of the new version until its State is Active (bounded, 60 s); Invoke of the first version by number; ' +
  `UpdateAlias (with an empty RoutingConfig) to the second version and back, each followed by GetAlias until it shows the target, then invocations until one runs the target (at most ${SETTLE_INVOKES}: AWS documents no propagation delay, nor that there is none) and ${MOVED_ALIAS_INVOKES} from that one on; ` +
  'then UpdateAlias with RoutingConfig.AdditionalVersionWeights; ExecutedVersion from each Invoke response ' +
  '("The version of the function that executed. When you invoke a function with an alias, this indicates which version the alias resolved to", Invoke, AWS Lambda API Reference); ' +
  "finally the alias is put back on the stack's version without weights, the second version deleted (DeleteFunction with its Qualifier) and $LATEST restored"

function judgeImmutable(o: VersionObservation): Judgement {
  const inv = o.firstVersionInvocation;
  return {
    observed: `version ${o.firstVersion} kept RELEASE_MARK ${o.firstMarkAfterChange} after $LATEST changed to ${o.latestMarkAfterChange} and version ${o.secondVersion} was published (Active after ${o.secondActiveAfterReads ?? '?'} read(s)); invoked by number, version ${inv.executedVersion} answered ${inv.releaseMark}.${earlierRunText(o)}`,
    method: VERSION_METHOD,
    preconditions: [...restoredPreconditions(o), requires("$LATEST's configuration did change", o.latestMarkAfterChange === o.secondMark, String(o.latestMarkAfterChange))],
    expectations: [
      decisive(expectEqual("the first version's configuration after $LATEST changed (frozen)", o.firstMark, o.firstMarkAfterChange)),
      decisive(expectEqual('what the first version answers when invoked', o.firstMark, inv.releaseMark ?? undefined)),
      expectEqual('the version that ran', o.firstVersion, inv.executedVersion),
      ...restoredExpectations(o),
    ],
    notExercised: "code changes (the lab changes configuration only); an UpdateFunctionConfiguration aimed at a version's ARN",
  };
}

/** A move split at the first invocation that ran the target: the stale ones before it (reported) and the judged ones from it on. */
function settled(m: AliasMove, target: string | undefined) {
  const first = m.invocations.findIndex((x) => x.executedVersion === target);
  return { stale: first < 0 ? m.invocations : m.invocations.slice(0, first), judged: first < 0 ? [] : m.invocations.slice(first), reached: first >= 0 };
}

function moveText(m: AliasMove, target: string | undefined): string {
  const s = settled(m, target);
  return (
    `alias read back on ${m.target} after ${m.aliasReads} GetAlias; ` +
    (s.reached ? `${s.stale.length} invocation(s) still ran the old target, the first on ${target} ${m.settledAfterMs} ms after UpdateAlias; from it on: ${s.judged.map((x) => `${x.executedVersion}/${x.releaseMark}`).join(' ')}` : `none of ${m.invocations.length} invocations ran ${target}`)
  );
}

function moveExpectations(m: AliasMove, target: string | undefined, mark: string | undefined, what: string): Expectation[] {
  const s = settled(m, target);
  return [
    decisive(expectThat(`${what}: an invocation within the first ${SETTLE_INVOKES} after UpdateAlias ran ${target}`, s.reached, s.reached ? `invocation ${s.stale.length + 1}` : `${m.invocations.length} ran ${[...new Set(m.invocations.map((x) => x.executedVersion))].join(', ')}`)),
    decisive(
      expectThat(
        `${what}: every invocation from the first that ran ${target} on ran it with its RELEASE_MARK`,
        s.reached && s.judged.length === MOVED_ALIAS_INVOKES && s.judged.every((x) => x.executedVersion === target && x.releaseMark === mark),
        s.judged.map((x) => `${x.executedVersion}/${x.releaseMark}`).join(' ') || 'none',
      ),
    ),
  ];
}

function judgePointer(o: VersionObservation): Judgement {
  return {
    observed: `moved to ${o.secondVersion}: ${moveText(o.movedToSecond, o.secondVersion)}; moved back to ${o.firstVersion}: ${moveText(o.movedBack, o.firstVersion)}.${earlierRunText(o)}`,
    method:
      `${VERSION_METHOD}. The settling rule, fixed in advance: invocations before the first that ran the new target are stale (reported, with how long they lasted) and not judged; ` +
      `from that invocation on, every one must run the target, and none within ${SETTLE_INVOKES} fails the claim`,
    figures: [
      { name: 'stale invocations after the move to the second version', value: settled(o.movedToSecond, o.secondVersion).stale.length, unit: 'invocations' },
      { name: 'stale invocations after the move back', value: settled(o.movedBack, o.firstVersion).stale.length, unit: 'invocations' },
    ],
    preconditions: restoredPreconditions(o),
    expectations: [
      ...moveExpectations(o.movedToSecond, o.secondVersion, o.secondMark, 'moved to the second version'),
      ...moveExpectations(o.movedBack, o.firstVersion, o.firstMark, 'moved back'),
      ...restoredExpectations(o),
    ],
  };
}

function judgeWeights(o: VersionObservation): Judgement {
  const n = o.weighted.length;
  const k = o.weighted.filter((x) => x.executedVersion === o.secondVersion).length;
  const others = o.weighted.filter((x) => x.executedVersion !== o.secondVersion && x.executedVersion !== o.firstVersion).length;
  const mismatched = o.weighted.filter((x) => x.executedVersion !== x.version).length;
  const ci = clopperPearson(k, n, ALIAS_CONFIDENCE);
  const pct = (x: number) => `${r1(x * 1000) / 10}%`;
  return {
    observed: `${k} of ${n} invocations of alias ${o.aliasName} ran version ${o.secondVersion} (weight ${o.weight}): ${pct(k / Math.max(1, n))}, exact ${ALIAS_CONFIDENCE * 100}% interval ${pct(ci.lower)}-${pct(ci.upper)}; ${others} ran another version.${earlierRunText(o)}`,
    method:
      `${VERSION_METHOD}. AdditionalVersionWeights is "The second version, and the percentage of traffic that's routed to it" (AliasRoutingConfiguration, AWS Lambda API Reference); ` +
      'AWS documents the routing: Lambda splits the traffic between the two versions with a simple probabilistic model, so at low traffic the observed share can be far from the configured one ' +
      '(paraphrasing the Note of "Implement Lambda canary deployments using a weighted alias", https://docs.aws.amazon.com/lambda/latest/dg/configuring-alias-routing.html). ' +
      'Each invocation routed independently with that probability makes the count Binomial(n, weight): ' +
      `the exact Clopper-Pearson interval at ${ALIAS_CONFIDENCE * 100}% confidence must contain the weight. Its false-fail rate is stated: a run where Lambda routes exactly as documented fails this expectation at most about 1 time in 100 (it would be 1 in 20 at 95%)`,
    figures: [
      { name: 'invocations', value: n, unit: 'invocations' },
      { name: 'ran the weighted version', value: k, unit: 'invocations' },
      { name: 'weight', value: o.weight, unit: '' },
      { name: 'interval lower', value: Number(ci.lower.toFixed(4)), unit: '' },
      { name: 'interval upper', value: Number(ci.upper.toFixed(4)), unit: '' },
    ],
    preconditions: [...restoredPreconditions(o), requires('at least 100 invocations of the weighted alias', n >= 100, `${n}`)],
    expectations: [
      expectThat(`the weight ${o.weight} lies in the exact ${ALIAS_CONFIDENCE * 100}% interval of the observed share`, ci.lower <= o.weight && o.weight <= ci.upper, `${pct(ci.lower)}-${pct(ci.upper)}`),
      decisive(expectEqual('invocations that ran neither version', 0, others)),
      decisive(expectEqual('invocations whose handler named another version than ExecutedVersion', 0, mismatched)),
      ...restoredExpectations(o),
    ],
    notExercised: 'CodeDeploy shifting the weights over time, and $LATEST as a routing target (not allowed)',
  };
}

// ---------------------------------------------------------------------------------------------
// Environment isolation (I24)
// ---------------------------------------------------------------------------------------------

function offlineIsolation(f: LabFacts): Judgement {
  const name = f.holderVariable ?? '';
  const canRead = f.reader.roleActions.some((a) => a === 'lambda:GetFunctionConfiguration' || a === 'lambda:*' || a === '*' || a === 'lambda:Get*');
  return {
    observed: `holder ${f.holder.logicalId} has ${name}: ${name in f.holder.environment ? 'yes' : 'NO'}; reader ${f.reader.logicalId} has it: ${name in f.reader.environment ? 'YES' : 'no'}; the reader's role allows ${f.reader.roleActions.join(', ') || 'nothing'}${f.reader.managedPolicies.length ? ` and managed ${f.reader.managedPolicies.join(', ')}` : ''}.`,
    method: "template: Environment of both functions; the reader role's inline policy actions and managed policies",
    expectations: [
      expectThat('the holder has the variable', name !== '' && name in f.holder.environment, name || 'no variable named'),
      expectThat('the reader does not', !(name in f.reader.environment), name in f.reader.environment ? 'it does' : 'no'),
      expectThat("the reader's role may not call GetFunctionConfiguration", !canRead, canRead ? 'it may' : 'no'),
      expectEqual("the reader's managed policies", [], f.reader.managedPolicies),
    ],
  };
}

function judgeIsolation(o: IsolationObservation): Judgement {
  const api = o.reader.api;
  const denied = api?.outcome === 'refused' && api.errorName === 'AccessDeniedException';
  return {
    observed:
      `inside the reader, ${o.variableName} in its own environment: ${o.reader.inOwnEnvironment ? 'YES' : 'no'}; its GetFunctionConfiguration of the holder: ` +
      `${api?.outcome === 'read' ? `READ (variable ${api.sawVariable ? 'seen' : 'not seen'})` : `refused (${api?.errorName ?? '?'}, HTTP ${api?.httpStatusCode ?? '?'})`}; ` +
      `the lab's caller, allowed GetFunctionConfiguration, sees the variable: ${o.callerSawVariable ? 'yes' : 'no'}.`,
    method:
      "Invoke of the reader with the holder's name and the variable's name: the handler looks in process.env and calls GetFunctionConfiguration on the holder with its own role (which may only write its log group); " +
      "then the lab's caller calls GetFunctionConfiguration on both. The two functions run in separate execution environments; the value is never logged or returned",
    preconditions: [
      requires('the reader ran (no function error)', !o.reader.functionError && o.reader.inOwnEnvironment !== undefined, o.reader.functionError ?? 'yes'),
      requires('the holder really has the variable (the caller sees it)', o.callerSawVariable, o.callerSawVariable ? 'yes' : 'no'),
    ],
    expectations: [
      decisive(expectThat("the variable is not in the reader's own environment", o.reader.inOwnEnvironment === false, o.reader.inOwnEnvironment ? 'it is' : 'absent')),
      decisive(expectThat('the reader\'s API read is refused for want of the permission (AccessDeniedException)', denied, api?.outcome === 'read' ? 'it read the configuration' : `${api?.errorName ?? 'no answer'}`)),
      expectThat('a principal allowed lambda:GetFunctionConfiguration reads the variable through the API', o.callerSawVariable, o.callerSawVariable ? 'yes' : 'no'),
    ],
    notExercised: 'a function role granted GetFunctionConfiguration (shown by the lab caller, an IAM principal with it), and kms:Decrypt for variables encrypted with a customer managed key',
  };
}

/** One entry per catalog claim the lab settles: an offline check, and a live one where AWS can show it. */
export const CHECKS = {
  'B8.lambda-timeout-max-15-minutes': { offline: offlineTimeouts, live: live(timeouts, judgeTimeoutRun) },
  'I15.published-version-is-immutable': { offline: offlineAlias, live: live(versions, judgeImmutable) },
  'I15.alias-is-updatable-version-pointer': { offline: offlineAlias, live: live(versions, judgePointer) },
  'I15.alias-weights-traffic-between-two-versions': { offline: offlineAlias, live: live(versions, judgeWeights) },
  'I22.smaller-packages-shorten-initialization': { offline: offlinePackage, live: live(coldStarts, judgePackageSize) },
  'I22.initialize-sdk-clients-outside-handler': { offline: offlineSdk, live: live(coldStarts, judgeSdkPlacement) },
  'I22.vpc-no-longer-slows-cold-starts': { offline: offlineVpc, live: live(coldStarts, judgeVpc) },
  'I24.get-function-configuration-exposes-env-vars': { offline: offlineIsolation, live: live(isolation, judgeIsolation) },
  'I43.out-of-memory-fails-invocation': { offline: offlineMemory, live: live(memory, judgeOutOfMemory) },
  'I43.oom-error-depends-on-runtime': { offline: offlineMemory, live: live(memory, judgeErrorByRuntime) },
  'I43.max-memory-used-in-report-line': { offline: offlineMemory, live: live(memory, judgeMaxMemoryUsed) },
  'A20.invocation-capped-at-900-seconds': { offline: offlineTimeouts, live: live(timeouts, judgeOverLimit) },
  'A20.vpc-uses-shared-hyperplane-enis': { offline: offlineVpc, live: live(coldStarts, judgeVpc) },
  'A35.vpc-no-longer-slows-cold-starts': { offline: offlineVpc, live: live(coldStarts, judgeVpc) },
  'A35.max-timeout-is-900-seconds': { offline: offlineTimeouts, live: live(timeouts, judgeTimeoutRun) },
  'A35.default-1000-concurrency-can-be-raised': {
    offline: (f: LabFacts): Judgement => {
      const reserved = [f.nodeHog, f.pythonHog, f.timeoutProbe, f.coldPlain, f.coldVpc, f.coldSdkAtInit, f.coldSdkInHandler, f.coldLarge, f.release, f.holder, f.reader].filter((x) => x.reservedConcurrency !== undefined);
      return {
        observed: `${reserved.length} function(s) reserve concurrency; provisioned concurrency: ${f.provisioned.length ? f.provisioned.join(', ') : 'none'}.`,
        method: 'template: ReservedConcurrentExecutions of every function; ProvisionedConcurrencyConfig of versions and aliases',
        expectations: [
          expectEqual("functions reserving part of the account's pool (the lab takes none of it away)", [], reserved.map((x) => x.logicalId)),
          expectEqual('provisioned concurrency (billed by the hour)', [], f.provisioned),
        ],
      };
    },
    live: live(account, judgeConcurrency),
  },
} satisfies Record<string, ClaimCheck<LabFacts>>;
