/**
 * Webhooks plug into the shared mechanisms: job changes become job.created / job.closed in the
 * job verb's own transaction, and the scheduler sends due deliveries every 5 seconds. The other
 * events are emitted where they happen (monitor, approvals, invoices, amendments) with one call
 * to emit.ts each. Called once from features.ts.
 */
import { eq } from 'drizzle-orm';
import { jobs } from '../../db/schema.js';
import { featureTasks } from '../features.js';
import { onJobChange } from '../jobs/hooks.js';
import { deliverWebhooks } from './deliver.js';
import { emitWebhook, jobData } from './emit.js';

let done = false;

export function registerWebhooks(): void {
  if (done) return;
  done = true;
  onJobChange(async (ctx, job, change) => {
    if (change !== 'created' && change !== 'closed') return;
    // The row handed to hooks predates the SLA refresh; the receiver wants the due times it set.
    const [fresh] = await ctx.db.select().from(jobs).where(eq(jobs.id, job.id));
    await emitWebhook(ctx, change === 'created' ? 'job.created' : 'job.closed', { job: jobData(fresh ?? job) });
  });
  featureTasks.push(() => [{ name: 'webhooks', cron: '*/5 * * * * *', run: (ctx) => deliverWebhooks(ctx) }]);
}
