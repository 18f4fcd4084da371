/** A job's customer messages, oldest first: what was drafted, sent, failed or discarded. */
import { asc, eq } from 'drizzle-orm';
import { customerMessages } from '../../db/schema.js';
import { requirePerson } from '../auth.js';
import type { Ctx } from '../context.js';
import { loadJob } from '../jobs/job-store.js';
import { loadMessageView, type MessageView } from './load-message.js';

export async function listMessages(ctx: Ctx, input: { job: string | number }): Promise<MessageView[]> {
  if (ctx.actor.via !== 'api') requirePerson(ctx);
  const job = await loadJob(ctx.db, input.job);
  const rows = await ctx.db.select({ id: customerMessages.id }).from(customerMessages).where(eq(customerMessages.jobId, job.id)).orderBy(asc(customerMessages.id));
  const now = ctx.clock.now();
  return Promise.all(rows.map((r) => loadMessageView(ctx.db, r.id, now)));
}

export async function showMessage(ctx: Ctx, input: { message: number }): Promise<MessageView> {
  if (ctx.actor.via !== 'api') requirePerson(ctx);
  return loadMessageView(ctx.db, input.message, ctx.clock.now());
}
