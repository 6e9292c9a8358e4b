import { Aws, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { BoundedRole } from '../../lib/identity/bounded-role';
import { MfaRequiredPolicy } from '../../lib/identity/mfa-required-policy';
import { RegionRestrictionPolicy } from '../../lib/identity/region-restriction-policy';
import { RevocableRole } from '../../lib/identity/revocable-role';
import { addLabOutputs } from '../../lib/lab-kit/stack/lab-outputs';
import { LabStack, type LabStackProps } from '../../lib/lab-kit/stack/lab-stack';
import { OUTPUTS } from './outputs';
import { ALLOWED_REGIONS, bucketArn, companyDataPolicy, dynamoDbItemPolicy, dynamoDbTablePolicy, type Env, NEVER_AFTER, s3WildcardPolicy } from './policies';

/** The deploying account and Region, as CloudFormation pseudo parameters. */
const HERE: Env = { partition: Aws.PARTITION, account: Aws.ACCOUNT_ID, region: Aws.REGION };

/** A customer managed policy from one of the lab's JSON documents. */
function managedPolicy(scope: Construct, id: string, description: string, document: object): iam.ManagedPolicy {
  return new iam.ManagedPolicy(scope, id, { description, document: iam.PolicyDocument.fromJson(document) });
}

/**
 * Lab iam-policy-evaluation: only IAM, which bills nothing. A group with no members (MFA and Region
 * guardrails, T10's example policy), the seed answers' example policies as customer managed
 * policies, a role capped by a permissions boundary that nobody can assume (it is only simulated),
 * and a role assumable by this account only whose sessions the checks assume and revoke, granted
 * nothing but reading itself. No IAM users and no access keys: the checks use your own credentials
 * and the role sessions they assume.
 */
export class IamPolicyEvaluationStack extends LabStack {
  constructor(scope: Construct, id: string, props: LabStackProps = {}) {
    super(scope, id, {
      description: 'Lab iam-policy-evaluation: what IAM allows, shown by its policy simulator and STS (B1 B11 B16 I11 I16 A17 A24 A28 A34 T5 T10)',
      ...props,
    });

    const group = new iam.Group(this, 'Contractors');
    const requireMfa = new MfaRequiredPolicy(this, 'RequireMfa', { groups: [group] });
    const regions = new RegionRestrictionPolicy(this, 'RestrictRegions', { allowedRegions: ALLOWED_REGIONS, groups: [group] });
    const companyData = managedPolicy(this, 'CompanyData', "T10's example: ListBucket on company-data, RunTask of update-tables on prod", companyDataPolicy(HERE));
    companyData.attachToGroup(group);
    // A24: the same managed policy on a second identity, one nobody can use (a group with no members),
    // so that T10's grants never reach a principal that can act on real resources.
    companyData.attachToGroup(new iam.Group(this, 'Auditors'));

    const s3Wildcard = managedPolicy(this, 'S3Wildcard', "B16's example: s3:* on *", s3WildcardPolicy());
    const dynamoDbItems = managedPolicy(this, 'DynamoDbItems', "I16's example: four item actions on the table", dynamoDbItemPolicy(HERE));
    const dynamoDbTable = managedPolicy(this, 'DynamoDbTable', 'The documented policy for one table and its indexes', dynamoDbTablePolicy(HERE));

    // Only simulated (SimulatePrincipalPolicy needs no trust): its trust allows AssumeRole only before
    // a time long past, so its grants, wide on purpose, are no path to anything.
    const bounded = new BoundedRole(this, 'Bounded', {
      assumedBy: new iam.AccountRootPrincipal().withConditions({ DateLessThan: { 'aws:CurrentTime': NEVER_AFTER } }),
      grants: [new iam.PolicyStatement({ actions: ['iam:*', 's3:*'], resources: ['*'] })],
      boundary: [
        new iam.PolicyStatement({ actions: ['iam:Get*', 'iam:List*'], resources: ['*'] }),
        new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucketArn(HERE)] }),
        new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [`${bucketArn(HERE)}/*`] }),
      ],
    });

    const revocable = new RevocableRole(this, 'Revocable');
    // Something for its sessions to do, read-only and free, that the revocation must take away
    // (sts:GetCallerIdentity needs no permission, so no deny can stop it): an inline policy (A24).
    revocable.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['iam:GetRole'], resources: [revocable.role.roleArn] }));

    addLabOutputs(this, OUTPUTS, {
      GroupName: group.groupName,
      GroupArn: group.groupArn,
      RequireMfaPolicyArn: requireMfa.policy.managedPolicyArn,
      RegionRestrictionPolicyArn: regions.policy.managedPolicyArn,
      CompanyDataPolicyArn: companyData.managedPolicyArn,
      S3WildcardPolicyArn: s3Wildcard.managedPolicyArn,
      DynamoDbItemPolicyArn: dynamoDbItems.managedPolicyArn,
      DynamoDbTablePolicyArn: dynamoDbTable.managedPolicyArn,
      BoundedRoleArn: bounded.role.roleArn,
      RevocableRoleArn: revocable.role.roleArn,
      RevocableRoleName: revocable.role.roleName,
    });

    // cdk-nag's IAM5 flags every wildcard. These are the lab's subject: the seed answers' policies as
    // written (B16's s3:* on *, T10's every revision of a task definition), the documented index wildcard
    // (I16), and a role granted wide rights on purpose to show its boundary capping them (A28).
    const ack = (scope: Construct, finding: string, reason: string) => Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
    ack(s3Wildcard, 'Action::s3:*', "B16's example policy as the seed wrote it: the simulation shows what s3:* does and does not cover. It is attached to nothing.");
    ack(s3Wildcard, 'Resource::*', "B16's example policy as the seed wrote it (Resource *). It is attached to nothing.");
    ack(companyData, 'Resource::arn:<AWS::Partition>:ecs:<AWS::Region>:<AWS::AccountId>:task-definition/update-tables:*', "T10's example: every revision of update-tables, on the prod cluster only (ecs:cluster condition); no such task definition or cluster exists.");
    ack(dynamoDbTable, 'Resource::arn:<AWS::Partition>:dynamodb:<AWS::Region>:<AWS::AccountId>:table/Orders/index/*', "I16's documented answer: Query and Scan on a table's indexes need the index ARNs; attached to nothing, and no such table exists.");
    const bound = 'A28: the role is granted wide rights on purpose, so the simulation shows its permissions boundary capping them (the boundary allows reads only).';
    ack(bounded.role, 'Action::iam:*', bound);
    ack(bounded.role, 'Action::s3:*', bound);
    ack(bounded.role, 'Resource::*', bound);
    const boundary = 'The permissions boundary itself: it grants nothing, it caps the role at these read actions, which are account-wide by nature.';
    ack(bounded.boundary, 'Action::iam:Get*', boundary);
    ack(bounded.boundary, 'Action::iam:List*', boundary);
    ack(bounded.boundary, 'Resource::*', boundary);
    ack(bounded.boundary, 'Resource::arn:<AWS::Partition>:s3:::company-data/*', "The boundary caps the role's object reads at the example bucket's objects; it grants nothing, and the role cannot be assumed.");
  }
}
