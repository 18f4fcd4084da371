import { disputeCard } from '../cards/build/invoice.js';
import { raiseDispute } from '../src/billing/dispute.js';
import { shownNumber } from '../src/billing/invoice-store.js';
import type { Command } from './command.js';
import { UsageError } from './command.js';

export const disputeCommand: Command = {
  name: 'dispute',
  summary: 'Record a customer dispute on an invoice line',
  usage: ['/dispute <invoice> <line> <why>'],
  example: '/dispute ACME-HVAC-2026-11 4 technician left at 16:00, not 17:00',
  async run(ctx, args) {
    const [invoice, line, ...why] = args.words;
    if (!invoice || !line) throw new UsageError('Which invoice and line?');
    if (!/^\d+$/.test(line)) throw new UsageError(`"${line}" is not a line number; the invoice card numbers its lines.`);
    const r = await raiseDispute(ctx, { invoice, line: Number(line), reason: why.join(' ') });
    return { ...disputeCard({ invoice: shownNumber(r.invoice), line: r.line, id: r.dispute.id, reason: r.dispute.reason, currency: r.invoice.currency }), visibility: 'channel' };
  },
};
