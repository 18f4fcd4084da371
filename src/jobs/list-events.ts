/** Job events (created, status, priority, assignment, fallback, note) across jobs or of one job, newest first. A read: no transaction, no audit row. */
import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { jobEvents, jobs } from '../../db/schema.js';
import type { Ctx } from '../context.js';
import { findContract } from '../contracts/store.js';
import { findJob } from './job-store.js';

export interface ListEventsInput {
  /** an unknown contract or job is not found */
  contract?: string;
  site?: string;
  job?: string;
  kind?: string;
  /** status changes to this status */
  status?: string;
  /** happened at or after */
  from?: Date;
  /** happened before */
  until?: Date;
  /** the id of the previous page's last row */
  before?: number;
  limit: number;
}

export async function listJobEvents(ctx: Ctx, input: ListEventsInput) {
  const where: SQL[] = [];
  if (input.contract) where.push(eq(jobs.contractId, (await findContract(ctx.db, input.contract)).id));
  if (input.site) where.push(sql`lower(${jobs.siteId}) = lower(${input.site})`);
  if (input.job) where.push(eq(jobEvents.jobId, (await findJob(ctx.db, input.job)).id));
  if (input.kind) where.push(eq(jobEvents.kind, input.kind));
  if (input.status) where.push(and(eq(jobEvents.kind, 'status'), sql`lower(${jobEvents.toValue}) = lower(${input.status})`)!);
  if (input.from) where.push(gte(jobEvents.at, input.from));
  if (input.until) where.push(lt(jobEvents.at, input.until));
  if (input.before !== undefined) where.push(lt(jobEvents.id, input.before));
  return ctx.db
    .select({ e: jobEvents, ref: jobs.ref, contract: jobs.contractId, site: jobs.siteId })
    .from(jobEvents)
    .innerJoin(jobs, eq(jobs.id, jobEvents.jobId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(jobEvents.id))
    .limit(input.limit);
}
