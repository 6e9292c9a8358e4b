/**
 * The generated diagram block of a lab README: a ```mermaid fenced block between two markers, in
 * section 3. `npm run docs` rewrites it; the invariant suite fails when it is stale.
 */
import { markersOf, readSection, replaceSection } from './readme-section';

export const DIAGRAM_MARKERS = markersOf('diagram', 'section 3 (the diagram)');
export const DIAGRAM_START = DIAGRAM_MARKERS.start;
export const DIAGRAM_END = DIAGRAM_MARKERS.end;

/** The fenced block that goes between the markers. */
export function diagramBlock(mermaid: string): string {
  return `\`\`\`mermaid\n${mermaid.endsWith('\n') ? mermaid : `${mermaid}\n`}\`\`\``;
}

/** The README's current diagram block (what is between the markers, without surrounding blank lines). */
export function readmeDiagram(readme: string, file = 'README.md'): string {
  return readSection(readme, DIAGRAM_MARKERS, file);
}

/** The README with the block between the markers replaced by this Mermaid diagram. */
export function updateReadmeDiagram(readme: string, mermaid: string, file = 'README.md'): string {
  return replaceSection(readme, DIAGRAM_MARKERS, diagramBlock(mermaid), file);
}
