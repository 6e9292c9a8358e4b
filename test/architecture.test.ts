/**
 * The layers, as data, and a test that every import keeps them: constructs stand alone, the kit
 * never imports a lab, labs never import each other or the catalog, the catalog imports only its
 * model. One row per layer: which files it holds and what they may import.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');

interface Import {
  /** The module specifier, a relative one resolved to a project path (`lib/lab-kit/core/errors`). */
  readonly spec: string;
  /** `import type ...`: erased at run time. */
  readonly typeOnly: boolean;
}

/** What a file imports, static and dynamic. */
function importsOf(file: string): Import[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const found = [
    ...[...text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'";]*?\bfrom\s+['"]([^'"]+)['"]/gm)].map((m) => ({ spec: m[3], typeOnly: !!m[2] })),
    ...[...text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)].map((m) => ({ spec: m[1], typeOnly: false })),
    ...[...text.matchAll(/\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]/g)].map((m) => ({ spec: m[1], typeOnly: false })),
  ];
  return found.map((i) => ({ ...i, spec: i.spec.startsWith('.') ? path.posix.normalize(path.posix.join(path.posix.dirname(file), i.spec)) : i.spec }));
}

const EXTERNAL = (spec: string) => !spec.startsWith('lib/') && !spec.startsWith('labs/') && !spec.startsWith('catalog') && !spec.startsWith('bin/') && !spec.startsWith('scripts/') && !spec.startsWith('test/');
const NODE = (spec: string) => spec.startsWith('node:');
const CDK = (spec: string) => spec === 'aws-cdk-lib' || spec.startsWith('aws-cdk-lib/') || spec === 'constructs';
const under = (...dirs: string[]) => (spec: string) => dirs.some((d) => spec === d || spec.startsWith(`${d}/`));
const KIT = (role: string) => `lib/lab-kit/${role}`;

interface Layer {
  readonly name: string;
  readonly files: (file: string) => boolean;
  /** May this file import this (resolved) specifier at run time? */
  readonly may: (spec: string, file: string) => boolean;
  /** May it import this specifier's types (erased at run time)? @default as `may` */
  readonly mayType?: (spec: string, file: string) => boolean;
  readonly why: string;
}

const domainOf = (file: string) => file.split('/')[1];
const labOf = (file: string) => file.split('/')[1];

const LAYERS: readonly Layer[] = [
  {
    name: 'construct',
    files: (f) => f.startsWith('lib/') && !f.startsWith('lib/lab-kit/') && f !== 'lib/index.ts',
    may: (s, f) => CDK(s) || NODE(s) || under(`lib/${domainOf(f)}`)(s),
    why: 'a worked-answer construct imports only aws-cdk-lib, constructs, node builtins and its own domain',
  },
  {
    name: 'kit: stack',
    files: under(KIT('stack')),
    may: (s) => CDK(s) || NODE(s) || under(KIT('stack'), KIT('core'))(s),
    why: 'stack guardrails are CDK code: no checks, operations, docs or CLI in a synthesized app',
  },
  { name: 'kit: core', files: under(KIT('core')), may: (s) => NODE(s) || s.startsWith('@aws-sdk/') || s.startsWith('@smithy/') || under(KIT('core'))(s), why: 'core is the base every role uses' },
  { name: 'kit: template', files: under(KIT('template')), may: (s) => NODE(s) || under(KIT('template'))(s), why: 'template helpers are pure functions of a template' },
  { name: 'kit: catalog', files: under(KIT('catalog')), may: (s) => under(KIT('catalog'))(s), why: 'the catalog model stands alone, so printing a question loads nothing else' },
  {
    name: 'kit: checks',
    files: under(KIT('checks')),
    mayType: (s) => s === 'constructs' || under('lib/lab-kit')(s),
    may: (s) =>
      NODE(s) || (EXTERNAL(s) && !CDK(s)) ||
      under(KIT('checks'), KIT('core'), KIT('template'), KIT('catalog'), KIT('operations'))(s) ||
      (s.startsWith('lib/') && !s.startsWith('lib/lab-kit/')),
    why: 'checks observe and judge: no docs, app or CLI (they may read a construct\'s exported format, such as the console probe line)',
  },
  {
    name: 'kit: record',
    files: under(KIT('record')),
    may: (s) => NODE(s) || s === '@aws-sdk/client-cloudformation' || under(KIT('record'), KIT('core'), KIT('checks'))(s),
    why: 'a recorded run is read, written and judged again with the checks: no CLI, docs or app (it asks CloudFormation only for the template it hashes)',
  },
  {
    name: 'kit: report',
    files: under(KIT('report')),
    may: (s) => NODE(s) || s === 'vega' || s === 'vega-lite' || under(KIT('report'), KIT('record'), KIT('checks'), KIT('catalog'), KIT('core'), KIT('docs'), KIT('operations'))(s),
    why: 'the HTML report and the site render recorded runs, the catalog and lab definitions (handed over, never imported from a lab) with vega',
  },
  {
    name: 'kit: public entry',
    files: (f) => f === 'lib/lab-kit/index.ts',
    may: (s) => under(KIT('stack'), KIT('core/outputs'), KIT('checks/lab-definition'), KIT('checks/judgement'), KIT('template'))(s),
    why: "the kit's package entry re-exports what a lab author needs (stack, outputs, lab definition, judgement, template helpers), never the CLI, runner, operations, records, reports, docs or test helpers",
  },
  { name: 'kit: testing', files: under(KIT('testing')), may: (s) => EXTERNAL(s) || under('lib/lab-kit')(s), why: 'test helpers may use the whole kit' },
  { name: 'kit: operations', files: under(KIT('operations')), may: (s) => EXTERNAL(s) || under(KIT('operations'), KIT('core'), KIT('template'), KIT('stack'), KIT('checks'))(s), why: 'operations act on deployed stacks' },
  { name: 'kit: docs', files: under(KIT('docs')), may: (s) => NODE(s) || CDK(s) || under(KIT('docs'), KIT('catalog'), KIT('checks'), KIT('template'), KIT('operations'), KIT('stack'))(s), why: 'docs render catalogs, templates and labs (with the kit\'s TTL format)' },
  { name: 'kit: app', files: under(KIT('app')), may: (s) => EXTERNAL(s) || under(KIT('app'), KIT('stack'), KIT('checks'), KIT('core'))(s), why: 'the app builds stacks' },
  { name: 'kit: cli', files: under(KIT('cli')), may: (s) => EXTERNAL(s) || under('lib/lab-kit')(s), why: 'the CLI uses the whole kit, and is handed the registry and the catalog' },
  {
    name: 'lab',
    files: (f) => f.startsWith('labs/') && f !== 'labs/index.ts',
    may: (s, f) => EXTERNAL(s) || under('lib', `labs/${labOf(f)}`)(s),
    why: 'a lab uses the library and its own folder: never another lab, never the catalog (claim text lives there only)',
  },
  { name: 'registry', files: (f) => f === 'labs/index.ts', may: (s) => under(KIT('checks'))(s) || /^labs\/[a-z0-9-]+$/.test(s), why: 'the registry lists lab definitions (their index.ts) only' },
  { name: 'catalog', files: under('catalog'), may: (s) => under(KIT('catalog'), 'catalog')(s), why: 'the catalog is data, typed by its model' },
];

const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', 'lib', 'labs', 'catalog'], { cwd: ROOT, encoding: 'utf8' })
  .split('\n')
  .filter((f) => f.endsWith('.ts') && !f.includes('/test/') && fs.existsSync(path.join(ROOT, f)));

test('every source file belongs to one layer', () => {
  const homeless = files.filter((f) => f !== 'lib/index.ts' && LAYERS.filter((l) => l.files(f)).length !== 1);
  expect(homeless).toEqual([]);
});

test.each(LAYERS.map((l) => [l.name, l] as const))('%s imports keep the layering', (_name, layer) => {
  const allowed = (i: Import, f: string) => layer.may(i.spec, f) || (i.typeOnly && (layer.mayType ?? layer.may)(i.spec, f));
  const arrows = files
    .filter(layer.files)
    .flatMap((f) => importsOf(f).filter((i) => !allowed(i, f)).map((i) => `${f} → ${i.spec}${i.typeOnly ? ' (types)' : ''}`));
  expect({ rule: layer.why, arrows }).toEqual({ rule: layer.why, arrows: [] });
});

test('a lab definition loads its stack only on use (dynamic import), never statically', () => {
  const statics = files
    .filter((f) => /^labs\/[a-z0-9-]+\/index\.ts$/.test(f))
    .filter((f) => /\bfrom\s+['"]\.\/stack['"]/.test(fs.readFileSync(path.join(ROOT, f), 'utf8')) && !/import\s+type[^;]*from\s+['"]\.\/stack['"]/.test(fs.readFileSync(path.join(ROOT, f), 'utf8')));
  expect(statics).toEqual([]);
});

test('the rules can fail: an arrow against them is found', () => {
  const construct = LAYERS.find((l) => l.name === 'construct')!;
  expect(construct.may('lib/lab-kit/stack/lab-function', 'lib/messaging/x.ts')).toBe(false);
  expect(construct.may('lib/messaging/y', 'lib/messaging/x.ts')).toBe(true);
  expect(construct.may('lib/identity/revoke-older-sessions', 'lib/identity/revocable-role.ts')).toBe(true);
  expect(construct.may('lib/messaging/y', 'lib/identity/revocable-role.ts')).toBe(false);
  const lab = LAYERS.find((l) => l.name === 'lab')!;
  expect(lab.may('labs/other-lab/observe', 'labs/my-lab/checks.ts')).toBe(false);
  expect(lab.may('catalog/beginner', 'labs/my-lab/checks.ts')).toBe(false);
});
