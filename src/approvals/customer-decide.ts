/**
 * The customer's answer to an approved out-of-scope quote, given on the quote page reached from
 * the quote e-mail's signed link. It is recorded beside the manager's decision (an audit row on the
 * approval, which the approval view and card read back), once: the approval row is locked, so a
 * double submit or two tabs find the first answer and change nothing. The posted approval cards
 * are updated through the outbox.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { approvals, auditLog } from '../../db/schema.js';
import { audit } from '../audit.js';
import type { Ctx } from '../context.js';
import { conflict, invalid, preconditionFailed } from '../errors.js';
import { enqueueUpdate } from '../notify/enqueue.js';
import { inTransaction } from '../verb.js';
import { customerVoice } from '../i18n/customer.js';
import { loadApprovalView, type ApprovalView } from './store.js';
import { t } from '../i18n/t.js';

export interface CustomerDecision {
  decision: 'accepted' | 'declined';
  at: Date;
  name: string;
  reason?: string;
}

export const CUSTOMER_ACTIONS = ['approval.customer_accepted', 'approval.customer_declined'] as const;

/** The customer's answer to a quote, if there is one. */
export async function customerDecisionOf(db: DbOrTx, approvalId: number): Promise<CustomerDecision | undefined> {
  const [row] = await db
    .select({ at: auditLog.at, action: auditLog.action, data: auditLog.data })
    .from(auditLog)
    .where(and(eq(auditLog.subjectKind, 'approval'), eq(auditLog.subjectId, String(approvalId)), inArray(auditLog.action, [...CUSTOMER_ACTIONS])))
    .orderBy(desc(auditLog.id))
    .limit(1);
  if (!row) return undefined;
  const d = row.data as { name?: string; reason?: string | null };
  return { decision: row.action === 'approval.customer_accepted' ? 'accepted' : 'declined', at: row.at, name: d.name ?? 'the customer', ...(d.reason ? { reason: d.reason } : {}) };
}

export interface CustomerDecideInput {
  approval: number;
  /** the job the link was made for: a link never reaches another job's quote */
  jobId: number;
  accept: boolean;
  /** who answers, as typed on the page */
  name: string;
  /** required to decline */
  reason?: string;
}

export async function customerDecide(ctx: Ctx, input: CustomerDecideInput): Promise<{ view: ApprovalView; decision: CustomerDecision }> {
  const name = input.name.trim();
  const reason = input.reason?.trim() || undefined;
  if (!name) throw invalid(t('errors-approvals.name-missing'));
  if (name.length > 120) throw invalid(t('errors-approvals.name-long'));
  if (reason && reason.length > 1000) throw invalid(t('errors-approvals.reason-long'));
  if (!input.accept && !reason) throw invalid(t('errors-approvals.decline-why'));
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db.select().from(approvals).where(eq(approvals.id, input.approval)).for('update');
    if (!row || row.jobId !== input.jobId || row.kind !== 'outOfScope') throw preconditionFailed(t('errors-approvals.quote-unavailable'));
    if (row.status !== 'approved') throw preconditionFailed(t('errors-approvals.quote-withdrawn'));
    const { zone, contract } = await loadApprovalView(tx.db, row.id, tx.clock.now());
    const before = await customerDecisionOf(tx.db, row.id);
    if (before) throw conflict(t('errors-approvals.quote-decided', { decision: before.decision, name: before.name, when: customerVoice(contract.locale).time(before.at, zone) }));
    const decision = input.accept ? 'accepted' : 'declined';
    const actor = { ...tx, actor: { via: 'web' as const, person: null, label: `${name} (customer, quote link)` } };
    await audit(actor, `approval.customer_${decision}`, { kind: 'approval', id: row.id }, { name, reason: reason ?? null, amount: row.amount, currency: row.currency });
    await enqueueUpdate(tx, 'approval', row.id, `customer_${decision}`);
    const view = await loadApprovalView(tx.db, row.id, tx.clock.now());
    return { view, decision: (await customerDecisionOf(tx.db, row.id))! };
  });
}
