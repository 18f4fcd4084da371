/**
 * Two-level caches (per version, then per rate; per rate, then per target...), one helper for all.
 *
 * A run's caches start empty, so their "first time" branch runs at the start of every invoice. V8
 * records what code does (which objects, which functions) only once a function has run for a
 * while: a branch taken only in a function's first calls in the process is recorded nowhere, the
 * optimized code has nothing for it, and meeting it again at the start of the next invoice throws
 * that code away (docs/rating.md, "Speed"). Here the branch is shared by every cache of the engine,
 * whose misses go on long after the first calls, so it is always recorded.
 */
export function innerMap<K, K2, V>(outer: Map<K, Map<K2, V>>, key: K): Map<K2, V> {
  let inner = outer.get(key);
  if (inner === undefined) outer.set(key, (inner = new Map<K2, V>()));
  return inner;
}

/** `cache.get(key)`, made by `make(key)` and kept on first use (shared for the same reason as innerMap). */
export function cached<K, V>(cache: Map<K, V>, key: K, make: (key: K) => V): V {
  let v = cache.get(key);
  if (v === undefined) cache.set(key, (v = make(key)));
  return v;
}
