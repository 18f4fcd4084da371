/**
 * Exact arithmetic for money: a price in minor units times minutes times decimal multipliers is a
 * rational number, and a line must be rounded once, at the end. BigInt keeps large invoices exact
 * (price × minutes × several multiplier numerators overflows 2^53 quickly).
 */

export interface Ratio {
  readonly n: bigint;
  readonly d: bigint;
  /** memoized `key()`: shared ratios are keyed many times per invoice */
  k?: string;
}

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function norm(n: bigint, d: bigint): Ratio {
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

export const ZERO: Ratio = { n: 0n, d: 1n };
export const ONE: Ratio = { n: 1n, d: 1n };

export function int(x: number): Ratio {
  return { n: BigInt(x), d: 1n };
}

const decimalCache = new Map<number, Ratio>();

/**
 * A number as the decimal people wrote (1.15 -> 115/100), not its binary approximation.
 * Multipliers and quantities come from YAML decimals, so the shortest round-trip string is exact.
 */
export function dec(x: number): Ratio {
  const hit = decimalCache.get(x);
  if (hit) return hit;
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  let r: Ratio;
  if (Number.isInteger(x)) r = int(x);
  else {
    const s = String(x);
    const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(s);
    if (!m) throw new RangeError(`not a decimal: ${s}`);
    const frac = m[3] ?? '';
    let n = BigInt(`${m[2]}${frac}`);
    let d = 10n ** BigInt(frac.length);
    const exp = Number(m[4] ?? 0);
    if (exp > 0) n *= 10n ** BigInt(exp);
    else if (exp < 0) d *= 10n ** BigInt(-exp);
    r = norm(m[1] ? -n : n, d);
  }
  if (decimalCache.size < 10_000) decimalCache.set(x, r);
  return r;
}

export function mul(a: Ratio, b: Ratio): Ratio {
  return norm(a.n * b.n, a.d * b.d);
}

export function add(a: Ratio, b: Ratio): Ratio {
  return a.d === b.d ? norm(a.n + b.n, a.d) : norm(a.n * b.d + b.n * a.d, a.d * b.d);
}

export function sub(a: Ratio, b: Ratio): Ratio {
  return add(a, { n: -b.n, d: b.d });
}

export function div(a: Ratio, b: Ratio): Ratio {
  if (b.n === 0n) throw new RangeError('division by zero');
  return norm(a.n * b.d, a.d * b.n);
}

export function cmp(a: Ratio, b: Ratio): number {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** The one rounding money gets: to an integer, half away from zero, exactly. */
export function round(r: Ratio): number {
  const neg = r.n < 0n;
  const n = neg ? -r.n : r.n;
  const q = (2n * n + r.d) / (2n * r.d);
  return Number(neg ? -q : q);
}

/** Stable text for grouping keys. */
export function key(r: Ratio): string {
  return (r.k ??= `${r.n}/${r.d}`);
}

export function toNumber(r: Ratio): number {
  return Number(r.n) / Number(r.d);
}
