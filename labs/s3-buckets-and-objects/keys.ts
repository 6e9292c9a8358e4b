/**
 * The key prefixes the checks write under. Each check writes only under its own prefix and deletes
 * what it wrote. This module imports nothing, so the observations that use it (reached from the lab
 * registry) never load aws-cdk-lib.
 */

/** The prefix of every key the checks write; `labs leftovers` and the cleanups look under it. */
export const KEY_ROOT = 'lab-checks/';

/**
 * The prefixes of the endpoint bucket (A43): one restricted with aws:SourceVpce, one with the seed's
 * aws:SourceArn. The checks' keys go under `<prefix>lab-checks/`, so they too are under a
 * `lab-checks/` path the cleanups and the leftovers sweep find.
 */
export const SOURCE_VPCE_PREFIX = 'source-vpce/';
export const SOURCE_ARN_PREFIX = 'source-arn/';
