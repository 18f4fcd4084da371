/**
 * The values a customer message template may use (every placeholder of docs/contract-format.md), for one job now.
 * Times render in the site's zone. The `report.*` values need the closing report (rating, SLA,
 * checklists), so they are computed only when the template uses one.
 */
import { and, eq } from 'drizzle-orm';
import { approvals, people } from '../../db/schema.js';
import type { Ctx } from '../context.js';
import { computeJobSla, type JobRow } from '../jobs/job-store.js';
import { jobZone } from '../jobs/site-zone.js';
import { buildClosingReport } from '../proof/closing-report.js';
import type { Contract, TemplateKind } from '../rules/contract-types.js';
import { placeholdersOf, renderTemplate, siteTime, templateFor, type TemplateView } from './template.js';

export async function messageView(ctx: Ctx, job: JobRow, contract: Contract, kind: TemplateKind): Promise<TemplateView> {
  const now = ctx.clock.now();
  const zone = await jobZone(ctx.db, job);
  const { state } = await computeJobSla(ctx.db, job, now);
  const site = contract.sites.find((s) => s.id.toLowerCase() === job.siteId.toLowerCase());
  const [tech] = job.assigneeId ? await ctx.db.select({ name: people.name }).from(people).where(eq(people.id, job.assigneeId)) : [];
  const [permit] = job.permit
    ? []
    : await ctx.db
        .select({ id: approvals.id })
        .from(approvals)
        .where(and(eq(approvals.jobId, job.id), eq(approvals.kind, 'permit'), eq(approvals.status, 'approved')))
        .limit(1);
  const restoreDue = state.windows.restore.dueAt;
  const used = placeholdersOf(templateFor(contract, kind));
  const report = [...used].some((n) => n.startsWith('report.')) ? (await buildClosingReport(ctx, job)).placeholders : undefined;
  return {
    contract: { id: contract.id },
    customer: { name: contract.customer.name },
    contact: { name: contract.customer.contacts[0]?.name ?? contract.customer.name },
    site: { name: site?.name ?? job.siteId, address: site?.address ?? '', tier: site?.tier ?? '' },
    job: {
      id: job.ref,
      priority: job.priority,
      summary: job.summary,
      responseDue: siteTime(state.windows.response.dueAt, zone),
      restoreDue: siteTime(restoreDue, zone),
      // The ETA recorded on the job (/job eta, en_route --eta) while it is still ahead; without
      // one a delay notice promises the restore time, others leave it for the dispatcher to fill in.
      eta: job.eta && job.eta > now ? siteTime(job.eta, zone) : kind === 'delay' ? siteTime(restoreDue, zone) : 'to be confirmed',
      permit: job.permit ?? (permit ? `approved (request #${permit.id})` : 'none recorded'),
    },
    technician: { name: tech?.name ?? 'our technician' },
    report: report ?? { covered: '', billable: '', restoreTime: '', restoreTarget: '', safetySteps: '', signoff: '' },
  };
}

export async function renderMessage(ctx: Ctx, job: JobRow, contract: Contract, kind: TemplateKind): Promise<string> {
  return renderTemplate(contract, kind, await messageView(ctx, job, contract, kind));
}

/** Subject lines; `quote` drafts come from approved out-of-scope work (src/approvals/effects.ts). */
export const SUBJECTS: Record<TemplateKind | 'quote', string> = {
  confirmation: 'Service request received',
  departure: 'Technician on the way',
  closing: 'Service completed',
  delay: 'Update on your service request',
  quote: 'Quote for additional work',
  invoice: 'Invoice',
};

export function subjectOf(kind: string, jobRef: string, customer: string): string {
  return `${jobRef}: ${SUBJECTS[kind as TemplateKind | 'quote'] ?? 'Service update'} (${customer})`;
}
