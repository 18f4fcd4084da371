/**
 * Webhooks out, the sending half, run by the scheduler every few seconds on every replica. Due
 * deliveries are claimed with `FOR UPDATE SKIP LOCKED` and a lease (their next attempt pushed past
 * the request timeout) in a short transaction, then sent outside it: no database transaction stays
 * open across an HTTP call, and two replicas never send the same row at once. A crash after
 * sending and before recording means the row is sent again once the lease ends; that is why every
 * delivery carries the event id receivers dedupe on (at-least-once, as with Slack's and Stripe's).
 *
 * Failures are retried with exponential backoff (30 s doubling, at most 6 h apart) for
 * MAX_ATTEMPTS attempts, about 14 hours, then the delivery is marked failed and can be re-queued
 * through the API. Each subscription shows the outcome of its last attempt.
 */
import { and, asc, eq, inArray, isNull, lte } from 'drizzle-orm';
import { webhookDeliveries, webhookSubscriptions } from '../../db/schema.js';
import type { Ctx } from '../context.js';
import { DELIVERY_HEADER, EVENT_HEADER, ID_HEADER, SIGNATURE_HEADER, STANDARD_SIGNATURE_HEADER, STANDARD_TIMESTAMP_HEADER, TIMESTAMP_HEADER, sign, signStandard } from './sign.js';

export const MAX_ATTEMPTS = 12;
const TIMEOUT_MS = 10_000;
/** longer than the request timeout, so a claim never lapses while its request is still running */
const LEASE_MS = 60_000;

/** Seconds to wait after the n-th failed attempt (n >= 1). */
export function backoffSeconds(failedAttempts: number): number {
  return Math.min(30 * 2 ** (failedAttempts - 1), 6 * 3600);
}

export interface DeliverOptions {
  limit?: number;
  timeoutMs?: number;
  /** the HTTP client; tests may pass one, production uses Node's fetch */
  fetch?: typeof fetch;
}

export interface DeliverResult {
  attempted: number;
  delivered: number;
  retrying: number;
  failed: number;
}

type Claimed = { id: number; subscriptionId: number; event: string; eventId: string; payload: unknown; attempts: number; url: string; secret: string };

export async function deliverWebhooks(ctx: Ctx, opts: DeliverOptions = {}): Promise<DeliverResult> {
  const now = ctx.clock.now();
  const claimed: Claimed[] = await ctx.root.transaction(async (tx) => {
    const rows = await tx
      .select({
        id: webhookDeliveries.id,
        subscriptionId: webhookDeliveries.subscriptionId,
        event: webhookDeliveries.event,
        eventId: webhookDeliveries.eventId,
        payload: webhookDeliveries.payload,
        attempts: webhookDeliveries.attempts,
        url: webhookSubscriptions.url,
        secret: webhookSubscriptions.secret,
      })
      .from(webhookDeliveries)
      .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
      .where(and(isNull(webhookDeliveries.deliveredAt), isNull(webhookDeliveries.failedAt), lte(webhookDeliveries.nextAttemptAt, now), eq(webhookSubscriptions.active, true)))
      .orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.id))
      .limit(opts.limit ?? 100)
      .for('update', { of: webhookDeliveries, skipLocked: true });
    if (rows.length) {
      await tx
        .update(webhookDeliveries)
        .set({ nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
        .where(inArray(webhookDeliveries.id, rows.map((r) => r.id)));
    }
    return rows;
  });
  const result: DeliverResult = { attempted: 0, delivered: 0, retrying: 0, failed: 0 };
  if (!claimed.length) return result;

  // One receiver at a time per subscription, in event order; a slow or failing receiver holds up
  // only its own deliveries.
  const bySub = new Map<number, Claimed[]>();
  for (const c of claimed) bySub.set(c.subscriptionId, [...(bySub.get(c.subscriptionId) ?? []), c]);
  await Promise.all(
    [...bySub.values()].map(async (list) => {
      for (const d of list) {
        const ok = await attempt(ctx, d, opts, result);
        // The rest stay leased and are tried after the lease: no point hammering a receiver that is down.
        if (!ok) break;
      }
    }),
  );
  return result;
}

async function attempt(ctx: Ctx, d: Claimed, opts: DeliverOptions, result: DeliverResult): Promise<boolean> {
  const body = JSON.stringify(d.payload);
  const sentAt = ctx.clock.now();
  const ts = Math.floor(sentAt.getTime() / 1000);
  let status: string;
  let ok = false;
  result.attempted++;
  try {
    const res = await (opts.fetch ?? fetch)(d.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'contract-ops-webhooks/1',
        [SIGNATURE_HEADER]: sign(d.secret, ts, body),
        [TIMESTAMP_HEADER]: String(ts),
        [EVENT_HEADER]: d.event,
        [DELIVERY_HEADER]: d.eventId,
        [ID_HEADER]: d.eventId,
        [STANDARD_TIMESTAMP_HEADER]: String(ts),
        [STANDARD_SIGNATURE_HEADER]: signStandard(d.secret, d.eventId, ts, body),
      },
      body,
      // A redirect is not an answer: following it could post the payload somewhere the admin never chose.
      redirect: 'manual',
      signal: AbortSignal.timeout(opts.timeoutMs ?? TIMEOUT_MS),
    });
    await res.arrayBuffer().catch(() => undefined);
    ok = res.status >= 200 && res.status < 300;
    status = `${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
  } catch (err) {
    const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
    status = e.name === 'TimeoutError' ? `timeout after ${(opts.timeoutMs ?? TIMEOUT_MS) / 1000} s` : `error: ${e.cause?.code ?? e.cause?.message ?? e.message ?? String(err)}`;
  }
  const attempts = d.attempts + 1;
  const now = ctx.clock.now();
  const gaveUp = !ok && attempts >= MAX_ATTEMPTS;
  const next = new Date(now.getTime() + backoffSeconds(attempts) * 1000);
  const line = ok ? status : gaveUp ? `${status}; gave up after ${attempts} attempts` : `${status}; attempt ${attempts} of ${MAX_ATTEMPTS}, next at ${next.toISOString()}`;
  await ctx.root.transaction(async (tx) => {
    await tx
      .update(webhookDeliveries)
      .set({ attempts, lastStatus: line, ...(ok ? { deliveredAt: now } : gaveUp ? { failedAt: now } : { nextAttemptAt: next }) })
      .where(eq(webhookDeliveries.id, d.id));
    await tx
      .update(webhookSubscriptions)
      .set({ lastStatus: `${d.event} ${d.eventId}: ${line}`, lastDeliveryAt: now })
      .where(eq(webhookSubscriptions.id, d.subscriptionId));
  });
  if (ok) result.delivered++;
  else if (gaveUp) result.failed++;
  else result.retrying++;
  if (!ok) ctx.log.warn({ subscription: d.subscriptionId, delivery: d.id, event: d.event, status: line }, 'webhook delivery failed');
  return ok;
}
