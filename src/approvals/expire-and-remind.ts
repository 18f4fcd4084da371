/**
 * The scheduled side of approvals: pending requests past `approvalRemindAfterMin` remind the
 * people who may decide them (a direct message with the card and its buttons), and requests past
 * `approvalExpireAfterMin` expire (their card says so; an expired request cannot be approved).
 * Both are conditional UPDATEs under the tick's advisory lock, so one replica does each once, and
 * a decision racing an expiry is settled by whichever statement reaches the row first.
 */
import { and, eq, lte, sql } from 'drizzle-orm';
import { approvals, contracts, people } from '../../db/schema.js';
import { audit } from '../audit.js';
import type { Ctx } from '../context.js';
import { enqueueDirect, enqueueUpdate } from '../notify/enqueue.js';
import { withTickLock } from '../scheduler/lock.js';
import { formatDuration } from '../rules/units.js';
import { noticePayload } from '../notify/notice.js';

export interface ExpiryResult {
  expired: number;
  reminded: number;
}

export async function expireAndRemind(ctx: Ctx): Promise<ExpiryResult | undefined> {
  return withTickLock(ctx, 'approvals-expiry', async (tx) => {
    const now = tx.clock.now();
    const expired = await tx.db
      .update(approvals)
      // The decision instant of an expiry is when it expired, not when the tick noticed.
      .set({ status: 'expired', decidedAt: sql`${approvals.expiresAt}`, remindAt: null })
      .where(and(eq(approvals.status, 'pending'), lte(approvals.expiresAt, now)))
      .returning();
    for (const row of expired) {
      await audit(tx, 'approval.expired', { kind: 'approval', id: row.id }, { kind: row.kind, contract: row.contractId, after: formatDuration(tx.services.approvalExpireAfterMin) });
      await enqueueUpdate(tx, 'approval', row.id, 'expired');
      const [requester] = await tx.db.select().from(people).where(eq(people.id, row.requesterId));
      if (requester) {
        await enqueueDirect(tx, {
          key: `approval:${row.id}:expired`,
          person: requester,
          subjectKind: 'notice',
          subjectId: row.id,
          payload: noticePayload({ kind: 'approval-expired', id: row.id, approvalKind: row.kind, afterMinutes: tx.services.approvalExpireAfterMin }),
        });
      }
    }

    const due = await tx.db
      .update(approvals)
      .set({ remindAt: null })
      .where(and(eq(approvals.status, 'pending'), lte(approvals.remindAt, now)))
      .returning();
    let reminded = 0;
    for (const row of due) {
      const [c] = await tx.db.select({ team: contracts.team }).from(contracts).where(eq(contracts.id, row.contractId));
      const roles = sql.join(
        row.deciderRoles.map((r) => sql`${r}`),
        sql`, `,
      );
      // People who hold a deciding role themselves (admins are not nagged), in the contract's team
      // when they belong to teams at all, never the requester.
      const to = await tx.db
        .select()
        .from(people)
        .where(
          and(
            eq(people.active, true),
            sql`${people.roles} && array[${roles}]::text[]`,
            sql`${people.id} <> ${row.requesterId}`,
            sql`(cardinality(${people.teams}) = 0 or ${c?.team ?? ''} = any(${people.teams}))`,
          ),
        );
      for (const p of to) {
        await enqueueDirect(tx, { key: `approval:${row.id}:remind:${p.id}`, person: p, subjectKind: 'approval', subjectId: row.id });
      }
      await audit(tx, 'approval.reminded', { kind: 'approval', id: row.id }, { to: to.map((p) => p.name) });
      reminded += to.length;
    }
    return { expired: expired.length, reminded };
  });
}
