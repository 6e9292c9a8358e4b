import { CfnOutput } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { OutputDeclarations } from '../core/outputs';

/**
 * Adds one `CfnOutput` per declared output, with the declaration's description, in declaration
 * order. The construct id is the output name, so the template's output keys are the names the
 * checks read.
 */
export function addLabOutputs<K extends string>(scope: Construct, declarations: OutputDeclarations<K>, values: { readonly [N in K]: string }): void {
  for (const name of Object.keys(declarations) as K[]) {
    new CfnOutput(scope, name, { value: values[name], description: declarations[name] });
  }
}
