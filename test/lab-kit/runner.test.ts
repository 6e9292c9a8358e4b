import { decisive, deriveOutcome, expectAtLeast, expectBetween, expectEqual, expectThat, type Judgement, requires } from '../../lib/lab-kit/checks/judgement';
import { CheckSkipped, defineLab, type LabDefinition, live, type Observation, observationsOf, observationsOfLab, questionsOf } from '../../lib/lab-kit/checks/lab-definition';
import { exitCodeOf, judgeRecorded, type LiveRun, runLiveChecks, runOfflineChecks, summaryOf } from '../../lib/lab-kit/checks/runner';
import { defineOutputs } from '../../lib/lab-kit/core/outputs';

const judgement = (expectations: Judgement['expectations'], preconditions: Judgement['preconditions'] = []): Judgement => ({ observed: 'seen', method: 'test', expectations, preconditions });
const PASS = judgement([expectEqual('receives', 3, 3)]);
const verdicts: Record<string, 'holds' | 'wrong'> = { 'B1.a': 'holds', 'B1.b': 'wrong', 'B1.c': 'holds', 'I2.d': 'holds' };
const claims = (id: string) => (verdicts[id] ? { verdict: verdicts[id] } : undefined);

function lab(checks: LabDefinition['checks'], outputs = {}): LabDefinition {
  return defineLab({ id: 'demo-lab', title: 't', deployTime: '1 minute', hourlyBudgetUsd: 0.1, stack: async () => { throw new Error('not built in these tests'); }, outputs, facts: () => ({}), checks });
}

function run(outputs: Record<string, string> = {}, options: Record<string, string | boolean> = {}): LiveRun & { log: string[] } {
  const log: string[] = [];
  return { labId: 'demo-lab', outputs, aws: { region: 'us-east-1' }, options, progress: (m) => void log.push(m), sleep: async () => {}, now: () => 0, log };
}

describe('the kit derives the outcome from what a check states', () => {
  test('every expectation met: pass', () => {
    expect(deriveOutcome(PASS)).toEqual({ outcome: 'pass', reasons: [] });
  });

  test('an unmet expectation: fail, naming what was expected and what was seen', () => {
    const j = judgement([expectEqual('receives before the dead-letter queue', 3, 4), expectThat('the good message was processed', true, 'yes: 1 receive')]);
    expect(deriveOutcome(j)).toEqual({ outcome: 'fail', reasons: ['receives before the dead-letter queue: expected 3, saw 4'] });
  });

  test('an unmet precondition: inconclusive, even when expectations fail too (the run proves nothing)', () => {
    const j = judgement([expectEqual('receives', 3, 4)], [requires('both messages in one invocation', false, '2 invocations')]);
    expect(deriveOutcome(j)).toEqual({ outcome: 'inconclusive', reasons: ['both messages in one invocation (saw 2 invocations)'] });
  });

  test('a decisive expectation that is not met fails the check even when a precondition is unmet: what was seen contradicts the truth', () => {
    const j = judgement([decisive(expectEqual('HTTP errors from the load balancer', 0, 3)), expectEqual('responses', 120, 90)], [requires('every request answered', false, '30 timed out')]);
    expect(deriveOutcome(j)).toEqual({ outcome: 'fail', reasons: ['HTTP errors from the load balancer: expected 0, saw 3'] });
    const met = judgement([decisive(expectEqual('HTTP errors from the load balancer', 0, 0)), expectEqual('responses', 120, 90)], [requires('every request answered', false, '30 timed out')]);
    expect(deriveOutcome(met).outcome).toBe('inconclusive');
  });

  test('no expectation at all: error, so nothing passes vacuously', () => {
    expect(deriveOutcome(judgement([])).outcome).toBe('error');
    expect(deriveOutcome(undefined as unknown as Judgement).outcome).toBe('error');
  });

  test('numeric expectations treat a missing value as unmet', () => {
    expect(expectAtLeast('gap', 30, undefined, 's')).toEqual({ what: 'gap', expected: 'at least 30 s', actual: 'none', met: false });
    expect(expectBetween('wait', 45, 90, 61, 's')).toEqual({ what: 'wait', expected: '45 to 90 s', actual: '61 s', met: true });
    expect(expectEqual('ids', ['a'], ['a']).met).toBe(true);
  });
});

describe('summary lines say what an outcome means for the seed, and only a pass confirms or refutes it', () => {
  test.each([
    ['holds', 'pass', 'confirms the seed'],
    ['wrong', 'pass', 'refutes the seed (wrong)'],
    ['wrong', 'fail', 'AWS did not behave as the truth says: x: expected 1, saw 2'],
    ['wrong', 'inconclusive', 'inconclusive, the run did not exercise the behaviour: x: expected 1, saw 2'],
    ['holds', 'error', 'check could not run: boom'],
  ] as const)('%s + %s', (verdict, outcome, line) => {
    expect(summaryOf(verdict, outcome, ['x: expected 1, saw 2'], outcome === 'error' ? 'boom' : undefined)).toBe(line);
  });
});

test('a pass says what the run did not exercise, when the check states it', () => {
  expect(summaryOf('holds', 'pass', [], undefined, 'RDS detecting a failure by itself')).toBe('confirms the seed, as far as this run exercised it (not exercised: RDS detecting a failure by itself)');
  expect(summaryOf('holds', 'fail', ['x: expected 1, saw 2'], undefined, 'anything')).toBe('AWS did not behave as the truth says: x: expected 1, saw 2');
});

test('offline: a check that throws is an error; facts are read once; guardrails have no verdict', () => {
  let factsRead = 0;
  const demo = { ...lab({ 'B1.a': { offline: () => { throw new Error('boom'); } }, 'B1.b': { offline: () => PASS } }), facts: () => ({ n: ++factsRead }) };
  const results = runOfflineChecks(demo, {}, claims, [{ id: 'kit.demo', check: () => PASS }]);
  expect(results.map((r) => [r.claim, r.outcome, r.summary])).toEqual([
    ['B1.a', 'error', 'check could not run: boom'],
    ['B1.b', 'pass', 'refutes the seed (wrong)'],
    ['kit.demo', 'pass', 'guardrail holds'],
  ]);
  expect(factsRead).toBe(1);
});

test('offline: facts that cannot be read make every check an error, not a pass', () => {
  const demo = { ...lab({ 'B1.a': { offline: () => PASS } }), facts: () => { throw new Error('no queue'); } };
  expect(runOfflineChecks(demo, {}, claims).map((r) => [r.outcome, r.error])).toEqual([['error', 'the template facts could not be read: no queue']]);
});

describe('live runs', () => {
  const OUTPUTS = defineOutputs({ QueueUrl: 'the queue', TopicArn: 'the topic' });
  const observe = observationsOf(OUTPUTS);

  test('each observation runs once per run and gets only the outputs it declared; checks judge it purely', async () => {
    let calls = 0;
    const seen: string[][] = [];
    const queue = observe({ name: 'queue', outputs: ['QueueUrl'], observe: async (ctx) => { calls++; seen.push(Object.keys(ctx.outputs)); return { receives: 3 }; } });
    const judge = (o: { receives: number }) => judgement([expectEqual('receives', 3, o.receives)]);
    const demo = lab({ 'B1.a': { offline: () => PASS, live: live(queue, judge) }, 'B1.c': { offline: () => PASS, live: live(queue, judge) }, 'B1.b': { offline: () => PASS } }, OUTPUTS);
    const r = run({ QueueUrl: 'https://q', TopicArn: 'arn:t' });
    const { results, observations } = await runLiveChecks(demo, r, claims);
    expect(results.map((x) => [x.claim, x.outcome])).toEqual([['B1.a', 'pass'], ['B1.c', 'pass'], ['B1.b', 'skipped']]);
    expect(calls).toBe(1);
    expect(seen).toEqual([['QueueUrl']]);
    expect(observations).toEqual([{ name: 'queue', outcome: 'observed', value: { receives: 3 }, durationMs: expect.any(Number) }]);
    expect(r.log).toEqual(['checking B1.a', 'checking B1.c']);
  });

  test('a failed observation turns only its own checks into errors; a missing output is named', async () => {
    const broken = observe({ name: 'broken', outputs: ['TopicArn'], observe: async () => ({}) });
    const fine = observe({ name: 'fine', outputs: ['QueueUrl'], observe: async () => ({}) });
    const demo = lab({ 'B1.a': { offline: () => PASS, live: live(broken, () => PASS) }, 'B1.c': { offline: () => PASS, live: live(fine, () => PASS) } }, OUTPUTS);
    const { results } = await runLiveChecks(demo, run({ QueueUrl: 'https://q' }), claims);
    expect(results.map((x) => [x.claim, x.outcome, x.error])).toEqual([
      ['B1.a', 'error', 'observation broken: stack demo-lab has no output TopicArn: redeploy it with `npx labs deploy demo-lab`'],
      ['B1.c', 'pass', undefined],
    ]);
    expect(exitCodeOf(results)).toBe(3);
  });

  // describeAwsError's sets: AccessDenied / UnauthorizedOperation are denials (exit 7), Throttling is throttled (exit 8).
  test('an observation AWS denied keeps exit 7 when every error is that; mixed troubles are 3', async () => {
    const denied = observe({ name: 'denied', outputs: [], observe: async () => { throw Object.assign(new Error('User: arn:aws:iam::123456789012:user/ana is not authorized to perform: elasticloadbalancing:ModifyListener'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }); } });
    const throttled = observe({ name: 'throttled', outputs: [], observe: async () => { throw Object.assign(new Error('Rate exceeded'), { name: 'Throttling', $metadata: { httpStatusCode: 400, attempts: 3 } }); } });
    const one = lab({ 'B1.a': { offline: () => PASS, live: live(denied, () => PASS) }, 'B1.c': { offline: () => PASS, live: live(denied, () => PASS) } }, OUTPUTS);
    const { results } = await runLiveChecks(one, run(), claims);
    expect(results.map((x) => [x.outcome, x.exitCode])).toEqual([['error', 7], ['error', 7]]);
    expect(exitCodeOf(results)).toBe(7);
    const mixed = lab({ 'B1.a': { offline: () => PASS, live: live(denied, () => PASS) }, 'B1.c': { offline: () => PASS, live: live(throttled, () => PASS) } }, OUTPUTS);
    expect(exitCodeOf((await runLiveChecks(mixed, run(), claims)).results)).toBe(3);
  });

  test('an observation the user skipped skips its checks, and --claim runs only the named ones', async () => {
    const skipped = observe({ name: 'slow', outputs: [], observe: async () => { throw new CheckSkipped('on request (--skip-slow)'); } });
    const demo = lab({ 'B1.a': { offline: () => PASS, live: live(skipped, () => PASS) }, 'B1.c': { offline: () => PASS, live: live(skipped, () => PASS) } }, OUTPUTS);
    const { results, observations } = await runLiveChecks(demo, run(), claims, ['B1.c']);
    expect(results.map((x) => [x.claim, x.outcome, x.summary])).toEqual([['B1.c', 'skipped', 'skipped: on request (--skip-slow)']]);
    expect(observations.map((o) => o.outcome)).toEqual(['skipped']);
    expect(exitCodeOf(results)).toBe(0);
  });

  test('a recorded run is judged again without AWS, with today\'s checks', async () => {
    const queue: Observation<{ receives: number }> = observe({ name: 'queue', outputs: ['QueueUrl'], observe: async () => ({ receives: 4 }) });
    const strict = lab({ 'B1.a': { offline: () => PASS, live: live(queue, (o) => judgement([expectEqual('receives', 3, o.receives)])) } }, OUTPUTS);
    const { observations } = await runLiveChecks(strict, run({ QueueUrl: 'https://q' }), claims);
    const recorded = JSON.parse(JSON.stringify(observations));
    expect(judgeRecorded(strict, recorded, claims).map((x) => x.outcome)).toEqual(['fail']);
    const fixed = lab({ 'B1.a': { offline: () => PASS, live: live(queue, (o) => judgement([expectAtLeast('receives', 3, o.receives)])) } }, OUTPUTS);
    expect(judgeRecorded(fixed, recorded, claims).map((x) => x.outcome)).toEqual(['pass']);
    expect(judgeRecorded(fixed, [], claims).map((x) => x.error)).toEqual(['observation queue is not in the record']);
  });

  test('observations a lab needs include those they use', () => {
    const base = observe({ name: 'base', outputs: ['QueueUrl'], observe: async () => 1 });
    const top = observe({ name: 'top', outputs: [], uses: [base], observe: async (ctx) => (await ctx.observe(base)) + 1 });
    expect(observationsOfLab(lab({ 'B1.a': { offline: () => PASS, live: live(top, () => PASS) } })).map((o) => o.name)).toEqual(['top', 'base']);
  });
});

test('exit codes: fail 1, error 3 (or its AWS trouble\'s code), inconclusive 4, else 0', () => {
  const r = (outcome: any) => ({ outcome }) as any;
  expect(exitCodeOf([r('pass'), r('skipped')])).toBe(0);
  expect(exitCodeOf([r('inconclusive'), r('pass')])).toBe(4);
  expect(exitCodeOf([r('inconclusive'), r('error')])).toBe(3);
  expect(exitCodeOf([r('error'), r('fail')])).toBe(1);
  expect(exitCodeOf([{ outcome: 'error', exitCode: 8 } as any, r('inconclusive')])).toBe(8);
  expect(exitCodeOf([{ outcome: 'error', exitCode: 8 } as any, r('error')])).toBe(3);
});

test('defineLab refuses a bad id, claim ids not of the catalog form, and no checks, in one message', () => {
  expect(() => defineLab({ ...lab({ 'B1.a': { offline: () => PASS } }), id: 'Demo_Lab', checks: { 'b1.A': { offline: () => PASS } } })).toThrow(
    'lab Demo_Lab: id: received "Demo_Lab"; allowed: kebab-case (lowercase letters, digits, single hyphens); checks: received claim id "b1.A"; allowed: <question>.<kebab-slug>, e.g. B2.public-ip-reaches-internet',
  );
  expect(questionsOf({ checks: { 'I2.d': { offline: () => PASS }, 'B1.a': { offline: () => PASS }, 'I2.e': { offline: () => PASS } } })).toEqual(['B1', 'I2']);
});

test('defineLab takes a budget of zero (a lab of free services) and refuses a negative or non-finite one', () => {
  expect(defineLab({ ...lab({ 'B1.a': { offline: () => PASS } }), hourlyBudgetUsd: 0 }).hourlyBudgetUsd).toBe(0);
  expect(() => defineLab({ ...lab({ 'B1.a': { offline: () => PASS } }), hourlyBudgetUsd: -0.01 })).toThrow('hourlyBudgetUsd: received -0.01; allowed: zero or a positive number of USD');
  expect(() => defineLab({ ...lab({ 'B1.a': { offline: () => PASS } }), hourlyBudgetUsd: Number.NaN })).toThrow('hourlyBudgetUsd: received NaN');
});

test('an observation may read only the observations it names in `uses`', async () => {
  const OUTPUTS = defineOutputs({ QueueUrl: 'the queue' });
  const observe = observationsOf(OUTPUTS);
  const base = observe({ name: 'base', outputs: [], observe: async () => 1 });
  const sneaky = observe({ name: 'sneaky', outputs: [], observe: async (ctx) => ctx.observe(base) });
  const demo = lab({ 'B1.a': { offline: () => PASS, live: live(sneaky, () => PASS) } }, OUTPUTS);
  const { results } = await runLiveChecks(demo, run(), claims);
  expect(results.map((r) => r.error)).toEqual(['observation sneaky: observation sneaky reads base without naming it in `uses`']);
});
