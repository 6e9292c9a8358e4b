/**
 * The console probe names the network constructs write under, in a module that loads nothing else:
 * whatever reads the probes back (a lab's live checks) imports these without loading aws-cdk-lib.
 */

/** The probe of `EgressProbeInstance`: one line per try to reach the internet. */
export const EGRESS_PROBE_NAME = 'internet';

/** The one-off line `NatInstance` writes when forwarding is set up (rc=0) or failed. */
export const NAT_READY_EVENT = 'nat-ready';

/**
 * How `EgressProbeInstance` writes its second endpoint's result at the start of each try's output:
 * `also=<curl exit code>:<HTTP status> <checkip answer>`, e.g. `also=0:302 54.1.2.3` or
 * `also=28:000 curl: (28) Connection timed out after 5001 milliseconds`. A try "failed to connect"
 * only when both curls did; checkip alone not answering says nothing about the route.
 */
export const SECOND_ENDPOINT_FIELD = 'also';
