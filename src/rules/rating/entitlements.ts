/**
 * Entitlements (FORMAT.md "entitlements"): warranty parts and labour, and prepaid banks of hours.
 */
import type { VersionCtx } from './context.js';

const globs = new Map<string, RegExp>();

/** SKU patterns: `*` any run, `?` one character, case-insensitive like every id people type. */
export function skuMatches(pattern: string, sku: string): boolean {
  let re = globs.get(pattern);
  if (!re) {
    const body = pattern
      .split('')
      .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('');
    re = new RegExp(`^${body}$`, 'i');
    globs.set(pattern, re);
  }
  return re.test(sku);
}

export interface WarrantyHit {
  index: number;
  pattern: string;
  until: string;
  labour: boolean;
}

/** The first warranty of the version that makes this SKU, used on `date`, free. */
export function warrantyFor(v: VersionCtx, sku: string, date: string): WarrantyHit | undefined {
  const list = v.contract.entitlements.warranty;
  for (let i = 0; i < list.length; i++) {
    const w = list[i]!;
    if (date > w.until) continue;
    const pattern = w.parts.find((p) => skuMatches(p, sku));
    if (pattern !== undefined) return { index: i, pattern, until: w.until, labour: w.labour };
  }
  return undefined;
}

export interface Draw {
  index: number;
  minutes: number;
}

/**
 * Prepaid hour banks, drawn chronologically. `used` is per entitlements.prepaidHours index across
 * versions: an amendment that adds hours to bank 0 raises its size, the minutes already used stay.
 */
export class PrepaidBanks {
  readonly used: number[];

  constructor(prior: readonly number[]) {
    this.used = [...prior];
  }

  /** Take up to `minutes` for `code` worked on `date`; returns what each bank gave. */
  draw(v: VersionCtx, code: string, date: string, minutes: number): Draw[] {
    const out: Draw[] = [];
    const banks = v.contract.entitlements.prepaidHours;
    let left = minutes;
    for (let i = 0; i < banks.length && left > 0; i++) {
      const b = banks[i]!;
      if (date < b.from || date > b.until) continue;
      if (!b.codes.some((c) => c.toUpperCase() === code.toUpperCase())) continue;
      const free = Math.max(0, Math.round(b.hours * 60) - (this.used[i] ?? 0));
      const take = Math.min(free, left);
      if (take <= 0) continue;
      this.used[i] = (this.used[i] ?? 0) + take;
      left -= take;
      out.push({ index: i, minutes: take });
    }
    return out;
  }
}
