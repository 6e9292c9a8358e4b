/** What the synthesized template says about the lab's group, policies and roles. */
import type { TemplateJson } from '../../lib/lab-kit/template/json';
import { templateTextList } from '../../lib/lab-kit/template/text';
import { refTarget, resourceOfOutput, resourcesOfType, type TemplateResource } from '../../lib/lab-kit/template/resources';

const list = templateTextList;

/** One statement, every element as a list of text. */
export interface StatementFacts {
  readonly sid?: string;
  readonly effect: string;
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  /** operator → key → values, e.g. `BoolIfExists` → `aws:MultiFactorAuthPresent` → `['false']`. */
  readonly conditions: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

export interface PolicyFacts {
  readonly logicalId: string;
  readonly statements: readonly StatementFacts[];
  /** Logical ids of the groups and roles it is attached to. */
  readonly groups: readonly string[];
  readonly roles: readonly string[];
}

function statementFacts(s: any): StatementFacts {
  const conditions: Record<string, Record<string, string[]>> = {};
  for (const [op, keys] of Object.entries<any>(s.Condition ?? {})) {
    conditions[op] = Object.fromEntries(Object.entries<any>(keys).map(([k, v]) => [k, list(v)]));
  }
  return { sid: s.Sid, effect: s.Effect, actions: list(s.Action), notActions: list(s.NotAction), resources: list(s.Resource), conditions };
}

function policyFacts(r: TemplateResource): PolicyFacts {
  const p = r.properties;
  return {
    logicalId: r.logicalId,
    statements: (p.PolicyDocument?.Statement ?? []).map(statementFacts),
    groups: (p.Groups ?? []).map(refTarget).filter(Boolean),
    roles: (p.Roles ?? []).map(refTarget).filter(Boolean),
  };
}

export interface RoleFacts {
  readonly logicalId: string;
  /** The principals its trust policy allows to assume it, as text. */
  readonly trustedPrincipals: readonly string[];
  readonly trustActions: readonly string[];
  /** The trust statements' conditions, operator → key → values (`DateLessThan` → `aws:CurrentTime` → `[...]`). */
  readonly trustConditions: StatementFacts['conditions'];
  /** The managed policy set as its permissions boundary (logical id). */
  readonly boundary?: string;
  /** Its inline policies: the role's Policies and AWS::IAM::Policy resources naming it. */
  readonly inline: readonly PolicyFacts[];
  /** The customer managed policies attached to it (logical ids). */
  readonly managed: readonly string[];
}

function roleFacts(template: TemplateJson, role: TemplateResource): RoleFacts {
  const trust = (role.properties.AssumeRolePolicyDocument?.Statement ?? []).filter((s: any) => s.Effect === 'Allow');
  const inline = [
    ...(role.properties.Policies ?? []).map((p: any, i: number) => ({ logicalId: `${role.logicalId}.Policies[${i}]`, statements: (p.PolicyDocument?.Statement ?? []).map(statementFacts), groups: [], roles: [role.logicalId] })),
    ...resourcesOfType(template, 'AWS::IAM::Policy').map(policyFacts).filter((p) => p.roles.includes(role.logicalId)),
  ];
  return {
    logicalId: role.logicalId,
    trustedPrincipals: trust.flatMap((s: any) => list(s.Principal?.AWS)),
    trustActions: trust.flatMap((s: any) => list(s.Action)),
    trustConditions: Object.assign({}, ...trust.map((s: any) => statementFacts(s).conditions)),
    boundary: refTarget(role.properties.PermissionsBoundary),
    inline,
    managed: resourcesOfType(template, 'AWS::IAM::ManagedPolicy').map(policyFacts).filter((p) => p.roles.includes(role.logicalId)).map((p) => p.logicalId),
  };
}

/** Everything the offline checks read, found through the stack's outputs. */
export interface LabFacts {
  readonly group: { readonly logicalId: string; readonly managed: readonly string[]; readonly members: number };
  readonly requireMfa: PolicyFacts;
  readonly regionRestriction: PolicyFacts;
  readonly companyData: PolicyFacts;
  readonly s3Wildcard: PolicyFacts;
  readonly dynamoDbItems: PolicyFacts;
  readonly dynamoDbTable: PolicyFacts;
  readonly bounded: RoleFacts & { readonly boundaryPolicy?: PolicyFacts };
  readonly revocable: RoleFacts;
  /** IAM users and access keys anywhere in the template (the lab has none by design). */
  readonly longTermCredentials: readonly string[];
}

export function labFacts(template: TemplateJson): LabFacts {
  const group = resourceOfOutput(template, 'GroupName');
  const managed = resourcesOfType(template, 'AWS::IAM::ManagedPolicy').map(policyFacts);
  const memberships = resourcesOfType(template, 'AWS::IAM::UserToGroupAddition').filter((m) => refTarget(m.properties.GroupName) === group.logicalId || m.properties.GroupName === group.properties.GroupName);
  const users = resourcesOfType(template, 'AWS::IAM::User');
  const usersInGroup = users.filter((u) => (u.properties.Groups ?? []).some((g: unknown) => refTarget(g) === group.logicalId));
  const bounded = roleFacts(template, resourceOfOutput(template, 'BoundedRoleArn'));
  return {
    group: {
      logicalId: group.logicalId,
      managed: [...managed.filter((p) => p.groups.includes(group.logicalId)).map((p) => p.logicalId), ...list(group.properties.ManagedPolicyArns).map((a) => a.replace(/^\$\{(.*)\}$/, '$1'))],
      members: memberships.reduce((n, m) => n + list(m.properties.Users).length, 0) + usersInGroup.length,
    },
    requireMfa: policyFacts(resourceOfOutput(template, 'RequireMfaPolicyArn')),
    regionRestriction: policyFacts(resourceOfOutput(template, 'RegionRestrictionPolicyArn')),
    companyData: policyFacts(resourceOfOutput(template, 'CompanyDataPolicyArn')),
    s3Wildcard: policyFacts(resourceOfOutput(template, 'S3WildcardPolicyArn')),
    dynamoDbItems: policyFacts(resourceOfOutput(template, 'DynamoDbItemPolicyArn')),
    dynamoDbTable: policyFacts(resourceOfOutput(template, 'DynamoDbTablePolicyArn')),
    bounded: { ...bounded, boundaryPolicy: managed.find((p) => p.logicalId === bounded.boundary) },
    revocable: roleFacts(template, resourceOfOutput(template, 'RevocableRoleArn')),
    longTermCredentials: [...users, ...resourcesOfType(template, 'AWS::IAM::AccessKey')].map((r) => `${r.type} ${r.logicalId}`),
  };
}

/** The actions a policy's statements of one effect allow (or deny) with `Action`, across statements. */
export function actionsOf(p: PolicyFacts, effect: 'Allow' | 'Deny'): string[] {
  return p.statements.filter((s) => s.effect === effect).flatMap((s) => s.actions);
}

/**
 * Whether an IAM action pattern (with `*` and `?`) matches an action, case-insensitively, as IAM
 * matches action names ("IAM JSON policy elements: Action",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html).
 */
export function actionMatches(pattern: string, action: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return re.test(action);
}

/** Whether any Allow statement of the policy names the action (by `Action`, wildcards matched). */
export function allows(p: PolicyFacts | undefined, action: string): boolean {
  return !!p && p.statements.some((s) => s.effect === 'Allow' && s.actions.some((a) => actionMatches(a, action)));
}
