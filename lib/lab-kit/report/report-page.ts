/**
 * The HTML report of a recorded run: one self-contained file (inline CSS and SVG, no script, no
 * network at view time) with the run's provenance, each claim's outcome today and as recorded,
 * its figures, and a plot per timeline. Every text from the run or the catalog is escaped.
 */
import type { CatalogClaim } from '../catalog/model';
import type { LabDefinition, TimelinePlot } from '../checks/lab-definition';
import type { CheckResult } from '../checks/runner';
import type { Rejudged } from '../record/rejudge';
import type { RunRecord } from '../record/run-record';
import { esc, page } from './html';
import { renderSvg } from './svg';

/** A plot rendered, or why it could not be (shown in its place). */
export interface RenderedPlot {
  readonly plot: TimelinePlot;
  readonly svg?: string;
  readonly error?: string;
}

/** The lab's plots of the run, each rendered to SVG. */
export async function renderPlots(lab: LabDefinition, record: RunRecord): Promise<RenderedPlot[]> {
  if (!lab.timelines) return [];
  const observed = Object.fromEntries(record.observations.filter((o) => o.outcome === 'observed').map((o) => [o.name, o.value]));
  const plots = (await lab.timelines())(observed);
  const out: RenderedPlot[] = [];
  for (const plot of plots) {
    try {
      out.push({ plot, svg: await renderSvg(plot.spec) });
    } catch (error) {
      out.push({ plot, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return out;
}

const badge = (outcome: string) => `<span class="badge ${esc(outcome)}">${esc(outcome)}</span>`;

function figureRows(r: CheckResult): string {
  const figures = r.judgement?.figures ?? [];
  if (figures.length === 0) return '';
  return `<table><tr><th>figure</th><th>value</th></tr>${figures.map((f) => `<tr><td>${esc(f.name)}</td><td>${esc(f.value)} ${esc(f.unit)}</td></tr>`).join('')}</table>`;
}

/** What the run's own checks saw, when the record kept it (schema 2). */
function recordedEvidence(r: RunRecord['results'][number]): string {
  const items = [...r.expectations.map((e) => `${e.met ? 'met' : 'NOT met'}: ${e.what}: expected ${e.expected}, saw ${e.actual}`), ...r.preconditions.map((p) => `precondition ${p.met ? 'met' : 'NOT met'}: ${p.what} (saw ${p.actual})`)];
  if (items.length === 0) return '';
  return `<details><summary>What the run's checks expected and saw, as recorded</summary><ul>${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul></details>`;
}

function claimBlock(r: CheckResult, record: RunRecord, claim: CatalogClaim | undefined, differences: Rejudged['differences']): string {
  const recorded = record.results.find((x) => x.claim === r.claim);
  const mine = differences.filter((d) => d.claim === r.claim);
  const j = r.judgement;
  return `<section class="claim" id="${esc(r.claim)}">
<h3>${badge(r.outcome)} ${esc(r.claim)}</h3>
${claim ? `<p><strong>The seed says:</strong> ${esc(claim.says)} <span class="badge ${esc(claim.verdict)}">${esc(claim.verdict)}</span><br><strong>Truth:</strong> ${esc(claim.truth)}</p>` : ''}
<p>${esc(r.summary)}</p>
${j ? `<p><strong>Observed:</strong> ${esc(j.observed)}</p>` : ''}
${figureRows(r)}
${j ? `<details><summary>How it was observed</summary><p class="muted">${esc(j.method)}</p></details>` : ''}
${recorded ? `<p class="muted">Recorded: ${badge(recorded.outcome)} ${esc(recorded.summary)}</p>${recordedEvidence(recorded)}` : ''}
${mine.map((d) => `<div class="diff"><strong>${esc(d.kind)} differs.</strong> Recorded: ${esc(d.recorded)}<br>Today: ${esc(d.today)}</div>`).join('')}
</section>`;
}

function plotBlock(p: RenderedPlot): string {
  return `<figure class="plot"><h3>${esc(p.plot.title)}</h3>${p.svg ?? `<p class="diff">This plot could not be drawn: ${esc(p.error)}</p>`}<figcaption>${esc(p.plot.caption)}</figcaption></figure>`;
}

/** The page. */
export function reportPage(input: { readonly lab: LabDefinition; readonly record: RunRecord; readonly judged: Rejudged; readonly plots: readonly RenderedPlot[]; readonly claims: (id: string) => CatalogClaim | undefined }): string {
  const { lab, record, judged, plots, claims } = input;
  const counts = (['pass', 'fail', 'inconclusive', 'error', 'skipped'] as const).map((o) => [o, judged.results.filter((r) => r.outcome === o).length] as const).filter(([, n]) => n > 0);
  const body = `
<h1>${esc(lab.id)}: recorded run</h1>
<p class="muted">${esc(lab.title)}</p>
${record.example ? `<p class="example">EXAMPLE: ${esc(record.example)}</p>` : ''}
<dl class="meta">
<dt>run</dt><dd>${esc(record.startedAt)} to ${esc(record.endedAt)} (${esc(Math.round(record.durationMs / 1000))} s), ${esc(record.region)}</dd>
<dt>recorded by</dt><dd>version ${esc(record.kitVersion)}, record schema ${esc(record.upgradedFrom ? `${record.upgradedFrom} (read as ${record.schemaVersion})` : record.schemaVersion)}</dd>
<dt>template</dt><dd>${esc(record.templateHash ?? `not hashed: ${record.templateHashError ?? 'unknown'}`)}</dd>
<dt>account</dt><dd>${esc(record.redaction.account === 'redacted' ? 'redacted (account id and ARNs\' account fields replaced)' : 'kept (--keep-account)')}</dd>
<dt>options</dt><dd>${esc(Object.entries(record.options).map(([k, v]) => `--${k}${v === true ? '' : `=${v}`}`).join(' ') || 'none')}</dd>
<dt>judged today</dt><dd>${counts.map(([o, n]) => `${badge(o)} ${n}`).join(' ')}</dd>
</dl>
<h2>Differences from the recorded judgement</h2>
${judged.differences.length === 0 ? "<p>None: today's checks judge the recorded observations as the run did.</p>" : `<ul>${judged.differences.map((d) => `<li><a href="#${esc(d.claim)}">${esc(d.claim)}</a>: ${esc(d.kind)} (recorded ${esc(d.recorded)}; today ${esc(d.today)})</li>`).join('')}</ul>`}
<h2>Timelines</h2>
${plots.length === 0 ? '<p class="muted">No timeline was recorded (its observations failed or were skipped, or the lab draws none).</p>' : plots.map(plotBlock).join('\n')}
<h2>Claims, judged again with today's checks</h2>
${judged.results.map((r) => claimBlock(r, record, claims(r.claim), judged.differences)).join('\n')}
<p class="muted">Made by <code>labs report --html</code> from the recorded observations, offline.</p>`;
  return page(`${lab.id} run ${record.startedAt}${record.example ? ' (example)' : ''}`, body);
}
