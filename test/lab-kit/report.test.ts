import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../lib/lab-kit/cli/cli';
import { readRunRecord } from '../../lib/lab-kit/record/run-record';
import { CATALOG } from '../../catalog';
import { LABS } from '../../labs';

const ROOT = path.join(__dirname, '..', '..');
const BEFORE_CHANGE = path.join(ROOT, 'test', 'fixtures', 'runs', 'sqs-dead-letter-queue-before-fc941f2.json');
const example = (lab: string) => path.join(ROOT, 'labs', lab, 'test', 'fixtures', 'example-run.json');

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err, text: () => out.join('\n'), errors: () => err.join('\n') };
}
const env = (io: ReturnType<typeof capture>['io']) => ({ labs: LABS, catalog: CATALOG, io });

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'labs-report-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
};

describe('labs report <run.json>', () => {
  test('a run recorded before a check change reports where today\'s verdict differs (sqs-dead-letter-queue before fc941f2: T2 and the function-DLQ claim offline only since)', async () => {
    const c = capture();
    expect(await runCli(['report', BEFORE_CHANGE], env(c.io))).toBe(0);
    const text = c.text();
    expect(text).toMatch(/^EXAMPLE: an example, not a real run: /);
    expect(text).toContain('3 difference(s) from the recorded judgement:');
    expect(text).toContain('  T2.dlq-is-an-ordinary-queue: outcome\n      recorded: PASS: refutes the seed (oversimplified)');
    expect(text).toContain('      today:    SKIPPED: skipped: not checkable live (offline only)');
    expect(text).toContain('  I12.sqs-failure-skips-function-dlq: outcome');
    expect(text).toContain('  I12.async-retries-then-destination: same outcome, other figures');
  });

  test('--json gives the run, the recorded and today\'s results and the differences', async () => {
    const c = capture();
    expect(await runCli(['report', BEFORE_CHANGE, '--json'], env(c.io))).toBe(0);
    const out = JSON.parse(c.text());
    // Recorded in version 1, read upgraded: the older format stays readable.
    expect(out.run).toMatchObject({ lab: 'sqs-dead-letter-queue', schemaVersion: 2, upgradedFrom: 1 });
    expect(out.run.observations).toBeUndefined();
    expect(out.differences.map((d: { claim: string; kind: string }) => [d.claim, d.kind])).toEqual([
      ['T2.dlq-is-an-ordinary-queue', 'outcome'],
      ['I12.sqs-failure-skips-function-dlq', 'outcome'],
      ['I12.async-retries-then-destination', 'figures'],
    ]);
    expect(out.summary).toEqual({ pass: 4, fail: 0, inconclusive: 0, error: 0, skipped: 2 });
  });

  // The labs whose timelines the report plots record an example run (issue 13); a lab without timelines may have none yet.
  test.each(LABS.filter((l) => l.timelines || fs.existsSync(example(l.id))).map((l) => l.id))('the example run of %s is judged today as it was recorded: no difference', async (lab) => {
    const c = capture();
    expect(await runCli(['report', example(lab)], env(c.io))).toBe(0);
    expect(c.text()).toContain("no difference: today's checks judge the recorded observations as the run did");
  });

  test('an observation that contradicts the truth fails today, exit 1, and the difference names the claim', async () => {
    const run = JSON.parse(fs.readFileSync(example('nat-vs-public-ip'), 'utf8'));
    const egress = run.observations.find((o: { name: string }) => o.name === 'egress-public-no-ip');
    egress.value.probes.PublicNoIp = { ...egress.value.probes.PublicNoIp, reached: true, offline: false, egressIp: '198.51.100.7' };
    const c = capture();
    expect(await runCli(['report', write('contradicted.json', JSON.stringify(run))], env(c.io))).toBe(1);
    expect(c.text()).toContain('  B2.public-subnet-without-public-ip-is-offline: outcome\n      recorded: PASS');
    expect(c.text()).toMatch(/today: {4}FAIL: AWS did not behave as the truth says/);
  });

  test.each([
    ['a missing file', () => path.join(dir, 'nope.json'), /^labs: no run file .*nope\.json: give the path of a file `labs check <lab> --record` wrote/],
    ['a file that is not JSON', () => write('text.json', 'hello'), /^labs: .*text\.json is not JSON \(/],
    ['JSON that is not a run', () => write('other.json', '{"a":1}'), /^labs: .*other\.json is JSON but not a recorded run: its "format" is nothing; allowed: "aws-interview-labs\/run"/],
    ['an unknown lab', () => write('lab.json', JSON.stringify({ ...readRunRecord(fs.readFileSync(example('nat-vs-public-ip'), 'utf8')), lab: 'nat-vs-public-ipp' })), /^labs: .*lab\.json is a run of lab "nat-vs-public-ipp", which this checkout does not have \(did you mean nat-vs-public-ip\?\); labs: /],
    ['an unknown schema version', () => write('v9.json', JSON.stringify({ ...JSON.parse(fs.readFileSync(example('nat-vs-public-ip'), 'utf8')), schemaVersion: 9 })), /^labs: .*v9\.json has schemaVersion 9, which this kit does not read; allowed: 1, 2/],
  ])('%s is one clear line, exit 2', async (_what, file, message) => {
    const c = capture();
    expect(await runCli(['report', file()], env(c.io))).toBe(2);
    expect(c.err).toHaveLength(1);
    expect(c.errors()).toMatch(message);
    expect(c.out).toEqual([]);
  });
});
