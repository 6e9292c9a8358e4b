/**
 * A snapshot kept in a file of its own (one per lab, beside the lab), compared like jest's:
 * `jest -u` rewrites it, `jest --ci` (CI, `npm test`) fails when it is missing, a plain run
 * writes a missing one. A lab's snapshot then lives in its folder instead of one shared file
 * that grows with every lab.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** How jest was asked to treat snapshots: 'all' with -u, 'none' with --ci, else 'new'. */
function updateMode(): 'all' | 'new' | 'none' {
  const state = (expect.getState() as { snapshotState?: { _updateSnapshot?: 'all' | 'new' | 'none' } }).snapshotState;
  return state?._updateSnapshot ?? 'none';
}

/** Compares `value` (as pretty JSON) with the file, writing it when jest may. */
export function expectToMatchFileSnapshot(value: unknown, file: string): void {
  const text = `${JSON.stringify(value, null, 2)}\n`;
  const mode = updateMode();
  const exists = fs.existsSync(file);
  if (mode === 'all' || (!exists && mode === 'new')) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (!exists || fs.readFileSync(file, 'utf8') !== text) fs.writeFileSync(file, text);
    return;
  }
  if (!exists) throw new Error(`snapshot ${file} is missing: run \`npx jest -u\` once, read the file, and commit it`);
  expect(JSON.parse(text)).toEqual(JSON.parse(fs.readFileSync(file, 'utf8')));
}
