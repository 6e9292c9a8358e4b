import { defineLab } from '../../lib/lab-kit/checks/lab-definition';
import { CHECKS } from './checks';
import { labFacts } from './facts';
import { ROUNDS } from './observe-consistency';
import { OUTPUTS } from './outputs';

export const s3BucketsAndObjects = defineLab({
  id: 's3-buckets-and-objects',
  title: 'S3 buckets and objects: versions and delete markers, DeleteBucket, strong consistency, default encryption, Block Public Access, presigned URLs, Object Lock, endpoint and TLS policies',
  deployTime: 'about 3 minutes',
  // Nothing is billed by the hour: S3 bills storage by the GB-month (the checks keep a few kilobytes
  // for seconds) and requests per 1,000 ("Amazon S3 pricing"); an S3 gateway endpoint has no charge
  // ("Gateway endpoints", https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html);
  // Lambda bills invocations; the self-destruct is request-priced too. A full run makes about 600
  // S3 requests: well under a cent.
  hourlyBudgetUsd: 0,
  stack: () => import('./stack').then((m) => m.S3BucketsAndObjectsStack),
  outputs: OUTPUTS,
  facts: labFacts,
  checks: CHECKS,
  liveOptions: [{ name: 'rounds', description: 'rounds of the consistency experiment (9 requests each)', number: { min: ROUNDS.min, max: ROUNDS.max, default: ROUNDS.default, unit: 'rounds' } }],
  timelines: () => import('./timelines').then((m) => m.plots),
});
