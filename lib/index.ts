// The library's public surface: the worked-answer constructs and the kit a lab is built from.
// Re-exports only.

// Worked answers
export * from './network/egress-paths-vpc';
export * from './network/egress-probe-instance';
export * from './network/nat-instance';
export * from './network/console-probe-commands';
export * from './messaging/queue-with-dead-letter-queue';
export * from './messaging/partial-batch-consumer';
export * from './messaging/always-failing-async-function';
export * from './database/multi-az-postgres-instance';
export * from './database/failover-probe';
export * from './database/mrsc-region-sets';
export * from './database/strongly-consistent-global-table';
export * from './database/eventually-consistent-global-table';
export * from './deployment/blue-green-service';
export * from './deployment/colour-fleet';
export * from './identity/mfa-required-policy';
export * from './identity/region-restriction-policy';
export * from './identity/bounded-role';
export * from './identity/revocable-role';
export * from './identity/revoke-older-sessions';

// Lab kit
export * from './lab-kit/catalog/model';
export * from './lab-kit/checks/judgement';
export * from './lab-kit/checks/lab-definition';
export * from './lab-kit/core/outputs';
export * from './lab-kit/stack/lab-stack';
export * from './lab-kit/stack/lab-outputs';
export * from './lab-kit/stack/self-destruct';
export * from './lab-kit/stack/ttl';
export type { TemplateJson } from './lab-kit/template/json';
