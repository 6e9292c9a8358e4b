import { estimateCost } from '../../../lib/lab-kit/operations/cost';
import { judgeOffline, mutatedCopy, synthLab } from '../../../lib/lab-kit/testing';
import type { TemplateJson } from '../../../lib/lab-kit/template/json';
import { resourcesOfType } from '../../../lib/lab-kit/template/resources';
import { iamPolicyEvaluation } from '..';
import { actionMatches, type LabFacts, labFacts } from '../facts';
import { ALLOWED_REGIONS, companyDataPolicy, type Env, s3WildcardPolicy } from '../policies';
import { DECISIONS, scenarios, simulationEnv, otherAccountThan } from '../scenarios';
import { inlineOf, propsOf, statementsOf } from './offline-cases';

let template: TemplateJson;
let facts: LabFacts;

beforeAll(async () => {
  template = await synthLab(iamPolicyEvaluation);
  facts = labFacts(template);
});

const E: Env = { partition: 'aws', account: '123456789012', region: 'eu-west-1' };

describe('iam-policy-evaluation template', () => {
  test('only IAM: a group, customer managed policies and roles; no IAM user, no access key, nothing billed by the hour', () => {
    const types = new Set(Object.values<any>(template.Resources ?? {}).map((r) => r.Type));
    const lab = [...types].filter((t) => t.startsWith('AWS::IAM::'));
    expect(lab.sort()).toEqual(['AWS::IAM::Group', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Policy', 'AWS::IAM::Role']);
    expect(facts.longTermCredentials).toEqual([]);
    expect(estimateCost(template).hourly).toBe(0);
  });

  test('I11.mfa-deny-exempts-enrolment-with-notaction: the deny has no Action, only NotAction, and BoolIfExists', () => {
    const [deny] = facts.requireMfa.statements;
    expect(deny).toMatchObject({ effect: 'Deny', actions: [], resources: ['*'], conditions: { BoolIfExists: { 'aws:MultiFactorAuthPresent': ['false'] } } });
    expect(deny.notActions).toEqual(expect.arrayContaining(['iam:EnableMFADevice', 'iam:CreateVirtualMFADevice', 'iam:ResyncMFADevice', 'sts:GetSessionToken']));
  });

  test('A34.region-deny-example-needs-us-east-1: the group holds the MFA deny, the Region deny and T10\'s policy, and has no members', () => {
    expect([...facts.group.managed].sort()).toEqual([facts.requireMfa.logicalId, facts.regionRestriction.logicalId, facts.companyData.logicalId].sort());
    expect(facts.group.members).toBe(0);
    expect(facts.regionRestriction.statements[0].conditions.StringNotEquals['aws:RequestedRegion']).toEqual([...ALLOWED_REGIONS]);
  });

  test('B1 and A17: both roles trust only their own account, the bounded one never (DateLessThan aws:CurrentTime 2000); the revocable role may read itself, inline, and nothing else', () => {
    for (const r of [facts.revocable, facts.bounded]) expect(r.trustedPrincipals).toEqual(['arn:<AWS::Partition>:iam::<AWS::AccountId>:root']);
    expect(facts.bounded.trustConditions).toEqual({ DateLessThan: { 'aws:CurrentTime': ['2000-01-01T00:00:00Z'] } });
    expect(facts.revocable.trustConditions).toEqual({});
    expect(facts.revocable.managed).toEqual([]);
    expect(facts.companyData.roles).toEqual([]);
    expect(facts.companyData.groups).toHaveLength(2);
    expect(facts.revocable.inline.flatMap((p) => p.statements.flatMap((s) => s.actions))).toEqual(['iam:GetRole']);
    expect(facts.revocable.inline[0].statements[0].resources).toEqual([`\${${facts.revocable.logicalId}.Arn}`]);
  });

  test('the seed policies in the template are the documents the checks simulate', () => {
    expect(propsOf(template, 'S3WildcardPolicyArn').PolicyDocument).toEqual(s3WildcardPolicy());
    expect(statementsOf(template, 'CompanyDataPolicyArn').map((s: any) => s.Sid)).toEqual(companyDataPolicy(E).Statement.map((s) => s.Sid));
    expect(facts.companyData.statements[0].resources).toEqual(['arn:<AWS::Partition>:s3:::company-data']);
  });

  test('offline checks fail on more than their registered case', () => {
    const fails = (claim: string, change: (t: any) => void) => expect(judgeOffline(iamPolicyEvaluation, claim, mutatedCopy(template, change)).outcome).toBe('fail');
    fails('I11.mfa-deny-exempts-enrolment-with-notaction', (t) => (statementsOf(t, 'RequireMfaPolicyArn')[0].Condition = { Bool: { 'aws:MultiFactorAuthPresent': 'false' } }));
    fails('I11.mfa-deny-exempts-enrolment-with-notaction', (t) => delete propsOf(t, 'RequireMfaPolicyArn').Groups);
    fails('A34.region-deny-example-needs-us-east-1', (t) => (statementsOf(t, 'RegionRestrictionPolicyArn')[0].NotAction = ['support:*']));
    fails('B1.role-issues-temporary-credentials', (t) => (propsOf(t, 'RevocableRoleArn').AssumeRolePolicyDocument.Statement[0].Principal = { AWS: '*' }));
    fails('B1.role-issues-temporary-credentials', (t) => (t.Resources.Key = { Type: 'AWS::IAM::AccessKey', Properties: { UserName: 'x' } }));
    fails('A28.permissions-boundaries-block-escalation', allowCreateRoleInBoundary);
    // Assumable again: its wide grants would be a real path for any principal allowed sts:AssumeRole on *.
    fails('A28.permissions-boundaries-block-escalation', (t) => delete propsOf(t, 'BoundedRoleArn').AssumeRolePolicyDocument.Statement[0].Condition);
    fails('T5.group-policies-persist-for-new-members', (t) => delete propsOf(t, 'CompanyDataPolicyArn').Groups);
    fails('T10.runtask-also-needs-iam-passrole', (t) => delete statementsOf(t, 'CompanyDataPolicyArn')[1].Condition);
    fails('A24.inline-policy-lives-with-its-identity', (t) => {
      for (const p of inlineOf(t, 'RevocableRoleArn')) p.Properties.Roles = [];
    });
  });
});

/** Lets the boundary allow iam:CreateRole: it no longer caps the role. */
function allowCreateRoleInBoundary(t: any): void {
  const boundary = t.Resources[propsOf(t, 'BoundedRoleArn').PermissionsBoundary.Ref];
  boundary.Properties.PolicyDocument.Statement[0].Action.push('iam:CreateRole');
}

describe('the simulations', () => {
  const e = simulationEnv(E);

  test('every scenario belongs to a claim the lab checks, predicts one of the three documented decisions, and ids are unique', () => {
    const all = scenarios(e);
    expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
    for (const s of all) {
      expect(s.claims.every((c) => c in iamPolicyEvaluation.checks)).toBe(true);
      for (const step of s.steps) expect(DECISIONS).toContain(step.expect);
    }
    const judged = new Set(all.flatMap((s) => s.claims));
    const live = Object.entries(iamPolicyEvaluation.checks).filter(([, c]) => c.live?.observation.name === 'simulations').map(([id]) => id);
    expect(live.filter((c) => !judged.has(c) && c !== 'A24.inline-policy-lives-with-its-identity')).toEqual([]);
  });

  test('a resource-policy simulation names a user of your account as its caller, and the cross-account owner is never your account', () => {
    expect(e.callerArn).toBe('arn:aws:iam::123456789012:user/iam-policy-evaluation-simulated-caller');
    expect(otherAccountThan('111122223333')).toBe('444455556666');
    expect(otherAccountThan(E.account)).toBe('111122223333');
  });

  test('actionMatches follows IAM wildcards, case-insensitively', () => {
    expect(actionMatches('iam:*', 'iam:ListRoles')).toBe(true);
    expect(actionMatches('iam:Get*', 'iam:CreateRole')).toBe(false);
    expect(actionMatches('s3:getobject', 's3:GetObject')).toBe(true);
    expect(actionMatches('s3:*', 's3express:CreateSession')).toBe(false);
  });
});

test('the lab has no IAM user anywhere (resourcesOfType)', () => {
  expect(resourcesOfType(template, 'AWS::IAM::User')).toEqual([]);
});
