/** GET /api/v1/kpis and GET /api/v1/contracts/{id}/renewal (JSON and PDF), in the OpenAPI document. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/api/tokens.js';
import { testKit, type TestKit } from '../support/app.js';
import { insertJob } from './fixtures.js';

let kit: TestKit;
let reader: string;
let finance: string;

const get = (path: string, token?: string) => kit.app.api.request(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });

beforeAll(async () => {
  kit = await testKit({ now: '2026-11-23T08:00:00Z' });
  reader = await createToken(kit.db.db, 'bi', ['read']);
  finance = await createToken(kit.db.db, 'account-managers', ['read', 'finance']);
  await insertJob(kit.db.db, { reportedAt: '2026-11-17T08:00:00Z', closedAt: '2026-11-17T12:00:00Z' });
  await insertJob(kit.db.db, { reportedAt: '2026-11-18T08:00:00Z', responseDueAt: '2026-11-18T09:00:00Z', responseBreached: true, closedAt: '2026-11-18T12:00:00Z' });
});
afterAll(async () => kit?.close());

describe('KPI API', () => {
  it('lists both routes in the OpenAPI document', async () => {
    const doc = (await (await kit.app.api.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { parameters?: { name: string }[]; responses: Record<string, { content?: Record<string, unknown> }> }>> };
    expect(doc.paths['/api/v1/kpis']!.get!.parameters!.map((p) => p.name).sort()).toEqual(['team', 'week']);
    const renewal = doc.paths['/api/v1/contracts/{id}/renewal']!.get!;
    expect(Object.keys(renewal.responses['200']!.content!).sort()).toEqual(['application/json', 'application/pdf']);
    const schemas = (doc as unknown as { components: { schemas: Record<string, { properties: Record<string, { type?: string; format?: string }> }> } }).components.schemas;
    expect(schemas.KpiReport!.properties.at).toMatchObject({ type: 'string', format: 'date-time' });
    expect(schemas.Week!.properties.start).toMatchObject({ type: 'string', format: 'date-time' });
  });

  it('returns a team week as JSON, with rates that are null (not NaN) when empty', async () => {
    const res = await get('/api/v1/kpis?team=hvac-paris&week=2026-W47', reader);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { scope: { team: string }; current: { week: { label: string; start: string }; sla: { response: { value: number | null } } }; previous: { sla: { response: { value: number | null } } }; series: unknown[] };
    expect(body.scope.team).toBe('hvac-paris');
    expect(body.current.week.label).toBe('2026-W47');
    expect(body.current.week.start).toBe('2026-11-15T23:00:00.000Z');
    expect(body.current.sla.response.value).toBe(0.5);
    expect(body.previous.sla.response.value).toBeNull();
    expect(body.series).toHaveLength(8);
  });

  it('refuses without a token, bad weeks and unknown teams with problem+json', async () => {
    expect((await get('/api/v1/kpis')).status).toBe(401);
    const bad = await get('/api/v1/kpis?week=someday', reader);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect((await get('/api/v1/kpis?team=nowhere', reader)).status).toBe(404);
  });

  it('gives the renewal pack as JSON and as PDF to finance, not to a read-only token', async () => {
    const json = await get('/api/v1/contracts/acme-hvac/renewal', finance);
    expect(json.status).toBe(200);
    const p = (await json.json()) as { contract: { id: string }; packDate: string; sla: { closed: number } };
    expect(p.contract.id).toBe('ACME-HVAC');
    expect(p.packDate).toBe('2026-11-01');
    expect(p.sla.closed).toBe(2);
    const pdf = await get('/api/v1/contracts/ACME-HVAC/renewal?format=pdf', finance);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString('ascii')).toBe('%PDF-');
    const denied = await get('/api/v1/contracts/ACME-HVAC/renewal', reader);
    expect(denied.status).toBe(403);
    expect((await get('/api/v1/contracts/NOPE/renewal', finance)).status).toBe(404);
  });
});
