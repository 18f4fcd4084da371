import { eq } from 'drizzle-orm';
import { people } from '../../db/schema.js';
import type { Ctx } from '../context.js';
import { alertedOf, computeJobSla, findJob, warningsOf } from './job-store.js';
import { jobZone } from './site-zone.js';

/** A job with its SLA state computed now, for cards and the API. Anyone with a role may look. */
export async function viewJob(ctx: Ctx, ref: string) {
  const job = await findJob(ctx.db, ref);
  const { version, state } = await computeJobSla(ctx.db, job, ctx.clock.now());
  const [assignee] = job.assigneeId ? await ctx.db.select({ name: people.name }).from(people).where(eq(people.id, job.assigneeId)) : [];
  return { job, version, state, warnings: warningsOf(state, alertedOf(job)), zone: await jobZone(ctx.db, job), assignee: assignee?.name };
}
