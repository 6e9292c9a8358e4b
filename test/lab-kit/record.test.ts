import { CloudFormationClient, DescribeStacksCommand, GetTemplateCommand } from '@aws-sdk/client-cloudformation';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expectEqual, type Judgement } from '../../lib/lab-kit/checks/judgement';
import { type LabDefinition, live, type Observation } from '../../lib/lab-kit/checks/lab-definition';
import { runCli } from '../../lib/lab-kit/cli/cli';
import { runFileName } from '../../lib/lab-kit/cli/record';
import { REDACTED_ACCOUNT, redactString, redactValue } from '../../lib/lab-kit/record/redact';
import { buildRunRecord, readRunRecord, RUN_FORMAT, RUN_RECORD_VERSION } from '../../lib/lab-kit/record/run-record';
import { canonicalJson, templateHash } from '../../lib/lab-kit/record/template-hash';
import { CATALOG } from '../../catalog';
import { natVsPublicIp } from '../../labs/nat-vs-public-ip';

const sts = mockClient(STSClient);
const cfn = mockClient(CloudFormationClient);
const ACCOUNT = '123456789012';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err, text: () => out.join('\n'), errors: () => err.join('\n') };
}

const ok: Judgement = { observed: 'ok', method: 'template', expectations: [expectEqual('x', 1, 1)] };
// An observation that carries account data the way real ones do: a queue URL and an ARN.
const queue: Observation<{ url: string; arn: string; count: number }, 'Answer'> = {
  name: 'queue',
  outputs: ['Answer'],
  observe: async (ctx) => ({ url: `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/lab-queue`, arn: `arn:aws:sqs:eu-west-1:${ACCOUNT}:lab-queue`, count: Number(ctx.outputs.Answer) }),
};
const recordingLab: LabDefinition = {
  ...natVsPublicIp,
  checks: {
    'B2.nat-gateway-serves-public-subnet': {
      offline: () => ok,
      live: live(queue, (q: { count: number }) => ({ observed: `count ${q.count}`, method: 'outputs', figures: [{ name: 'count', value: q.count, unit: 'messages' }], expectations: [expectEqual('the count', 42, q.count)] })),
    },
  },
};
const env = (io: ReturnType<typeof capture>['io']) => ({ labs: [recordingLab], catalog: CATALOG, io, aws: { region: 'eu-west-1' } });

let dir: string;
beforeEach(() => {
  sts.reset();
  cfn.reset();
  process.env.LAB_ACCOUNTS = ACCOUNT;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'labs-runs-'));
  sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT, Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Admin/ana`, UserId: 'AROA:ana' });
  cfn.on(DescribeStacksCommand).resolves({ Stacks: [{ StackName: 'nat-vs-public-ip', StackStatus: 'CREATE_COMPLETE', CreationTime: new Date(), Outputs: [{ OutputKey: 'Answer', OutputValue: '42' }] }] });
  // GetTemplate's TemplateBody is a string (API reference, GetTemplate).
  cfn.on(GetTemplateCommand).resolves({ TemplateBody: JSON.stringify({ Resources: { Queue: { Type: 'AWS::SQS::Queue' } } }), StagesAvailable: ['Original', 'Processed'] });
});
afterEach(() => {
  delete process.env.LAB_ACCOUNTS;
  fs.rmSync(dir, { recursive: true, force: true });
});

const onlyFile = () => {
  const files = fs.readdirSync(dir);
  expect(files).toHaveLength(1);
  return path.join(dir, files[0]);
};

describe('labs check <lab> --record', () => {
  test('writes one JSON run: format, version, lab, kit version, template hash, region, observations, results, timings; the account redacted, and says so', async () => {
    const c = capture();
    expect(await runCli(['check', 'nat-vs-public-ip', `--record=${dir}`], env(c.io))).toBe(0);
    const file = onlyFile();
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain(ACCOUNT);
    const run = readRunRecord(text);
    expect(run).toMatchObject({
      format: RUN_FORMAT,
      schemaVersion: RUN_RECORD_VERSION,
      lab: 'nat-vs-public-ip',
      kitVersion: '0.1.0',
      templateHash: templateHash({ Resources: { Queue: { Type: 'AWS::SQS::Queue' } } }),
      region: 'eu-west-1',
      redaction: { account: 'redacted' },
      options: {},
    });
    expect(run.observations).toEqual([
      { name: 'queue', outcome: 'observed', value: { url: `https://sqs.eu-west-1.amazonaws.com/${REDACTED_ACCOUNT}/lab-queue`, arn: `arn:aws:sqs:eu-west-1:${REDACTED_ACCOUNT}:lab-queue`, count: 42 }, durationMs: expect.any(Number) },
    ]);
    expect(run.results).toEqual([
      expect.objectContaining({ claim: 'B2.nat-gateway-serves-public-subnet', outcome: 'pass', reasons: [], figures: [{ name: 'count', value: 42, unit: 'messages' }], observed: 'count 42', expectations: [{ what: 'the count', expected: '42', actual: '42', met: true }], preconditions: [] }),
    ]);
    expect(Date.parse(run.endedAt)).toBeGreaterThanOrEqual(Date.parse(run.startedAt));
    expect(c.text()).toContain(`recorded the run in ${file} (account id and the account field of every ARN redacted; --keep-account keeps them)`);
    expect(cfn).toHaveReceivedCommandWith(GetTemplateCommand, { StackName: 'nat-vs-public-ip', TemplateStage: 'Original' });
  });

  test('--keep-account keeps the account, and says so; --record <dir> takes the directory as its value', async () => {
    const c = capture();
    expect(await runCli(['check', 'nat-vs-public-ip', '--record', dir, '--keep-account'], env(c.io))).toBe(0);
    const run = readRunRecord(fs.readFileSync(onlyFile(), 'utf8'));
    expect(run.redaction).toEqual({ account: 'kept' });
    expect(JSON.stringify(run.observations)).toContain(`arn:aws:sqs:eu-west-1:${ACCOUNT}:lab-queue`);
    expect(c.text()).toContain('account id KEPT');
  });

  test('a template that cannot be read is recorded as such (the results do not depend on it)', async () => {
    cfn.on(GetTemplateCommand).rejects(Object.assign(new Error('User is not authorized to perform: cloudformation:GetTemplate'), { name: 'AccessDenied' }));
    expect(await runCli(['check', 'nat-vs-public-ip', `--record=${dir}`], env(capture().io))).toBe(0);
    const run = readRunRecord(fs.readFileSync(onlyFile(), 'utf8'));
    expect(run.templateHash).toBeNull();
    expect(run.templateHashError).toBe('GetTemplate: User is not authorized to perform: cloudformation:GetTemplate');
  });

  test('--record with --offline, --keep-account without --record, and --record= with no directory are refused before any AWS call', async () => {
    const c = capture();
    expect(await runCli(['check', '--offline', '--record'], env(c.io))).toBe(2);
    expect(await runCli(['check', 'nat-vs-public-ip', '--keep-account'], env(c.io))).toBe(2);
    expect(await runCli(['check', 'nat-vs-public-ip', '--record='], env(c.io))).toBe(2);
    expect(c.err).toEqual([
      'labs: --record records a live run (labs check <lab-id> --record); --offline runs nothing to record',
      'labs: --keep-account is for --record: labs check <lab-id> --record --keep-account',
      'labs: --record needs a value after =: --record[=<dir>]',
    ]);
    expect(sts).not.toHaveReceivedCommand(GetCallerIdentityCommand);
  });
});

describe('redaction', () => {
  test('the account field of every ARN, whoever owns it, and the caller\'s account wherever it stands; nothing else', () => {
    expect(redactString('arn:aws:iam::210987654321:role/x and arn:aws-cn:sqs:cn-north-1:123456789012:q', ACCOUNT)).toBe(`arn:aws:iam::${REDACTED_ACCOUNT}:role/x and arn:aws-cn:sqs:cn-north-1:${REDACTED_ACCOUNT}:q`);
    expect(redactString(`https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/q`, ACCOUNT)).toBe(`https://sqs.us-east-1.amazonaws.com/${REDACTED_ACCOUNT}/q`);
    // An S3 ARN has no account field; a longer number that contains the id is not the id.
    expect(redactString('arn:aws:s3:::bucket-1234567890123 id 1123456789012', ACCOUNT)).toBe('arn:aws:s3:::bucket-1234567890123 id 1123456789012');
    expect(redactValue({ n: 1795442530000, list: [`${ACCOUNT}`], [`arn:aws:sns:us-east-1:${ACCOUNT}:t`]: true }, ACCOUNT)).toEqual({ n: 1795442530000, list: [REDACTED_ACCOUNT], [`arn:aws:sns:us-east-1:${REDACTED_ACCOUNT}:t`]: true });
  });
});

describe('the recorded-run format', () => {
  const valid = () => JSON.parse(JSON.stringify(buildRunRecord({ lab: 'x', kitVersion: '0.1.0', templateHash: null, region: 'eu-west-1', startedAtMs: 0, endedAtMs: 1000, options: {}, observations: [], results: [] })));

  test('a record the kit builds reads back as itself', () => {
    expect(readRunRecord(JSON.stringify(valid()))).toEqual(valid());
  });

  test.each([
    ['not JSON', '{"format":', /^run\.json is not JSON \(/],
    ['JSON that is no run', '[1,2]', /^run\.json is JSON but not a recorded run: its "format" is \[1,2\]; allowed: "aws-interview-labs\/run"/],
    ['an unknown schema version', JSON.stringify({ ...valid(), schemaVersion: 99 }), /^run\.json has schemaVersion 99, which this kit does not read; allowed: 1, 2/],
    ['an outcome that is none of the five', JSON.stringify({ ...valid(), results: [{ claim: 'B2.x', question: 'B2', mode: 'live', outcome: 'maybe', summary: '', reasons: [], figures: [], durationMs: 1, expectations: [], preconditions: [] }] }), /^run\.json is not a valid version-2 run: results\.0\.outcome: expected one of pass, fail, inconclusive, error, skipped, got "maybe"$/],
    ['an observed observation without its value', JSON.stringify({ ...valid(), observations: [{ name: 'q', outcome: 'observed', durationMs: 1 }] }), /observations\.0\.value: expected the observed value, got nothing/],
    ['an expectation whose met is not a boolean (version 2)', JSON.stringify({ ...valid(), results: [{ claim: 'B2.x', question: 'B2', mode: 'live', outcome: 'pass', summary: '', reasons: [], figures: [], durationMs: 1, expectations: [{ what: 'w', expected: 'e', actual: 'a', met: 'yes' }], preconditions: [] }] }), /results\.0\.expectations\.0\.met: expected true or false, got "yes"/],
    ['a figure without a number', JSON.stringify({ ...valid(), results: [{ claim: 'B2.x', question: 'B2', mode: 'live', outcome: 'pass', summary: '', reasons: [], figures: [{ name: 'f', value: '3', unit: 's' }], durationMs: 1, expectations: [], preconditions: [] }] }), /results\.0\.figures\.0\.value: expected a number, got "3"/],
  ])('refuses %s in one line saying what is wrong', (_what, text, message) => {
    expect(() => readRunRecord(text, 'run.json')).toThrow(message);
  });

  test('a version-1 run (no evidence) is refused nothing a version-1 run lacks, and is read upgraded to the current version', () => {
    const v1 = { ...valid(), schemaVersion: 1, results: [{ claim: 'B2.x', question: 'B2', mode: 'live', outcome: 'pass', summary: 's', reasons: [], figures: [], durationMs: 1 }] };
    const read = readRunRecord(JSON.stringify(v1));
    expect(read).toMatchObject({ schemaVersion: RUN_RECORD_VERSION, upgradedFrom: 1 });
    expect(read.results[0]).toEqual({ claim: 'B2.x', question: 'B2', mode: 'live', outcome: 'pass', summary: 's', reasons: [], figures: [], durationMs: 1, expectations: [], preconditions: [] });
    // The same result without evidence is not a version-2 result.
    expect(() => readRunRecord(JSON.stringify({ ...v1, schemaVersion: 2 }), 'run.json')).toThrow(/results\.0\.expectations: expected a list, got nothing/);
  });

  test('the file name sorts by time and has no colon', () => {
    expect(runFileName('sqs-dead-letter-queue', Date.parse('2026-12-02T13:45:07.123Z'))).toBe('sqs-dead-letter-queue-2026-12-02T13-45-07Z.json');
  });

  test('the template hash does not depend on key order or white space', () => {
    expect(canonicalJson({ b: [1, { d: 2, c: 3 }], a: 'x' })).toBe('{"a":"x","b":[1,{"c":3,"d":2}]}');
    expect(templateHash(JSON.parse('{ "b": 1, "a": 2 }'))).toBe(templateHash({ a: 2, b: 1 }));
  });
});
