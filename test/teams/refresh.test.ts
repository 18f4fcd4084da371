/**
 * Only the people who may decide see an approval's buttons in Teams. The request is posted to the
 * approvals channel as everyone's copy (no buttons, "Waiting for a manager's decision") with a
 * `refresh` listing the deciders' Teams ids; Teams asks the bot for each viewer's copy, and gets
 * the buttons back only for a decider. A decider who never wrote to the bot is found in the
 * channel's members (the Bot Connector's roster) by e-mail. Once decided, everyone's copy is the
 * decided card.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { encodeCardRef } from '../../cards/action-ids.js';
import { approvals, conversations, people, postedMessages, teamChannels, teams } from '../../db/schema.js';
import type { TestKit } from '../support/app.js';
import { adaptiveCardProblems, allActions } from './adaptive-cards.js';
import { CHANNEL, execute, message, post, refresh, TENANT, user } from './activities.js';
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

type Json = Record<string, unknown>;

/** Buttons a person can press (the refresh's own Action.Execute is not one). */
function buttons(card: Json): string[] {
  return allActions({ ...card, refresh: undefined })
    .filter((a) => a.type === 'Action.Execute')
    .map((a) => String(a.title));
}

function text(card: Json): string {
  return JSON.stringify(card).replace(/\\\\/g, '');
}

function refreshOf(card: Json): { action: { verb: string; data: Json }; userIds: string[] } {
  return card.refresh as { action: { verb: string; data: Json }; userIds: string[] };
}

/** Dana asks for a goodwill credit on a new job; the request card goes to the approvals channel. */
async function requestPosted(wroteBefore = ['lee', 'max', 'tom', 'ada'], beforeDelivery = () => {}): Promise<Json> {
  await kit.db.db.insert(teamChannels).values({ teamId: 'hvac-paris', purpose: 'approvals', platform: 'teams', target: { conversationId: CHANNEL, serviceUrl: fake.url, tenantId: TENANT } });
  // By default everyone has written to the bot once, so Teams knows their ids.
  for (const h of wroteBefore) await post(kit.app, message(fake.url, h, 'help'));
  await post(kit.app, message(fake.url, 'dana', 'job new ACME-HVAC PAR-HQ P2 Chiller tripping'));
  const ref = /J-\d+/.exec(JSON.stringify(fake.cards().at(-1)!.card))![0];
  await post(kit.app, message(fake.url, 'dana', `credit ${ref} 50 second visit was our fault`));
  expect(await kit.db.db.select().from(approvals)).toHaveLength(1);
  fake.clear();
  beforeDelivery();
  await kit.app.notifier.deliverDue();
  const posted = fake.cards().filter((c) => c.conversationId === CHANNEL);
  expect(posted).toHaveLength(1);
  return posted[0]!.card;
}

async function refreshAs(handle: string, card: Json): Promise<Json> {
  const res = await post(kit.app, refresh(fake.url, handle, refreshOf(card).action.data, { channel: CHANNEL }));
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
  return res.body!.value as Json;
}

describe('Teams: an approval request shows its buttons to its deciders only', () => {
  it('posts everyone a copy without buttons, refreshed automatically for the managers and the admin, not the requester', async () => {
    const card = await requestPosted();
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(text(card)).toMatch(/Approval needed: goodwill credit/);
    expect(text(card)).toMatch(/Waiting for \*\*a manager\*\*'s decision/);
    expect(buttons(card)).toEqual([]);
    const r = refreshOf(card);
    expect(r.action.verb).toBe('refresh');
    // Lee and Max are managers, Ada an admin; Dana asked, Tom is a technician.
    expect(r.userIds).toEqual(['29:lee', '29:max', '29:ada']);
  });

  it('deciders who never wrote to the bot are found in the channel members by e-mail: listed, linked, and given the buttons', async () => {
    const card = await requestPosted(['lee']);
    // Max and Ada never wrote: the channel's roster was read once, and matched them by e-mail.
    expect(fake.rosterReads).toEqual([CHANNEL]);
    expect(refreshOf(card).userIds).toEqual(['29:lee', '29:max', '29:ada']);
    expect(buttons(card)).toEqual([]);
    const [max] = await kit.db.db.select().from(people).where(eq(people.email, 'max@demo.example'));
    expect(max!.teamsUserId).toBe('aad-max');
    // Only the deciders were linked: Tess, a member who is no decider, was left alone.
    const [tess] = await kit.db.db.select().from(people).where(eq(people.email, 'tess@demo.example'));
    expect(tess!.teamsUserId).toBeNull();
    // Max, listed, gets his own copy with the buttons and decides from it.
    const forMax = await refreshAs('max', card);
    expect(buttons(forMax)).toEqual(['Approve', 'Reject']);
    const approve = allActions(forMax).find((a) => a.title === 'Approve')!;
    const res = await post(kit.app, execute(fake.url, 'max', approve.data as Json, { channel: CHANNEL }));
    expect(text(res.body!.value as Json)).toMatch(/Approved by \*\*Max Manager\*\*/);
    // Linked once: the decided card's update reads no roster again.
    await kit.app.notifier.deliverDue();
    expect(fake.rosterReads).toEqual([CHANNEL]);
  });

  it('a roster that does not answer leaves the card going out, with the buttons for the channel', async () => {
    // The delivery's first call is the roster look-up: the connector fails it.
    const card = await requestPosted([], () => fake.failNext(500));
    expect(refreshOf(card)).not.toHaveProperty('userIds');
    expect(buttons(card)).toEqual(['Approve', 'Reject']);
  });

  it('when no decider ever wrote to the bot nor is among the channel members, the channel card carries the buttons (never userIds: []) and the role is checked on click', async () => {
    fake.roster.length = 0;
    const card = await requestPosted([]);
    expect(fake.rosterReads).toEqual([CHANNEL]);
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(refreshOf(card)).not.toHaveProperty('userIds');
    expect(buttons(card)).toEqual(['Approve', 'Reject']);
    const approve = allActions(card).find((a) => a.title === 'Approve')!;
    // Tom, a technician, is refused and nothing changes.
    const byTom = await post(kit.app, execute(fake.url, 'tom', approve.data as Json, { channel: CHANNEL }));
    expect(byTom.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: expect.stringMatching(/only a manager can decide/) });
    expect((await kit.db.db.select().from(approvals))[0]!.status).toBe('pending');
    // Max, a manager who never wrote to the bot, decides from the channel card.
    const byMax = await post(kit.app, execute(fake.url, 'max', approve.data as Json, { channel: CHANNEL }));
    expect(text(byMax.body!.value as Json)).toMatch(/Approved by \*\*Max Manager\*\*/);
    expect((await kit.db.db.select().from(approvals))[0]!.status).toBe('approved');
  });

  it('a manager refreshing gets Approve and Reject; a technician gets the waiting line', async () => {
    const card = await requestPosted();
    const forMax = await refreshAs('max', card);
    expect(adaptiveCardProblems(forMax)).toEqual([]);
    expect(buttons(forMax)).toEqual(['Approve', 'Reject']);
    expect(text(forMax)).not.toMatch(/Waiting for \*\*a manager/);
    // The copy keeps its refresh, so it stays current for Max too.
    expect(refreshOf(forMax).userIds).toEqual(['29:lee', '29:max', '29:ada']);

    const forTom = await refreshAs('tom', card);
    expect(buttons(forTom)).toEqual([]);
    expect(text(forTom)).toMatch(/Waiting for \*\*a manager\*\*'s decision/);

    // The requester does not decide her own request: no buttons for Dana either.
    const forDana = await refreshAs('dana', card);
    expect(buttons(forDana)).toEqual([]);
  });

  it('the verb still guards: a technician pressing a copied Approve is refused and nothing changes', async () => {
    const card = await requestPosted();
    const approve = allActions(await refreshAs('max', card)).find((a) => a.title === 'Approve')!;
    const res = await post(kit.app, execute(fake.url, 'tom', approve.data as Json, { channel: CHANNEL }));
    expect(res.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: expect.stringMatching(/only a manager can decide/) });
    const [row] = await kit.db.db.select().from(approvals);
    expect(row!.status).toBe('pending');
  });

  it('once Max approves, every refresh returns the decided card, without buttons or refresh', async () => {
    const card = await requestPosted();
    const approve = allActions(await refreshAs('max', card)).find((a) => a.title === 'Approve')!;
    const res = await post(kit.app, execute(fake.url, 'max', approve.data as Json, { channel: CHANNEL }));
    const decided = res.body!.value as Json;
    expect(text(decided)).toMatch(/Approved by \*\*Max Manager\*\*/);
    expect(buttons(decided)).toEqual([]);
    expect(decided.refresh).toBeUndefined();
    for (const h of ['lee', 'tom', 'dana']) {
      const copy = await refreshAs(h, card);
      expect(text(copy)).toMatch(/Approved by \*\*Max Manager\*\*/);
      expect(buttons(copy)).toEqual([]);
      expect(copy.refresh).toBeUndefined();
    }
    // The posted message is rewritten for everyone too (clients that never refresh).
    fake.clear();
    await kit.app.notifier.deliverDue();
    const put = fake.sent.find((s) => s.method === 'PUT' && s.conversationId === CHANNEL);
    expect(JSON.stringify(put?.activity)).toMatch(/Approved by/);
  });

  it('someone who was made a manager after the post gets the buttons on their next refresh', async () => {
    const card = await requestPosted();
    expect(buttons(await refreshAs('tess', card))).toEqual([]);
    await kit.db.db.update(people).set({ roles: ['technician', 'manager'] }).where(eq(people.email, 'tess@demo.example'));
    expect(buttons(await refreshAs('tess', card))).toEqual(['Approve', 'Reject']);
  });

  it('with more than 60 deciders the first 60 are refreshed automatically; another gets the buttons by refreshing by hand', async () => {
    const extra = Array.from({ length: 65 }, (_, i) => `m${i}`);
    await kit.db.db.insert(people).values(extra.map((h) => ({ name: `Manager ${h}`, email: `${h}@demo.example`, roles: ['manager'], teamsUserId: user(h).aadObjectId })));
    await kit.db.db.insert(conversations).values(extra.map((h) => ({ id: `teams:user:${user(h).aadObjectId}`, platform: 'teams', ref: { userId: user(h).id, aadObjectId: user(h).aadObjectId, serviceUrl: fake.url } })));
    const card = await requestPosted();
    const listed = refreshOf(card).userIds;
    // Role holders in person order (Lee, Max, then the new managers), admins after them.
    expect(listed).toEqual(['29:lee', '29:max', ...extra.slice(0, 58).map((h) => `29:${h}`)]);
    expect(adaptiveCardProblems(card)).toEqual([]);
    // m64 is not listed: Teams offers "Refresh card", which is the same invoke.
    const res = await post(kit.app, refresh(fake.url, 'm64', refreshOf(card).action.data, { channel: CHANNEL }, 'manual'));
    expect(buttons(res.body!.value as Json)).toEqual(['Approve', 'Reject']);
  });

  it('a refresh rebuilds the card in the language it was posted in, whatever the viewer reads', async () => {
    await kit.db.db.update(teams).set({ language: 'fr' }).where(eq(teams.id, 'hvac-paris'));
    await kit.db.db.update(people).set({ language: 'en' }).where(eq(people.email, 'max@demo.example'));
    const card = await requestPosted();
    expect(buttons(card)).toEqual([]);
    expect((await kit.db.db.select({ lang: postedMessages.lang }).from(postedMessages).where(eq(postedMessages.subjectKind, 'approval')))[0]!.lang).toBe('fr');
    const forMax = await refreshAs('max', card);
    expect(adaptiveCardProblems(forMax)).toEqual([]);
    expect(buttons(forMax)).toEqual(['Approuver', 'Refuser']);
    expect(text(forMax)).not.toMatch(/Approval needed/);
  });

  it('a refresh naming a card with a forged signature is refused', async () => {
    await requestPosted();
    const forged = encodeCardRef({ kind: 'approval', id: '1' }, 'another-secret');
    const res = await post(kit.app, refresh(fake.url, 'max', { refresh: forged }, { channel: CHANNEL }));
    expect(res.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: expect.stringMatching(/not one of mine/) });
  });
});
