#!/usr/bin/env node
// `npm run build` (and `npm pack`'s prepack): the package's JavaScript and declarations in dist/.
// tsc compiles lib/, labs/, catalog/ and bin/ (tsconfig.build.json); the folders below are then
// copied byte for byte, replacing whatever tsc emitted there: a Lambda handler folder is the
// function's asset, so it must hold exactly its index.js (an emitted index.d.ts would ship in the
// function's zip and change the asset hash). The scaffold templates stay out: `labs new` writes
// TypeScript into a checkout, and refuses in the installed package.
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const OUT = join(ROOT, 'dist');

/** Folders copied verbatim: every `*-handler` folder under lib/ and labs/ (a Lambda function's code). */
function verbatimFolders(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (!statSync(full).isDirectory()) return [];
    if (name.endsWith('-handler')) return [full];
    return verbatimFolders(full);
  });
}

rmSync(OUT, { recursive: true, force: true });
const tsc = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
if (tsc.status !== 0) {
  console.error(`build: tsc failed (exit ${tsc.status ?? tsc.signal})`);
  process.exit(1);
}
for (const folder of [...verbatimFolders(join(ROOT, 'lib')), ...verbatimFolders(join(ROOT, 'labs'))]) {
  const target = join(OUT, relative(ROOT, folder));
  rmSync(target, { recursive: true, force: true });
  cpSync(folder, target, { recursive: true });
}
