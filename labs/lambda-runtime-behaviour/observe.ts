/**
 * What the live checks observe: each function invoked synchronously with LogType Tail, its REPORT line
 * read from the log tail; cold starts forced by a configuration change; versions published and an
 * alias moved and weighted, all put back afterwards.
 */
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { observationsOf, type ObserveContext } from '../../lib/lab-kit/checks/lab-definition';
import { OUTPUTS } from './outputs';
import { type InvokeResult, readInvoke } from './report-line';

const observe = observationsOf(OUTPUTS);

/** The option that sets how many cold starts each probe is forced to make. */
export const COLD_SAMPLES_OPTION = 'cold-samples';
export const COLD_SAMPLES = { min: 10, max: 100, default: 20 } as const;
/** Invocations of the weighted alias. */
export const WEIGHTED_INVOKES = 200;
/** The weight the check gives the new version (AdditionalVersionWeights). */
export const NEW_VERSION_WEIGHT = 0.2;
/** Invocations of the alias after each move. */
export const MOVED_ALIAS_INVOKES = 5;
/** The timeout the check tries and Lambda must refuse for a default function (one above the 900 s maximum). */
export const OVER_LIMIT_TIMEOUT_SECONDS = 901;
/** The lab's bound on waiting for a configuration update to finish (AWS gives none): 60 s, polled every second. */
export const UPDATE_WAIT_MS = 60_000;
/** The environment variable the check sets to force a new execution environment. */
export const COLD_START_VARIABLE = 'LAB_COLD_START';

type Ctx = Pick<ObserveContext, 'aws' | 'now' | 'sleep' | 'progress'>;

async function lambdaClient(ctx: Ctx): Promise<LambdaClient> {
  const { LambdaClient } = await import('@aws-sdk/client-lambda');
  return new LambdaClient(ctx.aws);
}

/** A synchronous invocation with the log tail. */
async function invoke(lambda: LambdaClient, functionName: string, payload: unknown, options: { qualifier?: string; keepTail?: boolean } = {}): Promise<InvokeResult> {
  const { InvokeCommand } = await import('@aws-sdk/client-lambda');
  const response = await lambda.send(
    new InvokeCommand({ FunctionName: functionName, Qualifier: options.qualifier, InvocationType: 'RequestResponse', LogType: 'Tail', Payload: Buffer.from(JSON.stringify(payload)) }),
  );
  return readInvoke(response, options.keepTail);
}

/**
 * Waits until a configuration update has finished: GetFunctionConfiguration's LastUpdateStatus leaves
 * InProgress ("Lambda function states", https://docs.aws.amazon.com/lambda/latest/dg/functions-states.html:
 * InProgress, then Successful or Failed). Throws when it failed or did not finish within the lab's bound.
 */
export async function waitUpdated(ctx: Ctx, lambda: LambdaClient, functionName: string): Promise<void> {
  const { GetFunctionConfigurationCommand } = await import('@aws-sdk/client-lambda');
  const deadline = ctx.now() + UPDATE_WAIT_MS;
  for (;;) {
    const c = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName }));
    if (c.LastUpdateStatus === 'Successful' || c.LastUpdateStatus === undefined) return;
    if (c.LastUpdateStatus === 'Failed') throw new Error(`the configuration update of ${functionName} failed: ${c.LastUpdateStatusReasonCode ?? ''} ${c.LastUpdateStatusReason ?? ''}`.trim());
    if (ctx.now() >= deadline) throw new Error(`the configuration update of ${functionName} was still ${c.LastUpdateStatus} after ${UPDATE_WAIT_MS / 1000} s (the lab's bound)`);
    await ctx.sleep(1_000);
  }
}

/** A clean-up step: tried even after a failure, its own failure reported (the observation's error, if any, is what propagates). */
async function attempt(ctx: Ctx, what: string, step: () => Promise<unknown>): Promise<void> {
  try {
    await step();
  } catch (e) {
    ctx.progress(`could not ${what}: ${(e as Error).message}; the stack's next deploy or the self-destruct removes it`);
  }
}

async function setVariables(ctx: Ctx, lambda: LambdaClient, functionName: string, variables: Record<string, string>): Promise<void> {
  const { UpdateFunctionConfigurationCommand } = await import('@aws-sdk/client-lambda');
  await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: functionName, Environment: { Variables: variables } }));
  await waitUpdated(ctx, lambda, functionName);
}

async function variablesOf(lambda: LambdaClient, functionName: string, qualifier?: string): Promise<Record<string, string>> {
  const { GetFunctionConfigurationCommand } = await import('@aws-sdk/client-lambda');
  const c = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName, Qualifier: qualifier }));
  return { ...(c.Environment?.Variables ?? {}) };
}

// ---------------------------------------------------------------------------------------------
// Memory
// ---------------------------------------------------------------------------------------------

/** What the control allocation asks for: well inside 128 MB. */
export const CONTROL_MB = 16;

export interface MemoryRun {
  readonly runtime: 'nodejs' | 'python';
  readonly functionName: string;
  /** MemorySize from GetFunctionConfiguration. */
  readonly memorySizeMb?: number;
  /** The megabytes the hog was asked for: twice its memory size. */
  readonly requestedMb: number;
  readonly control: InvokeResult;
  readonly hog: InvokeResult;
}

export interface MemoryObservation {
  readonly runs: readonly MemoryRun[];
}

export const memory = observe({
  name: 'memory',
  outputs: ['NodeMemoryHogName', 'PythonMemoryHogName'],
  observe: async (ctx): Promise<MemoryObservation> => {
    const { GetFunctionConfigurationCommand } = await import('@aws-sdk/client-lambda');
    const lambda = await lambdaClient(ctx);
    const runs: MemoryRun[] = [];
    for (const [runtime, functionName] of [['nodejs', ctx.outputs.NodeMemoryHogName], ['python', ctx.outputs.PythonMemoryHogName]] as const) {
      const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName }));
      const memorySizeMb = config.MemorySize;
      const requestedMb = 2 * (memorySizeMb ?? 128);
      ctx.progress(`${runtime}: allocating ${CONTROL_MB} MB (control), then ${requestedMb} MB in a ${memorySizeMb} MB function`);
      const control = await invoke(lambda, functionName, { mb: CONTROL_MB });
      const hog = await invoke(lambda, functionName, { mb: requestedMb }, { keepTail: true });
      runs.push({ runtime, functionName, memorySizeMb, requestedMb, control, hog });
    }
    return { runs };
  },
});

// ---------------------------------------------------------------------------------------------
// Timeout
// ---------------------------------------------------------------------------------------------

export interface TimeoutObservation {
  readonly functionName: string;
  /** Timeout from GetFunctionConfiguration, seconds. */
  readonly timeoutSeconds?: number;
  /** How long the handler was told to wait: five times the timeout. */
  readonly requestedSleepMs: number;
  readonly invocation: InvokeResult;
  /** UpdateFunctionConfiguration with Timeout 901. */
  readonly overLimit: {
    readonly requestedSeconds: number;
    readonly outcome: 'refused' | 'accepted';
    readonly errorName?: string;
    readonly errorMessage?: string;
    readonly httpStatusCode?: number;
    /** The function's timeout read back afterwards (after putting it back, had AWS accepted it). */
    readonly timeoutAfterSeconds?: number;
  };
}

/** A refusal of the request itself: a 4xx from Lambda naming the parameter, as the API reference's errors do. */
function isRefusal(e: unknown): e is { name: string; message: string; $metadata?: { httpStatusCode?: number } } {
  const status = (e as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  const name = (e as { name?: string })?.name ?? '';
  // A value outside the API model's range comes back as ValidationException, HTTP 400, "1 validation error detected: Value '…' at
  // 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900" (the text CloudFormation quotes in
  // covidatlas/li#575, https://github.com/covidatlas/li/pull/575). Since Lambda Managed Instances raised the model's maximum, the 900 s
  // cap of a default function may instead be a server-side check, and UpdateFunctionConfiguration's documented error for a bad
  // parameter is InvalidParameterValueException (HTTP 400). Either counts; the name is recorded, the message never matched.
  // Anything else (access denied, throttling, a conflict) is not an answer about the limit and is rethrown.
  return status === 400 && (name === 'InvalidParameterValueException' || name === 'ValidationException');
}

export const timeouts = observe({
  name: 'timeout',
  outputs: ['TimeoutProbeName'],
  observe: async (ctx): Promise<TimeoutObservation> => {
    const { GetFunctionConfigurationCommand, UpdateFunctionConfigurationCommand } = await import('@aws-sdk/client-lambda');
    const lambda = await lambdaClient(ctx);
    const functionName = ctx.outputs.TimeoutProbeName;
    const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName }));
    const timeoutSeconds = config.Timeout;
    const requestedSleepMs = 5 * (timeoutSeconds ?? 3) * 1000;
    ctx.progress(`invoking ${functionName} (timeout ${timeoutSeconds} s), told to wait ${requestedSleepMs / 1000} s`);
    const invocation = await invoke(lambda, functionName, { sleepMs: requestedSleepMs }, { keepTail: true });

    ctx.progress(`asking Lambda for a ${OVER_LIMIT_TIMEOUT_SECONDS}-second timeout on ${functionName} (it must refuse)`);
    let overLimit: TimeoutObservation['overLimit'];
    try {
      await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: functionName, Timeout: OVER_LIMIT_TIMEOUT_SECONDS }));
      // Accepted: the claim is contradicted; put the timeout back before anything else.
      await waitUpdated(ctx, lambda, functionName);
      await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: functionName, Timeout: timeoutSeconds }));
      await waitUpdated(ctx, lambda, functionName);
      overLimit = { requestedSeconds: OVER_LIMIT_TIMEOUT_SECONDS, outcome: 'accepted' };
    } catch (e) {
      if (!isRefusal(e)) throw e;
      overLimit = { requestedSeconds: OVER_LIMIT_TIMEOUT_SECONDS, outcome: 'refused', errorName: e.name, errorMessage: e.message, httpStatusCode: e.$metadata?.httpStatusCode };
    }
    const after = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName }));
    return { functionName, timeoutSeconds, requestedSleepMs, invocation, overLimit: { ...overLimit, timeoutAfterSeconds: after.Timeout } };
  },
});

// ---------------------------------------------------------------------------------------------
// Account concurrency
// ---------------------------------------------------------------------------------------------

export interface AccountObservation {
  /** AccountLimit.ConcurrentExecutions ("GetAccountSettings", AWS Lambda API Reference). */
  readonly concurrentExecutions?: number;
  readonly unreservedConcurrentExecutions?: number;
  readonly region: string;
}

export const account = observe({
  name: 'account-concurrency',
  outputs: [],
  observe: async (ctx): Promise<AccountObservation> => {
    const { GetAccountSettingsCommand } = await import('@aws-sdk/client-lambda');
    const lambda = await lambdaClient(ctx);
    const s = await lambda.send(new GetAccountSettingsCommand({}));
    return {
      concurrentExecutions: s.AccountLimit?.ConcurrentExecutions,
      unreservedConcurrentExecutions: s.AccountLimit?.UnreservedConcurrentExecutions,
      region: String(ctx.aws.region ?? 'unknown'),
    };
  },
});

// ---------------------------------------------------------------------------------------------
// Cold starts
// ---------------------------------------------------------------------------------------------

/** The cold-start probes, by what they differ in. */
export const PROBES = ['plain', 'vpc', 'sdkAtInit', 'sdkInHandler', 'largePackage'] as const;
export type Probe = (typeof PROBES)[number];

/** One forced cold start and the warm invocation right after it, in the same environment. */
export interface ColdSample {
  readonly round: number;
  /** The first invocation after the configuration change: Init Duration present when it started a new environment. */
  readonly cold: {
    readonly initDurationMs?: number;
    readonly durationMs?: number;
    readonly functionError?: string;
    /** The wall-clock time the caller waited for this Invoke (request sent to response read): all the start-up cost the caller sees. */
    readonly clientMs?: number;
  };
  /** The next invocation: no Init Duration when it reused that environment. */
  readonly warm: { readonly initDurationMs?: number; readonly durationMs?: number; readonly functionError?: string };
}

export interface ColdStartObservation {
  readonly rounds: number;
  readonly samples: { readonly [P in Probe]: readonly ColdSample[] };
  /** The VPC probe as GetFunctionConfiguration describes it before the first sample. */
  readonly vpcProbe: { readonly state?: string; readonly subnetCount: number; readonly vpcId?: string };
}

function brief(r: InvokeResult) {
  return { initDurationMs: r.report?.initDurationMs, durationMs: r.report?.durationMs, functionError: r.functionError };
}

export const coldStarts = observe({
  name: 'cold-starts',
  outputs: ['ColdPlainName', 'ColdVpcName', 'ColdSdkAtInitName', 'ColdSdkInHandlerName', 'ColdLargePackageName'],
  observe: async (ctx): Promise<ColdStartObservation> => {
    const { GetFunctionConfigurationCommand } = await import('@aws-sdk/client-lambda');
    const lambda = await lambdaClient(ctx);
    const option = Number(ctx.options[COLD_SAMPLES_OPTION] ?? COLD_SAMPLES.default);
    const rounds = Number.isInteger(option) && option >= COLD_SAMPLES.min && option <= COLD_SAMPLES.max ? option : COLD_SAMPLES.default;
    const names: Record<Probe, string> = {
      plain: ctx.outputs.ColdPlainName,
      vpc: ctx.outputs.ColdVpcName,
      sdkAtInit: ctx.outputs.ColdSdkAtInitName,
      sdkInHandler: ctx.outputs.ColdSdkInHandlerName,
      largePackage: ctx.outputs.ColdLargePackageName,
    };
    const vpcConfig = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: names.vpc }));
    const vpcProbe = { state: vpcConfig.State, subnetCount: vpcConfig.VpcConfig?.SubnetIds?.length ?? 0, vpcId: vpcConfig.VpcConfig?.VpcId };
    const original: Partial<Record<Probe, Record<string, string>>> = {};
    for (const p of PROBES) {
      // A variable an interrupted earlier run left behind is not part of the original configuration.
      const { [COLD_START_VARIABLE]: _leftover, ...vars } = await variablesOf(lambda, names[p]);
      original[p] = vars;
    }
    const samples: Record<Probe, ColdSample[]> = { plain: [], vpc: [], sdkAtInit: [], sdkInHandler: [], largePackage: [] };
    const runId = `${ctx.now().toString(36)}`;
    try {
      for (let round = 1; round <= rounds; round++) {
        ctx.progress(`cold starts: round ${round} of ${rounds} (each probe: a configuration change, a cold invocation, a warm one)`);
        for (const p of PROBES) {
          // A changed environment variable is a new configuration: Lambda serves the next invocation from a new execution environment.
          await setVariables(ctx, lambda, names[p], { ...original[p], [COLD_START_VARIABLE]: `${runId}-${round}` });
          // Timed on the client: network setup for the sandbox comes before the Init phase, so only the caller's clock sees it.
          const sentAt = ctx.now();
          const cold = await invoke(lambda, names[p], {});
          const clientMs = ctx.now() - sentAt;
          const warm = await invoke(lambda, names[p], {});
          samples[p].push({ round, cold: { ...brief(cold), clientMs }, warm: brief(warm) });
        }
      }
    } finally {
      for (const p of PROBES) {
        const vars = original[p];
        if (vars) await attempt(ctx, `put back the variables of ${names[p]}`, () => setVariables(ctx, lambda, names[p], vars));
      }
    }
    return { rounds, samples, vpcProbe };
  },
});

// ---------------------------------------------------------------------------------------------
// Versions and aliases
// ---------------------------------------------------------------------------------------------

export interface AliasInvocation {
  readonly executedVersion?: string;
  /** What the handler said about itself. */
  readonly version?: string;
  readonly releaseMark?: string | null;
  readonly functionError?: string;
}

/** The Description the check gives the version it publishes: how a re-run finds one an interrupted run left behind. */
export const LAB_VERSION_DESCRIPTION = 'lab lambda-runtime-behaviour: a second version, deleted by the check';
/**
 * After an UpdateAlias, at most this many invocations may still run the old target before the first
 * runs the new one (the lab's settling bound: AWS documents no delay, and none that it is immediate).
 * Every invocation from the first that ran the new target on must run it.
 */
export const SETTLE_INVOKES = 10;

/** What an earlier, interrupted run had left, found and undone before observing. */
export interface EarlierRun {
  /** The alias's version when the check began (the stack's version unless an earlier run moved it). */
  readonly aliasWas?: string;
  /** AdditionalVersionWeights the alias carried then. */
  readonly weightsWere: Readonly<Record<string, number>>;
  /** Versions with the lab's Description that were deleted before observing. */
  readonly deletedVersions: readonly string[];
}

/** The invocations of the alias after one move: the read-back of the alias, then each invocation in order. */
export interface AliasMove {
  /** The version the alias was moved to. */
  readonly target?: string;
  /** GetAlias reads until it showed the target. */
  readonly aliasReads: number;
  /** Every invocation, in order: those before the first that ran the target (stale), then the judged ones. */
  readonly invocations: readonly AliasInvocation[];
  /** Time from UpdateAlias returning to the first invocation that ran the target, ms (undefined when none did). */
  readonly settledAfterMs?: number;
}

export interface VersionObservation {
  readonly aliasName: string;
  /** The stack's version (its output): the alias's version before and after the check. */
  readonly firstVersion?: string;
  readonly firstMark?: string;
  readonly earlierRun: EarlierRun;
  /** The version the check published after changing $LATEST. */
  readonly secondVersion?: string;
  readonly secondMark: string;
  /** GetFunctionConfiguration reads of the second version until its State was Active. */
  readonly secondActiveAfterReads?: number;
  /** The first version's RELEASE_MARK read after $LATEST changed and the second was published. */
  readonly firstMarkAfterChange?: string;
  /** $LATEST's RELEASE_MARK at that moment. */
  readonly latestMarkAfterChange?: string;
  /** Invoking the first version by its number after the change. */
  readonly firstVersionInvocation: AliasInvocation;
  /** The alias moved to the second version, then back. */
  readonly movedToSecond: AliasMove;
  readonly movedBack: AliasMove;
  /** The alias weighted: the second version's weight and every invocation. */
  readonly weight: number;
  readonly weighted: readonly AliasInvocation[];
  /** Afterwards: the alias back on the stack's version without weights, the second version deleted, $LATEST's variables restored. */
  readonly restored: { readonly aliasVersion?: string; readonly weights: number; readonly secondDeleted: boolean; readonly latestMark?: string };
}

function aliasInvocation(r: InvokeResult): AliasInvocation {
  const p = (r.payload ?? {}) as { version?: string; releaseMark?: string | null };
  return { executedVersion: r.executedVersion, version: p.version, releaseMark: p.releaseMark, functionError: r.functionError };
}

/**
 * Waits until a published version's State is Active: "Lambda does not invoke a function during pending state"
 * and "Functions can only be successfully invoked while active" ("Lambda function states",
 * https://docs.aws.amazon.com/lambda/latest/dg/functions-states.html); the SDK's published-version-active waiter
 * polls GetFunctionConfiguration the same way. Its LastUpdateStatus must not be InProgress either. Bounded by the
 * lab's UPDATE_WAIT_MS; Failed or the bound reached is an error of the check. Returns the reads it took.
 */
export async function waitVersionActive(ctx: Ctx, lambda: LambdaClient, functionName: string, version: string): Promise<number> {
  const { GetFunctionConfigurationCommand } = await import('@aws-sdk/client-lambda');
  const deadline = ctx.now() + UPDATE_WAIT_MS;
  for (let reads = 1; ; reads++) {
    const c = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName, Qualifier: version }));
    if (c.State === 'Active' && c.LastUpdateStatus !== 'InProgress') return reads;
    if (c.State === 'Failed' || c.LastUpdateStatus === 'Failed') throw new Error(`version ${version} of ${functionName} failed: ${c.StateReasonCode ?? c.LastUpdateStatusReasonCode ?? ''} ${c.StateReason ?? c.LastUpdateStatusReason ?? ''}`.trim());
    if (ctx.now() >= deadline) throw new Error(`version ${version} of ${functionName} was still ${c.State ?? 'without a State'} after ${UPDATE_WAIT_MS / 1000} s (the lab's bound)`);
    ctx.progress(`version ${version} is ${c.State}; waiting for Active`);
    await ctx.sleep(1_000);
  }
}

/** Reads the alias until it shows the target version with no weights (bounded like every wait here); returns the reads it took. */
async function waitAliasOn(ctx: Ctx, lambda: LambdaClient, functionName: string, aliasName: string, version: string): Promise<number> {
  const { GetAliasCommand } = await import('@aws-sdk/client-lambda');
  const deadline = ctx.now() + UPDATE_WAIT_MS;
  for (let reads = 1; ; reads++) {
    const a = await lambda.send(new GetAliasCommand({ FunctionName: functionName, Name: aliasName }));
    if (a.FunctionVersion === version && Object.keys(a.RoutingConfig?.AdditionalVersionWeights ?? {}).length === 0) return reads;
    if (ctx.now() >= deadline) throw new Error(`alias ${aliasName} still showed version ${a.FunctionVersion} after ${UPDATE_WAIT_MS / 1000} s (the lab's bound)`);
    await ctx.sleep(1_000);
  }
}

/** Every version of a function, following ListVersionsByFunction's NextMarker. */
async function listVersions(lambda: LambdaClient, functionName: string): Promise<{ Version?: string; Description?: string }[]> {
  const { ListVersionsByFunctionCommand } = await import('@aws-sdk/client-lambda');
  const all: { Version?: string; Description?: string }[] = [];
  let marker: string | undefined;
  do {
    const page = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: functionName, Marker: marker }));
    all.push(...(page.Versions ?? []));
    marker = page.NextMarker;
  } while (marker);
  return all;
}

export const versions = observe({
  name: 'versions',
  outputs: ['ReleaseFunctionName', 'ReleaseAliasName', 'ReleaseVersion'],
  observe: async (ctx): Promise<VersionObservation> => {
    const { GetAliasCommand, UpdateAliasCommand, PublishVersionCommand, DeleteFunctionCommand } = await import('@aws-sdk/client-lambda');
    const lambda = await lambdaClient(ctx);
    const name = ctx.outputs.ReleaseFunctionName;
    const aliasName = ctx.outputs.ReleaseAliasName;
    // The stack's own version, from its output: never the alias's current target, which an interrupted run may have moved.
    const firstVersion = ctx.outputs.ReleaseVersion;
    const noWeights = { AdditionalVersionWeights: {} };
    const pointAlias = (version: string) => lambda.send(new UpdateAliasCommand({ FunctionName: name, Name: aliasName, FunctionVersion: version, RoutingConfig: noWeights }));

    const before = await lambda.send(new GetAliasCommand({ FunctionName: name, Name: aliasName }));
    const weightsWere = { ...(before.RoutingConfig?.AdditionalVersionWeights ?? {}) };
    if (before.FunctionVersion !== firstVersion || Object.keys(weightsWere).length > 0) {
      ctx.progress(`an earlier run left alias ${aliasName} on version ${before.FunctionVersion}${Object.keys(weightsWere).length ? `, weighted ${JSON.stringify(weightsWere)}` : ''}: putting it back on the stack's version ${firstVersion}`);
      await pointAlias(firstVersion);
      await waitAliasOn(ctx, lambda, name, aliasName, firstVersion);
    }
    const deletedVersions: string[] = [];
    for (const v of await listVersions(lambda, name)) {
      if (v.Version && v.Version !== firstVersion && v.Version !== '$LATEST' && v.Description === LAB_VERSION_DESCRIPTION) {
        ctx.progress(`deleting version ${v.Version}, left by an earlier run`);
        await lambda.send(new DeleteFunctionCommand({ FunctionName: name, Qualifier: v.Version }));
        deletedVersions.push(v.Version);
      }
    }
    const earlierRun: EarlierRun = { aliasWas: before.FunctionVersion, weightsWere, deletedVersions };

    const latestVariables = await variablesOf(lambda, name);
    const firstMark = (await variablesOf(lambda, name, firstVersion)).RELEASE_MARK;
    const secondMark = `release-2-${ctx.now().toString(36)}`;
    let secondVersion: string | undefined;
    const invokeAlias = async (n: number) => {
      const out: AliasInvocation[] = [];
      for (let i = 0; i < n; i++) out.push(aliasInvocation(await invoke(lambda, name, {}, { qualifier: aliasName })));
      return out;
    };
    /** Moves the alias, reads it back, then invokes until one runs the target (at most SETTLE_INVOKES), and MOVED_ALIAS_INVOKES from that one on. */
    const move = async (target: string): Promise<AliasMove> => {
      await pointAlias(target);
      const movedAt = ctx.now();
      const aliasReads = await waitAliasOn(ctx, lambda, name, aliasName, target);
      const invocations: AliasInvocation[] = [];
      let settledAfterMs: number | undefined;
      while (settledAfterMs === undefined && invocations.length < SETTLE_INVOKES) {
        const i = aliasInvocation(await invoke(lambda, name, {}, { qualifier: aliasName }));
        invocations.push(i);
        if (i.executedVersion === target) settledAfterMs = ctx.now() - movedAt;
      }
      if (settledAfterMs !== undefined) invocations.push(...(await invokeAlias(MOVED_ALIAS_INVOKES - 1)));
      return { target, aliasReads, invocations, settledAfterMs };
    };
    let result: Omit<VersionObservation, 'restored'>;
    try {
      ctx.progress(`changing $LATEST's RELEASE_MARK to ${secondMark} and publishing it as a new version`);
      await setVariables(ctx, lambda, name, { ...latestVariables, RELEASE_MARK: secondMark });
      secondVersion = (await lambda.send(new PublishVersionCommand({ FunctionName: name, Description: LAB_VERSION_DESCRIPTION }))).Version;
      if (!secondVersion) throw new Error('PublishVersion returned no Version');
      const secondActiveAfterReads = await waitVersionActive(ctx, lambda, name, secondVersion);
      const firstMarkAfterChange = (await variablesOf(lambda, name, firstVersion)).RELEASE_MARK;
      const latestMarkAfterChange = (await variablesOf(lambda, name)).RELEASE_MARK;
      const firstVersionInvocation = aliasInvocation(await invoke(lambda, name, {}, { qualifier: firstVersion }));

      ctx.progress(`moving alias ${aliasName} to version ${secondVersion}, then back to ${firstVersion}`);
      const movedToSecond = await move(secondVersion);
      const movedBack = await move(firstVersion);

      ctx.progress(`weighting alias ${aliasName}: ${NEW_VERSION_WEIGHT} to version ${secondVersion}; ${WEIGHTED_INVOKES} invocations`);
      await lambda.send(
        new UpdateAliasCommand({ FunctionName: name, Name: aliasName, FunctionVersion: firstVersion, RoutingConfig: { AdditionalVersionWeights: { [secondVersion]: NEW_VERSION_WEIGHT } } }),
      );
      const weighted = await invokeAlias(WEIGHTED_INVOKES);
      result = {
        aliasName,
        firstVersion,
        firstMark,
        earlierRun,
        secondVersion,
        secondMark,
        secondActiveAfterReads,
        firstMarkAfterChange,
        latestMarkAfterChange,
        firstVersionInvocation,
        movedToSecond,
        movedBack,
        weight: NEW_VERSION_WEIGHT,
        weighted,
      };
    } finally {
      // Put everything back, whatever failed: the alias first (a version an alias routes to cannot be deleted).
      await attempt(ctx, `put alias ${aliasName} back on version ${firstVersion}`, () => pointAlias(firstVersion));
      if (secondVersion) await attempt(ctx, `delete version ${secondVersion}`, () => lambda.send(new DeleteFunctionCommand({ FunctionName: name, Qualifier: secondVersion })));
      // $LATEST goes back to the stack's version's mark, even when an interrupted earlier run had left it changed.
      await attempt(ctx, `put back $LATEST's variables of ${name}`, () => setVariables(ctx, lambda, name, { ...latestVariables, ...(firstMark ? { RELEASE_MARK: firstMark } : {}) }));
    }
    const after = await lambda.send(new GetAliasCommand({ FunctionName: name, Name: aliasName }));
    const listed = await listVersions(lambda, name);
    return {
      ...result,
      restored: {
        aliasVersion: after.FunctionVersion,
        weights: Object.keys(after.RoutingConfig?.AdditionalVersionWeights ?? {}).length,
        secondDeleted: !listed.some((v) => v.Version === secondVersion),
        latestMark: (await variablesOf(lambda, name)).RELEASE_MARK,
      },
    };
  },
});

// ---------------------------------------------------------------------------------------------
// Environment isolation
// ---------------------------------------------------------------------------------------------

export interface IsolationObservation {
  readonly variableName: string;
  /** What the reader function saw from inside. */
  readonly reader: {
    readonly functionError?: string;
    readonly inOwnEnvironment?: boolean;
    readonly api?: { readonly outcome?: string; readonly errorName?: string; readonly httpStatusCode?: number | null; readonly sawVariable?: boolean };
  };
  /** The lab's caller (allowed lambda:GetFunctionConfiguration) reading the holder through the API: is the variable there? */
  readonly callerSawVariable: boolean;
  /** The reader's own configuration has no such variable (it is not a shared setting). */
  readonly readerHasVariable: boolean;
}

export const isolation = observe({
  name: 'environment-isolation',
  outputs: ['HolderFunctionName', 'ReaderFunctionName', 'HolderVariableName'],
  observe: async (ctx): Promise<IsolationObservation> => {
    const lambda = await lambdaClient(ctx);
    const variableName = ctx.outputs.HolderVariableName;
    ctx.progress(`asking ${ctx.outputs.ReaderFunctionName} to look for ${variableName}, which only ${ctx.outputs.HolderFunctionName} has`);
    const r = await invoke(lambda, ctx.outputs.ReaderFunctionName, { otherFunctionName: ctx.outputs.HolderFunctionName, variableName });
    const p = (r.payload ?? {}) as IsolationObservation['reader'];
    const holderVars = await variablesOf(lambda, ctx.outputs.HolderFunctionName);
    const readerVars = await variablesOf(lambda, ctx.outputs.ReaderFunctionName);
    return {
      variableName,
      reader: { functionError: r.functionError, inOwnEnvironment: p.inOwnEnvironment, api: p.api },
      callerSawVariable: Object.prototype.hasOwnProperty.call(holderVars, variableName),
      readerHasVariable: Object.prototype.hasOwnProperty.call(readerVars, variableName),
    };
  },
});
