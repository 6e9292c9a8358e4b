/**
 * For each claim, the template change that must make its offline check fail (the invariant suite
 * runs them). More failing cases are in iam-policy-evaluation.test.ts.
 */
import type { OfflineCases } from '../../../lib/lab-kit/testing';
import { outputLogicalId } from '../../../lib/lab-kit/testing';

/** The properties of the resource an output points at. */
export function propsOf(t: any, output: string): any {
  return t.Resources[outputLogicalId(t, output)].Properties;
}

/** The statements of the managed policy an output points at. */
export function statementsOf(t: any, output: string): any[] {
  return propsOf(t, output).PolicyDocument.Statement;
}

/** The inline policies (AWS::IAM::Policy) attached to the role an output points at. */
export function inlineOf(t: any, roleOutput: string): any[] {
  const role = outputLogicalId(t, roleOutput);
  return Object.values<any>(t.Resources).filter((r) => r.Type === 'AWS::IAM::Policy' && (r.Properties.Roles ?? []).some((x: any) => x.Ref === role));
}

const addGetObject = (t: any) => statementsOf(t, 'CompanyDataPolicyArn').push({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' });

export const OFFLINE_CASES: OfflineCases = {
  // An IAM user would hold long-term credentials: the lab has none.
  'B1.role-issues-temporary-credentials': (t) => (t.Resources.Contractor = { Type: 'AWS::IAM::User', Properties: {} }),
  'B11.same-account-bucket-policy-alone-suffices': addGetObject,
  'B11.explicit-deny-or-network-path-blocks-s3': (t) => (statementsOf(t, 'S3WildcardPolicyArn')[0].Action = 's3:ListBucket'),
  'B16.s3-wildcard-excludes-other-s3-prefixes': (t) => (statementsOf(t, 'S3WildcardPolicyArn')[0].Resource = 'arn:aws:s3:::company-data'),
  // The seed's blanket form: Action * instead of NotAction.
  'I11.mfa-deny-exempts-enrolment-with-notaction': (t) => {
    const s = statementsOf(t, 'RequireMfaPolicyArn')[0];
    delete s.NotAction;
    s.Action = '*';
  },
  'I11.explicit-deny-overrides-any-allow': (t) => (statementsOf(t, 'RequireMfaPolicyArn')[0].NotAction = ['sts:GetSessionToken']),
  'I16.table-arn-policy-needs-index-arns': (t) => (statementsOf(t, 'DynamoDbTablePolicyArn')[0].Resource = statementsOf(t, 'DynamoDbTablePolicyArn')[0].Resource[0]),
  'I16.item-actions-miss-query-scan-and-batch': (t) => statementsOf(t, 'DynamoDbItemPolicyArn')[0].Action.push('dynamodb:Query'),
  'A17.deleted-key-leaves-session-credentials-valid': (t) => {
    for (const p of inlineOf(t, 'RevocableRoleArn')) p.Properties.PolicyDocument.Statement = [];
  },
  'A24.inline-policy-lives-with-its-identity': (t) => (propsOf(t, 'CompanyDataPolicyArn').Groups = propsOf(t, 'CompanyDataPolicyArn').Groups.slice(0, 1)),
  'A28.permissions-boundaries-block-escalation': (t) => delete t.Resources[outputLogicalId(t, 'BoundedRoleArn')].Properties.PermissionsBoundary,
  // us-east-1 on the list: the seed's accidental way of keeping global services working.
  'A34.region-deny-example-needs-us-east-1': (t) => statementsOf(t, 'RegionRestrictionPolicyArn')[0].Condition.StringNotEquals['aws:RequestedRegion'].push('us-east-1'),
  'T5.group-policies-persist-for-new-members': (t) => (t.Resources.Member = { Type: 'AWS::IAM::UserToGroupAddition', Properties: { GroupName: { Ref: outputLogicalId(t, 'GroupName') }, Users: ['contractor'] } }),
  'T10.listbucket-lists-keys-not-contents': addGetObject,
  'T10.runtask-also-needs-iam-passrole': (t) => statementsOf(t, 'CompanyDataPolicyArn').push({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }),
};
