/**
 * Stop a running timer, now or at an earlier time (a forgotten timer). The finished entry passes
 * the same checks as any logged time: access hours over its whole span, no overlap, at most a day.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { timeEntries } from '../../db/schema.js';
import { audit } from '../audit.js';
import { hasRole, requirePerson } from '../auth.js';
import type { Ctx, Person } from '../context.js';
import { forbidden, preconditionFailed } from '../errors.js';
import { resolveTechnician } from '../jobs/assign-job.js';
import { loadJob } from '../jobs/job-store.js';
import { inTransaction } from '../verb.js';
import { checkAccess, checkNotInvoiced, checkOverlap, checkSpan, jobSiteZone, lockPerson } from './entry-checks.js';
import { localDateAt, termsOf, versionAt } from '../contracts/version-at.js';
import { drawsOnBank, warnLowBanks } from './usage-now.js';
import { t } from '../i18n/index.js';

/** The person whose timer this is: yourself, or anyone's for a dispatcher. */
export async function timerOwner(ctx: Ctx, technician?: string | number): Promise<Person> {
  const me = requirePerson(ctx);
  if (!hasRole(me, ['technician', 'dispatcher'])) throw forbidden(t('errors-billing.timer-roles'));
  if (technician === undefined || technician === '') return me;
  const who = await resolveTechnician(ctx, technician);
  if (who.id !== me.id && !hasRole(me, ['dispatcher'])) throw forbidden(t('errors-billing.timer-other', { name: who.name }));
  return who;
}

export async function stopTimer(ctx: Ctx, input: { technician?: string | number; at?: Date } = {}) {
  return inTransaction(ctx, async (tx) => {
    const who = await timerOwner(tx, input.technician);
    await lockPerson(tx.db, who.id);
    const [running] = await tx.db
      .select()
      .from(timeEntries)
      .where(and(eq(timeEntries.personId, who.id), isNull(timeEntries.endAt)));
    if (!running) throw preconditionFailed(t('errors.no-timer', { name: who.name }));
    const job = await loadJob(tx.db, running.jobId, { forUpdate: true });
    const end = input.at ?? tx.clock.now();
    const terms = await termsOf(tx.db, job.contractId);
    const date = localDateAt(terms, running.startAt);
    const v = versionAt(terms, date);
    const zone = jobSiteZone(v.contract, job);
    checkSpan(tx, job, running.startAt, end, zone);
    if (running.kind === 'labour' || !v.contract.modifiers.travel) await checkAccess(tx.db, job, v, running.startAt, end);
    await checkNotInvoiced(tx.db, job.contractId, date);
    await checkOverlap(tx.db, who, running.startAt, end, zone, running.id);
    const [entry] = await tx.db.update(timeEntries).set({ endAt: end }).where(eq(timeEntries.id, running.id)).returning();
    const minutes = Math.round((end.getTime() - running.startAt.getTime()) / 60_000);
    await audit(tx, 'time.timer_stopped', { kind: 'job', id: job.ref }, { entry: running.id, person: who.id, end: end.toISOString(), minutes });
    const warnings = drawsOnBank(terms, date, running.code) ? await warnLowBanks(tx, terms) : [];
    return { entry: entry!, job, person: who, zone, minutes, version: v.version, warnings };
  });
}
