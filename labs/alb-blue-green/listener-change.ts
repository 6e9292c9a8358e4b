/**
 * Changing the weights of an Application Load Balancer's weighted forward action at run time, the
 * way a deployment tool (or the live checks) does it: ELBv2 ModifyListener, not a stack update.
 *
 * That is a change made outside CloudFormation. While it lasts, the stack's template still says the
 * old weights, and CloudFormation drift detection on the listener is expected to report `MODIFIED`
 * with a property difference under the weights (a `PropertyPath` such as
 * `/DefaultActions/0/ForwardConfig/TargetGroups/1/Weight`: expected, not documented for this resource
 * type; the canary reports the path AWS returns, and drift detection never decides a verdict). A later `cdk deploy` that
 * does not touch the listener does NOT put the template's weights back (CloudFormation only updates
 * resources whose template changed), so whoever shifts weights by API must restore them, or own them
 * from then on. {@link withListenerChange} restores them in `finally` and on SIGINT, SIGTERM and SIGHUP.
 *
 * What it restores is the weights the stack deploys, not the weights it finds: a run killed before
 * it could restore (kill -9, a lost machine) leaves the listener drifted, and the next run would
 * otherwise record that drift as "the original" and put it back.
 *
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_ModifyListener.html
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeListeners.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-stack-drift.html
 */
import type { Action } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { ObserveContext } from '../../lib/lab-kit/checks/lab-definition';
import { type Colour, COLOURS } from '../../lib/deployment/colour-page';
import { type TrafficWeights, weightsProblems } from '../../lib/deployment/listener-weights';
import { actionFailure } from './traffic';
import { describeWeights, sameWeights } from './weights';

/** The ARN of each colour's target group. */
export type ColourTargetGroups = Readonly<Record<Colour, string>>;

function forwardOf(actions: readonly Action[] | undefined, listenerArn: string): Action {
  const list = actions ?? [];
  if (list.length !== 1 || list[0].Type !== 'forward') {
    const seen = list.map((a) => a.Type ?? '?').join(', ') || 'none';
    throw new Error(`listener ${listenerArn}: default actions are [${seen}]; expected exactly one forward action (the blue/green weighted forward)`);
  }
  return list[0];
}

/**
 * The weights of the two colours in a forward action as DescribeListeners returns it, or undefined
 * when the action does not forward to exactly these two target groups. A target group in
 * `ForwardConfig` without `Weight` has weight 1 (the API default).
 */
export function readWeights(action: Action, targetGroups: ColourTargetGroups): TrafficWeights | undefined {
  const tuples = action.ForwardConfig?.TargetGroups;
  if (action.Type !== 'forward' || !tuples || tuples.length !== 2) return undefined;
  const weightOf = (arn: string) => tuples.find((t) => t.TargetGroupArn === arn);
  const blue = weightOf(targetGroups.blue);
  const green = weightOf(targetGroups.green);
  if (!blue || !green) return undefined;
  return { blue: blue.Weight ?? 1, green: green.Weight ?? 1 };
}

/**
 * A copy of a weighted forward action with new weights and nothing else changed: the stickiness
 * configuration and order stay as they were, so a switch changes only what a switch changes.
 *
 * @throws when the action does not forward to exactly the two colours' target groups, or the weights are invalid
 */
export function withWeights(action: Action, targetGroups: ColourTargetGroups, weights: TrafficWeights): Action {
  const problems = weightsProblems('weights', weights);
  if (problems.length > 0) throw new Error(problems.join('; '));
  if (!readWeights(action, targetGroups)) {
    throw new Error(`the forward action does not forward to exactly the blue (${targetGroups.blue}) and green (${targetGroups.green}) target groups`);
  }
  const { TargetGroupArn: _single, ...rest } = action;
  return {
    ...rest,
    ForwardConfig: {
      ...action.ForwardConfig,
      TargetGroups: COLOURS.map((c) => ({ TargetGroupArn: targetGroups[c], Weight: weights[c] })),
    },
  };
}

/** Options of {@link withListenerChange}. */
export interface ListenerChangeOptions {
  readonly listenerArn: string;
  readonly targetGroups: ColourTargetGroups;
  /**
   * The weights the stack deploys (the template's): what the listener is restored to at the end,
   * whatever weights it was found at. A lab passes them from a stack output, so that the check and
   * the template cannot disagree.
   */
  readonly deployedWeights: TrafficWeights;
  /** Signals that interrupt the change and restore the listener first. @default SIGINT, SIGTERM and SIGHUP */
  readonly signals?: readonly NodeJS.Signals[];
  /** Ends the process after an interrupt has restored the listener. @default process.exit */
  readonly exit?: (code: number) => void;
}

/** The signals {@link withListenerChange} handles by default: Ctrl-C, `kill`, and a closed terminal or lost SSH session. */
export const INTERRUPT_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** When a ModifyListener call was sent and when it returned, on the check's clock. */
export interface WeightChange {
  readonly weights: TrafficWeights;
  readonly calledAtMs: number;
  readonly returnedAtMs: number;
}

/** What the function given to {@link withListenerChange} can do. */
export interface ListenerChange {
  /** The listener's forward action as DescribeListeners returned it before the run. */
  readonly found: Action;
  readonly foundWeights: TrafficWeights;
  /** The forward action the run ends with: {@link found} with the deployed weights. */
  readonly deployed: Action;
  readonly deployedWeights: TrafficWeights;
  /** Aborted when a signal interrupts the change: stop sending traffic. */
  readonly signal: AbortSignal;
  /**
   * Sets the weights with ModifyListener and says when it was sent and when it returned. Calls are
   * sent one at a time, in the order they were made.
   *
   * @throws once the restore has started (after the run, or on a signal): no weight change may land after it
   */
  setWeights(weights: TrafficWeights): Promise<WeightChange>;
}

/** The AWS CLI command that puts the default action back by hand. */
export function restoreCommand(listenerArn: string, action: Action): string {
  return `aws elbv2 modify-listener --listener-arn ${listenerArn} --default-actions '${JSON.stringify([action])}'`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Whether a failed ModifyListener was refused by the service, so that it changed nothing: the SDK's
 * service exception carries the HTTP status of AWS's error response in `$metadata.httpStatusCode`
 * ("Error Handling in Modular AWS SDK for JavaScript (v3)", https://aws.amazon.com/blogs/developer/service-error-handling-modular-aws-sdk-js/),
 * and a 4xx is the service refusing the request (AccessDenied 403 for a caller without
 * elasticloadbalancing:ModifyListener; ValidationError, TargetGroupNotFound... 400: the errors of
 * "ModifyListener", https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_ModifyListener.html).
 * Anything else (a timeout, a reset, a 5xx) may have landed, so it counts as a change to restore.
 */
export function refusedByService(error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: unknown } } | undefined)?.$metadata?.httpStatusCode;
  return typeof status === 'number' && status >= 400 && status <= 499;
}

/**
 * Runs `run` with the right to change the listener's weights, then restores the weights the stack
 * deploys (`deployedWeights`, in the forward action as found): after success, after a failure, and
 * on SIGINT, SIGTERM or SIGHUP (the handler restores, then exits with 130; a second signal of any
 * kind exits at once). When the listener is found at other weights (an earlier run was killed before
 * it could restore), progress says so and the deployed weights are restored even if `run` changes
 * nothing.
 *
 * Every ModifyListener call, the restore included, goes through one queue, so they reach the
 * listener in the order they were made: the restore waits for a weight change already in flight
 * (otherwise that change could land after it), and no weight change is accepted once the restore
 * has started. Progress says that the listener was changed outside CloudFormation and how drift
 * detection shows it.
 *
 * A ModifyListener the service refused (a 4xx: an IAM denial, a validation error) changed nothing, so it
 * asks for no restore: a caller denied ModifyListener gets its AccessDenied back, not a restore
 * that is denied too and an instruction to run a command that would be denied as well.
 *
 * @throws the error of `run`; or, when the restore itself fails, an error with the CLI command that restores the deployed weights by hand (keeping the AWS error's name, Code and $metadata, so its exit code stays that error's)
 */
export async function withListenerChange<T>(
  ctx: Pick<ObserveContext, 'aws' | 'progress' | 'now'>,
  options: ListenerChangeOptions,
  run: (change: ListenerChange) => Promise<T>,
): Promise<T> {
  const { listenerArn, targetGroups, deployedWeights } = options;
  const problems = weightsProblems('deployedWeights', deployedWeights);
  if (problems.length > 0) throw new Error(problems.join('; '));
  // Loaded on use, so that loading the labs for `cdk synth` loads no SDK client.
  const { DescribeListenersCommand, ElasticLoadBalancingV2Client, ModifyListenerCommand } = await import('@aws-sdk/client-elastic-load-balancing-v2');
  const elbv2 = new ElasticLoadBalancingV2Client(ctx.aws);
  const described = await elbv2.send(new DescribeListenersCommand({ ListenerArns: [listenerArn] }));
  const listener = described.Listeners?.find((l) => l.ListenerArn === listenerArn);
  if (!listener) throw new Error(`DescribeListeners returned no listener ${listenerArn}: was the stack deleted?`);
  const found = forwardOf(listener.DefaultActions, listenerArn);
  const foundWeights = readWeights(found, targetGroups);
  if (!foundWeights) {
    throw new Error(`listener ${listenerArn} does not forward to the blue and green target groups of the stack's outputs: redeploy the lab`);
  }
  const deployed = withWeights(found, targetGroups, deployedWeights);

  // True while the listener may differ from the deployed weights: then the restore must send them.
  let changed = !sameWeights(foundWeights, deployedWeights);
  if (changed) {
    ctx.progress(
      `the listener is at ${describeWeights(foundWeights)}, not at the deployed ${describeWeights(deployedWeights)}: ` +
        `a previous run was interrupted (or the weights were changed by hand); restoring the deployed weights when this check ends`,
    );
  }

  // One queue for every ModifyListener call: each is sent when the one before has returned (or failed).
  let queue: Promise<unknown> = Promise.resolve();
  const modify = (action: Action): Promise<{ calledAtMs: number; returnedAtMs: number }> => {
    const call = queue.then(async () => {
      const calledAtMs = ctx.now();
      await elbv2.send(new ModifyListenerCommand({ ListenerArn: listenerArn, DefaultActions: [action] }));
      return { calledAtMs, returnedAtMs: ctx.now() };
    });
    queue = call.catch(() => undefined);
    return call;
  };

  let restoring: Promise<void> | undefined;
  const restore = (): Promise<void> => {
    // Decided once the calls already in flight have returned: only then is it known whether any of them changed the listener.
    restoring ??= queue.then(() =>
      changed
        ? modify(deployed).then(() => ctx.progress(`restored the deployed weights (${describeWeights(deployedWeights)}): the listener's weights match the template again`))
        : undefined,
    );
    return restoring;
  };

  const controller = new AbortController();
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const onSignal = (signal: NodeJS.Signals) => {
    // From now on every signal is Node's again: a second one (of any kind) exits at once.
    for (const s of signals) process.removeListener(s, onSignal);
    ctx.progress(`${signal}: stopping traffic and restoring the listener before exiting (press Ctrl-C again to exit at once)`);
    controller.abort(new Error(`interrupted by ${signal}`));
    restore().then(
      () => exit(130),
      (error) => {
        ctx.progress(`could not restore the listener (${messageOf(error)}); restore the deployed weights by hand: ${restoreCommand(listenerArn, deployed)}`);
        exit(1);
      },
    );
  };
  const signals = options.signals ?? INTERRUPT_SIGNALS;
  for (const s of signals) process.once(s, onSignal);

  let announced = false;
  const change: ListenerChange = {
    found,
    foundWeights,
    deployed,
    deployedWeights,
    signal: controller.signal,
    async setWeights(weights) {
      if (restoring) {
        throw new Error(`the listener is being restored to the deployed weights (${describeWeights(deployedWeights)}): ${describeWeights(weights)} refused`);
      }
      const action = withWeights(found, targetGroups, weights);
      if (!announced) {
        ctx.progress(
          `changing listener weights with ModifyListener, outside CloudFormation: until they are restored, drift detection ` +
            `(DetectStackResourceDrift) is expected to report the listener MODIFIED, with differences under DefaultActions/0/ForwardConfig/TargetGroups/*/Weight`,
        );
        announced = true;
      }
      // The listener counts as changed once a call may have landed: not when AWS refused it (an IAM denial refuses the restore too, so none is sent).
      try {
        const timing = await modify(action);
        changed = true;
        return { weights, ...timing };
      } catch (error) {
        if (!refusedByService(error)) changed = true;
        throw error;
      }
    },
  };

  let failure: { error: unknown } | undefined;
  let result: T | undefined;
  try {
    result = await run(change);
  } catch (error) {
    failure = { error };
  }
  try {
    await restore();
  } catch (error) {
    const before = failure ? `${messageOf(failure.error)}; then ` : '';
    throw actionFailure(
      `${before}could not restore the deployed weights (${describeWeights(deployedWeights)}) on the listener (${messageOf(error)}): restore them by hand with ${restoreCommand(listenerArn, deployed)}`,
      error,
    );
  } finally {
    for (const s of signals) process.removeListener(s, onSignal);
  }
  if (failure) throw failure.error;
  return result as T;
}
