/**
 * The policy documents of the lab as plain JSON: the seed answers' example policies (deployed as
 * customer managed policies, so they can be read in the console and simulated as deployed) and
 * the counterparts the checks simulate without deploying (the seed's blanket MFA deny, its Region
 * deny, an allow-all, bucket policies). No aws-cdk-lib here: the stack and the observations share
 * these functions. `Env` values may be CloudFormation tokens in the stack and real values in a check.
 */

/** Where the documents point: partition, account and Region. */
export interface Env {
  readonly partition: string;
  readonly account: string;
  readonly region: string;
}

export interface PolicyDoc {
  readonly Version: '2012-10-17';
  readonly Statement: readonly Record<string, unknown>[];
}

const doc = (...Statement: Record<string, unknown>[]): PolicyDoc => ({ Version: '2012-10-17', Statement });

/** The bucket the seed's examples name. */
export const BUCKET = 'company-data';
/** The object the simulations read. */
export const OBJECT_KEY = 'reports/2026.csv';
/** The table of I16's examples and one of its indexes. */
export const TABLE = 'Orders';
export const INDEX = 'ByCustomer';
/**
 * The Regions the lab's Region restriction allows: us-east-1 deliberately left out, so the
 * simulation shows what the global-service exemption does.
 */
export const ALLOWED_REGIONS: readonly string[] = ['eu-west-1', 'eu-central-1'];

/**
 * The bounded role's trust allows AssumeRole only before this time, which has passed: nobody can
 * assume it (the simulator needs no trust; "AWS: Allows access based on date and time",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws-dates.html, for
 * DateLessThan on aws:CurrentTime).
 */
export const NEVER_AFTER = '2000-01-01T00:00:00Z';

export const bucketArn = (e: Env, bucket = BUCKET) => `arn:${e.partition}:s3:::${bucket}`;
export const objectArn = (e: Env, key = OBJECT_KEY) => `arn:${e.partition}:s3:::${BUCKET}/${key}`;
export const tableArn = (e: Env, table = TABLE) => `arn:${e.partition}:dynamodb:${e.region}:${e.account}:table/${table}`;
export const clusterArn = (e: Env, cluster: string) => `arn:${e.partition}:ecs:${e.region}:${e.account}:cluster/${cluster}`;
export const taskDefinitionArn = (e: Env, revision: number) => `arn:${e.partition}:ecs:${e.region}:${e.account}:task-definition/update-tables:${revision}`;

/** B16's example: Allow s3:* on *, wrapped in a valid policy. */
export function s3WildcardPolicy(): PolicyDoc {
  return doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' });
}

/** T10's example: ListBucket on the bucket, RunTask of any update-tables revision on the prod cluster. */
export function companyDataPolicy(e: Env): PolicyDoc {
  return doc(
    { Sid: 'ListCompanyData', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: bucketArn(e) },
    {
      Sid: 'RunUpdateTablesOnProd',
      Effect: 'Allow',
      Action: ['ecs:RunTask'],
      Resource: `arn:${e.partition}:ecs:${e.region}:${e.account}:task-definition/update-tables:*`,
      Condition: { ArnEquals: { 'ecs:cluster': clusterArn(e, 'prod') } },
    },
  );
}

/** I16's example: the four item actions on the table ARN, nothing else. */
export function dynamoDbItemPolicy(e: Env): PolicyDoc {
  return doc({
    Effect: 'Allow',
    Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
    Resource: tableArn(e),
  });
}

/**
 * The documented answer to I16: the table's data actions on the table and its indexes
 * ("IAM policy to grant access to a specific DynamoDB table and its indexes",
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/iam-policy-specific-table-indexes.html).
 */
export function dynamoDbTablePolicy(e: Env): PolicyDoc {
  return doc({
    Sid: 'AccessTableAllIndexesOnOrders',
    Effect: 'Allow',
    Action: [
      'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem',
      'dynamodb:ConditionCheckItem', 'dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:Query', 'dynamodb:DescribeTable',
    ],
    Resource: [tableArn(e), `${tableArn(e)}/index/*`],
  });
}

/** I11's seed: deny everything when MFA is false or absent, with no exception. */
export function blanketMfaDenyPolicy(): PolicyDoc {
  return doc({ Sid: 'DenyAllWithoutMfa', Effect: 'Deny', Action: '*', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } });
}

/** A34's seed: deny every action outside the listed Regions, with no exemption. */
export function seedRegionDenyPolicy(regions: readonly string[]): PolicyDoc {
  return doc({ Sid: 'DenyOutsideRegions', Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': [...regions] } } });
}

/** Everything allowed: what the other policies of a real user would add, at its widest. */
export function allowAllPolicy(): PolicyDoc {
  return doc({ Sid: 'AllowEverything', Effect: 'Allow', Action: '*', Resource: '*' });
}

/** I11's "second policy": an explicit Allow of the enrolment action. */
export function allowEnableMfaPolicy(): PolicyDoc {
  return doc({ Sid: 'AllowEnableMfa', Effect: 'Allow', Action: 'iam:EnableMFADevice', Resource: '*' });
}

/** A boundary that allows listing only (B11, B16: a boundary blocks what the identity policy allows). */
export function listOnlyBoundary(): PolicyDoc {
  return doc({ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' });
}

/** A bucket policy on company-data for one principal: Allow or Deny s3:GetObject on its objects. */
export function bucketPolicy(e: Env, principalArn: string, effect: 'Allow' | 'Deny'): PolicyDoc {
  return doc({ Sid: `${effect}GetObject`, Effect: effect, Principal: { AWS: principalArn }, Action: 's3:GetObject', Resource: `${bucketArn(e)}/*` });
}
