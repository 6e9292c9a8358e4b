/**
 * The policy simulations the lab runs, and the decision the truth predicts for each request: one
 * table per claim, read by the observation (what to ask IAM's simulator) and by the checks (what
 * AWS must answer). The decisions are the three of "EvaluationResult" (IAM API Reference,
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_EvaluationResult.html): EvalDecision
 * `allowed`, `explicitDeny` or `implicitDeny`.
 *
 * The predictions follow "Policy evaluation logic"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html): an
 * explicit deny in any policy wins; with none, a request is allowed only when a policy allows it and
 * no permissions boundary or session policy leaves it out; within one account an allow in either the
 * identity policy or the resource policy is enough, across accounts both must allow
 * ("Cross-account policy evaluation logic",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html).
 */
import {
  ALLOWED_REGIONS,
  allowAllPolicy,
  allowEnableMfaPolicy,
  blanketMfaDenyPolicy,
  bucketArn,
  clusterArn,
  type Env,
  INDEX,
  listOnlyBoundary,
  objectArn,
  type PolicyDoc,
  seedRegionDenyPolicy,
  tableArn,
  taskDefinitionArn,
} from './policies';

export type Decision = 'allowed' | 'explicitDeny' | 'implicitDeny';
export const DECISIONS: readonly Decision[] = ['allowed', 'explicitDeny', 'implicitDeny'];

/** The deployed customer managed policies a custom simulation reads (by the output naming each). */
export type DeployedPolicy = 'CompanyDataPolicyArn' | 'S3WildcardPolicyArn' | 'DynamoDbItemPolicyArn' | 'DynamoDbTablePolicyArn';
export const DEPLOYED_POLICIES: readonly DeployedPolicy[] = ['CompanyDataPolicyArn', 'S3WildcardPolicyArn', 'DynamoDbItemPolicyArn', 'DynamoDbTablePolicyArn'];

/** A policy a simulation includes: a deployed one (its default version, read from IAM) or a document of the lab. */
export type PolicyRef = { readonly deployed: DeployedPolicy } | { readonly name: string; readonly document: PolicyDoc };

/** The request context: MFA present (absent when undefined), requested Region, ECS cluster. */
export interface RequestContext {
  readonly mfa?: boolean;
  readonly region?: string;
  readonly cluster?: string;
}

export interface Step {
  readonly action: string;
  readonly resource: string;
  readonly expect: Decision;
}

export interface Scenario {
  readonly id: string;
  /** The claims whose checks judge it. */
  readonly claims: readonly string[];
  /** What it shows, in a few words (reported with each decision). */
  readonly what: string;
  /** SimulatePrincipalPolicy on the group or role this output names; absent: SimulateCustomPolicy. */
  readonly principal?: 'GroupArn' | 'BoundedRoleArn';
  /** Custom: the identity policies. Principal: extra policies added to the entity's own. */
  readonly policies: readonly PolicyRef[];
  /** A permissions boundary to simulate instead of the entity's own (or, custom, the only one). */
  readonly boundary?: PolicyRef;
  /** A bucket policy on company-data for the simulated caller, and whose account owns the bucket. */
  readonly bucketPolicy?: { readonly effect: 'Allow' | 'Deny'; readonly owner: 'same' | 'other' };
  readonly context: RequestContext;
  readonly steps: readonly Step[];
}

/** Where the simulations run, and the ARNs they name. */
export interface SimulationEnv extends Env {
  /**
   * The simulated caller of a simulation with a resource policy. The simulator takes only an IAM
   * user's ARN there ("CallerArn ... You can specify only the ARN of an IAM user. You cannot specify
   * the ARN of an assumed role, federated user, or a service principal": "SimulateCustomPolicy",
   * IAM API Reference, https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulateCustomPolicy.html),
   * and the lab creates no IAM user, so it names one of your account that need not exist.
   */
  readonly callerArn: string;
  /** An account that is not yours, as the owner of the bucket in the cross-account case. */
  readonly otherAccount: string;
}

export const SIMULATED_USER = 'iam-policy-evaluation-simulated-caller';

/** The AWS documentation's example account ids: one of them is surely not yours. */
export function otherAccountThan(account: string): string {
  return account === '111122223333' ? '444455556666' : '111122223333';
}

export function simulationEnv(env: Env): SimulationEnv {
  return { ...env, callerArn: `arn:${env.partition}:iam::${env.account}:user/${SIMULATED_USER}`, otherAccount: otherAccountThan(env.account) };
}

const allowAll: PolicyRef = { name: 'allow-all', document: allowAllPolicy() };

/** Every simulation of the lab, in the order they run. */
export function scenarios(e: SimulationEnv): Scenario[] {
  const userArn = `arn:${e.partition}:iam::${e.account}:user/${SIMULATED_USER}`;
  const mfaSteps = (ordinary: Decision, enrol: Decision): Step[] => [
    { action: 'iam:EnableMFADevice', resource: userArn, expect: enrol },
    { action: 's3:ListAllMyBuckets', resource: '*', expect: ordinary },
  ];
  const inAllowedRegion = ALLOWED_REGIONS[0];
  const mfaCases: Array<[string, boolean | undefined]> = [['absent', undefined], ['false', false], ['true', true]];
  return [
    // I11: the deployed NotAction form, on the group (with an allow-all beside it), then the seed's blanket deny.
    ...mfaCases.map(([name, mfa]): Scenario => ({
      id: `mfa-notaction-${name}`,
      claims: mfa === true ? ['I11.mfa-deny-exempts-enrolment-with-notaction'] : ['I11.mfa-deny-exempts-enrolment-with-notaction', 'I11.explicit-deny-overrides-any-allow'],
      what: `the group's NotAction MFA deny with an allow-all beside it, MFA ${name}`,
      principal: 'GroupArn',
      policies: [allowAll],
      context: { mfa, region: inAllowedRegion },
      steps: mfaSteps(mfa === true ? 'allowed' : 'explicitDeny', 'allowed'),
    })),
    ...mfaCases.map(([name, mfa]): Scenario => ({
      id: `mfa-blanket-${name}`,
      claims: ['I11.mfa-deny-exempts-enrolment-with-notaction'],
      what: `the seed's blanket deny (Deny * with BoolIfExists) with an allow-all, MFA ${name}`,
      policies: [{ name: 'seed-blanket-mfa-deny', document: blanketMfaDenyPolicy() }, allowAll],
      context: { mfa },
      steps: mfaSteps(mfa === true ? 'allowed' : 'explicitDeny', mfa === true ? 'allowed' : 'explicitDeny'),
    })),
    {
      id: 'mfa-second-allow',
      claims: ['I11.explicit-deny-overrides-any-allow'],
      what: "the seed's blanket deny, an allow-all and a second policy allowing iam:EnableMFADevice, MFA false",
      policies: [{ name: 'seed-blanket-mfa-deny', document: blanketMfaDenyPolicy() }, allowAll, { name: 'allow-enable-mfa', document: allowEnableMfaPolicy() }],
      context: { mfa: false },
      steps: [{ action: 'iam:EnableMFADevice', resource: userArn, expect: 'explicitDeny' }],
    },
    // A34: the deployed Region restriction on the group, then the seed's form with and without us-east-1.
    {
      id: 'region-deployed-us-east-1',
      claims: ['A34.region-deny-example-needs-us-east-1'],
      what: `the group's Region restriction (${ALLOWED_REGIONS.join(', ')}; global services exempted), a request to us-east-1`,
      principal: 'GroupArn',
      policies: [allowAll],
      context: { mfa: true, region: 'us-east-1' },
      steps: [
        { action: 'iam:ListRoles', resource: '*', expect: 'allowed' },
        { action: 'route53:ListHostedZones', resource: '*', expect: 'allowed' },
        { action: 'ec2:DescribeInstances', resource: '*', expect: 'explicitDeny' },
      ],
    },
    {
      id: 'region-deployed-allowed',
      claims: ['A34.region-deny-example-needs-us-east-1'],
      what: `the group's Region restriction, a request to ${inAllowedRegion}`,
      principal: 'GroupArn',
      policies: [allowAll],
      context: { mfa: true, region: inAllowedRegion },
      steps: [{ action: 'ec2:DescribeInstances', resource: '*', expect: 'allowed' }],
    },
    {
      id: 'region-seed-without-us-east-1',
      claims: ['A34.region-deny-example-needs-us-east-1'],
      what: `the seed's Region deny (no exemptions) listing ${ALLOWED_REGIONS.join(', ')}, a request to us-east-1`,
      policies: [{ name: 'seed-region-deny', document: seedRegionDenyPolicy(ALLOWED_REGIONS) }, allowAll],
      context: { region: 'us-east-1' },
      steps: [
        { action: 'iam:ListRoles', resource: '*', expect: 'explicitDeny' },
        { action: 'route53:ListHostedZones', resource: '*', expect: 'explicitDeny' },
      ],
    },
    {
      id: 'region-seed-with-us-east-1',
      claims: ['A34.region-deny-example-needs-us-east-1'],
      what: "the seed's Region deny with us-east-1 on its list, a request to us-east-1",
      policies: [{ name: 'seed-region-deny-with-us-east-1', document: seedRegionDenyPolicy([...ALLOWED_REGIONS, 'us-east-1']) }, allowAll],
      context: { region: 'us-east-1' },
      steps: [
        { action: 'iam:ListRoles', resource: '*', expect: 'allowed' },
        { action: 'ec2:DescribeInstances', resource: '*', expect: 'allowed' },
      ],
    },
    // B16: what s3:* covers.
    {
      id: 's3-wildcard',
      claims: ['B16.s3-wildcard-excludes-other-s3-prefixes'],
      what: "B16's s3:* on * alone",
      policies: [{ deployed: 'S3WildcardPolicyArn' }],
      context: {},
      steps: [
        { action: 's3:GetObject', resource: objectArn(e), expect: 'allowed' },
        { action: 's3:PutBucketPolicy', resource: bucketArn(e), expect: 'allowed' },
        { action: 's3express:CreateSession', resource: `arn:${e.partition}:s3express:${e.region}:${e.account}:bucket/lab--use1-az4--x-s3`, expect: 'implicitDeny' },
        { action: 's3tables:CreateTableBucket', resource: `arn:${e.partition}:s3tables:${e.region}:${e.account}:bucket/lab`, expect: 'implicitDeny' },
      ],
    },
    {
      id: 's3-wildcard-bucket-deny',
      claims: ['B16.s3-wildcard-excludes-other-s3-prefixes', 'B11.explicit-deny-or-network-path-blocks-s3'],
      what: "s3:* on * with a bucket policy denying the caller s3:GetObject, same account",
      policies: [{ deployed: 'S3WildcardPolicyArn' }],
      bucketPolicy: { effect: 'Deny', owner: 'same' },
      context: {},
      steps: [{ action: 's3:GetObject', resource: objectArn(e), expect: 'explicitDeny' }],
    },
    {
      id: 's3-wildcard-boundary',
      claims: ['B11.explicit-deny-or-network-path-blocks-s3'],
      what: 's3:* on * under a permissions boundary that allows s3:ListBucket only',
      policies: [{ deployed: 'S3WildcardPolicyArn' }],
      boundary: { name: 'list-only-boundary', document: listOnlyBoundary() },
      context: {},
      steps: [
        { action: 's3:GetObject', resource: objectArn(e), expect: 'implicitDeny' },
        { action: 's3:ListBucket', resource: bucketArn(e), expect: 'allowed' },
      ],
    },
    // B11: the bucket policy alone, in one account and across two.
    {
      id: 'bucket-policy-same-account',
      claims: ['B11.same-account-bucket-policy-alone-suffices'],
      what: "T10's policy (no s3:GetObject) and a bucket policy allowing the caller s3:GetObject, same account",
      policies: [{ deployed: 'CompanyDataPolicyArn' }],
      bucketPolicy: { effect: 'Allow', owner: 'same' },
      context: {},
      steps: [{ action: 's3:GetObject', resource: objectArn(e), expect: 'allowed' }],
    },
    {
      id: 'no-bucket-policy',
      claims: ['B11.same-account-bucket-policy-alone-suffices'],
      what: "T10's policy alone (the control: the identity policy does not allow s3:GetObject)",
      policies: [{ deployed: 'CompanyDataPolicyArn' }],
      context: {},
      steps: [{ action: 's3:GetObject', resource: objectArn(e), expect: 'implicitDeny' }],
    },
    {
      id: 'bucket-policy-cross-account',
      claims: ['B11.same-account-bucket-policy-alone-suffices'],
      what: `the same bucket policy, the bucket owned by another account (${e.otherAccount})`,
      policies: [{ deployed: 'CompanyDataPolicyArn' }],
      bucketPolicy: { effect: 'Allow', owner: 'other' },
      context: {},
      steps: [{ action: 's3:GetObject', resource: objectArn(e), expect: 'implicitDeny' }],
    },
    {
      id: 'both-sides-cross-account',
      claims: ['B11.same-account-bucket-policy-alone-suffices'],
      what: `an identity policy allowing s3:* and the bucket policy, bucket owned by another account (${e.otherAccount})`,
      policies: [{ deployed: 'S3WildcardPolicyArn' }],
      bucketPolicy: { effect: 'Allow', owner: 'other' },
      context: {},
      steps: [{ action: 's3:GetObject', resource: objectArn(e), expect: 'allowed' }],
    },
    // T10: what the example policy grants.
    {
      id: 'company-data-s3',
      claims: ['T10.listbucket-lists-keys-not-contents'],
      what: "T10's policy, S3 requests",
      policies: [{ deployed: 'CompanyDataPolicyArn' }],
      context: {},
      steps: [
        { action: 's3:ListBucket', resource: bucketArn(e), expect: 'allowed' },
        { action: 's3:GetObject', resource: objectArn(e), expect: 'implicitDeny' },
        { action: 's3:ListBucket', resource: bucketArn(e, 'other-bucket'), expect: 'implicitDeny' },
      ],
    },
    ...(['prod', 'staging'] as const).map((cluster): Scenario => ({
      id: `company-data-ecs-${cluster}`,
      claims: ['T10.runtask-also-needs-iam-passrole'],
      what: `T10's policy, RunTask on the ${cluster} cluster`,
      policies: [{ deployed: 'CompanyDataPolicyArn' }],
      context: { cluster: clusterArn(e, cluster) },
      steps: [
        { action: 'ecs:RunTask', resource: taskDefinitionArn(e, 7), expect: cluster === 'prod' ? 'allowed' : 'implicitDeny' },
        ...(cluster === 'prod' ? [{ action: 'iam:PassRole', resource: `arn:${e.partition}:iam::${e.account}:role/update-tables-task`, expect: 'implicitDeny' as const }] : []),
      ],
    })),
    // I16: the four item actions, and the documented table-and-indexes policy.
    {
      id: 'dynamodb-item-actions',
      claims: ['I16.item-actions-miss-query-scan-and-batch'],
      what: "I16's four item actions on the table ARN",
      policies: [{ deployed: 'DynamoDbItemPolicyArn' }],
      context: {},
      steps: [
        { action: 'dynamodb:GetItem', resource: tableArn(e), expect: 'allowed' },
        { action: 'dynamodb:Query', resource: tableArn(e), expect: 'implicitDeny' },
        { action: 'dynamodb:Scan', resource: tableArn(e), expect: 'implicitDeny' },
        { action: 'dynamodb:BatchGetItem', resource: tableArn(e), expect: 'implicitDeny' },
        { action: 'dynamodb:Query', resource: `${tableArn(e)}/index/${INDEX}`, expect: 'implicitDeny' },
      ],
    },
    {
      id: 'dynamodb-table-and-indexes',
      claims: ['I16.table-arn-policy-needs-index-arns'],
      what: 'the documented policy for one table and its indexes',
      policies: [{ deployed: 'DynamoDbTablePolicyArn' }],
      context: {},
      steps: [
        { action: 'dynamodb:GetItem', resource: tableArn(e), expect: 'allowed' },
        { action: 'dynamodb:Query', resource: `${tableArn(e)}/index/${INDEX}`, expect: 'allowed' },
        { action: 'dynamodb:GetItem', resource: tableArn(e, 'Customers'), expect: 'implicitDeny' },
      ],
    },
    {
      id: 'dynamodb-table-only',
      claims: ['I16.table-arn-policy-needs-index-arns'],
      what: "I16's policy whose only resource is the table ARN, on an index",
      policies: [{ deployed: 'DynamoDbItemPolicyArn' }],
      context: {},
      steps: [
        { action: 'dynamodb:GetItem', resource: `${tableArn(e)}/index/${INDEX}`, expect: 'implicitDeny' },
        { action: 'dynamodb:GetItem', resource: tableArn(e, 'Customers'), expect: 'implicitDeny' },
      ],
    },
    // A28: the boundary caps the role's iam:* grant.
    {
      id: 'boundary-caps-role',
      claims: ['A28.permissions-boundaries-block-escalation'],
      what: 'the bounded role as deployed: iam:* and s3:* granted, its boundary allows reads',
      principal: 'BoundedRoleArn',
      policies: [],
      context: {},
      steps: [
        { action: 'iam:CreateRole', resource: `arn:${e.partition}:iam::${e.account}:role/escalated`, expect: 'implicitDeny' },
        { action: 'iam:AttachRolePolicy', resource: `arn:${e.partition}:iam::${e.account}:role/escalated`, expect: 'implicitDeny' },
        { action: 'iam:CreatePolicyVersion', resource: `arn:${e.partition}:iam::${e.account}:policy/any`, expect: 'implicitDeny' },
        { action: 'iam:GetRole', resource: `arn:${e.partition}:iam::${e.account}:role/escalated`, expect: 'allowed' },
      ],
    },
    {
      id: 'boundary-replaced',
      claims: ['A28.permissions-boundaries-block-escalation'],
      what: 'the same role with its boundary replaced by an allow-all (the control: the identity policy does grant iam:CreateRole)',
      principal: 'BoundedRoleArn',
      policies: [],
      boundary: allowAll,
      context: {},
      steps: [{ action: 'iam:CreateRole', resource: `arn:${e.partition}:iam::${e.account}:role/escalated`, expect: 'allowed' }],
    },
    // T5: the group's policies decide for whoever joins it.
    {
      id: 'group-without-members',
      claims: ['T5.group-policies-persist-for-new-members'],
      what: 'the group with no members, as deployed (MFA present, an allowed Region)',
      principal: 'GroupArn',
      policies: [],
      context: { mfa: true, region: inAllowedRegion },
      steps: [
        { action: 's3:ListBucket', resource: bucketArn(e), expect: 'allowed' },
        { action: 's3:GetObject', resource: objectArn(e), expect: 'implicitDeny' },
      ],
    },
  ];
}

/** The scenarios one claim's check judges. */
export function scenariosOf(claim: string, e: SimulationEnv): Scenario[] {
  return scenarios(e).filter((s) => s.claims.includes(claim));
}
