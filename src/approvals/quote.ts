/**
 * Prices for requests, the way the invoice would show them: the rating engine's `quoteLabour`
 * applies the modifiers in force (after-hours, weekend, holiday, outside-access, seasonal base,
 * increment rounding, the per-job minimum). Pure: no I/O, no clock (the instant is an input).
 */
import type { Contract, Money, Rate } from '../rules/contract-types.js';
import { quoteLabour, type InvoiceLine } from '../rules/rating/index.js';
import { approvedTag } from '../rules/rating/line-words.js';
import { roundHalfAway } from '../rules/units.js';
import { invalid } from '../errors.js';
import type { QuoteLine } from './model.js';
import { t } from '../i18n/t.js';
import { heldReasonsText } from '../billing/held-text.js';

const MIN = 60_000;

export interface WorkQuote {
  amount: Money;
  lines: QuoteLine[];
  quantity: number;
  /** hourly codes only */
  minutes?: number;
}

function toLine(l: InvoiceLine): QuoteLine {
  // quoteLabour prices the work as if approved (that is what is asked); a pending quote must not
  // read "approved" to the person deciding it.
  const asApproved = `${approvedTag('quote')}, `;
  const rule = l.rule.startsWith(asApproved) ? l.rule.slice(asApproved.length) : l.rule;
  const kind = l.kind === 'minimum' ? 'minimum' : 'labour';
  return { kind, description: l.description, quantity: l.quantity, unit: l.unit, unitPrice: l.unitPrice, amount: l.amount, rule };
}

/**
 * `quantity` is in the code's unit: hours for hourly codes (1.5 = 1h30m), whole units for each,
 * visit and day codes, any positive amount for km.
 */
export function quoteLibraryWork(contract: Contract, version: number, siteId: string, rate: Rate, quantity: number, at: Date): WorkQuote {
  if (!(quantity > 0) || !Number.isFinite(quantity)) throw invalid(t('errors-approvals.quantity-positive', { unit: rate.unit }));
  if (rate.unit === 'hour') {
    const minutes = Math.round(quantity * 60);
    if (minutes < 1) throw invalid(t('errors-approvals.quote-minute'));
    const q = quoteLabour({ contract, version, siteId, code: rate.code, start: at, end: new Date(at.getTime() + minutes * MIN) });
    if (q.held.length) throw invalid(t('errors-approvals.not-quotable', { code: rate.code, reasons: heldReasonsText(q.held.map((h) => h.reason)) }));
    return { amount: q.amount, lines: q.lines.map(toLine), quantity: minutes / 60, minutes };
  }
  if (rate.unit === 'km') {
    // Distances are not labour: no modifier applies, one rounding for the line.
    const amount = roundHalfAway(rate.price * quantity);
    return { amount, quantity, lines: [{ description: rate.name, quantity, unit: 'km', unitPrice: rate.price, amount, rule: `${contract.id} v${version}, rates.${rate.code}` }] };
  }
  if (!Number.isInteger(quantity)) throw invalid(t('errors-approvals.whole-units', { code: rate.code, unit: rate.unit }));
  // One unit priced by the engine (seasonal base prices apply to unit codes too), then times the quantity.
  const one = quoteLabour({ contract, version, siteId, code: rate.code, start: at, end: new Date(at.getTime() + MIN) });
  if (one.held.length) throw invalid(t('errors-approvals.not-quotable', { code: rate.code, reasons: heldReasonsText(one.held.map((h) => h.reason)) }));
  const unitPrice = one.amount;
  const first = one.lines[0];
  return {
    amount: unitPrice * quantity,
    quantity,
    lines: [{ description: rate.name, quantity, unit: rate.unit, unitPrice, amount: unitPrice * quantity, rule: first?.rule ?? `${contract.id} v${version}, rates.${rate.code}` }],
  };
}

/** The hourly code a duration is valued at: the library's first billable hourly code (rating does the same for caps). */
export function labourRate(contract: Contract): Rate | undefined {
  return contract.rates.find((r) => r.unit === 'hour' && !r.covered && !r.outOfScope);
}

/** A goodwill duration in money: minutes at the labour rate's base price, rounded once. */
export function valueDuration(rate: Rate, minutes: number): Money {
  return roundHalfAway((rate.price * minutes) / 60);
}

/** The labour price of a span at a site with every modifier in force, for a permit's estimate. */
export function quoteSpan(contract: Contract, version: number, siteId: string, rate: Rate, from: Date, to: Date): WorkQuote {
  const q = quoteLabour({ contract, version, siteId, code: rate.code, start: from, end: to });
  const minutes = Math.round((to.getTime() - from.getTime()) / MIN);
  return { amount: q.amount, lines: q.lines.map(toLine), quantity: minutes / 60, minutes };
}
