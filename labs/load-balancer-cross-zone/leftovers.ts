/**
 * What a previous, interrupted run may have left on the target group, put back to the stack's own
 * values before anything is measured. The checks change two settings and restore them in `finally`
 * and on SIGINT, SIGTERM and SIGHUP; a run killed outright (SIGKILL, a lost machine, expired
 * credentials) leaves them changed. The values restored are the template's, never the ones found:
 * restoring "what was found" would make a leftover permanent.
 */
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { ObserveContext } from '../../lib/lab-kit/checks/lab-definition';
import { HEALTH_CHECK_PATH, HEALTH_TAG_FAILING, HEALTH_TAG_KEY } from '../../lib/load-balancing/instance-id-page';
import { CROSS_ZONE_ATTRIBUTE } from './facts';

/** Loaded on use: the lab's registry entry loads no AWS SDK client. */
const elbv2Sdk = () => import('@aws-sdk/client-elastic-load-balancing-v2');
/** Loaded on use: the lab's registry entry loads no AWS SDK client. */
const ec2Sdk = () => import('@aws-sdk/client-ec2');

/**
 * The target group's cross-zone value as deployed: the template sets none (the offline checks hold
 * it to that), and a target group without it uses the load balancer's setting ("For target groups,
 * the default is to use the load balancer setting": "Cross-zone load balancing for target groups",
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-cross-zone.html).
 */
export const DEPLOYED_TARGET_GROUP_CROSS_ZONE = 'use_load_balancer_configuration';
/** The health-check path as deployed (the construct's, which the offline check holds the template to). */
export const DEPLOYED_HEALTH_CHECK_PATH = HEALTH_CHECK_PATH;

/** What was found and reset: an empty list when the target group was as deployed. */
export interface LeftoverReset {
  readonly crossZoneFound?: string;
  readonly healthCheckPathFound?: string;
  /** One line per setting reset, e.g. `load_balancing.cross_zone.enabled true → use_load_balancer_configuration`. */
  readonly reset: readonly string[];
}

/** Sets the target group's cross-zone attribute. */
export async function setTargetGroupCrossZone(elbv2: ElasticLoadBalancingV2Client, targetGroupArn: string, value: string) {
  return elbv2.send(new (await elbv2Sdk()).ModifyTargetGroupAttributesCommand({ TargetGroupArn: targetGroupArn, Attributes: [{ Key: CROSS_ZONE_ATTRIBUTE, Value: value }] }));
}

/** Sets the target group's health-check path. */
export async function setHealthCheckPath(elbv2: ElasticLoadBalancingV2Client, targetGroupArn: string, path: string) {
  return elbv2.send(new (await elbv2Sdk()).ModifyTargetGroupCommand({ TargetGroupArn: targetGroupArn, HealthCheckPath: path }));
}

/**
 * Tags a target so its own server fails its health check (CreateTags, EC2 API Reference,
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateTags.html).
 */
export async function failTargetHealth(ec2: EC2Client, instanceId: string) {
  return ec2.send(new (await ec2Sdk()).CreateTagsCommand({ Resources: [instanceId], Tags: [{ Key: HEALTH_TAG_KEY, Value: HEALTH_TAG_FAILING }] }));
}

/** Removes the tag (DeleteTags: a tag given without a value is deleted whatever its value, https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteTags.html). */
export async function clearTargetHealth(ec2: EC2Client, instanceIds: readonly string[]) {
  return ec2.send(new (await ec2Sdk()).DeleteTagsCommand({ Resources: [...instanceIds], Tags: [{ Key: HEALTH_TAG_KEY }] }));
}

/** Reads the settings and the health tags and puts back any that differ from the deployed values, saying so. */
export async function resetLeftovers(
  ctx: Pick<ObserveContext, 'progress'>,
  elbv2: ElasticLoadBalancingV2Client,
  ec2: EC2Client,
  targetGroupArn: string,
  crossZoneFound: string | undefined,
  instanceIds: readonly string[],
): Promise<LeftoverReset> {
  const group = (await elbv2.send(new (await elbv2Sdk()).DescribeTargetGroupsCommand({ TargetGroupArns: [targetGroupArn] }))).TargetGroups?.[0];
  const healthCheckPathFound = group?.HealthCheckPath;
  const reset: string[] = [];
  if (crossZoneFound !== undefined && crossZoneFound !== DEPLOYED_TARGET_GROUP_CROSS_ZONE) {
    await setTargetGroupCrossZone(elbv2, targetGroupArn, DEPLOYED_TARGET_GROUP_CROSS_ZONE);
    reset.push(`${CROSS_ZONE_ATTRIBUTE} ${crossZoneFound} → ${DEPLOYED_TARGET_GROUP_CROSS_ZONE}`);
  }
  if (healthCheckPathFound !== undefined && healthCheckPathFound !== DEPLOYED_HEALTH_CHECK_PATH) {
    await setHealthCheckPath(elbv2, targetGroupArn, DEPLOYED_HEALTH_CHECK_PATH);
    reset.push(`HealthCheckPath ${healthCheckPathFound} → ${DEPLOYED_HEALTH_CHECK_PATH}`);
  }
  // DescribeTags filters "key" and "resource-id" (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeTags.html).
  const tagged = (await ec2.send(new (await ec2Sdk()).DescribeTagsCommand({ Filters: [{ Name: 'key', Values: [HEALTH_TAG_KEY] }, { Name: 'resource-id', Values: [...instanceIds] }] }))).Tags ?? [];
  const ids = tagged.map((t) => t.ResourceId).filter((id): id is string => !!id);
  if (ids.length > 0) {
    await clearTargetHealth(ec2, ids);
    reset.push(`tag ${HEALTH_TAG_KEY} removed from ${ids.join(', ')}`);
  }
  if (reset.length > 0) ctx.progress(`a previous run was interrupted and left the target group changed; reset to the stack's values: ${reset.join('; ')}`);
  return { crossZoneFound, healthCheckPathFound, reset };
}
