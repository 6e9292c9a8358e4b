/**
 * The `labs` command line. It only talks to the registry (labs/index.ts) and the lab kit.
 */
import { runCli } from '../lib/lab-kit/cli/cli';
import { colorWanted, wrap } from '../lib/lab-kit/cli/format';
import { terminalConfirm } from '../lib/lab-kit/cli/operate';
import { EXIT } from '../lib/lab-kit/core/errors';
import { LABS } from '../labs';
import { CATALOG } from '../catalog';

// A status line only on a terminal: piped output stays plain text.
let statusShown = false;
const status = process.stderr.isTTY
  ? (text: string) => {
      if (!text && !statusShown) return;
      const width = process.stderr.columns ?? 80;
      process.stderr.write(`\r\x1b[K${text.length > width - 1 ? `${text.slice(0, width - 2)}…` : text}`);
      statusShown = text !== '';
    }
  : undefined;

runCli(process.argv.slice(2), {
  labs: LABS,
  catalog: CATALOG,
  confirm: terminalConfirm(),
  io: {
    out: (t) => {
      status?.('');
      console.log(t);
    },
    err: (t) => {
      status?.('');
      // On a terminal, messages wrap at spaces to its width; piped, each stays one line.
      console.error(process.stderr.isTTY && process.stderr.columns ? wrap(t, process.stderr.columns, 2) : t);
    },
    status,
    color: colorWanted(process.env, process.stdout.isTTY),
    columns: process.stdout.isTTY ? process.stdout.columns : undefined,
  },
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    status?.('');
    console.error('labs: unexpected error (a bug; please report it with the command you ran):');
    console.error(error);
    process.exitCode = EXIT.bug;
  },
);
