/**
 * The closing report in chat: the same facts as the PDF, shortened to what a channel reads (the
 * first lines of the invoice share, the totals, SLA outcome, safety steps, signatures), with the
 * PDF and HTML a link away, in the reader's language (the PDF speaks the contract's). The report
 * passed in is already redacted.
 */
import type { ClosingReport } from '../../src/proof/closing-report.js';
import { jobFacts, lineStatus, money, outcomeText, qty, readerReportVoice, signatureLine, totalsLines } from '../../src/reports/format.js';
import { readerShortDate } from '../../src/i18n/format.js';
import { t } from '../../src/i18n/t.js';
import { card, type Block, type Card, type Rich } from '../card.js';

const MAX_LINES = 12;

export function reportCard(r: ClosingReport, opts: { title?: string; reportUrl?: string } = {}): Card {
  const v = readerReportVoice();
  const sla = (o: ClosingReport['sla']['response']) => outcomeText(o, o.targetMinutes - o.elapsedMinutes, r.zone, v);
  const blocks: Block[] = [{ type: 'fields', fields: jobFacts(r, v).map(([label, value]) => ({ label, value })) }];
  blocks.push({ type: 'list', items: [sla(r.sla.response), sla(r.sla.restore)] });
  if (r.lines.length) {
    blocks.push({
      type: 'table',
      columns: [t('cards-report.col.date'), t('cards-report.col.what'), t('cards-report.col.qty'), t('cards-report.col.amount'), t('cards-report.col.status')],
      align: ['left', 'left', 'right', 'right', 'left'],
      rows: r.lines.slice(0, MAX_LINES).map((l) => [readerShortDate(l.date), l.description, qty(l, v), money(r, l.amount, v), lineStatus(r, l, v)]),
    });
    if (r.lines.length > MAX_LINES) blocks.push({ type: 'text', text: t('cards-report.more-lines', { n: r.lines.length - MAX_LINES }) });
  } else {
    blocks.push({ type: 'text', text: t('cards-report.nothing') });
  }
  const [covered, ...rest] = totalsLines(r, v);
  blocks.push({ type: 'text', text: [{ bold: covered! }, ...rest.flatMap((t) => ['\n', t])] });
  const steps = r.checklists.flatMap((c) => c.steps.map((s): Rich => [s.done ? '[x] ' : '[ ] ', `${c.code} ${s.number}. ${s.step}${s.safety ? t('cards-report.safety') : ''}`, ...(s.at ? [': ', { time: s.at, style: 'time' as const }] : []), s.by ? t('cards-report.by', { who: s.by }) : '', s.proofText ? `, ${s.proofText}` : '']));
  if (steps.length) {
    blocks.push({ type: 'text', text: [{ bold: t('cards-report.checklist') }] });
    blocks.push({ type: 'list', items: steps });
  }
  if (r.signatures.length) {
    blocks.push({ type: 'text', text: [{ bold: t('cards-report.signatures') }] });
    blocks.push({ type: 'list', items: r.signatures.map((s) => signatureLine(r, s, v)) });
  }
  const photos = r.attachments.filter((a) => a.contentType.startsWith('image/')).length;
  const docs = r.attachments.length - photos;
  const breached = r.sla.response.breached || r.sla.restore.breached;
  return card('report', opts.title ?? t('cards-report.title', { ref: r.job.ref }), {
    subtitle: t('common.pair', { a: r.contract.customer, b: r.job.summary }),
    tone: r.missing.length || breached ? 'warning' : 'good',
    zone: r.zone,
    visibility: 'channel',
    blocks,
    context: [
      t('cards-report.proof', { photos, docs, messages: r.messages.length }),
      opts.reportUrl ? [{ link: `${opts.reportUrl}.pdf`, text: t('cards-report.format', { format: 'pdf' }) }, ' · ', { link: `${opts.reportUrl}.html`, text: t('cards-report.format', { format: 'html' }) }] : t('cards-report.pdf-html', { url: `GET /api/v1/jobs/${r.job.ref}/report.pdf` }),
    ],
    ...(opts.reportUrl ? { moreUrl: `${opts.reportUrl}.html` } : {}),
  });
}
