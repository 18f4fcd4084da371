/** The card after a correction of recorded work: what changed, why, and the adjustments it made on invoices already issued. */
import type { deleteTimeEntry, editTimeEntry } from '../../src/billing/correct-time.js';
import { readerDuration, readerMoney } from '../../src/i18n/format.js';
import { t } from '../../src/i18n/t.js';
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
  const fields: Field[] = [{ label: t('replies-correction.reason'), value: v.reason }];
  const adjust = v.adjustments.map((a) => t('replies-correction.adjust', { invoice: a.invoice, sign: a.amount > 0 ? 'charges' : 'refunds', amount: readerMoney(Math.abs(a.amount), v.currency) }));
  return card('time', t('replies-correction.title', { subject: v.subject, ref: v.ref, deleted: v.deleted ? 'yes' : 'no' }), {
    tone: 'good',
    zone: v.zone,
    blocks: [{ type: 'list', items: v.changes }, { type: 'fields', fields }, ...(adjust.length ? [{ type: 'list' as const, items: adjust }] : [])],
    context: [t('replies-correction.audited')],
  });
}

const minutesOf = (a: Date, b: Date): number => Math.round((b.getTime() - a.getTime()) / 60_000);

/** A time entry after `/log edit` or its form: its old and new span and code. */
export function timeCorrectedCard(r: Awaited<ReturnType<typeof editTimeEntry>>): Card {
  const o = r.old;
  const e = r.entry;
  const changes: Rich[] = [];
  if (o.startAt.getTime() !== e.startAt.getTime() || o.endAt!.getTime() !== e.endAt!.getTime()) {
    const to = t('replies-correction.to');
    changes.push([t('replies-correction.was'), { time: o.startAt }, to, { time: o.endAt!, style: 'time' }, t('replies-correction.now', { old: readerDuration(minutesOf(o.startAt, o.endAt!)) }), { time: e.startAt }, to, { time: e.endAt!, style: 'time' }, t('replies-correction.new-duration', { minutes: readerDuration(r.minutes) })]);
  }
  if (o.code !== e.code) changes.push(t('replies-correction.code', { old: o.code, new: e.code }));
  if ((o.note ?? '') !== (e.note ?? '')) changes.push(t('replies-correction.note', { old: o.note ?? '', new: e.note ?? '' }));
  return workCorrectionCard({ subject: `T${e.id}`, ref: r.job.ref, deleted: false, changes, reason: r.reason, adjustments: r.adjustments, currency: r.currency, zone: r.zone });
}

/** A time entry after `/log delete` or its button: what was deleted. */
export function timeDeletedCard(r: Awaited<ReturnType<typeof deleteTimeEntry>>): Card {
  const e = r.old;
  return workCorrectionCard({
    subject: `T${e.id}`,
    ref: r.job.ref,
    deleted: true,
    changes: [[t('replies-correction.deleted-time', { name: r.person?.name ?? 'none', code: e.code, travel: e.kind === 'travel' ? 'yes' : 'no' }), { time: e.startAt }, t('replies-correction.to'), { time: e.endAt!, style: 'time' }, t('replies-correction.removed', { duration: readerDuration(minutesOf(e.startAt, e.endAt!)) })]],
    reason: r.reason,
    adjustments: r.adjustments,
    currency: r.currency,
    zone: r.zone,
  });
}
