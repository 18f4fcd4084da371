/**
 * The documents finance sends: legal numbers, the invoice PDF (Factur-X), the UBL and CII XML, and
 * credit notes referencing what they correct. Runs on PGlite here and on Postgres in CI.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { invoices } from '../../db/schema.js';
import { creditNote } from '../../src/billing/credit-note.js';
import { ciiXml, einvoiceData, invoiceDocument, ublXml } from '../../src/billing/e-invoice.js';
import { invoicePdf } from '../../src/billing/invoice-pdf.js';
import { issueInvoice } from '../../src/billing/issue-invoice.js';
import { createContract } from '../../src/contracts/create-contract.js';
import { schedulerActor, withActor } from '../../src/context.js';
import { pilotText } from '../support/pilots.js';
import { testKit, type TestKit } from '../support/app.js';
import { expectError, goodwill, job, say, text } from './helpers.js';

// The e-invoice library compiles its JSON schema on first use; documents take seconds on a busy machine.
const SLOW = 120_000;

let kit: TestKit;
beforeAll(async () => {
  kit = await testKit();
});
afterAll(async () => kit?.close());
beforeEach(async () => {
  await kit.reset();
  kit.clock.set('2026-11-24T15:00:00Z');
});

/** Every text content of elements named `name` (namespace prefix included), in document order. */
function all(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}(?:\\s[^>]*)?>([^<]*)</${name}>`, 'g'))].map((m) => m[1]!);
}
const one = (xml: string, name: string) => all(xml, name)[0];

async function pdfjsDoc(pdf: Uint8Array) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const fonts = fileURLToPath(new URL('../../node_modules/pdfjs-dist/standard_fonts/', import.meta.url));
  return pdfjs.getDocument({ data: new Uint8Array(pdf), standardFontDataUrl: fonts, useSystemFonts: false, isEvalSupported: false }).promise;
}

/** ACME October: fee 1,800.00 + 2 h × 85.00 + travel 45.00 + belt 22.00 - goodwill 20.00 = 2,017.00 before tax. */
async function acmeOctober(): Promise<void> {
  kit.clock.set('2026-10-06T15:00:00Z');
  const ref = await job(await kit.as('dana'), 'ACME-HVAC', 'PAR-HQ', 'P3', '2026-10-06T07:00:00Z');
  const tom = await kit.as('tom');
  await say(kit, tom, `/log ${ref} 09:00-11:00 HVAC-LAB`);
  await say(kit, tom, `/part ${ref} BELT-A42`);
  await goodwill(kit, 'ACME-HVAC', 2000, '2026-10-20T10:00:00Z', 'Late arrival');
  kit.clock.set('2026-11-02T09:00:00Z');
}

describe('an issued invoice as documents', { timeout: SLOW }, () => {
  it('the XML says what the invoice says: number, dates, currency, parties, tax breakdown, totals', async () => {
    await acmeOctober();
    const fiona = await kit.as('fiona');
    const issued = await issueInvoice(fiona, { contract: 'ACME-HVAC', period: '2026-10' });
    expect(issued.invoice).toMatchObject({ legalNumber: 'F000001', number: 'ACME-HVAC-2026-10', dueDate: '2026-12-02', taxTotal: 40340 });
    const doc = await invoiceDocument(fiona, 'F000001');
    expect(doc).toMatchObject({ number: 'F000001', issueDate: '2026-11-02', dueDate: '2026-12-02', currency: 'EUR' });
    // 2,017.00 at 20 % = 403.40; 2,420.40 due.
    expect(doc.totals).toEqual({ rows: [{ category: 'standard', rate: 20, taxable: 201700, tax: 40340 }], net: 201700, tax: 40340, gross: 242040 });

    const ubl = await ublXml(doc);
    expect(one(ubl, 'cbc:ID')).toBe('F000001'); // BT-1
    expect(one(ubl, 'cbc:IssueDate')).toBe('2026-11-02'); // BT-2
    expect(one(ubl, 'cbc:DueDate')).toBe('2026-12-02'); // BT-9
    expect(one(ubl, 'cbc:InvoiceTypeCode')).toBe('380'); // BT-3
    expect(one(ubl, 'cbc:DocumentCurrencyCode')).toBe('EUR'); // BT-5
    expect(one(ubl, 'cbc:BuyerReference')).toBe('PO-ACME-2026-118'); // BT-10
    expect(all(ubl, 'cbc:RegistrationName')).toEqual(['Contract Ops Services SAS', 'Acme Facilities SAS']); // BT-27, BT-44
    expect(all(ubl, 'cbc:CompanyID')).toEqual(expect.arrayContaining(['FR40123456789', '123456789', 'FR32552081317'])); // BT-31, BT-30, BT-48
    expect(one(ubl, 'cbc:TaxableAmount')).toBe('2017.00'); // BG-23 BT-116
    expect(all(ubl, 'cbc:TaxAmount')).toEqual(['403.40', '403.40']); // BT-110, BT-117
    expect(one(ubl, 'cbc:LineExtensionAmount')).toBe('2017.00'); // BG-22 BT-106
    expect(one(ubl, 'cbc:TaxExclusiveAmount')).toBe('2017.00'); // BT-109
    expect(one(ubl, 'cbc:TaxInclusiveAmount')).toBe('2420.40'); // BT-112
    expect(one(ubl, 'cbc:PayableAmount')).toBe('2420.40'); // BT-115
    expect(all(ubl, 'cbc:InvoicedQuantity')).toHaveLength(issued.lines.length);
    // The goodwill credit is a negative quantity at a positive price (BR-27).
    expect(ubl).toMatch(/<cbc:InvoicedQuantity unitCode="C62">-1<\/cbc:InvoicedQuantity>\s*<cbc:LineExtensionAmount currencyID="EUR">-20.00</);

    const cii = await ciiXml(doc);
    expect(cii).toMatch(/<rsm:ExchangedDocument>\s*<ram:ID>F000001<\/ram:ID>/); // BT-1
    expect(one(cii, 'ram:TypeCode')).toBe('380');
    expect(one(cii, 'udt:DateTimeString')).toBe('20261102'); // BT-2
    expect(one(cii, 'ram:InvoiceCurrencyCode')).toBe('EUR'); // BT-5
    expect(cii).toContain('<ram:SellerTradeParty>');
    expect(cii).toContain('<ram:BuyerTradeParty>');
    expect(all(cii, 'ram:Name')).toEqual(expect.arrayContaining(['Contract Ops Services SAS', 'Acme Facilities SAS'])); // BT-27, BT-44
    expect(all(cii, 'ram:CalculatedAmount')).toEqual(['403.40']); // BG-23
    expect(all(cii, 'ram:BasisAmount')).toEqual(['2017.00']);
    expect(all(cii, 'ram:CategoryCode').at(-1)).toBe('S');
    expect(one(cii, 'ram:LineTotalAmount')?.length).toBeGreaterThan(0);
    expect(all(cii, 'ram:TaxBasisTotalAmount')).toEqual(['2017.00']); // BG-22
    expect(all(cii, 'ram:GrandTotalAmount')).toEqual(['2420.40']);
    expect(all(cii, 'ram:DuePayableAmount')).toEqual(['2420.40']);
    expect(all(cii, 'ram:IBANID')).toEqual(['FR7630006000011234567890189']);
  });

  it('validates against the library schema: a document missing a mandatory term is refused', async () => {
    await acmeOctober();
    const fiona = await kit.as('fiona');
    await issueInvoice(fiona, { contract: 'ACME-HVAC', period: '2026-10' });
    const doc = await invoiceDocument(fiona, 'ACME-HVAC-2026-10');
    const data = einvoiceData(doc) as unknown as { 'ubl:Invoice': Record<string, unknown> };
    delete data['ubl:Invoice']['cbc:IssueDate'];
    const { InvoiceService } = await import('@e-invoice-eu/core');
    const svc = new InvoiceService({ log: () => {}, warn: () => {}, error: () => {} });
    const err = await svc.generate(data as never, { format: 'CII', lang: 'en' }).then(
      () => undefined,
      (e: unknown) => e as { errors?: unknown },
    );
    expect(JSON.stringify(err?.errors)).toMatch(/IssueDate/);
  });

  it('the PDF is a Factur-X: PDF/A-3, its factur-x.xml is the CII export, and it reads as the invoice', async () => {
    await acmeOctober();
    const fiona = await kit.as('fiona');
    await issueInvoice(fiona, { contract: 'ACME-HVAC', period: '2026-10' });
    const doc = await invoiceDocument(fiona, 'F000001');
    const pdf = await invoicePdf(doc);
    const parsed = await pdfjsDoc(pdf);
    const files = (await parsed.getAttachments()) as Record<string, { filename: string; content: Uint8Array }>;
    const fx = Object.values(files).find((f) => f.filename === 'factur-x.xml');
    expect(fx, 'factur-x.xml embedded').toBeDefined();
    expect(Buffer.from(fx!.content).toString('utf8')).toBe(await ciiXml(doc));
    const meta = await parsed.getMetadata();
    const xmp = (meta.metadata as unknown as { getRaw?: () => string } | null)?.getRaw?.() ?? Buffer.from(pdf).toString('latin1');
    expect(xmp).toMatch(/pdfaid:part(>|=")3/);
    expect(xmp).toMatch(/EN 16931/);
    const page = await (await parsed.getPage(1)).getTextContent();
    // ACME's contract is fr-FR: the printed invoice is French, amounts written with no-break spaces.
    const text = page.items.map((it) => ('str' in it ? it.str : '')).join(' ').replace(/\u00a0/g, ' ');
    for (const s of ['Facture F000001', 'Contract Ops Services SAS', 'Acme Facilities SAS', 'PO-ACME-2026-118', 'Date d’échéance', '2 décembre 2026', 'Demande J-', 'Tarifé selon : tarif standard', '403,40 €', 'Total à payer', '2 420,40 €', 'FR7630006000011234567890189']) {
      expect(text).toContain(s);
    }
  });

  it('a credit note has its own sequence, refers to the invoice it corrects and carries positive amounts', async () => {
    await acmeOctober();
    const fiona = await kit.as('fiona');
    await issueInvoice(fiona, { contract: 'ACME-HVAC', period: '2026-10' });
    const cn = await creditNote(fiona, { invoice: 'F000001', line: 1, reason: 'Fee waived for the outage', amount: 10000 });
    expect(cn.creditNote).toMatchObject({ legalNumber: 'AV000001', number: 'ACME-HVAC-2026-10-CN1', taxTotal: -2000 });
    const doc = await invoiceDocument(fiona, 'AV000001');
    expect(doc.totals).toMatchObject({ net: 10000, tax: 2000, gross: 12000 });
    const ubl = await ublXml(doc);
    expect(ubl).toContain('381');
    expect(ubl).toMatch(/<cac:InvoiceDocumentReference>\s*<cbc:ID>F000001<\/cbc:ID>\s*<cbc:IssueDate>2026-11-02</); // BT-25, BT-26
    const cii = await ciiXml(doc);
    expect(one(cii, 'ram:TypeCode')).toBe('381');
    // BG-3 where EN 16931's CII binding puts it: in the header settlement, after the totals.
    expect(cii).toMatch(/<\/ram:SpecifiedTradeSettlementHeaderMonetarySummation>\s*<ram:InvoiceReferencedDocument>\s*<ram:IssuerAssignedID>F000001<\/ram:IssuerAssignedID>\s*<ram:FormattedIssueDateTime>\s*<qdt:DateTimeString format="102">20261102<\/qdt:DateTimeString>/);
    expect(all(cii, 'ram:IssuerAssignedID')).toEqual(['ACME-HVAC', 'F000001']); // BT-12, BT-25
    expect(cii).toContain('Corrects invoice F000001 of 2026-11-02');
    expect(all(cii, 'ram:GrandTotalAmount')).toEqual(['120.00']);
    const pdf = await invoicePdf(doc);
    const files = (await (await pdfjsDoc(pdf)).getAttachments()) as Record<string, { filename: string; content: Uint8Array }>;
    const fx = Object.values(files).find((f) => f.filename === 'factur-x.xml');
    expect(Buffer.from(fx!.content).toString('utf8')).toBe(cii);
    // The invoice itself names no preceding invoice.
    expect(await ciiXml(await invoiceDocument(fiona, 'F000001'))).not.toContain('InvoiceReferencedDocument');
  });

  it('an invoice of a contract without a billing party or tax terms is refused as a document, saying what to add', async () => {
    const fiona = await kit.as('fiona');
    const text = pilotText('BRIGHTDESK-IT').replace('id: BRIGHTDESK-IT', 'id: NOPARTY-IT').replace(/^billing:\n(?: {2}.*\n)+/m, '').replace(/^tax: .*\n/m, '');
    await createContract(withActor(kit.app.ctx, schedulerActor), { terms: { text }, reason: 'test: no billing party' });
    await issueInvoice(fiona, { contract: 'NOPARTY-IT', period: '2026-10' });
    await expectError(invoiceDocument(fiona, 'NOPARTY-IT-2026-10'), 'precondition_failed', /no billing party; add `billing:`/);
  });
});

describe('in chat', { timeout: SLOW }, () => {
  it('/invoice issue says the legal number, tax and total due, and where the Factur-X PDF is', async () => {
    await acmeOctober();
    const card = await say(kit, await kit.as('fiona'), '/invoice issue ACME-HVAC 2026-10');
    const context = (card.context ?? []).map((c) => (typeof c === 'string' ? c : JSON.stringify(c))).join('\n');
    expect(context).toContain('Invoice F000001: EUR 2,017.00 + tax EUR 403.40 = EUR 2,420.40, due 2026-12-02.');
    const path = /PDF \(Factur-X\) saved to (\S+\.pdf)/.exec(context)?.[1];
    expect(path && existsSync(path)).toBe(true);
    expect(readFileSync(path!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(text(card)).toMatch(/Issued F000001 \(ACME-HVAC-2026-10\)/);
  });

  it('a French reader of /invoice issue reads the due date as French writes it, not ISO', async () => {
    await acmeOctober();
    const fiona = await kit.as('fiona');
    await say(kit, fiona, '/language fr');
    const card = await say(kit, await kit.as('fiona'), '/invoice issue ACME-HVAC 2026-10');
    const context = (card.context ?? []).map((c) => (typeof c === 'string' ? c : JSON.stringify(c))).join('\n');
    expect(context).toMatch(/^Facture F000001\u00a0: 2\s017,00\s€ \+ taxes 403,40\s€ = 2\s420,40\s€, échéance 2 décembre 2026\.$/mu);
    expect(context).not.toContain('2026-12-02');
  });
});

describe('legal numbering', { timeout: SLOW }, () => {
  it('20 concurrent issues for 20 contracts give 20 consecutive numbers, no gap, no duplicate, in issue order', async () => {
    const base = pilotText('ACME-HVAC');
    const ids = Array.from({ length: 20 }, (_, i) => `SEQ-${String(i + 1).padStart(2, '0')}`);
    for (const id of ids) await createContract(withActor(kit.app.ctx, schedulerActor), { terms: { text: base.replace('id: ACME-HVAC', `id: ${id}`) }, reason: 'test: numbering' });
    kit.clock.set('2026-11-02T09:00:00Z');
    const fiona = await kit.as('fiona');
    const results = await Promise.allSettled(ids.map((contract) => issueInvoice(fiona, { contract, period: '2026-10' })));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const rows = await kit.db.db.select({ legal: invoices.legalNumber, id: invoices.id, at: invoices.issuedAt }).from(invoices);
    const numbers = rows.map((r) => r.legal).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `F${String(i + 1).padStart(6, '0')}`));
    // Chronological: a later number is never issued before an earlier one.
    const byNumber = [...rows].sort((a, b) => (a.legal! < b.legal! ? -1 : 1));
    for (let i = 1; i < byNumber.length; i++) expect(byNumber[i]!.at.getTime()).toBeGreaterThanOrEqual(byNumber[i - 1]!.at.getTime());
  });

  it('a refused issue gives its number back: the next invoice takes it', async () => {
    await acmeOctober();
    const fiona = await kit.as('fiona');
    await issueInvoice(fiona, { contract: 'ACME-HVAC', period: '2026-10' });
    await expectError(issueInvoice(fiona, { contract: 'ACME-HVAC', period: '2026-10' }), 'conflict', /already invoiced/);
    const r = await issueInvoice(fiona, { contract: 'NORTHWIND-TEL', period: '2026-10' });
    expect(r.invoice.legalNumber).toBe('F000002');
  });
});
