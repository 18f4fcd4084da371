/**
 * Who may act through Slack: a replayed signed request acts once, a request from another workspace
 * is refused, and a second account showing a linked person's e-mail does not become that person.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { jobs, people } from '../../db/schema.js';
import { slackHarness, uid, type SlackHarness } from './harness.js';
import { blockActions, eventCallback, form, slashCommand } from './payloads.js';

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

const jobCount = async () => (await h.kit.db.db.select({ id: jobs.id }).from(jobs)).length;
const texts = (url: string) => h.responses(url).map((c) => `${String(c.args.text)} ${JSON.stringify(c.args.blocks ?? [])}`);

describe('a replayed slash command', () => {
  it('creates one job when the identical signed /job new arrives twice, and says so to the replay', async () => {
    const responseUrl = h.fake.responseUrl();
    const body = form(slashCommand({ command: '/job', text: 'new ACME-HVAC PAR-HQ P1 Data room too hot', user_id: uid('dana'), response_url: responseUrl, trigger_id: h.fake.triggerId() }));
    expect((await h.send(body, 'application/x-www-form-urlencoded')).status).toBe(200);
    await h.slack.idle();
    expect((await h.send(body, 'application/x-www-form-urlencoded')).status).toBe(200);
    await h.slack.idle();
    expect(await jobCount()).toBe(1);
    const replies = texts(responseUrl);
    expect(replies).toHaveLength(2);
    expect(replies[1]).toMatch(/already handled/);
    expect(replies[1]).toMatch(/J-\d+/); // what the first one answered
  });

  it('runs two separate invocations of the same command (each has its own trigger_id)', async () => {
    await h.command(uid('dana'), '/job', 'new ACME-HVAC PAR-HQ P1 Data room too hot');
    await h.command(uid('dana'), '/job', 'new ACME-HVAC PAR-HQ P1 Data room too hot');
    await h.slack.idle();
    expect(await jobCount()).toBe(2);
  });

  it('drops a replayed direct message event', async () => {
    const body = JSON.stringify(eventCallback({ type: 'message', channel: 'D0DANA', channel_type: 'im', user: uid('dana'), text: 'job new ACME-HVAC PAR-HQ P1 Data room too hot', ts: '1795400000.000100' }));
    await h.send(body, 'application/json');
    await h.slack.idle();
    await h.send(body, 'application/json');
    await h.slack.idle();
    expect(await jobCount()).toBe(1);
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'D0DANA')).toHaveLength(1);
  });
});

describe('another workspace', () => {
  it('refuses a slash command from another team: nothing runs, nobody is looked up', async () => {
    const responseUrl = h.fake.responseUrl();
    const fields = { ...slashCommand({ command: '/job', text: 'new ACME-HVAC PAR-HQ P1 Data room too hot', user_id: uid('dana'), response_url: responseUrl, trigger_id: h.fake.triggerId() }), team_id: 'T0EVIL' };
    const res = await h.send(form(fields), 'application/x-www-form-urlencoded');
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/another Slack workspace/);
    await h.slack.idle();
    expect(await jobCount()).toBe(0);
    expect(h.fake.callsTo('users.info')).toEqual([]);
    expect(h.responses(responseUrl)).toEqual([]);
  });

  it('refuses a command carrying another enterprise id, and a click from a user of another team', async () => {
    const fields = { ...slashCommand({ command: '/help', user_id: uid('dana'), response_url: h.fake.responseUrl(), trigger_id: h.fake.triggerId() }), enterprise_id: 'E0OTHER' };
    expect(await (await h.send(form(fields), 'application/x-www-form-urlencoded')).text()).toMatch(/another Slack workspace/);
    const click = blockActions({ user_id: uid('dana'), action: { action_id: 'co.x', value: 'x' }, response_url: h.fake.responseUrl(), trigger_id: h.fake.triggerId() });
    const foreign = { ...click, user: { ...(click.user as object), team_id: 'T0EVIL' } };
    expect((await h.send(form({ payload: JSON.stringify(foreign) }), 'application/x-www-form-urlencoded')).status).toBe(200);
    await h.slack.idle();
    expect(h.fake.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
  });

  it('still serves its own workspace (auth.test named T0DEMO)', async () => {
    const { responseUrl } = await h.command(uid('dana'), '/job', 'new ACME-HVAC PAR-HQ P1 Data room too hot');
    await h.slack.idle();
    expect(await jobCount()).toBe(1);
    expect(texts(responseUrl).join(' ')).toMatch(/J-\d+/);
  });
});

describe('e-mail takeover', () => {
  it('a second Slack account with a linked person\'s e-mail stays a stranger; the first keeps the link', async () => {
    await h.command(uid('dana'), '/job', 'list');
    await h.slack.idle();
    const [dana] = await h.kit.db.db.select().from(people).where(eq(people.email, 'dana@demo.example'));
    expect(dana!.slackUserId).toBe(uid('dana'));

    h.fake.addUser({ id: 'U0IMPOSTOR', email: 'DANA@demo.example' });
    const { responseUrl } = await h.command('U0IMPOSTOR', '/job', 'new ACME-HVAC PAR-HQ P1 Data room too hot');
    await h.slack.idle();
    expect(texts(responseUrl).join(' ')).toMatch(/I don't know you yet/);
    expect(await jobCount()).toBe(0);
    const [after] = await h.kit.db.db.select().from(people).where(eq(people.id, dana!.id));
    expect(after!.slackUserId).toBe(uid('dana'));

    // The linked account still acts as Dana.
    await h.command(uid('dana'), '/job', 'new ACME-HVAC PAR-HQ P1 Data room too hot');
    await h.slack.idle();
    expect(await jobCount()).toBe(1);
  });
});
