/** Cards for time and parts: what was recorded, a technician's day, and refusals that offer a way forward. */
import type { DayEntry } from '../../src/billing/today.js';
import type { OutOfScopeRefusal } from '../../src/billing/refusals.js';
import { errorTitle } from '../../src/errors.js';
import { formatDuration, formatMoney } from '../../src/rules/units.js';
import { encodeAction } from '../action-ids.js';
import { card, type Card, type Field, type Rich } from '../card.js';

export interface LoggedView {
  ref: string;
  person: string;
  code: string;
  kind: string;
  start: Date;
  end: Date | null;
  minutes?: number;
  note?: string | null;
  zone: string;
  duplicate?: boolean;
  warnings?: string[];
}

function span(start: Date, end: Date | null): Rich {
  return end ? [{ time: start }, ' to ', { time: end, style: 'time' }] : ['since ', { time: start }];
}

export function timeLoggedCard(v: LoggedView): Card {
  const what = v.kind === 'travel' ? 'travel' : v.code;
  const title = v.duplicate
    ? `Already logged: ${formatDuration(v.minutes ?? 0)} ${what} on ${v.ref}`
    : v.end
      ? `Logged ${formatDuration(v.minutes ?? 0)} ${what} on ${v.ref}`
      : `Timer started on ${v.ref} (${v.code})`;
  const fields: Field[] = [
    { label: 'Who', value: v.person },
    { label: 'Code', value: v.kind === 'travel' ? `${v.code} (travel)` : v.code },
    { label: 'When', value: span(v.start, v.end) },
  ];
  if (v.note) fields.push({ label: 'Note', value: v.note });
  return card('time', title, {
    tone: v.duplicate ? 'info' : 'good',
    zone: v.zone,
    blocks: [{ type: 'fields', fields }, ...(v.warnings?.length ? [{ type: 'list' as const, items: v.warnings.map((w) => `⚠ ${w}`) }] : [])],
    context: [v.end ? 'Priced by the contract when the month is invoiced: /invoice <contract>' : 'Stop it with /log stop (or /log stop 17:30).'],
  });
}

export function timerDiscardedCard(v: { ref: string; person: string; startedAt: Date; code: string }): Card {
  return card('time', `Timer on ${v.ref} discarded`, { tone: 'info', blocks: [{ type: 'text', text: [`${v.person}'s ${v.code} timer started `, { time: v.startedAt }, ' was thrown away; nothing was logged.'] }] });
}

export function todayCard(v: { person: string; zone: string; date: string; running?: DayEntry; entries: DayEntry[]; totalMinutes: number }): Card {
  const blocks: Card['blocks'] = [];
  if (v.running) blocks.push({ type: 'text', text: [{ bold: 'Running: ' }, `${v.running.job} ${v.running.code} since `, { time: v.running.start, style: 'time' }, ` (${formatDuration(v.running.minutes)} so far)`] });
  blocks.push(
    v.entries.length
      ? {
          type: 'table',
          columns: ['#', 'Job', 'Code', 'From', 'To', 'Time', 'Note'],
          align: ['left', 'left', 'left', 'left', 'left', 'right', 'left'],
          rows: v.entries.map((e) => [`T${e.id}`, e.job, e.kind === 'travel' ? `${e.code} (travel)` : e.code, [{ time: e.start, style: 'time' }], e.end ? [{ time: e.end, style: 'time' }] : '', formatDuration(e.minutes), e.note ?? '']),
        }
      : { type: 'text', text: 'Nothing logged today yet.' },
  );
  return card('time', `${v.person}, ${v.date}: ${formatDuration(v.totalMinutes)} logged`, {
    zone: v.zone,
    blocks,
    ...(v.entries.length ? { context: ['Correct an entry: /log edit T12 08:00-10:30 "reason", or /log delete T12 "reason"'] } : {}),
  });
}

export function partLoggedCard(v: { ref: string; person: string; sku: string; name: string; qty: number; price: number; currency: string; version: number; contractId?: string }): Card {
  return card('time', `${v.qty} × ${v.sku} on ${v.ref}`, {
    tone: 'good',
    blocks: [{ type: 'fields', fields: [{ label: 'Part', value: v.name }, { label: 'List price', value: `${formatMoney(v.price, v.currency)} each` }, { label: 'Fitted by', value: v.person }] }],
    context: ['Warranty and price are applied when the month is invoiced.'],
  });
}

/** A refused out-of-scope log, with the one-tap request for approval (the approvals feature decides it). */
export function outOfScopeCard(err: OutOfScopeRefusal, secret: string): Card {
  return card('error', errorTitle(err.code), {
    tone: 'danger',
    blocks: [{ type: 'text', text: err.message }, ...(err.details.length ? [{ type: 'list' as const, items: err.details }] : [])],
    // A timer refused at its start has no length yet: the hint in the details says how to ask.
    actions: err.minutes <= 0 ? [] : [
      {
        id: encodeAction(
          {
            t: 'oos',
            job: err.job.id,
            code: err.taskCode.slice(0, 40),
            minutes: Math.max(0, Math.round(err.minutes)),
            ...(err.span ? { start: Math.floor(err.span.start.getTime() / 1000), end: Math.floor(err.span.end.getTime() / 1000) } : {}),
          },
          secret,
        ),
        label: `Request approval for ${err.taskCode}`.slice(0, 60),
        style: 'primary',
        reason: { label: 'What is the work and why is it needed?', required: true },
      },
    ],
  });
}
