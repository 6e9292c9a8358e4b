/**
 * The key prefixes the checks write under. Each check writes only under its own prefix and deletes
 * what it wrote. This module imports nothing, so the observations that use it (reached from the lab
 * registry) never load aws-cdk-lib.
 */

/** The prefix of every key the checks write; `labs leftovers` and the cleanups look under it. */
export const KEY_ROOT = 'lab-checks/';

/**
 * The prefixes of the endpoint bucket (A43), under {@link KEY_ROOT} like every key the checks write:
 * one restricted with aws:SourceVpce, one with the seed's aws:SourceArn, one restricted by nothing.
 */
export const SOURCE_VPCE_PREFIX = `${KEY_ROOT}source-vpce/`;
export const SOURCE_ARN_PREFIX = `${KEY_ROOT}source-arn/`;
export const CONTROL_PREFIX = `${KEY_ROOT}endpoint-control/`;
