/**
 * Section 1 of a lab README, generated from the catalog: the claims the lab checks, what the seed
 * says, the verdict, what is true and where AWS says so. The catalog is the only home of claim text,
 * so the README cannot fall out of step with it.
 */
import type { CatalogClaim } from '../catalog/model';
import type { LabClaims } from '../catalog/catalog';
import { markersOf } from './readme-section';

export const CLAIMS_MARKERS = markersOf('claims', 'section 1 (the claims table)');

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The claims table of a lab, in the order of its checks. */
export function renderClaimsTable(lab: LabClaims, claimOf: (id: string) => CatalogClaim | undefined): string {
  const rows = Object.entries(lab.checks).map(([id, check]) => {
    const c = claimOf(id);
    if (!c) throw new Error(`claim ${id} is not in the catalog`);
    const verdict = `**${c.verdict}**${c.changed ? ` (changed ${c.changed})` : ''}`;
    const sources = c.sources.map((s) => `[${cell(s.title)}](${s.url})`).join(', ');
    return `| \`${id}\` | ${cell(c.says)} | ${verdict} | ${cell(c.truth)} ${sources} | ${check.live ? 'offline + live' : 'offline'} |`;
  });
  return ['| claim | the seed says | verdict | what is true (source) | checked |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}
