/**
 * I36 and T6: what CloudFormation says about templates with a dependency cycle, the seed's template
 * and its fixes. Nothing here creates a resource:
 *
 * - ValidateTemplate on each (it checks the template's syntax and declarations);
 * - CreateStack on the two templates with a cycle, which should be refused at once, so that no stack
 *   (and no resource) ever exists: DescribeStacks afterwards says so;
 * - CreateChangeSet (type CREATE) on the cycle-free security groups, the seed's fixed template with a
 *   RegionMap lacking the Region the check runs in, and the typed template with an allowed and a
 *   disallowed InstanceType. A change set only plans; its stack (REVIEW_IN_PROGRESS) is deleted in
 *   `finally`, whatever happened.
 *
 * Change set states are those of DescribeChangeSet's Status: CREATE_PENDING, CREATE_IN_PROGRESS,
 * CREATE_COMPLETE, DELETE_PENDING, DELETE_IN_PROGRESS, DELETE_COMPLETE, DELETE_FAILED, FAILED
 * ("DescribeChangeSet", AWS CloudFormation API Reference,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeChangeSet.html).
 */
import type { CloudFormationClient, Parameter } from '@aws-sdk/client-cloudformation';
import { observationsOf } from '../../lib/lab-kit/checks/lab-definition';
import { OUTPUTS } from './outputs';
import { DISALLOWED_INSTANCE_TYPE, dependsOnCycleTemplate, regionMapWithout, securityGroupCycleTemplate, securityGroupRulesTemplate, seedFixedTemplate, seedTemplate, typedTemplate } from './templates';
import { type AwsFailure, type Cleanup, deleteThrowaway, failureOf, newRunId, POLL_MS, type Run, runTags, SETTLE_MAX_MS, stackName, stackStatus } from './throwaway';

const observe = observationsOf(OUTPUTS);

export interface Validation {
  readonly valid: boolean;
  readonly error?: AwsFailure;
}

export interface CreateAttempt {
  /** CreateStack's error, when it refused the template. */
  readonly refused?: AwsFailure;
  /** DescribeStacks right after: `absent` when no stack was ever made. */
  readonly statusAfter: string;
}

export interface ChangeSetAttempt {
  /** CreateChangeSet's error, when it refused at once. */
  readonly refused?: AwsFailure;
  readonly status?: string;
  readonly reason?: string;
  /** The changes it planned. */
  readonly changes?: number;
}

export interface TemplatesObservation {
  readonly runId: string;
  readonly region: string;
  readonly securityGroupCycle: { readonly validate: Validation; readonly create: CreateAttempt };
  readonly dependsOnCycle: { readonly validate: Validation; readonly create: CreateAttempt };
  readonly securityGroupRules: { readonly validate: Validation; readonly changeSet: ChangeSetAttempt };
  readonly seed: { readonly validate: Validation };
  /** The seed's own fix: ValidateTemplate, and a change set with the Region the check runs in removed from RegionMap. */
  readonly seedFixed: { readonly validate: Validation; readonly regionsInMap: readonly string[]; readonly changeSet: ChangeSetAttempt };
  readonly typed: { readonly validate: Validation; readonly allowed: ChangeSetAttempt; readonly disallowed: ChangeSetAttempt; readonly disallowedValue: string };
  readonly cleanup: readonly Cleanup[];
}

async function validate(cfn: CloudFormationClient, template: object): Promise<Validation> {
  const { ValidateTemplateCommand } = await import('@aws-sdk/client-cloudformation');
  try {
    await cfn.send(new ValidateTemplateCommand({ TemplateBody: JSON.stringify(template) }));
    return { valid: true };
  } catch (e) {
    if (failureOf(e).name !== 'ValidationError') throw e;
    return { valid: false, error: failureOf(e) };
  }
}

/** Change set states that are still moving. */
const CHANGE_SET_MOVING = new Set(['CREATE_PENDING', 'CREATE_IN_PROGRESS']);

export async function observeTemplates(ctx: Run, cfn: CloudFormationClient): Promise<TemplatesObservation> {
  const { CreateChangeSetCommand, CreateStackCommand, DescribeChangeSetCommand } = await import('@aws-sdk/client-cloudformation');
  const runId = newRunId(ctx);
  const region = ctx.aws.region ?? '';
  const made: string[] = [];
  const tags = runTags(ctx.labId, runId);

  const tryCreate = async (purpose: string, template: object): Promise<CreateAttempt> => {
    const name = stackName(ctx.labId, purpose, runId);
    ctx.progress(`CreateStack ${name} (expected to be refused)`);
    let refused: AwsFailure | undefined;
    made.push(name); // deleted in finally if it exists, whatever CreateStack answered
    try {
      await cfn.send(new CreateStackCommand({ StackName: name, TemplateBody: JSON.stringify(template), Tags: tags, OnFailure: 'DELETE' }));
    } catch (e) {
      if (failureOf(e).name !== 'ValidationError') throw e;
      refused = failureOf(e);
    }
    return { refused, statusAfter: (await stackStatus(cfn, name)).status };
  };

  const tryChangeSet = async (purpose: string, template: object, parameters: Parameter[] = []): Promise<ChangeSetAttempt> => {
    const name = stackName(ctx.labId, purpose, runId);
    ctx.progress(`CreateChangeSet for ${name}`);
    let id: string | undefined;
    made.push(name); // its REVIEW_IN_PROGRESS stack is deleted in finally, whatever CreateChangeSet answered
    try {
      id = (await cfn.send(new CreateChangeSetCommand({ StackName: name, ChangeSetName: `${purpose}-${runId}`, ChangeSetType: 'CREATE', TemplateBody: JSON.stringify(template), Parameters: parameters, Tags: tags }))).Id;
    } catch (e) {
      if (failureOf(e).name !== 'ValidationError') throw e;
      return { refused: failureOf(e) };
    }
    const start = ctx.now();
    for (;;) {
      const cs = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: id, StackName: name }));
      const status = cs.Status ?? 'UNKNOWN';
      if (!CHANGE_SET_MOVING.has(status)) return { status, reason: cs.StatusReason, changes: cs.Changes?.length ?? 0 };
      if (ctx.now() - start >= SETTLE_MAX_MS) throw new Error(`the change set for ${name} was still ${status} after ${SETTLE_MAX_MS / 1000} s`);
      await ctx.sleep(POLL_MS);
    }
  };

  let partial: Omit<TemplatesObservation, 'cleanup' | 'runId' | 'region'> | undefined;
  const cleanup: Cleanup[] = [];
  try {
    const securityGroupCycle = { validate: await validate(cfn, securityGroupCycleTemplate()), create: await tryCreate('sgcycle', securityGroupCycleTemplate()) };
    const dependsOnCycle = { validate: await validate(cfn, dependsOnCycleTemplate()), create: await tryCreate('dependson', dependsOnCycleTemplate()) };
    const securityGroupRules = { validate: await validate(cfn, securityGroupRulesTemplate()), changeSet: await tryChangeSet('sgrules', securityGroupRulesTemplate()) };
    const seed = { validate: await validate(cfn, seedTemplate()) };
    const map = regionMapWithout(region);
    const seedFixed = { validate: await validate(cfn, seedFixedTemplate()), regionsInMap: Object.keys(map), changeSet: await tryChangeSet('seedfix', seedFixedTemplate(map)) };
    const typed = {
      validate: await validate(cfn, typedTemplate()),
      allowed: await tryChangeSet('typed', typedTemplate()),
      disallowed: await tryChangeSet('typedbad', typedTemplate(), [{ ParameterKey: 'InstanceType', ParameterValue: DISALLOWED_INSTANCE_TYPE }]),
      disallowedValue: DISALLOWED_INSTANCE_TYPE,
    };
    partial = { securityGroupCycle, dependsOnCycle, securityGroupRules, seed, seedFixed, typed };
  } finally {
    for (const name of made) cleanup.push(await deleteThrowaway(ctx, cfn, name));
  }
  return { runId, region, ...partial!, cleanup };
}

/** I36 and T6: the templates judged by CloudFormation, once per run. */
export const templates = observe({
  name: 'templates',
  outputs: [],
  observe: async (ctx) => {
    const { CloudFormationClient } = await import('@aws-sdk/client-cloudformation');
    return observeTemplates(ctx, new CloudFormationClient(ctx.aws));
  },
});
