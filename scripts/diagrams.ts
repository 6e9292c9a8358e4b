/**
 * Rewrites the generated parts of every lab's README (section 1's claims table from the catalog,
 * section 3's Mermaid diagram from the template). Part of `npm run docs`; the invariant suite fails
 * when a README is stale. Run with `node --import tsx scripts/diagrams.ts`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../lib/lab-kit/core/project';
import { indexClaims } from '../lib/lab-kit/catalog/catalog';
import { synthLab } from '../lib/lab-kit/testing';
import { readmeParts, updateReadme } from '../lib/lab-kit/docs/readme-parts';
import { CATALOG } from '../catalog';
import { LABS } from '../labs';

async function main(): Promise<void> {
  const claims = indexClaims(CATALOG);
  let failed = 0;
  for (const lab of LABS) {
    const relative = path.join('labs', lab.id, 'README.md');
    const file = path.join(PROJECT_ROOT, relative);
    try {
      const readme = fs.readFileSync(file, 'utf8');
      const updated = updateReadme(readme, readmeParts(lab, await synthLab(lab), (id) => claims.get(id)?.claim), relative);
      if (updated === readme) console.log(`unchanged ${relative}`);
      else {
        fs.writeFileSync(file, updated);
        console.log(`wrote ${relative}`);
      }
    } catch (error) {
      failed++;
      console.error(error instanceof Error ? error.message : error);
    }
  }
  if (failed > 0) process.exitCode = 1;
}

void main();
