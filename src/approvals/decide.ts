/**
 * Approve or reject a request. The verb, not the button, enforces the rules: only the roles fixed
 * on the request decide (the contract's approvers, or its `above` roles beyond `limit`), nobody
 * decides their own request, an expired request cannot be decided, and a request is decided once.
 * "Once" is the conditional UPDATE below: of two clicks, a Slack retry, or two managers at the
 * same moment, exactly one statement finds the row still pending; the others find it decided and
 * are told by whom and when, changing nothing.
 */
import { and, eq, gt, isNull, or } from 'drizzle-orm';
import { approvals } from '../../db/schema.js';
import { audit } from '../audit.js';
import { hasRole, requirePerson, rolesHeld, rolesOr } from '../auth.js';
import type { Ctx, Person } from '../context.js';
import { AppError, conflict, forbidden, invalid } from '../errors.js';
import { enqueueDirect, enqueueUpdate } from '../notify/enqueue.js';
import { noticePayload } from '../notify/notice.js';
import { personById } from '../people/person.js';
import type { Role } from '../rules/contract-types.js';
import { formatMoney } from '../rules/units.js';
import { inTransaction } from '../verb.js';
import { decisionText } from './describe.js';
import { applyApproved } from './effects.js';
import type { ApprovalRow } from './model.js';
import { findApproval, loadApprovalView, parseApprovalId, type ApprovalView } from './store.js';
import { policyFor } from './policy.js';
import type { ApprovalKind } from '../rules/contract-types.js';
import type { DbOrTx } from '../../db/client.js';
import { emitApprovalWebhook } from '../webhooks/emit.js';
import { t } from '../i18n/t.js';
import { readerInstant } from '../i18n/format.js';

export interface DecideInput {
  approval: number | string;
  approve: boolean;
  /** required to reject; kept with the decision either way */
  reason?: string;
}

function zoneOf(ctx: Ctx, me: Person): string {
  return me.zone ?? ctx.services.defaultZone;
}

/** The refusal for a request that is no longer pending, naming who decided and when. */
export async function closedError(db: DbOrTx, row: ApprovalRow, zone: string): Promise<AppError> {
  const decider = row.deciderId ? await personById(db, row.deciderId) : undefined;
  if (row.status === 'expired') return conflict(t('errors-approvals.expired-unchanged', { id: String(row.id), when: readerInstant(row.decidedAt ?? row.expiresAt!, zone) }));
  return conflict(t('errors-approvals.already-decided', { id: String(row.id), decision: decisionText(row, decider?.name, zone) }));
}

export async function decide(ctx: Ctx, input: DecideInput): Promise<ApprovalView> {
  const me = requirePerson(ctx);
  const id = parseApprovalId(input.approval);
  if (id === undefined) throw invalid(t('errors-approvals.not-a-request', { typed: String(input.approval) }));
  const reason = input.reason?.trim() || undefined;
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now();
    const zone = zoneOf(tx, me);
    const row = await findApproval(tx.db, id);
    if (row.status !== 'pending') throw await closedError(tx.db, row, zone);
    if (row.expiresAt && row.expiresAt <= now) {
      throw conflict(t('errors-approvals.expired', { id: String(row.id), when: readerInstant(row.expiresAt, zone) }));
    }
    if (row.requesterId === me.id) throw forbidden(t('errors-approvals.own-request', { id: String(row.id), roles: rolesOr(row.deciderRoles) }));
    const roles = row.deciderRoles as Role[];
    if (!hasRole(me, roles)) {
      const { policy } = policyFor((await loadApprovalView(tx.db, row.id, now)).contract, row.kind as ApprovalKind);
      const beyond = policy.limit !== undefined && Math.abs(row.amount) > policy.limit && roles.every((r) => policy.above?.includes(r));
      const who = { roles: rolesOr(roles, true), id: String(row.id), current: rolesHeld(me) };
      throw forbidden(
        beyond
          ? t('errors-approvals.decider-beyond', { ...who, amount: formatMoney(row.amount, row.currency), kind: row.kind, limit: formatMoney(policy.limit!) })
          : t('errors-approvals.decider-only', who),
      );
    }
    if (!input.approve && !reason) throw invalid(t('errors-approvals.reject-why'));
    const status = input.approve ? 'approved' : 'rejected';
    const [won] = await tx.db
      .update(approvals)
      .set({ status, deciderId: me.id, decidedAt: now, decisionReason: reason ?? null, remindAt: null })
      .where(and(eq(approvals.id, row.id), eq(approvals.status, 'pending'), or(isNull(approvals.expiresAt), gt(approvals.expiresAt, now))))
      .returning({ id: approvals.id });
    if (!won) throw await closedError(tx.db, await findApproval(tx.db, row.id), zone);
    let view = await loadApprovalView(tx.db, row.id, now);
    // The decision first, then what it caused, so the audit trail reads in that order.
    await audit(tx, `approval.${status}`, { kind: 'approval', id: row.id }, {
      job: view.job?.ref,
      contract: view.contract.id,
      kind: row.kind,
      amount: row.amount,
      currency: row.currency,
      reason: reason ?? null,
      deciders: row.deciderRoles,
    });
    if (input.approve) {
      await applyApproved(tx, view);
      view = await loadApprovalView(tx.db, row.id, now);
    }
    await emitApprovalWebhook(tx, 'approval.decided', row.id);
    await enqueueUpdate(tx, 'approval', row.id, status);
    const requester = await personById(tx.db, row.requesterId);
    if (requester) {
      await enqueueDirect(tx, {
        key: `approval:${row.id}:decided`,
        person: requester,
        subjectKind: 'notice',
        subjectId: row.id,
        payload: noticePayload({ kind: 'approval-decided', id: row.id, status, by: me.name, ...(reason ? { reason } : {}), ...(view.quoteDraftId ? { quoteDraft: view.quoteDraftId } : {}) }),
      });
    }
    return view;
  });
}
