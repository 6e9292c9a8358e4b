/** What the synthesized template says about the lab's functions, their roles, the alias and the VPC. */
import type { TemplateJson } from '../../lib/lab-kit/template/json';
import { refTarget, resourceOfOutput, resourcesOfType, type TemplateResource } from '../../lib/lab-kit/template/resources';

/** Lambda's defaults when the template leaves a property out ("AWS::Lambda::Function", CloudFormation reference). */
const DEFAULT_TIMEOUT_SECONDS = 3;
const DEFAULT_MEMORY_MB = 128;

/** One function as the template defines it. */
export interface FunctionFacts {
  readonly logicalId: string;
  readonly runtime?: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly environment: Readonly<Record<string, string>>;
  /** VpcConfig's subnet logical ids (empty: not in a VPC). */
  readonly subnets: readonly string[];
  /** The code's asset key (S3Key rendered as text), or "inline". */
  readonly code: string;
  /** Reserved concurrency, when set. */
  readonly reservedConcurrency?: number;
  /** Every IAM action its role's inline policies allow, and its managed policy ARNs as text. */
  readonly roleActions: readonly string[];
  readonly managedPolicies: readonly string[];
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const v = value as Record<string, any>;
    if (Array.isArray(v['Fn::Join'])) return (v['Fn::Join'][1] as unknown[]).map(text).join(v['Fn::Join'][0]);
    if (Array.isArray(v['Fn::Sub'])) return String(v['Fn::Sub'][0]);
    if (typeof v['Fn::Sub'] === 'string') return v['Fn::Sub'];
    if (typeof v.Ref === 'string') return `\${${v.Ref}}`;
  }
  return JSON.stringify(value);
}

function functionFacts(template: TemplateJson, fn: TemplateResource): FunctionFacts {
  const p = fn.properties;
  const role = refTarget(p.Role);
  const policies = resourcesOfType(template, 'AWS::IAM::Policy').filter((pol) => (pol.properties.Roles ?? []).some((r: unknown) => refTarget(r) === role));
  const roleResource = role ? (template.Resources?.[role] as any) : undefined;
  return {
    logicalId: fn.logicalId,
    runtime: p.Runtime,
    memoryMb: Number(p.MemorySize ?? DEFAULT_MEMORY_MB),
    timeoutSeconds: Number(p.Timeout ?? DEFAULT_TIMEOUT_SECONDS),
    environment: p.Environment?.Variables ?? {},
    subnets: (p.VpcConfig?.SubnetIds ?? []).map((s: unknown) => refTarget(s) ?? text(s)),
    code: p.Code?.ZipFile !== undefined ? 'inline' : text(p.Code?.S3Key),
    reservedConcurrency: p.ReservedConcurrentExecutions,
    roleActions: policies.flatMap((pol) => (pol.properties.PolicyDocument?.Statement ?? []).filter((s: any) => s.Effect === 'Allow').flatMap((s: any) => [s.Action].flat())),
    managedPolicies: (roleResource?.Properties?.ManagedPolicyArns ?? []).map(text),
  };
}

/** Everything the offline checks read, found through the stack's outputs. */
export interface LabFacts {
  readonly nodeHog: FunctionFacts;
  readonly pythonHog: FunctionFacts;
  readonly timeoutProbe: FunctionFacts;
  readonly coldPlain: FunctionFacts;
  readonly coldVpc: FunctionFacts;
  readonly coldSdkAtInit: FunctionFacts;
  readonly coldSdkInHandler: FunctionFacts;
  readonly coldLarge: FunctionFacts;
  readonly release: FunctionFacts;
  readonly holder: FunctionFacts;
  readonly reader: FunctionFacts;
  /** The holder's variable name, as the stack outputs it. */
  readonly holderVariable?: string;
  /** The alias on the release function: its name and the logical id of the version it points at. */
  readonly alias?: { readonly name?: string; readonly version?: string; readonly weights: number };
  /** The AWS::Lambda::Version resources of the release function. */
  readonly releaseVersions: readonly string[];
  /** Routes of the route tables of the VPC probe's subnets (destination CIDRs). */
  readonly vpcProbeRoutes: readonly string[];
  /** Resources billed by the hour (NAT gateways, VPC endpoints). */
  readonly hourly: readonly string[];
  /** Functions with provisioned concurrency (an hourly price). */
  readonly provisioned: readonly string[];
}

export function labFacts(template: TemplateJson): LabFacts {
  const fn = (output: string) => functionFacts(template, resourceOfOutput(template, output));
  const release = resourceOfOutput(template, 'ReleaseFunctionName');
  const versions = resourcesOfType(template, 'AWS::Lambda::Version').filter((v) => refTarget(v.properties.FunctionName) === release.logicalId);
  const alias = resourcesOfType(template, 'AWS::Lambda::Alias').find((a) => refTarget(a.properties.FunctionName) === release.logicalId);
  const coldVpc = fn('ColdVpcName');
  const associations = resourcesOfType(template, 'AWS::EC2::SubnetRouteTableAssociation').filter((a) => coldVpc.subnets.includes(refTarget(a.properties.SubnetId) ?? ''));
  const tables = associations.map((a) => refTarget(a.properties.RouteTableId));
  const routes = resourcesOfType(template, 'AWS::EC2::Route').filter((r) => tables.includes(refTarget(r.properties.RouteTableId)));
  const holderVariable = template.Outputs?.HolderVariableName?.Value;
  return {
    nodeHog: fn('NodeMemoryHogName'),
    pythonHog: fn('PythonMemoryHogName'),
    timeoutProbe: fn('TimeoutProbeName'),
    coldPlain: fn('ColdPlainName'),
    coldVpc,
    coldSdkAtInit: fn('ColdSdkAtInitName'),
    coldSdkInHandler: fn('ColdSdkInHandlerName'),
    coldLarge: fn('ColdLargePackageName'),
    release: functionFacts(template, release),
    holder: fn('HolderFunctionName'),
    reader: fn('ReaderFunctionName'),
    holderVariable: typeof holderVariable === 'string' ? holderVariable : undefined,
    alias: alias
      ? {
          name: alias.properties.Name,
          version: refTarget(alias.properties.FunctionVersion),
          weights: (alias.properties.RoutingConfig?.AdditionalVersionWeights ?? []).length,
        }
      : undefined,
    releaseVersions: versions.map((v) => v.logicalId),
    vpcProbeRoutes: routes.map((r) => String(r.properties.DestinationCidrBlock ?? r.properties.DestinationIpv6CidrBlock ?? '?')),
    hourly: [...resourcesOfType(template, 'AWS::EC2::NatGateway'), ...resourcesOfType(template, 'AWS::EC2::VPCEndpoint')].map((r) => r.logicalId),
    provisioned: resourcesOfType(template, 'AWS::Lambda::Alias')
      .concat(resourcesOfType(template, 'AWS::Lambda::Version'))
      .filter((r) => r.properties.ProvisionedConcurrencyConfig)
      .map((r) => r.logicalId),
  };
}
