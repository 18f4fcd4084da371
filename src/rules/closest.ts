/** "Did you mean" suggestions: the edit distance and the closest candidates to a mistyped id. */

/** Levenshtein distance: the fewest single-character insertions, deletions and substitutions from `a` to `b`. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** Up to `n` candidates closest to `word` (case-insensitive), substring matches first. */
export function closest(word: string, candidates: string[], n = 3): string[] {
  const w = word.toLowerCase();
  return candidates
    .map((c) => {
      const l = c.toLowerCase();
      const score = l.includes(w) || w.includes(l) ? 0 : editDistance(w, l);
      return { c, score };
    })
    .filter((x) => x.score <= Math.max(2, Math.floor(w.length / 2)))
    .sort((a, b) => a.score - b.score || a.c.localeCompare(b.c))
    .slice(0, n)
    .map((x) => x.c);
}
