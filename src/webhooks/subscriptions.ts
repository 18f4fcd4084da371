/**
 * Webhook subscriptions, managed by admins through the API: subscribe a URL to events, see each
 * subscription's last delivery status and its delivery log, re-queue a failed delivery, turn a
 * subscription off. The signing secret is returned once, at creation.
 */
import { and, desc, eq, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { webhookDeliveries, webhookSubscriptions } from '../../db/schema.js';
import { audit } from '../audit.js';
import { requireRole } from '../auth.js';
import type { Ctx } from '../context.js';
import { invalid, notFound } from '../errors.js';
import { inTransaction } from '../verb.js';
import { ALL_EVENTS, WEBHOOK_EVENTS } from './events.js';
import { newSecret } from './sign.js';
import { t } from '../i18n/index.js';

type SubRow = typeof webhookSubscriptions.$inferSelect;
type DeliveryRow = typeof webhookDeliveries.$inferSelect;

export interface SubscriptionView {
  id: number;
  url: string;
  events: string[];
  description: string | null;
  active: boolean;
  lastStatus: string | null;
  lastDeliveryAt: Date | null;
  createdAt: Date;
  pending: number;
  failed: number;
}

export interface NewSubscription {
  url: string;
  events: string[];
  description?: string;
}

function checkUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw invalid(t('errors-admin.not-a-url', { url }));
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw invalid(t('errors-admin.url-scheme'));
  // Credentials in the URL would be shown in every listing; the signature authenticates us instead.
  if (u.username || u.password) throw invalid(t('errors-admin.url-credentials'));
  return u.toString();
}

function checkEvents(events: string[]): string[] {
  const list = [...new Set(events.map((e) => e.trim()).filter(Boolean))];
  if (!list.length) throw invalid(t('errors-admin.no-events', { events: WEBHOOK_EVENTS.join(', '), all: ALL_EVENTS }));
  const bad = list.filter((e) => e !== ALL_EVENTS && !(WEBHOOK_EVENTS as readonly string[]).includes(e));
  if (bad.length) throw invalid(t('errors-admin.unknown-events', { n: bad.length, typed: bad.join(', '), events: WEBHOOK_EVENTS.join(', '), all: ALL_EVENTS }));
  return list;
}

export async function createSubscription(ctx: Ctx, input: NewSubscription): Promise<{ subscription: SubscriptionView; secret: string }> {
  const me = requireRole(ctx, ['admin'], 'manage-webhooks');
  const url = checkUrl(input.url);
  const events = checkEvents(input.events);
  const secret = newSecret();
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(webhookSubscriptions)
      .values({ url, events, secret, description: input.description?.trim() || null, createdBy: me.id, createdAt: tx.clock.now() })
      .returning();
    await audit(tx, 'webhook.subscribed', { kind: 'webhook', id: row!.id }, { url, events });
    return { subscription: view(row!, 0, 0), secret };
  });
}

function view(r: SubRow, pending: number, failed: number): SubscriptionView {
  return { id: r.id, url: r.url, events: r.events, description: r.description, active: r.active, lastStatus: r.lastStatus, lastDeliveryAt: r.lastDeliveryAt, createdAt: r.createdAt, pending, failed };
}

// Spelled out in SQL: drizzle writes a column of the only table as a bare "id", which inside the
// subquery would name the delivery's id.
const counts = {
  pending: sql<number>`(select count(*)::int from webhook_deliveries d where d.subscription_id = webhook_subscriptions.id and d.delivered_at is null and d.failed_at is null)`,
  failed: sql<number>`(select count(*)::int from webhook_deliveries d where d.subscription_id = webhook_subscriptions.id and d.failed_at is not null)`,
};

export async function listSubscriptions(ctx: Ctx, q: { active?: boolean; limit: number; cursor?: number }): Promise<SubscriptionView[]> {
  requireRole(ctx, ['admin'], 'see-webhooks');
  const where: SQL[] = [];
  if (q.active !== undefined) where.push(eq(webhookSubscriptions.active, q.active));
  if (q.cursor !== undefined) where.push(lt(webhookSubscriptions.id, q.cursor));
  const rows = await ctx.db
    .select({ s: webhookSubscriptions, ...counts })
    .from(webhookSubscriptions)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(webhookSubscriptions.id))
    .limit(q.limit);
  return rows.map((r) => view(r.s, Number(r.pending), Number(r.failed)));
}

export async function getSubscription(ctx: Ctx, id: number): Promise<SubscriptionView> {
  requireRole(ctx, ['admin'], 'see-webhooks');
  const [r] = await ctx.db.select({ s: webhookSubscriptions, ...counts }).from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id));
  if (!r) throw notFound(t('errors-admin.no-subscription', { id: String(id) }));
  return view(r.s, Number(r.pending), Number(r.failed));
}

/** Turn a subscription off; what it had pending is marked failed, so nothing is sent later. */
export async function disableSubscription(ctx: Ctx, id: number): Promise<SubscriptionView> {
  requireRole(ctx, ['admin'], 'manage-webhooks');
  await inTransaction(ctx, async (tx) => {
    const [row] = await tx.db.update(webhookSubscriptions).set({ active: false }).where(eq(webhookSubscriptions.id, id)).returning();
    if (!row) throw notFound(t('errors-admin.no-subscription', { id: String(id) }));
    const now = tx.clock.now();
    await tx.db
      .update(webhookDeliveries)
      .set({ failedAt: now, lastStatus: 'not sent: subscription turned off' })
      .where(and(eq(webhookDeliveries.subscriptionId, id), isNull(webhookDeliveries.deliveredAt), isNull(webhookDeliveries.failedAt)));
    await audit(tx, 'webhook.disabled', { kind: 'webhook', id }, { url: row.url });
  });
  return getSubscription(ctx, id);
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface DeliveryView {
  id: number;
  eventId: string;
  event: string;
  status: DeliveryStatus;
  attempts: number;
  lastStatus: string | null;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  failedAt: Date | null;
  createdAt: Date;
  payload: unknown;
}

function deliveryView(d: DeliveryRow): DeliveryView {
  const status: DeliveryStatus = d.deliveredAt ? 'delivered' : d.failedAt ? 'failed' : 'pending';
  return {
    id: d.id,
    eventId: d.eventId,
    event: d.event,
    status,
    attempts: d.attempts,
    lastStatus: d.lastStatus,
    nextAttemptAt: status === 'pending' ? d.nextAttemptAt : null,
    deliveredAt: d.deliveredAt,
    failedAt: d.failedAt,
    createdAt: d.createdAt,
    payload: d.payload,
  };
}

export async function listDeliveries(ctx: Ctx, q: { subscription: number; status?: DeliveryStatus; event?: string; limit: number; cursor?: number }): Promise<DeliveryView[]> {
  await getSubscription(ctx, q.subscription);
  const where: SQL[] = [eq(webhookDeliveries.subscriptionId, q.subscription)];
  if (q.status === 'delivered') where.push(isNotNull(webhookDeliveries.deliveredAt));
  if (q.status === 'failed') where.push(isNotNull(webhookDeliveries.failedAt));
  if (q.status === 'pending') where.push(isNull(webhookDeliveries.deliveredAt), isNull(webhookDeliveries.failedAt));
  if (q.event) where.push(eq(webhookDeliveries.event, q.event));
  if (q.cursor !== undefined) where.push(lt(webhookDeliveries.id, q.cursor));
  const rows = await ctx.db.select().from(webhookDeliveries).where(and(...where)).orderBy(desc(webhookDeliveries.id)).limit(q.limit);
  return rows.map(deliveryView);
}

/** Send a delivery again from the start of its retry schedule (a failed one, or one the receiver lost). */
export async function redeliver(ctx: Ctx, q: { subscription: number; delivery: number }): Promise<DeliveryView> {
  requireRole(ctx, ['admin'], 'manage-webhooks');
  return inTransaction(ctx, async (tx) => {
    const sub = await getSubscription(tx, q.subscription);
    if (!sub.active) throw invalid(t('errors-admin.subscription-off', { id: String(sub.id) }));
    const [row] = await tx.db
      .update(webhookDeliveries)
      .set({ deliveredAt: null, failedAt: null, attempts: 0, nextAttemptAt: tx.clock.now(), lastStatus: `re-queued by ${tx.actor.label}` })
      .where(and(eq(webhookDeliveries.id, q.delivery), eq(webhookDeliveries.subscriptionId, q.subscription)))
      .returning();
    if (!row) throw notFound(t('errors-admin.no-delivery', { id: String(q.subscription), delivery: String(q.delivery) }));
    await audit(tx, 'webhook.redelivered', { kind: 'webhook', id: q.subscription }, { delivery: q.delivery, event: row.event });
    return deliveryView(row);
  });
}
