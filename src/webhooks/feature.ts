/**
 * Webhooks: job changes become job.created / job.closed in the job verb's own transaction, and
 * the scheduler sends due deliveries every 5 seconds. The other events are emitted where they
 * happen (monitor, approvals, invoices, amendments) with one call to emit.ts each.
 */
import { eq } from 'drizzle-orm';
import { jobs } from '../../db/schema.js';
import type { Feature } from '../feature.js';
import { deliverWebhooks } from './deliver.js';
import { emitWebhook, jobData } from './emit.js';

export const webhooksFeature = {
  name: 'webhooks',
  jobHooks: [
    async (ctx, job, change) => {
      if (change !== 'created' && change !== 'closed') return;
      // The row handed to hooks predates the SLA refresh; the receiver wants the due times it set.
      const [fresh] = await ctx.db.select().from(jobs).where(eq(jobs.id, job.id));
      await emitWebhook(ctx, change === 'created' ? 'job.created' : 'job.closed', { job: jobData(fresh ?? job) });
    },
  ],
  tasks: () => [{ name: 'webhooks', cron: '*/5 * * * * *', run: (ctx) => deliverWebhooks(ctx) }],
} satisfies Feature;
