/**
 * For each claim, the template change that must make its offline check fail (the invariant suite
 * runs them). The throwaway templates live in the lab template's Metadata (LabExperiments), the
 * CDK's default deletion policies in LabCdkDefaultDeletionPolicies.
 */
import type { OfflineCases } from '../../../lib/lab-kit/testing';

const experiments = (t: any) => t.Metadata.LabExperiments;

export const OFFLINE_CASES: OfflineCases = {
  'I6.deletion-policy-retains-resources': (t) => delete experiments(t).protection.template.Resources.Kept.DeletionPolicy,
  'I6.termination-protection-blocks-delete-stack': (t) => (experiments(t).protection.options.enableTerminationProtection = false),
  'I6.stack-policy-applies-only-to-updates': (t) => (experiments(t).protection.options.stackPolicy.Statement[0].Effect = 'Allow'),
  'I30.custom-resources-and-registry-types': (t) => (experiments(t).customResource.template.Resources.Silent.Type = 'AWS::SSM::Parameter'),
  'I30.service-token-is-lambda-or-sns-arn': (t) => (experiments(t).customResource.template.Resources.Silent.Properties.ServiceToken = 'https://hooks.example.com/cfn'),
  'I30.provider-must-respond-or-stack-times-out': (t) => delete experiments(t).customResource.template.Resources.Silent.Properties.ServiceTimeout,
  'I36.restructure-references-to-break-cycles': (t) => (experiments(t).securityGroupRules.Resources.WebSg.Properties.SecurityGroupEgress = [{ IpProtocol: 'tcp', FromPort: 1, ToPort: 1, DestinationSecurityGroupId: { Ref: 'AppSg' } }], experiments(t).securityGroupRules.Resources.AppSg.Properties.SecurityGroupIngress = [{ IpProtocol: 'tcp', FromPort: 1, ToPort: 1, SourceSecurityGroupId: { Ref: 'WebSg' } }]),
  'I36.ref-and-getatt-imply-dependencies': (t) => delete experiments(t).dependsOnCycle.Resources.First.DependsOn,
  'T6.findinmap-selects-ami-for-region': (t) => (experiments(t).seed.Resources.myEC2Instance.Properties.ImageId = 'ami-0ff8a91507f77f867'),
  'T6.undeclared-ref-fails-template-validation': (t) => (experiments(t).seedFixed.Parameters = {}),
  'T6.typed-parameters-and-ssm-ami-parameter': (t) => (experiments(t).typed.template.Parameters.ImageId.Type = 'AWS::EC2::Image::Id'),
};
