/**
 * A card Teams accepted is posted once: when the database fails right after the post (the
 * posted_messages reference and the delivered mark not written), the retry finds the activity this
 * process posted for the outbox row and posts nothing. A delivery interrupted before Teams got the
 * post (what a kill leaves) looks, finds nothing and posts once. Cards are counted per alert.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { alerts, outbox, postedMessages, teamChannels } from '../../db/schema.js';
import { runMonitor } from '../../src/jobs/monitor.js';
import type { TestKit } from '../support/app.js';
import { CHANNEL, message, post, TENANT } from './activities.js';
import { knowDemoPeople, teamsKit, type FakeConnector } from './fake-connector.js';
import { loseConnectionAfterPost } from '../support/faults.js';

let kit: TestKit;
let fake: FakeConnector;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ kit, fake, close } = await teamsKit());
});
afterAll(async () => close?.());
beforeEach(async () => {
  vi.restoreAllMocks();
  await kit.reset();
  fake.clear();
  knowDemoPeople(fake);
});

const alertCards = () => fake.cards().filter((c) => c.conversationId === CHANNEL && /SLA at risk/.test(JSON.stringify(c.card)));

/** A P2 job whose response clock passes 75% at Tue 09:00 UTC: its alert's outbox post written, not delivered. */
async function alertDue(): Promise<number> {
  await kit.db.db.insert(teamChannels).values({ teamId: 'hvac-paris', purpose: 'dispatch', platform: 'teams', target: { conversationId: CHANNEL, serviceUrl: fake.url, tenantId: TENANT } });
  kit.clock.set('2026-11-23T16:00:00Z');
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

describe('one Teams card per alert after a fault', () => {
  it('the database fails right after Teams accepted the post: the retry finds it and posts nothing', async () => {
    const alertId = await alertDue();
    const failed = loseConnectionAfterPost(kit.app.ctx.root, () => alertCards().length === 1);

    expect(await kit.app.notifier.deliverDue()).toBe(0);
    expect(failed()).toBe(true);
    expect(alertCards()).toHaveLength(1);
    expect(await alertRow()).toMatchObject({ deliveredAt: null, failedAt: null, outcomeUnknown: true });

    // Within the lease nothing is tried; after it, the retry finds the activity and posts nothing.
    expect(await kit.app.notifier.deliverDue()).toBe(0);
    kit.clock.advance(61_000);
    expect(await kit.app.notifier.deliverDue()).toBe(1);
    expect(alertCards()).toHaveLength(1);
    const row = await alertRow();
    expect(row.deliveredAt).not.toBeNull();
    expect(row.outcomeUnknown).toBe(false);
    // The activity found is the one clicks and updates rewrite.
    const refs = await kit.db.db.select().from(postedMessages).where(and(eq(postedMessages.platform, 'teams'), eq(postedMessages.subjectKind, 'alert'), eq(postedMessages.subjectId, String(alertId))));
    expect(refs).toHaveLength(1);
    expect(refs[0]!.ref).toMatchObject({ conversationId: CHANNEL, serviceUrl: fake.url, activityId: expect.stringMatching(/^act-\d+$/) });

    kit.clock.advance(2 * 60_000);
    expect(await kit.app.notifier.deliverDue()).toBe(0);
    expect(alertCards()).toHaveLength(1);
  });

  it('a delivery interrupted before Teams got the post: the retry finds nothing and posts once', async () => {
    await alertDue();
    const row = await alertRow();
    await kit.db.db.update(outbox).set({ attempts: 1, outcomeUnknown: true, nextAttemptAt: kit.clock.now() }).where(eq(outbox.id, row.id));
    expect(await kit.app.notifier.deliverDue()).toBe(1);
    expect(alertCards()).toHaveLength(1);
    kit.clock.advance(120_000);
    expect(await kit.app.notifier.deliverDue()).toBe(0);
    expect(alertCards()).toHaveLength(1);
  });

  it('a Teams refusal is a definite outcome: the retry posts once more, not twice', async () => {
    await alertDue();
    fake.failNext(503);
    expect(await kit.app.notifier.deliverDue()).toBe(0);
    expect((await alertRow()).outcomeUnknown).toBe(false);
    kit.clock.advance(60_000);
    expect(await kit.app.notifier.deliverDue()).toBe(1);
    expect(alertCards()).toHaveLength(1);
  });
});
