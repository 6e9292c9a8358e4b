/**
 * The `labs` command line. It only talks to the registry (labs/index.ts) and the lab kit.
 */
import { runCli } from '../lib/lab-kit/cli/cli';
import { terminalConfirm } from '../lib/lab-kit/cli/operate';
import { LABS } from '../labs';
import { CATALOG } from '../catalog';

runCli(process.argv.slice(2), {
  labs: LABS,
  catalog: CATALOG,
  confirm: terminalConfirm(),
  io: { out: (t) => console.log(t), err: (t) => console.error(t) },
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('labs: unexpected error (a bug; please report it with the command you ran):');
    console.error(error);
    process.exitCode = 70;
  },
);
