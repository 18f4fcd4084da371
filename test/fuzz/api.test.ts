/**
 * Every REST operation in the OpenAPI document (so a route added tomorrow is fuzzed too), fed
 * random path ids, query values and bodies shaped after its own schema, with an all-scopes token:
 * no 5xx, every refusal is problem+json with a detail, and a refused request writes nothing.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/api/tokens.js';
import { readContractText } from '../../src/rules/contract-schema.js';
import { testKit, type TestKit } from '../support/app.js';
import { changed, DOMAIN, fuzzParams, HOSTILE, rowCounts, valueArb } from './support.js';

type Schema = { $ref?: string; type?: string; enum?: unknown[]; properties?: Record<string, Schema>; required?: string[]; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[] };
type Param = { in: 'path' | 'query' | 'header'; name: string; schema?: Schema };
type Operation = { parameters?: Param[]; requestBody?: { content: Record<string, { schema?: Schema }> } };
interface Op {
  method: string;
  path: string;
  op: Operation;
}

let kit: TestKit;
let token: string;
let ops: Op[];
let schemas: Record<string, Schema>;

beforeAll(async () => {
  kit = await testKit({ now: '2026-11-24T09:00:00Z' });
  token = await createToken(kit.db.db, 'fuzz', ['read', 'write', 'finance', 'admin']);
  await kit.app.dispatch(await kit.as('dana'), 'job new ACME-HVAC PAR-HQ P2 Chiller tripping');
  const doc = (await (await kit.app.api.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };
  schemas = doc.components?.schemas ?? {};
  ops = Object.entries(doc.paths).flatMap(([path, byMethod]) => Object.entries(byMethod).map(([method, op]) => ({ method: method.toUpperCase(), path, op })));
});
afterAll(async () => kit?.close());

function resolve(s: Schema | undefined): Schema {
  let cur = s ?? {};
  for (let i = 0; cur.$ref && i < 10; i++) cur = schemas[cur.$ref.split('/').pop()!] ?? {};
  return cur;
}

/** A value for a schema: often right-shaped (an enum member, an object with its fields), often not. */
function arbFor(s: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const r = resolve(s);
  const alts = r.anyOf ?? r.oneOf;
  if (alts?.length && depth < 3) return fc.oneof(...alts.map((a) => arbFor(a, depth + 1)));
  if (r.enum?.length) return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...r.enum) }, { weight: 1, arbitrary: valueArb() });
  if (r.type === 'object' && r.properties && depth < 3) {
    const keys = Object.keys(r.properties);
    const model = Object.fromEntries(keys.map((k) => [k, arbFor(r.properties![k], depth + 1)]));
    return fc.oneof({ weight: 4, arbitrary: fc.record(model, { requiredKeys: [] }) }, { weight: 1, arbitrary: valueArb() });
  }
  if (r.type === 'array' && depth < 3) return fc.oneof(fc.array(arbFor(r.items, depth + 1), { maxLength: 4 }), valueArb());
  return valueArb();
}

const idArb = fc.oneof(fc.constantFrom('J-1001', 'ACME-HVAC', '1', '2', '0', '-1', '999999999999', 'HVAC-LAB', 'INV-2026-0001', 'x.csv'), fc.constantFrom(...HOSTILE), fc.string({ maxLength: 10 }));

const csvArb = fc
  .tuple(fc.array(fc.array(fc.oneof(fc.constantFrom(...DOMAIN), fc.constantFrom(...HOSTILE), fc.string({ maxLength: 8 })), { maxLength: 6 }), { maxLength: 6 }), fc.constantFrom(',', ';', '\t'))
  .map(([lines, sep]) => lines.map((l) => l.join(sep)).join('\n'));

/** A request body for one content type of the operation, or a wrong one. */
function bodyArb(op: Operation): fc.Arbitrary<{ type?: string; body?: RequestInit["body"] }> {
  const content = op.requestBody?.content ?? {};
  const alts: fc.Arbitrary<{ type?: string; body?: RequestInit["body"] }>[] = [
    fc.constant({}),
    fc.constantFrom('{', 'null', '[]', '""', '{"a":', '\u0000').map((body) => ({ type: 'application/json', body })),
    fc.jsonValue({ maxDepth: 3 }).map((v) => ({ type: 'application/json', body: JSON.stringify(v) })),
  ];
  for (const [type, media] of Object.entries(content)) {
    if (type === 'application/json') alts.push(arbFor(media.schema).map((v) => ({ type, body: JSON.stringify(v) })));
    if (type === 'application/yaml') alts.push(fc.oneof(fc.constantFrom(...HOSTILE), csvArb, fc.constant('id: X\nname: [')).map((body) => ({ type, body })));
    if (type === 'text/csv') alts.push(csvArb.map((body) => ({ type, body })));
    if (type === 'multipart/form-data') {
      alts.push(
        fc.record({ bytes: fc.uint8Array({ maxLength: 300 }), name: fc.constantFrom('a.jpg', 'rates.csv', '../x', ''), field: fc.constantFrom('file', 'rates', 'people', 'kind', 'step'), extra: fc.string({ maxLength: 10 }) }).map((f) => {
          const form = new FormData();
          form.append(f.field, new Blob([f.bytes]), f.name || 'blob');
          form.append('step', f.extra);
          return { body: form };
        }),
      );
    }
  }
  return fc.oneof(...alts);
}

/** A URL cannot carry a lone surrogate (encodeURIComponent throws); Slack and browsers send U+FFFD. */
const wellFormed = (s: string) => s.replace(/[\ud800-\udfff]/g, '\ufffd');

function requestArb(o: Op): fc.Arbitrary<{ url: string; type?: string; body?: RequestInit["body"] }> {
  const params = o.op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  return fc
    .record({
      path: fc.tuple(...pathParams.map(() => idArb)),
      query: fc.record(Object.fromEntries(queryParams.map((p) => [p.name, arbFor(p.schema).map(String)])), { requiredKeys: [] }),
      body: o.method === 'GET' || o.method === 'DELETE' ? fc.constant({}) : bodyArb(o.op),
    })
    .map(({ path, query, body }) => {
      let url = o.path;
      pathParams.forEach((p, i) => (url = url.replace(`{${p.name}}`, encodeURIComponent(wellFormed(path[i] as string)))));
      const qs = new URLSearchParams(query as Record<string, string>).toString();
      return { url: qs ? `${url}?${qs}` : url, ...body };
    });
}

describe('the REST API under random requests', () => {
  it('documents the write operations this test fuzzes', () => {
    expect(ops.filter((o) => o.method !== 'GET').length).toBeGreaterThan(10);
  });

  it('never answers 5xx; refusals are problem+json and write nothing', async () => {
    for (const o of ops) {
      const runs = o.method === 'GET' ? 6 : 20;
      await fc.assert(
        fc.asyncProperty(requestArb(o), async (r) => {
          const before = await rowCounts(kit.db);
          const headers: Record<string, string> = { authorization: `Bearer ${token}` };
          if (r.type) headers['content-type'] = r.type;
          const res = await kit.app.api.request(r.url, { method: o.method, headers, body: r.body });
          const where = `${o.method} ${r.url} ${typeof r.body === 'string' ? r.body.slice(0, 200) : ''}`;
          const text = await res.text();
          expect(res.status, `${where} -> ${text.slice(0, 300)}`).toBeLessThan(500);
          if (res.status >= 400) {
            expect(res.headers.get('content-type'), where).toMatch(/application\/problem\+json/);
            const p = JSON.parse(text) as { detail?: unknown; title?: unknown };
            expect(typeof p.detail === 'string' && p.detail.length > 0, `${where}: a refusal says why`).toBe(true);
            expect(changed(before, await rowCounts(kit.db)), `${where} refused with ${res.status} but wrote`).toEqual([]);
          }
        }),
        fuzzParams(runs),
      );
    }
  }, 600_000);
});

describe('bodies the API once mishandled', () => {
  it('a contract sent as JSON is read (the JSON validator had consumed the body: every JSON contract was a 500)', async () => {
    const yaml = readFileSync(new URL('../../examples/contracts/acme-hvac.yaml', import.meta.url), 'utf8');
    const read = readContractText(yaml);
    if (!read.ok) throw new Error('example contract unreadable');
    const terms = { ...(read.data as Record<string, unknown>), id: 'ACME-JSON' };
    const res = await kit.app.api.request('/api/v1/contracts', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(terms) });
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await res.json()).toMatchObject({ id: 'ACME-JSON', version: 1 });
  });

  it('malformed JSON is a 400 problem, not a 500', async () => {
    const res = await kit.app.api.request('/api/v1/jobs', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"contract":' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('a NUL character in a summary is refused with a reason (Postgres cannot store it), not a 500', async () => {
    const before = await rowCounts(kit.db);
    const res = await kit.app.api.request('/api/v1/jobs', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P3', summary: 'boiler\u0000 noise' }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/NUL character/);
    expect(changed(before, await rowCounts(kit.db))).toEqual([]);
  });
});
