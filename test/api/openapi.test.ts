/**
 * The OpenAPI document is the API's contract with integrators: every route the app serves under
 * /api/v1 is in it, and it promises no route the app does not serve.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi, type Api } from '../../src/api/app.js';
import { apiRoutes } from '../../src/api/routes/index.js';
import { testKit, type TestKit } from '../support/app.js';

let kit: TestKit;
beforeAll(async () => {
  kit = await testKit({ seed: false });
});
afterAll(async () => kit?.close());

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** `/api/v1/jobs/:id{[0-9]+}` -> `/api/v1/jobs/{id}`, the document's spelling. */
const docPath = (p: string) => p.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}');

interface Doc {
  openapi: string;
  paths: Record<string, Record<string, { summary?: string; security?: unknown[]; responses?: Record<string, unknown> }>>;
  components?: { securitySchemes?: Record<string, unknown> };
}

async function served(api: Api = kit.app.api): Promise<{ routes: Set<string>; doc: Doc }> {
  const res = await api.request('/api/openapi.json');
  expect(res.status).toBe(200);
  const doc = (await res.json()) as Doc;
  const routes = new Set(
    api.routes
      // `use` middleware is registered with method ALL; it serves nothing by itself.
      .filter((r) => r.path.startsWith('/api/v1/') && r.method !== 'ALL')
      .map((r) => `${r.method.toUpperCase()} ${docPath(r.path)}`),
  );
  return { routes, doc };
}

describe('OpenAPI document', () => {

  it('lists every /api/v1 route the app serves, and no other', async () => {
    const { routes, doc } = await served();
    const documented = new Set(
      Object.entries(doc.paths)
        .filter(([p]) => p.startsWith('/api/v1/'))
        .flatMap(([p, ops]) => Object.keys(ops).filter((m) => METHODS.includes(m)).map((m) => `${m.toUpperCase()} ${p}`)),
    );
    const undocumented = [...routes].filter((r) => !documented.has(r)).sort();
    const phantom = [...documented].filter((r) => !routes.has(r)).sort();
    expect({ undocumented, phantom }).toEqual({ undocumented: [], phantom: [] });
    expect(routes.size).toBeGreaterThan(40);
    // The capabilities the API promises are all reachable.
    for (const r of [
      'GET /api/v1/contracts',
      'POST /api/v1/contracts/{id}/amendments',
      'GET /api/v1/contracts/{id}/amendments',
      'GET /api/v1/sites',
      'GET /api/v1/contracts/{id}/sites/{site}',
      'GET /api/v1/people',
      'GET /api/v1/jobs',
      'GET /api/v1/events',
      'POST /api/v1/jobs/{id}/time',
      'POST /api/v1/jobs/{id}/parts',
      'GET /api/v1/approvals',
      'GET /api/v1/credits',
      'GET /api/v1/invoices',
      'POST /api/v1/imports',
      'GET /api/v1/exports/{file}',
      'POST /api/v1/webhooks',
      'GET /api/v1/webhooks/{id}/deliveries',
      'GET /api/v1/people/{id}',
      'GET /api/v1/jobs/{id}/time',
      'GET /api/v1/jobs/{id}/parts',
      'POST /api/v1/jobs/{id}/timer',
      'POST /api/v1/timer/stop',
      'PATCH /api/v1/time-entries/{id}',
      'DELETE /api/v1/time-entries/{id}',
      'PATCH /api/v1/parts/{id}',
      'DELETE /api/v1/parts/{id}',
      'GET /api/v1/disputes',
      'GET /api/v1/contracts/{id}/invoice',
    ]) {
      expect(routes, r).toContain(r);
    }
  });

  it('describes each operation: a summary, the bearer scheme, and its answers', async () => {
    const { doc } = await served();
    expect(doc.openapi).toMatch(/^3\.1/);
    expect(doc.components?.securitySchemes?.bearer).toEqual({ type: 'http', scheme: 'bearer' });
    const lacking: string[] = [];
    for (const [p, ops] of Object.entries(doc.paths)) {
      if (!p.startsWith('/api/v1/')) continue;
      for (const [m, op] of Object.entries(ops)) {
        if (!METHODS.includes(m)) continue;
        if (!op.summary) lacking.push(`${m} ${p}: summary`);
        if (!op.security?.length) lacking.push(`${m} ${p}: security`);
        if (!Object.keys(op.responses ?? {}).some((s) => /^2\d\d$/.test(s))) lacking.push(`${m} ${p}: a success response`);
      }
    }
    expect(lacking).toEqual([]);
  });

  it('writes every pattern as a plain ECMA regular expression a validating client accepts', async () => {
    const { doc } = await served();
    const patterns: { at: string; pattern: string }[] = [];
    const walk = (v: unknown, at: string) => {
      if (!v || typeof v !== 'object') return;
      for (const [k, x] of Object.entries(v)) {
        if (k === 'pattern' && typeof x === 'string') patterns.push({ at, pattern: x });
        else walk(x, `${at}/${k}`);
      }
    };
    walk(doc, '');
    expect(patterns.length).toBeGreaterThan(3);
    const bad = patterns.filter(({ pattern }) => {
      // A JavaScript literal's delimiters and flags ("^P[1-4]$/i") are not part of the language.
      if (/^\//.test(pattern) || /(?<!\\)\/[dgimsuvy]+$/.test(pattern)) return true;
      try {
        new RegExp(pattern, 'u');
        return false;
      } catch {
        return true;
      }
    });
    expect(bad).toEqual([]);
  });

  it('describes the contract usage answer field by field', async () => {
    const { doc } = await served();
    const ok = doc.paths['/api/v1/contracts/{id}/usage']?.get?.responses?.['200'] as { content?: Record<string, { schema?: { $ref?: string } }> } | undefined;
    const ref = ok?.content?.['application/json']?.schema?.$ref;
    expect(ref).toBe('#/components/schemas/ContractUsage');
    const schema = (doc.components as { schemas: Record<string, { properties?: Record<string, unknown> }> }).schemas.ContractUsage;
    expect(Object.keys(schema?.properties ?? {})).toEqual(expect.arrayContaining(['banks', 'sites', 'credits', 'currency']));
  });

  it('would notice a route registered without the document', async () => {
    const api = createApi({ ctx: kit.app.ctx, routes: [...apiRoutes(), (a) => a.get('/api/v1/undocumented-probe', (c) => c.json({}))] });
    const { routes, doc } = await served(api);
    expect(routes).toContain('GET /api/v1/undocumented-probe');
    expect(Object.keys(doc.paths)).not.toContain('/api/v1/undocumented-probe');
  });
});
