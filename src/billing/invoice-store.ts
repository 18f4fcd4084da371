/** Reading issued invoices and credit notes back: by number (as people type it) or id. */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { contracts, invoiceLines, invoices, people } from '../../db/schema.js';
import { closest } from '../rules/closest.js';
import { notFound } from '../errors.js';
import type { InvoiceLine, RatingResult } from '../rules/rating/index.js';
import type { TaxTerms } from '../rules/contract-types.js';
import { t } from '../i18n/index.js';

export type InvoiceRow = typeof invoices.$inferSelect;

/** A frozen line: the engine's line as issued with its tax terms, numbered; credit-note lines say what they correct. */
export type NumberedLine = InvoiceLine & { lineNo: number; correctsLine?: number; reason?: string; tax?: TaxTerms };

export async function findInvoice(db: DbOrTx, ref: string | number, opts: { forUpdate?: boolean } = {}): Promise<InvoiceRow> {
  const byId = typeof ref === 'number' || /^\d+$/.test(ref);
  const q = db
    .select()
    .from(invoices)
    .where(byId ? eq(invoices.id, Number(ref)) : sql`lower(${invoices.number}) = lower(${String(ref).trim()}) or lower(${invoices.legalNumber}) = lower(${String(ref).trim()})`);
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (row) return row;
  const all = await db.select({ n: invoices.number, legal: invoices.legalNumber }).from(invoices);
  const near = closest(String(ref), all.flatMap((r) => (r.legal ? [r.legal, r.n] : [r.n])));
  throw notFound(t('errors-billing.no-invoice', { ref: String(ref) }), near.length ? [t('errors-billing.closest', { near: near.join(', ') })] : [t('errors-billing.invoice-shape')]);
}

/** The number an issued document shows: its legal number (F000042), or its reference when it was issued before numbering. */
export function shownNumber(row: Pick<InvoiceRow, 'number' | 'legalNumber'>): string {
  return row.legalNumber ?? row.number;
}

export async function linesOf(db: DbOrTx, invoiceId: number): Promise<NumberedLine[]> {
  const rows = await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoiceId)).orderBy(asc(invoiceLines.lineNo));
  return rows.map((r) => ({ ...(r.line as InvoiceLine), lineNo: r.lineNo }));
}

export function totalsOf(lines: InvoiceLine[]): RatingResult['totals'] {
  let billable = 0;
  let credits = 0;
  let nominalCovered = 0;
  for (const l of lines) {
    if (l.kind === 'credit') credits += l.amount;
    else billable += l.amount;
    if (l.covered) nominalCovered += l.nominal ?? 0;
  }
  return { billable, credits, total: billable + credits, nominalCovered };
}

export async function creditNotesOf(db: DbOrTx, invoiceId: number): Promise<InvoiceRow[]> {
  return db.select().from(invoices).where(and(eq(invoices.correctsId, invoiceId), eq(invoices.kind, 'credit_note'))).orderBy(asc(invoices.id));
}

export async function issuerName(db: DbOrTx, id: number | null): Promise<string | undefined> {
  if (!id) return undefined;
  const [p] = await db.select({ name: people.name }).from(people).where(eq(people.id, id));
  return p?.name;
}

export async function customerOf(db: DbOrTx, contractId: string): Promise<string> {
  const [c] = await db.select({ name: contracts.customerName }).from(contracts).where(eq(contracts.id, contractId));
  return c?.name ?? contractId;
}

export async function issuedFor(db: DbOrTx, contractId: string, from: string, to: string): Promise<InvoiceRow | undefined> {
  const [row] = await db
    .select()
    .from(invoices)
    .where(and(eq(invoices.contractId, contractId), eq(invoices.kind, 'invoice'), eq(invoices.periodFrom, from), eq(invoices.periodTo, to)));
  return row;
}

export function invoiceNumber(contractId: string, periodKey: string): string {
  return `${contractId}-${periodKey}`;
}
