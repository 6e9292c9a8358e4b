/**
 * What the synthesized template says about the database and the probe, for the offline checks:
 * read once per template by {@link labFacts}.
 */
import type { TemplateJson } from '../../lib/lab-kit/template/json';
import { refTarget, resourceById, resourceOfOutput, resourcesOfType } from '../../lib/lab-kit/template/resources';
import type { OUTPUTS } from './outputs';

const DB_OUTPUT: keyof typeof OUTPUTS = 'DbInstanceIdentifier';
const PROBE_OUTPUT: keyof typeof OUTPUTS = 'ProbeFunctionName';

/** The DB instance of the lab, as the template defines it. */
export interface DatabaseFacts {
  readonly logicalId: string;
  readonly engine: string;
  readonly instanceClass: string;
  readonly multiAz: boolean;
  readonly publiclyAccessible: boolean;
  readonly storageEncrypted: boolean;
  /** RDS keeps the master password in Secrets Manager; the template holds none. */
  readonly passwordManagedByRds: boolean;
  readonly passwordInTemplate: boolean;
  readonly deletionProtection: boolean;
  readonly port: string;
  /** Logical ids of the DB subnet group's subnets. */
  readonly subnets: readonly string[];
  /** How many distinct Availability Zones those subnets name. */
  readonly zones: number;
  /** Read replicas or cluster membership anywhere in the template. */
  readonly replicas: number;
  readonly inCluster: boolean;
  readonly securityGroups: readonly string[];
}

/** The probe function, as the template defines it. */
export interface ProbeFacts {
  readonly logicalId: string;
  readonly timeoutSeconds: number;
  readonly maxWindowSeconds: number;
  readonly subnets: readonly string[];
  /** TARGET_HOST is the DB instance's Endpoint.Address: the probe resolves the name, not an IP. */
  readonly targetsEndpointName: boolean;
  readonly targetPort: string;
  /** The DB's security groups admit the probe's group on the database port. */
  readonly admittedByDatabase: boolean;
  /** The probe's own egress: only the database port. */
  readonly egressPorts: readonly string[];
}

function subnetZone(template: TemplateJson, subnet: string): string {
  return JSON.stringify(resourceById(template, subnet)?.properties.AvailabilityZone ?? null);
}

/** Facts about the lab's DB instance (the resource of the DbInstanceIdentifier output). */
export function databaseFacts(template: TemplateJson): DatabaseFacts {
  const db = resourceOfOutput(template, DB_OUTPUT);
  if (db.type !== 'AWS::RDS::DBInstance') throw new Error(`output ${DB_OUTPUT} points at ${db.type}, not an AWS::RDS::DBInstance`);
  const p = db.properties;
  const group = resourceById(template, refTarget(p.DBSubnetGroupName) ?? '');
  const subnets = ((group?.properties.SubnetIds ?? []) as unknown[]).map((s) => refTarget(s) ?? String(s));
  const zones = new Set(subnets.map((s) => subnetZone(template, s)));
  const instances = resourcesOfType(template, 'AWS::RDS::DBInstance');
  return {
    logicalId: db.logicalId,
    engine: String(p.Engine ?? ''),
    instanceClass: String(p.DBInstanceClass ?? ''),
    multiAz: p.MultiAZ === true || p.MultiAZ === 'true',
    publiclyAccessible: p.PubliclyAccessible === true || p.PubliclyAccessible === 'true',
    storageEncrypted: p.StorageEncrypted === true || p.StorageEncrypted === 'true',
    passwordManagedByRds: p.ManageMasterUserPassword === true,
    passwordInTemplate: p.MasterUserPassword !== undefined,
    deletionProtection: p.DeletionProtection === true,
    port: String(p.Port ?? ''),
    subnets,
    zones: zones.size,
    replicas: instances.filter((i) => i.properties.SourceDBInstanceIdentifier !== undefined || i.properties.SourceRegion !== undefined).length,
    inCluster: instances.some((i) => i.properties.DBClusterIdentifier !== undefined) || resourcesOfType(template, 'AWS::RDS::DBCluster').length > 0,
    securityGroups: ((p.VPCSecurityGroups ?? []) as unknown[]).map((g) => refTarget(g) ?? String(g)),
  };
}

/** Facts about the probe function (the resource of the ProbeFunctionName output). */
export function probeFacts(template: TemplateJson, db: DatabaseFacts = databaseFacts(template)): ProbeFacts {
  const fn = resourceOfOutput(template, PROBE_OUTPUT);
  const env = fn.properties.Environment?.Variables ?? {};
  const host = env.TARGET_HOST;
  const targetsEndpointName =
    Array.isArray(host?.['Fn::GetAtt']) && host['Fn::GetAtt'][0] === db.logicalId && host['Fn::GetAtt'][1] === 'Endpoint.Address';
  const probeGroups = ((fn.properties.VpcConfig?.SecurityGroupIds ?? []) as unknown[]).map((g) => refTarget(g) ?? String(g));
  const port = String(env.TARGET_PORT ?? '');
  const ingress = resourcesOfType(template, 'AWS::EC2::SecurityGroupIngress').filter(
    (r) => db.securityGroups.includes(refTarget(r.properties.GroupId) ?? '') && probeGroups.includes(refTarget(r.properties.SourceSecurityGroupId) ?? ''),
  );
  const admittedByDatabase = ingress.some((r) => String(r.properties.FromPort) === port && String(r.properties.ToPort) === port && r.properties.IpProtocol === 'tcp');
  const egressPorts = probeGroups.flatMap((g) =>
    ((resourceById(template, g)?.properties.SecurityGroupEgress ?? []) as any[]).map((e) => `${e.IpProtocol}/${e.FromPort}-${e.ToPort}`),
  );
  return {
    logicalId: fn.logicalId,
    timeoutSeconds: Number(fn.properties.Timeout ?? 3),
    maxWindowSeconds: Number(env.MAX_WINDOW_SECONDS),
    subnets: ((fn.properties.VpcConfig?.SubnetIds ?? []) as unknown[]).map((s) => refTarget(s) ?? String(s)),
    targetsEndpointName,
    targetPort: port,
    admittedByDatabase,
    egressPorts,
  };
}

/** Everything the offline checks read. */
export interface Facts {
  readonly database: DatabaseFacts;
  readonly probe: ProbeFacts;
}

/** The lab's template facts, computed once per template. */
export function labFacts(template: TemplateJson): Facts {
  const database = databaseFacts(template);
  return { database, probe: probeFacts(template, database) };
}

/** `db.t4g.micro postgres, Multi-AZ, 2 subnets in 2 AZs, not public, encrypted`. */
export function describeDatabase(f: DatabaseFacts): string {
  return (
    `${f.logicalId}: ${f.instanceClass} ${f.engine}, ${f.multiAz ? 'Multi-AZ' : 'Single-AZ'}, ` +
    `subnet group of ${f.subnets.length} subnet(s) in ${f.zones} AZ(s), ${f.publiclyAccessible ? 'PUBLIC' : 'not public'}, ` +
    `${f.storageEncrypted ? 'encrypted' : 'NOT encrypted'}, ${f.replicas} read replica(s)${f.inCluster ? ', in a DB cluster' : ''}`
  );
}
