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
