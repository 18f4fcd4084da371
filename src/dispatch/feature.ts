/**
 * The dispatch queue's buttons (`queue`): assign, set an ETA, open a job, each answered with the
 * queue as it now stands, under the filters (team, site, assignee) the clicked queue had.
 */
import { queueCard } from '../../cards/build/queue.js';
import type { Feature } from '../feature.js';
import { jobRef } from '../jobs/job-store.js';
import { loadJobCard } from '../jobs/job-card.js';
import { setEta } from '../jobs/set-eta.js';
import { invalid } from '../errors.js';
import { giveJob } from './give-job.js';
import { dispatchQueue } from './queue.js';
import { t } from '../i18n/t.js';

export const dispatchFeature = {
  name: 'dispatch',
  actions: {
    queue: async (ctx, action, input) => {
      const requeue = async (notice: string) =>
        queueCard(await dispatchQueue(ctx, { team: action.team, site: action.site, assignee: action.assignee }), ctx.clock.now(), ctx.services.actionSecret, { notice, team: action.team });
      switch (action.act) {
        case 'assign': {
          if (!action.person) throw invalid(t('errors-teams.pick-technician'));
          const r = await giveJob(ctx, { job: action.job, technicianId: action.person });
          return requeue(`${r.ref} → ${r.technician}${r.told ? ` (${r.told})` : ''}.`);
        }
        case 'eta': {
          const eta = input.values?.eta?.trim();
          if (!eta) throw invalid(t('errors-teams.type-eta'));
          const r = await setEta(ctx, { job: jobRef(action.job), eta });
          return requeue(r.eta ? `${r.job.ref}: ETA set.` : `${r.job.ref}: ETA cleared.`);
        }
        case 'open':
          return loadJobCard(ctx, jobRef(action.job));
      }
    },
  },
  forms: {
    queue: async (_ctx, action) =>
      action.act === 'eta' ? { title: `ETA for ${jobRef(action.job)}`, submit: 'Set ETA', fields: [{ key: 'eta', label: 'Expected on site (site time: 14:30, +45m, or clear)', required: true, maxLength: 40 }] } : undefined,
  },
} satisfies Feature;

