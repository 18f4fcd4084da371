/**
 * The renewal pack as a PDF (pdfkit): real text, so it can be searched, quoted and extracted, in
 * the Liberation Sans the charts use (embedded and subset by pdfkit, so any name a contract holds,
 * accents or not, prints as written), with the SLA chart as an image. The creation date is the
 * pack's own instant, so the same pack gives the same document.
 */
import { projectPath } from '../project-root.js';
import { openPdf, PDF_MARGIN } from '../reports/pdf.js';
import { formatPercent, formatRatio } from '../rules/kpi.js';
import { formatDuration, formatMoney } from '../rules/units.js';
import { langOf } from '../i18n/lang.js';
import { packFacts, savedWords } from './present.js';
import type { RenewalPack } from './renewal-pack.js';

const FONT = projectPath('src', 'kpi', 'fonts', 'LiberationSans-Regular.ttf');
const FONT_BOLD = projectPath('src', 'kpi', 'fonts', 'LiberationSans-Bold.ttf');
const MARGIN = PDF_MARGIN;

export async function renewalPdf(p: RenewalPack, chartPng?: Buffer): Promise<Buffer> {
  const { doc, done, width } = await openPdf({ Title: `Renewal pack ${p.contract.id}`, Author: 'contract-ops', Subject: `${p.contract.customer}, term ${p.contract.term.start} to ${p.contract.term.end}`, CreationDate: p.at });
  doc.registerFont('sans', FONT);
  doc.registerFont('sans-bold', FONT_BOLD);
  const text = (s: string, opts: PDFKit.Mixins.TextOptions = {}) => doc.text(s, { width, ...opts });
  const heading = (s: string) => {
    if (doc.y > doc.page.height - MARGIN - 90) doc.addPage();
    doc.moveDown(0.8).font('sans-bold').fontSize(13).fillColor('#000');
    text(s);
    doc.moveDown(0.3).font('sans').fontSize(10);
  };
  const fact = (k: string, v: string) => {
    doc.font('sans-bold');
    text(`${k}: `, { continued: true });
    doc.font('sans');
    text(v);
  };
  const money = (m: number) => formatMoney(m, p.contract.currency);
  const saved = langOf(p.contract.locale) ?? 'en';

  doc.font('sans-bold').fontSize(20);
  text(`Renewal pack: ${p.contract.id}`);
  doc.font('sans').fontSize(11).fillColor('#444');
  text(`${p.contract.customer}. Evidence from ${p.span.from} to ${p.span.to}.`);
  doc.fillColor('#000').moveDown(0.6).fontSize(10);
  for (const [k, v] of packFacts(p)) fact(k, v);

  heading('SLA performance over the term');
  fact('Response met', formatRatio(p.sla.response, 'no jobs closed in the term yet'));
  fact('Restore met', formatRatio(p.sla.restore, 'no jobs closed in the term yet'));
  if (chartPng) {
    doc.moveDown(0.4);
    doc.image(chartPng, { width });
    doc.moveDown(0.4);
  }
  if (p.sla.byPriority.length) {
    doc.moveDown(0.3);
    const cols = [0, 120, 220, 340];
    const row = (cells: string[], bold = false) => {
      if (doc.y > doc.page.height - MARGIN - 30) doc.addPage();
      const y = doc.y;
      doc.font(bold ? 'sans-bold' : 'sans');
      cells.forEach((c, i) => doc.text(c, MARGIN + cols[i]!, y, { width: 110, lineBreak: false }));
      doc.x = MARGIN;
      doc.moveDown(0.9);
    };
    row(['Priority', 'Jobs closed', 'Response met', 'Restore met'], true);
    for (const c of p.sla.byPriority) row([c.key, String(c.closed), c.response.value === null ? '-' : formatPercent(c.response.value), c.restore.value === null ? '-' : formatPercent(c.restore.value)]);
    doc.font('sans');
  }

  heading('Value delivered');
  if ('error' in p.value) text(p.value.error);
  else {
    fact('Covered work at nominal value', money(p.value.nominalCovered));
    fact('Fees billed for the same months', money(p.value.feeBilled));
    fact('Value delivered per unit of fee', p.value.ratio.value === null ? 'no fee in this span' : `${p.value.ratio.value.toFixed(2)}x`);
    fact('Billable work beyond the fee', money(p.value.billable - p.value.feeBilled));
    fact('Time logged', `${formatDuration(p.value.loggedMinutes)}${p.value.unbilledMinutes ? `, of which ${formatDuration(p.value.unbilledMinutes)} neither billed nor covered` : ''}`);
  }
  if (p.prepaid.length) {
    heading('Prepaid hours');
    for (const b of p.prepaid) fact(`${b.codes.join(', ')} (${b.from} to ${b.until})`, `${formatDuration(b.usedMinutes)} used of ${b.hours}h (${formatPercent(b.hours ? b.usedMinutes / (b.hours * 60) : 0)})`);
  }

  heading('Credits used');
  fact('SLA credits', `${money(p.credits.sla)} (${p.credits.slaCount})${p.credits.capped ? `; the cap cut ${p.credits.capped}` : ''}`);
  fact('Goodwill credits', `${money(p.credits.goodwill)} (${p.credits.goodwillCount})`);

  heading('Disputes');
  fact('Invoice lines disputed', p.disputes.lines ? `${p.disputes.disputed} of ${p.disputes.lines} (${formatPercent(p.disputes.disputed / p.disputes.lines)}), ${money(p.disputes.amount)}` : 'no invoice issued in the term yet');
  fact('Still open', String(p.disputes.open));
  fact('Settled', `${p.disputes.accepted} accepted (${money(p.disputes.credited)} credited), ${p.disputes.rejected} rejected`);

  heading('Highlights: the biggest saves');
  if (!p.highlights.length) text('No breach-risk alert was acted on before a breach in this term.');
  for (const h of p.highlights) {
    text(
      `•  ${h.ref} ${h.priority} ${h.window} (warned at ${h.level}): ${savedWords(h.action, saved)}${h.actedBy ? ` by ${h.actedBy}` : ''}, ${formatDuration(h.marginMinutes)} before the due time${h.avoided ? `; avoided a ${money(h.avoided)} credit` : ''}.`,
    );
    doc.moveDown(0.15);
  }
  doc.moveDown(1).fontSize(8).fillColor('#555');
  text(`Generated by contract-ops on ${p.at.toISOString()} from ${p.contract.id} v${p.contract.version}. Definitions: docs/kpi.md.`);
  doc.end();
  return done;
}
