/** The stack outputs of lambda-runtime-behaviour: the contract between its stack and its observations. */
import { defineOutputs } from '../../lib/lab-kit/core/outputs';

export const OUTPUTS = defineOutputs({
  NodeMemoryHogName: 'Node.js 24 function (128 MB) that allocates the megabytes it is asked for',
  PythonMemoryHogName: 'Python 3.13 function (128 MB) that allocates the megabytes it is asked for',
  TimeoutProbeName: 'Function with a 2-second timeout that waits as long as it is told',
  ColdPlainName: 'Cold-start probe: no VPC, no SDK call, small package',
  ColdVpcName: 'The same probe in the lab VPC (isolated subnets)',
  ColdSdkAtInitName: 'Cold-start probe: STS client made at init, one GetCallerIdentity per invocation',
  ColdSdkInHandlerName: 'Cold-start probe: STS client made in the handler on every invocation',
  ColdLargePackageName: 'Cold-start probe: the plain probe plus a large module loaded at init',
  ReleaseFunctionName: 'Function published as version 1 behind an alias',
  ReleaseAliasName: 'The alias callers invoke',
  ReleaseVersion: "The release function's version the stack published: where the alias points, and where the checks put it back",
  HolderFunctionName: 'Function holding the environment variable another function looks for',
  ReaderFunctionName: 'Function that looks for it (its role may only write its log group)',
  HolderVariableName: 'The name of the environment variable the holder has',
});
