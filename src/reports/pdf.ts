/**
 * The closing report as a PDF drawn with pdfkit: real text (selectable, searchable, extractable),
 * pictures embedded as JPEG. The standard Helvetica font needs no font file anywhere, but only
 * covers Windows-1252; other characters are replaced (see pdfText) rather than drawn as garbage.
 * The report passed in is already redacted.
 */
import type { ClosingReport } from '../proof/closing-report.js';
import { attachmentLine, jobFacts, lineStatus, messageLine, money, qty, reportVoice, signatureLine, stepLine, totalsLines, when, whenShort, workLine } from './format.js';
import type { ReportImage } from './images.js';

/** Windows-1252 characters beyond Latin-1 that Helvetica's standard encoding has. */
const CP1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const SUBSTITUTES: Record<string, string> = { '→': '->', '←': '<-', '≥': '>=', '≤': '<=', '✓': 'v', '✔': 'v', '✗': 'x', '−': '-', '\u00a0': ' ', '\u202f': '\u00a0' };

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
  const v = reportVoice(r);
  const title = v.t('report.title', { ref: r.job.ref });
  const { doc, done, width } = await openPdf({ Title: pdfText(title), Author: 'contract-ops', Subject: pdfText(`${r.contract.customer} ${r.job.ref}`) });
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
  text(title);
  doc.font('Helvetica').fontSize(10).fillColor('#444');
  text(v.t('report.generated', { customer: r.contract.customer, site: r.job.site.name, at: when(r, r.generatedAt, v) }));
  doc.fillColor('#000').moveDown(0.6);
  for (const [label, value] of jobFacts(r, v)) {
    doc.font('Helvetica-Bold');
    text(`${v.t('report.label', { label })} `, { continued: true });
    doc.font('Helvetica');
    text(value);
  }

  heading(v.t('report.section.sla'));
  for (const w of [r.sla.response, r.sla.restore]) bullet(w.text, w.breached ? '#b3261e' : '#000');

  heading(v.t('report.section.work'));
  if (!r.work.length) text(v.t('report.work.none'));
  for (const w of r.work) bullet(workLine(r, w, v));
  for (const p of r.parts) bullet(v.t('report.part', { qty: p.qty, name: p.name, sku: p.sku, at: whenShort(r, p.at, v) }));

  heading(v.t('report.section.lines'));
  if (!r.lines.length) text(v.t('report.lines.none'));
  for (const l of r.lines) {
    if (doc.y > doc.page.height - MARGIN - 50) doc.addPage();
    doc.font('Helvetica-Bold');
    text(`${v.numericDate(l.date)}  ${l.description}${l.code ? ` (${l.code})` : ''}`);
    doc.font('Helvetica');
    text(`${qty(l, v)}, ${money(r, l.amount, v)}, ${lineStatus(r, l, v)}`);
    doc.fontSize(8).fillColor('#555');
    text(v.t('report.line.clause', { rule: l.rule }));
    doc.fontSize(10).fillColor('#000').moveDown(0.3);
  }
  doc.moveDown(0.3).font('Helvetica-Bold');
  for (const t of totalsLines(r, v)) text(t);
  doc.font('Helvetica');
  if (r.held.length) {
    doc.moveDown(0.3);
    text(v.t('report.held'));
    for (const h of r.held) bullet(v.t('common.pair', { a: v.duration(h.minutes), b: h.reason }), '#b3261e');
  }

  heading(v.t('report.section.checklists'));
  if (!r.checklists.length) text(v.t('report.checklists.none'));
  for (const c of r.checklists) {
    doc.font('Helvetica-Bold');
    text(v.t('common.pair', { a: c.code, b: c.name }));
    doc.font('Helvetica');
    for (const s of c.steps) bullet(stepLine(r, s, v), !s.done && s.required ? '#b3261e' : '#000');
  }

  heading(v.t('report.section.signatures'));
  if (!r.signatures.length) text(v.t('report.none-recorded'));
  for (const s of r.signatures) bullet(signatureLine(r, s, v));

  const pics = r.attachments.filter((a) => images.has(a.id));
  // Keep the heading with the first picture rather than alone at the foot of a page.
  const first = pics[0] ? images.get(pics[0].id)! : undefined;
  if (first && doc.y + (first.height / first.width) * Math.min(width, 320) + 90 > doc.page.height - MARGIN) doc.addPage();
  heading(v.t('report.section.proof'));
  for (const a of pics) {
    const img = images.get(a.id)!;
    const w = Math.min(width, 320);
    const h = (img.height / img.width) * w;
    if (doc.y + h + 30 > doc.page.height - MARGIN) doc.addPage();
    doc.image(img.data, MARGIN, doc.y, { width: w, height: h });
    doc.y += h + 4;
    doc.fontSize(8).fillColor('#555');
    text(`${a.fileName}${a.step ? ` (${a.step})` : ''}, ${whenShort(r, a.at, v)}`);
    doc.fontSize(10).fillColor('#000').moveDown(0.5);
  }
  text(v.t('report.label', { label: v.t('report.files') }));
  if (!r.attachments.length) text(v.t('report.none'));
  doc.fontSize(8);
  for (const a of r.attachments) bullet(attachmentLine(r, a, v));
  doc.fontSize(10);

  heading(v.t('report.section.messages'));
  if (!r.messages.length) text(v.t('report.none'));
  for (const m of r.messages) bullet(messageLine(r, m, v));
  doc.moveDown().fontSize(8).fillColor('#555');
  text(v.t('report.footer', { zone: r.zone, currency: r.contract.currency, contract: r.contract.id, version: r.contract.version }));
  doc.end();
  return done;
}
