/**
 * Changing the weights of an Application Load Balancer's weighted forward action at run time, the
 * way a deployment tool (or the live checks) does it: ELBv2 ModifyListener, not a stack update.
 *
 * That is a change made outside CloudFormation. While it lasts, the stack's template still says the
 * old weights, and CloudFormation drift detection on the listener reports `MODIFIED` with a property
 * difference under `DefaultActions/0/ForwardConfig/TargetGroups/N/Weight`. A later `cdk deploy` that
 * does not touch the listener does NOT put the template's weights back (CloudFormation only updates
 * resources whose template changed), so whoever shifts weights by API must restore them, or own them
 * from then on. {@link withListenerChange} restores them in `finally` and on Ctrl-C.
 *
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_ModifyListener.html
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeListeners.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-stack-drift.html
 */
import type { Action } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { LiveContext } from '../lab-kit/claim';
import { type Colour, COLOURS } from './colour-page';

/** The weight of each colour's target group in the listener's forward action. */
export interface TrafficWeights {
  readonly blue: number;
  readonly green: number;
}

/** The ARN of each colour's target group. */
export type ColourTargetGroups = Readonly<Record<Colour, string>>;

/** An ALB target group weight is an integer from 0 to 999. */
export const MAX_WEIGHT = 999;

/**
 * Problems with a pair of weights, each naming the prop, the value and what is allowed. ALB accepts
 * 0 to 999 per target group; this module also refuses 0/0, which would forward to nothing.
 *
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-action-types.html#forward-actions
 */
export function weightsProblems(name: string, weights: TrafficWeights): string[] {
  const problems: string[] = [];
  for (const colour of COLOURS) {
    const w = weights[colour];
    if (!Number.isInteger(w) || w < 0 || w > MAX_WEIGHT) {
      problems.push(`${name}.${colour}: received ${w}; allowed: an integer from 0 to ${MAX_WEIGHT}`);
    }
  }
  if (problems.length === 0 && weights.blue + weights.green === 0) {
    problems.push(`${name}: received blue 0 and green 0; allowed: at least one weight above 0 (otherwise the listener forwards to nothing)`);
  }
  return problems;
}

/** `blue 90 / green 10`. */
export function describeWeights(weights: TrafficWeights): string {
  return `blue ${weights.blue} / green ${weights.green}`;
}

/** The share of requests a colour should get: its weight over the sum. */
export function expectedShare(weights: TrafficWeights, colour: Colour): number {
  return weights[colour] / (weights.blue + weights.green);
}

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
  /** Signals that interrupt the change and restore the listener first. @default SIGINT and SIGTERM */
  readonly signals?: readonly NodeJS.Signals[];
  /** Ends the process after an interrupt has restored the listener. @default process.exit */
  readonly exit?: (code: number) => void;
}

/** When a ModifyListener call was sent and when it returned, on the check's clock. */
export interface WeightChange {
  readonly weights: TrafficWeights;
  readonly calledAtMs: number;
  readonly returnedAtMs: number;
}

/** What the function given to {@link withListenerChange} can do. */
export interface ListenerChange {
  /** The listener's forward action before the change, as DescribeListeners returned it. */
  readonly original: Action;
  readonly originalWeights: TrafficWeights;
  /** Aborted when a signal interrupts the change: stop sending traffic. */
  readonly signal: AbortSignal;
  /** Sets the weights with ModifyListener and says when. */
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
 * Runs `run` with the right to change the listener's weights, then restores the default action
 * exactly as DescribeListeners returned it: after success, after a failure, and on SIGINT/SIGTERM
 * (the handler restores, then exits with 130; a second Ctrl-C exits at once). Progress says that the
 * listener was changed outside CloudFormation and how drift detection shows it.
 *
 * @throws the error of `run`; or, when the restore itself fails, an error with the CLI command that restores by hand
 */
export async function withListenerChange<T>(
  ctx: Pick<LiveContext, 'aws' | 'progress' | 'now'>,
  options: ListenerChangeOptions,
  run: (change: ListenerChange) => Promise<T>,
): Promise<T> {
  // Loaded on use, so that loading the labs for `cdk synth` loads no SDK client.
  const { DescribeListenersCommand, ElasticLoadBalancingV2Client, ModifyListenerCommand } = await import('@aws-sdk/client-elastic-load-balancing-v2');
  const elbv2 = new ElasticLoadBalancingV2Client(ctx.aws);
  const { listenerArn, targetGroups } = options;
  const described = await elbv2.send(new DescribeListenersCommand({ ListenerArns: [listenerArn] }));
  const listener = described.Listeners?.find((l) => l.ListenerArn === listenerArn);
  if (!listener) throw new Error(`DescribeListeners returned no listener ${listenerArn}: was the stack deleted?`);
  const original = forwardOf(listener.DefaultActions, listenerArn);
  const originalWeights = readWeights(original, targetGroups);
  if (!originalWeights) {
    throw new Error(`listener ${listenerArn} does not forward to the blue and green target groups of the stack's outputs: redeploy the lab`);
  }

  let changed = false;
  let restoring: Promise<void> | undefined;
  const restore = (): Promise<void> => {
    if (!changed) return Promise.resolve();
    restoring ??= (async () => {
      await elbv2.send(new ModifyListenerCommand({ ListenerArn: listenerArn, DefaultActions: [original] }));
      ctx.progress(`restored the listener's default action (${describeWeights(originalWeights)}): the listener matches the template again`);
    })();
    return restoring;
  };

  const controller = new AbortController();
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const onSignal = (signal: NodeJS.Signals) => {
    ctx.progress(`${signal}: stopping traffic and restoring the listener before exiting (press Ctrl-C again to exit at once)`);
    controller.abort(new Error(`interrupted by ${signal}`));
    restore().then(
      () => exit(130),
      (error) => {
        ctx.progress(`could not restore the listener (${messageOf(error)}); restore it by hand: ${restoreCommand(listenerArn, original)}`);
        exit(1);
      },
    );
  };
  const signals = options.signals ?? ['SIGINT', 'SIGTERM'];
  for (const s of signals) process.once(s, onSignal);

  const change: ListenerChange = {
    original,
    originalWeights,
    signal: controller.signal,
    async setWeights(weights) {
      const action = withWeights(original, targetGroups, weights);
      if (!changed) {
        ctx.progress(
          `changing listener weights with ModifyListener, outside CloudFormation: until they are restored, drift detection ` +
            `(DetectStackResourceDrift) reports the listener MODIFIED at DefaultActions/0/ForwardConfig/TargetGroups/*/Weight`,
        );
      }
      changed = true;
      const calledAtMs = ctx.now();
      await elbv2.send(new ModifyListenerCommand({ ListenerArn: listenerArn, DefaultActions: [action] }));
      return { weights, calledAtMs, returnedAtMs: ctx.now() };
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
    throw new Error(`${before}could not restore the listener's default action (${messageOf(error)}): restore it by hand with ${restoreCommand(listenerArn, original)}`);
  } finally {
    for (const s of signals) process.removeListener(s, onSignal);
  }
  if (failure) throw failure.error;
  return result as T;
}
