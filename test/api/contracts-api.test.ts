import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/api/tokens.js';
import { testKit, type TestKit } from '../support/app.js';
import { PILOT_IDS, pilotText } from '../support/pilots.js';

let kit: TestKit;
let admin: string;
let reader: string;

beforeAll(async () => {
  kit = await testKit({ seed: false });
  admin = await createToken(kit.db.db, 'ops', ['read', 'write', 'admin']);
  reader = await createToken(kit.db.db, 'bi', ['read']);
});
afterAll(async () => kit?.close());

const call = (path: string, init: RequestInit & { token?: string } = {}) =>
  kit.app.api.request(path, { ...init, headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.headers as Record<string, string>) } });

describe('contracts API', () => {
  it('loads every pilot contract unchanged from YAML', async () => {
    for (const id of PILOT_IDS) {
      const res = await call('/api/v1/contracts', { method: 'POST', token: admin, headers: { 'content-type': 'application/yaml' }, body: pilotText(id) });
      expect(res.status, id).toBe(201);
    }
    const list = await call('/api/v1/contracts', { token: reader });
    const body = (await list.json()) as { items: { id: string }[] };
    expect(body.items.map((i) => i.id)).toEqual(['ACME-HVAC', 'BRIGHTDESK-IT', 'NORTHWIND-TEL', 'PETRA-OG', 'STLUKE-BIOMED']);
  });

  it('answers a broken contract with every problem as problem+json, and writes nothing', async () => {
    const text = pilotText('ACME-HVAC')
      .replace('id: ACME-HVAC', 'id: ACME-TWO')
      .replace('price: 85.00', 'price: -85.001')
      .replace('calendar: office, caps', 'calendar: ofice, caps')
      .replace('{{job.id}} pour', '{{job.idd}} pour');
    const res = await call('/api/v1/contracts', { method: 'POST', token: admin, headers: { 'content-type': 'application/yaml' }, body: text });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const p = (await res.json()) as { detail: string; errors: string[] };
    expect(p.detail).toMatch(/problems; nothing was saved/);
    expect(p.errors.join('\n')).toMatch(/rates\[1\]\.price: must be an amount of at least 0 with at most 2 decimals/);
    expect(p.errors.join('\n')).toMatch(/sites\[0\]\.calendar: unknown calendar "ofice"/);
    expect(p.errors.join('\n')).toMatch(/job\.idd/);
    expect((await call('/api/v1/contracts/ACME-TWO', { token: reader })).status).toBe(404);
  });

  it('amends by a new version and keeps the old one', async () => {
    const text = pilotText('ACME-HVAC').replace('price: 85.00', 'price: 92.00');
    const res = await call('/api/v1/contracts/acme-hvac/amendments', { method: 'POST', token: admin, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ effectiveFrom: '2026-12-01', reason: 'rate review 2026', terms: text }) });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ id: 'ACME-HVAC', version: 2, effectiveFrom: '2026-12-01' });
    const v1 = (await (await call('/api/v1/contracts/ACME-HVAC?version=1', { token: reader })).json()) as { terms: { rates: { code: string; price: number }[] } };
    const v2 = (await (await call('/api/v1/contracts/ACME-HVAC', { token: reader })).json()) as { version: number; versions: unknown[]; terms: { rates: { code: string; price: number }[] } };
    expect(v1.terms.rates.find((r) => r.code === 'HVAC-LAB')?.price).toBe(8500);
    expect(v2.terms.rates.find((r) => r.code === 'HVAC-LAB')?.price).toBe(9200);
    expect(v2.versions).toHaveLength(2);
    const back = await call('/api/v1/contracts/acme-hvac/amendments', { method: 'POST', token: admin, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ effectiveFrom: '2026-06-01', reason: 'backdate', terms: text }) });
    expect(back.status).toBe(400);
  });

  it('refuses missing tokens and missing scopes', async () => {
    expect((await call('/api/v1/contracts')).status).toBe(401);
    expect((await call('/api/v1/contracts', { token: 'cot_nope' })).status).toBe(401);
    const res = await call('/api/v1/contracts', { method: 'POST', token: reader, headers: { 'content-type': 'application/yaml' }, body: 'id: X' });
    expect(res.status).toBe(403);
  });

  it('serves health and an OpenAPI document listing the routes', async () => {
    expect(await (await call('/healthz')).json()).toEqual({ ok: true, database: 'up' });
    const doc = (await (await call('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/contracts', '/api/v1/contracts/{id}', '/api/v1/contracts/{id}/amendments', '/api/v1/jobs', '/api/v1/jobs/{id}', '/api/v1/jobs/{id}/events', '/api/v1/alerts']));
  });
});
