/**
 * Drafting a customer message from the contract's template, inside the transaction of the change
 * it announces (job created, en route, closed): the draft exists exactly when the change does.
 * The draft card goes to the team's dispatch channel with Send / Discard; a team that opted in
 * sends without waiting (the card then shows the send in progress).
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { customerMessages, teams } from '../../db/schema.js';
import { audit } from '../audit.js';
import type { Ctx } from '../context.js';
import type { JobRow } from '../jobs/job-store.js';
import { enqueuePost, enqueueUpdate } from '../notify/enqueue.js';
import type { Contract, TemplateKind } from '../rules/contract-types.js';
import { outboundContract } from './outbound.js';
import { renderMessage } from './view.js';
import { publicLink } from '../web/links.js';

export async function teamAutoSends(ctx: Ctx, teamId: string): Promise<boolean> {
  const [t] = await ctx.db.select({ auto: teams.autoSendMessages }).from(teams).where(eq(teams.id, teamId));
  return t?.auto ?? false;
}

/** Post the card of a message to its team, and queue it for sending when the team opted in. */
export async function announceMessage(ctx: Ctx, contract: Contract, id: number): Promise<'draft' | 'sending'> {
  const now = ctx.clock.now();
  const auto = await teamAutoSends(ctx, contract.team);
  await ctx.db
    .update(customerMessages)
    .set(auto ? { announcedAt: now, status: 'sending', nextAttemptAt: now } : { announcedAt: now })
    .where(eq(customerMessages.id, id));
  await enqueuePost(ctx, { key: `message:${id}`, teamId: contract.team, purpose: 'dispatch', subjectKind: 'message', subjectId: id });
  return auto ? 'sending' : 'draft';
}

/**
 * Write the draft of `kind` for a job (call inside the caller's transaction). Returns the message
 * id, or undefined when the contract names nobody to write to.
 */
export async function draftMessage(ctx: Ctx, job: JobRow, kind: TemplateKind): Promise<number | undefined> {
  const contract = await outboundContract(ctx.db, job, ctx.clock.now());
  const recipients = [...new Set(contract.customer.contacts.map((c) => c.email))];
  if (!recipients.length) {
    ctx.log.info({ job: job.ref, kind }, 'no customer contact to write to; no draft');
    return undefined;
  }
  const rendered = await renderMessage(ctx, job, contract, kind);
  // The closing e-mail links the customer's own copy of the closing report (docs/field.md).
  const reportLink = kind === 'closing' ? publicLink(ctx.services, { p: 'report', j: job.id }, ctx.clock.now()) : undefined;
  const body = reportLink ? `${rendered}\n\nClosing report: ${reportLink}` : rendered;
  const [row] = await ctx.db
    .insert(customerMessages)
    .values({ jobId: job.id, kind, body, recipients, status: 'draft', createdBy: ctx.actor.person?.id ?? null, createdAt: ctx.clock.now() })
    .returning({ id: customerMessages.id });
  const id = row!.id;
  const state = await announceMessage(ctx, contract, id);
  await audit(ctx, 'message.drafted', { kind: 'message', id }, { job: job.ref, kind, recipients, state });
  return id;
}

/**
 * The ETA changed: departure and delay drafts not edited by hand are rendered again, so the
 * customer reads the new time (an edited draft is the dispatcher's wording and stays as typed).
 * Call inside the ETA change's transaction.
 */
export async function refreshEtaDrafts(ctx: Ctx, job: JobRow): Promise<number[]> {
  const drafts = await ctx.db
    .select({ id: customerMessages.id, kind: customerMessages.kind, body: customerMessages.body })
    .from(customerMessages)
    .where(and(eq(customerMessages.jobId, job.id), eq(customerMessages.status, 'draft'), isNull(customerMessages.editedAt), inArray(customerMessages.kind, ['departure', 'delay'])));
  if (!drafts.length) return [];
  const contract = await outboundContract(ctx.db, job, ctx.clock.now());
  const changed: number[] = [];
  for (const d of drafts) {
    const body = await renderMessage(ctx, job, contract, d.kind as TemplateKind);
    if (body === d.body) continue;
    await ctx.db.update(customerMessages).set({ body }).where(eq(customerMessages.id, d.id));
    await audit(ctx, 'message.rerendered', { kind: 'message', id: d.id }, { job: job.ref, why: 'eta', before: d.body, after: body });
    await enqueueUpdate(ctx, 'message', d.id, 'eta');
    changed.push(d.id);
  }
  return changed;
}
