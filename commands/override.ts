import { requesterCard } from '../cards/build/approval.js';
import { requestRateOverride } from '../src/approvals/request-rate-override.js';
import { parseMoney } from './approval-args.js';
import type { Command } from './command.js';
import { UsageError, usageLines } from './command.js';
import { t } from '../src/i18n/index.js';

export const overrideCommand: Command = {
  name: 'override',
  get summary() {
    return t('commands.override.summary');
  },
  get usage() {
    return usageLines('commands.override.usage');
  },
  get example() {
    return t('commands.override.example');
  },
  async run(ctx, args) {
    const [job, code, price, ...why] = args.words;
    if (!job || !code || !price) throw new UsageError(t('errors-commands.override-args'));
    const minor = parseMoney(price);
    if (minor === undefined) throw new UsageError(t('errors-commands.override-price', { typed: price }));
    if (!why.length) throw new UsageError(t('errors-commands.override-why'));
    return requesterCard(await requestRateOverride(ctx, { job, code, price: minor, reason: why.join(' ') }), ctx.services.actionSecret);
  },
};
