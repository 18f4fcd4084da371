/**
 * The monthly fee (docs/contract-format.md "term and fee"): one line per month of the term, prorated by day for a
 * partial first or last month. A month's fee belongs to the invoice whose period holds the month's
 * first day in term, so invoices that tile time bill every month exactly once, whatever their length.
 */
import type { Versions } from './context.js';
import { daysBetween, daysInMonth } from './days.js';
import { type LineBook, ruleText } from './lines.js';
import { MONTHLY_FEE, feeDescription, proratedTag } from './line-words.js';
import { int } from './ratio.js';

export function addFeeLines(book: LineBook, versions: Versions, period: { from: string; to: string }): void {
  let y = Number(period.from.slice(0, 4));
  let m = Number(period.from.slice(5, 7));
  const endKey = period.to.slice(0, 7);
  for (;;) {
    const mm = String(m).padStart(2, '0');
    const dim = daysInMonth(y, m);
    const monthStart = `${y}-${mm}-01`;
    const monthEnd = `${y}-${mm}-${String(dim).padStart(2, '0')}`;
    const probe = versions.at(monthStart > period.from ? monthStart : period.from);
    const first0 = monthStart > probe.contract.term.start ? monthStart : probe.contract.term.start;
    // The version in force on the first billed day sets the fee and the term end for the month.
    const v = versions.at(first0);
    const term = v.contract.term;
    const first = monthStart > term.start ? monthStart : term.start;
    const last = monthEnd < term.end ? monthEnd : term.end;
    if (first <= last && first >= period.from && first <= period.to && v.contract.fee.amount !== 0) {
      const days = daysBetween(first, last) + 1;
      const partial = days !== dim;
      const tpl = book.template({
        kind: 'fee',
        description: feeDescription(y, m, days, dim),
        unit: 'month',
        covered: false,
        rule: ruleText([MONTHLY_FEE, partial && proratedTag(days, dim)], v.label, 'fee'),
        version: v.version,
        price: int(v.contract.fee.amount),
      });
      book.addQty(tpl, undefined, undefined, first, [], { n: BigInt(days), d: BigInt(dim) });
    }
    if (`${y}-${mm}` >= endKey) break;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
}
