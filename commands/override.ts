import { requesterCard } from '../cards/build/approval.js';
import { requestRateOverride } from '../src/approvals/request-rate-override.js';
import { parseMoney } from './approval-args.js';
import type { Command } from './command.js';
import { UsageError } from './command.js';

export const overrideCommand: Command = {
  name: 'override',
  summary: "Ask to bill a code on a job at another unit price (finance decides)",
  usage: ['/override <job> <code> <unit price> <why>'],
  example: '/override J-1001 HVAC-LAB 70.00 agreed with the customer after the dispute',
  async run(ctx, args) {
    const [job, code, price, ...why] = args.words;
    if (!job || !code || !price) throw new UsageError('Say which job, which code and the new unit price.');
    const minor = parseMoney(price);
    if (minor === undefined) throw new UsageError(`"${price}" is not a price; write it like 70.00.`);
    if (!why.length) throw new UsageError('Say why the price changes.');
    return requesterCard(await requestRateOverride(ctx, { job, code, price: minor, reason: why.join(' ') }), ctx.services.actionSecret);
  },
};
