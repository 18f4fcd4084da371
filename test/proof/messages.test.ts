/**
 * Customer messages end to end against a real SMTP server started here (smtp-server on
 * 127.0.0.1, a port the system picks, closed in afterAll): drafts in the contract's wording on job
 * creation, en route and close, and from the SLA alert's notify-customer fallback; Send / Discard
 * buttons; the team opt-in that sends directly; redaction of what leaves, never of what is stored;
 * failures retried, reported in the dispatch channel, kept, and sent again.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { messageCard } from '../../cards/build/message.js';
import { alerts, auditLog, customerMessages, outbox } from '../../db/schema.js';
import { actOnAlert } from '../../src/alerts/act-on-alert.js';
import { assignJob } from '../../src/jobs/assign-job.js';
import { changeStatus } from '../../src/jobs/change-status.js';
import { createJob } from '../../src/jobs/create-job.js';
import { runMonitor } from '../../src/jobs/monitor.js';
import { setEta } from '../../src/jobs/set-eta.js';
import { announceDrafts } from '../../src/messages/announce-drafts.js';
import { deliverMessages } from '../../src/messages/deliver-messages.js';
import { loadMessageView } from '../../src/messages/load-message.js';
import { createMailer, smtpMailer, type Mailer } from '../../src/messages/mailer.js';
import { tickStep } from '../../src/proof/tick-step.js';
import { testKit, type TestKit } from '../support/app.js';
import { noticeWords } from '../support/notices.js';
import { cardText, pdfText, tempDir } from './helpers.js';
import { startSmtp, type TestSmtp } from './smtp.js';

let kit: TestKit;
let smtp: TestSmtp;
let mailer: Mailer;

beforeAll(async () => {
  smtp = await startSmtp({ refuse: (a) => a === 'ap@petra.example' || a === 'priya.shah@brightdesk.example' });
  kit = await testKit({ now: '2026-11-24T14:00:00Z', env: { ATTACHMENTS_DIR: tempDir('msg'), SMTP_URL: smtp.url, MAIL_FROM: 'St Luke service desk <desk@contract-ops.test>' } });
  // The mailer comes from configuration, as the scheduled task builds it; injected, not read from env.
  mailer = createMailer(kit.config);
});
afterAll(async () => {
  mailer?.close();
  await smtp?.close();
  await kit?.close();
});
beforeEach(async () => {
  await kit.reset();
  kit.clock.set('2026-11-24T14:00:00Z');
  smtp.received.length = 0;
});

async function messages(kind?: string) {
  const rows = await kit.db.db.select().from(customerMessages).orderBy(customerMessages.id);
  return kind ? rows.filter((r) => r.kind === kind) : rows;
}

async function card(id: number) {
  return messageCard(await loadMessageView(kit.db.db, id, kit.clock.now()), kit.app.ctx.services.actionSecret);
}

describe('customer messages by e-mail', () => {
  it('drafts the confirmation in the contract wording; Send e-mails it with redactions, the stored text keeps the original', async () => {
    const dana = await kit.as('dana');
    const { ref } = await createJob(dana, { contract: 'STLUKE-BIOMED', site: 'SLR-ICU', priority: 'P1', summary: 'Pump failure' });
    const [m] = await messages('confirmation');
    expect(m!.status).toBe('draft');
    expect(m!.recipients).toEqual(['biomed@stluke.example']);
    // docs/contract-format.md: times in the site zone; St Luke P1: response 30m, restore 4h on the 24x7 clock.
    expect(m!.body).toBe(`Service request ${ref} (Intensive care unit, P1) received. Response by Tue 24 Nov 2026 09:30 EST; restoration by Tue 24 Nov 2026 13:00 EST.`);
    const posts = await kit.db.db.select().from(outbox).where(eq(outbox.subjectKind, 'message'));
    expect(posts.map((p) => p.subjectId)).toEqual([String(m!.id)]);
    const draft = await card(m!.id);
    expect(draft.actions?.map((a) => a.label)).toEqual(['Send', 'Discard', 'Edit']);

    // A dispatcher adds a patient's name by mistake: the customer never reads it, the record keeps it.
    const edited = `${m!.body} Patient: John Smith (MRN 1234567) was moved to bed 6.`;
    await kit.app.dispatch(dana, `/message edit ${m!.id} ${edited}`);
    const preview = await card(m!.id);
    expect(cardText(preview)).toMatch(/patient: \[redacted\] \(\[MRN redacted\]\) was moved to bed 6/);
    expect(cardText(preview)).toMatch(/Redacted\s+patient MRN, patient name tag/);
    const [sent] = await kit.app.act(dana, preview.actions![0]!.id);
    expect(cardText(sent!)).toMatch(/Sending \(Send pressed by Dana Dispatcher\)/);

    expect(await deliverMessages(kit.app.ctx, mailer)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual(['biomed@stluke.example']);
    expect(mail.from).toBe('desk@contract-ops.test');
    expect(mail.subject).toBe(`${ref}: Service request received (St Luke's Regional Hospital)`);
    expect(mail.text).toContain(`Service request ${ref} (Intensive care unit, P1) received. Response by Tue 24 Nov 2026 09:30 EST`);
    expect(mail.text).toContain('patient: [redacted] ([MRN redacted]) was moved to bed 6.');
    expect(mail.text).not.toMatch(/John Smith|1234567/);
    expect(mail.messageId).toBe(`<customer-message-${m!.id}.job-${m!.jobId}@contract-ops.local>`);

    const [row] = await kit.db.db.select().from(customerMessages).where(eq(customerMessages.id, m!.id));
    expect(row!.status).toBe('sent');
    expect(row!.body).toBe(edited);
    expect(row!.sentAt?.toISOString()).toBe('2026-11-24T14:00:00.000Z');
    expect(row!.providerRef).toBeTruthy();
    const audit = await kit.db.db.select().from(auditLog).where(and(eq(auditLog.subjectKind, 'message'), eq(auditLog.subjectId, String(m!.id))));
    expect(audit.map((a) => a.action)).toEqual(['message.drafted', 'message.edited', 'message.send', 'message.sent']);
    // A second tap (or a Slack retry) sends nothing twice.
    const [again] = await kit.app.act(await kit.as('lee'), preview.actions![0]!.id);
    expect(cardText(again!)).toMatch(/Already sent by Dana Dispatcher/);
    expect(await deliverMessages(kit.app.ctx, mailer)).toEqual({ sent: 0, retrying: 0, failed: 0 });
  });

  it('drafts the departure on en route in the contract wording; Discard keeps it on the record, unsent', async () => {
    const dana = await kit.as('dana');
    const { ref } = await createJob(dana, { contract: 'STLUKE-BIOMED', site: 'SLR-ICU', priority: 'P2', summary: 'Monitor alarm' });
    await assignJob(dana, { job: ref, technician: 'tom' });
    await changeStatus(await kit.as('tom'), { job: ref, to: 'en_route' });
    const [m] = await messages('departure');
    expect(m!.body).toBe(`Biomedical engineer Tom Technician is on the way to Intensive care unit for ${ref}.`);
    const c = await card(m!.id);
    const [discarded] = await kit.app.act(dana, c.actions![1]!.id);
    expect(discarded!.title).toBe(`Discarded: departure notice for ${ref}`);
    expect(cardText(discarded!)).toMatch(/Discarded by Dana Dispatcher \(shell\)/);
    expect(await deliverMessages(kit.app.ctx, mailer)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(smtp.received).toHaveLength(0);
    // Technicians do not send customer messages.
    const [refused] = await kit.app.dispatch(await kit.as('tom'), `/message send ${m!.id}`);
    expect(cardText(refused!)).toMatch(/Only dispatcher or manager can send customer messages/);
  });

  it('the closing e-mail has the contract wording, the checklist outcome, the covered/billable split and the report PDF', async () => {
    const dana = await kit.as('dana');
    const { ref } = await createJob(dana, { contract: 'STLUKE-BIOMED', site: 'SLR-ICU', priority: 'P2', summary: 'Pump alarm, Patient: John Smith MRN 7654321' });
    await assignJob(dana, { job: ref, technician: 'tom' });
    const tom = await kit.as('tom');
    kit.clock.set('2026-11-24T15:00:00Z');
    for (const step of [1, 2]) await tickStep(tom, { job: ref, step });
    await tickStep(tom, { job: ref, step: 3, reading: '0.2 mA' });
    await tickStep(tom, { job: ref, step: 4, signature: 'Jane Roe, charge nurse' });
    await changeStatus(tom, { job: ref, to: 'resolved' });
    await changeStatus(dana, { job: ref, to: 'closed' });
    const [m] = await messages('closing');
    await kit.app.act(dana, (await card(m!.id)).actions![0]!.id);
    await deliverMessages(kit.app.ctx, mailer);
    const mail = smtp.received.find((x) => x.subject.includes('Service completed'))!;
    expect(mail.text).toBe(
      [
        `Service request ${ref} completed. Safety checks: 3 of 3 confirmed: Device removed from patient use and tagged (10:00); Infection-control wipe-down before and after (10:00); Electrical safety test passed (10:00, 0.2 mA). Clinical sign-off: Jane Roe, charge nurse, Tue 24 Nov 2026 10:00 EST.`,
        'Covered under agreement: CAD 0.00. Billable: CAD 0.00.',
        'This report contains no patient-identifying information.',
      ].join('\n'),
    );
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([[`${ref}-closing-report.pdf`, 'application/pdf']]);
    const text = await pdfText(mail.attachments[0]!.data);
    expect(text).toMatch(/Clinical sign-off by charge nurse/);
    expect(text).toMatch(/\[MRN redacted\]/);
    expect(text).not.toMatch(/7654321|John Smith/);
  });

  it('a team that opted in sends without a Send press; the card says so', async () => {
    await kit.app.dispatch(await kit.as('max'), '/message auto on biomed-east');
    const { ref } = await createJob(await kit.as('dana'), { contract: 'STLUKE-BIOMED', site: 'SLR-IMG', priority: 'P3', summary: 'CT cooling fault' });
    const [m] = await messages('confirmation');
    expect(m!.status).toBe('sending');
    expect((await card(m!.id)).actions).toEqual([]);
    await deliverMessages(kit.app.ctx, mailer);
    expect(smtp.received.map((x) => x.subject)).toEqual([`${ref}: Service request received (St Luke's Regional Hospital)`]);
    expect(cardText(await card(m!.id))).toMatch(/Sent .* \(sent automatically\)/);
    // Only managers change how a team talks to customers.
    expect(cardText(await kit.app.dispatch(await kit.as('dana'), '/message auto off biomed-east'))).toMatch(/Only manager can change how a team sends/);
  });

  it('the notify-customer fallback of an SLA alert drafts a delay notice that is posted and sent like the others', async () => {
    const dana = await kit.as('dana');
    const { ref } = await createJob(dana, { contract: 'STLUKE-BIOMED', site: 'SLR-ICU', priority: 'P1', summary: 'Ventilator fault' });
    kit.clock.set('2026-11-24T14:18:00Z'); // 60% of the 30 minute response
    await runMonitor(kit.app.ctx);
    const [alert] = await kit.db.db.select().from(alerts);
    // The notice tells the job's ETA: without one, the dispatcher is asked for it and nothing is drafted.
    await expect(actOnAlert(dana, { alertId: alert!.id, act: 'notify_customer' })).rejects.toThrow(`${ref} has no ETA to tell the customer: set it with /job eta ${ref}`);
    expect(await messages('delay')).toEqual([]);
    await setEta(dana, { job: ref, eta: '+45m' });
    await actOnAlert(dana, { alertId: alert!.id, act: 'notify_customer' });
    const [delay] = await messages('delay');
    expect(delay!.announcedAt).toBeNull();
    expect(await announceDrafts(kit.app.ctx)).toBe(1);
    expect(await announceDrafts(kit.app.ctx)).toBe(0);
    const posts = await kit.db.db.select().from(outbox).where(and(eq(outbox.subjectKind, 'message'), eq(outbox.subjectId, String(delay!.id))));
    expect(posts).toHaveLength(1);
    await kit.app.act(dana, (await card(delay!.id)).actions![0]!.id);
    await deliverMessages(kit.app.ctx, mailer);
    const mail = smtp.received.find((x) => x.subject.startsWith(`${ref}: Update on your service request`))!;
    expect(mail.text).toBe(`Hello Dr. Anne Dupuis, an update on ${ref} at Intensive care unit: we now expect to restore service by Tue 24 Nov 2026 10:03 EST. We apologise for the delay.`);
  });

  it('notify customer on a breached job never promises a time that has passed', async () => {
    const dana = await kit.as('dana');
    const { ref } = await createJob(dana, { contract: 'STLUKE-BIOMED', site: 'SLR-ICU', priority: 'P1', summary: 'Ventilator fault' });
    await setEta(dana, { job: ref, eta: '+20m' });
    kit.clock.set('2026-11-24T17:00:00Z'); // long past the response and restore due times, and the ETA
    await runMonitor(kit.app.ctx);
    const [alert] = (await kit.db.db.select().from(alerts)).filter((a) => a.level === 'breach');
    await expect(actOnAlert(dana, { alertId: alert!.id, act: 'notify_customer' })).rejects.toThrow(/ETA \(.*\) has passed: set a new one with \/job eta/);
    expect(await messages('delay')).toEqual([]);
    await setEta(dana, { job: ref, eta: '+1h' });
    await actOnAlert(dana, { alertId: alert!.id, act: 'notify_customer' });
    const [delay] = await messages('delay');
    expect(delay!.body).toContain('we now expect to restore service by Tue 24 Nov 2026 13:00 EST');
  });
});

describe('e-mail failures', () => {
  it('a connection failure is retried with backoff and told in chat; the message goes out once the server answers', async () => {
    const dana = await kit.as('dana');
    const { ref } = await createJob(dana, { contract: 'STLUKE-BIOMED', site: 'SLR-ICU', priority: 'P2', summary: 'Scale drift' });
    const [m] = await messages('confirmation');
    await kit.app.act(dana, (await card(m!.id)).actions![0]!.id);
    const dead = await startSmtp();
    await dead.close();
    const down = smtpMailer(dead.url, 'desk@contract-ops.test', { timeoutMs: 2000 });
    expect(await deliverMessages(kit.app.ctx, down)).toEqual({ sent: 0, retrying: 1, failed: 0 });
    let [row] = await kit.db.db.select().from(customerMessages).where(eq(customerMessages.id, m!.id));
    expect(row!.status).toBe('sending');
    expect(row!.attempts).toBe(1);
    expect(row!.lastError).toMatch(/ECONNECTION|ECONNREFUSED/);
    expect(row!.nextAttemptAt?.toISOString()).toBe('2026-11-24T14:01:00.000Z');
    const notices = await kit.db.db.select().from(outbox).where(eq(outbox.subjectKind, 'notice'));
    const delayed = await noticeWords(kit.app.ctx, notices[0]!);
    expect(notices.map((n) => n.key)).toEqual([`message:${m!.id}:failure:1`]);
    expect(delayed.title).toBe(`E-mail delayed: ${ref}`);
    expect(delayed.text).toMatch(/will be tried again at 14:01 UTC/);
    // Not due yet: nothing happens.
    expect(await deliverMessages(kit.app.ctx, mailer)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    kit.clock.set('2026-11-24T14:01:00Z');
    expect(await deliverMessages(kit.app.ctx, mailer)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    [row] = await kit.db.db.select().from(customerMessages).where(eq(customerMessages.id, m!.id));
    expect(row!.status).toBe('sent');
    expect(row!.attempts).toBe(2);
    expect(smtp.received).toHaveLength(1);
    down.close();
  });

  it('after the last attempt the message is kept as failed, told in chat, and Send again delivers it', async () => {
    const dana = await kit.as('dana');
    const { ref } = await createJob(dana, { contract: 'STLUKE-BIOMED', site: 'SLR-ICU', priority: 'P2', summary: 'Scale drift' });
    const [m] = await messages('confirmation');
    await kit.app.act(dana, (await card(m!.id)).actions![0]!.id);
    const dead = await startSmtp();
    await dead.close();
    const down = smtpMailer(dead.url, 'desk@contract-ops.test', { timeoutMs: 2000 });
    await deliverMessages(kit.app.ctx, down, { maxAttempts: 2 });
    kit.clock.set('2026-11-24T14:02:00Z');
    expect(await deliverMessages(kit.app.ctx, down, { maxAttempts: 2 })).toEqual({ sent: 0, retrying: 0, failed: 1 });
    const failed = await card(m!.id);
    expect(failed.title).toBe(`Not delivered: confirmation for ${ref}`);
    expect(cardText(failed)).toMatch(/Not delivered after 2 attempts: .*The message is kept/);
    const notices = await kit.db.db.select().from(outbox).where(eq(outbox.subjectKind, 'notice'));
    expect(await Promise.all(notices.map(async (n) => (await noticeWords(kit.app.ctx, n)).title))).toEqual([`E-mail delayed: ${ref}`, `E-mail not delivered: ${ref}`]);
    expect(failed.actions?.map((a) => a.label)).toEqual(['Send again', 'Discard']);
    await kit.app.act(dana, failed.actions![0]!.id);
    expect(await deliverMessages(kit.app.ctx, mailer)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    down.close();
  });

  it('a mailbox the server refuses fails at once (no retries); a refused second contact is reported, the first still gets it', async () => {
    const dana = await kit.as('dana');
    const bd = await createJob(dana, { contract: 'BRIGHTDESK-IT', site: 'BD-NYC', priority: 'P2', summary: 'Printer down' });
    const [m] = await messages('confirmation');
    await kit.app.act(dana, (await card(m!.id)).actions![0]!.id);
    expect(await deliverMessages(kit.app.ctx, mailer)).toEqual({ sent: 0, retrying: 0, failed: 1 });
    const [row] = await kit.db.db.select().from(customerMessages).where(eq(customerMessages.id, m!.id));
    expect(row!.status).toBe('failed');
    expect(row!.lastError).toMatch(/the mail server refused it .*550/);
    const notice = (await kit.db.db.select().from(outbox).where(eq(outbox.subjectKind, 'notice')))[0]!;
    expect((await noticeWords(kit.app.ctx, notice)).title).toBe(`E-mail not delivered: ${bd.ref}`);

    const pt = await createJob(dana, { contract: 'PETRA-OG', site: 'HOU-TERM', priority: 'P2', summary: 'Valve leak' });
    const [p] = (await messages('confirmation')).filter((x) => x.id !== m!.id);
    expect(p!.body).toContain('Site access windows apply; out-of-window work requires a permit');
    await kit.app.act(dana, (await card(p!.id)).actions![0]!.id);
    expect(await deliverMessages(kit.app.ctx, mailer)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(smtp.received.map((x) => x.to)).toEqual([['luis.ortega@petra.example']]);
    const notices = await kit.db.db.select().from(outbox).where(eq(outbox.subjectKind, 'notice'));
    expect(await Promise.all(notices.map(async (n) => (await noticeWords(kit.app.ctx, n)).title))).toContain(`E-mail partly delivered: ${pt.ref}`);
  });
});
