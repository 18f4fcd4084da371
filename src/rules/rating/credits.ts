/**
 * Recorded credits (SLA and goodwill): negative `credit` lines naming their clause, taken as
 * already approved and capped. Runs once per invoice (docs/rating.md, "Out of scope, extras,
 * credits, fee").
 */
import { creditTag } from './line-words.js';
import { ruleText } from './lines.js';
import { int, ONE } from './ratio.js';
import type { InvoiceScope } from './run-state.js';
import { byTime } from './stable-order.js';

/** The code an SLA credit's invoice line carries (goodwill credits have none). */
export const SLA_CREDIT_CODE = 'SLA-CREDIT';

const idOf = (x: { id: string }): string => x.id;

export function addCredits(run: InvoiceScope): void {
  for (const c of byTime(run.input.credits, idOf)) {
    const at = c.at.getTime();
    if (!run.inPeriod(at)) continue;
    if (!(c.reverses ? c.amount < 0 : c.amount > 0) || !Number.isInteger(c.amount)) {
      run.held.push({ what: 'credit', jobId: c.jobId, sources: [c.id], minutes: 0, reason: { code: 'credit-amount', amount: c.amount, reversal: !!c.reverses } });
      continue;
    }
    // The version that computed the credit, else the one in force on its day.
    const v = (c.version !== undefined ? run.versions.list.find((x) => x.version === c.version) : undefined) ?? run.versions.atDay(run.mainDays.at(at));
    const job = c.jobId ? run.jobs.get(c.jobId) : undefined;
    const tpl = run.book.template({
      kind: 'credit',
      ...(c.kind === 'sla' ? { code: SLA_CREDIT_CODE } : {}),
      description: c.reason,
      unit: 'each',
      covered: false,
      rule: ruleText([creditTag(c.kind, c.reverses)], v.label, c.rule),
      version: v.version,
      price: int(-c.amount),
    });
    run.book.addQty(tpl, c.jobId ? c.jobId : undefined, job?.siteId, run.mainDays.at(at).date, c.id, ONE);
  }
}
