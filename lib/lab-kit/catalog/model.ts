import type { Source, Verdict } from '../checks/claim';

/** The level a seed question belongs to; `toptal` is the separate ten-question set. */
export type Level = 'beginner' | 'intermediate' | 'advanced' | 'toptal';

/** What settles a catalog claim. */
export type SettledBy =
  /** A lab's claim checks it (offline, and live where AWS can show it). */
  | { readonly kind: 'lab'; readonly lab: string; readonly claim: string }
  /** No lab can show it: a definition, a price list, an organisation-wide feature... */
  | { readonly kind: 'conceptual'; readonly reason: string }
  /** A lab could show it and is planned (name the lab id it would belong to). */
  | { readonly kind: 'planned'; readonly lab: string; readonly note: string };

/** One claim of a seed answer, audited. */
export interface CatalogClaim {
  /** What the seed answer claims, paraphrased (never the seed's sentence). */
  readonly says: string;
  readonly verdict: Verdict;
  /** What is true now, in one or two sentences. */
  readonly truth: string;
  /** The AWS documentation it rests on: at least one page. */
  readonly sources: readonly Source[];
  /** For `outdated`: when AWS changed it (ISO date `YYYY-MM-DD`, or `YYYY-MM` when only the month is known). */
  readonly changed?: string;
  readonly settledBy: SettledBy;
}

/** One seed question. */
export interface CatalogEntry {
  /** B1–B25, I1–I50, A1–A50, T1–T10. */
  readonly id: string;
  readonly level: Level;
  /** A short topic: networking, compute, storage, database, messaging, iam, security, deployment... */
  readonly topic: string;
  /** The question, paraphrased. */
  readonly question: string;
  /** The answer's claims, compound answers split. */
  readonly claims: readonly CatalogClaim[];
}
