/** `/contract usage`: prepaid hours left, covered visits left per site, credits owed this month. */
import { and, eq, gte, lt } from 'drizzle-orm';
import { credits } from '../../db/schema.js';
import type { Ctx } from '../context.js';
import { creditCapAmount } from '../rules/sla-credits.js';
import { requireBillingReader } from './access.js';
import { periodBounds, periodOf } from './period.js';
import { contractTerms } from './rating-input.js';
import { versionAt } from '../contracts/version-at.js';
import { usageNow, type BankUsage, type SiteUsage } from './usage-now.js';

export interface ContractUsage {
  contractId: string;
  currency: string;
  today: string;
  zone: string;
  month: string;
  banks: BankUsage[];
  sites: SiteUsage[];
  credits: {
    count: number;
    sla: number;
    goodwill: number;
    /** SLA credits still possible this month under creditCap (undefined without a monthly cap) */
    capLeft?: number;
    cap?: number;
    invoiced: number;
  };
}

export async function contractUsage(ctx: Ctx, input: { contract: string }): Promise<ContractUsage> {
  requireBillingReader(ctx, 'see-contract-usage');
  const terms = await contractTerms(ctx.db, input.contract);
  const u = await usageNow(ctx.db, terms, ctx.clock.now());
  const c = versionAt(terms, u.today).contract;
  const month = periodOf(ctx.clock.now(), u.zone);
  const { start, end } = periodBounds(month, u.zone);
  const rows = await ctx.db
    .select()
    .from(credits)
    .where(and(eq(credits.contractId, terms.contractId), gte(credits.at, start), lt(credits.at, end)));
  const sla = rows.filter((r) => r.kind === 'sla').reduce((s, r) => s + r.amount, 0);
  const goodwill = rows.filter((r) => r.kind !== 'sla').reduce((s, r) => s + r.amount, 0);
  // Only a monthly cap says what is left "this month"; quarterly and yearly caps span other months.
  const cap = c.sla.creditCap?.per === 'month' ? (creditCapAmount(c) ?? undefined) : undefined;
  return {
    contractId: terms.contractId,
    currency: c.currency,
    today: u.today,
    zone: u.zone,
    month: month.key,
    banks: u.banks,
    sites: u.sites,
    credits: {
      count: rows.length,
      sla,
      goodwill,
      ...(cap !== undefined ? { cap, capLeft: Math.max(0, cap - sla) } : {}),
      invoiced: rows.filter((r) => r.invoiceId !== null).reduce((s, r) => s + r.amount, 0),
    },
  };
}
