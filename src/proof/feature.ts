/**
 * Proof of service: required checklist steps guard resolving and closing, the checklist button
 * (`tick`) reaches its verb, and correction flags get their card at delivery.
 */
import { checklistCard } from '../../cards/build/checklist.js';
import { correctionCard } from '../../cards/build/correction.js';
import { AppError, preconditionFailed } from '../errors.js';
import type { Feature } from '../feature.js';
import { describeMissing, loadChecklists, missingRequired } from './checklist.js';
import { loadCorrection } from './correction-view.js';
import { tickStep } from './tick-step.js';
import { t } from '../i18n/index.js';

export const proofFeature = {
  name: 'proof',
  statusGuards: [
    async (ctx, job, to) => {
      if (to !== 'resolved' && to !== 'closed') return;
      const missing = missingRequired((await loadChecklists(ctx.db, job)).lists);
      if (!missing.length) return;
      throw preconditionFailed(t('errors.checklist-missing', { ref: job.ref, to, n: missing.length }), [...missing.map(describeMissing), t('errors.checklist-confirm', { ref: job.ref })]);
    },
  ],
  actions: {
    tick: async (ctx, action, input) => {
      // The button's prompt carries the reading or the signature, whichever the step asks for.
      const r = await tickStep(ctx, { job: action.job, code: action.code, step: action.step + 1, reading: input.reason, signature: input.reason });
      const by = ctx.actor.person?.name ?? 'someone';
      return checklistCard(r.view, ctx.services.actionSecret, { done: `${r.code} step ${r.number} confirmed by ${by}.` });
    },
  },
  loaders: {
    correction: async (ctx, id) => {
      try {
        return correctionCard(await loadCorrection(ctx.root, Number(id)));
      } catch (err) {
        if (err instanceof AppError && err.code === 'not_found') return null;
        throw err;
      }
    },
  },
} satisfies Feature;
