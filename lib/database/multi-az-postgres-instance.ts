import { Duration, RemovalPolicy, Size, SizeRoundingBehavior } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/** Properties of {@link MultiAzPostgresInstance}. */
export interface MultiAzPostgresInstanceProps {
  readonly vpc: ec2.IVpc;
  /**
   * Where the primary and the standby may run. RDS puts them in different Availability Zones of
   * the DB subnet group, so the selection must span at least two; public subnets are refused.
   * @default the VPC's isolated subnets
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /**
   * The DB instance class. A Multi-AZ DB instance runs on the burstable micro classes too, and
   * bills the class twice (primary and standby).
   * @default db.t4g.micro (Graviton, burstable, the cheapest PostgreSQL class; Multi-AZ runs on it)
   */
  readonly instanceType?: ec2.InstanceType;
  /**
   * A major version lets RDS pick the current minor version at create time and upgrade minors.
   * @default PostgresEngineVersion.VER_17
   */
  readonly engineVersion?: rds.PostgresEngineVersion;
  /**
   * gp3 storage, billed twice in Multi-AZ (primary and standby each have a copy).
   * @default Size.gibibytes(20), the gp3 minimum for RDS for PostgreSQL
   */
  readonly allocatedStorage?: Size;
  /**
   * The master user's name. Its password is generated and kept by RDS in AWS Secrets Manager
   * (`ManageMasterUserPassword`), rotated by RDS, and never appears in the template.
   * @default 'postgres'
   */
  readonly masterUsername?: string;
  /** @default 5432 */
  readonly port?: number;
  /**
   * How long automated backups are kept; `Duration.days(0)` turns them off (and with them
   * point-in-time restore).
   * @default Duration.days(7)
   */
  readonly backupRetention?: Duration;
  /**
   * Whether DeleteDBInstance is refused until this is turned off. A deliberate choice, so it has
   * no default: on for anything holding data you need, off for a lab that must be deletable.
   */
  readonly deletionProtection: boolean;
  /**
   * What happens to the instance when it leaves the stack: `SNAPSHOT` takes a final snapshot
   * (kept, and billed, after the stack is gone), `DESTROY` deletes it with its automated backups.
   * A deliberate choice, so it has no default. Retaining is not offered: a retained instance keeps
   * running, and billing, outside any stack; protect data with `deletionProtection` and a final
   * snapshot instead.
   */
  readonly removalPolicy: RemovalPolicy;
}

const REMOVAL_POLICIES: readonly RemovalPolicy[] = [RemovalPolicy.DESTROY, RemovalPolicy.SNAPSHOT];
/** Names RDS or PostgreSQL keep for themselves (RDS also refuses SQL keywords, at deploy time). */
const RESERVED_USERNAMES = new Set(['rdsadmin', 'rds_superuser', 'rdsrepladmin', 'public']);

/**
 * A PostgreSQL **Multi-AZ DB instance** as a careful engineer defines it: isolated subnets, no
 * public access, storage encrypted, the master password generated and kept by RDS in Secrets
 * Manager, the smallest burstable class by default, and deletion protection and the final snapshot
 * as explicit choices.
 *
 * **Multi-AZ DB instance, Multi-AZ DB cluster, read replica: three different things.**
 * - A *Multi-AZ DB instance* (this construct) is one primary plus one **standby** in another
 *   Availability Zone of the same Region, kept current by synchronous replication.
 *   The standby has no endpoint and serves no reads; it exists only to take over. On failure, or
 *   on a reboot with `ForceFailover`, RDS promotes it and moves the instance's DNS record: the
 *   endpoint *name* stays, its *address* changes, open connections drop. AWS documents failovers
 *   of typically 60–120 seconds. You pay for both instances and both copies of storage.
 * - A *Multi-AZ DB cluster* (MySQL and PostgreSQL only) has a writer and **two readable standbys**
 *   in three AZs, a reader endpoint, and failovers typically under 35 seconds, for three
 *   instances' price.
 * - A *read replica* is a separate instance with its own endpoint, fed by asynchronous replication:
 *   it scales reads and can be promoted by hand, even in another Region, but RDS does not fail
 *   over to it automatically.
 *
 * Multi-AZ protects against the loss of an instance or an Availability Zone, inside one Region.
 * It is not a way to scale reads, nor a multi-Region design.
 *
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.Failover.html
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/multi-az-db-clusters-concepts.html
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.html
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html
 */
export class MultiAzPostgresInstance extends Construct implements ec2.IConnectable {
  public readonly instance: rds.DatabaseInstance;
  /** Admits nothing until you allow a peer (`allowFrom`); sends nothing. */
  public readonly securityGroup: ec2.SecurityGroup;
  public readonly connections: ec2.Connections;
  /** The one endpoint of the instance: the primary's, wherever the primary runs. */
  public readonly endpoint: rds.Endpoint;
  /** The master user's secret, created and rotated by RDS. */
  public readonly secret: secretsmanager.ISecret;
  /** The endpoint's DNS name (resolved at deploy time). */
  public readonly hostname: string;
  /** The database port, as a literal. */
  public readonly port: number;

  constructor(scope: Construct, id: string, props: MultiAzPostgresInstanceProps) {
    super(scope, id);
    const vpcSubnets = props.vpcSubnets ?? { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };
    const storage = props.allocatedStorage ?? Size.gibibytes(20);
    const masterUsername = props.masterUsername ?? 'postgres';
    const port = props.port ?? 5432;
    const backupRetention = props.backupRetention ?? Duration.days(7);

    const problems: string[] = [];
    let subnets: ec2.ISubnet[] = [];
    try {
      subnets = props.vpc.selectSubnets(vpcSubnets).subnets;
    } catch (error) {
      problems.push(`vpcSubnets: ${(error as Error).message}`);
    }
    const zones = new Set(subnets.map((s) => s.availabilityZone));
    if (subnets.length > 0 && zones.size < 2) {
      problems.push(`vpcSubnets: received subnets in ${zones.size} Availability Zone; allowed: subnets in at least 2 Availability Zones (the standby runs in another one)`);
    }
    const publicOnes = subnets.filter((s) => props.vpc.publicSubnets.includes(s));
    if (publicOnes.length > 0) {
      problems.push(`vpcSubnets: received ${publicOnes.length} public subnet(s); allowed: private or isolated subnets (a database takes no traffic from the internet)`);
    }
    const gib = storage.toGibibytes({ rounding: SizeRoundingBehavior.NONE });
    if (!Number.isInteger(gib) || gib < 20 || gib > 65536) {
      problems.push(`allocatedStorage: received ${gib} GiB; allowed: 20 to 65536 GiB (gp3)`);
    }
    if (!/^[A-Za-z][A-Za-z0-9_]{0,15}$/.test(masterUsername) || RESERVED_USERNAMES.has(masterUsername.toLowerCase())) {
      problems.push(`masterUsername: received ${JSON.stringify(masterUsername)}; allowed: 1 to 16 letters, digits or underscores, starting with a letter, other than ${[...RESERVED_USERNAMES].join(', ')}`);
    }
    if (!Number.isInteger(port) || port < 1150 || port > 65535) {
      problems.push(`port: received ${port}; allowed: 1150 to 65535`);
    }
    const days = backupRetention.toHours({ integral: false }) / 24;
    if (!Number.isInteger(days) || days < 0 || days > 35) {
      problems.push(`backupRetention: received ${backupRetention.toHumanString()}; allowed: 0 to 35 whole days`);
    }
    if (!REMOVAL_POLICIES.includes(props.removalPolicy)) {
      problems.push(`removalPolicy: received ${props.removalPolicy}; allowed: ${REMOVAL_POLICIES.join(', ')}`);
    }
    if (problems.length > 0) throw new Error(problems.join('\n'));

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'PostgreSQL: admits only the peers allowed explicitly; initiates nothing',
      allowAllOutbound: false,
    });

    this.instance = new rds.DatabaseInstance(this, 'Instance', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: props.engineVersion ?? rds.PostgresEngineVersion.VER_17 }),
      instanceType: props.instanceType ?? ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MICRO),
      vpc: props.vpc,
      vpcSubnets,
      securityGroups: [this.securityGroup],
      multiAz: true,
      publiclyAccessible: false,
      port,
      storageType: rds.StorageType.GP3,
      allocatedStorage: gib,
      storageEncrypted: true,
      credentials: rds.Credentials.fromUsername(masterUsername),
      manageMasterUserPassword: true,
      backupRetention,
      deleteAutomatedBackups: true,
      deletionProtection: props.deletionProtection,
      removalPolicy: props.removalPolicy,
      autoMinorVersionUpgrade: true,
      copyTagsToSnapshot: true,
    });
    this.connections = this.instance.connections;
    this.endpoint = this.instance.instanceEndpoint;
    this.hostname = this.endpoint.hostname;
    this.port = port;
    this.secret = this.instance.secret!;
  }

  /** Lets `peer` connect to the database port, and nothing else. */
  public allowFrom(peer: ec2.IConnectable, description: string): void {
    this.connections.allowFrom(peer, ec2.Port.tcp(this.port), description);
  }
}
