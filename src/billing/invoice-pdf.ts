/**
 * The invoice or credit note finance sends, as a PDF (pdfkit, Liberation Sans embedded so the
 * document can be PDF/A): seller and buyer, number and dates, the lines grouped by job with the rule
 * that priced each, subtotals, the tax breakdown, the total and how to pay. `invoicePdf` returns it
 * as a Factur-X document: the library adds the PDF/A-3 metadata and embeds the CII as factur-x.xml.
 */
import { openPdf, PDF_MARGIN } from '../reports/pdf.js';
import { projectPath } from '../project-root.js';
import { customerVoice, type CustomerVoice } from '../i18n/customer.js';
import { TAX_CATEGORY_CODES } from '../rules/tax.js';
import type { PostalAddress } from '../rules/contract-types.js';
import { facturX, type InvoiceDocument, type TaxedLine } from './e-invoice.js';

const FONT = projectPath('src', 'kpi', 'fonts', 'LiberationSans-Regular.ttf');
const FONT_BOLD = projectPath('src', 'kpi', 'fonts', 'LiberationSans-Bold.ttf');

function addressLines(a: PostalAddress): string[] {
  return [a.street, `${a.postcode} ${a.city}${a.region ? `, ${a.region}` : ''}`, a.country];
}

/** The printed document alone (no XML): what `invoicePdf` turns into a Factur-X. */
export async function renderInvoicePdf(d: InvoiceDocument): Promise<Buffer> {
  // Liberation Sans has no narrow no-break space (French "1 800,00 €", "20 %", "« … »"); a no-break space prints the same.
  const printable = (s: string) => s.replace(/\u202f/g, '\u00a0');
  const voice = customerVoice(d.locale);
  const v: CustomerVoice = { ...voice, t: (key, values) => printable(voice.t(key, values)) };
  const title = v.t('invoice.title', { kind: d.kind, number: d.number });
  const { doc, done, width } = await openPdf({ Title: title, Author: d.seller.legalName, Subject: v.t('invoice.pdf-subject', { kind: d.kind, number: d.number, buyer: d.buyer.legalName, reference: d.reference }), CreationDate: new Date(`${d.issueDate}T00:00:00Z`) });
  doc.registerFont('sans', FONT);
  doc.registerFont('sans-bold', FONT_BOLD);
  const M = PDF_MARGIN;
  const money = (m: number) => printable(v.money(m, d.currency));
  const category = (c: string) => v.t('invoice.category', { category: c });
  const bottom = () => doc.page.height - M - 40;

  doc.font('sans-bold').fontSize(20).text(title, M, M, { width });
  doc.font('sans').fontSize(9).fillColor('#444').text(v.t('invoice.header', { reference: d.reference, contract: d.contract, from: v.date(d.period.from), to: v.date(d.period.to) }), { width });
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
  const y1 = block(M, v.t('invoice.from'), [s.legalName, ...addressLines(s.address), ...(s.vatId ? [v.t('invoice.vat', { id: s.vatId })] : []), v.t('invoice.registration', { id: s.registrationId }), s.email]);
  const y2 = block(M + width / 2 + 10, v.t('invoice.bill-to'), [
    b.legalName,
    ...addressLines(b.address),
    ...(b.vatId ? [v.t('invoice.vat', { id: b.vatId })] : []),
    ...(b.registrationId ? [v.t('invoice.registration', { id: b.registrationId })] : []),
    ...(b.buyerReference ? [v.t('invoice.your-reference', { ref: b.buyerReference })] : []),
    b.email,
  ]);
  doc.x = M;
  doc.y = Math.max(y1, y2) + 12;

  const facts: [string, string][] = [
    [v.t('invoice.issue-date'), v.date(d.issueDate)],
    ...(d.kind === 'invoice' ? ([[v.t('invoice.due-date'), v.date(d.dueDate)]] as [string, string][]) : []),
    ...(d.corrects ? ([[v.t('invoice.corrects'), v.t('invoice.corrects.value', { number: d.corrects.number, date: v.date(d.corrects.issueDate) })]] as [string, string][]) : []),
    [v.t('invoice.currency'), d.currency],
  ];
  for (const [label, value] of facts) {
    doc.font('sans-bold').fontSize(10).text(v.t('invoice.fact', { label }), M, doc.y, { continued: true });
    doc.font('sans').text(value);
  }
  doc.moveDown(0.8);

  // Lines grouped by job, in line order of each group's first line.
  const cols = { no: M, date: M + 22, desc: M + 82, qty: M + 290, price: M + 340, amount: M + 410, tax: M + 470 };
  const header = () => {
    doc.font('sans-bold').fontSize(8);
    const y = doc.y;
    doc.text('#', cols.no, y).text(v.t('invoice.col.date'), cols.date, y).text(v.t('invoice.col.description'), cols.desc, y).text(v.t('invoice.col.qty'), cols.qty, y, { width: 45, align: 'right' });
    doc.text(v.t('invoice.col.unit-price'), cols.price, y, { width: 65, align: 'right' }).text(v.t('invoice.col.amount'), cols.amount, y, { width: 55, align: 'right' }).text(v.t('invoice.col.tax'), cols.tax, y, { width: 25, align: 'right' });
    doc.moveTo(M, doc.y + 2).lineTo(M + width, doc.y + 2).strokeColor('#999').stroke();
    doc.moveDown(0.4);
  };
  const groups = new Map<string, TaxedLine[]>();
  for (const l of d.lines) {
    const key = l.jobId ? v.t('invoice.group.job', { job: l.jobId, site: l.siteId ?? 'none' }) : v.t('invoice.group.contract');
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
      doc.text(String(l.lineNo), cols.no, y).text(v.numericDate(l.date), cols.date, y);
      doc.text(`${l.code ?? l.sku ?? ''} ${l.description}`.trim(), cols.desc, y, { width: 200 });
      const yEnd = doc.y;
      doc.text(v.quantity(l.quantity, l.unit), cols.qty, y, { width: 45, align: 'right' });
      doc.text(money(l.unitPrice), cols.price, y, { width: 65, align: 'right' });
      doc.text(money(l.amount), cols.amount, y, { width: 55, align: 'right' });
      doc.text(v.t('invoice.tax-cell', { code: TAX_CATEGORY_CODES[l.tax.category], rate: l.tax.rate }), cols.tax, y, { width: 25, align: 'right' });
      doc.fillColor('#555').fontSize(7.5).text(v.t('invoice.priced-by', { rule: l.rule, covered: l.covered ? 'yes' : 'no' }), cols.desc, Math.max(yEnd, doc.y), { width: 330 });
      doc.fillColor('#000').moveDown(0.25);
    }
    doc.font('sans').fontSize(8.5).text(v.t('invoice.subtotal', { group: name, amount: money(lines.reduce((t, l) => t + l.amount, 0)) }), M, doc.y, { width, align: 'right' });
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
  total(v.t('invoice.total.net'), money(d.totals.net));
  for (const r of d.totals.rows) {
    total(v.t('invoice.tax-row', { category: category(r.category), code: TAX_CATEGORY_CODES[r.category], rate: r.rate, taxable: money(r.taxable) }), money(r.tax));
  }
  total(v.t('invoice.total.tax'), money(d.totals.tax));
  total(v.t('invoice.total.gross', { kind: d.kind }), money(d.totals.gross), true);
  doc.moveDown(0.6);
  for (const r of d.totals.rows) if (r.reason) doc.font('sans').fontSize(8.5).text(v.t('invoice.tax-reason', { category: category(r.category), reason: r.reason }), M, doc.y, { width });

  // How to pay.
  doc.moveDown(0.8).font('sans-bold').fontSize(10).text(v.t('invoice.payment', { kind: d.kind }), M, doc.y, { width });
  doc.font('sans').fontSize(9);
  if (d.kind === 'invoice') doc.text(v.t('invoice.please-pay', { amount: money(d.totals.gross), date: v.date(d.dueDate), number: d.number }), { width });
  doc.text(v.t('invoice.bank', { name: s.legalName, iban: s.bank.iban, bic: s.bank.bic ?? 'none' }), { width });
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
