/**
 * What an invoice for a contract and month says: rated now from the database while the period is
 * open, or the frozen lines once it is issued (then with its credit notes). Nothing is written.
 */
import type { Ctx } from '../context.js';
import type { HeldItem, RatingResult } from '../rules/rating/index.js';
import { requireBillingReader } from './access.js';
import { creditNotesOf, customerOf, invoiceNumber, issuedFor, issuerName, shownNumber, linesOf, totalsOf, type NumberedLine } from './invoice-store.js';
import { parsePeriod, periodOf, type Period } from './period.js';
import { contractTerms, ratePeriod } from './rating-input.js';
import { documentLocale, mainZone, versionAt, zoneAt } from '../contracts/version-at.js';
import { lineWorder } from './line-text.js';

export interface InvoiceView {
  contractId: string;
  customer: string;
  currency: string;
  period: Period;
  /** issued: the legal number (F000042); a preview: the reference it will have */
  number: string;
  /** issued: the reference (ACME-HVAC-2026-11) beside the legal number */
  reference?: string;
  /** a credit note: the number of the invoice it corrects */
  corrects?: string;
  status: 'preview' | 'issued';
  issuedAt?: Date;
  issuedBy?: string;
  lines: NumberedLine[];
  totals: RatingResult['totals'];
  held: HeldItem[];
  minutes?: RatingResult['minutes'];
  creditNotes: { number: string; total: number; issuedAt: Date }[];
  zone: string;
}

/** The month to show when none is given: the current one in the contract's zone. */
export function defaultPeriod(zone: string, now: Date): Period {
  return periodOf(now, zone);
}

export async function previewInvoice(ctx: Ctx, input: { contract: string; period?: string }): Promise<InvoiceView> {
  requireBillingReader(ctx, 'see-invoices');
  const terms = await contractTerms(ctx.db, input.contract);
  const now = ctx.clock.now();
  const zone0 = zoneAt(terms, now);
  const period = input.period ? parsePeriod(input.period) : defaultPeriod(zone0, now);
  const zone = mainZone(terms, period.from);
  const c = versionAt(terms, period.from).contract;
  const base = { contractId: terms.contractId, customer: await customerOf(ctx.db, terms.contractId), currency: c.currency, period, number: invoiceNumber(terms.contractId, period.key), zone };
  const issued = await issuedFor(ctx.db, terms.contractId, period.from, period.to);
  if (issued) {
    const lines = await linesOf(ctx.db, issued.id);
    const notes = await creditNotesOf(ctx.db, issued.id);
    return {
      ...base,
      number: shownNumber(issued),
      reference: issued.number,
      currency: issued.currency,
      status: 'issued',
      issuedAt: issued.issuedAt,
      issuedBy: await issuerName(ctx.db, issued.issuedBy),
      lines,
      totals: totalsOf(lines),
      held: [],
      creditNotes: notes.map((n) => ({ number: shownNumber(n), total: n.total, issuedAt: n.issuedAt })),
    };
  }
  const rated = await ratePeriod(ctx.db, terms, period);
  const word = lineWorder(documentLocale(terms), c.currency);
  return {
    ...base,
    status: 'preview',
    // A preview reads as the invoice will: in the words of the contract's documents.
    lines: rated.result.lines.map((l, i) => {
      const w = word(l);
      return { ...l, description: w.description, rule: w.rule, lineNo: i + 1 };
    }),
    totals: rated.result.totals,
    held: rated.result.held,
    minutes: rated.result.minutes,
    creditNotes: [],
  };
}
