/**
 * Which contracts a KPI report covers (one team's, or all), the zone its weeks are read in, and
 * the contract versions the formulas need. Small: there are tens of contracts, not millions.
 */
import { asc, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { contracts, teams } from '../../db/schema.js';
import { closest } from '../rules/closest.js';
import { allVersions, type ContractVersion } from '../contracts/store.js';
import { notFound } from '../errors.js';
import type { Contract } from '../rules/contract-types.js';
import { t } from '../i18n/t.js';

export interface ScopeContract {
  id: string;
  team: string;
  customerName: string;
  /** oldest first */
  versions: ContractVersion[];
}

export interface KpiScope {
  team: { id: string; name: string; zone: string } | null;
  zone: string;
  contracts: ScopeContract[];
}

/** The version in force on a local date: the newest effective on or before it, else the first. */
export function versionOn(c: ScopeContract, date: string): ContractVersion {
  let found: ContractVersion | undefined;
  // Versions are oldest first; among equal effective dates the later version wins.
  for (const v of c.versions) if (v.effectiveFrom <= date && (!found || v.effectiveFrom >= found.effectiveFrom)) found = v;
  return found ?? c.versions[0]!;
}

export function contractOn(scope: KpiScope, contractId: string, date: string): Contract | undefined {
  const c = scope.contracts.find((x) => x.id === contractId);
  return c && c.versions.length ? versionOn(c, date).contract : undefined;
}

export async function findTeam(db: DbOrTx, typed: string) {
  const [row] = await db
    .select()
    .from(teams)
    .where(sql`lower(${teams.id}) = lower(${typed})`);
  if (row) return row;
  const all = (await db.select({ id: teams.id }).from(teams)).map((t) => t.id);
  const near = closest(typed, all);
  throw notFound(t('errors-teams.no-team', { team: typed }), near.length ? [t('errors-teams.closest', { ids: near.join(', ') })] : [t('errors-teams.teams', { ids: all.join(', ') || t('errors-teams.none-yet') })]);
}

/** One team's contracts (read in the team's zone), or every contract (read in `defaultZone`). */
export async function kpiScope(db: DbOrTx, team: string | undefined, defaultZone: string): Promise<KpiScope> {
  const t = team ? await findTeam(db, team) : null;
  const rows = await db
    .select()
    .from(contracts)
    .where(t ? sql`${contracts.team} = ${t.id}` : undefined)
    .orderBy(asc(contracts.id));
  const list: ScopeContract[] = [];
  for (const r of rows) list.push({ id: r.id, team: r.team, customerName: r.customerName, versions: await allVersions(db, r.id) });
  return { team: t ? { id: t.id, name: t.name, zone: t.zone } : null, zone: t?.zone ?? defaultZone, contracts: list };
}
