/**
 * Approvals through Slack: a manager binds #approvals with /team bind, a technician's /oos is
 * posted there, Reject asks for a reason in a modal, the decision rewrites the card for everyone,
 * the requester gets a DM, and neither the requester nor a second click can decide again.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { approvals, people, teamChannels } from '../../db/schema.js';
import { form, viewSubmission } from './payloads.js';
import { slackHarness, uid, type SlackHarness } from './harness.js';

let h: SlackHarness;
const APPROVALS = 'C0APPROVALS';

beforeAll(async () => {
  h = await slackHarness();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.reset();
  h.kit.clock.set('2026-11-23T09:00:00Z');
});

type El = { type: string; action_id: string; value?: string; text?: { text: string } };
const buttons = (blocks: unknown): El[] => (blocks as { type: string; elements?: El[] }[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
const button = (blocks: unknown, label: RegExp) => {
  const b = buttons(blocks).find((e) => label.test(e.text?.text ?? ''));
  if (!b) throw new Error(`no ${label} in ${JSON.stringify(buttons(blocks).map((e) => e.text?.text))}`);
  return b;
};
const replyTo = (responseUrl: string) => h.fake.waitFor('response_url', (c) => c.args.url === new URL(responseUrl).pathname);

async function requestPosted() {
  const bind = await h.command(uid('lee'), '/team', 'bind approvals hvac-paris', { channel_id: APPROVALS, channel_name: 'approvals' });
  expect(JSON.stringify((await replyTo(bind.responseUrl)).args.blocks)).toContain("#approvals now receives hvac-paris's approvals on slack");
  await h.kit.app.dispatch(await h.kit.as('dana'), 'job new ACME-HVAC PAR-HQ P3 Air handler noisy');
  const oos = await h.command(uid('tom'), '/oos', 'J-1001 DUCT-CLEAN 2h ducts clogged & <dusty>');
  const asked = await replyTo(oos.responseUrl);
  expect(asked.args.response_type).toBe('ephemeral');
  expect(asked.args.text).toMatch(/Sent for approval \(#1\) to manager/);
  await h.kit.app.notifier.deliverDue();
  const post = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === APPROVALS);
  expect(post.result.ok).toBe(true);
  return { post, ts: String(post.result.ts) };
}

describe('an approval asked before the approvals channel is bound', () => {
  it('goes to the deciders by direct message, tells the requester how to bind one, and is posted when the channel is bound', async () => {
    // Lee and Max (managers) have used the bot in Slack, so it can message them.
    for (const m of ['lee', 'max']) await replyTo((await h.command(uid(m), '/help')).responseUrl);
    await h.kit.app.dispatch(await h.kit.as('dana'), 'job new ACME-HVAC PAR-HQ P3 Air handler noisy');
    const oos = await h.command(uid('tom'), '/oos', 'J-1001 DUCT-CLEAN 2h ducts clogged');
    const asked = await replyTo(oos.responseUrl);
    expect(asked.args.text).toMatch(/Sent for approval \(#1\) to manager by direct message: hvac-paris has no approvals channel yet/);
    expect(JSON.stringify(asked.args.blocks)).toContain('/team bind approvals hvac-paris');

    await h.kit.app.notifier.deliverDue();
    for (const m of ['lee', 'max']) {
      const dm = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === `D0${m.toUpperCase()}`);
      expect(dm.args.text).toMatch(/Approval needed: out-of-scope work on J-1001/);
      expect(buttons(dm.args.blocks).map((b) => b.text?.text)).toEqual(expect.arrayContaining(['Approve', 'Reject']));
    }
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === APPROVALS)).toEqual([]);

    // A manager binds the channel: the pending request is posted there.
    const bind = await h.command(uid('lee'), '/team', 'bind approvals hvac-paris', { channel_id: APPROVALS, channel_name: 'approvals' });
    expect(JSON.stringify((await replyTo(bind.responseUrl)).args.blocks)).toContain('1 pending request asked before is posted there now');
    await h.kit.app.notifier.deliverDue();
    const post = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === APPROVALS);
    expect(post.args.text).toMatch(/Approval needed: out-of-scope work on J-1001/);
    // Binding again posts nothing twice.
    await replyTo((await h.command(uid('lee'), '/team', 'bind approvals hvac-paris', { channel_id: APPROVALS, channel_name: 'approvals' })).responseUrl);
    await h.kit.app.notifier.deliverDue();
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === APPROVALS)).toHaveLength(1);
  });
});

describe('approvals in Slack', () => {
  it('/team bind uses the channel the command was typed in; only a manager may bind', async () => {
    const no = await h.command(uid('dana'), '/team', 'bind dispatch hvac-paris', { channel_id: 'C0X', channel_name: 'x' });
    expect(JSON.stringify((await replyTo(no.responseUrl)).args.blocks)).toContain('Only manager can bind team channels');
    const { post } = await requestPosted();
    expect(post.args.text).toMatch(/Approval needed: out-of-scope work on J-1001/);
    const rows = await h.kit.db.db.select().from(teamChannels);
    expect(rows.map((r) => [r.purpose, r.platform, r.target])).toEqual([['approvals', 'slack', { channel: APPROVALS }]]);
    expect(JSON.stringify(post.args.blocks)).toContain('ducts clogged &amp; &lt;dusty&gt;');
  });

  it('the requester cannot decide; Reject opens a modal and the card shows who rejected and why; a second click changes nothing', async () => {
    const { post, ts } = await requestPosted();
    const approve = button(post.args.blocks, /^Approve/);
    const reject = button(post.args.blocks, /^Reject/);

    const own = await h.click({ user_id: uid('tom'), action: { action_id: approve.action_id, value: approve.value }, channel_id: APPROVALS, message: { ts } });
    expect(JSON.stringify((await replyTo(own.responseUrl)).args.blocks)).toMatch(/Nobody decides their own request/);

    await h.click({ user_id: uid('max'), action: { action_id: reject.action_id, value: reject.value }, channel_id: APPROVALS, message: { ts } });
    const open = await h.fake.waitFor('views.open');
    expect(open.result.ok).toBe(true);
    expect(JSON.stringify(open.args.view)).toContain('Why reject?');
    const view = open.args.view as Record<string, unknown>;
    const submit = await h.send(form({ payload: JSON.stringify(viewSubmission({ user_id: uid('max'), view, values: { reason: { reason: { value: 'Ducts were cleaned in October' } } } })) }), 'application/x-www-form-urlencoded');
    expect(submit.status).toBe(200);
    const upd = await h.fake.waitFor('chat.update', (c) => c.args.channel === APPROVALS && c.args.ts === ts);
    expect(upd.result.ok).toBe(true);
    expect(upd.args.text).toMatch(/Rejected: out-of-scope work on J-1001/);
    expect(JSON.stringify(upd.args.blocks)).toMatch(/Rejected by \*Max Manager\*/);
    expect(JSON.stringify(upd.args.blocks)).toContain('Ducts were cleaned in October');
    expect(buttons(upd.args.blocks)).toEqual([]);

    const again = await h.click({ user_id: uid('lee'), action: { action_id: approve.action_id, value: approve.value }, channel_id: APPROVALS, message: { ts } });
    expect(JSON.stringify((await replyTo(again.responseUrl)).args.blocks)).toMatch(/already rejected by Max Manager/);
    expect(h.fake.callsTo('chat.update').filter((c) => c.args.ts === ts)).toHaveLength(1);
    const [row] = await h.kit.db.db.select().from(approvals).where(eq(approvals.id, 1));
    expect(row).toMatchObject({ status: 'rejected' });

    // The requester (linked to Slack by their /oos) hears about it in a DM.
    await h.kit.app.notifier.deliverDue();
    const dm = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'D0TOM');
    expect(dm.args.text).toMatch(/Your request #1 was rejected/);
  });

  it('a French manager rejecting on the English channel card reads the modal and its errors in French', async () => {
    const { post, ts } = await requestPosted();
    await h.kit.db.db.update(people).set({ language: 'fr' }).where(eq(people.email, 'max@demo.example'));
    const reject = button(post.args.blocks, /^Reject/);
    await h.click({ user_id: uid('max'), action: { action_id: reject.action_id, value: reject.value }, channel_id: APPROVALS, message: { ts } });
    // Opened at once with the card's words (the trigger lives 3 s), then rewritten for the clicker.
    expect(JSON.stringify((await h.fake.waitFor('views.open')).args.view)).toContain('Why reject?');
    const upd = await h.fake.waitFor('views.update');
    expect(upd.result.ok).toBe(true);
    const view = upd.args.view as Record<string, unknown>;
    const text = JSON.stringify(view);
    for (const s of ['Pourquoi refuser\u202f?', 'Refuser', 'Valider', 'Annuler']) expect(text).toContain(s);
    expect(text).not.toMatch(/Why reject|Submit|Cancel/);

    const empty = await h.send(form({ payload: JSON.stringify(viewSubmission({ user_id: uid('max'), view, values: { reason: { reason: { value: ' ' } } } })) }), 'application/x-www-form-urlencoded');
    expect(await empty.json()).toEqual({ response_action: 'errors', errors: { reason: 'Indiquez une raison.' } });
    const ok = await h.send(form({ payload: JSON.stringify(viewSubmission({ user_id: uid('max'), view, values: { reason: { reason: { value: 'Déjà nettoyé' } } } })) }), 'application/x-www-form-urlencoded');
    expect(ok.status).toBe(200);
    await h.fake.waitFor('chat.update', (c) => c.args.channel === APPROVALS && c.args.ts === ts);
    const [row] = await h.kit.db.db.select().from(approvals).where(eq(approvals.id, 1));
    expect(row).toMatchObject({ status: 'rejected' });
  });

  it('deciding from the private /requests list replaces that list through its response_url', async () => {
    await requestPosted();
    const list = await h.command(uid('max'), '/requests');
    const shown = await replyTo(list.responseUrl);
    expect(shown.args.response_type).toBe('ephemeral');
    const approve = button(shown.args.blocks, /^Approve/);
    const click = await h.click({ user_id: uid('max'), action: { action_id: approve.action_id, value: approve.value }, ephemeral: true, channel_id: 'C0DISPATCH', response_url: list.responseUrl });
    expect(click.res.status).toBe(200);
    const replaced = await h.fake.waitFor('response_url', (c) => c.args.url === new URL(list.responseUrl).pathname && c.args.replace_original === true);
    expect(replaced.result.ok).toBe(true);
    expect(replaced.args.text).toMatch(/Approved: out-of-scope work on J-1001/);
    const [row] = await h.kit.db.db.select().from(approvals).where(eq(approvals.id, 1));
    expect(row).toMatchObject({ status: 'approved' });
  });

  it('a manager sees the request with its buttons in the App Home and can approve from there', async () => {
    await requestPosted();
    await h.command(uid('max'), '/help');
    const home = await h.fake.waitFor('views.publish', (c) => c.args.user_id === uid('max'));
    const approve = button((home.args.view as { blocks: unknown }).blocks, /^Approve/);
    h.fake.calls.length = 0;
    await h.click({ user_id: uid('max'), action: { action_id: approve.action_id, value: approve.value }, home: true });
    await h.slack.idle();
    const [row] = await h.kit.db.db.select().from(approvals).where(eq(approvals.id, 1));
    expect(row).toMatchObject({ status: 'approved' });
    const republished = h.fake.callsTo('views.publish').filter((c) => c.args.user_id === uid('max'));
    expect(republished.length).toBeGreaterThan(0);
    expect(JSON.stringify(republished.at(-1)!.args.view)).not.toMatch(/Waiting for your decision \(1\)/);
    // The approvals channel card is rewritten through the outbox.
    await h.kit.app.notifier.deliverDue();
    const upd = await h.fake.waitFor('chat.update', (c) => c.args.channel === APPROVALS);
    expect(upd.args.text).toMatch(/Approved/);
  });
});
