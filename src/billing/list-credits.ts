/**
 * Credits owed (SLA breach credits and approved goodwill), newest first, with their job, site,
 * invoice and the contract's currency. A read: no transaction, no audit row.
 */
import { and, desc, eq, gte, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { credits, invoices, jobs } from '../../db/schema.js';
import type { Ctx } from '../context.js';
import { findContract, getVersion } from '../contracts/store.js';
import { notFound } from '../errors.js';
import { findJob } from '../jobs/job-store.js';
import { creditKindSchema, type CreditKind } from '../rules/contract-types.js';
import { t } from '../i18n/index.js';

export interface CreditItem {
  id: number;
  contract: string;
  job: string | null;
  site: string | null;
  kind: CreditKind;
  /** minor units of the contract currency, positive = owed to the customer */
  amount: number;
  currency: string;
  period: string;
  rule: string;
  reason: string;
  capped: boolean;
  approval: number | null;
  at: Date;
  /** the invoice it was deducted on, if any */
  invoice: string | null;
}

export interface ListCreditsInput {
  /** an unknown contract or job is not found */
  contract?: string;
  job?: string;
  site?: string;
  kind?: CreditKind;
  /** cap period key, e.g. 2026-11 */
  period?: string;
  invoiced?: boolean;
  /** given at or after */
  from?: Date;
  /** given before */
  until?: Date;
  /** the id of the previous page's last row */
  before?: number;
  limit: number;
}

export async function listCredits(ctx: Ctx, input: ListCreditsInput): Promise<CreditItem[]> {
  const where: SQL[] = [];
  if (input.contract) where.push(eq(credits.contractId, (await findContract(ctx.db, input.contract)).id));
  if (input.job) where.push(eq(credits.jobId, (await findJob(ctx.db, input.job)).id));
  if (input.site) where.push(sql`lower(${jobs.siteId}) = lower(${input.site})`);
  if (input.kind) where.push(eq(credits.kind, input.kind));
  if (input.period) where.push(eq(credits.period, input.period));
  if (input.invoiced === true) where.push(isNotNull(credits.invoiceId));
  if (input.invoiced === false) where.push(isNull(credits.invoiceId));
  if (input.from) where.push(gte(credits.at, input.from));
  if (input.until) where.push(lt(credits.at, input.until));
  if (input.before !== undefined) where.push(lt(credits.id, input.before));
  return creditItems(ctx, where, input.limit);
}

export async function showCredit(ctx: Ctx, id: number): Promise<CreditItem> {
  const [row] = await creditItems(ctx, [eq(credits.id, id)], 1);
  if (!row) throw notFound(t('errors-billing.no-credit', { id: String(id) }), [t('errors-billing.credits-list')]);
  return row;
}

async function creditItems(ctx: Ctx, where: SQL[], limit: number): Promise<CreditItem[]> {
  const rows = await ctx.db
    .select({ c: credits, ref: jobs.ref, site: jobs.siteId, invoice: invoices.number })
    .from(credits)
    .leftJoin(jobs, eq(jobs.id, credits.jobId))
    .leftJoin(invoices, eq(invoices.id, credits.invoiceId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(credits.id))
    .limit(limit);
  const currency = new Map<string, string>();
  for (const r of rows) if (!currency.has(r.c.contractId)) currency.set(r.c.contractId, (await getVersion(ctx.db, r.c.contractId)).contract.currency);
  return rows.map(({ c: x, ref, site, invoice }) => ({
    id: x.id,
    contract: x.contractId,
    job: ref,
    site,
    kind: creditKindSchema.parse(x.kind),
    amount: x.amount,
    currency: currency.get(x.contractId)!,
    period: x.period,
    rule: x.rule,
    reason: x.reason,
    capped: x.capped,
    approval: x.approvalId,
    at: x.at,
    invoice,
  }));
}
