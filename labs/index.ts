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
import { cloudformationStackLifecycle } from './cloudformation-stack-lifecycle';
import { lambdaRuntimeBehaviour } from './lambda-runtime-behaviour';
import { loadBalancerCrossZone } from './load-balancer-cross-zone';
import { ec2InstanceBasics } from './ec2-instance-basics';
import { s3BucketsAndObjects } from './s3-buckets-and-objects';
import { dynamodbGlobalTables } from './dynamodb-global-tables';

export const LABS: readonly LabDefinition[] = [natVsPublicIp, sqsDeadLetterQueue, albBlueGreen, rdsMultiAzFailover, iamPolicyEvaluation, cloudformationStackLifecycle, lambdaRuntimeBehaviour, loadBalancerCrossZone, ec2InstanceBasics, s3BucketsAndObjects, dynamodbGlobalTables];
