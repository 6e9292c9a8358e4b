/** `npm run docs`: writes docs/catalog.md from the catalog (a test fails when it is stale). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderCatalogMarkdown } from '../lib/lab-kit/catalog-markdown';
import { LABS } from '../labs';
import { CATALOG } from '../labs/catalog';

const file = path.join(__dirname, '..', 'docs', 'catalog.md');
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, renderCatalogMarkdown(CATALOG, LABS));
console.log(`wrote ${path.relative(process.cwd(), file)}`);
