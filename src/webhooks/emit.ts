/**
 * Webhooks out, the writing half: an event becomes one `webhook_deliveries` row per subscription
 * that wants it, in the caller's transaction. So a delivery exists if and only if the change it
 * reports was committed (a rolled-back approval sends nothing; a committed one is delivered even if
 * the process dies right after). deliver.ts sends the rows.
 *
 * Every payload is redacted with the contracts' patterns before it is stored (src/privacy/redactor.ts).
 *
 * Other features call `emitWebhook(ctx, event, data)` from inside their verb's transaction, or one
 * of the helpers below, which read the row they report in that same transaction.
 */
import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { alerts, approvals, invoices, jobs, people, webhookDeliveries, webhookSubscriptions } from '../../db/schema.js';
import type { Ctx } from '../context.js';
import type { JobRow } from '../jobs/job-store.js';
import { loadRedactor } from '../privacy/redactor.js';
import { ALL_EVENTS, type WebhookEnvelope, type WebhookEvent } from './events.js';

type Subscription = { id: number; events: string[] };

/** Active subscriptions are few (an integrator's handful): read them all, match here. */
async function activeSubscriptions(ctx: Ctx): Promise<Subscription[]> {
  return ctx.db.select({ id: webhookSubscriptions.id, events: webhookSubscriptions.events }).from(webhookSubscriptions).where(eq(webhookSubscriptions.active, true));
}

/** Queue `event` for every active subscription to it. Returns how many deliveries were queued. */
export async function emitWebhook(ctx: Ctx, event: WebhookEvent, data: Record<string, unknown>): Promise<number> {
  return emitWebhooks(ctx, [{ event, data }]);
}

/**
 * Many events at once (the monitor's tick may raise a thousand alerts): one look-up of the active
 * subscriptions and one insert, not a round trip per event.
 */
export async function emitWebhooks(ctx: Ctx, events: readonly { event: WebhookEvent; data: Record<string, unknown> }[], active?: Subscription[]): Promise<number> {
  if (!events.length) return 0;
  const subs = active ?? (await activeSubscriptions(ctx));
  if (!subs.length) return 0;
  const now = ctx.clock.now();
  // Payloads leave the bot: redacted here, once, for every event (docs/privacy.md).
  const redactor = await loadRedactor(ctx.db);
  const rows: (typeof webhookDeliveries.$inferInsert)[] = [];
  for (const { event, data } of events) {
    const wanting = subs.filter((s) => s.events.includes(event) || s.events.includes(ALL_EVENTS));
    if (!wanting.length) continue;
    const envelope: WebhookEnvelope = { id: randomUUID(), type: event, createdAt: now.toISOString(), data: redactor.json(JSON.parse(JSON.stringify(data)) as Record<string, unknown>) };
    for (const s of wanting) rows.push({ subscriptionId: s.id, event, payload: envelope, eventId: envelope.id, nextAttemptAt: now, createdAt: now });
  }
  if (rows.length) await ctx.db.insert(webhookDeliveries).values(rows);
  return rows.length;
}

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

export function jobData(j: JobRow) {
  return {
    id: j.ref,
    contract: j.contractId,
    contractVersion: j.contractVersion,
    site: j.siteId,
    priority: j.priority,
    status: j.status,
    summary: j.summary,
    reportedAt: iso(j.reportedAt),
    responseDueAt: iso(j.responseDueAt),
    restoreDueAt: iso(j.restoreDueAt),
    responseBreached: j.responseBreached,
    restoreBreached: j.restoreBreached,
    closedAt: iso(j.closedAt),
  };
}

/** job.at_risk / job.breached for alerts the SLA monitor has just inserted. */
export async function emitAlertWebhooks(ctx: Ctx, alertIds: number[]): Promise<void> {
  if (!alertIds.length) return;
  // Most installations have no subscription: then there is nothing to read the alerts for.
  const subs = (await activeSubscriptions(ctx)).filter((s) => ['job.at_risk', 'job.breached', ALL_EVENTS].some((e) => s.events.includes(e)));
  if (!subs.length) return;
  const rows = await ctx.db.select({ a: alerts, j: jobs }).from(alerts).innerJoin(jobs, eq(jobs.id, alerts.jobId)).where(inArray(alerts.id, alertIds)).orderBy(alerts.id);
  await emitWebhooks(
    ctx,
    rows.map(({ a, j }) => ({
      event: a.level === 'breach' ? ('job.breached' as const) : ('job.at_risk' as const),
      data: { job: jobData(j), alert: { id: a.id, window: a.window, level: a.level, dueAt: iso(a.dueAt) } },
    })),
    subs,
  );
}

/** approval.requested (just created) or approval.decided (approved, rejected, auto-approved). */
export async function emitApprovalWebhook(ctx: Ctx, event: 'approval.requested' | 'approval.decided', approvalId: number): Promise<void> {
  const [row] = await ctx.db
    .select({ a: approvals, jobRef: jobs.ref, requester: people.name })
    .from(approvals)
    .leftJoin(jobs, eq(jobs.id, approvals.jobId))
    .innerJoin(people, eq(people.id, approvals.requesterId))
    .where(eq(approvals.id, approvalId));
  if (!row) return;
  const a = row.a;
  const decider = a.deciderId ? (await ctx.db.select({ name: people.name }).from(people).where(eq(people.id, a.deciderId)))[0]?.name : undefined;
  await emitWebhook(ctx, event, {
    approval: {
      id: a.id,
      kind: a.kind,
      status: a.status,
      contract: a.contractId,
      job: row.jobRef ?? null,
      amount: a.amount,
      currency: a.currency,
      reason: a.reason,
      requestedBy: row.requester,
      requestedAt: iso(a.createdAt),
      autoApproved: a.autoApproved,
      decidedBy: decider ?? null,
      decidedAt: iso(a.decidedAt),
      decisionReason: a.decisionReason,
      expiresAt: iso(a.expiresAt),
    },
  });
}

/** invoice.issued for an invoice (or credit note) row written in this transaction. */
export async function emitInvoiceWebhook(ctx: Ctx, invoiceId: number): Promise<void> {
  const [inv] = await ctx.db.select().from(invoices).where(eq(invoices.id, invoiceId));
  if (!inv) return;
  await emitWebhook(ctx, 'invoice.issued', {
    invoice: {
      number: inv.legalNumber ?? inv.number,
      reference: inv.number,
      kind: inv.kind,
      contract: inv.contractId,
      periodFrom: inv.periodFrom,
      periodTo: inv.periodTo,
      currency: inv.currency,
      total: inv.total,
      issuedAt: iso(inv.issuedAt),
    },
  });
}

/** contract.amended: a new version now exists. */
export async function emitContractAmended(ctx: Ctx, c: { id: string; version: number; effectiveFrom: string; reason: string }): Promise<void> {
  await emitWebhook(ctx, 'contract.amended', { contract: { id: c.id, version: c.version, effectiveFrom: c.effectiveFrom, reason: c.reason, amendedBy: ctx.actor.label } });
}
