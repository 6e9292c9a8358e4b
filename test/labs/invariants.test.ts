/**
 * What every registered lab must be, checked for each from the registry alone: a new lab gets all
 * of this by adding its registry line, and its own test files hold only what is particular to it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../lib/lab-kit/core/project';
import { indexClaims } from '../../lib/lab-kit/catalog/catalog';
import { expectToMatchFileSnapshot } from '../../lib/lab-kit/testing/file-snapshot';
import { GUARDRAILS } from '../../lib/lab-kit/checks/guardrails';
import { deriveOutcome } from '../../lib/lab-kit/checks/judgement';
import { observationsOfLab } from '../../lib/lab-kit/checks/lab-definition';
import { runOfflineChecks } from '../../lib/lab-kit/checks/runner';
import { mutatedCopy, type OfflineCases, synthLab } from '../../lib/lab-kit/testing';
import { readmeParts, staleParts } from '../../lib/lab-kit/docs/readme-parts';
import { LAB_TTL_OUTPUT } from '../../lib/lab-kit/stack/lab-stack';
import { normalizeTemplate } from '../../lib/lab-kit/template/normalize';
import type { TemplateJson } from '../../lib/lab-kit/template/json';
import { CATALOG } from '../../catalog';
import { LABS } from '../../labs';

const claims = indexClaims(CATALOG);
const claimOf = (id: string) => claims.get(id)?.claim;

/** The outputs a lab's template facts read by name (a Proxy on the template's Outputs records each read). */
function outputsReadByFacts(lab: (typeof LABS)[number], template: TemplateJson): string[] {
  const read = new Set<string>();
  const outputs = new Proxy(template.Outputs ?? {}, {
    get(target, key, receiver) {
      if (typeof key === 'string') read.add(key);
      return Reflect.get(target, key, receiver);
    },
  });
  lab.facts({ ...template, Outputs: outputs });
  return [...read];
}

function offlineCasesOf(labId: string): OfflineCases {
  const file = path.join(PROJECT_ROOT, 'labs', labId, 'test', 'offline-cases.ts');
  if (!fs.existsSync(file)) throw new Error(`labs/${labId}/test/offline-cases.ts is missing: it holds, for every claim, the template change that must make its offline check fail`);
  return require(file).OFFLINE_CASES;
}

// The jest setup turns aws-cdk-lib's CloudFormation validation off for speed (CDK_VALIDATION=false
// overrides the App prop); this suite synthesizes as `labs deploy` does, so it turns it back on.
const validationBefore = process.env.CDK_VALIDATION;
beforeAll(() => {
  process.env.CDK_VALIDATION = 'true';
});
afterAll(() => {
  process.env.CDK_VALIDATION = validationBefore;
});

describe.each(LABS.map((lab) => [lab.id, lab] as const))('%s', (id, lab) => {
  let template: TemplateJson;

  beforeAll(async () => {
    // As `labs deploy` synthesizes: aws-cdk-lib's CloudFormation validation and cdk-nag on (a finding throws).
    template = await synthLab(lab, { nag: true, validation: true });
  }, 120_000);

  test('synthesizes with CloudFormation validation and cdk-nag, and every offline check and guardrail passes', () => {
    const failed = runOfflineChecks(lab, template, claimOf, GUARDRAILS).filter((r) => r.outcome !== 'pass');
    expect(failed.map((r) => `${r.claim}: ${r.outcome}: ${r.summary}`)).toEqual([]);
  });

  test('every claim id is a catalog claim', () => {
    expect(Object.keys(lab.checks).filter((c) => !claims.has(c))).toEqual([]);
  });

  test('every offline check has a failing case (labs/<id>/test/offline-cases.ts), and fails on it naming the expectation', () => {
    const cases = offlineCasesOf(id);
    expect(Object.keys(cases).sort()).toEqual(Object.keys(lab.checks).sort());
    for (const [claimId, change] of Object.entries(cases)) {
      const derived = deriveOutcome(lab.checks[claimId].offline(lab.facts(mutatedCopy(template, change))));
      expect({ claimId, outcome: derived.outcome }).toEqual({ claimId, outcome: 'fail' });
      expect(derived.reasons.length).toBeGreaterThan(0);
    }
  });

  test('every declared output is in the template with its description and is read (by an observation or the template facts); every output observed is declared', () => {
    const declared = Object.keys(lab.outputs);
    const inTemplate = Object.fromEntries(Object.entries(template.Outputs ?? {}).filter(([k]) => k !== LAB_TTL_OUTPUT).map(([k, o]) => [k, o.Description]));
    expect(inTemplate).toEqual(lab.outputs);
    const observed = new Set(observationsOfLab(lab).flatMap((o) => o.outputs));
    const read = new Set([...observed, ...outputsReadByFacts(lab, template)]);
    expect({ unread: declared.filter((n) => !read.has(n)) }).toEqual({ unread: [] });
    expect({ undeclared: [...observed].filter((n) => !declared.includes(n)) }).toEqual({ undeclared: [] });
  });

  test('observations are named once', () => {
    const names = observationsOfLab(lab).map((o) => o.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  test('README exists and its generated parts are fresh (run `npm run docs` after changing the stack or the catalog)', () => {
    const relative = path.join('labs', id, 'README.md');
    const file = path.join(PROJECT_ROOT, relative);
    if (!fs.existsSync(file)) throw new Error(`${relative} is missing: every lab has a README`);
    expect(staleParts(fs.readFileSync(file, 'utf8'), readmeParts(lab, template, claimOf), relative)).toEqual([]);
  });

  test('normalized template matches its snapshot (labs/<id>/test/__snapshots__/template.json)', () => {
    expectToMatchFileSnapshot(normalizeTemplate(template), path.join(PROJECT_ROOT, 'labs', id, 'test', '__snapshots__', 'template.json'));
  });
});
