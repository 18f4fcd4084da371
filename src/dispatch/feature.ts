/**
 * The dispatch queue's buttons (`queue`): assign, set an ETA, open a job, each answered with the
 * queue as it now stands, under the filters (team, site, assignee) the clicked queue had.
 */
import { etaForm, queueCard } from '../../cards/build/queue.js';
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
          return requeue(t('cards-queue.given', { ref: r.ref, name: r.technician, told: r.told, toldSomething: r.told ? 'yes' : 'no' }));
        }
        case 'eta': {
          const eta = input.values?.eta?.trim();
          if (!eta) throw invalid(t('errors-teams.type-eta'));
          const r = await setEta(ctx, { job: jobRef(action.job), eta });
          return requeue(t('cards-queue.eta-saved', { ref: r.job.ref, set: r.eta ? 'yes' : 'no' }));
        }
        case 'open':
          return loadJobCard(ctx, jobRef(action.job));
      }
    },
  },
  forms: {
    queue: async (_ctx, action) =>
      action.act === 'eta' ? etaForm(jobRef(action.job)) : undefined,
  },
} satisfies Feature;

