import { and, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { jobs } from '../../db/schema.js';
import type { Ctx } from '../context.js';
import { OPEN_STATUSES } from './status-rules.js';

export interface ListJobsInput {
  contract?: string;
  site?: string;
  status?: string[];
  assigneeId?: number;
  openOnly?: boolean;
  limit?: number;
  /** id below which to continue (cursor) */
  before?: number;
  /** reported at or after this instant */
  reportedFrom?: Date;
  /** reported before this instant */
  reportedTo?: Date;
  /** changed (status, priority, assignee, SLA state) at or after this instant: for sync */
  updatedSince?: Date;
}

export async function listJobs(ctx: Ctx, input: ListJobsInput = {}) {
  const where: SQL[] = [];
  if (input.contract) where.push(sql`lower(${jobs.contractId}) = lower(${input.contract})`);
  if (input.site) where.push(sql`lower(${jobs.siteId}) = lower(${input.site})`);
  if (input.status?.length) where.push(inArray(jobs.status, input.status));
  if (input.openOnly) where.push(inArray(jobs.status, OPEN_STATUSES));
  if (input.assigneeId) where.push(eq(jobs.assigneeId, input.assigneeId));
  if (input.before) where.push(sql`${jobs.id} < ${input.before}`);
  // Instants go through the column helpers: postgres.js cannot bind a bare Date in a raw fragment.
  if (input.reportedFrom) where.push(gte(jobs.reportedAt, input.reportedFrom));
  if (input.reportedTo) where.push(lt(jobs.reportedAt, input.reportedTo));
  if (input.updatedSince) where.push(gte(jobs.updatedAt, input.updatedSince));
  return ctx.db
    .select()
    .from(jobs)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(jobs.id))
    .limit(Math.min(input.limit ?? 20, 200));
}
