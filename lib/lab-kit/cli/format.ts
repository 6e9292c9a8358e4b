import type { Figure, Outcome } from '../checks/judgement';
import { type CheckResult, countOutcomes } from '../checks/runner';

/**
 * How output looks where it goes: colour only on a terminal (NO_COLOR and FORCE_COLOR honoured),
 * lines fitted to the terminal's width; piped, plain text with unwrapped lines.
 */
export interface Style {
  readonly color: boolean;
  readonly width: number;
}

/** Plain text: no colour, lines unwrapped (output that is piped). */
export const PLAIN: Style = { color: false, width: Infinity };

/**
 * Colour on a terminal, per https://no-color.org and the FORCE_COLOR convention: NO_COLOR (any
 * value but empty) turns it off, FORCE_COLOR turns it on (`0` or `false` off), TERM=dumb off.
 */
export function colorWanted(env: NodeJS.ProcessEnv, isTTY: boolean | undefined): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return !['0', 'false'].includes(env.FORCE_COLOR.toLowerCase());
  return isTTY === true && env.TERM !== 'dumb';
}

const CODES = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39], magenta: [35, 39], cyan: [36, 39] } as const;
export type Paint = keyof typeof CODES;

/** Text in a colour, when the style has colour. */
export function paint(style: Style, colour: Paint, text: string): string {
  if (!style.color) return text;
  const [on, off] = CODES[colour];
  return `\x1b[${on}m${text}\x1b[${off}m`;
}

const ANSI = /\x1b\[[0-9;]*m/g;

/** The width of text on screen (colour codes take none). */
export function visibleLength(text: string): number {
  return text.replace(ANSI, '').length;
}

/**
 * Wraps one line at spaces to the width, continuation lines indented under the text (the line's
 * own indentation plus `hang`). A word longer than the width (a URL) stays whole.
 */
export function wrapLine(line: string, width: number, hang = 2): string[] {
  if (visibleLength(line) <= width) return [line];
  const indent = /^\s*/.exec(line)![0];
  const next = indent + ' '.repeat(hang);
  const words = line.slice(indent.length).split(' ');
  const out: string[] = [];
  let current = indent;
  let empty = true;
  for (const word of words) {
    const candidate = empty ? current + word : `${current} ${word}`;
    if (!empty && visibleLength(candidate) > width) {
      out.push(current);
      current = next + word;
    } else current = candidate;
    empty = false;
  }
  out.push(current);
  return out;
}

/** Wraps every line of a text. */
export function wrap(text: string, width: number, hang = 2): string {
  return text.split('\n').flatMap((l) => wrapLine(l, width, hang)).join('\n');
}

/**
 * A plain-text table: columns padded to their widest cell. With a width, the last column wraps
 * within what is left (under its own start), or, when too little is left, goes on lines of its own.
 */
export function table(rows: readonly (readonly string[])[], header?: readonly string[], width?: number): string {
  const all = header ? [header, ...rows] : rows;
  const widths = all.reduce<number[]>((w, row) => row.map((cell, i) => Math.max(w[i] ?? 0, visibleLength(cell))), []);
  const pad = (cell: string, w: number) => cell + ' '.repeat(Math.max(0, w - visibleLength(cell)));
  const lead = (row: readonly string[]) => row.slice(0, -1).map((cell, i) => pad(cell, widths[i])).join('  ');
  const start = widths.slice(0, -1).reduce((s, w) => s + w + 2, 0);
  const room = width === undefined ? Infinity : width - start;
  const line = (row: readonly string[]): string[] => {
    const last = row[row.length - 1] ?? '';
    const first = row.length > 1 ? `${lead(row)}  ` : '';
    if (visibleLength(last) <= room) return [(first + last).trimEnd()];
    if (room >= 24) {
      const parts = wrapLine(last, room, 0);
      return parts.map((p, i) => (i === 0 ? first + p : ' '.repeat(start) + p.trimStart()).trimEnd());
    }
    return [first.trimEnd(), ...wrapLine(`    ${last}`, width!, 0)];
  };
  const out = all.flatMap(line);
  if (header) out.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  ').slice(0, width ?? Infinity));
  return out.join('\n');
}

/** Money, always with the same precision: four decimals ($0.0955, $2.2920). */
export function usd(amount: number): string {
  return `$${amount.toFixed(4)}`;
}

/** Seconds as the report shows them: `3.2 s`, `2 min 05 s`. */
export function elapsed(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${String(Math.round(s - m * 60)).padStart(2, '0')} s`;
}

export function formatFigures(figures: readonly Figure[] | undefined): string {
  return (figures ?? []).map((f) => `${f.name} ${f.value} ${f.unit}`).join(', ');
}

const LABEL: Record<Outcome, string> = { pass: 'PASS', fail: 'FAIL', inconclusive: 'INCONCLUSIVE', error: 'ERROR', skipped: 'SKIP' };
const COLOUR: Record<Outcome, Paint> = { pass: 'green', fail: 'red', inconclusive: 'yellow', error: 'magenta', skipped: 'dim' };
const WIDTH = Math.max(...Object.values(LABEL).map((l) => l.length));

/** An outcome's label, padded, in its colour. */
export function outcomeLabel(style: Style, outcome: Outcome, padded = true): string {
  return paint(style, COLOUR[outcome], padded ? LABEL[outcome].padEnd(WIDTH) : LABEL[outcome]);
}

/** `3 passed, 1 failed, 0 inconclusive, 0 errors, 2 skipped`: every outcome, always in this order. */
export function formatCounts(results: readonly CheckResult[]): string {
  const c = countOutcomes(results);
  return `${c.pass} passed, ${c.fail} failed, ${c.inconclusive} inconclusive, ${c.error} errors, ${c.skipped} skipped`;
}

/**
 * The report of a check run: one block per check with its outcome, claim, the seed's verdict, what
 * the outcome means for the seed, the unmet expectations or preconditions, and the evidence (what
 * was observed, how, and the figures). Lines are fitted to the style's width.
 */
export function formatReport(title: string, results: readonly CheckResult[], style: Style = PLAIN, evidence: 'all' | 'problems' = 'all'): string {
  const lines = [paint(style, 'bold', title)];
  const pad = ' '.repeat(WIDTH + 3);
  for (const r of results) {
    lines.push(`  ${outcomeLabel(style, r.outcome)} ${r.claim}`);
    lines.push(`${pad}${r.verdict ? `seed: ${r.verdict}` : 'kit guardrail'} → ${r.summary}`);
    const j = r.judgement;
    if (j && (evidence === 'all' || r.outcome !== 'pass')) {
      lines.push(`${pad}observed: ${j.observed}`);
      const figures = formatFigures(j.figures);
      if (figures) lines.push(`${pad}figures: ${figures}`);
      lines.push(`${pad}method: ${j.method}`);
    }
  }
  lines.push(`  ${formatCounts(results)}`);
  return lines.flatMap((l) => wrapLine(l, style.width, 2)).join('\n');
}

/** The summary table at the end of a run: one row per lab, outcome counts and time, and the total. */
export function summaryTable(rows: readonly { readonly lab: string; readonly results: readonly CheckResult[]; readonly error?: string; readonly ms: number }[], style: Style = PLAIN): string {
  const head = ['LAB', 'PASS', 'FAIL', 'INCONCLUSIVE', 'ERROR', 'SKIP', 'TIME'];
  const cell = (n: number, outcome: Outcome) => (n === 0 ? '0' : outcomeLabel(style, outcome, false).replace(LABEL[outcome], String(n)));
  const body = rows.map((r) => {
    const c = countOutcomes(r.results);
    return [r.error ? `${r.lab} (did not synthesize)` : r.lab, cell(c.pass, 'pass'), cell(c.fail, 'fail'), cell(c.inconclusive, 'inconclusive'), cell(c.error + (r.error ? 1 : 0), 'error'), cell(c.skipped, 'skipped'), elapsed(r.ms)];
  });
  const all = countOutcomes(rows.flatMap((r) => r.results));
  const errors = all.error + rows.filter((r) => r.error).length;
  body.push(['total', String(all.pass), String(all.fail), String(all.inconclusive), String(errors), String(all.skipped), elapsed(rows.reduce((t, r) => t + r.ms, 0))]);
  return table(body, head, style.width);
}
