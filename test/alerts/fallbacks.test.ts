/**
 * An alert's fallbacks are independent acts, clicked in Slack: escalate, notify the customer and
 * call the subcontractor all work on one alert, each at most once (a second tap, even a
 * colleague's at the same moment, is told who took it and when, in the clicker's zone);
 * Acknowledge closes the alert. Calling the subcontractor e-mails the contract's subcontract
 * message to a real SMTP server started here, and the call shows on `/job show`.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { alertActs, alerts, customerMessages, outbox, teamChannels } from '../../db/schema.js';
import { renderText } from '../../cards/text.js';
import { actOnAlert } from '../../src/alerts/act-on-alert.js';
import { runMonitor } from '../../src/jobs/monitor.js';
import { setEta } from '../../src/jobs/set-eta.js';
import { deliverMessages } from '../../src/messages/deliver-messages.js';
import { createMailer, type Mailer } from '../../src/messages/mailer.js';
import { startSmtp, type TestSmtp } from '../proof/smtp.js';
import type { FakeCall } from '../slack/fake-slack.js';
import { slackHarness, uid, type SlackHarness } from '../slack/harness.js';

let h: SlackHarness;
let smtp: TestSmtp;
let mailer: Mailer;
const CHANNEL = 'C0DISPATCH';

beforeAll(async () => {
  smtp = await startSmtp();
  h = await slackHarness({ env: { SMTP_URL: smtp.url, MAIL_FROM: 'Service desk <desk@contract-ops.test>' } });
  mailer = createMailer(h.kit.config);
});
afterAll(async () => {
  mailer?.close();
  await h?.close();
  await smtp?.close();
});
beforeEach(async () => {
  await h.reset();
  smtp.received.length = 0;
  await h.kit.db.db.insert(teamChannels).values({ teamId: 'hvac-paris', purpose: 'dispatch', platform: 'slack', target: { channel: CHANNEL } });
});

type El = { type: string; action_id: string; value?: string; text?: { text: string }; options?: { text: { text: string }; value: string }[] };

function elements(blocks: unknown): El[] {
  return (blocks as { type: string; elements?: El[] }[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
}

const labels = (blocks: unknown) => elements(blocks).map((e) => e.text?.text ?? e.type);

function button(blocks: unknown, label: string | RegExp): El {
  const el = elements(blocks).find((e) => e.type === 'button' && (typeof label === 'string' ? e.text?.text === label : label.test(e.text?.text ?? '')));
  if (!el) throw new Error(`no button ${label} in ${JSON.stringify(labels(blocks))}`);
  return el;
}

/** A P1 ACME-HVAC job at 75% of its response window (ETA set), its alert posted to #dispatch. */
async function postedAlert(): Promise<{ post: FakeCall; alertId: number; ts: string; ref: string }> {
  h.kit.clock.set('2026-11-23T09:00:00Z');
  const dana = await h.kit.as('dana');
  const [created] = await h.kit.app.dispatch(dana, 'job new ACME-HVAC PAR-HQ P1 Data room too hot');
  const ref = /J-\d+/.exec(created!.title)![0];
  await h.kit.app.notifier.deliverDue();
  h.kit.clock.set('2026-11-23T09:46:00Z');
  await setEta(dana, { job: ref, eta: '+45m' });
  await runMonitor(h.kit.app.ctx);
  // The first post after start may meet a socket the fake closed while idle ("fetch failed"): the
  // outbox retries it at its next attempt, as it would against Slack.
  for (let i = 0; !(await h.kit.app.notifier.deliverDue()); i++) {
    const [row] = await h.kit.db.db.select().from(outbox).where(and(eq(outbox.subjectKind, 'alert'), isNull(outbox.deliveredAt)));
    if (i === 2 || !row) throw new Error(`alert not delivered: ${JSON.stringify(await h.kit.db.db.select().from(outbox))}`);
    h.kit.clock.set(row.nextAttemptAt);
  }
  const post = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === CHANNEL && /SLA/.test(String(c.args.text)));
  const [alert] = await h.kit.db.db.select().from(alerts);
  return { post, alertId: alert!.id, ts: String(post.result.ts), ref };
}

/** Click a button of the card as first posted, as `who`; the rewritten message, or the ephemeral answer. */
async function tap(who: string, blocks: unknown, label: string | RegExp, ts: string): Promise<{ update?: FakeCall; told?: FakeCall }> {
  const el = button(blocks, label);
  const before = h.fake.callsTo('chat.update').filter((c) => c.args.ts === ts).length;
  const r = await h.click({ user_id: uid(who), action: { action_id: el.action_id, value: el.value }, message: { ts } });
  expect(r.res.status).toBe(200);
  await h.slack.idle();
  const updates = h.fake.callsTo('chat.update').filter((c) => c.args.ts === ts);
  const told = h.responses(r.responseUrl)[0];
  return { ...(updates.length > before ? { update: updates.at(-1)! } : {}), ...(told ? { told } : {}) };
}

describe('alert fallbacks, independent of each other', () => {
  it('escalate, then notify the customer, then call the subcontractor, all on one alert; each shows on the card and its button goes', async () => {
    const { post, alertId, ts, ref } = await postedAlert();
    expect(labels(post.args.blocks)).toEqual(['static_select', 'Escalate to lead (Lee Lead)', 'Notify customer', 'Call subcontractor: CoolFix Climatisation', 'Acknowledge']);

    const esc = await tap('dana', post.args.blocks, /^Escalate to lead/, ts);
    expect(JSON.stringify(esc.update!.args.blocks)).toContain('Escalated by Dana Dispatcher');
    expect(labels(esc.update!.args.blocks)).toEqual(['static_select', 'Notify customer', 'Call subcontractor: CoolFix Climatisation', 'Acknowledge']);

    // The buttons of the first post still work for the fallbacks not taken.
    const notify = await tap('lee', post.args.blocks, 'Notify customer', ts);
    const afterNotify = JSON.stringify(notify.update!.args.blocks);
    expect(afterNotify).toContain('Escalated by Dana Dispatcher');
    expect(afterNotify).toMatch(/Customer notice drafted by Lee Lead at .*draft message #\d+ to Claire Martin/);
    expect(labels(notify.update!.args.blocks)).toEqual(['static_select', 'Call subcontractor: CoolFix Climatisation', 'Acknowledge']);

    const call = await tap('dana', post.args.blocks, /^Call subcontractor/, ts);
    const afterCall = JSON.stringify(call.update!.args.blocks);
    expect(afterCall).toMatch(/Subcontractor called by Dana Dispatcher at .*CoolFix Climatisation e-mailed at dispatch@coolfix.example \(message #\d+\)/);
    expect(labels(call.update!.args.blocks)).toEqual(['static_select', 'Acknowledge']);
    const acts = await h.kit.db.db.select().from(alertActs).where(eq(alertActs.alertId, alertId)).orderBy(alertActs.id);
    expect(acts.map((a) => a.act)).toEqual(['escalate', 'notify_customer', 'subcontract']);

    // The subcontractor's e-mail leaves through the customer message path, to the contract's address.
    expect(await deliverMessages(h.kit.app.ctx, mailer)).toMatchObject({ sent: 1 });
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual(['dispatch@coolfix.example']);
    expect(mail.subject).toBe(`${ref}\u00a0: demande d’aide (Acme Facilities SAS)`);
    expect(mail.text).toContain(`Bonjour CoolFix Climatisation, nous avons besoin de votre aide sur la demande ${ref} (P1) pour Acme Facilities SAS sur le site Acme HQ`);
    expect(mail.text).toContain('Data room too hot');
    // The customer's delay notice is a draft waiting for Send: nothing went to the customer.
    const delay = (await h.kit.db.db.select().from(customerMessages)).filter((m) => m.kind === 'delay');
    expect(delay.map((m) => m.status)).toEqual(['draft']);

    // The call shows on /job show, with the e-mail's state.
    const [job] = await h.kit.app.dispatch(await h.kit.as('dana'), `/job show ${ref}`);
    const text = renderText(job!, { zone: 'Europe/Paris' });
    expect(text).toContain('Alert fallbacks');
    expect(text).toMatch(/Escalated by Dana Dispatcher, .* \(response 75%\): to Lee Lead/);
    expect(text).toMatch(/Subcontractor called by Dana Dispatcher, .* \(response 75%\): CoolFix Climatisation e-mailed at dispatch@coolfix\.example \(message #\d+\) \(e-mail sent\)/);
  });

  it('the same fallback twice says who already took it and when, in the clicker\'s zone, and changes nothing', async () => {
    const { post, alertId, ts } = await postedAlert();
    await tap('dana', post.args.blocks, /^Escalate to lead/, ts);
    const again = await tap('lee', post.args.blocks, /^Escalate to lead/, ts);
    expect(again.update).toBeUndefined();
    expect(again.told!.args.response_type).toBe('ephemeral');
    // 09:46 UTC is 10:46 in Lee's Paris zone (his Slack profile), never UTC.
    expect(JSON.stringify(again.told!.args.blocks)).toMatch(/Already handled: Escalated by Dana Dispatcher at Mon 23 Nov 10:46 CET: to Lee Lead\./);
    expect(JSON.stringify(again.told!.args.blocks)).not.toContain('UTC');
    expect((await h.kit.db.db.select().from(alertActs).where(eq(alertActs.alertId, alertId))).map((a) => a.act)).toEqual(['escalate']);
  });

  it('two dispatchers calling the subcontractor at the same moment: one call, one e-mail; the other is told', async () => {
    const { alertId } = await postedAlert();
    const [dana, lee] = [await h.kit.as('dana'), await h.kit.as('lee')];
    const results = await Promise.allSettled([actOnAlert(dana, { alertId, act: 'subcontract' }), actOnAlert(lee, { alertId, act: 'subcontract' })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(String(refused.reason.message)).toMatch(/^Already handled: Subcontractor called by (Dana Dispatcher|Lee Lead) at /);
    expect(await h.kit.db.db.select().from(alertActs).where(eq(alertActs.alertId, alertId))).toHaveLength(1);
    expect((await h.kit.db.db.select().from(customerMessages)).filter((m) => m.kind === 'subcontract')).toHaveLength(1);
  });

  it('Acknowledge closes the alert: no buttons left, the card says who closed it, a later fallback is refused', async () => {
    const { post, alertId, ts } = await postedAlert();
    await tap('dana', post.args.blocks, /^Escalate to lead/, ts);
    const ack = await tap('dana', post.args.blocks, 'Acknowledge', ts);
    expect(elements(ack.update!.args.blocks)).toEqual([]);
    const closed = JSON.stringify(ack.update!.args.blocks);
    expect(closed).toContain('Escalated by Dana Dispatcher');
    expect(closed).toContain('Acknowledged by Dana Dispatcher');
    expect(closed).toContain('Closed by Dana Dispatcher: no more fallbacks on this alert.');

    const late = await tap('lee', post.args.blocks, /^Call subcontractor/, ts);
    expect(late.update).toBeUndefined();
    expect(JSON.stringify(late.told!.args.blocks)).toMatch(new RegExp(`Alert #${alertId} is closed: Acknowledged by Dana Dispatcher at Mon 23 Nov 10:46 CET\\. No more fallbacks can be taken on it\\.`));
    expect((await h.kit.db.db.select().from(alertActs).where(eq(alertActs.alertId, alertId))).map((a) => a.act)).toEqual(['escalate', 'acknowledge']);
    expect((await h.kit.db.db.select().from(customerMessages)).filter((m) => m.kind === 'subcontract')).toEqual([]);
  });
});
