/**
 * Nothing a St Luke redaction pattern hides leaves the bot, on any outbound surface: every GET
 * route of the OpenAPI document, every webhook event type, every card kind the bot posts to a
 * channel, every export and document. The data is written with patient identifiers in every free
 * text the team types (job summary, time notes, approval reasons, file names); each surface is
 * read and searched for them.
 *
 * Each table below must name every route, event and card kind: a new one fails this test until it
 * is classified (how it is exercised here, or why it carries no job text).
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleCards } from '../../cards/examples.js';
import type { Card, CardKind } from '../../cards/card.js';
import { auditLog, webhookDeliveries } from '../../db/schema.js';
import { createToken } from '../../src/api/tokens.js';
import { requestGoodwillCredit } from '../../src/approvals/request-goodwill-credit.js';
import { logTime } from '../../src/billing/log-time.js';
import { assignJob } from '../../src/jobs/assign-job.js';
import { changeStatus } from '../../src/jobs/change-status.js';
import { createJob } from '../../src/jobs/create-job.js';
import { runMonitor } from '../../src/jobs/monitor.js';
import { runDigest } from '../../src/kpi/digest.js';
import { parseDigestTime } from '../../src/rules/kpi.js';
import { WEBHOOK_EVENTS, type WebhookEvent } from '../../src/webhooks/events.js';
import { Recorder } from '../support/recorder.js';
import { testKit, type TestKit } from '../support/app.js';
import { pdfText } from '../proof/helpers.js';

/** What the patterns of STLUKE-BIOMED hide, in forms its rules match. */
// Values that appear nowhere else in the demo data (St Luke's VAT id holds the digits 1234567).
const ORIGINALS = ['John Smith', '7654321'];
const SUMMARY = 'Infusion pump alarm, Patient: John Smith MRN-7654321';

let kit: TestKit;
let reader: string;
let sensitive: string;
let ref: string;
let approvalId: number;
let tomId: number;
let webhookId: number;
const recorder = new Recorder('shell');

const leaks = (text: string) => ORIGINALS.filter((o) => text.includes(o));

async function get(path: string, token = reader) {
  const res = await kit.app.api.request(path, { headers: { authorization: `Bearer ${token}` } });
  const type = res.headers.get('content-type') ?? '';
  const bytes = Buffer.from(await res.arrayBuffer());
  const text = /pdf/.test(type) ? await pdfText(bytes) : bytes.toString('utf8');
  return { status: res.status, text };
}

beforeAll(async () => {
  kit = await testKit({ now: '2026-11-24T14:00:00Z' });
  kit.app.notifier.addDeliverer(recorder);
  reader = await createToken(kit.db.db, 'erp', ['read', 'finance', 'admin']);
  sensitive = await createToken(kit.db.db, 'clinical-audit', ['read', 'sensitive']);
  const admin = await kit.app.api.request('/api/v1/webhooks', {
    method: 'POST',
    headers: { authorization: `Bearer ${reader}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url: 'https://erp.example/hooks', events: ['*'] }),
  });
  webhookId = ((await admin.json()) as { id: number }).id;

  const dana = await kit.as('dana');
  ref = (await createJob(dana, { contract: 'STLUKE-BIOMED', site: 'SLR-ICU', priority: 'P2', summary: SUMMARY })).ref;
  await assignJob(dana, { job: ref, technician: 'tom' });
  const tom = await kit.as('tom');
  tomId = tom.actor.person!.id;
  kit.clock.set('2026-11-24T14:20:00Z');
  await changeStatus(tom, { job: ref, to: 'en_route' });
  kit.clock.set('2026-11-24T15:30:00Z');
  await logTime(tom, { job: ref, code: 'BIOMED-SVC', start: new Date('2026-11-24T14:20:00Z'), end: new Date('2026-11-24T15:20:00Z'), note: 'Patient: John Smith asked for a loaner' });
  approvalId = (await requestGoodwillCredit(dana, { target: ref, amount: 5000, reason: 'Patient: John Smith MRN-7654321 waited' })).row.id;
  // Responded (en route) in time; the 12h restore window: at risk at 23:00 (75%), breached after 02:00.
  for (const t of ['2026-11-24T23:05:00Z', '2026-11-25T20:00:00Z']) {
    kit.clock.set(t);
    await runMonitor(kit.app.ctx);
  }
  await kit.app.notifier.deliverDue(500);
});
afterAll(async () => kit?.close());

/**
 * Every GET route: the URLs that read it (with this test's job, approval, person...), or why it
 * carries no job text. `{ref}` and friends are filled in from the data above.
 */
const ROUTES: Record<string, string[] | { none: string }> = {
  '/api/v1/contracts': ['/api/v1/contracts'],
  '/api/v1/contracts/{id}': ['/api/v1/contracts/STLUKE-BIOMED'],
  '/api/v1/contracts/{id}/amendments': ['/api/v1/contracts/STLUKE-BIOMED/amendments'],
  '/api/v1/jobs': ['/api/v1/jobs', '/api/v1/jobs?contract=STLUKE-BIOMED'],
  '/api/v1/jobs/{id}': ['/api/v1/jobs/{ref}'],
  '/api/v1/jobs/{id}/events': ['/api/v1/jobs/{ref}/events'],
  '/api/v1/alerts': ['/api/v1/alerts'],
  '/api/v1/exports/{file}': ['/api/v1/exports/contracts.csv', '/api/v1/exports/sites.csv', '/api/v1/exports/rates.csv', '/api/v1/exports/parts.csv', '/api/v1/exports/people.csv'],
  '/api/v1/webhooks': ['/api/v1/webhooks'],
  '/api/v1/webhooks/{id}': ['/api/v1/webhooks/{webhook}'],
  '/api/v1/webhooks/{id}/deliveries': ['/api/v1/webhooks/{webhook}/deliveries'],
  '/api/v1/sites': ['/api/v1/sites'],
  '/api/v1/contracts/{id}/sites/{site}': ['/api/v1/contracts/STLUKE-BIOMED/sites/SLR-ICU'],
  '/api/v1/credits': ['/api/v1/credits'],
  '/api/v1/credits/{id}': { none: 'one credit of the list above (SLA breach or approved goodwill); the list is read' },
  '/api/v1/events': ['/api/v1/events'],
  '/api/v1/jobs/{id}/time': ['/api/v1/jobs/{ref}/time'],
  '/api/v1/jobs/{id}/parts': ['/api/v1/jobs/{ref}/parts'],
  '/api/v1/invoices': ['/api/v1/invoices'],
  '/api/v1/contracts/{id}/invoice': ['/api/v1/contracts/STLUKE-BIOMED/invoice?month=2026-11'],
  '/api/v1/invoices/{file}': { none: 'an issued invoice: the preview of the same month (contracts/{id}/invoice) carries the same lines' },
  '/api/v1/invoices/{number}/disputes': { none: 'disputes of an issued invoice; the dispute text is typed by finance, read through /disputes' },
  '/api/v1/disputes': ['/api/v1/disputes'],
  '/api/v1/contracts/{id}/billed-vs-promised': ['/api/v1/contracts/STLUKE-BIOMED/billed-vs-promised?month=2026-11'],
  '/api/v1/contracts/{id}/usage': ['/api/v1/contracts/STLUKE-BIOMED/usage'],
  '/api/v1/approvals': ['/api/v1/approvals'],
  '/api/v1/approvals/{id}': ['/api/v1/approvals/{approval}'],
  '/api/v1/people': ['/api/v1/people'],
  '/api/v1/people/{id}': ['/api/v1/people/{tom}'],
  '/api/v1/jobs/{id}/report.pdf': ['/api/v1/jobs/{ref}/report.pdf'],
  '/api/v1/jobs/{id}/report.html': ['/api/v1/jobs/{ref}/report.html'],
  '/api/v1/jobs/{id}/checklist': ['/api/v1/jobs/{ref}/checklist'],
  '/api/v1/jobs/{id}/attachments': ['/api/v1/jobs/{ref}/attachments'],
  '/api/v1/jobs/{id}/attachments/{attachmentId}': { none: 'the stored picture itself (bytes); its name is read through /attachments' },
  '/api/v1/jobs/{id}/messages': ['/api/v1/jobs/{ref}/messages'],
  '/api/v1/kpis': ['/api/v1/kpis', '/api/v1/kpis?team=biomed-east'],
  '/api/v1/contracts/{id}/renewal': ['/api/v1/contracts/STLUKE-BIOMED/renewal', '/api/v1/contracts/STLUKE-BIOMED/renewal?format=pdf'],
  '/api/v1/time': ['/api/v1/time'],
  '/api/v1/parts': ['/api/v1/parts'],
  '/api/v1/people/{id}/export': ['/api/v1/people/{tom}/export'],
  '/api/v1/timer': { none: "a technician's running timer and minutes: no job text" },
};

/** Every webhook event type: how this test raises it, or why it carries no job text. */
const EVENTS: Record<WebhookEvent, 'raised' | { none: string }> = {
  'job.created': 'raised',
  'job.at_risk': 'raised',
  'job.breached': 'raised',
  'job.closed': { none: 'the same job data as job.created, through the same redacting emitter' },
  'approval.requested': 'raised',
  'approval.decided': { none: 'the same approval data as approval.requested, through the same redacting emitter' },
  'invoice.issued': { none: 'numbers, period and contract id: no free text' },
  'dispute.resolved': { none: 'dispute, invoice and credit note numbers, line, status and amount: no free text (the reason goes to the customer as a message draft, which passes the message redaction)' },
  'contract.amended': { none: 'contract id, version, date and the amendment reason typed by an admin' },
};

/** Every card kind: posted to a channel by this test, or why it is not posted to a channel. */
const CARDS: Record<CardKind, 'posted' | { none: string }> = {
  alert: 'posted',
  approval: 'posted',
  digest: 'posted',
  job: { none: 'a reply; channel replies pass redactChannelCards, checked below with /job show' },
  jobs: { none: 'a private reply to /job list' },
  help: { none: 'command list: no job text' },
  info: { none: 'notices (a reassigned technician DM) pass the notifier redaction like every post' },
  error: { none: 'a private reply' },
  contract: { none: 'contract terms: no job text' },
  contracts: { none: 'contract list: no job text' },
  time: { none: 'a private reply to /log' },
  invoice: { none: 'a private reply to /invoice; channel copies pass redactChannelCards' },
  usage: { none: 'a private reply to /usage' },
  checklist: { none: 'a reply to /check in the team channel; channel copies pass redactChannelCards' },
  report: { none: 'the closing report: redacted as a whole (test/proof/stluke-closing.test.ts) and again at the notifier' },
  message: { none: 'customer message drafts: redacted by load-message (test/proof/messages.test.ts) and again at the notifier' },
  renewal: { none: 'renewal pack: contract figures, read through the renewal route above' },
  audit: { none: 'a private reply to /audit for an admin' },
  home: { none: "a person's own home tab" },
};

describe('the redaction boundary', () => {
  it('classifies every GET route, reads each and finds no original', async () => {
    const doc = (await (await kit.app.api.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    const gets = Object.entries(doc.paths)
      .filter(([, ops]) => 'get' in ops)
      .map(([p]) => p);
    expect(gets.filter((p) => !(p in ROUTES)), 'GET routes missing from ROUTES: classify them').toEqual([]);
    expect(Object.keys(ROUTES).filter((p) => !gets.includes(p)), 'ROUTES entries no longer in the OpenAPI document').toEqual([]);
    const fill = (u: string) => u.replace('{ref}', ref).replace('{approval}', String(approvalId)).replace('{tom}', String(tomId)).replace('{webhook}', String(webhookId));
    const found: string[] = [];
    for (const urls of Object.values(ROUTES)) {
      if (!Array.isArray(urls)) continue;
      for (const u of urls.map(fill)) {
        const r = await get(u);
        // 412: the job is not closed yet, so it has no report; the answer still names the job.
        expect([200, 412], `${u}: ${r.text.slice(0, 200)}`).toContain(r.status);
        for (const l of leaks(r.text)) found.push(`${u}: ${l}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('shows the stored summary: the surfaces redact, the database does not', async () => {
    const job = await get(`/api/v1/jobs/${ref}`);
    expect(job.text).toContain('[MRN redacted]');
    expect(job.text).toContain('patient: [redacted]');
  });

  it('gives originals to a sensitive token only, and records each such read', async () => {
    const r = await get(`/api/v1/jobs/${ref}`, sensitive);
    expect(r.text).toContain('John Smith MRN-7654321');
    const rows = await kit.db.db.select().from(auditLog).where(eq(auditLog.action, 'sensitive.read'));
    expect(rows.map((a) => [a.actorLabel, a.subjectId])).toContainEqual(['clinical-audit (api)', `GET /api/v1/jobs/${ref}`]);
    // The admin scope alone does not show originals.
    expect((await get(`/api/v1/jobs/${ref}`, reader)).text).not.toContain('John Smith');
  });

  it('classifies every webhook event type and redacts every payload', async () => {
    expect(Object.keys(EVENTS).sort()).toEqual([...WEBHOOK_EVENTS].sort());
    const rows = await kit.db.db.select().from(webhookDeliveries);
    const seen = new Set(rows.map((r) => r.event));
    for (const [e, how] of Object.entries(EVENTS)) if (how === 'raised') expect(seen, `no ${e} delivery`).toContain(e);
    expect(rows.flatMap((r) => leaks(JSON.stringify(r.payload)).map((l) => `${r.event}: ${l}`))).toEqual([]);
    expect(JSON.stringify(rows.find((r) => r.event === 'job.created')!.payload)).toContain('[MRN redacted]');
  });

  it('classifies every card kind and posts none with an original to a channel', async () => {
    const kinds = new Set(exampleCards().map((c) => c.kind));
    expect([...kinds].filter((k) => !(k in CARDS)), 'card kinds missing from CARDS').toEqual([]);
    kit.clock.set('2026-11-30T14:00:10Z'); // Monday 09:00 in Toronto: biomed-east's digest
    await runDigest(kit.app.ctx, parseDigestTime('mon 09:00'));
    await kit.app.notifier.deliverDue(500);
    const posted = new Set(recorder.posts.map((c) => c.kind));
    for (const [k, how] of Object.entries(CARDS)) if (how === 'posted') expect(posted, `no ${k} card posted`).toContain(k);
    expect(recorder.posts.flatMap((c) => leaks(JSON.stringify(c)).map((l) => `${c.kind} "${c.title}": ${l}`))).toEqual([]);
  });

  it('redacts a reply shown to the whole channel, not the asker’s private view', async () => {
    const dana = await kit.as('dana');
    const cards: Card[] = await kit.app.dispatch(dana, `/job show ${ref}`);
    for (const c of cards) if (c.visibility === 'channel') expect(leaks(JSON.stringify(c))).toEqual([]);
  });
});
