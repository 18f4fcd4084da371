/**
 * Socket Mode: the same listeners over a WebSocket. The fake answers apps.connections.open (with
 * the app token) and speaks enough of the Socket Mode protocol to deliver envelopes and read acks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamChannels } from '../../db/schema.js';
import { runMonitor } from '../../src/jobs/monitor.js';
import { appHomeOpened, blockActions, slashCommand } from './payloads.js';
import { slackHarness, uid, type SlackHarness } from './harness.js';

let h: SlackHarness;

beforeAll(async () => {
  h = await slackHarness({ socket: true });
  const deadline = Date.now() + 10_000;
  while (!h.fake.socketConnected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
});
afterAll(async () => {
  await h?.close();
});

describe('Socket Mode', () => {
  // The fake refuses apps.connections.open without the xapp- token, so ok means the right one.
  it('connects with the app token and serves no HTTP route', async () => {
    expect(h.slack.mode).toBe('socket');
    expect(h.fake.socketConnected).toBe(true);
    const open = h.fake.callsTo('apps.connections.open');
    expect(open.at(-1)?.result.ok).toBe(true);
    const res = await h.kit.app.api.request('/slack/events', { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
  });

  it('runs a slash command and answers through the response_url', async () => {
    const responseUrl = h.fake.responseUrl();
    const ack = await h.fake.sendEnvelope('slash_commands', slashCommand({ command: '/contract', text: 'show ACME-HVAC', user_id: uid('dana'), response_url: responseUrl, trigger_id: h.fake.triggerId() }));
    expect(ack).toEqual({});
    const reply = await h.fake.waitFor('response_url', (c) => c.args.url === new URL(responseUrl).pathname);
    expect(reply.args.response_type).toBe('ephemeral');
    expect(JSON.stringify(reply.args.blocks)).toContain('ACME-HVAC');
  });

  it('posts an alert and applies a click to it, rewriting the message', async () => {
    await h.kit.db.db.insert(teamChannels).values({ teamId: 'hvac-paris', purpose: 'dispatch', platform: 'slack', target: { channel: 'C0DISPATCH' } });
    h.kit.clock.set('2026-11-23T09:00:00Z');
    await h.kit.app.dispatch(await h.kit.as('dana'), 'job new ACME-HVAC PAR-HQ P1 Data room too hot');
    await h.kit.app.notifier.deliverDue();
    h.kit.clock.set('2026-11-23T09:46:00Z');
    await runMonitor(h.kit.app.ctx);
    await h.kit.app.notifier.deliverDue();
    const post = await h.fake.waitFor('chat.postMessage', (c) => /SLA/.test(String(c.args.text)));
    const ack = (post.args.blocks as { type: string; elements?: { text?: { text: string }; action_id: string; value?: string }[] }[])
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.text?.text === 'Acknowledge')!;
    await h.fake.sendEnvelope('interactive', blockActions({ user_id: uid('lee'), action: { action_id: ack.action_id, value: ack.value }, message: { ts: String(post.result.ts) }, response_url: h.fake.responseUrl(), trigger_id: h.fake.triggerId() }));
    const upd = await h.fake.waitFor('chat.update', (c) => c.args.ts === post.result.ts);
    expect(JSON.stringify(upd.args.blocks)).toContain('Acknowledged by Lee Lead');
  });

  it('publishes the App Home, and drops a retried event', async () => {
    await h.fake.sendEnvelope('events_api', appHomeOpened(uid('dana')));
    await h.fake.waitFor('views.publish', (c) => c.args.user_id === uid('dana'));
    await h.slack.idle();
    const before = h.fake.callsTo('views.publish').length;
    await h.fake.sendEnvelope('events_api', appHomeOpened(uid('dana')), { retryAttempt: 1 });
    await h.slack.idle();
    expect(h.fake.callsTo('views.publish').length).toBe(before);
  });
});
