import * as fs from 'node:fs';
import { buildSite, MERMAID_SCRIPT, SITE_ASSETS, type SiteLab } from '../../lib/lab-kit/report/site';
import type { CatalogEntry } from '../../lib/lab-kit/catalog/model';
import { CATALOG } from '../../catalog';
import { LABS } from '../../labs';

const siteLabs: SiteLab[] = LABS.map((lab) => ({ lab, hourlyUsd: 0.0388, diagram: 'flowchart LR\n  a --> b', exampleReport: { html: '<html>report</html>', note: 'an example, not a real run: made in a test' } }));

describe('the browsable catalog (npm run site)', () => {
  const files = buildSite(CATALOG, siteLabs);

  test('an index, a page per question, a page and an example report per lab', () => {
    expect(Object.keys(files)).toHaveLength(1 + 135 + 2 * LABS.length);
    for (const e of CATALOG) expect(files[`questions/${e.id.toLowerCase()}.html`]).toContain(`<h1>${e.id}</h1>`);
    for (const l of LABS) expect(files[`labs/${l.id}-example-report.html`]).toBe('<html>report</html>');
  });

  test('the index lists all 135 questions with their facets for the filters and their words for the search', () => {
    const index = files['index.html'];
    expect(index.match(/<tr data-level=/g)).toHaveLength(135);
    expect(index).toContain('<tr data-level="beginner" data-topic="networking" data-verdict="holds oversimplified" data-settled="live" data-text="b2 ');
    for (const facet of ['level', 'topic', 'verdict', 'settled']) expect(index).toContain(`<select data-facet="${facet}"`);
    // The search reads a row's claims and truths too, lowercased.
    const b2 = CATALOG.find((e) => e.id === 'B2')!;
    expect(index).toContain(b2.claims[0].truth.toLowerCase().slice(0, 40).replace(/'/g, '&#39;'));
    expect(index).toContain('<script>');
    expect(index).not.toMatch(/<script src|<link/);
  });

  test('a question page has its claims, verdicts, truths, sources, labs and how to run them', () => {
    const b2 = files['questions/b2.html'];
    expect(b2).toContain('<span class="badge oversimplified">oversimplified</span> B2.nat-gateway-serves-public-subnet');
    expect(b2).toContain('<a href="https://docs.aws.amazon.com/');
    expect(b2).toContain('<a href="../labs/nat-vs-public-ip.html">nat-vs-public-ip</a> (live)');
    expect(b2).toContain('npx labs deploy nat-vs-public-ip &amp;&amp; npx labs check nat-vs-public-ip --claim=B2.nat-gateway-serves-public-subnet');
  });

  test('a lab page has its cost, claims, diagram and the example report, labelled an example', () => {
    const lab = files['labs/rds-multi-az-failover.html'];
    expect(lab).toContain('$0.0388/hour deployed and idle');
    expect(lab).toContain('<p class="example">EXAMPLE: an example, not a real run: made in a test</p>');
    expect(lab).toContain('<a href="rds-multi-az-failover-example-report.html">Open the example report</a>');
    expect(lab).toContain('<pre>flowchart LR\n  a --&gt; b</pre>');
    expect(lab).toContain('I18.fails-over-to-standby');
  });

  test("a lab page draws its diagram with the site's own copy of Mermaid and keeps the source, unfolded until drawn", () => {
    const lab = files['labs/rds-multi-az-failover.html'];
    expect(lab).toContain(`<script src="../${MERMAID_SCRIPT}"></script>`);
    expect(lab).toContain('<figure id="diagram" class="diagram" hidden></figure>');
    expect(lab).toContain('<details id="diagram-source" open><summary>Mermaid source</summary><pre>flowchart LR\n  a --&gt; b</pre></details>');
    expect(lab).toContain("mermaid.render('diagram-svg'");
    // Only the pages that load it let a script come from the site; nothing comes from the network.
    expect(lab).toContain("script-src 'self' 'unsafe-inline'");
    expect(lab).not.toMatch(/(src|href)="https?:/);
    for (const file of ['index.html', 'questions/b2.html']) {
      expect(files[file]).toContain("script-src 'unsafe-inline';");
      expect(files[file]).not.toContain('<script src');
    }
  });

  test('a lab without a diagram loads no Mermaid', () => {
    const bare = buildSite(CATALOG, [{ ...siteLabs[0], diagram: undefined }])[`labs/${siteLabs[0].lab.id}.html`];
    expect(bare).toContain('<p class="muted">No diagram.</p>');
    expect(bare).not.toContain('<script src');
    expect(bare).not.toContain('mermaid');
  });

  test("the assets the site copies exist in the installed packages: Mermaid's browser build and its licence", () => {
    expect(Object.keys(SITE_ASSETS)).toContain(MERMAID_SCRIPT);
    for (const source of Object.values(SITE_ASSETS)) expect(fs.statSync(require.resolve(source)).size).toBeGreaterThan(0);
    expect(fs.readFileSync(require.resolve(SITE_ASSETS[MERMAID_SCRIPT]), 'utf8').slice(0, 5000)).toMatch(/mermaid/);
  });

  test('catalog text is escaped everywhere it goes', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const entry: CatalogEntry = { ...CATALOG[0], question: `${evil}?`, claims: [{ ...CATALOG[0].claims[0], says: evil, truth: evil }] };
    const site = buildSite([entry], []);
    for (const text of Object.values(site)) expect(text).not.toContain(evil);
    expect(site['index.html']).toContain('&lt;img src=x onerror=alert(1)&gt;?');
  });
});
