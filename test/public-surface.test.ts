/**
 * The package's public surface, as decided in the README ("What the package exports"): the main
 * entry exports the worked-answer constructs and nothing else, the `./lab-kit` entry what a lab
 * author needs and nothing else, and the exports map has no third door. The package test
 * (test/package) holds the built tarball to the same entries.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as lib from '../lib';
import * as kit from '../lib/lab-kit';

const ROOT = path.join(__dirname, '..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const names = (m: object) => Object.keys(m).sort();

/**
 * Modules under lib/<domain>/ that are the labs' instruments or construct internals, not worked
 * answers: the labs import them by path; the main entry must not export them.
 */
const NOT_WORKED_ANSWERS = ['network/egress-probe-instance', 'network/console-probe-commands', 'network/probe-names', 'network/vpc-egress-probe-function', 'database/failover-probe', 'messaging/handler-function', 'compute/lambda-memory-hog', 'compute/lambda-timeout-probe', 'compute/lambda-cold-start-probe', 'compute/lambda-probe-function', 'compute/lambda-environment-isolation', 'provisioning/silent-custom-resource-provider', 'load-balancing/instance-id-page'];

/** Kit modules that are internals: the CLI, runner, operations on AWS, records, reports, docs, test helpers. */
const KIT_INTERNALS = ['cli/cli', 'checks/runner', 'operations/preflight', 'record/run-record', 'report/html', 'docs/catalog-markdown', 'testing', 'app/lab-app'];

test('the exports map has two entries (and package.json), matching main and types', () => {
  expect(manifest.exports).toEqual({
    '.': { types: './dist/lib/index.d.ts', default: './dist/lib/index.js' },
    './lab-kit': { types: './dist/lib/lab-kit/index.d.ts', default: './dist/lib/lab-kit/index.js' },
    './package.json': './package.json',
  });
  expect([manifest.main, manifest.types]).toEqual(['dist/lib/index.js', 'dist/lib/index.d.ts']);
  expect(manifest.private).toBeUndefined();
});

test('lib/index.ts is one `export *` line per worked-answer file: no kit, no instrument, no handler', () => {
  const lines = fs.readFileSync(path.join(ROOT, 'lib', 'index.ts'), 'utf8').split('\n').filter((l) => l.trim() && !l.trim().startsWith('//'));
  const bad = lines.filter((l) => {
    const m = /^export \* from '\.\/([a-z0-9-]+)\/([a-z0-9-]+)';$/.exec(l);
    return !m || m[1] === 'lab-kit' || m[2].endsWith('-handler') || NOT_WORKED_ANSWERS.includes(`${m[1]}/${m[2]}`) || !fs.existsSync(path.join(ROOT, 'lib', m[1], `${m[2]}.ts`));
  });
  expect(bad).toEqual([]);
});

test('the main entry exports the worked answers, and no name of an instrument or of the kit', () => {
  for (const name of ['EgressPathsVpc', 'NatInstance', 'QueueWithDeadLetterQueue', 'PartialBatchConsumer', 'MultiAzPostgresInstance', 'BlueGreenService', 'MfaRequiredPolicy', 'RegionRestrictionPolicy', 'BoundedRole', 'RevocableRole']) {
    expect([name, typeof (lib as Record<string, unknown>)[name]]).toEqual([name, 'function']);
  }
  const leaked = (module: object) => names(module).filter((n) => n in lib);
  for (const file of NOT_WORKED_ANSWERS) expect({ file, leaked: leaked(require(`../lib/${file}`)) }).toEqual({ file, leaked: [] });
  expect(leaked(kit)).toEqual([]);
});

test('the lab-kit entry exports what a lab is built from, and no name of a kit internal', () => {
  for (const name of ['LabStack', 'SelfDestruct', 'addLabFunction', 'addLabOutputs', 'defineOutputs', 'defineLab', 'live', 'observationsOf', 'CheckSkipped', 'expectEqual', 'requires', 'decisive', 'deriveOutcome', 'parseTtl', 'resourcesOfType', 'resolveDefaultRoute']) {
    expect([name, typeof (kit as Record<string, unknown>)[name]]).toEqual([name, 'function']);
  }
  for (const module of KIT_INTERNALS) {
    const leaked = names(require(`../lib/lab-kit/${module}`)).filter((n) => n in kit);
    expect({ module, leaked }).toEqual({ module, leaked: [] });
  }
});

test('every file under lib/ and labs/ is TypeScript, or ships verbatim from a `*-handler/` folder (scripts/build.mjs copies only those)', () => {
  // A file a construct reads at synth that is neither would be missing from the package.
  const { execFileSync } = require('node:child_process');
  const files: string[] = execFileSync('git', ['ls-files', '-co', '--exclude-standard', 'lib', 'labs'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
  // A lab's README and its tests (fixtures, snapshots) are not read at synth.
  const unshipped = files.filter((f) => !f.endsWith('.ts') && !/-handler\//.test(f) && !f.startsWith('lib/lab-kit/cli/scaffold-templates/') && !/^labs\/[^/]+\/(README\.md|test\/)/.test(f));
  expect(unshipped).toEqual([]);
});

test('the rules can fail: an instrument or a kit line in lib/index.ts is found', () => {
  const rule = /^export \* from '\.\/([a-z0-9-]+)\/([a-z0-9-]+)';$/;
  const line = "export * from './database/failover-probe';";
  expect(NOT_WORKED_ANSWERS.includes(rule.exec(line)!.slice(1).join('/'))).toBe(true);
  expect(rule.exec("export * from './lab-kit/stack/lab-stack';")).toBeNull();
  expect(names(require('../lib/database/failover-probe')).filter((n) => n in { FailoverProbe: 1 })).toEqual(['FailoverProbe']);
});
