/**
 * The browsable catalog: a static site of plain HTML files (no framework, no network at view
 * time), built by `npm run site`. An index of every question with client-side search and filters
 * (level, topic, verdict, settled by), a page per question and a page per lab with its example
 * report, which says plainly that it is an example.
 *
 * Pure: it gets the catalog, the lab definitions (from the registry, through the caller) and what
 * was measured or rendered for each lab, and returns the files to write.
 */
import { labsChecking, labsOfQuestion, questionSettlement, settlementOf } from '../catalog/catalog';
import type { CatalogClaim, CatalogEntry } from '../catalog/model';
import { questionsOf, type LabDefinition } from '../checks/lab-definition';
import { esc, page } from './html';

/** What the site shows of one lab beyond its definition. */
export interface SiteLab {
  readonly lab: LabDefinition;
  /** Its price per hour deployed and idle, us-east-1 (`labs cost`). */
  readonly hourlyUsd: number;
  /** The Mermaid source of its diagram (the README's generated block). */
  readonly diagram?: string;
  /** The HTML report of its example run, and what the example is. */
  readonly exampleReport?: { readonly html: string; readonly note: string };
}

/** Path (relative to the site root) → content. */
export type SiteFiles = Record<string, string>;

/** Where the site keeps its copy of Mermaid (the browser build), relative to the site root. */
export const MERMAID_SCRIPT = 'assets/mermaid.min.js';

/**
 * Files the site ships copied from installed packages, not generated: site path → the package's
 * file (for `require.resolve`). The builder copies them, so a page needs no CDN at view time.
 * Mermaid's licence (MIT) goes along with it.
 */
export const SITE_ASSETS: Readonly<Record<string, string>> = {
  [MERMAID_SCRIPT]: 'mermaid/dist/mermaid.min.js',
  'assets/mermaid.LICENSE.txt': 'mermaid/LICENSE',
};

const LEVEL_TITLES: Record<CatalogEntry['level'], string> = { beginner: 'beginner', intermediate: 'intermediate', advanced: 'advanced', toptal: 'Toptal' };

const verdictBadge = (v: string) => `<span class="badge ${esc(v)}">${esc(v)}</span>`;
const questionFile = (id: string) => `questions/${id.toLowerCase()}.html`;
const labFile = (id: string) => `labs/${id}.html`;
const reportFile = (id: string) => `labs/${id}-example-report.html`;

function howToRun(claimId: string, labs: readonly LabDefinition[]): string[] {
  return labsChecking(claimId, labs).map((r) => (r.live ? `npx labs deploy ${r.lab} && npx labs check ${r.lab} --claim=${claimId}` : `npx labs check --offline ${r.lab}   (offline only)`));
}

function claimSection(c: CatalogClaim, labs: readonly LabDefinition[], up: string): string {
  const refs = labsChecking(c.id, labs);
  const how = howToRun(c.id, labs);
  const settled = refs.length > 0 ? refs.map((r) => `<a href="${up}${esc(labFile(r.lab))}">${esc(r.lab)}</a> (${r.live ? 'live' : 'offline'})`).join(', ') : c.planned ? `planned for ${esc(c.planned.lab)}: ${esc(c.planned.note)}` : c.conceptual ? `conceptual: ${esc(c.conceptual)}` : 'unsettled';
  return `<section class="claim" id="${esc(c.id)}">
<h3>${verdictBadge(c.verdict)} ${esc(c.id)}${c.changed ? ` <span class="muted">(changed ${esc(c.changed)})</span>` : ''}</h3>
<p><strong>The seed says:</strong> ${esc(c.says)}</p>
<p><strong>Truth:</strong> ${esc(c.truth)}</p>
<p><strong>Sources:</strong> ${c.sources.map((s) => `<a href="${esc(s.url)}" rel="noreferrer">${esc(s.title)}</a>`).join('; ')}</p>
<p><strong>Settled by:</strong> ${settled}</p>
${how.length > 0 ? `<pre>${how.map(esc).join('\n')}</pre>` : ''}
</section>`;
}

function questionPage(e: CatalogEntry, labs: readonly LabDefinition[]): string {
  const labIds = labsOfQuestion(e, labs);
  return page(
    `${e.id}: ${e.question}`,
    `<nav><a href="../index.html">All questions</a></nav>
<h1>${esc(e.id)}</h1>
<p class="muted">${esc(LEVEL_TITLES[e.level])} · ${esc(e.topic)} · settled by ${esc(questionSettlement(e, labs))}${labIds.length ? ` · labs: ${labIds.map((l) => `<a href="../${esc(labFile(l))}">${esc(l)}</a>`).join(', ')}` : ''}</p>
<p><strong>${esc(e.question)}</strong></p>
<h2>The seed answer's claims</h2>
${e.claims.map((c) => claimSection(c, labs, '../')).join('\n')}`,
  );
}

function labPage(s: SiteLab, catalog: readonly CatalogEntry[]): string {
  const { lab } = s;
  const claims = new Map(catalog.flatMap((e) => e.claims.map((c) => [c.id, c] as const)));
  const rows = Object.entries(lab.checks).map(([id, check]) => {
    const c = claims.get(id);
    return `<tr><td><a href="../${esc(questionFile(id.split('.')[0]))}#${esc(id)}">${esc(id)}</a></td><td>${c ? verdictBadge(c.verdict) : 'not in the catalog'}</td><td>${check.live ? 'live and offline' : 'offline only'}</td><td>${esc(c?.says ?? '')}</td></tr>`;
  });
  const options = (lab.liveOptions ?? []).map((o) => ` [--${o.name}${o.number ? '=<n>' : ''}]`).join('');
  return page(
    `${lab.id}: ${lab.title}`,
    `<nav><a href="../index.html">All questions</a></nav>
<h1>${esc(lab.id)}</h1>
<p>${esc(lab.title)}</p>
<dl class="meta">
<dt>questions</dt><dd>${questionsOf(lab).map((q) => `<a href="../${esc(questionFile(q))}">${esc(q)}</a>`).join(' ')}</dd>
<dt>cost</dt><dd>$${esc(s.hourlyUsd.toFixed(4))}/hour deployed and idle (us-east-1 on-demand; <code>npx labs cost ${esc(lab.id)}</code>); it deletes itself after its TTL</dd>
<dt>deploy</dt><dd>${esc(lab.deployTime)}</dd>
</dl>
<h2>Run it</h2>
<pre>npx labs check --offline ${esc(lab.id)}
npx labs deploy ${esc(lab.id)}
npx labs check ${esc(lab.id)}${esc(options)} --record
npx labs report .labs/runs/&lt;run&gt;.json --html report.html
npx labs destroy ${esc(lab.id)}</pre>
<h2>Claims</h2>
<table><tr><th>claim</th><th>seed verdict</th><th>checked</th><th>the seed says</th></tr>${rows.join('')}</table>
<h2>Example report</h2>
${s.exampleReport ? `<p class="example">EXAMPLE: ${esc(s.exampleReport.note)}</p><p><a href="${esc(reportFile(lab.id).slice('labs/'.length))}">Open the example report</a> (the lab's live checks run against its mocked AWS world in the test suite).</p>` : '<p class="muted">No example report.</p>'}
<h2>Diagram</h2>
${s.diagram ? diagramSection(s.diagram) : '<p class="muted">No diagram.</p>'}`,
    s.diagram ? DIAGRAM_SCRIPT : '',
    s.diagram ? [`../${MERMAID_SCRIPT}`] : [],
  );
}

/**
 * The lab's diagram, drawn in the browser by Mermaid from the site's own copy. The source stays on
 * the page in a <details>, open until the drawing succeeds, so without script (or if Mermaid
 * fails) the reader still sees it.
 */
function diagramSection(source: string): string {
  return `<p class="muted">The stack as the lab's README draws it (generated from the template by <code>npm run docs</code>, drawn by Mermaid).</p>
<figure id="diagram" class="diagram" hidden></figure>
<details id="diagram-source" open><summary>Mermaid source</summary><pre>${esc(source)}</pre></details>`;
}

/** Renders the diagram source into the figure; an error goes to the console, where the browser tests look. */
const DIAGRAM_SCRIPT = `
(function () {
  var figure = document.getElementById('diagram'), details = document.getElementById('diagram-source');
  if (typeof mermaid === 'undefined') { console.error('the diagram was not drawn: ${MERMAID_SCRIPT} did not load'); return; }
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'neutral' });
  mermaid.render('diagram-svg', details.querySelector('pre').textContent).then(function (result) {
    figure.innerHTML = result.svg;
    if (result.bindFunctions) result.bindFunctions(figure);
    figure.hidden = false;
    details.open = false;
  }).catch(function (error) { console.error('the diagram was not drawn: ' + (error && error.message ? error.message : error)); });
})();
`;

/** The index's search and filters: rows carry their facets as data attributes; this hides the rest. */
const INDEX_SCRIPT = `
(function () {
  var q = document.getElementById('q'), rows = Array.prototype.slice.call(document.querySelectorAll('#questions tbody tr'));
  var selects = Array.prototype.slice.call(document.querySelectorAll('select[data-facet]'));
  var count = document.getElementById('count');
  function apply() {
    var words = q.value.toLowerCase().split(/\\s+/).filter(Boolean), shown = 0;
    rows.forEach(function (r) {
      var text = r.getAttribute('data-text');
      var ok = words.every(function (w) { return text.indexOf(w) >= 0; }) && selects.every(function (s) {
        return !s.value || (' ' + r.getAttribute('data-' + s.getAttribute('data-facet')) + ' ').indexOf(' ' + s.value + ' ') >= 0;
      });
      r.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = shown + ' of ' + rows.length + ' questions';
  }
  q.addEventListener('input', apply);
  selects.forEach(function (s) { s.addEventListener('change', apply); });
  apply();
})();
`;

function select(facet: string, label: string, values: readonly string[]): string {
  return `<label>${esc(label)} <select data-facet="${esc(facet)}" aria-label="${esc(label)}"><option value="">any</option>${values.map((v) => `<option value="${esc(v)}">${esc(v)}</option>`).join('')}</select></label>`;
}

function indexPage(catalog: readonly CatalogEntry[], labs: readonly LabDefinition[]): string {
  const topics = [...new Set(catalog.map((e) => e.topic))].sort();
  const rows = catalog.map((e) => {
    const verdicts = [...new Set(e.claims.map((c) => c.verdict))];
    const settled = [...new Set(e.claims.map((c) => settlementOf(c, labs)))];
    const labIds = labsOfQuestion(e, labs);
    const text = [e.id, e.topic, e.question, ...e.claims.flatMap((c) => [c.id, c.says, c.truth]), ...labIds].join(' ').toLowerCase();
    return `<tr data-level="${esc(e.level)}" data-topic="${esc(e.topic)}" data-verdict="${esc(verdicts.join(' '))}" data-settled="${esc(settled.join(' '))}" data-text="${esc(text)}">
<td><a href="${esc(questionFile(e.id))}">${esc(e.id)}</a></td><td>${esc(LEVEL_TITLES[e.level])}</td><td>${esc(e.topic)}</td><td>${esc(e.question)}</td><td>${e.claims.map((c) => verdictBadge(c.verdict)).join(' ')}</td><td>${esc(questionSettlement(e, labs))}${labIds.length ? `: ${labIds.map((l) => `<a href="${esc(labFile(l))}">${esc(l)}</a>`).join(' ')}` : ''}</td></tr>`;
  });
  return page(
    'AWS interview claims, checked',
    `<h1>AWS interview claims, checked on real infrastructure</h1>
<p class="muted">Every seed question, its claims audited: the verdict, what is true now, the AWS pages that say so, and the lab that shows it. Labs: ${labs.map((l) => `<a href="${esc(labFile(l.id))}">${esc(l.id)}</a>`).join(', ')}.</p>
<p><input id="q" type="search" placeholder="Search questions, claims, truths" aria-label="Search" size="40">
${select('level', 'level', ['beginner', 'intermediate', 'advanced', 'toptal'])}
${select('topic', 'topic', topics)}
${select('verdict', 'verdict', ['holds', 'oversimplified', 'outdated', 'wrong'])}
${select('settled', 'settled by', ['live', 'offline', 'planned', 'conceptual', 'unsettled'])}</p>
<p id="count" class="muted">${catalog.length} questions</p>
<table id="questions"><thead><tr><th>id</th><th>level</th><th>topic</th><th>question</th><th>claims by verdict</th><th>settled by</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`,
    INDEX_SCRIPT,
  );
}

/** Every file of the site. */
export function buildSite(catalog: readonly CatalogEntry[], labs: readonly SiteLab[]): SiteFiles {
  const defs = labs.map((l) => l.lab);
  const files: SiteFiles = { 'index.html': indexPage(catalog, defs) };
  for (const e of catalog) files[questionFile(e.id)] = questionPage(e, defs);
  for (const l of labs) {
    files[labFile(l.lab.id)] = labPage(l, catalog);
    if (l.exampleReport) files[reportFile(l.lab.id)] = l.exampleReport.html;
  }
  return files;
}
