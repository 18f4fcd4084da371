/**
 * Rating: a contract and a period's work -> invoice lines that explain themselves.
 * See docs/contract-format.md for the rules and every choice made where the format is silent,
 * docs/rating.md for the API.
 */
import { compileCalendar } from '../calendar.js';
import type { Contract, Money } from '../contract-types.js';
import { contractZone } from './context.js';
import { zoneDays } from './days.js';
import { runRating } from './engine.js';
import type { HeldItem, InvoiceLine, RatingInput, RatingOptions, RatingResult } from './types.js';

export type * from './types.js';
export { skuMatches } from './entitlements.js';

/** Price a period's work under the contract versions in force, exactly as docs/contract-format.md says. */
export function rateInvoice(input: RatingInput, options: RatingOptions = {}): RatingResult {
  return runRating(input, { compile: options.compileCalendar ?? compileCalendar, fee: true, travel: true, prepaid: true });
}

export interface LabourQuote {
  /** what the invoice would bill for this work alone (labour, uplifts, minimum top-up) */
  amount: Money;
  lines: InvoiceLine[];
  /** non-empty when part of the span could not be priced (e.g. unknown site or code) */
  held: HeldItem[];
}

export interface QuoteRequest {
  contract: Contract;
  version: number;
  siteId: string;
  code: string;
  start: Date;
  end: Date;
  /** shown in the rule text as the approval the quote is for */
  approvalId?: string;
}

/**
 * The price of one stretch of work on `code` at `siteId`, priced the way an invoice line would:
 * modifiers, seasonal base, increment rounding and the per-job minimum. It is the cash price: no
 * prepaid bank, warranty, overtime from other work that day, travel or fee, and it assumes the work
 * is permitted and approved (that is what is being asked for).
 */
export function quoteLabour(q: QuoteRequest, options: RatingOptions = {}): LabourQuote {
  const zone = zoneDays(contractZone(q.contract));
  const from = zone.at(q.start.getTime()).date;
  const to = zone.at(Math.max(q.start.getTime(), q.end.getTime() - 1)).date;
  const jobId = 'quote';
  const result = runRating(
    {
      versions: [{ contract: q.contract, version: q.version, effectiveFrom: '0001-01-01' }],
      period: { from, to },
      jobs: [{ id: jobId, siteId: q.siteId, priority: 'P4', reportedAt: q.start }],
      timeEntries: [
        { id: 'quote', jobId, technicianId: 'quote', code: q.code, kind: 'labour', start: q.start, end: q.end, approvalId: q.approvalId ?? 'quote', permitted: true },
      ],
      parts: [],
      extras: [],
      credits: [],
      prior: { prepaidMinutesUsed: [], siteVisitsUsed: {} },
    },
    { compile: options.compileCalendar ?? compileCalendar, fee: false, travel: false, prepaid: false },
  );
  return { amount: result.totals.billable, lines: result.lines, held: result.held };
}
