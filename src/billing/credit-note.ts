/**
 * Correct an issued invoice: a credit note of its own (ACME-HVAC-2026-11-CN1, legal number from
 * the issuer's credit-note sequence, AV000007) that reverses one line, wholly or in part, with the
 * tax terms of the line it corrects. Issued lines are never edited; the credit note names the line it
 * corrects and why, and a line cannot be credited beyond its amount. Its e-mail to the billing
 * address, with its Factur-X PDF, is drafted in the same transaction.
 */
import { and, eq, sql } from 'drizzle-orm';
import { invoiceLines, invoices } from '../../db/schema.js';
import { audit } from '../audit.js';
import { requireRole } from '../auth.js';
import type { Ctx } from '../context.js';
import { invalid, notFound, preconditionFailed } from '../errors.js';
import { inTransaction } from '../verb.js';
import { findInvoice, type NumberedLine } from './invoice-store.js';
import { localDate } from './period.js';
import { documentLocale, mainZone, termsOf } from '../contracts/version-at.js';
import { issuerOf } from './issuer.js';
import { draftInvoiceMessage } from './invoice-message.js';
import { nextLegalNumber } from './numbering.js';
import { taxTotals } from '../rules/tax.js';
import { t } from '../i18n/index.js';
import { readerMoney } from '../i18n/format.js';
import { customerVoice } from '../i18n/customer.js';
import { wordLine } from './line-text.js';

export async function creditNote(ctx: Ctx, input: { invoice: string; line: number; reason: string; amount?: number }) {
  const me = requireRole(ctx, ['finance'], 'issue-credit-notes');
  const reason = input.reason?.trim();
  if (!reason) throw invalid(t('errors-billing.credit-reason'));
  if (reason.length > 500) throw invalid(t('errors-billing.reason-long', { max: '500' }));
  if (!Number.isInteger(input.line) || input.line < 1) throw invalid(t('errors-billing.line-number', { line: String(input.line) }));
  if (input.amount !== undefined && (!Number.isInteger(input.amount) || input.amount <= 0)) throw invalid(t('errors-billing.amount-positive'));
  return inTransaction(ctx, async (tx) => {
    // Locking the invoice queues credit notes on it, so two cannot both credit the same remainder.
    const inv = await findInvoice(tx.db, input.invoice, { forUpdate: true });
    if (inv.kind !== 'invoice') throw preconditionFailed(t('errors-billing.credit-a-credit', { number: inv.number }));
    const [row] = await tx.db.select().from(invoiceLines).where(and(eq(invoiceLines.invoiceId, inv.id), eq(invoiceLines.lineNo, input.line)));
    if (!row) throw notFound(t('errors-billing.no-line', { number: inv.number, line: String(input.line) }));
    const line = row.line as NumberedLine;
    if (row.amount <= 0) throw preconditionFailed(t('errors-billing.line-bills-nothing', { line: String(input.line), number: inv.number, what: line.covered ? 'covered' : line.kind }));
    const [{ credited } = { credited: 0 }] = await tx.db
      .select({ credited: sql<number>`coalesce(sum(-${invoiceLines.amount}), 0)::bigint` })
      .from(invoiceLines)
      .innerJoin(invoices, eq(invoices.id, invoiceLines.invoiceId))
      .where(and(eq(invoices.correctsId, inv.id), eq(invoices.kind, 'credit_note'), sql`(${invoiceLines.line}->>'correctsLine')::int = ${input.line}`));
    const left = row.amount - Number(credited);
    if (left <= 0) throw preconditionFailed(t('errors-billing.line-credited', { line: String(input.line), number: inv.number }));
    const amount = input.amount ?? left;
    if (amount > left) throw invalid(t('errors-billing.credit-left', { amount: readerMoney(left, inv.currency), line: String(input.line) }));
    const [{ n } = { n: 0 }] = await tx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(invoices)
      .where(and(eq(invoices.correctsId, inv.id), eq(invoices.kind, 'credit_note')));
    const number = `${inv.number}-CN${Number(n) + 1}`;
    const now = tx.clock.now();
    const terms = await termsOf(tx.db, inv.contractId);
    const zone = mainZone(terms, inv.periodFrom);
    // The credit note is a document of its own, in the contract's words; the line it corrects reads
    // as that language words it (a line stored in English by an earlier invoice included).
    const locale = documentLocale(terms);
    const voice = customerVoice(locale);
    const corrected = wordLine(line, locale, inv.currency);
    const what = { number: inv.legalNumber ?? inv.number, line: String(input.line) };
    const creditLine: NumberedLine = {
      kind: 'credit',
      ...(line.jobId ? { jobId: line.jobId } : {}),
      ...(line.siteId ? { siteId: line.siteId } : {}),
      ...(line.code ? { code: line.code } : {}),
      ...(line.sku ? { sku: line.sku } : {}),
      date: localDate(now, zone),
      description: voice.t('line-words.credit-note-line', { ...what, description: corrected.description, reason }),
      quantity: 1,
      unit: 'each',
      unitPrice: -amount,
      amount: -amount,
      covered: false,
      rule: voice.t('line-words.credit-note-rule', { ...what, rule: corrected.rule }),
      version: line.version,
      sources: line.sources,
      ...(line.tax ? { tax: line.tax } : {}),
      lineNo: 1,
      correctsLine: input.line,
      reason,
    };
    const issuer = issuerOf(ctx);
    if (inv.issuerId && inv.issuerId !== issuer.id) throw preconditionFailed(t('errors-billing.other-issuer', { number: inv.legalNumber ?? inv.number, issuer: inv.issuerId, current: issuer.id }));
    const legalNumber = await nextLegalNumber(tx.db, issuer, 'credit_note');
    const taxed = line.tax ? taxTotals([{ amount: -amount, tax: line.tax }]) : undefined;
    const [cn] = await tx.db
      .insert(invoices)
      .values({
        number,
        contractId: inv.contractId,
        periodFrom: inv.periodFrom,
        periodTo: inv.periodTo,
        currency: inv.currency,
        kind: 'credit_note',
        correctsId: inv.id,
        total: -amount,
        issuedBy: me.id,
        issuedAt: now,
        legalNumber,
        issuerId: issuer.id,
        dueDate: localDate(now, zone),
        taxTotal: taxed?.tax ?? null,
        parties: { seller: issuer, buyer: (inv.parties as { buyer?: unknown } | null)?.buyer ?? null },
      })
      .returning();
    const { lineNo, ...frozen } = creditLine;
    await tx.db.insert(invoiceLines).values({ invoiceId: cn!.id, lineNo, line: frozen, amount: -amount, jobId: row.jobId });
    await audit(tx, 'invoice.credit_note', { kind: 'invoice', id: number }, { legalNumber, corrects: inv.number, correctsLegal: inv.legalNumber, line: input.line, amount, reason });
    const email = await draftInvoiceMessage(tx, cn!.id);
    return { creditNote: cn!, invoice: inv, email, line: creditLine, corrected: { ...line, lineNo: input.line }, amount, leftAfter: left - amount };
  });
}
