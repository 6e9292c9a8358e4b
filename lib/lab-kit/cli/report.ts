/**
 * `labs report <run.json>`: a recorded run judged again with today's checks, offline, and where
 * today's verdict differs from the recorded one.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { indexClaims } from '../catalog/catalog';
import type { LabDefinition } from '../checks/lab-definition';
import { type ClaimLookup, countOutcomes, exitCodeOf } from '../checks/runner';
import { EXIT, UserError } from '../core/errors';
import { rejudge, type Difference, type Rejudged } from '../record/rejudge';
import { readRunRecord, type RunRecord, RunRecordError } from '../record/run-record';
import { renderPlots, reportPage } from '../report/report-page';
import type { ParsedArgs } from './args';
import { type CliEnv, styleOf, suggestion } from './context';
import { formatReport, paint, wrap } from './format';

/** A run file read and checked, and its lab. @throws UserError (exit 2) in one line for a missing, unreadable or unknown run */
export function loadRun(env: CliEnv, file: string): { record: RunRecord; lab: LabDefinition } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? `no run file ${file}: give the path of a file \`labs check <lab> --record\` wrote (in .labs/runs/ by default)` : `cannot read ${file}: ${(error as Error).message}`);
  }
  let record: RunRecord;
  try {
    record = readRunRecord(text, file);
  } catch (error) {
    if (error instanceof RunRecordError) throw new UserError(error.message);
    throw error;
  }
  const lab = env.labs.find((l) => l.id === record.lab);
  if (!lab) throw new UserError(`${file} is a run of lab ${JSON.stringify(record.lab)}, which this checkout does not have${suggestion(record.lab, env.labs.map((l) => l.id))}; labs: ${env.labs.map((l) => l.id).join(', ')}`);
  return { record, lab };
}

export function claimLookup(env: CliEnv): ClaimLookup {
  const claims = indexClaims(env.catalog);
  return (id) => claims.get(id)?.claim;
}

const KIND: Record<Difference['kind'], string> = {
  outcome: 'outcome',
  reasons: 'same outcome, other reasons',
  figures: 'same outcome, other figures',
  verdict: "the catalog's seed verdict",
  gone: 'claim gone',
  new: 'claim new',
};

/** The run's provenance in one line. */
export function provenance(record: RunRecord): string {
  return `run of ${record.startedAt} in ${record.region}, ${Math.round(record.durationMs / 1000)} s, recorded by version ${record.kitVersion} (record schema ${record.upgradedFrom ? `${record.upgradedFrom}, read as ${record.schemaVersion}` : record.schemaVersion}), template ${record.templateHash ?? `not hashed (${record.templateHashError ?? 'unknown'})`}, account ${record.redaction.account}`;
}

function differenceLines(differences: readonly Difference[]): string[] {
  if (differences.length === 0) return ["no difference: today's checks judge the recorded observations as the run did"];
  return [
    `${differences.length} difference(s) from the recorded judgement:`,
    ...differences.flatMap((d) => [`  ${d.claim}: ${KIND[d.kind]}`, `      recorded: ${d.recorded}`, `      today:    ${d.today}`]),
  ];
}

/** The text of a re-judged run. */
export function reportText(env: CliEnv, record: RunRecord, judged: Rejudged): string {
  const style = styleOf(env);
  const lines = [
    ...(record.example ? [paint(style, 'yellow', `EXAMPLE: ${record.example}`), ''] : []),
    wrap(`${record.lab}: ${provenance(record)}`, style.width, 2),
    '',
    formatReport(`${record.lab} judged again with today's checks (offline, from the recorded observations)`, judged.results, style),
    '',
    ...differenceLines(judged.differences).map((l) => wrap(l, style.width, 10)),
  ];
  return lines.join('\n');
}

/** Writes the HTML report; returns the number of plots drawn. */
export async function writeHtmlReport(env: CliEnv, lab: LabDefinition, record: RunRecord, judged: Rejudged, file: string): Promise<{ plots: number; failed: number }> {
  const claims = indexClaims(env.catalog);
  const plots = await renderPlots(lab, record);
  const html = reportPage({ lab, record, judged, plots, claims: (id) => claims.get(id)?.claim });
  try {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(file, html);
  } catch (error) {
    throw new UserError(`--html: could not write ${file}: ${(error as Error).message}`, EXIT.checkError);
  }
  return { plots: plots.filter((p) => p.svg).length, failed: plots.filter((p) => !p.svg).length };
}

/** `labs report <run.json> [--json] [--html <file>]`. Exit code: today's worst outcome, as `labs check` (0, 1, 3, 4). */
export async function reportCommand(env: CliEnv, args: ParsedArgs): Promise<number> {
  const { record, lab } = loadRun(env, args.positionals[0]);
  const judged = rejudge(lab, record, claimLookup(env));
  if (typeof args.flags.html === 'string') {
    const drawn = await writeHtmlReport(env, lab, record, judged, args.flags.html);
    const line = `wrote ${args.flags.html}: one self-contained page (inline CSS and SVG, no network), ${drawn.plots} timeline plot(s)${drawn.failed ? `, ${drawn.failed} that could not be drawn` : ''}${record.example ? '; the run is an EXAMPLE and the page says so' : ''}`;
    (args.flags.json ? env.io.err : env.io.out)(line);
  }
  if (args.flags.json) {
    const { observations: _o, results: recorded, ...meta } = record;
    env.io.out(JSON.stringify({ run: meta, recorded, today: judged.results, differences: judged.differences, summary: countOutcomes(judged.results) }, null, 2));
  } else env.io.out(reportText(env, record, judged));
  return exitCodeOf(judged.results);
}
