import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderMermaid } from '../../lib/lab-kit/docs/diagram';
import { PROJECT_ROOT } from '../../lib/lab-kit/app/lab-app';
import { DIAGRAM_START, diagramBlock, readmeDiagram } from '../../lib/lab-kit/docs/readme-diagram';
import { synthLab } from '../../lib/lab-kit/checks/testing';
import { LABS } from '../../labs';

/** The first line where two texts differ, to point at what changed. */
function firstDifference(actual: string, expected: string): string {
  const a = actual.split('\n');
  const e = expected.split('\n');
  const i = e.findIndex((line, n) => a[n] !== line);
  const at = i < 0 ? e.length : i;
  return `line ${at + 1} of the block: README has ${JSON.stringify(a[at] ?? '(nothing)')}, the template gives ${JSON.stringify(e[at] ?? '(nothing)')}`;
}

describe.each(LABS.map((lab) => [lab.id, lab] as const))('%s README', (id, lab) => {
  const relative = path.join('labs', id, 'README.md');
  const file = path.join(PROJECT_ROOT, relative);

  test('has its diagram markers in section 3', () => {
    if (!fs.existsSync(file)) throw new Error(`${relative} is missing: every lab has a README (see the template in DESIGN.md)`);
    const readme = fs.readFileSync(file, 'utf8');
    readmeDiagram(readme, relative); // throws naming the file when the markers are missing
    const marker = readme.indexOf(DIAGRAM_START);
    const section3 = readme.search(/^## 3\./m);
    const section4 = readme.search(/^## 4\./m);
    expect({ file: relative, inSection3: section3 >= 0 && marker > section3 && (section4 < 0 || marker < section4) }).toEqual({ file: relative, inSection3: true });
  });

  test('diagram is the one drawn from the synthesized template (run `npm run docs` after changing the stack)', () => {
    if (!fs.existsSync(file)) throw new Error(`${relative} is missing`);
    const actual = readmeDiagram(fs.readFileSync(file, 'utf8'), relative);
    const expected = diagramBlock(renderMermaid(synthLab(lab, { nag: false })));
    if (actual !== expected) {
      throw new Error(`${relative}: the diagram is stale; run \`npm run docs\` to redraw it from the template (${firstDifference(actual, expected)})`);
    }
  });
});
