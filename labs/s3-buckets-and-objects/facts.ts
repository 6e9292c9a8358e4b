/** What the synthesized template says about the lab's buckets, their policies, the endpoint and the probe. */
import type { TemplateJson } from '../../lib/lab-kit/template/json';
import { templateText, templateTextList } from '../../lib/lab-kit/template/text';
import { refTarget, resourceOfOutput, resourcesOfType, type TemplateResource } from '../../lib/lab-kit/template/resources';

/** One bucket policy statement, every element as text. */
export interface StatementFacts {
  readonly sid?: string;
  readonly effect: string;
  readonly principal: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  /** operator → key → values as text. */
  readonly conditions: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

export interface BucketFacts {
  readonly logicalId: string;
  /** VersioningConfiguration.Status, or `unset`. */
  readonly versioning: string;
  readonly objectLockEnabled: boolean;
  /** ObjectLockConfiguration.Rule.DefaultRetention as `MODE Ndays`, or undefined when none. */
  readonly defaultRetention?: string;
  /** Whether the template sets PublicAccessBlockConfiguration, OwnershipControls, BucketEncryption, a BucketName. */
  readonly setsPublicAccessBlock: boolean;
  readonly setsOwnershipControls: boolean;
  readonly setsEncryption: boolean;
  readonly fixedName: boolean;
  /** NoncurrentVersionExpiration.NoncurrentDays of its lifecycle rules. */
  readonly noncurrentExpirationDays: readonly number[];
  /** ExpirationInDays of its lifecycle rules (current versions). */
  readonly currentExpirationDays: readonly number[];
  /** A lifecycle rule removes delete markers left alone (ExpiredObjectDeleteMarker). */
  readonly removesLoneMarkers: boolean;
  /** A Custom::S3AutoDeleteObjects empties it at deletion. */
  readonly autoDelete: boolean;
  readonly statements: readonly StatementFacts[];
}

const list = templateTextList;

function statementFacts(s: any): StatementFacts {
  const conditions: Record<string, Record<string, string[]>> = {};
  for (const [op, keys] of Object.entries<any>(s.Condition ?? {})) conditions[op] = Object.fromEntries(Object.entries<any>(keys).map(([k, v]) => [k, list(v)]));
  const principal = typeof s.Principal === 'string' ? s.Principal : list(s.Principal?.AWS ?? s.Principal?.Service).join(',');
  return { sid: s.Sid, effect: s.Effect, principal, actions: list(s.Action), resources: list(s.Resource), conditions };
}

function bucketFacts(template: TemplateJson, b: TemplateResource): BucketFacts {
  const p = b.properties;
  const policy = resourcesOfType(template, 'AWS::S3::BucketPolicy').find((x) => refTarget(x.properties.Bucket) === b.logicalId);
  const retention = p.ObjectLockConfiguration?.Rule?.DefaultRetention;
  return {
    logicalId: b.logicalId,
    versioning: p.VersioningConfiguration?.Status ?? 'unset',
    objectLockEnabled: p.ObjectLockEnabled === true || p.ObjectLockEnabled === 'true',
    defaultRetention: retention ? `${retention.Mode} ${retention.Days ?? 0}days ${retention.Years ?? 0}years` : undefined,
    setsPublicAccessBlock: p.PublicAccessBlockConfiguration !== undefined,
    setsOwnershipControls: p.OwnershipControls !== undefined,
    setsEncryption: p.BucketEncryption !== undefined,
    fixedName: p.BucketName !== undefined,
    noncurrentExpirationDays: (p.LifecycleConfiguration?.Rules ?? []).map((r: any) => r.NoncurrentVersionExpiration?.NoncurrentDays).filter((d: unknown) => typeof d === 'number'),
    currentExpirationDays: (p.LifecycleConfiguration?.Rules ?? []).map((r: any) => r.ExpirationInDays).filter((d: unknown) => typeof d === 'number'),
    removesLoneMarkers: (p.LifecycleConfiguration?.Rules ?? []).some((r: any) => r.ExpiredObjectDeleteMarker === true),
    autoDelete: resourcesOfType(template, 'Custom::S3AutoDeleteObjects').some((c) => refTarget(c.properties.BucketName) === b.logicalId),
    statements: (policy?.properties.PolicyDocument?.Statement ?? []).map(statementFacts),
  };
}

/** Everything the offline checks read, found through the stack's outputs. */
export interface Facts {
  readonly versions: BucketFacts;
  readonly defaults: BucketFacts;
  readonly seedPolicy: BucketFacts;
  readonly lock: BucketFacts;
  readonly endpointBucket: BucketFacts;
  readonly endpoint: { readonly logicalId: string; readonly type: string; readonly service: string; readonly routeTables: number };
  /** Subnets with a route to an internet or NAT gateway (none by design), and NAT gateways. */
  readonly internetRoutes: readonly string[];
  readonly probe: { readonly logicalId: string; readonly inVpc: boolean; readonly actions: readonly string[] };
  /** Security group rules that name a TLS-ish port (443), for A49: they filter ports, not protocols. */
  readonly securityGroups: number;
}

export function labFacts(template: TemplateJson): Facts {
  const bucket = (output: string) => bucketFacts(template, resourceOfOutput(template, output));
  const ep = resourcesOfType(template, 'AWS::EC2::VPCEndpoint').find((e) => e.logicalId === resourceOfOutput(template, 'EndpointId').logicalId);
  const probe = resourceOfOutput(template, 'ProbeFunctionName');
  const roleId = refTarget(probe.properties.Role);
  const actions = resourcesOfType(template, 'AWS::IAM::Policy')
    .filter((p) => (p.properties.Roles ?? []).some((r: unknown) => refTarget(r) === roleId))
    .flatMap((p) => (p.properties.PolicyDocument?.Statement ?? []).flatMap((s: any) => list(s.Action)));
  const internetRoutes = [
    ...resourcesOfType(template, 'AWS::EC2::Route').filter((r) => r.properties.GatewayId !== undefined || r.properties.NatGatewayId !== undefined).map((r) => r.logicalId),
    ...resourcesOfType(template, 'AWS::EC2::NatGateway').map((r) => r.logicalId),
    ...resourcesOfType(template, 'AWS::EC2::InternetGateway').map((r) => r.logicalId),
  ];
  return {
    versions: bucket('VersionsBucketName'),
    defaults: bucket('DefaultsBucketName'),
    seedPolicy: bucket('SeedPolicyBucketName'),
    lock: bucket('LockBucketName'),
    endpointBucket: bucket('EndpointBucketName'),
    endpoint: { logicalId: ep?.logicalId ?? 'none', type: ep?.properties.VpcEndpointType ?? 'Gateway', service: templateText(ep?.properties.ServiceName ?? ''), routeTables: list(ep?.properties.RouteTableIds).length },
    internetRoutes,
    probe: { logicalId: probe.logicalId, inVpc: probe.properties.VpcConfig !== undefined, actions },
    securityGroups: resourcesOfType(template, 'AWS::EC2::SecurityGroup').length,
  };
}

/** The statements of a bucket's policy that deny with this condition key (any operator). */
export function deniesOn(b: BucketFacts, key: string): StatementFacts[] {
  return b.statements.filter((s) => s.effect === 'Deny' && Object.values(s.conditions).some((keys) => key in keys));
}
