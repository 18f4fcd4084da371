/**
 * Local days of a zone as UTC millisecond intervals. Weekend, holiday, seasonal, overtime and line
 * dates all ask "which local day is this instant in"; answering with a binary search over a table
 * built once per zone (luxon only when the table grows) keeps a 100,000-entry month fast, and day
 * lengths of 23 or 25 hours fall out of luxon's own startOf('day').
 */
import { DateTime, IANAZone } from 'luxon';

export interface LocalDay {
  /** first instant of the local date, UTC ms */
  start: number;
  /** first instant of the next local date */
  end: number;
  /** YYYY-MM-DD */
  date: string;
  /** ISO weekday, 1 = Monday .. 7 = Sunday */
  weekday: number;
  /** MM-DD, for seasonal ranges */
  md: string;
  /**
   * The calendar date as a day number (days since 1970-01-01): one number per date string, whatever
   * the zone, so hot paths key maps by it instead of building and hashing strings.
   */
  num: number;
}

const DAY_MS = 86_400_000;

function dayOf(dt: DateTime): LocalDay {
  const s = dt.startOf('day');
  const next = s.plus({ days: 1 }).startOf('day');
  const date = s.toISODate() ?? '';
  // Local wall-clock time of the day's first instant, floored to whole days: the date's number even
  // where the day starts at 01:00 (a DST change at midnight).
  const num = Math.floor((s.toMillis() + s.offset * 60_000) / DAY_MS);
  return { start: s.toMillis(), end: next.toMillis(), date, weekday: s.weekday, md: date.slice(5), num };
}

export class ZoneDays {
  private readonly days: LocalDay[] = [];
  private readonly byDate = new Map<string, LocalDay>();

  constructor(readonly zone: string) {
    if (!IANAZone.isValidZone(zone)) throw new RangeError(`unknown time zone: ${zone}`);
  }

  private push(d: LocalDay, front: boolean): void {
    if (front) this.days.unshift(d);
    else this.days.push(d);
    this.byDate.set(d.date, d);
  }

  private cover(ms: number): void {
    if (this.days.length === 0) this.push(dayOf(DateTime.fromMillis(ms, { zone: this.zone })), false);
    // Contiguous growth keeps the table sorted without gaps, so the binary search stays valid.
    const front: LocalDay[] = [];
    let first = this.days[0]!;
    while (ms < first.start) {
      first = dayOf(DateTime.fromMillis(first.start - 1, { zone: this.zone }));
      front.push(first);
    }
    if (front.length) for (const d of front) this.push(d, true);
    let last = this.days[this.days.length - 1]!;
    while (ms >= last.end) {
      last = dayOf(DateTime.fromMillis(last.end, { zone: this.zone }));
      this.push(last, false);
    }
  }

  /** the day `at` found last: instants asked for one after another are mostly on the same day */
  private last: LocalDay | undefined;

  /** The local day containing the instant. */
  at(ms: number): LocalDay {
    const last = this.last;
    if (last !== undefined && ms >= last.start && ms < last.end) return last;
    this.cover(ms);
    const days = this.days;
    let lo = 0;
    let hi = days.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (days[mid]!.start <= ms) lo = mid;
      else hi = mid - 1;
    }
    return (this.last = days[lo]!);
  }

  /** The local day with this date. */
  ofDate(date: string): LocalDay {
    const hit = this.byDate.get(date);
    if (hit) return hit;
    const dt = DateTime.fromISO(date, { zone: this.zone });
    if (!dt.isValid) throw new RangeError(`not a date: ${date}`);
    return this.at(dt.startOf('day').toMillis());
  }

  /** The local day after `d` (days are contiguous: it starts where `d` ends). */
  next(d: LocalDay): LocalDay {
    return this.at(d.end);
  }

  /** Local days overlapping [a, b), in order. */
  between(a: number, b: number): LocalDay[] {
    const out: LocalDay[] = [];
    if (b <= a) return out;
    let d = this.at(a);
    out.push(d);
    while (d.end < b) {
      d = this.at(d.end);
      out.push(d);
    }
    return out;
  }
}

const zones = new Map<string, ZoneDays>();

/** Shared per zone: day tables are facts about the zone, not about any contract. */
export function zoneDays(zone: string): ZoneDays {
  let z = zones.get(zone);
  if (!z) {
    z = new ZoneDays(zone);
    zones.set(zone, z);
  }
  return z;
}

/** Whole days from `a` to `b` (dates), b - a. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** "MM-DD" inside an inclusive month-day range that may wrap the year end. */
export function inMonthDays(md: string, from: string, to: string): boolean {
  return from <= to ? md >= from && md <= to : md >= from || md <= to;
}
