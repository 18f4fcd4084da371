/**
 * Corrections of invoiced work (docs/billing.md "Corrections"): each is an `adjustment` line with
 * its signed amount, naming what it corrects. Runs once per invoice, after extras, before credits.
 */
import { correctionTag } from './line-words.js';
import { ruleText } from './lines.js';
import { int, ONE } from './ratio.js';
import type { InvoiceScope } from './run-state.js';
import { byTime } from './stable-order.js';

/** The code an adjustment line carries. */
export const ADJUSTMENT_CODE = 'ADJUSTMENT';

const idOf = (x: { id: string }): string => x.id;

export function addAdjustments(run: InvoiceScope): void {
  for (const a of byTime(run.input.adjustments ?? [], idOf)) {
    const at = a.at.getTime();
    if (!run.inPeriod(at)) continue;
    if (a.amount === 0 || !Number.isInteger(a.amount)) {
      run.held.push({ what: 'adjustment', jobId: a.jobId, sources: [a.id], minutes: 0, reason: { code: 'adjustment-amount', amount: a.amount } });
      continue;
    }
    const day = run.mainDays.at(at);
    const v = run.versions.atDay(day);
    const job = a.jobId ? run.jobs.get(a.jobId) : undefined;
    const tpl = run.book.template({
      kind: 'adjustment',
      code: ADJUSTMENT_CODE,
      description: a.description,
      unit: 'each',
      covered: false,
      rule: ruleText([correctionTag(a.corrects)], v.label, 'corrections'),
      version: v.version,
      price: int(a.amount),
    });
    run.book.addQty(tpl, a.jobId, job?.siteId, day.date, a.id, ONE);
  }
}
