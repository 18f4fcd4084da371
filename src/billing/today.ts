/** A technician's day: the running timer and today's entries, in their own zone. */
import { and, asc, eq, gte, inArray, isNull, lt, or } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { jobs, people, timeEntries } from '../../db/schema.js';
import type { Ctx } from '../context.js';
import { deletedMark, type TimeEntryView } from './job-work.js';
import { timerOwner } from './stop-timer.js';

/** A time entry as the day shows it: the list's view without contract, site, person and approval; a deleted one stays, marked. */
export type DayEntry = Pick<TimeEntryView, 'id' | 'job' | 'code' | 'kind' | 'start' | 'end' | 'minutes' | 'note'> & Partial<Pick<TimeEntryView, 'deleted'>>;

export async function todayEntries(ctx: Ctx, input: { technician?: string | number } = {}) {
  const who = await timerOwner(ctx, input.technician);
  const zone = who.zone ?? ctx.services.defaultZone;
  const now = ctx.clock.now();
  const dayStart = DateTime.fromJSDate(now, { zone }).startOf('day');
  const from = dayStart.toJSDate();
  const to = dayStart.plus({ days: 1 }).toJSDate();
  const rows = await ctx.db
    .select({ e: timeEntries, ref: jobs.ref })
    .from(timeEntries)
    .innerJoin(jobs, eq(jobs.id, timeEntries.jobId))
    .where(and(eq(timeEntries.personId, who.id), or(and(gte(timeEntries.startAt, from), lt(timeEntries.startAt, to)), isNull(timeEntries.endAt))))
    .orderBy(asc(timeEntries.startAt));
  const entries: DayEntry[] = rows.map(({ e, ref }) => ({
    id: e.id,
    job: ref,
    code: e.code,
    kind: e.kind,
    start: e.startAt,
    end: e.endAt,
    minutes: Math.round(((e.endAt ?? now).getTime() - e.startAt.getTime()) / 60_000),
    note: e.note,
    deleted: deletedMark(e),
  }));
  const deleters = [...new Set(entries.flatMap((e) => (e.deleted?.by ? [e.deleted.by] : [])))];
  if (deleters.length) {
    const names = new Map((await ctx.db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, deleters))).map((p) => [p.id, p.name]));
    for (const e of entries) if (e.deleted?.by) e.deleted.byName = names.get(e.deleted.by);
  }
  const running = entries.find((e) => e.end === null);
  const done = entries.filter((e) => e.end !== null);
  return { person: who, zone, date: dayStart.toISODate()!, running, entries: done, totalMinutes: done.reduce((s, e) => s + (e.deleted ? 0 : e.minutes), 0) };
}
