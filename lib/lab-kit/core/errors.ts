/**
 * An error the user can fix: the CLI prints its message as one clear line (no stack trace) and
 * exits non-zero. Anything else that escapes is a bug and is shown with its stack.
 */
export class UserError extends Error {
  constructor(message: string, public readonly exitCode = 2) {
    super(message);
    this.name = 'UserError';
  }
}
