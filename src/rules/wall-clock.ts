/**
 * A wall-clock time typed without a date ("14:30"), placed on the calendar in a zone relative to
 * now: the latest one not after now (when something happened), the first one after now (planned
 * work), or the nearest one (an ETA, which may fall either side of midnight).
 */
import { DateTime } from 'luxon';

export type WallClockPick = 'past' | 'next' | 'nearest';

/** Undefined for a time that does not exist on a clock (25:00, 10:75). */
export function wallClockInstant(hour: number, minute: number, zone: string, now: Date, pick: WallClockPick): Date | undefined {
  if (hour > 23 || minute > 59) return undefined;
  const today = DateTime.fromJSDate(now, { zone }).set({ hour, minute, second: 0, millisecond: 0 });
  if (!today.isValid) return undefined;
  const at = today.toJSDate();
  if (pick === 'past') return at > now ? today.minus({ days: 1 }).toJSDate() : at;
  if (pick === 'next') return at <= now ? today.plus({ days: 1 }).toJSDate() : at;
  const candidates = [today.minus({ days: 1 }).toJSDate(), at, today.plus({ days: 1 }).toJSDate()];
  return candidates.reduce((a, b) => (Math.abs(b.getTime() - now.getTime()) < Math.abs(a.getTime() - now.getTime()) ? b : a));
}
