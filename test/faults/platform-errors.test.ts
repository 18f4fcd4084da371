/**
 * The chat platforms misbehave. Slack: 429 with Retry-After is waited out exactly; 5xx is retried
 * with a doubling backoff and, after the last attempt, the post is marked failed and reported at
 * error level; when a click's message update meets a 429 the verb has still run once and the
 * outbox rewrites the message. Teams: 429 with or without Retry-After backs off, then delivers once.
 */
import { Writable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { alertActs, alerts, outbox, teamChannels } from '../../db/schema.js';
import type { Ctx } from '../../src/context.js';
import { runMonitor } from '../../src/jobs/monitor.js';
import { createLogger } from '../../src/log.js';
import { MAX_ATTEMPTS } from '../../src/notify/notifier.js';
import type { TestKit } from '../support/app.js';
import { slackHarness, uid, type SlackHarness } from '../slack/harness.js';
import { CHANNEL as TEAMS_CHANNEL, TENANT } from '../teams/activities.js';
import { teamsKit, type FakeConnector } from '../teams/fake-connector.js';

type Entry = { level: number; msg: string; outbox?: number; subject?: string; err?: string };

/** The notifier logs through ctx.log; the test reads what it reported. */
function captureLogs(ctx: Ctx): Entry[] {
  const entries: Entry[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _e, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) entries.push(JSON.parse(line) as Entry);
      done();
    },
  });
  (ctx as { log: Ctx['log'] }).log = createLogger('warn', sink);
  return entries;
}

/** A P1 job whose 75% response warning is due: one alert row and its outbox post(s). */
async function alertDue(kit: TestKit): Promise<void> {
  kit.clock.set('2026-11-23T09:00:00Z');
  await kit.app.dispatch(await kit.as('dana'), 'job new ACME-HVAC PAR-HQ P1 Data room too hot');
  await kit.app.notifier.deliverDue();
  kit.clock.set('2026-11-23T09:46:00Z');
  await runMonitor(kit.app.ctx);
}

const later = (kit: TestKit, ms: number) => kit.clock.set(new Date(kit.clock.now().getTime() + ms));

describe('Slack misbehaves', () => {
  let h: SlackHarness;
  let logs: Entry[];
  const CHANNEL = 'C0DISPATCH';
  const alertRow = async () => (await h.kit.db.db.select().from(outbox).where(and(eq(outbox.subjectKind, 'alert'), eq(outbox.platform, 'slack'))))[0]!;
  const slaCalls = () => h.fake.callsTo('chat.postMessage').filter((c) => /SLA/.test(String(c.args.text)));
  const slaPosts = () => slaCalls().filter((c) => c.result.ok);

  beforeAll(async () => {
    h = await slackHarness();
    logs = captureLogs(h.kit.app.ctx);
  });
  afterAll(async () => h?.close());
  beforeEach(async () => {
    await h.reset();
    logs.length = 0;
    await h.kit.db.db.insert(teamChannels).values({ teamId: 'hvac-paris', purpose: 'dispatch', platform: 'slack', target: { channel: CHANNEL } });
  });

  it('429s with Retry-After are waited out to the second, then the alert is posted once', async () => {
    await alertDue(h.kit);
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 30 }, { status: 429, retryAfter: 5 });
    expect(await h.kit.app.notifier.deliverDue()).toBe(0);
    expect((await alertRow()).nextAttemptAt.getTime() - h.kit.clock.now().getTime()).toBe(30_000);
    later(h.kit, 29_000);
    expect(await h.kit.app.notifier.deliverDue()).toBe(0); // not due yet: Slack was not asked again
    expect(slaCalls()).toHaveLength(1);
    later(h.kit, 1000);
    expect(await h.kit.app.notifier.deliverDue()).toBe(0);
    expect((await alertRow()).nextAttemptAt.getTime() - h.kit.clock.now().getTime()).toBe(5000);
    later(h.kit, 5000);
    expect(await h.kit.app.notifier.deliverDue()).toBe(1);
    expect(slaPosts()).toHaveLength(1);
    expect((await alertRow()).attempts).toBe(3);
  });

  it('5xx is retried with a doubling backoff; after the last attempt the post is marked failed and reported as an error', async () => {
    await alertDue(h.kit);
    h.fake.failNext('chat.postMessage', ...Array.from({ length: MAX_ATTEMPTS }, () => ({ status: 500 })));
    const waits: number[] = [];
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      expect(await h.kit.app.notifier.deliverDue()).toBe(0);
      const row = await alertRow();
      expect(row.attempts).toBe(i);
      if (i < MAX_ATTEMPTS) {
        expect(row.failedAt, `attempt ${i}`).toBeNull();
        waits.push(row.nextAttemptAt.getTime() - h.kit.clock.now().getTime());
        h.kit.clock.set(row.nextAttemptAt);
      }
    }
    expect(waits.slice(0, 5)).toEqual([2000, 4000, 8000, 16_000, 32_000]);
    expect(Math.max(...waits)).toBe(15 * 60_000);
    // Retried for longer than a typical platform incident before giving up.
    expect(waits.reduce((a, b) => a + b, 0)).toBeGreaterThan(30 * 60_000);
    const failed = await alertRow();
    expect(failed.failedAt).not.toBeNull();
    expect(failed.lastError).toMatch(/HTTP 500/);
    const reported = logs.filter((l) => l.msg === 'delivery failed for good');
    expect(reported).toHaveLength(1);
    expect(reported[0]).toMatchObject({ level: 50, outbox: failed.id, subject: `alert:${failed.subjectId}` });
    expect(logs.filter((l) => l.msg === 'delivery failed, will retry')).toHaveLength(MAX_ATTEMPTS - 1);
    // Given up means given up: no further attempts, nothing posted.
    later(h.kit, 3600_000);
    expect(await h.kit.app.notifier.deliverDue()).toBe(0);
    expect(slaCalls()).toHaveLength(MAX_ATTEMPTS);
    expect(slaPosts()).toEqual([]);
  });

  it('a few 5xx then success: posted once, the alert row untouched', async () => {
    await alertDue(h.kit);
    h.fake.failNext('chat.postMessage', { status: 502 }, { status: 503 }, { error: 'internal_error' });
    for (let i = 0; i < 4; i++) {
      await h.kit.app.notifier.deliverDue();
      h.kit.clock.set((await alertRow()).nextAttemptAt);
    }
    expect(slaPosts()).toHaveLength(1);
    expect((await alertRow()).deliveredAt).not.toBeNull();
    expect(await h.kit.db.db.select().from(alerts)).toHaveLength(1);
  });

  // The harness's Bolt client does not retry (the production one waits a 429 out), so the click's
  // own chat.update fails here: the verb has run once all the same, and the outbox rewrites the message.
  it('a click whose message update meets a 429: the verb ran once and the message is rewritten from the outbox', async () => {
    await alertDue(h.kit);
    await h.kit.app.notifier.deliverDue();
    const post = slaPosts()[0]!;
    const ts = String(post.result.ts);
    const ack = (post.args.blocks as { type: string; elements?: { text?: { text: string }; action_id: string; value?: string }[] }[])
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.text?.text === 'Acknowledge')!;
    h.fake.failNext('chat.update', { status: 429, retryAfter: 1 });
    const r = await h.click({ user_id: uid('dana'), action: { action_id: ack.action_id, value: ack.value }, message: { ts } });
    expect(r.res.status).toBe(200); // acked at once; the update happens after
    await h.slack.idle();
    const [a] = await h.kit.db.db.select().from(alerts);
    expect((await h.kit.db.db.select().from(alertActs).where(eq(alertActs.alertId, a!.id))).map((x) => x.act)).toEqual(['acknowledge']);
    // The refused update is not lost: the outbox rewrites every posted copy from current state.
    await h.kit.app.notifier.deliverDue();
    const ok = h.fake.callsTo('chat.update').filter((c) => c.args.ts === ts && c.result.ok);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(ok[ok.length - 1]!.args.blocks)).toContain('Acknowledged by Dana Dispatcher');
  });
});

describe('Teams misbehaves', () => {
  let kit: TestKit;
  let fake: FakeConnector;
  let close: () => Promise<void>;
  const alertRow = async () => (await kit.db.db.select().from(outbox).where(and(eq(outbox.subjectKind, 'alert'), eq(outbox.platform, 'teams'))))[0]!;
  const alertCards = () => fake.cards().filter((c) => /SLA/.test(JSON.stringify(c.card)));

  beforeAll(async () => {
    ({ kit, fake, close } = await teamsKit());
  });
  afterAll(() => close?.());
  beforeEach(async () => {
    await kit.reset();
    fake.clear();
    await kit.db.db.insert(teamChannels).values({ teamId: 'hvac-paris', purpose: 'dispatch', platform: 'teams', target: { conversationId: TEAMS_CHANNEL, serviceUrl: fake.url, tenantId: TENANT } });
  });

  it('429 without Retry-After backs off (2 s, 4 s, 8 s), then the alert is posted once', async () => {
    await alertDue(kit);
    fake.clear();
    fake.failNext(429);
    fake.failNext(429);
    fake.failNext(429);
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      expect(await kit.app.notifier.deliverDue()).toBe(0);
      const row = await alertRow();
      expect(row.lastError).toMatch(/429/);
      expect(row.failedAt).toBeNull();
      waits.push(row.nextAttemptAt.getTime() - kit.clock.now().getTime());
      kit.clock.set(row.nextAttemptAt);
    }
    expect(waits).toEqual([2000, 4000, 8000]);
    expect(await kit.app.notifier.deliverDue()).toBe(1);
    expect(alertCards()).toHaveLength(1);
  });

  it('429 with Retry-After as an HTTP date is honoured', async () => {
    await alertDue(kit);
    fake.clear();
    // The date is read against the real clock (it is Teams' clock); 120 s from now.
    fake.failNext(429, { 'retry-after': new Date(Date.now() + 120_000).toUTCString() });
    expect(await kit.app.notifier.deliverDue()).toBe(0);
    const wait = (await alertRow()).nextAttemptAt.getTime() - kit.clock.now().getTime();
    expect(wait).toBeGreaterThan(100_000);
    expect(wait).toBeLessThanOrEqual(120_000);
    later(kit, wait);
    expect(await kit.app.notifier.deliverDue()).toBe(1);
    expect(alertCards()).toHaveLength(1);
  });
});
