import { reportCard } from '../cards/build/report.js';
import { changeStatus } from '../src/jobs/change-status.js';
import { findJob } from '../src/jobs/job-store.js';
import { closingReport, redactReport } from '../src/proof/closing-report.js';
import { jobRefSchema } from './check.js';
import type { Command } from './command.js';
import { UsageError, usageLines } from './command.js';
import { t } from '../src/i18n/index.js';

export const closeCommand: Command = {
  name: 'close',
  get summary() {
    return t('close.summary');
  },
  get usage() {
    return usageLines('close.usage');
  },
  get example() {
    return t('close.example');
  },
  async run(ctx, args) {
    if (!args.words[0]) throw new UsageError(t('close.which-job'));
    const ref = jobRefSchema.parse(args.words[0]);
    const preview = args.words.includes('--preview');
    let earlier = false;
    if (!preview) {
      const job = await findJob(ctx.db, ref);
      if (job.status === 'closed') earlier = true;
      else {
        // Resolve and close are two changes with their own events; the checklist guard checks both.
        if (job.status !== 'resolved') await changeStatus(ctx, { job: ref, to: 'resolved', reason: 'closed from chat' });
        await changeStatus(ctx, { job: ref, to: 'closed' });
      }
    }
    const r = await closingReport(ctx, { job: ref });
    const base = ctx.services.publicUrl ? `${ctx.services.publicUrl.replace(/\/$/, '')}/api/v1/jobs/${r.report.job.ref}/report` : undefined;
    return reportCard(redactReport(r.contract, r.report), { title: t('close.title', { preview: preview ? 'yes' : 'no', ref: r.report.job.ref, earlier: earlier ? 'yes' : 'no' }), reportUrl: base });
  },
};
