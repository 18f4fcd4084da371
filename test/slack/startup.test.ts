/**
 * Starting the Slack adapter: the token is checked before anything is served, and a Slack that
 * cannot be reached makes the bot not ready (/readyz) without leaving requests unanswered.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ACTION_ID_PREFIX } from '../../cards/slack.js';
import { ConfigError } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { startSlack } from '../../src/chat/slack/index.js';
import { testKit } from '../support/app.js';
import { FakeSlack } from './fake-slack.js';
import { BOT_TOKEN, SIGNING_SECRET, SLACK_USERS, slackHarness, uid, type SlackHarness } from './harness.js';

const log = createLogger('silent');

async function get(h: SlackHarness, path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`http://127.0.0.1:${h.http?.port}${path}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('a revoked SLACK_BOT_TOKEN', () => {
  it('stops the start with a message naming the variable, before any request is served', async () => {
    // Slack knows another token: ours was revoked.
    const fake = new FakeSlack({ botToken: 'xoxb-the-current-token', users: SLACK_USERS });
    await fake.start();
    const kit = await testKit({ env: { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.url }, platforms: ['slack'] });
    try {
      const started = startSlack(kit.app, kit.config, log, { clientOptions: { retryConfig: { retries: 0 } } });
      await expect(started).rejects.toBeInstanceOf(ConfigError);
      await expect(started).rejects.toThrow(/SLACK_BOT_TOKEN: Slack refused the token \(invalid_auth\)/);
      expect(fake.callsTo('auth.test')).toHaveLength(1);
      // Nothing was mounted: no /slack/events route answers for a bot that cannot post.
      const res = await kit.app.api.request('/slack/events', { method: 'POST', body: '{}' });
      expect(res.status).toBe(404);
    } finally {
      await fake.close();
      await kit.close();
    }
  });
});

describe('Slack unreachable at start', () => {
  let h: SlackHarness;
  let dead: FakeSlack;

  afterAll(async () => {
    await h?.close();
  });

  it('answers every request within 3 s, and /readyz says Slack is unreachable while /healthz stays ok', async () => {
    // A Web API address where nothing listens.
    dead = new FakeSlack({ botToken: BOT_TOKEN, users: SLACK_USERS });
    await dead.start();
    const url = dead.url;
    await dead.close();
    h = await slackHarness({ env: { SLACK_API_URL: url } });

    const ready = await get(h, '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.platforms).toMatchObject({ slack: { state: 'unreachable', detail: expect.stringMatching(/cannot be reached/) } });
    const health = await get(h, '/healthz');
    expect(health.status).toBe(200);

    const started = Date.now();
    const { res } = await h.command(uid('dana'), '/help');
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);
    const click = await h.click({ user_id: uid('dana'), action: { action_id: `${ACTION_ID_PREFIX}0`, value: 'not-a-signed-action' } });
    expect(click.res.status).toBeLessThan(500);
    expect(Date.now() - started).toBeLessThan(3000);
    await h.slack.idle();
  });

  it('keeps trying auth.test while Slack cannot be reached', async () => {
    // recheck is what the timer runs every 30 s.
    expect(await h.slack.recheck()).toBe(false);
    expect(h.kit.app.readiness.get('slack')?.state).toBe('unreachable');
  });
});

describe('/readyz with Slack up', () => {
  it('reports each platform ready', async () => {
    const h = await slackHarness();
    try {
      const ready = await get(h, '/readyz');
      expect(ready.status).toBe(200);
      expect(ready.body).toEqual({ ok: true, database: 'up', platforms: { slack: { state: 'ready' } } });
    } finally {
      await h.close();
    }
  });

  it('turns ready after an outage once auth.test answers', async () => {
    const h = await slackHarness();
    try {
      h.fake.failNext('auth.test', { status: 503 });
      expect(await h.slack.recheck()).toBe(false);
      expect((await get(h, '/readyz')).body.platforms).toMatchObject({ slack: { state: 'unreachable' } });
      expect(await h.slack.recheck()).toBe(true);
      expect((await get(h, '/readyz')).status).toBe(200);
    } finally {
      await h.close();
    }
  });
});
