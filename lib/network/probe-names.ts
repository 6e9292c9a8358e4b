/**
 * The console probe names the network constructs write under, in a module that loads nothing else:
 * whatever reads the probes back (a lab's live checks) imports these without loading aws-cdk-lib.
 */

/** The probe of `EgressProbeInstance`: one line per try to reach the internet. */
export const EGRESS_PROBE_NAME = 'internet';

/** The one-off line `NatInstance` writes when forwarding is set up (rc=0) or failed. */
export const NAT_READY_EVENT = 'nat-ready';
