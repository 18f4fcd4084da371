/**
 * The e-mail that sends an issued invoice or credit note to the customer's billing address: drafted
 * from the contract's `invoice` or `credit_note` template in the issuing transaction, posted to the
 * team with Send / Discard / Edit like every customer message, and e-mailed by the delivery task
 * with the Factur-X PDF attached (src/messages/deliver-messages.ts).
 */
import { randomBytes } from 'node:crypto';
import { customerMessages } from '../../db/schema.js';
import { audit } from '../audit.js';
import type { Ctx } from '../context.js';
import { termsOf, versionAt } from '../contracts/version-at.js';
import { AppError } from '../errors.js';
import { announceMessage } from '../messages/draft-message.js';
import { renderTemplate, type TemplateView } from '../messages/template.js';
import type { Contract } from '../rules/contract-types.js';
import { customerVoice } from '../i18n/customer.js';
import { documentOf, type InvoiceDocument } from './e-invoice.js';

/** What both documents' placeholders share: the contract, the customer and the contact, and the document's totals. */
function documentView(doc: InvoiceDocument, contract: Contract) {
  const voice = customerVoice(contract.locale);
  const money = (m: number) => voice.money(m, doc.currency);
  const parties = { contract: { id: contract.id }, customer: { name: contract.customer.name }, contact: { name: doc.buyer.legalName } };
  const totals = { net: money(doc.totals.net), tax: money(doc.totals.tax), total: money(doc.totals.gross) };
  return { voice, parties, totals };
}

/** The `invoice.*` placeholders (docs/contract-format.md), with the customer's and contact's names. */
export function invoiceTemplateView(doc: InvoiceDocument, contract: Contract): TemplateView {
  const { voice, parties, totals } = documentView(doc, contract);
  return {
    ...parties,
    invoice: {
      number: doc.number,
      reference: doc.reference,
      period: voice.t('customer.invoice.period', { from: voice.date(doc.period.from), to: voice.date(doc.period.to) }),
      issueDate: voice.date(doc.issueDate),
      dueDate: voice.date(doc.dueDate),
      ...totals,
      buyerReference: doc.buyer.buyerReference ?? '',
    },
  };
}

/** The `creditNote.*` placeholders: the credit note, the invoice it corrects and why. */
export function creditNoteTemplateView(doc: InvoiceDocument, contract: Contract): TemplateView {
  const { voice, parties, totals } = documentView(doc, contract);
  const reasons = [...new Set(doc.lines.map((l) => l.reason).filter((r): r is string => !!r))];
  return {
    ...parties,
    creditNote: {
      number: doc.number,
      issueDate: voice.date(doc.issueDate),
      corrects: doc.corrects?.number ?? '',
      correctsDate: doc.corrects ? voice.date(doc.corrects.issueDate) : '',
      reason: reasons.join('; '),
      ...totals,
    },
  };
}

export interface InvoiceDraft {
  message: number;
  to: string[];
}

/**
 * Draft the e-mail of an invoice or credit note inside the issuing transaction, under a savepoint: one with no
 * document (no billing party or tax on the contract) or a template that fails to render is still
 * issued, without a draft; the reason is returned so the card can say it.
 */
export async function draftInvoiceMessage(ctx: Ctx, invoiceId: number): Promise<InvoiceDraft | { reason: string }> {
  try {
    return await ctx.db.transaction(async (sp) => {
      const tx = { ...ctx, db: sp };
      const doc = await documentOf(sp, invoiceId);
      const contract = versionAt(await termsOf(sp, doc.contract), tx.clock.now()).contract;
      const to = [doc.buyer.email];
      const body = doc.kind === 'credit_note' ? renderTemplate(contract, 'credit_note', creditNoteTemplateView(doc, contract)) : renderTemplate(contract, 'invoice', invoiceTemplateView(doc, contract));
      const [row] = await sp
        .insert(customerMessages)
        .values({ invoiceId, kind: doc.kind, body, recipients: to, status: 'draft', createdBy: ctx.actor.person?.id ?? null, createdAt: tx.clock.now() })
        .returning({ id: customerMessages.id });
      const state = await announceMessage(tx, contract, row!.id);
      await audit(tx, 'message.drafted', { kind: 'message', id: row!.id }, { invoice: doc.number, kind: doc.kind, recipients: to, state });
      return { message: row!.id, to };
    });
  } catch (err) {
    if (err instanceof AppError) return { reason: err.message };
    const ref = randomBytes(4).toString('hex');
    ctx.log.error({ err, ref, invoice: invoiceId }, 'invoice e-mail not drafted; the document was issued');
    return { reason: `the e-mail could not be drafted (reference ${ref})` };
  }
}
