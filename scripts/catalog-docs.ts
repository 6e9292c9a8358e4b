/** `npm run docs`: writes docs/catalog.md and the README's lab table (tests fail when either is stale). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderCatalogMarkdown } from '../lib/lab-kit/docs/catalog-markdown';
import { renderLabTable, updateLabTable } from '../lib/lab-kit/docs/lab-table';
import { synthLab } from '../lib/lab-kit/testing';
import { CATALOG } from '../catalog';
import { LABS } from '../labs';

async function main(): Promise<void> {
  const file = path.join(__dirname, '..', 'docs', 'catalog.md');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, renderCatalogMarkdown(CATALOG, LABS));
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
  const readme = path.join(__dirname, '..', 'README.md');
  const rows = [];
  for (const lab of LABS) rows.push({ lab, template: await synthLab(lab) });
  fs.writeFileSync(readme, updateLabTable(fs.readFileSync(readme, 'utf8'), renderLabTable(rows)));
  console.log('wrote the lab table in README.md');
}

void main();
