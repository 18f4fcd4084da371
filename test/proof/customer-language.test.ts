/**
 * The customer's language: everything a customer reads is written in the contract's `locale`
 * (docs/languages.md "The customer's language"). ACME-HVAC is fr-FR, NORTHWIND-TEL en-GB; a fr-CA
 * copy of St Luke's writes Canadian French.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { customerMessages } from '../../db/schema.js';
import { createContract } from '../../src/contracts/create-contract.js';
import { getVersion } from '../../src/contracts/store.js';
import { schedulerActor, withActor } from '../../src/context.js';
import { customerVoice } from '../../src/i18n/customer.js';
import { createJob } from '../../src/jobs/create-job.js';
import { loadJob } from '../../src/jobs/job-store.js';
import { loadMessageView } from '../../src/messages/load-message.js';
import { renderMessage } from '../../src/messages/view.js';
import { closingReport } from '../../src/proof/closing-report.js';
import { tickStep } from '../../src/proof/tick-step.js';
import { reportHtml, reportPdf } from '../../src/reports/export.js';
import { say } from '../billing/helpers.js';
import { pdfText, picture, tempDir } from './helpers.js';
import { pilotText } from '../support/pilots.js';
import { testKit, type TestKit } from '../support/app.js';

let kit: TestKit;
beforeAll(async () => {
  kit = await testKit({ now: '2026-11-24T14:00:00Z', env: { ATTACHMENTS_DIR: tempDir('lang') } });
});
afterAll(async () => kit?.close());
beforeEach(async () => {
  await kit.reset();
  kit.clock.set('2026-11-24T14:00:00Z');
});

/** Intl writes French money with narrow no-break spaces; the tests read them as plain spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

async function draft(ref: string, kind: string) {
  const job = await loadJob(kit.db.db, ref);
  const rows = await kit.db.db.select().from(customerMessages).where(eq(customerMessages.jobId, job.id));
  const row = rows.find((r) => r.kind === kind)!;
  return loadMessageView(kit.db.db, row.id, kit.clock.now());
}

describe("the customer's language", () => {
  it("ACME-HVAC (fr-FR): the confirmation draft has French dates, its subject is French, and the closing text French money", async () => {
    const dana = await kit.as('dana');
    const { ref } = await createJob(dana, { contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P3', summary: 'Clim en panne', at: new Date('2026-11-24T07:00:00Z') });
    const m = await draft(ref, 'confirmation');
    // P3: 8 business hours to respond on the office calendar (Paris, 08:00-18:00), from Tue 08:00.
    expect(m.text).toContain('intervention au plus tard le mardi 24 novembre 2026 à 16:00, rétablissement au plus tard le ');
    expect(m.text).not.toMatch(/\b(Mon|Tue|Wed|Thu|Fri|Nov|CET)\b/);
    expect(m.subject).toBe(`${ref}\u00a0: demande d’intervention reçue (Acme Facilities SAS)`);

    await say(kit, await kit.as('tom'), `/log ${ref} 09:00-11:00 HVAC-LAB`);
    const job = await loadJob(kit.db.db, ref);
    const contract = (await getVersion(kit.db.db, 'ACME-HVAC')).contract;
    const closing = plain(await renderMessage(kit.app.ctx, job, contract, 'closing'));
    expect(closing).toContain(`La demande ${ref} est clôturée. Couvert par le contrat : 0,00 €. Facturable : 215,00 €.`);
  });

  it('NORTHWIND-TEL (en-GB): the confirmation draft and its subject stay English', async () => {
    const dana = await kit.as('dana');
    const { ref } = await createJob(dana, { contract: 'NORTHWIND-TEL', site: 'LDN-CORE', priority: 'P1', summary: 'Core router down' });
    const m = await draft(ref, 'confirmation');
    expect(m.text).toMatch(/Response due Tue 24 Nov 2026 \d\d:\d\d GMT, restore due Tue 24 Nov 2026 \d\d:\d\d GMT\./);
    expect(m.subject).toBe(`${ref}: Service request received (Northwind Broadband Ltd)`);
  });

  it('a fr-CA contract writes money and dates as Canadian French', async () => {
    expect(plain(customerVoice('fr-CA').money(180000, 'CAD'))).toBe('1 800,00 $');
    expect(plain(customerVoice('fr-FR').money(180000, 'EUR'))).toBe('1 800,00 €');
    expect(customerVoice('en-GB').money(180000, 'EUR')).toBe('EUR 1,800.00');
    const text = pilotText('STLUKE-BIOMED').replace('id: STLUKE-BIOMED', 'id: STLUKE-QC').replace('locale: en-CA', 'locale: fr-CA');
    await createContract(withActor(kit.app.ctx, schedulerActor), { terms: { text }, reason: 'test: a Québec copy' });
    const dana = await kit.as('dana');
    const { ref } = await createJob(dana, { contract: 'STLUKE-QC', site: 'SLR-ICU', priority: 'P1', summary: 'Pompe en alarme' });
    const job = await loadJob(kit.db.db, ref);
    const contract = (await getVersion(kit.db.db, 'STLUKE-QC')).contract;
    expect(contract.locale).toBe('fr-CA');
    // St Luke's wrote its templates in English: the words stay theirs, the values are Canadian French.
    expect((await draft(ref, 'confirmation')).text).toContain('Response by mardi 24 novembre 2026 à 09 h 30; restoration by mardi 24 novembre 2026 à 13 h 00.');
    expect(plain(await renderMessage(kit.app.ctx, job, contract, 'closing'))).toContain('Covered under agreement: 0,00 $. Billable: 0,00 $.');
  });

  it('a French closing report (HTML and PDF) has French labels, dates and money', async () => {
    const dana = await kit.as('dana');
    const { ref } = await createJob(dana, { contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P3', summary: 'Clim en panne', at: new Date('2026-11-24T07:00:00Z') });
    await say(kit, await kit.as('tom'), `/log ${ref} 09:00-11:00 HVAC-LAB`);
    const data = await closingReport(dana, { job: ref });
    const pdf = plain(await pdfText(await reportPdf(kit.app.ctx, data)));
    for (const s of [`Rapport d’intervention ${ref}`, 'Niveau de service', 'Intervention : en cours', 'Travaux réalisés', 'Couvert et facturable', '2 heures, 170,00 €, facturable', 'Facturable : 215,00 €', 'Signalée le : mardi 24 novembre 2026 à 08:00']) {
      expect(pdf).toContain(s);
    }
    expect(pdf).toContain('24/11/2026 Corrective labour (HVAC-LAB)');
    // The lines and the rules that priced them read as the invoice will, in French.
    expect(pdf).toContain('tarif standard, ACME-HVAC v1, rates.HVAC-LAB');
    expect(pdf).toContain('déplacement par visite (rates.TRAVEL), ACME-HVAC v1, modifiers.travel');
    expect(pdf).not.toMatch(/Closing report|Service level|Billable|EUR \d|Nov|CET|standard rate|travel per/);
    const html = plain(await reportHtml(kit.app.ctx, data));
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<th>Prestation, et la clause qui la tarife</th>');
  });
  it("ACME-HVAC (fr-FR): the closing report's proof reads French; a French copy of St Luke's writes the signature image in French, the English one as before", async () => {
    const dana = await kit.as('dana');
    const tom = await kit.as('tom');
    const { ref } = await createJob(dana, { contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P4', summary: 'Visite préventive', at: new Date('2026-11-24T08:00:00Z') });
    for (const step of [1, 2, 3, 4]) await tickStep(tom, { job: ref, code: 'HVAC-PM', step });
    await tickStep(tom, { job: ref, code: 'HVAC-PM', step: 5, file: { name: 'plaque.jpg', contentType: 'image/jpeg', data: await picture('jpeg') } });
    const acme = await closingReport(dana, { job: ref });
    expect(acme.report.checklists.find((l) => l.code === 'HVAC-PM')!.steps[4]!.proofText).toBe('photo plaque.jpg');
    expect(plain(await pdfText(await reportPdf(kit.app.ctx, acme)))).toContain('photo plaque.jpg');

    const text = pilotText('STLUKE-BIOMED').replace('id: STLUKE-BIOMED', 'id: STLUKE-QC').replace('locale: en-CA', 'locale: fr-CA');
    await createContract(withActor(kit.app.ctx, schedulerActor), { terms: { text }, reason: 'test: a Québec copy' });
    const signed = async (contract: string, role: string) => {
      const job = await createJob(dana, { contract, site: 'SLR-ICU', priority: 'P2', summary: 'Pompe en alarme' });
      await tickStep(tom, { job: job.ref, step: 1 });
      await tickStep(tom, { job: job.ref, step: 2 });
      await tickStep(tom, { job: job.ref, step: 3, reading: '0.3 mA' });
      await tickStep(tom, { job: job.ref, step: 4, signature: `Jane Roe, ${role}`, file: { name: 'signature.png', contentType: 'image/png', data: await picture('png') } });
      return (await closingReport(dana, { job: job.ref })).report.checklists[0]!.steps.map((s) => s.proofText);
    };
    expect(await signed('STLUKE-QC', 'infirmière')).toEqual([undefined, undefined, '0.3 mA', 'Jane Roe (infirmière), image de la signature\u00a0: signature.png']);
    expect(await signed('STLUKE-BIOMED', 'charge nurse')).toEqual([undefined, undefined, '0.3 mA', 'Jane Roe (charge nurse), signature image signature.png']);
  });
});
