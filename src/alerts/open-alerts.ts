/**
 * Alerts nobody has acted on yet, on jobs still open: what a dispatcher's App Home leads with.
 * An alert on a closed or cancelled job is history, not work, so it is left out.
 */
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { alertActs, alerts, jobs } from '../../db/schema.js';
import type { Ctx } from '../context.js';
import { OPEN_STATUSES } from '../jobs/status-rules.js';

export interface OpenAlert {
  id: number;
  jobRef: string;
  siteId: string;
  priority: string;
  summary: string;
  window: string;
  level: string;
  /** the SLA due time of the alert's clock (not the warning instant the alert was raised at) */
  dueAt: Date;
}

export async function openAlerts(ctx: Ctx, limit = 10): Promise<{ rows: OpenAlert[]; more: boolean }> {
  const rows = await ctx.db
    .select({
      id: alerts.id,
      jobRef: jobs.ref,
      siteId: jobs.siteId,
      priority: jobs.priority,
      summary: jobs.summary,
      window: alerts.window,
      level: alerts.level,
      warnAt: alerts.dueAt,
      responseDueAt: jobs.responseDueAt,
      restoreDueAt: jobs.restoreDueAt,
    })
    .from(alerts)
    .innerJoin(jobs, eq(jobs.id, alerts.jobId))
    .where(and(sql`not exists (select 1 from ${alertActs} where ${alertActs.alertId} = ${alerts.id})`, isNull(alerts.closedAt), inArray(jobs.status, OPEN_STATUSES)))
    .orderBy(desc(alerts.id))
    .limit(limit + 1);
  // alerts.due_at is when the monitor raised it (the warning point); the reader wants the deadline.
  const shown = rows.slice(0, limit).map(({ warnAt, responseDueAt, restoreDueAt, ...a }) => ({ ...a, dueAt: (a.window === 'response' ? responseDueAt : restoreDueAt) ?? warnAt }));
  return { rows: shown, more: rows.length > limit };
}
