/**
 * The generated parts of a lab README, from one place: `npm run docs` writes them and the
 * invariant suite fails when a README differs. Section 1's claims table comes from the catalog,
 * section 3's diagram from the synthesized template.
 */
import type { CatalogClaim } from '../catalog/model';
import type { LabDefinition } from '../checks/lab-definition';
import type { TemplateJson } from '../template/json';
import { renderMermaid } from './diagram';
import { CLAIMS_MARKERS, renderClaimsTable } from './readme-claims';
import { DIAGRAM_MARKERS, diagramBlock } from './readme-diagram';
import { readSection, replaceSection, type SectionMarkers } from './readme-section';

/** One generated part: its markers and what belongs between them. */
export interface ReadmePart {
  readonly markers: SectionMarkers;
  readonly content: string;
}

/** Every generated part of a lab's README. */
export function readmeParts(lab: LabDefinition, template: TemplateJson, claimOf: (id: string) => CatalogClaim | undefined): ReadmePart[] {
  return [
    { markers: CLAIMS_MARKERS, content: renderClaimsTable(lab, claimOf) },
    { markers: DIAGRAM_MARKERS, content: diagramBlock(renderMermaid(template)) },
  ];
}

/** The README with every generated part rewritten. */
export function updateReadme(readme: string, parts: readonly ReadmePart[], file: string): string {
  return parts.reduce((text, p) => replaceSection(text, p.markers, p.content, file), readme);
}

/** The parts whose text in the README differs from what they should be: `[]` when fresh. */
export function staleParts(readme: string, parts: readonly ReadmePart[], file: string): string[] {
  return parts.filter((p) => readSection(readme, p.markers, file) !== p.content.trim()).map((p) => p.markers.where);
}
