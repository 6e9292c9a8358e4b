/**
 * The tiny templates the live checks create throwaway stacks from, and the options they pass. Plain
 * JSON, built here once: the lab stack writes them into its own template's Metadata (so the offline
 * checks and the snapshot read exactly what the live checks deploy) and the observations send them.
 *
 * Every resource is free: SSM standard parameters, a custom resource backed by the lab's function,
 * security groups that are never created (their templates are rejected or only planned in a change
 * set), and an EC2 instance that is only planned in a change set, never launched.
 */

/** The Metadata key of the lab template that holds {@link experiments}. */
export const EXPERIMENTS_METADATA_KEY = 'LabExperiments';

/** Where a template puts the run's tags (lab=<id>, lab-run=<run id>) on the resources it may leave behind. */
export const TAGS_PARAMETER = { lab: 'LabId', run: 'RunId' } as const;

type Template = Record<string, any>;

/**
 * A custom resource's ServiceTimeout, in seconds: "an integer from 1 to 3600. The default value is
 * 3600 seconds (1 hour)" (AWS::CloudFormation::CustomResource, CloudFormation Template Reference,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-customresource.html).
 */
export const SERVICE_TIMEOUT_LIMITS = { min: 1, max: 3600, default: 3600 } as const;

/** The ServiceTimeout the lab's silent custom resource is given: short, so the run waits about a minute. */
export const LAB_SERVICE_TIMEOUT_S = 60;

/**
 * A stack policy that denies every update action on every resource ("Prevent updates to stack
 * resources": `Update:*`, Principal `*` only).
 */
export const DENY_ALL_UPDATES = { Statement: [{ Effect: 'Deny', Action: 'Update:*', Principal: '*', Resource: '*' }] };

const runTags = { lab: { Ref: TAGS_PARAMETER.lab }, 'lab-run': { Ref: TAGS_PARAMETER.run } };
const tagParameters = {
  [TAGS_PARAMETER.lab]: { Type: 'String', Description: 'The lab id (tag lab)' },
  [TAGS_PARAMETER.run]: { Type: 'String', Description: 'The run id (tag lab-run)' },
};

/**
 * I6: one SSM parameter with `DeletionPolicy: Retain` and one with none (so Delete), both named
 * under `/<lab>/<run>/`. The stack is created with termination protection on and a stack policy
 * denying every update; the check then tries an update (the value of `Dropped`), a DeleteStack with
 * protection on, and a DeleteStack with protection off and the stack policy still in place.
 */
export function protectionTemplate(): Template {
  const name = (leaf: string) => ({ 'Fn::Sub': `/\${${TAGS_PARAMETER.lab}}/\${${TAGS_PARAMETER.run}}/${leaf}` });
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'Throwaway stack of a lab check: termination protection, a stack policy, DeletionPolicy Retain (deleted by the check)',
    Parameters: { ...tagParameters, DroppedValue: { Type: 'String', Default: 'v1', Description: 'Changed by the check to try an update the stack policy denies' } },
    Resources: {
      Kept: {
        Type: 'AWS::SSM::Parameter',
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        // Tagged itself: once the stack is gone nothing else says whose it is.
        Properties: { Name: name('kept'), Type: 'String', Value: 'kept after the stack is deleted', Tags: runTags },
      },
      Dropped: {
        Type: 'AWS::SSM::Parameter',
        Properties: { Name: name('dropped'), Type: 'String', Value: { Ref: 'DroppedValue' }, Tags: runTags },
      },
    },
  };
}

/** The options of the protection stack: CreateStack's EnableTerminationProtection and StackPolicyBody. */
export const PROTECTION_OPTIONS = { enableTerminationProtection: true, stackPolicy: DENY_ALL_UPDATES, updatedValue: 'v2' } as const;

/** Checks a ServiceTimeout before any AWS call: an integer from 1 to 3600. */
export function validateServiceTimeout(seconds: number): void {
  const { min, max } = SERVICE_TIMEOUT_LIMITS;
  if (!Number.isInteger(seconds) || seconds < min || seconds > max) {
    throw new Error(`serviceTimeout: received ${seconds}; allowed: an integer from ${min} to ${max} seconds`);
  }
}

/**
 * I30: one custom resource whose ServiceToken is the lab's provider function (passed as a
 * parameter) and whose ServiceTimeout is short. The provider never answers Create.
 */
export function silentCustomResourceTemplate(serviceTimeoutSeconds = LAB_SERVICE_TIMEOUT_S): Template {
  validateServiceTimeout(serviceTimeoutSeconds);
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'Throwaway stack of a lab check: a custom resource whose provider never answers Create (deleted by the check)',
    Parameters: { ...tagParameters, ProviderArn: { Type: 'String', Description: "The lab's provider function (ServiceToken)" } },
    Resources: {
      Silent: {
        Type: 'AWS::CloudFormation::CustomResource',
        Properties: { ServiceToken: { Ref: 'ProviderArn' }, ServiceTimeout: serviceTimeoutSeconds },
      },
    },
  };
}

const sg = (description: string, extra: Record<string, unknown> = {}) => ({ Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: description, ...extra } });

/**
 * I36: two security groups whose inline rules name each other (the web tier's egress to the app
 * tier, the app tier's ingress from the web tier): each Ref makes one depend on the other.
 */
export function securityGroupCycleTemplate(): Template {
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'Throwaway template of a lab check: security groups whose inline rules reference each other (rejected)',
    Resources: {
      WebSg: sg('web tier', { SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, DestinationSecurityGroupId: { Ref: 'AppSg' } }] }),
      AppSg: sg('app tier', { SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, SourceSecurityGroupId: { Ref: 'WebSg' } }] }),
    },
  };
}

/**
 * I36, what breaks the cycle: the same two groups with no inline rules, and each rule its own
 * AWS::EC2::SecurityGroupEgress / SecurityGroupIngress resource depending on both groups.
 */
export function securityGroupRulesTemplate(): Template {
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'Throwaway template of a lab check: the same rules as separate resources (no cycle; only planned in a change set)',
    Resources: {
      WebSg: sg('web tier'),
      AppSg: sg('app tier'),
      WebToApp: { Type: 'AWS::EC2::SecurityGroupEgress', Properties: { GroupId: { 'Fn::GetAtt': ['WebSg', 'GroupId'] }, IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, DestinationSecurityGroupId: { 'Fn::GetAtt': ['AppSg', 'GroupId'] } } },
      AppFromWeb: { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: { 'Fn::GetAtt': ['AppSg', 'GroupId'] }, IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, SourceSecurityGroupId: { 'Fn::GetAtt': ['WebSg', 'GroupId'] } } },
    },
  };
}

/**
 * I36, a DependsOn that closes a cycle: `Second`'s value refers to `First` (an implicit dependency),
 * and `First` names `Second` in DependsOn, pointing back along it.
 */
export function dependsOnCycleTemplate(): Template {
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'Throwaway template of a lab check: a DependsOn that points back along a Ref (rejected)',
    Resources: {
      First: { Type: 'AWS::SSM::Parameter', DependsOn: ['Second'], Properties: { Type: 'String', Value: 'first' } },
      Second: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: { Ref: 'First' } } },
    },
  };
}

/** T6: the Regions and AMI ids of the seed template's RegionMap, as the seed gives them. */
export const SEED_REGION_MAP: Readonly<Record<string, { readonly HVM64: string }>> = {
  'us-east-1': { HVM64: 'ami-0ff8a91507f77f867' },
  'us-west-1': { HVM64: 'ami-0bdb828fd58c52235' },
  'eu-west-1': { HVM64: 'ami-047bb4163c506cd98' },
  'ap-southeast-1': { HVM64: 'ami-08569b978cc4dfa10' },
  'ap-northeast-1': { HVM64: 'ami-06cd52961ce9f0d85' },
};

/** T6: the seed's template as data: a RegionMap, and an instance whose InstanceType refers to a parameter it never declares. */
export function seedTemplate(regionMap: Readonly<Record<string, { readonly HVM64: string }>> = SEED_REGION_MAP): Template {
  return {
    Mappings: { RegionMap: regionMap },
    Resources: {
      myEC2Instance: {
        Type: 'AWS::EC2::Instance',
        Properties: { ImageId: { 'Fn::FindInMap': ['RegionMap', { Ref: 'AWS::Region' }, 'HVM64'] }, InstanceType: { Ref: 'InstanceType' } },
      },
    },
  };
}

/** T6: the seed's own fix, an untyped InstanceType parameter with a default. */
export function seedFixedTemplate(regionMap?: Readonly<Record<string, { readonly HVM64: string }>>): Template {
  return { Parameters: { InstanceType: { Type: 'String', Default: 't2.micro' } }, ...seedTemplate(regionMap) };
}

/** The public SSM parameter of the latest Amazon Linux 2023 AMI for arm64 ("Referencing AMIs using public parameters"). */
export const AL2023_ARM64_PARAMETER = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64';

/** T6, a sturdier fix: InstanceType limited by AllowedValues, the image from an SSM public parameter (every Region, never stale). */
export function typedTemplate(): Template {
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Parameters: {
      InstanceType: { Type: 'String', Default: 't4g.nano', AllowedValues: ['t4g.nano', 't4g.micro'] },
      ImageId: { Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', Default: AL2023_ARM64_PARAMETER },
    },
    Resources: { Instance: { Type: 'AWS::EC2::Instance', Properties: { ImageId: { Ref: 'ImageId' }, InstanceType: { Ref: 'InstanceType' } } } },
  };
}

/** An InstanceType the typed template's AllowedValues leave out. */
export const DISALLOWED_INSTANCE_TYPE = 'm5.24xlarge';

/** The seed's RegionMap without the Region the check runs in, so its lookup there must fail whatever the Region. */
export function regionMapWithout(region: string): Record<string, { readonly HVM64: string }> {
  return Object.fromEntries(Object.entries(SEED_REGION_MAP).filter(([r]) => r !== region));
}

/** Everything the live checks send, as the lab stack records it in its Metadata. */
export function experiments() {
  return {
    protection: { template: protectionTemplate(), options: PROTECTION_OPTIONS },
    customResource: { template: silentCustomResourceTemplate() },
    securityGroupCycle: securityGroupCycleTemplate(),
    securityGroupRules: securityGroupRulesTemplate(),
    dependsOnCycle: dependsOnCycleTemplate(),
    seed: seedTemplate(),
    seedFixed: seedFixedTemplate(),
    typed: { template: typedTemplate(), disallowedInstanceType: DISALLOWED_INSTANCE_TYPE },
  };
}

export type Experiments = ReturnType<typeof experiments>;
