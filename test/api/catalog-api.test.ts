/** The read routes added for completeness: sites, amendment history, credits, job events; one cursor shape. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/api/tokens.js';
import { runMonitor } from '../../src/jobs/monitor.js';
import { testKit, type TestKit } from '../support/app.js';

let kit: TestKit;
let token: string;
beforeAll(async () => {
  kit = await testKit({ now: '2026-11-23T16:00:00Z' });
  token = await createToken(kit.db.db, 'bi', ['read', 'write']);
});
afterAll(async () => kit?.close());

const get = async <T>(path: string) => {
  const res = await kit.app.api.request(path, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as T };
};
const post = (path: string, body: unknown) => kit.app.api.request(path, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

type Page<T> = { items: T[]; nextCursor: string | null };

describe('sites and amendments', () => {
  it('pages through every site with an opaque cursor and filters by contract and tier', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r: { status: number; body: Page<{ contract: string; id: string }> } = await get(`/api/v1/sites?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      expect(r.status).toBe(200);
      seen.push(...r.body.items.map((s) => `${s.contract}/${s.id}`));
      cursor = r.body.nextCursor;
    } while (cursor);
    expect(seen.length).toBeGreaterThan(4);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(seen);
    const acme = await get<Page<{ id: string; zone: string }>>('/api/v1/sites?contract=acme-hvac');
    expect(acme.body.items).toEqual([expect.objectContaining({ id: 'LYO-DC', zone: 'Europe/Paris' }), expect.objectContaining({ id: 'PAR-HQ' })]);
    const gold = await get<Page<{ tier: string }>>('/api/v1/sites?tier=GOLD');
    expect(gold.body.items.length).toBeGreaterThan(0);
    expect(gold.body.items.every((s) => s.tier.toLowerCase() === 'gold')).toBe(true);
    expect((await get('/api/v1/sites?cursor=garbage')).status).toBe(400);
    expect((await get('/api/v1/sites?contract=NOPE')).status).toBe(404);
  });

  it('shows one site with its calendars, cap and travel; an unknown one is a 404 naming the closest', async () => {
    const r = await get<Record<string, unknown>>('/api/v1/contracts/acme-hvac/sites/par-hq');
    expect(r.status).toBe(200);
    expect(r.body).toEqual(expect.objectContaining({ contract: 'ACME-HVAC', id: 'PAR-HQ', zone: 'Europe/Paris', version: 1, calendar: expect.any(String) }));
    const missing = await get<{ detail: string; errors?: string[] }>('/api/v1/contracts/ACME-HVAC/sites/PAR-H');
    expect(missing.status).toBe(404);
    expect(JSON.stringify(missing.body)).toMatch(/PAR-HQ/);
    expect((await get('/api/v1/contracts/NOPE/sites/PAR-HQ')).status).toBe(404);
  });

  it('lists a contract\'s versions with who and why', async () => {
    const r = await get<Page<{ version: number; reason: string; by: string }>>('/api/v1/contracts/ACME-HVAC/amendments');
    expect(r.body).toEqual({ items: [expect.objectContaining({ version: 1, by: 'scheduler', reason: expect.stringMatching(/demo seed/) })], nextCursor: null });
  });
});

describe('credits and job events', () => {
  it('shows the credit a breach recorded, filtered by contract, kind and date, and the job events that led to it', async () => {
    const res = await post('/api/v1/jobs', { contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P1', summary: 'Chiller down' });
    const { id } = (await res.json()) as { id: string };
    await post(`/api/v1/jobs/${id}/events`, { kind: 'status', status: 'en_route' });
    kit.clock.set('2026-11-23T21:00:00Z');
    await runMonitor(kit.app.ctx);
    const credits = await get<Page<{ job: string; kind: string; amount: number; currency: string; rule: string; invoice: string | null }>>('/api/v1/credits?contract=ACME-HVAC&kind=sla&from=2026-11-23&to=2026-11-23');
    expect(credits.status).toBe(200);
    expect(credits.body.items).toEqual([expect.objectContaining({ job: id, kind: 'sla', amount: 9000, currency: 'EUR', invoice: null, rule: expect.stringMatching(/ACME-HVAC v1/) })]);
    expect((await get<Page<unknown>>('/api/v1/credits?to=2026-11-22')).body.items).toEqual([]);
    expect((await get<Page<unknown>>(`/api/v1/credits?job=${id}&invoiced=true`)).body.items).toEqual([]);

    const events = await get<Page<{ job: string; kind: string; to: string | null; by: string }>>(`/api/v1/events?job=${id}`);
    expect(events.body.items.map((e) => [e.kind, e.to])).toEqual([
      ['status', 'en_route'],
      ['created', 'open'],
    ]);
    const statusOnly = await get<Page<{ job: string }>>('/api/v1/events?contract=ACME-HVAC&status=en_route&limit=1');
    expect(statusOnly.body.items).toEqual([expect.objectContaining({ job: id })]);
    expect(statusOnly.body.nextCursor).not.toBeNull();
  });
});
