// The package's main entry (`aws-interview-labs`): the worked-answer constructs, and nothing else.
// Re-exports only, one line per construct file: adding a construct is one line here.
// Not here, on purpose: the kit (its own entry, `aws-interview-labs/lab-kit`: lib/lab-kit/index.ts)
// and the instruments the labs measure with (probes such as EgressProbeInstance and FailoverProbe),
// which the labs import by path. test/public-surface.test.ts holds both rules.

// Worked answers
export * from './network/egress-paths-vpc';
export * from './network/nat-instance';
export * from './messaging/queue-with-dead-letter-queue';
export * from './messaging/partial-batch-consumer';
export * from './messaging/always-failing-async-function';
export * from './database/multi-az-postgres-instance';
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
export * from './compute/lambda-release-alias';
export * from './load-balancing/zonal-network-load-balancer';
export * from './compute/imdsv2-instance';
export * from './storage/versioned-bucket';
export * from './storage/object-lock-bucket';
export * from './storage/secure-defaults-bucket';
export * from './storage/endpoint-only-read';
export * from './storage/private-s3-access-vpc';
