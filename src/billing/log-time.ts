/**
 * Record a stretch of work that is over: a duration ending now, a span, or explicit instants from
 * a device that was offline. Everything is checked before anything is written; a retry of the very
 * same entry (same person, job, code and instants) returns the entry already recorded.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { timeEntries } from '../../db/schema.js';
import { audit } from '../audit.js';
import type { Ctx } from '../context.js';
import { invalid } from '../errors.js';
import { findJob } from '../jobs/job-store.js';
import { inTransaction } from '../verb.js';
import { checkAccess, checkNotInvoiced, checkOverlap, checkSpan, jobSiteZone, lockPerson, resolveCode, workableJob, workerFor, type EntryKind } from './entry-checks.js';
import { localDateAt, termsOf, versionAt } from '../contracts/version-at.js';
import { drawsOnBank, warnLowBanks } from './usage-now.js';
import { t } from '../i18n/index.js';

export interface LogTimeInput {
  job: string;
  start: Date;
  end: Date;
  code?: string;
  kind?: EntryKind;
  note?: string;
  /** whose time (a dispatcher recording for a technician): handle, name, e-mail or person id */
  technician?: string | number;
}

export async function logTime(ctx: Ctx, input: LogTimeInput) {
  const kind = input.kind ?? 'labour';
  const note = input.note?.trim() || null;
  if (note && note.length > 500) throw invalid(t('errors-billing.note-long', { max: '500' }));
  return inTransaction(ctx, async (tx) => {
    const job = await findJob(tx.db, input.job);
    workableJob(job);
    const who = await workerFor(tx, job, input.technician);
    const terms = await termsOf(tx.db, job.contractId);
    const date = localDateAt(terms, input.start);
    const v = versionAt(terms, date);
    const zone = jobSiteZone(v.contract, job);
    checkSpan(tx, job, input.start, input.end, zone);
    const minutes = Math.round((input.end.getTime() - input.start.getTime()) / 60_000);
    const code = await resolveCode(tx.db, job, v, input.code, kind, minutes, { start: input.start, end: input.end });
    if (kind === 'labour' || !v.contract.modifiers.travel) await checkAccess(tx.db, job, v, input.start, input.end);
    await checkNotInvoiced(tx.db, job.contractId, date);
    await lockPerson(tx.db, who.id);
    const [same] = await tx.db
      .select()
      .from(timeEntries)
      .where(and(eq(timeEntries.personId, who.id), isNull(timeEntries.deletedAt), eq(timeEntries.jobId, job.id), eq(timeEntries.startAt, input.start), eq(timeEntries.endAt, input.end), eq(timeEntries.code, code.code)));
    if (same) return { entry: same, job, person: who, zone, minutes, version: v.version, duplicate: true, warnings: [] as string[] };
    await checkOverlap(tx.db, who, input.start, input.end, zone);
    const [entry] = await tx.db
      .insert(timeEntries)
      .values({ jobId: job.id, personId: who.id, code: code.code, kind, startAt: input.start, endAt: input.end, note, approvalId: code.approvalId })
      .returning();
    await audit(tx, 'time.logged', { kind: 'job', id: job.ref }, { entry: entry!.id, person: who.id, code: code.code, kind, start: input.start.toISOString(), end: input.end.toISOString(), minutes, approval: code.approvalId });
    const warnings = drawsOnBank(terms, date, code.code) ? await warnLowBanks(tx, terms) : [];
    return { entry: entry!, job, person: who, zone, minutes, version: v.version, duplicate: false, warnings };
  });
}
