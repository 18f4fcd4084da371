/**
 * A job created with the history it already has (a ticket system syncing a job reported and
 * worked offline): the job and every event land in one transaction, in time order, so no monitor
 * tick sees half a history and a refused event leaves nothing behind.
 */
import type { Ctx } from '../context.js';
import { AppError, invalid } from '../errors.js';
import { inTransaction } from '../verb.js';
import { changePriority } from './change-priority.js';
import { changeStatus } from './change-status.js';
import { createJob, type CreateJobInput } from './create-job.js';
import { t } from '../i18n/t.js';

export type HistoryEvent = { type: 'status'; status: string; at: Date; reason?: string } | { type: 'priority'; priority: string; at: Date; reason: string };

export async function createJobWithHistory(ctx: Ctx, input: CreateJobInput & { events: readonly HistoryEvent[] }) {
  const reportedAt = input.at;
  const ordered = input.events.map((e, i) => ({ e, i })).sort((a, b) => a.e.at.getTime() - b.e.at.getTime() || a.i - b.i);
  for (const { e, i } of ordered) {
    if (Number.isNaN(e.at.getTime())) throw invalid(t('errors-jobs.history-bad-at', { i: String(i) }));
    if (reportedAt && e.at < reportedAt) throw invalid(t('errors-jobs.history-before', { i: String(i), type: e.type, at: e.at.toISOString(), reported: reportedAt.toISOString() }));
  }
  return inTransaction(ctx, async (tx) => {
    const created = await createJob(tx, input);
    for (const { e, i } of ordered) {
      try {
        if (e.type === 'status') await changeStatus(tx, { job: created.ref, to: e.status, at: e.at, reason: e.reason });
        else await changePriority(tx, { job: created.ref, priority: e.priority, reason: e.reason, at: e.at });
      } catch (err) {
        if (err instanceof AppError) throw new AppError(err.code, t('errors-jobs.history-event', { i: String(i), type: e.type, at: e.at.toISOString(), message: err.message }), err.details);
        throw err;
      }
    }
    return created;
  });
}
