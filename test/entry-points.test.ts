/**
 * The two programs a user runs, started as a user starts them: `npx labs` (bin/labs.cjs) and the
 * CDK app (cdk.json's `node --import tsx bin/app.ts`). Unit tests call the CLI in-process, where
 * jest compiles every import; only a real process shows how node loads a lab's stack on use.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LABS } from '../labs';

const ROOT = path.join(__dirname, '..');
const env = { ...process.env, CDK_VALIDATION: 'false' };

function labs(...args: string[]) {
  return spawnSync(process.execPath, [path.join(ROOT, 'bin', 'labs.cjs'), ...args], { cwd: ROOT, encoding: 'utf8', env });
}

function app(context: Record<string, unknown>) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'labs-app-'));
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bin', 'app.ts')], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...env, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify(context) },
  });
  const templates = fs.existsSync(outdir) ? fs.readdirSync(outdir).filter((f) => f.endsWith('.template.json')).sort() : [];
  fs.rmSync(outdir, { recursive: true, force: true });
  return { ...r, templates };
}

test('npx labs loads a lab stack on use: `labs cost <lab> --json` synthesizes it', () => {
  const r = labs('cost', 'sqs-dead-letter-queue', '--json');
  expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
  expect(JSON.parse(r.stdout).labs[0]).toMatchObject({ lab: 'sqs-dead-letter-queue', region: 'us-east-1' });
}, 60_000);

test('npx labs: bad input is one line on stderr and exit 2', () => {
  const r = labs('show', 'nope');
  expect(r.status).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^labs: unknown lab or question "nope"/);
}, 30_000);

test('the CDK app builds only the lab named by -c labs:select, and every lab without it', () => {
  expect(app({ 'labs:select': 'sqs-dead-letter-queue' }).templates).toEqual(['sqs-dead-letter-queue.template.json']);
  expect(app({ 'aws:cdk:bundling-stacks': ['alb-blue-green'] }).templates).toEqual(['alb-blue-green.template.json']);
  expect(app({}).templates).toEqual(LABS.map((l) => `${l.id}.template.json`).sort());
}, 90_000);

test('the CDK app refuses an unknown lab in -c labs:select with one line', () => {
  const r = app({ 'labs:select': 'nat-vs-publicip' });
  expect(r.status).toBe(1);
  expect(r.stderr.trim()).toBe(`labs app: -c labs:select: received "nat-vs-publicip"; allowed: lab ids, comma-separated (${LABS.map((l) => l.id).join(', ')})`);
}, 30_000);
