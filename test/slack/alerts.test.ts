/**
 * Breach-risk alerts in Slack: posted by the notifier to the bound channel, acted on by clicks
 * (buttons, a select, a reason modal), rewritten in place for everyone; retries and double
 * clicks change nothing; rate limits and Slack failures become outbox retries.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { alertActs, alerts, outbox, people, postedMessages, teamChannels } from '../../db/schema.js';
import { runMonitor } from '../../src/jobs/monitor.js';
import { ChannelPacer } from '../../src/chat/slack/deliverer.js';
import type { FakeCall } from './fake-slack.js';
import { form, viewSubmission } from './payloads.js';
import { slackHarness, uid, type SlackHarness } from './harness.js';

let h: SlackHarness;
const CHANNEL = 'C0DISPATCH';

beforeAll(async () => {
  h = await slackHarness();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.reset();
  await h.kit.db.db.insert(teamChannels).values({ teamId: 'hvac-paris', purpose: 'dispatch', platform: 'slack', target: { channel: CHANNEL } });
});

type El = { type: string; action_id: string; value?: string; text?: { text: string }; options?: { text: { text: string }; value: string }[] };

function elements(blocks: unknown): El[] {
  return (blocks as { type: string; elements?: El[] }[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
}

function button(blocks: unknown, label: string | RegExp): El {
  const el = elements(blocks).find((e) => e.type === 'button' && (typeof label === 'string' ? e.text?.text === label : label.test(e.text?.text ?? '')));
  if (!el) throw new Error(`no button ${label} in ${JSON.stringify(elements(blocks).map((e) => e.text?.text))}`);
  return el;
}

/** A P1 job at 75% of its response window, its alert posted to #dispatch by the notifier. */
async function postedAlert(): Promise<{ post: FakeCall; alertId: number; ts: string }> {
  h.kit.clock.set('2026-11-23T09:00:00Z');
  const dana = await h.kit.as('dana');
  await h.kit.app.dispatch(dana, 'job new ACME-HVAC PAR-HQ P1 Data room too hot');
  // Whatever job creation posts (a customer message draft...) goes first.
  await h.kit.app.notifier.deliverDue();
  h.kit.clock.set('2026-11-23T09:46:00Z');
  await runMonitor(h.kit.app.ctx);
  const delivered = await h.kit.app.notifier.deliverDue();
  if (!delivered) throw new Error(`alert not delivered: ${JSON.stringify(await h.kit.db.db.select().from(outbox))}`);
  const post = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === CHANNEL && /SLA/.test(String(c.args.text)));
  const [alert] = await h.kit.db.db.select().from(alerts);
  return { post, alertId: alert!.id, ts: String(post.result.ts) };
}

const isAlert = (args: Record<string, unknown>) => /SLA/.test(String(args.text));

/** The first act taken on an alert (null fields when none), from alert_acts. */
async function alertRow(id: number) {
  const [a] = await h.kit.db.db.select().from(alertActs).where(eq(alertActs.alertId, id)).orderBy(alertActs.id).limit(1);
  return { action: a?.act ?? null, actedBy: a?.personId ?? null, actionDetail: a?.detail ?? null };
}

describe('alerts in Slack', () => {
  it('are posted to the bound channel with fallback buttons, and the reference is stored', async () => {
    const { post, ts } = await postedAlert();
    expect(post.result.ok).toBe(true);
    expect(post.args.text).toMatch(/SLA at risk/);
    const labels = elements(post.args.blocks).map((e) => e.text?.text ?? e.type);
    expect(labels).toEqual(expect.arrayContaining(['Escalate to lead (Lee Lead)', 'Notify customer', 'Acknowledge', 'static_select']));
    // P1 runs on ACME-HVAC's 24x7 clock: the time left is plain time, not "business time".
    expect(JSON.stringify(post.args.blocks)).toMatch(/14m left/);
    expect(JSON.stringify(post.args.blocks)).not.toContain('business time');
    const refs = await h.kit.db.db.select().from(postedMessages).where(eq(postedMessages.subjectKind, 'alert'));
    expect(refs.map((r) => r.ref)).toEqual([{ channel: CHANNEL, ts }]);
  });

  it('a click runs the verb once and rewrites the message for everyone; a second click is told who acted', async () => {
    const { post, alertId, ts } = await postedAlert();
    const ack = button(post.args.blocks, 'Acknowledge');
    const first = await h.click({ user_id: uid('dana'), action: { action_id: ack.action_id, value: ack.value }, message: { ts } });
    expect(first.res.status).toBe(200);
    const upd = await h.fake.waitFor('chat.update', (c) => c.args.ts === ts);
    expect(upd.result.ok).toBe(true);
    expect(JSON.stringify(upd.args.blocks)).toContain('Acknowledged by Dana Dispatcher');
    expect(elements(upd.args.blocks)).toEqual([]);
    expect((await alertRow(alertId)).action).toBe('acknowledge');

    // Double click (or a colleague at the same moment): nothing changes, the clicker is told.
    const second = await h.click({ user_id: uid('lee'), action: { action_id: ack.action_id, value: ack.value }, message: { ts } });
    const [told] = await Promise.all([h.fake.waitFor('response_url', (c) => c.args.url === new URL(second.responseUrl).pathname)]);
    expect(told.args.response_type).toBe('ephemeral');
    expect(told.args.replace_original).toBe(false);
    expect(JSON.stringify(told.args.blocks)).toMatch(/Already handled: Acknowledged by Dana Dispatcher/);
    // In Lee's own zone, from his Slack profile (tz), not UTC.
    expect(JSON.stringify(told.args.blocks)).toMatch(/at \w{3} \d+ \w{3} 10:46 CET/);
    expect((await h.kit.db.db.select().from(people).where(eq(people.email, 'lee@demo.example')))[0]!.zone).toBe('Europe/Paris');
    expect(h.fake.callsTo('chat.update').filter((c) => c.args.ts === ts)).toHaveLength(1);
    expect((await alertRow(alertId)).actedBy).toBe((await h.kit.as('dana')).actor.person!.id);
  });

  it('a replayed retry (X-Slack-Retry-Num) is acknowledged and runs nothing', async () => {
    const { post, alertId, ts } = await postedAlert();
    const ack = button(post.args.blocks, 'Acknowledge');
    const before = h.fake.calls.length;
    const r = await h.click({ user_id: uid('dana'), action: { action_id: ack.action_id, value: ack.value }, message: { ts } }, { retryNum: 1 });
    expect(r.res.status).toBe(200);
    await h.slack.idle();
    expect(h.fake.calls.slice(before)).toEqual([]);
    expect((await alertRow(alertId)).action).toBeNull();
  });

  it('a technician cannot act on an alert: told why, the message stays', async () => {
    const { post, alertId, ts } = await postedAlert();
    const ack = button(post.args.blocks, 'Acknowledge');
    const r = await h.click({ user_id: uid('tom'), action: { action_id: ack.action_id, value: ack.value }, message: { ts } });
    const told = await h.fake.waitFor('response_url', (c) => c.args.url === new URL(r.responseUrl).pathname);
    expect(JSON.stringify(told.args.blocks)).toMatch(/Only dispatcher or manager can act on SLA alerts; you are technician/);
    expect(h.fake.callsTo('chat.update')).toEqual([]);
    expect((await alertRow(alertId)).action).toBeNull();
  });

  it('an unknown Slack user clicking is told to ask an admin', async () => {
    const { post, alertId, ts } = await postedAlert();
    const ack = button(post.args.blocks, 'Acknowledge');
    const r = await h.click({ user_id: 'U0STRANGER', action: { action_id: ack.action_id, value: ack.value }, message: { ts } });
    const told = await h.fake.waitFor('response_url', (c) => c.args.url === new URL(r.responseUrl).pathname);
    expect(JSON.stringify(told.args.blocks)).toContain('ask an admin to add you');
    expect((await alertRow(alertId)).action).toBeNull();
  });

  it('a forged or altered button value is refused before any verb runs', async () => {
    const { post, alertId, ts } = await postedAlert();
    const ack = button(post.args.blocks, 'Acknowledge');
    const forged = ack.value!.replace(/\.[^.]+$/, '.AAAAAAAAAAAAAAAA');
    const r = await h.click({ user_id: uid('dana'), action: { action_id: ack.action_id, value: forged }, message: { ts } });
    const told = await h.fake.waitFor('response_url', (c) => c.args.url === new URL(r.responseUrl).pathname);
    expect(JSON.stringify(told.args.blocks)).toContain('Button not recognised');
    expect((await alertRow(alertId)).action).toBeNull();
  });

  it('reassign from the select menu: job reassigned, message rewritten, the technician gets a DM', async () => {
    const { post, alertId, ts } = await postedAlert();
    const tess = (await h.kit.as('tess')).actor.person!;
    await h.kit.db.db.update(people).set({ slackUserId: uid('tess') }).where(eq(people.id, tess.id));
    const select = elements(post.args.blocks).find((e) => e.type === 'static_select')!;
    // Each choice says why it is offered: skills, shift, load.
    const choice = select.options!.find((o) => o.text.text.startsWith('Tess Technician: '))!;
    expect(choice.text.text).toMatch(/on shift until \d\d:\d\d, \d+ open jobs?$/);
    await h.click({ user_id: uid('dana'), action: { action_id: select.action_id, selected: choice.value }, message: { ts } });
    const upd = await h.fake.waitFor('chat.update', (c) => c.args.ts === ts);
    expect(JSON.stringify(upd.args.blocks)).toContain('Reassigned by Dana Dispatcher');
    expect((await alertRow(alertId)).action).toBe('reassign');
    await h.kit.app.notifier.deliverDue();
    await h.fake.waitFor('conversations.open', (c) => c.args.users === uid('tess'));
    const dm = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'D0TESS');
    expect(dm.args.text).toMatch(/You now have J-/);
  });

  it('a reason button opens the modal before any lookup; the submission runs the verb with the reason', async () => {
    const { post, alertId, ts } = await postedAlert();
    const ack = button(post.args.blocks, 'Acknowledge');
    // The renderer marks a reason action in its action_id; this one asks for a note on acknowledge.
    const reasonId = 'co.7.r1.["Acknowledge","What are you doing about it?"]';
    const r = await h.click({ user_id: uid('lee'), action: { action_id: reasonId, value: ack.value }, message: { ts } });
    const open = await h.fake.waitFor('views.open');
    expect(open.result.ok).toBe(true);
    expect(open.args.trigger_id).toBe(r.triggerId);
    // Nothing slow came first: not even the users.info of a first-time user.
    const order = h.fake.calls.map((c) => c.method);
    expect(order.indexOf('users.info') === -1 || order.indexOf('users.info') > order.indexOf('views.open')).toBe(true);
    expect((await alertRow(alertId)).action).toBeNull();

    const view = open.args.view as Record<string, unknown>;
    // A required reason left empty: Slack keeps the modal open with the error.
    const empty = await h.send(form({ payload: JSON.stringify(viewSubmission({ user_id: uid('lee'), view, values: { reason: { reason: { value: '  ' } } } })) }), 'application/x-www-form-urlencoded');
    expect(await empty.json()).toEqual({ response_action: 'errors', errors: { reason: 'Please give a reason.' } });
    expect((await alertRow(alertId)).action).toBeNull();

    const ok = await h.send(form({ payload: JSON.stringify(viewSubmission({ user_id: uid('lee'), view, values: { reason: { reason: { value: 'Tom is 10 minutes away' } } } })) }), 'application/x-www-form-urlencoded');
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('');
    const upd = await h.fake.waitFor('chat.update', (c) => c.args.ts === ts);
    expect(JSON.stringify(upd.args.blocks)).toContain('Acknowledged by Lee Lead');
    expect(JSON.stringify(upd.args.blocks)).toContain('Tom is 10 minutes away');
    expect((await alertRow(alertId)).actionDetail).toBe('Tom is 10 minutes away');
  });

  it('a form button whose trigger id expired says what happened and what to do, and changes nothing', async () => {
    const { post, alertId, ts } = await postedAlert();
    const ack = button(post.args.blocks, 'Acknowledge');
    const reasonId = 'co.7.r1.["Acknowledge","What are you doing about it?"]';
    h.fake.failNext('views.open', { error: 'expired_trigger_id' });
    const r = await h.click({ user_id: uid('lee'), action: { action_id: reasonId, value: ack.value }, message: { ts } });
    const told = await h.fake.waitFor('response_url', (c) => c.args.url === new URL(r.responseUrl).pathname);
    const text = JSON.stringify(told.args.blocks);
    expect(text).toContain('The form did not open in time');
    expect(text).toContain('Nothing was changed: press the button again.');
    expect(text).not.toMatch(/Something went wrong|Reference/);
    expect((await alertRow(alertId)).action).toBeNull();
  });

  it('when the message cannot be rewritten (deleted meanwhile), the clicker still sees the result', async () => {
    const { post, alertId, ts } = await postedAlert();
    const ack = button(post.args.blocks, 'Acknowledge');
    h.fake.failNext('chat.update', { error: 'message_not_found' });
    const r = await h.click({ user_id: uid('dana'), action: { action_id: ack.action_id, value: ack.value }, message: { ts } });
    const told = await h.fake.waitFor('response_url', (c) => c.args.url === new URL(r.responseUrl).pathname);
    expect(told.args.response_type).toBe('ephemeral');
    expect(JSON.stringify(told.args.blocks)).toContain('Acknowledged by Dana Dispatcher');
    expect((await alertRow(alertId)).action).toBe('acknowledge');
  });

  it('after a click, the outbox does not rewrite the message the click already rewrote: one update per change', async () => {
    const { post, ts } = await postedAlert();
    const ack = button(post.args.blocks, 'Acknowledge');
    await h.click({ user_id: uid('dana'), action: { action_id: ack.action_id, value: ack.value }, message: { ts } });
    await h.fake.waitFor('chat.update', (c) => c.args.ts === ts);
    const pending = await h.kit.db.db.select().from(outbox).where(and(eq(outbox.op, 'update'), isNull(outbox.deliveredAt)));
    expect(pending.length).toBeGreaterThan(0);
    await h.kit.app.notifier.deliverDue();
    const updates = h.fake.callsTo('chat.update').filter((c) => c.args.ts === ts);
    expect(updates).toHaveLength(1);
    expect(updates[0]!.result.ok).toBe(true);
    // The outbox row is done (nothing left to retry), and the message shows the decision.
    const left = await h.kit.db.db.select().from(outbox).where(and(eq(outbox.op, 'update'), isNull(outbox.deliveredAt), isNull(outbox.failedAt)));
    expect(left).toEqual([]);
    expect(JSON.stringify(h.fake.messages.get(`${CHANNEL}:${ts}`)?.blocks)).toContain('Acknowledged by Dana Dispatcher');
  });

  it('the outbox still rewrites a message whose content changed since the click', async () => {
    const { post, alertId, ts } = await postedAlert();
    const ack = button(post.args.blocks, 'Acknowledge');
    // The click's own rewrite fails: the message still shows the buttons, so the outbox writes.
    h.fake.failNext('chat.update', { error: 'internal_error' });
    await h.click({ user_id: uid('dana'), action: { action_id: ack.action_id, value: ack.value }, message: { ts } });
    await h.slack.idle();
    expect((await alertRow(alertId)).action).toBe('acknowledge');
    await h.kit.app.notifier.deliverDue();
    const updates = h.fake.callsTo('chat.update').filter((c) => c.args.ts === ts);
    expect(updates.map((u) => u.result.ok)).toEqual([false, true]);
    expect(JSON.stringify(h.fake.messages.get(`${CHANNEL}:${ts}`)?.blocks)).toContain('Acknowledged by Dana Dispatcher');
  });
});

describe('delivery failures', () => {
  it('a 429 with Retry-After becomes a later retry, then succeeds', async () => {
    h.kit.clock.set('2026-11-23T09:00:00Z');
    await h.kit.app.dispatch(await h.kit.as('dana'), 'job new ACME-HVAC PAR-HQ P1 Hot');
    await h.kit.app.notifier.deliverDue();
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 30, when: isAlert });
    h.kit.clock.set('2026-11-23T09:46:00Z');
    await runMonitor(h.kit.app.ctx);
    expect(await h.kit.app.notifier.deliverDue()).toBe(0);
    const [row] = await h.kit.db.db.select().from(outbox).where(and(eq(outbox.subjectKind, 'alert'), eq(outbox.platform, 'slack')));
    expect(row!.lastError).toMatch(/rate limit/);
    expect(row!.failedAt).toBeNull();
    expect(row!.nextAttemptAt.getTime() - h.kit.clock.now().getTime()).toBe(30_000);
    h.kit.clock.advance(1);
    expect(await h.kit.app.notifier.deliverDue()).toBe(1);
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.result.ok && /SLA/.test(String(c.args.text)))).toHaveLength(1);
  });

  it('a 5xx is retried; a channel the bot cannot post to fails for good', async () => {
    h.kit.clock.set('2026-11-23T09:00:00Z');
    await h.kit.app.dispatch(await h.kit.as('dana'), 'job new ACME-HVAC PAR-HQ P1 Hot');
    await h.kit.app.notifier.deliverDue();
    h.fake.failNext('chat.postMessage', { status: 503, when: isAlert }, { error: 'channel_not_found', when: isAlert });
    h.kit.clock.set('2026-11-23T09:46:00Z');
    await runMonitor(h.kit.app.ctx);
    await h.kit.app.notifier.deliverDue();
    let [row] = await h.kit.db.db.select().from(outbox).where(eq(outbox.subjectKind, 'alert'));
    expect(row!.lastError).toMatch(/HTTP 503/);
    expect(row!.failedAt).toBeNull();
    h.kit.clock.advance(10);
    await h.kit.app.notifier.deliverDue();
    [row] = await h.kit.db.db.select().from(outbox).where(eq(outbox.subjectKind, 'alert'));
    expect(row!.lastError).toMatch(/channel_not_found/);
    expect(row!.failedAt).not.toBeNull();
  });
});

describe('images', () => {
  it('a card image written by the bot is uploaded into the thread of its message (files.uploadV2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slack-img-'));
    const path = join(dir, 'kpi.png');
    writeFileSync(path, Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    const card = { kind: 'digest' as const, title: 'Weekly KPIs', blocks: [{ type: 'image' as const, alt: 'SLA hit rate by week', path }], visibility: 'channel' as const };
    const ref = (await h.slack.deliverer.post({ channel: 'C0MANAGERS' }, card)) as { channel: string; ts: string };
    const post = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'C0MANAGERS');
    expect(JSON.stringify(post.args.blocks)).toContain('SLA hit rate by week (attached)');
    const url = await h.fake.waitFor('files.getUploadURLExternal');
    expect(url.args).toMatchObject({ filename: 'kpi.png', length: '16' });
    // The WebClient posts the bytes as a multipart form, so the body is a little larger.
    expect((await h.fake.waitFor('upload')).args.bytes).toBeGreaterThanOrEqual(16);
    const done = await h.fake.waitFor('files.completeUploadExternal');
    expect(done.args).toMatchObject({ channel_id: 'C0MANAGERS', thread_ts: ref.ts });
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('channel pacing', () => {
  it('spaces sends to one channel by the gap and leaves other channels alone', async () => {
    let now = 0;
    const slept: number[] = [];
    const pacer = new ChannelPacer(1000, () => now, async (ms) => {
      slept.push(ms);
      now += ms;
    });
    const at: Record<string, number[]> = { a: [], b: [] };
    await Promise.all([pacer.run('a', async () => at.a!.push(now)), pacer.run('a', async () => at.a!.push(now)), pacer.run('b', async () => at.b!.push(now)), pacer.run('a', async () => at.a!.push(now))]);
    expect(at.a).toEqual([0, 1000, 2000]);
    expect(at.b).toEqual([0]);
  });

  it('real posts to one channel are at least a second apart', async () => {
    const d = h.slack.deliverer;
    const card = { kind: 'info' as const, title: 'Notice', blocks: [], visibility: 'channel' as const };
    const waitsBefore = h.pace.waits.length;
    await Promise.all([d.post({ channel: 'C0PACE' }, card), d.post({ channel: 'C0PACE' }, card)]);
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0PACE')).toHaveLength(2);
    // The second post waited for the pacer: a second and more after the first ended.
    expect(h.pace.waits.slice(waitsBefore)).toEqual([expect.any(Number)]);
    expect(h.pace.waits.at(-1)).toBeGreaterThanOrEqual(1000);
  });
});
