/** The KPI digest, renewal packs and recurring visits: their outbox cards and their scheduled tasks. */
import type { Feature } from '../feature.js';
import { runRecurring } from '../recurring/generate-visits.js';
import { loadRenewalCard, runRenewals } from '../renewals/schedule.js';
import { parseDigestTime } from '../rules/kpi.js';
import { loadDigestCard, runDigest } from './digest.js';

export const kpiFeature = {
  name: 'kpi',
  loaders: {
    digest: (ctx, id) => loadDigestCard(ctx, id),
    renewal: (ctx, id) => loadRenewalCard(ctx, id),
  },
  tasks: (_app, config) => {
    const at = parseDigestTime(config.DIGEST_LOCAL_TIME);
    return [
      // Every minute: each team's digest moment is in its own zone, so some team's may be now.
      { name: 'kpi-digest', cron: '0 * * * * *', run: (ctx) => runDigest(ctx, at) },
      { name: 'renewal-packs', cron: '0 7 * * * *', run: (ctx) => runRenewals(ctx) },
      { name: 'recurring-visits', cron: '0 17 * * * *', run: (ctx) => runRecurring(ctx, config.RECURRING_HORIZON_DAYS) },
    ];
  },
} satisfies Feature;
