/**
 * The policy simulations: every scenario of scenarios.ts asked of IAM's policy simulator, with the
 * deployed policies read from IAM (their default versions) and the group and role read as
 * deployed. Simulations change nothing and cost nothing: "The simulation does not perform the API
 * operations; it only checks the authorization" ("SimulatePrincipalPolicy", IAM API Reference,
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html).
 *
 * One request per step (one action, one resource), so each answer is read for exactly what was
 * asked. Each answer is an EvaluationResult: EvalActionName, EvalResourceName, EvalDecision,
 * MatchedStatements (SourcePolicyId, SourcePolicyType, StartPosition, EndPosition),
 * MissingContextValues, OrganizationsDecisionDetail and ResourceSpecificResults ("EvaluationResult",
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_EvaluationResult.html; "Statement",
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_Statement.html).
 *
 * The simulator also evaluates your organization's SCPs: "The IAM policy simulator evaluates
 * statements in identity-based policies, service control policies (SCPs) including their condition
 * keys and resource scoping, and the inputs that you provide" ("simulate-custom-policy", AWS CLI
 * Command Reference, https://docs.aws.amazon.com/cli/latest/reference/iam/simulate-custom-policy.html),
 * and the API cannot turn that off. Each answer's OrganizationsDecisionDetail.AllowedByOrganizations
 * ("Specifies whether the simulated operation is allowed by the Organizations service control
 * policies that impact the simulated user's account", "OrganizationsDecisionDetail",
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_OrganizationsDecisionDetail.html) is kept,
 * so that a request an SCP denied is judged inconclusive, not as the lab's policies' decision.
 */
import type { ContextEntry, EvaluationResult, IAMClient } from '@aws-sdk/client-iam';
import { observationsOf } from '../../lib/lab-kit/checks/lab-definition';
import { OUTPUTS } from './outputs';
import { bucketPolicy, type Env } from './policies';
import { DEPLOYED_POLICIES, type DeployedPolicy, type PolicyRef, type RequestContext, type Scenario, scenarios, simulationEnv, type SimulationEnv } from './scenarios';

const observe = observationsOf(OUTPUTS);

/**
 * The errors IAM's simulator documents for input it cannot evaluate: InvalidInput and
 * PolicyEvaluation ("SimulateCustomPolicy", "Errors"; the same for SimulatePrincipalPolicy, which
 * adds NoSuchEntity). A scenario that meets one is reported with the error and judged
 * inconclusive; anything else (access denied, network) stops the run as the kit's error.
 */
export const SIMULATOR_INPUT_ERRORS: readonly string[] = ['InvalidInput', 'InvalidInputException', 'PolicyEvaluation', 'PolicyEvaluationException', 'NoSuchEntity', 'NoSuchEntityException'];

/** One answer of the simulator. */
export interface StepResult {
  readonly action: string;
  readonly resource: string;
  /** EvalDecision as returned; absent when the answer had no result for this action and resource. */
  readonly decision?: string;
  /** The matched statements, as `SourcePolicyId (SourcePolicyType) line L`. */
  readonly matched: readonly string[];
  /**
   * The context keys the simulator reported missing: the top-level MissingContextValues, used "when
   * the resource in a simulation is "*"", and those of the ResourceSpecificResults, where "If you
   * include a list of resources, then any missing context values are instead included"
   * ("EvaluationResult", MissingContextValues).
   */
  readonly missingContext: readonly string[];
  /**
   * OrganizationsDecisionDetail.AllowedByOrganizations as returned: `false` when your organization's
   * SCPs denied the request (then the decision is theirs, not the lab's policies'); absent when AWS
   * left the field out (an account outside any organization, for instance).
   */
  readonly allowedByOrganizations?: boolean;
}

export interface ScenarioResult {
  readonly id: string;
  /** The simulator refused the scenario's input (one of {@link SIMULATOR_INPUT_ERRORS}): `Name: message`. */
  readonly error?: string;
  readonly steps: readonly StepResult[];
}

export interface SimulationsObservation {
  readonly env: Env;
  /** Each deployed policy's default version, as read. */
  readonly policies: Readonly<Record<DeployedPolicy, { readonly arn: string; readonly versionId?: string; readonly attachmentCount?: number }>>;
  readonly results: readonly ScenarioResult[];
  /** The group as deployed: its members (GetGroup) and attached policies (ListAttachedGroupPolicies). */
  readonly group: { readonly name: string; readonly members: number; readonly attachedPolicies: readonly string[] };
  /** The revocable role's inline policies (ListRolePolicies: names only). */
  readonly roleInlinePolicies: readonly string[];
  /** Whether what the simulations of the group and the bounded role rely on was visible before they ran ({@link READY_MAX_MS}). */
  readonly readiness: Readiness;
}

/** The readiness step's result: what was still not visible, and how long the lab waited. */
export interface Readiness {
  readonly visible: boolean;
  /** What was still missing at the end, e.g. `group policy arn:...:policy/x`, `permissions boundary of role y`. */
  readonly missing: readonly string[];
  readonly waitedSeconds: number;
}

/**
 * Right after a deploy, the group's policy attachments and the bounded role's permissions boundary
 * and inline policy may not be visible yet: "Changes that I make are not always immediately visible" ("Troubleshoot IAM",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_general.html#troubleshoot_general_eventual-consistency).
 * Before simulating, the lab reads them (ListAttachedGroupPolicies, GetRole's PermissionsBoundary, ListRolePolicies)
 * every {@link READY_POLL_MS} for at most this long (the lab's bound, as for the sessions). Still
 * missing after it, the simulations' decisions are not decisive: a mismatch is inconclusive.
 */
export const READY_MAX_MS = 60_000;
export const READY_POLL_MS = 5_000;
/** The policies the stack attaches to the group (outputs). */
export const GROUP_POLICIES = ['RequireMfaPolicyArn', 'RegionRestrictionPolicyArn', 'CompanyDataPolicyArn'] as const;

/** `arn:aws:...` → `aws`. */
export function partitionOf(arn: string | undefined): string {
  const p = arn?.split(':')[1];
  if (!p) throw new Error(`cannot read the partition from the caller ARN ${JSON.stringify(arn)}`);
  return p;
}

/** The request context as the simulator's ContextEntries ("ContextEntry", IAM API Reference). */
export function contextEntries(c: RequestContext): ContextEntry[] {
  const entries: ContextEntry[] = [];
  if (c.mfa !== undefined) entries.push({ ContextKeyName: 'aws:MultiFactorAuthPresent', ContextKeyValues: [String(c.mfa)], ContextKeyType: 'boolean' });
  if (c.region !== undefined) entries.push({ ContextKeyName: 'aws:RequestedRegion', ContextKeyValues: [c.region], ContextKeyType: 'string' });
  if (c.cluster !== undefined) entries.push({ ContextKeyName: 'ecs:cluster', ContextKeyValues: [c.cluster], ContextKeyType: 'string' });
  return entries;
}

/** Missing context keys, top level and per resource ({@link StepResult.missingContext}). */
export function missingContextOf(r: EvaluationResult, resource: string): string[] {
  const perResource = (r.ResourceSpecificResults ?? []).filter((x) => x.EvalResourceName === resource || r.ResourceSpecificResults?.length === 1);
  return [...new Set([...(r.MissingContextValues ?? []), ...perResource.flatMap((x) => x.MissingContextValues ?? [])])];
}

function matchedOf(r: EvaluationResult): string[] {
  return (r.MatchedStatements ?? []).map((s) => `${s.SourcePolicyId ?? '?'} (${s.SourcePolicyType ?? '?'})${s.StartPosition?.Line !== undefined ? ` line ${s.StartPosition.Line}` : ''}`);
}

/** Every page of one simulation (IsTruncated and Marker, as the reference pages them). */
async function simulate(iam: IAMClient, input: Record<string, unknown>, principal: boolean): Promise<EvaluationResult[]> {
  const { SimulateCustomPolicyCommand, SimulatePrincipalPolicyCommand } = await import('@aws-sdk/client-iam');
  const results: EvaluationResult[] = [];
  let marker: string | undefined;
  for (let page = 0; page < 20; page++) {
    const request = { ...input, ...(marker ? { Marker: marker } : {}) };
    const out = principal ? await iam.send(new SimulatePrincipalPolicyCommand(request as never)) : await iam.send(new SimulateCustomPolicyCommand(request as never));
    results.push(...(out.EvaluationResults ?? []));
    if (!out.IsTruncated || !out.Marker) break;
    marker = out.Marker;
  }
  return results;
}

/** The request for one step of a scenario. */
export function simulationInput(s: Scenario, step: { action: string; resource: string }, e: SimulationEnv, documents: Readonly<Record<string, string>>, outputs: Readonly<Record<string, string>>): Record<string, unknown> {
  const text = (p: PolicyRef) => ('deployed' in p ? documents[p.deployed] : JSON.stringify(p.document));
  const input: Record<string, unknown> = { ActionNames: [step.action], ResourceArns: [step.resource] };
  if (s.principal) input.PolicySourceArn = outputs[s.principal];
  if (s.policies.length > 0 || !s.principal) input.PolicyInputList = s.policies.map(text);
  if (s.boundary) input.PermissionsBoundaryPolicyInputList = [text(s.boundary)];
  if (s.bucketPolicy) {
    input.ResourcePolicy = JSON.stringify(bucketPolicy(e, e.callerArn, s.bucketPolicy.effect));
    input.CallerArn = e.callerArn;
    input.ResourceOwner = `arn:${e.partition}:iam::${s.bucketPolicy.owner === 'same' ? e.account : e.otherAccount}:root`;
  }
  const context = contextEntries(s.context);
  if (context.length > 0) input.ContextEntries = context;
  return input;
}

async function readDefaultVersion(iam: IAMClient, arn: string): Promise<{ document: string; versionId?: string; attachmentCount?: number }> {
  const { GetPolicyCommand, GetPolicyVersionCommand } = await import('@aws-sdk/client-iam');
  const policy = (await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy;
  const versionId = policy?.DefaultVersionId;
  if (!versionId) throw new Error(`GetPolicy ${arn} returned no DefaultVersionId`);
  const version = (await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: versionId }))).PolicyVersion;
  // "The policy document returned in this structure is URL-encoded compliant with RFC 3986"
  // ("PolicyVersion", IAM API Reference, https://docs.aws.amazon.com/IAM/latest/APIReference/API_PolicyVersion.html).
  if (!version?.Document) throw new Error(`GetPolicyVersion ${arn} ${versionId} returned no Document`);
  return { document: decodeURIComponent(version.Document), versionId, attachmentCount: policy?.AttachmentCount };
}

async function readGroup(iam: IAMClient, name: string): Promise<SimulationsObservation['group']> {
  const { GetGroupCommand, ListAttachedGroupPoliciesCommand } = await import('@aws-sdk/client-iam');
  let members = 0;
  let marker: string | undefined;
  do {
    const out = await iam.send(new GetGroupCommand({ GroupName: name, Marker: marker }));
    members += out.Users?.length ?? 0;
    marker = out.IsTruncated ? out.Marker : undefined;
  } while (marker);
  const attached: string[] = [];
  do {
    const out = await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: name, Marker: marker }));
    attached.push(...(out.AttachedPolicies ?? []).map((p) => p.PolicyArn ?? p.PolicyName ?? '?'));
    marker = out.IsTruncated ? out.Marker : undefined;
  } while (marker);
  return { name, members, attachedPolicies: attached };
}

/** What the simulations rely on that IAM does not show yet. */
async function notVisible(iam: IAMClient, group: SimulationsObservation['group'], groupPolicies: readonly string[], boundedRoleName: string): Promise<string[]> {
  const { GetRoleCommand, ListRolePoliciesCommand } = await import('@aws-sdk/client-iam');
  const missing = groupPolicies.filter((arn) => !group.attachedPolicies.includes(arn)).map((arn) => `group policy ${arn}`);
  const role = (await iam.send(new GetRoleCommand({ RoleName: boundedRoleName }))).Role;
  if (!role?.PermissionsBoundary?.PermissionsBoundaryArn) missing.push(`permissions boundary of role ${boundedRoleName}`);
  // Its grants are an inline policy (the stack's AWS::IAM::Policy on the role), which A28's simulations of the role rely on.
  const inline = await iam.send(new ListRolePoliciesCommand({ RoleName: boundedRoleName }));
  if ((inline.PolicyNames ?? []).length === 0) missing.push(`inline policy of role ${boundedRoleName}`);
  return missing;
}

async function runScenario(iam: IAMClient, s: Scenario, e: SimulationEnv, documents: Record<string, string>, outputs: Record<string, string>): Promise<ScenarioResult> {
  const steps: StepResult[] = [];
  try {
    for (const step of s.steps) {
      const results = await simulate(iam, simulationInput(s, step, e, documents, outputs), !!s.principal);
      const r = results.find((x) => x.EvalActionName === step.action && (x.EvalResourceName === step.resource || results.length === 1));
      const allowedByOrganizations = r?.OrganizationsDecisionDetail?.AllowedByOrganizations;
      steps.push({
        action: step.action,
        resource: step.resource,
        decision: r?.EvalDecision,
        matched: r ? matchedOf(r) : [],
        missingContext: r ? missingContextOf(r, step.resource) : [],
        ...(allowedByOrganizations === undefined ? {} : { allowedByOrganizations }),
      });
    }
    return { id: s.id, steps };
  } catch (err) {
    const name = (err as Error)?.name ?? '';
    if (!SIMULATOR_INPUT_ERRORS.includes(name)) throw err;
    return { id: s.id, error: `${name}: ${(err as Error).message}`, steps };
  }
}

export const simulations = observe({
  name: 'simulations',
  outputs: ['GroupName', 'GroupArn', 'RequireMfaPolicyArn', 'RegionRestrictionPolicyArn', 'CompanyDataPolicyArn', 'S3WildcardPolicyArn', 'DynamoDbItemPolicyArn', 'DynamoDbTablePolicyArn', 'BoundedRoleArn', 'RevocableRoleName'],
  observe: async (ctx): Promise<SimulationsObservation> => {
    const { IAMClient, ListRolePoliciesCommand } = await import('@aws-sdk/client-iam');
    const { STSClient, GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
    const region = ctx.aws.region;
    if (!region) throw new Error('no Region: the simulations name resources in the lab\'s Region');
    const who = await new STSClient(ctx.aws).send(new GetCallerIdentityCommand({}));
    if (!who.Account) throw new Error('GetCallerIdentity returned no Account');
    const env: Env = { partition: partitionOf(who.Arn), account: who.Account, region };
    const e = simulationEnv(env);
    const iam = new IAMClient(ctx.aws);

    ctx.progress('checking that the group\'s policies and the bounded role\'s boundary are visible (ListAttachedGroupPolicies, GetRole)');
    const boundedRoleName = ctx.outputs.BoundedRoleArn.split('/').pop() ?? ctx.outputs.BoundedRoleArn;
    const started = ctx.now();
    let group = await readGroup(iam, ctx.outputs.GroupName);
    let missing = await notVisible(iam, group, GROUP_POLICIES.map((n) => ctx.outputs[n]), boundedRoleName);
    while (missing.length > 0 && ctx.now() - started < READY_MAX_MS) {
      ctx.progress(`not visible yet: ${missing.join('; ')} (IAM is eventually consistent): trying again in ${READY_POLL_MS / 1000} s`);
      await ctx.sleep(READY_POLL_MS);
      group = await readGroup(iam, ctx.outputs.GroupName);
      missing = await notVisible(iam, group, GROUP_POLICIES.map((n) => ctx.outputs[n]), boundedRoleName);
    }
    const readiness: Readiness = { visible: missing.length === 0, missing, waitedSeconds: Math.round((ctx.now() - started) / 1000) };
    // After the readiness wait, so that AttachmentCount (A24) counts attachments IAM has made visible.
    ctx.progress('reading the deployed policies (GetPolicy, GetPolicyVersion)');
    const documents: Record<string, string> = {};
    const policies = {} as Record<DeployedPolicy, { arn: string; versionId?: string; attachmentCount?: number }>;
    for (const name of DEPLOYED_POLICIES) {
      const read = await readDefaultVersion(iam, ctx.outputs[name]);
      documents[name] = read.document;
      policies[name] = { arn: ctx.outputs[name], versionId: read.versionId, attachmentCount: read.attachmentCount };
    }
    const inline = await iam.send(new ListRolePoliciesCommand({ RoleName: ctx.outputs.RevocableRoleName }));

    const all = scenarios(e);
    const results: ScenarioResult[] = [];
    for (const [i, s] of all.entries()) {
      ctx.progress(`simulation ${i + 1}/${all.length}: ${s.what}`);
      results.push(await runScenario(iam, s, e, documents, ctx.outputs));
    }
    return { env, policies, results, group, roleInlinePolicies: inline.PolicyNames ?? [], readiness };
  },
});
