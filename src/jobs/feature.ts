/** Jobs: the `status` button moves a job on from its card, through the same verb as /job status. */
import { eq } from 'drizzle-orm';
import { jobs } from '../../db/schema.js';
import { notFound } from '../errors.js';
import type { Feature } from '../feature.js';
import { changeStatus } from './change-status.js';
import { loadJobCard } from './job-card.js';
import { t } from '../i18n/t.js';

export const jobsFeature = {
  name: 'jobs',
  actions: {
    status: async (ctx, action, input) => {
      const [row] = await ctx.db.select({ ref: jobs.ref }).from(jobs).where(eq(jobs.id, action.job));
      if (!row) throw notFound(t('errors-jobs.gone'));
      // The button's prompt carries the reason (on hold, reopened, cancelled).
      await changeStatus(ctx, { job: row.ref, to: action.to, reason: input.reason });
      return loadJobCard(ctx, row.ref);
    },
  },
} satisfies Feature;
