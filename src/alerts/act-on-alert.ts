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
import { tellTechnician } from '../dispatch/reach.js';
import { enqueueDirect, enqueueUpdate } from '../notify/enqueue.js';
import { inTransaction } from '../verb.js';
import { loadAlertView, type AlertView } from './alert-view.js';
import { customerVoice } from '../i18n/customer.js';
import { renderTemplate, siteTime, type TemplateView } from '../messages/template.js';
import { personById } from '../people/person.js';
import { ALERT_ACT_LABELS, alertActLabels, type AlertAct } from '../rules/fallbacks.js';
import { ETA_FORMS } from '../jobs/set-eta.js';
import { readerZone } from '../reader-zone.js';
import { formatInZone } from '../rules/zone-label.js';
import { actsOf, type AlertActRow } from './alert-acts.js';

/** "Escalated by Dana at Mon 7 Dec 10:02 CET: to Lee", in the reader's zone. */
function actLine(a: AlertActRow, zone: string): string {
  return `${alertActLabels(a.act)?.done ?? a.act} by ${a.by ?? 'someone'} at ${formatInZone(a.at, zone)}${a.detail ? `: ${a.detail}` : ''}`;
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
    if (!row) throw notFound(`No alert #${input.alertId}.`);
    const taken = await actsOf(tx.db, [row.id]);
    const same = taken.find((a) => a.act === input.act);
    if (same) throw conflict(`Already handled: ${actLine(same, zone)}.`);
    const ack = taken.find((a) => a.act === 'acknowledge');
    if (ack) throw conflict(`Alert #${row.id} is closed: ${actLine(ack, zone)}. No more fallbacks can be taken on it.`);
    if (row.closedAt) throw preconditionFailed(`Alert #${row.id} was closed: ${row.closedReason ?? 'it no longer applies'}`);
    const v = await loadAlertView(tx.db, row.id, now);
    if (input.act !== 'acknowledge' && !v.contract.sla.fallbacks.includes(input.act)) {
      throw invalid(`${v.contract.id} does not list ${ALERT_ACT_LABELS[input.act].button} as a fallback.`);
    }
    if (isDone(v.job.status) && input.act !== 'acknowledge') {
      throw preconditionFailed(`${v.job.ref} is already ${v.job.status}; only acknowledge is left.`);
    }
    // Claim the act first: a colleague's tap committed since the lock finds this row and is told so.
    const [claim] = await tx.db.insert(alertActs).values({ alertId: row.id, act: input.act, personId: me.id, at: now }).onConflictDoNothing().returning({ id: alertActs.id });
    if (!claim) {
      const [first] = (await actsOf(tx.db, [row.id])).filter((a) => a.act === input.act);
      throw conflict(first ? `Already handled: ${actLine(first, zone)}.` : `${ALERT_ACT_LABELS[input.act].done} already on alert #${row.id}.`);
    }
    let messageId: number | null = null;
    let detail = input.note ?? '';
    switch (input.act) {
      case 'reassign': {
        if (!input.technicianId) throw invalid('Pick the technician to reassign to.');
        const offer = v.technicians.find((t) => t.id === input.technicianId);
        if (offer && !offer.offered) throw invalid(`${offer.name} cannot take ${v.job.ref}: ${v.contract.id} asks for ${offer.lacking.join(', ')} (${offer.reason}).`);
        const r = await assignJob(tx, { job: v.job.ref, technician: input.technicianId, reason: `fallback on alert #${row.id}` });
        const told = await tellTechnician(tx, {
          key: `alert:${row.id}:reassigned`,
          technicianId: r.technician.id,
          teamId: v.contract.team,
          subjectKind: 'notice',
          subjectId: row.id,
          payload: { job: v.job.ref, title: `You now have ${v.job.ref}`, text: `${v.job.summary} at ${v.job.siteId}. ${v.alert.window} due ${siteTime(v.state.windows[row.window as 'response'].dueAt, v.zone)}.` },
        });
        detail = `to ${r.technician.name}${told ? ` (${told})` : ''}`;
        break;
      }
      case 'escalate': {
        const [team] = await tx.db.select().from(teams).where(eq(teams.id, v.contract.team));
        const lead = team?.leadId ? await personById(tx.db, team.leadId) : undefined;
        if (!lead) throw preconditionFailed(`Team ${v.contract.team} has no lead to escalate to; set one with /team lead.`);
        detail = `to ${lead.name}`;
        await enqueueDirect(tx, { key: `alert:${row.id}:escalated`, person: lead, subjectKind: 'alert', subjectId: row.id });
        break;
      }
      case 'notify_customer': {
        // The notice promises the job's ETA (`/job eta`), never the SLA due time: on a breached
        // job that is already past, and a customer must never be told a time that has gone.
        const eta = v.job.eta;
        if (!eta) throw preconditionFailed(`${v.job.ref} has no ETA to tell the customer: set it with /job eta ${v.job.ref} <${ETA_FORMS}>, then tap Notify customer again.`);
        if (eta <= now) throw preconditionFailed(`${v.job.ref}'s ETA (${siteTime(eta, v.zone)}) has passed: set a new one with /job eta ${v.job.ref} <${ETA_FORMS}>, then tap Notify customer again.`);
        const assignee = v.job.assigneeId ? await personById(tx.db, v.job.assigneeId) : undefined;
        const body = renderTemplate(v.contract, 'delay', templateView(v, assignee?.name, siteTime(eta, v.zone, v.contract.locale)));
        const [msg] = await tx.db
          .insert(customerMessages)
          .values({ jobId: v.job.id, kind: 'delay', body, recipients: v.contract.customer.contacts.map((c) => c.email), status: 'draft', createdBy: me.id })
          .returning({ id: customerMessages.id });
        messageId = msg!.id;
        detail = `draft message #${msg!.id} to ${v.contract.customer.contacts.map((c) => c.name).join(', ')}`;
        break;
      }
      case 'subcontract': {
        // Sent at once through the customer message path (outbox, retries, failure reported in
        // the dispatch channel): the tap is the dispatcher's decision to call them in.
        const sub = v.contract.sla.subcontractors[0];
        if (!sub) throw preconditionFailed(`${v.contract.id} names no subcontractor.`);
        if (!sub.email) throw preconditionFailed(`${v.contract.id} has no e-mail address for ${sub.name} (${sub.contact}): add \`email\` to its entry in sla.subcontractors, or call them yourself and tap Acknowledge.`);
        const assignee = v.job.assigneeId ? await personById(tx.db, v.job.assigneeId) : undefined;
        const eta = siteTime(v.job.eta && v.job.eta > now ? v.job.eta : null, v.zone, v.contract.locale);
        const body = renderTemplate(v.contract, 'subcontract', templateView(v, assignee?.name, eta));
        const [msg] = await tx.db
          .insert(customerMessages)
          .values({ jobId: v.job.id, kind: 'subcontract', body, recipients: [sub.email], status: 'sending', nextAttemptAt: now, announcedAt: now, sentBy: me.id, createdBy: me.id, createdAt: now })
          .returning({ id: customerMessages.id });
        messageId = msg!.id;
        await audit(tx, 'message.send', { kind: 'message', id: msg!.id }, { job: v.job.id, kind: 'subcontract', recipients: [sub.email] });
        detail = `${sub.name} e-mailed at ${sub.email} (message #${msg!.id})`;
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
