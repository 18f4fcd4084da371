/** Billing over HTTP: offline time sync, parts, invoices and their exports, disputes, usage. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { timeEntries } from '../../db/schema.js';
import { createToken } from '../../src/api/tokens.js';
import { testKit, type TestKit } from '../support/app.js';
import { job } from './helpers.js';

let kit: TestKit;
let field: string;
let books: string;
let reader: string;
beforeAll(async () => {
  kit = await testKit();
});
afterAll(async () => kit?.close());
beforeEach(async () => {
  await kit.reset();
  field = await createToken(kit.db.db, 'field-sync', ['read', 'write']);
  books = await createToken(kit.db.db, 'books', ['read', 'finance']);
  reader = await createToken(kit.db.db, 'bi', ['read']);
  kit.clock.set('2026-10-06T15:00:00Z');
});

/** A JSON body read loosely: the assertions below say what it must hold. */
type Body = Record<string, unknown> & { lines: Record<string, unknown>[]; errors: string[]; paths: Record<string, unknown>; duplicate: boolean; detail: string; status: string };
const body = async (r: Response): Promise<Body> => (await r.json()) as Body;

const call = (token: string, method: string, path: string, body?: unknown) =>
  kit.app.api.request(path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });

describe('billing API', () => {
  it('syncs time with explicit instants: 201, a retry 200, refusals as problem+json, nothing written', async () => {
    const ref = await job(await kit.as('dana'), 'ACME-HVAC', 'PAR-HQ', 'P3', '2026-10-06T06:00:00Z');
    const entry = { start: '2026-10-06T09:00:00+02:00', end: '2026-10-06T11:15:00+02:00', code: 'HVAC-LAB', note: 'offline', technician: 'tom' };
    const r1 = await call(field, 'POST', `/api/v1/jobs/${ref}/time`, entry);
    expect(r1.status).toBe(201);
    expect(await r1.json()).toMatchObject({ job: ref, person: { name: 'Tom Technician' }, code: 'HVAC-LAB', kind: 'labour', minutes: 135, duplicate: false, start: '2026-10-06T07:00:00.000Z' });
    const r2 = await call(field, 'POST', `/api/v1/jobs/${ref}/time`, entry);
    expect(r2.status).toBe(200);
    expect((await body(r2)).duplicate).toBe(true);
    const oos = await call(field, 'POST', `/api/v1/jobs/${ref}/time`, { ...entry, start: '2026-10-06T12:00:00+02:00', end: '2026-10-06T13:00:00+02:00', code: 'DUCT-CLEAN' });
    expect(oos.status).toBe(412);
    expect(oos.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await body(oos)).detail).toMatch(/out of scope/);
    const bad = await call(field, 'POST', `/api/v1/jobs/${ref}/time`, { ...entry, end: 'soon' });
    expect(bad.status).toBe(400);
    const denied = await call(reader, 'POST', `/api/v1/jobs/${ref}/time`, entry);
    expect(denied.status).toBe(403);
    expect(await kit.db.db.select().from(timeEntries)).toHaveLength(1);
  });

  it('records parts, refusing unknown SKUs with the closest', async () => {
    const ref = await job(await kit.as('dana'), 'ACME-HVAC', 'PAR-HQ', 'P3', '2026-10-06T06:00:00Z');
    const ok = await call(field, 'POST', `/api/v1/jobs/${ref}/parts`, { sku: 'filter-20x25', qty: 3, technician: 'tom' });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ sku: 'FILTER-20X25', qty: 3, listPrice: 1850, currency: 'EUR' });
    const no = await call(field, 'POST', `/api/v1/jobs/${ref}/parts`, { sku: 'FILTER-20X20', technician: 'tom' });
    expect(no.status).toBe(404);
    expect((await body(no)).errors[0]).toMatch(/Closest SKUs: FILTER-20X25/);
  });

  it('previews, issues once, exports CSV and JSON, takes disputes and credit notes', async () => {
    const ref = await job(await kit.as('dana'), 'ACME-HVAC', 'PAR-HQ', 'P3', '2026-10-06T06:00:00Z');
    await call(field, 'POST', `/api/v1/jobs/${ref}/time`, { start: '2026-10-06T09:00:00+02:00', end: '2026-10-06T10:00:00+02:00', technician: 'tom' });
    kit.clock.set('2026-11-02T09:00:00Z');
    const preview = await call(reader, 'GET', '/api/v1/contracts/acme-hvac/invoice?period=2026-10');
    expect(preview.status).toBe(200);
    const p = await body(preview);
    expect(p).toMatchObject({ number: 'ACME-HVAC-2026-10', status: 'preview', currency: 'EUR', totals: { total: 180000 + 8500 + 4500 } });
    expect(p.lines[1]).toMatchObject({ line: 2, job: ref, site: 'PAR-HQ', code: 'HVAC-LAB', minutes: 60, unitPrice: 8500, amount: 8500, rule: 'tarif standard, ACME-HVAC v1, rates.HVAC-LAB' });
    expect((await call(field, 'POST', '/api/v1/invoices', { contract: 'ACME-HVAC', period: '2026-10' })).status).toBe(403);
    const issued = await call(books, 'POST', '/api/v1/invoices', { contract: 'ACME-HVAC', period: '2026-10' });
    expect(issued.status).toBe(201);
    expect(await body(issued)).toMatchObject({ status: 'issued', number: 'F000001', reference: 'ACME-HVAC-2026-10' });
    expect((await call(books, 'POST', '/api/v1/invoices', { contract: 'ACME-HVAC', period: '2026-10' })).status).toBe(409);
    const csv = await call(reader, 'GET', '/api/v1/invoices/ACME-HVAC-2026-10.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(/^invoice_number,reference,document,corrects,issued_at,period_from,period_to,customer,currency,line,date,job,site,code,description,quantity,unit,unit_price,amount,covered,nominal_value,rule,contract_version,total_ex_tax$/);
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^F000001,ACME-HVAC-2026-10,invoice,,/);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="F000001.csv"');
    const json = await call(reader, 'GET', '/api/v1/invoices/ACME-HVAC-2026-10.json');
    expect(await json.json()).toMatchObject({ number: 'F000001', reference: 'ACME-HVAC-2026-10', totalExTax: '1930.00' });
    const dispute = await call(field, 'POST', '/api/v1/invoices/ACME-HVAC-2026-10/disputes', { line: 2, reason: 'was 45 minutes' });
    expect(dispute.status).toBe(201);
    const cn = await call(books, 'POST', '/api/v1/invoices/ACME-HVAC-2026-10/credit-notes', { line: 2, reason: 'was 45 minutes', amount: 2125 });
    expect(cn.status).toBe(201);
    expect(await cn.json()).toMatchObject({ number: 'AV000001', reference: 'ACME-HVAC-2026-10-CN1', document: 'credit_note', corrects: 'F000001', totalExTax: '-21.25' });
    expect((await call(reader, 'GET', '/api/v1/invoices/NOPE-2026-10.json')).status).toBe(404);
  });

  // The e-invoice library compiles its JSON schema on first use: seconds on a busy machine.
  it('serves the issued invoice as Factur-X PDF, UBL and CII to finance tokens only', { timeout: 120_000 }, async () => {
    kit.clock.set('2026-11-02T09:00:00Z');
    expect((await call(books, 'POST', '/api/v1/invoices', { contract: 'ACME-HVAC', period: '2026-10' })).status).toBe(201);
    const pdf = await call(books, 'GET', '/api/v1/invoices/F000001.pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const ubl = await call(books, 'GET', '/api/v1/invoices/ACME-HVAC-2026-10.ubl.xml');
    expect(ubl.status).toBe(200);
    expect(ubl.headers.get('content-disposition')).toContain('F000001.ubl.xml');
    expect(await ubl.text()).toMatch(/<cbc:ID>F000001<\/cbc:ID>/);
    const cii = await call(books, 'GET', '/api/v1/invoices/F000001.cii.xml');
    expect(await cii.text()).toMatch(/<rsm:ExchangedDocument>\s*<ram:ID>F000001</);
    const denied = await call(reader, 'GET', '/api/v1/invoices/F000001.pdf');
    expect(denied.status).toBe(403);
    expect((await call(reader, 'GET', '/api/v1/invoices/F000001.json')).status).toBe(200);
  });

  it('answers billed vs promised and usage', async () => {
    kit.clock.set('2026-11-24T15:00:00Z');
    const bvp = await call(reader, 'GET', '/api/v1/contracts/NORTHWIND-TEL/billed-vs-promised?period=2026-11');
    expect(bvp.status).toBe(200);
    expect(await bvp.json()).toMatchObject({ contractId: 'NORTHWIND-TEL', promised: { fee: 420000, prepaid: [{ hours: 60, leftMinutes: 3600 }] }, unbilled: { minutes: 0 } });
    const usage = await call(reader, 'GET', '/api/v1/contracts/northwind-tel/usage');
    expect(usage.status).toBe(200);
    expect(await usage.json()).toMatchObject({ contractId: 'NORTHWIND-TEL', month: '2026-11', banks: [{ leftMinutes: 3600, active: true }], credits: { cap: 105000 } });
    const doc = await body(await kit.app.api.request('/api/openapi.json'));
    for (const path of ['/api/v1/jobs/{id}/time', '/api/v1/jobs/{id}/parts', '/api/v1/invoices', '/api/v1/contracts/{id}/invoice', '/api/v1/invoices/{file}', '/api/v1/contracts/{id}/usage', '/api/v1/contracts/{id}/billed-vs-promised']) expect(doc.paths[path]).toBeDefined();
  });
});
