/** Breach-risk alerts: their card at delivery and the fallback buttons on it (`alert`). */
import { alertCard } from '../../cards/build/alert.js';
import type { Feature } from '../feature.js';
import { actOnAlert } from './act-on-alert.js';
import { loadAlertView } from './alert-view.js';

export const alertsFeature = {
  name: 'alerts',
  loaders: {
    alert: async (ctx, id) => alertCard(await loadAlertView(ctx.root, Number(id), ctx.clock.now()), ctx.services.actionSecret),
  },
  actions: {
    alert: async (ctx, action, input) => {
      await actOnAlert(ctx, { alertId: action.alert, act: action.act, technicianId: action.person, note: input.reason });
      return alertCard(await loadAlertView(ctx.root, action.alert, ctx.clock.now()), ctx.services.actionSecret);
    },
  },
} satisfies Feature;
