/**
 * An issued invoice or credit note as a document: the parties frozen at issue, the legal number,
 * dates, lines with their tax terms and the EN 16931 totals. `einvoiceData` maps it to the
 * internal format of @e-invoice-eu/core (UBL-shaped JSON, validated by the library's JSON schema),
 * which writes the UBL 2.1 and CII XML and turns our PDF into a Factur-X (PDF/A-3 with the CII
 * embedded as factur-x.xml, EN 16931 profile).
 *
 * Credit notes (type 381) carry positive amounts, as EN 16931 wants: the type says it is a credit.
 * A negative line on an invoice (an SLA credit) is a negative quantity at a positive price (BR-27:
 * no negative prices).
 */
import { customerVoice } from '../i18n/customer.js';
import type { FormatFactoryService, Invoice, InvoiceService } from '@e-invoice-eu/core';
import type { DbOrTx } from '../../db/client.js';
import type { Ctx } from '../context.js';
import { getVersion } from '../contracts/store.js';
import { preconditionFailed } from '../errors.js';
import type { BillingParty, PostalAddress, TaxTerms } from '../rules/contract-types.js';
import { TAX_CATEGORY_CODES, taxTotals, type TaxedTotals } from '../rules/tax.js';
import { requireBillingReader } from './access.js';
import { decimal } from './csv.js';
import { findInvoice, linesOf, type InvoiceRow, type NumberedLine } from './invoice-store.js';
import type { Issuer } from './issuer.js';
import { localDate } from './period.js';
import { mainZone, termsOf } from '../contracts/version-at.js';
import { t } from '../i18n/index.js';

export type TaxedLine = NumberedLine & { tax: TaxTerms };

export interface InvoiceDocument {
  kind: 'invoice' | 'credit_note';
  /** BT-1 */
  number: string;
  /** the contract-month reference people type: ACME-HVAC-2026-11 */
  reference: string;
  contract: string;
  issueDate: string;
  dueDate: string;
  period: { from: string; to: string };
  currency: string;
  /** the contract's locale: the language and formats of the printed document */
  locale: string;
  seller: Issuer;
  buyer: BillingParty;
  /** credit notes: the invoice corrected (BT-25, BT-26) */
  corrects?: { number: string; issueDate: string };
  lines: TaxedLine[];
  /** in the document's sign: a credit note's are positive */
  totals: TaxedTotals;
}

/** The document of an issued invoice or credit note; refused, with why, when it cannot be one. */
export async function invoiceDocument(ctx: Ctx, ref: string | number): Promise<InvoiceDocument> {
  requireBillingReader(ctx, 'read-invoice-documents');
  return documentOf(ctx.db, ref);
}

/** The document without a reader's role check: for the delivery task attaching it to the invoice e-mail. */
export async function documentOf(db: DbOrTx, ref: string | number): Promise<InvoiceDocument> {
  const inv = await findInvoice(db, ref);
  const label = inv.legalNumber ?? inv.number;
  if (!inv.legalNumber) throw preconditionFailed(t('errors-billing.before-legal-numbering', { number: inv.number }));
  const parties = (inv.parties ?? {}) as { seller?: Issuer; buyer?: BillingParty | null };
  const terms = await termsOf(db, inv.contractId);
  // An invoice issued before the contract named its billing party takes the one it names now.
  const current = (await getVersion(db, inv.contractId)).contract;
  const buyer = parties.buyer ?? current.billing;
  if (!buyer) throw preconditionFailed(t('errors-billing.no-billing-party', { label, contract: inv.contractId }));
  if (!parties.seller) throw preconditionFailed(t('errors-billing.no-seller', { label }));
  const lines = await linesOf(db, inv.id);
  const untaxed = lines.filter((l) => !l.tax).map((l) => l.lineNo);
  if (untaxed.length) throw preconditionFailed(t('errors-billing.untaxed', { label, n: untaxed.length, lines: untaxed.join(', ') }));
  const zone = mainZone(terms, inv.periodFrom);
  const sign = inv.kind === 'credit_note' ? -1 : 1;
  const signed = (lines as TaxedLine[]).map((l) => ({ ...l, amount: sign * l.amount, unitPrice: sign * l.unitPrice }));
  const doc: InvoiceDocument = {
    kind: inv.kind === 'credit_note' ? 'credit_note' : 'invoice',
    number: inv.legalNumber,
    reference: inv.number,
    contract: inv.contractId,
    issueDate: localDate(inv.issuedAt, zone),
    dueDate: inv.dueDate ?? localDate(inv.issuedAt, zone),
    period: { from: inv.periodFrom, to: inv.periodTo },
    currency: inv.currency,
    locale: current.locale,
    seller: parties.seller,
    buyer,
    lines: signed,
    totals: taxTotals(signed),
  };
  if (inv.correctsId) {
    const orig: InvoiceRow = await findInvoice(db, inv.correctsId);
    doc.corrects = { number: orig.legalNumber ?? orig.number, issueDate: localDate(orig.issuedAt, zone) };
  }
  return doc;
}

const UNIT_CODES: Record<string, string> = { hour: 'HUR', day: 'DAY', km: 'KMT', month: 'MON', visit: 'C62', each: 'C62' };

/** A quantity as XML decimals want it: at most four decimals, no trailing zeros. */
function qty(n: number): string {
  return String(Number(n.toFixed(4)));
}

function address(a: PostalAddress) {
  return {
    'cbc:StreetName': a.street,
    'cbc:CityName': a.city,
    'cbc:PostalZone': a.postcode,
    ...(a.region ? { 'cbc:CountrySubentity': a.region } : {}),
    'cac:Country': { 'cbc:IdentificationCode': a.country },
  };
}

function taxCategory(t: { category: TaxTerms['category']; rate: number; reason?: string }, withReason: boolean) {
  return {
    'cbc:ID': TAX_CATEGORY_CODES[t.category],
    'cbc:Percent': String(t.rate),
    ...(withReason && t.category !== 'standard' && t.category !== 'zero' && t.reason ? { 'cbc:TaxExemptionReason': t.reason } : {}),
    'cac:TaxScheme': { 'cbc:ID': 'VAT' },
  };
}

/** The document in the library's internal format (EN 16931 business terms named by their UBL paths). */
export function einvoiceData(d: InvoiceDocument): Invoice {
  const cur = d.currency;
  const money = (minor: number) => decimal(minor);
  const s = d.seller;
  const b = d.buyer;
  // A credit note also says what it corrects in a note (BT-22), for a reader of the printed document.
  const notes = [d.corrects ? `Corrects invoice ${d.corrects.number} of ${d.corrects.issueDate}` : undefined, s.legalForm ? `${s.legalName}, ${s.legalForm}` : undefined, `Late payment: ${s.payment.latePayment}`, ...d.totals.rows.filter((r) => r.category === 'reverse_charge').map((r) => r.reason)].filter((x): x is string => !!x);
  const data = {
    'ubl:Invoice': {
      'cbc:CustomizationID': 'urn:cen.eu:en16931:2017',
      'cbc:ID': d.number,
      'cbc:IssueDate': d.issueDate,
      ...(d.kind === 'invoice' ? { 'cbc:DueDate': d.dueDate } : {}),
      'cbc:InvoiceTypeCode': d.kind === 'credit_note' ? '381' : '380',
      'cbc:Note': notes,
      'cbc:DocumentCurrencyCode': cur,
      'cbc:BuyerReference': b.buyerReference ?? d.contract,
      'cac:InvoicePeriod': { 'cbc:StartDate': d.period.from, 'cbc:EndDate': d.period.to },
      ...(d.corrects ? { 'cac:BillingReference': [{ 'cac:InvoiceDocumentReference': { 'cbc:ID': d.corrects.number, 'cbc:IssueDate': d.corrects.issueDate } }] } : {}),
      'cac:ContractDocumentReference': { 'cbc:ID': d.contract },
      'cac:AccountingSupplierParty': {
        'cac:Party': {
          'cbc:EndpointID': s.email,
          'cbc:EndpointID@schemeID': 'EM',
          'cac:PostalAddress': address(s.address),
          ...(s.vatId ? { 'cac:PartyTaxScheme': [{ 'cbc:CompanyID': s.vatId, 'cac:TaxScheme': { 'cbc:ID': 'VAT' } }] } : {}),
          'cac:PartyLegalEntity': {
            'cbc:RegistrationName': s.legalName,
            'cbc:CompanyID': s.registrationId,
            ...(s.registrationScheme ? { 'cbc:CompanyID@schemeID': s.registrationScheme } : {}),
            ...(s.legalForm ? { 'cbc:CompanyLegalForm': s.legalForm } : {}),
          },
          'cac:Contact': { 'cbc:ElectronicMail': s.email },
        },
      },
      'cac:AccountingCustomerParty': {
        'cac:Party': {
          'cbc:EndpointID': b.email,
          'cbc:EndpointID@schemeID': 'EM',
          'cac:PostalAddress': address(b.address),
          ...(b.vatId ? { 'cac:PartyTaxScheme': { 'cbc:CompanyID': b.vatId, 'cac:TaxScheme': { 'cbc:ID': 'VAT' } } } : {}),
          'cac:PartyLegalEntity': { 'cbc:RegistrationName': b.legalName, ...(b.registrationId ? { 'cbc:CompanyID': b.registrationId } : {}) },
          'cac:Contact': { 'cbc:ElectronicMail': b.email },
        },
      },
      'cac:PaymentMeans': [
        {
          'cbc:PaymentMeansCode': '58',
          'cbc:PaymentID': d.number,
          'cac:PayeeFinancialAccount': { 'cbc:ID': s.bank.iban, 'cbc:Name': s.legalName, ...(s.bank.bic ? { 'cac:FinancialInstitutionBranch': { 'cbc:ID': s.bank.bic } } : {}) },
        },
      ],
      'cac:PaymentTerms': { 'cbc:Note': s.payment.terms },
      'cac:TaxTotal': [
        {
          'cbc:TaxAmount': money(d.totals.tax),
          'cbc:TaxAmount@currencyID': cur,
          'cac:TaxSubtotal': d.totals.rows.map((r) => ({
            'cbc:TaxableAmount': money(r.taxable),
            'cbc:TaxableAmount@currencyID': cur,
            'cbc:TaxAmount': money(r.tax),
            'cbc:TaxAmount@currencyID': cur,
            'cac:TaxCategory': taxCategory(r, true),
          })),
        },
      ],
      'cac:LegalMonetaryTotal': {
        'cbc:LineExtensionAmount': money(d.totals.net),
        'cbc:LineExtensionAmount@currencyID': cur,
        'cbc:TaxExclusiveAmount': money(d.totals.net),
        'cbc:TaxExclusiveAmount@currencyID': cur,
        'cbc:TaxInclusiveAmount': money(d.totals.gross),
        'cbc:TaxInclusiveAmount@currencyID': cur,
        'cbc:PayableAmount': money(d.totals.gross),
        'cbc:PayableAmount@currencyID': cur,
      },
      'cac:InvoiceLine': d.lines.map((l) => {
        // A negative amount is a negative quantity at a positive price; covered lines cost nothing.
        const neg = l.amount < 0 || (l.amount === 0 && l.unitPrice < 0);
        const price = l.covered || l.amount === 0 ? 0 : Math.abs(l.unitPrice);
        return {
          'cbc:ID': String(l.lineNo),
          ...(l.jobId || l.rule ? { 'cbc:Note': customerVoice(d.locale).t('invoice.line-note', { job: l.jobId ?? 'none', rule: l.rule }) } : {}),
          'cbc:InvoicedQuantity': qty(neg ? -Math.abs(l.quantity) : Math.abs(l.quantity)),
          'cbc:InvoicedQuantity@unitCode': UNIT_CODES[l.unit] ?? 'C62',
          'cbc:LineExtensionAmount': money(l.amount),
          'cbc:LineExtensionAmount@currencyID': cur,
          'cac:InvoicePeriod': { 'cbc:StartDate': l.date, 'cbc:EndDate': l.date },
          'cac:Item': {
            'cbc:Name': l.description.slice(0, 200),
            ...(l.code || l.sku ? { 'cac:SellersItemIdentification': { 'cbc:ID': (l.code ?? l.sku)! } } : {}),
            'cac:ClassifiedTaxCategory': taxCategory(l.tax, false),
          },
          'cac:Price': { 'cbc:PriceAmount': money(price), 'cbc:PriceAmount@currencyID': cur },
        };
      }),
    },
  };
  return data as unknown as Invoice;
}

type CiiTree = Record<string, Record<string, Record<string, Record<string, unknown>>>>;
type Renderer = { renderXML(data: unknown): string };

/**
 * BG-3 (BT-25 the invoice corrected, BT-26 its date) in a CII tree, where EN 16931's CII binding
 * puts it: `ram:InvoiceReferencedDocument` in `ram:ApplicableHeaderTradeSettlement`, right after the
 * monetary summation. @e-invoice-eu/core 2.3.4 reads BT-25 from a path its own input schema refuses
 * (`cac:BillingReference[].cbc:ID`), so its CII and Factur-X leave BG-3 out; the UBL has it.
 */
export function addPrecedingInvoice(tree: CiiTree, corrects: { number: string; issueDate: string }): void {
  const settlement = tree['rsm:CrossIndustryInvoice']?.['rsm:SupplyChainTradeTransaction']?.['ram:ApplicableHeaderTradeSettlement'];
  if (!settlement) throw new Error('CII without ram:ApplicableHeaderTradeSettlement');
  const reference = {
    'ram:IssuerAssignedID': corrects.number,
    'ram:FormattedIssueDateTime': { 'qdt:DateTimeString': corrects.issueDate.replaceAll('-', ''), 'qdt:DateTimeString@format': '102' },
  };
  const entries = Object.entries(settlement).filter(([k]) => k !== 'ram:InvoiceReferencedDocument');
  const after = entries.findIndex(([k]) => k === 'ram:SpecifiedTradeSettlementHeaderMonetarySummation');
  entries.splice(after < 0 ? entries.length : after + 1, 0, ['ram:InvoiceReferencedDocument', reference]);
  for (const k of Object.keys(settlement)) delete settlement[k];
  Object.assign(settlement, Object.fromEntries(entries));
}

const quiet = { log: () => {}, warn: () => {}, error: () => {} };

/** The generator for documents that correct nothing: one, shared (it keeps no state between documents). */
let plainService: InvoiceService | undefined;

/**
 * A generator for one document. A credit note gets its own, whose CII formats get BG-3 added to the
 * tree the library renders, so the .cii.xml and the Factur-X's factur-x.xml carry it alike.
 * The library is loaded on the first document: it costs memory a bot may never need.
 */
async function einvoice(d: InvoiceDocument): Promise<InvoiceService> {
  const { InvoiceService: Service } = await import('@e-invoice-eu/core');
  const corrects = d.corrects;
  if (!corrects) return (plainService ??= new Service(quiet));
  const service = new Service(quiet);
  const factory = (service as unknown as { formatFactoryService: FormatFactoryService }).formatFactoryService;
  const create = factory.createFormatService.bind(factory);
  factory.createFormatService = (format, logger) => {
    const formatter = create(format, logger);
    if (formatter.syntax !== 'CII') return formatter;
    const renderer = formatter as unknown as Renderer;
    const render = renderer.renderXML.bind(formatter);
    renderer.renderXML = (tree) => {
      addPrecedingInvoice(tree as CiiTree, corrects);
      return render(tree);
    };
    return formatter;
  };
  return service;
}

export async function ublXml(d: InvoiceDocument): Promise<string> {
  return String(await (await einvoice(d)).generate(einvoiceData(d), { format: 'UBL', lang: 'en' }));
}

export async function ciiXml(d: InvoiceDocument): Promise<string> {
  return String(await (await einvoice(d)).generate(einvoiceData(d), { format: 'CII', lang: 'en' }));
}

/** Our rendered PDF made a Factur-X EN 16931 document: PDF/A-3 with factur-x.xml embedded. */
export async function facturX(d: InvoiceDocument, pdf: Uint8Array): Promise<Uint8Array> {
  const out = await (await einvoice(d)).generate(einvoiceData(d), {
    format: 'Factur-X-EN16931',
    lang: d.seller.address.country === 'FR' ? 'fr-fr' : 'en',
    pdf: { buffer: pdf, filename: `${d.number}.pdf`, mimetype: 'application/pdf' },
  });
  return out as Uint8Array;
}
