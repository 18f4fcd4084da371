/**
 * A planned (recurring) visit is given by the same rule as a reassignment: the job's team's
 * technicians holding the skills, on shift on the visit's day, least loaded first. When nobody
 * qualifies, the visit stays unassigned and the team's dispatch channel is told why.
 */
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { jobEvents, jobs } from '../../db/schema.js';
import { audit } from '../audit.js';
import type { Ctx } from '../context.js';
import { afterJobChange } from '../jobs/hooks.js';
import { refreshSla, type JobRow } from '../jobs/job-store.js';
import { enqueuePost } from '../notify/enqueue.js';
import { noticePayload, type Notice } from '../notify/notice.js';
import { noticeText } from '../notify/notice-card.js';
import type { Contract } from '../rules/contract-types.js';
import { inLanguage } from '../i18n/current.js';
import type { Offer } from '../rules/technician-offer.js';
import { offerReason } from './offer-text.js';
import { technicianOffers } from './offers.js';
import { tellTechnician } from './reach.js';

/** The hour of the visit's local day at which availability is judged. */
const VISIT_HOUR = 10;

/** The job's history is written in English, as the rest of its text. */
const english = (o: Offer) => inLanguage('en', () => offerReason(o.why));

/** Who the visit went to, or why nobody was sent (in English; the channel reads it in the team's language). */
export type PlanAssignment = { assigned: string } | { flagged: string };

export async function assignPlannedVisit(ctx: Ctx, job: JobRow, contract: Contract, siteZone: string, date: string): Promise<PlanAssignment> {
  const at = DateTime.fromISO(date, { zone: siteZone }).set({ hour: VISIT_HOUR }).toJSDate();
  const offers = await technicianOffers(ctx.db, job, contract, siteZone, at);
  const pick = offers.find((o) => o.offered && o.availability === 'on_shift');
  if (!pick) {
    const notice: Notice = { kind: 'planned-unassigned', ref: job.ref, summary: job.summary, site: job.siteId, team: contract.team, offers: offers.map((o) => ({ name: o.name, why: o.why })) };
    await enqueuePost(ctx, {
      key: `recurring-unassigned:${job.recurrenceKey ?? job.ref}`,
      teamId: contract.team,
      purpose: 'dispatch',
      subjectKind: 'notice',
      subjectId: job.ref,
      payload: noticePayload(notice),
    });
    return { flagged: inLanguage('en', () => noticeText(notice)) };
  }
  const now = ctx.clock.now();
  const storedReason = english(pick);
  await ctx.db.insert(jobEvents).values({ jobId: job.id, at: now, kind: 'assign', toValue: String(pick.id), reason: `planned visit: ${storedReason}`, actorId: null, actorLabel: ctx.actor.label });
  await ctx.db.insert(jobEvents).values({ jobId: job.id, at: now, kind: 'status', fromValue: job.status, toValue: 'assigned', actorId: null, actorLabel: ctx.actor.label });
  await ctx.db.update(jobs).set({ assigneeId: pick.id, status: 'assigned' }).where(eq(jobs.id, job.id));
  const updated = { ...job, assigneeId: pick.id, status: 'assigned' };
  await refreshSla(ctx, updated);
  await audit(ctx, 'job.assigned', { kind: 'job', id: job.ref }, { technician: pick.id, name: pick.name, reason: storedReason, planned: true });
  await afterJobChange(ctx, updated, 'assigned', { technician: pick.id });
  await tellTechnician(ctx, {
    key: `planned-assign:${job.id}:${pick.id}`,
    technicianId: pick.id,
    teamId: contract.team,
    subjectKind: 'notice',
    subjectId: job.ref,
    given: { ref: job.ref, summary: job.summary, site: job.siteId, planned: date },
  });
  return { assigned: pick.name };
}
