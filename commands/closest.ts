/** Levenshtein distance, for "did you mean" suggestions on short ids. */
function distance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

/** Up to `n` candidates closest to `word` (case-insensitive), substring matches first. */
export function closest(word: string, candidates: string[], n = 3): string[] {
  const w = word.toLowerCase();
  return candidates
    .map((c) => {
      const l = c.toLowerCase();
      const score = l.includes(w) || w.includes(l) ? 0 : distance(w, l);
      return { c, score };
    })
    .filter((x) => x.score <= Math.max(2, Math.floor(w.length / 2)))
    .sort((a, b) => a.score - b.score || a.c.localeCompare(b.c))
    .slice(0, n)
    .map((x) => x.c);
}
