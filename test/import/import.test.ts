/**
 * Importing spreadsheets on the real database: messy European exports, a bad row that stops the
 * whole file, dry runs, amendments with who/when/why, new contracts from a template, people, and
 * export -> import changing nothing. Runs on PGlite and on Postgres (DATABASE_URL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { auditLog, contractVersions, people, sites } from '../../db/schema.js';
import type { Ctx } from '../../src/context.js';
import { getVersion } from '../../src/contracts/store.js';
import { AppError } from '../../src/errors.js';
import { exportCsv } from '../../src/export/export-csv.js';
import { importCsv } from '../../src/import/import-csv.js';
import { IMPORT_KINDS } from '../../src/import/kinds.js';
import { plain } from '../../cards/card.js';
import { testKit, type TestKit } from '../support/app.js';

// One database for the file, no reset between tests: parsed contract versions are cached by
// (contract, version) for the life of the process, which truncating would make lie. Tests that
// amend use their own contract or count versions from where they start.
let kit: TestKit;
let ada: Ctx;
beforeAll(async () => {
  kit = await testKit({ now: '2026-11-23T08:00:00Z' });
  ada = await kit.as('ada');
});
afterAll(async () => kit?.close());

const versions = async (id: string) => Number((await kit.db.db.select({ n: count() }).from(contractVersions).where(eq(contractVersions.contractId, id)))[0]!.n);
const everyVersion = async () => Number((await kit.db.db.select({ n: count() }).from(contractVersions))[0]!.n);

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected the import to be refused');
}

/** What Excel writes for "CSV UTF-8" in a French locale: BOM, `;`, decimal commas, CRLF. */
const EXCEL_FR = (rows: string[]) => Buffer.from(`\uFEFF${['Contract;Code;Name;Unit;Price;Covered;Includes;Overrun;Out of scope;Billing increment;Billing minimum', ...rows].join('\r\n')}\r\n`, 'utf8');

describe('importing the rate library', () => {
  it('reads a messy European export and turns the changes into one amendment with who, when and why', async () => {
    const file = EXCEL_FR([
      'ACME-HVAC;HVAC-LAB;"Corrective labour\r\n(on call)";hour;92,50;non;;;non;15m;30m',
      '',
      'ACME-HVAC;HVAC-NIGHT;Night call-out;visit;1 234,50;;;;oui;;',
      'ACME-HVAC;TRAVEL;Travel (flat, per visit);visit;45,00;false;;;false;;',
      ';;;;;;;;;;',
    ]);
    const dry = await importCsv(ada, { files: [{ name: 'Tarifs 2027.csv', data: file }], dryRun: true });
    expect(dry.applied).toBe(false);
    expect(dry.files).toEqual([{ name: 'Tarifs 2027.csv', kind: 'rates', rows: 3, delimiter: ';', encoding: 'utf-8' }]);
    expect(dry.changes.map((c) => [c.line, c.key, c.action])).toEqual([
      [2, 'HVAC-LAB', 'changed'],
      [5, 'HVAC-NIGHT', 'new'],
      [6, 'TRAVEL', 'unchanged'],
    ]);
    expect(dry.changes[0]!.fields).toEqual([
      { field: 'name', from: 'Corrective labour', to: 'Corrective labour (on call)' },
      { field: 'price', from: '85.00', to: '92.50' },
    ]);
    expect(dry.contracts).toEqual([expect.objectContaining({ id: 'ACME-HVAC', action: 'amend', fromVersion: 1, version: 2, effectiveFrom: '2026-11-23' })]);
    expect(await versions('ACME-HVAC')).toBe(1);

    const done = await importCsv(ada, { files: [{ name: 'Tarifs 2027.csv', data: file }], reason: '2027 price list agreed with Claire Martin' });
    expect(done.applied).toBe(true);
    const v = await getVersion(kit.db.db, 'ACME-HVAC');
    expect(v.version).toBe(2);
    expect(v.effectiveFrom).toBe('2026-11-23');
    expect(v.createdByLabel).toBe('Ada Admin (shell)');
    expect(v.reason).toMatch(/^2027 price list agreed with Claire Martin \(CSV import of Tarifs 2027\.csv: HVAC-LAB name, price; HVAC-NIGHT new\)$/);
    expect(v.contract.rates.find((r) => r.code === 'HVAC-LAB')).toMatchObject({ name: 'Corrective labour (on call)', price: 9250, billing: { increment: 15, minimum: 30 } });
    expect(v.contract.rates.find((r) => r.code === 'HVAC-NIGHT')).toMatchObject({ price: 123450, unit: 'visit', outOfScope: true, covered: false });
    // Work before the amendment keeps the old price: version 1 is untouched.
    expect((await getVersion(kit.db.db, 'ACME-HVAC', 1)).contract.rates.find((r) => r.code === 'HVAC-LAB')!.price).toBe(8500);
    const [a] = await kit.db.db.select().from(auditLog).where(eq(auditLog.action, 'import.applied'));
    expect(a).toMatchObject({ actorLabel: 'Ada Admin (shell)', subjectId: 'Tarifs 2027.csv' });
  });

  it('writes nothing when one row in the middle is bad, and names its line and why', async () => {
    const before = await everyVersion();
    const file = EXCEL_FR([
      'ACME-HVAC;HVAC-LAB;Corrective labour;hour;90,00;;;;;15m;30m',
      'ACME-HVAC;HVAC-PM;"Preventive\r\nmaintenance visit";visit;0;oui;2h;HVAC-LAB;;;',
      'ACME-HVAC;DUCT-CLEAN;Duct cleaning (add-on);hours;95,00;;;;oui;;',
      'BRIGHTDESK-IT;IT-LAB;On-site IT labour;hour;130,00;;;;;15m;1h',
    ]);
    const err = await failure(importCsv(ada, { files: [{ name: 'rates.csv', data: file }] }));
    expect(err.code).toBe('invalid');
    expect(err.message).toBe('1 row has problems; nothing was imported.');
    expect(err.details).toEqual(['rates.csv line 5: unit: "hours" must be one of: hour, visit, each, day, km']);
    expect(await everyVersion()).toBe(before);
    expect((await getVersion(kit.db.db, 'BRIGHTDESK-IT')).contract.rates.find((r) => r.code === 'IT-LAB')!.price).toBe(12000);
  });

  it('reports every bad row at once, and what the contract loader says about the rows that read', async () => {
    const file = [
      'contract,code,name,unit,price,overrun',
      'ACME-HVAC,HVAC-LAB,Corrective labour,hour,"12,345",',
      'NOPE-CO,X1,Thing,hour,1.00,',
      'ACME-HVAC,HVAC-LAB,Again,hour,1.00,',
      'BRIGHTDESK-IT,IT-REMOTE,Remote support,hour,90.00,NO-SUCH-CODE',
      'BRIGHTDESK-IT,IT-NEW,New thing,,,',
    ].join('\n');
    const err = await failure(importCsv(ada, { files: [{ name: 'rates.csv', data: file }] }));
    expect(err.details).toEqual([
      'rates.csv line 2: price: "12,345" has more than 2 decimals (a single "," or "." is read as the decimal separator; write 12345 for the whole number)',
      expect.stringMatching(/^rates\.csv line 3: no contract NOPE-CO/),
      'rates.csv line 4: ACME-HVAC HVAC-LAB is already on line 2',
      'rates.csv line 6: unit: is required for a new code',
      'rates.csv line 6: price: is required for a new code',
    ]);
    const err2 = await failure(importCsv(ada, { files: [{ name: 'rates.csv', data: 'contract,code,overrun\nBRIGHTDESK-IT,IT-REMOTE,NO-SUCH-CODE\n' }] }));
    expect(err2.details).toEqual([
      'rates.csv line 2: BRIGHTDESK-IT would not be a valid contract: rates[IT-REMOTE].overrun: only covered codes have an overrun code',
      'rates.csv line 2: BRIGHTDESK-IT would not be a valid contract: rates[IT-REMOTE].overrun: unknown code "NO-SUCH-CODE" (known: IT-LAB, IT-REMOTE, TRAVEL)',
    ]);
  });

  it('refuses a file with unknown or missing columns before reading any row', async () => {
    const err = await failure(importCsv(ada, { files: [{ name: 'rates.csv', data: 'Contract,Prix,Code\nACME-HVAC,1,HVAC-LAB\n' }] }));
    expect(err.details).toEqual([
      'rates.csv line 1: unknown column "Prix" (did you mean price?). Known columns: contract, code, name, unit, price, covered, includes, overrun, out of scope, billing increment, billing minimum. Start a header with # to keep a column the import should skip.',
    ]);
    const err2 = await failure(importCsv(ada, { files: [{ name: 'rates.csv', data: 'contract,name\nACME-HVAC,x\n' }] }));
    expect(err2.details).toEqual(['rates.csv line 1: missing column: code']);
  });

  it('removes codes the file leaves out only when asked to replace', async () => {
    const file = 'contract,code\nBRIGHTDESK-IT,IT-LAB\nBRIGHTDESK-IT,IT-REMOTE\n';
    const keep = await importCsv(ada, { files: [{ name: 'rates.csv', data: file }], dryRun: true });
    expect(keep.counts).toEqual({ new: 0, changed: 0, unchanged: 2, removed: 0 });
    const err = await failure(importCsv(ada, { files: [{ name: 'rates.csv', data: file }], replace: true }));
    // TRAVEL is the contract's travel code: the loader refuses to lose it, so nothing is removed.
    expect(err.details.join('\n')).toMatch(/BRIGHTDESK-IT would not be a valid contract.*modifiers\.travel\.code/);
    const ok = await importCsv(ada, { files: [{ name: 'parts.csv', data: 'contract,sku\nBRIGHTDESK-IT,SSD-1TB\n' }], replace: true });
    expect(ok.changes.filter((c) => c.action === 'removed').map((c) => c.key)).toEqual(['PSU-650']);
    expect((await getVersion(kit.db.db, 'BRIGHTDESK-IT')).contract.parts.map((p) => p.sku)).toEqual(['SSD-1TB']);
  });

  it('is refused to people without the role to amend contracts', async () => {
    const tom = await kit.as('tom');
    const err = await failure(importCsv(tom, { files: [{ name: 'rates.csv', data: 'contract,code,price\nACME-HVAC,HVAC-LAB,1\n' }] }));
    expect(err.code).toBe('forbidden');
  });
});

describe('contracts, sites and people', () => {
  it('creates a contract from a template with its sites, in one go', async () => {
    const contractsCsv = 'id,customer,currency,start,end,fee,team,timezone,template\r\nACME-LYON,Acme Lyon SARL,EUR,2027-01-01,31.12.2027,"1 500,00",hvac-lyon,Europe/Paris,ACME-HVAC\r\n';
    const sitesCsv = 'contract;id;name;address;calendar;cap visits;cap per\r\nACME-LYON;LYO-2;Acme Lyon Part-Dieu;"10 rue Garibaldi\r\n69003 Lyon";office;12;year\r\n';
    const r = await importCsv(ada, { files: [{ name: 'contracts.csv', data: contractsCsv }, { name: 'sites.csv', data: sitesCsv }] });
    expect(r.contracts).toEqual([expect.objectContaining({ id: 'ACME-LYON', action: 'create', version: 1, effectiveFrom: '2027-01-01', template: 'ACME-HVAC' })]);
    const c = (await getVersion(kit.db.db, 'ACME-LYON')).contract;
    expect(c).toMatchObject({ customer: { name: 'Acme Lyon SARL', contacts: [] }, term: { start: '2027-01-01', end: '2027-12-31' }, fee: { amount: 150000 }, team: 'hvac-lyon', recurring: [] });
    expect(c.sites).toEqual([{ id: 'LYO-2', name: 'Acme Lyon Part-Dieu', address: '10 rue Garibaldi, 69003 Lyon', calendar: 'office', caps: { visits: 12, per: 'year' } }]);
    expect(c.rates).toEqual((await getVersion(kit.db.db, 'ACME-HVAC')).contract.rates);
    expect(r.notes.join('\n')).toMatch(/contacts, sites, recurring visits, prepaid hours and warranties are not/);
  });

  it('refuses a new contract without a template or without sites', async () => {
    const err = await failure(importCsv(ada, { files: [{ name: 'contracts.csv', data: 'id,customer,start,end\nNEW-CO,New Co,2027-01-01,2027-12-31\n' }] }));
    expect(err.details).toEqual([expect.stringMatching(/line 2: contract NEW-CO is new: give a template/)]);
    const err2 = await failure(importCsv(ada, { files: [{ name: 'contracts.csv', data: 'id,customer,start,end,template\nNEW-CO,New Co,2027-01-01,2027-12-31,ACME-HVAC\n' }] }));
    expect(err2.details).toEqual([expect.stringMatching(/line 2: contract NEW-CO is new and has no sites: import a sites file with it/)]);
  });

  it('amends the fee and moves the home zone of an existing contract', async () => {
    const r = await importCsv(ada, { files: [{ name: 'contracts.csv', data: 'id;fee;timezone\npetra-og;9750,00;America/Denver\n' }], effectiveFrom: '2027-01-01' });
    expect(r.changes[0]!.fields).toEqual([
      { field: 'fee', from: '9500.00', to: '9750.00' },
      { field: 'timezone', from: 'America/Chicago', to: 'America/Denver' },
    ]);
    const v = await getVersion(kit.db.db, 'PETRA-OG');
    expect([v.version, v.effectiveFrom, v.contract.fee.amount]).toEqual([2, '2027-01-01', 975000]);
    expect([v.contract.calendars.office, v.contract.calendars['refinery-access']]).toMatchObject([{ timezone: 'America/Denver' }, { timezone: 'America/Denver' }]);
    const err = await failure(importCsv(ada, { files: [{ name: 'contracts.csv', data: 'id,fee\nPETRA-OG,2000\n' }], effectiveFrom: '2026-12-01' }));
    expect(err.details.join('\n')).toMatch(/2026-12-01 is before version 2's \(2027-01-01\)/);
  });

  it('adds and changes people by e-mail, and never leaves the bot without an admin', async () => {
    const csv = 'email,name,roles,teams,zone,handle\nnew.tech@demo.example,Nia Newtech,technician,hvac-paris,Europe/Paris,nia\nDANA@demo.example,,dispatcher|manager,,,dana\n';
    const r = await importCsv(ada, { files: [{ name: 'people.csv', data: csv }] });
    expect(r.changes.map((c) => [c.key, c.action])).toEqual([
      ['new.tech@demo.example', 'new'],
      ['dana@demo.example', 'changed'],
    ]);
    expect(r.changes[1]!.fields.map((f) => f.field)).toEqual(['roles', 'teams']);
    const [nia] = await kit.db.db.select().from(people).where(eq(people.shellHandle, 'nia'));
    expect(nia).toMatchObject({ name: 'Nia Newtech', roles: ['technician'], teams: ['hvac-paris'], zone: 'Europe/Paris' });
    const err = await failure(importCsv(ada, { files: [{ name: 'people.csv', data: 'email,roles\nada@demo.example,manager\n' }] }));
    expect(err.details).toEqual(['people.csv line 2: this import would leave no active admin; keep the admin role on someone']);
    const err2 = await failure(importCsv(ada, { files: [{ name: 'people.csv', data: 'email,handle,roles\nx@demo.example,tom,cook\n' }] }));
    expect(err2.details).toEqual([
      'people.csv line 2: name: is required for a new person (the file has no such column)',
      'people.csv line 2: roles: "cook" is not a role; roles are technician, dispatcher, manager, finance, admin',
      'people.csv line 2: handle: tom already belongs to Tom Technician <tom@demo.example>',
    ]);
    const max = await kit.as('max');
    expect((await failure(importCsv(max, { files: [{ name: 'people.csv', data: csv }] }))).code).toBe('forbidden');
  });
});

describe('export -> import', () => {
  it('changes nothing for every kind, with either separator', async () => {
    const before = await everyVersion();
    for (const delimiter of [',', ';'] as const) {
      for (const kind of IMPORT_KINDS) {
        const e = await exportCsv(ada, { kind, delimiter });
        const r = await importCsv(ada, { files: [{ name: e.fileName, data: Buffer.from(e.csv, 'utf8') }] });
        expect({ kind, delimiter, counts: r.counts, amended: r.contracts.filter((c) => c.action !== 'none') }).toEqual({ kind, delimiter, counts: { new: 0, changed: 0, unchanged: e.rows, removed: 0 }, amended: [] });
      }
    }
    expect(await everyVersion()).toBe(before);
  });

  it('keeps a formula-looking name intact through a round trip, and neutralised in the file', async () => {
    await importCsv(ada, { files: [{ name: 'rates.csv', data: 'contract,code,name\nACME-HVAC,HVAC-LAB,"=HYPERLINK(""http://evil.example"",""Corrective"")"\n' }] });
    const e = await exportCsv(ada, { kind: 'rates', contract: 'ACME-HVAC' });
    expect(e.csv).toContain('ACME-HVAC,HVAC-LAB,');
    expect(e.csv).toContain(`"'=HYPERLINK(""http://evil.example"",""Corrective"")"`);
    expect(e.csv.split('\r\n').every((line) => !/(^|,)"?[=+@]/.test(line))).toBe(true);
    const again = await importCsv(ada, { files: [{ name: e.fileName, data: e.csv }] });
    expect(again.counts.changed).toBe(0);
    expect((await getVersion(kit.db.db, 'ACME-HVAC')).contract.rates.find((r) => r.code === 'HVAC-LAB')!.name).toBe('=HYPERLINK("http://evil.example","Corrective")');
  });

  it('edits one cell in an exported file and amends exactly that', async () => {
    const e = await exportCsv(ada, { kind: 'sites', delimiter: ';' });
    const edited = e.csv.replace('Acme HQ;', 'Acme Headquarters;');
    const r = await importCsv(ada, { files: [{ name: 'sites.csv', data: edited }] });
    expect(r.changes.filter((c) => c.action !== 'unchanged')).toEqual([expect.objectContaining({ key: 'PAR-HQ', action: 'changed', fields: [{ field: 'name', from: 'Acme HQ', to: 'Acme Headquarters' }] })]);
    expect(r.contracts.filter((c) => c.action === 'amend').map((c) => c.id)).toEqual(['ACME-HVAC']);
    // The sites look-up table follows the new version too (filters and the sites API read it).
    const [site] = await kit.db.db.select().from(sites).where(eq(sites.id, 'PAR-HQ'));
    expect(site!.name).toBe('Acme Headquarters');
  });
});

describe('/import in chat', () => {
  it('shows the plan for an attached file and imports it', async () => {
    const file = { name: 'rates.csv', contentType: 'text/csv', data: Buffer.from('contract;code;price\nBRIGHTDESK-IT;IT-LAB;125,00\n') };
    const lee = await kit.as('lee');
    const start = await versions('BRIGHTDESK-IT');
    const [dry] = await kit.app.dispatch(lee, '/import rates --dry-run', [file]);
    const text = JSON.stringify(dry);
    expect(dry!.title).toBe('Import: dry run');
    expect(text).toMatch(/BRIGHTDESK-IT IT-LAB changed: price 120\.00 -> 125\.00/);
    expect(await versions('BRIGHTDESK-IT')).toBe(start);
    const [done] = await kit.app.dispatch(lee, '/import rates --effective 2026-12-01 new price from December', [file]);
    expect(plain(done!.blocks[0]!.type === 'text' ? done!.blocks[0]!.text : '')).toMatch(/^Imported: 0 new, 1 changed/);
    const v = await getVersion(kit.db.db, 'BRIGHTDESK-IT');
    expect([v.version, v.effectiveFrom, v.reason]).toEqual([start + 1, '2026-12-01', 'new price from December (CSV import of rates.csv: IT-LAB price)']);
    const [usage] = await kit.app.dispatch(lee, '/import rates');
    expect(usage!.title).toBe('Usage');
  });
});
