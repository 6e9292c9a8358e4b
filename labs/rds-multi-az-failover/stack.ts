import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { FailoverProbe } from '../../lib/database/failover-probe';
import { MultiAzPostgresInstance } from '../../lib/database/multi-az-postgres-instance';
import { addLabOutputs } from '../../lib/lab-kit/stack/lab-outputs';
import { LabStack, type LabStackProps } from '../../lib/lab-kit/stack/lab-stack';
import { OUTPUTS } from './outputs';

/**
 * Lab rds-multi-az-failover: a PostgreSQL Multi-AZ DB instance in two isolated subnets, and a probe
 * function beside it that sees the database as a client does while the checks force a failover.
 *
 * Nothing here needs the internet: no NAT gateway, no internet gateway, no public address. The
 * checks drive everything through AWS APIs (RDS, Lambda Invoke) from the caller's machine.
 */
export class RdsMultiAzFailoverStack extends LabStack {
  public readonly database: MultiAzPostgresInstance;
  public readonly probe: FailoverProbe;

  constructor(scope: Construct, id: string, props: LabStackProps = {}) {
    super(scope, id, {
      description: 'Lab rds-multi-az-failover: force a Multi-AZ failover and measure what clients see (I18, I38, B25, I23, A1)',
      ...props,
    });

    // Two isolated subnets, one per AZ: the DB subnet group needs two AZs, the probe uses both.
    const vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr('10.30.0.0/16'),
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'Data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
      // Nothing uses the default security group; restricting it would add a custom-resource
      // function (and its log group) for no gain in a lab that has no other workload.
      restrictDefaultSecurityGroup: false,
    });

    this.database = new MultiAzPostgresInstance(this, 'Database', {
      vpc,
      // A lab: deletable, nothing kept after destroy, no backups (they add minutes to the deploy).
      deletionProtection: false,
      removalPolicy: RemovalPolicy.DESTROY,
      backupRetention: Duration.days(0),
    });
    this.probe = new FailoverProbe(this, 'Probe', { vpc, target: this.database });

    addLabOutputs(this, OUTPUTS, {
      DbInstanceIdentifier: this.database.instance.instanceIdentifier,
      ProbeFunctionName: this.probe.function.functionName,
      ProbeMaxWindowSeconds: String(this.probe.maxWindowSeconds),
    });

    Validations.of(vpc).acknowledge({
      id: 'AwsSolutions-VPC7',
      reason: 'Flow logs would cost more than the lab and show nothing the probe does not: it records every connection attempt itself.',
    });
    const instance = this.database.instance;
    Validations.of(instance).acknowledge(
      { id: 'AwsSolutions-RDS10', reason: 'Deletion protection off on purpose: a lab must be deletable by cdk destroy and by its self-destruct.' },
      { id: 'AwsSolutions-RDS11', reason: 'The standard PostgreSQL port: only the probe security group may reach it, and the lab shows a standard endpoint.' },
      { id: 'AwsSolutions-RDS13', reason: 'Automated backups off: the lab holds no data, and the first backup would add minutes to a deploy that already takes 15-25.' },
    );
  }
}
