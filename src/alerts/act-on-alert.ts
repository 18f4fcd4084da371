/**
 * A dispatcher's tap on an alert: a fallback, or Acknowledge. Each fallback is taken at most once
 * per alert (a second tap, a Slack retry or a colleague's simultaneous tap is told who did it and
 * when, and changes nothing); Acknowledge closes the alert to further fallbacks.
 */
import { eq } from 'drizzle-orm';
import { alertActs, alerts, customerMessages, jobEvents, teams } from '../../db/schema.js';
import { audit } from '../audit.js';
import { requireRole } from '../auth.js';
import type { Ctx } from '../context.js';
import { assertNever, conflict, invalid, notFound, preconditionFailed } from '../errors.js';
import { assignJob } from '../jobs/assign-job.js';
import { isDone } from '../jobs/status-rules.js';
import { offerReason } from '../dispatch/offer-text.js';
import { tellTechnician } from '../dispatch/reach.js';
import { enqueueDirect, enqueueUpdate } from '../notify/enqueue.js';
import { inTransaction } from '../verb.js';
import { loadAlertView, type AlertView } from './alert-view.js';
import { customerVoice } from '../i18n/customer.js';
import { renderTemplate, siteTime, type TemplateView } from '../messages/template.js';
import { personById } from '../people/person.js';
import type { AlertAct } from '../rules/fallbacks.js';
import { alertActWord } from '../i18n/alert-act-words.js';
import { currentLocale } from '../i18n/current.js';
import { readerInstant } from '../i18n/format.js';
import { t } from '../i18n/t.js';
import { etaForms } from '../jobs/set-eta.js';
import { readerZone } from '../reader-zone.js';
import { actsOf, type AlertActRow } from './alert-acts.js';

/** "Escalated by Dana at Mon 7 Dec 10:02 CET: to Lee", in the reader's zone. */
function actLine(a: AlertActRow, zone: string): string {
  return `${t('act-on-alert.line', { act: alertActWord(a.act, 'done'), by: a.by ?? t('act-on-alert.someone'), at: readerInstant(a.at, zone) })}${a.detail ? `: ${a.detail}` : ''}`;
}

/** The values the contract's templates may use, for the alerted job now. */
function templateView(v: AlertView, technician: string | undefined, eta: string): TemplateView {
  const site = v.contract.sites.find((s) => s.id === v.job.siteId);
  return {
    contract: { id: v.contract.id },
    customer: { name: v.contract.customer.name },
    contact: { name: v.contract.customer.contacts[0]?.name ?? v.contract.customer.name },
    site: { name: site?.name ?? v.job.siteId, address: site?.address ?? '', tier: site?.tier ?? '' },
    job: { id: v.job.ref, priority: v.job.priority, summary: v.job.summary, responseDue: siteTime(v.state.windows.response.dueAt, v.zone, v.contract.locale), restoreDue: siteTime(v.state.windows.restore.dueAt, v.zone, v.contract.locale), eta, permit: v.job.permit ?? '' },
    technician: { name: technician ?? customerVoice(v.contract.locale).t('customer.technician.default') },
    subcontractor: { name: v.contract.sla.subcontractors[0]?.name ?? '' },
  };
}

export async function actOnAlert(ctx: Ctx, input: { alertId: number; act: AlertAct; technicianId?: number; note?: string }) {
  const me = requireRole(ctx, ['dispatcher', 'manager'], 'act-on-alerts');
  const zone = readerZone(ctx);
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now();
    const [row] = await tx.db.select().from(alerts).where(eq(alerts.id, input.alertId)).for('update');
    if (!row) throw notFound(t('act-on-alert.not-found', { id: input.alertId }));
    const taken = await actsOf(tx.db, [row.id]);
    const same = taken.find((a) => a.act === input.act);
    if (same) throw conflict(t('act-on-alert.already', { line: actLine(same, zone) }));
    const ack = taken.find((a) => a.act === 'acknowledge');
    if (ack) throw conflict(t('act-on-alert.acknowledged', { id: row.id, line: actLine(ack, zone) }));
    if (row.closedAt) throw preconditionFailed(t('act-on-alert.closed', { id: row.id, reason: row.closedReason ?? t('act-on-alert.closed-default') }));
    const v = await loadAlertView(tx.db, row.id, now);
    if (input.act !== 'acknowledge' && !v.contract.sla.fallbacks.includes(input.act)) {
      throw invalid(t('act-on-alert.not-listed', { contract: v.contract.id, button: alertActWord(input.act, 'button') }));
    }
    if (isDone(v.job.status) && input.act !== 'acknowledge') {
      throw preconditionFailed(t('act-on-alert.job-done', { ref: v.job.ref, status: v.job.status }));
    }
    // Claim the act first: a colleague's tap committed since the lock finds this row and is told so.
    const [claim] = await tx.db.insert(alertActs).values({ alertId: row.id, act: input.act, personId: me.id, at: now }).onConflictDoNothing().returning({ id: alertActs.id });
    if (!claim) {
      const [first] = (await actsOf(tx.db, [row.id])).filter((a) => a.act === input.act);
      throw conflict(first ? t('act-on-alert.already', { line: actLine(first, zone) }) : t('act-on-alert.already-act', { act: alertActWord(input.act, 'done'), id: row.id }));
    }
    let messageId: number | null = null;
    let detail = input.note ?? '';
    switch (input.act) {
      case 'reassign': {
        if (!input.technicianId) throw invalid(t('act-on-alert.pick-technician'));
        const offer = v.technicians.find((t) => t.id === input.technicianId);
        if (offer && !offer.offered) throw invalid(t('act-on-alert.not-offered', { name: offer.name, ref: v.job.ref, contract: v.contract.id, lacking: offer.lacking.join(', '), reason: offerReason(offer.why) }));
        const r = await assignJob(tx, { job: v.job.ref, technician: input.technicianId, reason: `fallback on alert #${row.id}` });
        const told = await tellTechnician(tx, {
          key: `alert:${row.id}:reassigned`,
          technicianId: r.technician.id,
          teamId: v.contract.team,
          subjectKind: 'notice',
          subjectId: row.id,
          given: { ref: v.job.ref, summary: v.job.summary, site: v.job.siteId, due: { window: row.window, at: v.state.windows[row.window as 'response'].dueAt?.toISOString(), zone: v.zone } },
        });
        detail = told ? t('act-on-alert.reassigned-told', { name: r.technician.name, told }) : t('act-on-alert.reassigned-to', { name: r.technician.name });
        break;
      }
      case 'escalate': {
        const [team] = await tx.db.select().from(teams).where(eq(teams.id, v.contract.team));
        const lead = team?.leadId ? await personById(tx.db, team.leadId) : undefined;
        if (!lead) throw preconditionFailed(t('act-on-alert.no-lead', { team: v.contract.team }));
        detail = t('act-on-alert.escalated-to', { name: lead.name });
        await enqueueDirect(tx, { key: `alert:${row.id}:escalated`, person: lead, subjectKind: 'alert', subjectId: row.id });
        break;
      }
      case 'notify_customer': {
        // The notice promises the job's ETA (`/job eta`), never the SLA due time: on a breached
        // job that is already past, and a customer must never be told a time that has gone.
        const eta = v.job.eta;
        const button = alertActWord('notify_customer', 'button');
        if (!eta) throw preconditionFailed(t('act-on-alert.no-eta', { ref: v.job.ref, forms: etaForms(), button }));
        if (eta <= now) throw preconditionFailed(t('act-on-alert.eta-passed', { ref: v.job.ref, eta: siteTime(eta, v.zone, currentLocale()), forms: etaForms(), button }));
        const assignee = v.job.assigneeId ? await personById(tx.db, v.job.assigneeId) : undefined;
        const body = renderTemplate(v.contract, 'delay', templateView(v, assignee?.name, siteTime(eta, v.zone, v.contract.locale)));
        const [msg] = await tx.db
          .insert(customerMessages)
          .values({ jobId: v.job.id, kind: 'delay', body, recipients: v.contract.customer.contacts.map((c) => c.email), status: 'draft', createdBy: me.id })
          .returning({ id: customerMessages.id });
        messageId = msg!.id;
        detail = t('act-on-alert.drafted', { id: msg!.id, names: v.contract.customer.contacts.map((c) => c.name).join(', ') });
        break;
      }
      case 'subcontract': {
        // Sent at once through the customer message path (outbox, retries, failure reported in
        // the dispatch channel): the tap is the dispatcher's decision to call them in.
        const sub = v.contract.sla.subcontractors[0];
        if (!sub) throw preconditionFailed(t('act-on-alert.no-subcontractor', { contract: v.contract.id }));
        if (!sub.email) throw preconditionFailed(t('act-on-alert.no-subcontractor-email', { contract: v.contract.id, name: sub.name, contact: sub.contact, acknowledge: alertActWord('acknowledge', 'button') }));
        const assignee = v.job.assigneeId ? await personById(tx.db, v.job.assigneeId) : undefined;
        const eta = siteTime(v.job.eta && v.job.eta > now ? v.job.eta : null, v.zone, v.contract.locale);
        const body = renderTemplate(v.contract, 'subcontract', templateView(v, assignee?.name, eta));
        const [msg] = await tx.db
          .insert(customerMessages)
          .values({ jobId: v.job.id, kind: 'subcontract', body, recipients: [sub.email], status: 'sending', nextAttemptAt: now, announcedAt: now, sentBy: me.id, createdBy: me.id, createdAt: now })
          .returning({ id: customerMessages.id });
        messageId = msg!.id;
        await audit(tx, 'message.send', { kind: 'message', id: msg!.id }, { job: v.job.id, kind: 'subcontract', recipients: [sub.email] });
        detail = t('act-on-alert.subcontractor-emailed', { name: sub.name, email: sub.email, id: msg!.id });
        break;
      }
      case 'acknowledge':
        break;
      default:
        assertNever(input.act);
    }
    await tx.db.update(alertActs).set({ detail: detail || null, messageId }).where(eq(alertActs.id, claim.id));
    if (input.act !== 'reassign') {
      await tx.db.insert(jobEvents).values({ jobId: v.job.id, at: now, kind: 'fallback', toValue: input.act, reason: detail || null, actorId: me.id, actorLabel: tx.actor.label });
    }
    await audit(tx, 'alert.acted', { kind: 'alert', id: row.id }, { job: v.job.ref, act: input.act, detail });
    await enqueueUpdate(tx, 'alert', row.id, input.act);
    return { alertId: row.id, job: v.job.ref, act: input.act, detail };
  });
}
