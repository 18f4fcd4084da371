/** The card after a correction of recorded work: what changed, why, and the adjustments it made on invoices already issued. */
import { formatMoney } from '../../src/rules/units.js';
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
