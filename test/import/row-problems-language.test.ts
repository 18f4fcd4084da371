/**
 * An import's row problems in the reader's language: a French admin's `/import` of files whose
 * rows have a bad amount, a bad duration, an unknown unit, an unknown contract, a missing required
 * cell, a duplicate, an ambiguous date, a role that is none, reads French for each row and none of
 * the old English sentences; the same files in English read as they always did, and the API
 * answers English whoever imports.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createToken } from '../../src/api/tokens.js';
import { cardText } from '../proof/helpers.js';
import { testKit, type TestKit } from '../support/app.js';

/** Words of the English row problems ("is not an amount", "is required for a new code", …), none of them French. */
const ENGLISH = /\b(is|are|not|an|amount|write|duration|must|be|one|of|no|add|it|with|contracts|same|required|for|new|already|on|line|could|the|as|role|roles|person|like)\b/i;

/** The data of these files, shown as typed or stored: taken out before looking for English. */
const DATA = /rates\.csv|contracts\.csv|people\.csv|«[^»]*»|\b(price|includes|unit|name|start|roles|hour|visit|each|day|km|technician|dispatcher|manager|finance|admin|ACME-HVAC|NEW-\d|ZZZ-9|NEW-C|lea@demo\.example)\b|\d{4}-\d\d-\d\d|\d+(:\d+)?[hm]?/g;

const rates = [
  'contract;code;name;unit;price;includes',
  'ACME-HVAC;NEW-1;Dépannage;hour;abc;',
  'ACME-HVAC;NEW-2;Visite;visit;10,00;xyz',
  'ACME-HVAC;NEW-3;Fioul;litre;5,00;',
  'ZZZ-9;NEW-4;Trajet;km;0,50;',
  'ACME-HVAC;NEW-5;;hour;5,00;',
  'ACME-HVAC;NEW-1;Dépannage bis;hour;90,00;',
].join('\n');

const contractsCsv = 'id;customer;start;end;template\nNEW-C;Client Neuf;03/04/2026;2026-12-31;ACME-HVAC\n';
const peopleCsv = 'email;name;roles\nlea@demo.example;Léa;plombier\nlea@demo.example;Léa;technician\n';

let kit: TestKit;
beforeAll(async () => {
  kit = await testKit();
});
afterAll(async () => kit?.close());
beforeEach(async () => {
  await kit.reset();
  kit.clock.set('2026-10-06T08:00:00Z');
});

async function importAs(lang: 'en' | 'fr', name: string, text: string): Promise<string[]> {
  await kit.app.dispatch(await kit.as('ada'), `/language ${lang}`);
  const file = { name, contentType: 'text/csv', data: Buffer.from(text) };
  const reply = cardText(await kit.app.dispatch(await kit.as('ada'), '/import', [file]));
  return reply
    .replace(/[\u00a0\u202f]/g, ' ')
    .split('\n')
    .map((l) => l.replace(/^[^a-z]*(?=[a-z]+\.csv)/, ''))
    .filter((l) => l.startsWith(name));
}

describe("an import's row problems", () => {
  it('read French for a French admin, with no English sentence left', async () => {
    const fr = await importAs('fr', 'rates.csv', rates);
    expect(fr).toEqual([
      'rates.csv ligne 2 : price : « abc » n’est pas un montant (écrivez 85.00 ou 85,00)',
      'rates.csv ligne 3 : includes : « xyz » n’est pas une durée (écrivez 15m, 2h, 1h30m ou 1:30)',
      'rates.csv ligne 4 : unit : « litre » doit être l’une de ces valeurs : hour, visit, each, day, km',
      'rates.csv ligne 5 : aucun contrat ZZZ-9 ; ajoutez-le avec un fichier de contrats dans le même import',
      'rates.csv ligne 6 : name : est obligatoire pour un nouveau code',
      'rates.csv ligne 7 : ACME-HVAC NEW-1 figure déjà ligne 2',
    ]);
    for (const line of fr) expect(line.replace(DATA, ''), line).not.toMatch(ENGLISH);
  });

  it('read the same in English as before', async () => {
    expect(await importAs('en', 'rates.csv', rates)).toEqual([
      'rates.csv line 2: price: "abc" is not an amount (write 85.00 or 85,00)',
      'rates.csv line 3: includes: "xyz" is not a duration (write 15m, 2h, 1h30m or 1:30)',
      'rates.csv line 4: unit: "litre" must be one of: hour, visit, each, day, km',
      'rates.csv line 5: no contract ZZZ-9; add it with a contracts file in the same import',
      'rates.csv line 6: name: is required for a new code',
      'rates.csv line 7: ACME-HVAC NEW-1 is already on line 2',
    ]);
  });

  it('show an ambiguous date back in the reader’s words, and a person’s roles and duplicate', async () => {
    const fr = await importAs('fr', 'contracts.csv', contractsCsv);
    expect(fr).toEqual(['contracts.csv ligne 2 : start : « 03/04/2026 » peut être le 3 avril 2026 ou le 4 mars 2026 ; écrivez la date en AAAA-MM-JJ']);
    expect(await importAs('en', 'contracts.csv', contractsCsv)).toEqual(['contracts.csv line 2: start: "03/04/2026" could be 2026-04-03 or 2026-03-04; write the date as YYYY-MM-DD']);

    const people = await importAs('fr', 'people.csv', peopleCsv);
    expect(people).toEqual([
      'people.csv ligne 2 : roles : « plombier » n’est pas un rôle ; les rôles sont technician, dispatcher, manager, finance, admin',
      'people.csv ligne 3 : lea@demo.example figure déjà ligne 2',
    ]);
    for (const line of [...fr, ...people]) expect(line.replace(DATA, ''), line).not.toMatch(ENGLISH);
  });

  it('answer in English over the API', async () => {
    const token = await createToken(kit.db.db, 'erp', ['read', 'write', 'admin']);
    const res = await kit.app.api.request('/api/v1/imports?name=rates.csv', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body: rates });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: string[] };
    expect(body.errors).toContain('rates.csv line 2: price: "abc" is not an amount (write 85.00 or 85,00)');
    expect(body.errors).toContain('rates.csv line 6: name: is required for a new code');
  });
});
