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
    if (!target || !value) throw new UsageError(t('errors-commands.credit-args'));
    // Durations carry a unit (30m, 1h30m, 1 h 30); a bare number is money.
    const d = takeDuration(args.words, 1, { nonZero: true });
    const minutes = d?.minutes;
    const amount = minutes === undefined ? parseMoney(value) : undefined;
    const why = args.words.slice(1 + (d?.used ?? 1));
    if (minutes === undefined && amount === undefined) throw new UsageError(t('errors-commands.credit-value', { typed: value }));
    if (!why.length) throw new UsageError(t('errors-commands.credit-why'));
    const r = await requestGoodwillCredit(ctx, { target, amount, minutes, reason: why.join(' ') });
    return requesterCard(r, ctx.services.actionSecret);
  },
};
