import type { CatalogClaim, CatalogEntry, Level } from './model';
import type { LabDefinition } from '../checks/lab-definition';

/** How a question is settled, from strongest to weakest. */
export type Settlement = 'live' | 'offline' | 'planned' | 'conceptual';

const LEVEL_ORDER: readonly Level[] = ['beginner', 'intermediate', 'advanced', 'toptal'];
const PREFIX: Record<Level, string> = { beginner: 'B', intermediate: 'I', advanced: 'A', toptal: 'T' };
const COUNT: Record<Level, number> = { beginner: 25, intermediate: 50, advanced: 50, toptal: 10 };

/** Every question id the seeds have, in order: B1–B25, I1–I50, A1–A50, T1–T10. */
export const ALL_QUESTION_IDS: readonly string[] = LEVEL_ORDER.flatMap((l) => Array.from({ length: COUNT[l] }, (_, i) => `${PREFIX[l]}${i + 1}`));

/** Is this a question id (`B2`, `t10`)? */
export function isQuestionId(text: string | undefined): boolean {
  return !!text && ALL_QUESTION_IDS.includes(text.toUpperCase());
}

/** The lab claim a catalog claim points at, when it points at one that exists. */
function labClaim(claim: CatalogClaim, labs: readonly LabDefinition[]) {
  if (claim.settledBy.kind !== 'lab') return undefined;
  const { lab: labId, claim: claimId } = claim.settledBy;
  return labs.find((l) => l.id === labId)?.claims.find((c) => c.id === claimId);
}

/** How one catalog claim is settled. */
export function settlementOf(claim: CatalogClaim, labs: readonly LabDefinition[]): Settlement {
  if (claim.settledBy.kind === 'lab') return labClaim(claim, labs)?.live ? 'live' : 'offline';
  return claim.settledBy.kind;
}

/** How a question is settled: by its strongest claim. */
export function questionSettlement(entry: CatalogEntry, labs: readonly LabDefinition[]): Settlement {
  const order: Settlement[] = ['live', 'offline', 'planned', 'conceptual'];
  return order.find((s) => entry.claims.some((c) => settlementOf(c, labs) === s)) ?? 'conceptual';
}

/** The honest picture: how many questions each kind of evidence settles, and what labs refute. */
export interface Coverage {
  readonly questions: number;
  readonly claims: number;
  readonly bySettlement: Record<Settlement, number>;
  readonly byVerdict: Record<string, number>;
  /** Claims whose seed answer is wrong or outdated. */
  readonly wrongOrOutdated: number;
  /** ...of which a lab's check refutes (offline or live). */
  readonly refutedByLab: number;
  /** ...of which a live check refutes. */
  readonly refutedLive: number;
}

export function coverage(catalog: readonly CatalogEntry[], labs: readonly LabDefinition[]): Coverage {
  const bySettlement: Record<Settlement, number> = { live: 0, offline: 0, planned: 0, conceptual: 0 };
  const byVerdict: Record<string, number> = { holds: 0, outdated: 0, wrong: 0, oversimplified: 0 };
  let claims = 0;
  let wrongOrOutdated = 0;
  let refutedByLab = 0;
  let refutedLive = 0;
  for (const entry of catalog) {
    bySettlement[questionSettlement(entry, labs)]++;
    for (const c of entry.claims) {
      claims++;
      byVerdict[c.verdict]++;
      if (c.verdict === 'wrong' || c.verdict === 'outdated') {
        wrongOrOutdated++;
        const s = settlementOf(c, labs);
        if (s === 'live' || s === 'offline') refutedByLab++;
        if (s === 'live') refutedLive++;
      }
    }
  }
  return { questions: catalog.length, claims, bySettlement, byVerdict, wrongOrOutdated, refutedByLab, refutedLive };
}

/**
 * Every way the catalog and the labs can disagree: missing or duplicate question ids, claims
 * without a verdict or source, references to labs or claims that do not exist, verdicts that
 * differ from the lab's, and lab claims the catalog does not point at.
 */
export function catalogProblems(catalog: readonly CatalogEntry[], labs: readonly LabDefinition[]): string[] {
  const problems: string[] = [];
  const ids = catalog.map((e) => e.id);
  for (const id of ALL_QUESTION_IDS) {
    const n = ids.filter((x) => x === id).length;
    if (n !== 1) problems.push(`${id}: appears ${n} times (expected once)`);
  }
  for (const id of ids) if (!ALL_QUESTION_IDS.includes(id)) problems.push(`${id}: not a seed question id`);
  const referenced = new Set<string>();
  for (const entry of catalog) {
    if (!entry.question.trim()) problems.push(`${entry.id}: no question`);
    if (entry.claims.length === 0) problems.push(`${entry.id}: no claims`);
    if (!entry.id.startsWith(PREFIX[entry.level])) problems.push(`${entry.id}: level ${entry.level} does not match the id`);
    entry.claims.forEach((c, i) => {
      const where = `${entry.id} claim ${i + 1}`;
      if (!c.truth.trim() || !c.says.trim()) problems.push(`${where}: empty says or truth`);
      if (c.sources.length === 0) problems.push(`${where}: no source`);
      for (const s of c.sources) if (!/^https:\/\/(docs\.aws\.amazon\.com|aws\.amazon\.com|repost\.aws\/knowledge-center)\//.test(s.url)) problems.push(`${where}: source ${s.url} is not an AWS page (docs, aws.amazon.com, re:Post Knowledge Center)`);
      if (c.verdict === 'outdated' && !/^\d{4}-\d{2}(-\d{2})?$/.test(c.changed ?? '')) problems.push(`${where}: outdated without the date of the change`);
      if (c.settledBy.kind === 'lab') {
        const { lab: labId, claim: claimId } = c.settledBy;
        const lab = labs.find((l) => l.id === labId);
        const target = labClaim(c, labs);
        if (!lab) problems.push(`${where}: lab ${labId} does not exist`);
        else if (!target) problems.push(`${where}: lab ${labId} has no claim ${claimId}`);
        else {
          referenced.add(`${labId}/${claimId}`);
          if (target.verdict !== c.verdict) problems.push(`${where}: verdict ${c.verdict}, but ${labId} says ${target.verdict} for ${claimId}`);
          if (target.question !== entry.id) problems.push(`${where}: points at ${claimId}, a claim of ${target.question}`);
        }
      }
    });
  }
  for (const lab of labs) {
    for (const claim of lab.claims) {
      if (!referenced.has(`${lab.id}/${claim.id}`)) problems.push(`${lab.id}: claim ${claim.id} is not in the catalog entry for ${claim.question}`);
    }
    for (const q of lab.questions) {
      const entry = catalog.find((e) => e.id === q);
      if (entry && !entry.claims.some((c) => c.settledBy.kind === 'lab' && c.settledBy.lab === lab.id)) {
        problems.push(`${lab.id}: covers ${q}, but the catalog entry for ${q} does not point at the lab`);
      }
    }
  }
  return problems;
}

/** Sorted like the seeds: by level, then number. */
export function sortCatalog(entries: readonly CatalogEntry[]): CatalogEntry[] {
  const key = (id: string) => ALL_QUESTION_IDS.indexOf(id);
  return [...entries].sort((a, b) => key(a.id) - key(b.id));
}
