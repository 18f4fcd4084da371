/**
 * A technician's working hours and on-call turns: weekly spans in the person's zone, written the
 * way people say them ("mon-fri 08:00-17:00, sat 09:00-12:00"; an overnight turn "mon-fri
 * 17:00-08:00" runs into the next day). Pure: the instant to judge is always passed in.
 */
import { DateTime } from 'luxon';
import { refusal } from '../errors.js';
import { WEEKDAYS, type Weekday } from './contract-types.js';

/** Minutes from local midnight, [start, end) with end ≤ 1440, per weekday. */
export type WeeklyHours = Record<Weekday, [number, number][]>;

const SPAN = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/;

function minutesOf(h: string, m: string, what: string): number {
  const v = Number(h) * 60 + Number(m);
  if (Number(m) > 59 || v > 1440) throw refusal('invalid', 'errors-rules.not-a-span', { text: what });
  return v;
}

function days(word: string): Weekday[] {
  const w = word.toLowerCase();
  if (w === 'daily' || w === 'mon-sun') return [...WEEKDAYS];
  const [a, b] = w.split('-');
  const i = WEEKDAYS.indexOf(a as Weekday);
  const j = b === undefined ? i : WEEKDAYS.indexOf(b as Weekday);
  if (i < 0 || j < 0 || j < i) throw refusal('invalid', 'errors-rules.not-days', { text: word });
  return WEEKDAYS.slice(i, j + 1);
}

/**
 * "mon-fri 08:00-17:00, sat 09:00-12:00" → spans per weekday. Parts are separated by commas or
 * semicolons; each part is days then one or more spans. An end before the start runs past midnight.
 */
export function parseWeeklyHours(text: string): WeeklyHours {
  const out = Object.fromEntries(WEEKDAYS.map((d) => [d, []])) as unknown as WeeklyHours;
  const parts = text
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.length) throw refusal('invalid', 'errors-rules.hours-empty');
  for (const part of parts) {
    const [dayWord, ...spans] = part.split(/\s+/);
    if (!dayWord || !spans.length) throw refusal('invalid', 'errors-rules.hours-part', { text: part });
    for (const d of days(dayWord)) {
      for (const s of spans) {
        const m = SPAN.exec(s);
        if (!m) throw refusal('invalid', 'errors-rules.not-a-span', { text: s });
        const start = minutesOf(m[1]!, m[2]!, s);
        const end = minutesOf(m[3]!, m[4]!, s);
        if (start === end) throw refusal('invalid', 'errors-rules.span-empty', { text: s });
        if (end > start) out[d].push([start, end]);
        else {
          out[d].push([start, 1440]);
          if (end > 0) out[WEEKDAYS[(WEEKDAYS.indexOf(d) + 1) % 7]!].push([0, end]);
        }
      }
    }
  }
  for (const d of WEEKDAYS) out[d].sort((a, b) => a[0] - b[0]);
  return out;
}

/** An IANA zone name, refused with a clear message when it is not one. */
export function checkZone(zone: string): string {
  if (!DateTime.local().setZone(zone).isValid) throw refusal('invalid', 'errors-rules.not-a-zone', { text: zone });
  return zone;
}

export interface ShiftState {
  /** inside one of the spans at `now` */
  on: boolean;
  /** when the current span ends (spans that touch across midnight count as one) */
  until?: Date;
  /** when the next span starts, within a week; undefined when the hours are empty */
  next?: Date;
}

/** Inside the weekly hours at `now`, and until when; or when they start next. */
export function shiftAt(hours: WeeklyHours, zone: string, now: Date): ShiftState {
  // Flatten a fortnight of local spans into instants, starting yesterday (an overnight span).
  const start = DateTime.fromJSDate(now, { zone }).startOf('day').minus({ days: 1 });
  const spans: [Date, Date][] = [];
  for (let i = 0; i < 9; i++) {
    const day = start.plus({ days: i });
    for (const [a, b] of hours[WEEKDAYS[day.weekday - 1]!]) {
      const from = day.plus({ minutes: a }).toJSDate();
      const to = day.plus({ minutes: b }).toJSDate();
      const last = spans[spans.length - 1];
      if (last && last[1].getTime() >= from.getTime()) last[1] = new Date(Math.max(last[1].getTime(), to.getTime()));
      else spans.push([from, to]);
    }
  }
  const t = now.getTime();
  const current = spans.find(([a, b]) => a.getTime() <= t && t < b.getTime());
  if (current) return { on: true, until: current[1] };
  const next = spans.find(([a]) => a.getTime() > t);
  return next ? { on: false, next: next[0] } : { on: false };
}

/** Local "HH:mm", with the weekday when it is not on the same local day as `now`. */
export function localTime(at: Date, zone: string, now: Date): string {
  const a = DateTime.fromJSDate(at, { zone });
  const n = DateTime.fromJSDate(now, { zone });
  return a.hasSame(n, 'day') ? a.toFormat('HH:mm') : a.toFormat('ccc HH:mm');
}
