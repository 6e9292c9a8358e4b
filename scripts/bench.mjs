#!/usr/bin/env node
// `npm run bench`: how long synth, the tests and the offline checks take, measured, not asserted.
// Compares `cdk synth nat-vs-public-ip` (which builds every lab: the app has one stack per lab)
// with a bare one-stack app on the same aws-cdk-lib and CLI, alternating runs so that both see the
// same machine load. Goal: ratio <= 1.5. Writes .bench/latest.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

const runs = Number(process.env.BENCH_RUNS ?? 3);
const cdk = join('node_modules', '.bin', 'cdk');

function time(args, env = {}) {
  const out = mkdtempSync(join(tmpdir(), 'bench-'));
  const started = process.hrtime.bigint();
  const r = spawnSync(args[0], [...args.slice(1), ...(args[0] === cdk ? ['--output', out] : [])], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  rmSync(out, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed:\n${r.stderr}`);
  return seconds;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const labSynth = [];
const bareSynth = [];
for (let i = 0; i < runs; i++) {
  labSynth.push(time([cdk, 'synth', '--quiet', 'nat-vs-public-ip']));
  bareSynth.push(time([cdk, 'synth', '--quiet', '--app', 'node --import tsx scripts/bench/bare-app.ts']));
}
const suite = time(['node', 'scripts/test.mjs']);
const jestOnly = time([join('node_modules', '.bin', 'jest'), '--ci', '--silent']);
const offline = time(['node', 'bin/labs.cjs', 'check', '--offline']);

const result = {
  date: new Date().toISOString(),
  cores: cpus().length,
  runs,
  synthLabSeconds: median(labSynth),
  synthBareSeconds: median(bareSynth),
  ratio: median(labSynth) / median(bareSynth),
  npmTestSeconds: suite,
  jestSeconds: jestOnly,
  checkOfflineSeconds: offline,
};
mkdirSync('.bench', { recursive: true });
writeFileSync(join('.bench', 'latest.json'), JSON.stringify(result, null, 2) + '\n');
const f = (s) => `${s.toFixed(2)} s`;
console.log(`cdk synth nat-vs-public-ip  ${f(result.synthLabSeconds)}  (median of ${runs}: ${labSynth.map(f).join(', ')})`);
console.log(`cdk synth bare one-stack    ${f(result.synthBareSeconds)}  (median of ${runs}: ${bareSynth.map(f).join(', ')})`);
console.log(`ratio                       ${result.ratio.toFixed(2)}  (goal <= 1.5)`);
console.log(`npm test (tsc+jest+synth)   ${f(suite)}`);
console.log(`jest alone                  ${f(jestOnly)}`);
console.log(`labs check --offline        ${f(offline)}`);
