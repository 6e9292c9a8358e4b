/**
 * The two programs a user runs, started as a user starts them in a checkout: `npx labs`
 * (bin/labs.cjs) and the CDK app (bin/app.ts through tsx, as cdk.json's bin/app.cjs starts it; the
 * installed package's are tested in test/package). Unit tests call the CLI in-process, where
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
  return labsWith({}, ...args);
}

/** `npx labs` with these environment variables (undefined removes one); no AWS credentials or region of the machine leak in. */
function labsWith(vars: Record<string, string | undefined>, ...args: string[]) {
  const base: Record<string, string | undefined> = { ...env, AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined, AWS_PROFILE: undefined, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined, LAB_ACCOUNTS: undefined, NO_COLOR: undefined, FORCE_COLOR: undefined, AWS_EC2_METADATA_DISABLED: 'true' };
  const merged = Object.fromEntries(Object.entries({ ...base, ...vars }).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv;
  return spawnSync(process.execPath, [path.join(ROOT, 'bin', 'labs.cjs'), ...args], { cwd: ROOT, encoding: 'utf8', env: merged });
}

/** Fake keys and an STS endpoint on this machine: the call fails as it does on a laptop without network, and nothing leaves the machine. */
const OFFLINE_AWS = { LAB_ACCOUNTS: '123456789012', AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'not-a-real-secret' };

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

describe('the CLI a person meets, through npx labs', () => {
  test('AWS out of reach is one line with exit 5, not "a bug": DNS and a refused connection', () => {
    const dns = labsWith({ ...OFFLINE_AWS, AWS_ENDPOINT_URL_STS: 'https://sts.example.invalid' }, 'check', 'sqs-dead-letter-queue', '--claim', 'I12.poison-moves-after-max-receive-count');
    expect({ status: dns.status, stderr: dns.stderr }).toEqual({
      status: 5,
      stderr: 'labs: cannot reach AWS: sts.example.invalid does not resolve (ENOTFOUND after 6 attempts); check your network connection, VPN or DNS and that us-east-1 is the Region you meant\n',
    });
    const refused = labsWith({ ...OFFLINE_AWS, AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' }, 'preflight');
    expect({ status: refused.status, stderr: refused.stderr }).toEqual({
      status: 5,
      stderr: 'labs: cannot reach AWS: the connection to 127.0.0.1:9 failed (ECONNREFUSED after 6 attempts); check your network connection, VPN, proxy (HTTPS_PROXY) or firewall\n',
    });
  }, 60_000);

  test('input is checked before the region, the credentials or any AWS call', () => {
    const cases: [string[], Record<string, string>, string][] = [
      [['check', 'sqs-dead-letter-queue', '--claim', 'I12.nope'], {}, `labs: unknown claim I12.nope; claims of sqs-dead-letter-queue: ${Object.keys(LABS.find((l) => l.id === 'sqs-dead-letter-queue')!.checks).join(', ')}`],
      [['deploy', 'sqs-dead-letter-queue', '--ttl', '5m'], {}, 'labs: --ttl: received "5m"; allowed: a duration such as 90m, 4h, 2h30m or 1d, from 30m to 72h (default 4h)'],
      [['deploy', 'sqs-dead-letter-queue', '--ttl'], {}, 'labs: --ttl needs a value: --ttl=<duration>'],
      [['list', '--json=yes'], {}, 'labs: --json takes no value: write --json, not --json=yes'],
      [['check', 'sqs-dead-letter-queue', 'alb-blue-green'], {}, 'labs: `labs check` takes at most 1 argument ([lab-id]); received 2: sqs-dead-letter-queue alb-blue-green'],
      [['preflight'], { LAB_ACCOUNTS: '12345,123456789012' }, 'labs: LAB_ACCOUNTS: received "12345,123456789012"; "12345" is not an account id; allowed: 12-digit AWS account ids, comma-separated (e.g. 123456789012)'],
      [['check', 'sqs-dead-letter-queue', '--skip-async=yes'], {}, 'labs: --skip-async takes no value: write --skip-async, not --skip-async=yes'],
      [['check', 'alb-blue-green', '--rate', 'fast'], {}, ''],
    ];
    for (const [args, vars, message] of cases) {
      const r = labsWith(vars, ...args);
      expect({ args, status: r.status }).toEqual({ args, status: 2 });
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      if (message) expect(r.stderr.trim()).toBe(message);
    }
    expect(labsWith({}, 'check', 'alb-blue-green', '--rate', 'fast').stderr.trim()).toBe('labs: --rate: received "fast"; allowed: an integer from 1 to 50 requests/s');
  }, 120_000);

  test('region and profile: what was found and what is wrong with it', () => {
    const spaced = labsWith({ AWS_REGION: 'us east 1' }, 'preflight');
    expect([spaced.status, spaced.stderr.trim()]).toEqual([2, 'labs: AWS_REGION is "us east 1", which is not a Region name: use one like us-east-1 or eu-west-1 (`aws account list-regions` lists yours)']);
    const typo = labsWith({ AWS_DEFAULT_REGION: 'mars-1' }, 'preflight');
    expect([typo.status, typo.stderr.trim()]).toEqual([2, 'labs: AWS_DEFAULT_REGION is "mars-1", which is not a Region name: use one like us-east-1 or eu-west-1 (`aws account list-regions` lists yours)']);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'labs-aws-'));
    fs.writeFileSync(path.join(dir, 'config'), '[default]\nregion = eu-west-1\n\n[profile dev]\nregion = eu-west-1\n');
    const nope = labsWith({ AWS_PROFILE: 'nope', AWS_CONFIG_FILE: path.join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials') }, 'preflight');
    expect([nope.status, nope.stderr.trim()]).toEqual([
      6,
      `labs: AWS_PROFILE is "nope", but neither ${path.join(dir, 'config')} nor ${path.join(dir, 'credentials')} has that profile (profiles there: default, dev): fix AWS_PROFILE, or create it with \`aws configure --profile nope\` or \`aws configure sso\``,
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
    const none = labsWith({}, 'preflight');
    expect([none.status, none.stderr.trim()]).toEqual([2, 'labs: no AWS region: AWS_REGION and AWS_DEFAULT_REGION are not set and profile "default" has no region in /nonexistent; `export AWS_REGION=us-east-1`, or `aws configure set region us-east-1`']);
    const noKeys = labsWith({ AWS_DEFAULT_REGION: 'eu-west-1', LAB_ACCOUNTS: '123456789012' }, 'preflight');
    expect([noKeys.status, noKeys.stderr.trim()]).toEqual([6, 'labs: no AWS credentials found: run `aws configure` or `aws sso login`, or set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)']);
  }, 60_000);

  test('help per command lists every option with its value form; misspellings get "did you mean"', () => {
    const help = labs('help', 'check');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('  --claim=<claim-id>[,<claim-id>...]  live: check only these claims of the lab (labs show <lab-id> lists them)\n');
    expect(help.stdout).toContain('  alb-blue-green --rate=<n>');
    expect(labs('check', '--help').stdout).toBe(help.stdout);
    expect(labs('help', 'deploy').stdout).toContain('  --ttl=<duration>');
    const typo = labs('deplyo', 'sqs-dead-letter-queue');
    expect([typo.status, typo.stderr]).toEqual([2, 'labs: unknown command "deplyo" (did you mean deploy?); commands: list, show, catalog, coverage, check, report, preflight, cost, deploy, diff, deployed, destroy, leftovers, watch-ttl, new, help (labs help)\n']);
    const lab = labs('show', 'sqs-dead-leter-queue');
    expect(lab.stderr).toMatch(/^labs: unknown lab or question "sqs-dead-leter-queue" \(did you mean sqs-dead-letter-queue\?\)/);
    const claim = labs('show', 'b2.nat-gateway-serves-publc-subnet');
    expect([claim.status, claim.stderr]).toEqual([2, 'labs: unknown claim "b2.nat-gateway-serves-publc-subnet" (did you mean B2.nat-gateway-serves-public-subnet?); `labs show B2` lists the claims of a question\n']);
    const general = labs('help');
    for (const code of ['0', '1', '2', '3', '4', '5', '6', '7', '8', '70']) expect(general.stdout).toMatch(new RegExp(`^  ${code} +\\S`, 'm'));
  }, 60_000);

  test('labs show takes a claim id, several ids, and --json', () => {
    const claim = labs('show', 'B2.nat-gateway-serves-public-subnet');
    expect(claim.status).toBe(0);
    expect(claim.stdout.split('\n').slice(0, 2)).toEqual(['B2.nat-gateway-serves-public-subnet [oversimplified]', expect.stringMatching(/^question B2 \(beginner, networking\): /)]);
    expect(claim.stdout).toContain('  check it:  npx labs deploy nat-vs-public-ip && npx labs check nat-vs-public-ip --claim=B2.nat-gateway-serves-public-subnet\n');
    const both = labs('show', 'B2', 'I12');
    expect(both.status).toBe(0);
    expect(both.stdout).toMatch(/^B2 \(beginner/);
    expect(both.stdout).toMatch(/\n\nI12 \(intermediate/);
    const json = JSON.parse(labs('show', 'sqs-dead-letter-queue', '--json').stdout);
    expect(json.lab).toMatchObject({ id: 'sqs-dead-letter-queue', liveOptions: [{ name: 'skip-async', form: '--skip-async' }] });
    expect(json.claims[0]).toMatchObject({ id: expect.any(String), verdict: expect.any(String), live: expect.any(Boolean) });
  }, 60_000);

  test('check --offline: each lab as it finishes with its time, a summary, plain text when piped, colour when forced', () => {
    const piped = labs('check', '--offline', 'sqs-dead-letter-queue');
    expect(piped.status).toBe(0);
    expect(piped.stdout).not.toMatch(/\x1b\[/);
    expect(piped.stdout).toMatch(/^sqs-dead-letter-queue \(offline: CloudFormation validation and cdk-nag passed, \d+\.\d s\)\n/);
    expect(piped.stdout).toMatch(/\n\n\d+ passed, 0 failed, 0 inconclusive, 0 errors, 0 skipped\n$/);
    const forced = labsWith({ FORCE_COLOR: '1' }, 'check', '--offline', 'sqs-dead-letter-queue');
    expect(forced.stdout).toContain('\x1b[32mPASS        \x1b[39m');
    expect(labsWith({ FORCE_COLOR: '1', NO_COLOR: '1' }, 'check', '--offline', 'sqs-dead-letter-queue').stdout).not.toMatch(/\x1b\[/);
  }, 120_000);
});

test('the CDK app refuses invalid context with one line: -c ttl=abc', () => {
  const r = app({ 'labs:select': 'sqs-dead-letter-queue', ttl: 'abc' });
  expect(r.status).toBe(1);
  expect(r.stderr.trim()).toBe('labs app: -c ttl: received "abc"; allowed: a duration such as 90m, 4h, 2h30m or 1d, from 30m to 72h (default 4h)');
  const cidr = app({ 'labs:select': 'alb-blue-green', 'labs:ingressCidr': '10.0.0.300/8' });
  expect(cidr.stderr.trim()).toBe('labs app: -c labs:ingressCidr: received "10.0.0.300/8"; allowed: one IPv4 CIDR, e.g. 203.0.113.7/32');
}, 60_000);

test('the README lists every exit code of `labs help`, with the same meaning', () => {
  const { EXIT_CODES } = require('../lib/lab-kit/core/errors');
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  for (const e of EXIT_CODES as { code: number; meaning: string }[]) expect(readme).toContain(`| ${e.code} | ${e.meaning} |`);
});
