import { billedVsPromisedCard, creditNoteCard, invoiceCard, invoiceListCard } from '../cards/build/invoice.js';
import { billedVsPromised } from '../src/billing/billed-vs-promised.js';
import { creditNote } from '../src/billing/credit-note.js';
import { issueInvoice } from '../src/billing/issue-invoice.js';
import { shownNumber } from '../src/billing/invoice-store.js';
import { listInvoices } from '../src/billing/list-invoices.js';
import { t } from '../src/i18n/index.js';
import { previewInvoice } from '../src/billing/preview-invoice.js';
import { viewInvoice } from '../src/billing/view-invoice.js';
import type { Ctx } from '../src/context.js';
import { saveInvoicePdf } from '../src/billing/invoice-files.js';
import { AppError } from '../src/errors.js';
import { toMinor } from '../src/rules/units.js';
import { readerDate, readerMoney } from '../src/i18n/format.js';
import type { Block } from '../cards/card.js';
import type { Command } from './command.js';
import { UsageError, usageLines } from './command.js';

const PERIOD = /^\d{4}-\d{2}$/;

function moreUrl(ctx: Ctx, number: string): string | undefined {
  return ctx.services.publicUrl ? `${ctx.services.publicUrl.replace(/\/$/, '')}/api/v1/invoices/${encodeURIComponent(number)}.json` : undefined;
}

function lineNo(text: string | undefined): number {
  if (!text || !/^\d+$/.test(text)) throw new UsageError(t('errors-commands.not-a-line', { typed: text ?? '' }));
  return Number(text);
}

/** Pull `--amount 12.50` out of the words (a partial credit). */
function takeAmount(words: string[]): { words: string[]; amount?: number } {
  const i = words.findIndex((w) => w === '--amount' || w.startsWith('--amount='));
  if (i < 0) return { words };
  const w = words[i]!;
  const text = w.includes('=') ? w.slice(9) : words[i + 1];
  const amount = text === undefined ? undefined : toMinor(text);
  if (amount === undefined || amount <= 0) throw new UsageError(t('errors-commands.amount-positive'));
  const rest = [...words];
  rest.splice(i, w.includes('=') ? 1 : 2);
  return { words: rest, amount };
}

/**
 * The legal number, tax and total due, and where the Factur-X PDF is, with the PDF itself as a card
 * file (uploaded in Slack, a link in Teams, the path in the terminal); or why there is no document.
 */
async function documentLines(ctx: Ctx, id: number): Promise<{ lines: string[]; file?: Block }> {
  try {
    const { doc, path, url } = await saveInvoicePdf(ctx, id);
    const money = (m: number) => readerMoney(m, doc.currency);
    return {
      lines: [
        t('replies-invoice.document', { kind: doc.kind, number: doc.number, net: money(doc.totals.net), tax: money(doc.totals.tax), gross: money(doc.totals.gross), due: readerDate(doc.dueDate) }),
        url ? t('replies-invoice.pdf-saved-url', { path, url }) : t('replies-invoice.pdf-saved', { path }),
      ],
      file: { type: 'file', name: t('billing.invoice.pdf', { number: doc.number, kind: doc.kind }), path },
    };
  } catch (err) {
    if (err instanceof AppError) return { lines: [t('replies-invoice.no-pdf', { reason: err.message })] };
    throw err;
  }
}

export const invoiceCommand: Command = {
  name: 'invoice',
  get summary() {
    return t('commands.invoice.summary');
  },
  get usage() {
    return usageLines('commands.invoice.usage');
  },
  get example() {
    return t('commands.invoice.example');
  },
  async run(ctx, args) {
    const [sub, ...rest] = args.words;
    switch (sub?.toLowerCase()) {
      case undefined:
        throw new UsageError(t('errors-commands.invoice-which-contract'));
      case 'issue': {
        const [contract, period] = rest;
        if (!contract || !period || !PERIOD.test(period)) throw new UsageError(t('errors-commands.invoice-issue'));
        const r = await issueInvoice(ctx, { contract, period });
        const v = await previewInvoice(ctx, { contract: r.invoice.contractId, period });
        // Frozen lines come back without the engine's held items; the issue result still has them.
        const card = invoiceCard({ ...v, held: r.held }, { moreUrl: moreUrl(ctx, r.invoice.number) });
        const email = 'message' in r.email ? t('billing.email.drafted', { to: r.email.to.join(', '), id: r.email.message }) : t('billing.email.none', { reason: r.email.reason });
        const d = await documentLines(ctx, r.invoice.id);
        return { ...card, title: t('billing.invoice.issued-title', { number: shownNumber(r.invoice), reference: r.invoice.number }), blocks: d.file ? [...card.blocks, d.file] : card.blocks, context: [...d.lines, email, ...(card.context ?? [])], visibility: 'channel' };
      }
      case 'show': {
        if (!rest[0]) throw new UsageError(t('errors-commands.invoice-which'));
        const v = await viewInvoice(ctx, { invoice: rest[0] });
        return { ...invoiceCard(v, { moreUrl: moreUrl(ctx, v.number) }), ...(v.kind === 'credit_note' ? { title: t('replies-invoice.credit-note-title', { number: v.number }) } : {}) };
      }
      case 'list': {
        const [contract, period, ...extra] = rest;
        const month = contract && PERIOD.test(contract) ? contract : period;
        const which = contract && !PERIOD.test(contract) ? contract : undefined;
        if (month && !PERIOD.test(month)) throw new UsageError(t('errors-commands.not-a-month', { typed: month }));
        if (extra.length || (which === undefined && period)) throw new UsageError(t('errors-commands.invoice-list'));
        const limit = 20;
        return invoiceListCard(await listInvoices(ctx, { contract: which, period: month, limit }), limit);
      }
      case 'credit-note':
      case 'creditnote':
      case 'credit': {
        const { words, amount } = takeAmount(rest);
        const [number, line, ...why] = words;
        if (!number) throw new UsageError(t('errors-commands.invoice-credit-which'));
        const r = await creditNote(ctx, { invoice: number, line: lineNo(line), reason: why.join(' '), amount });
        const card = creditNoteCard({ number: shownNumber(r.creditNote), corrects: shownNumber(r.invoice), line: r.line, corrected: r.corrected, amount: r.amount, currency: r.invoice.currency, leftAfter: r.leftAfter });
        const d = await documentLines(ctx, r.creditNote.id);
        const email = 'message' in r.email ? t('billing.email.drafted', { to: r.email.to.join(', '), id: r.email.message }) : t('billing.email.none', { reason: r.email.reason });
        return { ...card, blocks: d.file ? [...card.blocks, d.file] : card.blocks, context: [...d.lines, email, ...(card.context ?? [])], visibility: 'channel' };
      }
      case 'promised':
      case 'vs': {
        const [contract, period] = rest;
        if (!contract) throw new UsageError(t('errors-commands.invoice-promised-which'));
        if (period && !PERIOD.test(period)) throw new UsageError(t('errors-commands.not-a-month', { typed: period }));
        return billedVsPromisedCard(await billedVsPromised(ctx, { contract, period }));
      }
      default: {
        const [period, ...extra] = rest;
        if (period && !PERIOD.test(period)) throw new UsageError(t('errors-commands.not-a-month', { typed: period }));
        if (extra.length) throw new UsageError(t('errors-commands.unexpected', { words: extra.join(' ') }));
        const v = await previewInvoice(ctx, { contract: String(sub), period });
        return invoiceCard(v, { moreUrl: v.status === 'issued' ? moreUrl(ctx, v.number) : undefined });
      }
    }
  },
};
