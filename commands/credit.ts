import { requesterCard } from '../cards/build/approval.js';
import { requestGoodwillCredit } from '../src/approvals/request-goodwill-credit.js';
import { parseDuration } from '../src/rules/units.js';
import { parseMoney } from './approval-args.js';
import type { Command } from './command.js';
import { UsageError } from './command.js';

export const creditCommand: Command = {
  name: 'credit',
  summary: 'Ask for a goodwill credit on a job or a contract: an amount, or time valued at the labour rate',
  usage: ['/credit <job|contract> <amount|duration> <why>'],
  example: '/credit J-1001 1h second visit was our fault',
  async run(ctx, args) {
    const [target, value, ...why] = args.words;
    if (!target || !value) throw new UsageError('Say on what, how much and why.');
    // Durations carry a unit (30m, 1h30m); a bare number is money.
    const minutes = /[hmd]$/i.test(value) ? parseDuration(value) : undefined;
    const amount = minutes === undefined ? parseMoney(value) : undefined;
    if (minutes === undefined && amount === undefined) throw new UsageError(`"${value}" is neither an amount (50.00) nor a duration (1h30m).`);
    if (!why.length) throw new UsageError('Say why the customer gets a credit.');
    const r = await requestGoodwillCredit(ctx, { target, amount, minutes, reason: why.join(' ') });
    return requesterCard(r, ctx.services.actionSecret);
  },
};
