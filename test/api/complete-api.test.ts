/**
 * The routes that made the REST API complete (issue #10 §3): a job's time and parts, the timer,
 * issued invoices and disputes, date filters on jobs, contract and site on alerts, one person, one
 * approval, one credit, a job's events; and one cursor scheme on every list, bad ones refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timeEntries } from '../../db/schema.js';
import { createToken } from '../../src/api/tokens.js';
import { runMonitor } from '../../src/jobs/monitor.js';
import { testKit, type TestKit } from '../support/app.js';

let kit: TestKit;
let rw: string; // read + write: its person is a dispatcher and a technician
let reader: string;
let books: string;
beforeAll(async () => {
  kit = await testKit({ now: '2026-10-06T15:00:00Z' }); // Tue 17:00 Paris
  rw = await createToken(kit.db.db, 'field-sync', ['read', 'write']);
  reader = await createToken(kit.db.db, 'bi', ['read']);
  books = await createToken(kit.db.db, 'books', ['read', 'finance']);
});
afterAll(async () => kit?.close());

type Page<T> = { items: T[]; nextCursor: string | null };
type Problem = { status: number; detail: string; errors?: string[] };

const call = async <T = Record<string, unknown>>(token: string, method: string, path: string, body?: unknown) => {
  const res = await kit.app.api.request(path, { method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: (text ? JSON.parse(text) : undefined) as T };
};
const get = <T = Record<string, unknown>>(path: string, token = rw) => call<T>(token, 'GET', path);
const post = <T = Record<string, unknown>>(path: string, body?: unknown, token = rw) => call<T>(token, 'POST', path, body);

/** Every page of a list, following nextCursor; fails on a repeated cursor. */
async function all<T>(path: string, token = rw): Promise<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const r: { status: number; body: Page<T> } = await get<Page<T>>(`${path}${cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ''}`, token);
    expect(r.status, path).toBe(200);
    out.push(...r.body.items);
    cursor = r.body.nextCursor;
    if (cursor) {
      expect(seen.has(cursor), `${path}: cursor repeated`).toBe(false);
      seen.add(cursor);
    }
  } while (cursor);
  return out;
}

const refs: Record<string, string> = {};

describe('jobs: reported and updated date filters', () => {
  it('filters by report time (from inclusive, to exclusive) and by last change for sync', async () => {
    for (const [name, reportedAt] of [['mon', '2026-10-05T08:00:00Z'], ['tue', '2026-10-06T08:00:00Z'], ['now', undefined]] as const) {
      const r = await post<{ id: string }>('/api/v1/jobs', { contract: 'ACME-HVAC', site: 'PAR-HQ', priority: name === 'now' ? 'P3' : 'P2', summary: `job ${name}`, reportedAt });
      expect(r.status).toBe(201);
      refs[name] = r.body.id;
    }
    const ids = async (q: string) => (await get<Page<{ id: string }>>(`/api/v1/jobs?${q}`)).body.items.map((j) => j.id);
    expect(await ids('reportedFrom=2026-10-06T00:00:00Z')).toEqual([refs.now, refs.tue]);
    expect(await ids('reportedTo=2026-10-06T08:00:00Z')).toEqual([refs.mon]);
    expect(await ids('reportedFrom=2026-10-05T08:00:00Z&reportedTo=2026-10-06T08:00:00.001Z')).toEqual([refs.tue, refs.mon]);
    expect(await ids('reportedFrom=2026-10-06T10:00:00%2B02:00&contract=acme-hvac')).toEqual([refs.now, refs.tue]);

    kit.clock.set('2026-10-06T16:00:00Z');
    expect((await post(`/api/v1/jobs/${refs.mon}/events`, { kind: 'status', status: 'en_route' })).status).toBe(200);
    const changed = await get<Page<{ id: string; updatedAt: string; status: string }>>('/api/v1/jobs?updatedSince=2026-10-06T15:30:00Z');
    expect(changed.body.items).toEqual([expect.objectContaining({ id: refs.mon, status: 'en_route', updatedAt: '2026-10-06T16:00:00.000Z' })]);
    expect(await ids('status=en_route,open')).toEqual([refs.now, refs.tue, refs.mon]);
    expect((await get(`/api/v1/jobs/${refs.mon}`)).body).toMatchObject({ status: 'en_route', updatedAt: '2026-10-06T16:00:00.000Z', closedAt: null });
  });

  it('refuses bad filters with a 400 that names the parameter, and an unknown contract with a 404', async () => {
    const bad = async (q: string, name: RegExp) => {
      const r = await get<Problem>(`/api/v1/jobs?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.type).toMatch(/problem\+json/);
      expect([r.body.detail, ...(r.body.errors ?? [])].join(' '), q).toMatch(name);
    };
    await bad('reportedFrom=yesterday', /reportedFrom: must be an ISO 8601 instant like 2026-11-24T10:00:00Z/);
    await bad('updatedSince=2026-10-06', /updatedSince: must be an ISO 8601 instant/);
    await bad('reportedFrom=2026-10-07T00:00:00Z&reportedTo=2026-10-06T00:00:00Z', /reportedTo is before reportedFrom/);
    await bad('status=teleported', /status: "teleported" is not a job status/);
    await bad('cursor=J-1001', /cursor "J-1001" is not one this list gave out/);
    await bad('limit=0', /limit:/);
    const nope = await get<Problem>('/api/v1/jobs?contract=ACME-HVACC');
    expect(nope.status).toBe(404);
    expect(nope.body.errors).toEqual(['Closest: ACME-HVAC']);
  });
});

describe('alerts by contract and site', () => {
  it('narrows alerts to a contract and a site', async () => {
    const r = await post<{ id: string }>('/api/v1/jobs', { contract: 'ACME-HVAC', site: 'LYO-DC', priority: 'P1', summary: 'Smoke alarm' });
    refs.lyon = r.body.id;
    kit.clock.set('2026-10-06T16:50:00Z'); // 50 minutes into a 1 h response
    await runMonitor(kit.app.ctx);
    type Alert = { job: string; contract: string; site: string; level: string };
    const lyon = await all<Alert>('/api/v1/alerts?contract=ACME-HVAC&site=lyo-dc&limit=1');
    expect(lyon).toContainEqual(expect.objectContaining({ job: refs.lyon, contract: 'ACME-HVAC', site: 'LYO-DC', level: '75%' }));
    expect(lyon.every((a) => a.site === 'LYO-DC')).toBe(true);
    const paris = await all<Alert>('/api/v1/alerts?site=PAR-HQ');
    expect(paris.length).toBeGreaterThan(0); // the Monday job's breaches
    expect(paris.map((a) => a.job)).not.toContain(refs.lyon);
    expect((await get<Page<Alert>>('/api/v1/alerts?contract=BRIGHTDESK-IT')).body.items).toEqual([]);
    expect((await get('/api/v1/alerts?contract=NOPE')).status).toBe(404);
    expect((await get('/api/v1/alerts?job=J-99999')).status).toBe(404);
  });
});

describe("a job's time, parts and the timer", () => {
  type Entry = { id: number; person: { name: string }; code: string; start: string; end: string | null; running: boolean; minutes: number; note: string | null };

  it('starts, refuses a second timer, stops like /log stop, and lists the entries oldest first', async () => {
    kit.clock.set('2026-10-06T17:00:00Z');
    const ref = refs.now!;
    expect((await post(`/api/v1/jobs/${ref}/time`, { start: '2026-10-06T15:10:00Z', end: '2026-10-06T15:40:00Z', code: 'HVAC-LAB', technician: 'tom' })).status).toBe(201);

    const started = await post<Entry>(`/api/v1/jobs/${ref}/timer`, { technician: 'tom', code: 'hvac-lab', note: 'compressor check' });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ person: { name: 'Tom Technician' }, code: 'HVAC-LAB', start: '2026-10-06T17:00:00.000Z', end: null, running: true, note: 'compressor check' });
    const twice = await post<Problem>(`/api/v1/jobs/${refs.tue}/timer`, { technician: 'tom' });
    expect(twice.status).toBe(409);
    expect(twice.body.detail).toMatch(new RegExp(`Tom Technician already has a timer running on ${ref}`));
    expect((await post(`/api/v1/jobs/${ref}/timer`, { technician: 'tess' }, reader)).status).toBe(403);

    kit.clock.set('2026-10-06T17:20:00Z');
    const timer = await get<{ person: { name: string }; running: Entry | null; todayMinutes: number }>('/api/v1/timer?technician=tom');
    expect(timer.body).toMatchObject({ person: { name: 'Tom Technician' }, running: { id: started.body.id, minutes: 20, running: true }, todayMinutes: 30 });

    const entries = await get<Page<Entry>>(`/api/v1/jobs/${ref}/time`);
    expect(entries.body.items.map((e) => [e.minutes, e.running])).toEqual([
      [30, false],
      [20, true],
    ]);
    expect((await get<Page<Entry>>(`/api/v1/jobs/${ref}/time?running=true`)).body.items.map((e) => e.id)).toEqual([started.body.id]);
    const first = await get<Page<Entry>>(`/api/v1/jobs/${ref}/time?limit=1`);
    expect(first.body.items).toHaveLength(1);
    expect((await get<Page<Entry>>(`/api/v1/jobs/${ref}/time?limit=1&cursor=${first.body.nextCursor}`)).body.items.map((e) => e.id)).toEqual([started.body.id]);

    kit.clock.set('2026-10-06T17:45:00Z');
    const stopped = await post<Entry & { warnings: string[] }>('/api/v1/timer/stop', { technician: 'tom' });
    expect(stopped.status).toBe(200);
    expect(stopped.body).toMatchObject({ id: started.body.id, end: '2026-10-06T17:45:00.000Z', minutes: 45, running: false });
    const none = await post<Problem>('/api/v1/timer/stop', { technician: 'tom' });
    expect(none.status).toBe(412);
    expect(none.body.detail).toMatch(/Tom Technician has no timer running/);
    expect((await get<{ running: Entry | null }>('/api/v1/timer?technician=tom')).body.running).toBeNull();
  });

  it('cancels a timer started by mistake, keeping no entry', async () => {
    const ref = refs.now!;
    kit.clock.set('2026-10-06T18:00:00Z');
    const started = await post<Entry>(`/api/v1/jobs/${ref}/timer`, { technician: 'tom' });
    expect(started.status).toBe(201);
    const cancelled = await post('/api/v1/timer/cancel', { technician: 'tom' });
    expect(cancelled).toMatchObject({ status: 200, body: { job: ref, discarded: true, startedAt: '2026-10-06T18:00:00.000Z' } });
    expect((await get<Page<Entry>>(`/api/v1/jobs/${ref}/time`)).body.items.map((e) => e.minutes)).toEqual([30, 45]);
    expect(await kit.db.db.select().from(timeEntries)).toHaveLength(2);
  });

  it('lists parts fitted, named and priced from the price list of that day', async () => {
    const ref = refs.now!;
    expect((await post(`/api/v1/jobs/${ref}/parts`, { sku: 'filter-20x25', qty: 2, technician: 'tom' })).status).toBe(201);
    expect((await post(`/api/v1/jobs/${ref}/parts`, { sku: 'BELT-A42', technician: 'tom' })).status).toBe(201);
    const parts = await get<Page<Record<string, unknown>>>(`/api/v1/jobs/${ref}/parts`);
    expect(parts.body).toEqual({
      items: [
        expect.objectContaining({ job: ref, sku: 'FILTER-20X25', name: 'Pleated filter 20x25', qty: 2, listPrice: 1850, currency: 'EUR', contractVersion: 1, person: expect.objectContaining({ name: 'Tom Technician' }) }),
        expect.objectContaining({ sku: 'BELT-A42', qty: 1, listPrice: 2200 }),
      ],
      nextCursor: null,
    });
    expect((await get<Page<unknown>>(`/api/v1/jobs/${ref}/parts?sku=belt-a42`)).body.items).toHaveLength(1);

    // Across jobs, newest first, by contract, site, job, person and day.
    const across = await get<Page<{ sku: string; job: string; site: string }>>('/api/v1/parts?contract=acme-hvac&site=PAR-HQ');
    expect(across.body.items.map((p) => [p.sku, p.job, p.site])).toEqual([
      ['BELT-A42', ref, 'PAR-HQ'],
      ['FILTER-20X25', ref, 'PAR-HQ'],
    ]);
    expect((await get<Page<unknown>>('/api/v1/parts?site=LYO-DC')).body.items).toEqual([]);
    const time = await get<Page<Entry & { contract: string }>>(`/api/v1/time?job=${ref}`);
    expect(time.body.items.map((e) => [e.minutes, e.contract])).toEqual([
      [45, 'ACME-HVAC'],
      [30, 'ACME-HVAC'],
    ]);
    const tomId = (time.body.items[0] as unknown as { person: { id: number } }).person.id;
    expect((await get<Page<unknown>>(`/api/v1/time?person=${tomId}&from=2026-10-06&to=2026-10-06&limit=1`)).body.nextCursor).not.toBeNull();
    expect((await get<Page<unknown>>('/api/v1/time?from=2026-10-07')).body.items).toEqual([]);
    expect((await get<Problem>('/api/v1/time?contract=ACME')).status).toBe(404);
    expect((await get(`/api/v1/jobs/J-99999/parts`)).status).toBe(404);
    const backwards = await get<Problem>(`/api/v1/jobs/${ref}/time?from=2026-10-07&to=2026-10-06`);
    expect(backwards.status).toBe(400);
    expect(backwards.body.detail).toBe('to is before from.');
    expect((await get<Problem>(`/api/v1/jobs/${ref}/time?from=2026-02-30`)).body.errors).toEqual(['from: must be a date like 2026-11-01']);
  });
});

describe('issued invoices and disputes', () => {
  type Inv = { number: string; reference: string; kind: string; total: number; openDisputes: number; creditNotes: string[]; corrects: string | null; links: { json: string } };

  it('lists issued invoices and credit notes with contract, kind, period, date and dispute filters', async () => {
    kit.clock.set('2026-11-02T09:00:00Z');
    expect((await get<Page<Inv>>('/api/v1/invoices', books)).body).toEqual({ items: [], nextCursor: null });
    const preview = await get<{ status: string; number: string }>('/api/v1/contracts/acme-hvac/invoice?period=2026-10', reader);
    expect(preview.body).toMatchObject({ status: 'preview', number: 'ACME-HVAC-2026-10' });
    expect((await post('/api/v1/invoices', { contract: 'ACME-HVAC', period: '2026-10' }, books)).status).toBe(201);
    expect((await get<{ status: string }>('/api/v1/contracts/ACME-HVAC/invoice?period=2026-10', reader)).body.status).toBe('issued');

    const list = await get<Page<Inv>>('/api/v1/invoices', reader);
    expect(list.body.items).toEqual([expect.objectContaining({ number: 'F000001', reference: 'ACME-HVAC-2026-10', kind: 'invoice', openDisputes: 0, creditNotes: [], corrects: null, links: { json: '/api/v1/invoices/F000001.json', csv: '/api/v1/invoices/F000001.csv' } })]);
    expect(list.body.items[0]!.total).toBeGreaterThan(0);
    expect((await get(list.body.items[0]!.links.json, reader)).status).toBe(200);

    const d = await post<{ id: number }>('/api/v1/invoices/ACME-HVAC-2026-10/disputes', { line: 2, reason: 'the second visit was ours' });
    expect(d.status).toBe(201);
    expect((await post('/api/v1/invoices/ACME-HVAC-2026-10/credit-notes', { line: 2, reason: 'goodwill on line 2', amount: 1000 }, books)).status).toBe(201);

    const names = async (q: string) => (await get<Page<Inv>>(`/api/v1/invoices?${q}`, reader)).body.items.map((i) => i.number);
    expect(await names('disputed=true')).toEqual(['F000001']);
    expect(await names('disputed=false')).toEqual(['AV000001']);
    expect(await names('kind=credit_note')).toEqual(['AV000001']);
    expect(await names('credited=true')).toEqual(['F000001']);
    expect(await names('credited=false&kind=invoice')).toEqual([]);
    expect(await names('contract=acme-hvac&period=2026-10&kind=invoice')).toEqual(['F000001']);
    expect(await names('contract=BRIGHTDESK-IT')).toEqual([]);
    expect(await names('from=2026-11-02&to=2026-11-02')).toEqual(['AV000001', 'F000001']);
    expect(await names('from=2026-11-03')).toEqual([]);
    const cn = (await get<Page<Inv>>('/api/v1/invoices?kind=credit_note', reader)).body.items[0]!;
    expect(cn).toMatchObject({ number: 'AV000001', reference: 'ACME-HVAC-2026-10-CN1', corrects: 'F000001', total: -1000 });
    expect((await get<Page<Inv>>('/api/v1/invoices?kind=invoice', reader)).body.items[0]!.creditNotes).toEqual(['AV000001']);
    const paged = await all<Inv>('/api/v1/invoices?limit=1', reader);
    expect(paged.map((i) => i.number)).toEqual(['AV000001', 'F000001']);
    expect((await get('/api/v1/invoices?contract=ACME', reader)).status).toBe(404);
    expect((await get<Problem>('/api/v1/invoices?period=October', reader)).body.errors?.[0]).toMatch(/^period: must be a month like 2026-11/);

    type Dispute = { id: number; invoice: string; line: number; reason: string; status: string; amount: number; currency: string; raisedBy: { name: string } };
    const disputes = await get<Page<Dispute>>('/api/v1/disputes?contract=ACME-HVAC', reader);
    expect(disputes.body).toEqual({
      items: [expect.objectContaining({ id: d.body.id, invoice: 'F000001', line: 2, reason: 'the second visit was ours', status: 'open', currency: 'EUR', raisedBy: { id: expect.any(Number), name: 'field-sync (API)' } })],
      nextCursor: null,
    });
    expect((await get<Page<Dispute>>('/api/v1/invoices/acme-hvac-2026-10/disputes', reader)).body.items.map((x) => x.id)).toEqual([d.body.id]);
    expect((await get<Page<Dispute>>('/api/v1/disputes?status=accepted', reader)).body.items).toEqual([]);
    expect((await get<Page<Dispute>>('/api/v1/disputes?from=2026-11-03', reader)).body.items).toEqual([]);
    const unknown = await get<Problem>('/api/v1/invoices/ACME-HVAC-2026-09/disputes', reader);
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors?.[0]).toMatch(/^Closest: ACME-HVAC-2026-10\b/);
  });
});

describe('one of each: a person, an approval, a credit, a job\'s events', () => {
  it('pages people by name and reads one person', async () => {
    const hr = await createToken(kit.db.db, 'hr', ['admin']);
    for (const email of ['sam.one@demo.example', 'sam.two@demo.example']) expect((await post('/api/v1/people', { name: 'Sam Same', email, roles: ['technician'] }, hr)).status).toBe(201);
    const everyone = await all<{ id: number; name: string }>('/api/v1/people?limit=1');
    expect(everyone.filter((p) => p.name === 'Sam Same')).toHaveLength(2); // namesakes on two pages, each once
    const names = everyone.map((p) => p.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set(everyone.map((p) => p.id)).size).toBe(everyone.length);
    expect(everyone.map((p) => p.id).sort()).toEqual((await get<Page<{ id: number }>>('/api/v1/people?limit=200')).body.items.map((p) => p.id).sort());
    const tom = everyone.find((p) => p.name === 'Tom Technician')!;
    expect((await get(`/api/v1/people/${tom.id}`, reader)).body).toMatchObject({ id: tom.id, name: 'Tom Technician', email: 'tom@demo.example', roles: ['technician'] });
    expect((await get<Problem>('/api/v1/people/999999', reader)).body).toMatchObject({ status: 404, detail: 'No person #999999.' });
    expect((await get<Problem>('/api/v1/people/tom', reader)).status).toBe(400);
    expect((await get<Problem>('/api/v1/people?cursor=WyJUb20iXQ', reader)).status).toBe(400); // ["Tom"]: a key of the wrong shape
    expect((await get<Problem>(`/api/v1/people?cursor=${Buffer.from('[999999]').toString('base64url')}`, reader)).status).toBe(400); // nobody
  });

  it('pages contracts and approval requests, and reads one request', async () => {
    const contracts = await all<{ id: string }>('/api/v1/contracts?limit=1', reader);
    expect(contracts.map((c) => c.id)).toEqual((await get<Page<{ id: string }>>('/api/v1/contracts?limit=200', reader)).body.items.map((c) => c.id));
    expect(contracts.length).toBeGreaterThan(2);
    expect((await get<Page<{ id: string }>>('/api/v1/contracts?team=hvac-paris', reader)).body.items.map((c) => c.id)).toContain('ACME-HVAC');

    const ids: number[] = [];
    for (const amount of [1000, 2000, 3000]) {
      const r = await post<{ id: number; status: string }>('/api/v1/approvals', { kind: 'goodwill', job: refs.tue, amount, reason: `sorry ${amount}` });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      ids.push(r.body.id);
    }
    const page1 = await get<Page<{ id: number }>>('/api/v1/approvals?limit=2');
    expect(page1.body.items.map((a) => a.id)).toEqual([ids[2], ids[1]]);
    const page2 = await get<Page<{ id: number }>>(`/api/v1/approvals?limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items.map((a) => a.id)).toEqual([ids[0]]);
    expect(page2.body.nextCursor).toBeNull();
    const one = await get(`/api/v1/approvals/${ids[1]}`);
    expect(one).toMatchObject({ status: 200, body: { id: ids[1], kind: 'goodwill', status: 'pending', amount: 2000, job: refs.tue, reason: 'sorry 2000' } });
    // The read token's person neither asked nor may decide: hidden one by one as in its list.
    expect((await get<Page<unknown>>('/api/v1/approvals', reader)).body.items).toEqual([]);
    expect(await get<Problem>(`/api/v1/approvals/${ids[1]}`, reader)).toMatchObject({ status: 404, body: { detail: `No approval request #${ids[1]}.` } });
    expect((await get<Problem>('/api/v1/approvals/99999', reader)).body.detail).toBe('No approval request #99999.');
    expect((await get('/api/v1/approvals?contract=NOPE')).status).toBe(404);
    expect((await get<Page<{ id: number }>>('/api/v1/approvals?from=2026-11-02&to=2026-11-02')).body.items.map((a) => a.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect((await get<Page<unknown>>('/api/v1/approvals?to=2026-11-01')).body.items).toEqual([]);
  });

  it('reads one credit and a job\'s own events', async () => {
    const credits = await get<Page<{ id: number; job: string | null }>>('/api/v1/credits', reader);
    expect(credits.body.items.length).toBeGreaterThan(0); // the Monday P2 job breached its response
    const c = credits.body.items[0]!;
    expect((await get(`/api/v1/credits/${c.id}`, reader)).body).toEqual(c);
    expect((await get<Problem>('/api/v1/credits/424242', reader)).status).toBe(404);

    const events = await get<Page<{ kind: string; to: string | null }>>(`/api/v1/jobs/${refs.mon}/events`, reader);
    expect(events.body.items.map((e) => [e.kind, e.to])).toEqual([
      ['status', 'en_route'],
      ['created', 'open'],
    ]);
    expect((await get<Page<unknown>>(`/api/v1/jobs/${refs.mon}/events?kind=created`, reader)).body.items).toHaveLength(1);
    expect((await get(`/api/v1/jobs/J-99999/events`, reader)).status).toBe(404);
  });
});

describe('the OpenAPI document', () => {
  it('has the new operations, each with its schemas, and examples of what they answer', async () => {
    const doc = (await (await kit.app.api.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, { example?: unknown }> } };
    const ops = Object.entries(doc.paths).flatMap(([p, byMethod]) => Object.keys(byMethod).map((m) => `${m.toUpperCase()} ${p}`));
    for (const op of [
      'GET /api/v1/jobs/{id}/time',
      'GET /api/v1/jobs/{id}/parts',
      'GET /api/v1/time',
      'GET /api/v1/parts',
      'GET /api/v1/jobs/{id}/events',
      'POST /api/v1/jobs/{id}/timer',
      'POST /api/v1/timer/stop',
      'POST /api/v1/timer/cancel',
      'GET /api/v1/timer',
      'GET /api/v1/invoices',
      'GET /api/v1/contracts/{id}/invoice',
      'GET /api/v1/disputes',
      'GET /api/v1/invoices/{number}/disputes',
      'GET /api/v1/people/{id}',
      'GET /api/v1/approvals/{id}',
      'GET /api/v1/credits/{id}',
    ]) {
      expect(ops, op).toContain(op);
    }
    const withoutExample = ['JobListItem', 'Alert', 'ContractSummary', 'Person', 'Approval', 'Credit', 'JobEventRecord', 'TimeEntryRecord', 'PartUseRecord', 'StoppedTimer', 'DiscardedTimer', 'Timer', 'TimerStart', 'TimerStop', 'InvoiceSummary', 'DisputeRecord'].filter(
      (name) => doc.components.schemas[name]?.example === undefined,
    );
    expect(withoutExample).toEqual([]);
  });
});

describe('one cursor scheme for every list', () => {
  it('every list in the OpenAPI document takes limit and cursor and answers nextCursor', async () => {
    type Schema = { type?: string; properties?: Record<string, unknown> };
    type Op = { parameters?: { in: string; name: string }[]; responses: Record<string, { content?: Record<string, { schema?: Schema }> }> };
    const doc = (await (await kit.app.api.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, Op>> };
    const lists = Object.entries(doc.paths)
      .filter(([p, ops]) => p.startsWith('/api/v1/') && ops.get?.responses['200']?.content?.['application/json']?.schema?.properties?.items)
      .map(([p, ops]) => ({ path: p, op: ops.get! }));
    expect(lists.length).toBeGreaterThan(15);
    const lacking = lists.filter(({ op }) => {
      const names = (op.parameters ?? []).filter((x) => x.in === 'query').map((x) => x.name);
      return !names.includes('limit') || !names.includes('cursor') || !op.responses['200']!.content!['application/json']!.schema!.properties!.nextCursor;
    });
    expect(lacking.map((l) => l.path)).toEqual([]);
  });

  it('a cursor a list did not give out is a 400 naming the cursor on every list', async () => {
    const admin = await createToken(kit.db.db, 'ops', ['admin']);
    const paths = [
      '/api/v1/contracts',
      '/api/v1/contracts/ACME-HVAC/amendments',
      '/api/v1/sites',
      '/api/v1/people',
      '/api/v1/jobs',
      `/api/v1/jobs/${refs.now}/events`,
      `/api/v1/jobs/${refs.now}/time`,
      `/api/v1/jobs/${refs.now}/parts`,
      '/api/v1/time',
      '/api/v1/parts',
      `/api/v1/jobs/${refs.now}/attachments`,
      `/api/v1/jobs/${refs.now}/messages`,
      '/api/v1/events',
      '/api/v1/alerts',
      '/api/v1/approvals',
      '/api/v1/credits',
      '/api/v1/invoices',
      '/api/v1/invoices/ACME-HVAC-2026-10/disputes',
      '/api/v1/disputes',
      '/api/v1/webhooks',
    ];
    for (const p of paths) {
      const ok = await get<Page<unknown>>(`${p}?limit=1`, admin);
      expect(ok.status, p).toBe(200);
      expect(Object.keys(ok.body).sort(), p).toEqual(['items', 'nextCursor']);
      for (const cursor of ['not-a-cursor', '99999999999', '-1', 'W10']) {
        const r = await get<Problem>(`${p}?cursor=${cursor}`, admin);
        expect(r.status, `${p} cursor=${cursor}`).toBe(400);
        expect(r.type).toMatch(/problem\+json/);
        expect(r.body.detail, p).toMatch(/^cursor ".*" is not one this list gave out/);
      }
    }
  });
});
