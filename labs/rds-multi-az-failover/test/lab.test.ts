import { Template } from 'aws-cdk-lib/assertions';
import type { TemplateJson } from '../../../lib/lab-kit/template/json';
import { estimateCost } from '../../../lib/lab-kit/operations/cost';
import { resourcesOfType } from '../../../lib/lab-kit/template/resources';
import { judgeOffline, mutatedCopy, synthLab } from '../../../lib/lab-kit/testing';
import { rdsMultiAzFailover } from '..';
import { databaseFacts, probeFacts } from '../facts';
import { db, OFFLINE_CASES, probe, singleAz } from './offline-cases';

let template: TemplateJson;

beforeAll(async () => {
  template = await synthLab(rdsMultiAzFailover);
});

const CLAIM_IDS = Object.keys(rdsMultiAzFailover.checks);

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

  test('I18.endpoint-name-stays-dns-moves: the probe resolves the endpoint name on every try', () => {
    expect(probeFacts(template).targetsEndpointName).toBe(true);
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

  test("the probe function is bounded by Lambda's limits and logs to a log group of the stack", () => {
    expect(probe(template)).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Timeout: 270, LoggingConfig: { LogGroup: { Ref: expect.stringMatching(/^ProbeLogGroup/) } } });
  });

  test('every output the live checks read is there, with its declared description', () => {
    expect(Object.keys(template.Outputs ?? {}).sort()).toEqual(
      ['DbInstanceIdentifier', 'LabTtl', 'ProbeFunctionName', 'ProbeMaxWindowSeconds'].sort(),
    );
    expect(template.Outputs?.ProbeMaxWindowSeconds?.Value).toBe('240');
    for (const [name, description] of Object.entries(rdsMultiAzFailover.outputs)) expect(template.Outputs?.[name]?.Description).toBe(description);
  });

  test('costs under $0.05 an hour, dominated by the Multi-AZ db.t4g.micro', () => {
    const cost = estimateCost(template);
    expect(cost.hourly).toBeCloseTo(0.0388, 4);
    expect(cost.dominant?.what).toBe('db.t4g.micro Multi-AZ DB instance');
    expect(cost.hourly).toBeLessThanOrEqual(rdsMultiAzFailover.hourlyBudgetUsd);
  });

  test('every offline check passes on the lab template', () => {
    const judged = CLAIM_IDS.map((id) => [id, judgeOffline(rdsMultiAzFailover, id, template)] as const);
    expect(judged.filter(([, j]) => j.outcome !== 'pass').map(([id, j]) => `${id}: ${j.outcome} ${j.reasons.join('; ')}`)).toEqual([]);
  });
});

describe('rds-multi-az-failover offline checks fail when the template contradicts the truth', () => {
  test('the failing cases name the failed expectation', () => {
    const reasons = (id: string) => judgeOffline(rdsMultiAzFailover, id, mutatedCopy(template, OFFLINE_CASES[id])).reasons;
    // The shared invariant suite holds every case to 'fail'; here, that each names its expectation.
    expect(reasons('B25.rds-spans-two-azs')).toEqual(['AZs of the DB subnet group: expected at least 2 AZs, saw 1 AZs']);
    expect(reasons('I18.fails-over-to-standby')).toEqual(['the DB instance is Multi-AZ: expected yes, saw no: MultiAZ false']);
    expect(reasons('I18.endpoint-name-stays-dns-moves')).toEqual(["the probe resolves the DB instance's endpoint name: expected yes, saw no: TARGET_HOST is not Fn::GetAtt Endpoint.Address"]);
    expect(reasons('I38.multi-az-rds-for-the-database')).toEqual(['the DB security group admits the probe on the DB port: expected yes, saw no: no ingress from the probe group on 5432/tcp']);
    expect(reasons('I23.automatic-failover-is-not-aurora-only')).toEqual(['the engine is not Aurora: expected yes, saw aurora-postgresql']);
    expect(reasons('A1.multi-az-is-not-multi-region')).toEqual(['read replicas: expected 0, saw 1']);
  });

  test('a Single-AZ instance fails every claim that rests on Multi-AZ', () => {
    const single = mutatedCopy(template, singleAz);
    for (const id of CLAIM_IDS) {
      const j = judgeOffline(rdsMultiAzFailover, id, single);
      expect([id, j.outcome]).toEqual([id, 'fail']);
      expect(j.reasons).toContain('the DB instance is Multi-AZ: expected yes, saw no: MultiAZ false');
    }
  });

  test('a probe window longer than its timeout fails I38', () => {
    const j = judgeOffline(rdsMultiAzFailover, 'I38.multi-az-rds-for-the-database', mutatedCopy(template, (x) => (probe(x).Timeout = 200)));
    expect(j.outcome).toBe('fail');
    expect(j.reasons).toEqual(["the probe's timeout is within Lambda's 900 s and above its window: expected yes, saw timeout 200 s, window up to 240 s"]);
  });
});
