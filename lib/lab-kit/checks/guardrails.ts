/**
 * The kit's own offline checks, run for every lab beside its claims: nothing kept at teardown,
 * every function with its own log group, a self-destruct, cost within the lab's budget.
 */
import { estimateCost, formatUsd } from '../operations/cost';
import { notDeletedLast } from '../template/dependencies';
import { refTarget, resourceById, resourcesOfType } from '../template/resources';
import type { TemplateJson } from '../template/json';
import { expectAtMost, expectEqual, expectThat, type Judgement } from './judgement';
import type { Guardrail } from './runner';

/** Resources that are not real AWS resources and have no deletion policy. */
const NOT_DEPLOYED = new Set(['AWS::CDK::Metadata']);

/**
 * Nothing is retained or snapshotted when the stack goes (RDS snapshots by default when unset), and
 * no EBS volume outlives its instance.
 *
 * @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_EbsBlockDevice.html
 */
export const teardownComplete: Guardrail = {
  id: 'kit.teardown-complete',
  check(template: TemplateJson): Judgement {
    const kept = Object.entries(template.Resources ?? {})
      .filter(([, r]) => !NOT_DEPLOYED.has(r.Type) && (r.DeletionPolicy !== 'Delete' || (r.UpdateReplacePolicy ?? 'Delete') !== 'Delete'))
      .map(([id, r]) => `${id} (${r.Type}: DeletionPolicy ${r.DeletionPolicy ?? 'unset'})`);
    const buckets = resourcesOfType(template, 'AWS::S3::Bucket')
      .filter((b) => !resourcesOfType(template, 'Custom::S3AutoDeleteObjects').some((c) => refTarget(c.properties.BucketName) === b.logicalId))
      .map((b) => `${b.logicalId} (bucket without autoDeleteObjects: non-empty buckets fail to delete)`);
    // An instance's volumes outlive it unless their mapping deletes them on termination; a mapping
    // that says nothing leaves it to the AMI's own mapping (EbsBlockDevice.DeleteOnTermination).
    const volumes = Object.entries(template.Resources ?? {}).flatMap(([id, r]) => {
      const mappings = r.Type === 'AWS::EC2::Instance' ? r.Properties?.BlockDeviceMappings : r.Type === 'AWS::EC2::LaunchTemplate' ? r.Properties?.LaunchTemplateData?.BlockDeviceMappings : undefined;
      return (mappings ?? []).filter((m: any) => m.Ebs && m.Ebs.DeleteOnTermination !== true).map((m: any) => `${id} ${m.DeviceName ?? '?'} (EBS volume without DeleteOnTermination: true)`);
    });
    const problems = [...kept, ...buckets, ...volumes];
    return {
      observed: problems.length === 0 ? `all ${Object.keys(template.Resources ?? {}).length} resources are deleted with the stack` : `kept after destroy: ${problems.join('; ')}`,
      method: 'template: DeletionPolicy and UpdateReplacePolicy of every resource; buckets empty themselves; EBS mappings of instances and launch templates delete their volumes on termination',
      expectations: [
        expectEqual('resources kept after destroy', [], kept),
        expectEqual('buckets that cannot empty themselves', [], buckets),
        expectEqual('EBS volumes that would outlive their instance', [], volumes),
      ],
    };
  },
};

/** Every function logs to a log group of the stack, so its logs go with the stack. */
export const explicitLogGroups: Guardrail = {
  id: 'kit.explicit-log-groups',
  check(template: TemplateJson): Judgement {
    const functions = resourcesOfType(template, 'AWS::Lambda::Function');
    const orphans = functions
      .filter((f) => {
        const target = refTarget(f.properties.LoggingConfig?.LogGroup);
        return !target || resourceById(template, target)?.type !== 'AWS::Logs::LogGroup';
      })
      .map((f) => f.logicalId);
    return {
      observed:
        orphans.length === 0
          ? `${functions.length} function(s), each logging to a log group of the stack`
          : `functions whose log group Lambda would create and leave behind: ${orphans.join(', ')}`,
      method: 'template: LoggingConfig.LogGroup of every AWS::Lambda::Function',
      expectations: [expectEqual('functions without a log group of the stack', [], orphans)],
    };
  },
};

/** The self-destruct schedule and function are there. */
export const selfDestructPresent: Guardrail = {
  id: 'kit.self-destruct',
  check(template: TemplateJson): Judgement {
    const fn = resourcesOfType(template, 'AWS::Lambda::Function').find((f) => f.properties.Environment?.Variables?.TTL_SECONDS !== undefined);
    const rule = fn && resourcesOfType(template, 'AWS::Events::Rule').find((r) => (r.properties.Targets ?? []).some((t: any) => refTarget(t.Arn) === fn.logicalId));
    const ttl = Number(fn?.properties.Environment?.Variables?.TTL_SECONDS);
    return {
      observed: fn && rule ? `${rule.properties.ScheduleExpression} invokes ${fn.logicalId}, which deletes the stack after ${ttl / 3600} h` : 'no self-destruct schedule and function',
      method: 'template: an Events rule targeting the function with TTL_SECONDS',
      figures: Number.isFinite(ttl) ? [{ name: 'TTL', value: ttl / 3600, unit: 'h' }] : [],
      expectations: [
        expectThat('a self-destruct function with a TTL', !!fn && Number.isFinite(ttl), fn ? `${fn.logicalId}, TTL_SECONDS ${fn.properties.Environment.Variables.TTL_SECONDS}` : 'none'),
        expectThat('a schedule that invokes it', !!rule, rule ? `${rule.logicalId} ${rule.properties.ScheduleExpression}` : 'none'),
      ],
    };
  },
};

/** The construct id LabStack gives its SelfDestruct: the prefix of its resources' logical ids. */
export const SELF_DESTRUCT_ID = 'SelfDestruct';

/**
 * The self-destruct's resources are deleted after every other resource: each other resource
 * depends on each of them ("DependsOn attribute": A depending on B is deleted before B). So a
 * DELETE_FAILED leaves the schedule and the function in place to delete the stack again.
 */
export const selfDestructDeletedLast: Guardrail = {
  id: 'kit.self-destruct-deleted-last',
  check(template: TemplateJson): Judgement {
    const own = Object.keys(template.Resources ?? {}).filter((id) => id.startsWith(SELF_DESTRUCT_ID));
    const gaps = notDeletedLast(template, own, (type) => type === 'AWS::CDK::Metadata');
    return {
      observed:
        gaps.length === 0
          ? `all ${Object.keys(template.Resources ?? {}).length - own.length} other resources depend on the ${own.length} self-destruct resources, so CloudFormation deletes those last`
          : `resources that do not depend on a self-destruct resource, which CloudFormation may then delete first: ${gaps.slice(0, 5).join('; ')}${gaps.length > 5 ? ` and ${gaps.length - 5} more` : ''}`,
      method: 'template: DependsOn, Ref, Fn::GetAtt and Fn::Sub of every resource, followed transitively (CloudFormation "DependsOn attribute")',
      expectations: [
        expectThat('self-destruct resources', own.length > 0, `${own.length}`),
        expectEqual('resources that may outlive the self-destruct at deletion', 0, gaps.length),
      ],
    };
  },
};

/** The lab costs no more per hour than its stated budget. */
export const withinBudget: Guardrail = {
  id: 'kit.cost-within-budget',
  check(template, lab): Judgement {
    const cost = estimateCost(template);
    const hourly = Number(cost.hourly.toFixed(4));
    return {
      observed: `${formatUsd(cost.hourly)}/hour (${formatUsd(cost.daily)}/day), budget ${formatUsd(lab.hourlyBudgetUsd)}/hour; dominated by ${cost.dominant?.what ?? 'nothing'}`,
      method: `template priced with the ${cost.region} table of ${cost.asOf}`,
      figures: [{ name: 'cost', value: hourly, unit: 'USD/hour' }],
      expectations: [expectAtMost('cost per hour', lab.hourlyBudgetUsd, cost.hourly, 'USD')],
    };
  },
};

/** The kit's checks, run for every lab beside its claims. */
export const GUARDRAILS: readonly Guardrail[] = [teardownComplete, explicitLogGroups, selfDestructPresent, selfDestructDeletedLast, withinBudget];
