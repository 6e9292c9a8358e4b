/**
 * Will the lab's instance types and DB classes be offered in the Availability Zones it lands in?
 * "The requested instance type is not supported in your requested Availability Zone" is a common
 * CREATE_FAILED, for RDS only after about 20 minutes, because AZ names map to different AZ ids in
 * each account and constrained AZs do not offer newer types. `labs deploy` checks first.
 *
 * Where a lab lands: in the AZs chosen with `--azs` (`-c labs:azs`), else in the first ones
 * `Fn::GetAZs` returns: "only Availability Zones that have a default subnet unless none of the
 * Availability Zones has a default subnet; in that case, all Availability Zones", "in alphabetical
 * order", although the page adds that the order "isn't guaranteed". The prediction says so.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-getavailabilityzones.html
 * @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstanceTypeOfferings.html
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeOrderableDBInstanceOptions.html
 */
import type { AwsClientConfig } from '../core/aws-config';
import type { TemplateJson } from '../template/json';

/** A DB instance the template creates. */
export interface DbNeed {
  readonly engine: string;
  /** As the template gives it: a major (`17`) or full (`17.6`) version. */
  readonly engineVersion?: string;
  readonly dbInstanceClass: string;
  readonly multiAz: boolean;
  /** As the template gives it (gp3, gp2, io1...); absent, any storage type the class offers. */
  readonly storageType?: string;
}

/** What the template needs of the AZs it uses. */
export interface PlacementNeeds {
  readonly instanceTypes: readonly string[];
  readonly databases: readonly DbNeed[];
  /** How many AZs it takes from Fn::GetAZs (the highest Fn::Select index + 1). */
  readonly azsFromGetAzs: number;
  /** AZ names the template names itself (a lab deployed with --azs). */
  readonly namedAzs: readonly string[];
}

function walk(value: unknown, visit: (v: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) value.forEach((v) => walk(v, visit));
  else if (value && typeof value === 'object') {
    visit(value as Record<string, unknown>);
    Object.values(value).forEach((v) => walk(v, visit));
  }
}

/** The instance types, DB instances and AZs a template uses. */
export function placementNeeds(template: TemplateJson): PlacementNeeds {
  const instanceTypes = new Set<string>();
  const databases: DbNeed[] = [];
  const namedAzs = new Set<string>();
  let azsFromGetAzs = 0;
  for (const r of Object.values(template.Resources ?? {})) {
    const p = r.Properties ?? {};
    if (r.Type === 'AWS::EC2::Instance' && typeof p.InstanceType === 'string') instanceTypes.add(p.InstanceType);
    if (r.Type === 'AWS::EC2::LaunchTemplate' && typeof p.LaunchTemplateData?.InstanceType === 'string') instanceTypes.add(p.LaunchTemplateData.InstanceType);
    if (r.Type === 'AWS::RDS::DBInstance' && typeof p.Engine === 'string' && typeof p.DBInstanceClass === 'string') {
      databases.push({
        engine: p.Engine,
        engineVersion: typeof p.EngineVersion === 'string' ? p.EngineVersion : undefined,
        dbInstanceClass: p.DBInstanceClass,
        multiAz: p.MultiAZ === true || p.MultiAZ === 'true',
        ...(typeof p.StorageType === 'string' ? { storageType: p.StorageType } : {}),
      });
    }
    if (r.Type === 'AWS::EC2::Subnet' && typeof p.AvailabilityZone === 'string') namedAzs.add(p.AvailabilityZone);
    walk(p, (v) => {
      const select = v['Fn::Select'];
      if (Array.isArray(select) && typeof select[0] === 'number' && (select[1] as Record<string, unknown>)?.['Fn::GetAZs'] !== undefined) {
        azsFromGetAzs = Math.max(azsFromGetAzs, select[0] + 1);
      }
    });
  }
  return { instanceTypes: [...instanceTypes].sort(), databases, azsFromGetAzs, namedAzs: [...namedAzs].sort() };
}

/** What the account offers in the Region, as the APIs answered. */
export interface RegionOfferings {
  /** Available AZs (ZoneType availability-zone, State available), by name. */
  readonly zones: readonly string[];
  /** AZs with a default subnet. */
  readonly defaultSubnetZones: readonly string[];
  /** Instance type → the AZs that offer it. */
  readonly instanceTypes: Readonly<Record<string, readonly string[]>>;
  /** `engine engineVersion dbInstanceClass` → the AZs that offer it (Multi-AZ capable ones when the lab needs Multi-AZ). */
  readonly databases: Readonly<Record<string, readonly string[]>>;
}

/** The key of a DB need in {@link RegionOfferings.databases}. */
export function dbKey(db: DbNeed): string {
  return `${db.engine} ${db.engineVersion ?? 'any version'} ${db.dbInstanceClass}${db.storageType ? ` ${db.storageType}` : ''}${db.multiAz ? ' Multi-AZ' : ''}`;
}

/** Reads the offerings the needs ask about (EC2 and RDS describe calls; nothing is created). */
export async function readOfferings(aws: AwsClientConfig, needs: PlacementNeeds): Promise<RegionOfferings> {
  const { EC2Client, DescribeAvailabilityZonesCommand, paginateDescribeInstanceTypeOfferings, paginateDescribeSubnets } = await import('@aws-sdk/client-ec2');
  const ec2 = new EC2Client(aws);
  const zones = ((await ec2.send(new DescribeAvailabilityZonesCommand({}))).AvailabilityZones ?? [])
    .filter((z) => (z.ZoneType ?? 'availability-zone') === 'availability-zone' && z.State === 'available')
    .map((z) => z.ZoneName ?? '')
    .filter(Boolean)
    .sort();
  const defaultSubnetZones = new Set<string>();
  for await (const page of paginateDescribeSubnets({ client: ec2 }, { Filters: [{ Name: 'default-for-az', Values: ['true'] }] })) {
    for (const s of page.Subnets ?? []) if (s.AvailabilityZone) defaultSubnetZones.add(s.AvailabilityZone);
  }
  const instanceTypes: Record<string, string[]> = Object.fromEntries(needs.instanceTypes.map((t) => [t, []]));
  if (needs.instanceTypes.length > 0) {
    const pages = paginateDescribeInstanceTypeOfferings({ client: ec2 }, { LocationType: 'availability-zone', Filters: [{ Name: 'instance-type', Values: [...needs.instanceTypes] }] });
    for await (const page of pages) {
      for (const o of page.InstanceTypeOfferings ?? []) if (o.InstanceType && o.Location) instanceTypes[o.InstanceType]?.push(o.Location);
    }
  }
  const databases: Record<string, string[]> = {};
  if (needs.databases.length > 0) {
    const { RDSClient, paginateDescribeOrderableDBInstanceOptions } = await import('@aws-sdk/client-rds');
    const rds = new RDSClient(aws);
    for (const db of needs.databases) {
      const found = new Set<string>();
      // No EngineVersion filter: the template may give a major version (17), which is no full version to match.
      for await (const page of paginateDescribeOrderableDBInstanceOptions({ client: rds }, { Engine: db.engine, DBInstanceClass: db.dbInstanceClass, Vpc: true })) {
        for (const o of page.OrderableDBInstanceOptions ?? []) {
          const version = o.EngineVersion ?? '';
          if (db.engineVersion && version !== db.engineVersion && !version.startsWith(`${db.engineVersion}.`)) continue;
          if (db.multiAz && !o.MultiAZCapable) continue;
          // One OrderableDBInstanceOption per storage type: the template's must be among them.
          if (db.storageType && o.StorageType !== db.storageType) continue;
          for (const az of o.AvailabilityZones ?? []) if (az.Name) found.add(az.Name);
        }
      }
      databases[dbKey(db)] = [...found].sort();
    }
  }
  return { zones, defaultSubnetZones: [...defaultSubnetZones].sort(), instanceTypes, databases };
}

/** The verdict of a placement check. */
export interface Placement {
  /** The AZs the lab will use (chosen) or is predicted to use (Fn::GetAZs). */
  readonly azs: readonly string[];
  readonly predicted: boolean;
  /** How many AZs the lab needs: as many as it selects from Fn::GetAZs, or the ones it names. */
  readonly needed: number;
  /** AZs that offer everything the lab needs. */
  readonly workingAzs: readonly string[];
  /** One line per need an AZ of the lab does not meet. */
  readonly problems: readonly string[];
}

/**
 * Checks the AZs a lab uses against what they offer, and that Fn::GetAZs returns as many AZs as the
 * template selects from it (an account whose default VPC kept a default subnet in one AZ only gets
 * one: "returns only Availability Zones that have a default subnet unless none of the Availability
 * Zones has a default subnet").
 */
export function checkPlacement(needs: PlacementNeeds, offered: RegionOfferings): Placement {
  const predicted = needs.namedAzs.length === 0;
  const candidates = offered.defaultSubnetZones.length > 0 ? offered.zones.filter((z) => offered.defaultSubnetZones.includes(z)) : offered.zones;
  const azs = predicted ? candidates.slice(0, needs.azsFromGetAzs) : needs.namedAzs;
  const offers = (az: string) => needs.instanceTypes.every((t) => offered.instanceTypes[t]?.includes(az)) && needs.databases.every((d) => offered.databases[dbKey(d)]?.includes(az));
  const problems: string[] = [];
  // Fn::Select of an index past the end of Fn::GetAZs fails the stack at create time, so fewer
  // default-subnet AZs than the template selects is a refusal, not a shorter list.
  if (predicted && candidates.length < needs.azsFromGetAzs) {
    problems.push(
      `the template selects ${needs.azsFromGetAzs} AZs from Fn::GetAZs, which returns only the AZs with a default subnet when any has one, and only ${candidates.length} ${candidates.length === 1 ? 'has' : 'have'} (${candidates.join(', ')}); Fn::Select past its end fails the stack`,
    );
  }
  for (const az of azs) {
    if (!offered.zones.includes(az)) problems.push(`${az} is not an available Availability Zone of this Region (it has: ${offered.zones.join(', ')})`);
    for (const t of needs.instanceTypes) if (!offered.instanceTypes[t]?.includes(az)) problems.push(`${az} does not offer ${t}`);
    for (const d of needs.databases) if (!offered.databases[dbKey(d)]?.includes(az)) problems.push(`${az} does not offer ${dbKey(d)}`);
  }
  return { azs, predicted, needed: predicted ? needs.azsFromGetAzs : needs.namedAzs.length, workingAzs: offered.zones.filter(offers), problems };
}
