/** Throw away a running timer started by mistake: nothing was worked, so nothing is kept but the audit row. */
import { and, eq, isNull } from 'drizzle-orm';
import { jobs, timeEntries } from '../../db/schema.js';
import { audit } from '../audit.js';
import type { Ctx } from '../context.js';
import { preconditionFailed } from '../errors.js';
import { inTransaction } from '../verb.js';
import { lockPerson } from './entry-checks.js';
import { timerOwner } from './stop-timer.js';
import { t } from '../i18n/index.js';

export async function discardTimer(ctx: Ctx, input: { technician?: string | number } = {}) {
  return inTransaction(ctx, async (tx) => {
    const who = await timerOwner(tx, input.technician);
    await lockPerson(tx.db, who.id);
    const [running] = await tx.db
      .select({ e: timeEntries, ref: jobs.ref })
      .from(timeEntries)
      .innerJoin(jobs, eq(jobs.id, timeEntries.jobId))
      .where(and(eq(timeEntries.personId, who.id), isNull(timeEntries.endAt)));
    if (!running) throw preconditionFailed(t('errors-billing.no-timer', { name: who.name }));
    await tx.db.delete(timeEntries).where(eq(timeEntries.id, running.e.id));
    await audit(tx, 'time.timer_discarded', { kind: 'job', id: running.ref }, { entry: running.e.id, person: who.id, start: running.e.startAt.toISOString(), code: running.e.code });
    return { ref: running.ref, person: who, startedAt: running.e.startAt, code: running.e.code };
  });
}
