/**
 * I6 on a throwaway stack: termination protection, a stack policy that denies every update, and
 * an SSM parameter with DeletionPolicy Retain next to one with none.
 *
 * 1. CreateStack with EnableTerminationProtection and the deny-all StackPolicyBody.
 * 2. UpdateStack changing `Dropped`'s value: the stack policy should deny it (the stack rolls back).
 * 3. DeleteStack with protection on: it should be refused (a ValidationError) and the stack stay.
 * 4. Protection off, DeleteStack with the stack policy still set: it should be deleted.
 * 5. GetParameter on both: `Kept` should still be there, `Dropped` gone. Then DeleteParameter on `Kept`.
 *
 * Everything is deleted in `finally`, whatever failed.
 */
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { observationsOf } from '../../lib/lab-kit/checks/lab-definition';
import { OUTPUTS } from './outputs';
import { PROTECTION_OPTIONS, protectionTemplate } from './templates';
import { type AwsFailure, type Cleanup, deleteThrowaway, failureOf, newRunId, type RecordedEvent, type Run, runTags, stackEvents, stackName, stackStatus, tagParameters, waitSettled } from './throwaway';

const observe = observationsOf(OUTPUTS);

/** What an SSM parameter looked like after the stack was deleted. */
export interface ParameterAfter {
  readonly name: string;
  readonly exists: boolean;
  readonly value?: string;
  /** The error GetParameter answered (ParameterNotFound for a deleted one). */
  readonly error?: AwsFailure;
}

export interface ProtectionObservation {
  readonly runId: string;
  readonly stack: string;
  readonly created: { readonly status: string; readonly reason?: string; readonly seconds: number };
  readonly terminationProtection: boolean;
  readonly update: {
    /** UpdateStack refused at once (no update started). */
    readonly refused?: AwsFailure;
    /** The stack's status once the update settled. */
    readonly status?: string;
    /** Dropped's events during the update. */
    readonly events: readonly RecordedEvent[];
    /** Dropped's value afterwards (GetParameter). */
    readonly valueAfter?: string;
    readonly requestedValue: string;
  };
  readonly protectedDelete: { readonly error?: AwsFailure; readonly statusAfter: string };
  readonly unprotectedDelete?: { readonly status: string; readonly seconds: number; readonly stackPolicySet: boolean };
  readonly kept?: ParameterAfter;
  readonly dropped?: ParameterAfter;
  /** Whether the check removed the retained parameter afterwards. */
  readonly keptRemoved: boolean;
  readonly keptRemoveError?: string;
  readonly cleanup: Cleanup;
}

async function parameterAfter(ssm: SSMClient, name: string): Promise<ParameterAfter> {
  const { GetParameterCommand } = await import('@aws-sdk/client-ssm');
  try {
    const p = await ssm.send(new GetParameterCommand({ Name: name }));
    return { name, exists: true, value: p.Parameter?.Value };
  } catch (e) {
    // "ParameterNotFound: The parameter couldn't be found" (GetParameter, AWS Systems Manager API Reference,
    // https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameter.html).
    if (failureOf(e).name === 'ParameterNotFound') return { name, exists: false, error: failureOf(e) };
    throw e;
  }
}

/** Deletes a parameter the Retain policy kept; a parameter already gone is fine. */
export async function removeParameter(ssm: SSMClient, name: string): Promise<{ removed: boolean; error?: string }> {
  const { DeleteParameterCommand } = await import('@aws-sdk/client-ssm');
  try {
    await ssm.send(new DeleteParameterCommand({ Name: name }));
    return { removed: true };
  } catch (e) {
    if (failureOf(e).name === 'ParameterNotFound') return { removed: true };
    return { removed: false, error: `${failureOf(e).name}: ${failureOf(e).message}` };
  }
}

/** The names the protection template gives its parameters for a run. */
/**
 * A resource's UPDATE_* events since the stack's last update began: after the latest
 * UPDATE_IN_PROGRESS event of the stack itself (its LogicalResourceId is the stack's name, its
 * ResourceType AWS::CloudFormation::Stack: "StackEvent", AWS CloudFormation API Reference,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_StackEvent.html). Both
 * Timestamps are CloudFormation's, so the laptop's clock plays no part. None when the stack never
 * began an update (UpdateStack refused).
 */
export function updateEventsOf(events: readonly RecordedEvent[], stack: string, logicalResourceId: string): RecordedEvent[] {
  const starts = events.filter((e) => e.logicalResourceId === stack && e.resourceType === 'AWS::CloudFormation::Stack' && e.status === 'UPDATE_IN_PROGRESS');
  if (starts.length === 0) return [];
  const from = Math.max(...starts.map((e) => Date.parse(e.at)));
  return events.filter((e) => e.logicalResourceId === logicalResourceId && e.status.startsWith('UPDATE_') && Date.parse(e.at) >= from);
}

export function parameterNames(labId: string, runId: string) {
  return { kept: `/${labId}/${runId}/kept`, dropped: `/${labId}/${runId}/dropped` };
}

export async function observeProtection(ctx: Run, cfn: CloudFormationClient, ssm: SSMClient): Promise<ProtectionObservation> {
  const { CreateStackCommand, DeleteStackCommand, UpdateStackCommand, UpdateTerminationProtectionCommand } = await import('@aws-sdk/client-cloudformation');
  const runId = newRunId(ctx);
  const name = stackName(ctx.labId, 'protect', runId);
  const names = parameterNames(ctx.labId, runId);
  let stackId: string | undefined;
  let partial: Partial<ProtectionObservation> = {};
  try {
    ctx.progress(`creating ${name} (termination protection on, a stack policy denying every update)`);
    stackId = (
      await cfn.send(
        new CreateStackCommand({
          StackName: name,
          TemplateBody: JSON.stringify(protectionTemplate()),
          Parameters: tagParameters(ctx.labId, runId),
          Tags: runTags(ctx.labId, runId),
          EnableTerminationProtection: PROTECTION_OPTIONS.enableTerminationProtection,
          StackPolicyBody: JSON.stringify(PROTECTION_OPTIONS.stackPolicy),
        }),
      )
    ).StackId;
    const created = await waitSettled(ctx, cfn, stackId ?? name, `creating ${name}`);
    if (created.status !== 'CREATE_COMPLETE') throw new Error(`${name} did not create: ${created.status}${created.reason ? ` (${created.reason})` : ''}`);
    const protection = (await stackStatus(cfn, stackId ?? name)).protection === true;
    partial = { created, terminationProtection: protection };

    ctx.progress(`updating ${name}: Dropped's value to ${PROTECTION_OPTIONS.updatedValue}, which the stack policy denies`);
    let refused: AwsFailure | undefined;
    let updateStatus: string | undefined;
    try {
      await cfn.send(
        new UpdateStackCommand({
          StackName: stackId,
          UsePreviousTemplate: true,
          Parameters: [...tagParameters(ctx.labId, runId), { ParameterKey: 'DroppedValue', ParameterValue: PROTECTION_OPTIONS.updatedValue }],
        }),
      );
      updateStatus = (await waitSettled(ctx, cfn, stackId ?? name, `updating ${name}`)).status;
    } catch (e) {
      if (e instanceof Error && /still .* after/.test(e.message)) throw e;
      refused = failureOf(e);
    }
    const events = updateEventsOf(await stackEvents(cfn, stackId ?? name), name, 'Dropped');
    const droppedNow = await parameterAfter(ssm, names.dropped);
    partial = { ...partial, update: { refused, status: updateStatus, events, valueAfter: droppedNow.value, requestedValue: PROTECTION_OPTIONS.updatedValue } };

    ctx.progress(`DeleteStack on ${name} with termination protection on`);
    let protectedError: AwsFailure | undefined;
    try {
      await cfn.send(new DeleteStackCommand({ StackName: stackId }));
    } catch (e) {
      protectedError = failureOf(e);
    }
    const statusAfter = (await stackStatus(cfn, stackId ?? name)).status;
    partial = { ...partial, protectedDelete: { error: protectedError, statusAfter } };

    if (protectedError) {
      ctx.progress(`termination protection off; DeleteStack on ${name}, its stack policy still denying every update`);
      await cfn.send(new UpdateTerminationProtectionCommand({ StackName: stackId, EnableTerminationProtection: false }));
      await cfn.send(new DeleteStackCommand({ StackName: stackId }));
    }
    const deleted = await waitSettled(ctx, cfn, stackId ?? name, `deleting ${name}`);
    partial = { ...partial, unprotectedDelete: { status: deleted.status, seconds: deleted.seconds, stackPolicySet: true } };

    partial = { ...partial, kept: await parameterAfter(ssm, names.kept), dropped: await parameterAfter(ssm, names.dropped) };
  } finally {
    const cleanup = await deleteThrowaway(ctx, cfn, name, stackId);
    const keptRemoval = await removeParameter(ssm, names.kept);
    partial = { ...partial, cleanup, keptRemoved: keptRemoval.removed, keptRemoveError: keptRemoval.error };
  }
  return {
    runId,
    stack: name,
    created: partial.created!,
    terminationProtection: partial.terminationProtection ?? false,
    update: partial.update!,
    protectedDelete: partial.protectedDelete!,
    unprotectedDelete: partial.unprotectedDelete,
    kept: partial.kept,
    dropped: partial.dropped,
    keptRemoved: partial.keptRemoved ?? false,
    keptRemoveError: partial.keptRemoveError,
    cleanup: partial.cleanup!,
  };
}

/** I6: the protection stack's life, observed once per run. */
export const protection = observe({
  name: 'protection',
  outputs: [],
  observe: async (ctx) => {
    const { CloudFormationClient } = await import('@aws-sdk/client-cloudformation');
    const { SSMClient } = await import('@aws-sdk/client-ssm');
    return observeProtection(ctx, new CloudFormationClient(ctx.aws), new SSMClient(ctx.aws));
  },
});
