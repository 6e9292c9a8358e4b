import type { Construct } from 'constructs';
import { SilentCustomResourceProvider } from '../../lib/provisioning/silent-custom-resource-provider';
import { addLabOutputs } from '../../lib/lab-kit/stack/lab-outputs';
import { LabStack, type LabStackProps } from '../../lib/lab-kit/stack/lab-stack';
import { cdkDefaults } from './cdk-defaults';
import { CDK_DEFAULTS_KEY } from './facts';
import { OUTPUTS } from './outputs';
import { EXPERIMENTS_METADATA_KEY, experiments } from './templates';


/**
 * Lab cloudformation-stack-lifecycle: one Lambda function (the custom resource provider that never
 * answers Create) and its log group. Everything else the checks need is a throwaway stack they
 * create from a tiny template, tagged lab=<id> and lab-run=<run id>, and delete when they end.
 *
 * The template's Metadata records those templates, as one JSON string (so the offline checks and the snapshot hold
 * exactly what the live checks send) and the deletion policies the CDK writes for stateful
 * constructs given no removal policy, synthesized in a throwaway app that is never deployed.
 */
export class CloudformationStackLifecycleStack extends LabStack {
  constructor(scope: Construct, id: string, props: LabStackProps = {}) {
    super(scope, id, { description: 'Lab cloudformation-stack-lifecycle: deletion, protection, custom resources and template errors, observed on throwaway stacks (I6 I30 I36 T6)', ...props });

    const provider = new SilentCustomResourceProvider(this, 'SilentProvider');
    this.templateOptions.metadata = {
      ...this.templateOptions.metadata,
      // As a JSON string, never as template structure: the throwaway templates hold Ref and Fn::Sub of
      // names the lab template does not declare (the seed's InstanceType, LabId), which CloudFormation
      // must never try to resolve in the lab's own template.
      [EXPERIMENTS_METADATA_KEY]: JSON.stringify(experiments()),
      [CDK_DEFAULTS_KEY]: cdkDefaults(this.node.root.node.getAllContext()),
    };

    addLabOutputs(this, OUTPUTS, {
      ProviderFunctionArn: provider.function.functionArn,
      ProviderLogGroupName: provider.logGroup.logGroupName,
    });
  }
}
