/** An issued invoice or credit note by its number, as frozen. */
import type { Ctx } from '../context.js';
import { requireBillingReader } from './access.js';
import { creditNotesOf, customerOf, findInvoice, issuerName, linesOf, shownNumber, totalsOf } from './invoice-store.js';
import type { InvoiceView } from './preview-invoice.js';
import { mainZone, termsOf } from '../contracts/version-at.js';

export async function viewInvoice(ctx: Ctx, input: { invoice: string | number }): Promise<InvoiceView & { kind: string }> {
  requireBillingReader(ctx, 'see-invoices');
  const inv = await findInvoice(ctx.db, input.invoice);
  const lines = await linesOf(ctx.db, inv.id);
  const notes = inv.kind === 'invoice' ? await creditNotesOf(ctx.db, inv.id) : [];
  const corrected = inv.correctsId ? await findInvoice(ctx.db, inv.correctsId) : undefined;
  return {
    kind: inv.kind,
    contractId: inv.contractId,
    customer: await customerOf(ctx.db, inv.contractId),
    currency: inv.currency,
    period: { key: inv.periodFrom.slice(0, 7), from: inv.periodFrom, to: inv.periodTo },
    number: shownNumber(inv),
    reference: inv.number,
    ...(corrected ? { corrects: shownNumber(corrected) } : {}),
    status: 'issued',
    issuedAt: inv.issuedAt,
    issuedBy: await issuerName(ctx.db, inv.issuedBy),
    lines,
    totals: totalsOf(lines),
    held: [],
    creditNotes: notes.map((n) => ({ number: shownNumber(n), total: n.total, issuedAt: n.issuedAt })),
    zone: mainZone(await termsOf(ctx.db, inv.contractId), inv.periodFrom),
  };
}
