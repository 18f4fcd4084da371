/**
 * An amendment whose effective date reaches back: the jobs reported on or after it are governed by
 * the new version from now on (their `contract_version` moves), and a job whose SLA terms differ
 * between the two versions has its SLA recomputed and reconciled like any changed past (alerts
 * that no longer apply closed, credits no longer owed reversed, new breaches credited). Rating
 * needs nothing: it picks the version per work date (src/contracts/version-at.ts) every time.
 */
import { and, eq, gte, inArray } from 'drizzle-orm';
import { jobs } from '../../db/schema.js';
import { audit } from '../audit.js';
import type { Ctx } from '../context.js';
import { termsOf, versionAt } from '../contracts/version-at.js';
import type { ContractVersion } from '../contracts/store.js';
import type { Priority } from '../rules/contract-types.js';
import { slaWindowFor } from '../rules/sla.js';
import { refreshSla } from './job-store.js';

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

export async function reversionJobs(ctx: Ctx, contractId: string, effectiveFrom: string): Promise<Reversioned> {
  const terms = await termsOf(ctx.db, contractId);
  const byVersion = new Map(terms.versions.map((v) => [v.version, v]));
  // A day's margin either side of the local date: the exact test is versionAt in the site's zone.
  const from = new Date(Date.parse(`${effectiveFrom}T00:00:00Z`) - 86_400_000);
  const candidates = await ctx.db.select().from(jobs).where(and(eq(jobs.contractId, contractId), gte(jobs.reportedAt, from)));
  const moves = new Map<number, number[]>();
  const moved: { job: string; from: number; to: number }[] = [];
  const recompute = [];
  for (const job of candidates) {
    const now = versionAt(terms, job.reportedAt, job.siteId);
    if (now.version === job.contractVersion) continue;
    const before = byVersion.get(job.contractVersion);
    // A job keeps its version where the new one no longer has its site or its priority.
    if (!now.contract.sites.some((s) => s.id === job.siteId)) continue;
    try {
      slaWindowFor(now.contract, job.siteId, job.priority as Priority);
    } catch {
      continue;
    }
    moves.set(now.version, [...(moves.get(now.version) ?? []), job.id]);
    if (!before || slaTerms(before) !== slaTerms(now)) recompute.push({ ...job, contractVersion: now.version });
    moved.push({ job: job.ref, from: job.contractVersion, to: now.version });
  }
  for (const [version, ids] of moves) await ctx.db.update(jobs).set({ contractVersion: version }).where(inArray(jobs.id, ids));
  for (const job of recompute) await refreshSla(ctx, job);
  if (moved.length) await audit(ctx, 'contract.jobs-reversioned', { kind: 'contract', id: contractId }, { effectiveFrom, jobs: moved, recomputed: recompute.map((j) => j.ref) });
  return { moved: moved.length, recomputed: recompute.length };
}
