/**
 * For each claim, the template change that must make its offline check fail (the invariant suite
 * runs them). The throwaway templates live in the lab template's Metadata as one JSON string
 * (LabExperiments); the CDK's default deletion policies in LabCdkDefaultDeletionPolicies.
 */
import type { OfflineCases } from '../../../lib/lab-kit/testing';

/** Changes the throwaway templates, which the Metadata holds as one JSON string. */
export const editing = (change: (e: any) => unknown) => (t: any) => {
  const e = JSON.parse(t.Metadata.LabExperiments);
  change(e);
  t.Metadata.LabExperiments = JSON.stringify(e);
};

const rule = (ref: string) => [{ IpProtocol: 'tcp', FromPort: 1, ToPort: 1, [ref === 'AppSg' ? 'DestinationSecurityGroupId' : 'SourceSecurityGroupId']: { Ref: ref } }];

export const OFFLINE_CASES: OfflineCases = {
  'I6.deletion-policy-retains-resources': editing((e) => delete e.protection.template.Resources.Kept.DeletionPolicy),
  'I6.termination-protection-blocks-delete-stack': editing((e) => (e.protection.options.enableTerminationProtection = false)),
  'I6.stack-policy-applies-only-to-updates': editing((e) => (e.protection.options.stackPolicy.Statement[0].Effect = 'Allow')),
  'I30.custom-resources-and-registry-types': editing((e) => (e.customResource.template.Resources.Silent.Type = 'AWS::SSM::Parameter')),
  'I30.service-token-is-lambda-or-sns-arn': editing((e) => (e.customResource.template.Resources.Silent.Properties.ServiceToken = 'https://hooks.example.com/cfn')),
  'I30.provider-must-respond-or-stack-times-out': editing((e) => delete e.customResource.template.Resources.Silent.Properties.ServiceTimeout),
  'I36.restructure-references-to-break-cycles': editing((e) => {
    e.securityGroupRules.Resources.WebSg.Properties.SecurityGroupEgress = rule('AppSg');
    e.securityGroupRules.Resources.AppSg.Properties.SecurityGroupIngress = rule('WebSg');
  }),
  'I36.ref-and-getatt-imply-dependencies': editing((e) => delete e.dependsOnCycle.Resources.First.DependsOn),
  'T6.findinmap-selects-ami-for-region': editing((e) => (e.seed.Resources.myEC2Instance.Properties.ImageId = 'ami-0ff8a91507f77f867')),
  'T6.undeclared-ref-fails-template-validation': editing((e) => (e.seedFixed.Parameters = {})),
  'T6.typed-parameters-and-ssm-ami-parameter': editing((e) => (e.typed.template.Parameters.ImageId.Type = 'AWS::EC2::Image::Id')),
};
