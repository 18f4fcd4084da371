/**
 * Approvals: the outbox builds their card at delivery, the `decide` button (and billing's
 * "request approval" button, `oos`) reach the verbs, and the scheduler reminds and expires
 * pending requests every minute.
 */
import { approvalCard } from '../../cards/build/approval.js';
import { AppError } from '../errors.js';
import type { Feature } from '../feature.js';
import { decide } from './decide.js';
import { expireAndRemind } from './expire-and-remind.js';
import { requestOutOfScope } from './request-out-of-scope.js';
import { loadApprovalView } from './store.js';

export const approvalsFeature = {
  name: 'approvals',
  loaders: {
    approval: async (ctx, id) => {
      try {
        return approvalCard(await loadApprovalView(ctx.root, Number(id), ctx.clock.now()), ctx.services.actionSecret);
      } catch (err) {
        // A request that no longer exists needs no message; anything else is retried by the notifier.
        if (err instanceof AppError && err.code === 'not_found') return null;
        throw err;
      }
    },
  },
  actions: {
    decide: async (ctx, action, input) => {
      const v = await decide(ctx, { approval: action.approval, approve: action.approve, reason: input.reason });
      return approvalCard(v, ctx.services.actionSecret);
    },
    oos: async (ctx, action, input) => {
      // A refused entry's button carries its span: the quote is what that entry would have cost
      // (after hours, a weekend), not what the same work would cost at the moment of the click.
      const span = action.start !== undefined && action.end !== undefined && action.end > action.start ? { at: new Date(action.start * 1000), minutes: Math.round((action.end - action.start) / 60) } : undefined;
      const r = await requestOutOfScope(ctx, { job: action.job, code: action.code, minutes: span?.minutes ?? action.minutes, reason: input.reason ?? '', ...(span ? { at: span.at } : {}) });
      return approvalCard(r.view, ctx.services.actionSecret);
    },
  },
  tasks: () => [{ name: 'approvals-expiry', cron: '0 * * * * *', run: (ctx) => expireAndRemind(ctx) }],
} satisfies Feature;
