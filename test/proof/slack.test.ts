/**
 * Through Slack, end to end (fake Slack, real Bolt, real HTTP): the customer message draft posted to
 * the team's channel is sent with its button and the message is rewritten for everyone once the
 * e-mail has gone; a technician confirms a checklist step from the card the bot answered in the
 * DM; a photo sent with /attach in the DM is downloaded and stored, a wrong file refused.
 */
import { readdirSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { attachments, customerMessages, teamChannels } from '../../db/schema.js';
import { deliverMessages } from '../../src/messages/deliver-messages.js';
import { fileMailer } from '../../src/messages/mailer.js';
import { slackHarness, uid, type SlackHarness } from '../slack/harness.js';
import { eventCallback } from '../slack/payloads.js';
import { picture, tempDir } from './helpers.js';

let h: SlackHarness;
const CHANNEL = 'C0BIOMED';
const mailDir = tempDir('mail');

beforeAll(async () => {
  h = await slackHarness({ env: { ATTACHMENTS_DIR: tempDir('slack-att') } });
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.slack.idle();
  await h.kit.reset();
  h.fake.calls.length = 0;
  h.kit.clock.set('2026-11-24T14:00:00Z');
  await h.kit.db.db.insert(teamChannels).values({ teamId: 'biomed-east', purpose: 'dispatch', platform: 'slack', target: { channel: CHANNEL } });
});

type El = { type: string; action_id: string; value?: string; text?: { text: string } };
const buttons = (blocks: unknown): El[] => (blocks as { type: string; elements?: El[] }[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []).filter((e) => e.type === 'button');

/** Every mrkdwn string of some blocks, in order. */
function mrkdwnText(blocks: unknown): string {
  const out: string[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(blocks);
  return out.join('\n');
}

function dm(user: string, text: string, files?: Record<string, unknown>[]) {
  return eventCallback({ type: 'message', ...(files ? { subtype: 'file_share', files, upload: false } : {}), channel: `D${user.slice(1)}`, channel_type: 'im', user, text, ts: `${Date.now() / 1000}`, event_ts: `${Date.now() / 1000}` });
}

describe('proof and messages in Slack', () => {
  it('a draft is posted to the channel; Send rewrites it for everyone, and again once the e-mail is sent', async () => {
    await h.kit.app.dispatch(await h.kit.as('dana'), 'job new STLUKE-BIOMED SLR-ICU P2 Infusion pump alarm');
    await h.kit.app.notifier.deliverDue();
    const post = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === CHANNEL);
    expect(String(post.args.text)).toMatch(/Draft to St Luke's Regional Hospital: confirmation for J-1001/);
    const send = buttons(post.args.blocks).find((b) => b.text?.text === 'Send')!;
    const ts = String(post.result.ts);
    await h.click({ user_id: uid('dana'), channel_id: CHANNEL, action: { action_id: send.action_id, value: send.value }, message: { ts } });
    const upd = await h.fake.waitFor('chat.update', (c) => c.args.ts === ts);
    expect(JSON.stringify(upd.args.blocks)).toMatch(/Send pressed by \*Dana Dispatcher\*/);
    expect(buttons(upd.args.blocks)).toEqual([]);

    expect(await deliverMessages(h.kit.app.ctx, fileMailer(mailDir, 'desk@contract-ops.test'))).toMatchObject({ sent: 1 });
    expect(readdirSync(mailDir).some((f) => f.endsWith('.eml'))).toBe(true);
    await h.kit.app.notifier.deliverDue();
    const sent = await h.fake.waitFor('chat.update', (c) => c.args.ts === ts && /Sent to St Luke/.test(String(c.args.text)));
    expect(sent.result.ok).toBe(true);
    const [row] = await h.kit.db.db.select().from(customerMessages);
    expect(row!.status).toBe('sent');
  });

  it('a technician confirms the next checklist step from the card the bot answered with', async () => {
    await h.kit.app.dispatch(await h.kit.as('dana'), 'job new STLUKE-BIOMED SLR-ICU P2 Infusion pump alarm');
    await h.sendJson(dm(uid('tom'), 'check J-1001'));
    const reply = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'D0TOM');
    const confirm = buttons(reply.args.blocks).find((b) => /^Confirm 1\./.test(b.text?.text ?? ''))!;
    await h.click({ user_id: uid('tom'), channel_id: 'D0TOM', action: { action_id: confirm.action_id, value: confirm.value }, message: { ts: String(reply.result.ts) } });
    const upd = await h.fake.waitFor('chat.update', (c) => c.args.ts === String(reply.result.ts));
    expect(JSON.stringify(upd.args.blocks)).toMatch(/BIOMED-SVC step 1 confirmed by Tom Technician/);
    expect(buttons(upd.args.blocks).map((b) => b.text?.text)).toEqual(['Confirm 2. Infection-control wipe-down before and …']);
  });

  it('a photo sent with /attach in the DM is downloaded and stored; a file that is not a picture is refused', async () => {
    await h.kit.app.dispatch(await h.kit.as('dana'), 'job new STLUKE-BIOMED SLR-ICU P2 Infusion pump alarm');
    const png = await picture('png', 320, 240);
    await h.sendJson(dm(uid('tom'), 'attach J-1001', [h.fake.addFile('pump.png', 'image/png', png)]));
    const ok = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'D0TOM');
    expect(String(ok.args.text)).toMatch(/Attached to J-1001/);
    const rows = await h.kit.db.db.select().from(attachments).where(eq(attachments.fileName, 'pump.png'));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.size).toBe(png.length);
    // the job card lists it: name, kind, who, when (a Slack date token), size
    const { responseUrl } = await h.command(uid('dana'), '/job', 'show J-1001');
    const card = await h.fake.waitFor('response_url', (c) => c.args.url === new URL(responseUrl).pathname);
    expect(mrkdwnText(card.args.blocks)).toMatch(new RegExp(`\\*Attachments \\(1\\)\\*[^]*• \\*pump\\.png\\* \\(photo\\), Tom Technician, <!date\\^\\d+\\^[^>]+>, ${png.length} B`));

    h.fake.calls.length = 0;
    await h.sendJson(dm(uid('tom'), 'attach J-1001', [h.fake.addFile('notes.png', 'image/png', Buffer.from('just text, not a picture'))]));
    const bad = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'D0TOM');
    expect(JSON.stringify(bad.args.blocks)).toMatch(/notes\.png \(sent as image\/png\) is not an image or a PDF/);
  });
});
