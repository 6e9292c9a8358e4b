// The kit's public entry (`aws-interview-labs/lab-kit`): what a lab author needs to build a lab
// of their own: the stack with its guardrails (TTL self-destruct, tags, budget, removal policies),
// the function helper with its own log group, typed outputs, the lab definition and judgement
// model, and the template helpers its offline facts read. Re-exports only.
// Not here: the CLI, the runner, operations on AWS, records, reports, docs and the test helpers:
// they are the labs command's internals, and the package's exports map keeps them unreachable.

// Stack
export * from './stack/lab-stack';
export * from './stack/lab-function';
export * from './stack/lab-outputs';
export * from './stack/self-destruct';
export * from './stack/ttl';
export * from './core/outputs';

// Checks
export * from './checks/lab-definition';
export * from './checks/judgement';

// Template facts
export type { TemplateJson } from './template/json';
export * from './template/resources';
export * from './template/routes';
