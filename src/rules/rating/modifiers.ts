/**
 * Cutting a stretch of labour at every minute where its price can change, and naming the
 * multiplier of each piece (FORMAT.md "modifiers"): after-hours, weekend, holiday, overtime and
 * outside-access do not stack, the highest applies; a seasonal base price multiplies whatever wins.
 * Work is done on spans, never per minute: the cuts are the calendars' open-span edges, local
 * midnights in the site's zone and the technician's overtime threshold.
 */
import { inMonthDays, type LocalDay } from './days.js';
import type { SiteCtx, VersionCtx } from './context.js';

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
  /** why this piece may not be billed yet */
  held?: string;
}

const MIN = 60_000;
const EMPTY: number[] = [];

export function seasonalFor(v: VersionCtx, code: string, day: LocalDay): Seasonal | undefined {
  const list = v.contract.modifiers.seasonal;
  for (let i = 0; i < list.length; i++) {
    const s = list[i]!;
    if (!inMonthDays(day.md, s.from, s.to)) continue;
    if (s.codes.some((c) => c.toUpperCase() === code.toUpperCase())) return { mult: s.multiplier, from: s.from, to: s.to, index: i };
  }
  return undefined;
}

function inside(flat: readonly number[], ptr: { i: number }, x: number): boolean {
  while (ptr.i < flat.length && flat[ptr.i + 1]! <= x) ptr.i += 2;
  return ptr.i < flat.length && flat[ptr.i]! <= x;
}

/**
 * [a, b) at `sc` priced on `code`, cut where the multiplier can change.
 * `overtime` is a flat [s0, e0, s1, e1...] list of the technician's overtime inside [a, b).
 */
export function segment(v: VersionCtx, sc: SiteCtx, code: string, a: number, b: number, overtime: readonly number[], permitted: boolean): Piece[] {
  const mods = v.contract.modifiers;
  const cuts: number[] = [a, b];
  const days = sc.days.between(a, b);
  for (let i = 1; i < days.length; i++) cuts.push(days[i]!.start);
  const open = mods.afterHours && !sc.calendar.alwaysOpen ? sc.calendar.open(a, b) : EMPTY;
  for (const x of open) cuts.push(x);
  const access = sc.access ? sc.access.open(a, b) : undefined;
  if (access) for (const x of access) cuts.push(x);
  for (const x of overtime) cuts.push(x);
  // Whole minutes only: money is priced per minute and a sub-minute zone offset must not leak in.
  for (let i = 0; i < cuts.length; i++) cuts[i] = Math.min(b, Math.max(a, Math.round((cuts[i]! - a) / MIN) * MIN + a));
  cuts.sort((x, y) => x - y);

  const afterHours = !sc.calendar.alwaysOpen ? mods.afterHours?.multiplier : undefined;
  const weekend = mods.weekend?.multiplier;
  const holiday = mods.holiday?.multiplier;
  const overtimeMult = mods.overtime?.multiplier;
  const outside = mods.outsideAccess?.multiplier;
  const holdOutside = !permitted && (mods.outsideAccess?.requiresApproval ?? true);
  const po = { i: 0 };
  const pa = { i: 0 };
  const pt = { i: 0 };
  let di = 0;
  const out: Piece[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const x = cuts[k]!;
    const y = cuts[k + 1]!;
    if (y <= x) continue;
    while (di + 1 < days.length && days[di + 1]!.start <= x) di++;
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
    if (afterHours !== undefined && afterHours > mult && !inside(open, po, x)) {
      name = 'after-hours';
      mult = afterHours;
    }
    if (overtimeMult !== undefined && overtimeMult > mult && overtime.length && inside(overtime, pt, x)) {
      name = 'overtime';
      mult = overtimeMult;
    }
    const inAccess = access ? inside(access, pa, x) : true;
    if (outside !== undefined && outside > mult && !inAccess) {
      name = 'outside-access';
      mult = outside;
    }
    const seasonal = mods.seasonal.length ? seasonalFor(v, code, day) : undefined;
    const held = !inAccess && holdOutside ? `outside ${sc.site.id} access hours without a permit` : undefined;
    const prev = out[out.length - 1];
    if (prev && prev.end === x && prev.mod?.name === name && prev.seasonal?.index === seasonal?.index && prev.held === held) {
      prev.end = y;
      prev.minutes += (y - x) / MIN;
      continue;
    }
    const piece: Piece = { start: x, end: y, minutes: (y - x) / MIN, day };
    if (name) piece.mod = { name, mult };
    if (seasonal) piece.seasonal = seasonal;
    if (held) piece.held = held;
    out.push(piece);
  }
  return out;
}
