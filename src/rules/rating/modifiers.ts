/**
 * Cutting a stretch of labour at every minute where its price can change, and naming the
 * multiplier of each piece (docs/contract-format.md "modifiers"): after-hours, weekend, holiday, overtime and
 * outside-access do not stack, the highest applies; a seasonal base price multiplies whatever wins.
 * Work is done on spans, never per minute: the cuts are the calendars' open-span edges, local
 * midnights in the site's zone and the technician's overtime threshold.
 */
import { inMonthDays, type LocalDay } from './days.js';
import type { Modifiers } from '../contract-types.js';
import type { SiteCtx, VersionCtx } from './context.js';
import { innerMap } from './maps.js';

export type ModName = 'holiday' | 'weekend' | 'after-hours' | 'overtime' | 'outside-access';

/*
 * Where two multipliers tie, the piece is named after the first of: holiday, weekend, after-hours,
 * overtime, outside-access (the order `segment` considers them in).
 */

const MODIFIER_KEY: Record<ModName, string> = {
  holiday: 'holiday',
  weekend: 'weekend',
  'after-hours': 'afterHours',
  overtime: 'overtime',
  'outside-access': 'outsideAccess',
};

export function modifierRef(name: ModName): string {
  return `modifiers.${MODIFIER_KEY[name]}`;
}

export interface Seasonal {
  mult: number;
  from: string;
  to: string;
  index: number;
}

export interface Piece {
  start: number;
  end: number;
  minutes: number;
  /** local day (site zone) of the piece's first minute */
  day: LocalDay;
  mod?: { name: ModName; mult: number };
  seasonal?: Seasonal;
  /** held: the site whose access hours the piece is outside, with no permit */
  held?: string;
  /** minutes added by increment rounding, priced like this piece (set by rateSpan on the entry's last billable piece) */
  round: number;
}

const MIN = 60_000;

type SeasonalRule = Modifiers['seasonal'][number];

/** Per seasonal list and code: the rules naming the code, in order. Contracts are immutable once loaded. */
const rulesByCode = new WeakMap<readonly SeasonalRule[], Map<string, Seasonal[]>>();

function seasonalRules(list: readonly SeasonalRule[], code: string): Seasonal[] {
  let byCode = rulesByCode.get(list);
  if (!byCode) rulesByCode.set(list, (byCode = new Map()));
  let rules = byCode.get(code);
  if (!rules) {
    rules = [];
    const up = code.toUpperCase();
    for (let i = 0; i < list.length; i++) {
      const s = list[i]!;
      if (s.codes.some((c) => c.toUpperCase() === up)) rules.push({ mult: s.multiplier, from: s.from, to: s.to, index: i });
    }
    byCode.set(code, rules);
  }
  return rules;
}

/** The first seasonal rule of the version that names `code` and holds the day. */
export function seasonalFor(v: VersionCtx, code: string, day: LocalDay): Seasonal | undefined {
  const list = v.contract.modifiers.seasonal;
  if (list.length === 0) return undefined;
  const rules = seasonalRules(list, code);
  for (let i = 0; i < rules.length; i++) if (inMonthDays(day.md, rules[i]!.from, rules[i]!.to)) return rules[i];
  return undefined;
}

/**
 * Scratch buffers reused by every call (segment runs once per entry and is not re-entrant). They
 * are never truncated with `length = 0`, which would free their storage: counts are kept apart.
 */
const cutsBuf: number[] = [];
const daysBuf: LocalDay[] = [];
const openBuf: number[] = [];
const accessBuf: number[] = [];

/**
 * [a, b) at `sc` priced on `code`, cut where the multiplier can change, written into `out`; returns
 * how many pieces. The technician's overtime inside [a, b) is `overtime[otFrom]` up to
 * `overtime[otTo]`, a flat [s0, e0, s1, e1...] list (a slice of the run's, see OvertimeColumns).
 * The pieces in `out` are reused from call to call: a month is 100,000 entries, and their pieces
 * are read at once and never kept.
 */
export function segment(v: VersionCtx, sc: SiteCtx, code: string, a: number, b: number, overtime: readonly number[], otFrom: number, otTo: number, permitted: boolean, out: Piece[]): number {
  const mods = v.contract.modifiers;
  const cuts = cutsBuf;
  let nCuts = 0;
  cuts[nCuts++] = a;
  cuts[nCuts++] = b;
  // Local days overlapping [a, b); each after the first starts with a cut.
  const days = daysBuf;
  let nDays = 0;
  let d = sc.days.at(a);
  days[nDays++] = d;
  while (d.end < b) {
    d = sc.days.next(d);
    days[nDays++] = d;
    cuts[nCuts++] = d.start;
  }
  let nOpen = 0;
  if (mods.afterHours && !sc.calendar.alwaysOpen) nOpen = sc.calendar.openInto(a, b, openBuf);
  const open = openBuf;
  for (let i = 0; i < nOpen; i++) cuts[nCuts++] = open[i]!;
  const hasAccess = sc.access !== undefined;
  const nAccess = sc.access ? sc.access.openInto(a, b, accessBuf) : 0;
  const access = accessBuf;
  for (let i = 0; i < nAccess; i++) cuts[nCuts++] = access[i]!;
  for (let i = otFrom; i < otTo; i++) cuts[nCuts++] = overtime[i]!;
  // Whole minutes only: money is priced per minute and a sub-minute zone offset must not leak in.
  for (let i = 0; i < nCuts; i++) cuts[i] = Math.min(b, Math.max(a, Math.round((cuts[i]! - a) / MIN) * MIN + a));
  insertionSort(cuts, nCuts);

  const afterHours = !sc.calendar.alwaysOpen ? mods.afterHours?.multiplier : undefined;
  const weekend = mods.weekend?.multiplier;
  const holiday = mods.holiday?.multiplier;
  const overtimeMult = mods.overtime?.multiplier;
  const outside = mods.outsideAccess?.multiplier;
  const holdOutside = !permitted && (mods.outsideAccess?.requiresApproval ?? true);
  const seasonalOn = mods.seasonal.length > 0;
  // Cursors into the sorted interval lists: cut points only move forward.
  let po = 0;
  let pa = 0;
  let pt = otFrom;
  let di = 0;
  let n = 0;
  for (let k = 0; k + 1 < nCuts; k++) {
    const x = cuts[k]!;
    const y = cuts[k + 1]!;
    if (y <= x) continue;
    while (di + 1 < nDays && days[di + 1]!.start <= x) di++;
    const day = days[di]!;
    // Considered in tie order: a later modifier wins only with a strictly higher multiplier.
    let name: ModName | undefined;
    let mult = 0;
    if (holiday !== undefined && holiday > mult && sc.calendar.holiday(day)) {
      name = 'holiday';
      mult = holiday;
    }
    if (weekend !== undefined && weekend > mult && day.weekday >= 6) {
      name = 'weekend';
      mult = weekend;
    }
    if (afterHours !== undefined && afterHours > mult) {
      po = skipBefore(open, nOpen, po, x);
      if (!covers(open, nOpen, po, x)) {
        name = 'after-hours';
        mult = afterHours;
      }
    }
    if (overtimeMult !== undefined && overtimeMult > mult && otTo > otFrom) {
      pt = skipBefore(overtime, otTo, pt, x);
      if (covers(overtime, otTo, pt, x)) {
        name = 'overtime';
        mult = overtimeMult;
      }
    }
    let inAccess = true;
    if (hasAccess) {
      pa = skipBefore(access, nAccess, pa, x);
      inAccess = covers(access, nAccess, pa, x);
    }
    if (outside !== undefined && outside > mult && !inAccess) {
      name = 'outside-access';
      mult = outside;
    }
    const seasonal = seasonalOn ? seasonalFor(v, code, day) : undefined;
    const held = !inAccess && holdOutside ? sc.site.id : undefined;
    const prev = n > 0 ? out[n - 1] : undefined;
    if (prev && prev.end === x && prev.mod?.name === name && prev.seasonal?.index === seasonal?.index && prev.held === held) {
      prev.end = y;
      prev.minutes += (y - x) / MIN;
      continue;
    }
    const mod = name ? modOf(name, mult) : undefined;
    const piece = out[n];
    if (piece) {
      piece.start = x;
      piece.end = y;
      piece.minutes = (y - x) / MIN;
      piece.day = day;
      piece.mod = mod;
      piece.seasonal = seasonal;
      piece.held = held;
      piece.round = 0;
    } else out[n] = { start: x, end: y, minutes: (y - x) / MIN, day, mod, seasonal, held, round: 0 };
    n++;
  }
  return n;
}

const mods = new Map<ModName, Map<number, { name: ModName; mult: number }>>();

/** One object per modifier name and multiplier, shared by every piece (pieces only read it). */
function modOf(name: ModName, mult: number): { name: ModName; mult: number } {
  const byMult = innerMap(mods, name);
  let m = byMult.get(mult);
  if (!m) {
    m = { name, mult };
    if (byMult.size < 100) byMult.set(mult, m);
  }
  return m;
}

/** First interval of a flat sorted [s0, e0, s1, e1, ...] list ending at index n, from index i, that ends after x. */
function skipBefore(flat: readonly number[], n: number, i: number, x: number): number {
  while (i < n && flat[i + 1]! <= x) i += 2;
  return i;
}

function covers(flat: readonly number[], n: number, i: number, x: number): boolean {
  return i < n && flat[i]! <= x;
}

/** Ascending sort of the first n numbers in place. A handful of cuts: Array.prototype.sort would allocate. */
function insertionSort(xs: number[], n: number): void {
  for (let i = 1; i < n; i++) {
    const x = xs[i]!;
    let j = i - 1;
    while (j >= 0 && xs[j]! > x) {
      xs[j + 1] = xs[j]!;
      j--;
    }
    xs[j + 1] = x;
  }
}
