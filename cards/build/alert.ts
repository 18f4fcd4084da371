import type { AlertView } from '../../src/alerts/alert-view.js';
import { ALERT_ACT_LABELS, alertActLabels } from '../../src/rules/fallbacks.js';
import { formatDuration } from '../../src/rules/units.js';
import { encodeAction } from '../action-ids.js';
import { card, type Card, type CardAction, type Rich } from '../card.js';
import { windowLine } from './job.js';

/** Technicians shown but not offered (a missing or expired certification), so nobody wonders where they went. */
export function notOffered(v: Pick<AlertView, 'technicians' | 'acts'>): Card['blocks'] {
  const out = v.technicians.filter((t) => !t.offered);
  if (v.acts.some((a) => a.act === 'reassign' || a.act === 'acknowledge') || !out.length) return [];
  return [{ type: 'text', text: `Not offered: ${out.map((t) => `${t.name} (${t.reason})`).join('; ')}` }];
}

/** One line per act taken, oldest first: "Escalated by Dana at 10:02: to Lee". */
function actLines(v: Pick<AlertView, 'acts'>): Rich[] {
  return v.acts.map((a) => [`${alertActLabels(a.act)?.done ?? a.act} by ${a.by ?? 'someone'} at `, { time: a.at }, a.detail ? `: ${a.detail}` : '']);
}

export function alertCard(v: AlertView, secret: string): Card {
  const w = v.state.windows[v.alert.window as 'response' | 'restore'];
  const breach = v.alert.level === 'breach';
  const site = v.contract.sites.find((s) => s.id === v.job.siteId);
  const clock = v.alert.window === 'response' ? 'Response' : 'Restore';
  // "Business time" only means something when the calendar closes; a 24x7 clock just has time left.
  const time = w.explanation.alwaysOpen ? '' : ' of business time';
  const left = w.breached ? `over by ${formatDuration(-w.remainingMinutes)}` : `${formatDuration(w.remainingMinutes)}${time} left`;
  const actions: CardAction[] = [];
  const closed = v.alert.closedAt !== null;
  const taken = new Set(v.acts.map((a) => a.act));
  if (!v.acknowledged && !closed) {
    for (const f of v.contract.sla.fallbacks) {
      if (taken.has(f)) continue;
      if (f === 'reassign') {
        const choices = v.technicians
          .filter((t) => t.offered && t.id !== v.job.assigneeId)
          .map((t) => ({ label: `${t.name}: ${t.reason}`, id: encodeAction({ t: 'alert', alert: v.alert.id, act: 'reassign', person: t.id }, secret) }));
        if (choices.length) actions.push({ id: encodeAction({ t: 'alert', alert: v.alert.id, act: 'reassign' }, secret), label: ALERT_ACT_LABELS.reassign.button, choices });
        continue;
      }
      const sub = f === 'subcontract' ? v.contract.sla.subcontractors[0] : undefined;
      actions.push({
        id: encodeAction({ t: 'alert', alert: v.alert.id, act: f }, secret),
        label: sub ? `${ALERT_ACT_LABELS[f].button}: ${sub.name}` : f === 'escalate' && v.lead ? `${ALERT_ACT_LABELS[f].button} (${v.lead})` : ALERT_ACT_LABELS[f].button,
        style: f === 'escalate' ? 'danger' : 'default',
      });
    }
    actions.push({ id: encodeAction({ t: 'alert', alert: v.alert.id, act: 'acknowledge' }, secret), label: ALERT_ACT_LABELS.acknowledge.button, style: 'primary' });
  }
  const title = closed
    ? `Alert closed: ${v.job.ref} ${clock.toLowerCase()} ${breach ? 'breach' : v.alert.level} no longer applies`
    : breach ? `SLA BREACHED: ${v.job.ref} ${clock.toLowerCase()}` : `SLA at risk (${v.alert.level}): ${v.job.ref} ${clock.toLowerCase()}`;
  return card('alert', title, {
    tone: closed ? 'info' : breach ? 'danger' : 'warning',
    visibility: 'channel',
    zone: v.zone,
    subtitle: v.job.summary,
    blocks: [
      {
        type: 'fields',
        fields: [
          { label: 'Customer', value: `${v.contract.customer.name} (${v.contract.id})` },
          { label: 'Site', value: site ? `${site.id}: ${site.name}` : v.job.siteId },
          { label: 'Clock', value: `${clock} ${w.priority}${w.tier ? ` (${w.tier})` : ''}, ${formatDuration(w.targetMinutes)} on ${w.calendar}` },
          { label: 'Time left', value: left },
          { label: 'Due', value: w.dueAt ? [{ time: w.dueAt }] : 'paused' },
          { label: 'Assigned', value: v.assignee ?? 'nobody' },
          { label: 'Status', value: v.job.status.replace('_', ' ') },
        ],
      },
      { type: 'text', text: windowLine(w) },
      ...notOffered(v),
    ],
    actions,
    context: closed
      ? [['Closed at ', { time: v.alert.closedAt! }, `: ${v.alert.closedReason ?? 'the job history changed'}`], ...actLines(v)]
      : v.acts.length
        ? [...actLines(v), ...(v.acknowledged ? [`Closed by ${v.acknowledged.by ?? 'someone'}: no more fallbacks on this alert.`] : [])]
        : [`Fallbacks from ${v.contract.id} v${v.version.version} sla.fallbacks`],
  });
}
