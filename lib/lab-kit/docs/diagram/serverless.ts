/** SQS queues and their redrive, Lambda functions with their event sources and failure paths, EventBridge rules, the self-destruct. */
import { formatTtl } from '../../stack/ttl';
import { Duration } from 'aws-cdk-lib';
import { refTarget, resourcesOfType, type TemplateResource } from '../../template/resources';
import { type DiagramContext, listOf } from './context';

/** The `SelfDestruct` construct's function: the one whose handler reads STACK_ID and TTL_SECONDS. */
function isSelfDestruct(fn: TemplateResource): boolean {
  const env = fn.properties.Environment?.Variables ?? {};
  return env.STACK_ID !== undefined && env.TTL_SECONDS !== undefined;
}

export function addServerless(ctx: DiagramContext): void {
  const { graph, template } = ctx;
  const queues = resourcesOfType(template, 'AWS::SQS::Queue');
  for (const q of queues) {
    const p = q.properties;
    const lines = [
      `${ctx.nameOf(q)}${p.FifoQueue === true ? ' (FIFO)' : ''}`,
      ...(p.VisibilityTimeout !== undefined ? [`visibility timeout ${p.VisibilityTimeout} s`] : []),
    ];
    ctx.register(q.logicalId, graph.node(ctx.idFor('sqs', q.logicalId), lines, { shape: 'queue' }));
  }

  const retries = new Map(
    resourcesOfType(template, 'AWS::Lambda::EventInvokeConfig').map((c) => [refTarget(c.properties.FunctionName), c.properties]),
  );
  const selfDestructs: TemplateResource[] = [];
  const functions = resourcesOfType(template, 'AWS::Lambda::Function');
  for (const fn of functions) {
    if (isSelfDestruct(fn)) {
      selfDestructs.push(fn);
      continue;
    }
    const p = fn.properties;
    const where = ctx.placeIn(listOf(p.VpcConfig?.SubnetIds));
    const attempts = retries.get(fn.logicalId)?.MaximumRetryAttempts;
    const lines = [
      ctx.nameOf(fn),
      ['Lambda', p.Runtime ?? (p.PackageType === 'Image' ? 'container image' : undefined)].filter(Boolean).join(' · '),
      ...(attempts !== undefined ? [`async retries ${attempts}`] : []),
      ...(where.spread ? [where.spread] : []),
    ];
    ctx.register(fn.logicalId, graph.node(ctx.idFor('fn', fn.logicalId), lines, { parent: where.parent, shape: 'stadium' }));
  }

  for (const q of queues) {
    const redrive = typeof q.properties.RedrivePolicy === 'string' ? JSON.parse(q.properties.RedrivePolicy) : q.properties.RedrivePolicy;
    const dlq = ctx.nodeOf(redrive?.deadLetterTargetArn);
    if (dlq) graph.edge(ctx.nodeOf({ Ref: q.logicalId })!, dlq, { label: `maxReceiveCount ${redrive.maxReceiveCount}`, dotted: true });
  }
  for (const m of resourcesOfType(template, 'AWS::Lambda::EventSourceMapping')) {
    const p = m.properties;
    const from = ctx.nodeOf(p.EventSourceArn);
    const to = ctx.nodeOf(p.FunctionName);
    const label = [
      p.BatchSize !== undefined ? `batch ${p.BatchSize}` : undefined,
      listOf(p.FunctionResponseTypes).includes('ReportBatchItemFailures') ? 'ReportBatchItemFailures' : undefined,
    ].filter(Boolean).join(' · ');
    if (from && to) graph.edge(from, to, label ? { label } : {});
  }
  for (const fn of functions) {
    const from = ctx.nodeOf({ Ref: fn.logicalId });
    if (!from) continue;
    const destinations = retries.get(fn.logicalId)?.DestinationConfig;
    const onSuccess = ctx.nodeOf(destinations?.OnSuccess?.Destination);
    const onFailure = ctx.nodeOf(destinations?.OnFailure?.Destination);
    const dlq = ctx.nodeOf(fn.properties.DeadLetterConfig?.TargetArn);
    if (onSuccess) graph.edge(from, onSuccess, { label: 'on success', dotted: true });
    if (onFailure) graph.edge(from, onFailure, { label: 'on failure', dotted: true });
    if (dlq) graph.edge(from, dlq, { label: 'on failure · DLQ', dotted: true });
  }

  for (const rule of resourcesOfType(template, 'AWS::Events::Rule')) {
    const targets = listOf(rule.properties.Targets).map((t: any) => ctx.nodeOf(t?.Arn)).filter((t): t is string => !!t);
    if (targets.length === 0) continue; // the self-destruct's schedule, or targets outside the diagram
    const schedule = rule.properties.ScheduleExpression;
    const lines = typeof schedule === 'string' ? ['schedule', schedule] : ['event rule', ...listOf(rule.properties.EventPattern?.source).map(String)];
    const id = graph.node(ctx.idFor('rule', rule.logicalId), lines, { shape: 'hexagon' });
    for (const t of targets) graph.edge(id, t);
  }

  for (const fn of selfDestructs) {
    const seconds = Number(fn.properties.Environment.Variables.TTL_SECONDS);
    const ttl = Number.isFinite(seconds) && seconds >= 60 ? formatTtl(Duration.seconds(seconds)) : String(fn.properties.Environment.Variables.TTL_SECONDS);
    graph.node(ctx.idFor('selfDestruct', fn.logicalId), [`self-destruct after ${ttl}`], { shape: 'round' });
  }
}
