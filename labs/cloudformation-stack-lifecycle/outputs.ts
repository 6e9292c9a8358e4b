/** The stack outputs of cloudformation-stack-lifecycle: the contract between its stack and its observations. */
import { defineOutputs } from '../../lib/lab-kit/core/outputs';

export const OUTPUTS = defineOutputs({
  ProviderFunctionArn: "The custom resource provider that never answers Create: the throwaway custom resource's ServiceToken",
  ProviderLogGroupName: 'Its log group, where it logs each request CloudFormation sent (type, ResponseURL host, signed or not)',
});
