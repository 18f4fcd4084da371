/**
 * Invoice lines: pieces of work that share everything a reader checks (job, date, code, rule,
 * version, unit price, covered) are summed into one line, and each line is rounded once from its
 * exact rational amount. Sources are kept so every line can be traced back to what was logged.
 *
 * A line is a template (what it says and costs: kind, code, rule, price...) on a job and a date.
 * Templates are interned: two that read the same are one template, so their lines merge exactly as
 * if they had been compared field by field. A month has a few hundred templates and a hundred
 * thousand lines, so the rule text of a line is built once per template, not once per line.
 */
import type { Money } from '../contract-types.js';
import { LineIndex } from './line-index.js';
import { refList, refSlots } from './slots.js';
import { inverse, packable, stableOrder } from './stable-order.js';
import { type Ratio, mul, add, int, round, toNumber } from './ratio.js';
import type { InvoiceLine, LineKind } from './types.js';
import { STANDARD_RATE } from './line-words.js';

/** What a line says and costs, independent of the job and date it is on. */
export interface LineTemplate {
  kind: LineKind;
  code?: string;
  sku?: string;
  description: string;
  unit: string;
  covered: boolean;
  rule: string;
  version: number;
  /** exact price per unit (per hour for time lines) */
  price: Ratio;
}

/** An interned template: equal templates have the same `id`. */
export interface Template extends LineTemplate {
  readonly id: number;
  /** `round(price)`, computed once */
  readonly unitPrice: Money;
  /** the price's numerator and denominator as numbers (exact when safe integers) */
  readonly pn: number;
  readonly pd: number;
}

/**
 * Where templates are interned when not invoice-wide (see LineBook.template): the holder keeps the
 * list, created with its first template (an array literal of one; `[]` then push would reserve 17).
 */
export interface TemplateScope {
  templates: Template[] | undefined;
}

/** A line's number in its book. */
export type LineNo = number;

const KIND_ORDER: Record<LineKind, number> = {
  fee: 0,
  visit: 1,
  labour: 2,
  uplift: 3,
  minimum: 4,
  travel: 5,
  part: 6,
  extra: 7,
  adjustment: 8,
  credit: 9,
};

/** Sorted, without duplicates: what a line lists as its sources. */
export function sortedUnique(xs: readonly string[]): string[] {
  return xs.length <= 1 ? xs.slice() : sortUniqueInPlace(xs.slice());
}

function sortUniqueInPlace(sorted: string[]): string[] {
  // Most lines have a few sources: an insertion sort does not allocate like Array.prototype.sort.
  if (sorted.length <= 16) {
    for (let i = 1; i < sorted.length; i++) {
      const x = sorted[i]!;
      let j = i - 1;
      while (j >= 0 && sorted[j]! > x) {
        sorted[j + 1] = sorted[j]!;
        j--;
      }
      sorted[j + 1] = x;
    }
  } else sorted.sort();
  let n = 1;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i]!;
  sorted.length = n;
  return sorted;
}

/** Largest magnitude for which products and sums below stay exact in doubles (2^51, with room). */
const EXACT = 2 ** 51;

/**
 * round(price × qn/qd), half away from zero, exactly: in doubles when every intermediate is an
 * exact integer (almost always: prices in minor units times minutes), else in BigInt (`qty` is the
 * quantity as a ratio when there is one; time lines pass whole minutes over 60).
 */
function roundProduct(t: Template, qn: number, qd: number, qty?: Ratio): Money {
  const n = t.pn * qn;
  const d = t.pd * qd;
  // Integers below 2^51 are exact in doubles; a BigInt too large for that fails the bounds.
  if (Number.isInteger(qn) && Number.isInteger(qd) && Number.isInteger(n) && Number.isInteger(d) && Math.abs(n) <= EXACT && d <= EXACT && d > 0) {
    const x = 2 * Math.abs(n) + d;
    const y = 2 * d;
    let q = Math.floor(x / y);
    // The division is rounded; the remainder (exact: all terms are integers below 2^53) corrects it.
    const r = x - q * y;
    if (r < 0) q--;
    else if (r >= y) q++;
    return n < 0 && q !== 0 ? -q : q;
  }
  return round(mul(t.price, qty ?? { n: BigInt(qn), d: BigInt(qd) }));
}

/**
 * Strings -> their rank in string order, for a sort that compares numbers: `ids[k]` is the place of
 * the k-th kept line's string among the distinct ones (one map lookup per line), `rank[id]` that
 * place's rank. Once-per-invoice loops live in functions of their own (see engine.ts, readInstants).
 */
class Ranks {
  readonly ids: Int32Array;
  readonly rank: Int32Array;

  constructor(values: readonly (string | undefined)[], kept: Int32Array) {
    this.ids = new Int32Array(kept.length);
    const distinct: string[] = refList();
    distinctIds(values, kept, this.ids, distinct);
    const order = Array.from(distinct.keys()).sort((a, b) => (distinct[a]! < distinct[b]! ? -1 : distinct[a]! > distinct[b]! ? 1 : 0));
    this.rank = inverse(order);
  }

  get size(): number {
    return this.rank.length;
  }

  of(k: number): number {
    return this.rank[this.ids[k]!]!;
  }
}

/** ids[k] = the place of values[kept[k]] (undefined read as '') among `distinct`, which it fills. */
function distinctIds(values: readonly (string | undefined)[], kept: Int32Array, ids: Int32Array, distinct: string[]): void {
  const seen = new Map<string, number>();
  for (let k = 0; k < kept.length; k++) {
    const v = values[kept[k]!] ?? '';
    let id = seen.get(v);
    if (id === undefined) {
      seen.set(v, (id = distinct.length));
      distinct.push(v);
    }
    ids[k] = id;
  }
}

/**
 * The lines of one invoice. A line is a row and the book keeps columns: a month's hundred thousand
 * lines are a few arrays, not a hundred thousand objects for the garbage collector to copy.
 */
export class LineBook {
  // Columns, indexed by line number. Lines are numbered in creation order, the last tie-break of
  // the invoice order. Numbers live in typed arrays sized from the caller's estimate (doubled when
  // it is short): grown push by push, a month's columns were ~40 MB of copies per run.
  private n = 0;
  private cap: number;
  private readonly tpl: Template[];
  private readonly jobId: (string | undefined)[];
  private readonly siteId: (string | undefined)[];
  private readonly date: string[];
  /**
   * Text put before the template's rule on this line (`prefix, rule`): a capped visit's count. Its
   * lines share templates with every other capped visit's and differ only by this text, which is
   * why such templates are interned apart (a scope of their own) and never meet a line without one.
   */
  private readonly prefix: (string | undefined)[];
  /** 1 for time lines, which accumulate whole minutes (`rounding` of them added by increments) */
  private time: Uint8Array;
  /**
   * Whole minutes, in 32-bit integers: read from a double column, every time line object carried
   * its minutes and rounding as two numbers boxed on the heap, 200,000 objects a month more for the
   * garbage collector to copy. A line is one job's day of one kind of work: 2^31 minutes is 4,000
   * years of it.
   */
  private minutes: Int32Array;
  private rounding: Int32Array;
  /**
   * Other lines accumulate exact quantities: a whole number in `count` while every quantity added
   * is whole (visits, units, parts: almost always), else the exact ratio in `ratio`. Whole counts
   * stay small integers, so a month's quantity lines allocate no ratio or BigInt per addition.
   */
  private count: Float64Array;
  private readonly ratio: (Ratio | undefined)[];
  /**
   * Source ids; may repeat, deduplicated once in finish(). Most lines have one source, kept as a
   * plain string. More are chained through the book-wide `chainId`/`chainNext` (the line keeps the
   * first and last link, stored + 1 so that 0 means none, and a count): a hundred thousand small
   * growing arrays would each reserve room for 17, and the garbage collector would copy them all
   * while the month is rated.
   */
  private readonly sources: (string | undefined)[];
  private chainFirst: Int32Array;
  private chainLast: Int32Array;
  private chainCount: Int32Array;
  /** the entry number + 1 of the last time entry that added to the line (see addTime) */
  private lastEntry: Int32Array;
  private readonly chainId: string[];
  /** links used in chainId / chainNext */
  private links = 0;
  private chainNext: Int32Array;

  /** `expectedLines`: how many lines the caller expects (a month: about one per time entry). */
  constructor(expectedLines = 64) {
    const cap = Math.max(16, Math.ceil(expectedLines));
    this.cap = cap;
    this.units = new LineIndex(cap);
    // Arrays of the expected length, written by index (past it they grow like push).
    this.tpl = refSlots<Template>(cap);
    this.jobId = refSlots<string | undefined>(cap);
    this.siteId = refSlots<string | undefined>(cap);
    this.date = refSlots<string>(cap);
    this.prefix = refSlots<string | undefined>(cap);
    this.ratio = refSlots<Ratio | undefined>(cap);
    this.sources = refSlots<string | undefined>(cap);
    this.chainId = refSlots<string>(cap);
    this.time = new Uint8Array(cap);
    this.minutes = new Int32Array(cap);
    this.rounding = new Int32Array(cap);
    this.count = new Float64Array(cap);
    this.chainFirst = new Int32Array(cap);
    this.chainLast = new Int32Array(cap);
    this.chainCount = new Int32Array(cap);
    this.lastEntry = new Int32Array(cap);
    this.chainNext = new Int32Array(cap);
  }

  /** templates by rule text */
  private readonly templates = new Map<string, Template[]>();
  private templateCount = 0;
  private readonly qtyLines = new Map<string, LineNo>();
  /** lines of addQtyOnDay by job number and (template, day) */
  private readonly units: LineIndex;

  /**
   * The interned template reading exactly like `t`. Interned invoice-wide, or within `scope` when
   * the caller knows no template outside the scope may share a line with it: capped visits' lines
   * read "<the visit's count>, <template rule>" (a line prefix), so their templates are interned in a
   * scope of their own and never stand for a line without that prefix.
   */
  template(t: LineTemplate, scope?: TemplateScope): Template {
    let same: Template[] | undefined;
    if (scope) {
      same = scope.templates;
      if (same) for (const tpl of same) if (sameTemplate(tpl, t)) return tpl;
    } else {
      // Keyed by the rule text (the string the template keeps anyway), then compared field by field.
      same = this.templates.get(t.rule);
      if (same) {
        for (const tpl of same) if (sameTemplate(tpl, t)) return tpl;
      } else this.templates.set(t.rule, (same = []));
    }
    const facts = priceFacts(t.price);
    const tpl: Template = {
      kind: t.kind,
      code: t.code,
      sku: t.sku,
      description: t.description,
      unit: t.unit,
      covered: t.covered,
      rule: t.rule,
      version: t.version,
      price: t.price,
      id: this.templateCount++,
      unitPrice: facts.unitPrice,
      pn: facts.pn,
      pd: facts.pd,
    };
    if (same) same.push(tpl);
    else scope!.templates = [tpl];
    return tpl;
  }

  private open(tpl: Template, jobId: string | undefined, siteId: string | undefined, date: string, time: boolean, prefix: string | undefined): LineNo {
    const i = this.n++;
    if (i === this.cap) this.grow();
    this.tpl[i] = tpl;
    this.jobId[i] = jobId;
    this.siteId[i] = siteId;
    this.date[i] = date;
    this.prefix[i] = prefix;
    this.ratio[i] = undefined;
    this.sources[i] = undefined;
    // The typed columns start at zero: minutes, rounding, count and no chain.
    if (time) this.time[i] = 1;
    return i;
  }

  /** Twice the room in every typed column (the estimate was short). */
  private grow(): void {
    const cap = this.cap * 2;
    const more = <T extends Uint8Array | Float64Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.time = more(this.time, (k) => new Uint8Array(k));
    this.minutes = more(this.minutes, (k) => new Int32Array(k));
    this.rounding = more(this.rounding, (k) => new Int32Array(k));
    this.count = more(this.count, (k) => new Float64Array(k));
    this.chainFirst = more(this.chainFirst, (k) => new Int32Array(k));
    this.chainLast = more(this.chainLast, (k) => new Int32Array(k));
    this.chainCount = more(this.chainCount, (k) => new Int32Array(k));
    this.lastEntry = more(this.lastEntry, (k) => new Int32Array(k));
    this.cap = cap;
  }

  /**
   * A new time line (minutes priced per hour). The caller keeps time lines by template, job and
   * date and opens each once; time and quantity lines never share an identity (time lines are
   * labour, minimum or uplift per hour, quantity lines are everything else).
   */
  openTime(tpl: Template, jobId: string, siteId: string | undefined, date: string, prefix?: string): LineNo {
    return this.open(tpl, jobId, siteId, date, true, prefix);
  }

  /**
   * `minutes` priced at the line's price per hour; `rounding` of them were added by increment
   * rounding. `entry` >= 0 says `sources` is that time entry's id: a line hears from an entry once
   * per piece, and comparing numbers skips the repeats without reading the id strings (strings at
   * random places in memory, a cache miss each); finish() drops any other repeat.
   */
  addTime(line: LineNo, sources: string | readonly string[], minutes: number, rounding: number, entry = -1): void {
    this.addEntrySources(line, sources, entry);
    this.minutes[line] = this.minutes[line]! + minutes;
    this.rounding[line] = this.rounding[line]! + rounding;
  }

  /** `qty` units of `tpl` for a job on a date; a zero quantity only attaches sources to an existing line. */
  addQty(tpl: Template, jobId: string | undefined, siteId: string | undefined, date: string, sources: string | readonly string[], qty: Ratio): void {
    const k = `${tpl.id}\u0001${jobId ?? ''}\u0001${date}`;
    let line = this.qtyLines.get(k);
    if (line === undefined) this.qtyLines.set(k, (line = this.open(tpl, jobId, siteId, date, false, undefined)));
    this.addQuantity(line, sources, qty);
  }

  /**
   * `addQty` for a job's line on a local day, found by number (the job's, and template and day)
   * rather than by a key string: visits and units come once per entry. A template is only ever
   * added through one of the two methods, so the two never hold the same line.
   */
  addQtyOnDay(job: { index: number }, tpl: Template, jobId: string, siteId: string | undefined, day: { num: number; date: string }, sources: string | readonly string[], qty: Ratio, prefix?: string, entry = -1): void {
    // Day numbers of real instants lie within ±1e8 (< 2^27): the key stays an exact integer.
    const k = tpl.id * 2 ** 28 + (day.num + 2 ** 27);
    let line = this.units.get(job.index, k);
    if (line < 0) {
      line = this.open(tpl, jobId, siteId, day.date, false, prefix);
      this.units.add(job.index, k, line);
    }
    this.addQuantity(line, sources, qty, entry);
  }

  /** `entry`: as for addTime. */
  private addQuantity(line: LineNo, sources: string | readonly string[], qty: Ratio, entry = -1): void {
    this.addEntrySources(line, sources, entry);
    // A line's quantity is always normalized, so adding 0 leaves it as it is, and integers add without a gcd.
    if (qty.n === 0n) return;
    const r = this.ratio[line];
    if (r === undefined && qty.d === 1n) {
      const sum = this.count[line]! + Number(qty.n);
      if (Math.abs(sum) <= EXACT) {
        this.count[line] = sum;
        return;
      }
    }
    this.ratio[line] = add(r ?? int(this.count[line]!), qty);
  }

  /** Adds sources, skipping a repeat of the last one (consecutive pieces of one entry). */
  private addSources(line: LineNo, sources: string | readonly string[]): void {
    if (typeof sources === 'string') this.addSource(line, sources);
    else for (let i = 0; i < sources.length; i++) this.addSource(line, sources[i]!);
  }

  private addSource(line: LineNo, source: string): void {
    const last = this.chainLast[line]! - 1;
    if ((last >= 0 ? this.chainId[last] : this.sources[line]) !== source) this.appendSource(line, source);
  }

  private addEntrySources(line: LineNo, sources: string | readonly string[], entry: number): void {
    if (entry < 0) this.addSources(line, sources);
    else if (this.lastEntry[line] !== entry + 1) {
      this.lastEntry[line] = entry + 1;
      this.appendSource(line, sources as string);
    }
  }

  /** Adds a source without comparing it with the last one. */
  private appendSource(line: LineNo, source: string): void {
    if (this.chainLast[line]! > 0) this.link(line, source);
    else {
      const s = this.sources[line];
      if (s === undefined) this.sources[line] = source;
      else {
        this.link(line, s);
        this.link(line, source);
      }
    }
  }

  private link(line: LineNo, source: string): void {
    const node = this.links++;
    this.chainId[node] = source;
    if (node === this.chainNext.length) {
      const next = new Int32Array(Math.max(16, node * 2));
      next.set(this.chainNext);
      this.chainNext = next;
    }
    const last = this.chainLast[line]! - 1;
    if (last >= 0) this.chainNext[last] = node + 1;
    else this.chainFirst[line] = node + 1;
    this.chainLast[line] = node + 1;
    this.chainCount[line] = this.chainCount[line]! + 1;
  }

  private sourcesOf(i: LineNo): string[] {
    const first = this.chainFirst[i]! - 1;
    if (first < 0) {
      const s = this.sources[i];
      return s === undefined ? [] : [s];
    }
    const out = new Array<string>(this.chainCount[i]!);
    for (let k = 0, node = first; node >= 0; node = this.chainNext[node]! - 1) out[k++] = this.chainId[node]!;
    return sortUniqueInPlace(out);
  }

  /**
   * The invoice: lines with a quantity, in invoice order (see invoiceOrder). The order is worked
   * out on the columns and each line object is built once, in its place.
   */
  finish(): InvoiceLine[] {
    // Nothing adds to the book once it is finished.
    this.units.release();
    const all = new Int32Array(this.n);
    return this.build(invoiceOrder(all.subarray(0, this.kept(all)), this.tpl, this.date, this.jobId));
  }

  /** Writes the lines with a quantity into `out`; returns how many. */
  private kept(out: Int32Array): number {
    let m = 0;
    for (let i = 0; i < this.n; i++) {
      if (this.time[i] === 1 ? this.minutes[i] !== 0 : this.ratio[i] === undefined ? this.count[i] !== 0 : this.ratio[i]!.n !== 0n) out[m++] = i;
    }
    return m;
  }

  private build(order: readonly LineNo[]): InvoiceLine[] {
    const out: InvoiceLine[] = new Array<InvoiceLine>(order.length);
    for (let k = 0; k < order.length; k++) out[k] = this.toLine(order[k]!);
    return out;
  }


  private toLine(i: LineNo): InvoiceLine {
    const s = this.tpl[i]!;
    const time = this.time[i] === 1;
    const minutes = this.minutes[i]!;
    const ratio = this.ratio[i];
    const count = this.count[i]!;
    const value: Money = time ? roundProduct(s, minutes, 60) : ratio === undefined ? roundProduct(s, count, 1) : roundProduct(s, Number(ratio.n), Number(ratio.d), ratio);
    const quantity = time ? Math.round((minutes / 60) * 1e6) / 1e6 : ratio === undefined ? count : toNumber(ratio);
    const sources = this.sourcesOf(i);
    const jobId = this.jobId[i];
    const siteId = this.siteId[i];
    const amount = s.covered ? 0 : value;
    const pre = this.prefix[i];
    const rule = pre === undefined ? s.rule : `${pre}, ${s.rule}`;
    // The usual shapes as one literal each, keys in the order the general case below adds them: an
    // object built whole keeps its fields in the object, one added to later grows a second store.
    if (jobId !== undefined && siteId !== undefined && s.sku === undefined && s.code !== undefined) {
      if (time) {
        return s.covered
          ? { kind: s.kind, date: this.date[i]!, description: s.description, quantity, unit: s.unit, unitPrice: s.unitPrice, amount, covered: s.covered, rule, version: s.version, sources, jobId, siteId, code: s.code, nominal: value, minutes, rounding: this.rounding[i]! }
          : { kind: s.kind, date: this.date[i]!, description: s.description, quantity, unit: s.unit, unitPrice: s.unitPrice, amount, covered: s.covered, rule, version: s.version, sources, jobId, siteId, code: s.code, minutes, rounding: this.rounding[i]! };
      }
      return s.covered
        ? { kind: s.kind, date: this.date[i]!, description: s.description, quantity, unit: s.unit, unitPrice: s.unitPrice, amount, covered: s.covered, rule, version: s.version, sources, jobId, siteId, code: s.code, nominal: value }
        : { kind: s.kind, date: this.date[i]!, description: s.description, quantity, unit: s.unit, unitPrice: s.unitPrice, amount, covered: s.covered, rule, version: s.version, sources, jobId, siteId, code: s.code };
    }
    if (!time && jobId !== undefined && siteId !== undefined && s.code === undefined && s.sku !== undefined) {
      return s.covered
        ? { kind: s.kind, date: this.date[i]!, description: s.description, quantity, unit: s.unit, unitPrice: s.unitPrice, amount, covered: s.covered, rule, version: s.version, sources, jobId, siteId, sku: s.sku, nominal: value }
        : { kind: s.kind, date: this.date[i]!, description: s.description, quantity, unit: s.unit, unitPrice: s.unitPrice, amount, covered: s.covered, rule, version: s.version, sources, jobId, siteId, sku: s.sku };
    }
    const line: InvoiceLine = {
      kind: s.kind,
      date: this.date[i]!,
      description: s.description,
      quantity,
      unit: s.unit,
      unitPrice: s.unitPrice,
      amount,
      covered: s.covered,
      rule,
      version: s.version,
      sources,
    };
    if (jobId !== undefined) line.jobId = jobId;
    if (siteId !== undefined) line.siteId = siteId;
    if (s.code !== undefined) line.code = s.code;
    if (s.sku !== undefined) line.sku = s.sku;
    if (s.covered) line.nominal = value;
    if (time) {
      line.minutes = minutes;
      line.rounding = this.rounding[i]!;
    }
    return line;
  }
}

/**
 * The fee first, credits last; then by date, job, kind; then in the order lines were opened (the
 * order of `kept`). Dates and jobs are ranked once, so the sort compares numbers, packed with the
 * position into one exact double where they fit and sorted natively. Returns the line numbers in
 * invoice order.
 */
function invoiceOrder(kept: Int32Array, tpl: readonly Template[], date: readonly string[], jobId: readonly (string | undefined)[]): LineNo[] {
  const dateRank = new Ranks(date, kept);
  const jobRank = new Ranks(jobId, kept);
  const keys = orderKeys(kept, tpl, dateRank, jobRank);
  if (packable(3 * dateRank.size * jobRank.size * 9, kept.length)) return through(kept, stableOrder(keys));
  // Array.prototype.sort is stable: equal keys keep the order the lines were opened in.
  return Array.from(kept, (_, k) => k)
    .sort((x, y) => keys[x]! - keys[y]!)
    .map((k) => kept[k]!);
}

function orderKeys(kept: Int32Array, tpl: readonly Template[], dateRank: Ranks, jobRank: Ranks): Float64Array {
  const minors = jobRank.size * 9;
  const keys = new Float64Array(kept.length);
  for (let k = 0; k < kept.length; k++) {
    const kind = tpl[kept[k]!]!.kind;
    const cls = kind === 'fee' ? 0 : kind === 'credit' ? 2 : 1;
    const major = cls * dateRank.size + dateRank.of(k);
    keys[k] = major * minors + jobRank.of(k) * 9 + KIND_ORDER[kind];
  }
  return keys;
}

/** kept[order[k]] for each k. */
function through(kept: Int32Array, order: Int32Array): LineNo[] {
  const out: LineNo[] = new Array<LineNo>(order.length);
  for (let k = 0; k < order.length; k++) out[k] = kept[order[k]!]!;
  return out;
}

const factsByPrice = new WeakMap<Ratio, { unitPrice: Money; pn: number; pd: number }>();

/** A price's display value and number form, once per price object (prices are memoized ratios). */
function priceFacts(price: Ratio): { unitPrice: Money; pn: number; pd: number } {
  let f = factsByPrice.get(price);
  if (!f) factsByPrice.set(price, (f = { unitPrice: round(price), pn: Number(price.n), pd: Number(price.d) }));
  return f;
}

function sameTemplate(a: LineTemplate, b: LineTemplate): boolean {
  return (
    a.kind === b.kind &&
    a.code === b.code &&
    a.sku === b.sku &&
    a.version === b.version &&
    a.rule === b.rule &&
    a.covered === b.covered &&
    a.unit === b.unit &&
    a.price.n === b.price.n &&
    a.price.d === b.price.d &&
    a.description === b.description
  );
}

/** "after-hours ×1.5, ACME-HVAC v3, rates.HVAC-LAB": what applied, which version, which clause. */
export function ruleText(parts: readonly (string | undefined | false)[], label: string, ref: string): string {
  // Joined, not concatenated: `+` builds a tree of cons strings (a dozen objects per text) and a
  // month keeps tens of thousands of texts alive while it is rated; join makes one flat string.
  const out: string[] = [];
  for (const p of parts) if (typeof p === 'string' && p.length > 0) out.push(p);
  if (out.length === 0) out.push(STANDARD_RATE);
  out.push(label, ref);
  return out.join(', ');
}

/** ruleText of [...tags, ...extra, a, b] without building that list (a month describes 100,000 templates). */
export function tagsRuleText(tags: readonly string[], extra: readonly string[], a: string | undefined, b: string | undefined, label: string, ref: string): string {
  const out: string[] = [];
  for (let i = 0; i < tags.length; i++) if (typeof tags[i] === 'string' && tags[i]!.length > 0) out.push(tags[i]!);
  for (let i = 0; i < extra.length; i++) if (typeof extra[i] === 'string' && extra[i]!.length > 0) out.push(extra[i]!);
  if (typeof a === 'string' && a.length > 0) out.push(a);
  if (typeof b === 'string' && b.length > 0) out.push(b);
  if (out.length === 0) out.push(STANDARD_RATE);
  out.push(label, ref);
  return out.join(', ');
}
