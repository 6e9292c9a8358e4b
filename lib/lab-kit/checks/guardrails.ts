import { type Evidence, evidence, type TemplateJson } from './claim';
import { estimateCost, formatUsd } from '../operations/cost';
import type { LabDefinition } from './lab-definition';
import type { Guardrail } from './runner';
import { refTarget, resourceById, resourcesOfType } from '../template/resources';

/** Resources that are not real AWS resources and have no deletion policy. */
const NOT_DEPLOYED = new Set(['AWS::CDK::Metadata']);


/** Nothing is retained or snapshotted when the stack goes (RDS snapshots by default when unset). */
export const teardownComplete: Guardrail = {
  id: 'kit.teardown-complete',
  check(template: TemplateJson): Evidence {
    const kept = Object.entries(template.Resources ?? {})
      .filter(([, r]) => !NOT_DEPLOYED.has(r.Type) && (r.DeletionPolicy !== 'Delete' || (r.UpdateReplacePolicy ?? 'Delete') !== 'Delete'))
      .map(([id, r]) => `${id} (${r.Type}: DeletionPolicy ${r.DeletionPolicy ?? 'unset'})`);
    const buckets = resourcesOfType(template, 'AWS::S3::Bucket').filter(
      (b) => !resourcesOfType(template, 'Custom::S3AutoDeleteObjects').some((c) => refTarget(c.properties.BucketName) === b.logicalId),
    );
    const problems = [...kept, ...buckets.map((b) => `${b.logicalId} (bucket without autoDeleteObjects: non-empty buckets fail to delete)`)];
    return evidence(
      problems.length === 0,
      problems.length === 0 ? `all ${Object.keys(template.Resources ?? {}).length} resources are deleted with the stack` : `kept after destroy: ${problems.join('; ')}`,
      'template: DeletionPolicy and UpdateReplacePolicy of every resource; buckets empty themselves',
    );
  },
};

/** Every function logs to a log group of the stack, so its logs go with the stack. */
export const explicitLogGroups: Guardrail = {
  id: 'kit.explicit-log-groups',
  check(template: TemplateJson): Evidence {
    const functions = resourcesOfType(template, 'AWS::Lambda::Function');
    const orphans = functions.filter((f) => {
      const target = refTarget(f.properties.LoggingConfig?.LogGroup);
      return !target || resourceById(template, target)?.type !== 'AWS::Logs::LogGroup';
    });
    return evidence(
      orphans.length === 0,
      orphans.length === 0
        ? `${functions.length} function(s), each logging to a log group of the stack`
        : `functions whose log group Lambda would create and leave behind: ${orphans.map((f) => f.logicalId).join(', ')}`,
      'template: LoggingConfig.LogGroup of every AWS::Lambda::Function',
    );
  },
};

/** The self-destruct schedule and function are there. */
export const selfDestructPresent: Guardrail = {
  id: 'kit.self-destruct',
  check(template: TemplateJson): Evidence {
    const fn = resourcesOfType(template, 'AWS::Lambda::Function').find((f) => f.properties.Environment?.Variables?.TTL_SECONDS !== undefined);
    const rule = fn && resourcesOfType(template, 'AWS::Events::Rule').find((r) => (r.properties.Targets ?? []).some((t: any) => refTarget(t.Arn) === fn.logicalId));
    const ttl = Number(fn?.properties.Environment?.Variables?.TTL_SECONDS);
    return evidence(
      !!fn && !!rule && Number.isFinite(ttl),
      fn && rule ? `${rule.properties.ScheduleExpression} invokes ${fn.logicalId}, which deletes the stack after ${ttl / 3600} h` : 'no self-destruct schedule and function',
      'template: an Events rule targeting the function with TTL_SECONDS',
      Number.isFinite(ttl) ? [{ name: 'TTL', value: ttl / 3600, unit: 'h' }] : [],
    );
  },
};

/** The lab costs no more per hour than its stated budget. */
export const withinBudget: Guardrail = {
  id: 'kit.cost-within-budget',
  check(template: TemplateJson, lab: LabDefinition): Evidence {
    const cost = estimateCost(template);
    return evidence(
      cost.hourly <= lab.hourlyBudgetUsd,
      `${formatUsd(cost.hourly)}/hour (${formatUsd(cost.daily)}/day), budget ${formatUsd(lab.hourlyBudgetUsd)}/hour; dominated by ${cost.dominant?.what ?? 'nothing'}`,
      `template priced with the ${cost.region} table of ${cost.asOf}`,
      [{ name: 'cost', value: Number(cost.hourly.toFixed(4)), unit: 'USD/hour' }],
    );
  },
};

/** The kit's checks, run for every lab beside its claims. */
export const GUARDRAILS: readonly Guardrail[] = [teardownComplete, explicitLogGroups, selfDestructPresent, withinBudget];
