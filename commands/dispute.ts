import { disputeCard, disputeListCard, disputeSettledCard } from '../cards/build/invoice.js';
import { raiseDispute } from '../src/billing/dispute.js';
import { listDisputes } from '../src/billing/list-invoices.js';
import { acceptDispute, DISPUTE_STATUSES, rejectDispute } from '../src/billing/settle-dispute.js';
import { toMinor } from '../src/rules/units.js';
import { shownNumber } from '../src/billing/invoice-store.js';
import type { Command } from './command.js';
import { UsageError, usageLines } from './command.js';
import { t } from '../src/i18n/index.js';

function disputeId(word: string | undefined): number {
  if (!word || !/^#?\d{1,9}$/.test(word)) throw new UsageError(t('errors-commands.dispute-which'));
  return Number(word.replace('#', ''));
}

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
    const [first, ...rest] = args.words;
    switch (first?.toLowerCase()) {
      case 'list': {
        const status = rest[0]?.toLowerCase();
        if (status !== undefined && !(DISPUTE_STATUSES as readonly string[]).includes(status)) throw new UsageError(t('errors-commands.dispute-status', { typed: rest[0], statuses: DISPUTE_STATUSES.join(', ') }));
        const items = await listDisputes(ctx, { status, limit: 50 });
        return disputeListCard({ status, items: items.map((d) => ({ ...d, outcome: d.status === 'accepted' ? `${d.creditNote ?? ''}` : d.status === 'rejected' ? (d.resolution ?? undefined) : undefined })) });
      }
      case 'accept': {
        const id = disputeId(rest[0]);
        let amount: number | undefined;
        if (rest[1] !== undefined) {
          amount = toMinor(rest[1]);
          if (amount === undefined || amount <= 0) throw new UsageError(t('errors-commands.not-an-amount', { typed: rest[1] }));
        }
        if (rest.length > 2) throw new UsageError(t('errors-commands.after-amount', { words: rest.slice(2).join(' ') }));
        const r = await acceptDispute(ctx, { id, amount });
        return disputeSettledCard({ id, invoice: r.invoice.number, line: r.dispute.lineNo, status: 'accepted', amount: r.amount, creditNote: r.creditNote.legalNumber ?? r.creditNote.number, currency: r.invoice.currency });
      }
      case 'reject': {
        const id = disputeId(rest[0]);
        const r = await rejectDispute(ctx, { id, reason: rest.slice(1).join(' ') });
        return disputeSettledCard({ id, invoice: r.invoice.number, line: r.dispute.lineNo, status: 'rejected', reason: r.dispute.resolution ?? '', message: r.message, currency: r.invoice.currency });
      }
    }
    const [invoice, line, ...why] = args.words;
    if (!invoice || !line) throw new UsageError(t('errors-commands.invoice-line-which'));
    if (!/^\d+$/.test(line)) throw new UsageError(t('errors-commands.not-a-line', { typed: line }));
    const r = await raiseDispute(ctx, { invoice, line: Number(line), reason: why.join(' ') });
    return { ...disputeCard({ invoice: shownNumber(r.invoice), line: r.line, id: r.dispute.id, reason: r.dispute.reason, currency: r.invoice.currency }), visibility: 'channel' };
  },
};
