/** Slash commands end to end: signed HTTP requests in, the fake Slack's record out. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { people } from '../../db/schema.js';
import type { Ctx } from '../../src/context.js';
import { form, sign, slashCommand } from './payloads.js';
import { SIGNING_SECRET, slackHarness, uid, type SlackHarness } from './harness.js';

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

function blocksText(call: { args: Record<string, unknown> }): string {
  return JSON.stringify(call.args.blocks ?? []);
}

describe('Slack HTTP endpoint', () => {
  it('answers url_verification with the challenge', async () => {
    const res = await h.sendJson({ token: 't', challenge: 'c-123', type: 'url_verification' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'c-123' });
  });

  it('answers ssl_check with an empty 200', async () => {
    const res = await h.send(form({ ssl_check: '1', token: 't' }), 'application/x-www-form-urlencoded', { secret: 'not-the-secret' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('refuses a bad signature and runs nothing', async () => {
    const body = form(slashCommand({ command: '/help', user_id: uid('dana'), response_url: h.fake.responseUrl(), trigger_id: 't' }));
    const res = await h.send(body, 'application/x-www-form-urlencoded', { secret: 'wrong-secret' });
    expect(res.status).toBe(401);
    await h.slack.idle();
    expect(h.fake.calls).toEqual([]);
  });

  it('refuses a body altered after signing', async () => {
    const body = form(slashCommand({ command: '/help', user_id: uid('dana'), response_url: h.fake.responseUrl(), trigger_id: 't' }));
    const res = await h.send(body.replace('dana', 'ada'), 'application/x-www-form-urlencoded', { headers: sign(body, SIGNING_SECRET) });
    expect(res.status).toBe(401);
  });

  it('refuses a stale timestamp (replay) and one from the future', async () => {
    const body = form(slashCommand({ command: '/help', user_id: uid('dana'), response_url: h.fake.responseUrl(), trigger_id: 't' }));
    const now = Math.floor(Date.now() / 1000);
    expect((await h.send(body, 'application/x-www-form-urlencoded', { ts: now - 6 * 60 })).status).toBe(401);
    expect((await h.send(body, 'application/x-www-form-urlencoded', { ts: now + 6 * 60 })).status).toBe(401);
    // Inside the window it is fine.
    expect((await h.send(body, 'application/x-www-form-urlencoded', { ts: now - 4 * 60 })).status).toBe(200);
  });

  it('refuses a request without signature headers', async () => {
    const res = await h.send('{"type":"url_verification","challenge":"x"}', 'application/json', { headers: { 'x-slack-signature': '', 'x-slack-request-timestamp': '' } });
    expect(res.status).toBe(401);
  });
});

describe('slash commands', () => {
  it('/help acks at once and answers the caller only, listing every command', async () => {
    const t0 = Date.now();
    const { res, responseUrl } = await h.command(uid('dana'), '/help');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(Date.now() - t0).toBeLessThan(3000);
    const reply = await h.fake.waitFor('response_url', (c) => c.args.url === new URL(responseUrl).pathname);
    expect(reply.args.response_type).toBe('ephemeral');
    for (const c of h.kit.app.router.commands.filter((x) => !x.terminalOnly)) expect(blocksText(reply)).toContain(`/${c.name}`);
    expect(reply.args.text).toContain('Commands');
  });

  it('/contract show ACME-HVAC renders the contract', async () => {
    const { responseUrl } = await h.command(uid('dana'), '/contract', 'show ACME-HVAC');
    const reply = await h.fake.waitFor('response_url', (c) => c.args.url === new URL(responseUrl).pathname);
    expect(reply.result.ok).toBe(true);
    expect(reply.args.response_type).toBe('ephemeral');
    expect(blocksText(reply)).toContain('ACME-HVAC');
    expect(blocksText(reply)).toContain('PAR-HQ');
  });

  it('/mydata export typed in a channel sends the JSON and CSV files to the person alone, in a direct message', async () => {
    const { responseUrl } = await h.command(uid('tess'), '/mydata', 'export', { channel_id: 'C0DISPATCH', channel_name: 'dispatch' });
    const reply = await h.fake.waitFor('response_url', (c) => c.args.url === new URL(responseUrl).pathname);
    expect(reply.args.response_type).toBe('ephemeral');
    expect(blocksText(reply)).toContain('sent to you in a direct message');
    const names = (await Promise.all([0, 1].map((i) => h.fake.waitFor('files.getUploadURLExternal', (c) => String(c.args.filename).endsWith(i ? '.csv' : '.json'))))).map((c) => String(c.args.filename));
    expect(names).toEqual([expect.stringMatching(/^person-\d+-.*\.json$/), expect.stringMatching(/^person-\d+-.*\.csv$/)]);
    await h.fake.waitFor('files.completeUploadExternal', (c) => c.args.channel_id === 'D0TESS');
    await h.slack.idle();
    const shared = h.fake.callsTo('files.completeUploadExternal').map((c) => c.args.channel_id);
    expect(shared.length).toBeGreaterThanOrEqual(1);
    expect(shared.every((c) => c === 'D0TESS')).toBe(true);
  });

  it('a DM upload Slack refuses is tried again when the refusal passes, else told to the person with where to get the file', async () => {
    const tess = await h.kit.as('tess');
    const before = h.fake.callsTo('chat.postMessage').length;
    // The JSON's share fails once for a passing reason (then goes through); the CSV's for good.
    h.fake.failNext('files.completeUploadExternal', { error: 'internal_error' });
    h.fake.failNext('files.getUploadURLExternal', { error: 'file_uploads_disabled', when: (a) => String(a.filename).endsWith('.csv') });
    const { responseUrl } = await h.command(uid('tess'), '/mydata', 'export', { channel_id: 'C0DISPATCH', channel_name: 'dispatch' });
    await h.fake.waitFor('response_url', (c) => c.args.url === new URL(responseUrl).pathname);
    const told = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'D0TESS' && /could not attach/.test(String(c.args.text)));
    await h.slack.idle();
    expect(String(told.args.text)).toMatch(new RegExp(`^I could not attach person-\\d+-.*\\.csv here \\(Slack answered: file_uploads_disabled\\)\\. Get the same content from GET /api/v1/people/${tess.actor.person!.id}/export\\.$`));
    // One notice, for the CSV alone; the JSON was shared on its second try.
    expect(h.fake.callsTo('chat.postMessage').slice(before).filter((c) => /could not attach/.test(String(c.args.text)))).toHaveLength(1);
    const shares = h.fake.callsTo('files.completeUploadExternal').filter((c) => c.args.channel_id === 'D0TESS' && JSON.stringify(c.args.files).includes('.json'));
    expect(shares.length).toBeGreaterThanOrEqual(2);
  });

  it('a mistake is answered ephemerally with the usage', async () => {
    const { responseUrl } = await h.command(uid('dana'), '/contract', 'show NOPE-123');
    const reply = await h.fake.waitFor('response_url', (c) => c.args.url === new URL(responseUrl).pathname);
    expect(reply.args.response_type).toBe('ephemeral');
    expect(reply.args.text).toMatch(/Not found/);
  });

  it('links a Slack user to a person by e-mail once, then without users.info', async () => {
    // max appears in no other test of this file, so his e-mail is not cached yet.
    const first = await h.command(uid('max'), '/help');
    await h.fake.waitFor('response_url', (c) => c.args.url === new URL(first.responseUrl).pathname);
    expect(h.fake.callsTo('users.info').filter((c) => c.args.user === uid('max'))).toHaveLength(1);
    expect((await h.kit.as('max')).actor.person?.slackUserId).toBe(uid('max'));
    const second = await h.command(uid('max'), '/help');
    await h.fake.waitFor('response_url', (c) => c.args.url === new URL(second.responseUrl).pathname);
    expect(h.fake.callsTo('users.info').filter((c) => c.args.user === uid('max'))).toHaveLength(1);
  });

  it('takes a newly linked person\'s language from their Slack locale, and answers them in it', async () => {
    await h.kit.db.db.insert(people).values({ name: 'Zoé Technicienne', email: 'zoe@demo.example', roles: ['technician'], teams: ['hvac-paris'] });
    h.fake.addUser({ id: 'U0ZOE', email: 'zoe@demo.example', locale: 'fr-FR' });
    const { responseUrl } = await h.command('U0ZOE', '/help');
    const reply = await h.fake.waitFor('response_url', (c) => c.args.url === new URL(responseUrl).pathname);
    expect(h.fake.callsTo('users.info').find((c) => c.args.user === 'U0ZOE')?.args.include_locale).toBeTruthy();
    expect((await h.kit.db.db.select().from(people).where(eq(people.email, 'zoe@demo.example')))[0]!.language).toBe('fr');
    expect(blocksText(reply)).toContain('Ce qu’elle fait');
    expect(blocksText(reply)).toContain('Saisir du temps sur une intervention');
  });

  it('renders a French reader\'s reply in French, the renderer\'s own words included', async () => {
    await h.kit.db.db.update(people).set({ language: 'fr' }).where(eq(people.email, 'max@demo.example'));
    const { responseUrl } = await h.command(uid('max'), '/kpi', 'hvac-paris');
    const reply = blocksText(await h.fake.waitFor('response_url', (c) => c.args.url === new URL(responseUrl).pathname));
    expect(reply).toContain('(en pièce jointe)');
    expect(reply).not.toContain('(attached)');
  });

  it('keeps the language a person chose over their Slack locale', async () => {
    await h.kit.db.db.insert(people).values({ name: 'Yves Tech', email: 'yves@demo.example', roles: ['technician'], language: 'en' });
    h.fake.addUser({ id: 'U0YVES', email: 'yves@demo.example', locale: 'fr-CA' });
    const { responseUrl } = await h.command('U0YVES', '/help');
    const reply = await h.fake.waitFor('response_url', (c) => c.args.url === new URL(responseUrl).pathname);
    expect((await h.kit.db.db.select().from(people).where(eq(people.email, 'yves@demo.example')))[0]!.language).toBe('en');
    expect(blocksText(reply)).toContain('What it does');
  });

  it('tells an unknown user to ask an admin, naming their Slack e-mail, and runs nothing', async () => {
    const { responseUrl } = await h.command('U0STRANGER', '/job', 'new ACME-HVAC PAR-HQ P2 Chiller');
    const reply = await h.fake.waitFor('response_url', (c) => c.args.url === new URL(responseUrl).pathname);
    expect(reply.args.response_type).toBe('ephemeral');
    expect(blocksText(reply)).toContain('ask an admin to add you (your Slack e-mail is stranger@elsewhere.example)');
    const jobs = await h.kit.app.dispatch(await h.kit.as('dana'), 'job list all');
    expect(JSON.stringify(jobs)).toContain('No jobs match');
  });

  it('tells a user whose e-mail Slack does not share to ask an admin', async () => {
    const { responseUrl } = await h.command('U0NOMAIL', '/help');
    const reply = await h.fake.waitFor('response_url', (c) => c.args.url === new URL(responseUrl).pathname);
    expect(blocksText(reply)).toContain('ask an admin to add you with your work e-mail');
  });

  it('never treats a bot account as a person, even with a matching e-mail', async () => {
    const { responseUrl } = await h.command('U0ABOT', '/help');
    const reply = await h.fake.waitFor('response_url', (c) => c.args.url === new URL(responseUrl).pathname);
    expect(blocksText(reply)).toContain('ask an admin');
  });

  it('refuses a user without the role, ephemerally and specifically', async () => {
    const { responseUrl } = await h.command(uid('fiona'), '/job', 'new ACME-HVAC PAR-HQ P2 Chiller tripping');
    const reply = await h.fake.waitFor('response_url', (c) => c.args.url === new URL(responseUrl).pathname);
    expect(reply.args.response_type).toBe('ephemeral');
    expect(blocksText(reply)).toContain('Not allowed');
    expect(blocksText(reply)).toContain('can create jobs; you are finance');
  });

  it('a private answer shows the times of its tables in the reader\'s zone from their Slack profile, not UTC', async () => {
    const created = await h.command(uid('dana'), '/job', 'new ACME-HVAC PAR-HQ P2 Chiller tripping');
    await h.fake.waitFor('response_url', (c) => c.args.url === new URL(created.responseUrl).pathname);
    const list = async (who: string) => {
      const { responseUrl } = await h.command(uid(who), '/job', 'list');
      const reply = await h.fake.waitFor('response_url', (c) => c.args.url === new URL(responseUrl).pathname);
      expect(reply.args.response_type).toBe('ephemeral');
      // A table is a code block, where Slack cannot localize a <!date> token: the text is the zone's.
      return /```[\s\S]*```/.exec(blocksText(reply))![0];
    };
    // Lee's Slack profile says Europe/Paris; Dana's names no zone, so the deployment's (UTC) is used.
    const lee = await list('lee');
    expect(lee).toMatch(/Restore due/);
    expect(lee).toMatch(/\d\d:\d\d CET/);
    expect(lee).not.toContain('UTC');
    expect(await list('dana')).toMatch(/\d\d:\d\d UTC/);
  });

  it('posts a card meant for the channel to the channel (a new job)', async () => {
    const { responseUrl } = await h.command(uid('dana'), '/job', 'new ACME-HVAC PAR-HQ P2 Chiller tripping on <high> pressure & noise');
    const reply = await h.fake.waitFor('response_url', (c) => c.args.url === new URL(responseUrl).pathname);
    expect(reply.args.response_type).toBe('in_channel');
    // mrkdwn (the fallback text) is escaped; the header is plain_text, which Slack shows as typed.
    expect(reply.args.text).toContain('Chiller tripping on &lt;high&gt; pressure &amp; noise');
    expect(blocksText(reply)).toContain('Chiller tripping on <high> pressure & noise');
  });

  it('a mention of a colleague who never used the bot is linked by e-mail, so the verb finds them', async () => {
    await h.kit.app.dispatch(await h.kit.as('dana'), 'job new ACME-HVAC PAR-HQ P2 Chiller tripping');
    const { responseUrl } = await h.command(uid('dana'), '/job', `assign J-1001 <@${uid('tess')}|tess>`);
    const reply = await h.fake.waitFor('response_url', (c) => c.args.url === new URL(responseUrl).pathname);
    expect(reply.args.text).toMatch(/J-1001 is assigned to Tess Technician/);
  });

  it('a mention of someone Slack does not know is named as typed (@ghost), never echoed as the raw token', async () => {
    await h.kit.app.dispatch(await h.kit.as('dana'), 'job new ACME-HVAC PAR-HQ P2 Chiller tripping');
    const { responseUrl } = await h.command(uid('dana'), '/job', 'assign J-1001 <@U0GHOST|ghost>');
    const reply = await h.fake.waitFor('response_url', (c) => c.args.url === new URL(responseUrl).pathname);
    const shown = `${String(reply.args.text)} ${JSON.stringify(reply.args.blocks)}`;
    expect(shown).toContain('Nobody matches @ghost: that Slack user is not a person here yet');
    expect(shown).not.toMatch(/U0GHOST|&lt;@|<@/);
    // /role takes a mention too
    const role = await h.command(uid('ada'), '/role', '<@U0GHOST> technician');
    const told = await h.fake.waitFor('response_url', (c) => c.args.url === new URL(role.responseUrl).pathname);
    expect(String(told.args.text)).toContain('Nobody matches @U0GHOST');
    expect(JSON.stringify(told.args.blocks)).not.toMatch(/&lt;@|<@/);
  });

  it('runs the command as the Slack person, from this channel (origin for /team bind)', async () => {
    const seen: Ctx[] = [];
    const real = h.kit.app.dispatch;
    h.kit.app.dispatch = async (ctx, text, files) => {
      seen.push(ctx);
      return real(ctx, text, files);
    };
    try {
      const { responseUrl } = await h.command(uid('lee'), '/help', '', { channel_id: 'C0OPS', channel_name: 'ops-north' });
      await h.fake.waitFor('response_url', (c) => c.args.url === new URL(responseUrl).pathname);
    } finally {
      h.kit.app.dispatch = real;
    }
    expect(seen[0]?.actor).toMatchObject({ via: 'slack', label: 'Lee Lead (slack)', person: { email: 'lee@demo.example', slackUserId: uid('lee') } });
    expect(seen[0]?.origin).toEqual({ platform: 'slack', target: { channel: 'C0OPS' }, label: '#ops-north' });
  });

  it('refreshes the caller\'s App Home after a command', async () => {
    await h.command(uid('dana'), '/job', 'new ACME-HVAC PAR-HQ P2 Chiller tripping');
    const pub = await h.fake.waitFor('views.publish', (c) => c.args.user_id === uid('dana'));
    expect(pub.result.ok).toBe(true);
    expect(JSON.stringify(pub.args.view)).toContain('Chiller tripping');
  });
});
