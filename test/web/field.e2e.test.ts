/**
 * The field pages in a real browser (Debian's Chromium through playwright-core), served by the
 * bot's own HTTP server: a customer accepts a quote from the e-mailed link and the approval card
 * changes; an expired or altered link is refused; a signature drawn with the mouse lands on the
 * job as a PNG and in the closing report; the checklist works offline and its ticks arrive with
 * the times they were done.
 */
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { attachments, customerMessages, jobs, timeEntries } from '../../db/schema.js';
import type { Card } from '../../cards/card.js';
import { renderText } from '../../cards/text.js';
import { decide } from '../../src/approvals/decide.js';
import { requestOutOfScope } from '../../src/approvals/request-out-of-scope.js';
import { startHttp, type HttpServer } from '../../src/http.js';
import { silentLogger } from '../../src/log.js';
import type { Deliverer } from '../../src/notify/deliverer.js';
import { linkUrl, publicLink, signLink } from '../../src/web/links.js';
import { testKit, type TestKit } from '../support/app.js';
import { aJob } from '../approvals/helpers.js';
import { picture, tempDir } from '../proof/helpers.js';
import { buildClosingReport } from '../../src/proof/closing-report.js';
import { loadJob } from '../../src/jobs/job-store.js';
import { checklistTicks } from '../../db/schema.js';
import { createJob } from '../../src/jobs/create-job.js';
import { assignJob } from '../../src/jobs/assign-job.js';
import { tickStep } from '../../src/proof/tick-step.js';
import { readStored } from '../../src/proof/files.js';
import { createHash } from 'node:crypto';
import { CHROMIUM, CHROMIUM_ARGS, hasChromium } from '../teams/playground.js';
import { axeViolations, overflowX } from './axe.js';

/** The approvals channel: every approval card posted, then each update of it. */
class Channel implements Deliverer {
  readonly platform = 'shell' as const;
  cards: Card[] = [];
  private n = 0;
  async post(_t: unknown, c: Card) {
    if (c.kind === 'approval') this.cards.push(c);
    return { line: ++this.n };
  }
  async update(_r: unknown, c: Card) {
    if (c.kind === 'approval') this.cards.push(c);
  }
  async direct() {
    return {};
  }
}

describe.skipIf(!hasChromium)('field pages in Chromium', { timeout: 60_000 }, () => {
  let kit: TestKit;
  let http: HttpServer;
  let browser: Browser;
  let context: BrowserContext;
  let channel: Channel;
  let base: string;

  beforeAll(async () => {
    kit = await testKit({ env: { PORT: '0', ATTACHMENTS_DIR: tempDir('field') } });
    http = await startHttp(kit.app, kit.config, silentLogger);
    base = `http://localhost:${http.port}`; // localhost: the only host the browser resolves, and a secure context (service workers)
    kit.app.ctx.services.publicUrl = base;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await http?.close();
    await kit?.close();
  });

  beforeEach(async () => {
    await kit.reset();
    kit.clock.set('2026-11-23T09:00:00Z');
    channel = new Channel();
    kit.app.notifier.addDeliverer(channel);
    await context?.close();
    context = await browser.newContext({ viewport: { width: 360, height: 740 }, timezoneId: 'UTC' });
  });

  /** An approved out-of-scope quote on a new job, and the link its customer e-mail carries. */
  async function approvedQuote(): Promise<{ ref: string; approval: number; link: string }> {
    const ref = await aJob(kit);
    const r = await requestOutOfScope(await kit.as('tom'), { job: ref, code: 'DUCT-CLEAN', quantity: 3, reason: 'ducts clogged' });
    await decide(await kit.as('max'), { approval: r.row.id, approve: true });
    await kit.app.notifier.deliverDue();
    const [mail] = await kit.db.db.select().from(customerMessages).where(eq(customerMessages.kind, 'quote'));
    const link = /Accepter ou refuser en ligne\u00a0: (\S+)/.exec(mail!.body)?.[1];
    expect(link, mail!.body).toBeDefined();
    return { ref, approval: r.row.id, link: link! };
  }

  it('a customer accepts a quote from the e-mailed link: recorded beside the approval, audited, the card updated', async () => {
    const q = await approvedQuote();
    expect(q.link.startsWith(`${base}/f/quote/`)).toBe(true);
    const page = await context.newPage();
    await page.goto(q.link);
    // ACME-HVAC's customer reads French (its contract's locale fr-FR).
    await expect.poll(() => page.locator('h1').textContent()).toBe(`Devis ${q.ref}/Q${q.approval}`);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    const body = await page.locator('main').innerText();
    expect(body).toMatch(/Duct cleaning/i);
    expect(body).toMatch(/hors du périmètre du contrat ACME-HVAC/);
    expect(body).toMatch(/\d\u202f?\d*,\d\d\s€/);
    expect(body).toMatch(/approvals\.outOfScope/);
    // Labels are tied to their fields.
    await page.getByLabel('Votre nom').fill('Claire Martin');
    // Declining without a reason is refused on the page, in the page's French, and nothing is recorded.
    await page.getByRole('button', { name: 'Refuser' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Dites pourquoi vous refusez\u00a0: l’équipe le lit avant de vous appeler.');
    await page.getByLabel('Votre nom').fill('Claire Martin');
    await page.getByRole('button', { name: 'Accepter le devis' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/Accepté par Claire Martin le lundi 23 novembre 2026 à 10:00/);
    // A second answer (another tab, a replayed form) changes nothing.
    await page.reload();
    expect(await page.getByRole('button', { name: 'Accepter le devis' }).count()).toBe(0);

    await kit.app.notifier.deliverDue();
    const last = channel.cards[channel.cards.length - 1]!;
    expect(channel.cards.length).toBeGreaterThanOrEqual(2);
    expect(renderText(last, { zone: 'UTC' })).toMatch(/Customer answer.*Accepted by Claire Martin/);
    const trail = await kit.app.dispatch(await kit.as('max'), `/audit ${q.ref}`);
    expect(renderText(trail[0]!, { zone: 'UTC' })).toMatch(/approval\.customer_accepted/);
  });

  it('refuses an expired or altered link with a clear page, and a form posted from elsewhere', async () => {
    const q = await approvedQuote();
    const page = await context.newPage();
    const token = q.link.split('/').pop()!;
    const [head, body, sig] = token.split('.') as [string, string, string];
    const forged = JSON.parse(Buffer.from(body, 'base64url').toString()) as { j: number };
    forged.j += 1;
    const altered = `${head}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${sig}`;
    let res = await page.goto(`${base}/f/quote/${altered}`);
    expect(res!.status()).toBe(403);
    expect(await page.locator('main').innerText()).toMatch(/Link not valid/);
    // A report link does not open the quote page.
    res = await page.goto(`${base}/f/quote/${signLink({ p: 'report', j: 1 }, kit.app.ctx.services.actionSecret, kit.clock.now())}`);
    expect(res!.status()).toBe(403);
    kit.clock.advance(15 * 24 * 60);
    res = await page.goto(q.link);
    expect(res!.status()).toBe(410);
    // The link is still ours, so it says whose it was: ACME's customer reads French.
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.locator('main').innerText()).toMatch(/Lien expiré.*a expiré/s);
    kit.clock.advance(-15 * 24 * 60);
    // A form posted without its page's token (another site's form) is refused and changes nothing.
    const post = await context.request.post(q.link, { form: { decision: 'accept', name: 'Mallory' } });
    expect(post.status()).toBe(403);
    res = await page.goto(q.link);
    expect(res!.status()).toBe(200);
    expect(await page.getByRole('button', { name: 'Accepter le devis' }).count()).toBe(1);
    expect(linkUrl(base, 'quote', token)).toBe(q.link);
  });

  /** A St Luke pump job assigned to Tom, its safety steps and reading done: the sign-off is next. */
  async function readyToSign(): Promise<{ ref: string; id: number; tom: number }> {
    const dana = await kit.as('dana');
    const { ref } = await createJob(dana, { contract: 'stluke-biomed', site: 'SLR-ICU', priority: 'P2', summary: 'Infusion pump alarm' });
    await assignJob(dana, { job: ref, technician: 'tom' });
    const tom = await kit.as('tom');
    kit.clock.advance(30);
    await tickStep(tom, { job: ref, step: 1 });
    await tickStep(tom, { job: ref, step: 2 });
    await tickStep(tom, { job: ref, step: 3, reading: '0.2 mA' });
    const [row] = await kit.db.db.select().from(jobs).where(eq(jobs.ref, ref));
    return { ref, id: row!.id, tom: tom.actor.person!.id };
  }

  it('a signature drawn with the mouse lands on the job as a PNG with its SHA-256, and in the closing report', async () => {
    const job = await readyToSign();
    const services = kit.app.ctx.services;
    const page = await context.newPage();
    await page.goto(publicLink(services, { p: 'sign', j: job.id, u: job.tom }, kit.clock.now())!);
    expect(await page.locator('h1').textContent()).toBe(`Sign-off ${job.ref}`);
    await page.getByLabel("Signer's name").fill('Jane Roe');
    await page.getByLabel("Signer's role").fill('charge nurse');
    // Signing an empty box is stopped on the phone.
    await page.getByRole('button', { name: 'Sign' }).click();
    await expect.poll(() => page.locator('#padmsg').textContent()).toBe('Sign in the box first.');
    const box = (await page.locator('#pad').boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 20 + i * 20, box.y + box.height / 2 + (i % 2 ? -25 : 25));
    await page.mouse.up();
    await page.getByRole('button', { name: 'Sign' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/step 4 signed by Jane Roe \(charge nurse\) at .*SHA-256 [0-9a-f]{64}/);

    const [png] = await kit.db.db.select().from(attachments).where(eq(attachments.jobId, job.id));
    expect(png).toMatchObject({ kind: 'signature', contentType: 'image/png', uploadedBy: job.tom });
    const bytes = await readStored(services.attachmentsDir, png!.storagePath, png!.sha256);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(png!.sha256);
    expect(await page.getByRole('status').textContent()).toContain(png!.sha256);

    const report = await context.newPage();
    const res = await report.goto(publicLink(services, { p: 'report', j: job.id }, kit.clock.now())!);
    expect(res!.status()).toBe(200);
    const text = await report.locator('body').innerText();
    expect(text).toMatch(/Jane Roe, charge nurse, signed/);
    expect(text).toContain(png!.sha256);
    expect(await report.locator(`img[alt="${png!.fileName}"]`).count()).toBe(1);
  });

  /** A Petra valve job at the pipeline station (no signal), assigned to Tom, with its checklist link. */
  async function valveJob(): Promise<{ ref: string; id: number; link: string }> {
    const dana = await kit.as('dana');
    const { ref } = await createJob(dana, { contract: 'PETRA-OG', site: 'PIPE-KP112', priority: 'P2', summary: 'Valve passing', taskCode: 'VALVE-SVC' });
    await assignJob(dana, { job: ref, technician: 'tom' });
    const [row] = await kit.db.db.select().from(jobs).where(eq(jobs.ref, ref));
    const tom = (await kit.as('tom')).actor.person!.id;
    return { ref, id: row!.id, link: publicLink(kit.app.ctx.services, { p: 'check', j: row!.id, u: tom }, kit.clock.now())! };
  }

  it('the checklist works offline: ticks, a reading and a photo kept on the phone arrive with their original times', async () => {
    const job = await valveJob();
    const page = await context.newPage();
    await page.goto(job.link);
    await page.waitForSelector('html[data-offline-ready="1"]');
    await context.setOffline(true);
    await page.reload();
    expect(await page.locator('h1').textContent()).toBe(`Checklist ${job.ref}`);
    // Safety first: the reading step waits for the permit step.
    expect(await page.locator('#tick-VALVE-SVC-2').isDisabled()).toBe(true);
    const at = (hm: string) => new Date(`2026-11-23T${hm}:00Z`);
    await context.clock.setFixedTime(at('09:10'));
    await page.locator('#tick-VALVE-SVC-1').click();
    await expect.poll(() => page.locator('#s-VALVE-SVC-1 .state').textContent()).toMatch(/Saved on this phone at 09:10/);
    await context.clock.setFixedTime(at('09:12'));
    await page.getByLabel('Reading (value and unit)').fill('12 %LEL');
    await page.locator('#tick-VALVE-SVC-2').click();
    await expect.poll(() => page.locator('#tick-VALVE-SVC-3').isDisabled()).toBe(false);
    await context.clock.setFixedTime(at('09:15'));
    await page.getByLabel('Photo').setInputFiles({ name: 'loto.png', mimeType: 'image/png', buffer: await picture('png') });
    await page.locator('#tick-VALVE-SVC-3').click();
    await context.clock.setFixedTime(at('09:40'));
    await page.locator('#tick-VALVE-SVC-4').click();
    await expect.poll(() => page.locator('#queued').textContent()).toBe('4 items saved on this phone, not sent yet.');
    expect(await kit.db.db.select().from(checklistTicks).where(eq(checklistTicks.jobId, job.id))).toHaveLength(0);

    kit.clock.set('2026-11-23T10:30:00Z');
    await context.setOffline(false);
    await expect.poll(() => page.locator('#net').textContent(), { timeout: 15_000 }).toBe('Sent: 4 applied.');
    const ticks = await kit.db.db.select().from(checklistTicks).where(eq(checklistTicks.jobId, job.id)).orderBy(checklistTicks.stepIndex);
    expect(ticks.map((t) => t.at.toISOString())).toEqual(['09:10', '09:12', '09:15', '09:40'].map((t) => at(t).toISOString()));
    expect(ticks[1]!.proof).toEqual({ kind: 'reading', value: '12', unit: '%LEL' });
    const report = await buildClosingReport(kit.app.ctx, await loadJob(kit.app.ctx.db, job.id));
    const steps = report.checklists[0]!.steps;
    expect(steps.find((s) => s.number === 1)!.at).toEqual(at('09:10'));
    expect(steps.find((s) => s.number === 3)!.proofText).toBe('photo loto.png');
    expect(report.placeholders.safetySteps).toMatch(/^3 of 4 confirmed: Confirm permit to work number \(\d\d:10\)/);
    await context.clock.setFixedTime(at('10:30'));
    await page.reload();
    expect(await page.locator('#s-VALVE-SVC-1 .state').textContent()).toMatch(/Done 03:10 CST by Tom Technician/);

    // The same page for a French technician: lang="fr", and French from the server and the script.
    await kit.app.dispatch(await kit.as('tom'), '/language fr');
    await page.reload();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.locator('h1').textContent()).toBe(`Liste de contrôle ${job.ref}`);
    expect(await page.getByRole('button', { name: 'Arrivé sur site' }).count()).toBe(1);
    await expect.poll(() => page.locator('#queued').textContent()).toBe('Rien en attente d’envoi.');
    expect(await page.locator('#s-VALVE-SVC-1 .state').textContent()).toMatch(/^Fait 03:10 CST par Tom Technician/);
    expect(await page.locator('#timer-state').textContent()).toBe('Arrêté');

    // Offline, a checklist never opened on this phone: the service worker answers in French too.
    await page.waitForSelector('html[data-offline-ready="1"]');
    const other = await valveJob();
    await context.setOffline(true);
    const res = await page.goto(other.link);
    expect(res!.status()).toBe(503);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.locator('h1').textContent()).toBe('Hors ligne');
    expect(await page.locator('main').innerText()).toMatch(/^Vous êtes hors ligne, et cette liste de contrôle n’a jamais été ouverte sur ce téléphone\./m);
    await context.setOffline(false);
  });

  it('the arrival and time on site recorded offline arrive with their real times: the response SLA and the work on the job use them', async () => {
    const job = await valveJob();
    const page = await context.newPage();
    await page.goto(job.link);
    await page.waitForSelector('html[data-offline-ready="1"]');
    await context.setOffline(true);
    const at = (hm: string) => new Date(`2026-11-23T${hm}:00Z`);
    await context.clock.setFixedTime(at('09:05'));
    await page.reload();
    await page.getByRole('button', { name: 'Arrived on site' }).click();
    await expect.poll(() => page.locator('#visit-state').textContent()).toBe('Arrived at 09:05, waiting to send');
    await context.clock.setFixedTime(at('09:20'));
    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => page.locator('#timer-state').textContent()).toBe('Running since 09:20');
    // The timer survives a reload with no signal (the phone put away, the page reopened).
    await context.clock.setFixedTime(at('09:55'));
    await page.reload();
    expect(await page.locator('#timer-state').textContent()).toBe('Running since 09:20');
    await page.getByLabel('Note').fill('valve packing replaced');
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => page.locator('#queued').textContent()).toBe('2 items saved on this phone, not sent yet.');
    expect(await kit.db.db.select().from(timeEntries).where(eq(timeEntries.jobId, job.id))).toHaveLength(0);

    kit.clock.set('2026-11-23T10:30:00Z');
    await context.setOffline(false);
    await expect.poll(() => page.locator('#net').textContent(), { timeout: 15_000 }).toBe('Sent: 2 applied.');
    // The page writes the visit's state after the batch's answer: wait for it as for the answer.
    await expect.poll(() => page.locator('#visit-state').textContent()).toBe('On site.');
    const entries = await kit.db.db.select().from(timeEntries).where(eq(timeEntries.jobId, job.id));
    expect(entries.map((e) => [e.startAt.toISOString(), e.endAt?.toISOString(), e.code, e.note])).toEqual([
      [at('09:20').toISOString(), at('09:55').toISOString(), 'VALVE-SVC', 'valve packing replaced'],
    ]);
    // The job's report lists the work at the times it was done (the site's zone is CST), not when it was sent.
    const report = await context.newPage();
    await report.goto(publicLink(kit.app.ctx.services, { p: 'report', j: job.id }, kit.clock.now())!);
    const text = await report.locator('body').innerText();
    expect(text).toMatch(/Mon 23 Nov 03:20–03:55 CST, Tom Technician, VALVE-SVC, 35m: valve packing replaced/);
    // The arrival, sent at 10:30, stopped the response clock at 09:05, when it happened.
    expect(text).toMatch(/Response: met in 5m /);
  });

  it('every field page, in each state a person sees, passes the WCAG 2 A/AA audit and fits 360 px', async () => {
    // axe's script is injected into the page, which the pages' own CSP would refuse.
    const audited = await browser.newContext({ viewport: { width: 360, height: 740 }, timezoneId: 'UTC', bypassCSP: true });
    const found: Record<string, string[]> = {};
    const page = await audited.newPage();
    const focused = () => page.evaluate<string>('document.activeElement.id || document.activeElement.textContent');
    const audit = async (name: string) => {
      const problems = await axeViolations(page);
      const wider = await overflowX(page);
      if (wider) problems.push(`wider than 360 px by ${wider} px: the reader scrolls sideways`);
      if (problems.length) found[name] = problems;
    };
    try {
      // The audit sees what it must: a field without a label, and a page wider than the phone.
      await page.setContent('<html lang="en"><title>t</title><main><input type="text"><p style="width:500px">wide</p></main></html>');
      await audit('probe');
      expect(found['probe']!.map((p) => p.split(' ')[0])).toEqual(['label', 'wider']);
      delete found['probe'];

      const services = kit.app.ctx.services;
      const valve = await valveJob();
      await page.goto(valve.link);
      await audit('checklist');
      await page.waitForSelector('html[data-offline-ready="1"]');
      await audited.setOffline(true);
      // By keyboard: a pressed button is disabled, and the focus moves on to what comes next.
      await page.locator('#tick-VALVE-SVC-1').focus();
      await page.keyboard.press('Enter');
      await expect.poll(focused).toBe('r-VALVE-SVC-2');
      await page.locator('#timer-start').focus();
      await page.keyboard.press('Enter');
      await expect.poll(focused).toBe('timer-stop');
      await expect.poll(() => page.locator('#queued').textContent()).toBe('1 item saved on this phone, not sent yet.');
      await audit('checklist, a step saved offline and the timer running');
      await assignJob(await kit.as('dana'), { job: valve.ref, technician: 'tess' });
      await audited.setOffline(false);
      await expect.poll(() => page.locator('#refused').isVisible(), { timeout: 15_000 }).toBe(true);
      await audit('checklist, items not applied');

      const sign = await readyToSign();
      await page.goto(publicLink(services, { p: 'sign', j: sign.id, u: sign.tom }, kit.clock.now())!);
      await audit('sign-off');
      // Tab goes through the form in the order it reads.
      const order: string[] = [];
      for (let i = 0; i < 6; i++) {
        await page.keyboard.press('Tab');
        order.push(await focused());
      }
      expect(order).toEqual(['step', 'name', 'role', 'pad', 'clear', 'Sign']);
      await page.getByLabel("Signer's name").fill('Jane Roe');
      await page.getByLabel("Signer's role").fill('charge nurse');
      const box = (await page.locator('#pad').boundingBox())!;
      await page.mouse.move(box.x + 20, box.y + 40);
      await page.mouse.down();
      await page.mouse.move(box.x + 200, box.y + 90);
      await page.mouse.up();
      await page.getByRole('button', { name: 'Sign' }).click();
      await expect.poll(() => page.getByRole('status').textContent()).toMatch(/signed by Jane Roe/);
      await audit('sign-off, signed');

      await page.goto(publicLink(services, { p: 'report', j: sign.id }, kit.clock.now())!);
      await audit('closing report');

      const q = await approvedQuote();
      await page.goto(q.link);
      await audit('quote');
      await page.getByRole('button', { name: 'Refuser' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/Dites pourquoi vous refusez/);
      await audit('quote, decline refused');
      await page.getByRole('button', { name: 'Accepter le devis' }).click();
      await expect.poll(() => page.getByRole('status').textContent()).toMatch(/Accepté par/);
      await audit('quote, answered');

      await page.goto(`${q.link}x`);
      await audit('link not valid');
    } finally {
      await audited.close();
    }
    expect(found).toEqual({});
  });

  it('what no longer applies is shown with the reason; a batch sent twice applies nothing twice', async () => {
    const job = await valveJob();
    const page = await context.newPage();
    await page.goto(job.link);
    await page.waitForSelector('html[data-offline-ready="1"]');
    await context.setOffline(true);
    await context.clock.setFixedTime(new Date('2026-11-23T09:05:00Z'));
    await page.locator('#tick-VALVE-SVC-1').click();
    await expect.poll(() => page.locator('#queued').textContent()).toBe('1 item saved on this phone, not sent yet.');
    kit.clock.set('2026-11-23T09:30:00Z');
    await assignJob(await kit.as('dana'), { job: job.ref, technician: 'tess' });
    await context.setOffline(false);
    await expect.poll(() => page.locator('#refused').innerText(), { timeout: 15_000 }).toMatch(/VALVE-SVC step 1: not applied\. .* is no longer assigned to you/);
    expect(await kit.db.db.select().from(checklistTicks).where(eq(checklistTicks.jobId, job.id))).toHaveLength(0);

    // The same batch twice (an answer lost on the way back): applied once, then "already received".
    await assignJob(await kit.as('dana'), { job: job.ref, technician: 'tom' });
    const token = job.link.split('/').pop()!;
    const csrf = (await page.locator('#field-data').textContent()) ?? '';
    const form = () => {
      const f = new FormData();
      f.set('csrf', (JSON.parse(csrf) as { csrf: string }).csrf);
      f.set('batch', JSON.stringify({ items: [{ id: 'item-0001-abcd', kind: 'tick', code: 'VALVE-SVC', step: 1, at: '2026-11-23T09:05:00Z' }] }));
      return f;
    };
    const send = async () => (await (await kit.app.api.request(`/f/check/${token}/sync`, { method: 'POST', body: form() })).json()) as { results: { status: string; why?: string }[] };
    expect((await send()).results.map((r) => r.why ?? r.status)).toEqual(['applied']);
    expect((await send()).results.map((r) => r.status)).toEqual(['duplicate']);
    expect(await kit.db.db.select().from(checklistTicks).where(eq(checklistTicks.jobId, job.id))).toHaveLength(1);
  });
});
