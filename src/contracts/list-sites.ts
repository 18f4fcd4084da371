/**
 * Sites of every contract's current version (the `sites` look-up table), by contract then site id,
 * and one site of a contract's newest version with its zone. Reads: no transaction, no audit row.
 */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { sites } from '../../db/schema.js';
import type { Ctx } from '../context.js';
import { notFound } from '../errors.js';
import { closest } from '../rules/closest.js';
import type { Site } from '../rules/contract-types.js';
import { findContract, getVersion } from './store.js';
import { t } from '../i18n/t.js';

export type SiteRow = typeof sites.$inferSelect;

export interface ListSitesInput {
  contract?: string;
  tier?: string;
  /** part of the name or address */
  q?: string;
  /** the (contract, site) key of the previous page's last row */
  after?: readonly [string, string];
  limit: number;
}

export async function listSites(ctx: Ctx, input: ListSitesInput): Promise<SiteRow[]> {
  const where: SQL[] = [];
  if (input.contract) where.push(eq(sites.contractId, (await findContract(ctx.db, input.contract)).id));
  if (input.tier) where.push(sql`lower(${sites.tier}) = lower(${input.tier})`);
  if (input.q) where.push(sql`(${sites.name} ilike ${'%' + input.q + '%'} or ${sites.address} ilike ${'%' + input.q + '%'})`);
  if (input.after) where.push(sql`(${sites.contractId}, ${sites.id}) > (${input.after[0]}, ${input.after[1]})`);
  return ctx.db.select().from(sites).where(where.length ? and(...where) : undefined).orderBy(asc(sites.contractId), asc(sites.id)).limit(input.limit);
}

export interface SiteDetail {
  contract: string;
  version: number;
  site: Site;
  /** the site calendar's IANA zone ('' when the look-up table has no row for it) */
  zone: string;
}

/** One site of a contract's newest version; an unknown site names the closest ids. */
export async function showSite(ctx: Ctx, input: { contract: string; site: string }): Promise<SiteDetail> {
  const row = await findContract(ctx.db, input.contract);
  const v = await getVersion(ctx.db, row.id);
  const s = v.contract.sites.find((x) => x.id.toLowerCase() === input.site.toLowerCase());
  if (!s) {
    const near = closest(input.site, v.contract.sites.map((x) => x.id));
    throw notFound(t('errors-contracts.no-site-on', { site: input.site, contract: row.id }), near.length ? [t('errors-contracts.closest', { ids: near.join(', ') })] : [t('errors-jobs.sites', { sites: v.contract.sites.map((x) => x.id).join(', ') })]);
  }
  const [stored] = await ctx.db.select({ zone: sites.zone }).from(sites).where(and(eq(sites.contractId, row.id), eq(sites.id, s.id)));
  return { contract: row.id, version: v.version, site: s, zone: stored?.zone ?? '' };
}
