/**
 * Undoing a live check's change when the run is interrupted. Node's default on SIGINT, SIGTERM and
 * SIGHUP is to exit without running `finally` blocks, so a check that changes a resource (an inline
 * policy, a target group attribute) and restores it in `finally` would leave the change behind on
 * Ctrl-C, `kill` or a closed terminal. Moved here from the iam-policy-evaluation lab, which
 * re-exports it, so every lab that changes a resource can use it.
 */
import { constants } from 'node:os';

/** The signals during which the change is undone before the process exits: Ctrl-C, `kill`, and a closed terminal. */
export const INTERRUPT_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Runs `run`; on one of {@link INTERRUPT_SIGNALS} meanwhile, runs `restore`, then exits with 128 +
 * the signal's number (130 for SIGINT). A second signal exits at once.
 */
export async function restoringOnSignal<T>(progress: (line: string) => void, what: string, restore: () => Promise<unknown>, run: () => Promise<T>, exit: (code: number) => void = (code) => process.exit(code)): Promise<T> {
  const now = (signal: NodeJS.Signals) => () => exit(128 + (constants.signals[signal] ?? 0));
  const second = INTERRUPT_SIGNALS.map((s) => [s, now(s)] as const);
  const onSignal = (signal: NodeJS.Signals) => {
    for (const [s] of handlers) process.removeListener(s, onSignal);
    for (const [s, h] of second) process.once(s, h);
    progress(`${signal}: ${what} before exiting (press Ctrl-C again to exit at once)`);
    const done = () => {
      for (const [s, h] of second) process.removeListener(s, h);
      now(signal)();
    };
    restore().then(done, (err) => {
      progress(`could not finish (${(err as Error)?.name ?? 'error'}: ${(err as Error)?.message ?? err})`);
      done();
    });
  };
  const handlers = INTERRUPT_SIGNALS.map((s) => [s, onSignal] as const);
  for (const [s] of handlers) process.on(s, onSignal);
  try {
    return await run();
  } finally {
    for (const [s] of handlers) process.removeListener(s, onSignal);
  }
}
