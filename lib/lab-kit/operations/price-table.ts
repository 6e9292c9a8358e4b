/**
 * On-demand list prices in us-east-1 (N. Virginia), USD, for the resources labs bill by the hour.
 * Other regions differ (often by 10–30 %): `labs cost` says so. Review this table when a lab adds a
 * resource type or class; an unpriced class is an error, never a silent zero.
 */
export const PRICES_AS_OF = '2026-11-23';
export const PRICE_REGION = 'us-east-1';

/** Hours in a billing month, as AWS prices monthly items. */
export const HOURS_PER_MONTH = 730;

export const PRICE_SOURCES = {
  vpc: 'https://aws.amazon.com/vpc/pricing/',
  ec2: 'https://aws.amazon.com/ec2/pricing/on-demand/',
  ebs: 'https://aws.amazon.com/ebs/pricing/',
  rds: 'https://aws.amazon.com/rds/postgresql/pricing/',
  elb: 'https://aws.amazon.com/elasticloadbalancing/pricing/',
  privatelink: 'https://aws.amazon.com/privatelink/pricing/',
  kms: 'https://aws.amazon.com/kms/pricing/',
  secrets: 'https://aws.amazon.com/secrets-manager/pricing/',
  cloudwatch: 'https://aws.amazon.com/cloudwatch/pricing/',
} as const;

/** Per hour, plus per-GB data processing that is not counted here. */
export const NAT_GATEWAY_HOUR = 0.045;
/** Every public IPv4 address, in use or idle, since 2024-02-01 (instances, EIPs, NAT gateways, load balancer nodes). */
export const PUBLIC_IPV4_HOUR = 0.005;
/** Per load balancer hour; LCUs ($0.008 per LCU-hour) are usage and near zero for a lab. */
export const ALB_HOUR = 0.0225;
export const NLB_HOUR = 0.0225;
/** Per interface endpoint per AZ. */
export const INTERFACE_ENDPOINT_HOUR = 0.01;
export const KMS_KEY_MONTH = 1.0;
export const SECRET_MONTH = 0.4;
export const ALARM_MONTH = 0.1;

/** Linux on-demand, per hour. */
export const EC2_HOUR: Readonly<Record<string, number>> = {
  't4g.nano': 0.0042,
  't4g.micro': 0.0084,
  't4g.small': 0.0168,
  't4g.medium': 0.0336,
  't3.nano': 0.0052,
  't3.micro': 0.0104,
  't3.small': 0.0208,
};

/** EBS per GB-month. */
export const EBS_GB_MONTH: Readonly<Record<string, number>> = { gp3: 0.08, gp2: 0.1, io1: 0.125, io2: 0.125, st1: 0.045, sc1: 0.015, standard: 0.05 };

/** RDS single-AZ per hour, by engine family and class; Multi-AZ DB instances cost twice this. */
export const RDS_HOUR: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  postgres: { 'db.t4g.micro': 0.016, 'db.t4g.small': 0.032, 'db.t3.micro': 0.018, 'db.t3.small': 0.036 },
  mysql: { 'db.t4g.micro': 0.016, 'db.t4g.small': 0.032, 'db.t3.micro': 0.017, 'db.t3.small': 0.034 },
  mariadb: { 'db.t4g.micro': 0.016, 'db.t4g.small': 0.032, 'db.t3.micro': 0.017, 'db.t3.small': 0.034 },
};

/** RDS storage per GB-month, single-AZ (Multi-AZ doubles it). */
export const RDS_STORAGE_GB_MONTH: Readonly<Record<string, number>> = { gp2: 0.115, gp3: 0.115, io1: 0.125, standard: 0.1 };
