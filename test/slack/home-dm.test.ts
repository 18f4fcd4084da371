/** The App Home, and direct messages to the bot (the way files reach a command). */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatInstant } from '../../cards/time.js';
import { eq } from 'drizzle-orm';
import { alerts, jobs, people } from '../../db/schema.js';
import { actOnAlert } from '../../src/alerts/act-on-alert.js';
import { runMonitor } from '../../src/jobs/monitor.js';
import { EXAMPLES_DIR } from '../../src/seed/demo.js';
import { appHomeOpened, eventCallback } from './payloads.js';
import { slackHarness, uid, type SlackHarness } from './harness.js';

let h: SlackHarness;

beforeAll(async () => {
  h = await slackHarness();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.reset();
});

function dm(user: string, text: string, files?: Record<string, unknown>[]) {
  return eventCallback({ type: 'message', ...(files ? { subtype: 'file_share', files, upload: false } : {}), channel: `D${user.slice(1)}`, channel_type: 'im', user, text, ts: `${Date.now() / 1000}`, event_ts: `${Date.now() / 1000}` });
}

describe('App Home', () => {
  it('is written in the person\'s language: a French dispatcher reads the queue and the greeting in French', async () => {
    h.kit.clock.set('2026-11-23T09:00:00Z');
    await h.kit.app.dispatch(await h.kit.as('dana'), 'job new ACME-HVAC PAR-HQ P2 Chiller tripping');
    await h.kit.db.db.update(people).set({ language: 'fr' }).where(eq(people.email, 'dana@demo.example'));
    await h.sendJson(appHomeOpened(uid('dana')));
    const view = JSON.stringify((await h.fake.waitFor('views.publish', (c) => c.args.user_id === uid('dana'))).args.view);
    expect(view).toContain('Connecté en tant que Dana Dispatcher (dispatcher)');
    expect(view).toContain('File\u00a0: ');
    expect(view).toContain('Arrivée J-1001');
    expect(view).not.toContain('Signed in as');
    expect(view).not.toContain('soonest breach first');
  });

  it('shows a dispatcher their open jobs and the team\'s, refreshed on app_home_opened', async () => {
    h.kit.clock.set('2026-11-23T09:00:00Z');
    const tom = await h.kit.as('tom');
    await h.kit.app.dispatch(await h.kit.as('dana'), 'job new ACME-HVAC PAR-HQ P2 Chiller <tripping> & noisy');
    await h.kit.app.dispatch(await h.kit.as('dana'), `job assign J-1001 ${tom.actor.person!.email}`);
    const res = await h.sendJson(appHomeOpened(uid('dana')));
    expect(res.status).toBe(200);
    const pub = await h.fake.waitFor('views.publish', (c) => c.args.user_id === uid('dana'));
    expect(pub.result.ok).toBe(true);
    const view = JSON.stringify(pub.args.view);
    expect(view).toContain('Signed in as Dana Dispatcher (dispatcher)');
    // the team's open jobs are the dispatch queue, soonest breach first, with its buttons
    expect(view).toContain('Queue: ');
    expect(view).toContain('soonest breach first');
    expect(view).toContain('ETA J-1001');
    expect(view).toContain('Chiller &lt;tripping&gt; &amp; noisy');

    const forTom = await h.sendJson(appHomeOpened(uid('tom')));
    expect(forTom.status).toBe(200);
    const tomPub = await h.fake.waitFor('views.publish', (c) => c.args.user_id === uid('tom'));
    expect(JSON.stringify(tomPub.args.view)).toContain('Your open jobs');
    expect(JSON.stringify(tomPub.args.view)).toContain('J-1001');
    expect(JSON.stringify(tomPub.args.view)).not.toContain('Queue: ');
  });

  it('leads a dispatcher\'s home with the alerts nobody has acted on, and drops one once acted on', async () => {
    h.kit.clock.set('2026-11-23T09:00:00Z');
    const dana = await h.kit.as('dana');
    await h.kit.app.dispatch(dana, 'job new ACME-HVAC PAR-HQ P1 Data room too hot');
    h.kit.clock.set('2026-11-23T09:46:00Z');
    await runMonitor(h.kit.app.ctx);
    const [alert] = await h.kit.db.db.select().from(alerts);
    expect(alert).toBeDefined();

    await h.sendJson(appHomeOpened(uid('dana')));
    const view = JSON.stringify((await h.fake.waitFor('views.publish', (c) => c.args.user_id === uid('dana'))).args.view);
    expect(view).toContain('Alerts nobody has acted on');
    expect(view).toContain('Data room too hot');
    expect(view).toContain('75%');
    // Due is the SLA deadline of the clock, not the warning instant the alert was raised at.
    const [job] = await h.kit.db.db.select().from(jobs);
    const zone = h.kit.config.DEFAULT_ZONE;
    expect(alert!.window).toBe('response');
    expect(view).toContain(formatInstant(job!.responseDueAt!, zone));
    expect(view).not.toContain(formatInstant(alert!.dueAt, zone));
    // the alerts come before the job lists
    expect(view.indexOf('Alerts nobody has acted on')).toBeLessThan(view.indexOf('Queue: '));

    // a technician's home has no dispatch alerts
    await h.sendJson(appHomeOpened(uid('tom')));
    expect(JSON.stringify((await h.fake.waitFor('views.publish', (c) => c.args.user_id === uid('tom'))).args.view)).not.toContain('Alerts nobody has acted on');

    await actOnAlert(await h.kit.as('lee'), { alertId: alert!.id, act: 'acknowledge' });
    h.fake.calls.length = 0;
    await h.sendJson(appHomeOpened(uid('dana')));
    expect(JSON.stringify((await h.fake.waitFor('views.publish', (c) => c.args.user_id === uid('dana'))).args.view)).not.toContain('Alerts nobody has acted on');
  });

  it('tells an unknown user how to get added', async () => {
    await h.sendJson(appHomeOpened('U0STRANGER'));
    const pub = await h.fake.waitFor('views.publish', (c) => c.args.user_id === 'U0STRANGER');
    expect(JSON.stringify(pub.args.view)).toContain('ask an admin to add you (your Slack e-mail is stranger@elsewhere.example)');
  });

  it('a retried event delivery publishes nothing', async () => {
    const res = await h.sendJson(appHomeOpened(uid('dana')), { retryNum: 1 });
    expect(res.status).toBe(200);
    await h.slack.idle();
    expect(h.fake.callsTo('views.publish')).toEqual([]);
  });
});

describe('direct messages', () => {
  it('runs a command typed in the DM and answers there', async () => {
    await h.sendJson(dm(uid('dana'), 'contract list'));
    const reply = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'D0DANA');
    expect(reply.result.ok).toBe(true);
    expect(reply.args.text).toMatch(/Contracts \(\d+\)/);
  });

  it('hands a file sent with the command to it (a contract amendment), downloaded with the bot token', async () => {
    const yaml = readFileSync(`${EXAMPLES_DIR}acme-hvac.yaml`, 'utf8').replace('price: 0', 'price: 1');
    const file = h.fake.addFile('acme-hvac.yaml', 'text/yaml', Buffer.from(yaml));
    await h.sendJson(dm(uid('max'), 'contract amend ACME-HVAC 2026-12-01 visit price from December', [file]));
    const dl = await h.fake.waitFor('file_download');
    expect(dl.args.authorized).toBe(true);
    const reply = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'D0MAX');
    expect(reply.args.text).toMatch(/Contract amended/);
  });

  it('refuses a file over the size limit without downloading it', async () => {
    const file = { ...h.fake.addFile('huge.jpg', 'image/jpeg', Buffer.from('x')), size: 500 * 1024 * 1024 };
    await h.sendJson(dm(uid('tom'), 'attach J-1001', [file]));
    const reply = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'D0TOM');
    expect(reply.args.text).toMatch(/Too large[\s\S]*huge\.jpg is 500 MB; the limit is 10 MB/);
    expect(h.fake.callsTo('file_download')).toEqual([]);
  });

  it('answers a message that is not a command with a hint', async () => {
    await h.sendJson(dm(uid('dana'), 'hello there'));
    const reply = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'D0DANA');
    expect(reply.args.text).toMatch(/Send me a command/);
  });

  it('tells an unknown user to ask an admin', async () => {
    await h.sendJson(dm('U0STRANGER', 'job list'));
    const reply = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'D0STRANGER');
    expect(JSON.stringify(reply.args.blocks)).toContain('ask an admin');
  });
});
