import { billedVsPromisedCard, creditNoteCard, invoiceCard } from '../cards/build/invoice.js';
import { billedVsPromised } from '../src/billing/billed-vs-promised.js';
import { creditNote } from '../src/billing/credit-note.js';
import { issueInvoice } from '../src/billing/issue-invoice.js';
import { previewInvoice } from '../src/billing/preview-invoice.js';
import { viewInvoice } from '../src/billing/view-invoice.js';
import type { Ctx } from '../src/context.js';
import { saveInvoicePdf } from '../src/billing/invoice-files.js';
import { AppError } from '../src/errors.js';
import { formatMoney, toMinor } from '../src/rules/units.js';
import type { Command } from './command.js';
import { UsageError, usageLines } from './command.js';
import { t } from '../src/i18n/index.js';

const PERIOD = /^\d{4}-\d{2}$/;

function moreUrl(ctx: Ctx, number: string): string | undefined {
  return ctx.services.publicUrl ? `${ctx.services.publicUrl.replace(/\/$/, '')}/api/v1/invoices/${encodeURIComponent(number)}.json` : undefined;
}

function lineNo(text: string | undefined): number {
  if (!text || !/^\d+$/.test(text)) throw new UsageError(`"${text ?? ''}" is not a line number; the invoice card numbers its lines.`);
  return Number(text);
}

/** Pull `--amount 12.50` out of the words (a partial credit). */
function takeAmount(words: string[]): { words: string[]; amount?: number } {
  const i = words.findIndex((w) => w === '--amount' || w.startsWith('--amount='));
  if (i < 0) return { words };
  const w = words[i]!;
  const text = w.includes('=') ? w.slice(9) : words[i + 1];
  const amount = text === undefined ? undefined : toMinor(text);
  if (amount === undefined || amount <= 0) throw new UsageError('--amount needs a positive amount like 12.50.');
  const rest = [...words];
  rest.splice(i, w.includes('=') ? 1 : 2);
  return { words: rest, amount };
}

/** The legal number, tax and total due, and where the Factur-X PDF is; or why there is no document. */
async function documentLines(ctx: Ctx, id: number): Promise<string[]> {
  try {
    const { doc, path, url } = await saveInvoicePdf(ctx, id);
    const money = (m: number) => formatMoney(m, doc.currency);
    return [`${doc.kind === 'credit_note' ? 'Credit note' : 'Invoice'} ${doc.number}: ${money(doc.totals.net)} + tax ${money(doc.totals.tax)} = ${money(doc.totals.gross)}, due ${doc.dueDate}.`, `PDF (Factur-X) saved to ${path}${url ? `; download: ${url}` : ''}`];
  } catch (err) {
    if (err instanceof AppError) return [`No PDF yet: ${err.message}`];
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
        throw new UsageError('Which contract? e.g. /invoice ACME-HVAC 2026-11');
      case 'issue': {
        const [contract, period] = rest;
        if (!contract || !period || !PERIOD.test(period)) throw new UsageError('Issue needs a contract and a month: /invoice issue ACME-HVAC 2026-11');
        const r = await issueInvoice(ctx, { contract, period });
        const v = await previewInvoice(ctx, { contract: r.invoice.contractId, period });
        // Frozen lines come back without the engine's held items; the issue result still has them.
        const card = invoiceCard({ ...v, held: r.held }, { moreUrl: moreUrl(ctx, r.invoice.number) });
        return { ...card, title: `Issued ${r.invoice.number}`, context: [...(await documentLines(ctx, r.invoice.id)), ...(card.context ?? [])], visibility: 'channel' };
      }
      case 'show': {
        if (!rest[0]) throw new UsageError('Which invoice? e.g. /invoice show ACME-HVAC-2026-11');
        const v = await viewInvoice(ctx, { invoice: rest[0] });
        return { ...invoiceCard(v, { moreUrl: moreUrl(ctx, v.number) }), ...(v.kind === 'credit_note' ? { title: `Credit note ${v.number}` } : {}) };
      }
      case 'credit-note':
      case 'creditnote':
      case 'credit': {
        const { words, amount } = takeAmount(rest);
        const [number, line, ...why] = words;
        if (!number) throw new UsageError('Which invoice and line? e.g. /invoice credit-note ACME-HVAC-2026-11 4 billed twice');
        const r = await creditNote(ctx, { invoice: number, line: lineNo(line), reason: why.join(' '), amount });
        const card = creditNoteCard({ number: r.creditNote.number, corrects: r.invoice.number, line: r.line, corrected: r.corrected, amount: r.amount, currency: r.invoice.currency, leftAfter: r.leftAfter });
        return { ...card, context: [...(await documentLines(ctx, r.creditNote.id)), ...(card.context ?? [])], visibility: 'channel' };
      }
      case 'promised':
      case 'vs': {
        const [contract, period] = rest;
        if (!contract) throw new UsageError('Which contract? e.g. /invoice promised ACME-HVAC 2026-11');
        if (period && !PERIOD.test(period)) throw new UsageError(`"${period}" is not a month; write 2026-11.`);
        return billedVsPromisedCard(await billedVsPromised(ctx, { contract, period }));
      }
      default: {
        const [period, ...extra] = rest;
        if (period && !PERIOD.test(period)) throw new UsageError(`"${period}" is not a month; write 2026-11.`);
        if (extra.length) throw new UsageError(`Unexpected "${extra.join(' ')}".`);
        const v = await previewInvoice(ctx, { contract: String(sub), period });
        return invoiceCard(v, { moreUrl: v.status === 'issued' ? moreUrl(ctx, v.number) : undefined });
      }
    }
  },
};
