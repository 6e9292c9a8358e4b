import type { Figure, Outcome } from '../checks/judgement';
import { type CheckResult, countOutcomes } from '../checks/runner';

/** A plain-text table: columns padded to their widest cell. */
export function table(rows: readonly (readonly string[])[], header?: readonly string[]): string {
  const all = header ? [header, ...rows] : rows;
  const widths = all.reduce<number[]>((w, row) => row.map((cell, i) => Math.max(w[i] ?? 0, cell.length)), []);
  const line = (row: readonly string[]) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd();
  const out = all.map(line);
  if (header) out.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  return out.join('\n');
}

export function formatFigures(figures: readonly Figure[] | undefined): string {
  return (figures ?? []).map((f) => `${f.name} ${f.value} ${f.unit}`).join(', ');
}

const LABEL: Record<Outcome, string> = { pass: 'PASS', fail: 'FAIL', inconclusive: 'INCONCLUSIVE', error: 'ERROR', skipped: 'SKIP' };
const WIDTH = Math.max(...Object.values(LABEL).map((l) => l.length));

/** `3 passed, 1 failed, 0 inconclusive, 0 errors, 2 skipped`: every outcome, always in this order. */
export function formatCounts(results: readonly CheckResult[]): string {
  const c = countOutcomes(results);
  return `${c.pass} passed, ${c.fail} failed, ${c.inconclusive} inconclusive, ${c.error} errors, ${c.skipped} skipped`;
}

/**
 * The report of a check run: one block per check with its outcome, claim, the seed's verdict, what
 * the outcome means for the seed, the unmet expectations or preconditions, and the evidence (what
 * was observed, how, and the figures).
 */
export function formatReport(title: string, results: readonly CheckResult[]): string {
  const lines = [title];
  const pad = ' '.repeat(WIDTH + 3);
  for (const r of results) {
    lines.push(`  ${LABEL[r.outcome].padEnd(WIDTH)} ${r.claim}`);
    lines.push(`${pad}${r.verdict ? `seed: ${r.verdict}` : 'kit guardrail'} → ${r.summary}`);
    const j = r.judgement;
    if (j) {
      lines.push(`${pad}observed: ${j.observed}`);
      const figures = formatFigures(j.figures);
      if (figures) lines.push(`${pad}figures: ${figures}`);
      lines.push(`${pad}method: ${j.method}`);
    }
  }
  lines.push(`  ${formatCounts(results)}`);
  return lines.join('\n');
}
