/**
 * B6: what AWS puts in a security group nobody has written a rule for. The observation creates its
 * own group in the lab's VPC (tagged `lab=<id>`, so `labs leftovers` finds it after an interrupted
 * run), reads its rules back, reads the VPC's default group beside it, and deletes its group in
 * `finally`. The stack's own groups cannot show the default: the CDK writes their egress rule itself.
 */
import type { IpPermission, SecurityGroup } from '@aws-sdk/client-ec2';
import { observationsOf } from '../../lib/lab-kit/checks/lab-definition';
import { LAB_TAG } from '../../lib/lab-kit/core/tags';
import { OUTPUTS } from './outputs';

const observe = observationsOf(OUTPUTS);

/** One rule, as DescribeSecurityGroups gives it (IpPermission), flattened. */
export interface RuleView {
  /** `-1` is every protocol. */
  readonly protocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly cidrs: readonly string[];
  readonly ipv6Cidrs: readonly string[];
  /** Source or destination security groups (UserIdGroupPairs). */
  readonly groups: readonly string[];
  readonly prefixLists: readonly string[];
}

export interface GroupView {
  readonly groupId: string;
  readonly groupName: string;
  readonly ingress: readonly RuleView[];
  readonly egress: readonly RuleView[];
}

export interface SecurityGroupsObservation {
  readonly vpcId: string;
  /** The group this run created with CreateSecurityGroup and no rules of its own, as DescribeSecurityGroups read it back. */
  readonly created: GroupView;
  /** The VPC's default group (group-name `default`); absent when DescribeSecurityGroups found none. */
  readonly vpcDefault?: GroupView;
  /** Whether the created group was deleted again, or why not. */
  readonly cleanup: string;
}

/**
 * An IpPermission flattened. Fields AWS leaves out are empty lists.
 * @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html
 */
export function ruleView(p: IpPermission): RuleView {
  return {
    protocol: p.IpProtocol ?? '?',
    fromPort: p.FromPort,
    toPort: p.ToPort,
    cidrs: (p.IpRanges ?? []).map((r) => r.CidrIp ?? '?'),
    ipv6Cidrs: (p.Ipv6Ranges ?? []).map((r) => r.CidrIpv6 ?? '?'),
    groups: (p.UserIdGroupPairs ?? []).map((g) => g.GroupId ?? '?'),
    prefixLists: (p.PrefixListIds ?? []).map((l) => l.PrefixListId ?? '?'),
  };
}

/** `all traffic from sg-1`, `tcp 22 from 10.0.0.0/8`: a rule in words. */
export function describeRule(r: RuleView): string {
  const what = r.protocol === '-1' ? 'all traffic' : `${r.protocol} ${r.fromPort === r.toPort ? r.fromPort : `${r.fromPort}-${r.toPort}`}`;
  const peers = [...r.cidrs, ...r.ipv6Cidrs, ...r.groups, ...r.prefixLists];
  return `${what} ${peers.join(', ') || 'nowhere'}`;
}

/**
 * A group just created may not be visible to other calls yet: DescribeSecurityGroups can answer
 * `InvalidGroup.NotFound` for a moment ("Eventual consistency in the Amazon EC2 API",
 * https://docs.aws.amazon.com/ec2/latest/devguide/eventual-consistency.html; the code: "Error codes for the
 * Amazon EC2 API", https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html). Retried this
 * many times, this far apart (a bound, not a verdict: after it the error is the check's error).
 */
export const NEW_GROUP_RETRY = { tries: 5, seconds: 2 } as const;
export const GROUP_NOT_FOUND = 'InvalidGroup.NotFound';

async function describeNewGroup(
  ctx: { progress(m: string): void; sleep(ms: number): Promise<void> },
  describe: () => Promise<{ SecurityGroups?: SecurityGroup[] }>,
  groupId: string,
) {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await describe()).SecurityGroups?.[0];
    } catch (e) {
      if ((e as { name?: string }).name !== GROUP_NOT_FOUND || attempt >= NEW_GROUP_RETRY.tries) throw e;
      ctx.progress(`${groupId} not visible yet (${GROUP_NOT_FOUND}), try ${attempt} of ${NEW_GROUP_RETRY.tries}: waiting ${NEW_GROUP_RETRY.seconds} s`);
      await ctx.sleep(NEW_GROUP_RETRY.seconds * 1000);
    }
  }
}

export const securityGroups = observe({
  name: 'security-groups',
  outputs: ['VpcId'],
  async observe(ctx): Promise<SecurityGroupsObservation> {
    const { CreateSecurityGroupCommand, DeleteSecurityGroupCommand, DescribeSecurityGroupsCommand, EC2Client } = await import('@aws-sdk/client-ec2');
    const ec2 = new EC2Client(ctx.aws);
    const vpcId = ctx.outputs.VpcId;
    const view = (g: { GroupId?: string; GroupName?: string; IpPermissions?: IpPermission[]; IpPermissionsEgress?: IpPermission[] }): GroupView => ({
      groupId: g.GroupId ?? '?',
      groupName: g.GroupName ?? '?',
      ingress: (g.IpPermissions ?? []).map(ruleView),
      egress: (g.IpPermissionsEgress ?? []).map(ruleView),
    });
    ctx.progress('creating a security group with no rules of its own');
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html
    const made = await ec2.send(
      new CreateSecurityGroupCommand({
        GroupName: `${ctx.labId}-b6-${ctx.now()}`,
        Description: `Lab ${ctx.labId}: a group with no rules written, read back by the B6 check and deleted`,
        VpcId: vpcId,
        TagSpecifications: [{ ResourceType: 'security-group', Tags: [{ Key: LAB_TAG, Value: ctx.labId }] }],
      }),
    );
    const groupId = made.GroupId;
    if (!groupId) throw new Error('CreateSecurityGroup returned no GroupId');
    let read: Omit<SecurityGroupsObservation, 'cleanup'>;
    let cleanup = '';
    try {
      const group = await describeNewGroup(ctx, () => ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] })), groupId);
      if (!group) throw new Error(`DescribeSecurityGroups did not return the group ${groupId} just created`);
      // The default group is named `default`: "Default security groups for your VPCs",
      // https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html
      const defaults = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'group-name', Values: ['default'] }] }));
      const vpcDefault = defaults.SecurityGroups?.[0];
      read = { vpcId, created: view(group), vpcDefault: vpcDefault ? view(vpcDefault) : undefined };
    } finally {
      // Deleted whether the reads worked or not.
      try {
        await ec2.send(new DeleteSecurityGroupCommand({ GroupId: groupId }));
        cleanup = `deleted ${groupId}`;
      } catch (e) {
        cleanup = `could not delete ${groupId}: ${(e as Error).message}; \`labs leftovers\` lists it (tag ${LAB_TAG}=${ctx.labId})`;
        ctx.progress(cleanup);
      }
    }
    return { ...read, cleanup };
  },
});
