/**
 * Rewrite a draft before it goes (fill in an ETA, soften a sentence, a clearer subject). The new
 * text is stored as typed; redaction still applies when it leaves. Placeholders are not
 * re-rendered: what the dispatcher typed is what the customer reads. `/message edit` (the body)
 * and the draft card's Edit button (subject and body) both come here.
 */
import { and, eq } from 'drizzle-orm';
import { customerMessages } from '../../db/schema.js';
import { audit } from '../audit.js';
import type { Ctx } from '../context.js';
import { conflict, invalid } from '../errors.js';
import { enqueueUpdate } from '../notify/enqueue.js';
import { inTransaction } from '../verb.js';
import { loadMessageView, type MessageView } from './load-message.js';
import { refusalFor } from './refusal.js';
import { requireMessageRole } from './roles.js';
import { readerZone } from '../reader-zone.js';
import { t } from '../i18n/t.js';

export const MAX_MESSAGE_CHARS = 4000;
export const MAX_SUBJECT_CHARS = 200;

const PLACEHOLDER = /\{\{[^}]*\}\}/;

export function requireMessageEditor(ctx: Ctx, message: number) {
  return requireMessageRole(ctx, message, 'edit-messages');
}

export async function editMessage(ctx: Ctx, input: { message: number; body: string; subject?: string }): Promise<MessageView> {
  const me = await requireMessageEditor(ctx, input.message);
  const body = input.body.trim();
  if (!body) throw invalid(t('errors-messages.edit-empty'));
  if (body.length > MAX_MESSAGE_CHARS) throw invalid(t('errors-messages.too-long', { max: String(MAX_MESSAGE_CHARS) }));
  if (PLACEHOLDER.test(body)) throw invalid(t('errors-messages.placeholders'));
  const subject = input.subject?.trim();
  if (input.subject !== undefined) {
    if (!subject) throw invalid(t('errors-messages.subject-empty'));
    if (subject.length > MAX_SUBJECT_CHARS) throw invalid(t('errors-messages.subject-long', { max: String(MAX_SUBJECT_CHARS) }));
    if (/[\r\n]/.test(subject)) throw invalid(t('errors-messages.subject-lines'));
    if (PLACEHOLDER.test(subject)) throw invalid(t('errors-messages.subject-placeholders'));
  }
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now();
    const [before] = await tx.db.select({ body: customerMessages.body, subject: customerMessages.subject }).from(customerMessages).where(eq(customerMessages.id, input.message)).for('update');
    const [row] = await tx.db
      .update(customerMessages)
      .set({ body, ...(subject ? { subject } : {}), editedBy: me.id, editedAt: now })
      .where(and(eq(customerMessages.id, input.message), eq(customerMessages.status, 'draft')))
      .returning();
    if (!row) throw conflict(refusalFor(await loadMessageView(tx.db, input.message, now), 'edit', readerZone(ctx)));
    await audit(tx, 'message.edited', { kind: 'message', id: row.id }, { job: row.jobId, before: before?.body, after: body, ...(subject ? { subjectBefore: before?.subject ?? null, subject } : {}) });
    await enqueueUpdate(tx, 'message', row.id, 'edit');
    return loadMessageView(tx.db, row.id, now);
  });
}
