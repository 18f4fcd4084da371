/** Approvals and people over REST: create, list, decide once (409 the second time), roles by admins. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/api/tokens.js';
import { personByHandle } from '../../src/people/person.js';
import { testKit, type TestKit } from '../support/app.js';
import { aJob } from './helpers.js';

let kit: TestKit;
let sync: string;
let maxToken: string;
let adminToken: string;
beforeAll(async () => {
  kit = await testKit({ now: '2026-11-23T09:00:00Z' });
  sync = await createToken(kit.db.db, 'field-sync', ['read', 'write']);
  const max = await personByHandle(kit.db.db, 'max');
  maxToken = await createToken(kit.db.db, 'max-phone', ['read', 'write'], max!.id);
  adminToken = await createToken(kit.db.db, 'hr-sync', ['read', 'admin']);
});
afterAll(async () => kit?.close());

const call = (token: string, method: string, path: string, body?: unknown) =>
  kit.app.api.request(path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });

describe('approvals API', () => {
  it('creates a request, lists it, decides it once', async () => {
    const ref = await aJob(kit);
    const res = await call(sync, 'POST', '/api/v1/approvals', { kind: 'outOfScope', job: ref, code: 'DUCT-CLEAN', quantity: 2, reason: 'ducts clogged' });
    expect(res.status).toBe(201);
    const a = (await res.json()) as { id: number; status: string; amount: number; rule: string; request: { code: string } };
    expect(a).toMatchObject({ status: 'pending', amount: 19000, request: { code: 'DUCT-CLEAN' } });
    expect(a.rule).toBe('approvals.outOfScope: approvers manager, autoApproveUnder 150.00');

    const list = (await (await call(sync, 'GET', '/api/v1/approvals?status=pending')).json()) as { items: { id: number }[] };
    expect(list.items.map((i) => i.id)).toEqual([a.id]);

    // The field-sync token's service person is a dispatcher/technician: not a manager.
    const wrong = await call(sync, 'POST', `/api/v1/approvals/${a.id}/decision`, { approve: true });
    expect(wrong.status).toBe(403);
    const ok = await call(maxToken, 'POST', `/api/v1/approvals/${a.id}/decision`, { approve: true });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { status: string; decider: { name: string } }).decider.name).toBe('Max Manager');
    const again = await call(maxToken, 'POST', `/api/v1/approvals/${a.id}/decision`, { approve: false, reason: 'oops' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { detail: string }).detail).toMatch(/already approved by Max Manager/);
  });

  it('refuses bad bodies with the field named', async () => {
    const res = await call(sync, 'POST', '/api/v1/approvals', { kind: 'goodwill', job: 'J-1001' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/reason/);
  });
});

describe('people API', () => {
  it('admins add people and change roles; others cannot', async () => {
    const add = await call(adminToken, 'POST', '/api/v1/people', { name: 'Nina New', email: 'nina@demo.example', roles: ['technician'] });
    expect(add.status).toBe(201);
    const nina = (await add.json()) as { id: number };
    const roles = await call(adminToken, 'POST', `/api/v1/people/${nina.id}/roles`, { add: ['manager'], remove: ['technician'] });
    expect(((await roles.json()) as { roles: string[] }).roles).toEqual(['manager']);
    expect((await call(sync, 'POST', `/api/v1/people/${nina.id}/roles`, { add: ['admin'] })).status).toBe(403);
    const managers = (await (await call(sync, 'GET', '/api/v1/people?role=manager')).json()) as { items: { name: string }[] };
    expect(managers.items.map((p) => p.name)).toEqual(['Lee Lead', 'Max Manager', 'Nina New']);
  });
});
