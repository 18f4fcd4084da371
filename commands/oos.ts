import { requesterCard } from '../cards/build/approval.js';
import { requestOutOfScope } from '../src/approvals/request-out-of-scope.js';
import { findJob } from '../src/jobs/job-store.js';
import { jobZone } from '../src/jobs/site-zone.js';
import { parseMoney, parseQuantity, takeAtOption } from './approval-args.js';
import type { Command } from './command.js';
import { UsageError, usageLines } from './command.js';
import { t } from '../src/i18n/index.js';

export const oosCommand: Command = {
  name: 'oos',
  get summary() {
    return t('commands.oos.summary');
  },
  get usage() {
    return usageLines('commands.oos.usage');
  },
  get example() {
    return t('commands.oos.example');
  },
  async run(ctx, args) {
    const [jobRef, second, third, ...rest] = args.words;
    if (!jobRef || !second || !third) throw new UsageError(t('errors-commands.oos-args'));
    // A quoted second word is free text (the tokenizer drops the quotes, so look at the raw text).
    const quoted = /^\s*\S+\s+["“]/.test(args.rest);
    if (quoted) {
      const price = parseMoney(third);
      if (price === undefined) throw new UsageError(t('errors-commands.oos-price', { typed: third }));
      return requesterCard(await requestOutOfScope(ctx, { job: jobRef, description: second, price, reason: rest.join(' ') }), ctx.services.actionSecret);
    }
    const job = await findJob(ctx.db, jobRef);
    const { words, at } = takeAtOption(rest, await jobZone(ctx.db, job), ctx.clock.now());
    const quantity = parseQuantity(third);
    if (quantity === undefined) throw new UsageError(t('errors-commands.oos-quantity', { typed: third }));
    return requesterCard(await requestOutOfScope(ctx, { job: job.ref, code: second, quantity, at, reason: words.join(' ') }), ctx.services.actionSecret);
  },
};
