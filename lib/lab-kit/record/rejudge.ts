/**
 * A recorded run judged again with today's checks, and where today's verdict differs from the
 * recorded one: how a shared run stays useful after a check is fixed. No AWS, no stack: the
 * checks are pure functions of the recorded observations.
 */
import type { Figure } from '../checks/judgement';
import type { LabDefinition } from '../checks/lab-definition';
import { type CheckResult, type ClaimLookup, judgeRecorded, summaryOf } from '../checks/runner';
import type { RecordedResult, RunRecord } from './run-record';

/** One way today's judgement of a claim differs from the recorded one. */
export interface Difference {
  readonly claim: string;
  /** outcome: the verdict changed; reasons or figures: the same outcome, other evidence; verdict: the catalog's seed verdict changed; gone: the lab no longer checks the claim; new: the lab checks it now and the run did not. */
  readonly kind: 'outcome' | 'reasons' | 'figures' | 'verdict' | 'gone' | 'new';
  readonly recorded: string;
  readonly today: string;
}

/** A run judged again. */
export interface Rejudged {
  /** Today's row for every claim the run recorded that the lab still checks, in the record's order. */
  readonly results: readonly CheckResult[];
  readonly differences: readonly Difference[];
}

const figureText = (figures: readonly Figure[] | undefined) => (figures ?? []).map((f) => `${f.name} ${f.value}${f.unit ? ` ${f.unit}` : ''}`).join('; ') || 'none';
const listText = (items: readonly string[]) => items.join('; ') || 'none';

/** Today's row for a claim that has no live check: what `labs check` reports for it. */
function offlineOnly(lab: LabDefinition, claim: string, claims: ClaimLookup): CheckResult {
  const verdict = claims(claim)?.verdict;
  const error = 'not checkable live (offline only)';
  return { lab: lab.id, claim, question: claim.split('.')[0], ...(verdict ? { verdict } : {}), mode: 'live', outcome: 'skipped', summary: summaryOf(verdict, 'skipped', [], error), reasons: [], error, durationMs: 0 };
}

function differencesOf(recorded: RecordedResult, today: CheckResult): Difference[] {
  const out: Difference[] = [];
  const claim = recorded.claim;
  if (recorded.outcome !== today.outcome) {
    out.push({ claim, kind: 'outcome', recorded: `${recorded.outcome.toUpperCase()}: ${recorded.summary}`, today: `${today.outcome.toUpperCase()}: ${today.summary}` });
  } else {
    if (listText(recorded.reasons) !== listText(today.reasons)) out.push({ claim, kind: 'reasons', recorded: listText(recorded.reasons), today: listText(today.reasons) });
    if (figureText(recorded.figures) !== figureText(today.judgement?.figures)) out.push({ claim, kind: 'figures', recorded: figureText(recorded.figures), today: figureText(today.judgement?.figures) });
  }
  if ((recorded.verdict ?? 'none') !== (today.verdict ?? 'none')) out.push({ claim, kind: 'verdict', recorded: recorded.verdict ?? 'none', today: today.verdict ?? 'none' });
  return out;
}

/** Judges the record's observations with the lab's checks of today and lists every difference. */
export function rejudge(lab: LabDefinition, record: RunRecord, claims: ClaimLookup): Rejudged {
  const judged = new Map(judgeRecorded(lab, record.observations, claims).map((r) => [r.claim, r]));
  const results: CheckResult[] = [];
  const differences: Difference[] = [];
  for (const recorded of record.results) {
    if (!(recorded.claim in lab.checks)) {
      differences.push({ claim: recorded.claim, kind: 'gone', recorded: recorded.outcome.toUpperCase(), today: `${lab.id} no longer checks this claim` });
      continue;
    }
    const today = judged.get(recorded.claim) ?? offlineOnly(lab, recorded.claim, claims);
    results.push(today);
    differences.push(...differencesOf(recorded, today));
  }
  const recordedClaims = new Set(record.results.map((r) => r.claim));
  const asked = record.onlyClaims;
  for (const claim of Object.keys(lab.checks)) {
    if (recordedClaims.has(claim) || (asked && !asked.includes(claim))) continue;
    const today = judged.get(claim);
    differences.push({ claim, kind: 'new', recorded: 'not in the run', today: today ? `${today.outcome.toUpperCase()}: ${today.summary}` : 'offline only' });
  }
  return { results, differences };
}
