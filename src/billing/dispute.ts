/** Record that the customer disputes a line of an issued invoice (the dispute-rate KPI counts these). */
import { and, eq } from 'drizzle-orm';
import { disputes, invoiceLines } from '../../db/schema.js';
import { audit } from '../audit.js';
import { requireRole } from '../auth.js';
import type { Ctx } from '../context.js';
import { conflict, invalid, notFound } from '../errors.js';
import type { InvoiceLine } from '../rules/rating/index.js';
import { inTransaction } from '../verb.js';
import { findInvoice } from './invoice-store.js';
import { t } from '../i18n/index.js';

export async function raiseDispute(ctx: Ctx, input: { invoice: string; line: number; reason: string }) {
  const me = requireRole(ctx, ['dispatcher', 'manager', 'finance'], 'record-disputes');
  const reason = input.reason?.trim();
  if (!reason) throw invalid(t('errors-billing.dispute-reason'));
  if (reason.length > 1000) throw invalid(t('errors-billing.reason-long', { max: '1000' }));
  if (!Number.isInteger(input.line) || input.line < 1) throw invalid(t('errors-billing.line-number', { line: String(input.line) }));
  return inTransaction(ctx, async (tx) => {
    const inv = await findInvoice(tx.db, input.invoice, { forUpdate: true });
    const [row] = await tx.db.select().from(invoiceLines).where(and(eq(invoiceLines.invoiceId, inv.id), eq(invoiceLines.lineNo, input.line)));
    if (!row) throw notFound(t('errors-billing.no-line', { number: inv.number, line: String(input.line) }));
    const [open] = await tx.db
      .select()
      .from(disputes)
      .where(and(eq(disputes.invoiceId, inv.id), eq(disputes.lineNo, input.line), eq(disputes.status, 'open')));
    if (open) throw conflict(t('errors-billing.line-disputed', { line: String(input.line), number: inv.number, id: String(open.id), reason: open.reason }));
    const [d] = await tx.db.insert(disputes).values({ invoiceId: inv.id, lineNo: input.line, reason, raisedBy: me.id, createdAt: tx.clock.now() }).returning();
    await audit(tx, 'invoice.disputed', { kind: 'invoice', id: inv.number }, { dispute: d!.id, line: input.line, reason });
    return { dispute: d!, invoice: inv, line: { ...(row.line as InvoiceLine), lineNo: input.line } };
  });
}
