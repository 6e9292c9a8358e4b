/**
 * The registry: every lab, in one list. The CDK app, the `labs` CLI and the tests read this list
 * and nothing else. Add a lab here and it gets a stack, a row in `labs list` and its checks.
 */
import type { LabDefinition } from '../lib/lab-kit/checks/lab-definition';
import { albBlueGreen } from './alb-blue-green';
import { natVsPublicIp } from './nat-vs-public-ip';
import { rdsMultiAzFailover } from './rds-multi-az-failover';
import { sqsDeadLetterQueue } from './sqs-dead-letter-queue';
import { iamPolicyEvaluation } from './iam-policy-evaluation';
import { dynamodbGlobalTables } from './dynamodb-global-tables';

export const LABS: readonly LabDefinition[] = [natVsPublicIp, sqsDeadLetterQueue, albBlueGreen, rdsMultiAzFailover, iamPolicyEvaluation, dynamodbGlobalTables];
