// How bin/labs.cjs and bin/app.cjs start their program, in a checkout or an installed package.
//
// - In a checkout (the TypeScript source stands beside this file), node starts again with
//   `--import tsx`, so nothing needs building: only that loads TypeScript for both `require` and
//   `import()` (a lab definition imports its stack on use, and `require('tsx/cjs')` alone leaves
//   `import('./stack')` to node's own loader, which cannot read TypeScript).
// - In the installed package (only dist/ ships, no TypeScript, no tsx), the built JavaScript runs
//   in this same process.
//
// The AWS SDK's notice that its 2027 releases need Node 22 is in the README; it should not stand
// before every error line of the CLI.
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

/** Runs bin/<name>.ts (checkout) or dist/bin/<name>.js (package) with these arguments. */
function launch(name) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const source = path.join(__dirname, `${name}.ts`);
  if (!fs.existsSync(source)) {
    require(path.join(__dirname, '..', 'dist', 'bin', `${name}.js`));
    return;
  }
  const { spawn } = require('node:child_process');
  const tsx = pathToFileURL(require.resolve('tsx')).href;
  const child = spawn(process.execPath, ['--import', tsx, source, ...process.argv.slice(2)], { stdio: 'inherit' });
  // Ctrl-C reaches both processes; the program decides what to do with it (a check restores what
  // it changed before it exits), so this one only waits for it.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => {});
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? 128 + (require('node:os').constants.signals[signal] ?? 0);
  });
}

module.exports = { launch };
