/** The card after a correction of recorded work: what changed, why, and the adjustments it made on invoices already issued. */
import type { deleteTimeEntry, editTimeEntry } from '../../src/billing/correct-time.js';
import { formatDuration, formatMoney } from '../../src/rules/units.js';
import { card, type Card, type Field, type Rich } from '../card.js';

export interface WorkCorrectionView {
  /** "T12", "P3" */
  subject: string;
  ref: string;
  deleted: boolean;
  /** "was … now …" lines, or what was deleted */
  changes: Rich[];
  reason: string;
  adjustments: { invoice: string; amount: number }[];
  currency: string;
  zone: string;
}

export function workCorrectionCard(v: WorkCorrectionView): Card {
  const fields: Field[] = [{ label: 'Reason', value: v.reason }];
  const adjust = v.adjustments.map((a) => `${a.invoice} stays as issued; the next invoice ${a.amount > 0 ? 'charges' : 'refunds'} ${formatMoney(Math.abs(a.amount), v.currency)} as an adjustment.`);
  return card('time', `${v.subject} on ${v.ref} ${v.deleted ? 'deleted' : 'corrected'}`, {
    tone: 'good',
    zone: v.zone,
    blocks: [{ type: 'list', items: v.changes }, { type: 'fields', fields }, ...(adjust.length ? [{ type: 'list' as const, items: adjust }] : [])],
    context: ['Audited with the old and new values.'],
  });
}

const minutesOf = (a: Date, b: Date): number => Math.round((b.getTime() - a.getTime()) / 60_000);

/** A time entry after `/log edit` or its form: its old and new span and code. */
export function timeCorrectedCard(r: Awaited<ReturnType<typeof editTimeEntry>>): Card {
  const o = r.old;
  const e = r.entry;
  const changes: Rich[] = [];
  if (o.startAt.getTime() !== e.startAt.getTime() || o.endAt!.getTime() !== e.endAt!.getTime()) {
    changes.push(['Was ', { time: o.startAt }, ' to ', { time: o.endAt!, style: 'time' }, ` (${formatDuration(minutesOf(o.startAt, o.endAt!))}), now `, { time: e.startAt }, ' to ', { time: e.endAt!, style: 'time' }, ` (${formatDuration(r.minutes)})`]);
  }
  if (o.code !== e.code) changes.push(`Code was ${o.code}, now ${e.code}`);
  if ((o.note ?? '') !== (e.note ?? '')) changes.push(`Note was "${o.note ?? ''}", now "${e.note ?? ''}"`);
  return workCorrectionCard({ subject: `T${e.id}`, ref: r.job.ref, deleted: false, changes, reason: r.reason, adjustments: r.adjustments, currency: r.currency, zone: r.zone });
}

/** A time entry after `/log delete` or its button: what was deleted. */
export function timeDeletedCard(r: Awaited<ReturnType<typeof deleteTimeEntry>>): Card {
  const e = r.old;
  return workCorrectionCard({
    subject: `T${e.id}`,
    ref: r.job.ref,
    deleted: true,
    changes: [[`${r.person?.name ?? 'Someone'}'s ${e.code}${e.kind === 'travel' ? ' (travel)' : ''} `, { time: e.startAt }, ' to ', { time: e.endAt!, style: 'time' }, ` (${formatDuration(minutesOf(e.startAt, e.endAt!))}) removed`]],
    reason: r.reason,
    adjustments: r.adjustments,
    currency: r.currency,
    zone: r.zone,
  });
}
