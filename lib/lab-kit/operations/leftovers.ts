import { CloudWatchLogsClient, paginateDescribeLogGroups } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeAddressesCommand, DescribeSnapshotsCommand, DescribeVolumesCommand, EC2Client, paginateDescribeInstances } from '@aws-sdk/client-ec2';
import { paginateDescribeDBSnapshots, RDSClient } from '@aws-sdk/client-rds';
import { paginateGetResources, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import type { AwsClientConfig } from '../core/aws-config';
import { parseArn } from './arn';
import { LAB_TAG, THROWAWAY_TAG } from '../core/tags';

/** Something a lab left behind, and how to remove it. */
export interface Leftover {
  readonly lab: string;
  readonly kind: string;
  readonly id: string;
  readonly why: string;
  /** An AWS CLI command that removes it. */
  readonly remove: string;
}

function labOfArn(tags: readonly { Key?: string; Value?: string }[] | undefined): string {
  return tags?.find((t) => t.Key === LAB_TAG)?.Value ?? '?';
}

/** An AWS CLI command that removes the resource an ARN names (its own Region passed with --region). */
export function removeCommand(arnText: string): string {
  const arn = parseArn(arnText);
  if (!arn) return `find it in the console (Resource Groups & Tag Editor, tag ${LAB_TAG}) and delete it: ${arnText}`;
  const id = arn.resourceId;
  const region = arn.region ? ` --region ${arn.region}` : '';
  switch (`${arn.service}:${arn.resourceType}`) {
    case 'ec2:instance': return `aws ec2 terminate-instances --instance-ids ${id}${region}`;
    case 'ec2:natgateway': return `aws ec2 delete-nat-gateway --nat-gateway-id ${id}${region}`;
    case 'ec2:elastic-ip': return `aws ec2 release-address --allocation-id ${id}${region}`;
    case 'ec2:volume': return `aws ec2 delete-volume --volume-id ${id}${region}`;
    case 'ec2:snapshot': return `aws ec2 delete-snapshot --snapshot-id ${id}${region}`;
    case 'ec2:network-insights-path': return `aws ec2 delete-network-insights-path --network-insights-path-id ${id}${region}`;
    case 'ec2:network-insights-analysis': return `aws ec2 delete-network-insights-analysis --network-insights-analysis-id ${id}${region}`;
    case 'rds:db': return `aws rds delete-db-instance --db-instance-identifier ${id} --skip-final-snapshot${region}`;
    case 'rds:snapshot': return `aws rds delete-db-snapshot --db-snapshot-identifier ${id}${region}`;
    // An SQS queue's ARN ends in its name, with no resource type (arn:aws:sqs:us-east-1:123456789012:name).
    case 'sqs:': return `aws sqs delete-queue --queue-url $(aws sqs get-queue-url --queue-name ${id} --queue-owner-aws-account-id ${arn.account}${region} --query QueueUrl --output text)${region}`;
    // arn:aws:logs:region:account:log-group:NAME (and :* in some listings).
    case 'logs:log-group': return `aws logs delete-log-group --log-group-name ${id.replace(/:\*$/, '')}${region}`;
    // arn:aws:ssm:region:account:parameter/NAME: a name in a hierarchy (/a/b) loses its leading slash in the ARN.
    case 'ssm:parameter': return `aws ssm delete-parameter --name ${id.includes('/') ? `/${id}` : id}${region}`;
    // arn:aws:cloudformation:region:account:stack/NAME/ID: termination protection off first, or DeleteStack fails.
    // A stack whose custom resource's provider is gone ends DELETE_FAILED; DeleteStack's DeletionMode
    // FORCE_DELETE_STACK deletes a stack stuck in DELETE_FAILED ("delete-stack", AWS CLI Command Reference,
    // https://docs.aws.amazon.com/cli/latest/reference/cloudformation/delete-stack.html, --deletion-mode;
    // the DeleteStack API, https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DeleteStack.html).
    case 'cloudformation:stack': {
      const name = id.split('/')[0];
      return `aws cloudformation update-termination-protection --no-enable-termination-protection --stack-name ${name}${region} && aws cloudformation delete-stack --stack-name ${name}${region} (if it then ends DELETE_FAILED: aws cloudformation delete-stack --stack-name ${name} --deletion-mode FORCE_DELETE_STACK${region})`;
    }
    default: return `find it in the console (Resource Groups & Tag Editor, tag ${LAB_TAG}) and delete it: ${arnText}`;
  }
}

/**
 * The ids of these instances that EC2 no longer runs: terminated, shutting down, or no longer
 * known. DescribeInstances fails the whole call with InvalidInstanceID.NotFound when one id given
 * as `InstanceIds` is unknown, so the ids go in an `instance-id` filter instead, which returns the
 * instances that exist and ignores the rest.
 *
 * @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstances.html
 * @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html
 */
export async function instancesGone(ec2: EC2Client, instanceIds: readonly string[]): Promise<Set<string>> {
  const alive = new Set<string>();
  for await (const page of paginateDescribeInstances({ client: ec2 }, { Filters: [{ Name: 'instance-id', Values: [...instanceIds] }] })) {
    for (const reservation of page.Reservations ?? []) {
      for (const instance of reservation.Instances ?? []) {
        if (!['terminated', 'shutting-down'].includes(instance.State?.Name ?? '')) alive.add(instance.InstanceId ?? '');
      }
    }
  }
  return new Set(instanceIds.filter((id) => !alive.has(id)));
}

/** Options of {@link findLeftovers}. */
export interface FindLeftoversOptions {
  /** The labs to look for (their ids are also the prefixes of their generated names). */
  readonly labIds: readonly string[];
  /** Report anything tagged `lab`, whatever its value (labs removed from this project too). @default false */
  readonly anyTagged?: boolean;
  /** Labs whose stacks still exist: their resources are not leftovers. @default none */
  readonly liveStacks?: readonly string[];
}

/**
 * What a lab (or every lab) left in the account and region after its stack was deleted:
 * resources still tagged `lab=<id>` (Resource Groups Tagging API), and the usual orphans that may
 * carry no tag: log groups Lambda created by itself, detached volumes, Elastic IPs without an
 * association, and snapshots. The Tagging API can list a resource for a short while after it is
 * deleted: run it again a few minutes after `cdk destroy` before removing anything by hand.
 *
 * @see https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_GetResources.html
 */
export async function findLeftovers(aws: AwsClientConfig, options: FindLeftoversOptions): Promise<Leftover[]> {
  const { labIds, anyTagged = false, liveStacks = [] } = options;
  const ids = anyTagged ? undefined : labIds;
  const isLive = (lab: string) => liveStacks.includes(lab);
  const found: Leftover[] = [];

  const tagging = new ResourceGroupsTaggingAPIClient(aws);
  const tagged: Leftover[] = [];
  for await (const page of paginateGetResources({ client: tagging }, { TagFilters: [{ Key: LAB_TAG, ...(ids ? { Values: [...ids] } : {}) }] })) {
    for (const r of page.ResourceTagMappingList ?? []) {
      const arn = r.ResourceARN ?? '';
      const parsed = parseArn(arn);
      const lab = labOfArn(r.Tags);
      const run = r.Tags?.find((t) => t.Key === THROWAWAY_TAG)?.Value;
      const kind = parsed ? `${parsed.service}:${parsed.resourceType || parsed.service}` : 'unknown';
      // Made by a check's run (a throwaway stack, a resource a Retain policy kept): a leftover even
      // while the lab is deployed, since the check deletes it when it ends.
      if (run !== undefined) {
        tagged.push({ lab, kind, id: arn, why: `made by a check of ${lab} (${THROWAWAY_TAG}=${run}) and not deleted: the run was interrupted`, remove: removeCommand(arn) });
        continue;
      }
      // Stacks are what `labs deployed` lists; any partition (aws, aws-cn, aws-us-gov...).
      if (isLive(lab) || parsed?.service === 'cloudformation') continue;
      tagged.push({ lab, kind, id: arn, why: `still tagged ${LAB_TAG}=${lab}`, remove: removeCommand(arn) });
    }
  }

  // The Tagging API keeps listing terminated instances for about an hour: ask EC2 about each.
  const ec2 = new EC2Client(aws);
  const instanceIds = tagged.filter((t) => t.kind === 'ec2:instance').map((t) => parseArn(t.id)?.resourceId ?? '');
  const gone = instanceIds.length > 0 ? await instancesGone(ec2, instanceIds) : new Set<string>();
  for (const t of tagged) {
    if (t.kind === 'ec2:instance') {
      if (!gone.has(parseArn(t.id)?.resourceId ?? '')) found.push(t);
    } else {
      found.push({ ...t, why: `${t.why} (the Tagging API can list a resource for up to an hour after it is deleted: check before removing)` });
    }
  }

  const tagFilter = [{ Name: `tag-key`, Values: [LAB_TAG] }];
  const wanted = (tags: readonly { Key?: string; Value?: string }[] | undefined) => {
    const lab = labOfArn(tags);
    return (!ids || ids.includes(lab)) && !isLive(lab) ? lab : undefined;
  };
  const seen = new Set(found.map((f) => f.id.split('/').pop()));
  const volumes = await ec2.send(new DescribeVolumesCommand({ Filters: [{ Name: 'status', Values: ['available'] }, ...tagFilter] }));
  for (const v of volumes.Volumes ?? []) {
    const lab = wanted(v.Tags);
    if (lab && !seen.has(v.VolumeId)) found.push({ lab, kind: 'detached EBS volume', id: v.VolumeId ?? '?', why: `${v.Size} GB, not attached`, remove: `aws ec2 delete-volume --volume-id ${v.VolumeId}` });
  }
  const addresses = await ec2.send(new DescribeAddressesCommand({ Filters: tagFilter }));
  for (const a of addresses.Addresses ?? []) {
    const lab = wanted(a.Tags);
    if (lab && !a.AssociationId && !seen.has(a.AllocationId)) found.push({ lab, kind: 'unassociated Elastic IP', id: a.AllocationId ?? a.PublicIp ?? '?', why: `${a.PublicIp} billed $0.005/hour while idle`, remove: `aws ec2 release-address --allocation-id ${a.AllocationId}` });
  }
  const snapshots = await ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'], Filters: tagFilter }));
  for (const s of snapshots.Snapshots ?? []) {
    const lab = wanted(s.Tags);
    if (lab && !seen.has(s.SnapshotId)) found.push({ lab, kind: 'EBS snapshot', id: s.SnapshotId ?? '?', why: `${s.VolumeSize} GB snapshot`, remove: `aws ec2 delete-snapshot --snapshot-id ${s.SnapshotId}` });
  }

  {
    const rds = new RDSClient(aws);
    for await (const page of paginateDescribeDBSnapshots({ client: rds }, { SnapshotType: 'manual' })) {
      for (const s of page.DBSnapshots ?? []) {
        const name = s.DBSnapshotIdentifier ?? '';
        const lab = labIds.find((id) => name.startsWith(id) || (s.DBInstanceIdentifier ?? '').startsWith(id));
        if (lab && !isLive(lab)) found.push({ lab, kind: 'RDS snapshot', id: name, why: `${s.AllocatedStorage} GB snapshot of ${s.DBInstanceIdentifier}`, remove: `aws rds delete-db-snapshot --db-snapshot-identifier ${name}` });
      }
    }
    const logs = new CloudWatchLogsClient(aws);
    for (const id of labIds) {
      if (isLive(id)) continue;
      const prefixes: Array<[string, string]> = [
        [`/aws/lambda/${id}-`, 'created by Lambda itself, so the stack could not delete it'],
        [`${id}-`, 'named after the stack but not deleted with it'],
      ];
      for (const [prefix, why] of prefixes) {
        for await (const page of paginateDescribeLogGroups({ client: logs }, { logGroupNamePrefix: prefix })) {
          for (const g of page.logGroups ?? []) {
            found.push({ lab: id, kind: 'log group', id: g.logGroupName ?? '?', why: `${g.storedBytes ?? 0} bytes stored; ${why}`, remove: `aws logs delete-log-group --log-group-name ${g.logGroupName}` });
          }
        }
      }
    }
  }
  return found;
}
