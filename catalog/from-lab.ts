import type { CatalogClaim } from '../lib/lab-kit/catalog/model';
import type { LabDefinition } from '../lib/lab-kit/checks/lab-definition';

/**
 * A catalog claim taken from a lab's claim: one source of truth for the paraphrase, the verdict
 * and the sources, so the catalog and the lab cannot drift apart.
 */
export function fromLab(lab: LabDefinition, claimId: string): CatalogClaim {
  const claim = lab.claims.find((c) => c.id === claimId);
  if (!claim) throw new Error(`catalog: lab ${lab.id} has no claim ${claimId}; its claims: ${lab.claims.map((c) => c.id).join(', ')}`);
  return {
    says: claim.says,
    verdict: claim.verdict,
    truth: claim.truth.statement,
    sources: claim.truth.sources,
    ...(claim.truth.changed ? { changed: claim.truth.changed } : {}),
    settledBy: { kind: 'lab', lab: lab.id, claim: claim.id },
  };
}
