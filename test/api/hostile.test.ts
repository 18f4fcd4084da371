/**
 * Hostile input on the API (issue #20): file names outside Latin-1, an import sent form-encoded,
 * a retried multipart upload with a new boundary, an oversized file, and under-scoped tokens with
 * bad bodies on every route.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { attachments } from '../../db/schema.js';
import { createToken } from '../../src/api/tokens.js';
import { tempDir } from '../proof/helpers.js';
import { testKit, type TestKit } from '../support/app.js';
import { changed, rowCounts } from '../fuzz/support.js';

let kit: TestKit;
let rw: string;
let reader: string;
let books: string;
let admin: string;
let job: string;
beforeAll(async () => {
  kit = await testKit({ now: '2026-11-23T16:00:00Z', env: { ATTACHMENTS_DIR: tempDir('hostile'), MAX_ATTACHMENT_MB: '1' } });
  rw = await createToken(kit.db.db, 'field-sync', ['read', 'write']);
  reader = await createToken(kit.db.db, 'bi', ['read']);
  books = await createToken(kit.db.db, 'books', ['finance']);
  admin = await createToken(kit.db.db, 'ops', ['admin']);
  const res = await kit.app.api.request('/api/v1/jobs', { method: 'POST', headers: { authorization: `Bearer ${rw}`, 'content-type': 'application/json' }, body: JSON.stringify({ contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P3', summary: 'Photos' }) });
  job = ((await res.json()) as { id: string }).id;
});
afterAll(async () => kit?.close());

/** The 8-byte PNG signature and a little more: enough for the type sniffing. */
const png = (fill = 0) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, fill)]);

const upload = (files: { name: string; data: Buffer }[], headers: Record<string, string> = {}) => {
  const form = new FormData();
  for (const f of files) form.append('file', new File([new Uint8Array(f.data)], f.name, { type: 'image/png' }));
  return kit.app.api.request(`/api/v1/jobs/${job}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${rw}`, ...headers }, body: form });
};
type Stored = { attachments: { id: number; fileName: string; url: string }[] };

describe('file names outside Latin-1', () => {
  it.each(['Zoë.png', '📷 site.png', 'работа.png'])('%s uploads, lists and downloads with an RFC 6266 Content-Disposition', async (name) => {
    const res = await upload([{ name, data: png(1) }]);
    expect(res.status).toBe(201);
    const [a] = ((await res.json()) as Stored).attachments;
    expect(a!.fileName).toBe(name);
    const file = await kit.app.api.request(a!.url, { headers: { authorization: `Bearer ${reader}` } });
    expect(file.status).toBe(200);
    const disposition = file.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^inline; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)![1]!)).toBe(name);
    expect(Buffer.from(await file.arrayBuffer()).equals(png(1))).toBe(true);
  });
});

describe('sizes', () => {
  it('a file over MAX_ATTACHMENT_MB is 413 too_large (not a retryable 429) and stores nothing', async () => {
    const before = await rowCounts(kit.db);
    const res = await upload([{ name: 'huge.png', data: Buffer.concat([png(), Buffer.alloc(1024 * 1024 + 64 * 1024)]) }]);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ type: 'https://contract-ops.dev/problems/too_large', title: 'Too large', detail: expect.stringMatching(/^huge\.png is 1\.\d+ MB; the limit is 1 MB per file/) });
    expect(changed(before, await rowCounts(kit.db))).toEqual([]);
  });
});

describe('POST /api/v1/imports with another content type', () => {
  it.each([
    ['application/x-www-form-urlencoded', 'contract,sku,name,price\nACME-HVAC,X-1,Thing,1.00\n'],
    ['application/json', '{"rows":[]}'],
  ])('%s is a 415 that says what to send, and imports nothing', async (type, body) => {
    const before = await rowCounts(kit.db);
    const res = await kit.app.api.request('/api/v1/imports?kind=parts', { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': type }, body });
    expect(res.status).toBe(415);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(((await res.json()) as { detail: string }).detail).toBe(`An import is one CSV file sent as content-type text/csv, or several as multipart/form-data, not ${type} (with curl: -H 'content-type: text/csv' --data-binary @rates.csv).`);
    expect(changed(before, await rowCounts(kit.db))).toEqual([]);
  });
});

describe('Idempotency-Key on a multipart upload', () => {
  /** The same parts under a boundary of the client's choosing, as each retry of a real client. */
  const multipart = (boundary: string, name: string, data: Buffer) =>
    Buffer.concat([Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${name}"\r\ncontent-type: image/png\r\n\r\n`), data, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  const send = (boundary: string, name: string, data: Buffer, key: string) =>
    kit.app.api.request(`/api/v1/jobs/${job}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${rw}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'idempotency-key': key }, body: multipart(boundary, name, data) });
  const stored = async () => Number((await kit.db.db.select({ n: count() }).from(attachments))[0]!.n);

  it('a retry with a new boundary replays the first reply and stores the file once', async () => {
    const before = await stored();
    const first = await send('----formdata-a1', 'door.png', png(7), 'upload-door-1');
    const firstBody = await first.text();
    expect(first.status).toBe(201);
    const retry = await send('----WebKitFormBoundaryZ9', 'door.png', png(7), 'upload-door-1');
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.text()).toBe(firstBody);
    expect(await stored()).toBe(before + 1);
  });

  it('the same key with other bytes or another file name is still 422', async () => {
    expect((await send('b2', 'door.png', png(8), 'upload-door-1')).status).toBe(422);
    expect((await send('b3', 'door-2.png', png(7), 'upload-door-1')).status).toBe(422);
  });
});

describe('scope before body', () => {
  type Op = { method: string; path: string; scope: string };
  async function operations(): Promise<Op[]> {
    const doc = (await (await kit.app.api.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { security?: { bearer: string[] }[] }>> };
    return Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, scope: op.security?.[0]?.bearer[0] ?? '' })));
  }
  const fill = (path: string) => path.replace(/\{[^}]+\}/g, '1');
  const bad = (token: string, op: Op) =>
    kit.app.api.request(`${fill(op.path)}?limit=oops&cursor=%00&from=never`, { method: op.method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(op.method === 'GET' ? {} : { body: '{"bogus": [1, 2' }) });

  it('every /api/v1 route declares one scope', async () => {
    const ops = (await operations()).filter((o) => o.path.startsWith('/api/v1/'));
    expect(ops.length).toBeGreaterThan(50);
    expect(ops.filter((o) => !['read', 'write', 'finance', 'admin'].includes(o.scope))).toEqual([]);
  });

  it('a token without the scope gets 403 whatever the body or query, on every route', async () => {
    const before = await rowCounts(kit.db);
    const lacking: string[] = [];
    for (const op of (await operations()).filter((o) => o.path.startsWith('/api/v1/'))) {
      // A read token lacks every other scope; a finance-only token lacks read.
      const token = op.scope === 'read' ? books : reader;
      const res = await bad(token, op);
      if (res.status !== 403) lacking.push(`${op.method} ${op.path}: ${res.status} ${await res.text()}`);
    }
    expect(lacking).toEqual([]);
    expect(changed(before, await rowCounts(kit.db))).toEqual([]);
  });

  it('with the scope, the same bad body is the 400 it deserves', async () => {
    const res = await bad(rw, { method: 'POST', path: '/api/v1/jobs', scope: 'write' });
    expect(res.status).toBe(400);
  });
});
