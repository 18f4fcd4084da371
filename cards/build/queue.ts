import { DateTime } from 'luxon';
import type { Queue, QueueItem } from '../../src/dispatch/queue.js';
import { formatDuration } from '../../src/rules/units.js';
import { encodeAction } from '../action-ids.js';
import { card, type Card, type CardAction, type Rich } from '../card.js';

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
  if (r.leftMinutes === null || !r.window) return r.breached ? `${r.window ?? 'SLA'} breached` : r.paused ? 'paused' : 'no clock running';
  return r.leftMinutes < 0 ? `${r.window}: over by ${formatDuration(-r.leftMinutes)}` : `${r.window}: ${formatDuration(r.leftMinutes)} left`;
}

function nextAlertCell(it: QueueItem): Rich {
  return it.nextAlert ? [`${it.nextAlert.window} ${it.nextAlert.level} at `, { time: it.nextAlert.at, style: 'time' }] : '–';
}

/** The queue's filters, carried by every button so the queue shown after a click keeps them. */
export interface QueueFilters {
  team?: string;
  site?: string;
  assignee?: number;
}

function jobActions(it: QueueItem, secret: string, filters: QueueFilters): CardAction[] {
  const ref = it.job.ref;
  const base = { job: it.job.id, ...filters };
  // Slack shows the choices as a menu when every id fits an option value (150 characters), else as buttons.
  const choices = (it.offers ?? []).filter((o) => o.offered && o.id !== it.job.assigneeId).map((o) => ({ label: `${o.name}: ${o.reason}`, id: encodeAction({ t: 'queue', act: 'assign', person: o.id, ...base }, secret) }));
  const out: CardAction[] = [];
  if (choices.length) out.push({ id: encodeAction({ t: 'queue', act: 'assign', ...base }, secret), label: it.job.assigneeId ? `Reassign ${ref}` : `Assign ${ref}`, choices });
  out.push({
    id: encodeAction({ t: 'queue', act: 'eta', ...base }, secret),
    label: `ETA ${ref}`,
    form: { title: `ETA for ${ref}`, submit: 'Set ETA', fields: [{ key: 'eta', label: 'Expected on site (site time: 14:30, +45m, or clear)', required: true, maxLength: 40 }] },
  });
  out.push({ id: encodeAction({ t: 'queue', act: 'open', ...base }, secret), label: `Open ${ref}` });
  return out;
}

function filtersOf(q: Queue, team?: string): QueueFilters {
  return { ...(team ? { team } : {}), ...(q.filters.site ? { site: q.filters.site } : {}), ...(q.filters.assigneeId !== undefined ? { assignee: q.filters.assigneeId } : {}) };
}

export function queueCard(q: Queue, now: Date, secret: string, opts: { notice?: Rich; team?: string } = {}): Card {
  const scope = q.teams.length ? q.teams.join(', ') : 'all teams';
  const filters = [q.filters.site ? `site ${q.filters.site}` : '', q.filters.assignee ? `assigned to ${q.filters.assignee}` : ''].filter(Boolean).join(', ');
  const title = `Queue: ${scope}${filters ? ` (${filters})` : ''}`;
  const top = q.items[0];
  const notOffered = q.items
    .slice(0, QUEUE_ACTION_JOBS)
    .flatMap((it) => (it.offers ?? []).filter((o) => !o.offered).map((o) => `${it.job.ref}: ${o.name} not offered (${o.reason})`));
  return card('jobs', title, {
    visibility: 'ephemeral',
    tone: top?.risk.breached ? 'danger' : top?.risk.leftMinutes !== null && top?.risk.leftMinutes !== undefined && top.risk.leftMinutes < 60 ? 'warning' : 'info',
    subtitle: q.total ? `${q.total} open job${q.total === 1 ? '' : 's'}, soonest breach first${q.total > q.items.length ? ` (first ${q.items.length})` : ''}` : undefined,
    blocks: [
      ...(opts.notice ? [{ type: 'text' as const, text: opts.notice }] : []),
      q.items.length
        ? {
            type: 'table',
            columns: ['Job', 'P', 'Site (local time)', 'Assigned', 'Status', 'Breaches first', 'Next alert', 'Summary'],
            rows: q.items.map((it) => [
              it.job.ref,
              it.job.priority,
              `${it.job.siteId} (${siteNow(it.siteZone, now)})`,
              it.assignee ?? 'nobody',
              it.job.status.replace('_', ' '),
              timeLeft(it),
              nextAlertCell(it),
              clip(it.job.summary, SUMMARY_CHARS),
            ]),
          }
        : { type: 'text', text: 'No open jobs. New ones show here the moment they are logged.' },
      ...(notOffered.length ? [{ type: 'text' as const, text: notOffered.join('; ') }] : []),
    ],
    actions: q.items.slice(0, QUEUE_ACTION_JOBS).flatMap((it) => jobActions(it, secret, filtersOf(q, opts.team))),
    context: [['Filters: ', { code: '/queue [team] --site PAR-HQ --assignee tess' }, '. Details and clocks: ', { code: `/job show ${top?.job.ref ?? 'J-1001'}` }]],
  });
}
