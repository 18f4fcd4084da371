import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/api/tokens.js';
import { runMonitor } from '../../src/jobs/monitor.js';
import { testKit, type TestKit } from '../support/app.js';
import { text } from '../billing/helpers.js';

let kit: TestKit;
let token: string;
beforeAll(async () => {
  kit = await testKit({ now: '2026-11-23T16:00:00Z' }); // Mon 17:00 Paris
  token = await createToken(kit.db.db, 'dispatch-sync', ['read', 'write']);
});
afterAll(async () => kit?.close());

const post = (path: string, body: unknown) =>
  kit.app.api.request(path, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
const get = (path: string) => kit.app.api.request(path, { headers: { authorization: `Bearer ${token}` } });

describe('jobs API', () => {
  it('creates a job whose due times explain themselves', async () => {
    const res = await post('/api/v1/jobs', { contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P2', summary: 'Chiller tripping' });
    expect(res.status).toBe(201);
    const job = (await res.json()) as { id: string; sla: { response: { dueAt: string; explanation: string; details: { closed: unknown[] } } } };
    expect(job.id).toBe('J-1001');
    expect(job.sla.response.dueAt).toBe('2026-11-24T10:00:00.000Z');
    expect(job.sla.response.explanation).toMatch(/due Tue 11:00 CET: 4h of office hours from Mon 17:00; closed Mon 18:00 to Tue 08:00/);
    expect(job.sla.response.details.closed).toHaveLength(1);
  });

  it('records an offline status change at its real time, refuses one in the future', async () => {
    kit.clock.set('2026-11-24T09:30:00Z');
    const ok = await post('/api/v1/jobs/J-1001/events', { kind: 'status', status: 'en_route', at: '2026-11-24T08:10:00Z' });
    expect(ok.status).toBe(200);
    const job = (await ok.json()) as { status: string; sla: { response: { outcome: string } } };
    expect(job.status).toBe('en_route');
    expect(job.sla.response.outcome).toBe('met');
    const future = await post('/api/v1/jobs/J-1001/events', { kind: 'status', status: 'on_site', at: '2026-11-24T12:00:00Z' });
    expect(future.status).toBe(400);
    expect(((await future.json()) as { detail: string }).detail).toMatch(/in the future/);
    const bad = await post('/api/v1/jobs/J-1001/events', { kind: 'teleport' });
    expect(bad.status).toBe(400);
  });

  it('a met response keeps its due time in the job, the job list and the explanation', async () => {
    const job = (await (await get('/api/v1/jobs/J-1001')).json()) as { sla: { response: { outcome: string; dueAt: string | null; remainingMinutes: number; explanation: string } } };
    expect(job.sla.response.outcome).toBe('met');
    expect(job.sla.response.dueAt).toBe('2026-11-24T10:00:00.000Z');
    expect(job.sla.response.remainingMinutes).toBe(110);
    expect(job.sla.response.explanation).toMatch(/^Response P2: met \(en route\) Tue 09:10 CET after 2h10m, 1h50m before its due time Tue 11:00:/);
    const list = (await (await get('/api/v1/jobs?limit=50')).json()) as { items: { id: string; responseDueAt: string | null }[] };
    expect(list.items.find((j) => j.id === 'J-1001')?.responseDueAt).toBe('2026-11-24T10:00:00.000Z');
  });

  it('lists alerts the monitor raised', async () => {
    kit.clock.set('2026-11-24T09:30:00Z');
    const r = await post('/api/v1/jobs', { contract: 'ACME-HVAC', site: 'LYO-DC', priority: 'P1', summary: 'Smoke alarm' });
    const { id } = (await r.json()) as { id: string };
    kit.clock.set('2026-11-24T10:20:00Z');
    await runMonitor(kit.app.ctx);
    const list = (await (await get(`/api/v1/alerts?job=${id}`)).json()) as { items: { job: string; window: string; level: string }[] };
    expect(list.items).toEqual([expect.objectContaining({ job: id, window: 'response', level: '75%' })]);
    const jobs = (await (await get('/api/v1/jobs?open=true&limit=1')).json()) as { items: unknown[]; nextCursor: string | null };
    expect(jobs.items).toHaveLength(1);
    expect(jobs.nextCursor).not.toBeNull();
  });

  it('shows each window\'s warning instants and which alerts have fired, in the API and /job show', async () => {
    kit.clock.set('2026-11-24T12:00:00Z');
    const r = await post('/api/v1/jobs', { contract: 'ACME-HVAC', site: 'LYO-DC', priority: 'P1', summary: 'Fan failure' });
    const { id } = (await r.json()) as { id: string };
    // P1 response: 1h round the clock; the 75% warning is at 12:45, the breach at 13:00.
    kit.clock.set('2026-11-24T12:50:00Z');
    await runMonitor(kit.app.ctx);
    const job = (await (await get(`/api/v1/jobs/${id}`)).json()) as { sla: { warnings: { window: string; level: string; at: string | null; fired: boolean }[] } };
    const response = job.sla.warnings.filter((w) => w.window === 'response');
    expect(response).toEqual([
      { window: 'response', level: '75%', at: '2026-11-24T12:45:00.000Z', fired: true },
      { window: 'response', level: 'breach', at: '2026-11-24T13:00:00.000Z', fired: false },
    ]);
    expect(job.sla.warnings.some((w) => w.window === 'restore' && w.level === '75%' && !w.fired)).toBe(true);
    const [card] = await kit.app.dispatch(await kit.as('dana'), `/job show ${id}`);
    expect(text(card!)).toMatch(/Alerts response 75% .*\(sent\); response breach [^;(]*; restore 75%/);
  });
});
