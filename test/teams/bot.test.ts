/**
 * The Teams adapter in process: activities posted to /api/messages on the Hono app, everything the
 * bot sends captured by a fake Bot Connector (the activities' service URL).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { attachments, conversations, outbox, people, postedMessages, teamChannels } from '../../db/schema.js';
import { readFileSync } from 'node:fs';
import { runMonitor } from '../../src/jobs/monitor.js';
import type { TestKit } from '../support/app.js';
import { adaptiveCardProblems, allActions } from './adaptive-cards.js';
import { CHANNEL, execute, message, post, TENANT, user } from './activities.js';
import { knowDemoPeople, teamsKit, type FakeConnector } from './fake-connector.js';

let kit: TestKit;
let fake: FakeConnector;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ kit, fake, close } = await teamsKit());
});
afterAll(() => close?.());
beforeEach(async () => {
  await kit.reset();
  fake.clear();
  knowDemoPeople(fake);
});

function titles(): string[] {
  return fake.cards().map((c) => ((c.card.body as { text?: string }[])[0]?.text ?? '').replace(/\\/g, ''));
}

describe('Teams commands', () => {
  it('answers /help and help in a personal chat with a valid card', async () => {
    for (const text of ['/help', 'help']) {
      fake.clear();
      const res = await post(kit.app, message(fake.url, 'dana', text));
      expect(res.status).toBe(200);
      expect(titles()).toEqual(['Commands']);
      expect(fake.sent[0]!.conversationId).toBe('a:personal-29:dana');
      expect(adaptiveCardProblems(fake.cards()[0]!.card)).toEqual([]);
    }
  });

  it('writes to a person in their Teams client language from their first message', async () => {
    await post(kit.app, message(fake.url, 'max', 'help', { personal: 'max' }, { locale: 'fr-FR' }));
    expect(titles()).toEqual(['Commandes']);
    const [max] = await kit.db.db.select().from(people).where(eq(people.email, 'max@demo.example'));
    expect(max!.language).toBe('fr');
    fake.clear();
    await post(kit.app, message(fake.url, 'max', 'language en', { personal: 'max' }, { locale: 'fr-FR' }));
    await post(kit.app, message(fake.url, 'max', 'help', { personal: 'max' }, { locale: 'fr-FR' }));
    expect(titles()).toEqual(['Language', 'Commands']);
  });

  it('links the Teams user to the person by e-mail on first sight, then by AAD object id', async () => {
    await post(kit.app, message(fake.url, 'dana', 'help'));
    const [dana] = await kit.db.db.select().from(people).where(eq(people.email, 'dana@demo.example'));
    expect(dana!.teamsUserId).toBe('aad-dana');
    fake.emails.clear();
    fake.clear();
    await post(kit.app, message(fake.url, 'dana', 'help'));
    expect(titles()).toEqual(['Commands']);
  });

  it('tells a stranger to ask an admin, and runs nothing', async () => {
    fake.emails.set(user('zed').id, 'zed@elsewhere.example');
    await post(kit.app, message(fake.url, 'zed', 'job new ACME-HVAC PAR-HQ P2 Chiller tripping'));
    expect(titles()).toEqual(['I do not know you yet']);
    expect(JSON.stringify(fake.cards()[0]!.card)).toContain('zed@elsewhere.example');
  });

  it('in a channel, strips the @mention, posts channel replies in the thread and private ones in the personal chat', async () => {
    const where = { channel: CHANNEL, messageId: '1700' };
    await post(kit.app, message(fake.url, 'dana', 'job new ACME-HVAC PAR-HQ P2 Chiller tripping on high pressure', where));
    expect(titles()[0]).toMatch(/^Created J-\d+/);
    expect(fake.sent[0]!.conversationId).toBe(`${CHANNEL};messageid=1700`);

    fake.clear();
    await post(kit.app, message(fake.url, 'dana', '/help', where));
    // The help card is for Dana alone: her personal chat is opened, the thread gets a pointer.
    expect(fake.opened).toEqual([{ userId: '29:dana', conversationId: 'a:personal-29:dana' }]);
    expect(fake.cards().map((c) => c.conversationId)).toEqual(['a:personal-29:dana']);
    expect(fake.texts()).toEqual([{ conversationId: `${CHANNEL};messageid=1700`, text: expect.stringMatching(/personal chat/) }]);
  });

  it('stores conversation references for proactive sends, channel ids without the thread', async () => {
    await post(kit.app, message(fake.url, 'lee', 'help', { channel: CHANNEL, messageId: '42' }));
    const rows = await kit.db.db.select().from(conversations);
    const byId = new Map(rows.map((r) => [r.id, r.ref as Record<string, unknown>]));
    expect(byId.get(`teams:${CHANNEL}`)).toMatchObject({ kind: 'channel', conversationId: CHANNEL, serviceUrl: fake.url, tenantId: TENANT, label: 'Field Ops / Dispatch' });
    expect(byId.get('teams:user:aad-lee')).toMatchObject({ userId: '29:lee', serviceUrl: fake.url });
    // The personal chat opened for the private reply is remembered for direct messages.
    expect(byId.get('teams:a:personal-29:lee')).toMatchObject({ kind: 'personal', aadObjectId: 'aad-lee' });
  });

  it('downloads files attached to a command: an upload link without a token, a pasted image from the connector', async () => {
    const png = readFileSync(new URL('../../manifest/teams/color.png', import.meta.url));
    fake.files.set('uploaded.png', png);
    fake.files.set('pasted.png', png);
    await post(kit.app, message(fake.url, 'dana', 'job new ACME-HVAC PAR-HQ P2 Chiller tripping'));
    const ref = /J-\d+/.exec(titles()[0]!)![0];
    fake.clear();
    await post(
      kit.app,
      message(fake.url, 'dana', `attach ${ref}`, { personal: 'dana' }, {
        attachments: [
          { contentType: 'application/vnd.microsoft.teams.file.download.info', name: 'uploaded.png', content: { downloadUrl: `${fake.url}files/uploaded.png`, fileType: 'png' } },
          { contentType: 'image/png', contentUrl: `${fake.url}files/pasted.png` },
          // Teams adds the message's own HTML as an attachment: not a file.
          { contentType: 'text/html', content: '<p>attach</p>' },
        ],
      }),
    );
    const rows = await kit.db.db.select().from(attachments);
    expect(rows.map((r) => r.size)).toEqual([png.length, png.length]);
    expect([...fake.fileAuth.keys()].sort()).toEqual(['pasted.png', 'uploaded.png']);
    // Without credentials there is no bot token; with them only the connector's own URLs get it.
    expect(fake.fileAuth.get('uploaded.png')).toBeUndefined();
  });

  it('refuses traffic whose service URL is not local in development mode', async () => {
    const res = await post(kit.app, message('https://smba.trafficmanager.net/emea/', 'dana', 'help'));
    expect(res.status).toBe(403);
    expect(fake.sent).toEqual([]);
  });
});

describe('Teams alerts and clicks', () => {
  /** A P2 job whose response clock passes 75% once the monitor runs at Tue 09:00 UTC. */
  async function alertPosted(): Promise<{ activityId: string; card: Record<string, unknown> }> {
    await kit.db.db.insert(teamChannels).values({ teamId: 'hvac-paris', purpose: 'dispatch', platform: 'teams', target: { conversationId: CHANNEL, serviceUrl: fake.url, tenantId: TENANT } });
    kit.clock.set('2026-11-23T16:00:00Z');
    await post(kit.app, message(fake.url, 'dana', 'job new ACME-HVAC PAR-HQ P2 Chiller tripping'));
    // The customer-message draft the new job posts goes out first; the alert is what this is about.
    await kit.app.notifier.deliverDue();
    fake.clear();
    kit.clock.set('2026-11-24T09:00:30Z');
    await runMonitor(kit.app.ctx);
    expect(await kit.app.notifier.deliverDue()).toBe(1);
    const [sent] = fake.cards();
    expect(sent?.conversationId).toBe(CHANNEL);
    const [ref] = await kit.db.db.select().from(postedMessages).where(and(eq(postedMessages.platform, 'teams'), eq(postedMessages.subjectKind, 'alert')));
    expect(ref!.ref).toEqual({ conversationId: CHANNEL, activityId: expect.any(String), serviceUrl: fake.url });
    return { activityId: (ref!.ref as { activityId: string }).activityId, card: sent!.card };
  }

  function button(card: Record<string, unknown>, title: RegExp) {
    const a = allActions(card).find((x) => x.type === 'Action.Execute' && title.test(String(x.title)));
    if (!a) throw new Error(`no button ${title} in ${JSON.stringify(card).slice(0, 300)}`);
    return a.data as Record<string, unknown>;
  }

  it('posts the risk alert to the bound channel and a click replaces the card for everyone', async () => {
    const { card } = await alertPosted();
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).toMatch(/SLA at risk/);
    const res = await post(kit.app, execute(fake.url, 'dana', button(card, /^Acknowledge$/), { channel: CHANNEL }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const updated = res.body!.value as Record<string, unknown>;
    expect(allActions(updated)).toEqual([]);
    expect(JSON.stringify(updated)).toMatch(/Acknowledged by Dana Dispatcher/);
  });

  it('a second click, by anyone, only tells the clicker it was already handled', async () => {
    const { card } = await alertPosted();
    await post(kit.app, execute(fake.url, 'dana', button(card, /^Acknowledge$/), { channel: CHANNEL }));
    const res = await post(kit.app, execute(fake.url, 'lee', button(card, /^Acknowledge$/), { channel: CHANNEL }));
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: expect.stringMatching(/Already handled/) });
  });

  it('the refusal tells the time in the clicker\'s own zone, as their Teams client gives it, not UTC', async () => {
    const { card } = await alertPosted();
    await post(kit.app, execute(fake.url, 'dana', button(card, /^Acknowledge$/), { channel: CHANNEL }));
    const click = execute(fake.url, 'lee', button(card, /^Acknowledge$/), { channel: CHANNEL });
    const res = await post(kit.app, { ...click, entities: [{ type: 'clientInfo', locale: 'fr-FR', timezone: 'Europe/Paris' }] });
    const told = String((res.body as { value?: unknown }).value);
    // The fr-FR client makes Lee a French reader: the refusal is French, the time in Paris.
    expect(told).toMatch(/Déjà traité\u00a0: Pris en compte par Dana Dispatcher le \S+ \d+ \S+ \d\d:\d\d CET\./);
    expect(told).not.toContain('UTC');
    const [lee] = await kit.db.db.select().from(people).where(eq(people.email, 'lee@demo.example'));
    expect(lee!.zone).toBe('Europe/Paris');
  });

  it('a French manager clicking on the English channel card is answered in French', async () => {
    const { card } = await alertPosted();
    expect(JSON.stringify(card)).toMatch(/SLA at risk/);
    await kit.db.db.update(people).set({ language: 'fr' }).where(eq(people.email, 'max@demo.example'));
    const unreadable = await post(kit.app, execute(fake.url, 'max', { notOurs: 'x' }, { channel: CHANNEL }));
    expect(unreadable.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: 'Ce bouton ne vient pas de moi\u202f; rien n’a été fait.' });
    const acted = await post(kit.app, execute(fake.url, 'max', button(card, /^Acknowledge$/), { channel: CHANNEL }));
    expect(acted.body).toMatchObject({ type: 'application/vnd.microsoft.card.adaptive' });
    expect(JSON.stringify(acted.body!.value)).toMatch(/Pris en compte par Max Manager/);
    const again = await post(kit.app, execute(fake.url, 'max', button(card, /^Acknowledge$/), { channel: CHANNEL }));
    expect(again.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: expect.stringMatching(/^Déjà fait\u00a0: Déjà traité\u00a0: Pris en compte par Max Manager/) });
  });

  it('a technician cannot act on an alert: the card stays, the refusal goes to them', async () => {
    const { card } = await alertPosted();
    const res = await post(kit.app, execute(fake.url, 'tom', button(card, /^Acknowledge$/), { channel: CHANNEL }));
    expect(res.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message' });
    expect(String(res.body!.value)).toMatch(/not allowed|Only|forbidden/i);
  });

  it('a forged button changes nothing', async () => {
    const res = await post(kit.app, execute(fake.url, 'dana', { action: 'a1.eyJ0IjoiYWxlcnQiLCJhbGVydCI6MSwiYWN0IjoiYWNrbm93bGVkZ2UifQ.forgedforgedforg' }));
    expect(res.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: expect.stringMatching(/not valid/) });
  });

  it('reassigns from the alert with a choice, and the new technician gets a direct message', async () => {
    const { card } = await alertPosted();
    // Tess has written to the bot before, so she is linked and her personal chat is known.
    await post(kit.app, message(fake.url, 'tess', 'help'));
    fake.clear();
    const res = await post(kit.app, execute(fake.url, 'dana', button(card, /Tess/), { channel: CHANNEL }));
    expect(JSON.stringify(res.body)).toMatch(/Reassigned by Dana Dispatcher/);
    await kit.app.notifier.deliverDue();
    const direct = fake.cards().filter((c) => c.conversationId === 'a:personal-29:tess');
    expect(direct).toHaveLength(1);
    expect(JSON.stringify(direct[0]!.card)).toMatch(/You now have J-\d+/);
  });

  it('an Action.Submit click from an older client updates the posted card in place', async () => {
    const { card, activityId } = await alertPosted();
    fake.clear();
    const data = button(card, /^Acknowledge$/);
    await post(kit.app, message(fake.url, 'dana', '', { channel: CHANNEL }, { text: '', value: data, replyToId: activityId, entities: [] }));
    const put = fake.sent.find((s) => s.method === 'PUT');
    expect(put).toMatchObject({ conversationId: CHANNEL, activityId });
    expect(JSON.stringify(put!.activity)).toMatch(/Acknowledged by Dana Dispatcher/);
  });

  it('a throttled post is retried later, after Retry-After', async () => {
    await kit.db.db.insert(teamChannels).values({ teamId: 'hvac-paris', purpose: 'dispatch', platform: 'teams', target: { conversationId: CHANNEL, serviceUrl: fake.url, tenantId: TENANT } });
    kit.clock.set('2026-11-23T16:00:00Z');
    await post(kit.app, message(fake.url, 'dana', 'job new ACME-HVAC PAR-HQ P2 Chiller tripping'));
    await kit.app.notifier.deliverDue();
    kit.clock.set('2026-11-24T09:00:30Z');
    await runMonitor(kit.app.ctx);
    fake.clear();
    const pending = await kit.db.db.select().from(outbox).where(and(eq(outbox.platform, 'teams'), eq(outbox.subjectKind, 'alert')));
    expect(pending).toHaveLength(1);
    fake.failNext(429, { 'retry-after': '7' });
    expect(await kit.app.notifier.deliverDue()).toBe(0);
    const [row] = await kit.db.db.select().from(outbox).where(eq(outbox.id, pending[0]!.id));
    expect(row!.deliveredAt).toBeNull();
    expect(row!.failedAt).toBeNull();
    expect(row!.lastError).toMatch(/429/);
    expect(row!.nextAttemptAt.getTime() - kit.clock.now().getTime()).toBe(7000);
    // Then a 5xx: retried with backoff, not given up.
    fake.failNext(503);
    kit.clock.set(new Date(kit.clock.now().getTime() + 8000));
    expect(await kit.app.notifier.deliverDue()).toBe(0);
    const [again] = await kit.db.db.select().from(outbox).where(eq(outbox.id, row!.id));
    expect(again!.lastError).toMatch(/503/);
    expect(again!.failedAt).toBeNull();
    kit.clock.set(new Date(kit.clock.now().getTime() + 60_000));
    expect(await kit.app.notifier.deliverDue()).toBe(1);
    expect(fake.cards()).toHaveLength(1);
  });

  it('a refused post (the bot was removed: 403) is given up, not retried', async () => {
    await kit.db.db.insert(teamChannels).values({ teamId: 'hvac-paris', purpose: 'dispatch', platform: 'teams', target: { conversationId: CHANNEL, serviceUrl: fake.url, tenantId: TENANT } });
    kit.clock.set('2026-11-23T16:00:00Z');
    await post(kit.app, message(fake.url, 'dana', 'job new ACME-HVAC PAR-HQ P2 Chiller tripping'));
    await kit.app.notifier.deliverDue();
    kit.clock.set('2026-11-24T09:00:30Z');
    await runMonitor(kit.app.ctx);
    fake.failNext(403);
    await kit.app.notifier.deliverDue();
    const [row] = await kit.db.db.select().from(outbox).where(and(eq(outbox.platform, 'teams'), eq(outbox.subjectKind, 'alert')));
    expect(row!.failedAt).not.toBeNull();
    expect(row!.lastError).toMatch(/403/);
  });
});
