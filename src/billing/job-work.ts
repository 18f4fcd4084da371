/**
 * Reading back recorded work: time entries (a running timer included) and parts fitted, of one job
 * or across jobs (by contract, site, person, date). Each part is named and priced by the contract
 * version in force on the local day it was fitted, exactly as logPart checked it. Plain reads for
 * the API; the verbs write.
 */
import { and, asc, desc, eq, gt, gte, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { jobs, partUses, people, timeEntries } from '../../db/schema.js';
import type { Ctx } from '../context.js';
import { findContract, matchId } from '../contracts/store.js';
import { findJob } from '../jobs/job-store.js';
import { termsOf, versionAt, type ContractTerms } from '../contracts/version-at.js';

export interface WorkFilter {
  /** J-1001: one job's work; an unknown job is a not-found */
  job?: string;
  /** contract id: an unknown one is a not-found with the closest ids */
  contract?: string;
  site?: string;
  /** person id */
  person?: number;
  /** instants: on or after `from`, before `to` */
  from?: Date;
  to?: Date;
  /** one job's work reads oldest first (a story); across jobs, newest first like every other list */
  newestFirst?: boolean;
  /** the id to continue from, in the list's order */
  cursor?: number;
  limit: number;
}

/** The shared part of both lists' conditions: which jobs, whose work, which span. */
async function jobWhere(ctx: Ctx, f: WorkFilter): Promise<SQL[]> {
  const where: SQL[] = [];
  if (f.job) where.push(eq(jobs.id, (await findJob(ctx.db, f.job)).id));
  if (f.contract) where.push(eq(jobs.contractId, (await findContract(ctx.db, f.contract)).id));
  if (f.site) where.push(sql`lower(${jobs.siteId}) = lower(${f.site})`);
  return where;
}

export interface TimeEntryView {
  id: number;
  job: string;
  contract: string;
  site: string;
  person: { id: number; name: string };
  code: string;
  kind: string;
  start: Date;
  end: Date | null;
  /** worked so far when the timer still runs */
  minutes: number;
  note: string | null;
  approvalId: number | null;
  /** a deleted entry stays listed, marked: never rated or counted */
  deleted: DeletedMark | null;
}

/** Who deleted a time entry or part use, when and why. */
export interface DeletedMark {
  at: Date;
  by: number | null;
  /** the deleter's name, where a card shows it */
  byName?: string;
  reason: string;
}

export function deletedMark(row: { deletedAt: Date | null; deletedBy: number | null; deleteReason: string | null }): DeletedMark | null {
  return row.deletedAt ? { at: row.deletedAt, by: row.deletedBy, reason: row.deleteReason ?? '' } : null;
}

export async function timeEntriesOf(ctx: Ctx, f: WorkFilter & { kind?: 'labour' | 'travel'; running?: boolean }): Promise<TimeEntryView[]> {
  const where = await jobWhere(ctx, f);
  if (f.person !== undefined) where.push(eq(timeEntries.personId, f.person));
  if (f.kind) where.push(eq(timeEntries.kind, f.kind));
  if (f.running === true) where.push(isNull(timeEntries.endAt));
  if (f.running === false) where.push(isNotNull(timeEntries.endAt));
  if (f.from) where.push(gte(timeEntries.startAt, f.from));
  if (f.to) where.push(lt(timeEntries.startAt, f.to));
  if (f.cursor !== undefined) where.push(f.newestFirst ? lt(timeEntries.id, f.cursor) : gt(timeEntries.id, f.cursor));
  const rows = await ctx.db
    .select({ e: timeEntries, name: people.name, ref: jobs.ref, contract: jobs.contractId, site: jobs.siteId })
    .from(timeEntries)
    .innerJoin(jobs, eq(jobs.id, timeEntries.jobId))
    .innerJoin(people, eq(people.id, timeEntries.personId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(f.newestFirst ? desc(timeEntries.id) : asc(timeEntries.id))
    .limit(f.limit);
  const now = ctx.clock.now();
  return rows.map(({ e, name, ref, contract, site }) => ({
    id: e.id,
    job: ref,
    contract,
    site,
    person: { id: e.personId, name },
    code: e.code,
    kind: e.kind,
    start: e.startAt,
    end: e.endAt,
    minutes: Math.round(((e.endAt ?? now).getTime() - e.startAt.getTime()) / 60_000),
    note: e.note,
    approvalId: e.approvalId,
    deleted: deletedMark(e),
  }));
}

export interface PartUseView {
  id: number;
  job: string;
  contract: string;
  site: string;
  sku: string;
  /** from the price list in force that day; null if a later amendment renamed the SKU away */
  name: string | null;
  qty: number;
  at: Date;
  listPrice: number | null;
  currency: string;
  contractVersion: number;
  person: { id: number; name: string } | null;
  deleted: DeletedMark | null;
}

export async function partUsesOf(ctx: Ctx, f: WorkFilter & { sku?: string }): Promise<PartUseView[]> {
  const where = await jobWhere(ctx, f);
  if (f.person !== undefined) where.push(eq(partUses.personId, f.person));
  if (f.sku) where.push(sql`lower(${partUses.sku}) = lower(${f.sku.trim()})`);
  if (f.from) where.push(gte(partUses.at, f.from));
  if (f.to) where.push(lt(partUses.at, f.to));
  if (f.cursor !== undefined) where.push(f.newestFirst ? lt(partUses.id, f.cursor) : gt(partUses.id, f.cursor));
  const rows = await ctx.db
    .select({ u: partUses, ref: jobs.ref, contract: jobs.contractId, site: jobs.siteId, personId: people.id, name: people.name })
    .from(partUses)
    .innerJoin(jobs, eq(jobs.id, partUses.jobId))
    .leftJoin(people, eq(people.id, partUses.personId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(f.newestFirst ? desc(partUses.id) : asc(partUses.id))
    .limit(f.limit);
  const terms = new Map<string, ContractTerms>();
  for (const r of rows) if (!terms.has(r.contract)) terms.set(r.contract, await termsOf(ctx.db, r.contract));
  return rows.map(({ u, ref, contract, site, personId, name }) => {
    const t = terms.get(contract)!;
    const v = versionAt(t, u.at);
    const part = matchId(v.contract.parts, (p) => p.sku, u.sku);
    return {
      id: u.id,
      job: ref,
      contract,
      site,
      sku: u.sku,
      name: part?.name ?? null,
      qty: u.qty,
      at: u.at,
      listPrice: part?.price ?? null,
      currency: v.contract.currency,
      contractVersion: v.version,
      person: personId !== null && name !== null ? { id: personId, name } : null,
      deleted: deletedMark(u),
    };
  });
}
