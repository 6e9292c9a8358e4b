/** RDS DB instances, in the subnets of their DB subnet group. */
import { resourcesOfType } from '../../template/resources';
import { type DiagramContext, listOf } from './context';

export function addDatabases(ctx: DiagramContext): void {
  for (const db of resourcesOfType(ctx.template, 'AWS::RDS::DBInstance')) {
    const p = db.properties;
    const subnetGroup = ctx.resource(p.DBSubnetGroupName);
    const where = ctx.placeIn(listOf(subnetGroup?.properties.SubnetIds));
    const engine = [p.Engine, typeof p.EngineVersion === 'string' ? p.EngineVersion : undefined].filter(Boolean).join(' ');
    const lines = [
      ctx.nameOf(db),
      [p.DBInstanceClass, engine].filter(Boolean).join(' · '),
      p.MultiAZ === true || p.MultiAZ === 'true' ? 'Multi-AZ' : 'single-AZ',
      ...(where.spread ? [where.spread] : []),
    ];
    ctx.register(db.logicalId, ctx.graph.node(ctx.idFor('rds', db.logicalId), lines, { parent: where.parent, shape: 'cylinder' }));
  }
}
