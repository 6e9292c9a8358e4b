import { type OfflineCase, offlineChecksFailOn } from '../support/failing-cases';
import { Template } from 'aws-cdk-lib/assertions';
import type { Claim, TemplateJson } from '../../lib/lab-kit/checks/claim';
import { estimateCost } from '../../lib/lab-kit/operations/cost';
import { GUARDRAILS } from '../../lib/lab-kit/checks/guardrails';
import { runOfflineChecks } from '../../lib/lab-kit/checks/runner';
import { normalizeTemplate } from '../../lib/lab-kit/template/normalize';
import { outputTarget, resourcesOfType } from '../../lib/lab-kit/template/resources';
import { claimOf, mutatedCopy, synthLab } from '../../lib/lab-kit/checks/testing';
import { rdsMultiAzFailover } from '../../labs/rds-multi-az-failover';
import { databaseFacts, probeFacts } from '../../labs/rds-multi-az-failover/template-facts';

const template = synthLab(rdsMultiAzFailover);

const claim = (id: string): Claim => claimOf(rdsMultiAzFailover, id);

const mutated = (change: (t: any) => void): TemplateJson => mutatedCopy(template, change);

function db(t: any) {
  return t.Resources[outputTarget(t, 'DbInstanceIdentifier')!].Properties;
}

function probe(t: any) {
  return t.Resources[outputTarget(t, 'ProbeFunctionName')!].Properties;
}

describe('rds-multi-az-failover template', () => {
  test('B25.rds-spans-two-azs: one Multi-AZ DB instance whose subnet group covers two AZs', () => {
    const f = databaseFacts(template);
    expect(f).toMatchObject({ multiAz: true, zones: 2, engine: 'postgres', instanceClass: 'db.t4g.micro' });
    expect(f.subnets).toHaveLength(2);
  });

  test('I18.fails-over-to-standby: a Multi-AZ DB instance, not a DB cluster and no read replica', () => {
    Template.fromJSON(template).resourceCountIs('AWS::RDS::DBInstance', 1);
    Template.fromJSON(template).resourceCountIs('AWS::RDS::DBCluster', 0);
    expect(databaseFacts(template)).toMatchObject({ inCluster: false, replicas: 0 });
  });

  test('I18.endpoint-name-stays-dns-moves: the probe resolves the endpoint name on every try, and the name is an output', () => {
    expect(probeFacts(template).targetsEndpointName).toBe(true);
    expect(template.Outputs?.DbEndpointAddress?.Value).toEqual({ 'Fn::GetAtt': [databaseFacts(template).logicalId, 'Endpoint.Address'] });
  });

  test('I38.multi-az-rds-for-the-database: the probe sits in both subnets and only the database port lets it in', () => {
    const p = probeFacts(template);
    expect(p).toMatchObject({ admittedByDatabase: true, egressPorts: ['tcp/5432-5432'], timeoutSeconds: 270, maxWindowSeconds: 240, targetPort: '5432' });
    expect(p.subnets).toEqual(databaseFacts(template).subnets);
  });

  test('I23.automatic-failover-is-not-aurora-only: the engine is RDS for PostgreSQL, not Aurora', () => {
    expect(db(template)).toMatchObject({ Engine: 'postgres', EngineVersion: '17', MultiAZ: true });
  });

  test('A1.multi-az-is-not-multi-region: nothing in the template reaches another Region', () => {
    expect(databaseFacts(template).replicas).toBe(0);
    expect(JSON.stringify(template)).not.toMatch(/SourceRegion|GlobalCluster/);
  });

  test('the database is private, encrypted, and its password is RDS-managed: none in the template', () => {
    expect(db(template)).toMatchObject({ PubliclyAccessible: false, StorageEncrypted: true, ManageMasterUserPassword: true, DeletionProtection: false, BackupRetentionPeriod: 0 });
    expect(db(template).MasterUserPassword).toBeUndefined();
    Template.fromJSON(template).resourceCountIs('AWS::SecretsManager::Secret', 0);
  });

  test('no NAT, no internet gateway, no public address: the VPC has two isolated subnets only', () => {
    const t = Template.fromJSON(template);
    t.resourceCountIs('AWS::EC2::NatGateway', 0);
    t.resourceCountIs('AWS::EC2::InternetGateway', 0);
    t.resourceCountIs('AWS::EC2::EIP', 0);
    t.resourceCountIs('AWS::EC2::Subnet', 2);
    t.allResourcesProperties('AWS::EC2::Subnet', { MapPublicIpOnLaunch: false });
    expect(resourcesOfType(template, 'AWS::EC2::Route')).toHaveLength(0);
  });

  test('the probe function is bounded by Lambda\'s limits and logs to a log group of the stack', () => {
    expect(probe(template)).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Timeout: 270, LoggingConfig: { LogGroup: { Ref: expect.stringMatching(/^ProbeLogGroup/) } } });
  });

  test('every output the live checks read is there', () => {
    expect(Object.keys(template.Outputs ?? {}).sort()).toEqual(
      ['DbEndpointAddress', 'DbEndpointPort', 'DbInstanceIdentifier', 'LabTtl', 'ProbeFunctionName', 'ProbeMaxWindowSeconds', 'VpcId'].sort(),
    );
    expect(template.Outputs?.ProbeMaxWindowSeconds?.Value).toBe('240');
  });

  test('costs under $0.05 an hour, dominated by the Multi-AZ db.t4g.micro', () => {
    const cost = estimateCost(template);
    expect(cost.hourly).toBeCloseTo(0.0388, 4);
    expect(cost.dominant?.what).toBe('db.t4g.micro Multi-AZ DB instance');
    expect(cost.hourly).toBeLessThanOrEqual(rdsMultiAzFailover.hourlyBudgetUsd);
  });

  test('every offline check and guardrail passes on the lab template', async () => {
    const results = await runOfflineChecks(rdsMultiAzFailover, template, GUARDRAILS);
    expect(results.filter((r) => r.status !== 'pass')).toEqual([]);
    expect(results).toHaveLength(rdsMultiAzFailover.claims.length + GUARDRAILS.length);
  });

  test('snapshot of the normalized template', () => {
    expect(normalizeTemplate(template)).toMatchSnapshot();
  });

  test('passes cdk-nag AwsSolutions with reasoned acknowledgements only', () => {
    expect(() => synthLab(rdsMultiAzFailover, { nag: true })).not.toThrow();
  });
});

describe('rds-multi-az-failover offline checks fail when the template contradicts the truth', () => {
  const singleAz = (t: any) => (db(t).MultiAZ = false);
  const cases: OfflineCase[] = [
    ['B25.rds-spans-two-azs', (t) => {
      const group = t.Resources[db(t).DBSubnetGroupName.Ref].Properties;
      group.SubnetIds = [group.SubnetIds[0], group.SubnetIds[0]];
    }],
    ['I18.fails-over-to-standby', singleAz],
    ['I18.endpoint-name-stays-dns-moves', (t) => (probe(t).Environment.Variables.TARGET_HOST = '10.30.0.87')],
    ['I38.multi-az-rds-for-the-database', (t) => {
      for (const r of Object.values<any>(t.Resources)) if (r.Type === 'AWS::EC2::SecurityGroupIngress') r.Properties.FromPort = r.Properties.ToPort = 5433;
    }],
    ['I23.automatic-failover-is-not-aurora-only', (t) => (db(t).Engine = 'aurora-postgresql')],
    ['A1.multi-az-is-not-multi-region', (t) => {
      t.Resources.CrossRegionReplica = { Type: 'AWS::RDS::DBInstance', Properties: { SourceDBInstanceIdentifier: 'arn:aws:rds:us-west-2:123456789012:db:source', SourceRegion: 'us-west-2', DBInstanceClass: 'db.t4g.micro' } };
    }],
  ];

  offlineChecksFailOn(rdsMultiAzFailover, template, cases);

  test('a Single-AZ instance fails every claim that rests on Multi-AZ', () => {
    const single = mutated(singleAz);
    const failing = rdsMultiAzFailover.claims.filter((c) => !c.offline(single).passed).map((c) => c.id);
    expect(failing.sort()).toEqual(rdsMultiAzFailover.claims.map((c) => c.id).sort());
  });

  test('a probe window longer than its timeout fails I38', () => {
    const t = mutated((x) => (probe(x).Timeout = 200));
    expect(claim('I38.multi-az-rds-for-the-database').offline(t).passed).toBe(false);
  });
});
