/**
 * Give a job to a technician from the queue: only one the contract's skills allow (an expired
 * certification is refused with the reason), then tell them without messaging them off shift.
 */
import { requireRole } from '../auth.js';
import type { Ctx } from '../context.js';
import { invalid } from '../errors.js';
import { assignJob } from '../jobs/assign-job.js';
import { loadJob } from '../jobs/job-store.js';
import { jobZone } from '../jobs/site-zone.js';
import { getVersion } from '../contracts/store.js';
import { inTransaction } from '../verb.js';
import { offerReason } from './offer-text.js';
import { technicianOffers } from './offers.js';
import { tellTechnician } from './reach.js';
import { t } from '../i18n/t.js';

export async function giveJob(ctx: Ctx, input: { job: string | number; technicianId: number }): Promise<{ ref: string; technician: string; told: string }> {
  requireRole(ctx, ['dispatcher', 'manager'], 'assign-jobs');
  return inTransaction(ctx, async (tx) => {
    const job = await loadJob(tx.db, input.job);
    const v = await getVersion(tx.db, job.contractId, job.contractVersion);
    const zone = await jobZone(tx.db, job);
    const offer = (await technicianOffers(tx.db, job, v.contract, zone, tx.clock.now())).find((o) => o.id === input.technicianId);
    if (!offer) throw invalid(t('errors-teams.not-in-team', { team: v.contract.team, contract: v.contract.id }));
    if (!offer.offered) throw invalid(t('errors-teams.cannot-take', { name: offer.name, ref: job.ref, contract: v.contract.id, skills: offer.lacking.join(', '), reason: offerReason(offer.why) }));
    const r = await assignJob(tx, { job: job.ref, technician: input.technicianId, reason: 'from the queue' });
    const told = await tellTechnician(tx, {
      key: `assign:${job.id}:${r.technician.id}:${tx.clock.now().getTime()}`,
      technicianId: r.technician.id,
      teamId: v.contract.team,
      subjectKind: 'notice',
      subjectId: job.ref,
      given: { ref: job.ref, summary: job.summary, site: job.siteId, priority: job.priority },
    });
    return { ref: job.ref, technician: r.technician.name, told };
  });
}
