/**
 * The closing report in chat: the same facts as the PDF, shortened to what a channel reads (the
 * first lines of the invoice share, the totals, SLA outcome, safety steps, signatures), with the
 * PDF and HTML a link away. The report passed in is already redacted.
 */
import type { ClosingReport } from '../../src/proof/closing-report.js';
import { jobFacts, lineStatus, money, qty, signatureLine, totalsLines } from '../../src/reports/format.js';
import { card, type Block, type Card, type Rich } from '../card.js';

const MAX_LINES = 12;

export function reportCard(r: ClosingReport, opts: { title?: string; reportUrl?: string } = {}): Card {
  const blocks: Block[] = [{ type: 'fields', fields: jobFacts(r).map(([label, value]) => ({ label, value })) }];
  blocks.push({ type: 'list', items: [r.sla.response.text, r.sla.restore.text] });
  if (r.lines.length) {
    blocks.push({
      type: 'table',
      columns: ['Date', 'What', 'Qty', 'Amount', 'Status'],
      align: ['left', 'left', 'right', 'right', 'left'],
      rows: r.lines.slice(0, MAX_LINES).map((l) => [l.date, l.description, qty(l), money(r, l.amount), lineStatus(r, l)]),
    });
    if (r.lines.length > MAX_LINES) blocks.push({ type: 'text', text: `…and ${r.lines.length - MAX_LINES} more lines in the PDF.` });
  } else {
    blocks.push({ type: 'text', text: 'No time or parts recorded on this job.' });
  }
  const [covered, ...rest] = totalsLines(r);
  blocks.push({ type: 'text', text: [{ bold: covered! }, ...rest.flatMap((t) => ['\n', t])] });
  const steps = r.checklists.flatMap((c) => c.steps.map((s): Rich => [s.done ? '[x] ' : '[ ] ', `${c.code} ${s.number}. ${s.step}${s.safety ? ' (safety)' : ''}`, ...(s.at ? [': ', { time: s.at, style: 'time' as const }] : []), s.by ? ` by ${s.by}` : '', s.proofText ? `, ${s.proofText}` : '']));
  if (steps.length) {
    blocks.push({ type: 'text', text: [{ bold: 'Checklist' }] });
    blocks.push({ type: 'list', items: steps });
  }
  if (r.signatures.length) {
    blocks.push({ type: 'text', text: [{ bold: 'Signatures' }] });
    blocks.push({ type: 'list', items: r.signatures.map((s) => signatureLine(r, s)) });
  }
  const photos = r.attachments.filter((a) => a.contentType.startsWith('image/')).length;
  const docs = r.attachments.length - photos;
  const breached = r.sla.response.breached || r.sla.restore.breached;
  return card('report', opts.title ?? `Closing report ${r.job.ref}`, {
    subtitle: `${r.contract.customer}: ${r.job.summary}`,
    tone: r.missing.length || breached ? 'warning' : 'good',
    zone: r.zone,
    visibility: 'channel',
    blocks,
    context: [
      `Proof: ${photos} picture${photos === 1 ? '' : 's'}, ${docs} document${docs === 1 ? '' : 's'}; customer messages: ${r.messages.length}.`,
      opts.reportUrl ? [{ link: `${opts.reportUrl}.pdf`, text: 'PDF' }, ' · ', { link: `${opts.reportUrl}.html`, text: 'HTML' }] : `PDF and HTML: GET /api/v1/jobs/${r.job.ref}/report.pdf (or .html)`,
    ],
    ...(opts.reportUrl ? { moreUrl: `${opts.reportUrl}.html` } : {}),
  });
}
