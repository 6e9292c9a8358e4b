import { buildSite, type SiteLab } from '../../lib/lab-kit/report/site';
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

  test('catalog text is escaped everywhere it goes', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const entry: CatalogEntry = { ...CATALOG[0], question: `${evil}?`, claims: [{ ...CATALOG[0].claims[0], says: evil, truth: evil }] };
    const site = buildSite([entry], []);
    for (const text of Object.values(site)) expect(text).not.toContain(evil);
    expect(site['index.html']).toContain('&lt;img src=x onerror=alert(1)&gt;?');
  });
});
