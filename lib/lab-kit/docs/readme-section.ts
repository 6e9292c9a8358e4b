/**
 * Generated sections of a README: text between a start and an end marker that `npm run docs`
 * rewrites and a freshness test compares. Everything outside the markers is written by hand.
 */

/** The two marker lines of a generated section, e.g. `<!-- diagram:start -->` / `<!-- diagram:end -->`. */
export interface SectionMarkers {
  readonly start: string;
  readonly end: string;
  /** Where the section belongs, for the error message (`section 3`). */
  readonly where: string;
}

/** Markers named `<!-- name:start -->` and `<!-- name:end -->`. */
export function markersOf(name: string, where: string): SectionMarkers {
  return { start: `<!-- ${name}:start -->`, end: `<!-- ${name}:end -->`, where };
}

/** Where the text between the markers starts and ends; throws naming the file when they are missing or misplaced. */
function markerRange(readme: string, m: SectionMarkers, file: string): [number, number] {
  const start = readme.indexOf(m.start);
  const end = readme.indexOf(m.end);
  const problem =
    start < 0 || end < 0 ? `missing ${[start < 0 ? m.start : '', end < 0 ? m.end : ''].filter(Boolean).join(' and ')}`
    : end < start ? `${m.end} comes before ${m.start}`
    : readme.indexOf(m.start, start + 1) >= 0 || readme.indexOf(m.end, end + 1) >= 0 ? 'the markers appear more than once'
    : undefined;
  if (problem) throw new Error(`${file}: ${problem}; put the generated part of ${m.where} between the lines ${m.start} and ${m.end}, then run npm run docs`);
  return [start + m.start.length, end];
}

/** The section's current text (what is between the markers, without surrounding blank lines). */
export function readSection(readme: string, m: SectionMarkers, file = 'README.md'): string {
  const [from, to] = markerRange(readme, m, file);
  return readme.slice(from, to).trim();
}

/** The README with the section between the markers replaced. */
export function replaceSection(readme: string, m: SectionMarkers, content: string, file = 'README.md'): string {
  const [from, to] = markerRange(readme, m, file);
  return `${readme.slice(0, from)}\n${content.trimEnd()}\n${readme.slice(to)}`;
}
