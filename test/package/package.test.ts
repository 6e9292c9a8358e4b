/**
 * The library as a user gets it: `npm pack` (which builds dist/), the tarball installed into a
 * fresh CDK app in a temporary folder outside this checkout, the README's example type-checked
 * against the shipped declarations and synthesized there, and the package's `labs` bin run.
 *
 * "Installed" is what npm does with a tarball: unpack it into node_modules/aws-interview-labs and
 * link its bin into node_modules/.bin. Its dependencies are not fetched: each one the tarball's
 * package.json names (and the peers) is linked to this project's installed copy, so the test needs
 * no network and no 600-package install. Only packages are linked, never a folder of this
 * project's sources, and a test asserts that nothing the app loads comes from them.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { PartialBatchConsumer } from '../../lib';
import { cdkJsonContext } from '../../lib/lab-kit/core/project';

const ROOT = path.join(__dirname, '..', '..');
const README_EXAMPLE = /<!-- package-example:start -->\n```ts\n([\s\S]*?)```\n<!-- package-example:end -->/;
const PACKAGE = 'aws-interview-labs';

let work: string;
let app: string;
let tarball: string;
let packed: { files: { path: string }[] };
let manifest: Record<string, any>;
const installed = () => path.join(app, 'node_modules', PACKAGE);

/** Where `npm` is: beside this node (a CI image may have no npm on PATH of the jest worker). */
const npmCli = () => {
  const beside = path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
  return fs.existsSync(beside) ? [process.execPath, beside] : ['npm'];
};

function link(name: string) {
  const target = path.join(ROOT, 'node_modules', name);
  if (!fs.existsSync(target)) return;
  const at = path.join(app, 'node_modules', name);
  fs.mkdirSync(path.dirname(at), { recursive: true });
  fs.symlinkSync(target, at, 'dir');
}

/** Runs node in the fresh app, recording every module file it loaded. */
function nodeInApp(args: string[], env: Record<string, string> = {}) {
  const loads = path.join(work, `loads-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  const { FORCE_COLOR: _colour, ...inherited } = process.env;
  const r = spawnSync(process.execPath, ['--require', path.join(app, 'record-loads.cjs'), ...args], {
    cwd: app,
    encoding: 'utf8',
    env: { ...inherited, LOADS_FILE: loads, CDK_VALIDATION: 'false', NO_COLOR: '1', ...env },
  });
  const loaded: string[] = fs.existsSync(loads) ? JSON.parse(fs.readFileSync(loads, 'utf8')) : [];
  return { ...r, loaded };
}

beforeAll(() => {
  work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'labs-package-')));
  const [npm, ...npmArgs] = npmCli();
  // `npm pack` runs prepack: the build, from a clean dist/.
  const out = execFileSync(npm, [...npmArgs, 'pack', '--json', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const [result] = JSON.parse(out.slice(out.indexOf('[')));
  packed = result;
  tarball = path.join(work, result.filename);

  app = path.join(work, 'fresh-app');
  fs.mkdirSync(path.join(installed()), { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', installed(), '--strip-components=1']);
  manifest = JSON.parse(fs.readFileSync(path.join(installed(), 'package.json'), 'utf8'));
  for (const name of [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {}), '@types/node']) link(name);
  fs.mkdirSync(path.join(app, 'node_modules', '.bin'));
  for (const [name, file] of Object.entries<string>(manifest.bin)) fs.symlinkSync(path.join('..', PACKAGE, file), path.join(app, 'node_modules', '.bin', name));

  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'fresh-app', private: true, dependencies: { [PACKAGE]: `file:${tarball}` } }, null, 2));
  fs.writeFileSync(
    path.join(app, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, skipLibCheck: true, outDir: 'out', types: ['node'] }, include: ['app.ts', 'typo.ts', 'deep.ts'] }),
  );
  fs.writeFileSync(path.join(app, 'app.ts'), README_EXAMPLE.exec(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'))![1]);
  fs.writeFileSync(path.join(app, 'record-loads.cjs'), "process.on('exit', () => require('node:fs').writeFileSync(process.env.LOADS_FILE, JSON.stringify(Object.keys(require.cache))));\n");
}, 300_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('the tarball', () => {
  test('holds the built library, the labs command and its CDK app, and no TypeScript source, test or script', () => {
    const files = packed.files.map((f) => f.path);
    const top = [...new Set(files.map((f) => (f.startsWith('dist/') ? f.split('/').slice(0, 2).join('/') : f)))].sort();
    expect(top).toEqual(['CHANGELOG.md', 'README.md', 'bin/app.cjs', 'bin/labs.cjs', 'bin/launch.cjs', 'cdk.json', 'dist/bin', 'dist/catalog', 'dist/labs', 'dist/lib', 'package.json']);
    const unexpected = files.filter((f) => f.startsWith('dist/') && !/\.(js|d\.ts)$/.test(f));
    expect(unexpected).toEqual([]);
    expect(files.filter((f) => /(^|\/)test\/|\.test\.|\/testing\/|scaffold-templates/.test(f) || (f.endsWith('.ts') && !f.endsWith('.d.ts')))).toEqual([]);
  });

  test('every Lambda handler folder ships byte for byte, with nothing added (it is the function asset)', () => {
    const files = execFileSync('git', ['ls-files', 'lib'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter((f) => /-handler\//.test(f));
    const folders = [...new Set(files.map((f) => f.slice(0, f.indexOf('-handler/') + '-handler'.length)))];
    expect(folders.length).toBeGreaterThanOrEqual(4);
    for (const file of files) {
      const shipped = path.join(installed(), 'dist', file);
      expect({ file, same: fs.existsSync(shipped) && fs.readFileSync(shipped).equals(fs.readFileSync(path.join(ROOT, file))) }).toEqual({ file, same: true });
    }
    for (const folder of folders) {
      const list = (dir: string) => fs.readdirSync(dir, { recursive: true }).map(String).sort();
      expect({ folder, files: list(path.join(installed(), 'dist', folder)) }).toEqual({ folder, files: list(path.join(ROOT, folder)) });
    }
  });

  test('aws-cdk-lib and constructs are peer dependencies, not dependencies; the CDK CLI an optional peer', () => {
    expect(manifest.peerDependencies).toEqual({ 'aws-cdk-lib': '^2.276.0', constructs: '^10.8.1', 'aws-cdk': '^2.1148.1' });
    expect(manifest.peerDependenciesMeta).toEqual({ 'aws-cdk': { optional: true } });
    expect(Object.keys(manifest.dependencies)).not.toEqual(expect.arrayContaining(['aws-cdk-lib']));
    expect(Object.keys(manifest.dependencies)).not.toContain('constructs');
    expect(Object.keys(manifest.dependencies)).not.toContain('tsx');
    // The lowest versions the peers allow are the ones this project is built and tested with.
    const own = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).devDependencies;
    for (const peer of ['aws-cdk-lib', 'constructs', 'aws-cdk']) expect(manifest.peerDependencies[peer]).toBe(`^${own[peer]}`);
  });
});

describe('a fresh CDK app with the tarball installed', () => {
  let synth: ReturnType<typeof nodeInApp>;
  let template: any;

  let diagnostics: string[];

  beforeAll(() => {
    // One compile of the README's example and two files that must not compile (tsc still emits
    // app.js; each file's errors are asserted below): a misspelt prop, and a deep import.
    fs.writeFileSync(path.join(app, 'typo.ts'), "import { Stack } from 'aws-cdk-lib';\nimport { QueueWithDeadLetterQueue } from 'aws-interview-labs';\nnew QueueWithDeadLetterQueue(new Stack(), 'Q', { maxRecieveCount: 5 });\n");
    fs.writeFileSync(path.join(app, 'deep.ts'), `import { synthLab } from '${PACKAGE}/dist/lib/lab-kit/testing';\nimport { LabStack, defineLab } from '${PACKAGE}/lab-kit';\nexport { synthLab, LabStack, defineLab };\n`);
    const tsc = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', app], { cwd: app, encoding: 'utf8' });
    diagnostics = `${tsc.stdout}${tsc.stderr}`.split('\n').filter((l) => /error TS\d+/.test(l));
    const outdir = path.join(work, 'cdk.out');
    synth = nodeInApp([path.join(app, 'out', 'app.js')], { CDK_OUTDIR: outdir });
    if (synth.status !== 0) throw new Error(`the README example does not synthesize:\n${synth.stderr}`);
    template = JSON.parse(fs.readFileSync(path.join(outdir, 'Orders.template.json'), 'utf8'));
  }, 120_000);

  test("the README's example compiles against the shipped declarations (module nodenext, strict); the only errors are the two planted", () => {
    expect(diagnostics.filter((d) => !/^(typo|deep)\.ts\(/.test(d))).toEqual([]);
  });

  const ofType = (type: string) => Object.values<any>(template.Resources).filter((r) => r.Type === type);

  test("the README's example synthesizes: the queue's redrive, the consumer's partial batch responses, Multi-AZ PostgreSQL", () => {
    const queues = ofType('AWS::SQS::Queue');
    expect(queues).toHaveLength(2);
    expect(queues.map((q) => q.Properties.RedrivePolicy?.maxReceiveCount).filter(Boolean)).toEqual([5]);
    expect(ofType('AWS::Lambda::EventSourceMapping')).toEqual([expect.objectContaining({ Properties: expect.objectContaining({ FunctionResponseTypes: ['ReportBatchItemFailures'] }) })]);
    expect(ofType('AWS::Lambda::Function').map((f) => f.Properties.Runtime)).toContain('nodejs24.x');
    expect(ofType('AWS::RDS::DBInstance')).toEqual([expect.objectContaining({ Properties: expect.objectContaining({ MultiAZ: true, Engine: 'postgres', DeletionProtection: true }), DeletionPolicy: 'Snapshot' })]);
  });

  test("the consumer's code is the shipped handler: the same asset hash as in this checkout", () => {
    const checkout = new Stack(new App({ context: cdkJsonContext() }), 'Checkout');
    new PartialBatchConsumer(checkout, 'Consumer');
    const key = (t: any) => Object.values<any>(t.Resources).find((r) => r.Type === 'AWS::Lambda::Function' && r.Properties.Runtime === 'nodejs24.x')?.Properties.Code.S3Key;
    const checkoutKey = key(App.of(checkout)!.synth().getStackByName('Checkout').template);
    expect(checkoutKey).toMatch(/^[0-9a-f]{64}\.zip$/);
    expect(key(template)).toBe(checkoutKey);
  });

  test('the app loads the package from its node_modules, none of this checkout, and none of the labs command (SDK clients, vega, cdk-nag)', () => {
    const outside = synth.loaded.filter((f) => !f.startsWith(`${app}${path.sep}`) && !f.startsWith(path.join(ROOT, 'node_modules') + path.sep));
    expect(outside).toEqual([]);
    expect(synth.loaded.filter((f) => f.startsWith(path.join(ROOT, 'node_modules', PACKAGE)))).toEqual([]);
    expect(synth.loaded).toContain(path.join(installed(), 'dist', 'lib', 'index.js'));
    const heavy = synth.loaded.filter((f) => /node_modules\/(@aws-sdk|@smithy|vega|vega-lite|cdk-nag|tsx)\//.test(f));
    expect(heavy).toEqual([]);
  });

  test('the types are the real ones: a misspelt prop is a compile error naming it', () => {
    expect(diagnostics.filter((d) => d.startsWith('typo.ts'))).toEqual([expect.stringMatching(/^typo\.ts\(3,\d+\): error TS\d+: .*'maxRecieveCount'/)]);
  });

  test('only the two entry points resolve: a deep import is refused by the exports map, at run time and by the compiler', () => {
    const entries = nodeInApp(['-e', `for (const e of ['${PACKAGE}', '${PACKAGE}/lab-kit']) require(e); try { require('${PACKAGE}/dist/lib/lab-kit/testing'); } catch (e) { console.log(e.code); }`]);
    expect({ status: entries.status, stdout: entries.stdout.trim(), stderr: entries.stderr }).toEqual({ status: 0, stdout: 'ERR_PACKAGE_PATH_NOT_EXPORTED', stderr: '' });
    // The kit's entry is CDK code too: none of the labs command's clients and renderers load with it.
    expect(entries.loaded.filter((f) => /node_modules\/(@aws-sdk|@smithy|vega|vega-lite|cdk-nag|tsx)\//.test(f))).toEqual([]);
    expect(diagnostics.filter((d) => d.startsWith('deep.ts'))).toEqual([expect.stringMatching(/^deep\.ts\(1,\d+\): error TS2307: Cannot find module 'aws-interview-labs\/dist\/lib\/lab-kit\/testing'/)]);
  });
});

describe("the package's labs command", () => {
  const labsWith = (env: Record<string, string>, ...args: string[]) => nodeInApp([path.join(app, 'node_modules', '.bin', 'labs'), ...args], { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', ...env });
  const labs = (...args: string[]) => labsWith({}, ...args);

  test('runs the built JavaScript (no tsx), reads its own cdk.json, and synthesizes every lab as the checkout does', () => {
    // `labs cost` synthesizes each lab: a file a stack reads at synth (a handler folder) missing
    // from the tarball fails here, and any difference in the templates shows in the prices.
    const r = labs('cost', '--json');
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    const checkout = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'labs.cjs'), 'cost', '--json'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CDK_VALIDATION: 'false' } });
    expect(checkout.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(checkout.stdout));
    expect(JSON.parse(r.stdout).labs.map((l: { lab: string }) => l.lab).sort()).toEqual(fs.readdirSync(path.join(ROOT, 'labs')).filter((d) => fs.existsSync(path.join(ROOT, 'labs', d, 'index.ts'))).sort());
    expect(r.loaded.filter((f) => /node_modules\/tsx\//.test(f))).toEqual([]);
    expect(r.loaded.filter((f) => !f.startsWith(`${app}${path.sep}`) && !f.startsWith(path.join(ROOT, 'node_modules') + path.sep))).toEqual([]);
    expect(r.loaded).toContain(path.join(installed(), 'dist', 'labs', 'sqs-dead-letter-queue', 'stack.js'));
  }, 120_000);

  test('check --offline synthesizes with validation and cdk-nag and passes; show and list read the shipped catalog and registry', () => {
    const offline = labsWith({ CDK_VALIDATION: 'true' }, 'check', '--offline', 'rds-multi-az-failover');
    expect({ status: offline.status, stderr: offline.stderr }).toEqual({ status: 0, stderr: '' });
    expect(offline.stdout).toMatch(/^rds-multi-az-failover \(offline: CloudFormation validation and cdk-nag passed, \d+\.\d s\)\n/);
    expect(offline.stdout).toMatch(/\n\n\d+ passed, 0 failed, 0 inconclusive, 0 errors, 0 skipped\n$/);
    const show = labs('show', 'B2.nat-gateway-serves-public-subnet');
    expect(show.status).toBe(0);
    expect(show.stdout.split('\n')[0]).toBe('B2.nat-gateway-serves-public-subnet [oversimplified]');
    const list = labs('list', '--json');
    expect(list.status).toBe(0);
    expect(list.stdout).toContain('sqs-dead-letter-queue');
  }, 120_000);

  test('labs new refuses in the installed package with one line; deploy without the CDK CLI says how to install it', () => {
    const made = labs('new', 'my-lab', '--questions=B6');
    expect([made.status, made.stderr.trim().split('\n').length]).toEqual([2, 1]);
    expect(made.stderr).toMatch(/^labs: labs new writes a lab into a checkout of the project, and .* has no labs\/index\.ts \(it is the installed package\): clone the repository to add a lab\n$/);
    const { cdkCliPath } = require('../../lib/lab-kit/cli/operate');
    expect(() => cdkCliPath(work)).toThrow(/^deploy, diff and destroy run the AWS CDK CLI, and none is installed here: npm install --save-dev aws-cdk@2\.1148\.1/);
    expect(cdkCliPath(ROOT)).toBe(path.join(ROOT, 'node_modules', 'aws-cdk', 'bin', 'cdk'));
  }, 60_000);
});
