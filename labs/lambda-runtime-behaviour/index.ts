import { defineLab } from '../../lib/lab-kit/checks/lab-definition';
import { CHECKS } from './checks';
import { labFacts } from './facts';
import { COLD_SAMPLES, COLD_SAMPLES_OPTION } from './observe';
import { OUTPUTS } from './outputs';

export const lambdaRuntimeBehaviour = defineLab({
  id: 'lambda-runtime-behaviour',
  title: 'Lambda measured: timeouts, running out of memory, cold starts (VPC, SDK client, package), versions and weighted aliases, environment isolation',
  deployTime: 'about 3 minutes (estimated: twelve functions and a VPC of two isolated subnets)',
  // Request-priced only (Lambda, Logs); the VPC, its subnets and the security group are free. A full check run is a few hundred invocations: under a cent.
  hourlyBudgetUsd: 0.001,
  stack: () => import('./stack').then((m) => m.LambdaRuntimeBehaviourStack),
  outputs: OUTPUTS,
  facts: labFacts,
  checks: CHECKS,
  timelines: () => import('./timelines').then((m) => m.plots),
  liveOptions: [
    {
      name: COLD_SAMPLES_OPTION,
      description: 'forced cold starts per probe (each a configuration change, a cold and a warm invocation; about 5 probes × 3 s a round)',
      number: { min: COLD_SAMPLES.min, max: COLD_SAMPLES.max, default: COLD_SAMPLES.default, unit: 'samples' },
    },
  ],
});
