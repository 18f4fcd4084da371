/**
 * A time entry corrected from a form (the day card's Edit, a flag's Fix): the form's date, start,
 * duration and note read on the job site's clock, compared with the entry, and what changed goes
 * to the same verb as `/log edit`.
 */
import { eq, inArray } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { jobs, timeEntries } from '../../db/schema.js';
import type { Ctx } from '../context.js';
import { termsOf, type ContractTerms } from '../contracts/version-at.js';
import { invalid, notFound } from '../errors.js';
import { t } from '../i18n/index.js';
import { readDuration } from '../i18n/duration-reading.js';
import { editTimeEntry, entryClock, entryToCorrect } from './correct-time.js';

function formView(ctx: Ctx, entry: typeof timeEntries.$inferSelect, zone: string) {
  return { id: entry.id, start: entry.startAt, end: entry.endAt ?? ctx.clock.now(), note: entry.note, zone, deleted: entry.deletedAt !== null };
}

/** The entry as its form shows it, on its site's clock; a running timer is not correctable. */
export async function entryFormView(ctx: Ctx, id: number) {
  const { entry, zone } = await entryToCorrect(ctx, id);
  return formView(ctx, entry, zone);
}

/** `entryFormView` of several entries (a day's), in their order, with their jobs and contracts read once. */
export async function entryFormViews(ctx: Ctx, ids: number[]) {
  if (!ids.length) return [];
  const rows = await ctx.db.select({ entry: timeEntries, job: jobs }).from(timeEntries).innerJoin(jobs, eq(jobs.id, timeEntries.jobId)).where(inArray(timeEntries.id, ids));
  const byId = new Map(rows.map((r) => [r.entry.id, r]));
  const terms = new Map<string, ContractTerms>();
  for (const contractId of new Set(rows.map((r) => r.job.contractId))) terms.set(contractId, await termsOf(ctx.db, contractId));
  return ids.map((id) => {
    const row = byId.get(id);
    const contract = row && terms.get(row.job.contractId);
    if (!row || !contract) throw notFound(t('errors-billing.no-entry', { id: String(id) }));
    return formView(ctx, row.entry, entryClock(contract, row.job, row.entry.startAt).zone);
  });
}

export async function editTimeFromForm(ctx: Ctx, id: number, values: Record<string, string>) {
  const { entry, zone } = await entryToCorrect(ctx, id);
  const date = (values.date ?? '').trim();
  const at = (values.start ?? '').trim();
  const typedDuration = (values.duration ?? '').trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw invalid(t('corrections.bad-date', { typed: date }));
  if (!/^\d{1,2}:\d{2}$/.test(at)) throw invalid(t('corrections.bad-start', { typed: at, zone }));
  const start = DateTime.fromISO(`${date}T${at.padStart(5, '0')}`, { zone });
  if (!start.isValid) throw invalid(DateTime.fromISO(date).isValid ? t('corrections.bad-start', { typed: at, zone }) : t('corrections.bad-date', { typed: date }));
  const d = readDuration(typedDuration);
  if (d && 'problem' in d) throw invalid(d.problem);
  if (!d || d.minutes <= 0) throw invalid(t('corrections.bad-duration', { typed: typedDuration }));
  const newStart = start.toJSDate();
  const newEnd = new Date(newStart.getTime() + d.minutes * 60_000);
  const note = (values.note ?? '').trim();
  const changed = {
    ...(newStart.getTime() !== entry.startAt.getTime() ? { start: newStart } : {}),
    ...(newEnd.getTime() !== entry.endAt?.getTime() ? { end: newEnd } : {}),
    ...(note !== (entry.note ?? '') ? { note } : {}),
  };
  if (!Object.keys(changed).length) throw invalid(t('corrections.unchanged', { id }));
  return editTimeEntry(ctx, { id, ...changed, reason: values.reason ?? '' });
}
