import { eq } from 'drizzle-orm';
import { jobEvents, jobs } from '../../db/schema.js';
import { audit } from '../audit.js';
import { requireRole } from '../auth.js';
import type { Ctx } from '../context.js';
import { invalid, preconditionFailed } from '../errors.js';
import { JOB_STATUSES, type JobStatus } from '../rules/contract-types.js';
import { inTransaction } from '../verb.js';
import { eventTime } from './event-time.js';
import { checkStatusChange, afterJobChange } from './hooks.js';
import { findJob, refreshSla } from './job-store.js';
import { lastEventAt } from './last-event.js';
import { checkEta, requireEtaSetter, storeEta } from './set-eta.js';
import { jobZone } from './site-zone.js';
import { transitionProblem } from './status-rules.js';
import { t } from '../i18n/t.js';

export interface ChangeStatusInput {
  job: string;
  to: string;
  at?: Date;
  reason?: string;
  /** en_route only: when the technician expects to arrive (parsed like /job eta) */
  eta?: string;
}

export function parseStatus(text: string): JobStatus {
  const s = text.trim().toLowerCase().replace(/[\s-]+/g, '_') as JobStatus;
  const alias: Record<string, JobStatus> = { enroute: 'en_route', onsite: 'on_site', done: 'resolved', resolve: 'resolved', close: 'closed', cancel: 'cancelled', reopen: 'reopened' };
  const v = alias[s] ?? s;
  if (!JOB_STATUSES.includes(v)) throw invalid(t('errors-jobs.not-a-status', { typed: text, statuses: JOB_STATUSES.join(', ') }));
  return v;
}

export async function changeStatus(ctx: Ctx, input: ChangeStatusInput) {
  const to = parseStatus(input.to);
  const me = requireRole(ctx, ['technician', 'dispatcher', 'manager'], 'change-job-status');
  return inTransaction(ctx, async (tx) => {
    const job = await findJob(tx.db, input.job, { forUpdate: true });
    const from = job.status as JobStatus;
    const problem = transitionProblem(from, to);
    if (problem) throw preconditionFailed(t('errors-jobs.ref-problem', { ref: job.ref, problem }));
    if (to === 'cancelled' && !me.roles.some((r) => r === 'dispatcher' || r === 'manager' || r === 'admin')) {
      throw preconditionFailed(t('errors-jobs.cancel-role'));
    }
    if ((to === 'reopened' || to === 'cancelled') && !input.reason?.trim()) throw invalid(t('errors-jobs.status-why', { to }));
    if (input.eta !== undefined && to !== 'en_route') throw invalid(t('errors-jobs.eta-en-route', { to, ref: job.ref }));
    await checkStatusChange(tx, job, to);
    const zone = await jobZone(tx.db, job);
    // Checked before anything is written: a garbled ETA refuses the status change too.
    const eta = input.eta !== undefined ? checkEta(input.eta, zone, tx.clock.now()) : undefined;
    const etaSetter = eta ? requireEtaSetter(tx, job) : undefined;
    const at = eventTime(tx, input.at, await lastEventAt(tx.db, job.id), zone);
    await tx.db.insert(jobEvents).values({ jobId: job.id, at, kind: 'status', fromValue: from, toValue: to, reason: input.reason ?? null, actorId: me.id, actorLabel: tx.actor.label });
    const closedAt = to === 'closed' ? at : to === 'reopened' ? null : job.closedAt;
    await tx.db.update(jobs).set({ status: to, closedAt }).where(eq(jobs.id, job.id));
    // The ETA is on the row before the hooks run, so the departure draft reads it.
    const updated = { ...(eta && etaSetter ? await storeEta(tx, etaSetter, job, eta) : job), status: to, closedAt };
    const sla = await refreshSla(tx, updated);
    await audit(tx, 'job.status', { kind: 'job', id: job.ref }, { from, to, at: at.toISOString(), reason: input.reason });
    await afterJobChange(tx, updated, to === 'closed' ? 'closed' : 'status', { from, to });
    return { job: updated, sla, from, to, at };
  });
}
