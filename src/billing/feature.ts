/**
 * Billing: a job with work recorded on it cannot be cancelled (its time and parts would sit on a
 * cancelled job, billed or lost without anyone deciding). The prepaid warning is a `notice`
 * outbox post, which the core loaders already render, and the "request approval" button on
 * refused time is handled by the approvals feature. The day card's Edit and Delete (`entry`) run
 * the verbs behind `/log edit` and `/log delete`.
 */
import { and, count, eq, isNull } from 'drizzle-orm';
import { entryEditForm } from '../../cards/build/entry-correction.js';
import { timeCorrectedCard, timeDeletedCard } from '../../cards/build/work-correction.js';
import { partUses, timeEntries } from '../../db/schema.js';
import { preconditionFailed } from '../errors.js';
import type { Feature } from '../feature.js';
import { t } from '../i18n/index.js';
import { deleteTimeEntry } from './correct-time.js';
import { editTimeFromForm, entryFormView } from './correct-time-form.js';

export const billingFeature = {
  name: 'billing',
  statusGuards: [
    async (ctx, job, to) => {
      if (to !== 'cancelled') return;
      const [time] = await ctx.db.select({ n: count() }).from(timeEntries).where(and(eq(timeEntries.jobId, job.id), isNull(timeEntries.deletedAt)));
      const [p] = await ctx.db.select({ n: count() }).from(partUses).where(and(eq(partUses.jobId, job.id), isNull(partUses.deletedAt)));
      if (Number(time?.n ?? 0) + Number(p?.n ?? 0) > 0) {
        throw preconditionFailed(t('errors-billing.cancel-with-work', { ref: job.ref }));
      }
    },
  ],
  actions: {
    entry: async (ctx, action, input) =>
      action.act === 'edit'
        ? timeCorrectedCard(await editTimeFromForm(ctx, action.entry, input.values ?? {}))
        : timeDeletedCard(await deleteTimeEntry(ctx, { id: action.entry, reason: input.reason ?? input.values?.reason ?? '' })),
  },
  forms: {
    entry: async (ctx, action) => (action.act === 'edit' ? entryEditForm(await entryFormView(ctx, action.entry)) : undefined),
  },
} satisfies Feature;
