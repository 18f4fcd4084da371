/**
 * E-mailing queued customer messages: claimed with a lease (FOR UPDATE SKIP LOCKED, the next
 * attempt pushed out), sent outside any transaction, then marked. Two replicas never send the same
 * row at once; a crash between sending and marking sends again after the lease, with the same
 * Message-ID so mail clients show one e-mail. Failures are retried with backoff and reported in the
 * team's dispatch channel; after the last attempt the message is kept as failed, with Send again.
 */
import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { customerMessages } from '../../db/schema.js';
import { audit } from '../audit.js';
import type { Ctx } from '../context.js';
import { enqueuePost, enqueueUpdate } from '../notify/enqueue.js';
import { noticePayload } from '../notify/notice.js';
import { documentOf } from '../billing/e-invoice.js';
import { invoicePdf } from '../billing/invoice-pdf.js';
import { AppError } from '../errors.js';
import { closingReportPdf } from '../reports/export.js';
import { inTransaction } from '../verb.js';
import { loadMessageView, type MessageRow } from './load-message.js';
import { classifyMailError, MailError, type Mailer, type OutgoingMail } from './mailer.js';

export const MESSAGE_LEASE_MS = 2 * 60_000;
export const MESSAGE_MAX_ATTEMPTS = 6;

/** 1, 2, 4, 8, 16 minutes: about half an hour of trying before a person is asked to look. */
export function backoffMs(attempt: number): number {
  return Math.min(2 ** (attempt - 1), 30) * 60_000;
}

export function messageIdOf(row: Pick<MessageRow, 'id' | 'jobId' | 'invoiceId'>): string {
  return `<customer-message-${row.id}.${row.jobId !== null ? `job-${row.jobId}` : `invoice-${row.invoiceId}`}@contract-ops.local>`;
}

export interface DeliveryResult {
  sent: number;
  retrying: number;
  failed: number;
}

export async function deliverMessages(ctx: Ctx, mailer: Mailer, opts: { limit?: number; maxAttempts?: number } = {}): Promise<DeliveryResult> {
  const now = ctx.clock.now();
  const maxAttempts = opts.maxAttempts ?? MESSAGE_MAX_ATTEMPTS;
  const claimed = await ctx.root.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(customerMessages)
      .where(and(eq(customerMessages.status, 'sending'), lte(customerMessages.nextAttemptAt, now)))
      .orderBy(customerMessages.id)
      .limit(opts.limit ?? 20)
      .for('update', { skipLocked: true });
    if (rows.length) {
      await tx
        .update(customerMessages)
        .set({ nextAttemptAt: new Date(now.getTime() + MESSAGE_LEASE_MS), attempts: sql`${customerMessages.attempts} + 1` })
        .where(inArray(customerMessages.id, rows.map((r) => r.id)));
    }
    return rows;
  });
  const result: DeliveryResult = { sent: 0, retrying: 0, failed: 0 };
  for (const row of claimed) {
    const attempt = row.attempts + 1;
    let mail: OutgoingMail | undefined;
    try {
      const v = await loadMessageView(ctx.root, row.id, now);
      mail = { to: row.recipients, subject: v.subject, text: v.text, messageId: messageIdOf(row) };
      if (v.invoice) {
        // The invoice e-mail is its PDF: without the document it is not sent (the failure is reported and retried).
        mail.attachments = [await invoiceAttachment(ctx, v.invoice.id)];
      } else if (row.kind === 'closing' && v.job) {
        // The closing e-mail carries the report; a report that cannot be drawn must not hold the message.
        try {
          mail.attachments = [{ filename: `${v.job.ref}-closing-report.pdf`, content: await closingReportPdf(ctx, v.job.id), contentType: 'application/pdf' }];
        } catch (err) {
          ctx.log.warn({ err, message: row.id }, 'closing report PDF not attached');
        }
      }
      const sent = await mailer.send(mail);
      await inTransaction(ctx, async (tx) => {
        await tx.db
          .update(customerMessages)
          .set({ status: 'sent', sentAt: tx.clock.now(), providerRef: sent.ref.slice(0, 500), lastError: null, nextAttemptAt: null })
          .where(and(eq(customerMessages.id, row.id), eq(customerMessages.status, 'sending')));
        await audit(tx, 'message.sent', { kind: 'message', id: row.id }, { job: row.jobId, kind: row.kind, to: row.recipients, refused: sent.rejected, ref: sent.ref, attempt, via: mailer.describe });
        if (sent.rejected.length) {
          // Delivered to the others; a refused address is a contract contact to fix, not a retry.
          await tx.db.update(customerMessages).set({ lastError: `refused by the mail server: ${sent.rejected.join(', ')}` }).where(eq(customerMessages.id, row.id));
          await reportRefused(tx, row, sent.rejected);
        }
        await enqueueUpdate(tx, 'message', row.id, `sent-${attempt}`);
      });
      result.sent++;
    } catch (err) {
      const e = err instanceof MailError ? err : mail ? classifyMailError(err) : new MailError(String((err as Error).message ?? err), true);
      const give = !e.retryable || attempt >= maxAttempts;
      const next = new Date(ctx.clock.now().getTime() + backoffMs(attempt));
      ctx.log.warn({ message: row.id, attempt, err: e.message }, give ? 'customer e-mail failed for good' : 'customer e-mail failed, will retry');
      await inTransaction(ctx, async (tx) => {
        await tx.db
          .update(customerMessages)
          .set({ lastError: e.message.slice(0, 500), ...(give ? { status: 'failed', nextAttemptAt: null } : { nextAttemptAt: next }) })
          .where(and(eq(customerMessages.id, row.id), eq(customerMessages.status, 'sending')));
        await audit(tx, give ? 'message.failed' : 'message.retry', { kind: 'message', id: row.id }, { job: row.jobId, attempt, error: e.message });
        await reportFailure(tx, row, attempt, e, give, next);
        await enqueueUpdate(tx, 'message', row.id, `${give ? 'failed' : 'retry'}-${attempt}`);
      });
      if (give) result.failed++;
      else result.retrying++;
    }
  }
  return result;
}

/** The issued invoice's Factur-X PDF as the e-mail attachment, named by its legal number. */
async function invoiceAttachment(ctx: Ctx, invoiceId: number): Promise<NonNullable<OutgoingMail['attachments']>[number]> {
  try {
    const doc = await documentOf(ctx.root, invoiceId);
    return { filename: `${doc.number}.pdf`, content: Buffer.from(await invoicePdf(doc)), contentType: 'application/pdf' };
  } catch (err) {
    if (err instanceof AppError) throw new MailError(`the invoice PDF cannot be made: ${err.message}`, false, { reason: 'pdf', detail: err.message });
    throw err;
  }
}

async function reportRefused(ctx: Ctx, row: MessageRow, refused: string[]): Promise<void> {
  const v = await loadMessageView(ctx.db, row.id, ctx.clock.now());
  const ok = row.recipients.filter((r) => !refused.includes(r));
  await enqueuePost(ctx, {
    key: `message:${row.id}:refused`,
    teamId: v.contract.team,
    purpose: 'dispatch',
    subjectKind: 'notice',
    subjectId: row.id,
    payload: noticePayload({ kind: 'mail-refused', message: row.id, messageKind: row.kind, about: v.about, contract: v.contract.id, reached: ok, refused }),
  });
}

/** The first failure and the last one are told in the dispatch channel; retries in between update the card. */
async function reportFailure(ctx: Ctx, row: MessageRow, attempt: number, e: MailError, give: boolean, next: Date): Promise<void> {
  if (!give && attempt !== 1) return;
  const v = await loadMessageView(ctx.db, row.id, ctx.clock.now());
  await enqueuePost(ctx, {
    key: `message:${row.id}:failure:${attempt}`,
    teamId: v.contract.team,
    purpose: 'dispatch',
    subjectKind: 'notice',
    subjectId: row.id,
    payload: noticePayload({
      kind: 'mail-failed',
      message: row.id,
      messageKind: row.kind,
      about: v.about,
      recipients: row.recipients,
      error: e.failure,
      gaveUp: give,
      attempts: give && e.retryable ? attempt : 0,
      ...(give ? {} : { next: next.toISOString() }),
      maxAttempts: MESSAGE_MAX_ATTEMPTS,
    }),
  });
}
