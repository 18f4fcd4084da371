/**
 * The KPI digest, renewal packs and recurring visits plug in here: their outbox cards and their
 * scheduled tasks. Called once from registerFeatures.
 */
import { featureTasks } from '../features.js';
import { registerLoader } from '../notify/loaders.js';
import { runRecurring } from '../recurring/generate-visits.js';
import { loadRenewalCard, runRenewals } from '../renewals/schedule.js';
import { parseDigestTime } from '../rules/kpi.js';
import { loadDigestCard, runDigest } from './digest.js';

export function registerKpi(): void {
  registerLoader('digest', (ctx, id) => loadDigestCard(ctx, id));
  registerLoader('renewal', (ctx, id) => loadRenewalCard(ctx, id));
  featureTasks.push((_app, config) => {
    const at = parseDigestTime(config.DIGEST_LOCAL_TIME);
    return [
      // Every minute: each team's digest moment is in its own zone, so some team's may be now.
      { name: 'kpi-digest', cron: '0 * * * * *', run: (ctx) => runDigest(ctx, at) },
      { name: 'renewal-packs', cron: '0 7 * * * *', run: (ctx) => runRenewals(ctx) },
      { name: 'recurring-visits', cron: '0 17 * * * *', run: (ctx) => runRecurring(ctx, config.RECURRING_HORIZON_DAYS) },
    ];
  });
}
