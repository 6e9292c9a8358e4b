#!/usr/bin/env node
// `npm run bench`: how long synth, the tests and the offline checks take, measured, not asserted,
// with the 4 registered labs and again with 40 (the 4 plus 36 synthetic copies, in a throwaway copy
// of the project: bench only). Runs alternate with a bare one-stack app on the same aws-cdk-lib and
// CLI, so both see the same machine load. Goal: the `labs` synth of one lab ≤ 1.5 × bare.
// Writes .bench/latest.json. BENCH_RUNS=3 (synth runs per figure), BENCH_LABS=40.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const runs = Number(process.env.BENCH_RUNS ?? 3);
const target = Number(process.env.BENCH_LABS ?? 40);
const project = resolve('.');
const LAB = 'nat-vs-public-ip';

/** Seconds a command takes; it must succeed unless `mayFail` (a timing of `npm test` stays a timing when a test fails). */
function time(cwd, args, env = {}, mayFail = false) {
  const out = mkdtempSync(join(tmpdir(), 'bench-'));
  const cdk = args[0].endsWith('cdk');
  const started = process.hrtime.bigint();
  const r = spawnSync(args[0], [...args.slice(1), ...(cdk ? ['--output', out] : [])], { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  rmSync(out, { recursive: true, force: true });
  if (r.status !== 0 && !mayFail) throw new Error(`${args.join(' ')} (in ${cwd}) failed:\n${r.stderr}`);
  if (r.status !== 0) console.error(`note: ${args.join(' ')} (in ${cwd}) exited ${r.status}; its time is still reported`);
  return seconds;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A copy of the project with `count` labs: the registered ones plus copies under new ids. */
function projectWith(count) {
  const dir = mkdtempSync(join(tmpdir(), `bench-${count}-labs-`));
  for (const entry of readdirSync(project)) {
    if (['node_modules', '.git', '.bench', 'cdk.out', '.labs'].includes(entry)) continue;
    cpSync(join(project, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(project, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const registry = readFileSync(join(dir, 'labs', 'index.ts'), 'utf8');
  const originals = [...registry.matchAll(/^import \{ (\w+) \} from '\.\/([a-z0-9-]+)';$/gm)].map((m) => ({ name: m[1], id: m[2] }));
  const added = [];
  for (let n = 1; originals.length + added.length < count; n++) {
    for (const o of originals) {
      if (originals.length + added.length >= count) break;
      const id = `${o.id}-copy${n}`;
      const name = `${o.name}Copy${n}`;
      cpSync(join(dir, 'labs', o.id), join(dir, 'labs', id), { recursive: true });
      const index = join(dir, 'labs', id, 'index.ts');
      writeFileSync(index, readFileSync(index, 'utf8').replace(`id: '${o.id}'`, `id: '${id}'`).replace(`export const ${o.name} `, `export const ${name} `));
      rmSync(join(dir, 'labs', id, 'test', '__snapshots__'), { recursive: true, force: true });
      added.push({ name, id });
    }
  }
  const withImports = registry.replace(/(export const LABS[^=]*= \[)([^\]]*)\]/, (_, head, list) => `${head}${[list.trim(), ...added.map((a) => a.name)].filter(Boolean).join(', ')}]`);
  writeFileSync(join(dir, 'labs', 'index.ts'), `${added.map((a) => `import { ${a.name} } from './${a.id}';`).join('\n')}\n${withImports}`);
  // The copies' own snapshots and the README's lab table, written once so that their tests pass.
  execFileSync(join('node_modules', '.bin', 'jest'), ['-u', '--silent', 'test/labs/invariants'], { cwd: dir, stdio: 'ignore' });
  execFileSync('npm', ['run', '--silent', 'docs'], { cwd: dir, stdio: 'ignore' });
  return dir;
}

function measure(cwd, labs) {
  const cdk = join('node_modules', '.bin', 'cdk');
  const selected = [];
  const plain = [];
  const bare = [];
  for (let i = 0; i < runs; i++) {
    selected.push(time(cwd, [cdk, 'synth', '--quiet', '-c', `labs:select=${LAB}`, LAB]));
    plain.push(time(cwd, [cdk, 'synth', '--quiet', LAB]));
    bare.push(time(cwd, [cdk, 'synth', '--quiet', '--app', 'node --import tsx scripts/bench/bare-app.ts']));
  }
  return {
    labs,
    labsSynthSeconds: median(selected),
    plainSynthSeconds: median(plain),
    bareSynthSeconds: median(bare),
    ratio: median(selected) / median(bare),
    plainRatio: median(plain) / median(bare),
    checkOfflineSeconds: time(cwd, ['node', 'bin/labs.cjs', 'check', '--offline'], {}, true),
    npmTestSeconds: time(cwd, ['node', 'scripts/test.mjs'], {}, true),
  };
}

const small = measure(project, 4);
const copy = projectWith(target);
let large;
try {
  large = measure(copy, target);
} finally {
  rmSync(copy, { recursive: true, force: true });
}
const perLab = (key) => (large[key] - small[key]) / (target - 4);
const result = { date: new Date().toISOString(), cores: cpus().length, runs, at4: small, [`at${target}`]: large, perAddedLab: Object.fromEntries(['labsSynthSeconds', 'plainSynthSeconds', 'checkOfflineSeconds', 'npmTestSeconds'].map((k) => [k, perLab(k)])) };
mkdirSync('.bench', { recursive: true });
writeFileSync(join('.bench', 'latest.json'), JSON.stringify(result, null, 2) + '\n');
const f = (s) => `${s.toFixed(2)} s`;
const row = (name, key, ratio) => console.log(`${name.padEnd(40)} ${f(small[key]).padStart(9)} ${f(large[key]).padStart(9)}  ${(perLab(key) >= 0 ? '+' : '') + perLab(key).toFixed(3)} s/lab${ratio ? `   ratio to bare ${small[ratio].toFixed(2)} → ${large[ratio].toFixed(2)}` : ''}`);
console.log(`${''.padEnd(40)} ${'4 labs'.padStart(9)} ${`${target} labs`.padStart(9)}`);
row(`labs synth of ${LAB} (-c labs:select)`, 'labsSynthSeconds', 'ratio');
row(`plain cdk synth ${LAB}`, 'plainSynthSeconds', 'plainRatio');
row('bare one-stack app', 'bareSynthSeconds');
row('labs check --offline (every lab)', 'checkOfflineSeconds');
row('npm test', 'npmTestSeconds');
console.log(`goal: labs synth ≤ 1.5 × bare (median of ${runs} runs each)`);
