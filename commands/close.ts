import { reportCard } from '../cards/build/report.js';
import { changeStatus } from '../src/jobs/change-status.js';
import { findJob } from '../src/jobs/job-store.js';
import { closingReport, redactReport } from '../src/proof/closing-report.js';
import { jobRefSchema } from './check.js';
import type { Command } from './command.js';
import { UsageError } from './command.js';

export const closeCommand: Command = {
  name: 'close',
  summary: 'Close a job (resolving it first if needed) and post its closing report; --preview shows the report only',
  usage: ['/close <job> [--preview]'],
  example: '/close J-1001',
  async run(ctx, args) {
    if (!args.words[0]) throw new UsageError('Which job? /close J-1001');
    const ref = jobRefSchema.parse(args.words[0]);
    const preview = args.words.includes('--preview');
    let note = '';
    if (!preview) {
      const job = await findJob(ctx.db, ref);
      if (job.status === 'closed') note = ' (closed earlier)';
      else {
        // Resolve and close are two changes with their own events; the checklist guard checks both.
        if (job.status !== 'resolved') await changeStatus(ctx, { job: ref, to: 'resolved', reason: 'closed from chat' });
        await changeStatus(ctx, { job: ref, to: 'closed' });
      }
    }
    const r = await closingReport(ctx, { job: ref });
    const base = ctx.services.publicUrl ? `${ctx.services.publicUrl.replace(/\/$/, '')}/api/v1/jobs/${r.report.job.ref}/report` : undefined;
    return reportCard(redactReport(r.contract, r.report), { title: `${preview ? 'Report preview' : 'Closing report'} ${r.report.job.ref}${note}`, reportUrl: base });
  },
};
