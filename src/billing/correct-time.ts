/**
 * Correct a finished time entry: change its span, code or note, or delete it, always with a reason,
 * audited with the old and new values. The same checks as logging apply to the new values. Work on
 * an issued invoice keeps that invoice as it is: the difference becomes an adjustment on the next
 * one (corrections.ts).
 */
import { eq } from 'drizzle-orm';
import { timeEntries } from '../../db/schema.js';
import { audit } from '../audit.js';
import type { Ctx } from '../context.js';
import { localDateAt, termsOf, versionAt, type ContractTerms } from '../contracts/version-at.js';
import { invalid, notFound, preconditionFailed } from '../errors.js';
import { loadJob, type JobRow } from '../jobs/job-store.js';
import { personById } from '../people/person.js';
import { inTransaction } from '../verb.js';
import { adjustInvoiced, billedNow, correctionReason, invoicesHolding, mayCorrect, reconcileAfterCorrection, type CorrectionSubject } from './corrections.js';
import { checkAccess, checkOverlap, checkSpan, jobSiteZone, lockPerson, resolveCode, workableJob } from './entry-checks.js';
import { t } from '../i18n/index.js';

type EntryRow = typeof timeEntries.$inferSelect;

export interface EditTimeInput {
  id: number;
  start?: Date;
  end?: Date;
  code?: string;
  /** "" clears the note */
  note?: string;
  reason: string;
}

async function loadEntry(tx: Ctx, id: number): Promise<EntryRow> {
  const [row] = await tx.db.select().from(timeEntries).where(eq(timeEntries.id, id)).for('update');
  if (!row) throw notFound(t('errors-billing.no-entry', { id: String(id) }));
  if (row.deletedAt) throw preconditionFailed(t('errors-billing.entry-deleted', { id: String(id), reason: row.deleteReason ?? '—' }));
  if (!row.endAt) throw preconditionFailed(t('errors-billing.entry-running', { id: String(id) }));
  return row;
}

function values(e: EntryRow) {
  return { start: e.startAt.toISOString(), end: e.endAt?.toISOString() ?? null, code: e.code, kind: e.kind, note: e.note, minutes: e.endAt ? Math.round((e.endAt.getTime() - e.startAt.getTime()) / 60_000) : null };
}

/** The version in force when an entry starts, and its job site's zone in it: the clock new times are read on. */
export function entryClock(terms: ContractTerms, job: JobRow, startAt: Date) {
  const version = versionAt(terms, localDateAt(terms, startAt));
  return { version, zone: jobSiteZone(version.contract, job) };
}

/** A finished entry as `/log edit` reads new times against it: on its job's site clock, with the codes of the version in force. */
export async function entryToCorrect(ctx: Ctx, id: number) {
  const [entry] = await ctx.db.select().from(timeEntries).where(eq(timeEntries.id, id));
  if (!entry) throw notFound(t('errors-billing.no-entry', { id: String(id) }));
  const job = await loadJob(ctx.db, entry.jobId);
  const { version, zone } = entryClock(await termsOf(ctx.db, job.contractId), job, entry.startAt);
  return { entry, job, zone, codes: version.contract.rates.map((r) => r.code.toLowerCase()) };
}

export async function editTimeEntry(ctx: Ctx, input: EditTimeInput) {
  const subject: CorrectionSubject = { kind: 'time', id: input.id };
  const reason = correctionReason(input.reason, subject);
  if (input.start === undefined && input.end === undefined && input.code === undefined && input.note === undefined) {
    throw invalid(t('errors-billing.entry-nothing', { id: String(input.id) }));
  }
  const note = input.note === undefined ? undefined : input.note.trim() || null;
  if (note && note.length > 500) throw invalid(t('errors-billing.note-long', { max: '500' }));
  return inTransaction(ctx, async (tx) => {
    const old = await loadEntry(tx, input.id);
    const job = await loadJob(tx.db, old.jobId, { forUpdate: true });
    workableJob(job);
    const terms = await termsOf(tx.db, job.contractId);
    const start = input.start ?? old.startAt;
    const end = input.end ?? old.endAt!;
    const dates = [...new Set([localDateAt(terms, old.startAt), localDateAt(terms, start)])];
    const invoiced = await invoicesHolding(tx.db, job.contractId, dates);
    mayCorrect(tx, old.personId, subject, invoiced);
    const v = versionAt(terms, localDateAt(terms, start));
    const zone = jobSiteZone(v.contract, job);
    checkSpan(tx, job, start, end, zone);
    const minutes = Math.round((end.getTime() - start.getTime()) / 60_000);
    const kind = old.kind === 'travel' ? 'travel' : 'labour';
    const code = await resolveCode(tx.db, job, v, input.code ?? old.code, kind, minutes, { start, end });
    if (kind === 'labour' || !v.contract.modifiers.travel) await checkAccess(tx.db, job, v, start, end);
    const owner = (await personById(tx.db, old.personId))!;
    await lockPerson(tx.db, owner.id);
    await checkOverlap(tx.db, owner, start, end, zone, old.id);
    const before = await billedNow(tx.db, terms, invoiced);
    const [entry] = await tx.db
      .update(timeEntries)
      .set({ startAt: start, endAt: end, code: code.code, approvalId: code.approvalId, ...(note !== undefined ? { note } : {}) })
      .where(eq(timeEntries.id, old.id))
      .returning();
    const adjustments = await adjustInvoiced(tx, { terms, job, subject, before, reason, currency: v.contract.currency });
    await audit(tx, 'time.corrected', { kind: 'job', id: job.ref }, { entry: old.id, reason, old: values(old), new: values(entry!), adjustments: adjustments.map((a) => a.id) });
    await reconcileAfterCorrection(tx, job);
    return { entry: entry!, old, job, person: owner, zone, minutes, reason, adjustments, currency: v.contract.currency };
  });
}

export async function deleteTimeEntry(ctx: Ctx, input: { id: number; reason: string }) {
  const subject: CorrectionSubject = { kind: 'time', id: input.id };
  const reason = correctionReason(input.reason, subject);
  return inTransaction(ctx, async (tx) => {
    const old = await loadEntry(tx, input.id);
    const job = await loadJob(tx.db, old.jobId, { forUpdate: true });
    const terms = await termsOf(tx.db, job.contractId);
    const invoiced = await invoicesHolding(tx.db, job.contractId, [localDateAt(terms, old.startAt)]);
    mayCorrect(tx, old.personId, subject, invoiced);
    const owner = (await personById(tx.db, old.personId))!;
    const v = versionAt(terms, localDateAt(terms, old.startAt));
    const before = await billedNow(tx.db, terms, invoiced);
    await tx.db.update(timeEntries).set({ deletedAt: tx.clock.now(), deletedBy: tx.actor.person?.id ?? null, deleteReason: reason }).where(eq(timeEntries.id, old.id));
    const adjustments = await adjustInvoiced(tx, { terms, job, subject, before, reason, currency: v.contract.currency });
    await audit(tx, 'time.deleted', { kind: 'job', id: job.ref }, { entry: old.id, reason, old: values(old), adjustments: adjustments.map((a) => a.id) });
    await reconcileAfterCorrection(tx, job);
    return { old, job, person: owner, zone: jobSiteZone(v.contract, job), reason, adjustments, currency: v.contract.currency };
  });
}
