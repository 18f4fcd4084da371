/**
 * Drafts written outside this feature (the SLA alert's "notify customer" fallback writes its delay
 * draft itself) are posted to the team, or queued for sending when the team opted in, by the
 * scheduled task. Each draft is announced once: the row is locked and `announced_at` set.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { customerMessages, jobs } from '../../db/schema.js';
import { audit } from '../audit.js';
import type { Ctx } from '../context.js';
import { inTransaction } from '../verb.js';
import { announceMessage } from './draft-message.js';
import { outboundContract } from './outbound.js';

export async function announceDrafts(ctx: Ctx, limit = 50): Promise<number> {
  const pending = await ctx.root
    .select({ id: customerMessages.id })
    .from(customerMessages)
    .where(and(eq(customerMessages.status, 'draft'), isNull(customerMessages.announcedAt)))
    .orderBy(customerMessages.id)
    .limit(limit);
  let n = 0;
  for (const p of pending) {
    const done = await inTransaction(ctx, async (tx) => {
      const [r] = await tx.db
        .select({ m: customerMessages, job: jobs })
        .from(customerMessages)
        .innerJoin(jobs, eq(jobs.id, customerMessages.jobId))
        .where(and(eq(customerMessages.id, p.id), eq(customerMessages.status, 'draft'), isNull(customerMessages.announcedAt)))
        .for('update', { of: customerMessages, skipLocked: true });
      if (!r) return false;
      const contract = await outboundContract(tx.db, r.job, tx.clock.now());
      const state = await announceMessage(tx, contract, r.m.id);
      await audit(tx, 'message.announced', { kind: 'message', id: r.m.id }, { job: r.job.ref, kind: r.m.kind, state });
      return true;
    });
    if (done) n++;
  }
  return n;
}
