/**
 * Webhooks out, end to end: a subscription made through the API, events written in the same
 * transaction as what they report, deliveries signed and sent to a real HTTP receiver on
 * 127.0.0.1, retried with backoff, visible per subscription. Runs on PGlite and on Postgres.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, isNull } from 'drizzle-orm';
import { webhookDeliveries, webhookSubscriptions } from '../../db/schema.js';
import { createToken } from '../../src/api/tokens.js';
import { runMonitor } from '../../src/jobs/monitor.js';
import { importCsv } from '../../src/import/import-csv.js';
import { backoffSeconds, deliverWebhooks, MAX_ATTEMPTS } from '../../src/webhooks/deliver.js';
import { newSecret, sign, signStandard, verifyStandardWebhook, verifyWebhook } from '../../src/webhooks/sign.js';
import { testKit, type TestKit } from '../support/app.js';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
  verified: boolean;
  /** the Standard Webhooks check, as its specification writes it (not the bot's own code) */
  standard: boolean;
}

/** standardwebhooks.com: base64 HMAC-SHA256 of "id.timestamp.body" keyed with the secret's base64 part, in `webhook-signature` as "v1,<sig>" (several, space-separated). */
function standardVerified(secret: string, h: IncomingHttpHeaders, body: string, now: number): boolean {
  const id = h['webhook-id'] as string | undefined;
  const ts = h['webhook-timestamp'] as string | undefined;
  const sigs = h['webhook-signature'] as string | undefined;
  if (!id || !ts || !sigs || Math.abs(now - Number(ts)) > 300) return false;
  const key = Buffer.from(secret.split('_')[1]!, 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${ts}.${body}`).digest('base64');
  return sigs.split(' ').some((s) => s.startsWith('v1,') && s.length === expected.length + 3 && timingSafeEqual(Buffer.from(s.slice(3)), Buffer.from(expected)));
}

/** A receiver as a customer would write one: verify first, then parse; answers from a script. */
class Receiver {
  server!: Server;
  received: Received[] = [];
  secret = '';
  answers: number[] = [];
  constructor(private now: () => number) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const verified = verifyWebhook({
          secret: this.secret,
          body,
          signature: req.headers['x-contractops-signature'] as string | undefined,
          timestamp: req.headers['x-contractops-timestamp'] as string | undefined,
          now: this.now(),
        });
        this.received.push({ headers: req.headers, body, verified, standard: standardVerified(this.secret, req.headers, body, this.now()) });
        const status = verified ? (this.answers.shift() ?? 200) : 401;
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'no');
      });
    });
    // Longer than any test: an idle keep-alive socket closed by the server while the client reuses
    // it is a network hiccup the retries absorb, but it would make a test's first attempt flaky.
    this.server.keepAliveTimeout = 120_000;
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

let kit: TestKit;
let admin: string;
let receiver: Receiver;
let url: string;
beforeAll(async () => {
  kit = await testKit({ now: '2026-11-23T16:00:00Z' });
  admin = await createToken(kit.db.db, 'erp-sync', ['read', 'write', 'admin']);
  receiver = new Receiver(() => Math.floor(kit.clock.now().getTime() / 1000));
  url = await receiver.start();
});
afterAll(async () => {
  await receiver?.stop();
  await kit?.close();
});
afterEach(async () => {
  receiver.received = [];
  receiver.answers = [];
  // Each test starts with no live subscription, whatever the last one did.
  await kit.db.db.update(webhookSubscriptions).set({ active: false });
});

const call = (method: string, path: string, body?: unknown) =>
  kit.app.api.request(path, { method, headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

async function subscribe(events: string[]): Promise<number> {
  const res = await call('POST', '/api/v1/webhooks', { url, events, description: 'ERP' });
  expect(res.status).toBe(201);
  const s = (await res.json()) as { id: number; secret: string };
  receiver.secret = s.secret;
  return s.id;
}

const tick = (seconds: number) => kit.clock.set(new Date(kit.clock.now().getTime() + seconds * 1000).toISOString());
const pending = async () => Number((await kit.db.db.select({ n: count() }).from(webhookDeliveries))[0]!.n);

describe('webhook deliveries', () => {
  it('signs job.created, retries after two failures with backoff, and records exactly one success', async () => {
    const sub = await subscribe(['job.created']);
    receiver.answers = [500, 503, 200];
    const created = await call('POST', '/api/v1/jobs', { contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P2', summary: 'Chiller tripping' });
    expect(created.status).toBe(201);
    const job = (await created.json()) as { id: string };

    expect(await deliverWebhooks(kit.app.ctx)).toMatchObject({ attempted: 1, delivered: 0, retrying: 1 });
    // Not due again before the backoff has passed.
    tick(backoffSeconds(1) - 1);
    expect(await deliverWebhooks(kit.app.ctx)).toMatchObject({ attempted: 0 });
    tick(1);
    expect(await deliverWebhooks(kit.app.ctx)).toMatchObject({ attempted: 1, retrying: 1 });
    tick(backoffSeconds(2));
    expect(await deliverWebhooks(kit.app.ctx)).toMatchObject({ attempted: 1, delivered: 1 });
    const deliveredAt = kit.clock.now().toISOString();
    tick(24 * 3600);
    expect(await deliverWebhooks(kit.app.ctx)).toMatchObject({ attempted: 0 });

    expect(receiver.received).toHaveLength(3);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    // The same deliveries pass a Standard Webhooks receiver's check (webhook-id, -timestamp, -signature).
    expect(receiver.received.map((r) => r.standard)).toEqual([true, true, true]);
    expect(receiver.received[0]!.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(receiver.received[0]!.headers['webhook-timestamp']).toBe(receiver.received[0]!.headers['x-contractops-timestamp']);
    const bodies = receiver.received.map((r) => JSON.parse(r.body) as { id: string; type: string; data: { job: { id: string; responseDueAt: string } } });
    expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
    expect(bodies[0]).toMatchObject({ type: 'job.created', data: { job: { id: job.id, contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P2', responseDueAt: '2026-11-24T10:00:00.000Z' } } });
    expect(receiver.received[0]!.headers).toMatchObject({ 'x-contractops-event': 'job.created', 'x-contractops-delivery': bodies[0]!.id, 'content-type': 'application/json' });
    // One stable id (Standard Webhooks' webhook-id) on every attempt, the body's id, to deduplicate on.
    expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual([bodies[0]!.id, bodies[0]!.id, bodies[0]!.id]);
    // Each attempt is signed afresh, at its own time.
    expect(new Set(receiver.received.map((r) => r.headers['x-contractops-timestamp'])).size).toBe(3);

    const rows = await kit.db.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.subscriptionId, sub));
    expect(rows).toHaveLength(1);
    expect(rows.filter((r) => r.deliveredAt !== null)).toHaveLength(1);
    expect(rows[0]).toMatchObject({ attempts: 3, lastStatus: '200 OK', failedAt: null });

    const view = (await (await call('GET', `/api/v1/webhooks/${sub}`)).json()) as { lastStatus: string; pending: number; failed: number; lastDeliveryAt: string };
    expect(view).toMatchObject({ lastStatus: `job.created ${bodies[0]!.id}: 200 OK`, pending: 0, failed: 0, lastDeliveryAt: deliveredAt });
    const log = (await (await call('GET', `/api/v1/webhooks/${sub}/deliveries`)).json()) as { items: { status: string; attempts: number; event: string }[]; nextCursor: string | null };
    expect(log).toEqual({ items: [expect.objectContaining({ status: 'delivered', attempts: 3, event: 'job.created' })], nextCursor: null });
  });

  it('writes nothing for a change that did not happen, and nothing twice when two ticks race', async () => {
    const sub = await subscribe(['job.created', 'job.closed']);
    const before = await pending();
    const bad = await call('POST', '/api/v1/jobs', { contract: 'ACME-HVAC', site: 'NO-SUCH-SITE', priority: 'P2', summary: 'x' });
    expect(bad.status).toBe(404);
    expect(await pending()).toBe(before);
    await call('POST', '/api/v1/jobs', { contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P3', summary: 'Noisy fan' });
    const [a, b] = await Promise.all([deliverWebhooks(kit.app.ctx), deliverWebhooks(kit.app.ctx)]);
    expect(a.delivered + b.delivered).toBe(1);
    expect(receiver.received).toHaveLength(1);
    expect((await kit.db.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.subscriptionId, sub))).map((d) => d.attempts)).toEqual([1]);
  });

  it('reports breach risk, breaches, amendments and job closing to a subscription to everything', async () => {
    const sub = await subscribe(['*']);
    const r = await call('POST', '/api/v1/jobs', { contract: 'ACME-HVAC', site: 'LYO-DC', priority: 'P1', summary: 'Smoke alarm' });
    const { id } = (await r.json()) as { id: string };
    tick(50 * 60);
    await runMonitor(kit.app.ctx);
    tick(20 * 60);
    await runMonitor(kit.app.ctx);
    for (const status of ['en_route', 'on_site', 'resolved', 'closed']) expect((await call('POST', `/api/v1/jobs/${id}/events`, { kind: 'status', status })).status).toBe(200);
    const ada = await kit.as('ada');
    await importCsv(ada, { files: [{ name: 'rates.csv', data: 'contract,code,price\nACME-HVAC,HVAC-LAB,86.00\n' }] });
    await deliverWebhooks(kit.app.ctx);
    const left = await kit.db.db.select().from(webhookDeliveries).where(and(eq(webhookDeliveries.subscriptionId, sub), isNull(webhookDeliveries.deliveredAt)));
    expect(left.map((d) => `${d.event}: ${d.lastStatus}`)).toEqual([]);
    expect(receiver.received.every((x) => x.verified)).toBe(true);
    // Jobs of earlier tests may alert too: keep this job's events and the contract's.
    const events = receiver.received
      .map((x) => JSON.parse(x.body) as { type: string; data: { job?: { id: string }; alert?: unknown; contract?: unknown } })
      .filter((e) => e.data.job?.id === id || e.type === 'contract.amended');
    expect(events.map((e) => e.type)).toEqual(['job.created', 'job.at_risk', 'job.breached', 'job.closed', 'contract.amended']);
    expect(events[1]!.data.alert).toMatchObject({ window: 'response', level: '75%' });
    expect(events[2]!.data.alert).toMatchObject({ window: 'response', level: 'breach' });
    expect(events[3]!.data.job).toMatchObject({ status: 'closed', responseBreached: true });
    expect(events[4]!.data.contract).toMatchObject({ id: 'ACME-HVAC', version: 2, amendedBy: 'Ada Admin (shell)' });
    expect(((await (await call('GET', `/api/v1/webhooks/${sub}`)).json()) as { pending: number }).pending).toBe(0);
  });

  it('gives up after the last retry, shows it failed, and sends it again on request', async () => {
    const sub = await subscribe(['job.created']);
    receiver.answers = Array(MAX_ATTEMPTS).fill(500);
    await call('POST', '/api/v1/jobs', { contract: 'BRIGHTDESK-IT', site: 'BD-NYC', priority: 'P3', summary: 'Printer' });
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      await deliverWebhooks(kit.app.ctx);
      tick(backoffSeconds(i));
    }
    expect(receiver.received).toHaveLength(MAX_ATTEMPTS);
    const view = (await (await call('GET', `/api/v1/webhooks/${sub}`)).json()) as { lastStatus: string; failed: number; pending: number };
    expect(view).toMatchObject({ failed: 1, pending: 0, lastStatus: expect.stringMatching(/500 Internal Server Error; gave up after 12 attempts$/) });
    const failed = (await (await call('GET', `/api/v1/webhooks/${sub}/deliveries?status=failed`)).json()) as { items: { id: number }[] };
    expect(failed.items).toHaveLength(1);
    const retry = await call('POST', `/api/v1/webhooks/${sub}/deliveries/${failed.items[0]!.id}/retry`);
    expect(retry.status).toBe(200);
    await deliverWebhooks(kit.app.ctx);
    expect(receiver.received).toHaveLength(MAX_ATTEMPTS + 1);
    // A resend on request is the same delivery: same webhook-id as every automatic attempt.
    const ids = new Set(receiver.received.map((r) => r.headers['webhook-id']));
    expect([...ids]).toEqual([(JSON.parse(receiver.received[0]!.body) as { id: string }).id]);
    expect(((await (await call('GET', `/api/v1/webhooks/${sub}`)).json()) as { failed: number }).failed).toBe(0);
    const off = (await (await call('DELETE', `/api/v1/webhooks/${sub}`)).json()) as { active: boolean };
    expect(off.active).toBe(false);
  });

  it('refuses bad subscriptions and tokens without the admin scope', async () => {
    const bad = await call('POST', '/api/v1/webhooks', { url: 'ftp://x.example', events: ['job.created'] });
    expect(bad.status).toBe(400);
    const badEvent = await call('POST', '/api/v1/webhooks', { url, events: ['job.teleported'] });
    expect(((await badEvent.json()) as { detail: string }).detail).toMatch(/Unknown event job\.teleported; events are job\.created, job\.at_risk/);
    const reader = await createToken(kit.db.db, 'reader', ['read']);
    const res = await kit.app.api.request('/api/v1/webhooks', { headers: { authorization: `Bearer ${reader}` } });
    expect(res.status).toBe(403);
  });
});

describe('signatures', () => {
  it('verify only the exact body, with the right secret, within five minutes', () => {
    const body = '{"id":"e1","type":"job.created"}';
    const sig = sign('whsec_a', 1_800_000_000, body);
    const ok = { secret: 'whsec_a', body, signature: sig, timestamp: '1800000000', now: 1_800_000_100 };
    expect(verifyWebhook(ok)).toBe(true);
    expect(verifyWebhook({ ...ok, body: body.replace('e1', 'e2') })).toBe(false);
    expect(verifyWebhook({ ...ok, secret: 'whsec_b' })).toBe(false);
    expect(verifyWebhook({ ...ok, now: 1_800_000_301 })).toBe(false);
    expect(verifyWebhook({ ...ok, timestamp: '1800000001' })).toBe(false);
    expect(verifyWebhook({ ...ok, signature: undefined })).toBe(false);
    expect(sig).toMatch(/^v1=[0-9a-f]{64}$/);
  });

  it('in the Standard Webhooks form too: a whsec_ secret of base64 bytes, v1,<base64> over id.timestamp.body', () => {
    const secret = newSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const body = '{"id":"e1","type":"job.created"}';
    const signature = signStandard(secret, 'e1', 1_800_000_000, body);
    const headers = { 'webhook-id': 'e1', 'webhook-timestamp': '1800000000', 'webhook-signature': `v1,bm90LXRoaXMtb25l ${signature}` };
    expect(standardVerified(secret, headers, body, 1_800_000_100)).toBe(true);
    const ok = { secret, body, id: 'e1', timestamp: '1800000000', signature: headers['webhook-signature'], now: 1_800_000_100 };
    expect(verifyStandardWebhook(ok)).toBe(true);
    expect(verifyStandardWebhook({ ...ok, id: 'e2' })).toBe(false);
    expect(verifyStandardWebhook({ ...ok, body: body.replace('e1', 'e2') })).toBe(false);
    expect(verifyStandardWebhook({ ...ok, secret: newSecret() })).toBe(false);
    expect(verifyStandardWebhook({ ...ok, now: 1_800_000_301 })).toBe(false);
  });
});
