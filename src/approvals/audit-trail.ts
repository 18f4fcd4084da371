/**
 * The audit trail of a job or a contract, from the append-only `audit_log`: rows about the subject
 * itself, rows that name it in their data (alerts, approvals, credits), and every row about its
 * approval requests. Newest `limit` rows, shown oldest first so it reads as a story.
 */
import { and, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { auditLog } from '../../db/schema.js';
import { requireRole } from '../auth.js';
import type { Ctx } from '../context.js';
import { findTarget } from './lookup.js';
import { approvalIdsOf } from './store.js';

export interface AuditEntry {
  id: number;
  at: Date;
  actor: string;
  action: string;
  subject: string;
  data: Record<string, unknown>;
}

export interface AuditTrail {
  subject: string;
  entries: AuditEntry[];
  /** true when older rows exist beyond `limit` */
  more: boolean;
}

export async function auditTrail(ctx: Ctx, input: { target: string; limit?: number }): Promise<AuditTrail> {
  requireRole(ctx, ['dispatcher', 'manager', 'finance'], 'read-audit-log');
  const limit = Math.min(Math.max(input.limit ?? 40, 1), 500);
  const t = await findTarget(ctx, input.target);
  const conds: SQL[] = [];
  let subject: string;
  if (t.job) {
    subject = t.job.ref;
    conds.push(and(eq(auditLog.subjectKind, 'job'), eq(auditLog.subjectId, t.job.ref))!, sql`${auditLog.data}->>'job' = ${t.job.ref}`);
  } else {
    subject = t.contractId;
    conds.push(and(eq(auditLog.subjectKind, 'contract'), eq(auditLog.subjectId, t.contractId))!, sql`${auditLog.data}->>'contract' = ${t.contractId}`);
  }
  const ids = await approvalIdsOf(ctx.db, t.job ? { jobId: t.job.id } : { contractId: t.contractId });
  if (ids.length) conds.push(and(eq(auditLog.subjectKind, 'approval'), inArray(auditLog.subjectId, ids.map(String)))!);
  const rows = await ctx.db
    .select()
    .from(auditLog)
    .where(or(...conds))
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  const more = rows.length > limit;
  const entries = rows
    .slice(0, limit)
    .reverse()
    .map((r) => ({ id: r.id, at: r.at, actor: r.actorLabel, action: r.action, subject: `${r.subjectKind} ${r.subjectKind === 'approval' ? '#' : ''}${r.subjectId}`, data: r.data as Record<string, unknown> }));
  return { subject, entries, more };
}
