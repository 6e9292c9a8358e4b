/**
 * For each claim, the template change that must make its offline check fail (the invariant suite
 * runs them). More cases are in lambda-runtime-behaviour.test.ts.
 */
import type { OfflineCases } from '../../../lib/lab-kit/testing';
import { outputLogicalId } from '../../../lib/lab-kit/testing';

/** The properties of the resource an output points at. */
export function propsOf(t: any, output: string): any {
  return t.Resources[outputLogicalId(t, output)].Properties;
}

const timeout901 = (t: any) => (propsOf(t, 'TimeoutProbeName').Timeout = 901);
const noVpc = (t: any) => delete propsOf(t, 'ColdVpcName').VpcConfig;
const hogMemory = (t: any) => (propsOf(t, 'NodeMemoryHogName').MemorySize = 1024);
const aliasOnLatest = (t: any) => {
  const alias = Object.values<any>(t.Resources).find((r) => r.Type === 'AWS::Lambda::Alias');
  alias.Properties.FunctionVersion = '$LATEST';
};

export const OFFLINE_CASES: OfflineCases = {
  'B8.lambda-timeout-max-15-minutes': timeout901,
  'A20.invocation-capped-at-900-seconds': timeout901,
  'A35.max-timeout-is-900-seconds': timeout901,
  'I15.published-version-is-immutable': aliasOnLatest,
  'I15.alias-is-updatable-version-pointer': aliasOnLatest,
  'I15.alias-weights-traffic-between-two-versions': aliasOnLatest,
  'I22.smaller-packages-shorten-initialization': (t) => (propsOf(t, 'ColdLargePackageName').Code = propsOf(t, 'ColdPlainName').Code),
  'I22.initialize-sdk-clients-outside-handler': (t) => (propsOf(t, 'ColdSdkInHandlerName').Environment.Variables.SDK_CLIENT = 'init'),
  'I22.vpc-no-longer-slows-cold-starts': noVpc,
  'A20.vpc-uses-shared-hyperplane-enis': noVpc,
  'A35.vpc-no-longer-slows-cold-starts': noVpc,
  'I24.get-function-configuration-exposes-env-vars': (t) => (propsOf(t, 'ReaderFunctionName').Environment = { Variables: { LAB_HOLDER_MARK: 'copied' } }),
  'I43.out-of-memory-fails-invocation': hogMemory,
  'I43.oom-error-depends-on-runtime': (t) => (propsOf(t, 'PythonMemoryHogName').Runtime = 'java21'),
  'I43.max-memory-used-in-report-line': hogMemory,
  'A35.default-1000-concurrency-can-be-raised': (t) => (propsOf(t, 'ColdPlainName').ReservedConcurrentExecutions = 10),
};
