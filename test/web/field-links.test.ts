/**
 * Where field links are handed out, and the customer's answer to a quote through the verb: the
 * assigned technician's /check carries the phone link (nobody else's does), a quote e-mail carries
 * its link only when the server has a public address, and a customer answers a quote once.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { customerMessages } from '../../db/schema.js';
import { customerDecide } from '../../src/approvals/customer-decide.js';
import { decide } from '../../src/approvals/decide.js';
import { requestOutOfScope } from '../../src/approvals/request-out-of-scope.js';
import { assignJob } from '../../src/jobs/assign-job.js';
import { createJob } from '../../src/jobs/create-job.js';
import { syncFieldBatch, type FieldItem } from '../../src/proof/sync-field-batch.js';
import { auditLog, checklistTicks, jobs, people, timeEntries } from '../../db/schema.js';
import { csrfToken, publicLink } from '../../src/web/links.js';
import { inLanguage } from '../../src/i18n/current.js';
import { cardText } from '../proof/helpers.js';
import { aJob, expectError } from '../approvals/helpers.js';
import { testKit, type TestKit } from '../support/app.js';

let kit: TestKit;
beforeAll(async () => {
  kit = await testKit();
});
afterAll(async () => kit?.close());
beforeEach(async () => {
  await kit.reset();
  kit.clock.set('2026-11-23T09:00:00Z');
  kit.app.ctx.services.publicUrl = 'https://ops.example.com';
});

/** A PETRA-OG valve job given to Tom, the clock at noon, and `t('09:10')` for that morning's instants. */
async function tomsValveJob() {
  const dana = await kit.as('dana');
  const { ref } = await createJob(dana, { contract: 'PETRA-OG', site: 'PIPE-KP112', priority: 'P2', summary: 'Valve passing', taskCode: 'VALVE-SVC' });
  await assignJob(dana, { job: ref, technician: 'tom' });
  const [job] = await kit.db.db.select().from(jobs).where(eq(jobs.ref, ref));
  kit.clock.set('2026-11-23T12:00:00Z');
  return { ref, job, t: (hm: string) => new Date(`2026-11-23T${hm}:00Z`) };
}

describe('field links', () => {
  it('/check and the job card give the assigned technician the phone link, and nobody else', async () => {
    const ref = await aJob(kit);
    await assignJob(await kit.as('dana'), { job: ref, technician: 'tom' });
    const mine = cardText(await kit.app.dispatch(await kit.as('tom'), `/check ${ref}`));
    expect(mine).toMatch(/Open this checklist on your phone \(https:\/\/ops\.example\.com\/f\/check\/f1\.[\w-]+\.[\w-]+\)/);
    expect(cardText(await kit.app.dispatch(await kit.as('tess'), `/check ${ref}`))).not.toMatch(/on your phone/);
    expect(cardText(await kit.app.dispatch(await kit.as('dana'), `/check ${ref}`))).not.toMatch(/on your phone/);
    // The job card too, for the assignee only.
    expect(cardText(await kit.app.dispatch(await kit.as('tom'), `/job show ${ref}`))).toMatch(/On your phone.*Open the checklist \(works offline\) \(https:\/\/ops\.example\.com\/f\/check\//);
    expect(cardText(await kit.app.dispatch(await kit.as('dana'), `/job show ${ref}`))).not.toMatch(/On your phone/);
  });

  it('a quote e-mail has no link when the server has no public address', async () => {
    kit.app.ctx.services.publicUrl = undefined;
    const ref = await aJob(kit);
    const r = await requestOutOfScope(await kit.as('tom'), { job: ref, code: 'DUCT-CLEAN', quantity: 3 });
    await decide(await kit.as('max'), { approval: r.row.id, approve: true });
    const [mail] = await kit.db.db.select().from(customerMessages).where(eq(customerMessages.kind, 'quote'));
    // ACME-HVAC's customer reads French: the quote ends on its request, with no line for a link.
    expect(mail!.body).toMatch(/ils figureront sur votre facture comme travaux supplémentaires approuvés\.$/);
    expect(mail!.body).not.toMatch(/en ligne|http/);
  });

  it('a customer answers an approved quote once; declining needs a reason; a pending request is not offered', async () => {
    const ref = await aJob(kit);
    const r = await requestOutOfScope(await kit.as('tom'), { job: ref, code: 'DUCT-CLEAN', quantity: 3 });
    const jobId = r.row.jobId!;
    const web = kit.app.ctx;
    await expectError(customerDecide(web, { approval: r.row.id, jobId, accept: true, name: 'Claire Martin' }), 'precondition_failed', /no longer offered/);
    await decide(await kit.as('max'), { approval: r.row.id, approve: true });
    await expectError(customerDecide(web, { approval: r.row.id, jobId: jobId + 1, accept: true, name: 'Claire Martin' }), 'precondition_failed', /not available/);
    await expectError(customerDecide(web, { approval: r.row.id, jobId, accept: false, name: 'Claire Martin' }), 'invalid', /Say why you decline/);
    await expectError(customerDecide(web, { approval: r.row.id, jobId, accept: true, name: '  ' }), 'invalid', /Type your name/);
    const d = await customerDecide(web, { approval: r.row.id, jobId, accept: false, name: 'Claire Martin', reason: 'too expensive this quarter' });
    expect(d.decision).toMatchObject({ decision: 'declined', name: 'Claire Martin', reason: 'too expensive this quarter' });
    expect(d.view.customer?.decision).toBe('declined');
    await expectError(customerDecide(web, { approval: r.row.id, jobId, accept: true, name: 'Hugo Bernard' }), 'conflict', /already declined by Claire Martin/);
  });

  it('an offline batch applies each item alone with its real time; a step out of safety order is refused with the reason', async () => {
    const { job, t } = await tomsValveJob();
    const items: FieldItem[] = [
      { id: 'phone-item-0001', kind: 'tick', code: 'VALVE-SVC', step: 1, stepText: 'Confirm permit to work number', at: t('09:10') },
      { id: 'phone-item-0002', kind: 'tick', code: 'VALVE-SVC', step: 3, at: t('09:11') },
      { id: 'phone-item-0003', kind: 'tick', code: 'VALVE-SVC', step: 2, stepText: 'Gas test (old wording)', at: t('09:12'), reading: '12 %LEL' },
      { id: 'phone-item-0004', kind: 'time', code: 'VALVE-SVC', start: t('09:05'), end: t('10:35'), note: 'valve stroked' },
      { id: 'phone-item-0005', kind: 'tick', code: 'VALVE-SVC', step: 4, at: t('13:00') },
    ];
    const r = await syncFieldBatch(await kit.as('tom'), { job: job!.id, items });
    expect(r.map((x) => x.status)).toEqual(['applied', 'refused', 'refused', 'applied', 'refused']);
    expect(r[1]).toMatchObject({ why: expect.stringMatching(/Confirm step 2 of VALVE-SVC first/) });
    expect(r[2]).toMatchObject({ why: expect.stringMatching(/step 2 is now "Gas test before entry \(record LEL %\)", not the "Gas test \(old wording\)" ticked on the phone/) });
    expect(r[4]).toMatchObject({ why: expect.stringMatching(/Confirm steps 2, 3 of VALVE-SVC first/) });
    const ticks = await kit.db.db.select().from(checklistTicks).where(eq(checklistTicks.jobId, job!.id));
    expect(ticks.map((x) => [x.stepIndex, x.at.toISOString()])).toEqual([[0, t('09:10').toISOString()]]);
    const [entry] = await kit.db.db.select().from(timeEntries).where(eq(timeEntries.jobId, job!.id));
    expect(entry).toMatchObject({ startAt: t('09:05'), endAt: t('10:35'), note: 'valve stroked' });
    // The same batch again: what was applied is "already received", nothing is written twice.
    const again = await syncFieldBatch(await kit.as('tom'), { job: job!.id, items: [items[0]!, items[3]!] });
    expect(again.map((x) => x.status)).toEqual(['duplicate', 'duplicate']);
    expect(await kit.db.db.select().from(timeEntries).where(eq(timeEntries.jobId, job!.id))).toHaveLength(1);
  });

  it('a French technician\'s batch comes back in French: what each item was, what it did, why one was refused', async () => {
    const { ref, job, t } = await tomsValveJob();
    const items: FieldItem[] = [
      { id: 'phone-item-fr01', kind: 'tick', code: 'VALVE-SVC', step: 1, stepText: 'Confirm permit to work number', at: t('09:10') },
      { id: 'phone-item-fr02', kind: 'tick', code: 'VALVE-SVC', step: 3, at: t('09:11') },
      { id: 'phone-item-fr03', kind: 'time', code: 'VALVE-SVC', start: t('09:05'), end: t('10:35') },
      { id: 'phone-item-fr04', kind: 'status', to: 'on_site', at: t('09:00') },
    ];
    const tom = await kit.as('tom');
    const r = await inLanguage('fr', () => syncFieldBatch(tom, { job: job!.id, items }));
    expect(r.map((x) => [x.status, x.text, 'why' in x ? x.why : ''])).toEqual([
      ['applied', 'VALVE-SVC étape 1 (Confirm permit to work number), faite lun. 23 nov. 03:10\u00a0: VALVE-SVC étape 1 confirmée', ''],
      ['refused', 'VALVE-SVC étape 3, faite lun. 23 nov. 03:11', 'Validez d’abord l’étape 2 de VALVE-SVC\u00a0: les étapes se suivent, celles de sécurité une à une.'],
      ['applied', 'temps de lun. 23 nov. 03:05 à 04:35 sur VALVE-SVC\u00a0: 90 min sur VALVE-SVC enregistrées', ''],
      ['applied', `arrivée sur site lun. 23 nov. 03:00\u00a0: ${ref} est sur site`, ''],
    ]);
    // The audit trail keeps English; an English reader gets the same item in English.
    const again = await syncFieldBatch(tom, { job: job!.id, items: [items[0]!, items[2]!] });
    expect(again.map((x) => x.text)).toEqual(['VALVE-SVC step 1 (Confirm permit to work number), done Mon 23 Nov 03:10: already received', 'time Mon 23 Nov 03:05 to 04:35 on VALVE-SVC: already received']);
    const trail = await kit.db.db.select().from(auditLog).where(eq(auditLog.action, 'field.item_applied'));
    expect(trail.map((x) => (x.data as { text: string }).text)).toEqual(['VALVE-SVC step 1 confirmed', '90 min on VALVE-SVC recorded', `${ref} is on site`]);
  });
});

describe("a field link's refusals in its reader's language", () => {
  /** A Petra valve job assigned to Tom, who reads French, with his checklist link's token. */
  async function frenchTomsJob(): Promise<{ ref: string; token: string; tom: number }> {
    const dana = await kit.as('dana');
    const { ref } = await createJob(dana, { contract: 'PETRA-OG', site: 'PIPE-KP112', priority: 'P2', summary: 'Valve passing', taskCode: 'VALVE-SVC' });
    await assignJob(dana, { job: ref, technician: 'tom' });
    await kit.app.dispatch(await kit.as('tom'), '/language fr');
    const [job] = await kit.db.db.select().from(jobs).where(eq(jobs.ref, ref));
    const tom = (await kit.as('tom')).actor.person!.id;
    const link = publicLink(kit.app.ctx.services, { p: 'check', j: job!.id, u: tom }, kit.clock.now())!;
    return { ref, token: link.split('/').pop()!, tom };
  }
  const get = (path: string) => kit.app.api.request(path);
  const sync = (token: string, fields: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) f.set(k, v);
    return kit.app.api.request(`/f/check/${token}/sync`, { method: 'POST', body: f });
  };
  const csrfOf = async (token: string) => /"csrf":"([^"]+)"/.exec(await (await get(`/f/check/${token}`)).text())![1]!;
  const batch = JSON.stringify({ items: [{ id: 'item-fr-0001', kind: 'tick', code: 'VALVE-SVC', step: 1, at: '2026-11-23T09:05:00Z' }] });

  it('the sync answers a French technician in French: a wrong form token, an unreadable batch, an expired link', async () => {
    const { token } = await frenchTomsJob();
    let res = await sync(token, { csrf: 'not-the-token', batch });
    expect([res.status, await res.json()]).toEqual([403, { error: 'Ce formulaire ne vient pas de sa page.' }]);
    const csrf = await csrfOf(token);
    res = await sync(token, { csrf, batch: '{"items": [' });
    expect([res.status, await res.json()]).toEqual([400, { error: 'Le lot n’est pas lisible\u202f; rien n’a été appliqué.' }]);
    kit.clock.advance(4 * 24 * 60);
    res = await sync(token, { csrf, batch });
    expect([res.status, await res.json()]).toEqual([410, { error: 'Ce lien a expiré\u202f; demandez-en un nouveau. Votre travail est gardé sur le téléphone.' }]);
    expect(await kit.db.db.select().from(checklistTicks)).toHaveLength(0);
  });

  it('an altered link vouches for nobody: answered in the deployment language', async () => {
    const { token } = await frenchTomsJob();
    const res = await sync(`${token.slice(0, -3)}abc`, { csrf: 'x', batch });
    expect([res.status, await res.json()]).toEqual([403, { error: 'This link is not valid.' }]);
    const page = await get(`/f/check/${token.slice(0, -3)}abc`);
    expect(page.status).toBe(403);
    expect(await page.text()).toMatch(/<html lang="en">[\s\S]*Link not valid/);
  });

  it('a reassigned job: the page and every item sent are refused in French, saying why', async () => {
    const { ref, token } = await frenchTomsJob();
    const csrf = await csrfOf(token);
    await assignJob(await kit.as('dana'), { job: ref, technician: 'tess' });
    const page = await get(`/f/check/${token}`);
    expect(page.status).toBe(403);
    const html = await page.text();
    expect(html).toMatch(/<html lang="fr">/);
    expect(html).toContain('<h1>Ce lien ne s’applique plus</h1>');
    expect(html).toContain(`${ref} ne vous est plus attribuée\u202f; demandez la liste de contrôle à jour au répartiteur.`);
    const res = await sync(token, { csrf, batch });
    expect(await res.json()).toEqual({ results: [{ id: 'item-fr-0001', status: 'refused', text: 'VALVE-SVC étape 1', why: `${ref} ne vous est plus attribuée\u202f; demandez la liste de contrôle à jour au répartiteur.` }] });
  });

  it('a technician who left the team, and an expired link, read their refusal pages in their own language', async () => {
    const { token, tom } = await frenchTomsJob();
    await kit.db.db.update(people).set({ active: false }).where(eq(people.id, tom));
    let html = await (await get(`/f/check/${token}`)).text();
    expect(html).toContain('Ce lien a été fait pour une personne qui ne fait plus partie de l’équipe.');
    await kit.db.db.update(people).set({ active: true }).where(eq(people.id, tom));
    kit.clock.advance(4 * 24 * 60);
    const res = await get(`/f/check/${token}`);
    expect(res.status).toBe(410);
    html = await res.text();
    expect(html).toMatch(/<html lang="fr">[\s\S]*<h1>Lien expiré<\/h1>[\s\S]*Ce lien a expiré\. Demandez-nous un nouveau lien\u202f; rien n’a été modifié\./);
  });

  it("the sign-off page's refusals are in its own language, the contract's: ACME's signer reads French", async () => {
    const ref = await aJob(kit);
    await assignJob(await kit.as('dana'), { job: ref, technician: 'tom' });
    const [job] = await kit.db.db.select().from(jobs).where(eq(jobs.ref, ref));
    const tom = (await kit.as('tom')).actor.person!.id;
    const token = publicLink(kit.app.ctx.services, { p: 'sign', j: job!.id, u: tom }, kit.clock.now())!.split('/').pop()!;
    const f = new FormData();
    f.set('csrf', csrfToken(token, kit.app.ctx.services.actionSecret));
    f.set('step', 'PM-HVAC:1');
    f.set('name', 'Claire Martin');
    f.set('role', 'responsable');
    const res = await kit.app.api.request(`/f/sign/${token}`, { method: 'POST', body: f });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/<html lang="fr">/);
    expect(html).toContain('Signez d’abord dans le cadre\u00a0: le tracé de la signature n’est pas arrivé.');
  });

  it('the offline page the checklist stores for its service worker is in the language asked for', async () => {
    const fr = await (await get('/f/offline/fr')).text();
    expect(fr).toMatch(/<html lang="fr">[\s\S]*<h1>Hors ligne<\/h1>[\s\S]*Vous êtes hors ligne, et cette liste de contrôle n’a jamais été ouverte sur ce téléphone/);
    expect(await (await get('/f/offline/en')).text()).toMatch(/<html lang="en">[\s\S]*You are offline, and this checklist was not opened on this phone before/);
    // The French checklist page points its script at the French one.
    const { token } = await frenchTomsJob();
    expect(await (await get(`/f/check/${token}`)).text()).toContain('"offline":"/f/offline/fr"');
  });
});
