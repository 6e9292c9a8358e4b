/**
 * The exit codes of `labs`, one per kind of trouble, so a script can tell a refuted claim from an
 * unreachable AWS. Check outcomes keep theirs (fail 1, error 3, inconclusive 4); 70 is kept for bugs.
 */
export const EXIT = {
  ok: 0,
  /** A check failed (AWS did not behave as the truth says), a question was declined, leftovers were found. */
  failed: 1,
  /** Bad input: an unknown command, lab, claim or option, a bad value, a missing region, an account not allowed. */
  badInput: 2,
  /** A check could not run (no stack, a missing output). */
  checkError: 3,
  /** A check was inconclusive: the run did not exercise the behaviour. */
  inconclusive: 4,
  /** AWS could not be reached: no network or DNS, a VPN or proxy in the way, a TLS certificate not accepted. */
  network: 5,
  /** Credentials: none found, a profile that does not exist, an expired session, keys AWS rejects. */
  credentials: 6,
  /** AWS denied an action: the role lacks a permission. */
  accessDenied: 7,
  /** AWS throttled the calls even after the SDK's retries. */
  throttled: 8,
  /** A bug in labs: reported with its stack trace. */
  bug: 70,
} as const;

/** Every exit code with what it means: `labs help` and the README print this list. */
export const EXIT_CODES: readonly { readonly code: number; readonly meaning: string }[] = [
  { code: EXIT.ok, meaning: 'done; every check passed or was skipped' },
  { code: EXIT.failed, meaning: 'a check failed (AWS did not behave as the truth says), a confirmation was declined, or leftovers were found' },
  { code: EXIT.badInput, meaning: 'bad input: unknown command, lab, claim or option, a bad value, no region, an account not allowed' },
  { code: EXIT.checkError, meaning: 'a check could not run (no stack, a missing output, a lab that does not synthesize)' },
  { code: EXIT.inconclusive, meaning: 'a check was inconclusive (the run did not exercise the behaviour)' },
  { code: EXIT.network, meaning: 'AWS unreachable: network, DNS, VPN or proxy, TLS certificate' },
  { code: EXIT.credentials, meaning: 'credentials: none found, unknown profile, expired session, rejected keys' },
  { code: EXIT.accessDenied, meaning: 'AWS denied an action: the role lacks a permission' },
  { code: EXIT.throttled, meaning: "AWS throttled the calls even after the SDK's retries" },
  { code: EXIT.bug, meaning: 'a bug in labs (printed with its stack trace; please report it)' },
];

/**
 * An error the user can fix: the CLI prints its message as one clear line (no stack trace) and
 * exits with its code. Anything else that escapes is a bug and is shown with its stack.
 */
export class UserError extends Error {
  constructor(message: string, public readonly exitCode: number = EXIT.badInput) {
    super(message);
    this.name = 'UserError';
  }
}
