/**
 * `npm run site [-- --out=<dir>]`: the browsable catalog as a static site (default `site/`,
 * gitignored): open `site/index.html`. Labs come from the registry; each lab's price from its
 * synthesized template, its diagram from its README, its example report from its recorded-format
 * example run (labelled an example on every page that shows it). Mermaid, which draws the lab
 * diagrams in the browser, is copied from node_modules into `assets/`: nothing is fetched at view time.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { indexClaims } from '../lib/lab-kit/catalog/catalog';
import { synthLabTemplate } from '../lib/lab-kit/cli/synth';
import { readmeDiagram } from '../lib/lab-kit/docs/readme-diagram';
import { estimateCost } from '../lib/lab-kit/operations/cost';
import { rejudge } from '../lib/lab-kit/record/rejudge';
import { readRunRecord } from '../lib/lab-kit/record/run-record';
import { renderPlots, reportPage } from '../lib/lab-kit/report/report-page';
import { buildSite, SITE_ASSETS, type SiteLab } from '../lib/lab-kit/report/site';
import { CATALOG } from '../catalog';
import { LABS } from '../labs';

const ROOT = path.join(__dirname, '..');

async function main(): Promise<void> {
  const outArg = process.argv.slice(2).find((a) => a.startsWith('--out='));
  const out = path.resolve(outArg ? outArg.slice('--out='.length) : path.join(ROOT, 'site'));
  const claims = indexClaims(CATALOG);
  const lookup = (id: string) => claims.get(id)?.claim;
  const labs: SiteLab[] = [];
  for (const lab of LABS) {
    const synth = await synthLabTemplate(lab, false);
    if (!synth.ok) throw new Error(`${lab.id} does not synthesize: ${synth.error}`);
    const readme = path.join(ROOT, 'labs', lab.id, 'README.md');
    const diagram = fs.existsSync(readme) ? readmeDiagram(fs.readFileSync(readme, 'utf8'), readme).replace(/^```mermaid\n|```$/g, '').trim() : undefined;
    const runFile = path.join(ROOT, 'labs', lab.id, 'test', 'fixtures', 'example-run.json');
    let exampleReport: SiteLab['exampleReport'];
    if (fs.existsSync(runFile)) {
      const record = readRunRecord(fs.readFileSync(runFile, 'utf8'), runFile);
      const html = reportPage({ lab, record, judged: rejudge(lab, record, lookup), plots: await renderPlots(lab, record), claims: lookup });
      exampleReport = { html, note: record.example ?? 'an example' };
    }
    labs.push({ lab, hourlyUsd: estimateCost(synth.template).hourly, diagram, exampleReport });
    console.log(`${lab.id}: priced, ${diagram ? 'diagram' : 'no diagram'}, ${exampleReport ? 'example report' : 'no example report'}`);
  }
  const files = buildSite(CATALOG, labs);
  fs.rmSync(out, { recursive: true, force: true });
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
    fs.writeFileSync(path.join(out, file), text);
  }
  for (const [file, source] of Object.entries(SITE_ASSETS)) {
    fs.mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
    fs.copyFileSync(require.resolve(source), path.join(out, file));
  }
  console.log(`wrote ${Object.keys(files).length} files and ${Object.keys(SITE_ASSETS).length} assets to ${path.relative(process.cwd(), out) || '.'}: open ${path.join(path.relative(process.cwd(), out), 'index.html')}`);
}

main().catch((error) => {
  console.error(`npm run site: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
