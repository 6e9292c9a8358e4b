import { Duration, RemovalPolicy, Size, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { MultiAzPostgresInstance, type MultiAzPostgresInstanceProps } from '../../lib/database/multi-az-postgres-instance';
import { createLabApp } from '../../lib/lab-kit/app/lab-app';

function stackWithVpc(vpcProps: ec2.VpcProps = {}) {
  const stack = new Stack(createLabApp({ nag: false }), 'Test');
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    maxAzs: 2,
    natGateways: 0,
    subnetConfiguration: [
      { name: 'Public', subnetType: ec2.SubnetType.PUBLIC },
      { name: 'Data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    ],
    ...vpcProps,
  });
  return { stack, vpc };
}

function build(props: Partial<MultiAzPostgresInstanceProps> = {}, vpcProps: ec2.VpcProps = {}) {
  const { stack, vpc } = stackWithVpc(vpcProps);
  const db = new MultiAzPostgresInstance(stack, 'Database', { vpc, deletionProtection: true, removalPolicy: RemovalPolicy.SNAPSHOT, ...props });
  return { stack, vpc, db, template: Template.fromStack(stack) };
}

describe('MultiAzPostgresInstance', () => {
  test('is a Multi-AZ PostgreSQL DB instance on db.t4g.micro with 20 GiB of encrypted gp3, not public', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::RDS::DBInstance', {
      Engine: 'postgres',
      EngineVersion: '17',
      DBInstanceClass: 'db.t4g.micro',
      MultiAZ: true,
      PubliclyAccessible: false,
      StorageType: 'gp3',
      AllocatedStorage: '20',
      StorageEncrypted: true,
      Port: '5432',
      BackupRetentionPeriod: 7,
      DeleteAutomatedBackups: true,
      AutoMinorVersionUpgrade: true,
    });
  });

  test('lets RDS generate and keep the master password: no password and no secret in the template', () => {
    const { template, db } = build();
    template.hasResourceProperties('AWS::RDS::DBInstance', { ManageMasterUserPassword: true, MasterUsername: 'postgres', MasterUserPassword: Match.absent() });
    template.resourceCountIs('AWS::SecretsManager::Secret', 0);
    expect(Stack.of(db).resolve(db.secret.secretArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^DatabaseInstance/), 'MasterUserSecret.SecretArn'] });
  });

  test('puts its subnet group in the isolated subnets of two AZs', () => {
    const { template, stack, vpc } = build();
    const isolated = vpc.isolatedSubnets.map((s) => stack.resolve(s.subnetId));
    template.hasResourceProperties('AWS::RDS::DBSubnetGroup', { SubnetIds: isolated });
    expect(isolated).toHaveLength(2);
  });

  test('admits nothing and sends nothing until a peer is allowed', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: Match.stringLikeRegexp('^PostgreSQL'),
      SecurityGroupEgress: [Match.objectLike({ CidrIp: '255.255.255.255/32', Description: 'Disallow all traffic' })],
      SecurityGroupIngress: Match.absent(),
    });
    template.resourceCountIs('AWS::EC2::SecurityGroupIngress', 0);
  });

  test('allowFrom admits a peer on the database port only', () => {
    const { stack, vpc } = stackWithVpc();
    const db = new MultiAzPostgresInstance(stack, 'Database', { vpc, deletionProtection: true, removalPolicy: RemovalPolicy.SNAPSHOT });
    db.allowFrom(new ec2.SecurityGroup(stack, 'Client', { vpc }), 'the application');
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroupIngress', { FromPort: 5432, ToPort: 5432, IpProtocol: 'tcp', Description: 'the application' });
  });

  test('deletion protection and the final snapshot are the caller\'s explicit choices', () => {
    const kept = build();
    kept.template.hasResource('AWS::RDS::DBInstance', { DeletionPolicy: 'Snapshot', UpdateReplacePolicy: 'Snapshot', Properties: Match.objectLike({ DeletionProtection: true }) });
    const lab = build({ deletionProtection: false, removalPolicy: RemovalPolicy.DESTROY, backupRetention: Duration.days(0) });
    lab.template.hasResource('AWS::RDS::DBInstance', { DeletionPolicy: 'Delete', Properties: Match.objectLike({ DeletionProtection: false, BackupRetentionPeriod: 0 }) });
  });

  test('takes another class, version, size, user and port', () => {
    const { template, db } = build({
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.SMALL),
      engineVersion: rds.PostgresEngineVersion.VER_16,
      allocatedStorage: Size.gibibytes(50),
      masterUsername: 'app_admin',
      port: 5433,
    });
    template.hasResourceProperties('AWS::RDS::DBInstance', { DBInstanceClass: 'db.t4g.small', EngineVersion: '16', AllocatedStorage: '50', MasterUsername: 'app_admin', Port: '5433' });
    expect(db.port).toBe(5433);
  });

  test('throws when the subnets are in one AZ only', () => {
    expect(() => build({}, { maxAzs: 1 })).toThrow(
      'vpcSubnets: received subnets in 1 Availability Zone; allowed: subnets in at least 2 Availability Zones (the standby runs in another one)',
    );
  });

  test('throws when the subnets are public', () => {
    expect(() => build({ vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } })).toThrow(
      'vpcSubnets: received 2 public subnet(s); allowed: private or isolated subnets (a database takes no traffic from the internet)',
    );
  });

  test('throws when the VPC has no subnets of the selected kind, with CDK\'s reason', () => {
    expect(() => build({}, { subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }] })).toThrow(/^vpcSubnets: There are no 'Isolated' subnet groups in this VPC/);
  });

  test('throws one error listing every invalid setting', () => {
    expect(() =>
      build({
        allocatedStorage: Size.gibibytes(10),
        masterUsername: 'rdsadmin',
        port: 80,
        backupRetention: Duration.days(36),
        removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
      }),
    ).toThrow(
      [
        'allocatedStorage: received 10 GiB; allowed: 20 to 65536 GiB (gp3)',
        'masterUsername: received "rdsadmin"; allowed: 1 to 16 letters, digits or underscores, starting with a letter, other than rdsadmin, rds_superuser, rdsrepladmin, public',
        'port: received 80; allowed: 1150 to 65535',
        'backupRetention: received 36 days; allowed: 0 to 35 whole days',
        'removalPolicy: received retain-on-update-or-delete; allowed: destroy, snapshot',
      ].join('\n'),
    );
  });

  test.each([
    ['1admin', 'masterUsername: received "1admin"'],
    ['a-dash', 'masterUsername: received "a-dash"'],
    ['a_name_longer_than_16', 'masterUsername: received "a_name_longer_than_16"'],
  ])('throws when the master username is %s', (masterUsername, error) => {
    expect(() => build({ masterUsername })).toThrow(error);
  });

  test('throws when backups are kept for part of a day', () => {
    expect(() => build({ backupRetention: Duration.hours(12) })).toThrow('backupRetention: received 12 hours; allowed: 0 to 35 whole days');
  });
});
