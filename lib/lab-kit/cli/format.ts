import type { Figure } from '../checks/claim';
import type { CheckResult } from '../checks/runner';

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

const STATUS: Record<CheckResult['status'], string> = { pass: 'PASS', fail: 'FAIL', error: 'ERROR', skipped: 'SKIP' };

/** Counts of a run. */
export function summarize(results: readonly CheckResult[]) {
  const count = (s: CheckResult['status']) => results.filter((r) => r.status === s).length;
  return { passed: count('pass'), failed: count('fail'), errors: count('error'), skipped: count('skipped') };
}

/**
 * The report of a check run: one block per check with its status, claim, the seed's verdict, what
 * the result means for the seed, and the evidence (what was observed, how, and the figures).
 */
export function formatReport(title: string, results: readonly CheckResult[]): string {
  const lines = [title];
  for (const r of results) {
    lines.push(`  ${STATUS[r.status].padEnd(5)} ${r.claim}`);
    const verdict = r.verdict ? `seed: ${r.verdict}` : 'kit guardrail';
    lines.push(`        ${verdict} → ${r.outcome}`);
    if (r.evidence) {
      lines.push(`        observed: ${r.evidence.observed}`);
      const figures = formatFigures(r.evidence.figures);
      if (figures) lines.push(`        figures: ${figures}`);
      lines.push(`        method: ${r.evidence.method}`);
    }
    if (r.error) lines.push(`        error: ${r.error}`);
  }
  const s = summarize(results);
  lines.push(`  ${s.passed} passed, ${s.failed} failed, ${s.errors} errors${s.skipped ? `, ${s.skipped} not checkable live` : ''}`);
  return lines.join('\n');
}
