/**
 * From report data to files that leave the system: redaction first, then pictures, then HTML or
 * PDF. Callers that serve people (chat, API) get the data from the `closingReport` verb, which
 * checks who asks; the e-mail of a message a dispatcher already approved builds it directly.
 */
import type { Ctx } from '../context.js';
import { loadJob } from '../jobs/job-store.js';
import { outboundContract } from '../messages/outbound.js';
import { buildClosingReport, redactReport, type ClosingReport } from '../proof/closing-report.js';
import type { Contract } from '../rules/contract-types.js';
import { renderReportHtml } from './html.js';
import { reportImages, type ReportImage } from './images.js';
import { renderReportPdf } from './pdf.js';

export interface ReportBundle {
  /** redacted */
  report: ClosingReport;
  images: Map<number, ReportImage>;
}

export async function bundleReport(ctx: Ctx, data: { report: ClosingReport; contract: Contract }): Promise<ReportBundle> {
  const report = redactReport(data.contract, data.report);
  return { report, images: await reportImages(ctx.services.attachmentsDir, data.report.attachments, ctx.log) };
}

export async function reportPdf(ctx: Ctx, data: { report: ClosingReport; contract: Contract }): Promise<Buffer> {
  const b = await bundleReport(ctx, data);
  return renderReportPdf(b.report, b.images);
}

export async function reportHtml(ctx: Ctx, data: { report: ClosingReport; contract: Contract }): Promise<string> {
  const b = await bundleReport(ctx, data);
  return renderReportHtml(b.report, b.images);
}

/** The PDF for a closing e-mail (no actor check: sending was decided by a dispatcher or the team). */
export async function closingReportPdf(ctx: Ctx, jobId: number): Promise<Buffer> {
  const job = await loadJob(ctx.db, jobId);
  return reportPdf(ctx, { report: await buildClosingReport(ctx, job), contract: await outboundContract(ctx.db, job, ctx.clock.now()) });
}
