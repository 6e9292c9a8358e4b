/**
 * Reading the catalog against the lab registry: which lab settles a claim (derived from the labs'
 * check ids, never written in the catalog), how each question is settled, coverage, and every way
 * the catalog and the labs can disagree.
 */
import type { CatalogClaim, CatalogEntry, Level } from './model';

/** What the catalog needs to know of a lab: its id and which claims it checks, offline and live. */
export interface LabClaims {
  readonly id: string;
  readonly checks: { readonly [claimId: string]: { readonly live?: unknown } };
}

/** How a claim or question is settled, from strongest to weakest. */
export type Settlement = 'live' | 'offline' | 'planned' | 'conceptual' | 'unsettled';

const LEVEL_ORDER: readonly Level[] = ['beginner', 'intermediate', 'advanced', 'toptal'];
const PREFIX: Record<Level, string> = { beginner: 'B', intermediate: 'I', advanced: 'A', toptal: 'T' };
const COUNT: Record<Level, number> = { beginner: 25, intermediate: 50, advanced: 50, toptal: 10 };
const SETTLEMENT_ORDER: readonly Settlement[] = ['live', 'offline', 'planned', 'conceptual', 'unsettled'];

/** Every question id the seeds have, in order: B1–B25, I1–I50, A1–A50, T1–T10. */
export const ALL_QUESTION_IDS: readonly string[] = LEVEL_ORDER.flatMap((l) => Array.from({ length: COUNT[l] }, (_, i) => `${PREFIX[l]}${i + 1}`));

/** Is this a question id (`B2`, `t10`)? */
export function isQuestionId(text: string | undefined): boolean {
  return !!text && ALL_QUESTION_IDS.includes(text.toUpperCase());
}

/** A lab that checks a claim, and whether it does so live. */
export interface LabCheckRef {
  readonly lab: string;
  readonly live: boolean;
}

/** The labs that check a claim, in registry order. */
export function labsChecking(claimId: string, labs: readonly LabClaims[]): LabCheckRef[] {
  return labs.flatMap((l) => {
    const check = l.checks[claimId];
    return check ? [{ lab: l.id, live: check.live !== undefined }] : [];
  });
}

/** How one catalog claim is settled: by a lab (live, else offline), else as the catalog says. */
export function settlementOf(claim: CatalogClaim, labs: readonly LabClaims[]): Settlement {
  const refs = labsChecking(claim.id, labs);
  if (refs.length > 0) return refs.some((r) => r.live) ? 'live' : 'offline';
  if (claim.planned) return 'planned';
  if (claim.conceptual) return 'conceptual';
  return 'unsettled';
}

/** How a question is settled: by its strongest claim. */
export function questionSettlement(entry: CatalogEntry, labs: readonly LabClaims[]): Settlement {
  return SETTLEMENT_ORDER.find((s) => entry.claims.some((c) => settlementOf(c, labs) === s)) ?? 'unsettled';
}

/** The labs that settle any claim of a question. */
export function labsOfQuestion(entry: CatalogEntry, labs: readonly LabClaims[]): string[] {
  return [...new Set(entry.claims.flatMap((c) => labsChecking(c.id, labs).map((r) => r.lab)))];
}

/** Catalog claims by id, each with its question. */
export function indexClaims(catalog: readonly CatalogEntry[]): ReadonlyMap<string, { readonly claim: CatalogClaim; readonly entry: CatalogEntry }> {
  return new Map(catalog.flatMap((entry) => entry.claims.map((claim) => [claim.id, { claim, entry }] as const)));
}

/** The honest picture: how many questions each kind of evidence settles, and what labs refute. */
export interface Coverage {
  readonly questions: number;
  readonly claims: number;
  readonly bySettlement: Record<Exclude<Settlement, 'unsettled'>, number>;
  readonly byVerdict: Record<string, number>;
  /** Claims whose seed answer is wrong or outdated. */
  readonly wrongOrOutdated: number;
  /** ...of which a lab's check refutes (offline or live). */
  readonly refutedByLab: number;
  /** ...of which a live check refutes. */
  readonly refutedLive: number;
}

export function coverage(catalog: readonly CatalogEntry[], labs: readonly LabClaims[]): Coverage {
  const bySettlement: Coverage['bySettlement'] = { live: 0, offline: 0, planned: 0, conceptual: 0 };
  const byVerdict: Record<string, number> = { holds: 0, outdated: 0, wrong: 0, oversimplified: 0 };
  let claims = 0;
  let wrongOrOutdated = 0;
  let refutedByLab = 0;
  let refutedLive = 0;
  for (const entry of catalog) {
    const s = questionSettlement(entry, labs);
    if (s !== 'unsettled') bySettlement[s]++;
    for (const c of entry.claims) {
      claims++;
      byVerdict[c.verdict]++;
      if (c.verdict === 'wrong' || c.verdict === 'outdated') {
        wrongOrOutdated++;
        const cs = settlementOf(c, labs);
        if (cs === 'live' || cs === 'offline') refutedByLab++;
        if (cs === 'live') refutedLive++;
      }
    }
  }
  return { questions: catalog.length, claims, bySettlement, byVerdict, wrongOrOutdated, refutedByLab, refutedLive };
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const SOURCE_URL = /^https:\/\/(docs\.aws\.amazon\.com|aws\.amazon\.com|repost\.aws\/knowledge-center)\//;

/**
 * Every way the catalog can be malformed or disagree with the labs: question ids missing, doubled
 * or misfiled; claim ids not of the form `<question>.<slug>` or doubled; empty text; no source or a
 * non-AWS one; an outdated claim without its date; a claim both planned and conceptual, or neither
 * and checked by no lab, or planned although a lab now checks it; and a lab checking a claim id the
 * catalog does not have.
 */
export function catalogProblems(catalog: readonly CatalogEntry[], labs: readonly LabClaims[]): string[] {
  const problems: string[] = [];
  const ids = catalog.map((e) => e.id);
  for (const id of ALL_QUESTION_IDS) {
    const n = ids.filter((x) => x === id).length;
    if (n !== 1) problems.push(`${id}: appears ${n} times (expected once)`);
  }
  for (const id of ids) if (!ALL_QUESTION_IDS.includes(id)) problems.push(`${id}: not a seed question id`);
  const claimIds = new Set<string>();
  for (const entry of catalog) {
    if (!entry.question.trim()) problems.push(`${entry.id}: no question`);
    if (entry.claims.length === 0) problems.push(`${entry.id}: no claims`);
    if (!entry.id.startsWith(PREFIX[entry.level])) problems.push(`${entry.id}: level ${entry.level} does not match the id`);
    for (const c of entry.claims) {
      const where = c.id;
      const [question, slug, ...rest] = c.id.split('.');
      if (question !== entry.id || !slug || rest.length > 0 || !SLUG.test(slug)) problems.push(`${where}: claim id must be ${entry.id}.<kebab-slug>`);
      if (claimIds.has(c.id)) problems.push(`${where}: claim id appears more than once`);
      claimIds.add(c.id);
      if (!c.truth.trim() || !c.says.trim()) problems.push(`${where}: empty says or truth`);
      if (c.sources.length === 0) problems.push(`${where}: no source`);
      for (const s of c.sources) {
        if (!SOURCE_URL.test(s.url)) problems.push(`${where}: source ${s.url} is not an AWS page (docs, aws.amazon.com, re:Post Knowledge Center)`);
        if (!s.title.trim()) problems.push(`${where}: source ${s.url} has no title`);
      }
      if (c.verdict === 'outdated' && !/^\d{4}-\d{2}(-\d{2})?$/.test(c.changed ?? '')) problems.push(`${where}: outdated without the date of the change`);
      const checkedBy = labsChecking(c.id, labs).map((r) => r.lab);
      if (c.planned && c.conceptual) problems.push(`${where}: both planned and conceptual`);
      if (checkedBy.length > 0 && (c.planned || c.conceptual)) problems.push(`${where}: checked by ${checkedBy.join(', ')}, so it is neither planned nor conceptual any more (remove that field)`);
      if (checkedBy.length === 0 && !c.planned && !c.conceptual) problems.push(`${where}: no lab checks it, and it is neither planned nor conceptual`);
    }
  }
  for (const lab of labs) {
    for (const id of Object.keys(lab.checks)) if (!claimIds.has(id)) problems.push(`${lab.id}: checks ${id}, which is not a catalog claim`);
  }
  return problems;
}

/** Sorted like the seeds: by level, then number. */
export function sortCatalog(entries: readonly CatalogEntry[]): CatalogEntry[] {
  const key = (id: string) => ALL_QUESTION_IDS.indexOf(id);
  return [...entries].sort((a, b) => key(a.id) - key(b.id));
}
