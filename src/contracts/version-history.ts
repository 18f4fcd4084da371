/** A contract's versions side by side: what changed between two, who recorded it, when and why. */
import { and, eq, inArray } from 'drizzle-orm';
import { contractVersions } from '../../db/schema.js';
import type { Ctx } from '../context.js';
import { invalid, notFound } from '../errors.js';
import { diffTerms, type TermChange } from '../rules/terms-diff.js';
import { findContract } from './store.js';
import { t } from '../i18n/t.js';

export interface VersionMeta {
  version: number;
  effectiveFrom: string;
  reason: string;
  by: string;
  at: Date;
}

export interface VersionDiff {
  contractId: string;
  from: VersionMeta;
  to: VersionMeta;
  changes: TermChange[];
}

export async function diffVersions(ctx: Ctx, input: { contract: string; from: number; to: number }): Promise<VersionDiff> {
  for (const n of [input.from, input.to]) if (!Number.isInteger(n) || n < 1) throw invalid(t('errors-contracts.not-a-version-number', { typed: String(n) }));
  const row = await findContract(ctx.db, input.contract);
  const rows = await ctx.db
    .select()
    .from(contractVersions)
    .where(and(eq(contractVersions.contractId, row.id), inArray(contractVersions.version, [input.from, input.to])));
  const pick = (n: number) => {
    const r = rows.find((x) => x.version === n);
    if (!r) throw notFound(t('errors-contracts.no-version-at', { contract: row.id, version: String(n), current: String(row.currentVersion) }));
    return r;
  };
  const a = pick(input.from);
  const b = pick(input.to);
  const meta = (r: typeof a): VersionMeta => ({ version: r.version, effectiveFrom: r.effectiveFrom, reason: r.reason, by: r.createdByLabel, at: r.createdAt });
  return { contractId: row.id, from: meta(a), to: meta(b), changes: diffTerms(a.terms, b.terms) };
}
