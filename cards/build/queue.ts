import { DateTime } from 'luxon';
import { offerChoice, offerReason } from '../../src/dispatch/offer-text.js';
import type { Queue, QueueItem } from '../../src/dispatch/queue.js';
import { readerDuration } from '../../src/i18n/format.js';
import { jobStatusWord } from '../../src/i18n/job-status-word.js';
import { t } from '../../src/i18n/t.js';
import { encodeAction } from '../action-ids.js';
import { card, type ActionForm, type Card, type CardAction, type Rich } from '../card.js';

/** How many jobs on top of the queue carry buttons (Slack allows 25 elements per actions block). */
export const QUEUE_ACTION_JOBS = 3;

const SUMMARY_CHARS = 60;

/** The site's wall clock now: "03:29" (a dispatcher calling a site at night wants to know). */
export function siteNow(zone: string, now: Date): string {
  return DateTime.fromJSDate(now, { zone }).toFormat('HH:mm');
}

function clip(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

/** "response: 25m left" / "restore: over by 1h 5m" / "paused" / "no clock". */
export function timeLeft(it: Pick<QueueItem, 'risk'>): string {
  const r = it.risk;
  if (r.leftMinutes === null || !r.window) return r.breached ? t('cards-queue.breached', { window: r.window ?? 'sla' }) : r.paused ? t('cards-queue.paused') : t('cards-queue.no-clock');
  return r.leftMinutes < 0 ? t('cards-queue.over-by', { window: r.window, over: readerDuration(-r.leftMinutes) }) : t('cards-queue.left', { window: r.window, left: readerDuration(r.leftMinutes) });
}

function nextAlertCell(it: QueueItem): Rich {
  return it.nextAlert ? [t('cards-queue.next-alert', { window: it.nextAlert.window, level: it.nextAlert.level }), { time: it.nextAlert.at, style: 'time' }] : '–';
}

/** The queue's filters, carried by every button so the queue shown after a click keeps them. */
export interface QueueFilters {
  team?: string;
  site?: string;
  assignee?: number;
}

/** The form a dispatcher types a job's ETA in (the queue's ETA button). */
export function etaForm(ref: string): ActionForm {
  return { title: t('cards-queue.eta-title', { ref }), submit: t('cards-queue.eta-submit'), fields: [{ key: 'eta', label: t('cards-queue.eta-field'), required: true, maxLength: 40 }] };
}

function jobActions(it: QueueItem, secret: string, filters: QueueFilters): CardAction[] {
  const ref = it.job.ref;
  const base = { job: it.job.id, ...filters };
  // Slack shows the choices as a menu when every id fits an option value (150 characters), else as buttons.
  const choices = (it.offers ?? []).filter((o) => o.offered && o.id !== it.job.assigneeId).map((o) => ({ label: offerChoice(o), id: encodeAction({ t: 'queue', act: 'assign', person: o.id, ...base }, secret) }));
  const out: CardAction[] = [];
  if (choices.length) out.push({ id: encodeAction({ t: 'queue', act: 'assign', ...base }, secret), label: t('cards-queue.assign', { assigned: it.job.assigneeId ? 'yes' : 'no', ref }), choices });
  out.push({
    id: encodeAction({ t: 'queue', act: 'eta', ...base }, secret),
    label: t('cards-queue.eta', { ref }),
    form: etaForm(ref),
  });
  out.push({ id: encodeAction({ t: 'queue', act: 'open', ...base }, secret), label: t('cards-queue.open', { ref }) });
  return out;
}

function filtersOf(q: Queue, team?: string): QueueFilters {
  return { ...(team ? { team } : {}), ...(q.filters.site ? { site: q.filters.site } : {}), ...(q.filters.assigneeId !== undefined ? { assignee: q.filters.assigneeId } : {}) };
}

export function queueCard(q: Queue, now: Date, secret: string, opts: { notice?: Rich; team?: string } = {}): Card {
  const scope = q.teams.length ? q.teams.join(', ') : t('cards-queue.all-teams');
  const filters = [q.filters.site ? t('cards-queue.filter-site', { site: q.filters.site }) : '', q.filters.assignee ? t('cards-queue.filter-assignee', { name: q.filters.assignee }) : ''].filter(Boolean).join(', ');
  const title = filters ? t('cards-queue.title-filtered', { scope, filters }) : t('cards-queue.title', { scope });
  const top = q.items[0];
  const notOffered = q.items
    .slice(0, QUEUE_ACTION_JOBS)
    .flatMap((it) => (it.offers ?? []).filter((o) => !o.offered).map((o) => t('cards-queue.not-offered', { ref: it.job.ref, name: o.name, reason: offerReason(o.why) })));
  return card('jobs', title, {
    visibility: 'ephemeral',
    tone: top?.risk.breached ? 'danger' : top?.risk.leftMinutes !== null && top?.risk.leftMinutes !== undefined && top.risk.leftMinutes < 60 ? 'warning' : 'info',
    subtitle: q.total ? t('cards-queue.subtitle', { total: q.total, count: String(q.total), more: q.total > q.items.length ? 'yes' : 'no', shown: String(q.items.length) }) : undefined,
    blocks: [
      ...(opts.notice ? [{ type: 'text' as const, text: opts.notice }] : []),
      q.items.length
        ? {
            type: 'table',
            columns: (['job', 'priority', 'site', 'assigned', 'status', 'breaches', 'next-alert', 'summary'] as const).map((c) => t(`cards-queue.col.${c}`)),
            rows: q.items.map((it) => [
              it.job.ref,
              it.job.priority,
              `${it.job.siteId} (${siteNow(it.siteZone, now)})`,
              it.assignee ?? t('cards-queue.nobody'),
              jobStatusWord(it.job.status),
              timeLeft(it),
              nextAlertCell(it),
              clip(it.job.summary, SUMMARY_CHARS),
            ]),
          }
        : { type: 'text', text: t('cards-queue.empty') },
      ...(notOffered.length ? [{ type: 'text' as const, text: notOffered.join(t('common.list-sep')) }] : []),
    ],
    actions: q.items.slice(0, QUEUE_ACTION_JOBS).flatMap((it) => jobActions(it, secret, filtersOf(q, opts.team))),
    context: [[t('cards-queue.filters'), { code: t('cards-queue.filters-usage') }, t('cards-queue.details'), { code: `/job show ${top?.job.ref ?? 'J-1001'}` }]],
  });
}
