/**
 * Entitlements (docs/contract-format.md "entitlements"): warranty parts and labour, and prepaid banks of hours.
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

type Warranty = VersionCtx['contract']['entitlements']['warranty'][number];

/** Per warranty list and SKU: the warranties with a pattern matching it (first pattern), in order. */
const warrantyBySku = new WeakMap<readonly Warranty[], Map<string, WarrantyHit[]>>();

/** The first warranty of the version that makes this SKU, used on `date`, free. */
export function warrantyFor(v: VersionCtx, sku: string, date: string): WarrantyHit | undefined {
  const list = v.contract.entitlements.warranty;
  if (list.length === 0) return undefined;
  let bySku = warrantyBySku.get(list);
  if (!bySku) warrantyBySku.set(list, (bySku = new Map()));
  let hits = bySku.get(sku);
  if (!hits) {
    hits = [];
    for (let i = 0; i < list.length; i++) {
      const w = list[i]!;
      const pattern = w.parts.find((p) => skuMatches(p, sku));
      if (pattern !== undefined) hits.push({ index: i, pattern, until: w.until, labour: w.labour });
    }
    bySku.set(sku, hits);
  }
  for (const h of hits) if (!(date > h.until)) return h;
  return undefined;
}

export interface Draw {
  index: number;
  minutes: number;
}

type Bank = VersionCtx['contract']['entitlements']['prepaidHours'][number];

const NO_DRAWS: readonly Draw[] = [];
const bankCodes = new WeakMap<Bank, Map<string, boolean>>();

/** The bank lists the code (case-insensitive), memoized per bank and spelling. */
function bankHolds(b: Bank, code: string): boolean {
  let m = bankCodes.get(b);
  if (!m) bankCodes.set(b, (m = new Map()));
  let hit = m.get(code);
  if (hit === undefined) m.set(code, (hit = b.codes.some((c) => c.toUpperCase() === code.toUpperCase())));
  return hit;
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
  draw(v: VersionCtx, code: string, date: string, minutes: number): readonly Draw[] {
    const banks = v.contract.entitlements.prepaidHours;
    // Most pieces meet no bank with time left: answer without allocating.
    let out: Draw[] | undefined;
    let left = minutes;
    for (let i = 0; i < banks.length && left > 0; i++) {
      const b = banks[i]!;
      if (date < b.from || date > b.until) continue;
      if (!bankHolds(b, code)) continue;
      const free = Math.max(0, Math.round(b.hours * 60) - (this.used[i] ?? 0));
      const take = Math.min(free, left);
      if (take <= 0) continue;
      this.used[i] = (this.used[i] ?? 0) + take;
      left -= take;
      (out ??= []).push({ index: i, minutes: take });
    }
    return out ?? NO_DRAWS;
  }
}
