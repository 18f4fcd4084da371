/**
 * Reading back the work recorded on a job: its time entries (a running timer included) and the
 * parts fitted, each part named and priced by the contract version in force on the local day it
 * was fitted, exactly as logPart checked it. Plain reads for the API; the verbs write.
 */
import { and, asc, eq, gt, gte, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { partUses, people, timeEntries } from '../../db/schema.js';
import type { Ctx } from '../context.js';
import { matchId } from '../contracts/store.js';
import { findJob } from '../jobs/job-store.js';
import { localDate } from './period.js';
import { mainZone, termsOf, versionAt } from './rating-input.js';

export interface WorkFilter {
  job: string;
  /** person id */
  person?: number;
  /** instants: on or after `from`, before `to` */
  from?: Date;
  to?: Date;
  /** continue after this id (oldest first: a job's work reads as a story) */
  after?: number;
  limit: number;
}

export interface TimeEntryView {
  id: number;
  job: string;
  person: { id: number; name: string };
  code: string;
  kind: string;
  start: Date;
  end: Date | null;
  /** worked so far when the timer still runs */
  minutes: number;
  note: string | null;
  approvalId: number | null;
}

export async function jobTimeEntries(ctx: Ctx, f: WorkFilter & { kind?: 'labour' | 'travel'; running?: boolean }): Promise<TimeEntryView[]> {
  const job = await findJob(ctx.db, f.job);
  const where: SQL[] = [eq(timeEntries.jobId, job.id)];
  if (f.person !== undefined) where.push(eq(timeEntries.personId, f.person));
  if (f.kind) where.push(eq(timeEntries.kind, f.kind));
  if (f.running === true) where.push(isNull(timeEntries.endAt));
  if (f.running === false) where.push(isNotNull(timeEntries.endAt));
  if (f.from) where.push(gte(timeEntries.startAt, f.from));
  if (f.to) where.push(lt(timeEntries.startAt, f.to));
  if (f.after !== undefined) where.push(gt(timeEntries.id, f.after));
  const rows = await ctx.db
    .select({ e: timeEntries, name: people.name })
    .from(timeEntries)
    .innerJoin(people, eq(people.id, timeEntries.personId))
    .where(and(...where))
    .orderBy(asc(timeEntries.id))
    .limit(f.limit);
  const now = ctx.clock.now();
  return rows.map(({ e, name }) => ({
    id: e.id,
    job: job.ref,
    person: { id: e.personId, name },
    code: e.code,
    kind: e.kind,
    start: e.startAt,
    end: e.endAt,
    minutes: Math.round(((e.endAt ?? now).getTime() - e.startAt.getTime()) / 60_000),
    note: e.note,
    approvalId: e.approvalId,
  }));
}

export interface PartUseView {
  id: number;
  job: string;
  sku: string;
  /** from the price list in force that day; null if a later amendment renamed the SKU away */
  name: string | null;
  qty: number;
  at: Date;
  listPrice: number | null;
  currency: string;
  contractVersion: number;
  person: { id: number; name: string } | null;
}

export async function jobPartUses(ctx: Ctx, f: WorkFilter & { sku?: string }): Promise<PartUseView[]> {
  const job = await findJob(ctx.db, f.job);
  const where: SQL[] = [eq(partUses.jobId, job.id)];
  if (f.person !== undefined) where.push(eq(partUses.personId, f.person));
  if (f.sku) where.push(sql`lower(${partUses.sku}) = lower(${f.sku.trim()})`);
  if (f.from) where.push(gte(partUses.at, f.from));
  if (f.to) where.push(lt(partUses.at, f.to));
  if (f.after !== undefined) where.push(gt(partUses.id, f.after));
  const rows = await ctx.db
    .select({ u: partUses, personId: people.id, name: people.name })
    .from(partUses)
    .leftJoin(people, eq(people.id, partUses.personId))
    .where(and(...where))
    .orderBy(asc(partUses.id))
    .limit(f.limit);
  if (!rows.length) return [];
  const terms = await termsOf(ctx.db, job.contractId);
  return rows.map(({ u, personId, name }) => {
    const v = versionAt(terms, localDate(u.at, mainZone(terms, localDate(u.at, 'UTC'))));
    const part = matchId(v.contract.parts, (p) => p.sku, u.sku);
    return {
      id: u.id,
      job: job.ref,
      sku: u.sku,
      name: part?.name ?? null,
      qty: u.qty,
      at: u.at,
      listPrice: part?.price ?? null,
      currency: v.contract.currency,
      contractVersion: v.version,
      person: personId !== null && name !== null ? { id: personId, name } : null,
    };
  });
}
