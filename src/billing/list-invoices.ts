/**
 * Issued invoices and credit notes, newest first, and the disputes raised on their lines: what
 * finance tools and the BI sync read. Office readers only (requireBillingReader), like /invoice.
 */
import { and, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { contracts, disputes, invoiceLines, invoices, people } from '../../db/schema.js';
import type { Ctx } from '../context.js';
import { findContract } from '../contracts/store.js';
import type { InvoiceLine } from '../rules/rating/index.js';
import { requireBillingReader } from './access.js';
import { findInvoice, shownNumber } from './invoice-store.js';

export interface InvoiceFilter {
  contract?: string;
  kind?: 'invoice' | 'credit_note';
  /** YYYY-MM: the month billed */
  period?: string;
  /** issued on or after / before these instants */
  issuedFrom?: Date;
  issuedTo?: Date;
  /** with (true) or without (false) an open dispute on a line */
  disputed?: boolean;
  /** invoices corrected (true) or not (false) by a credit note */
  credited?: boolean;
  before?: number;
  limit: number;
}

export interface InvoiceSummary {
  id: number;
  /** the legal number (F000042), or the reference of a document issued before numbering */
  number: string;
  /** the reference: ACME-HVAC-2026-11, ACME-HVAC-2026-11-CN1 */
  reference: string;
  kind: 'invoice' | 'credit_note';
  contract: string;
  customer: string;
  currency: string;
  period: { key: string; from: string; to: string };
  total: number;
  issuedAt: Date;
  issuedBy: string | null;
  corrects: string | null;
  creditNotes: string[];
  openDisputes: number;
}

const openDispute = (invoiceId: SQL | typeof invoices.id) => sql`exists (select 1 from ${disputes} where ${disputes.invoiceId} = ${invoiceId} and ${disputes.status} = 'open')`;

export async function listInvoices(ctx: Ctx, f: InvoiceFilter): Promise<InvoiceSummary[]> {
  requireBillingReader(ctx, 'see-invoices');
  const where: SQL[] = [];
  if (f.contract) where.push(eq(invoices.contractId, (await findContract(ctx.db, f.contract)).id));
  if (f.kind) where.push(eq(invoices.kind, f.kind));
  if (f.period) where.push(sql`to_char(${invoices.periodFrom}, 'YYYY-MM') = ${f.period}`);
  if (f.issuedFrom) where.push(gte(invoices.issuedAt, f.issuedFrom));
  if (f.issuedTo) where.push(lt(invoices.issuedAt, f.issuedTo));
  if (f.disputed === true) where.push(openDispute(invoices.id));
  if (f.disputed === false) where.push(sql`not ${openDispute(invoices.id)}`);
  if (f.credited !== undefined) where.push(sql`${sql.raw(f.credited ? '' : 'not ')}exists (select 1 from ${invoices} cn where cn.corrects_id = ${invoices.id} and cn.kind = 'credit_note')`);
  if (f.before !== undefined) where.push(lt(invoices.id, f.before));
  const rows = await ctx.db
    .select({ i: invoices, customer: contracts.customerName, issuer: people.name })
    .from(invoices)
    .innerJoin(contracts, eq(contracts.id, invoices.contractId))
    .leftJoin(people, eq(people.id, invoices.issuedBy))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(invoices.id))
    .limit(f.limit);
  if (!rows.length) return [];
  const ids = rows.map((r) => r.i.id);
  const correctedIds = rows.map((r) => r.i.correctsId).filter((x): x is number => x !== null);
  const [notes, corrected, open] = await Promise.all([
    ctx.db.select({ id: invoices.id, number: invoices.number, legalNumber: invoices.legalNumber, corrects: invoices.correctsId }).from(invoices).where(and(eq(invoices.kind, 'credit_note'), inArray(invoices.correctsId, ids))).orderBy(invoices.id),
    correctedIds.length ? ctx.db.select({ id: invoices.id, number: invoices.number, legalNumber: invoices.legalNumber }).from(invoices).where(inArray(invoices.id, correctedIds)) : [],
    ctx.db.select({ invoiceId: disputes.invoiceId, n: sql<number>`count(*)::int` }).from(disputes).where(and(inArray(disputes.invoiceId, ids), eq(disputes.status, 'open'))).groupBy(disputes.invoiceId),
  ]);
  return rows.map(({ i, customer, issuer }) => ({
    id: i.id,
    number: shownNumber(i),
    reference: i.number,
    kind: i.kind as 'invoice' | 'credit_note',
    contract: i.contractId,
    customer,
    currency: i.currency,
    period: { key: i.periodFrom.slice(0, 7), from: i.periodFrom, to: i.periodTo },
    total: i.total,
    issuedAt: i.issuedAt,
    issuedBy: issuer,
    corrects: ((x) => (x ? shownNumber(x) : null))(corrected.find((x) => x.id === i.correctsId)),
    creditNotes: notes.filter((n) => n.corrects === i.id).map(shownNumber),
    openDisputes: Number(open.find((o) => o.invoiceId === i.id)?.n ?? 0),
  }));
}

export interface DisputeFilter {
  contract?: string;
  invoice?: string;
  status?: string;
  /** raised on or after / before these instants */
  from?: Date;
  to?: Date;
  before?: number;
  limit: number;
}

export interface DisputeView {
  id: number;
  invoice: string;
  contract: string;
  line: number;
  description: string;
  amount: number;
  currency: string;
  reason: string;
  status: string;
  raisedBy: { id: number; name: string } | null;
  createdAt: Date;
  resolvedAt: Date | null;
  /** accepted: the amount credited */
  acceptedAmount: number | null;
  /** accepted: the credit note's number */
  creditNote: string | null;
  /** rejected: the reason the customer is given */
  resolution: string | null;
}

export async function listDisputes(ctx: Ctx, f: DisputeFilter): Promise<DisputeView[]> {
  requireBillingReader(ctx, 'see-invoice-disputes');
  const where: SQL[] = [];
  if (f.contract) where.push(eq(invoices.contractId, (await findContract(ctx.db, f.contract)).id));
  if (f.invoice) where.push(eq(disputes.invoiceId, (await findInvoice(ctx.db, f.invoice)).id));
  if (f.status) where.push(sql`lower(${disputes.status}) = lower(${f.status})`);
  if (f.from) where.push(gte(disputes.createdAt, f.from));
  if (f.to) where.push(lt(disputes.createdAt, f.to));
  if (f.before !== undefined) where.push(lt(disputes.id, f.before));
  const rows = await ctx.db
    .select({ d: disputes, number: invoices.number, legalNumber: invoices.legalNumber, contract: invoices.contractId, currency: invoices.currency, line: invoiceLines.line, amount: invoiceLines.amount, name: people.name, creditNote: sql<string | null>`(select coalesce(cn.legal_number, cn.number) from invoices cn where cn.id = ${disputes.creditNoteId})` })
    .from(disputes)
    .innerJoin(invoices, eq(invoices.id, disputes.invoiceId))
    .innerJoin(invoiceLines, and(eq(invoiceLines.invoiceId, disputes.invoiceId), eq(invoiceLines.lineNo, disputes.lineNo)))
    .leftJoin(people, eq(people.id, disputes.raisedBy))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(disputes.id))
    .limit(f.limit);
  return rows.map(({ d, number, legalNumber, contract, currency, line, amount, name, creditNote }) => ({
    id: d.id,
    invoice: legalNumber ?? number,
    contract,
    line: d.lineNo,
    description: (line as InvoiceLine).description,
    amount,
    currency,
    reason: d.reason,
    status: d.status,
    raisedBy: d.raisedBy !== null && name !== null ? { id: d.raisedBy, name } : null,
    createdAt: d.createdAt,
    resolvedAt: d.resolvedAt,
    acceptedAmount: d.acceptedAmount,
    creditNote,
    resolution: d.resolution,
  }));
}
