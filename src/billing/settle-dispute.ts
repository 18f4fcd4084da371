/**
 * Settle an open dispute on an invoice line. Accepted, in full or in part: a credit note for that
 * amount (credit-note.ts), linked to the dispute. Rejected: the reason, drafted as a message to the
 * customer when the line belongs to a job. Either way the dispute is closed once, audited, and a
 * `dispute.resolved` webhook goes out.
 */
import { and, eq } from 'drizzle-orm';
import { customerMessages, disputes, invoiceLines, invoices } from '../../db/schema.js';
import { audit } from '../audit.js';
import { requireRole } from '../auth.js';
import type { Ctx } from '../context.js';
import { documentLocale, termsOf, versionAt } from '../contracts/version-at.js';
import { invalid, notFound, preconditionFailed } from '../errors.js';
import { announceMessage } from '../messages/draft-message.js';
import type { InvoiceLine } from '../rules/rating/index.js';
import { customerVoice } from '../i18n/customer.js';
import { inTransaction } from '../verb.js';
import { emitWebhook } from '../webhooks/emit.js';
import { creditNote } from './credit-note.js';
import { t } from '../i18n/index.js';
import { readerDate } from '../i18n/format.js';

/** What a dispute can be: open until settled, then accepted or rejected for good. */
export const DISPUTE_STATUSES = ['open', 'accepted', 'rejected'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

async function openDispute(tx: Ctx, id: number) {
  if (!Number.isInteger(id) || id < 1) throw invalid(t('errors-billing.dispute-number', { id: String(id) }));
  const [d] = await tx.db.select().from(disputes).where(eq(disputes.id, id)).for('update');
  if (!d) throw notFound(t('errors-billing.no-dispute', { id: String(id) }));
  if (d.status !== 'open') {
    const settled = { id: String(id), status: d.status };
    throw preconditionFailed(d.resolvedAt ? t('errors-billing.dispute-settled-on', { ...settled, date: readerDate(d.resolvedAt.toISOString().slice(0, 10)) }) : t('errors-billing.dispute-settled', settled));
  }
  const [inv] = await tx.db.select().from(invoices).where(eq(invoices.id, d.invoiceId));
  const [row] = await tx.db.select().from(invoiceLines).where(and(eq(invoiceLines.invoiceId, d.invoiceId), eq(invoiceLines.lineNo, d.lineNo)));
  return { d, inv: inv!, row: row! };
}

async function resolved(tx: Ctx, d: typeof disputes.$inferSelect, invoice: string, extra: Record<string, unknown>): Promise<void> {
  await emitWebhook(tx, 'dispute.resolved', { dispute: { id: d.id, invoice, line: d.lineNo, status: d.status, acceptedAmount: d.acceptedAmount, resolvedAt: d.resolvedAt?.toISOString() ?? null, ...extra } });
}

/** Accept: a credit note for `amount` (default: what is left to credit on the line). Finance only. */
export async function acceptDispute(ctx: Ctx, input: { id: number; amount?: number }) {
  requireRole(ctx, ['finance'], 'accept-disputes');
  return inTransaction(ctx, async (tx) => {
    const { d, inv } = await openDispute(tx, input.id);
    const voice = customerVoice(documentLocale(await termsOf(tx.db, inv.contractId)));
    const reason = voice.t('customer-dispute.accepted', { id: String(d.id), part: input.amount === undefined ? 'no' : 'yes', reason: d.reason });
    const cn = await creditNote(tx, { invoice: inv.number, line: d.lineNo, amount: input.amount, reason });
    const [row] = await tx.db
      .update(disputes)
      .set({ status: 'accepted', resolvedAt: tx.clock.now(), resolvedBy: tx.actor.person!.id, acceptedAmount: cn.amount, creditNoteId: cn.creditNote.id })
      .where(eq(disputes.id, d.id))
      .returning();
    await audit(tx, 'dispute.accepted', { kind: 'invoice', id: inv.number }, { dispute: d.id, line: d.lineNo, amount: cn.amount, creditNote: cn.creditNote.number });
    await resolved(tx, row!, inv.number, { creditNote: cn.creditNote.number });
    return { dispute: row!, invoice: inv, creditNote: cn.creditNote, amount: cn.amount, full: cn.leftAfter === 0 };
  });
}

/** Reject, with the reason the customer is told (drafted as a message on the line's job). */
export async function rejectDispute(ctx: Ctx, input: { id: number; reason: string }) {
  requireRole(ctx, ['finance', 'manager'], 'reject-disputes');
  const reason = input.reason?.trim() ?? '';
  if (!reason) throw invalid(t('errors-billing.reject-reason'));
  if (reason.length > 1000) throw invalid(t('errors-billing.reason-long', { max: '1000' }));
  return inTransaction(ctx, async (tx) => {
    const { d, inv, row } = await openDispute(tx, input.id);
    const line = row.line as InvoiceLine;
    const [updated] = await tx.db.update(disputes).set({ status: 'rejected', resolvedAt: tx.clock.now(), resolvedBy: tx.actor.person!.id, resolution: reason }).where(eq(disputes.id, d.id)).returning();
    let message: number | undefined;
    if (row.jobId !== null) {
      const terms = await termsOf(tx.db, inv.contractId);
      const contract = versionAt(terms, tx.clock.now()).contract;
      const recipients = [...new Set(contract.customer.contacts.map((c) => c.email))];
      if (recipients.length) {
        const voice = customerVoice(documentLocale(terms));
        const body = voice.t('customer-dispute.rejected.body', { invoice: inv.legalNumber ?? inv.number, line: String(d.lineNo), description: line.description, amount: voice.money(row.amount, inv.currency), reason: d.reason, why: reason });
        const [msg] = await tx.db
          .insert(customerMessages)
          .values({ jobId: row.jobId, kind: 'dispute', subject: voice.t('customer-dispute.rejected.subject', { invoice: inv.number, line: String(d.lineNo) }), body, recipients, status: 'draft', createdBy: tx.actor.person?.id ?? null, createdAt: tx.clock.now() })
          .returning({ id: customerMessages.id });
        message = msg!.id;
        await announceMessage(tx, contract, message);
      }
    }
    await audit(tx, 'dispute.rejected', { kind: 'invoice', id: inv.number }, { dispute: d.id, line: d.lineNo, reason, message: message ?? null });
    await resolved(tx, updated!, inv.number, {});
    return { dispute: updated!, invoice: inv, line, message };
  });
}
