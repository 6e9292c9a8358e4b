#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx labs` needs no build step. It starts node again with
// `--import tsx` (as cdk.json's app does), because only that loads TypeScript for both `require` and
// `import()`: lab definitions import their stack on use, and `require('tsx/cjs')` alone leaves
// `import('./stack')` to node's own loader, which cannot read TypeScript.
// The SDK's notice that its 2027 releases need Node 22 is in the README; it should not stand
// before every error line of the CLI.
const { spawn } = require('node:child_process');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const tsx = pathToFileURL(require.resolve('tsx')).href;
const child = spawn(process.execPath, ['--import', tsx, path.join(__dirname, 'labs.ts'), ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ?? 'true' },
});
// Ctrl-C reaches both processes; the CLI decides what to do with it (a check restores what it
// changed before it exits), so this one only waits for it.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => {});
child.on('exit', (code, signal) => {
  process.exitCode = code ?? 128 + (require('node:os').constants.signals[signal] ?? 0);
});
