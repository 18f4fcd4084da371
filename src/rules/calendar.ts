/**
 * Business calendars (docs/contract-format.md "calendars"): opening hours in one IANA zone, minus holidays.
 * Pure: no clock, no I/O. The only zone knowledge is luxon's offset function; everything else is
 * arithmetic on UTC epoch milliseconds.
 *
 * Model. A minute is open when its local wall-clock time lies in a weekly range of its local
 * weekday and its local date is no holiday. So for a local date D (day number: days since
 * 1970-01-01) and a stretch of real time where the zone's offset is a constant `o`, the instants of
 * a range [a, b) are exactly [D*DAY + a - o, D*DAY + b - o). Cutting that at the zone's offset
 * changes gives the DST behaviour the format asks for without special cases: a spring gap simply
 * has no instants, a range over it is an hour shorter; a fall-back overlap is met twice, a range over
 * it is an hour longer (and a range starting inside the repeated hour is open in both copies of its
 * part of that hour, closed in the copies of the part before it).
 *
 * Speed. Open intervals are built lazily per block of 64 local days, as sorted UTC ms pairs with a
 * running sum of open time, so every operation is a couple of binary searches per block touched;
 * long spans skip whole blocks by their totals. Offset changes are found once per zone (shared by
 * every calendar in that zone) by sampling luxon once a day and bisecting to the second.
 */
import Holidays from 'date-holidays';
import { IANAZone } from 'luxon';
import { WEEKDAYS, type CalendarSpec } from './contract-types.js';

export interface BusinessCalendar {
  /** End of the n-th open minute at or after `start`; `start` itself when n is 0. */
  addBusinessMinutes(start: Date, minutes: number): Date;
  /** Open minutes in [from, to); 0 when `to` is not after `from`. Fractional for sub-minute inputs. */
  businessMinutesBetween(from: Date, to: Date): number;
  isOpen(at: Date): boolean;
  /** IANA zone of the calendar ('UTC' for 24x7). */
  readonly zone: string;
  /** Maximal open intervals clipped to [from, to), in order. */
  openSpans(from: Date, to: Date): { start: Date; end: Date }[];
  /** The local date of `at` is a counted public holiday of the region or an explicit closure date. */
  isHoliday(at: Date): boolean;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Local days per cached block: small enough to build in well under a millisecond, large enough
 * that a multi-week SLA touches one or two blocks. */
const BLOCK_DAYS = 64;
/** Past this many cached blocks a calendar drops its cache rather than grow without bound. */
const MAX_BLOCKS = 4096;
/** A search that sees this much consecutive closed time gives up: the calendar never opens. */
const HORIZON_DAYS = 5 * 366;
/** Largest instant a Date can hold (ECMAScript time range). */
const MAX_DATE_MS = 8.64e15;

// ---------------------------------------------------------------------------------------------
// Zone offsets (shared per zone name)

const CHUNK_MS = 64 * DAY;
/** Offset changes come months apart; two that cancel out within one day do not occur in tzdb.
 * Each sample is a luxon offset() call (~10 us, Intl formatToParts), so this is most of the cold
 * cost: about 5 ms per zone and year, paid once per process. */
const SAMPLE_MS = DAY;

interface ZoneChunk {
  start: number;
  startOffset: number;
  /** instants (ms) at which the offset changes inside the chunk, ascending, and the new offsets */
  at: number[];
  offset: number[];
}

interface Segment {
  s: number;
  e: number;
  /** local minus UTC, in ms */
  o: number;
}

class ZoneTimeline {
  private readonly chunks = new Map<number, ZoneChunk>();
  constructor(private readonly zone: IANAZone) {}

  private raw(t: number): number {
    return Math.round(this.zone.offset(t) * MINUTE);
  }

  private chunk(c: number): ZoneChunk {
    let ch = this.chunks.get(c);
    if (ch) return ch;
    const start = c * CHUNK_MS;
    const end = start + CHUNK_MS;
    const at: number[] = [];
    const offset: number[] = [];
    const startOffset = this.raw(start);
    let prevT = start;
    let prevO = startOffset;
    for (let t = start + SAMPLE_MS; t <= end; t += SAMPLE_MS) {
      const o = this.raw(t);
      if (o !== prevO) this.bisect(prevT, prevO, t, o, at, offset);
      prevT = t;
      prevO = o;
    }
    // A change exactly at `end` belongs to the next chunk's startOffset.
    while (at.length > 0 && at[at.length - 1]! >= end) {
      at.pop();
      offset.pop();
    }
    ch = { start, startOffset, at, offset };
    this.chunks.set(c, ch);
    return ch;
  }

  /** Invariant: offset(a) = oa != ob = offset(b); a, b on whole seconds (tzdb changes are). */
  private bisect(a: number, oa: number, b: number, ob: number, at: number[], offset: number[]): void {
    if (b - a <= SECOND) {
      at.push(b);
      offset.push(ob);
      return;
    }
    const m = a + Math.floor((b - a) / (2 * SECOND)) * SECOND;
    const om = this.raw(m);
    if (om !== oa) this.bisect(a, oa, m, om, at, offset);
    if (om !== ob) this.bisect(m, om, b, ob, at, offset);
  }

  offsetAt(t: number): number {
    const ch = this.chunk(Math.floor(t / CHUNK_MS));
    let o = ch.startOffset;
    for (let i = 0; i < ch.at.length && ch.at[i]! <= t; i++) o = ch.offset[i]!;
    return o;
  }

  /** Constant-offset pieces covering [from, to), in order. */
  segments(from: number, to: number): Segment[] {
    const out: Segment[] = [];
    const push = (s: number, e: number, o: number): void => {
      if (s >= e) return;
      const last = out[out.length - 1];
      if (last && last.o === o && last.e === s) last.e = e;
      else out.push({ s, e, o });
    };
    for (let c = Math.floor(from / CHUNK_MS); c * CHUNK_MS < to; c++) {
      const ch = this.chunk(c);
      const chEnd = Math.min(ch.start + CHUNK_MS, to);
      let s = Math.max(from, ch.start);
      let o = ch.startOffset;
      for (let i = 0; i < ch.at.length; i++) {
        const t = ch.at[i]!;
        if (t <= s) {
          o = ch.offset[i]!;
          continue;
        }
        if (t >= chEnd) break;
        push(s, t, o);
        s = t;
        o = ch.offset[i]!;
      }
      push(s, chEnd, o);
    }
    return out;
  }
}

const timelines = new Map<string, ZoneTimeline>();

function timelineFor(zone: string): ZoneTimeline {
  let tl = timelines.get(zone);
  if (!tl) {
    tl = new ZoneTimeline(IANAZone.create(zone));
    timelines.set(zone, tl);
  }
  return tl;
}

// ---------------------------------------------------------------------------------------------
// Holidays

/**
 * Which date-holidays types close a calendar: `public` and `bank`, nothing else.
 * What the library returns for the pilot regions in 2026 (checked with date-holidays 3.37):
 * - FR, GB-ENG, CA-ON, US, US-TX use `public` for every statutory day off; none of them uses `bank`
 *   (England's bank holidays are typed `public`). `bank` still counts because in other countries it
 *   is the type for days banks and most offices close (e.g. several European Dec 24/31 entries).
 * - `observance` (Mother's Day, Halloween, Pentecost Sunday in FR, Easter Sunday, Texas
 *   Independence Day...) and `optional` (US Christmas Eve, CA-ON Civic Holiday and Remembrance
 *   Day) are days most businesses stay open: not counted. A contract that closes on them lists the
 *   date explicitly. `school` is not a business closure either.
 * - Substitute days come back as their own `public` entries with `substitute: true` (US Independence
 *   Day observed Fri 2026-07-03, GB-ENG Boxing Day substitute Mon 2026-12-28), so they count.
 * - US-TX adds state days typed `public` (day after Thanksgiving, Dec 24, Dec 26): they count.
 * A holiday closes its whole local date (the format), even where the library starts it at noon or
 * 14:00 (e.g. AT/AX Dec 24 `bank` entries); multi-day entries (Eid, Seollal) close every date they
 * span. `getHolidays(year)` returns the entries dated in that year, including a substitute that falls
 * in the previous December (US 2021-12-31 for New Year 2022 is in the 2021 list).
 */
const COUNTED_TYPES: ReadonlySet<string> = new Set(['public', 'bank']);

let holidayDirectory: Holidays | undefined;
const regionLibs = new Map<string, Holidays>();
/** region -> (years loaded, day numbers); holidays do not depend on the calendar using them. */
const regionDays = new Map<string, { years: Set<number>; days: Set<number> }>();

function regionLib(region: string): Holidays {
  let lib = regionLibs.get(region);
  if (lib) return lib;
  const [country, state, sub, ...rest] = region.split('-');
  const dir = (holidayDirectory ??= new Holidays());
  const countries = dir.getCountries() as Record<string, string> | undefined;
  const known =
    country !== undefined &&
    rest.length === 0 &&
    countries?.[country] !== undefined &&
    (state === undefined || (dir.getStates(country) as Record<string, string> | undefined)?.[state] !== undefined) &&
    (sub === undefined ||
      (state !== undefined &&
        (dir.getRegions(country, state) as Record<string, string> | undefined)?.[sub] !== undefined));
  if (!known || country === undefined) {
    throw new Error(`unknown holiday region "${region}" (expected a country or country-state code like FR, US-TX, GB-ENG)`);
  }
  lib = sub !== undefined && state !== undefined ? new Holidays(country, state, sub) : state !== undefined ? new Holidays(country, state) : new Holidays(country);
  regionLibs.set(region, lib);
  return lib;
}

function regionHoliday(region: string, day: number): boolean {
  let entry = regionDays.get(region);
  if (!entry) {
    entry = { years: new Set(), days: new Set() };
    regionDays.set(region, entry);
  }
  const year = yearOfDay(day);
  // The previous year too: a multi-day entry starting late December runs into this year.
  for (const y of [year - 1, year]) {
    if (entry.years.has(y)) continue;
    for (const h of regionLib(region).getHolidays(y)) {
      if (!COUNTED_TYPES.has(h.type)) continue;
      const first = parseLocalDate(h.date.slice(0, 10));
      if (first === undefined) continue;
      const span = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY));
      for (let k = 0; k < span; k++) entry.days.add(first + k);
    }
    entry.years.add(y);
  }
  return entry.days.has(day);
}

// ---------------------------------------------------------------------------------------------
// Small date helpers (calendar dates only; no zones)

function yearOfDay(day: number): number {
  return new Date(day * DAY).getUTCFullYear();
}

/** "2026-12-24" -> day number; undefined when not a real date. */
function parseLocalDate(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return ms / DAY;
}

/** Monday = 0 ... Sunday = 6; day 0 (1970-01-01) was a Thursday. */
function weekdayOfDay(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

function dayFloor(t: number): number {
  return Math.floor(t / DAY);
}

function blockOfDay(day: number): number {
  return Math.floor(day / BLOCK_DAYS);
}

function instant(d: Date, name: string): number {
  const t = d instanceof Date ? d.getTime() : NaN;
  if (!Number.isFinite(t)) throw new RangeError(`${name} is not a valid date`);
  return t;
}

function minutesToMs(minutes: number): number {
  if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`business minutes must be a finite number >= 0, got ${String(minutes)}`);
  }
  return Math.round(minutes * MINUTE);
}

// ---------------------------------------------------------------------------------------------
// Weekly ranges

const RANGE = /^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/;

/** ["08:00-12:00", "13:00-18:00"] -> sorted, merged [startMs, endMs) of the local day. */
function parseRanges(day: string, ranges: readonly string[]): [number, number][] {
  const out: [number, number][] = [];
  for (const text of ranges) {
    const m = RANGE.exec(text);
    const [sh, sm, eh, em] = m ? [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] : [NaN, NaN, NaN, NaN];
    const a = sh * HOUR + sm * MINUTE;
    const b = eh * HOUR + em * MINUTE;
    const valid = m && sh < 24 && sm < 60 && em < 60 && (eh < 24 || (eh === 24 && em === 0)) && a < b;
    if (!valid) {
      throw new Error(
        `calendar ${day}: "${text}" is not a range HH:MM-HH:MM with start before end (end may be 24:00; ` +
          `a range past midnight is written as two ranges on two days)`,
      );
    }
    out.push([a, b]);
  }
  out.sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const r of out) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

// ---------------------------------------------------------------------------------------------
// Calendars

interface Block {
  starts: Float64Array;
  ends: Float64Array;
  /** cumulative open ms through interval k, inclusive */
  cumEnd: Float64Array;
  total: number;
}

/** Number of entries of `a` that are <= x. */
function upperBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Open ms of the block that lie before t. */
function openBefore(b: Block, t: number): number {
  const k = upperBound(b.starts, t);
  if (k === 0) return 0;
  const base = k >= 2 ? b.cumEnd[k - 2]! : 0;
  return base + Math.min(t, b.ends[k - 1]!) - b.starts[k - 1]!;
}

/** The instant where the block's open time reaches `target` (0 < target <= total). */
function instantAt(b: Block, target: number): number {
  let lo = 0;
  let hi = b.cumEnd.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (b.cumEnd[mid]! >= target) hi = mid;
    else lo = mid + 1;
  }
  const before = lo > 0 ? b.cumEnd[lo - 1]! : 0;
  return b.starts[lo]! + (target - before);
}

class OfficeCalendar implements BusinessCalendar {
  readonly zone: string;
  private readonly timeline: ZoneTimeline;
  /** per weekday, Monday first */
  private readonly weekly: [number, number][][];
  private readonly region: string | undefined;
  private readonly closures: ReadonlySet<number>;
  private readonly everOpen: boolean;
  /** upper bound of open ms in any 7 days: the weekly hours plus up to 2 h per day of DST overlap */
  private readonly maxOpenPerWeek: number;
  private readonly blocks = new Map<number, Block>();

  constructor(spec: CalendarSpec) {
    if (typeof spec.timezone !== 'string' || !IANAZone.isValidZone(spec.timezone)) {
      throw new Error(`calendar time zone "${String(spec.timezone)}" is not an IANA zone`);
    }
    this.zone = spec.timezone;
    this.timeline = timelineFor(spec.timezone);
    for (const key of Object.keys(spec.weekly ?? {})) {
      if (!(WEEKDAYS as readonly string[]).includes(key)) {
        throw new Error(`calendar weekday "${key}" is not one of ${WEEKDAYS.join(', ')}`);
      }
    }
    this.weekly = WEEKDAYS.map((d) => parseRanges(d, spec.weekly?.[d] ?? []));
    this.everOpen = this.weekly.some((r) => r.length > 0);
    this.maxOpenPerWeek = this.weekly.flat().reduce((sum, [a, b]) => sum + b - a, 0) + 7 * 2 * HOUR;
    const region = spec.holidays?.region?.trim();
    if (region) {
      this.region = region.toUpperCase();
      regionLib(this.region); // fail at load time, not at the first SLA computation
    }
    const closures = new Set<number>();
    for (const text of spec.holidays?.dates ?? []) {
      const day = typeof text === 'string' ? parseLocalDate(text.trim()) : undefined;
      if (day === undefined) throw new Error(`calendar holiday date "${String(text)}" is not a date YYYY-MM-DD`);
      closures.add(day);
    }
    this.closures = closures;
  }

  private holidayDay(day: number): boolean {
    return this.closures.has(day) || (this.region !== undefined && regionHoliday(this.region, day));
  }

  private block(index: number): Block {
    const cached = this.blocks.get(index);
    if (cached) return cached;
    if (this.blocks.size >= MAX_BLOCKS) this.blocks.clear();
    const built = this.build(index);
    this.blocks.set(index, built);
    return built;
  }

  private build(index: number): Block {
    const firstDay = index * BLOCK_DAYS;
    const starts: number[] = [];
    const ends: number[] = [];
    if (this.everOpen) {
      // Offsets stay within a day of UTC, so local date D lies in (D*DAY - DAY, D*DAY + 2*DAY).
      const segs = this.timeline.segments((firstDay - 1) * DAY, (firstDay + BLOCK_DAYS + 1) * DAY);
      let first = 0;
      const pieces: [number, number][] = [];
      for (let day = firstDay; day < firstDay + BLOCK_DAYS; day++) {
        const ranges = this.weekly[weekdayOfDay(day)]!;
        if (ranges.length === 0 || this.holidayDay(day)) continue;
        const midnight = day * DAY;
        while (first < segs.length && segs[first]!.e <= midnight - DAY) first++;
        pieces.length = 0;
        for (let j = first; j < segs.length && segs[j]!.s < midnight + 2 * DAY; j++) {
          const seg = segs[j]!;
          for (const [a, b] of ranges) {
            const lo = Math.max(midnight + a - seg.o, seg.s);
            const hi = Math.min(midnight + b - seg.o, seg.e);
            if (lo < hi) pieces.push([lo, hi]);
          }
        }
        pieces.sort((x, y) => x[0] - y[0]);
        for (const [lo, hi] of pieces) {
          if (ends.length > 0 && ends[ends.length - 1] === lo) ends[ends.length - 1] = hi;
          else {
            starts.push(lo);
            ends.push(hi);
          }
        }
      }
    }
    const cumEnd = new Float64Array(starts.length);
    let total = 0;
    for (let k = 0; k < starts.length; k++) {
      total += ends[k]! - starts[k]!;
      cumEnd[k] = total;
    }
    return { starts: Float64Array.from(starts), ends: Float64Array.from(ends), cumEnd, total };
  }

  addBusinessMinutes(start: Date, minutes: number): Date {
    const t = instant(start, 'start');
    let remaining = minutesToMs(minutes);
    if (remaining === 0) return new Date(t);
    if (!this.everOpen) throw new Error(`calendar in ${this.zone} has no opening hours: it never opens`);
    // Refuse absurd inputs before building tens of thousands of blocks to find out.
    if (t + (remaining / this.maxOpenPerWeek) * 7 * DAY > MAX_DATE_MS) {
      throw new RangeError(`${minutes} business minutes from ${new Date(t).toISOString()} is beyond the Date range`);
    }
    let closedDays = 0;
    for (let b = blockOfDay(dayFloor(t) - 1); ; b++) {
      const blk = this.block(b);
      const before = openBefore(blk, t);
      const avail = blk.total - before;
      if (remaining <= avail) return new Date(instantAt(blk, before + remaining));
      remaining -= avail;
      closedDays = blk.total === 0 ? closedDays + BLOCK_DAYS : 0;
      if (closedDays > HORIZON_DAYS) {
        throw new Error(
          `calendar in ${this.zone} has no open time in the ${Math.round(HORIZON_DAYS / 366)} years after ` +
            `${new Date(t).toISOString()}: cannot add ${minutes} business minutes`,
        );
      }
    }
  }

  businessMinutesBetween(from: Date, to: Date): number {
    const a = instant(from, 'from');
    const z = instant(to, 'to');
    if (!(z > a)) return 0;
    let open = 0;
    const last = blockOfDay(dayFloor(z) + 1);
    for (let b = blockOfDay(dayFloor(a) - 1); b <= last; b++) {
      const blk = this.block(b);
      open += openBefore(blk, z) - openBefore(blk, a);
    }
    return open / MINUTE;
  }

  isOpen(at: Date): boolean {
    const t = instant(at, 'at');
    const day = dayFloor(t);
    for (let b = blockOfDay(day - 1); b <= blockOfDay(day + 1); b++) {
      const blk = this.block(b);
      const k = upperBound(blk.starts, t);
      if (k > 0 && t < blk.ends[k - 1]!) return true;
    }
    return false;
  }

  openSpans(from: Date, to: Date): { start: Date; end: Date }[] {
    const a = instant(from, 'from');
    const z = instant(to, 'to');
    const spans: [number, number][] = [];
    if (!(z > a)) return [];
    const last = blockOfDay(dayFloor(z) + 1);
    for (let b = blockOfDay(dayFloor(a) - 1); b <= last; b++) {
      const blk = this.block(b);
      // first interval ending after a
      let k = Math.max(0, upperBound(blk.starts, a) - 1);
      for (; k < blk.starts.length && blk.starts[k]! < z; k++) {
        const s = Math.max(blk.starts[k]!, a);
        const e = Math.min(blk.ends[k]!, z);
        if (s >= e) continue;
        const prev = spans[spans.length - 1];
        if (prev && prev[1] >= s) prev[1] = Math.max(prev[1], e);
        else spans.push([s, e]);
      }
    }
    return spans.map(([s, e]) => ({ start: new Date(s), end: new Date(e) }));
  }

  isHoliday(at: Date): boolean {
    const t = instant(at, 'at');
    return this.holidayDay(dayFloor(t + this.timeline.offsetAt(t)));
  }
}

const ALWAYS_OPEN: BusinessCalendar = Object.freeze({
  zone: 'UTC',
  addBusinessMinutes(start: Date, minutes: number): Date {
    const end = instant(start, 'start') + minutesToMs(minutes);
    if (end > MAX_DATE_MS) throw new RangeError(`${minutes} minutes from ${start.toISOString()} is beyond the Date range`);
    return new Date(end);
  },
  businessMinutesBetween(from: Date, to: Date): number {
    const a = instant(from, 'from');
    const z = instant(to, 'to');
    return z > a ? (z - a) / MINUTE : 0;
  },
  isOpen(at: Date): boolean {
    instant(at, 'at');
    return true;
  },
  openSpans(from: Date, to: Date): { start: Date; end: Date }[] {
    const a = instant(from, 'from');
    const z = instant(to, 'to');
    return z > a ? [{ start: new Date(a), end: new Date(z) }] : [];
  },
  isHoliday(at: Date): boolean {
    instant(at, 'at');
    return false;
  },
});

/**
 * A calendar as written in a contract -> fast queries. Throws on an unknown zone, a malformed
 * range or date, or an unknown holiday region, so a bad contract fails when it is loaded.
 */
export function compileCalendar(spec: CalendarSpec | '24x7'): BusinessCalendar {
  if (spec === '24x7') return ALWAYS_OPEN;
  return new OfficeCalendar(spec);
}
