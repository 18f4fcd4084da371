/**
 * An issued invoice or credit note as finance tools import it: one row per line with its rule,
 * job, site, date, quantity, unit price and amount, and the document's tax-free total. The
 * contract's redaction patterns apply to every text leaving the system.
 */
import type { Ctx } from '../context.js';
import { getVersion } from '../contracts/store.js';
import { redact } from '../messages/template.js';
import { requireBillingReader } from './access.js';
import { decimal, toCsv } from './csv.js';
import { customerOf, findInvoice, issuerName, linesOf, shownNumber } from './invoice-store.js';

export const CSV_COLUMNS = [
  'invoice_number',
  'reference',
  'document',
  'corrects',
  'issued_at',
  'period_from',
  'period_to',
  'customer',
  'currency',
  'line',
  'date',
  'job',
  'site',
  'code',
  'description',
  'quantity',
  'unit',
  'unit_price',
  'amount',
  'covered',
  'nominal_value',
  'rule',
  'contract_version',
  'total_ex_tax',
] as const;

export async function exportInvoice(ctx: Ctx, input: { invoice: string | number }) {
  requireBillingReader(ctx, 'export-invoices');
  const inv = await findInvoice(ctx.db, input.invoice);
  const lines = await linesOf(ctx.db, inv.id);
  const corrects = inv.correctsId ? shownNumber(await findInvoice(ctx.db, inv.correctsId)) : undefined;
  // The newest redaction rules are the safest to apply to anything leaving now.
  const contract = (await getVersion(ctx.db, inv.contractId)).contract;
  const clean = (s: string) => redact(contract, s);
  const customer = clean(await customerOf(ctx.db, inv.contractId));
  const json = {
    number: shownNumber(inv),
    reference: inv.number,
    document: inv.kind,
    ...(corrects ? { corrects } : {}),
    contract: inv.contractId,
    customer,
    currency: inv.currency,
    period: { from: inv.periodFrom, to: inv.periodTo },
    issuedAt: inv.issuedAt.toISOString(),
    issuedBy: (await issuerName(ctx.db, inv.issuedBy)) ?? null,
    totalExTax: decimal(inv.total),
    totalExTaxMinor: inv.total,
    lines: lines.map((l) => ({
      line: l.lineNo,
      date: l.date,
      job: l.jobId ?? null,
      site: l.siteId ?? null,
      code: l.code ?? l.sku ?? null,
      kind: l.kind,
      description: clean(l.description),
      quantity: l.quantity,
      unit: l.unit,
      unitPrice: decimal(l.unitPrice),
      amount: decimal(l.amount),
      amountMinor: l.amount,
      covered: l.covered,
      ...(l.nominal !== undefined ? { nominalValue: decimal(l.nominal) } : {}),
      rule: clean(l.rule),
      contractVersion: l.version,
      sources: l.sources,
      ...(l.correctsLine ? { correctsLine: l.correctsLine } : {}),
    })),
  };
  const csv = toCsv(
    [...CSV_COLUMNS],
    json.lines.map((l) => [
      json.number,
      json.reference,
      json.document,
      corrects ?? '',
      json.issuedAt,
      json.period.from,
      json.period.to,
      customer,
      json.currency,
      l.line,
      l.date,
      l.job,
      l.site,
      l.code,
      l.description,
      l.quantity,
      l.unit,
      l.unitPrice,
      l.amount,
      l.covered ? 'yes' : 'no',
      l.nominalValue ?? '',
      l.rule,
      l.contractVersion,
      json.totalExTax,
    ]),
  );
  return { invoice: inv, json, csv, fileName: json.number };
}
