import { CheckSkipped, type Claim, type Evidence } from '../../lib/lab-kit/checks/claim';
import type { LabDefinition } from '../../lib/lab-kit/checks/lab-definition';
import { LabStack } from '../../lib/lab-kit/stack/lab-stack';
import { allPassed, createMemo, outcomeOf, runLiveChecks, runOfflineChecks } from '../../lib/lab-kit/checks/runner';
import { fakeLiveContext } from '../../lib/lab-kit/checks/testing';

const ok: Evidence = { passed: true, observed: 'fine', method: 'test' };
const base = { question: 'B1', says: 's', truth: { statement: 't', sources: [{ title: 'x', url: 'https://docs.aws.amazon.com/' }] } };

function lab(claims: Claim[]): LabDefinition {
  return { id: 'demo-lab', title: 't', questions: ['B1'], stack: LabStack, claims, deployTime: '1 minute', hourlyBudgetUsd: 0.1 };
}

test('a check that throws is an error, never a pass', async () => {
  const claims: Claim[] = [
    { ...base, id: 'B1.throws', verdict: 'holds', offline: () => { throw new Error('boom'); } },
    { ...base, id: 'B1.no-evidence', verdict: 'holds', offline: () => undefined as unknown as Evidence },
    { ...base, id: 'B1.fine', verdict: 'wrong', offline: () => ok },
  ];
  const results = await runOfflineChecks(lab(claims), {});
  expect(results.map((r) => [r.claim, r.status, r.error])).toEqual([
    ['B1.throws', 'error', 'boom'],
    ['B1.no-evidence', 'error', 'the check returned no evidence'],
    ['B1.fine', 'pass', undefined],
  ]);
  expect(allPassed(results)).toBe(false);
  expect(results[2].outcome).toBe('refutes the seed (wrong)');
});

test('claims without a live check are skipped live, and skipping does not fail a run', async () => {
  const claims: Claim[] = [
    { ...base, id: 'B1.offline-only', verdict: 'outdated', offline: () => ok },
    { ...base, id: 'B1.live', verdict: 'holds', offline: () => ok, live: async () => ok },
  ];
  const ctx = fakeLiveContext();
  const results = await runLiveChecks(lab(claims), ctx);
  expect(results.map((r) => [r.claim, r.status, r.outcome])).toEqual([
    ['B1.offline-only', 'skipped', 'not checkable live'],
    ['B1.live', 'pass', 'confirms the seed'],
  ]);
  expect(allPassed(results)).toBe(true);
  expect(ctx.progressLog).toEqual(['checking B1.live']);
});

test('a failed check says AWS did not behave as the truth says', () => {
  expect(outcomeOf('holds', 'fail')).toBe('AWS did not behave as the truth says: investigate');
});

test('--claim runs only the named claims', async () => {
  const claims: Claim[] = ['a', 'b'].map((s) => ({ ...base, id: `B1.${s}`, verdict: 'holds' as const, offline: () => ok, live: async () => ok }));
  const results = await runLiveChecks(lab(claims), fakeLiveContext(), ['B1.b']);
  expect(results.map((r) => r.claim)).toEqual(['B1.b']);
});

test('the memo observes once per key, and shares a failure too', async () => {
  const memo = createMemo();
  let calls = 0;
  const observe = async () => ++calls;
  expect(await memo('k', observe)).toBe(1);
  expect(await memo('k', observe)).toBe(1);
  const failing = () => Promise.reject(new Error('no'));
  await expect(memo('bad', failing)).rejects.toThrow('no');
  await expect(memo('bad', async () => 5)).rejects.toThrow('no');
});

test('a check the user asked to skip is reported as skipped with its reason, never as a pass', async () => {
  const claims: Claim[] = [{ ...base, id: 'B1.slow', verdict: 'holds', offline: () => ok, live: async () => { throw new CheckSkipped('on request (--skip-slow)'); } }];
  const [result] = await runLiveChecks(lab(claims), fakeLiveContext());
  expect(result).toMatchObject({ status: 'skipped', outcome: 'skipped: on request (--skip-slow)' });
});
