/**
 * An amendment whose effective date reaches back: the jobs reported on or after it are governed by
 * the new version from now on (their `contract_version` moves), and a job whose SLA terms differ
 * between the two versions has its SLA recomputed and reconciled like any changed past (alerts
 * that no longer apply closed, credits no longer owed reversed, new breaches credited). Rating
 * needs nothing: it picks the version per work date (src/contracts/version-at.ts) every time.
 *
 * The move is one statement however many jobs it reaches (a busy contract has tens of thousands in
 * a month); only the jobs whose SLA terms changed are loaded again, in batches, to be recomputed.
 */
import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import { rowsOf } from '../../db/rows.js';
import { jobs } from '../../db/schema.js';
import { audit } from '../audit.js';
import type { Ctx } from '../context.js';
import { termsOf, versionAt, zoneAt } from '../contracts/version-at.js';
import type { ContractVersion } from '../contracts/store.js';
import { addDays } from '../billing/period.js';
import type { Priority } from '../rules/contract-types.js';
import { slaWindowFor } from '../rules/sla.js';
import { refreshSla } from './job-store.js';

/** Jobs loaded and recomputed at a time. */
const BATCH = 500;

/** What an SLA is computed from: the windows, credits, sites (calendars, tiers) and calendars with their holidays. */
function slaTerms(v: ContractVersion): string {
  const c = v.contract;
  return JSON.stringify([c.sla, c.sites, c.calendars]);
}

export interface Reversioned {
  /** jobs now governed by another version */
  moved: number;
  /** of those, jobs whose SLA was recomputed */
  recomputed: number;
}

/** Noon UTC of a date: an instant whose UTC date is that date. */
const noonOf = (date: string) => new Date(`${date}T12:00:00Z`);

/**
 * Moves to the version in force from `effectiveFrom` (the newest: no version takes effect later)
 * every job of the contract whose report time, read as a local date at its site, is on or after it.
 */
export async function reversionJobs(ctx: Ctx, contractId: string, effectiveFrom: string): Promise<Reversioned> {
  const terms = await termsOf(ctx.db, contractId);
  const target = versionAt(terms, effectiveFrom);
  // A report time's local date is at most a day from its UTC date, so only jobs from the day before count.
  const dayBefore = addDays(effectiveFrom, -1);
  const from = new Date(`${dayBefore}T00:00:00Z`);
  const pairs = await ctx.db
    .selectDistinct({ site: jobs.siteId, priority: jobs.priority })
    .from(jobs)
    .where(and(eq(jobs.contractId, contractId), gte(jobs.reportedAt, from)));
  // A job keeps its version where the new one no longer has its site or its priority. The zone a
  // report time is read in is the site's in the version around its UTC date (`zoneAt`): the one
  // before the amendment on the day before, the amendment's from its date on.
  const eligible = pairs.flatMap(({ site, priority }) => {
    if (!target.contract.sites.some((s) => s.id === site)) return [];
    try {
      slaWindowFor(target.contract, site, priority as Priority);
    } catch {
      return [];
    }
    return [{ site, priority, before: zoneAt(terms, noonOf(dayBefore), site), after: zoneAt(terms, noonOf(effectiveFrom), site) }];
  });
  if (!eligible.length) return { moved: 0, recomputed: 0 };
  const moved = (
    await rowsOf(
      ctx.db,
      sql`
        with moving as (
          select j.id, j.contract_version as old
          from jobs j
          join jsonb_to_recordset(${JSON.stringify(eligible)}::jsonb) as x(site text, priority text, before text, after text)
            on j.site_id = x.site and j.priority = x.priority
          where j.contract_id = ${contractId}
            and j.reported_at >= ${from.toISOString()}::timestamptz
            and j.contract_version <> ${target.version}
            and (j.reported_at at time zone case when (j.reported_at at time zone 'UTC')::date >= ${effectiveFrom}::date then x.after else x.before end)::date >= ${effectiveFrom}::date
          for update of j
        )
        update jobs set contract_version = ${target.version}
        from moving where jobs.id = moving.id
        returning jobs.id, jobs.ref, moving.old`,
    )
  )
    .map((r) => ({ id: Number(r.id), ref: String(r.ref), old: Number(r.old) }))
    .sort((a, b) => a.id - b.id);

  // Only jobs whose old version's SLA terms differ from the new one's are recomputed.
  const targetTerms = slaTerms(target);
  const changed = new Set(terms.versions.filter((v) => v.version !== target.version && slaTerms(v) !== targetTerms).map((v) => v.version));
  const known = new Set(terms.versions.map((v) => v.version));
  const recompute = moved.filter((m) => changed.has(m.old) || !known.has(m.old));
  for (let i = 0; i < recompute.length; i += BATCH) {
    const batch = await ctx.db.select().from(jobs).where(inArray(jobs.id, recompute.slice(i, i + BATCH).map((m) => m.id)));
    for (const job of batch) await refreshSla(ctx, job);
  }
  if (moved.length) {
    await audit(ctx, 'contract.jobs-reversioned', { kind: 'contract', id: contractId }, {
      effectiveFrom,
      jobs: moved.map((m) => ({ job: m.ref, from: m.old, to: target.version })),
      recomputed: recompute.map((m) => m.ref),
    });
  }
  return { moved: moved.length, recomputed: recompute.length };
}
