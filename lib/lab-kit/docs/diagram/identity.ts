/**
 * IAM as a lab's subject: groups (with their member count), roles that people or accounts assume
 * (an AWS principal in the trust policy; service roles stay plumbing), customer managed policies and
 * what they are attached to, and permissions boundaries.
 */
import { refTarget, resourcesOfType, type TemplateResource } from '../../template/resources';
import { type DiagramContext, listOf } from './context';

/** A role some account or IAM principal assumes, not a service: its trust names an AWS principal. */
function assumedByPrincipals(role: TemplateResource): boolean {
  const statements = listOf(role.properties.AssumeRolePolicyDocument?.Statement);
  return statements.some((s: any) => s?.Effect === 'Allow' && s.Principal?.AWS !== undefined);
}

export function addIdentity(ctx: DiagramContext): void {
  const { graph, template } = ctx;
  const memberships = resourcesOfType(template, 'AWS::IAM::UserToGroupAddition');
  for (const g of resourcesOfType(template, 'AWS::IAM::Group')) {
    const members = memberships.filter((m) => refTarget(m.properties.GroupName) === g.logicalId).reduce((n, m) => n + listOf(m.properties.Users).length, 0);
    ctx.register(g.logicalId, graph.node(ctx.idFor('group', g.logicalId), [ctx.nameOf(g), 'IAM group', members === 0 ? 'no members' : `${members} member(s)`], { shape: 'hexagon' }));
  }
  const inline = resourcesOfType(template, 'AWS::IAM::Policy');
  const roles = resourcesOfType(template, 'AWS::IAM::Role').filter(assumedByPrincipals);
  for (const r of roles) {
    const count = listOf(r.properties.Policies).length + inline.filter((p) => listOf(p.properties.Roles).some((x) => refTarget(x) === r.logicalId)).length;
    const lines = [ctx.nameOf(r), 'IAM role', ...(count > 0 ? [`${count} inline polic${count === 1 ? 'y' : 'ies'}`] : [])];
    ctx.register(r.logicalId, graph.node(ctx.idFor('role', r.logicalId), lines, { shape: 'round' }));
  }
  const policies = resourcesOfType(template, 'AWS::IAM::ManagedPolicy');
  for (const p of policies) ctx.register(p.logicalId, graph.node(ctx.idFor('policy', p.logicalId), [ctx.nameOf(p), 'managed policy']));
  for (const p of policies) {
    for (const target of [...listOf(p.properties.Groups), ...listOf(p.properties.Roles)]) {
      const to = ctx.nodeOf(target);
      if (to) graph.edge(ctx.nodeOf({ Ref: p.logicalId })!, to, { label: 'attached' });
    }
  }
  for (const r of roles) {
    const boundary = ctx.nodeOf(r.properties.PermissionsBoundary);
    if (boundary) graph.edge(boundary, ctx.nodeOf({ Ref: r.logicalId })!, { label: 'permissions boundary', dotted: true });
  }
}
