import type { TemplateJson } from '../template/json';
import * as P from './price-table';
import { type TemplateResource, refTarget, resourceById } from '../template/resources';

/** One priced line. */
export interface CostItem {
  readonly logicalId: string;
  readonly type: string;
  /** What is billed: `t4g.nano instance`, `public IPv4 address`, `8 GB gp3`. */
  readonly what: string;
  readonly hourly: number;
}

/** The price of a template while deployed and idle. */
export interface CostEstimate {
  readonly hourly: number;
  readonly daily: number;
  readonly items: readonly CostItem[];
  /** The kind of item that costs most (items summed by `what`'s kind). */
  readonly dominant?: { readonly what: string; readonly hourly: number; readonly share: number };
  readonly asOf: string;
  readonly region: string;
  readonly notes: readonly string[];
}

/** Types billed per request or per GB only: idle, they cost (almost) nothing. */
const USAGE_PRICED = new Set([
  'AWS::Lambda::Function', 'AWS::SQS::Queue', 'AWS::SNS::Topic', 'AWS::Events::Rule', 'AWS::Logs::LogGroup',
  'AWS::S3::Bucket', 'AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable', 'AWS::ApiGateway::RestApi', 'AWS::StepFunctions::StateMachine',
]);

function lookup<T>(table: Readonly<Record<string, T>>, key: string, what: string, logicalId: string): T {
  const value = table[key];
  if (value === undefined) {
    throw new Error(`cost: no ${PRICE_LABEL} price for ${what} ${JSON.stringify(key)} (resource ${logicalId}); known: ${Object.keys(table).join(', ')}. Add it to lib/lab-kit/price-table.ts`);
  }
  return value;
}
const PRICE_LABEL = `${P.PRICE_REGION} ${P.PRICES_AS_OF}`;

function literal(value: unknown, what: string, logicalId: string): string {
  if (typeof value !== 'string') throw new Error(`cost: ${what} of ${logicalId} is not a literal (${JSON.stringify(value)}); labs must use literal sizes to be priced`);
  return value;
}

function ebsItems(r: TemplateResource, mappings: any[] | undefined, count = 1, defaultGb = 8): CostItem[] {
  const volumes = (mappings ?? []).filter((m) => m.Ebs);
  const list = volumes.length > 0 ? volumes.map((m) => ({ gb: Number(m.Ebs.VolumeSize ?? defaultGb), type: String(m.Ebs.VolumeType ?? 'gp3') })) : [{ gb: defaultGb, type: 'gp3' }];
  return list.map((v) => ({
    logicalId: r.logicalId,
    type: r.type,
    what: `${count > 1 ? `${count} × ` : ''}${v.gb} GB ${v.type} volume`,
    hourly: (count * v.gb * lookup(P.EBS_GB_MONTH, v.type, 'EBS volume type', r.logicalId)) / P.HOURS_PER_MONTH,
  }));
}

function subnetMapsPublicIp(template: TemplateJson, subnetRef: unknown): boolean {
  const id = refTarget(subnetRef);
  return !!id && resourceById(template, id)?.properties.MapPublicIpOnLaunch === true;
}

function publicIpItem(r: TemplateResource, count = 1, note = ''): CostItem {
  return { logicalId: r.logicalId, type: r.type, what: `${count > 1 ? `${count} × ` : ''}public IPv4 address${note}`, hourly: count * P.PUBLIC_IPV4_HOUR };
}

function instanceItems(template: TemplateJson, r: TemplateResource): CostItem[] {
  const p = r.properties;
  const type = literal(p.InstanceType, 'InstanceType', r.logicalId);
  const nic = p.NetworkInterfaces?.[0];
  const hasPublicIp = nic?.AssociatePublicIpAddress ?? subnetMapsPublicIp(template, nic?.SubnetId ?? p.SubnetId);
  return [
    { logicalId: r.logicalId, type: r.type, what: `${type} instance`, hourly: lookup(P.EC2_HOUR, type, 'EC2 instance type', r.logicalId) },
    ...ebsItems(r, p.BlockDeviceMappings),
    ...(hasPublicIp ? [publicIpItem(r)] : []),
  ];
}

function autoScalingItems(template: TemplateJson, r: TemplateResource): CostItem[] {
  const p = r.properties;
  const count = Number(p.DesiredCapacity ?? p.MinSize ?? 0);
  if (count === 0) return [];
  const ltId = refTarget(p.LaunchTemplate?.LaunchTemplateId);
  const data = (ltId && resourceById(template, ltId)?.properties.LaunchTemplateData) || undefined;
  if (!data) throw new Error(`cost: auto scaling group ${r.logicalId} has no launch template of this template to price`);
  const type = literal(data.InstanceType, 'InstanceType', r.logicalId);
  const nicPublic = data.NetworkInterfaces?.[0]?.AssociatePublicIpAddress;
  const subnets: unknown[] = Array.isArray(p.VPCZoneIdentifier) ? p.VPCZoneIdentifier : [];
  const hasPublicIp = nicPublic ?? (subnets.length > 0 && subnets.every((s) => subnetMapsPublicIp(template, s)));
  return [
    { logicalId: r.logicalId, type: r.type, what: `${count} × ${type} instance`, hourly: count * lookup(P.EC2_HOUR, type, 'EC2 instance type', r.logicalId) },
    ...ebsItems(r, data.BlockDeviceMappings, count),
    ...(hasPublicIp ? [publicIpItem(r, count)] : []),
  ];
}

function engineFamily(engine: string): string {
  if (engine.startsWith('aurora')) return engine;
  return engine.replace(/-(ee|se2?|ex|web)$/, '');
}

function rdsItems(r: TemplateResource): CostItem[] {
  const p = r.properties;
  if (p.DBClusterIdentifier) throw new Error(`cost: ${r.logicalId} is an Aurora cluster instance; Aurora is not in the price table yet`);
  const cls = literal(p.DBInstanceClass, 'DBInstanceClass', r.logicalId);
  const family = engineFamily(literal(p.Engine, 'Engine', r.logicalId));
  const classes = lookup(P.RDS_HOUR, family, 'RDS engine', r.logicalId);
  const multiAz = p.MultiAZ === true || p.MultiAZ === 'true';
  const factor = multiAz ? 2 : 1;
  const storageType = String(p.StorageType ?? 'gp2');
  const gb = Number(p.AllocatedStorage ?? 20);
  const az = multiAz ? ' Multi-AZ' : '';
  return [
    { logicalId: r.logicalId, type: r.type, what: `${cls}${az} DB instance`, hourly: factor * lookup(classes, cls, `RDS ${family} class`, r.logicalId) },
    { logicalId: r.logicalId, type: r.type, what: `${gb} GB ${storageType}${az} DB storage`, hourly: (factor * gb * lookup(P.RDS_STORAGE_GB_MONTH, storageType, 'RDS storage type', r.logicalId)) / P.HOURS_PER_MONTH },
    ...(p.PubliclyAccessible === true ? [publicIpItem(r)] : []),
    // ManageMasterUserPassword makes RDS keep the password in a Secrets Manager secret it creates.
    ...(p.ManageMasterUserPassword === true ? [{ logicalId: r.logicalId, type: r.type, what: 'Secrets Manager secret (managed by RDS)', hourly: P.SECRET_MONTH / P.HOURS_PER_MONTH }] : []),
  ];
}

function loadBalancerItems(r: TemplateResource): CostItem[] {
  const p = r.properties;
  const kind = String(p.Type ?? 'application');
  if (kind === 'gateway') throw new Error(`cost: ${r.logicalId} is a Gateway Load Balancer; not in the price table yet`);
  const items: CostItem[] = [{ logicalId: r.logicalId, type: r.type, what: kind === 'network' ? 'Network Load Balancer' : 'Application Load Balancer', hourly: kind === 'network' ? P.NLB_HOUR : P.ALB_HOUR }];
  if ((p.Scheme ?? 'internet-facing') === 'internet-facing') {
    const azs = (p.Subnets ?? p.SubnetMappings ?? []).length;
    items.push(publicIpItem(r, azs, ' (one per load balancer AZ)'));
  }
  return items;
}

/** The items of one resource; an empty list for resources that cost nothing while idle. */
function priceResource(template: TemplateJson, r: TemplateResource): CostItem[] {
  const p = r.properties;
  switch (r.type) {
    case 'AWS::EC2::NatGateway':
      return [{ logicalId: r.logicalId, type: r.type, what: 'NAT gateway', hourly: P.NAT_GATEWAY_HOUR }];
    case 'AWS::EC2::EIP':
      return [{ logicalId: r.logicalId, type: r.type, what: 'public IPv4 address (Elastic IP)', hourly: P.PUBLIC_IPV4_HOUR }];
    case 'AWS::EC2::Instance':
      return instanceItems(template, r);
    case 'AWS::AutoScaling::AutoScalingGroup':
      return autoScalingItems(template, r);
    case 'AWS::EC2::Volume':
      return ebsItems(r, [{ Ebs: { VolumeSize: p.Size, VolumeType: p.VolumeType } }]);
    case 'AWS::RDS::DBInstance':
      return rdsItems(r);
    case 'AWS::ElasticLoadBalancingV2::LoadBalancer':
      return loadBalancerItems(r);
    case 'AWS::EC2::VPCEndpoint':
      return p.VpcEndpointType === 'Interface'
        ? [{ logicalId: r.logicalId, type: r.type, what: 'interface endpoint (per AZ)', hourly: (p.SubnetIds?.length ?? 1) * P.INTERFACE_ENDPOINT_HOUR }]
        : [];
    case 'AWS::KMS::Key':
      return [{ logicalId: r.logicalId, type: r.type, what: 'KMS key', hourly: P.KMS_KEY_MONTH / P.HOURS_PER_MONTH }];
    case 'AWS::SecretsManager::Secret':
      return [{ logicalId: r.logicalId, type: r.type, what: 'Secrets Manager secret', hourly: P.SECRET_MONTH / P.HOURS_PER_MONTH }];
    case 'AWS::CloudWatch::Alarm':
      return [{ logicalId: r.logicalId, type: r.type, what: 'CloudWatch alarm', hourly: P.ALARM_MONTH / P.HOURS_PER_MONTH }];
    default:
      return [];
  }
}

/** `2 × t4g.nano instance` → `t4g.nano instance`: items of one kind sum together for the dominant item. */
function kindOf(what: string): string {
  return what.replace(/^\d+ × /, '').replace(/^\d+ GB /, '').replace(/ \(.*\)$/, '');
}

/**
 * Prices a synthesized template per hour and per day, deployed and idle, from a dated us-east-1
 * table, and names what dominates. Usage (data processed, requests, LCUs) is not counted: a lab's
 * usage is minutes of light traffic.
 */
export function estimateCost(template: TemplateJson): CostEstimate {
  const items: CostItem[] = [];
  const usagePriced = new Set<string>();
  for (const [logicalId, raw] of Object.entries(template.Resources ?? {})) {
    const r: TemplateResource = { logicalId, type: raw.Type, properties: raw.Properties ?? {}, raw };
    items.push(...priceResource(template, r));
    if (USAGE_PRICED.has(r.type)) usagePriced.add(r.type.replace(/^AWS::/, ''));
  }
  const hourly = items.reduce((sum, i) => sum + i.hourly, 0);
  const byKind = new Map<string, number>();
  for (const i of items) byKind.set(kindOf(i.what), (byKind.get(kindOf(i.what)) ?? 0) + i.hourly);
  const top = [...byKind.entries()].sort((a, b) => b[1] - a[1])[0];
  const notes = [
    `us-east-1 on-demand list prices as of ${P.PRICES_AS_OF}; other regions differ`,
    'usage (data processed, requests, load balancer capacity units) not included',
  ];
  if (usagePriced.size > 0) notes.push(`billed per use, about $0 idle: ${[...usagePriced].sort().join(', ')}`);
  return {
    hourly,
    daily: hourly * 24,
    items,
    dominant: top ? { what: top[0], hourly: top[1], share: hourly > 0 ? top[1] / hourly : 0 } : undefined,
    asOf: P.PRICES_AS_OF,
    region: P.PRICE_REGION,
    notes,
  };
}

/** `$0.0994` with enough digits for cents-per-hour labs. */
export function formatUsd(amount: number): string {
  return `$${amount < 1 ? amount.toFixed(4) : amount.toFixed(2)}`;
}
