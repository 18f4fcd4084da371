/**
 * One Teams card per alert when the process that posted it cannot say so: the connection closed
 * after Teams took the post (no activity id came back), or the process died after the post and
 * before the record (a new process, with nothing in memory, retries after the lease). The retry
 * finds the card in the channel's messages through Microsoft Graph (the strict fake Graph of
 * fake-connector.ts), by the outbox marker the card carries, records its id and posts nothing.
 * Graph refusing (403: the consent was not granted) falls back to posting again, said once in the log.
 */
import { Writable } from 'node:stream';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { alerts, conversations, outbox, postedMessages } from '../../db/schema.js';
import { createTeamsBot } from '../../src/chat/teams/bot.js';
import { runMonitor } from '../../src/jobs/monitor.js';
import { createLogger } from '../../src/log.js';
import type { TestKit } from '../support/app.js';
import { CHANNEL, message, post, TEAM_GROUP, TENANT } from './activities.js';
import { knowDemoPeople, teamsKit, type FakeConnector } from './fake-connector.js';
import { loseConnectionAfterPost } from '../support/faults.js';

type Entry = { level: number; msg: string };

let kit: TestKit;
let fake: FakeConnector;
let close: () => Promise<void>;
const logs: Entry[] = [];
const log = createLogger(
  'warn',
  new Writable({
    write(chunk: Buffer, _e, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(line) as Entry);
      done();
    },
  }),
);

beforeAll(async () => {
  ({ kit, fake, close } = await teamsKit({ graph: true, log }));
});
afterAll(async () => close?.());
beforeEach(async () => {
  vi.restoreAllMocks();
  await kit.reset();
  fake.clear();
  knowDemoPeople(fake);
});

/** The alert cards posted to the channel (updates not counted). */
const alertCards = () => fake.sent.filter((s) => s.method === 'POST' && s.conversationId === CHANNEL && /SLA at risk/.test(JSON.stringify(s.activity.attachments ?? [])));

/**
 * Lee binds the Field Ops channel (so the bot knows the channel and its team's group id, as Teams
 * sends it), Dana opens a P2 job, and at Tue 09:00 UTC its alert's outbox post is written, not delivered.
 */
async function alertDue(): Promise<number> {
  kit.clock.set('2026-11-23T16:00:00Z');
  await post(kit.app, message(fake.url, 'lee', 'team bind dispatch hvac-paris', { channel: CHANNEL }));
  await post(kit.app, message(fake.url, 'dana', 'job new ACME-HVAC PAR-HQ P2 Chiller tripping'));
  await kit.app.notifier.deliverDue();
  fake.clear();
  kit.clock.set('2026-11-24T09:00:30Z');
  await runMonitor(kit.app.ctx);
  const [alert] = await kit.db.db.select().from(alerts);
  return alert!.id;
}

async function alertRow() {
  const rows = await kit.db.db.select().from(outbox).where(and(eq(outbox.platform, 'teams'), eq(outbox.subjectKind, 'alert')));
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

async function alertRefs(alertId: number) {
  return kit.db.db.select().from(postedMessages).where(and(eq(postedMessages.platform, 'teams'), eq(postedMessages.subjectKind, 'alert'), eq(postedMessages.subjectId, String(alertId))));
}

describe('a Teams card whose post may have reached Teams is looked for in Graph', () => {
  it('the answer to the post is lost (Teams took it): the retry finds the card in the channel and posts nothing', async () => {
    const alertId = await alertDue();
    fake.dropNextPostAnswer();
    expect(await kit.app.notifier.deliverDue()).toBe(0);
    expect(alertCards()).toHaveLength(1);
    expect(await alertRow()).toMatchObject({ deliveredAt: null, failedAt: null, outcomeUnknown: true });
    const posted = alertCards()[0]!;

    kit.clock.advance(61_000);
    expect(await kit.app.notifier.deliverDue()).toBe(1);
    expect(alertCards()).toHaveLength(1);
    expect(fake.graph.reads).toEqual([{ url: expect.stringContaining(`/graph/v1.0/teams/${TEAM_GROUP}/channels/${encodeURIComponent(CHANNEL)}/messages?`), status: 200 }]);
    expect(await alertRow()).toMatchObject({ outcomeUnknown: false, failedAt: null });
    // The card found is the one clicks and updates rewrite.
    const refs = await alertRefs(alertId);
    expect(refs).toHaveLength(1);
    expect(refs[0]!.ref).toEqual({ conversationId: CHANNEL, serviceUrl: fake.url, activityId: posted.activityId });
    expect(posted.activityId).toMatch(/^act-\d+$/);

    kit.clock.advance(5 * 60_000);
    expect(await kit.app.notifier.deliverDue()).toBe(0);
    expect(alertCards()).toHaveLength(1);
  });

  it('the process dies after Teams took the post and before the record: a new process finds the card and posts nothing', async () => {
    const alertId = await alertDue();
    const failed = loseConnectionAfterPost(kit.app.ctx.root, () => alertCards().length === 1);
    expect(await kit.app.notifier.deliverDue()).toBe(0);
    expect(failed()).toBe(true);
    expect(alertCards()).toHaveLength(1);
    vi.restoreAllMocks();
    // Sixty messages in the channel since: the card is on Graph's second page.
    for (let i = 0; i < 60; i++) fake.sent.push({ method: 'POST', conversationId: CHANNEL, activityId: `other-${i}`, activity: { type: 'message', text: `message ${i}` }, at: new Date() });

    // The restarted process: a deliverer that remembers nothing of the first one's posts.
    const restarted = createTeamsBot(kit.app, kit.config, log, { graphToken: async () => fake.graph.token });
    kit.app.notifier.addDeliverer(restarted.deliverer);
    kit.clock.advance(61_000);
    expect(await kit.app.notifier.deliverDue()).toBe(1);
    expect(alertCards()).toHaveLength(1);
    expect(fake.graph.reads.map((r) => r.status)).toEqual([200, 200]);
    expect(fake.graph.reads[1]!.url).toMatch(/skiptoken/);
    const refs = await alertRefs(alertId);
    expect(refs).toHaveLength(1);
    expect(refs[0]!.ref).toMatchObject({ activityId: alertCards()[0]!.activityId });
  });

  it('an attempt interrupted before Teams got the post: Graph has no such card, the retry posts once', async () => {
    await alertDue();
    const row = await alertRow();
    await kit.db.db.update(outbox).set({ attempts: 1, outcomeUnknown: true, nextAttemptAt: kit.clock.now() }).where(eq(outbox.id, row.id));
    expect(await kit.app.notifier.deliverDue()).toBe(1);
    expect(fake.graph.reads.map((r) => r.status)).toEqual([200]);
    expect(alertCards()).toHaveLength(1);
  });

  it('Graph refuses (403, the consent was not granted): the retry posts again, as without Graph, and the log says why once', async () => {
    await alertDue();
    logs.length = 0;
    fake.graph.refuse = 403;
    fake.dropNextPostAnswer();
    expect(await kit.app.notifier.deliverDue()).toBe(0);
    kit.clock.advance(61_000);
    fake.dropNextPostAnswer();
    expect(await kit.app.notifier.deliverDue()).toBe(0);
    kit.clock.advance(61_000);
    expect(await kit.app.notifier.deliverDue()).toBe(1);
    expect(fake.graph.reads.map((r) => r.status)).toEqual([403, 403]);
    expect(alertCards()).toHaveLength(3);
    const why = logs.filter((l) => /consent/.test(l.msg));
    expect(why).toHaveLength(1);
    expect(why[0]!.msg).toMatch(/posted again/);
  });

  it('a group chat: the card is found in the chat\'s messages', async () => {
    const chat = '19:field-ops-chat@thread.v2';
    kit.clock.set('2026-11-23T16:00:00Z');
    const inChat = { conversation: { id: chat, conversationType: 'groupChat', tenantId: TENANT, isGroup: true }, channelData: { tenant: { id: TENANT } } };
    await post(kit.app, message(fake.url, 'lee', 'team bind dispatch hvac-paris', { channel: chat }, inChat));
    await post(kit.app, message(fake.url, 'dana', 'job new ACME-HVAC PAR-HQ P2 Chiller tripping'));
    await kit.app.notifier.deliverDue();
    fake.clear();
    kit.clock.set('2026-11-24T09:00:30Z');
    await runMonitor(kit.app.ctx);
    const chatCards = () => fake.sent.filter((x) => x.method === 'POST' && x.conversationId === chat && /SLA at risk/.test(JSON.stringify(x.activity.attachments ?? [])));
    fake.dropNextPostAnswer();
    expect(await kit.app.notifier.deliverDue()).toBe(0);
    kit.clock.advance(61_000);
    expect(await kit.app.notifier.deliverDue()).toBe(1);
    expect(chatCards()).toHaveLength(1);
    expect(fake.graph.reads).toEqual([{ url: expect.stringContaining(`/graph/v1.0/chats/${encodeURIComponent(chat)}/messages?`), status: 200 }]);
  });

  it('a channel whose team Graph does not know yet (bound before the bot kept it) and a process without credentials fall back, each said once', async () => {
    await alertDue();
    // Bound by an older version: the stored channel has no team group id.
    await kit.db.db.update(conversations).set({ ref: sql`${conversations.ref} - 'teamGroupId'` }).where(eq(conversations.id, `teams:${CHANNEL}`));
    logs.length = 0;
    fake.dropNextPostAnswer();
    expect(await kit.app.notifier.deliverDue()).toBe(0);
    kit.clock.advance(61_000);
    expect(await kit.app.notifier.deliverDue()).toBe(1);
    expect(alertCards()).toHaveLength(2);
    expect(fake.graph.reads).toEqual([]);
    expect(logs.filter((l) => /team is not known to Graph yet/.test(l.msg))).toHaveLength(1);

    // The next message in the channel records the team; a process without credentials has no token.
    await post(kit.app, message(fake.url, 'lee', 'help', { channel: CHANNEL }));
    const stored = await kit.db.db.select().from(conversations).where(eq(conversations.id, `teams:${CHANNEL}`));
    expect(stored[0]!.ref).toMatchObject({ teamGroupId: TEAM_GROUP });
    kit.app.notifier.addDeliverer(createTeamsBot(kit.app, kit.config, log, { graphToken: async () => null }).deliverer);
    await kit.db.db.update(outbox).set({ deliveredAt: null, attempts: 1, outcomeUnknown: true, nextAttemptAt: kit.clock.now() }).where(eq(outbox.subjectKind, 'alert'));
    await kit.app.notifier.deliverDue();
    await kit.db.db.update(outbox).set({ deliveredAt: null, attempts: 1, outcomeUnknown: true, nextAttemptAt: kit.clock.now() }).where(eq(outbox.subjectKind, 'alert'));
    await kit.app.notifier.deliverDue();
    expect(fake.graph.reads).toEqual([]);
    expect(logs.filter((l) => /no Graph token/.test(l.msg))).toHaveLength(1);
    kit.app.notifier.addDeliverer(createTeamsBot(kit.app, kit.config, log, { graphToken: async () => fake.graph.token }).deliverer);
  });

  it('an activity without the team\'s group id (some invokes) keeps the one stored', async () => {
    await post(kit.app, message(fake.url, 'lee', 'help', { channel: CHANNEL }));
    await post(kit.app, message(fake.url, 'lee', 'help', { channel: CHANNEL }, { channelData: { tenant: { id: TENANT }, team: { id: '19:team', name: 'Field Ops' } } }));
    const stored = await kit.db.db.select().from(conversations).where(eq(conversations.id, `teams:${CHANNEL}`));
    expect(stored[0]!.ref).toMatchObject({ kind: 'channel', teamGroupId: TEAM_GROUP });
  });

  it('the fake Graph answers nothing without a bearer token', async () => {
    const res = await fetch(`${fake.graph.url}/v1.0/teams/${TEAM_GROUP}/channels/${encodeURIComponent(CHANNEL)}/messages?$top=50`);
    expect(res.status).toBe(401);
  });
});
