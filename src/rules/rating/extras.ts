/**
 * Approved extras (FORMAT.md "approvals.outOfScope"): each quoted amount is an `extra` line naming
 * its approval, with the time logged on codes the library lacks under that approval as its sources.
 * Runs once per invoice (docs/rating.md, "Out of scope, extras, credits, fee").
 */
import { quoteTag } from './line-words.js';
import { ruleText } from './lines.js';
import { int, ONE } from './ratio.js';
import type { InvoiceScope } from './run-state.js';
import { byTime } from './stable-order.js';

const approvalOf = (x: { approvalId: string }): string => x.approvalId;

/** `extraTime`: approval id -> the entries it prices (work on codes the library lacks). */
export function addExtras(run: InvoiceScope, extraTime: ReadonlyMap<string, readonly string[]>): void {
  for (const x of byTime(run.input.extras, approvalOf)) {
    const at = x.at.getTime();
    if (!run.inPeriod(at)) continue;
    if (!(x.amount > 0) || !Number.isInteger(x.amount)) {
      run.held.push({ what: 'extra', jobId: x.jobId, sources: [x.approvalId], minutes: 0, reason: { code: 'extra-amount', amount: x.amount } });
      continue;
    }
    const v = run.versions.atDay(run.mainDays.at(at));
    const job = run.jobs.get(x.jobId);
    const sc = job ? v.site(job.siteId) : undefined;
    const tpl = run.book.template({
      kind: 'extra',
      description: x.description,
      unit: 'each',
      covered: false,
      rule: ruleText([quoteTag(x.approvalId)], v.label, 'approvals.outOfScope'),
      version: v.version,
      price: int(x.amount),
    });
    const date = (sc ? sc.days : run.mainDays).at(at).date;
    run.book.addQty(tpl, x.jobId, job ? (sc?.site.id ?? job.siteId) : undefined, date, [x.approvalId, ...(extraTime.get(x.approvalId) ?? [])], ONE);
  }
}
