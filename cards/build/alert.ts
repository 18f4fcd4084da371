import type { AlertView } from '../../src/alerts/alert-view.js';
import { offerAside, offerChoice } from '../../src/dispatch/offer-text.js';
import { alertActWord } from '../../src/i18n/alert-act-words.js';
import { readerDuration } from '../../src/i18n/format.js';
import { jobStatusWord } from '../../src/i18n/job-status-word.js';
import { t } from '../../src/i18n/t.js';
import { encodeAction } from '../action-ids.js';
import { card, type Card, type CardAction, type Rich } from '../card.js';
import { windowLine } from './job.js';

/** Technicians shown but not offered (a missing or expired certification), so nobody wonders where they went. */
export function notOffered(v: Pick<AlertView, 'technicians' | 'acts'>): Card['blocks'] {
  const out = v.technicians.filter((t) => !t.offered);
  if (v.acts.some((a) => a.act === 'reassign' || a.act === 'acknowledge') || !out.length) return [];
  return [{ type: 'text', text: t('cards-alert.not-offered', { list: out.map((o) => offerAside(o)).join(t('common.list-sep')) }) }];
}

/** One line per act taken, oldest first: "Escalated by Dana at 10:02: to Lee". */
function actLines(v: Pick<AlertView, 'acts'>): Rich[] {
  return v.acts.map((a) => [t('cards-alert.act-by', { act: alertActWord(a.act, 'done'), by: a.by ?? t('cards-alert.someone') }), { time: a.at }, a.detail ? t('common.detail', { text: a.detail }) : '']);
}

export function alertCard(v: AlertView, secret: string): Card {
  const window = v.alert.window as 'response' | 'restore';
  const w = v.state.windows[window];
  const breach = v.alert.level === 'breach';
  const site = v.contract.sites.find((s) => s.id === v.job.siteId);
  // "Business time" only means something when the calendar closes; a 24x7 clock just has time left.
  const left = w.breached
    ? t('cards-alert.over-by', { over: readerDuration(-w.remainingMinutes) })
    : t(w.explanation.alwaysOpen ? 'cards-alert.left' : 'cards-alert.left-business', { left: readerDuration(w.remainingMinutes) });
  const actions: CardAction[] = [];
  const closed = v.alert.closedAt !== null;
  const taken = new Set(v.acts.map((a) => a.act));
  if (!v.acknowledged && !closed) {
    for (const f of v.contract.sla.fallbacks) {
      if (taken.has(f)) continue;
      if (f === 'reassign') {
        const choices = v.technicians
          .filter((o) => o.offered && o.id !== v.job.assigneeId)
          .map((o) => ({ label: offerChoice(o), id: encodeAction({ t: 'alert', alert: v.alert.id, act: 'reassign', person: o.id }, secret) }));
        if (choices.length) actions.push({ id: encodeAction({ t: 'alert', alert: v.alert.id, act: 'reassign' }, secret), label: alertActWord('reassign', 'button'), choices });
        continue;
      }
      const sub = f === 'subcontract' ? v.contract.sla.subcontractors[0] : undefined;
      const button = alertActWord(f, 'button');
      actions.push({
        id: encodeAction({ t: 'alert', alert: v.alert.id, act: f }, secret),
        label: sub ? t('cards-alert.with-subcontractor', { button, name: sub.name }) : f === 'escalate' && v.lead ? `${button} (${v.lead})` : button,
        style: f === 'escalate' ? 'danger' : 'default',
      });
    }
    actions.push({ id: encodeAction({ t: 'alert', alert: v.alert.id, act: 'acknowledge' }, secret), label: alertActWord('acknowledge', 'button'), style: 'primary' });
  }
  const title = t('cards-alert.title', { state: closed ? 'closed' : breach ? 'breach' : 'risk', ref: v.job.ref, window, level: v.alert.level });
  return card('alert', title, {
    tone: closed ? 'info' : breach ? 'danger' : 'warning',
    visibility: 'channel',
    zone: v.zone,
    subtitle: v.job.summary,
    blocks: [
      {
        type: 'fields',
        fields: [
          { label: t('cards-alert.customer'), value: `${v.contract.customer.name} (${v.contract.id})` },
          { label: t('cards-alert.site'), value: site ? t('common.pair', { a: site.id, b: site.name }) : v.job.siteId },
          { label: t('cards-alert.clock'), value: t('cards-alert.clock-value', { window, priority: w.priority, tier: w.tier || 'none', target: readerDuration(w.targetMinutes), calendar: w.calendar }) },
          { label: t('cards-alert.time-left'), value: left },
          { label: t('cards-alert.due'), value: w.dueAt ? [{ time: w.dueAt }] : t('cards-alert.paused') },
          { label: t('cards-alert.assigned'), value: v.assignee ?? t('cards-alert.nobody') },
          { label: t('cards-alert.status'), value: jobStatusWord(v.job.status) },
        ],
      },
      { type: 'text', text: windowLine(w) },
      ...notOffered(v),
    ],
    actions,
    context: closed
      ? [[t('cards-alert.closed-at'), { time: v.alert.closedAt! }, t('common.detail', { text: v.alert.closedReason ?? t('cards-alert.closed-default') })], ...actLines(v)]
      : v.acts.length
        ? [...actLines(v), ...(v.acknowledged ? [t('cards-alert.closed-by', { by: v.acknowledged.by ?? t('cards-alert.someone') })] : [])]
        : [t('cards-alert.fallbacks-from', { contract: v.contract.id, version: v.version.version })],
  });
}
