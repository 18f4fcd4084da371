import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
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
}

export async function listJobs(ctx: Ctx, input: ListJobsInput = {}) {
  const where: SQL[] = [];
  if (input.contract) where.push(sql`lower(${jobs.contractId}) = lower(${input.contract})`);
  if (input.site) where.push(sql`lower(${jobs.siteId}) = lower(${input.site})`);
  if (input.status?.length) where.push(inArray(jobs.status, input.status));
  if (input.openOnly) where.push(inArray(jobs.status, OPEN_STATUSES));
  if (input.assigneeId) where.push(eq(jobs.assigneeId, input.assigneeId));
  if (input.before) where.push(sql`${jobs.id} < ${input.before}`);
  return ctx.db
    .select()
    .from(jobs)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(jobs.id))
    .limit(Math.min(input.limit ?? 20, 200));
}
