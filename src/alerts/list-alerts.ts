/** Breach-risk and breach alerts, newest first, with their job's ref, contract and site. A read: no transaction, no audit row. */
import { and, desc, eq, gte, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { alertActs, alerts, jobs } from '../../db/schema.js';
import type { Ctx } from '../context.js';
import { findContract } from '../contracts/store.js';
import { findJob } from '../jobs/job-store.js';

export interface ListAlertsInput {
  /** the alerted job's contract; an unknown one is not found */
  contract?: string;
  site?: string;
  /** J-1001; an unknown one is not found */
  job?: string;
  /** true: only alerts nobody acted on and still applying; false: those acted on or closed */
  open?: boolean;
  level?: string;
  window?: 'response' | 'restore';
  /** raised at or after */
  from?: Date;
  /** raised before */
  until?: Date;
  /** the id of the previous page's last row */
  before?: number;
  limit: number;
}

export async function listAlerts(ctx: Ctx, input: ListAlertsInput) {
  const where: SQL[] = [];
  if (input.contract) where.push(eq(jobs.contractId, (await findContract(ctx.db, input.contract)).id));
  if (input.site) where.push(sql`lower(${jobs.siteId}) = lower(${input.site})`);
  if (input.job) where.push(eq(alerts.jobId, (await findJob(ctx.db, input.job)).id));
  const acted = sql`exists (select 1 from ${alertActs} where ${alertActs.alertId} = ${alerts.id})`;
  if (input.open === true) where.push(sql`not ${acted}`, isNull(alerts.closedAt));
  if (input.open === false) where.push(sql`(${acted} or ${alerts.closedAt} is not null)`);
  if (input.level) where.push(sql`lower(${alerts.level}) = lower(${input.level})`);
  if (input.window) where.push(eq(alerts.window, input.window));
  if (input.from) where.push(gte(alerts.createdAt, input.from));
  if (input.until) where.push(lt(alerts.createdAt, input.until));
  if (input.before !== undefined) where.push(lt(alerts.id, input.before));
  return ctx.db
    .select({ a: alerts, ref: jobs.ref, contract: jobs.contractId, site: jobs.siteId })
    .from(alerts)
    .innerJoin(jobs, eq(jobs.id, alerts.jobId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(alerts.id))
    .limit(input.limit);
}
