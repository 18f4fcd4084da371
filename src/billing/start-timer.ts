/** Start a timer on a job: the entry is open (no end) until `/log stop`. One running timer per person. */
import { and, eq, isNull } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { jobs, timeEntries } from '../../db/schema.js';
import { audit } from '../audit.js';
import type { Ctx } from '../context.js';
import { conflict } from '../errors.js';
import { findJob } from '../jobs/job-store.js';
import { inTransaction } from '../verb.js';
import { checkAccess, checkNotInvoiced, checkOverlap, checkSpan, jobSiteZone, lockPerson, resolveCode, workableJob, workerFor, type EntryKind } from './entry-checks.js';
import { localDateAt, termsOf, versionAt } from '../contracts/version-at.js';
import { t } from '../i18n/index.js';

export async function startTimer(ctx: Ctx, input: { job: string; code?: string; kind?: EntryKind; note?: string; technician?: string | number }) {
  const kind = input.kind ?? 'labour';
  return inTransaction(ctx, async (tx) => {
    const job = await findJob(tx.db, input.job);
    workableJob(job);
    const who = await workerFor(tx, job, input.technician);
    const start = tx.clock.now();
    const terms = await termsOf(tx.db, job.contractId);
    const date = localDateAt(terms, start);
    const v = versionAt(terms, date);
    const zone = jobSiteZone(v.contract, job);
    checkSpan(tx, job, start, null, zone);
    const code = await resolveCode(tx.db, job, v, input.code, kind, 0);
    if (kind === 'labour' || !v.contract.modifiers.travel) await checkAccess(tx.db, job, v, start, null);
    await checkNotInvoiced(tx.db, job.contractId, date);
    await lockPerson(tx.db, who.id);
    const [running] = await tx.db
      .select({ startAt: timeEntries.startAt, ref: jobs.ref, code: timeEntries.code })
      .from(timeEntries)
      .innerJoin(jobs, eq(jobs.id, timeEntries.jobId))
      .where(and(eq(timeEntries.personId, who.id), isNull(timeEntries.endAt)));
    if (running) {
      throw conflict(t('errors.timer-running', { name: who.name, ref: running.ref, code: running.code, time: DateTime.fromJSDate(running.startAt, { zone }).toFormat('HH:mm') }));
    }
    await checkOverlap(tx.db, who, start, null, zone);
    const [entry] = await tx.db
      .insert(timeEntries)
      .values({ jobId: job.id, personId: who.id, code: code.code, kind, startAt: start, endAt: null, note: input.note?.trim() || null, approvalId: code.approvalId })
      .returning();
    await audit(tx, 'time.timer_started', { kind: 'job', id: job.ref }, { entry: entry!.id, person: who.id, code: code.code, kind });
    return { entry: entry!, job, person: who, zone, version: v.version };
  });
}
