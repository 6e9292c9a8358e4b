import * as path from 'node:path';
import { indexClaims } from '../../../lib/lab-kit/catalog/catalog';
import { expectToMatchFileSnapshot } from '../../../lib/lab-kit/testing/file-snapshot';
import { recordExampleRun } from '../../../lib/lab-kit/testing/example-run';
import { CATALOG } from '../../../catalog';
/**
 * The live checks against mocked IAM and STS. Responses follow the API references' shapes:
 * "SimulateCustomPolicy" / "SimulatePrincipalPolicy" return EvaluationResults (EvalActionName,
 * EvalResourceName, EvalDecision `allowed` | `explicitDeny` | `implicitDeny`, MatchedStatements,
 * MissingContextValues) and IsTruncated
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulateCustomPolicy.html,
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_EvaluationResult.html); GetPolicyVersion
 * returns the Document URL-encoded (https://docs.aws.amazon.com/IAM/latest/APIReference/API_PolicyVersion.html);
 * AssumeRole returns Credentials (AccessKeyId, SecretAccessKey, SessionToken, Expiration) and
 * AssumedRoleUser (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html). With
 * a resource ARN given, missing context keys come "instead" under ResourceSpecificResults
 * (EvaluationResult, MissingContextValues; "ResourceSpecificResult",
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_ResourceSpecificResult.html), and
 * EvalDecisionDetails of a same-account simulation with a resource ARN "is present but the response
 * is empty". OrganizationsDecisionDetail.AllowedByOrganizations says whether the organization's SCPs
 * allowed the request ("OrganizationsDecisionDetail",
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_OrganizationsDecisionDetail.html); when an
 * SCP denies, "the simulation ends" and EvalDecisionDetails "is not returned" (EvaluationResult). The
 * simulator mock answers what the evaluation logic predicts (the scenarios' own predictions), except
 * where a test makes it contradict them.
 */
import {
  DeleteRolePolicyCommand,
  GetGroupCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  IAMClient,
  ListAttachedGroupPoliciesCommand,
  ListRolePoliciesCommand,
  PutRolePolicyCommand,
  SimulateCustomPolicyCommand,
  SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { fakeObserveContext, judgeLive } from '../../../lib/lab-kit/testing';
import { iamPolicyEvaluation } from '..';
import { recordResponseDate } from '../aws-clock';
import { simulationInput, simulations, type SimulationsObservation } from '../observe';
import { INTERRUPT_SIGNALS, REVOKE_FEW_MINUTES_MS, REVOKE_WAIT_MAX_MS, sessions, type SessionsObservation } from '../observe-sessions';
import { companyDataPolicy, dynamoDbItemPolicy, dynamoDbTablePolicy, type Env, s3WildcardPolicy } from '../policies';
import { type Decision, DEPLOYED_POLICIES, scenarios, simulationEnv } from '../scenarios';

const iam = mockClient(IAMClient);
const sts = mockClient(STSClient);
beforeEach(() => {
  iam.reset();
  sts.reset();
});

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const ENV: Env = { partition: 'aws', account: ACCOUNT, region: REGION };
const arn = (kind: string) => `arn:aws:iam::${ACCOUNT}:${kind}`;
const OUTPUTS = {
  GroupName: 'iam-policy-evaluation-Contractors48682DAB-ABC',
  GroupArn: arn('group/iam-policy-evaluation-Contractors48682DAB-ABC'),
  RequireMfaPolicyArn: arn('policy/iam-policy-evaluation-RequireMfa'),
  RegionRestrictionPolicyArn: arn('policy/iam-policy-evaluation-RestrictRegions'),
  CompanyDataPolicyArn: arn('policy/iam-policy-evaluation-CompanyData'),
  S3WildcardPolicyArn: arn('policy/iam-policy-evaluation-S3Wildcard'),
  DynamoDbItemPolicyArn: arn('policy/iam-policy-evaluation-DynamoDbItems'),
  DynamoDbTablePolicyArn: arn('policy/iam-policy-evaluation-DynamoDbTable'),
  BoundedRoleArn: arn('role/iam-policy-evaluation-BoundedRole-XYZ'),
  RevocableRoleArn: arn('role/iam-policy-evaluation-RevocableRole-XYZ'),
  RevocableRoleName: 'iam-policy-evaluation-RevocableRole-XYZ',
};
const DOCUMENTS: Record<string, object> = {
  CompanyDataPolicyArn: companyDataPolicy(ENV),
  S3WildcardPolicyArn: s3WildcardPolicy(),
  DynamoDbItemPolicyArn: dynamoDbItemPolicy(ENV),
  DynamoDbTablePolicyArn: dynamoDbTablePolicy(ENV),
};
const ctx = () => fakeObserveContext({ labId: 'iam-policy-evaluation', outputs: OUTPUTS, region: REGION });

/**
 * The deployed policies, group and roles as IAM describes them; the group's attachments are listed
 * only from the `attachedAfter`-th ListAttachedGroupPolicies on, and the bounded role's boundary
 * from the `boundaryAfter`-th GetRole (GetRole's Role.PermissionsBoundary is an
 * AttachedPermissionsBoundary: PermissionsBoundaryType and PermissionsBoundaryArn, "Role", IAM API
 * Reference, https://docs.aws.amazon.com/IAM/latest/APIReference/API_Role.html).
 */
function mockReads(members = 0, visibility: { attachedAfter?: number; boundaryAfter?: number; inlineAfter?: number } = {}) {
  sts.on(GetCallerIdentityCommand).resolves({ UserId: 'AIDAEXAMPLE', Account: ACCOUNT, Arn: arn('user/admin') });
  for (const name of DEPLOYED_POLICIES) {
    const policyArn = OUTPUTS[name];
    iam.on(GetPolicyCommand, { PolicyArn: policyArn }).resolves({
      Policy: { PolicyName: policyArn.split('/').pop(), PolicyId: 'ANPAEXAMPLE', Arn: policyArn, Path: '/', DefaultVersionId: 'v1', AttachmentCount: name === 'CompanyDataPolicyArn' ? 2 : 0, PermissionsBoundaryUsageCount: 0, IsAttachable: true, CreateDate: new Date(), UpdateDate: new Date() },
    });
    iam.on(GetPolicyVersionCommand, { PolicyArn: policyArn }).resolves({ PolicyVersion: { Document: encodeURIComponent(JSON.stringify(DOCUMENTS[name])), VersionId: 'v1', IsDefaultVersion: true, CreateDate: new Date() } });
  }
  iam.on(GetGroupCommand).resolves({
    Group: { Path: '/', GroupName: OUTPUTS.GroupName, GroupId: 'AGPAEXAMPLE', Arn: OUTPUTS.GroupArn, CreateDate: new Date() },
    Users: Array.from({ length: members }, (_, i) => ({ Path: '/', UserName: `u${i}`, UserId: `AIDA${i}`, Arn: arn(`user/u${i}`), CreateDate: new Date() })),
    IsTruncated: false,
  });
  let lists = 0;
  iam.on(ListAttachedGroupPoliciesCommand).callsFake(async () => ({
    AttachedPolicies: (++lists >= (visibility.attachedAfter ?? 1) ? ['RequireMfaPolicyArn', 'RegionRestrictionPolicyArn', 'CompanyDataPolicyArn'] : ['CompanyDataPolicyArn']).map((n) => ({ PolicyName: n, PolicyArn: OUTPUTS[n as keyof typeof OUTPUTS] })),
    IsTruncated: false,
  }));
  let gets = 0;
  const boundedRoleName = OUTPUTS.BoundedRoleArn.split('/').pop()!;
  iam.on(GetRoleCommand, { RoleName: boundedRoleName }).callsFake(async () => ({
    Role: {
      Path: '/',
      RoleName: boundedRoleName,
      RoleId: 'AROABOUNDEDEXAMPLE',
      Arn: OUTPUTS.BoundedRoleArn,
      CreateDate: new Date(),
      AssumeRolePolicyDocument: '%7B%7D',
      MaxSessionDuration: 3600,
      ...(++gets >= (visibility.boundaryAfter ?? 1) ? { PermissionsBoundary: { PermissionsBoundaryType: 'Policy' as const, PermissionsBoundaryArn: arn('policy/iam-policy-evaluation-BoundedBoundary') } } : {}),
    },
  }));
  iam.on(ListRolePoliciesCommand).resolves({ PolicyNames: ['RevocableRoleDefaultPolicy0CA7AD16'], IsTruncated: false });
  // The bounded role's grants: an inline policy (ListRolePolicies returns names only, IsTruncated;
  // https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRolePolicies.html).
  let inlineLists = 0;
  iam.on(ListRolePoliciesCommand, { RoleName: boundedRoleName }).callsFake(async () => ({ PolicyNames: ++inlineLists >= (visibility.inlineAfter ?? 1) ? ['BoundedRoleDefaultPolicyE1B2C3D4'] : [], IsTruncated: false }));
}

/**
 * The simulator: for each request the scenarios make, the decision they predict, unless `override`
 * (scenario id → action → decision) says otherwise. Requests are recognised by their exact input.
 */
/** What the organization adds to one answer: an SCP deny (scenario id → actions), or no OrganizationsDecisionDetail at all (an account outside any organization). */
interface Organization {
  readonly scpDenies?: Record<string, readonly string[]>;
  readonly outsideOrganization?: boolean;
  /** Context keys reported missing for a scenario's every step, under ResourceSpecificResults. */
  readonly missing?: Record<string, readonly string[]>;
}

function mockSimulator(override: Record<string, Record<string, Decision>> = {}, org: Organization = {}) {
  const e = simulationEnv(ENV);
  const documents = Object.fromEntries(Object.entries(DOCUMENTS).map(([k, d]) => [k, JSON.stringify(d)]));
  const answers = new Map<string, { decision: Decision; action: string; resource: string; scp: boolean; missing: readonly string[] }>();
  for (const s of scenarios(e)) {
    for (const step of s.steps) {
      const scp = org.scpDenies?.[s.id]?.includes(step.action) ?? false;
      answers.set(JSON.stringify(simulationInput(s, step, e, documents, OUTPUTS)), { decision: scp ? 'explicitDeny' : (override[s.id]?.[step.action] ?? step.expect), scp, missing: org.missing?.[s.id] ?? [], ...step });
    }
  }
  const answer = (input: object) => {
    const a = answers.get(JSON.stringify(input));
    if (!a) throw Object.assign(new Error(`unexpected simulation ${JSON.stringify(input)}`), { name: 'InvalidInput' });
    const matched = a.decision === 'implicitDeny' ? [] : [{ SourcePolicyId: 'PolicyInputList.1', SourcePolicyType: 'none' as const, StartPosition: { Line: 1, Column: 1 }, EndPosition: { Line: 1, Column: 80 } }];
    return {
      EvaluationResults: [
        {
          EvalActionName: a.action,
          EvalResourceName: a.resource,
          EvalDecision: a.decision,
          MatchedStatements: matched,
          MissingContextValues: [],
          ...(a.scp ? {} : { EvalDecisionDetails: {} }),
          ...(org.outsideOrganization ? {} : { OrganizationsDecisionDetail: { AllowedByOrganizations: !a.scp } }),
          ResourceSpecificResults: [{ EvalResourceName: a.resource, EvalResourceDecision: a.decision, MatchedStatements: matched, MissingContextValues: [...a.missing], ...(a.scp ? {} : { EvalDecisionDetails: {} }) }],
        },
      ],
      IsTruncated: false,
    };
  };
  iam.on(SimulateCustomPolicyCommand).callsFake(answer);
  iam.on(SimulatePrincipalPolicyCommand).callsFake(answer);
}

async function observeSimulations(): Promise<SimulationsObservation> {
  return ctx().observe(simulations);
}

const SIMULATED = Object.entries(iamPolicyEvaluation.checks).filter(([, c]) => c.live?.observation === simulations).map(([id]) => id);

describe('simulations', () => {
  test('every simulated claim passes when IAM answers as the evaluation logic predicts; the deployed documents are decoded', async () => {
    mockReads();
    mockSimulator();
    const o = await observeSimulations();
    for (const claim of SIMULATED) expect({ claim, outcome: judgeLive(iamPolicyEvaluation, claim, o).outcome }).toEqual({ claim, outcome: 'pass' });
    const custom = iam.commandCalls(SimulateCustomPolicyCommand).map((c) => c.args[0].input);
    expect(custom.some((i) => i.PolicyInputList?.includes(JSON.stringify(s3WildcardPolicy())))).toBe(true);
    expect(o.policies.CompanyDataPolicyArn).toEqual({ arn: OUTPUTS.CompanyDataPolicyArn, versionId: 'v1', attachmentCount: 2 });
  });

  test('the MFA context is passed as a boolean context entry, absent when the scenario says absent', async () => {
    mockReads();
    mockSimulator();
    await observeSimulations();
    const group = iam.commandCalls(SimulatePrincipalPolicyCommand).map((c) => c.args[0].input).filter((i) => i.PolicySourceArn === OUTPUTS.GroupArn);
    const mfa = group.map((i) => i.ContextEntries?.find((c) => c.ContextKeyName === 'aws:MultiFactorAuthPresent'));
    expect(mfa).toContainEqual({ ContextKeyName: 'aws:MultiFactorAuthPresent', ContextKeyValues: ['false'], ContextKeyType: 'boolean' });
    expect(mfa).toContain(undefined);
  });

  test("I11 fails when the seed's blanket deny lets enrolment through, naming the request", async () => {
    mockReads();
    mockSimulator({ 'mfa-blanket-absent': { 'iam:EnableMFADevice': 'allowed' } });
    const r = judgeLive(iamPolicyEvaluation, 'I11.mfa-deny-exempts-enrolment-with-notaction', await observeSimulations());
    expect(r.outcome).toBe('fail');
    expect(r.reasons.join()).toContain("iam:EnableMFADevice on arn:aws:iam::123456789012:user/iam-policy-evaluation-simulated-caller: the seed's blanket deny");
    expect(r.reasons.join()).toContain('expected explicitDeny, saw allowed');
  });

  test.each([
    ['I11.explicit-deny-overrides-any-allow', 'mfa-second-allow', 'iam:EnableMFADevice', 'allowed'],
    ['A34.region-deny-example-needs-us-east-1', 'region-deployed-us-east-1', 'iam:ListRoles', 'explicitDeny'],
    ['B16.s3-wildcard-excludes-other-s3-prefixes', 's3-wildcard', 's3express:CreateSession', 'allowed'],
    ['B11.same-account-bucket-policy-alone-suffices', 'bucket-policy-same-account', 's3:GetObject', 'implicitDeny'],
    ['B11.same-account-bucket-policy-alone-suffices', 'bucket-policy-cross-account', 's3:GetObject', 'allowed'],
    ['B11.explicit-deny-or-network-path-blocks-s3', 's3-wildcard-bucket-deny', 's3:GetObject', 'allowed'],
    ['T10.listbucket-lists-keys-not-contents', 'company-data-s3', 's3:GetObject', 'allowed'],
    ['T10.runtask-also-needs-iam-passrole', 'company-data-ecs-prod', 'iam:PassRole', 'allowed'],
    ['I16.item-actions-miss-query-scan-and-batch', 'dynamodb-item-actions', 'dynamodb:Query', 'allowed'],
    ['I16.table-arn-policy-needs-index-arns', 'dynamodb-table-and-indexes', 'dynamodb:Query', 'implicitDeny'],
    ['A28.permissions-boundaries-block-escalation', 'boundary-caps-role', 'iam:CreateRole', 'allowed'],
    ['T5.group-policies-persist-for-new-members', 'group-without-members', 's3:ListBucket', 'implicitDeny'],
  ] as const)('%s fails when %s answers %s %s', async (claim, scenario, action, decision) => {
    mockReads();
    mockSimulator({ [scenario]: { [action]: decision } });
    const r = judgeLive(iamPolicyEvaluation, claim, await observeSimulations());
    expect(r.outcome).toBe('fail');
    expect(r.reasons.join()).toContain(`saw ${decision}`);
  });

  test('a scenario the simulator refuses (InvalidInput) is inconclusive for its claim, not a fail; other claims still pass', async () => {
    mockReads();
    mockSimulator();
    iam.on(SimulateCustomPolicyCommand, { CallerArn: simulationEnv(ENV).callerArn }).rejects(Object.assign(new Error('Invalid CallerArn'), { name: 'InvalidInput' }));
    const o = await observeSimulations();
    const r = judgeLive(iamPolicyEvaluation, 'B11.same-account-bucket-policy-alone-suffices', o);
    expect(r.outcome).toBe('inconclusive');
    expect(r.reasons.join()).toContain('InvalidInput: Invalid CallerArn');
    expect(judgeLive(iamPolicyEvaluation, 'T10.listbucket-lists-keys-not-contents', o).outcome).toBe('pass');
  });

  test('right after a deploy, the group\'s attachments and the role\'s boundary are waited for (bounded), then the simulations run and pass', async () => {
    mockReads(0, { attachedAfter: 3, boundaryAfter: 2 });
    mockSimulator();
    const c = ctx();
    const o = await c.observe(simulations);
    expect(o.readiness).toEqual({ visible: true, missing: [], waitedSeconds: 10 });
    expect(c.progressLog.some((l) => l.startsWith(`not visible yet: group policy ${OUTPUTS.RequireMfaPolicyArn}`))).toBe(true);
    for (const claim of SIMULATED) expect({ claim, outcome: judgeLive(iamPolicyEvaluation, claim, o).outcome }).toEqual({ claim, outcome: 'pass' });
  });

  test("the bounded role's inline policy (its grants, what A28 simulates) is waited for too, and the AttachmentCount A24 judges is read after the wait", async () => {
    mockReads(0, { inlineAfter: 3 });
    mockSimulator();
    const c = ctx();
    const o = await c.observe(simulations);
    expect(o.readiness).toEqual({ visible: true, missing: [], waitedSeconds: 10 });
    expect(c.progressLog.some((l) => l.includes(`inline policy of role ${OUTPUTS.BoundedRoleArn.split('/').pop()}`))).toBe(true);
    const order = iam.calls().map((call) => call.args[0].constructor.name);
    expect(order.indexOf('GetPolicyCommand')).toBeGreaterThan(order.lastIndexOf('ListAttachedGroupPoliciesCommand'));
    expect(judgeLive(iamPolicyEvaluation, 'A28.permissions-boundaries-block-escalation', o).outcome).toBe('pass');
  });

  test('A24 is inconclusive, not a fail, on an AttachmentCount read while the attachments were still not visible', async () => {
    mockReads(0, { attachedAfter: 1_000 });
    mockSimulator();
    const o = await observeSimulations();
    const once = { ...o, policies: { ...o.policies, CompanyDataPolicyArn: { ...o.policies.CompanyDataPolicyArn, attachmentCount: 1 } } };
    const r = judgeLive(iamPolicyEvaluation, 'A24.inline-policy-lives-with-its-identity', once);
    expect(r.outcome).toBe('inconclusive');
    expect(r.reasons.join()).toContain("the group's policy attachments were visible (IAM is eventually consistent)");
  });

  test('still not visible after the bound, a contradicting answer on the group is inconclusive, not a fail; claims without the deployed principals are judged as usual', async () => {
    mockReads(0, { attachedAfter: 1_000 });
    mockSimulator({ 'mfa-notaction-absent': { 's3:ListAllMyBuckets': 'allowed' }, 'mfa-blanket-absent': { 'iam:EnableMFADevice': 'allowed' } });
    const o = await observeSimulations();
    expect(o.readiness).toMatchObject({ visible: false, waitedSeconds: 60 });
    const r = judgeLive(iamPolicyEvaluation, 'I11.explicit-deny-overrides-any-allow', o);
    expect(r.outcome).toBe('inconclusive');
    expect(r.reasons.join()).toContain(`IAM showed the group's policies and the bounded role's boundary and inline policy within 60 s (saw still missing after 60 s: group policy ${OUTPUTS.RequireMfaPolicyArn}; group policy ${OUTPUTS.RegionRestrictionPolicyArn})`);
    // The seed's blanket deny is a custom simulation, not the deployed group: its contradiction still fails.
    expect(judgeLive(iamPolicyEvaluation, 'I11.mfa-deny-exempts-enrolment-with-notaction', o).outcome).toBe('fail');
    expect(judgeLive(iamPolicyEvaluation, 'T10.listbucket-lists-keys-not-contents', o).outcome).toBe('pass');
  });

  test("a request your organization's SCPs denied (AllowedByOrganizations false) makes its claim inconclusive, never a fail; other claims still pass", async () => {
    mockReads();
    // A Control Tower style Region deny: ec2:DescribeInstances in eu-west-1 (A34) and s3:GetObject (B16) come back explicitDeny.
    mockSimulator({}, { scpDenies: { 'region-deployed-allowed': ['ec2:DescribeInstances'], 's3-wildcard': ['s3:GetObject'] } });
    const o = await observeSimulations();
    for (const claim of ['A34.region-deny-example-needs-us-east-1', 'B16.s3-wildcard-excludes-other-s3-prefixes']) {
      const r = judgeLive(iamPolicyEvaluation, claim, o);
      expect({ claim, outcome: r.outcome }).toEqual({ claim, outcome: 'inconclusive' });
      expect(r.reasons.join()).toContain("your organization's SCPs allowed");
      expect(r.reasons.join()).toContain('OrganizationsDecisionDetail.AllowedByOrganizations false');
    }
    expect(judgeLive(iamPolicyEvaluation, 'T10.listbucket-lists-keys-not-contents', o).outcome).toBe('pass');
  });

  test('an SCP-decided request does not hide a contradiction elsewhere in the same claim', async () => {
    mockReads();
    mockSimulator({ 'region-deployed-us-east-1': { 'iam:ListRoles': 'explicitDeny' } }, { scpDenies: { 'region-deployed-allowed': ['ec2:DescribeInstances'] } });
    const r = judgeLive(iamPolicyEvaluation, 'A34.region-deny-example-needs-us-east-1', await observeSimulations());
    expect(r.outcome).toBe('fail');
    expect(r.reasons.join()).toContain('iam:ListRoles');
  });

  test('outside any organization (no OrganizationsDecisionDetail) every simulated claim is judged as before', async () => {
    mockReads();
    mockSimulator({}, { outsideOrganization: true });
    const o = await observeSimulations();
    for (const claim of SIMULATED) expect({ claim, outcome: judgeLive(iamPolicyEvaluation, claim, o).outcome }).toEqual({ claim, outcome: 'pass' });
  });

  test('missing context keys are read from ResourceSpecificResults, where AWS puts them when a resource ARN is given', async () => {
    mockReads();
    mockSimulator({}, { missing: { 'company-data-ecs-prod': ['ecs:cluster'] } });
    const o = await observeSimulations();
    expect(o.results.find((r) => r.id === 'company-data-ecs-prod')!.steps[0].missingContext).toEqual(['ecs:cluster']);
    expect(judgeLive(iamPolicyEvaluation, 'T10.runtask-also-needs-iam-passrole', o).judgement.observed).toContain('context keys it reported missing: ecs:cluster');
  });

  test('access denied on the simulator is the kit\'s error (missing rights), never a verdict', async () => {
    mockReads();
    iam.on(SimulateCustomPolicyCommand).rejects(Object.assign(new Error('not authorized to perform: iam:SimulateCustomPolicy'), { name: 'AccessDenied' }));
    iam.on(SimulatePrincipalPolicyCommand).rejects(Object.assign(new Error('not authorized'), { name: 'AccessDenied' }));
    await expect(observeSimulations()).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  test('T5 is inconclusive when the group has members (not the state after everyone left)', async () => {
    mockReads(2);
    mockSimulator();
    const r = judgeLive(iamPolicyEvaluation, 'T5.group-policies-persist-for-new-members', await observeSimulations());
    expect(r.outcome).toBe('inconclusive');
    expect(r.reasons.join()).toContain('2 member(s)');
  });

  test('the T10 run-task pass says that the PassRole need was not observed, and the A17 pass that key deletion was not exercised', async () => {
    mockReads();
    mockSimulator();
    const t10 = judgeLive(iamPolicyEvaluation, 'T10.runtask-also-needs-iam-passrole', await observeSimulations());
    expect(t10.outcome).toBe('pass');
    expect(t10.judgement.notExercised).toContain('that RunTask needs iam:PassRole');
    const a17 = judgeLive(iamPolicyEvaluation, 'A17.deleted-key-leaves-session-credentials-valid', await observeSessions());
    expect(a17.outcome).toBe('pass');
    expect(a17.judgement.notExercised).toContain('this pass rests on the other half only');
  });

  test('A24 passes with a managed policy attached twice and an inline policy, and fails when the managed policy is attached once', async () => {
    mockReads();
    mockSimulator();
    const o = await observeSimulations();
    expect(judgeLive(iamPolicyEvaluation, 'A24.inline-policy-lives-with-its-identity', o).outcome).toBe('pass');
    const once = { ...o, policies: { ...o.policies, CompanyDataPolicyArn: { ...o.policies.CompanyDataPolicyArn, attachmentCount: 1 } } };
    const r = judgeLive(iamPolicyEvaluation, 'A24.inline-policy-lives-with-its-identity', once);
    expect(r.outcome).toBe('fail');
    expect(r.reasons.join()).toContain('identities the managed policy is attached to (AttachmentCount): expected at least 2, saw 1');
  });
});

// ---------------------------------------------------------------------------------------------
// Sessions
// ---------------------------------------------------------------------------------------------

/**
 * STS and IAM for the sessions: each AssumeRole returns a new ASIA key id (FIRST..., SECOND...),
 * expiring 900 s after the fake clock; GetRole answers by the caller's key id; after PutRolePolicy,
 * the first session is denied from its `denyAfter`-th call on (IAM's propagation), with the
 * AccessDenied of the IAM Query API.
 */
function mockSessions(c: ReturnType<typeof ctx>, opts: { denyAfter?: number; secondDenied?: boolean; keyPrefix?: string; leftover?: boolean; assumeRefusals?: number; getRoleRefusals?: number; deleteRefused?: boolean; awsAheadMs?: number; noDateHeader?: boolean; grantedSeconds?: number; signalOnPoll?: NodeJS.Signals; revokedDenial?: string } = {}) {
  let assumed = 0;
  let assumeRefusals = opts.assumeRefusals ?? 0;
  let getRoleRefusals = opts.getRoleRefusals ?? 0;
  let revoked = false;
  let callsSinceRevoke = 0;
  sts.on(AssumeRoleCommand).callsFake((input, getClient) => {
    if (assumeRefusals-- > 0) throw Object.assign(new Error(`User: arn:aws:iam::${ACCOUNT}:user/admin is not authorized to perform: sts:AssumeRole on resource: ${input.RoleArn}`), { name: 'AccessDenied' });
    assumed += 1;
    const key = `${opts.keyPrefix ?? 'ASIA'}${assumed === 1 ? 'FIRST' : 'SECOND'}EXAMPLE`;
    // AWS's clock, `awsAheadMs` ahead of this machine's; the response's Date header (an IMF-fixdate,
    // RFC 9110 section 5.6.7) is what the SDK middleware of aws-clock.ts would record (the mock replaces send).
    const awsNow = c.now() + (opts.awsAheadMs ?? 0);
    if (!opts.noDateHeader) recordResponseDate(getClient(), new Date(awsNow).toUTCString());
    return {
      Credentials: { AccessKeyId: key, SecretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', SessionToken: 'FwoGZXIvYXdzEXAMPLETOKEN', Expiration: new Date(awsNow + (opts.grantedSeconds ?? input.DurationSeconds) * 1000) },
      AssumedRoleUser: { AssumedRoleId: `AROAEXAMPLE:${input.RoleSessionName}`, Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${OUTPUTS.RevocableRoleName}/${input.RoleSessionName}` },
      PackedPolicySize: 0,
    };
  });
  sts.on(GetCallerIdentityCommand).callsFake(async (_input, getClient) => {
    const creds = await (getClient() as any).config.credentials();
    return { UserId: 'AROAEXAMPLE:lab', Account: ACCOUNT, Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${OUTPUTS.RevocableRoleName}/${creds.accessKeyId.includes('FIRST') ? 'first' : 'second'}` };
  });
  iam.on(ListRolePoliciesCommand).resolves({ PolicyNames: ['RevocableRoleDefaultPolicy0CA7AD16', ...(opts.leftover ? ['AWSRevokeOlderSessions'] : [])], IsTruncated: false });
  iam.on(PutRolePolicyCommand).callsFake(async () => {
    revoked = true;
    return {};
  });
  // DeleteRolePolicy documents NoSuchEntity, LimitExceeded, UnmodifiableEntity and ServiceFailure; a
  // refusal for want of rights is the common AccessDenied ("Common Errors", IAM API Reference,
  // https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html).
  if (opts.deleteRefused) {
    iam.on(DeleteRolePolicyCommand).rejects(Object.assign(new Error(`User: arn:aws:iam::${ACCOUNT}:user/admin is not authorized to perform: iam:DeleteRolePolicy on resource: role ${OUTPUTS.RevocableRoleName} with an explicit deny in a service control policy`), { name: 'AccessDenied' }));
  } else {
    iam.on(DeleteRolePolicyCommand).resolves({});
  }
  // The revocation is an inline (identity-based) policy: "... with an explicit deny in an identity-based policy"
  // ("Troubleshoot access denied error messages with authorization ID (Preview)", IAM User Guide,
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied-authorization-id.html).
  const denied = (why = 'with an explicit deny in an identity-based policy') =>
    Object.assign(new Error(`User: arn:aws:sts::${ACCOUNT}:assumed-role/${OUTPUTS.RevocableRoleName}/lab-first-1764680000000 is not authorized to perform: iam:GetRole on resource: role ${OUTPUTS.RevocableRoleName} ${why}`), { name: 'AccessDenied' });
  iam.on(GetRoleCommand).callsFake(async (_input, getClient) => {
    const { accessKeyId } = await (getClient() as any).config.credentials();
    if (accessKeyId.includes('FIRST') && !revoked && getRoleRefusals-- > 0) throw denied();
    if (accessKeyId.includes('FIRST') && revoked && ++callsSinceRevoke === 1 && opts.signalOnPoll) process.emit(opts.signalOnPoll, opts.signalOnPoll);
    if (accessKeyId.includes('FIRST') && revoked && callsSinceRevoke >= (opts.denyAfter ?? 3)) throw denied(opts.revokedDenial);
    if (accessKeyId.includes('SECOND') && opts.secondDenied) throw denied();
    return { Role: { Path: '/', RoleName: OUTPUTS.RevocableRoleName, RoleId: 'AROAEXAMPLE', Arn: OUTPUTS.RevocableRoleArn, CreateDate: new Date(), AssumeRolePolicyDocument: '%7B%7D' } };
  });
}

async function observeSessions(opts: Parameters<typeof mockSessions>[1] = {}): Promise<SessionsObservation> {
  const c = ctx();
  mockSessions(c, opts);
  return c.observe(sessions);
}

describe('sessions', () => {
  test('B1 passes on an ASIA key with a token and a 900 s expiry; no secret is kept in the observation', async () => {
    const o = await observeSessions();
    expect(judgeLive(iamPolicyEvaluation, 'B1.role-issues-temporary-credentials', o).outcome).toBe('pass');
    expect(o.first).toMatchObject({ accessKeyIdPrefix: 'ASIA', sessionTokenLength: 24, secondsToExpiry: 900 });
    const text = JSON.stringify(o);
    expect(text).not.toContain('wJalrXUtnFEMI');
    expect(text).not.toContain('FwoGZXIvYXdzEXAMPLETOKEN');
    expect(text).not.toContain('ASIAFIRSTEXAMPLE');
  });

  test.each([
    ['10 minutes behind AWS', 600_000],
    ['20 minutes ahead of AWS', -1_200_000],
  ])("B1 passes with this machine's clock %s: the expiry is judged on AWS's clock (the response's Date), the local figure only reported", async (_what, awsAheadMs) => {
    const o = await observeSessions({ awsAheadMs });
    const r = judgeLive(iamPolicyEvaluation, 'B1.role-issues-temporary-credentials', o);
    expect(r.outcome).toBe('pass');
    expect(o.first.secondsToExpiry).toBe(900);
    expect(o.first.localSecondsToExpiry).toBe(900 + awsAheadMs / 1000);
  });

  test('B1 fails when the credentials outlive the DurationSeconds asked for (on AWS\'s clock)', async () => {
    const r = judgeLive(iamPolicyEvaluation, 'B1.role-issues-temporary-credentials', await observeSessions({ grantedSeconds: 3600 }));
    expect(r.outcome).toBe('fail');
    expect(r.reasons.join()).toContain("seconds from the response's Date until they expire (DurationSeconds 900, plus 1 s for Date's whole seconds): expected 1 to 901 s, saw 3600 s");
  });

  test('B1 is inconclusive when the response carried no Date (AWS\'s clock unknown), never judged on the local clock', async () => {
    const r = judgeLive(iamPolicyEvaluation, 'B1.role-issues-temporary-credentials', await observeSessions({ noDateHeader: true }));
    expect(r.outcome).toBe('inconclusive');
    expect(r.reasons.join()).toContain("AWS's clock was read (the Date header of the AssumeRole response)");
  });

  test('B1 fails on long-term credentials (an AKIA key id)', async () => {
    const r = judgeLive(iamPolicyEvaluation, 'B1.role-issues-temporary-credentials', await observeSessions({ keyPrefix: 'AKIA' }));
    expect(r.outcome).toBe('fail');
    expect(r.reasons.join()).toContain('access key id prefix (temporary credentials): expected ASIA, saw AKIA');
  });

  test('A17 passes: the old session is denied after the revocation, a new one is allowed, the revocation is removed', async () => {
    const o = await observeSessions({ denyAfter: 3 });
    const r = judgeLive(iamPolicyEvaluation, 'A17.deleted-key-leaves-session-credentials-valid', o);
    expect(r.outcome).toBe('pass');
    expect(o.after).toMatchObject({ denied: true, attempts: 3, secondsToDenied: 4 });
    const put = iam.commandCalls(PutRolePolicyCommand)[0].args[0].input;
    expect(put.PolicyName).toBe('AWSRevokeOlderSessions');
    expect(JSON.parse(put.PolicyDocument!).Statement[0]).toMatchObject({ Effect: 'Deny', Action: ['*'], Condition: { DateLessThan: { 'aws:TokenIssueTime': o.revokedBefore } } });
    expect(iam.commandCalls(DeleteRolePolicyCommand)).toHaveLength(1);
    expect(Date.parse(o.second!.issuedAt!)).toBeGreaterThan(Date.parse(o.revokedBefore!));
  });

  test('A17 fails when a session assumed after the revocation is denied too', async () => {
    const r = judgeLive(iamPolicyEvaluation, 'A17.deleted-key-leaves-session-credentials-valid', await observeSessions({ secondDenied: true }));
    expect(r.outcome).toBe('fail');
    expect(r.reasons.join()).toContain('a session assumed after the revocation is allowed: expected yes, saw AccessDenied');
  });

  test("A17 is inconclusive when the deny has not taken effect within the lab's bound, and the revocation is still removed", async () => {
    const o = await observeSessions({ denyAfter: 10_000 });
    const r = judgeLive(iamPolicyEvaluation, 'A17.deleted-key-leaves-session-credentials-valid', o);
    expect(r.outcome).toBe('inconclusive');
    expect(r.reasons.join()).toContain(`the revocation took effect within the lab's ${REVOKE_WAIT_MAX_MS / 1000} s`);
    expect(iam.commandCalls(DeleteRolePolicyCommand)).toHaveLength(1);
  });

  test('A17 is inconclusive when the old session is denied by something other than an identity-based policy (a service control policy): that is not the revocation', async () => {
    const o = await observeSessions({ denyAfter: 3, revokedDenial: 'with an explicit deny in a service control policy' });
    const r = judgeLive(iamPolicyEvaluation, 'A17.deleted-key-leaves-session-credentials-valid', o);
    expect(r.outcome).toBe('inconclusive');
    expect(o.after.denied).toBe(false);
    expect(r.reasons.join()).toContain('the last denial was another: AccessDenied: User: arn:aws:sts::');
    expect(r.reasons.join()).toContain('with an explicit deny in a service control policy');
    // A run recorded before the observation told denials apart is judged the same way.
    const recorded = { ...o, after: { ...o.after, denied: true, secondsToDenied: 4 } };
    expect(judgeLive(iamPolicyEvaluation, 'A17.deleted-key-leaves-session-credentials-valid', recorded).outcome).toBe('inconclusive');
  });

  test('right after a deploy, AssumeRole and the first iam:GetRole refused for a while are tried again (bounded), and the checks pass', async () => {
    const o = await observeSessions({ assumeRefusals: 2, getRoleRefusals: 2 });
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(4);
    expect(o.before.allowed).toBe(true);
    expect(judgeLive(iamPolicyEvaluation, 'A17.deleted-key-leaves-session-credentials-valid', o).outcome).toBe('pass');
  });

  test('AssumeRole still refused after the bound is the kit\'s access-denied error, not a verdict', async () => {
    await expect(observeSessions({ assumeRefusals: 1_000 })).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  test('a session that never may call iam:GetRole makes A17 inconclusive, nothing revoked', async () => {
    const o = await observeSessions({ getRoleRefusals: 1_000 });
    expect(judgeLive(iamPolicyEvaluation, 'A17.deleted-key-leaves-session-credentials-valid', o).outcome).toBe('inconclusive');
    expect(iam.commandCalls(PutRolePolicyCommand)).toHaveLength(0);
  });

  test('a refused cleanup is an error of A17 that says what is left and how to remove it, never a fail; B1 is still judged', async () => {
    const o = await observeSessions({ deleteRefused: true });
    expect(o.cleanup).toMatchObject({ removed: false, error: expect.stringContaining('AccessDenied') });
    expect(() => judgeLive(iamPolicyEvaluation, 'A17.deleted-key-leaves-session-credentials-valid', o)).toThrow(
      `The policy is still on the role, denying every session issued before ${o.revokedBefore}, and CloudFormation cannot delete the role while it is there. Remove it with rights to iam:DeleteRolePolicy: aws iam delete-role-policy --role-name ${OUTPUTS.RevocableRoleName} --policy-name AWSRevokeOlderSessions`,
    );
    expect(judgeLive(iamPolicyEvaluation, 'B1.role-issues-temporary-credentials', o).outcome).toBe('pass');
  });

  test('a revocation that takes 4 minutes, within AWS\'s "It might take a few minutes", is waited out and A17 passes', async () => {
    expect(REVOKE_WAIT_MAX_MS).toBeGreaterThan(REVOKE_FEW_MINUTES_MS);
    // Every try is 2 s apart on the fake clock: the 121st comes 240 s after the revocation.
    const o = await observeSessions({ denyAfter: 121 });
    expect(o.after).toMatchObject({ denied: true, attempts: 121, secondsToDenied: 240 });
    expect(judgeLive(iamPolicyEvaluation, 'A17.deleted-key-leaves-session-credentials-valid', o).outcome).toBe('pass');
  });

  test.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('on %s while the role carries the revocation, it is deleted before the process exits (%i)', async (signal, code) => {
    const exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const before = INTERRUPT_SIGNALS.map((s) => process.listenerCount(s));
    try {
      const c = ctx();
      mockSessions(c, { signalOnPoll: signal });
      await c.observe(sessions);
      await new Promise((resolve) => setImmediate(resolve));
      expect(c.progressLog).toContain(`${signal}: deleting AWSRevokeOlderSessions from ${OUTPUTS.RevocableRoleName} before exiting (press Ctrl-C again to exit at once)`);
      expect(c.progressLog).toContain(`deleted AWSRevokeOlderSessions from ${OUTPUTS.RevocableRoleName}`);
      const deletes = iam.commandCalls(DeleteRolePolicyCommand).map((x) => x.args[0].input);
      expect(deletes[0]).toEqual({ RoleName: OUTPUTS.RevocableRoleName, PolicyName: 'AWSRevokeOlderSessions' });
      expect(exit).toHaveBeenCalledWith(code);
      // No handler is left behind: a later signal is Node's again.
      expect(INTERRUPT_SIGNALS.map((s) => process.listenerCount(s))).toEqual(before);
    } finally {
      exit.mockRestore();
    }
  });

  test('a revocation left by an interrupted run is removed first', async () => {
    const o = await observeSessions({ leftover: true });
    expect(o.leftoverRemoved).toBe(true);
    expect(iam.commandCalls(DeleteRolePolicyCommand)).toHaveLength(2);
  });
});

describe('example', () => {
  test('its example run (test/fixtures/example-run.json) is the truthful world recorded: every live claim passes, the example says it is one', async () => {
    const c = ctx();
    // The sessions' GetRole answers any role; the reads' answer for the bounded role (its boundary) is more specific, so it goes last.
    mockSessions(c);
    mockReads();
    mockSimulator();
    // GetCallerIdentity as STS answers it: for the assumed sessions' credentials the session, for the caller's own the caller.
    sts.on(GetCallerIdentityCommand).callsFake(async (_input, getClient) => {
      const { accessKeyId } = await (getClient() as any).config.credentials();
      const which = accessKeyId.includes('FIRST') ? 'first' : accessKeyId.includes('SECOND') ? 'second' : undefined;
      return which
        ? { UserId: 'AROAEXAMPLE:lab', Account: ACCOUNT, Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${OUTPUTS.RevocableRoleName}/${which}` }
        : { UserId: 'AIDAEXAMPLE', Account: ACCOUNT, Arn: arn('user/admin') };
    });
    const claims = indexClaims(CATALOG);
    const record = await recordExampleRun(iamPolicyEvaluation, c, (id) => claims.get(id)?.claim, 'a truthful world: IAM policy simulation, IAM and STS answering as their API references give them, in an account outside any organization');
    expect(record.results.filter((r) => r.outcome !== 'pass' && r.outcome !== 'skipped')).toEqual([]);
    expectToMatchFileSnapshot(record, path.join(__dirname, 'fixtures', 'example-run.json'));
  });
});
