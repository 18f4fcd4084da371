/**
 * Invoice periods and local-time spans. Pure. An invoice period is a calendar month of the
 * contract's main zone (the zone the rating engine reads period dates in), written `2026-11`.
 */
import { DateTime } from 'luxon';
import { invalid } from '../errors.js';
import { t } from '../i18n/index.js';

export interface Period {
  /** "2026-11" */
  key: string;
  /** inclusive local dates */
  from: string;
  to: string;
}

export function parsePeriod(text: string): Period {
  const m = /^(\d{4})-(\d{2})$/.exec(text.trim());
  const month = m ? Number(m[2]) : 0;
  if (!m || month < 1 || month > 12) throw invalid(t('errors-billing.period-shape', { text }));
  const first = DateTime.fromObject({ year: Number(m[1]), month, day: 1 }, { zone: 'UTC' });
  return { key: `${m[1]}-${m[2]}`, from: first.toISODate()!, to: first.endOf('month').toISODate()! };
}

/** The month containing an instant, in a zone. */
export function periodOf(at: Date, zone: string): Period {
  return parsePeriod(DateTime.fromJSDate(at, { zone }).toFormat('yyyy-MM'));
}

/** [start of `from`, start of the day after `to`) in the zone, as instants. */
export function periodBounds(p: { from: string; to: string }, zone: string): { start: Date; end: Date } {
  const start = DateTime.fromISO(p.from, { zone }).startOf('day');
  const end = DateTime.fromISO(p.to, { zone }).plus({ days: 1 }).startOf('day');
  return { start: start.toJSDate(), end: end.toJSDate() };
}

export function localDate(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toISODate()!;
}

export function addDays(date: string, n: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days: n }).toISODate()!;
}

const HM = /^(\d{1,2}):(\d{2})$/;

function hm(text: string): { hour: number; minute: number } | undefined {
  const m = HM.exec(text);
  if (!m) return undefined;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  // 24:00 is how a span ends at midnight.
  if (minute > 59 || hour > 24 || (hour === 24 && minute !== 0)) return undefined;
  return { hour, minute };
}

function at(date: DateTime, t: { hour: number; minute: number }): DateTime {
  return t.hour === 24 ? date.plus({ days: 1 }).startOf('day') : date.set({ hour: t.hour, minute: t.minute, second: 0, millisecond: 0 });
}

/**
 * "22:00-02:00" read as wall-clock time in `zone`. An end at or before the start crosses midnight.
 * Without a date, the span is the most recent one that has already ended: typed at 09:00, "22:00-02:00"
 * means last night. With a date, the span starts on that date. DST is luxon's: a span over the
 * spring gap is an hour shorter in real time, over the autumn repeat an hour longer, and that real
 * time is what gets logged.
 */
export function parseSpan(text: string, zone: string, now: Date, date?: string): { start: Date; end: Date } | undefined {
  const parts = text.trim().split(/\s*[-–]\s*/);
  if (parts.length !== 2) return undefined;
  const a = hm(parts[0]!);
  const b = hm(parts[1]!);
  if (!a || !b) return undefined;
  const crosses = b.hour * 60 + b.minute <= a.hour * 60 + a.minute;
  const build = (day: DateTime) => {
    const start = at(day, a);
    const end = at(crosses ? day.plus({ days: 1 }) : day, b);
    return { start: start.toJSDate(), end: end.toJSDate() };
  };
  if (date) {
    const d = DateTime.fromISO(date, { zone });
    if (!d.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
    return build(d.startOf('day'));
  }
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  // Latest start day whose span has ended by now (a minute of grace for phones running ahead).
  for (const back of [0, 1, 2]) {
    const s = build(today.minus({ days: back }));
    if (s.end.getTime() <= now.getTime() + 60_000) return s;
  }
  return undefined;
}
