/**
 * Send (or send again) a drafted customer message. The verb only queues it, in one transaction
 * with its audit row; the delivery task e-mails it with retries, so a slow or failing mail server
 * never holds a chat click, and nothing is lost when it fails.
 */
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

export async function sendMessage(ctx: Ctx, input: { message: number }): Promise<MessageView> {
  const me = await requireMessageRole(ctx, input.message, 'send-messages');
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now();
    // The row changes only from draft or failed: a double click or a Slack retry finds it sending.
    const [row] = await tx.db
      .update(customerMessages)
      .set({ status: 'sending', nextAttemptAt: now, attempts: 0, lastError: null, sentBy: me.id, announcedAt: now })
      .where(and(eq(customerMessages.id, input.message), inArray(customerMessages.status, ['draft', 'failed'])))
      .returning();
    if (!row) {
      const v = await loadMessageView(tx.db, input.message, now);
      throw conflict(refusalFor(v, 'send', readerZone(ctx)));
    }
    await audit(tx, 'message.send', { kind: 'message', id: row.id }, { job: row.jobId, kind: row.kind, recipients: row.recipients });
    await enqueueUpdate(tx, 'message', row.id, 'send');
    return loadMessageView(tx.db, row.id, now);
  });
}
