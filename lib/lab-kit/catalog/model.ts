/**
 * The catalog's shape: every seed question, its answer's claims, the audited verdict and truth of
 * each, and their AWS sources. The catalog (catalog/) is the only place claim text lives; a lab
 * attaches checks to claim ids, and which lab settles a claim is derived from the lab registry.
 */

/** How the seed answer stands against the AWS documentation today. */
export type Verdict = 'holds' | 'outdated' | 'wrong' | 'oversimplified';

/** Every verdict, in report order. */
export const VERDICTS: readonly Verdict[] = ['holds', 'outdated', 'wrong', 'oversimplified'];

/** A documentation page a truth rests on. */
export interface Source {
  /** The page title, as the page itself names it. */
  readonly title: string;
  /** An https://docs.aws.amazon.com/ (or aws.amazon.com, re:Post Knowledge Center) address. */
  readonly url: string;
}

/** The level a seed question belongs to; `toptal` is the separate ten-question set. */
export type Level = 'beginner' | 'intermediate' | 'advanced' | 'toptal';

/** A lab that could show a claim and is planned: the lab id it would belong to, and how. */
export interface PlannedLab {
  readonly lab: string;
  readonly note: string;
}

/**
 * One claim of a seed answer, audited.
 *
 * A claim is settled by a registered lab that has a check for its id, or is `planned` for a lab,
 * or is `conceptual` (no lab can show it). The catalog never names the lab that settles a claim:
 * that is read from the registry, so it cannot drift.
 */
export interface CatalogClaim {
  /**
   * `<question>.<slug>`, e.g. `B2.public-ip-reaches-internet`: stable, since labs, `--claim=`,
   * recorded runs and links refer to it. Never reuse an id for a different claim.
   */
  readonly id: string;
  /** What the seed answer claims, paraphrased (never the seed's sentence). */
  readonly says: string;
  readonly verdict: Verdict;
  /** What is true now, in one to three sentences a candidate could say in an interview. */
  readonly truth: string;
  /** The AWS documentation it rests on: at least one page. */
  readonly sources: readonly Source[];
  /** For `outdated`: when AWS changed it (ISO date `YYYY-MM-DD`, or `YYYY-MM` when only the month is known). */
  readonly changed?: string;
  /** No lab settles it yet; this one is planned to. */
  readonly planned?: PlannedLab;
  /** Why no lab can show it: a definition, a price list, an organisation-wide feature... */
  readonly conceptual?: string;
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

/** The question id of a claim id: `B2` of `B2.public-ip-reaches-internet`. */
export function questionOf(claimId: string): string {
  return claimId.split('.')[0];
}
