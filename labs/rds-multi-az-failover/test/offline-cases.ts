import type { OfflineCases } from '../../../lib/lab-kit/testing';
import { outputTarget } from '../../../lib/lab-kit/template/resources';

/** The DB instance's properties. */
export function db(t: any) {
  return t.Resources[outputTarget(t, 'DbInstanceIdentifier')!].Properties;
}

/** The probe function's properties. */
export function probe(t: any) {
  return t.Resources[outputTarget(t, 'ProbeFunctionName')!].Properties;
}

export const singleAz = (t: any) => {
  db(t).MultiAZ = false;
};

export const OFFLINE_CASES: OfflineCases = {
  'B25.rds-spans-two-azs': (t) => {
    const group = t.Resources[db(t).DBSubnetGroupName.Ref].Properties;
    group.SubnetIds = [group.SubnetIds[0], group.SubnetIds[0]];
  },
  'I18.fails-over-to-standby': singleAz,
  'I18.endpoint-name-stays-dns-moves': (t) => {
    probe(t).Environment.Variables.TARGET_HOST = '10.30.0.87';
  },
  'I38.multi-az-rds-for-the-database': (t) => {
    for (const r of Object.values<any>(t.Resources)) if (r.Type === 'AWS::EC2::SecurityGroupIngress') r.Properties.FromPort = r.Properties.ToPort = 5433;
  },
  'I23.automatic-failover-is-not-aurora-only': (t) => {
    db(t).Engine = 'aurora-postgresql';
  },
  'A1.multi-az-is-not-multi-region': (t) => {
    t.Resources.CrossRegionReplica = {
      Type: 'AWS::RDS::DBInstance',
      Properties: { SourceDBInstanceIdentifier: 'arn:aws:rds:us-west-2:123456789012:db:source', SourceRegion: 'us-west-2', DBInstanceClass: 'db.t4g.micro' },
    };
  },
};
