/**
 * Rewrites the Mermaid diagram in section 3 of every lab's README (between `<!-- diagram:start -->`
 * and `<!-- diagram:end -->`) from the lab's synthesized template. Part of `npm run docs`;
 * test/labs/readme-diagrams.test.ts fails when a README's diagram is stale.
 *
 * Run with `node --import tsx scripts/diagrams.ts`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderMermaid } from '../lib/lab-kit/docs/diagram';
import { PROJECT_ROOT } from '../lib/lab-kit/app/lab-app';
import { updateReadmeDiagram } from '../lib/lab-kit/docs/readme-diagram';
import { synthLab } from '../lib/lab-kit/checks/testing';
import { LABS } from '../labs';

let failed = 0;
for (const lab of LABS) {
  const relative = path.join('labs', lab.id, 'README.md');
  const file = path.join(PROJECT_ROOT, relative);
  if (!fs.existsSync(file)) {
    console.log(`skipped ${relative}: no such file`);
    continue;
  }
  try {
    const readme = fs.readFileSync(file, 'utf8');
    const updated = updateReadmeDiagram(readme, renderMermaid(synthLab(lab, { nag: false })), relative);
    if (updated === readme) {
      console.log(`unchanged ${relative}`);
    } else {
      fs.writeFileSync(file, updated);
      console.log(`wrote ${relative}`);
    }
  } catch (error) {
    failed++;
    console.error(error instanceof Error ? error.message : error);
  }
}
if (failed > 0) process.exitCode = 1;
