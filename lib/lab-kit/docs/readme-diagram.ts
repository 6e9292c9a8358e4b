/**
 * The generated diagram block of a lab README: a ```mermaid fenced block between two markers, in
 * section 3. `scripts/diagrams.ts` rewrites it; `test/labs/readme-diagrams.test.ts` fails when stale.
 */

export const DIAGRAM_START = '<!-- diagram:start -->';
export const DIAGRAM_END = '<!-- diagram:end -->';

/** The fenced block that goes between the markers. */
export function diagramBlock(mermaid: string): string {
  return `\`\`\`mermaid\n${mermaid.endsWith('\n') ? mermaid : `${mermaid}\n`}\`\`\``;
}

/** Where the text between the markers starts and ends; throws naming the file when they are missing or misplaced. */
function markerRange(readme: string, file: string): [number, number] {
  const start = readme.indexOf(DIAGRAM_START);
  const end = readme.indexOf(DIAGRAM_END);
  const problem =
    start < 0 || end < 0 ? `missing ${[start < 0 ? DIAGRAM_START : '', end < 0 ? DIAGRAM_END : ''].filter(Boolean).join(' and ')}`
    : end < start ? `${DIAGRAM_END} comes before ${DIAGRAM_START}`
    : readme.indexOf(DIAGRAM_START, start + 1) >= 0 || readme.indexOf(DIAGRAM_END, end + 1) >= 0 ? 'the markers appear more than once'
    : undefined;
  if (problem) {
    throw new Error(`${file}: ${problem}; put the diagram of section 3 between the lines ${DIAGRAM_START} and ${DIAGRAM_END}, then run npm run docs`);
  }
  return [start + DIAGRAM_START.length, end];
}

/** The README's current diagram block (what is between the markers, without surrounding blank lines). */
export function readmeDiagram(readme: string, file = 'README.md'): string {
  const [from, to] = markerRange(readme, file);
  return readme.slice(from, to).trim();
}

/** The README with the block between the markers replaced by this Mermaid diagram. */
export function updateReadmeDiagram(readme: string, mermaid: string, file = 'README.md'): string {
  const [from, to] = markerRange(readme, file);
  return `${readme.slice(0, from)}\n${diagramBlock(mermaid)}\n${readme.slice(to)}`;
}
