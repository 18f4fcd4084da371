/**
 * Billing: a job with work recorded on it cannot be cancelled (its time and parts would sit on a
 * cancelled job, billed or lost without anyone deciding). The prepaid warning is a `notice`
 * outbox post, which the core loaders already render, and the "request approval" button on
 * refused time is handled by the approvals feature.
 */
import { count, eq } from 'drizzle-orm';
import { partUses, timeEntries } from '../../db/schema.js';
import { preconditionFailed } from '../errors.js';
import type { Feature } from '../feature.js';
import { t } from '../i18n/index.js';

export const billingFeature = {
  name: 'billing',
  statusGuards: [
    async (ctx, job, to) => {
      if (to !== 'cancelled') return;
      const [time] = await ctx.db.select({ n: count() }).from(timeEntries).where(eq(timeEntries.jobId, job.id));
      const [p] = await ctx.db.select({ n: count() }).from(partUses).where(eq(partUses.jobId, job.id));
      if (Number(time?.n ?? 0) + Number(p?.n ?? 0) > 0) {
        throw preconditionFailed(t('errors-billing.cancel-with-work', { ref: job.ref }));
      }
    },
  ],
} satisfies Feature;
