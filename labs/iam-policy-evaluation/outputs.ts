/** The stack outputs of iam-policy-evaluation: the contract between its stack and its observations. */
import { defineOutputs } from '../../lib/lab-kit/core/outputs';

export const OUTPUTS = defineOutputs({
  GroupName: 'The group with no members (MFA and Region guardrails, the company-data policy)',
  GroupArn: 'Its ARN, simulated with SimulatePrincipalPolicy',
  RequireMfaPolicyArn: 'The MFA requirement in the documented NotAction form',
  RegionRestrictionPolicyArn: 'The Region restriction with global services exempted',
  CompanyDataPolicyArn: "T10's example policy, attached to the group and to a second group with no members",
  S3WildcardPolicyArn: "B16's example: s3:* on *",
  DynamoDbItemPolicyArn: "I16's example: four item actions on the table ARN",
  DynamoDbTablePolicyArn: 'The documented policy for one table and its indexes',
  BoundedRoleArn: 'A role granted iam:* and s3:*, capped by a permissions boundary',
  RevocableRoleArn: 'The role the checks assume and whose sessions they revoke',
  RevocableRoleName: 'Its name (PutRolePolicy, DeleteRolePolicy, GetRole)',
});
