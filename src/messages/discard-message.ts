/** Discard a draft (or a message that failed for good): it stays on the job's record as discarded. */
import { and, eq, inArray } from 'drizzle-orm';
import { customerMessages } from '../../db/schema.js';
import { audit } from '../audit.js';
import type { Ctx } from '../context.js';
import { conflict } from '../errors.js';
import { enqueueUpdate } from '../notify/enqueue.js';
import { inTransaction } from '../verb.js';
import { loadMessageView, type MessageView } from './load-message.js';
import { refusalFor } from './refusal.js';
import { requireMessageRole } from './roles.js';
import { readerZone } from '../reader-zone.js';

export async function discardMessage(ctx: Ctx, input: { message: number; reason?: string }): Promise<MessageView> {
  await requireMessageRole(ctx, input.message, 'discard-messages');
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now();
    const [row] = await tx.db
      .update(customerMessages)
      .set({ status: 'discarded', nextAttemptAt: null })
      .where(and(eq(customerMessages.id, input.message), inArray(customerMessages.status, ['draft', 'failed'])))
      .returning();
    if (!row) throw conflict(refusalFor(await loadMessageView(tx.db, input.message, now), 'discard', readerZone(ctx)));
    await audit(tx, 'message.discarded', { kind: 'message', id: row.id }, { job: row.jobId, kind: row.kind, reason: input.reason });
    await enqueueUpdate(tx, 'message', row.id, 'discard');
    return loadMessageView(tx.db, row.id, now);
  });
}
