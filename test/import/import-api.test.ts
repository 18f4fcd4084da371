/** Import and export over HTTP: text/csv and multipart bodies, problem+json with every bad line. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/api/tokens.js';
import { testKit, type TestKit } from '../support/app.js';

let kit: TestKit;
let admin: string;
let reader: string;
beforeAll(async () => {
  kit = await testKit({ now: '2026-11-23T08:00:00Z' });
  admin = await createToken(kit.db.db, 'erp', ['read', 'write', 'admin']);
  reader = await createToken(kit.db.db, 'bi', ['read']);
});
afterAll(async () => kit?.close());

const csvPost = (query: string, body: string | Buffer, headers: Record<string, string> = {}) =>
  kit.app.api.request(`/api/v1/imports${query}`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv', ...headers }, body });

interface Result {
  applied: boolean;
  counts: Record<string, number>;
  changes: { line: number; key: string; action: string }[];
  contracts: { id: string; action: string; version?: number }[];
}

describe('POST /api/v1/imports', () => {
  it('shows a dry run, then imports, from a text/csv body', async () => {
    const body = Buffer.from('\uFEFFcontract;sku;name;price\r\nACME-HVAC;FILTER-20X25;Pleated filter 20x25;19,90\r\nACME-HVAC;FAN-BELT;Fan belt;12,00\r\n');
    const dry = await csvPost('?kind=parts&dryRun=true', body);
    expect(dry.status).toBe(200);
    const plan = (await dry.json()) as Result;
    expect(plan).toMatchObject({ applied: false, counts: { new: 1, changed: 1, unchanged: 0, removed: 0 }, contracts: [{ id: 'ACME-HVAC', action: 'amend', version: 2 }] });
    const done = await csvPost('?kind=parts&reason=supplier%20price%20list', body);
    expect(done.status).toBe(201);
    expect(((await done.json()) as Result).applied).toBe(true);
    const contract = (await (await kit.app.api.request('/api/v1/contracts/ACME-HVAC', { headers: { authorization: `Bearer ${admin}` } })).json()) as { version: number; reason: string };
    expect(contract).toMatchObject({ version: 2, reason: 'supplier price list (CSV import of parts.csv: FILTER-20X25 price; FAN-BELT new)' });
  });

  it('answers a bad file with problem+json listing each line, and writes nothing', async () => {
    const res = await csvPost('?name=rates.csv', 'contract,code,price\nACME-HVAC,HVAC-LAB,85.00\nACME-HVAC,HVAC-CALL,free\nACME-HVAC,TRAVEL,-1\n');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({
      status: 400,
      detail: '2 rows have problems; nothing was imported.',
      errors: ['rates.csv line 3: price: "free" is not an amount (write 85.00 or 85,00)', 'rates.csv line 4: price: "-1" is negative; prices are 0 or more'],
    });
  });

  it('takes several files as multipart, one transaction for all', async () => {
    const form = new FormData();
    form.append('contracts', new File(['id,customer,start,end,template\nNORTH-2,Northwind Two,2027-01-01,2027-12-31,NORTHWIND-TEL\n'], 'contracts.csv', { type: 'text/csv' }));
    form.append('sites', new File(['contract,id,name,address,tier\nNORTH-2,N2-HQ,Northwind Two HQ,1 Main St,Gold\n'], 'sites.csv', { type: 'text/csv' }));
    const res = await kit.app.api.request('/api/v1/imports', { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'idempotency-key': 'onboard-north-2' }, body: form });
    const text = await res.text();
    expect(res.status, text).toBe(201);
    expect((JSON.parse(text) as Result).contracts).toEqual([expect.objectContaining({ id: 'NORTH-2', action: 'create', version: 1 })]);
    const sites = (await (await kit.app.api.request('/api/v1/sites?contract=north-2', { headers: { authorization: `Bearer ${admin}` } })).json()) as { items: { id: string }[] };
    expect(sites.items.map((s) => s.id)).toEqual(['N2-HQ']);
  });

  it('needs the admin scope', async () => {
    const res = await kit.app.api.request('/api/v1/imports?kind=parts', { method: 'POST', headers: { authorization: `Bearer ${reader}`, 'content-type': 'text/csv' }, body: 'contract,sku\nACME-HVAC,X\n' });
    expect(res.status).toBe(403);
  });
});

describe('GET /api/v1/exports/{file}', () => {
  it('gives the rate library as a safe CSV that imports back unchanged', async () => {
    const res = await kit.app.api.request('/api/v1/exports/rates.csv?contract=ACME-HVAC&delimiter=semicolon', { headers: { authorization: `Bearer ${reader}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="ACME-HVAC-rates.csv"');
    const csv = await res.text();
    expect(csv.split('\r\n')[0]).toBe('contract;code;name;unit;price;covered;includes;overrun;out of scope;billing increment;billing minimum');
    const back = await csvPost('?kind=rates&dryRun=true', csv);
    expect(((await back.json()) as Result).counts).toEqual({ new: 0, changed: 0, unchanged: 5, removed: 0 });
    const people = await kit.app.api.request('/api/v1/exports/people.csv', { headers: { authorization: `Bearer ${reader}` } });
    expect(people.status).toBe(403);
    const unknown = await kit.app.api.request('/api/v1/exports/invoices.csv', { headers: { authorization: `Bearer ${reader}` } });
    expect(unknown.status).toBe(400);
  });
});
