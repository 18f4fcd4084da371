/**
 * The part every request verb shares, run inside the verb's transaction: write the pending row
 * with the roles that may decide it (fixed now, from the contract's rule and the amount, so a later
 * amendment does not move a request between deciders), audit it, approve it at once when the rule
 * says so, and post the card to the team's approvals channel.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { approvals, people, teamChannels } from '../../db/schema.js';
import { audit } from '../audit.js';
import type { Ctx, Person } from '../context.js';
import type { ContractVersion } from '../contracts/store.js';
import type { JobRow } from '../jobs/job-store.js';
import { enqueueDirect, enqueuePost } from '../notify/enqueue.js';
import type { ApprovalKind, Money } from '../rules/contract-types.js';
import { formatMoney } from '../rules/units.js';
import { applyApproved } from './effects.js';
import type { ApprovalRow } from './model.js';
import { autoApproves, deciderRoles, policyFor } from './policy.js';
import { loadApprovalView, type ApprovalView } from './store.js';
import { emitApprovalWebhook } from '../webhooks/emit.js';

export interface NewRequest {
  kind: ApprovalKind;
  version: ContractVersion;
  job?: JobRow;
  request: Record<string, unknown>;
  amount: Money;
  reason: string;
}

export interface Submitted {
  row: ApprovalRow;
  view: ApprovalView;
  autoApproved: boolean;
  /**
   * The team has no approvals channel on any chat platform yet: the deciders were sent the request
   * directly, and it is posted to the channel once a manager binds one.
   */
  noChannel?: { team: string; /** deciders reached by direct message (known on a chat platform) */ messaged: number };
}

export async function submitRequest(tx: Ctx, me: Person, n: NewRequest): Promise<Submitted> {
  const now = tx.clock.now();
  const c = n.version.contract;
  const { policy } = policyFor(c, n.kind);
  const roles = deciderRoles(policy, n.amount);
  const auto = autoApproves(policy, n.amount);
  const remindMin = tx.services.approvalRemindAfterMin;
  const expireMin = tx.services.approvalExpireAfterMin;
  const [row] = await tx.db
    .insert(approvals)
    .values({
      kind: n.kind,
      contractId: c.id,
      jobId: n.job?.id ?? null,
      request: n.request,
      amount: n.amount,
      currency: c.currency,
      reason: n.reason,
      requesterId: me.id,
      deciderRoles: roles,
      status: auto ? 'approved' : 'pending',
      decidedAt: auto ? now : null,
      autoApproved: auto,
      decisionReason: auto ? `approved automatically: ${formatMoney(n.amount, c.currency)} is under approvals.${n.kind}.autoApproveUnder ${formatMoney(policy.autoApproveUnder ?? 0)}` : null,
      // A reminder only makes sense before the request expires.
      remindAt: auto || remindMin >= expireMin ? null : new Date(now.getTime() + remindMin * 60_000),
      expiresAt: auto ? null : new Date(now.getTime() + expireMin * 60_000),
      createdAt: now,
    })
    .returning();
  const subject = { kind: 'approval', id: row!.id };
  await audit(tx, 'approval.requested', subject, {
    kind: n.kind,
    contract: c.id,
    version: n.version.version,
    job: n.job?.ref,
    amount: n.amount,
    currency: c.currency,
    deciders: roles,
    reason: n.reason,
    request: n.request,
  });
  await emitApprovalWebhook(tx, 'approval.requested', row!.id);
  let view = await loadApprovalView(tx.db, row!.id, now);
  if (auto) {
    await audit(tx, 'approval.approved', subject, { auto: true, job: n.job?.ref, contract: c.id, amount: n.amount, rule: `approvals.${n.kind}.autoApproveUnder` });
    await applyApproved(tx, view);
    view = await loadApprovalView(tx.db, row!.id, now);
    await emitApprovalWebhook(tx, 'approval.decided', row!.id);
  }
  // Auto-approved requests are posted too: nothing out of scope is done silently.
  await enqueuePost(tx, { key: `approval:${row!.id}`, teamId: c.team, purpose: 'approvals', subjectKind: 'approval', subjectId: row!.id });
  const [bound] = await tx.db
    .select({ id: teamChannels.teamId })
    .from(teamChannels)
    .where(and(eq(teamChannels.teamId, c.team), eq(teamChannels.purpose, 'approvals'), inArray(teamChannels.platform, ['slack', 'teams'])))
    .limit(1);
  if (bound || !tx.services.platforms.some((p) => p === 'slack' || p === 'teams')) return { row: view.row, view, autoApproved: auto };
  // No approvals channel yet: the request must not wait unseen. Each decider gets it in a direct
  // message (with the buttons); the channel gets it when bound (bindChannel posts pending ones).
  let messaged = 0;
  if (!auto) {
    const deciders = view.deciders.length ? await tx.db.select().from(people).where(inArray(people.id, view.deciders)) : [];
    for (const p of deciders.filter((d) => d.slackUserId || d.teamsUserId)) {
      await enqueueDirect(tx, { key: `approval:${row!.id}:direct:${p.id}`, person: p, subjectKind: 'approval', subjectId: row!.id });
      messaged++;
    }
  }
  return { row: view.row, view, autoApproved: auto, noChannel: { team: c.team, messaged } };
}
