/** "Did you mean": the known names closest to a misspelt one. */

/** Edit distance (insert, delete, substitute, swap two neighbours), case-insensitive. */
export function distance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => [i, ...Array<number>(t.length).fill(0)]);
  for (let j = 1; j <= t.length; j++) d[0][j] = j;
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[s.length][t.length];
}

/**
 * The known names within a third of the name's length (at least 1, at most 3 edits), closest
 * first; also those the name is a prefix of, when nothing is that close.
 */
export function closest(name: string, known: readonly string[], max = 3): string[] {
  const limit = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
  const scored = known.map((k) => ({ k, d: distance(name, k) })).filter((x) => x.d <= limit && x.d > 0);
  scored.sort((x, y) => x.d - y.d || x.k.localeCompare(y.k));
  if (scored.length > 0) return scored.slice(0, max).map((x) => x.k);
  const lower = name.toLowerCase();
  return name.length >= 3 ? known.filter((k) => k.toLowerCase().startsWith(lower) || k.toLowerCase().includes(lower)).slice(0, max) : [];
}

/** `; did you mean deploy?` (or `deploy or deployed`), or nothing. */
export function didYouMean(name: string, known: readonly string[]): string {
  const near = closest(name, known);
  return near.length === 0 ? '' : `; did you mean ${near.join(' or ')}?`;
}
