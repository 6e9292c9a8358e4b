/**
 * Throwaway stacks: what every observation of this lab does with CloudFormation. Each is created
 * from a tiny template with a unique name (`<lab>-<purpose>-<run id>`), tagged `lab=<lab>` and
 * `lab-run=<run id>` (so `labs leftovers` finds it if a run is interrupted), waited on with bounded
 * polling and progress, and deleted in `finally` with termination protection turned off first.
 *
 * SDK clients are loaded on use (`await import`), so loading the lab registry loads none.
 *
 * Stack states are those of the Stack data type's StackStatus ("Stack", AWS CloudFormation API
 * Reference, https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Stack.html):
 * every `*_IN_PROGRESS` state is transient except REVIEW_IN_PROGRESS, the state of a stack created by
 * a change set and not yet executed ("Create a change set", CloudFormation User Guide).
 */
import type { CloudFormationClient, Parameter, StackEvent } from '@aws-sdk/client-cloudformation';
import type { ObserveContext } from '../../lib/lab-kit/checks/lab-definition';
import { LAB_TAG, THROWAWAY_TAG } from '../../lib/lab-kit/core/tags';
import { TAGS_PARAMETER } from './templates';

/** What the observations use of their context. */
export type Run = Pick<ObserveContext, 'labId' | 'aws' | 'now' | 'sleep' | 'progress'>;

/** How often a wait polls DescribeStacks. */
export const POLL_MS = 5_000;
/**
 * How long the lab waits for a throwaway stack of SSM parameters or security groups to settle. Not
 * a documented figure and never a verdict: a stack still in progress after it makes the check an
 * error that says so (and the stack is still deleted).
 */
export const SETTLE_MAX_MS = 10 * 60_000;

/** A run id: lowercase letters and digits, valid in stack and SSM parameter names. */
export function newRunId(ctx: Pick<Run, 'now'>, random: () => number = Math.random): string {
  return `r${ctx.now().toString(36)}${Math.floor(random() * 36 ** 4).toString(36).padStart(4, '0')}`;
}

/** The name of a throwaway stack: `<lab>-<purpose>-<run id>` (at most 128 characters, a letter first). */
export function stackName(labId: string, purpose: string, runId: string): string {
  return `${labId}-${purpose}-${runId}`;
}

/** The tags every throwaway stack carries. */
export function runTags(labId: string, runId: string) {
  return [
    { Key: LAB_TAG, Value: labId },
    { Key: THROWAWAY_TAG, Value: runId },
  ];
}

/** The template parameters that put the same tags on the resources a template may leave behind. */
export function tagParameters(labId: string, runId: string): Parameter[] {
  return [
    { ParameterKey: TAGS_PARAMETER.lab, ParameterValue: labId },
    { ParameterKey: TAGS_PARAMETER.run, ParameterValue: runId },
  ];
}

/** An AWS error as the run records it: its name (the error code) and message. */
export interface AwsFailure {
  readonly name: string;
  readonly message: string;
}

export function failureOf(error: unknown): AwsFailure {
  const e = error as { name?: string; Code?: string; message?: string };
  return { name: e?.name ?? e?.Code ?? 'Error', message: e?.message ?? String(error) };
}

/**
 * Whether an error is DescribeStacks saying the stack does not exist: "If the stack doesn't exist, a
 * ValidationError is returned" ("DescribeStacks", AWS CloudFormation API Reference,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStacks.html). The
 * code only: the page gives no message text (AWS answers "Stack with id <name> does not exist",
 * observed, never matched). Every name the lab asks about is one it made, so no other
 * ValidationError is expected here.
 */
export function isNoSuchStack(error: unknown): boolean {
  return failureOf(error).name === 'ValidationError';
}

/** A stack's status now, or `absent` when CloudFormation has no such stack (by name: deleted ones are not found). */
export async function stackStatus(cfn: CloudFormationClient, nameOrId: string): Promise<{ status: string; reason?: string; protection?: boolean }> {
  const { DescribeStacksCommand } = await import('@aws-sdk/client-cloudformation');
  try {
    const s = (await cfn.send(new DescribeStacksCommand({ StackName: nameOrId }))).Stacks?.[0];
    return s ? { status: s.StackStatus ?? 'UNKNOWN', reason: s.StackStatusReason, protection: s.EnableTerminationProtection } : { status: 'absent' };
  } catch (e) {
    if (isNoSuchStack(e)) return { status: 'absent' };
    throw e;
  }
}

/** Settled: not in a transient `*_IN_PROGRESS` state (REVIEW_IN_PROGRESS is a settled one). */
export function settled(status: string): boolean {
  return status === 'REVIEW_IN_PROGRESS' || !status.endsWith('_IN_PROGRESS');
}

/** Polls until the stack settles (or is gone), reporting progress; after `maxMs` throws, or with `giveUp` returns what it saw (`gaveUp`). */
export async function waitSettled(ctx: Run, cfn: CloudFormationClient, nameOrId: string, what: string, maxMs = SETTLE_MAX_MS, options: { readonly giveUp?: boolean } = {}): Promise<{ status: string; reason?: string; seconds: number; gaveUp?: boolean }> {
  const start = ctx.now();
  for (;;) {
    const s = await stackStatus(cfn, nameOrId);
    const seconds = Math.round((ctx.now() - start) / 1000);
    if (s.status === 'absent' || settled(s.status)) return { ...s, seconds };
    if (ctx.now() - start >= maxMs && options.giveUp) return { ...s, seconds, gaveUp: true };
    if (ctx.now() - start >= maxMs) throw new Error(`${what}: the stack ${nameOrId} was still ${s.status} after ${seconds} s (the lab waits ${maxMs / 1000} s at most); it is deleted now, see \`npx labs leftovers\``);
    ctx.progress(`${what}: ${s.status} (${seconds} s)`);
    await ctx.sleep(POLL_MS);
  }
}

/** Every event of a stack (all pages of DescribeStackEvents, newest first as AWS returns them), as plain JSON. */
export interface RecordedEvent {
  readonly logicalResourceId: string;
  readonly resourceType: string;
  readonly status: string;
  readonly reason?: string;
  /** ISO 8601, from the event's Timestamp. */
  readonly at: string;
}

export async function stackEvents(cfn: CloudFormationClient, stackId: string): Promise<RecordedEvent[]> {
  const { paginateDescribeStackEvents } = await import('@aws-sdk/client-cloudformation');
  const events: StackEvent[] = [];
  for await (const page of paginateDescribeStackEvents({ client: cfn }, { StackName: stackId })) events.push(...(page.StackEvents ?? []));
  return events
    .map((e) => ({ logicalResourceId: e.LogicalResourceId ?? '', resourceType: e.ResourceType ?? '', status: e.ResourceStatus ?? '', reason: e.ResourceStatusReason, at: new Date(e.Timestamp ?? 0).toISOString() }))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** How a throwaway stack's deletion ended. */
export interface Cleanup {
  readonly stack: string;
  /** Gone (DELETE_COMPLETE, or never created). */
  readonly deleted: boolean;
  readonly error?: string;
}

/**
 * The DeleteStack mode for a stack stuck in DELETE_FAILED: "FORCE_DELETE_STACK - Delete the stack if
 * it's stuck in a DELETE_FAILED state due to resource deletion failure" (DeleteStackRequest
 * `deletionMode`, AWS SDK for Kotlin API Reference, generated from the DeleteStack API,
 * https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/cloudformation/aws.sdk.kotlin.services.cloudformation.model/-delete-stack-request/deletion-mode.html;
 * the CLI's `--deletion-mode`, "delete-stack", AWS CLI Command Reference,
 * https://docs.aws.amazon.com/cli/latest/reference/cloudformation/delete-stack.html; the operation:
 * "DeleteStack", AWS CloudFormation API Reference,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DeleteStack.html). A custom
 * resource whose provider is gone (the lab stack destroyed, or self-destructed, before the throwaway
 * stack) can never answer its Delete, so a plain DeleteStack fails again on it.
 */
export const FORCE_DELETE_STACK = 'FORCE_DELETE_STACK';

/**
 * Deletes a throwaway stack whatever state it is in: termination protection off (refused for a
 * stack that does not exist, which is fine), DeleteStack, then a bounded wait until it is gone;
 * a stack that ends DELETE_FAILED is deleted once more with DeletionMode {@link FORCE_DELETE_STACK}.
 */
export async function deleteThrowaway(ctx: Run, cfn: CloudFormationClient, name: string, stackId?: string): Promise<Cleanup> {
  const { DeleteStackCommand, UpdateTerminationProtectionCommand } = await import('@aws-sdk/client-cloudformation');
  const id = stackId ?? name;
  const gone = (status: string) => status === 'absent' || status === 'DELETE_COMPLETE';
  try {
    const now = await stackStatus(cfn, id);
    if (gone(now.status)) return { stack: name, deleted: true };
    if (now.protection) await cfn.send(new UpdateTerminationProtectionCommand({ StackName: id, EnableTerminationProtection: false }));
    // A stack already DELETE_FAILED (an earlier, interrupted run) goes straight to the forced mode.
    if (now.status !== 'DELETE_FAILED') {
      await cfn.send(new DeleteStackCommand({ StackName: id }));
      const end = await waitSettled(ctx, cfn, id, `deleting ${name}`);
      if (gone(end.status)) return { stack: name, deleted: true };
      if (end.status !== 'DELETE_FAILED') return { stack: name, deleted: false, error: `${end.status}${end.reason ? `: ${end.reason}` : ''}` };
      ctx.progress(`deleting ${name}: DELETE_FAILED (${end.reason ?? 'no reason'}); again with DeletionMode ${FORCE_DELETE_STACK}`);
    }
    await cfn.send(new DeleteStackCommand({ StackName: id, DeletionMode: FORCE_DELETE_STACK }));
    const forced = await waitSettled(ctx, cfn, id, `deleting ${name} (${FORCE_DELETE_STACK})`);
    return gone(forced.status) ? { stack: name, deleted: true } : { stack: name, deleted: false, error: `${forced.status}${forced.reason ? `: ${forced.reason}` : ''} (after DeletionMode ${FORCE_DELETE_STACK})` };
  } catch (e) {
    return { stack: name, deleted: false, error: `${failureOf(e).name}: ${failureOf(e).message}` };
  }
}

/**
 * The AWS CLI commands that remove a throwaway stack by hand: protection off, DeleteStack, and the
 * forced DeleteStack for when it ends DELETE_FAILED (the mode is accepted only in that state).
 */
export function removeStackCommand(name: string): string {
  return `aws cloudformation update-termination-protection --no-enable-termination-protection --stack-name ${name} && aws cloudformation delete-stack --stack-name ${name} (if it then ends DELETE_FAILED: aws cloudformation delete-stack --stack-name ${name} --deletion-mode ${FORCE_DELETE_STACK})`;
}

/** Throws (an error of the check, never a verdict) when a throwaway stack could not be deleted. */
export function assertCleaned(cleanups: readonly Cleanup[], extra: readonly string[] = []): void {
  const left = cleanups.filter((c) => !c.deleted);
  if (left.length === 0 && extra.length === 0) return;
  const lines = [...left.map((c) => `stack ${c.stack} (${c.error ?? 'not deleted'}): ${removeStackCommand(c.stack)}`), ...extra];
  throw new Error(`the check could not remove what it created, so it was not judged: ${lines.join('; ')}`);
}
