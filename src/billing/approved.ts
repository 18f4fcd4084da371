/**
 * What billing asks of decided approvals (the approvals feature writes them): an approved
 * out-of-scope request for a job and code, and an approved permit covering a span of work.
 *
 * Shapes read from `approvals.request` (jsonb): outOfScope `{ code, ... }`; permit `{ from, to }`
 * as ISO instants. A permit without `from` or `to` is open on that side: it covers the job's work
 * whenever it happens, which is how a dispatcher records a permit for the whole job.
 */
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { approvals } from '../../db/schema.js';

type ApprovalRow = typeof approvals.$inferSelect;

function requestOf(a: Pick<ApprovalRow, 'request'>): Record<string, unknown> {
  return a.request && typeof a.request === 'object' ? (a.request as Record<string, unknown>) : {};
}

export function requestCode(a: Pick<ApprovalRow, 'request'>): string | undefined {
  const c = requestOf(a).code;
  return typeof c === 'string' && c.trim() ? c.trim() : undefined;
}

/** The approved out-of-scope request for this job and code (case-insensitive), oldest first. */
export async function approvedOutOfScope(db: DbOrTx, jobId: number, code: string): Promise<ApprovalRow | undefined> {
  const rows = await db
    .select()
    .from(approvals)
    .where(and(eq(approvals.jobId, jobId), eq(approvals.kind, 'outOfScope'), eq(approvals.status, 'approved'), sql`lower(${approvals.request}->>'code') = lower(${code})`))
    .orderBy(approvals.id);
  return rows[0];
}

export interface ApprovedOverride {
  id: number;
  jobId: number;
  code: string;
  /** the approved unit price, minor units */
  price: number;
  at: Date;
}

/**
 * Approved rate overrides of a contract's jobs (`request.code`, `request.unitPrice`, as
 * src/approvals/request-rate-override.ts writes them). A row without both is skipped.
 */
export async function approvedOverrides(db: DbOrTx, contractId: string): Promise<ApprovedOverride[]> {
  const rows = await db
    .select()
    .from(approvals)
    .where(and(eq(approvals.contractId, contractId), eq(approvals.kind, 'rateOverride'), eq(approvals.status, 'approved'), isNotNull(approvals.jobId)));
  const out: ApprovedOverride[] = [];
  for (const r of rows) {
    const code = requestCode(r);
    const price = requestOf(r).unitPrice;
    if (!code || typeof price !== 'number' || !Number.isInteger(price)) continue;
    out.push({ id: r.id, jobId: r.jobId!, code, price, at: r.decidedAt ?? r.createdAt });
  }
  return out;
}

function instant(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}

export function permitCovers(a: Pick<ApprovalRow, 'request'>, start: Date, end: Date): boolean {
  const r = requestOf(a);
  const from = instant(r.from);
  const to = instant(r.to);
  return (from === undefined || from <= start.getTime()) && (to === undefined || to >= end.getTime());
}

/** Approved permits, by job id: of one job, or of every job of a contract (a month's rating). */
export async function approvedPermits(db: DbOrTx, of: number | string): Promise<Map<number, ApprovalRow[]>> {
  const out = new Map<number, ApprovalRow[]>();
  const rows = await db
    .select()
    .from(approvals)
    .where(and(typeof of === 'number' ? eq(approvals.jobId, of) : eq(approvals.contractId, of), eq(approvals.kind, 'permit'), eq(approvals.status, 'approved'), isNotNull(approvals.jobId)));
  for (const r of rows) {
    const list = out.get(r.jobId!) ?? [];
    list.push(r);
    out.set(r.jobId!, list);
  }
  return out;
}
