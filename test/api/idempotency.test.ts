/**
 * `Idempotency-Key` on POST: a retried request gets the first reply back and does nothing twice;
 * the same key on a different request is refused; a failed request leaves no key behind.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { idempotencyKeys, jobs } from '../../db/schema.js';
import { createToken } from '../../src/api/tokens.js';
import { EXAMPLES_DIR } from '../../src/seed/demo.js';
import { testKit, type TestKit } from '../support/app.js';

let kit: TestKit;
let token: string;
let other: string;
beforeAll(async () => {
  kit = await testKit({ now: '2026-11-23T16:00:00Z' });
  token = await createToken(kit.db.db, 'dispatch-sync', ['read', 'write', 'admin']);
  other = await createToken(kit.db.db, 'crm', ['read', 'write']);
});
afterAll(async () => kit?.close());

const post = (path: string, body: string, key?: string, tok = token, type = 'application/json') =>
  kit.app.api.request(path, { method: 'POST', headers: { authorization: `Bearer ${tok}`, 'content-type': type, ...(key ? { 'idempotency-key': key } : {}) }, body });
const jobCount = async () => Number((await kit.db.db.select({ n: count() }).from(jobs))[0]!.n);
const newJob = (summary = 'Chiller tripping') => JSON.stringify({ contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P2', summary });

describe('Idempotency-Key', () => {
  it('replays the first reply for the same key and body: one job, the same response', async () => {
    const before = await jobCount();
    const first = await post('/api/v1/jobs', newJob(), 'job-7f3a');
    const firstBody = await first.text();
    kit.clock.set('2026-11-23T16:05:00Z');
    const second = await post('/api/v1/jobs', newJob(), 'job-7f3a');
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(await second.text()).toBe(firstBody);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.headers.get('content-type')).toMatch(/application\/json/);
    expect(await jobCount()).toBe(before + 1);
  });

  it('refuses the same key with a different body (422), and keys are per token', async () => {
    const before = await jobCount();
    const res = await post('/api/v1/jobs', newJob('Another fault'), 'job-7f3a');
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(((await res.json()) as { type: string; detail: string })).toMatchObject({ type: 'https://contract-ops.dev/problems/idempotency-key-reused', detail: expect.stringMatching(/different request/) });
    const theirs = await post('/api/v1/jobs', newJob(), 'job-7f3a', other);
    expect(theirs.status).toBe(201);
    expect(await jobCount()).toBe(before + 1);
  });

  it('keeps no key for a failed request, so the corrected retry runs', async () => {
    const bad = await post('/api/v1/jobs', JSON.stringify({ contract: 'ACME-HVAC', site: 'NOWHERE', priority: 'P2', summary: 'x' }), 'job-retry-1');
    expect(bad.status).toBe(404);
    const again = await post('/api/v1/jobs', newJob('Fixed site'), 'job-retry-1');
    expect(again.status).toBe(201);
    expect(((await again.json()) as { summary: string }).summary).toBe('Fixed site');
  });

  it('rolls back everything a failed keyed request wrote', async () => {
    const before = Number((await kit.db.db.select({ n: count() }).from(idempotencyKeys))[0]!.n);
    const res = await post('/api/v1/jobs/J-1001/events', JSON.stringify({ kind: 'status', status: 'teleported' }), 'ev-1');
    expect(res.status).toBe(400);
    expect(Number((await kit.db.db.select({ n: count() }).from(idempotencyKeys))[0]!.n)).toBe(before);
  });

  it('creates one job when the same request races itself', async () => {
    const before = await jobCount();
    const [a, b] = await Promise.all([post('/api/v1/jobs', newJob('Race'), 'race-1'), post('/api/v1/jobs', newJob('Race'), 'race-1')]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(await a.text()).toBe(await b.text());
    expect(await jobCount()).toBe(before + 1);
  });

  it('works for routes that read the raw body (a YAML contract) and leaves POSTs without a key alone', async () => {
    const yaml = readFileSync(`${EXAMPLES_DIR}brightdesk-it.yaml`, 'utf8').replace('id: BRIGHTDESK-IT', 'id: BRIGHTDESK-2');
    const a = await post('/api/v1/contracts', yaml, 'contract-bd2', token, 'application/yaml');
    const b = await post('/api/v1/contracts', yaml, 'contract-bd2', token, 'application/yaml');
    expect([a.status, b.status]).toEqual([201, 201]);
    const c = await post('/api/v1/contracts', yaml, undefined, token, 'application/yaml');
    expect(c.status).toBe(409);
    const bad = await post('/api/v1/jobs', newJob(), 'x'.repeat(300));
    expect(bad.status).toBe(400);
  });
});
