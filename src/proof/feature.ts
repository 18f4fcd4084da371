/**
 * Proof of service: required checklist steps guard resolving and closing, the checklist button
 * (`tick`) reaches its verb, and correction flags get their card at delivery, with Fix and Decline
 * (`flag`); the person who flagged is told the outcome (`correction-outcome`).
 */
import { checklistCard } from '../../cards/build/checklist.js';
import { correctionCard, correctionOutcomeCard } from '../../cards/build/correction.js';
import { entryDeleteForm, entryEditForm } from '../../cards/build/entry-correction.js';
import { entryFormView } from '../billing/correct-time-form.js';
import { AppError, preconditionFailed } from '../errors.js';
import type { Feature } from '../feature.js';
import { describeMissing, loadChecklists, missingRequired } from './checklist.js';
import { loadCorrection } from './correction-view.js';
import { fixFlaggedEntry, flagCardButtons, openFlagEntry } from './fix-flagged-entry.js';
import { resolveCorrection } from './resolve-correction.js';
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
    flag: async (ctx, action, input) => {
      if (action.act === 'edit' || action.act === 'delete') return correctionCard(await fixFlaggedEntry(ctx, { flag: action.flag, act: action.act, values: input.values ?? { reason: input.reason ?? '' } }));
      const note = input.reason ?? input.values?.reason;
      return correctionCard(await resolveCorrection(ctx, { id: action.flag, outcome: action.act === 'fixed' ? 'fixed' : 'rejected', note }));
    },
  },
  forms: {
    flag: async (ctx, action) => {
      if (action.act !== 'edit' && action.act !== 'delete') return undefined;
      const { entry, note } = await openFlagEntry(ctx, action.flag);
      const view = await entryFormView(ctx, entry);
      return action.act === 'edit' ? entryEditForm(view, note) : entryDeleteForm(view, note);
    },
  },
  loaders: {
    correction: async (ctx, id) => {
      try {
        const v = await loadCorrection(ctx.root, Number(id));
        return correctionCard(v, await flagCardButtons({ ...ctx, db: ctx.root }, v));
      } catch (err) {
        if (err instanceof AppError && err.code === 'not_found') return null;
        throw err;
      }
    },
    'correction-outcome': async (ctx, id, payload) => correctionOutcomeCard(await loadCorrection(ctx.root, Number(id)), typeof payload.change === 'string' ? payload.change : undefined),
  },
} satisfies Feature;
