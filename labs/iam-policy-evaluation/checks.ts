/**
 * The checks of B1, B11, B16, I11, I16, A17, A24, A28, A34, T5 and T10, keyed by catalog claim id:
 * the template evidence that the lab is built to show each claim, and the judgement of what IAM's
 * policy simulator and STS answered. The claims' text lives in the catalog.
 */
import type { ClaimCheck } from '../../lib/lab-kit/checks/lab-definition';
import { live } from '../../lib/lab-kit/checks/lab-definition';
import { decisive, type Expectation, expectAtLeast, expectBetween, expectEqual, expectThat, type Judgement, type Precondition, requires } from '../../lib/lab-kit/checks/judgement';
import { REVOKE_OLDER_SESSIONS_POLICY_NAME } from '../../lib/identity/revoke-older-sessions';
import { actionMatches, allows, type LabFacts, type PolicyFacts, type StatementFacts } from './facts';
import { READY_MAX_MS, simulations, type SimulationsObservation } from './observe';
import { deniedByIdentityPolicy, IDENTITY_POLICY_DENY, REVOKE_WAIT_MAX_MS, sessions, type SessionsObservation } from './observe-sessions';
import { ALLOWED_REGIONS, NEVER_AFTER } from './policies';
import { type Scenario, scenariosOf, simulationEnv } from './scenarios';

const SIMULATION_METHOD =
  'SimulateCustomPolicy / SimulatePrincipalPolicy, one request per action and resource, with the deployed policies read by GetPolicy and GetPolicyVersion; ' +
  'EvalDecision compared with the decision the evaluation logic predicts ("Policy evaluation logic")';

/** What each claim says that a passing live run does not exercise. */
export const NOT_EXERCISED = {
  'B11.same-account-bucket-policy-alone-suffices':
    'a real instance role reading a real object: the simulator takes only an IAM user as the caller of a resource policy, so the caller is a simulated user of your account, not a role',
  'B11.explicit-deny-or-network-path-blocks-s3':
    "VPC endpoint policies, RCPs, KMS key policies for SSE-KMS objects, ACLs and the network path; an SCP deny (the simulator evaluates your organization's SCPs, but the lab writes none: a request they denied is inconclusive)",
  'B16.s3-wildcard-excludes-other-s3-prefixes': "an SCP or RCP limiting s3:* (the simulator evaluates your organization's SCPs, the lab writes none); Object Lambda actions",
  'I11.mfa-deny-exempts-enrolment-with-notaction': 'a real sign-in: the MFA context is simulated; GetSessionToken with an MFA code (no IAM users in the lab)',
  'A17.deleted-key-leaves-session-credentials-valid':
    "the claim's first half, that sessions outlive the deletion of the access key that obtained them: the lab has no IAM users or access keys, so this pass rests on the other half only (a session stays valid until a deny on aws:TokenIssueTime ends it, and one assumed after it works); a run in which deleting a key did end sessions would pass all the same",
  'A24.inline-policy-lives-with-its-identity': 'deleting the role (its inline policy would go with it; the managed policy would stay)',
  'A28.permissions-boundaries-block-escalation': 'a delegated admin creating roles under an iam:PermissionsBoundary condition; iam:PassRole scoping; SCPs',
  'A34.region-deny-example-needs-us-east-1': 'the SCP form in an organization; global services with endpoints in us-west-2',
  'T10.runtask-also-needs-iam-passrole':
    'that RunTask needs iam:PassRole: the simulator judges each action alone and RunTask is never called, so the run shows only that the policy grants RunTask on prod and no iam:PassRole; the need itself is what "Amazon ECS task IAM role" documents, not something this run observed',
  'T5.group-policies-persist-for-new-members': 'a member leaving and a new one joining (the lab has no IAM users): the simulation shows the group\'s policies deciding for any member',
} as const;

// ---------------------------------------------------------------------------------------------
// Offline: the template
// ---------------------------------------------------------------------------------------------

const statementWith = (p: PolicyFacts | undefined, pred: (s: StatementFacts) => boolean) => p?.statements.find(pred);
const conditionValues = (s: StatementFacts | undefined, op: string, key: string) => s?.conditions[op]?.[key] ?? [];
const listed = (values: readonly string[]) => (values.length ? values.join(', ') : 'none');

function offlineJudgement(observed: string, method: string, expectations: Expectation[]): Judgement {
  return { observed, method: `template: ${method}`, expectations };
}

/** The MFA policy's deny: NotAction exempting enrolment, BoolIfExists false, attached to the group. */
function mfaOffline(f: LabFacts): Judgement {
  const deny = statementWith(f.requireMfa, (s) => s.effect === 'Deny');
  const exempt = deny?.notActions ?? [];
  return offlineJudgement(
    `The MFA policy's deny has NotAction ${listed(exempt)}, Action ${listed(deny?.actions ?? [])}, BoolIfExists aws:MultiFactorAuthPresent ${listed(conditionValues(deny, 'BoolIfExists', 'aws:MultiFactorAuthPresent'))}.`,
    'the RequireMfaPolicyArn managed policy and the group it is attached to',
    [
      expectThat('the deny lists its exceptions with NotAction (no Action)', exempt.length > 0 && (deny?.actions.length ?? 0) === 0, deny ? `NotAction ${listed(exempt)}` : 'no deny statement'),
      expectThat('iam:EnableMFADevice and sts:GetSessionToken are exempt', ['iam:EnableMFADevice', 'sts:GetSessionToken'].every((a) => exempt.some((p) => actionMatches(p, a))), listed(exempt)),
      expectEqual('BoolIfExists aws:MultiFactorAuthPresent', ['false'], conditionValues(deny, 'BoolIfExists', 'aws:MultiFactorAuthPresent')),
      expectThat('attached to the group', f.requireMfa.groups.includes(f.group.logicalId), listed(f.requireMfa.groups)),
    ],
  );
}

function regionOffline(f: LabFacts): Judgement {
  const deny = statementWith(f.regionRestriction, (s) => s.effect === 'Deny');
  const regions = conditionValues(deny, 'StringNotEquals', 'aws:RequestedRegion');
  const exempt = deny?.notActions ?? [];
  return offlineJudgement(
    `The Region deny allows ${listed(regions)} and exempts ${listed(exempt)}.`,
    'the RegionRestrictionPolicyArn managed policy',
    [
      expectThat('global services exempted with NotAction (iam:*, route53:*)', ['iam:ListRoles', 'route53:ListHostedZones'].every((a) => exempt.some((p) => actionMatches(p, a))), listed(exempt)),
      expectThat('us-east-1 not among the allowed Regions (so the exemption, not the list, keeps IAM working)', regions.length > 0 && !regions.includes('us-east-1'), listed(regions)),
      expectEqual('allowed Regions', [...ALLOWED_REGIONS], regions),
      expectThat('attached to the group', f.regionRestriction.groups.includes(f.group.logicalId), listed(f.regionRestriction.groups)),
    ],
  );
}

function s3WildcardOffline(f: LabFacts): Judgement {
  const s = f.s3Wildcard.statements;
  return offlineJudgement(
    `B16's policy has ${s.length} statement(s): ${s.map((x) => `${x.effect} ${listed(x.actions)} on ${listed(x.resources)}`).join('; ')}.`,
    'the S3WildcardPolicyArn managed policy',
    [expectThat("one statement, Allow s3:* on * (the seed's policy)", s.length === 1 && s[0].effect === 'Allow' && s[0].actions.join() === 's3:*' && s[0].resources.join() === '*', listed(s.map((x) => `${x.effect} ${listed(x.actions)} on ${listed(x.resources)}`)))],
  );
}

function companyDataOffline(f: LabFacts, what: 'listbucket' | 'runtask'): Judgement {
  const p = f.companyData;
  const list = statementWith(p, (s) => s.actions.includes('s3:ListBucket'));
  const run = statementWith(p, (s) => s.actions.includes('ecs:RunTask'));
  const expectations =
    what === 'listbucket'
      ? [
          expectThat('s3:ListBucket on the bucket ARN (no /*)', !!list && list.resources.every((r) => /:s3:::company-data$/.test(r)), listed(list?.resources ?? [])),
          expectThat('no s3:GetObject', !allows(p, 's3:GetObject'), allows(p, 's3:GetObject') ? 'allowed' : 'not allowed'),
        ]
      : [
          expectThat('ecs:RunTask on every revision of update-tables', !!run && run.resources.some((r) => r.endsWith(':task-definition/update-tables:*')), listed(run?.resources ?? [])),
          expectThat('only on the prod cluster (ArnEquals ecs:cluster)', conditionValues(run, 'ArnEquals', 'ecs:cluster').some((c) => c.endsWith(':cluster/prod')), listed(conditionValues(run, 'ArnEquals', 'ecs:cluster'))),
          expectThat('no iam:PassRole', !allows(p, 'iam:PassRole'), allows(p, 'iam:PassRole') ? 'allowed' : 'not allowed'),
        ];
  return offlineJudgement(`T10's policy: ${p.statements.map((s) => `${listed(s.actions)} on ${listed(s.resources)}`).join('; ')}.`, 'the CompanyDataPolicyArn managed policy', expectations);
}

function dynamoOffline(f: LabFacts, what: 'items' | 'indexes'): Judgement {
  const items = f.dynamoDbItems;
  const table = f.dynamoDbTable;
  const resources = (p: PolicyFacts) => p.statements.flatMap((s) => s.resources);
  const expectations =
    what === 'items'
      ? [
          expectEqual("I16's item actions", ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], [...items.statements.flatMap((s) => s.actions)].sort()),
          expectThat('no Query, Scan or batch action', !['dynamodb:Query', 'dynamodb:Scan', 'dynamodb:BatchGetItem'].some((a) => allows(items, a)), listed(items.statements.flatMap((s) => s.actions))),
        ]
      : [
          expectThat("I16's policy names the table ARN only", resources(items).length > 0 && resources(items).every((r) => r.endsWith(':table/Orders')), listed(resources(items))),
          expectThat('the documented policy also names the indexes (table/Orders/index/*)', resources(table).some((r) => r.endsWith(':table/Orders/index/*')), listed(resources(table))),
        ];
  return offlineJudgement(`I16's policy: ${listed(resources(items))}; the documented one: ${listed(resources(table))}.`, 'the DynamoDbItemPolicyArn and DynamoDbTablePolicyArn managed policies', expectations);
}

function trustsOwnAccountOnly(f: LabFacts): Expectation {
  const t = f.revocable.trustedPrincipals;
  return expectThat('the role trusts only its own account (arn:...:iam::<AWS::AccountId>:root)', t.length > 0 && t.every((p) => /^arn:<AWS::Partition>:iam::<AWS::AccountId>:root$/.test(p)), listed(t));
}

function noLongTermCredentials(f: LabFacts): Expectation {
  return expectThat('no IAM users or access keys in the template', f.longTermCredentials.length === 0, listed(f.longTermCredentials));
}

function revocableOffline(f: LabFacts, claim: 'B1' | 'A17'): Judgement {
  const r = f.revocable;
  const canGetRole = r.inline.some((p) => allows(p, 'iam:GetRole'));
  const expectations = [trustsOwnAccountOnly(f), expectThat('assumed with sts:AssumeRole', r.trustActions.includes('sts:AssumeRole'), listed(r.trustActions)), noLongTermCredentials(f)];
  if (claim === 'A17') expectations.push(expectThat('its sessions may call iam:GetRole (what the revocation must take away)', canGetRole, canGetRole ? 'yes' : 'no inline policy allows it'));
  return offlineJudgement(`The revocable role trusts ${listed(r.trustedPrincipals)}; ${f.longTermCredentials.length} IAM user(s) or access key(s) in the template.`, 'the RevocableRoleArn role', expectations);
}

function boundaryOffline(f: LabFacts): Judgement {
  const b = f.bounded;
  const grantsIam = b.inline.some((p) => allows(p, 'iam:CreateRole'));
  const boundaryAllows = allows(b.boundaryPolicy, 'iam:CreateRole');
  return offlineJudgement(
    `The bounded role's identity policy ${grantsIam ? 'allows' : 'does not allow'} iam:CreateRole; its boundary ${b.boundaryPolicy ? (boundaryAllows ? 'allows' : 'does not allow') : 'is missing, so nothing caps'} it.`,
    'the BoundedRoleArn role, its inline policy and PermissionsBoundary',
    [
      expectThat('a permissions boundary is set (a managed policy of the stack)', !!b.boundaryPolicy, b.boundary ?? 'none'),
      expectThat(
        `nobody can assume the role (its trust allows AssumeRole only before ${NEVER_AFTER}, DateLessThan aws:CurrentTime)`,
        conditionValues({ conditions: b.trustConditions } as StatementFacts, 'DateLessThan', 'aws:CurrentTime').join() === NEVER_AFTER,
        listed(Object.entries(b.trustConditions).flatMap(([op, keys]) => Object.entries(keys).map(([k, v]) => `${op} ${k} ${v.join(' ')}`))),
      ),
      expectThat('the identity policy grants iam:CreateRole', grantsIam, grantsIam ? 'yes' : 'no'),
      expectThat('the boundary leaves iam:CreateRole out', !!b.boundaryPolicy && !boundaryAllows, boundaryAllows ? 'the boundary allows it' : 'left out'),
    ],
  );
}

function groupOffline(f: LabFacts): Judgement {
  return offlineJudgement(
    `The group has ${f.group.members} member(s) and ${f.group.managed.length} attached managed polic(ies): ${listed(f.group.managed)}.`,
    'the GroupName group, AWS::IAM::UserToGroupAddition and AWS::IAM::User resources',
    [
      expectEqual('members', 0, f.group.members),
      expectThat("T10's policy attached to the group", f.group.managed.includes(f.companyData.logicalId), listed(f.group.managed)),
      noLongTermCredentials(f),
    ],
  );
}

function managedVsInlineOffline(f: LabFacts): Judgement {
  const attachments = f.companyData.groups.length + f.companyData.roles.length;
  return offlineJudgement(
    `T10's managed policy is attached to ${attachments} identit(ies); the revocable role has ${f.revocable.inline.length} inline polic(ies).`,
    'AWS::IAM::ManagedPolicy Groups and Roles; AWS::IAM::Policy naming the role',
    [
      expectAtLeast('identities the one managed policy is attached to', 2, attachments),
      expectThat('the revocable role has an inline policy of its own', f.revocable.inline.length > 0, String(f.revocable.inline.length)),
    ],
  );
}

function bucketPolicyOffline(f: LabFacts, claim: 'same-account' | 'explicit-deny'): Judgement {
  const identityReads = allows(f.companyData, 's3:GetObject');
  const wildcardReads = allows(f.s3Wildcard, 's3:GetObject');
  return offlineJudgement(
    `T10's policy ${identityReads ? 'allows' : 'does not allow'} s3:GetObject; B16's s3:* ${wildcardReads ? 'allows' : 'does not allow'} it. The bucket policies are simulated (no bucket is deployed).`,
    'the CompanyDataPolicyArn and S3WildcardPolicyArn managed policies',
    claim === 'same-account'
      ? [
          expectThat("T10's policy does not allow s3:GetObject (so an allow can only come from the bucket policy)", !identityReads, identityReads ? 'allows it' : 'does not'),
          expectThat("B16's policy allows s3:GetObject (the identity side of the cross-account case)", wildcardReads, wildcardReads ? 'allows it' : 'does not'),
        ]
      : [expectThat("B16's policy allows s3:GetObject (so only a deny or a boundary can block it)", wildcardReads, wildcardReads ? 'allows it' : 'does not')],
  );
}

// ---------------------------------------------------------------------------------------------
// Live: the simulator
// ---------------------------------------------------------------------------------------------

function context(s: Scenario): string {
  const c = s.context;
  const parts = [c.mfa === undefined ? undefined : `MFA ${c.mfa}`, c.region ? `Region ${c.region}` : undefined, c.cluster ? `cluster ${c.cluster.split('/').pop()}` : undefined].filter(Boolean);
  return parts.length ? ` [${parts.join(', ')}]` : '';
}

/** A claim's simulations judged: every decision as predicted; a scenario the simulator refused is inconclusive. */
export function judgeSimulations(claim: keyof typeof NOT_EXERCISED | string, o: SimulationsObservation, extra: { expectations?: Expectation[]; preconditions?: Precondition[]; observed?: string } = {}): Judgement {
  const wanted = scenariosOf(claim, simulationEnv(o.env));
  const expectations: Expectation[] = [];
  const preconditions: Precondition[] = [...(extra.preconditions ?? [])];
  const seen: string[] = [];
  // Not visible after the readiness wait: a decision may predate the deploy's writes, so none is decisive.
  const ready = o.readiness.visible;
  const usesDeployedPrincipal = wanted.some((s) => !!s.principal);
  if (!ready && usesDeployedPrincipal) preconditions.push(requires(`IAM showed the group's policies and the bounded role's boundary and inline policy within ${READY_MAX_MS / 1000} s`, false, `still missing after ${o.readiness.waitedSeconds} s: ${o.readiness.missing.join('; ')}`));
  for (const s of wanted) {
    const r = o.results.find((x) => x.id === s.id);
    const answers: string[] = [];
    preconditions.push(requires(`the simulator answered "${s.what}"`, !!r && !r.error && r.steps.length === s.steps.length, r?.error ?? (r ? `${r.steps.length} of ${s.steps.length} answers` : 'not run')));
    for (const [i, step] of s.steps.entries()) {
      const got = r?.steps[i];
      const answered = got?.action === step.action && got.resource === step.resource && got.decision !== undefined;
      preconditions.push(requires(`a decision for ${step.action} (${s.id})`, answered, answered ? got!.decision! : 'none'));
      if (!answered) continue;
      // An SCP that denies the request decides it before the lab's policies do, so the decision is
      // your organization's, not the evaluation logic the claim is about (see observe.ts).
      const byScp = got!.allowedByOrganizations === false;
      if (byScp) preconditions.push(requires(`your organization's SCPs allowed ${step.action} on ${step.resource} (${s.id}), so the lab's policies decided it`, false, 'OrganizationsDecisionDetail.AllowedByOrganizations false: an SCP denied it'));
      const expectation = expectEqual(`${step.action} on ${step.resource}: ${s.what}${context(s)}`, step.expect, got!.decision);
      expectations.push(byScp || (!ready && !!s.principal) ? expectation : decisive(expectation));
      answers.push(`${step.action} ${got!.decision}${byScp ? " (denied by your organization's SCPs)" : ''}${got!.matched.length ? ` (matched ${got!.matched.join('; ')})` : ''}`);
    }
    if (answers.length > 0) seen.push(`[${s.id}] ${answers.join(', ')}`);
  }
  expectations.push(...(extra.expectations ?? []));
  if (expectations.length === 0) expectations.push(expectThat('the simulator answered at least one request', false, 'none answered'));
  const missing = [...new Set(o.results.filter((r) => wanted.some((s) => s.id === r.id)).flatMap((r) => r.steps.flatMap((x) => x.missingContext)))];
  return {
    observed: `${extra.observed ? `${extra.observed} ` : ''}IAM's simulator answered: ${seen.join('; ') || 'nothing'}${missing.length ? `; context keys it reported missing: ${missing.join(', ')}` : ''}.`,
    method: SIMULATION_METHOD,
    preconditions,
    expectations,
    notExercised: (NOT_EXERCISED as Record<string, string>)[claim],
  };
}

const simulated = (claim: string) => live(simulations, (o: SimulationsObservation) => judgeSimulations(claim, o));

function groupLive(o: SimulationsObservation): Judgement {
  const companyData = o.policies.CompanyDataPolicyArn.arn;
  return judgeSimulations('T5.group-policies-persist-for-new-members', o, {
    observed: `GetGroup lists ${o.group.members} member(s); ListAttachedGroupPolicies lists ${o.group.attachedPolicies.length}: ${listed(o.group.attachedPolicies.map((a) => a.split('/').pop() ?? a))}.`,
    preconditions: [requires('the group has no members (the state after everyone left)', o.group.members === 0, `${o.group.members} member(s)`)],
    expectations: [expectThat("the group still holds T10's policy", o.group.attachedPolicies.includes(companyData), listed(o.group.attachedPolicies))],
  });
}

function managedVsInlineLive(o: SimulationsObservation): Judgement {
  const p = o.policies.CompanyDataPolicyArn;
  return {
    observed: `GetPolicy: ${p.arn} (default version ${p.versionId ?? '?'}) is attached to ${p.attachmentCount ?? '?'} identities; ListRolePolicies on the revocable role lists ${listed(o.roleInlinePolicies)} (names, no ARN).`,
    method: 'GetPolicy (Arn, DefaultVersionId, AttachmentCount) on the managed policy, after the attachments were seen (ListAttachedGroupPolicies); ListRolePolicies on the role, which returns inline policy names only ("ListRolePolicies", IAM API Reference)',
    // IAM is eventually consistent: an attachment not yet visible is not yet counted either.
    preconditions: o.readiness ? [requires("the group's policy attachments were visible (IAM is eventually consistent)", o.readiness.visible, o.readiness.visible ? `after ${o.readiness.waitedSeconds} s` : `missing: ${o.readiness.missing.join('; ')}`)] : [],
    expectations: [
      expectAtLeast('identities the managed policy is attached to (AttachmentCount)', 2, p.attachmentCount),
      expectThat('the managed policy has its own ARN and a default version', p.arn.includes(':policy/') && !!p.versionId, `${p.arn} ${p.versionId ?? 'no version'}`),
      expectAtLeast('inline policies on the role (ListRolePolicies)', 1, o.roleInlinePolicies.length),
    ],
    notExercised: NOT_EXERCISED['A24.inline-policy-lives-with-its-identity'],
  };
}

// ---------------------------------------------------------------------------------------------
// Live: STS sessions
// ---------------------------------------------------------------------------------------------

/**
 * The prefix of temporary access key ids ("ASIA": "IAM identifiers", unique ID prefixes,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids).
 */
export const TEMPORARY_KEY_PREFIX = 'ASIA';
/**
 * The margin on B1's expiry: the response's `Date` is in whole seconds (RFC 9110, IMF-fixdate), so
 * Expiration minus Date can exceed DurationSeconds by up to 1 s; nothing else is allowed for.
 */
export const DATE_RESOLUTION_S = 1;

function b1Live(o: SessionsObservation): Judgement {
  const f = o.first;
  const roleName = o.roleArn.split('/').pop();
  return {
    observed:
      `AssumeRole returned an access key id starting ${f.accessKeyIdPrefix}, a session token of ${f.sessionTokenLength} characters and an expiry ${f.secondsToExpiry ?? '?'} s after the response's Date ` +
      `(${f.awsDate ?? 'no Date header'} → ${f.expiration ?? 'none'}; ${f.localSecondsToExpiry ?? '?'} s by this machine's clock, not judged); GetCallerIdentity with them: ${f.callerArn ?? 'none'}.`,
    method: `sts:AssumeRole (DurationSeconds ${o.durationSeconds}) on the revocable role, Expiration compared with the response's Date header (AWS's clock), then sts:GetCallerIdentity with the returned credentials; only the key id's prefix and the token's length are kept`,
    figures: [
      { name: "seconds to expiry (AWS's clock)", value: f.secondsToExpiry ?? NaN, unit: 's' },
      { name: "seconds to expiry (this machine's clock, not judged)", value: f.localSecondsToExpiry ?? NaN, unit: 's' },
    ],
    preconditions: [requires("AWS's clock was read (the Date header of the AssumeRole response)", f.secondsToExpiry !== undefined, f.awsDate ?? 'no Date header')],
    expectations: [
      expectEqual('access key id prefix (temporary credentials)', TEMPORARY_KEY_PREFIX, f.accessKeyIdPrefix),
      expectThat('a session token came with them', f.sessionTokenLength > 0, `${f.sessionTokenLength} characters`),
      expectBetween(`seconds from the response's Date until they expire (DurationSeconds ${o.durationSeconds}, plus ${DATE_RESOLUTION_S} s for Date's whole seconds)`, 1, o.durationSeconds + DATE_RESOLUTION_S, f.secondsToExpiry, 's'),
      expectThat('GetCallerIdentity names an assumed-role session of the role', !!f.callerArn && f.callerArn.includes(`:assumed-role/${roleName}/`), f.callerArn ?? 'none'),
    ],
  };
}

/** The AWS CLI command that deletes the revocation by hand. */
export function deleteRevocationCommand(roleName: string): string {
  return `aws iam delete-role-policy --role-name ${roleName} --policy-name ${REVOKE_OLDER_SESSIONS_POLICY_NAME}`;
}

function a17Live(o: SessionsObservation): Judgement {
  const s = o.second;
  // Judged on the message too, so a recorded run whose observation counted any AccessDenied is read rightly.
  const after = { ...o.after, denied: o.after.denied && deniedByIdentityPolicy(o.after.last) };
  // Removing the lab's own revocation is the lab's hygiene, not AWS's behaviour for A17: a refusal
  // (AccessDenied from your policy or an SCP, for instance) is an error of the check, never a fail.
  if (o.cleanup.error) {
    const roleName = o.roleArn.split('/').pop() ?? o.roleArn;
    throw new Error(
      `DeleteRolePolicy refused to remove ${REVOKE_OLDER_SESSIONS_POLICY_NAME} from role ${roleName} (${o.cleanup.error}), so A17 was not judged. ` +
        `The policy is still on the role, denying every session issued before ${o.revokedBefore ?? '?'}, and CloudFormation cannot delete the role while it is there. ` +
        `Remove it with rights to iam:DeleteRolePolicy: ${deleteRevocationCommand(roleName)} (or run the check again, which removes it first).`,
    );
  }
  return {
    observed:
      `Before the revocation the first session called iam:GetRole: ${o.before.allowed ? 'allowed' : o.before.error}. After ${REVOKE_OLDER_SESSIONS_POLICY_NAME} (tokens issued before ${o.revokedBefore ?? '?'}) ` +
      `it was ${after.denied ? `denied after ${after.secondsToDenied} s (${after.attempts} tries): ${after.last?.error}` : `still allowed after ${after.waitedSeconds} s`}; ` +
      `a session assumed afterwards (issued ${s?.issuedAt ?? '?'}) was ${s ? (s.call.allowed ? 'allowed' : `refused: ${s.call.error}`) : 'not assumed'}. The revocation was ${o.cleanup.removed ? 'removed' : `not removed${o.cleanup.error ? ` (${o.cleanup.error})` : ''}`}.`,
    method:
      `AssumeRole; iam:GetRole with the session; PutRolePolicy ${REVOKE_OLDER_SESSIONS_POLICY_NAME} (Deny * when aws:TokenIssueTime is before the first session's issue time + 5 s, AWS's clock); ` +
      `iam:GetRole every 2 s for at most ${REVOKE_WAIT_MAX_MS / 1000} s (AWS: "It might take a few minutes for policy updates to take effect"; the lab reads a few as 3 and adds 2); a second AssumeRole and iam:GetRole; DeleteRolePolicy (also on SIGINT, SIGTERM, SIGHUP)`,
    figures: after.denied ? [{ name: 'revocation took effect after', value: after.secondsToDenied ?? NaN, unit: 's' }] : [{ name: 'waited without effect', value: after.waitedSeconds, unit: 's' }],
    preconditions: [
      requires('the first session could call iam:GetRole before the revocation', o.before.allowed, o.before.allowed ? 'yes' : (o.before.error ?? 'no')),
      requires(
        `the revocation took effect within the lab's ${REVOKE_WAIT_MAX_MS / 1000} s (a denial "${IDENTITY_POLICY_DENY}")`,
        after.denied,
        after.denied ? `after ${after.secondsToDenied} s` : `not after ${after.waitedSeconds} s${after.last?.denied ? `; the last denial was another: ${after.last.error}` : ''}`,
      ),
      requires('the second session was issued after the revocation time', !!s?.issuedAt && !!o.revokedBefore && Date.parse(s.issuedAt) > Date.parse(o.revokedBefore), s?.issuedAt ?? 'not assumed'),
    ],
    expectations: [
      expectThat('the session issued before the revocation is denied', after.denied, after.denied ? (after.last?.error ?? 'denied') : 'still allowed'),
      decisive(expectThat('a session assumed after the revocation is allowed', !s || s.call.allowed, s ? (s.call.allowed ? 'allowed' : (s.call.error ?? 'refused')) : 'not assumed')),
    ],
    notExercised: NOT_EXERCISED['A17.deleted-key-leaves-session-credentials-valid'],
  };
}

/** One entry per catalog claim the lab settles: an offline check, and a live one where AWS can show it. */
export const CHECKS: Record<string, ClaimCheck<LabFacts>> = {
  'B1.role-issues-temporary-credentials': { offline: (f) => revocableOffline(f, 'B1'), live: live(sessions, b1Live) },
  'B11.same-account-bucket-policy-alone-suffices': { offline: (f) => bucketPolicyOffline(f, 'same-account'), live: simulated('B11.same-account-bucket-policy-alone-suffices') },
  'B11.explicit-deny-or-network-path-blocks-s3': { offline: (f) => bucketPolicyOffline(f, 'explicit-deny'), live: simulated('B11.explicit-deny-or-network-path-blocks-s3') },
  'B16.s3-wildcard-excludes-other-s3-prefixes': { offline: s3WildcardOffline, live: simulated('B16.s3-wildcard-excludes-other-s3-prefixes') },
  'I11.mfa-deny-exempts-enrolment-with-notaction': { offline: mfaOffline, live: simulated('I11.mfa-deny-exempts-enrolment-with-notaction') },
  'I11.explicit-deny-overrides-any-allow': { offline: mfaOffline, live: simulated('I11.explicit-deny-overrides-any-allow') },
  'I16.table-arn-policy-needs-index-arns': { offline: (f) => dynamoOffline(f, 'indexes'), live: simulated('I16.table-arn-policy-needs-index-arns') },
  'I16.item-actions-miss-query-scan-and-batch': { offline: (f) => dynamoOffline(f, 'items'), live: simulated('I16.item-actions-miss-query-scan-and-batch') },
  'A17.deleted-key-leaves-session-credentials-valid': { offline: (f) => revocableOffline(f, 'A17'), live: live(sessions, a17Live) },
  'A24.inline-policy-lives-with-its-identity': { offline: managedVsInlineOffline, live: live(simulations, managedVsInlineLive) },
  'A28.permissions-boundaries-block-escalation': { offline: boundaryOffline, live: simulated('A28.permissions-boundaries-block-escalation') },
  'A34.region-deny-example-needs-us-east-1': { offline: regionOffline, live: simulated('A34.region-deny-example-needs-us-east-1') },
  'T5.group-policies-persist-for-new-members': { offline: groupOffline, live: live(simulations, groupLive) },
  'T10.listbucket-lists-keys-not-contents': { offline: (f) => companyDataOffline(f, 'listbucket'), live: simulated('T10.listbucket-lists-keys-not-contents') },
  'T10.runtask-also-needs-iam-passrole': { offline: (f) => companyDataOffline(f, 'runtask'), live: simulated('T10.runtask-also-needs-iam-passrole') },
};
