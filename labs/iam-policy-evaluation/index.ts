import { defineLab } from '../../lib/lab-kit/checks/lab-definition';
import { CHECKS } from './checks';
import { labFacts } from './facts';
import { OUTPUTS } from './outputs';

export const iamPolicyEvaluation = defineLab({
  id: 'iam-policy-evaluation',
  title: "What IAM really allows: MFA and Region denies, boundaries, bucket policies, seed policies simulated; sessions assumed and revoked",
  deployTime: 'about 2 minutes',
  // IAM and STS are free: "IAM is a feature of your AWS account offered at no additional charge"
  // ("What is IAM?", https://docs.aws.amazon.com/IAM/latest/UserGuide/introduction.html), which covers
  // the policy simulator; STS is part of IAM. The kit's self-destruct is request-priced (Lambda,
  // EventBridge, Logs), so the lab costs nothing by the hour.
  hourlyBudgetUsd: 0,
  stack: () => import('./stack').then((m) => m.IamPolicyEvaluationStack),
  outputs: OUTPUTS,
  facts: labFacts,
  checks: CHECKS,
  timelines: () => import('./timelines').then((m) => m.plots),
});
