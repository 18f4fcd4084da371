/**
 * The invoice or credit note finance sends, as a PDF (pdfkit, Liberation Sans embedded so the
 * document can be PDF/A): seller and buyer, number and dates, the lines grouped by job with the rule
 * that priced each, subtotals, the tax breakdown, the total and how to pay. `invoicePdf` returns it
 * as a Factur-X document: the library adds the PDF/A-3 metadata and embeds the CII as factur-x.xml.
 */
import { openPdf, PDF_MARGIN } from '../reports/pdf.js';
import { projectPath } from '../project-root.js';
import { formatMoney } from '../rules/units.js';
import { TAX_CATEGORY_CODES } from '../rules/tax.js';
import type { PostalAddress } from '../rules/contract-types.js';
import { facturX, type InvoiceDocument, type TaxedLine } from './e-invoice.js';

const FONT = projectPath('src', 'kpi', 'fonts', 'LiberationSans-Regular.ttf');
const FONT_BOLD = projectPath('src', 'kpi', 'fonts', 'LiberationSans-Bold.ttf');

const CATEGORY_WORDS = { standard: 'Standard rate', zero: 'Zero rate', exempt: 'Exempt', reverse_charge: 'Reverse charge', outside_scope: 'Not subject to tax' } as const;

function addressLines(a: PostalAddress): string[] {
  return [a.street, `${a.postcode} ${a.city}${a.region ? `, ${a.region}` : ''}`, a.country];
}

/** The printed document alone (no XML): what `invoicePdf` turns into a Factur-X. */
export async function renderInvoicePdf(d: InvoiceDocument): Promise<Buffer> {
  const title = d.kind === 'credit_note' ? 'Credit note' : 'Invoice';
  const { doc, done, width } = await openPdf({ Title: `${title} ${d.number}`, Author: d.seller.legalName, Subject: `${title} ${d.number} to ${d.buyer.legalName}, ${d.reference}`, CreationDate: new Date(`${d.issueDate}T00:00:00Z`) });
  doc.registerFont('sans', FONT);
  doc.registerFont('sans-bold', FONT_BOLD);
  const M = PDF_MARGIN;
  const money = (m: number) => formatMoney(m, d.currency);
  const bottom = () => doc.page.height - M - 40;

  doc.font('sans-bold').fontSize(20).text(`${title} ${d.number}`, M, M, { width });
  doc.font('sans').fontSize(9).fillColor('#444').text(`Reference ${d.reference} · contract ${d.contract} · period ${d.period.from} to ${d.period.to}`, { width });
  doc.fillColor('#000').moveDown(1);

  // Seller and buyer side by side.
  const top = doc.y;
  const half = width / 2 - 10;
  const block = (x: number, head: string, lines: string[]) => {
    doc.font('sans-bold').fontSize(9).text(head, x, top, { width: half });
    doc.font('sans').fontSize(10);
    for (const l of lines) doc.text(l, x, doc.y, { width: half });
    return doc.y;
  };
  const s = d.seller;
  const b = d.buyer;
  const y1 = block(M, 'From', [s.legalName, ...addressLines(s.address), ...(s.vatId ? [`VAT ${s.vatId}`] : []), `Registration ${s.registrationId}`, s.email]);
  const y2 = block(M + width / 2 + 10, 'Bill to', [b.legalName, ...addressLines(b.address), ...(b.vatId ? [`VAT ${b.vatId}`] : []), ...(b.registrationId ? [`Registration ${b.registrationId}`] : []), ...(b.buyerReference ? [`Your reference ${b.buyerReference}`] : []), b.email]);
  doc.x = M;
  doc.y = Math.max(y1, y2) + 12;

  const facts: [string, string][] = [
    ['Issue date', d.issueDate],
    ...(d.kind === 'invoice' ? ([['Due date', d.dueDate]] as [string, string][]) : []),
    ...(d.corrects ? ([['Corrects invoice', `${d.corrects.number} of ${d.corrects.issueDate}`]] as [string, string][]) : []),
    ['Currency', d.currency],
  ];
  for (const [k, v] of facts) {
    doc.font('sans-bold').fontSize(10).text(`${k}: `, M, doc.y, { continued: true });
    doc.font('sans').text(v);
  }
  doc.moveDown(0.8);

  // Lines grouped by job, in line order of each group's first line.
  const cols = { no: M, date: M + 22, desc: M + 82, qty: M + 290, price: M + 340, amount: M + 410, tax: M + 470 };
  const header = () => {
    doc.font('sans-bold').fontSize(8);
    const y = doc.y;
    doc.text('#', cols.no, y).text('Date', cols.date, y).text('Description', cols.desc, y).text('Qty', cols.qty, y, { width: 45, align: 'right' });
    doc.text('Unit price', cols.price, y, { width: 65, align: 'right' }).text('Amount', cols.amount, y, { width: 55, align: 'right' }).text('Tax', cols.tax, y, { width: 25, align: 'right' });
    doc.moveTo(M, doc.y + 2).lineTo(M + width, doc.y + 2).strokeColor('#999').stroke();
    doc.moveDown(0.4);
  };
  const groups = new Map<string, TaxedLine[]>();
  for (const l of d.lines) {
    const key = l.jobId ? `Job ${l.jobId}${l.siteId ? `, site ${l.siteId}` : ''}` : 'Contract';
    groups.set(key, [...(groups.get(key) ?? []), l]);
  }
  header();
  for (const [name, lines] of groups) {
    if (doc.y > bottom() - 40) {
      doc.addPage();
      header();
    }
    doc.font('sans-bold').fontSize(9).text(name, M, doc.y, { width });
    for (const l of lines) {
      if (doc.y > bottom()) {
        doc.addPage();
        header();
      }
      const y = doc.y;
      doc.font('sans').fontSize(8.5);
      doc.text(String(l.lineNo), cols.no, y).text(l.date, cols.date, y);
      doc.text(`${l.code ?? l.sku ?? ''} ${l.description}`.trim(), cols.desc, y, { width: 200 });
      const yEnd = doc.y;
      doc.text(`${Number(l.quantity.toFixed(2))} ${l.unit}`, cols.qty, y, { width: 45, align: 'right' });
      doc.text(money(l.unitPrice), cols.price, y, { width: 65, align: 'right' });
      doc.text(money(l.amount), cols.amount, y, { width: 55, align: 'right' });
      doc.text(`${TAX_CATEGORY_CODES[l.tax.category]} ${l.tax.rate}%`, cols.tax, y, { width: 25, align: 'right' });
      doc.fillColor('#555').fontSize(7.5).text(`Priced by: ${l.rule}${l.covered ? ' (covered)' : ''}`, cols.desc, Math.max(yEnd, doc.y), { width: 330 });
      doc.fillColor('#000').moveDown(0.25);
    }
    doc.font('sans').fontSize(8.5).text(`Subtotal ${name}: ${money(lines.reduce((t, l) => t + l.amount, 0))}`, M, doc.y, { width, align: 'right' });
    doc.moveDown(0.5);
  }

  // Tax breakdown and totals.
  if (doc.y > bottom() - 120) doc.addPage();
  doc.moveTo(M, doc.y).lineTo(M + width, doc.y).strokeColor('#999').stroke();
  doc.moveDown(0.4);
  const total = (k: string, v: string, bold = false) => {
    const y = doc.y;
    doc.font(bold ? 'sans-bold' : 'sans').fontSize(bold ? 11 : 9.5);
    doc.text(k, M + width / 3, y, { width: (width * 2) / 3 - 90 });
    doc.text(v, M + width - 90, y, { width: 90, align: 'right' });
  };
  total('Total before tax', money(d.totals.net));
  for (const r of d.totals.rows) {
    total(`${CATEGORY_WORDS[r.category]} (${TAX_CATEGORY_CODES[r.category]}) ${r.rate}% on ${money(r.taxable)}`, money(r.tax));
  }
  total('Total tax', money(d.totals.tax));
  total(d.kind === 'credit_note' ? 'Total credited' : 'Total due', money(d.totals.gross), true);
  doc.moveDown(0.6);
  for (const r of d.totals.rows) if (r.reason) doc.font('sans').fontSize(8.5).text(`${CATEGORY_WORDS[r.category]}: ${r.reason}`, M, doc.y, { width });

  // How to pay.
  doc.moveDown(0.8).font('sans-bold').fontSize(10).text(d.kind === 'credit_note' ? 'Settlement' : 'Payment', M, doc.y, { width });
  doc.font('sans').fontSize(9);
  if (d.kind === 'invoice') doc.text(`Please pay ${money(d.totals.gross)} by ${d.dueDate}, quoting ${d.number}.`, { width });
  doc.text(`Bank transfer to ${s.legalName}, IBAN ${s.bank.iban}${s.bank.bic ? `, BIC ${s.bank.bic}` : ''}.`, { width });
  doc.text(s.payment.terms, { width });
  doc.text(s.payment.latePayment, { width });
  if (s.legalForm) doc.moveDown(0.6).fillColor('#555').fontSize(8).text(`${s.legalName}, ${s.legalForm}`, { width });
  doc.end();
  return done;
}

/** The Factur-X PDF: the printed document with its CII embedded (PDF/A-3, EN 16931 profile). */
export async function invoicePdf(d: InvoiceDocument): Promise<Uint8Array> {
  return facturX(d, await renderInvoicePdf(d));
}
