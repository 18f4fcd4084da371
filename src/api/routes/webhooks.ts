/**
 * Webhook subscriptions over REST (admin scope): subscribe, list with the last delivery status,
 * one subscription, turn it off, its delivery log, re-queue a delivery. docs/api.md shows a
 * receiver that checks the signature.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { WEBHOOK_EVENTS } from '../../webhooks/events.js';
import { createSubscription, disableSubscription, getSubscription, listDeliveries, listSubscriptions, redeliver, type DeliveryView, type SubscriptionView } from '../../webhooks/subscriptions.js';
import type { Api } from '../app.js';
import { scoped } from '../schemas.js';
import { idCursor, json, nextCursor, pageQuery, problem } from './paging.js';

const errors = { 400: problem('Invalid request'), 401: problem('No or bad token'), 403: problem('Needs the admin scope'), 404: problem('No such subscription or delivery') };

const Subscription = z
  .object({
    id: z.number().int(),
    url: z.string(),
    events: z.array(z.string()),
    description: z.string().nullable(),
    active: z.boolean(),
    lastStatus: z.string().nullable().describe('outcome of the last attempt: "job.created <event id>: 200 OK"'),
    lastDeliveryAt: z.string().nullable(),
    pending: z.number().int().describe('deliveries waiting or retrying'),
    failed: z.number().int().describe('deliveries that ran out of retries'),
    createdAt: z.string(),
  })
  .openapi('WebhookSubscription');

const Delivery = z
  .object({
    id: z.number().int(),
    eventId: z.string().describe('the envelope id; the same for this event in every subscription'),
    event: z.string(),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number().int(),
    lastStatus: z.string().nullable(),
    nextAttemptAt: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    failedAt: z.string().nullable(),
    createdAt: z.string(),
    payload: z.record(z.string(), z.unknown()).describe('the envelope as sent: { id, type, createdAt, data }'),
  })
  .openapi('WebhookDelivery');

const subJson = (s: SubscriptionView): z.infer<typeof Subscription> => ({
  id: s.id,
  url: s.url,
  events: s.events,
  description: s.description,
  active: s.active,
  lastStatus: s.lastStatus,
  lastDeliveryAt: s.lastDeliveryAt?.toISOString() ?? null,
  pending: s.pending,
  failed: s.failed,
  createdAt: s.createdAt.toISOString(),
});

const deliveryJson = (d: DeliveryView): z.infer<typeof Delivery> => ({
  id: d.id,
  eventId: d.eventId,
  event: d.event,
  status: d.status,
  attempts: d.attempts,
  lastStatus: d.lastStatus,
  nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
  deliveredAt: d.deliveredAt?.toISOString() ?? null,
  failedAt: d.failedAt?.toISOString() ?? null,
  createdAt: d.createdAt.toISOString(),
  payload: d.payload as Record<string, unknown>,
});

/** Ids are int4 in the database: a larger number is a 400 here, not a failed query. */
const serialId = z.coerce.number().int().positive().max(2_147_483_647);
const idParam = z.object({ id: serialId });

export function registerWebhookRoutes(api: Api): void {
  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/webhooks',
      security: scoped('admin'),
      tags: ['webhooks'],
      summary: 'Subscribe a URL to events; the signing secret is in this reply only',
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z
                .object({
                  url: z.string().min(1).describe('https://erp.example.com/hooks/contract-ops'),
                  events: z.array(z.string()).min(1).describe(`any of ${WEBHOOK_EVENTS.join(', ')}, or * for all`),
                  description: z.string().max(200).optional(),
                })
                .openapi('NewWebhookSubscription'),
            },
          },
        },
      },
      responses: { 201: json('Subscribed', Subscription.extend({ secret: z.string().describe('HMAC-SHA256 key for X-ContractOps-Signature; shown once') }).openapi('WebhookSubscriptionCreated')), ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const r = await createSubscription(ctx, c.req.valid('json'));
      return c.json({ ...subJson(r.subscription), secret: r.secret }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/webhooks',
      security: scoped('admin'),
      tags: ['webhooks'],
      summary: 'Subscriptions, newest first, each with its last delivery status',
      request: { query: z.object({ active: z.enum(['true', 'false']).optional(), ...pageQuery }) },
      responses: { 200: json('A page of subscriptions', z.object({ items: z.array(Subscription), nextCursor: z.string().nullable() })), ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const q = c.req.valid('query');
      const items = await listSubscriptions(ctx, { active: q.active === undefined ? undefined : q.active === 'true', limit: q.limit, cursor: idCursor(q.cursor) });
      return c.json({ items: items.map(subJson), nextCursor: nextCursor(items, q.limit, (s) => s.id) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/webhooks/{id}',
      security: scoped('admin'),
      tags: ['webhooks'],
      summary: 'One subscription with its last status and pending and failed counts',
      request: { params: idParam },
      responses: { 200: json('The subscription', Subscription), ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      return c.json(subJson(await getSubscription(ctx, c.req.valid('param').id)), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/webhooks/{id}',
      security: scoped('admin'),
      tags: ['webhooks'],
      summary: 'Turn a subscription off; its pending deliveries are not sent',
      request: { params: idParam },
      responses: { 200: json('Turned off', Subscription), ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      return c.json(subJson(await disableSubscription(ctx, c.req.valid('param').id)), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/webhooks/{id}/deliveries',
      security: scoped('admin'),
      tags: ['webhooks'],
      summary: "A subscription's deliveries, newest first",
      request: { params: idParam, query: z.object({ status: z.enum(['pending', 'delivered', 'failed']).optional(), event: z.enum(WEBHOOK_EVENTS).optional(), ...pageQuery }) },
      responses: { 200: json('A page of deliveries', z.object({ items: z.array(Delivery), nextCursor: z.string().nullable() })), ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const q = c.req.valid('query');
      const items = await listDeliveries(ctx, { subscription: c.req.valid('param').id, status: q.status, event: q.event, limit: q.limit, cursor: idCursor(q.cursor) });
      return c.json({ items: items.map(deliveryJson), nextCursor: nextCursor(items, q.limit, (d) => d.id) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/webhooks/{id}/deliveries/{delivery}/retry',
      security: scoped('admin'),
      tags: ['webhooks'],
      summary: 'Send a delivery again from the start of its retry schedule',
      request: { params: z.object({ id: serialId, delivery: serialId }) },
      responses: { 200: json('Re-queued', Delivery), ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const p = c.req.valid('param');
      return c.json(deliveryJson(await redeliver(ctx, { subscription: p.id, delivery: p.delivery })), 200);
    },
  );
}
