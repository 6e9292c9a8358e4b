import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { EC2Client } from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expectEqual, type Judgement } from '../../lib/lab-kit/checks/judgement';
import { type LabDefinition, live, type Observation } from '../../lib/lab-kit/checks/lab-definition';
import { GUARDRAILS } from '../../lib/lab-kit/checks/guardrails';
import { runCli } from '../../lib/lab-kit/cli/cli';
import { addToRegistry } from '../../lib/lab-kit/cli/scaffold';
import { CATALOG } from '../../catalog';
import { natVsPublicIp } from '../../labs/nat-vs-public-ip';

const sts = mockClient(STSClient);
const cfn = mockClient(CloudFormationClient);
const ec2 = mockClient(EC2Client);

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err, text: () => out.join('\n'), errors: () => err.join('\n') };
}

const ok: Judgement = { observed: 'ok', method: 'template', expectations: [expectEqual('x', 1, 1)] };
const answer: Observation<number, 'Answer'> = { name: 'answer', outputs: ['Answer'], observe: async (ctx) => Number(ctx.outputs.Answer) };
// A lab with the nat-vs-public-ip stack and one live check on a claim the catalog says is oversimplified.
const demoLab: LabDefinition = {
  ...natVsPublicIp,
  checks: {
    'B2.nat-gateway-serves-public-subnet': {
      offline: () => ok,
      live: live(answer, (n: number) => ({ observed: `answer ${n}`, method: 'outputs', figures: [{ name: 'answer', value: n, unit: 'units' }], expectations: [expectEqual('the answer', 42, n)] })),
    },
  },
  liveOptions: [{ name: 'analyzer', description: 'x' }],
};
const env = (labs: LabDefinition[], io: ReturnType<typeof capture>['io'], extra: object = {}) => ({ labs, catalog: CATALOG, io, ...extra });

beforeEach(() => {
  sts.reset();
  cfn.reset();
  process.env.LAB_ACCOUNTS = '123456789012';
});
afterEach(() => delete process.env.LAB_ACCOUNTS);

function deployed(answer: string) {
  sts.on(GetCallerIdentityCommand).resolves({ Account: '123456789012', Arn: 'arn:aws:sts::123456789012:assumed-role/Admin/ana', UserId: 'AROA:ana' });
  cfn.on(DescribeStacksCommand).resolves({ Stacks: [{ StackName: 'nat-vs-public-ip', StackStatus: 'CREATE_COMPLETE', CreationTime: new Date(), Outputs: [{ OutputKey: 'Answer', OutputValue: answer }] }] });
}

test('no command prints help and exits 2; help exits 0', async () => {
  const c = capture();
  expect(await runCli([], env([natVsPublicIp], c.io))).toBe(2);
  expect(c.text()).toContain('  labs check [lab-id]');
  expect(await runCli(['help'], env([natVsPublicIp], capture().io))).toBe(0);
});

test('an unknown lab lists the known ones, without a stack trace', async () => {
  const c = capture();
  expect(await runCli(['show', 'nat-vs-publicip'], env([natVsPublicIp], c.io))).toBe(2);
  expect(c.errors()).toBe('labs: unknown lab or question "nat-vs-publicip" (did you mean nat-vs-public-ip?); labs: nat-vs-public-ip; questions: B1–B25, I1–I50, A1–A50, T1–T10');
  expect(await runCli(['check', 'nat-vs-publicip'], env([natVsPublicIp], c.io))).toBe(2);
  expect(c.err[1]).toBe('labs: unknown lab "nat-vs-publicip" (did you mean nat-vs-public-ip?); known labs: nat-vs-public-ip');
});

test('an unknown command and an unknown option get one line each', async () => {
  const c = capture();
  expect(await runCli(['deploi'], env([natVsPublicIp], c.io))).toBe(2);
  expect(await runCli(['list', '--jsn'], env([natVsPublicIp], c.io))).toBe(2);
  expect(c.err).toEqual([
    'labs: unknown command "deploi" (did you mean deploy?); commands: list, show, catalog, coverage, check, report, preflight, cost, deploy, diff, deployed, destroy, leftovers, watch-ttl, new, help (labs help)',
    'labs: unknown option --jsn for `labs list` (did you mean --json?); allowed: --json',
  ]);
});

test('list --json gives id, questions and price per hour', async () => {
  const c = capture();
  expect(await runCli(['list', '--json'], env([natVsPublicIp], c.io))).toBe(0);
  const { labs } = JSON.parse(c.text());
  expect(labs).toEqual([expect.objectContaining({ id: 'nat-vs-public-ip', questions: ['B2', 'B7', 'I4', 'I7', 'I13', 'I19'], hourlyUsd: expect.any(Number), claims: 11 })]);
  expect(labs[0].hourlyUsd).toBeLessThanOrEqual(0.1);
});

test('show lists every claim with its verdict and how it is checked, and how to run the lab: labs deploy first', async () => {
  const c = capture();
  expect(await runCli(['show', 'nat-vs-public-ip'], env([natVsPublicIp], c.io))).toBe(0);
  const lines = c.text().split('\n');
  expect(lines).toContain('B2.nat-gateway-serves-public-subnet            oversimplified                 live');
  expect(lines).toContain('I7.nat-lives-in-public-subnet                  outdated (changed 2025-11-19)  offline only');
  expect(lines).toContain('Each claim in full (seed, truth, sources): npx labs show <claim-id>, e.g. npx labs show B2.public-ip-reaches-internet');
  expect(lines).toContain('  npx labs deploy nat-vs-public-ip      preflight, AZ check, price and TTL, confirm, cdk deploy, outputs in .labs/');
  expect(lines).toContain('  npx labs check nat-vs-public-ip [--analyzer]');
  expect(lines).toContain('  npx labs destroy nat-vs-public-ip     cdk destroy, then a scan for leftovers');
  expect(lines[lines.length - 1]).toBe(
    '(Plain `npx cdk deploy <lab-id>` and `npx cdk destroy <lab-id>` work too, but skip preflight (account allowlist, root refusal), the bootstrap and AZ checks, the price, the TTL restart, the outputs file and the leftovers scan)',
  );
  expect(lines.length).toBeLessThanOrEqual(30);
});

test('check --offline synthesizes with validation and cdk-nag and runs every offline check', async () => {
  const c = capture();
  expect(await runCli(['check', '--offline', 'nat-vs-public-ip'], env([natVsPublicIp], c.io))).toBe(0);
  expect(c.text()).toMatch(/^nat-vs-public-ip \(offline: CloudFormation validation and cdk-nag passed, \d+\.\d s\)$/m);
  const checks = Object.keys(natVsPublicIp.checks).length + GUARDRAILS.length;
  expect(c.out[c.out.length - 1]).toBe(`\n${checks} passed, 0 failed, 0 inconclusive, 0 errors, 0 skipped`);
});

test('check --offline exits 1 when a check fails, naming the expectation, and --json reports it', async () => {
  const failing: LabDefinition = { ...natVsPublicIp, checks: { 'B2.nat-gateway-serves-public-subnet': { offline: () => ({ ...ok, expectations: [expectEqual('NAT gateway routes', 1, 0)] }) } } };
  const c = capture();
  expect(await runCli(['check', '--offline', '--json'], env([failing], c.io))).toBe(1);
  const report = JSON.parse(c.text());
  expect(report.summary).toEqual({ pass: GUARDRAILS.length, fail: 1, inconclusive: 0, error: 0, skipped: 0, synthErrors: 0 });
  expect(report.labs[0].results[0]).toMatchObject({ claim: 'B2.nat-gateway-serves-public-subnet', outcome: 'fail', summary: 'AWS did not behave as the truth says: NAT gateway routes: expected 1, saw 0' });
});

test('check --offline exits 4 when a check is inconclusive, and 3 when one cannot run', async () => {
  const inconclusive: LabDefinition = { ...natVsPublicIp, checks: { 'B2.nat-gateway-serves-public-subnet': { offline: () => ({ ...ok, preconditions: [{ what: 'a probe ran', met: false, actual: 'none' }] }) } } };
  const c = capture();
  expect(await runCli(['check', '--offline'], env([inconclusive], c.io))).toBe(4);
  expect(c.text()).toContain('INCONCLUSIVE B2.nat-gateway-serves-public-subnet');
  expect(c.text()).toContain('seed: oversimplified → inconclusive, the run did not exercise the behaviour: a probe ran (saw none)');
  const broken: LabDefinition = { ...natVsPublicIp, checks: { 'B2.nat-gateway-serves-public-subnet': { offline: () => { throw new Error('boom'); } } } };
  expect(await runCli(['check', '--offline'], env([broken], capture().io))).toBe(3);
});

test('check <lab> runs preflight, reads the outputs and reports live evidence', async () => {
  deployed('42');
  const c = capture();
  expect(await runCli(['check', 'nat-vs-public-ip', '--analyzer'], env([demoLab], c.io, { aws: { region: 'eu-west-1' } }))).toBe(0);
  expect(c.text()).toContain('PASS         B2.nat-gateway-serves-public-subnet');
  expect(c.text()).toContain('seed: oversimplified → refutes the seed (oversimplified)');
  expect(c.text()).toContain('figures: answer 42 units');
  expect(c.errors()).toContain('account 123456789012, region eu-west-1, as arn:aws:sts::123456789012:assumed-role/Admin/ana');
});

test('check <lab> exits 1 when AWS contradicts the truth', async () => {
  deployed('41');
  const c = capture();
  expect(await runCli(['check', 'nat-vs-public-ip', '--json'], env([demoLab], c.io, { aws: { region: 'eu-west-1' } }))).toBe(1);
  const block = JSON.parse(c.text()).labs[0];
  expect(block.results[0]).toMatchObject({ outcome: 'fail', reasons: ['the answer: expected 42, saw 41'], judgement: { observed: 'answer 41' } });
  expect(block.observations).toEqual([{ name: 'answer', outcome: 'observed', value: 41, durationMs: expect.any(Number) }]);
});

test('check <lab> refuses a non-allowlisted account before touching the stack', async () => {
  deployed('42');
  process.env.LAB_ACCOUNTS = '000000000000';
  const c = capture();
  expect(await runCli(['check', 'nat-vs-public-ip'], env([demoLab], c.io, { aws: { region: 'eu-west-1' } }))).toBe(2);
  expect(c.errors()).toMatch(/^labs: account 123456789012 is not allowed for labs/);
  expect(cfn).not.toHaveReceivedCommand(DescribeStacksCommand);
});

test('check <lab> rejects an unknown claim id before any AWS call', async () => {
  const c = capture();
  expect(await runCli(['check', 'nat-vs-public-ip', '--claim=B2.nope'], env([demoLab], c.io))).toBe(2);
  expect(c.errors()).toBe('labs: unknown claim B2.nope; claims of nat-vs-public-ip: B2.nat-gateway-serves-public-subnet');
  expect(sts).not.toHaveReceivedCommand(GetCallerIdentityCommand);
});

test('check <lab> refuses options the lab does not have', async () => {
  const c = capture();
  expect(await runCli(['check', 'nat-vs-public-ip', '--rate=5'], env([demoLab], c.io))).toBe(2);
  expect(c.errors()).toBe('labs: unknown option --rate for `labs check nat-vs-public-ip`; allowed: --offline, --json, --claim, --record, --keep-account, --analyzer');
});

test('preflight prints the identity', async () => {
  deployed('42');
  const c = capture();
  expect(await runCli(['preflight'], env([demoLab], c.io, { aws: { region: 'eu-west-1' } }))).toBe(0);
  expect(c.text()).toBe('account 123456789012\narn     arn:aws:sts::123456789012:assumed-role/Admin/ana\nregion  eu-west-1\nallowed yes: labs may be deployed and checked here');
});

test('cost --json prices the template and names the dominant item', async () => {
  const c = capture();
  expect(await runCli(['cost', 'nat-vs-public-ip', '--json'], env([natVsPublicIp], c.io))).toBe(0);
  const { labs } = JSON.parse(c.text());
  expect(labs[0]).toMatchObject({ lab: 'nat-vs-public-ip', budgetUsd: 0.1, dominant: { what: 'NAT gateway' }, region: 'us-east-1' });
  expect(labs[0].daily).toBeCloseTo(labs[0].hourly * 24, 9);
});

describe('labs new', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'labs-new-'));
    fs.mkdirSync(path.join(root, 'labs'));
    fs.writeFileSync(path.join(root, 'labs', 'index.ts'), fs.readFileSync(path.join(__dirname, '..', '..', 'labs', 'index.ts'), 'utf8'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  test('scaffolds a lab for the catalog claims of its questions and adds one registry line', async () => {
    const c = capture();
    expect(await runCli(['new', 'ec2-basics-demo', '--questions=B6,i10'], env([natVsPublicIp], c.io, { root }))).toBe(0);
    const dir = path.join(root, 'labs', 'ec2-basics-demo');
    expect(fs.readdirSync(dir).sort()).toEqual(['README.md', 'checks.ts', 'facts.ts', 'index.ts', 'outputs.ts', 'stack.ts', 'test']);
    const ids = CATALOG.filter((e) => ['B6', 'I10'].includes(e.id)).flatMap((e) => e.claims).filter((cl) => !cl.conceptual).map((cl) => cl.id);
    const checks = fs.readFileSync(path.join(dir, 'checks.ts'), 'utf8');
    for (const id of ids) expect(checks).toContain(`'${id}': { offline: () => notWritten('${id}') },`);
    expect(fs.readFileSync(path.join(dir, 'README.md'), 'utf8')).toContain(`| \`${ids[0]}\` |`);
    const registry = fs.readFileSync(path.join(root, 'labs', 'index.ts'), 'utf8');
    expect(registry).toContain("import { ec2BasicsDemo } from './ec2-basics-demo';");
    expect(registry).toMatch(/export const LABS: readonly LabDefinition\[\] = \[[^\]]*, ec2BasicsDemo\];/);
    expect(c.text()).toContain('The lab fails `npm test` until each check, failing case, output and README section is written');
  });

  test('what it writes type-checks against the kit as it is (the scaffold cannot drift from the API)', async () => {
    const project = path.join(__dirname, '..', '..');
    for (const link of ['lib', 'catalog', 'node_modules']) fs.symlinkSync(path.join(project, link), path.join(root, link), 'dir');
    fs.writeFileSync(
      path.join(root, 'tsconfig.json'),
      JSON.stringify({ extends: path.join(project, 'tsconfig.json'), compilerOptions: { typeRoots: [path.join(project, 'node_modules', '@types')] }, include: ['labs/**/*.ts'] }),
    );
    expect(await runCli(['new', 'demo-scaffold', '--questions=B6'], env([natVsPublicIp], capture().io, { root }))).toBe(0);
    const tsc = spawnSync(process.execPath, [path.join(project, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', root], { encoding: 'utf8' });
    expect(`${tsc.stdout}${tsc.stderr}`.split('\n').filter((l) => l.includes('demo-scaffold'))).toEqual([]);
  }, 60_000);

  test('refuses a bad id, an existing lab and unknown questions, writing nothing', async () => {
    const c = capture();
    expect(await runCli(['new', 'Bad_Id', '--questions=B6'], env([natVsPublicIp], c.io, { root }))).toBe(2);
    expect(await runCli(['new', 'nat-vs-public-ip', '--questions=B6'], env([natVsPublicIp], c.io, { root }))).toBe(2);
    expect(await runCli(['new', 'demo-lab', '--questions=B6,Z9'], env([natVsPublicIp], c.io, { root }))).toBe(2);
    expect(c.err).toEqual([
      'labs: lab id: received "Bad_Id"; allowed: kebab-case, e.g. s3-buckets-and-objects',
      'labs: lab nat-vs-public-ip already exists',
      'labs: --questions: received "B6,Z9"; allowed: question ids, comma-separated (B1–B25, I1–I50, A1–A50, T1–T10)',
    ]);
    expect(fs.readdirSync(path.join(root, 'labs'))).toEqual(['index.ts']);
  });

  test('addToRegistry appends the import and the list entry', () => {
    const registry = "import type { LabDefinition } from '../lib/lab-kit/checks/lab-definition';\nimport { a } from './a';\n\nexport const LABS: readonly LabDefinition[] = [a];\n";
    expect(addToRegistry(registry, 'b-lab')).toBe("import type { LabDefinition } from '../lib/lab-kit/checks/lab-definition';\nimport { a } from './a';\nimport { bLab } from './b-lab';\n\nexport const LABS: readonly LabDefinition[] = [a, bLab];\n");
  });
});

describe('the command table', () => {
  test('help, parsing and dispatch come from one table: every command in help, every option in its help', async () => {
    const { COMMANDS } = await import('../../lib/lab-kit/cli/cli');
    const c = capture();
    expect(await runCli(['help'], env([demoLab], c.io))).toBe(0);
    for (const spec of COMMANDS) {
      expect(c.text()).toContain(`  labs ${spec.name}`);
      const h = capture();
      expect(await runCli(['help', spec.name], env([demoLab], h.io))).toBe(0);
      for (const [name, o] of Object.entries(spec.options)) expect(h.text()).toContain(o.type === 'string' ? (o.optionalValue ? `--${name}[=${o.value}]` : `--${name}=${o.value}`) : `--${name}`);
      const same = capture();
      expect(await runCli([spec.name, '--help'], env([demoLab], same.io))).toBe(0);
      expect(same.text()).toBe(h.text());
    }
  });

  // It synthesizes the lab as a deploy does: seconds on a loaded machine, beyond jest's 5 s default.
  test('--ttl 2h (a space) is read as --ttl=2h', async () => {
    deployed('42');
    // No call leaves the machine: EC2 (the AZ and quota checks) answers empty.
    ec2.reset();
    ec2.onAnyCommand().resolves({});
    const calls: string[][] = [];
    cfn.on(DescribeStacksCommand, { StackName: 'CDKToolkit' }).resolves({ Stacks: [{ StackName: 'CDKToolkit', StackStatus: 'CREATE_COMPLETE', CreationTime: new Date() }] });
    const c = capture();
    const code = await runCli(['deploy', 'nat-vs-public-ip', '--ttl', '2h', '--yes', '--azs', 'eu-west-1a,eu-west-1b'], env([natVsPublicIp], c.io, { aws: { region: 'eu-west-1' }, runCdk: async (a: string[]) => (calls.push(a), 0) }));
    // EC2 answers empty, so the AZ check may refuse: what matters is that both values were read.
    expect(code === 0 ? calls[0] : c.errors()).not.toContain('needs a value');
    if (code === 0) expect(calls[0]).toEqual(expect.arrayContaining(['ttl=2h', 'labs:azs=eu-west-1a,eu-west-1b']));
  }, 60_000);

  test('a value given to a flag, a repeated option, a short option and a second lab are refused', async () => {
    const c = capture();
    const e = env([demoLab], c.io);
    expect(await runCli(['check', 'nat-vs-public-ip', '--analyzer=yes'], e)).toBe(2);
    expect(await runCli(['check', '--offline', '--json', '--json'], e)).toBe(2);
    expect(await runCli(['list', '-j'], e)).toBe(2);
    expect(await runCli(['cost', 'nat-vs-public-ip', 'nat-vs-public-ip'], e)).toBe(2);
    expect(await runCli(['check', '--offline', 'nat-vs-public-ip', '--analyzer'], e)).toBe(2);
    expect(c.err).toEqual([
      'labs: --analyzer takes no value: write --analyzer, not --analyzer=yes',
      'labs: --json is given twice; give it once',
      'labs: unknown option -j: options are written --name or --name=value (`labs help list`)',
      'labs: `labs cost` takes at most 1 argument ([lab-id]); received 2: nat-vs-public-ip nat-vs-public-ip',
      'labs: unknown option --analyzer for `labs check`; allowed: --offline, --json, --claim, --record, --keep-account',
    ]);
    expect(sts).not.toHaveReceivedCommand(GetCallerIdentityCommand);
  });
});

describe('output fitted to the terminal', () => {
  const tty = (columns: number) => {
    const c = capture();
    return { ...c, io: { ...c.io, columns, color: true } };
  };

  test('labs list, labs catalog and labs help fit 80 columns; piped, lines are not wrapped', async () => {
    for (const argv of [['list'], ['catalog'], ['help'], ['help', 'check'], ['show', 'B2'], ['show', 'nat-vs-public-ip']]) {
      const c = tty(80);
      expect(await runCli(argv, env([natVsPublicIp], c.io))).toBe(0);
      const long = c.text().split('\n').filter((l) => l.replace(/\x1b\[[0-9;]*m/g, '').length > 80 && !/https?:\/\/\S{60,}/.test(l));
      expect({ argv, long }).toEqual({ argv, long: [] });
    }
    const piped = capture();
    expect(await runCli(['show', 'B2'], env([natVsPublicIp], piped.io))).toBe(0);
    expect(piped.text()).toContain('3. B2.nat-gateway-serves-public-subnet [oversimplified] the seed says: An instance in a public subnet that lacks a public IP can use a NAT gateway');
  });

  test('check --offline on a terminal: colour, each lab with its time, a summary table with the total', async () => {
    const c = tty(100);
    const statuses: string[] = [];
    const io = { ...c.io, status: (t: string) => statuses.push(t) };
    expect(await runCli(['check', '--offline'], env([natVsPublicIp, { ...natVsPublicIp, id: 'nat-copy' } as LabDefinition], io))).toBe(0);
    expect(statuses).toEqual([
      '[1/2] nat-vs-public-ip: synthesizing with CloudFormation validation and cdk-nag, then the offline checks...',
      '',
      '[2/2] nat-copy: synthesizing with CloudFormation validation and cdk-nag, then the offline checks...',
      '',
    ]);
    expect(c.text()).toContain('\x1b[32mPASS        \x1b[39m B2.public-ip-reaches-internet');
    expect(c.text()).toMatch(/\x1b\[1mnat-vs-public-ip \(offline: CloudFormation validation and cdk-nag passed, \d+\.\d s\)\x1b\[22m/);
    const summary = c.out[c.out.length - 2].split('\n');
    expect(summary[1]).toBe('LAB               PASS  FAIL  INCONCLUSIVE  ERROR  SKIP  TIME');
    expect(summary[summary.length - 1]).toMatch(/^total             \d+ +0 +0 +0 +0 +\d+\.\d s$/);
  }, 60_000);
});

test('labs catalog names the lab a question is planned for', async () => {
  const c = capture();
  expect(await runCli(['catalog'], env([natVsPublicIp], c.io))).toBe(0);
  const b20 = c.text().split('\n').find((l) => l.startsWith('B20 '));
  expect(b20).toMatch(/ planned: cloudwatch-ec2-metrics; claims: \d+ holds, \d+ oversimplified$/);
});
