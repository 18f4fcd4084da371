/**
 * A stable sort of positions by whole-number keys, done by the engine's native numeric sort: each
 * key packs with its position into one exact double (key × n + position), so equal keys keep their
 * positions' order. Used for the entries' time order and the invoice order, with its inverse.
 */

/** Whether keys below `keyCount` pack exactly with `n` positions (otherwise sort by hand). */
export function packable(keyCount: number, n: number): boolean {
  return keyCount * n <= Number.MAX_SAFE_INTEGER;
}

/** Positions 0..n-1 in the order of their `keys` (overwritten), ties in position order. */
export function stableOrder(keys: Float64Array): Int32Array {
  pack(keys);
  keys.sort();
  return positions(keys);
}

// One loop per function: see engine.ts, readInstants.
function pack(keys: Float64Array): void {
  const n = keys.length;
  for (let k = 0; k < n; k++) keys[k] = keys[k]! * n + k;
}

function positions(packed: Float64Array): Int32Array {
  const n = packed.length;
  const out = new Int32Array(n);
  for (let k = 0; k < n; k++) out[k] = packed[k]! % n;
  return out;
}

/** The place of each position in `order`: out[order[k]] = k. */
export function inverse(order: ArrayLike<number>): Int32Array {
  const out = new Int32Array(order.length);
  for (let k = 0; k < order.length; k++) out[order[k]!] = k;
  return out;
}

export function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The same input in any order gives the same invoice: items are read in time order, then by id. */
export function byTime<T extends { at: Date }>(items: readonly T[], id: (t: T) => string): T[] {
  if (items.length === 0) return [];
  const at = instantsOf(items);
  return Array.from(items.keys())
    .sort((a, b) => at[a]! - at[b]! || cmpStr(id(items[a]!), id(items[b]!)))
    .map((k) => items[k]!);
}

function instantsOf(items: readonly { at: Date }[]): Float64Array {
  const at = new Float64Array(items.length);
  for (let i = 0; i < items.length; i++) at[i] = items[i]!.at.getTime();
  return at;
}
