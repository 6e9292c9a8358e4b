/** Load balancers, their listeners' forward actions (weighted when split), target groups, Auto Scaling groups. */
import { refTarget, resourcesOfType } from '../../template/resources';
import { type DiagramContext, listOf } from './context';
import { instanceType } from './network';

const LB = 'AWS::ElasticLoadBalancingV2::';

export function addLoadBalancing(ctx: DiagramContext): void {
  const { graph, template } = ctx;
  for (const lb of resourcesOfType(template, `${LB}LoadBalancer`)) {
    const p = lb.properties;
    const kind = { network: 'NLB', gateway: 'GWLB' }[p.Type as string] ?? 'ALB';
    const where = ctx.placeIn([...listOf(p.Subnets), ...listOf(p.SubnetMappings).map((m: any) => m?.SubnetId)]);
    const lines = [ctx.nameOf(lb), [kind, p.Scheme ?? 'internet-facing'].join(' · '), ...(where.spread ? [where.spread] : [])];
    ctx.register(lb.logicalId, graph.node(ctx.idFor('lb', lb.logicalId), lines, { parent: where.parent }));
  }

  for (const tg of resourcesOfType(template, `${LB}TargetGroup`)) {
    const p = tg.properties;
    const protocol = [p.Protocol, p.Port !== undefined ? `:${p.Port}` : undefined].filter(Boolean).join(' ');
    const lines = [ctx.nameOf(tg), ['target group', protocol].filter(Boolean).join(' · ')];
    ctx.register(tg.logicalId, graph.node(ctx.idFor('tg', tg.logicalId), lines, { parent: ctx.nodeOf(p.VpcId) }));
  }

  for (const asg of resourcesOfType(template, 'AWS::AutoScaling::AutoScalingGroup')) {
    const p = asg.properties;
    const where = ctx.placeIn(listOf(p.VPCZoneIdentifier));
    const count = p.DesiredCapacity ?? p.MinSize;
    const lines = [
      ctx.nameOf(asg),
      'Auto Scaling group',
      `${instanceType(ctx, p) ?? 'instances'} × ${count ?? '?'}`,
      ...(where.spread ? [where.spread] : []),
    ];
    ctx.register(asg.logicalId, graph.node(ctx.idFor('asg', asg.logicalId), lines, { parent: where.parent }));
  }

  // Listener (and listener rule) forward actions: load balancer → target group, weighted when split.
  const listeners = new Map(resourcesOfType(template, `${LB}Listener`).map((l) => [l.logicalId, l]));
  const forwards: Array<{ listener: string; actions: unknown; rule?: unknown }> = [
    ...[...listeners.values()].map((l) => ({ listener: l.logicalId, actions: l.properties.DefaultActions })),
    ...resourcesOfType(template, `${LB}ListenerRule`).map((r) => ({ listener: refTarget(r.properties.ListenerArn) ?? '', actions: r.properties.Actions, rule: r.properties.Priority })),
  ];
  for (const { listener, actions, rule } of forwards) {
    const l = listeners.get(listener);
    const from = l && ctx.nodeOf(l.properties.LoadBalancerArn);
    if (!l || !from) continue;
    const on = [`${l.properties.Protocol ?? ''} :${l.properties.Port ?? ''}`.trim(), rule !== undefined ? `rule ${rule}` : undefined];
    for (const action of listOf(actions) as any[]) {
      if (action?.Type !== 'forward') continue;
      const groups: any[] = action.ForwardConfig?.TargetGroups ?? [{ TargetGroupArn: action.TargetGroupArn }];
      for (const g of groups) {
        const to = ctx.nodeOf(g?.TargetGroupArn);
        const weight = groups.length > 1 && g?.Weight !== undefined ? `weight ${g.Weight}` : undefined;
        if (to) graph.edge(from, to, { label: [...on, weight].filter(Boolean).join(' · ') });
      }
    }
  }

  // Target group → its targets: Auto Scaling groups that register into it, listed instances or functions.
  for (const asg of resourcesOfType(template, 'AWS::AutoScaling::AutoScalingGroup')) {
    for (const tg of listOf(asg.properties.TargetGroupARNs)) {
      const from = ctx.nodeOf(tg);
      if (from) graph.edge(from, ctx.nodeOf({ Ref: asg.logicalId })!);
    }
  }
  for (const tg of resourcesOfType(template, `${LB}TargetGroup`)) {
    for (const target of listOf(tg.properties.Targets) as any[]) {
      const to = ctx.nodeOf(target?.Id);
      if (to) graph.edge(ctx.nodeOf({ Ref: tg.logicalId })!, to);
    }
  }
}
