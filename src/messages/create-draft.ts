/** `/message draft J-1001 delay`: a dispatcher asks for a message the bot did not draft on its own. */
import { requireRole } from '../auth.js';
import type { Ctx } from '../context.js';
import { invalid, preconditionFailed } from '../errors.js';
import { loadJob } from '../jobs/job-store.js';
import { JOB_MESSAGE_KINDS, type JobMessageKind } from '../rules/contract-types.js';
import { inTransaction } from '../verb.js';
import { draftMessage } from './draft-message.js';
import { t } from '../i18n/t.js';

export async function createDraft(ctx: Ctx, input: { job: string | number; kind: string }): Promise<number> {
  requireRole(ctx, ['dispatcher', 'manager'], 'draft-messages');
  const kind = input.kind.trim().toLowerCase() as JobMessageKind;
  if (!JOB_MESSAGE_KINDS.includes(kind)) {
    if (input.kind.trim().toLowerCase() === 'subcontract') throw invalid(t('errors-messages.subcontract'));
    throw invalid(t('errors-messages.not-a-kind', { typed: input.kind, kinds: JOB_MESSAGE_KINDS.join(', ') }));
  }
  return inTransaction(ctx, async (tx) => {
    const job = await loadJob(tx.db, input.job, { forUpdate: true });
    const id = await draftMessage(tx, job, kind);
    if (id === undefined) throw preconditionFailed(t('errors-messages.no-contact', { contract: job.contractId }));
    return id;
  });
}
