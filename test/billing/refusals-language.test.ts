/**
 * Refusals in the reader’s language: a French technician is refused in French in chat, with the
 * values of the case in it; the API answers the same case in English.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { partUses, timeEntries } from '../../db/schema.js';
import { createToken } from '../../src/api/tokens.js';
import { issueInvoice } from '../../src/billing/issue-invoice.js';
import { logTime } from '../../src/billing/log-time.js';
import { inLanguage } from '../../src/i18n/index.js';
import { testKit, type TestKit } from '../support/app.js';
import { job, personId, refused, say } from './helpers.js';

let kit: TestKit;
let tomToken: string;
beforeAll(async () => {
  kit = await testKit();
});
afterAll(async () => kit?.close());
beforeEach(async () => {
  await kit.reset();
  kit.clock.set('2026-10-06T15:00:00Z'); // Tue 17:00 in Paris
  await say(kit, await kit.as('tom'), '/language fr');
  tomToken = await createToken(kit.db.db, 'tom-phone', ['read', 'write'], await personId(kit, 'tom'));
});

const api = async (method: string, path: string, body: unknown) => {
  const r = await kit.app.api.request(path, { method, headers: { authorization: `Bearer ${tomToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: r.status, detail: ((await r.json()) as { detail: string }).detail };
};
const rows = async () => ({ time: (await kit.db.db.select().from(timeEntries)).length, parts: (await kit.db.db.select().from(partUses)).length });

describe('a French technician is refused in French; the API says the same in English', () => {
  it('an entry longer than a day, and one in the future', async () => {
    const ref = await job(await kit.as('dana'), 'ACME-HVAC', 'PAR-HQ', 'P3', '2026-10-04T06:00:00Z');
    const tom = await kit.as('tom');
    const before = await rows();
    await refused(kit, tom, `/log ${ref} 26h`, /Cela n’a pas marché[\s\S]*Une saisie de 26\sh dépasse une journée\u00a0: découpez-la par jour \(un chrono oublié\u202f\?\)\./);
    await refused(kit, tom, `/log ${ref} 2026-10-06 20:00-21:00`, /mar\. 6 oct\. 21:00 est dans le futur \(il est mar\. 6 oct\. 17:00, heure du site\)\u202f; le temps se saisit une fois travaillé\./);
    const r = await api('POST', `/api/v1/jobs/${ref}/time`, { start: '2026-10-05T08:00:00+02:00', end: '2026-10-06T10:00:00+02:00' });
    expect(r).toEqual({ status: 400, detail: 'An entry of 26h is longer than a day: split it by day (a forgotten timer?).' });
    expect(await rows()).toEqual(before);
  });

  it('a part that is not on the price list', async () => {
    const ref = await job(await kit.as('dana'), 'ACME-HVAC', 'PAR-HQ', 'P3', '2026-10-06T06:00:00Z');
    const c = await refused(kit, await kit.as('tom'), `/part ${ref} BELT-A43`, /Introuvable[\s\S]*BELT-A43 n’est pas au tarif de ACME-HVAC v1\u202f; rien n’a été enregistré\./);
    expect(JSON.stringify(c)).toMatch(/Références les plus proches\u00a0: BELT-A42/);
    expect(JSON.stringify(c)).toContain('Une pièce que le contrat ne liste pas demande d’abord un devis hors périmètre approuvé.');
    // Even called from inside a French context, the API answers in English.
    const r = await inLanguage('fr', () => api('POST', `/api/v1/jobs/${ref}/parts`, { sku: 'BELT-A43', technician: 'tom' }));
    expect(r).toEqual({ status: 404, detail: 'BELT-A43 is not on the ACME-HVAC v1 price list; nothing was recorded.' });
    expect((await rows()).parts).toBe(0);
  });

  it('a checklist asked for a task code the contract does not have', async () => {
    const ref = await job(await kit.as('dana'), 'ACME-HVAC', 'PAR-HQ', 'P3', '2026-10-06T06:00:00Z');
    const c = await refused(kit, await kit.as('tom'), `/check ${ref} NOPE`, /Cela n’a pas marché[\s\S]*ACME-HVAC n’a pas de code de tâche NOPE\./);
    expect(JSON.stringify(c)).toMatch(/Codes avec une liste de contrôle\u00a0: HVAC-PM/);
    const r = await kit.app.api.request(`/api/v1/jobs/${ref}/checklist?code=NOPE`, { headers: { authorization: `Bearer ${tomToken}` } });
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({ detail: 'ACME-HVAC has no task code NOPE.', errors: [expect.stringMatching(/^Codes with a checklist: HVAC-PM/)] });
  });

  it('an edit of an entry already invoiced', async () => {
    const ref = await job(await kit.as('dana'), 'ACME-HVAC', 'PAR-HQ', 'P3', '2026-10-06T06:00:00Z');
    const t = await logTime(await kit.as('tom'), { job: ref, start: new Date('2026-10-06T07:00:00Z'), end: new Date('2026-10-06T09:00:00Z'), code: 'HVAC-LAB' });
    kit.clock.set('2026-11-02T09:00:00Z');
    await issueInvoice(await kit.as('fiona'), { contract: 'ACME-HVAC', period: '2026-10' });
    const entry = t.entry.id;
    await refused(kit, await kit.as('tom'), `/log edit T${entry} 09:00-10:00 "parti à dix heures"`, new RegExp(`Non autorisé[\\s\\S]*T${entry} figure sur la facture émise ACME-HVAC-2026-10\u202f; un répartiteur ou la finance la corrige désormais, par un ajustement sur la facture suivante\\.`));
    const r = await api('PATCH', `/api/v1/time-entries/${entry}`, { end: '2026-10-06T10:00:00+02:00', reason: 'left at ten' });
    expect(r).toEqual({ status: 403, detail: `T${entry} is on issued invoice ACME-HVAC-2026-10; a dispatcher or finance corrects it now, as an adjustment on the next invoice.` });
    const [row] = await kit.db.db.select().from(timeEntries);
    expect(row!.endAt!.toISOString()).toBe('2026-10-06T09:00:00.000Z');
  });
});
