import { eq } from 'drizzle-orm';
import { jobEvents, jobs } from '../../db/schema.js';
import { audit } from '../audit.js';
import { requireRole } from '../auth.js';
import type { Ctx } from '../context.js';
import { getVersion } from '../contracts/store.js';
import { invalid, preconditionFailed } from '../errors.js';
import { PRIORITIES, type Priority } from '../rules/contract-types.js';
import { slaWindowFor } from '../rules/sla.js';
import { inTransaction } from '../verb.js';
import { eventTime } from './event-time.js';
import { afterJobChange } from './hooks.js';
import { findJob, refreshSla } from './job-store.js';
import { lastEventAt } from './last-event.js';
import { jobZone } from './site-zone.js';
import { t } from '../i18n/t.js';

/** A priority change recomputes both windows from the report time (docs/contract-format.md); it needs a reason. */
export async function changePriority(ctx: Ctx, input: { job: string; priority: string; reason: string; at?: Date }) {
  const me = requireRole(ctx, ['dispatcher', 'manager'], 'change-job-priority');
  const priority = input.priority.toUpperCase() as Priority;
  if (!PRIORITIES.includes(priority)) throw invalid(t('errors-jobs.bad-priority', { typed: input.priority, priorities: PRIORITIES.join(', ') }));
  if (!input.reason?.trim()) throw invalid(t('errors-jobs.priority-why'));
  return inTransaction(ctx, async (tx) => {
    const job = await findJob(tx.db, input.job, { forUpdate: true });
    if (job.priority === priority) throw preconditionFailed(t('errors-jobs.same-priority', { ref: job.ref, priority }));
    const v = await getVersion(tx.db, job.contractId, job.contractVersion);
    slaWindowFor(v.contract, job.siteId, priority);
    const zone = await jobZone(tx.db, job);
    const at = eventTime(tx, input.at, await lastEventAt(tx.db, job.id), zone);
    await tx.db.insert(jobEvents).values({ jobId: job.id, at, kind: 'priority', fromValue: job.priority, toValue: priority, reason: input.reason, actorId: me.id, actorLabel: tx.actor.label });
    await tx.db.update(jobs).set({ priority }).where(eq(jobs.id, job.id));
    const updated = { ...job, priority };
    const sla = await refreshSla(tx, updated);
    await audit(tx, 'job.priority', { kind: 'job', id: job.ref }, { from: job.priority, to: priority, reason: input.reason });
    await afterJobChange(tx, updated, 'priority', { from: job.priority, to: priority });
    return { job: updated, sla };
  });
}
