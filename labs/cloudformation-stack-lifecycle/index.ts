import { defineLab } from '../../lib/lab-kit/checks/lab-definition';
import { CHECKS } from './checks';
import { labFacts } from './facts';
import { OUTPUTS } from './outputs';

export const cloudformationStackLifecycle = defineLab({
  id: 'cloudformation-stack-lifecycle',
  title: 'CloudFormation stack lifecycle on throwaway stacks: termination protection, stack policies, Retain, a custom resource that never answers, cycles and the seed template',
  deployTime: 'about 2 minutes',
  // One Lambda function and its log group, billed per request and per GB stored: nothing by the
  // hour ("AWS Lambda pricing", https://aws.amazon.com/lambda/pricing/). The throwaway stacks hold
  // standard SSM parameters (no charge, "AWS Systems Manager pricing", Parameter Store) and a
  // custom resource; change sets and CloudFormation itself cost nothing for AWS resource types
  // ("AWS CloudFormation pricing", https://aws.amazon.com/cloudformation/pricing/).
  hourlyBudgetUsd: 0,
  stack: () => import('./stack').then((m) => m.CloudformationStackLifecycleStack),
  outputs: OUTPUTS,
  facts: labFacts,
  checks: CHECKS,
  timelines: () => import('./timelines').then((m) => m.plots),
});
