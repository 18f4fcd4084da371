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
import { hasRole, requirePerson } from '../auth.js';
import type { Ctx, Person } from '../context.js';
import { AppError, conflict, forbidden, invalid } from '../errors.js';
import { enqueueDirect, enqueueUpdate } from '../notify/enqueue.js';
import { personById } from '../people/person.js';
import type { Role } from '../rules/contract-types.js';
import { formatMoney } from '../rules/units.js';
import { inTransaction } from '../verb.js';
import { at, decisionText, kindLabel, what } from './describe.js';
import { applyApproved } from './effects.js';
import type { ApprovalRow } from './model.js';
import { findApproval, loadApprovalView, parseApprovalId, type ApprovalView } from './store.js';
import { policyFor } from './policy.js';
import type { ApprovalKind } from '../rules/contract-types.js';
import type { DbOrTx } from '../../db/client.js';
import { emitApprovalWebhook } from '../webhooks/emit.js';

/** A role as a sentence names its holder: "a manager", "an admin", "finance". */
function roleNoun(role: string): string {
  if (role === 'finance') return role;
  return `${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role}`;
}

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
  if (row.status === 'expired') return conflict(`Request #${row.id} expired at ${at(row.decidedAt ?? row.expiresAt!, zone)} without a decision; nothing was changed. Ask again if the work is still needed.`);
  return conflict(`Request #${row.id} was already ${decisionText(row, decider?.name, zone)}; nothing was changed.`);
}

export async function decide(ctx: Ctx, input: DecideInput): Promise<ApprovalView> {
  const me = requirePerson(ctx);
  const id = parseApprovalId(input.approval);
  if (id === undefined) throw invalid(`"${input.approval}" is not a request number; they look like #12.`);
  const reason = input.reason?.trim() || undefined;
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now();
    const zone = zoneOf(tx, me);
    const row = await findApproval(tx.db, id);
    if (row.status !== 'pending') throw await closedError(tx.db, row, zone);
    if (row.expiresAt && row.expiresAt <= now) {
      throw conflict(`Request #${row.id} expired at ${at(row.expiresAt, zone)} without a decision; it can no longer be approved. Ask again if the work is still needed.`);
    }
    if (row.requesterId === me.id) throw forbidden(`Nobody decides their own request: #${row.id} waits for someone else with the ${row.deciderRoles.join(' or ')} role.`);
    const roles = row.deciderRoles as Role[];
    if (!hasRole(me, roles)) {
      const { policy } = policyFor((await loadApprovalView(tx.db, row.id, now)).contract, row.kind as ApprovalKind);
      const beyond = policy.limit !== undefined && Math.abs(row.amount) > policy.limit && roles.every((r) => policy.above?.includes(r));
      const why = beyond ? `${formatMoney(row.amount, row.currency)} is beyond approvals.${row.kind}.limit ${formatMoney(policy.limit!)}, so ` : '';
      throw forbidden(`${why}only ${roles.map(roleNoun).join(' or ')} can decide request #${row.id}; you are ${me.roles.length ? me.roles.join(', ') : 'without a role'}.`);
    }
    if (!input.approve && !reason) throw invalid('Say why you reject it: the requester is told.');
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
      const drafted = view.quoteDraftId ? ` A quote for the customer is drafted (message #${view.quoteDraftId}).` : '';
      await enqueueDirect(tx, {
        key: `approval:${row.id}:decided`,
        person: requester,
        subjectKind: 'notice',
        subjectId: row.id,
        payload: {
          title: `Your request #${row.id} was ${status}`,
          text: `${me.name} ${status} your ${kindLabel(row.kind)}: ${what(view)}${reason ? ` (${reason})` : ''}.${drafted}`,
        },
      });
    }
    return view;
  });
}
