/** A job by what people type (J-1001) or by its row id (buttons carry ids). */
import { eq } from 'drizzle-orm';
import { jobs } from '../../db/schema.js';
import type { Ctx } from '../context.js';
import { notFound } from '../errors.js';
import { findJob, type JobRow } from '../jobs/job-store.js';

export async function loadJob(ctx: Ctx, job: string | number, forUpdate = false): Promise<JobRow> {
  if (typeof job === 'number') {
    const q = ctx.db.select().from(jobs).where(eq(jobs.id, job));
    const [row] = forUpdate ? await q.for('update') : await q;
    if (!row) throw notFound(`No job #${job}.`);
    return row;
  }
  return findJob(ctx.db, job, { forUpdate });
}
