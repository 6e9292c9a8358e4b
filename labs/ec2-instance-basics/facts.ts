/** What the synthesized template says about the lab's VPC, instances, their volumes and metadata options. */
import type { TemplateJson } from '../../lib/lab-kit/template/json';
import { refTarget, resourceById, resourceOfOutput, resourcesOfType, type TemplateResource } from '../../lib/lab-kit/template/resources';
import { DISK_PROBE, IMDS_PROBE } from './probes';

/** The device the data volume is mapped at (the construct's `Imdsv2Instance.DATA_DEVICE_NAME`, which the checks must not import). */
export const DATA_DEVICE = '/dev/sdf';
/** Where its file system is mounted (the construct's `Imdsv2Instance.DATA_MOUNT_POINT`). */
export const DATA_MOUNT_POINT = '/data';

export interface VolumeFacts {
  readonly deviceName: string;
  readonly sizeGiB?: number;
  readonly volumeType?: string;
  readonly deleteOnTermination?: boolean;
}

export interface InstanceFacts {
  readonly logicalId: string;
  readonly instanceType?: string;
  /** `Monitoring` (detailed monitoring); absent means false. */
  readonly detailedMonitoring: boolean;
  readonly hasInstanceProfile: boolean;
  /** HttpTokens from the instance's launch template (how the CDK writes `requireImdsv2`), or its own MetadataOptions. */
  readonly httpTokens?: string;
  /** HttpEndpoint, from the same place: `enabled` written out, so no account IMDS default applies. */
  readonly httpEndpoint?: string;
  readonly associatesPublicIp: boolean;
  readonly volumes: readonly VolumeFacts[];
  /** The user data, decoded where it is a literal (the CDK writes it as Fn::Base64 of a string or a join). */
  readonly userData: string;
  /** Its security groups' rules, by the groups' logical ids. */
  readonly securityGroups: ReadonlyArray<{ readonly logicalId: string; readonly ingress: readonly unknown[]; readonly egress: readonly unknown[] }>;
}

export interface Facts {
  readonly detailed: InstanceFacts;
  readonly basic: InstanceFacts;
  /** The CDK's custom resource that strips the default security group's rules is absent. */
  readonly defaultSecurityGroupKept: boolean;
  /** Any internet gateway, NAT gateway or Elastic IP in the template. */
  readonly internetResources: readonly string[];
  /**
   * Public IPv4 addresses the template asks for: Elastic IPs, instances with AssociatePublicIpAddress, and
   * instances in a subnet with MapPublicIpOnLaunch.
   */
  readonly publicIpv4Addresses: readonly string[];
  /** The SSM public parameter the AMI comes from. */
  readonly amiParameter?: string;
  /** The outputs the termination check launches its instance with. */
  readonly launchOutputs: readonly string[];
  /** Any CloudWatch agent configuration or install in the template (an SSM document, association or user data). */
  readonly cloudWatchAgent: readonly string[];
}

function flatten(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(flatten).join('');
  if (value && typeof value === 'object') {
    const v = value as Record<string, any>;
    if (v['Fn::Base64'] !== undefined) return flatten(v['Fn::Base64']);
    if (Array.isArray(v['Fn::Join'])) return (v['Fn::Join'][1] as unknown[]).map(flatten).join(v['Fn::Join'][0]);
    if (typeof v.Ref === 'string') return `\${${v.Ref}}`;
  }
  return '';
}

function instanceFacts(template: TemplateJson, r: TemplateResource): InstanceFacts {
  const p = r.properties;
  const lt = resourceById(template, refTarget(p.LaunchTemplate?.LaunchTemplateId) ?? refTarget(p.LaunchTemplate?.LaunchTemplateName) ?? '');
  const groups = (p.SecurityGroupIds ?? []).map((ref: unknown) => refTarget(ref)).filter((id: string | undefined): id is string => !!id);
  return {
    logicalId: r.logicalId,
    instanceType: typeof p.InstanceType === 'string' ? p.InstanceType : undefined,
    detailedMonitoring: p.Monitoring === true,
    hasInstanceProfile: p.IamInstanceProfile !== undefined,
    httpTokens: p.MetadataOptions?.HttpTokens ?? lt?.properties.LaunchTemplateData?.MetadataOptions?.HttpTokens,
    httpEndpoint: p.MetadataOptions?.HttpEndpoint ?? lt?.properties.LaunchTemplateData?.MetadataOptions?.HttpEndpoint,
    associatesPublicIp: p.NetworkInterfaces?.[0]?.AssociatePublicIpAddress === true,
    volumes: (p.BlockDeviceMappings ?? []).map((m: any) => ({
      deviceName: m.DeviceName,
      sizeGiB: m.Ebs?.VolumeSize,
      volumeType: m.Ebs?.VolumeType,
      deleteOnTermination: m.Ebs?.DeleteOnTermination,
    })),
    userData: flatten(p.UserData),
    securityGroups: groups.map((id: string) => {
      const sg = resourceById(template, id);
      return { logicalId: id, ingress: sg?.properties.SecurityGroupIngress ?? [], egress: sg?.properties.SecurityGroupEgress ?? [] };
    }),
  };
}

export function labFacts(template: TemplateJson): Facts {
  const imageRef = refTarget(template.Outputs?.ImageId?.Value);
  const parameters = (template as { Parameters?: Record<string, { Default?: unknown }> }).Parameters ?? {};
  const amiDefault = imageRef ? parameters[imageRef]?.Default : undefined;
  const instances = [resourceOfOutput(template, 'DetailedInstanceId'), resourceOfOutput(template, 'BasicInstanceId')].map((r) => instanceFacts(template, r));
  return {
    detailed: instances[0],
    basic: instances[1],
    defaultSecurityGroupKept: resourcesOfType(template, 'Custom::VpcRestrictDefaultSG').length === 0,
    internetResources: ['AWS::EC2::InternetGateway', 'AWS::EC2::NatGateway', 'AWS::EC2::EIP'].flatMap((t) => resourcesOfType(template, t).map((r) => `${r.type} ${r.logicalId}`)),
    publicIpv4Addresses: [
      ...resourcesOfType(template, 'AWS::EC2::EIP').map((r) => `AWS::EC2::EIP ${r.logicalId}`),
      ...instances.filter((i) => i.associatesPublicIp).map((i) => `AssociatePublicIpAddress on ${i.logicalId}`),
      ...resourcesOfType(template, 'AWS::EC2::Subnet')
        .filter((r) => r.properties.MapPublicIpOnLaunch === true)
        .flatMap((sub) => resourcesOfType(template, 'AWS::EC2::Instance').filter((i) => refTarget(i.properties.SubnetId) === sub.logicalId).map((i) => `MapPublicIpOnLaunch for ${i.logicalId}`)),
    ],
    amiParameter: typeof amiDefault === 'string' ? amiDefault : undefined,
    launchOutputs: ['SubnetId', 'LaunchSecurityGroupId', 'ImageId'].filter((o) => template.Outputs?.[o] !== undefined),
    cloudWatchAgent: [
      ...resourcesOfType(template, 'AWS::SSM::Association').map((r) => `AWS::SSM::Association ${r.logicalId}`),
      ...instances.filter((i) => /amazon-cloudwatch-agent/.test(i.userData)).map((i) => `user data of ${i.logicalId}`),
    ],
  };
}

/** Whether an instance's user data runs a probe of this name. */
export function runsProbe(instance: InstanceFacts, name: typeof IMDS_PROBE | typeof DISK_PROBE): boolean {
  return instance.userData.includes(`lab-probe-${name}.service`);
}
