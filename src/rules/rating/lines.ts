/**
 * Invoice lines: pieces of work that share everything a reader checks (job, date, code, rule,
 * version, unit price, covered) are summed into one line, and each line is rounded once from its
 * exact rational amount. Sources are kept so every line can be traced back to what was logged.
 */
import type { Money } from '../contract-types.js';
import { type Ratio, key, mul, add, round, toNumber, ZERO } from './ratio.js';
import type { InvoiceLine, LineKind } from './types.js';

export interface LineSpec {
  kind: LineKind;
  jobId?: string;
  siteId?: string;
  date: string;
  code?: string;
  sku?: string;
  description: string;
  unit: string;
  covered: boolean;
  rule: string;
  version: number;
  /** exact price per unit (per hour for time lines) */
  price: Ratio;
  sources: readonly string[];
}

interface Acc {
  spec: LineSpec;
  /** time lines accumulate whole minutes, other lines exact quantities */
  minutes: number;
  rounding: number;
  qty: Ratio;
  time: boolean;
  sources: Set<string>;
  order: number;
}

const KIND_ORDER: Record<LineKind, number> = {
  fee: 0,
  visit: 1,
  labour: 2,
  uplift: 3,
  minimum: 4,
  travel: 5,
  part: 6,
  extra: 7,
  credit: 8,
};

export class LineBook {
  private readonly accs = new Map<string, Acc>();
  private readonly fast = new Map<string, Acc>();

  private acc(spec: LineSpec, time: boolean): Acc {
    const k = `${spec.kind}\u0001${spec.jobId ?? ''}\u0001${spec.date}\u0001${spec.code ?? ''}\u0001${spec.sku ?? ''}\u0001${spec.version}\u0001${spec.rule}\u0001${spec.covered ? 1 : 0}\u0001${spec.unit}\u0001${key(spec.price)}\u0001${spec.description}`;
    let a = this.accs.get(k);
    if (!a) {
      a = { spec, minutes: 0, rounding: 0, qty: ZERO, time, sources: new Set(), order: this.accs.size };
      this.accs.set(k, a);
    }
    for (const s of spec.sources) a.sources.add(s);
    return a;
  }

  /** `minutes` priced at `price` per hour; `rounding` of them were added by increment rounding. */
  addTime(spec: LineSpec, minutes: number, rounding = 0): void {
    const a = this.acc(spec, true);
    a.minutes += minutes;
    a.rounding += rounding;
  }

  /**
   * The hot path for time: `key` is a short caller-made identity of everything the line's spec
   * depends on, so the spec (and its rule text) is built only for the first piece of each line.
   */
  addTimeKeyed(key: string, make: () => LineSpec, source: string | readonly string[], minutes: number, rounding = 0): void {
    let a = this.fast.get(key);
    if (!a) {
      a = this.acc(make(), true);
      this.fast.set(key, a);
    }
    if (typeof source === 'string') a.sources.add(source);
    else for (const x of source) a.sources.add(x);
    a.minutes += minutes;
    a.rounding += rounding;
  }

  /** `qty` units at `price`; a zero quantity only attaches sources to an existing line. */
  addQty(spec: LineSpec, qty: Ratio): void {
    const a = this.acc(spec, false);
    a.qty = add(a.qty, qty);
  }

  finish(): InvoiceLine[] {
    const out: { line: InvoiceLine; order: number }[] = [];
    for (const a of this.accs.values()) {
      const qty = a.time ? { n: BigInt(a.minutes), d: 60n } : a.qty;
      if (a.time ? a.minutes === 0 : qty.n === 0n) continue;
      const value: Money = round(mul(a.spec.price, qty));
      const s = a.spec;
      // Plain assignments, not object spread: spread is a slow path in V8 and this runs per line.
      const line: InvoiceLine = {
        kind: s.kind,
        date: s.date,
        description: s.description,
        quantity: a.time ? Math.round((a.minutes / 60) * 1e6) / 1e6 : toNumber(qty),
        unit: s.unit,
        unitPrice: round(s.price),
        amount: s.covered ? 0 : value,
        covered: s.covered,
        rule: s.rule,
        version: s.version,
        sources: [...a.sources].sort(),
      };
      if (s.jobId !== undefined) line.jobId = s.jobId;
      if (s.siteId !== undefined) line.siteId = s.siteId;
      if (s.code !== undefined) line.code = s.code;
      if (s.sku !== undefined) line.sku = s.sku;
      if (s.covered) line.nominal = value;
      if (a.time) {
        line.minutes = a.minutes;
        line.rounding = a.rounding;
      }
      out.push({ line, order: a.order });
    }
    out.sort((x, y) => {
      const a = x.line;
      const b = y.line;
      const ka = a.kind === 'fee' ? -1 : a.kind === 'credit' ? 1 : 0;
      const kb = b.kind === 'fee' ? -1 : b.kind === 'credit' ? 1 : 0;
      if (ka !== kb) return ka - kb;
      if (a.date !== b.date) return a.date < b.date ? -1 : 1;
      const ja = a.jobId ?? '';
      const jb = b.jobId ?? '';
      if (ja !== jb) return ja < jb ? -1 : 1;
      if (a.kind !== b.kind) return KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
      return x.order - y.order;
    });
    return out.map((o) => o.line);
  }
}

/** "after-hours ×1.5, ACME-HVAC v3, rates.HVAC-LAB": what applied, which version, which clause. */
export function ruleText(parts: readonly (string | undefined | false)[], label: string, ref: string): string {
  const what = parts.filter((p): p is string => typeof p === 'string' && p.length > 0);
  return [...(what.length ? what : ['standard rate']), label, ref].join(', ');
}

export function times(mult: number): string {
  return `×${mult}`;
}
