/**
 * Hourly labour: a span of one time entry priced on one code, cut by modifiers, rounded up to the
 * code's increment; and each technician's daily overtime threshold, which depends on all of their
 * entries that day and so is computed before any entry is priced.
 */
import type { Rate } from '../contract-types.js';
import type { SiteCtx, VersionCtx } from './context.js';
import type { ZoneDays } from './days.js';
import { innerMap } from './maps.js';
import { type Piece, segment } from './modifiers.js';
import { type Ratio, dec, int, mul, sub, ONE, ZERO } from './ratio.js';

/**
 * `billing.increment` works per time entry: the billable minutes of [a, b) are rounded up and the
 * added minutes take the multiplier of the last billable minute. The pieces are written into `out`
 * (see `segment`, also for the overtime arguments); returns how many.
 */
export function rateSpan(v: VersionCtx, sc: SiteCtx, rate: Rate, a: number, b: number, overtime: readonly number[], otFrom: number, otTo: number, permitted: boolean, out: Piece[]): number {
  const n = segment(v, sc, rate.code, a, b, overtime, otFrom, otTo, permitted, out);
  let billable = 0;
  let last: Piece | undefined;
  for (let i = 0; i < n; i++) {
    const p = out[i]!;
    if (p.held) continue;
    billable += p.minutes;
    last = p;
  }
  const inc = rate.billing?.increment;
  if (inc && inc > 0 && last && billable > 0) last.round = Math.ceil(billable / inc) * inc - billable;
  return n;
}

const prices = new Map<number, Map<number, Map<number, Ratio>>>();

/** price × a × b, memoized: a month prices the same few combinations hundreds of thousands of times. */
export function priced(price: number, a: number, b = 1): Ratio {
  const m2 = innerMap(innerMap(prices, price), a);
  let r = m2.get(b);
  if (!r) {
    r = mul(mul(int(price), dec(a)), b === 1 ? ONE : b === 0 ? ZERO : dec(b));
    if (prices.size < 10_000) m2.set(b, r);
  }
  return r;
}

/** Price per hour with the seasonal base applied: what prepaid banks and minimum top-ups charge. */
export function basePrice(rate: Rate, p: Pick<Piece, 'seasonal'>): Ratio {
  return priced(rate.price, p.seasonal?.mult ?? 1, 1);
}

export function fullPrice(rate: Rate, p: Pick<Piece, 'seasonal' | 'mod'>): Ratio {
  return priced(rate.price, p.seasonal?.mult ?? 1, p.mod?.mult ?? 1);
}

/** The uplift part of a modifier (×1.75 -> 0.75 of base), for hours drawn from a prepaid bank. */
export function upliftPrice(rate: Rate, p: Pick<Piece, 'seasonal' | 'mod'>): Ratio | undefined {
  if (!p.mod || p.mod.mult <= 1) return undefined;
  const base = basePrice(rate, p);
  let ups = uplifts.get(base);
  if (!ups) uplifts.set(base, (ups = new Map()));
  let r = ups.get(p.mod.mult);
  if (!r) ups.set(p.mod.mult, (r = mul(base, sub(dec(p.mod.mult), ONE))));
  return r;
}

const uplifts = new WeakMap<Ratio, Map<number, Ratio>>();

/** The columns of the resolved entries that overtime reads and fills, indexed by entry number. */
export interface OvertimeColumns {
  /** each entry's technician, numbered from 0 to `techs` - 1 */
  readonly tech: Int32Array;
  readonly techs: number;
  readonly start: Float64Array;
  readonly end: Float64Array;
  /** afterPerDay of the version in force, NaN when that version has no overtime modifier */
  afterPerDay(i: number): number;
  /**
   * filled: entry i's overtime intervals inside [start, end) are `overtime[overtimeFrom[i]]` up to
   * `overtime[overtimeTo[i]]`, flat [s, e, ...] (equal bounds: none). One list for the run, not an
   * array per entry that lives through the run (docs/rating.md, "Speed").
   */
  readonly overtime: number[];
  readonly overtimeFrom: Int32Array;
  readonly overtimeTo: Int32Array;
}

const MIN = 60_000;

/**
 * A technician's labour beyond `afterPerDay` in one local day (contract main zone), counted across
 * their entries in chronological order; an entry over midnight starts the next day's count.
 * `order` (entry numbers) must already be in (start, id) order, the order overtime is attributed
 * in: the engine sorts all entries once and this keeps each technician's subsequence.
 */
export function markOvertime(cols: OvertimeColumns, order: Int32Array, days: ZoneDays): void {
  const tallies: (DayTally | undefined)[] = new Array<DayTally | undefined>(cols.techs).fill(undefined);
  const { start, end, overtime, overtimeFrom, overtimeTo } = cols;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const tech = cols.tech[i]!;
    let tally = tallies[tech];
    if (tally === undefined) tallies[tech] = tally = new DayTally();
    const s = start[i]!;
    const t = end[i]!;
    const after = cols.afterPerDay(i);
    let d = days.at(s);
    // Entries come in start order, so no later entry counts toward a day before this one starts.
    tally.forget(d.num);
    overtimeFrom[i] = overtime.length;
    // The local days overlapping [start, end).
    for (; ; d = days.next(d)) {
      const a = Math.max(s, d.start);
      const b = Math.min(t, d.end);
      const before = tally.add(d.num, (b - a) / MIN);
      if (!Number.isNaN(after)) {
        const from = a + Math.max(0, after - before) * MIN;
        if (from < b) overtime.push(from, b);
      }
      if (!(d.end < t)) break;
    }
    overtimeTo[i] = overtime.length;
  }
}

/** A technician's minutes per local day, for the days later entries can still reach: one or two. */
class DayTally {
  private readonly days: number[] = [];
  private readonly minutes: number[] = [];

  /** Drops the days before `day`. */
  forget(day: number): void {
    while (this.days.length > 0 && this.days[0]! < day) {
      this.days.shift();
      this.minutes.shift();
    }
  }

  /** Adds minutes to a day; returns the day's minutes before them. */
  add(day: number, minutes: number): number {
    const days = this.days;
    for (let k = 0; k < days.length; k++) {
      if (days[k] === day) {
        const before = this.minutes[k]!;
        this.minutes[k] = before + minutes;
        return before;
      }
    }
    // Days arrive in order within an entry and from entry to entry, except that an entry may
    // start on a day an earlier, longer entry already reached: keep the list sorted.
    let k = days.length;
    while (k > 0 && days[k - 1]! > day) k--;
    if (k === days.length) {
      days.push(day);
      this.minutes.push(minutes);
    } else {
      days.splice(k, 0, day);
      this.minutes.splice(k, 0, minutes);
    }
    return 0;
  }
}
