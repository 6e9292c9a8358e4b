import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_QUESTION_IDS, catalogProblems, coverage, labsChecking, settlementOf } from '../../lib/lab-kit/catalog/catalog';
import type { CatalogEntry } from '../../lib/lab-kit/catalog/model';
import { synthLab } from '../../lib/lab-kit/testing';
import { runCli } from '../../lib/lab-kit/cli/cli';
import { catalogRows, renderCatalogMarkdown } from '../../lib/lab-kit/docs/catalog-markdown';
import { currentLabTable, renderLabTable } from '../../lib/lab-kit/docs/lab-table';
import { CATALOG } from '../../catalog';
import { LABS } from '../../labs';

const withClaim = (catalog: readonly CatalogEntry[], id: string, change: (c: any) => any): CatalogEntry[] =>
  catalog.map((e) => ({ ...e, claims: e.claims.map((c) => (c.id === id ? change(c) : c)) }));

test('the catalog has all 135 question ids exactly once, in seed order', () => {
  expect(CATALOG.map((e) => e.id)).toEqual(ALL_QUESTION_IDS);
  expect(ALL_QUESTION_IDS).toHaveLength(135);
});

test('schema: every claim has a stable id, text, a verdict, an AWS source, and is settled by a lab, planned or conceptual', () => {
  expect(catalogProblems(CATALOG, LABS)).toEqual([]);
});

describe('catalogProblems finds what breaks the schema', () => {
  test('missing and doubled ids, a missing source, an outdated claim without a date', () => {
    const broken = withClaim(CATALOG.filter((e) => e.id !== 'T10'), 'B1.user-has-long-term-credentials', (c) => ({ ...c, sources: [], verdict: 'outdated', changed: undefined }));
    const b3 = broken.find((e) => e.id === 'B3')!;
    const doubled = broken.map((e) => (e.id === 'B3' ? { ...b3, claims: [b3.claims[0], b3.claims[0]] } : e));
    expect(catalogProblems(doubled, LABS)).toEqual(
      expect.arrayContaining([
        'T10: appears 0 times (expected once)',
        'B1.user-has-long-term-credentials: no source',
        'B1.user-has-long-term-credentials: outdated without the date of the change',
        `${b3.claims[0].id}: claim id appears more than once`,
      ]),
    );
  });

  test('a claim id of the wrong form or question', () => {
    const problems = catalogProblems(withClaim(CATALOG, 'B1.user-has-long-term-credentials', (c) => ({ ...c, id: 'B9.User_Creds' })), LABS);
    expect(problems).toContain('B9.User_Creds: claim id must be B1.<kebab-slug>');
  });

  test('a claim no lab checks that is neither planned nor conceptual, one that is both, and one planned although a lab checks it', () => {
    let catalog = withClaim(CATALOG, 'B1.user-has-long-term-credentials', ({ planned, ...c }) => c);
    catalog = withClaim(catalog, 'A17.cloudtrail-shows-calls-by-access-key', (c) => ({ ...c, conceptual: 'x' }));
    catalog = withClaim(catalog, 'B2.public-ip-reaches-internet', (c) => ({ ...c, planned: { lab: 'x', note: 'y' } }));
    expect(catalogProblems(catalog, LABS)).toEqual([
      'B1.user-has-long-term-credentials: no lab checks it, and it is neither planned nor conceptual',
      'B2.public-ip-reaches-internet: checked by nat-vs-public-ip, so it is neither planned nor conceptual any more (remove that field)',
      'A17.cloudtrail-shows-calls-by-access-key: both planned and conceptual',
    ]);
  });

  test('a lab checking a claim id the catalog does not have', () => {
    const stray = { id: 'stray-lab', checks: { 'B2.no-such-claim': {} } };
    expect(catalogProblems(CATALOG, [...LABS, stray])).toEqual(['stray-lab: checks B2.no-such-claim, which is not a catalog claim']);
  });
});

test('which lab settles a claim is read from the registry, live or offline', () => {
  const claim = CATALOG.find((e) => e.id === 'B2')!.claims.find((c) => c.id === 'B2.nat-gateway-serves-public-subnet')!;
  expect(labsChecking(claim.id, LABS)).toEqual([{ lab: 'nat-vs-public-ip', live: true }]);
  expect(settlementOf(claim, LABS)).toBe('live');
  const outdated = CATALOG.flatMap((e) => e.claims).find((c) => c.id === 'I7.nat-lives-in-public-subnet')!;
  expect(settlementOf(outdated, LABS)).toBe('offline');
  expect(settlementOf(claim, [])).toBe('unsettled');
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
    id: 'B2', level: 'beginner', topic: 'networking', question: expect.any(String), verdicts: ['holds', 'holds', 'oversimplified'], settledBy: 'live', labs: ['nat-vs-public-ip'], planned: [],
  });
});

test('labs show B2 prints each claim with its id, verdict, truth, source and how to check it', async () => {
  const out: string[] = [];
  expect(await runCli(['show', 'b2'], { labs: LABS, catalog: CATALOG, io: { out: (t) => out.push(t), err: () => undefined } })).toBe(0);
  const text = out.join('\n');
  expect(text).toMatch(/^B2 \(beginner, networking\): /);
  expect(text).toContain('3. B2.nat-gateway-serves-public-subnet [oversimplified] the seed says: An instance in a public subnet that lacks a public IP can use a NAT gateway');
  expect(text).toContain('check it: npx labs deploy nat-vs-public-ip && npx labs check nat-vs-public-ip --claim=B2.nat-gateway-serves-public-subnet');
});

test('coverage is an honest picture: every question counted once, refutations only where a lab checks them', () => {
  const c = coverage(CATALOG, LABS);
  const { live, offline, planned, conceptual } = c.bySettlement;
  expect(live + offline + planned + conceptual).toBe(135);
  expect(live).toBeGreaterThanOrEqual(4);
  expect(c.refutedByLab).toBeGreaterThanOrEqual(1);
  expect(c.refutedByLab).toBeLessThanOrEqual(c.wrongOrOutdated);
});

test('the README lab table is fresh (run `npm run docs` after changing a lab)', async () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const rows = [];
  for (const lab of LABS) rows.push({ lab, template: await synthLab(lab) });
  expect(currentLabTable(readme)).toBe(renderLabTable(rows));
}, 60_000);

test('docs/catalog.md: a per-level index, one section per question with its anchor, claims as short lines with badges and linked sources', () => {
  const md = renderCatalogMarkdown(CATALOG, LABS);
  const lines = md.split('\n');
  for (const e of CATALOG) {
    expect(lines).toContain(`### ${e.id}`);
    expect(md).toContain(`[${e.id}](#${e.id.toLowerCase()})`);
  }
  expect(lines.filter((l) => l.startsWith('| '))).toEqual([]);
  // Prose wraps at 100 columns; only a line holding one long link may be longer.
  expect(lines.filter((l) => l.length > 100 && !/\]\(https?:\/\/\S+\)|^\s*\S+$/.test(l))).toEqual([]);
  expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(300);
  expect(md).toContain('- 🟡 oversimplified `B2.nat-gateway-serves-public-subnet`: ');
  expect(md).toContain("  - **Sources:** [IAM roles](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles.html),");
  expect(md).toContain('  - **Settled by:** planned for `cloudwatch-ec2-metrics`');
});
