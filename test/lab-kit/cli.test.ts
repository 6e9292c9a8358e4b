import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import type { Claim } from '../../lib/lab-kit/checks/claim';
import { runCli } from '../../lib/lab-kit/cli/cli';
import type { LabDefinition } from '../../lib/lab-kit/checks/lab-definition';
import { natVsPublicIp } from '../../labs/nat-vs-public-ip';

const sts = mockClient(STSClient);
const cfn = mockClient(CloudFormationClient);

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err, text: () => out.join('\n'), errors: () => err.join('\n') };
}

const liveClaim: Claim = {
  id: 'B2.demo-live',
  question: 'B2',
  says: 'demo',
  verdict: 'wrong',
  truth: { statement: 'demo truth', sources: [{ title: 'Doc', url: 'https://docs.aws.amazon.com/' }] },
  offline: () => ({ passed: true, observed: 'ok', method: 'template' }),
  live: async (ctx) => ({ passed: ctx.outputs.Answer === '42', observed: `answer ${ctx.outputs.Answer}`, method: 'outputs', figures: [{ name: 'answer', value: Number(ctx.outputs.Answer), unit: 'units' }] }),
};
const demoLab: LabDefinition = { ...natVsPublicIp, claims: [liveClaim], liveOptions: [{ name: 'analyzer', description: 'x' }] };

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
  expect(await runCli([], { labs: [natVsPublicIp], io: c.io })).toBe(2);
  expect(c.text()).toContain('labs check --offline');
  expect(await runCli(['help'], { labs: [natVsPublicIp], io: capture().io })).toBe(0);
});

test('an unknown lab lists the known ones, without a stack trace', async () => {
  const c = capture();
  expect(await runCli(['show', 'nat-vs-publicip'], { labs: [natVsPublicIp], io: c.io })).toBe(2);
  expect(c.errors()).toBe('labs: unknown lab or question "nat-vs-publicip"; labs: nat-vs-public-ip; questions: B1–B25, I1–I50, A1–A50, T1–T10');
  expect(await runCli(['check', 'nat-vs-publicip'], { labs: [natVsPublicIp], io: c.io })).toBe(2);
  expect(c.err[1]).toBe('labs: unknown lab "nat-vs-publicip"; known labs: nat-vs-public-ip');
});

test('an unknown command and an unknown option get one line each', async () => {
  const c = capture();
  expect(await runCli(['deploi'], { labs: [natVsPublicIp], io: c.io })).toBe(2);
  expect(await runCli(['list', '--jsn'], { labs: [natVsPublicIp], io: c.io })).toBe(2);
  expect(c.err).toEqual([
    'labs: unknown command "deploi"; commands: list, show, check, preflight, cost, deploy, deployed, destroy, leftovers, watch-ttl, catalog, coverage (labs help)',
    'labs: unknown option --jsn for `labs list`; allowed: --json',
  ]);
});

test('list --json gives id, questions and price per hour', async () => {
  const c = capture();
  expect(await runCli(['list', '--json'], { labs: [natVsPublicIp], io: c.io })).toBe(0);
  const { labs } = JSON.parse(c.text());
  expect(labs).toEqual([expect.objectContaining({ id: 'nat-vs-public-ip', questions: ['B2', 'B7', 'I7', 'I13'], hourlyUsd: expect.any(Number), claims: 9 })]);
  expect(labs[0].hourlyUsd).toBeLessThanOrEqual(0.1);
});

test('show prints every claim with its verdict, truth and source, and how to run it', async () => {
  const c = capture();
  expect(await runCli(['show', 'nat-vs-public-ip'], { labs: [natVsPublicIp], io: c.io })).toBe(0);
  const text = c.text();
  expect(text).toContain('B2.nat-gateway-serves-public-subnet  [wrong]');
  expect(text).toContain('I7.nat-lives-in-public-subnet  [outdated]  (offline only)');
  expect(text).toContain('(changed 2025-11-19)');
  expect(text).toContain('source:    NAT gateways <https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html>');
  expect(text).toContain('npx labs check nat-vs-public-ip [--analyzer]');
});

test('check --offline synthesizes with validation and cdk-nag and runs every offline check', async () => {
  const c = capture();
  expect(await runCli(['check', '--offline', 'nat-vs-public-ip'], { labs: [natVsPublicIp], io: c.io })).toBe(0);
  expect(c.text()).toContain('nat-vs-public-ip (offline: CloudFormation validation and cdk-nag passed)');
  expect(c.out[c.out.length - 1]).toBe('\n13 passed, 0 failed, 0 errors');
});

test('check --offline exits 1 when a check fails, and --json reports it', async () => {
  const failing: LabDefinition = { ...natVsPublicIp, claims: [{ ...liveClaim, offline: () => ({ passed: false, observed: 'nope', method: 'template' }) }] };
  const c = capture();
  expect(await runCli(['check', '--offline', '--json'], { labs: [failing], io: c.io })).toBe(1);
  const report = JSON.parse(c.text());
  expect(report.summary).toEqual({ passed: 4, failed: 1, errors: 0, skipped: 0, synthErrors: 0 });
  expect(report.labs[0].results[0]).toMatchObject({ claim: 'B2.demo-live', status: 'fail', outcome: 'AWS did not behave as the truth says: investigate' });
});

test('check <lab> runs preflight, reads the outputs and reports live evidence', async () => {
  deployed('42');
  const c = capture();
  expect(await runCli(['check', 'nat-vs-public-ip', '--analyzer'], { labs: [demoLab], io: c.io, aws: { region: 'eu-west-1' } })).toBe(0);
  expect(c.text()).toContain('PASS  B2.demo-live');
  expect(c.text()).toContain('seed: wrong → refutes the seed (wrong)');
  expect(c.text()).toContain('figures: answer 42 units');
  expect(c.errors()).toContain('account 123456789012, region eu-west-1, as arn:aws:sts::123456789012:assumed-role/Admin/ana');
});

test('check <lab> exits 1 when AWS contradicts the truth', async () => {
  deployed('41');
  const c = capture();
  expect(await runCli(['check', 'nat-vs-public-ip', '--json'], { labs: [demoLab], io: c.io, aws: { region: 'eu-west-1' } })).toBe(1);
  expect(JSON.parse(c.text()).labs[0].results[0]).toMatchObject({ status: 'fail', evidence: { observed: 'answer 41' } });
});

test('check <lab> refuses a non-allowlisted account before touching the stack', async () => {
  deployed('42');
  process.env.LAB_ACCOUNTS = '000000000000';
  const c = capture();
  expect(await runCli(['check', 'nat-vs-public-ip'], { labs: [demoLab], io: c.io, aws: { region: 'eu-west-1' } })).toBe(2);
  expect(c.errors()).toMatch(/^labs: account 123456789012 is not allowed for labs/);
  expect(cfn).not.toHaveReceivedCommand(DescribeStacksCommand);
});

test('check <lab> refuses options the lab does not have', async () => {
  const c = capture();
  expect(await runCli(['check', 'nat-vs-public-ip', '--rate=5'], { labs: [demoLab], io: c.io })).toBe(2);
  expect(c.errors()).toBe('labs: unknown option --rate for `labs check`; allowed: --json, --claim, --analyzer');
});

test('preflight prints the identity', async () => {
  deployed('42');
  const c = capture();
  expect(await runCli(['preflight'], { labs: [demoLab], io: c.io, aws: { region: 'eu-west-1' } })).toBe(0);
  expect(c.text()).toBe('account 123456789012\narn     arn:aws:sts::123456789012:assumed-role/Admin/ana\nregion  eu-west-1\nallowed yes: labs may be deployed and checked here');
});

test('cost --json prices the template and names the dominant item', async () => {
  const c = capture();
  expect(await runCli(['cost', 'nat-vs-public-ip', '--json'], { labs: [natVsPublicIp], io: c.io })).toBe(0);
  const { labs } = JSON.parse(c.text());
  expect(labs[0]).toMatchObject({ lab: 'nat-vs-public-ip', budgetUsd: 0.1, dominant: { what: 'NAT gateway' }, region: 'us-east-1' });
  expect(labs[0].daily).toBeCloseTo(labs[0].hourly * 24, 9);
});
