/**
 * The closing report for the customer, through a signed link: the same report the closing e-mail
 * attaches (src/proof's builder, redacted with the contract's patterns, pictures embedded), so
 * nothing the e-mail would hide shows here.
 */
import type { Hono } from 'hono';
import { loadJob } from '../jobs/job-store.js';
import { buildClosingReport } from '../proof/closing-report.js';
import { outboundContract } from '../messages/outbound.js';
import { reportHtml } from '../reports/export.js';
import { linkOf, linkReader, refusedFor, type FieldDeps } from './field-ctx.js';
import { t } from '../i18n/t.js';

export function registerReportPage(app: Hono, deps: FieldDeps): void {
  app.get('/f/report/:token', async (c) => {
    const l = await linkOf(c, deps, 'report');
    if (!l.ok) return l.response;
    const ctx = deps.ctx;
    const job = await loadJob(ctx.db, l.link.j).catch(() => undefined);
    if (!job || job.status === 'cancelled') return refusedFor(c, await linkReader(deps, l.link), 410, 'errors-web.report-gone-title', () => t('errors-web.report-gone'));
    const page = await reportHtml(ctx, { report: await buildClosingReport(ctx, job), contract: await outboundContract(ctx.db, job, ctx.clock.now()) });
    // Pictures are embedded as data: URLs; the page runs no script.
    c.header('content-security-policy', "default-src 'none'; img-src data:; style-src 'unsafe-inline'");
    return c.html(page);
  });
}
