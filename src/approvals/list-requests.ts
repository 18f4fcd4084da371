/**
 * Requests as people look for them: the caller's own pending requests and those they may decide
 * (`/requests`), or a filtered list (the API), and one request by number. One rule (`visibleTo`)
 * says who sees what in the list and one by one.
 */
import { and, arrayOverlaps, desc, eq, gt, gte, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { approvals } from '../../db/schema.js';
import { hasRole, requirePerson } from '../auth.js';
import type { Ctx, Person } from '../context.js';
import { invalid, notFound } from '../errors.js';
import { findJob } from '../jobs/job-store.js';
import { APPROVAL_KINDS, type ApprovalKind, type Role } from '../rules/contract-types.js';
import type { ApprovalStatus } from './model.js';
import { loadApprovalView, type ApprovalView } from './store.js';
import { t } from '../i18n/t.js';

export interface RequestFilter {
  status?: ApprovalStatus | 'all';
  kind?: ApprovalKind;
  contract?: string;
  job?: string;
  limit?: number;
  /** continue below this id (the API's cursor) */
  before?: number;
  /** asked on or after / before these instants */
  from?: Date;
  to?: Date;
}

const OVERSEERS: Role[] = ['dispatcher', 'manager', 'finance'];

/**
 * Who sees a request, in the list and one by one: dispatchers, managers, finance and admins see
 * all of them; anyone else the requests they asked and those their roles may decide.
 */
function visibleTo(me: Person): SQL | undefined {
  if (hasRole(me, OVERSEERS)) return undefined;
  return or(eq(approvals.requesterId, me.id), me.roles.length ? arrayOverlaps(approvals.deciderRoles, [...me.roles]) : undefined);
}

/** One request, if the caller may see it (else not found, as the list would not show it). */
export async function viewRequest(ctx: Ctx, id: number): Promise<ApprovalView> {
  const me = requirePerson(ctx);
  const mine = visibleTo(me);
  const [row] = await ctx.db
    .select({ id: approvals.id })
    .from(approvals)
    .where(mine ? and(eq(approvals.id, id), mine) : eq(approvals.id, id));
  if (!row) throw notFound(t('errors-approvals.no-request', { id: String(id) }));
  return loadApprovalView(ctx.db, row.id, ctx.clock.now());
}

export async function listRequests(ctx: Ctx, f: RequestFilter = {}): Promise<ApprovalView[]> {
  const me = requirePerson(ctx);
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 200);
  if (f.kind && !APPROVAL_KINDS.includes(f.kind)) throw invalid(t('errors-approvals.kinds', { kinds: APPROVAL_KINDS.join(', ') }));
  const where: SQL[] = [];
  if (f.status && f.status !== 'all') where.push(eq(approvals.status, f.status));
  if (f.kind) where.push(eq(approvals.kind, f.kind));
  if (f.contract) where.push(sql`lower(${approvals.contractId}) = lower(${f.contract})`);
  if (f.job) where.push(eq(approvals.jobId, (await findJob(ctx.db, f.job)).id));
  const mine = visibleTo(me);
  if (mine) where.push(mine);
  if (f.before !== undefined) where.push(lt(approvals.id, f.before));
  if (f.from) where.push(gte(approvals.createdAt, f.from));
  if (f.to) where.push(lt(approvals.createdAt, f.to));
  const rows = await ctx.db
    .select({ id: approvals.id })
    .from(approvals)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(approvals.id))
    .limit(limit);
  const now = ctx.clock.now();
  return Promise.all(rows.map((r) => loadApprovalView(ctx.db, r.id, now)));
}

export interface MyRequests {
  mine: ApprovalView[];
  toDecide: ApprovalView[];
}

/** What `/requests` shows: my pending requests, and the pending ones I may decide. */
export async function myRequests(ctx: Ctx): Promise<MyRequests> {
  const me = requirePerson(ctx);
  const now = ctx.clock.now();
  const live = and(eq(approvals.status, 'pending'), or(isNull(approvals.expiresAt), gt(approvals.expiresAt, now)));
  const mineRows = await ctx.db.select({ id: approvals.id }).from(approvals).where(and(live, eq(approvals.requesterId, me.id))).orderBy(approvals.id).limit(50);
  // Pending requests are few (they expire), so the role match is done here rather than in SQL.
  const others = await ctx.db
    .select({ id: approvals.id, roles: approvals.deciderRoles })
    .from(approvals)
    .where(and(live, sql`${approvals.requesterId} <> ${me.id}`))
    .orderBy(approvals.id)
    .limit(500);
  const decidable = others.filter((r) => hasRole(me, r.roles as Role[])).slice(0, 50);
  return {
    mine: await Promise.all(mineRows.map((r) => loadApprovalView(ctx.db, r.id, now))),
    toDecide: await Promise.all(decidable.map((r) => loadApprovalView(ctx.db, r.id, now))),
  };
}
