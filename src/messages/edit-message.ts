/**
 * Rewrite a draft before it goes (fill in an ETA, soften a sentence). The new text is stored as
 * typed; redaction still applies when it leaves. Placeholders are not re-rendered: what the
 * dispatcher typed is what the customer reads.
 */
import { and, eq } from 'drizzle-orm';
import { customerMessages } from '../../db/schema.js';
import { audit } from '../audit.js';
import { requireRole } from '../auth.js';
import type { Ctx } from '../context.js';
import { conflict, invalid } from '../errors.js';
import { enqueueUpdate } from '../notify/enqueue.js';
import { inTransaction } from '../verb.js';
import { loadMessageView, type MessageView } from './load-message.js';
import { refusalFor } from './refusal.js';

export const MAX_MESSAGE_CHARS = 4000;

export async function editMessage(ctx: Ctx, input: { message: number; body: string }): Promise<MessageView> {
  requireRole(ctx, ['dispatcher', 'manager'], 'edit customer messages');
  const body = input.body.trim();
  if (!body) throw invalid('Type the new text of the message after its number: /message edit 12 <text>.');
  if (body.length > MAX_MESSAGE_CHARS) throw invalid(`The message is longer than ${MAX_MESSAGE_CHARS} characters.`);
  if (/\{\{[^}]*\}\}/.test(body)) throw invalid('The new text still has {{placeholders}}; type the values themselves (placeholders are filled only from the contract template).');
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now();
    const [before] = await tx.db.select({ body: customerMessages.body }).from(customerMessages).where(eq(customerMessages.id, input.message)).for('update');
    const [row] = await tx.db
      .update(customerMessages)
      .set({ body })
      .where(and(eq(customerMessages.id, input.message), eq(customerMessages.status, 'draft')))
      .returning();
    if (!row) throw conflict(refusalFor(await loadMessageView(tx.db, input.message, now), 'edit'));
    await audit(tx, 'message.edited', { kind: 'message', id: row.id }, { job: row.jobId, before: before?.body, after: body });
    await enqueueUpdate(tx, 'message', row.id, 'edit');
    return loadMessageView(tx.db, row.id, now);
  });
}
