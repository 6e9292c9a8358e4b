/**
 * A simulated Lambda for the live tests: every response shaped as the AWS Lambda API Reference gives
 * it (Invoke: StatusCode, FunctionError, ExecutedVersion, LogResult base64, Payload bytes;
 * GetFunctionConfiguration: MemorySize, Timeout, Environment.Variables, State, LastUpdateStatus,
 * VpcConfig; GetAlias/UpdateAlias: FunctionVersion, RoutingConfig.AdditionalVersionWeights;
 * PublishVersion: Version; GetAccountSettings: AccountLimit), with the fields AWS leaves out left out.
 * The REPORT line follows the example of "Log and monitor Python Lambda functions"
 * (https://docs.aws.amazon.com/lambda/latest/dg/python-logging.html).
 */
import {
  DeleteFunctionCommand,
  GetAccountSettingsCommand,
  GetAliasCommand,
  GetFunctionConfigurationCommand,
  InvalidParameterValueException,
  InvokeCommand,
  LambdaClient,
  LambdaServiceException,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  ResourceConflictException,
  UpdateAliasCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';

export const lambda = mockClient(LambdaClient);

export const NAMES = {
  NodeMemoryHogName: 'lambda-runtime-behaviour-NodeMemoryHogFunction1A2B3C4D-Ab12Cd34Ef56',
  PythonMemoryHogName: 'lambda-runtime-behaviour-PythonMemoryHogFunction5E6F7A8B-Gh78Ij90Kl12',
  TimeoutProbeName: 'lambda-runtime-behaviour-TimeoutProbeFunction9C0D1E2F-Mn34Op56Qr78',
  ColdPlainName: 'lambda-runtime-behaviour-ColdPlainFunction3A4B5C6D-St90Uv12Wx34',
  ColdVpcName: 'lambda-runtime-behaviour-ColdVpcFunctionEEF8AC25-Yz56Ab78Cd90',
  ColdSdkAtInitName: 'lambda-runtime-behaviour-ColdSdkAtInitFunction7E8F9A0B-Ef12Gh34Ij56',
  ColdSdkInHandlerName: 'lambda-runtime-behaviour-ColdSdkInHandlerFunction1C2D3E4F-Kl78Mn90Op12',
  ColdLargePackageName: 'lambda-runtime-behaviour-ColdLargePackageFunction5A6B7C8D-Qr34St56Uv78',
  ReleaseFunctionName: 'lambda-runtime-behaviour-ReleaseFunction7C47E101-Wx90Yz12Ab34',
  ReleaseAliasName: 'live',
  ReleaseVersion: '1',
  HolderFunctionName: 'lambda-runtime-behaviour-IsolationHolderFunction9E0F1A2B-Cd56Ef78Gh90',
  ReaderFunctionName: 'lambda-runtime-behaviour-IsolationReaderFunction3C4D5E6F-Ij12Kl34Mn56',
  HolderVariableName: 'LAB_HOLDER_MARK',
} as const;

/** How Lambda behaves in a test: the truth by default; each failing case changes one thing. */
export interface Behaviour {
  /** Median Init Duration of each probe, ms. */
  init: Record<'plain' | 'vpc' | 'sdkAtInit' | 'sdkInHandler' | 'largePackage', number>;
  /**
   * What a cold Invoke costs the caller before the handler runs, beyond Init Duration (the sandbox and
   * its network set up, the round trip), ms. The client's clock sees it; the REPORT line does not.
   */
  beforeInit: Record<'plain' | 'vpc' | 'sdkAtInit' | 'sdkInHandler' | 'largePackage', number>;
  /** Added spread on that time, ± ms (a noisy network). */
  clientNoiseMs?: number;
  /** Warm Duration of each probe, ms. */
  warm: Record<'plain' | 'vpc' | 'sdkAtInit' | 'sdkInHandler' | 'largePackage', number>;
  /** Lambda accepts a 901 s timeout (contradicts the truth). */
  acceptsOverLimit: boolean;
  /** How Lambda refuses it: the model-validation error (the default) or UpdateFunctionConfiguration's documented InvalidParameterValueException. */
  overLimitRefusal?: 'ValidationException' | 'InvalidParameterValueException';
  /** The hog of this runtime returns instead of failing. */
  hogSurvives?: 'nodejs' | 'python';
  /** The error type a failing hog reports. */
  oomErrorType: string;
  /** The share the alias really sends to the weighted version, whatever the weight. */
  realShare?: number;
  /** The reader can read the holder's configuration. */
  readerAllowed: boolean;
  /** The first invocation after a change is served by an environment initialised ahead (no Init Duration). */
  proactiveInit: boolean;
  concurrency: number;
  /** Publishing a version lets $LATEST's later changes leak into it (contradicts the truth). */
  versionsMutable: boolean;
  /** A new version reads State Pending this many times before Active; invoking it meanwhile fails. */
  versionPendingReads?: number;
  /** After each UpdateAlias, this many invocations of the alias still run its previous routing. */
  aliasLagInvokes?: number;
}

export function truth(): Behaviour {
  return {
    init: { plain: 150, vpc: 156, sdkAtInit: 310, sdkInHandler: 160, largePackage: 420 },
    beforeInit: { plain: 45, vpc: 47, sdkAtInit: 45, sdkInHandler: 45, largePackage: 48 },
    warm: { plain: 1.6, vpc: 1.7, sdkAtInit: 18, sdkInHandler: 140, largePackage: 1.8 },
    acceptsOverLimit: false,
    oomErrorType: 'Runtime.ExitError',
    readerAllowed: false,
    proactiveInit: false,
    concurrency: 400,
    versionsMutable: false,
  };
}

interface Fn {
  memory: number;
  timeout: number;
  env: Record<string, string>;
  vpc?: { SubnetIds: string[]; SecurityGroupIds: string[]; VpcId: string };
  /** A new configuration since the last invocation: the next one starts a new environment. */
  fresh: boolean;
}

const REQUEST = (n: number) => `8f507cfc-${String(n).padStart(4, '0')}-4697-b07a-ac58fc914c95`;

/** A deterministic spread: a value near `centre`, ±15%, from a counter. */
function jitter(centre: number, i: number): number {
  const u = ((Math.sin(i * 12.9898) * 43758.5453) % 1 + 1) % 1;
  return Math.round(centre * (0.85 + 0.3 * u) * 100) / 100;
}

/**
 * A REPORT line spaced exactly as the example of "Log and monitor Python Lambda functions" prints it:
 * `REPORT RequestId: 8f507cfc-xmpl-4697-b07a-ac58fc914c95  Duration: 15.74 ms  Billed Duration: 147 ms Memory Size: 128 MB Max Memory Used: 56 MB  Init Duration: 130.49 ms`.
 */
export function report(id: string, duration: number, memory: number, used: number, init?: number): string {
  const billed = Math.ceil(duration + (init ?? 0));
  return (
    `START RequestId: ${id} Version: $LATEST\nEND RequestId: ${id}\n` +
    `REPORT RequestId: ${id}  Duration: ${duration.toFixed(2)} ms  Billed Duration: ${billed} ms Memory Size: ${memory} MB Max Memory Used: ${used} MB${init !== undefined ? `  Init Duration: ${init.toFixed(2)} ms` : ''}\n`
  );
}

function response(payload: unknown, tail: string, extra: { FunctionError?: string; ExecutedVersion?: string } = {}) {
  return { StatusCode: 200, ExecutedVersion: '$LATEST', ...extra, LogResult: Buffer.from(tail).toString('base64'), Payload: new TextEncoder().encode(JSON.stringify(payload)) as any };
}

/** The test's fake clock: the simulated Invoke advances it by what the call took, as a real one takes time. */
export interface Clock {
  sleep(ms: number): Promise<void>;
}

/** Installs the simulated Lambda on the mock; returns its state for assertions. */
export function mockWorld(b: Behaviour = truth(), clock?: Clock) {
  lambda.reset();
  let n = 0;
  let rng = 0;
  const fns = new Map<string, Fn>();
  const add = (name: string, memory: number, timeout: number, env: Record<string, string> = {}, vpc?: Fn['vpc']) => fns.set(name, { memory, timeout, env, vpc, fresh: true });
  add(NAMES.NodeMemoryHogName, 128, 30);
  add(NAMES.PythonMemoryHogName, 128, 30);
  add(NAMES.TimeoutProbeName, 128, 2);
  add(NAMES.ColdPlainName, 256, 10, { SDK_CLIENT: 'none' });
  add(NAMES.ColdVpcName, 256, 10, { SDK_CLIENT: 'none' }, { SubnetIds: ['subnet-0a1b2c3d4e5f60718', 'subnet-0b2c3d4e5f6071829'], SecurityGroupIds: ['sg-0c3d4e5f607182930'], VpcId: 'vpc-0d4e5f60718293a4b' });
  add(NAMES.ColdSdkAtInitName, 256, 10, { SDK_CLIENT: 'init' });
  add(NAMES.ColdSdkInHandlerName, 256, 10, { SDK_CLIENT: 'handler' });
  add(NAMES.ColdLargePackageName, 256, 10, { SDK_CLIENT: 'none' });
  add(NAMES.ReleaseFunctionName, 128, 3, { RELEASE_MARK: 'release-1' });
  add(NAMES.HolderFunctionName, 128, 3, { LAB_HOLDER_MARK: 'visible-through-the-api-only' });
  add(NAMES.ReaderFunctionName, 128, 10);
  const probeOf: Record<string, keyof Behaviour['init']> = {
    [NAMES.ColdPlainName]: 'plain',
    [NAMES.ColdVpcName]: 'vpc',
    [NAMES.ColdSdkAtInitName]: 'sdkAtInit',
    [NAMES.ColdSdkInHandlerName]: 'sdkInHandler',
    [NAMES.ColdLargePackageName]: 'largePackage',
  };
  // Published versions of the release function: number → frozen variables.
  const versions = new Map<string, Record<string, string>>([['1', { RELEASE_MARK: 'release-1' }]]);
  const descriptions = new Map<string, string>();
  /** GetFunctionConfiguration reads each version still answers Pending. */
  const pending = new Map<string, number>();
  let nextVersion = 2;
  const alias = { version: '1', weights: {} as Record<string, number> };
  /** The routing an alias invocation still gets right after an UpdateAlias, and for how many more invocations. */
  let lag = { left: 0, version: '1', weights: {} as Record<string, number> };
  const configuration = (name: string, qualifier?: string) => {
    const f = fns.get(name);
    if (!f) throw new Error(`no function ${name}`);
    const env = qualifier && qualifier !== '$LATEST' ? (b.versionsMutable ? f.env : versions.get(qualifier)) : f.env;
    return {
      FunctionName: name,
      Version: qualifier ?? '$LATEST',
      MemorySize: f.memory,
      Timeout: f.timeout,
      // Environment is left out when a function has no variables, as Lambda does.
      ...(Object.keys(env ?? {}).length ? { Environment: { Variables: { ...env } } } : {}),
      ...(f.vpc ? { VpcConfig: f.vpc } : {}),
      ...(qualifier && qualifier !== '$LATEST' && descriptions.has(qualifier) ? { Description: descriptions.get(qualifier) } : {}),
      State: (qualifier && (pending.get(qualifier) ?? 0) > 0 ? 'Pending' : 'Active') as 'Pending' | 'Active',
      LastUpdateStatus: 'Successful' as const,
    };
  };

  lambda.on(GetFunctionConfigurationCommand).callsFake((i) => {
    const c = configuration(i.FunctionName, i.Qualifier);
    if (i.Qualifier && pending.has(i.Qualifier)) pending.set(i.Qualifier, (pending.get(i.Qualifier) ?? 0) - 1);
    return c;
  });
  lambda.on(UpdateFunctionConfigurationCommand).callsFake((i) => {
    const f = fns.get(i.FunctionName)!;
    if (i.Timeout !== undefined) {
      if (i.Timeout > 900 && !b.acceptsOverLimit) {
        if (b.overLimitRefusal === 'InvalidParameterValueException') {
          // "One of the parameters in the request is not valid", HTTP 400 (UpdateFunctionConfiguration, Errors, AWS Lambda API Reference). Message illustrative.
          throw new InvalidParameterValueException({ message: 'The timeout value is not valid for this function', $metadata: { httpStatusCode: 400 } });
        }
        // What Lambda returns for a value outside the API model's range: the model-validation error, code ValidationException, HTTP 400,
        // with this text (quoted by CloudFormation in covidatlas/li#575, https://github.com/covidatlas/li/pull/575:
        // "1 validation error detected: Value '3000' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900
        // (Service: AWSLambdaInternal; Status Code: 400; Error Code: ValidationException ...)"). The SDK names an unmodelled error by its code.
        // The check records the message, never matches it.
        throw new LambdaServiceException({
          name: 'ValidationException',
          $fault: 'client',
          message: `1 validation error detected: Value '${i.Timeout}' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900`,
          $metadata: { httpStatusCode: 400 },
        });
      }
      f.timeout = i.Timeout;
    }
    if (i.Environment) f.env = { ...(i.Environment.Variables ?? {}) };
    f.fresh = true;
    return { ...configuration(i.FunctionName), LastUpdateStatus: 'InProgress' };
  });
  lambda.on(GetAccountSettingsCommand).resolves({ AccountLimit: { ConcurrentExecutions: b.concurrency, UnreservedConcurrentExecutions: b.concurrency, CodeSizeUnzipped: 262_144_000, CodeSizeZipped: 52_428_800, TotalCodeSize: 80_530_636_800 }, AccountUsage: { FunctionCount: 14, TotalCodeSize: 40_000_000 } });
  lambda.on(GetAliasCommand).callsFake(() => ({
    AliasArn: `arn:aws:lambda:us-east-1:123456789012:function:${NAMES.ReleaseFunctionName}:live`,
    Name: 'live',
    FunctionVersion: alias.version,
    ...(Object.keys(alias.weights).length ? { RoutingConfig: { AdditionalVersionWeights: { ...alias.weights } } } : {}),
  }));
  lambda.on(UpdateAliasCommand).callsFake((i) => {
    lag = { left: b.aliasLagInvokes ?? 0, version: alias.version, weights: { ...alias.weights } };
    if (i.FunctionVersion) alias.version = i.FunctionVersion;
    // Left out, RoutingConfig is taken to keep the weights (the harsher reading: the API reference does not say it clears them).
    if (i.RoutingConfig) alias.weights = { ...(i.RoutingConfig.AdditionalVersionWeights ?? {}) };
    return { Name: 'live', FunctionVersion: alias.version };
  });
  lambda.on(PublishVersionCommand).callsFake((i) => {
    const v = String(nextVersion++);
    versions.set(v, { ...fns.get(NAMES.ReleaseFunctionName)!.env });
    if (i.Description) descriptions.set(v, i.Description);
    if (b.versionPendingReads) pending.set(v, b.versionPendingReads);
    // PublishVersion returns the new version's configuration; its State can still be Pending ("Lambda function states").
    return { ...configuration(NAMES.ReleaseFunctionName, v), Version: v };
  });
  lambda.on(DeleteFunctionCommand).callsFake((i) => {
    if (Object.keys(alias.weights).includes(i.Qualifier) || alias.version === i.Qualifier) throw new Error('ResourceConflictException: the alias routes to it');
    versions.delete(i.Qualifier);
    return {};
  });
  // ListVersionsByFunction pages its Versions (FunctionConfiguration objects) and gives NextMarker while more remain; two per page here, to exercise the paging.
  lambda.on(ListVersionsByFunctionCommand).callsFake((i) => {
    const all = [{ Version: '$LATEST' }, ...[...versions.keys()].map((Version) => ({ Version, ...(descriptions.has(Version) ? { Description: descriptions.get(Version) } : {}) }))];
    const start = i.Marker ? Number(i.Marker) : 0;
    return { Versions: all.slice(start, start + 2), ...(start + 2 < all.length ? { NextMarker: String(start + 2) } : {}) };
  });

  lambda.on(InvokeCommand).callsFake((i) => {
    const id = REQUEST(++n);
    const name = i.FunctionName as string;
    const f = fns.get(name)!;
    const event = JSON.parse(Buffer.from(i.Payload as Uint8Array).toString('utf8'));
    const cold = f.fresh;
    f.fresh = false;
    const init = cold && !b.proactiveInit ? 140 : undefined;
    if (name === NAMES.NodeMemoryHogName || name === NAMES.PythonMemoryHogName) {
      const runtime = name === NAMES.NodeMemoryHogName ? 'nodejs' : 'python';
      if (event.mb > f.memory && b.hogSurvives !== runtime) {
        f.fresh = true; // the environment is reset
        return response({ errorType: b.oomErrorType, errorMessage: `RequestId: ${id} Error: Runtime exited with error: signal: killed` }, report(id, 850.12, f.memory, 128, init), { FunctionError: 'Unhandled' });
      }
      return response({ allocatedMb: event.mb }, report(id, 40.5, f.memory, runtime === 'nodejs' ? 72 : 58, init));
    }
    if (name === NAMES.TimeoutProbeName) {
      return response({ errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${id} Error: Task timed out after 2.00 seconds` }, report(id, 2000, f.memory, 64, init), { FunctionError: 'Unhandled' });
    }
    const probe = probeOf[name];
    if (probe) {
      const initMs = cold && !b.proactiveInit ? jitter(b.init[probe], ++rng) : undefined;
      const durationMs = jitter(b.warm[probe] * (cold ? 3 : 1), ++rng);
      const noise = b.clientNoiseMs ? b.clientNoiseMs * (2 * (((Math.sin(++rng * 4.1414) * 43758.5453) % 1 + 1) % 1) - 1) : 0;
      const waited = (cold ? jitter(b.beforeInit[probe], ++rng) + noise : 12) + (initMs ?? 0) + durationMs;
      return clock
        ? clock.sleep(Math.round(waited)).then(() => response({ mode: f.env.SDK_CLIENT, paddingEntries: 0, calledSts: f.env.SDK_CLIENT !== 'none' }, report(id, durationMs, f.memory, 80, initMs)))
        : response({ mode: f.env.SDK_CLIENT, paddingEntries: 0, calledSts: f.env.SDK_CLIENT !== 'none' }, report(id, durationMs, f.memory, 80, initMs));
    }
    if (name === NAMES.ReleaseFunctionName) {
      if (i.Qualifier && (pending.get(i.Qualifier) ?? 0) > 0) {
        // "Lambda does not invoke a function during pending state. Any invocations ... will fail" ("Lambda function states");
        // Invoke's ResourceConflictException (HTTP 409) is the error the API reference lists for an operation in progress. The message is illustrative.
        throw new ResourceConflictException({ message: `The operation cannot be performed at this time. The function is currently in the following state: Pending`, $metadata: { httpStatusCode: 409 } });
      }
      const routing = i.Qualifier === 'live' && lag.left > 0 ? (lag.left--, lag) : alias;
      let version = i.Qualifier === 'live' ? routing.version : (i.Qualifier ?? '$LATEST');
      if (i.Qualifier === 'live') {
        const [weighted, w] = Object.entries(routing.weights)[0] ?? [];
        const u = ((Math.sin(++rng * 78.233) * 43758.5453) % 1 + 1) % 1;
        if (weighted && u < (b.realShare ?? (w as number))) version = weighted;
      }
      const env = version === '$LATEST' || b.versionsMutable ? f.env : versions.get(version)!;
      return response({ version, releaseMark: env.RELEASE_MARK ?? null }, report(id, 1.9, f.memory, 66, init), { ExecutedVersion: version });
    }
    if (name === NAMES.ReaderFunctionName) {
      const api = b.readerAllowed ? { outcome: 'read', sawVariable: true } : { outcome: 'refused', errorName: 'AccessDeniedException', httpStatusCode: 403 };
      return response({ inOwnEnvironment: event.variableName in f.env, api }, report(id, 90, f.memory, 80, init));
    }
    return response(null, report(id, 1.5, f.memory, 60, init));
  });
  return { fns, versions, alias, descriptions };
}
