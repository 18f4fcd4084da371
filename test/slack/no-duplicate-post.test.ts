/**
 * A card Slack accepted is posted once, whatever fails after: the database going away right after
 * the post, or a delivery interrupted (killed, lease run out) before its outcome was written. The
 * retry finds the earlier post by its outbox metadata (conversations.history) instead of posting again.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { alerts, outbox, postedMessages, teamChannels } from '../../db/schema.js';
import { runMonitor } from '../../src/jobs/monitor.js';
import { slackHarness, type SlackHarness } from './harness.js';
import { loseConnectionAfterPost } from '../support/faults.js';

let h: SlackHarness;
const CHANNEL = 'C0DISPATCH';

beforeAll(async () => {
  h = await slackHarness();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  vi.restoreAllMocks();
  await h.reset();
  await h.kit.db.db.insert(teamChannels).values({ teamId: 'hvac-paris', purpose: 'dispatch', platform: 'slack', target: { channel: CHANNEL } });
});

const isAlert = (args: Record<string, unknown>) => args.channel === CHANNEL && /SLA/.test(String(args.text));
const alertPosts = () => h.fake.callsTo('chat.postMessage').filter((c) => isAlert(c.args) && c.result.ok === true);

/** A P1 job at 75% of its response window: its alert row and outbox post written, not delivered. */
async function alertDue(): Promise<number> {
  h.kit.clock.set('2026-11-23T09:00:00Z');
  await h.kit.app.dispatch(await h.kit.as('dana'), 'job new ACME-HVAC PAR-HQ P1 Data room too hot');
  await h.kit.app.notifier.deliverDue();
  h.kit.clock.set('2026-11-23T09:46:00Z');
  await runMonitor(h.kit.app.ctx);
  const [alert] = await h.kit.db.db.select().from(alerts);
  return alert!.id;
}

async function alertRow() {
  const rows = await h.kit.db.db.select().from(outbox).where(eq(outbox.subjectKind, 'alert'));
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

describe('one card per alert after a fault', () => {
  it('the database fails right after Slack accepted the post: the retry finds it and posts nothing', async () => {
    const alertId = await alertDue();
    // The write after the post (posted_messages and the delivered mark) meets a lost connection.
    const failed = loseConnectionAfterPost(h.kit.app.ctx.root, () => alertPosts().length === 1);

    expect(await h.kit.app.notifier.deliverDue()).toBe(0);
    expect(failed()).toBe(true);
    expect(alertPosts()).toHaveLength(1);
    const posted = alertPosts()[0]!;
    expect(posted.args.metadata).toMatchObject({ event_type: 'contract_ops_outbox' });
    let row = await alertRow();
    expect(row).toMatchObject({ deliveredAt: null, failedAt: null, outcomeUnknown: true });

    // Within the lease nothing is tried; once it has run out, the retry finds the earlier post.
    expect(await h.kit.app.notifier.deliverDue()).toBe(0);
    h.kit.clock.advance(61_000);
    expect(await h.kit.app.notifier.deliverDue()).toBe(1);
    expect(alertPosts()).toHaveLength(1);
    expect(h.fake.callsTo('conversations.history').length).toBeGreaterThan(0);
    row = await alertRow();
    expect(row.deliveredAt).not.toBeNull();
    expect(row.outcomeUnknown).toBe(false);
    // The message found is the one clicks will update.
    const refs = await h.kit.db.db.select().from(postedMessages).where(and(eq(postedMessages.subjectKind, 'alert'), eq(postedMessages.subjectId, String(alertId))));
    expect(refs.map((r) => r.ref)).toEqual([{ channel: CHANNEL, ts: posted.result.ts }]);

    h.kit.clock.advance(2 * 60_000);
    expect(await h.kit.app.notifier.deliverDue()).toBe(0);
    expect(alertPosts()).toHaveLength(1);
  });

  it('a delivery interrupted before Slack got the post (lease ran out): the retry looks, finds nothing, posts once', async () => {
    await alertDue();
    const row = await alertRow();
    // What a kill mid-delivery leaves: claimed, lease running, outcome unknown, nothing in Slack.
    await h.kit.db.db.update(outbox).set({ attempts: 1, outcomeUnknown: true, nextAttemptAt: h.kit.clock.now() }).where(eq(outbox.id, row.id));
    expect(await h.kit.app.notifier.deliverDue()).toBe(1);
    expect(h.fake.callsTo('conversations.history')).toHaveLength(1);
    expect(alertPosts()).toHaveLength(1);
    h.kit.clock.advance(120_000);
    expect(await h.kit.app.notifier.deliverDue()).toBe(0);
    expect(alertPosts()).toHaveLength(1);
  });

  it('a Slack refusal is a definite outcome: the retry posts without looking', async () => {
    await alertDue();
    h.fake.failNext('chat.postMessage', { status: 503 });
    expect(await h.kit.app.notifier.deliverDue()).toBe(0);
    expect((await alertRow()).outcomeUnknown).toBe(false);
    h.kit.clock.advance(60_000);
    expect(await h.kit.app.notifier.deliverDue()).toBe(1);
    expect(h.fake.callsTo('conversations.history')).toEqual([]);
    expect(alertPosts()).toHaveLength(1);
  });
});
