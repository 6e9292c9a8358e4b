import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.join(__dirname, '..', '..');

/** The project modules and packages loaded after running `code` (an async function body) in a fresh node with tsx. */
function loadedBy(code: string): { stacks: string[]; sdkClients: string[]; cdk: boolean } {
  const script =
    `(async () => { ${code} })().then(() => { const keys = Object.keys(require.cache);` +
    "console.log(JSON.stringify({ stacks: keys.filter((k) => /[\\\\/]labs[\\\\/][a-z0-9-]+[\\\\/]stack\\.ts$/.test(k)).map((k) => k.split(/[\\\\/]labs[\\\\/]/)[1]), " +
    "sdkClients: keys.filter((k) => k.includes('@aws-sdk/client-')).map((k) => k.split('node_modules/')[1].split('/').slice(0, 2).join('/')).filter((v, i, a) => a.indexOf(v) === i), " +
    "cdk: keys.some((k) => k.includes('node_modules/aws-cdk-lib/')) })) }, (e) => { console.error(e); process.exit(1); })";
  return JSON.parse(execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: root, encoding: 'utf8' }));
}

// Live checks load their SDK clients on use (each costs 0.1–0.3 s), and a lab definition loads its
// stack on use, so listing, showing and judging never build CDK code they do not need.
test('loading the lab registry loads no stack module, no aws-cdk-lib and no AWS SDK client', () => {
  expect(loadedBy("require('./labs')")).toEqual({ stacks: [], sdkClients: [], cdk: false });
}, 30_000);

test('loading the catalog loads no lab code at all', () => {
  const script = "require('./catalog'); console.log(JSON.stringify(Object.keys(require.cache).filter((k) => /[\\\\/]labs[\\\\/]/.test(k) && !k.includes('node_modules'))))";
  expect(JSON.parse(execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: root, encoding: 'utf8' }))).toEqual([]);
}, 30_000);

test('printing one question (labs show B2) loads no lab stack module', () => {
  const code =
    "const { runCli } = require('./lib/lab-kit/cli/cli'); const out = [];" +
    "const exit = await runCli(['show', 'B2'], { labs: require('./labs').LABS, catalog: require('./catalog').CATALOG, io: { out: (t) => out.push(t), err: (t) => out.push(t) } });" +
    "if (exit !== 0 || !out.join('').includes('B2.public-ip-reaches-internet')) throw new Error('show failed: ' + out.join(' '));";
  expect(loadedBy(code).stacks).toEqual([]);
}, 30_000);
