import { requesterCard } from '../cards/build/approval.js';
import { requestPermit } from '../src/approvals/request-permit.js';
import { findJob } from '../src/jobs/job-store.js';
import { jobZone } from '../src/jobs/site-zone.js';
import { takeWhen } from './approval-args.js';
import type { Command } from './command.js';
import { UsageError, usageLines } from './command.js';
import { t } from '../src/i18n/index.js';

export const permitCommand: Command = {
  name: 'permit',
  get summary() {
    return t('commands.permit.summary');
  },
  get usage() {
    return usageLines('commands.permit.usage');
  },
  get example() {
    return t('commands.permit.example');
  },
  async run(ctx, args) {
    const [jobRef] = args.words;
    if (!jobRef) throw new UsageError(t('errors-commands.which-job'));
    const job = await findJob(ctx.db, jobRef);
    const zone = await jobZone(ctx.db, job);
    const from = takeWhen(args.words, 1, zone, ctx.clock.now());
    if (!from) throw new UsageError(t('errors-commands.permit-start'));
    // "06:00 10:00": the end is the next 10:00 after the start, so a night span crosses midnight.
    const to = takeWhen(args.words, 1 + from.used, zone, from.at);
    if (!to) throw new UsageError(t('errors-commands.permit-end'));
    const why = args.words.slice(1 + from.used + to.used).join(' ');
    return requesterCard(await requestPermit(ctx, { job: job.ref, from: from.at, to: to.at, reason: why }), ctx.services.actionSecret);
  },
};
