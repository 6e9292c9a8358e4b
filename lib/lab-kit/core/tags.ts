/**
 * The tags labs put on what they create. Kept apart from the stack code so that observations (which
 * load no aws-cdk-lib) can tag the throwaway resources they make.
 */

/** The tag every lab resource carries; `labs deployed` and `labs leftovers` find resources by it. */
export const LAB_TAG = 'lab';

/**
 * The tag a check puts, with its run id as the value, on every throwaway resource it creates
 * (a stack from a tiny template, a resource a `Retain` policy keeps). `labs leftovers` reports
 * anything carrying it, even while the lab's own stack is deployed: it belongs to a run, not to
 * the stack, and the check should have deleted it.
 */
export const THROWAWAY_TAG = 'lab-run';
