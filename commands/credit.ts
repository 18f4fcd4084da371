import { requesterCard } from '../cards/build/approval.js';
import { requestGoodwillCredit } from '../src/approvals/request-goodwill-credit.js';
import { parseMoney } from './approval-args.js';
import { takeDuration } from './duration.js';
import type { Command } from './command.js';
import { UsageError, usageLines } from './command.js';
import { t } from '../src/i18n/index.js';

export const creditCommand: Command = {
  name: 'credit',
  get summary() {
    return t('commands.credit.summary');
  },
  get usage() {
    return usageLines('commands.credit.usage');
  },
  get example() {
    return t('commands.credit.example');
  },
  async run(ctx, args) {
    const [target, value] = args.words;
    if (!target || !value) throw new UsageError('Say on what, how much and why.');
    // Durations carry a unit (30m, 1h30m, 1 h 30); a bare number is money.
    const d = takeDuration(args.words, 1, { nonZero: true });
    const minutes = d?.minutes;
    const amount = minutes === undefined ? parseMoney(value) : undefined;
    const why = args.words.slice(1 + (d?.used ?? 1));
    if (minutes === undefined && amount === undefined) throw new UsageError(`"${value}" is neither an amount (50.00) nor a duration (1h30m).`);
    if (!why.length) throw new UsageError('Say why the customer gets a credit.');
    const r = await requestGoodwillCredit(ctx, { target, amount, minutes, reason: why.join(' ') });
    return requesterCard(r, ctx.services.actionSecret);
  },
};
