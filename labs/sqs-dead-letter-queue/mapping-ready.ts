/**
 * Readiness before the journey sends anything: the consumer's event source mapping must be Enabled,
 * or no poller receives the messages and the run would time out against a mapping still being
 * created (right after a deploy) or one somebody disabled.
 *
 * The states are those of "GetEventSourceMapping" (AWS Lambda API Reference,
 * https://docs.aws.amazon.com/lambda/latest/api/API_GetEventSourceMapping.html): "The state of the
 * event source mapping. It can be one of the following: Creating, Enabling, Enabled, Disabling,
 * Disabled, Updating, or Deleting."
 */
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { ObserveContext } from '../../lib/lab-kit/checks/lab-definition';
import { secondsBetween } from './aws-reads';

/** The one state in which Lambda polls the queue. */
export const MAPPING_ENABLED = 'Enabled';
/** States on their way to Enabled (or back to it after an update): waited out. */
export const MAPPING_SETTLING: readonly string[] = ['Creating', 'Enabling', 'Updating'];
/**
 * How long the lab waits for a settling mapping to reach Enabled. AWS documents no duration for these
 * transitions, so this is the lab's bound, not an AWS figure; it decides only whether the run starts,
 * never a verdict: a mapping still not Enabled then is an error of the claims that need it.
 */
export const MAPPING_READY_MAX_WAIT_MS = 120_000;
/** How often GetEventSourceMapping is read while waiting. */
export const MAPPING_POLL_MS = 5_000;

/** What the readiness wait saw. */
export interface MappingReadiness {
  readonly uuid: string;
  readonly state: string;
  /** Seconds waited for Enabled (0 when it already was). */
  readonly waitedSeconds: number;
}

/**
 * Reads the mapping until it is Enabled, for at most {@link MAPPING_READY_MAX_WAIT_MS}, with progress
 * on every read that is not Enabled. Throws (an error of the check, never a failed claim) when it is
 * Disabling, Disabled or Deleting, when it stays settling past the bound, or when it reports a state
 * the API reference does not list, saying what to do.
 */
export async function waitForMappingEnabled(
  ctx: Pick<ObserveContext, 'now' | 'sleep' | 'progress'>,
  lambda: LambdaClient,
  uuid: string,
): Promise<MappingReadiness> {
  const { GetEventSourceMappingCommand } = await import('@aws-sdk/client-lambda');
  const started = ctx.now();
  const what = (state: string | undefined, reason: string | undefined) =>
    `the consumer's event source mapping ${uuid} is ${state ?? 'without a State'}${reason ? ` (StateTransitionReason: ${reason})` : ''}`;
  for (;;) {
    const mapping = await lambda.send(new GetEventSourceMappingCommand({ UUID: uuid }));
    const state = mapping.State;
    if (state === MAPPING_ENABLED) return { uuid, state, waitedSeconds: secondsBetween(started, ctx.now()) };
    if (state === undefined || !MAPPING_SETTLING.includes(state)) {
      throw new Error(
        `${what(state, mapping.StateTransitionReason)}, so Lambda does not poll the source queue and nothing could be observed: ` +
          `enable it (aws lambda update-event-source-mapping --uuid ${uuid} --enabled) or redeploy the lab, then run the check again`,
      );
    }
    const waited = ctx.now() - started;
    if (waited >= MAPPING_READY_MAX_WAIT_MS) {
      throw new Error(
        `${what(state, mapping.StateTransitionReason)} after ${secondsBetween(started, ctx.now())} s (the lab's bound; AWS documents no duration): ` +
          'Lambda may not be polling the source queue yet, so nothing was sent. Run the check again in a few minutes; if it stays so, redeploy the lab',
      );
    }
    ctx.progress(`${what(state, undefined)}, not Enabled yet: waiting before sending (${secondsBetween(started, ctx.now())} s of at most ${MAPPING_READY_MAX_WAIT_MS / 1000} s)`);
    await ctx.sleep(MAPPING_POLL_MS);
  }
}
