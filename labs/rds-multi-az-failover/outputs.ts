import { defineOutputs } from '../../lib/lab-kit/core/outputs';

/** The outputs the live checks read: the contract between this stack and its checks. */
export const OUTPUTS = defineOutputs({
  DbInstanceIdentifier: 'The Multi-AZ DB instance',
  ProbeFunctionName: 'Invoke with {"durationSeconds": N} for a timeline of N seconds of tries',
  ProbeMaxWindowSeconds: 'The longest window one probe invocation accepts',
});
