/**
 * Ask for a permit to work on a job outside its site's access hours (docs/contract-format.md "sites": `access`;
 * "modifiers": `outsideAccess` needs an approved permit first). The request carries the span and
 * an estimate of its labour at the prices in force, so the approver sees what the permit costs.
 */
import { requireRole } from '../auth.js';
import type { Ctx } from '../context.js';
import { invalid } from '../errors.js';
import { compileCalendar } from '../rules/calendar.js';
import { formatDuration } from '../rules/units.js';
import { inTransaction } from '../verb.js';
import { loadJob } from '../jobs/job-store.js';
import { requireOpenJob, versionForWork } from './lookup.js';
import type { PermitRequest } from './model.js';
import { labourRate, quoteSpan } from './quote.js';
import { submitRequest, type Submitted } from './submit.js';
import { t } from '../i18n/t.js';
import { readerDuration } from '../i18n/format.js';

export interface PermitInput {
  job: string | number;
  from: Date;
  to: Date;
  reason?: string;
}

const MAX_SPAN_MIN = 14 * 24 * 60;

export async function requestPermit(ctx: Ctx, input: PermitInput): Promise<Submitted> {
  const me = requireRole(ctx, ['technician', 'dispatcher', 'manager'], 'ask-permit');
  // Optional in the chat grammar (`/permit <job> <from> <to> [why]`).
  const reason = input.reason?.trim() ?? '';
  if (Number.isNaN(input.from.getTime()) || Number.isNaN(input.to.getTime())) throw invalid(t('errors-approvals.permit-dates'));
  const minutes = Math.round((input.to.getTime() - input.from.getTime()) / 60_000);
  if (minutes <= 0) throw invalid(t('errors-approvals.permit-order'));
  if (minutes > MAX_SPAN_MIN) throw invalid(t('errors-approvals.permit-max', { duration: readerDuration(MAX_SPAN_MIN) }));
  return inTransaction(ctx, async (tx) => {
    const job = requireOpenJob(await loadJob(tx.db, input.job, { forUpdate: true }), 'permit');
    const version = await versionForWork(tx, job, input.from);
    const c = version.contract;
    const site = c.sites.find((s) => s.id === job.siteId);
    if (!site?.access) throw invalid(t('errors-approvals.permit-no-access', { site: job.siteId, contract: c.id }));
    const access = c.calendars[site.access];
    if (access === undefined) throw invalid(t('errors-approvals.permit-no-calendar', { contract: c.id, calendar: site.access }));
    const inside = Math.round(compileCalendar(access).businessMinutesBetween(input.from, input.to));
    const outside = minutes - inside;
    if (outside <= 0) throw invalid(t('errors-approvals.permit-inside', { site: site.id, calendar: site.access }));
    const rate = labourRate(c);
    const estimate = rate ? quoteSpan(c, version.version, site.id, rate, input.from, input.to) : undefined;
    const request: PermitRequest = {
      version: version.version,
      siteId: site.id,
      from: input.from.toISOString(),
      to: input.to.toISOString(),
      access: site.access,
      outsideMinutes: outside,
      ...(c.modifiers.outsideAccess ? { multiplier: c.modifiers.outsideAccess.multiplier } : {}),
      ...(rate ? { estimateCode: rate.code } : {}),
      description: `${formatDuration(outside)} outside ${site.access} at ${site.id}`,
    };
    return submitRequest(tx, me, { kind: 'permit', version, job, request, amount: estimate?.amount ?? 0, reason });
  });
}
