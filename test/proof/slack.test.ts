/**
 * Through Slack, end to end (fake Slack, real Bolt, real HTTP): the customer message draft posted to
 * the team's channel is sent with its button and the message is rewritten for everyone once the
 * e-mail has gone; a technician confirms a checklist step from the card the bot answered in the
 * DM; a photo sent with /attach in the DM is downloaded and stored, a wrong file refused.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { attachments, auditLog, customerMessages, people, teamChannels } from '../../db/schema.js';
import { deliverMessages } from '../../src/messages/deliver-messages.js';
import { fileMailer } from '../../src/messages/mailer.js';
import { slackHarness, uid, type SlackHarness } from '../slack/harness.js';
import { eventCallback, form, viewSubmission } from '../slack/payloads.js';
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
  await h.reset();
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

  it('Edit opens a modal with the subject and body; the saved edit rewrites the draft card in place, redacted on send', async () => {
    await h.kit.app.dispatch(await h.kit.as('dana'), 'job new STLUKE-BIOMED SLR-ICU P2 Infusion pump alarm');
    await h.kit.app.notifier.deliverDue();
    const post = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === CHANNEL);
    const ts = String(post.result.ts);
    const edit = buttons(post.args.blocks).find((b) => b.text?.text === 'Edit')!;
    expect(edit.action_id).toMatch(/\.f$/);

    // A technician may not edit: the modal says why and has no submit.
    await h.click({ user_id: uid('tom'), channel_id: CHANNEL, action: { action_id: edit.action_id, value: edit.value }, message: { ts } });
    const refused = await h.fake.waitFor('views.update');
    expect(refused.result.ok).toBe(true);
    expect(JSON.stringify(refused.args.view)).toMatch(/Only dispatcher or manager can edit customer messages/);
    expect((refused.args.view as { submit?: unknown }).submit).toBeUndefined();
    h.fake.calls.length = 0;

    const { triggerId } = await h.click({ user_id: uid('dana'), channel_id: CHANNEL, action: { action_id: edit.action_id, value: edit.value }, message: { ts } });
    const open = await h.fake.waitFor('views.open');
    expect(open.args.trigger_id).toBe(triggerId);
    expect(open.result.ok).toBe(true);
    const upd = await h.fake.waitFor('views.update');
    expect(upd.result.ok).toBe(true);
    expect(upd.args.view_id).toBe((open.result.view as { id: string }).id);
    const view = upd.args.view as { blocks: { block_id: string; element: { action_id: string; initial_value?: string } }[] };
    const [row0] = await h.kit.db.db.select().from(customerMessages);
    const initial = Object.fromEntries(view.blocks.map((b) => [b.block_id, b.element.initial_value]));
    expect(initial).toEqual({ 'f.subject': 'J-1001: Service request received (St Luke\'s Regional Hospital)', 'f.body': row0!.body });

    const submit = (values: Record<string, string>) =>
      h.send(
        form({ payload: JSON.stringify(viewSubmission({ user_id: uid('dana'), view: upd.args.view as Record<string, unknown>, values: Object.fromEntries(view.blocks.map((b) => [b.block_id, { [b.element.action_id]: { value: values[b.block_id.slice(2)] ?? null } }])) })) }),
        'application/x-www-form-urlencoded',
      );
    // An empty body is refused in the modal, nothing saved.
    const empty = await submit({ subject: 'Pump check', body: '   ' });
    expect(await empty.json()).toEqual({ response_action: 'errors', errors: { 'f.body': 'This cannot be empty.' } });
    expect((await h.kit.db.db.select().from(customerMessages))[0]!.body).toBe(row0!.body);

    const ok = await submit({ subject: 'J-1001: pump check today', body: 'Dear team, Tom comes at 14:00 for the pump (MRN 12345678).' });
    expect(ok.status).toBe(200);
    const rewritten = await h.fake.waitFor('chat.update', (c) => c.args.channel === CHANNEL && c.args.ts === ts);
    expect(rewritten.result.ok).toBe(true);
    const shown = JSON.stringify(rewritten.args.blocks);
    expect(shown).toMatch(/J-1001: pump check today/);
    expect(shown).toMatch(/Tom comes at 14:00 for the pump \(\[MRN redacted\]\)/);
    expect(shown).toMatch(/Edited\*\\nby \*Dana Dispatcher\*/);
    const [row] = await h.kit.db.db.select().from(customerMessages);
    expect(row).toMatchObject({ status: 'draft', subject: 'J-1001: pump check today', body: 'Dear team, Tom comes at 14:00 for the pump (MRN 12345678).', editedAt: new Date('2026-11-24T14:00:00Z') });
    const trail = await h.kit.db.db.select().from(auditLog).where(eq(auditLog.action, 'message.edited'));
    expect(trail.map((a) => a.actorLabel)).toEqual([expect.stringMatching(/Dana/)]);

    // Sent with the edited subject, the MRN redacted.
    const send = buttons(rewritten.args.blocks).find((b) => b.text?.text === 'Send')!;
    await h.click({ user_id: uid('dana'), channel_id: CHANNEL, action: { action_id: send.action_id, value: send.value }, message: { ts } });
    await h.fake.waitFor('chat.update', (c) => c.args.ts === ts && /Send pressed/.test(JSON.stringify(c.args.blocks)));
    expect(await deliverMessages(h.kit.app.ctx, fileMailer(mailDir, 'desk@contract-ops.test'))).toMatchObject({ sent: 1 });
    const eml = readdirSync(mailDir).filter((f) => f.endsWith('.eml')).map((f) => readFileSync(`${mailDir}/${f}`, 'utf8')).find((t) => t.includes('pump check today'))!;
    expect(eml).toMatch(/Subject: J-1001: pump check today/);
    expect(eml).toMatch(/\[MRN redacted\]/);
    expect(eml).not.toMatch(/12345678/);

    // A modal still open after the send saves nothing; the clicker is told why.
    h.fake.calls.length = 0;
    await submit({ subject: 'late', body: 'too late' });
    // (through the click's response_url, kept in the modal's metadata)
    const late = await h.fake.waitFor('response_url', (c) => /Already sent by Dana Dispatcher/.test(JSON.stringify(c.args.blocks)));
    expect(late.args.response_type).toBe('ephemeral');
    expect((await h.kit.db.db.select().from(customerMessages))[0]!.body).toMatch(/^Dear team/);
  });

  it('a French dispatcher editing the English channel draft gets the modal and its errors in French', async () => {
    await h.kit.app.dispatch(await h.kit.as('dana'), 'job new STLUKE-BIOMED SLR-ICU P2 Infusion pump alarm');
    await h.kit.app.notifier.deliverDue();
    const post = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === CHANNEL);
    const ts = String(post.result.ts);
    const edit = buttons(post.args.blocks).find((b) => b.text?.text === 'Edit')!;
    await h.kit.db.db.update(people).set({ language: 'fr' }).where(eq(people.email, 'dana@demo.example'));
    await h.click({ user_id: uid('dana'), channel_id: CHANNEL, action: { action_id: edit.action_id, value: edit.value }, message: { ts } });
    const upd = await h.fake.waitFor('views.update');
    expect(upd.result.ok).toBe(true);
    const text = JSON.stringify(upd.args.view);
    for (const s of ['Enregistrer', 'Annuler']) expect(text).toContain(s);
    expect(text).not.toMatch(/"(Save|Cancel|Subject|Body)"/);
    const view = upd.args.view as { blocks: { block_id: string; element: { action_id: string } }[] };
    const values = Object.fromEntries(view.blocks.map((b) => [b.block_id, { [b.element.action_id]: { value: b.block_id === 'f.body' ? ' ' : 'Objet' } }]));
    const empty = await h.send(form({ payload: JSON.stringify(viewSubmission({ user_id: uid('dana'), view: upd.args.view as Record<string, unknown>, values })) }), 'application/x-www-form-urlencoded');
    expect(await empty.json()).toEqual({ response_action: 'errors', errors: { 'f.body': 'Ce champ ne peut pas être vide.' } });
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
