import { disputeCard } from '../cards/build/invoice.js';
import { raiseDispute } from '../src/billing/dispute.js';
import type { Command } from './command.js';
import { UsageError, usageLines } from './command.js';
import { t } from '../src/i18n/index.js';

export const disputeCommand: Command = {
  name: 'dispute',
  get summary() {
    return t('commands.dispute.summary');
  },
  get usage() {
    return usageLines('commands.dispute.usage');
  },
  get example() {
    return t('commands.dispute.example');
  },
  async run(ctx, args) {
    const [invoice, line, ...why] = args.words;
    if (!invoice || !line) throw new UsageError('Which invoice and line?');
    if (!/^\d+$/.test(line)) throw new UsageError(`"${line}" is not a line number; the invoice card numbers its lines.`);
    const r = await raiseDispute(ctx, { invoice, line: Number(line), reason: why.join(' ') });
    return { ...disputeCard({ invoice: r.invoice.number, line: r.line, id: r.dispute.id, reason: r.dispute.reason, currency: r.invoice.currency }), visibility: 'channel' };
  },
};
