/**
 * API tokens: the last use is recorded (at most once a minute), `/tokens` shows it to admins, and
 * a token revoked in chat or over the API gets 401 from then on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { apiTokens, auditLog } from '../../db/schema.js';
import { createToken } from '../../src/api/tokens.js';
import { cardText } from '../proof/helpers.js';
import { testKit, type TestKit } from '../support/app.js';

let kit: TestKit;
let admin: string;
let sync: string;
beforeAll(async () => {
  kit = await testKit({ now: '2026-11-23T16:00:00Z' });
  admin = await createToken(kit.db.db, 'ops', ['admin']);
  sync = await createToken(kit.db.db, 'erp-sync', ['read', 'write']);
});
afterAll(async () => kit?.close());

const get = (token: string, path = '/api/v1/contracts') => kit.app.api.request(path, { headers: { authorization: `Bearer ${token}` } });
const del = (token: string, id: number) => kit.app.api.request(`/api/v1/tokens/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
const row = async (name: string) => (await kit.db.db.select().from(apiTokens).where(eq(apiTokens.name, name)))[0]!;
const say = async (handle: string, line: string) => cardText(await kit.app.dispatch(await kit.as(handle), line));

describe('last use', () => {
  it('is written on use, then at most once a minute', async () => {
    expect((await row('erp-sync')).lastUsedAt).toBeNull();
    expect((await get(sync)).status).toBe(200);
    expect((await row('erp-sync')).lastUsedAt).toEqual(new Date('2026-11-23T16:00:00Z'));
    kit.clock.set('2026-11-23T16:00:59Z');
    expect((await get(sync)).status).toBe(200);
    expect((await row('erp-sync')).lastUsedAt).toEqual(new Date('2026-11-23T16:00:00Z'));
    kit.clock.set('2026-11-23T16:01:00Z');
    expect((await get(sync)).status).toBe(200);
    expect((await row('erp-sync')).lastUsedAt).toEqual(new Date('2026-11-23T16:01:00Z'));
  });

  it('/tokens shows admins every token with its last use, and nobody else', async () => {
    const text = await say('ada', '/tokens');
    expect(text).toMatch(/API tokens \(2\)/);
    expect(text).toMatch(/erp-sync +read, write .* Mon 23 Nov 16:01 UTC/);
    expect(text).toMatch(/never/); // ops has not been used yet
    expect(await say('dana', '/tokens')).toMatch(/Not allowed/);
  });
});

describe('revoking', () => {
  it('in chat: the token gets 401 from then on, with an audit row; twice is "already done"', async () => {
    const extra = await createToken(kit.db.db, 'old-crm', ['read']);
    const { id } = await row('old-crm');
    expect((await get(extra)).status).toBe(200);
    expect(await say('dana', `/tokens revoke ${id}`)).toMatch(/Not allowed/);
    expect(await say('ada', `/tokens revoke #${id}`)).toMatch(new RegExp(`Token #${id} \\(old-crm, read\\) is revoked`));
    const res = await get(extra);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { detail: string }).detail).toBe('Unknown or revoked token.');
    expect(await say('ada', `/tokens revoke ${id}`)).toMatch(/Already done[\s\S]*already revoked at \w{3} \d+ \w{3} \d\d:\d\d /);
    expect(await say('ada', '/tokens revoke 99999')).toMatch(/No API token #99999/);
    expect(await say('ada', '/tokens revoke soon')).toMatch(/not a token number/);
    const audits = await kit.db.db.select().from(auditLog).where(eq(auditLog.action, 'token.revoke'));
    expect(audits.map((a) => a.subjectId)).toEqual([String(id)]);
  });

  it('over the API: DELETE /api/v1/tokens/{id} needs the admin scope; the revoked token gets 401', async () => {
    const { id } = await row('erp-sync');
    expect((await del(sync, id)).status).toBe(403);
    const res = await del(admin, id);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id, name: 'erp-sync', scopes: ['read', 'write'], revokedAt: '2026-11-23T16:01:00.000Z', lastUsedAt: '2026-11-23T16:01:00.000Z' });
    expect((await get(sync)).status).toBe(401);
    expect((await del(admin, id)).status).toBe(409);
    expect((await del(admin, 99999)).status).toBe(404);
  });
});

describe('creating, while the bot runs', () => {
  it('in chat: /tokens new shows the token once, to the admin alone; it works at once and only its hash is stored', async () => {
    expect(await say('dana', '/tokens new crm read')).toMatch(/Not allowed/);
    expect(await say('ada', '/tokens new crm read,bogus')).toMatch(/Unknown scope "bogus"; the scopes are read, write, finance, admin, sensitive/);
    expect(await say('ada', '/tokens new crm')).toMatch(/Say which scopes/);
    const cards = await kit.app.dispatch(await kit.as('ada'), '/tokens new crm read write');
    expect(cards[0]).toMatchObject({ title: 'Token created', visibility: 'ephemeral' });
    const token = /cot_[A-Za-z0-9_-]+/.exec(cardText(cards))?.[0];
    expect(token).toBeDefined();
    expect((await get(token!)).status).toBe(200);
    const r = await row('crm');
    expect(r.scopes).toEqual(['read', 'write']);
    expect(JSON.stringify(r)).not.toContain(token!);
    const [a] = await kit.db.db.select().from(auditLog).where(eq(auditLog.action, 'token.create'));
    expect(a).toMatchObject({ subjectId: String(r.id), data: { name: 'crm', scopes: ['read', 'write'] } });
    expect(JSON.stringify(a)).not.toContain(token!);
    expect(await say('ada', '/tokens')).toMatch(/crm +read, write/);
  });

  it('over the API: POST /api/v1/tokens (admin) answers the token once; no Idempotency-Key, since nothing is kept to replay', async () => {
    const post = (token: string, body: unknown, headers: Record<string, string> = {}) =>
      kit.app.api.request('/api/v1/tokens', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const res = await post(admin, { name: 'bi-tool', scopes: ['read'] });
    expect(res.status).toBe(201);
    const made = (await res.json()) as { id: number; token: string; scopes: string[]; lastUsedAt: string | null };
    expect(made).toMatchObject({ scopes: ['read'], lastUsedAt: null });
    expect((await get(made.token)).status).toBe(200);
    expect((await post(made.token, { name: 'x', scopes: ['admin'] })).status).toBe(403);
    expect((await post(admin, { name: 'x', scopes: ['root'] })).status).toBe(400);
    const keyed = await post(admin, { name: 'y', scopes: ['read'] }, { 'idempotency-key': 'k-1' });
    expect(keyed.status).toBe(400);
    expect(((await keyed.json()) as { detail: string }).detail).toMatch(/takes no Idempotency-Key/);
    expect((await kit.db.db.select().from(apiTokens).where(eq(apiTokens.name, 'y'))).length).toBe(0);
  });
});
