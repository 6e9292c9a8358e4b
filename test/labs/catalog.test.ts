import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_QUESTION_IDS, catalogProblems, coverage } from '../../lib/lab-kit/catalog/catalog';
import { renderCatalogMarkdown, catalogRows } from '../../lib/lab-kit/docs/catalog-markdown';
import { runCli } from '../../lib/lab-kit/cli/cli';
import { currentLabTable, renderLabTable } from '../../lib/lab-kit/docs/lab-table';
import { synthLab } from '../../lib/lab-kit/checks/testing';
import { LABS } from '../../labs';
import { CATALOG } from '../../catalog/index';

test('the catalog has all 135 question ids exactly once, in seed order', () => {
  expect(CATALOG.map((e) => e.id)).toEqual(ALL_QUESTION_IDS);
  expect(ALL_QUESTION_IDS).toHaveLength(135);
});

test('the catalog and the labs agree: every claim has a verdict and an AWS source, every lab reference exists, every lab claim is in the catalog', () => {
  expect(catalogProblems(CATALOG, LABS)).toEqual([]);
});

test('catalogProblems finds a lab claim the catalog does not point at, and a verdict that differs', () => {
  const [b2, ...rest] = CATALOG.filter((e) => e.id !== 'B1');
  const b1 = CATALOG.find((e) => e.id === 'B1')!;
  const tampered = [
    b1,
    { ...b2, claims: b2.claims.slice(1).map((c, i) => (i === 0 ? { ...c, verdict: 'wrong' as const } : c)) },
    ...rest,
  ];
  const problems = catalogProblems(tampered, LABS);
  expect(problems).toContain('nat-vs-public-ip: claim B2.public-ip-reaches-internet is not in the catalog entry for B2');
  expect(problems).toContain('B2 claim 1: verdict wrong, but nat-vs-public-ip says holds for B2.public-subnet-without-public-ip-is-offline');
});

test('catalogProblems finds missing ids, a missing source and an outdated claim without a date', () => {
  const broken = CATALOG.filter((e) => e.id !== 'T10').map((e) =>
    e.id === 'B1' ? { ...e, claims: [{ ...e.claims[0], sources: [], verdict: 'outdated' as const, changed: undefined, settledBy: { kind: 'conceptual' as const, reason: 'x' } }] } : e,
  );
  const problems = catalogProblems(broken, LABS);
  expect(problems).toEqual(expect.arrayContaining(['T10: appears 0 times (expected once)', 'B1 claim 1: no source', 'B1 claim 1: outdated without the date of the change']));
});

test('docs/catalog.md is fresh (run `npm run docs` after changing the catalog)', () => {
  const file = path.join(__dirname, '..', '..', 'docs', 'catalog.md');
  expect(fs.readFileSync(file, 'utf8')).toBe(renderCatalogMarkdown(CATALOG, LABS));
});

test('the JSON of `labs catalog` is stable: one row per question with verdicts and settlement', async () => {
  const out: string[] = [];
  expect(await runCli(['catalog', '--json'], { labs: LABS, catalog: CATALOG, io: { out: (t) => out.push(t), err: () => undefined } })).toBe(0);
  const { questions } = JSON.parse(out.join(''));
  expect(questions).toEqual(catalogRows(CATALOG, LABS));
  expect(questions.find((q: { id: string }) => q.id === 'B2')).toEqual({
    id: 'B2', level: 'beginner', topic: 'networking', question: expect.any(String), verdicts: ['holds', 'holds', 'wrong'], settledBy: 'live', labs: ['nat-vs-public-ip'],
  });
});

test('labs show B2 prints each claim with its verdict, truth, source and how to check it', async () => {
  const out: string[] = [];
  expect(await runCli(['show', 'b2'], { labs: LABS, catalog: CATALOG, io: { out: (t) => out.push(t), err: () => undefined } })).toBe(0);
  const text = out.join('\n');
  expect(text).toMatch(/^B2 \(beginner, networking\): /);
  expect(text).toContain('3. [wrong] the seed says: An instance in a public subnet that lacks a public IP can use a NAT gateway');
  expect(text).toContain('check it: npx cdk deploy nat-vs-public-ip && npx labs check nat-vs-public-ip --claim=B2.nat-gateway-serves-public-subnet');
});

test('coverage is an honest picture: every question counted once, refutations only where a lab checks them', () => {
  const c = coverage(CATALOG, LABS);
  const { live, offline, planned, conceptual } = c.bySettlement;
  expect(live + offline + planned + conceptual).toBe(135);
  expect(live).toBeGreaterThanOrEqual(4);
  expect(c.refutedByLab).toBeGreaterThanOrEqual(2);
  expect(c.refutedByLab).toBeLessThanOrEqual(c.wrongOrOutdated);
});

test('the README lab table is fresh (run `npm run docs` after changing a lab)', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  expect(currentLabTable(readme)).toBe(renderLabTable(LABS.map((lab) => ({ lab, template: synthLab(lab) }))));
});
