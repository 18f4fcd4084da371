/** A job's card as it is now: status, SLA clocks, assignee, ETA, what was done about its alerts, latest files. */
import type { Card } from '../../cards/card.js';
import { jobCard } from '../../cards/build/job.js';
import type { Ctx } from '../context.js';
import { jobFiles } from '../proof/job-files.js';
import { viewJob } from './view-job.js';
import { checklistLinkFor } from '../web/links.js';
import { jobActs } from '../alerts/job-acts.js';
import { t } from '../i18n/t.js';

export async function loadJobCard(ctx: Ctx, ref: string): Promise<Card> {
  const v = await viewJob(ctx, ref);
  const files = await jobFiles(ctx.db, v.job.id);
  const acts = await jobActs(ctx.db, v.job.id);
  // The assigned technician's own card links the offline checklist (docs/field.md); the card is theirs alone.
  const phone = checklistLinkFor(ctx, v.job);
  const extra = phone ? [{ label: t('cards-job.on-your-phone'), value: [{ link: phone, text: t('cards-job.open-checklist') }] }] : undefined;
  return jobCard({ ref: v.job.ref, contract: v.version.contract, version: v.version.version, siteId: v.job.siteId, priority: v.job.priority, status: v.job.status, summary: v.job.summary, reportedAt: v.job.reportedAt, assignee: v.assignee, sla: v.state, warnings: v.warnings, zone: v.zone, eta: v.job.eta, files, acts, ...(extra ? { extra } : {}) });
}
