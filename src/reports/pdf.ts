/**
 * The closing report as a PDF drawn with pdfkit: real text (selectable, searchable, extractable),
 * pictures embedded as JPEG. The standard Helvetica font needs no font file anywhere, but only
 * covers Windows-1252; other characters are replaced (see pdfText) rather than drawn as garbage.
 * The report passed in is already redacted.
 */
import type { ClosingReport } from '../proof/closing-report.js';
import { formatDuration } from '../rules/units.js';
import { attachmentLine, jobFacts, lineStatus, messageLine, money, qty, signatureLine, stepLine, totalsLines, when, workLine } from './format.js';
import type { ReportImage } from './images.js';

/** Windows-1252 characters beyond Latin-1 that Helvetica's standard encoding has. */
const CP1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const SUBSTITUTES: Record<string, string> = { '→': '->', '←': '<-', '≥': '>=', '≤': '<=', '✓': 'v', '✔': 'v', '✗': 'x', '−': '-', '\u00a0': ' ' };

export function pdfText(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFC')) {
    const code = ch.codePointAt(0)!;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || ch === '\n' || CP1252_EXTRA.has(ch)) out += ch;
    else out += SUBSTITUTES[ch] ?? '?';
  }
  return out;
}

export const PDF_MARGIN = 50;
const MARGIN = PDF_MARGIN;

/** An A4 document with the margin both PDFs (closing report, renewal pack) use, the text width, and its bytes once `doc.end()` is called. */
export async function openPdf(info: PDFKit.DocumentInfo) {
  // Loaded on the first PDF: pdfkit and its fonts cost ~26 MB of RSS in a bot that may never make one.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, compress: true, info });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done, width: doc.page.width - MARGIN * 2 };
}

export async function renderReportPdf(r: ClosingReport, images: Map<number, ReportImage>): Promise<Buffer> {
  const { doc, done, width } = await openPdf({ Title: pdfText(`Closing report ${r.job.ref}`), Author: 'contract-ops', Subject: pdfText(`${r.contract.customer} ${r.job.ref}`) });
  const text = (s: string, opts: PDFKit.Mixins.TextOptions = {}) => doc.text(pdfText(s), { width, ...opts });
  const heading = (s: string) => {
    if (doc.y > doc.page.height - MARGIN - 80) doc.addPage();
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).fillColor('#000');
    text(s);
    doc.moveDown(0.3).font('Helvetica').fontSize(10);
  };
  const bullet = (s: string, color = '#000') => {
    doc.fillColor(color);
    text(`•  ${s}`, { indent: 0 });
    doc.fillColor('#000').moveDown(0.15);
  };

  doc.font('Helvetica-Bold').fontSize(18);
  text(`Closing report ${r.job.ref}`);
  doc.font('Helvetica').fontSize(10).fillColor('#444');
  text(`${r.contract.customer}, ${r.job.site.name}. Generated ${when(r.generatedAt, r.zone)}.`);
  doc.fillColor('#000').moveDown(0.6);
  for (const [k, v] of jobFacts(r)) {
    doc.font('Helvetica-Bold');
    text(`${k}: `, { continued: true });
    doc.font('Helvetica');
    text(v);
  }

  heading('Service level');
  for (const w of [r.sla.response, r.sla.restore]) bullet(w.text, w.breached ? '#b3261e' : '#000');

  heading('What was done');
  if (!r.work.length) text('No time recorded.');
  for (const w of r.work) bullet(workLine(r, w));
  for (const p of r.parts) bullet(`Part: ${p.qty} × ${p.name} (${p.sku}), ${when(p.at, r.zone, 'ccc d LLL HH:mm')}`);

  heading('Covered and billable');
  if (!r.lines.length) text('No time or parts recorded on this job.');
  for (const l of r.lines) {
    if (doc.y > doc.page.height - MARGIN - 50) doc.addPage();
    doc.font('Helvetica-Bold');
    text(`${l.date}  ${l.description}${l.code ? ` (${l.code})` : ''}`);
    doc.font('Helvetica');
    text(`${qty(l)}, ${money(r, l.amount)}, ${lineStatus(r, l)}`);
    doc.fontSize(8).fillColor('#555');
    text(`Clause: ${l.rule}`);
    doc.fontSize(10).fillColor('#000').moveDown(0.3);
  }
  doc.moveDown(0.3).font('Helvetica-Bold');
  for (const t of totalsLines(r)) text(t);
  doc.font('Helvetica');
  if (r.held.length) {
    doc.moveDown(0.3);
    text('Not priced yet:');
    for (const h of r.held) bullet(`${formatDuration(h.minutes)}: ${h.reason}`, '#b3261e');
  }

  heading('Safety steps and checklist');
  if (!r.checklists.length) text("The contract has no checklist for this job's work.");
  for (const c of r.checklists) {
    doc.font('Helvetica-Bold');
    text(`${c.code}: ${c.name}`);
    doc.font('Helvetica');
    for (const s of c.steps) bullet(stepLine(r, s), !s.done && s.required ? '#b3261e' : '#000');
  }

  heading('Signatures');
  if (!r.signatures.length) text('None recorded.');
  for (const s of r.signatures) bullet(signatureLine(r, s));

  const pics = r.attachments.filter((a) => images.has(a.id));
  // Keep the heading with the first picture rather than alone at the foot of a page.
  const first = pics[0] ? images.get(pics[0].id)! : undefined;
  if (first && doc.y + (first.height / first.width) * Math.min(width, 320) + 90 > doc.page.height - MARGIN) doc.addPage();
  heading('Proof');
  for (const a of pics) {
    const img = images.get(a.id)!;
    const w = Math.min(width, 320);
    const h = (img.height / img.width) * w;
    if (doc.y + h + 30 > doc.page.height - MARGIN) doc.addPage();
    doc.image(img.data, MARGIN, doc.y, { width: w, height: h });
    doc.y += h + 4;
    doc.fontSize(8).fillColor('#555');
    text(`${a.fileName}${a.step ? ` (${a.step})` : ''}, ${when(a.at, r.zone, 'ccc d LLL HH:mm')}`);
    doc.fontSize(10).fillColor('#000').moveDown(0.5);
  }
  text('Files on record:');
  if (!r.attachments.length) text('None.');
  doc.fontSize(8);
  for (const a of r.attachments) bullet(attachmentLine(r, a));
  doc.fontSize(10);

  heading('Customer messages');
  if (!r.messages.length) text('None.');
  for (const m of r.messages) bullet(messageLine(r, m));
  doc.moveDown().fontSize(8).fillColor('#555');
  text(`Times in ${r.zone}. Amounts in ${r.contract.currency}, as the invoice prices this work under ${r.contract.id} v${r.contract.version}.`);
  doc.end();
  return done;
}
