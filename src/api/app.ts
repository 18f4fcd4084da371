/**
 * The one HTTP server: REST API with its OpenAPI document, health check, and the mount points the
 * Slack and Teams adapters add (`/slack/events`, `/api/messages`) so one port serves everything.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Ctx } from '../context.js';
import { AppError } from '../errors.js';
import { toProblem, problemResponse } from './problem.js';
import { findToken, noteTokenUse, SCOPES, type Scope } from './tokens.js';
import { personById } from '../people/person.js';
import { idempotency } from './routes/idempotency.js';
import { redactResponses } from './redact.js';
import type { Readiness } from '../readiness.js';
import { registerPages } from './pages.js';
import { inLanguage, t } from '../i18n/index.js';

/** JSON, YAML, Slack and Teams bodies: real ones are kilobytes. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Files (multipart uploads, CSV imports): the attachment route narrows this to its own limit. */
const MAX_UPLOAD_FILES = 10;
/** The only routes that take files; every other path keeps the 1 MB limit whatever the content type says. */
const UPLOAD_ROUTES = [/^\/api\/v1\/jobs\/[^/]+\/attachments$/, /^\/api\/v1\/imports$/];

export type ApiEnv = { Variables: { ctx: Ctx } };
export type Api = OpenAPIHono<ApiEnv>;

export interface ApiDeps {
  ctx: Ctx;
  /** every route group, in the order the OpenAPI document lists them (src/api/routes/index.ts) */
  routes: ((api: Api) => void)[];
  /** the chat platforms' states for /readyz (none: ready once the database answers) */
  readiness?: Readiness;
}

export function createApi(deps: ApiDeps): Api {
  const api = new OpenAPIHono<ApiEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const p = toProblem(result.error, deps.ctx.log);
        return problemResponse(c, p);
      }
    },
  });

  // The API and its problem+json answers are in English whatever context the server runs in
  // (docs/languages.md); the chat endpoints mounted here set their reader's language themselves.
  api.use('*', (_c, next) => inLanguage('en', next));

  // Then, for every path (API, /slack/events, /api/messages): a body is counted as it streams in
  // and reading stops at the limit, so a chunked upload without Content-Length cannot fill memory
  // before a handler looks at it. The larger upload limit follows the route, never the
  // content type: a client must not buy 100 MB on /slack/events by calling its body multipart.
  api.use('*', (c, next) => {
    const upload = c.req.method === 'POST' && UPLOAD_ROUTES.some((r) => r.test(c.req.path));
    const maxSize = upload ? deps.ctx.services.maxAttachmentBytes * MAX_UPLOAD_FILES + MAX_BODY_BYTES : MAX_BODY_BYTES;
    const detail = `The request body is larger than ${Math.round(maxSize / 2 ** 20)} MB.`;
    return bodyLimit({ maxSize, onError: (c) => problemResponse(c, { type: 'https://contract-ops.dev/problems/too_large', title: 'Payload too large', status: 413, detail }) })(c, next);
  });

  api.get('/healthz', async (c) => {
    try {
      await deps.ctx.root.execute(sql`select 1`);
      return c.json({ ok: true, database: 'up' });
    } catch {
      return c.json({ ok: false, database: 'down' }, 503);
    }
  });

  // Readiness: the database and every configured chat platform; liveness stays /healthz.
  api.get('/readyz', async (c) => {
    let database: 'up' | 'down' = 'up';
    try {
      await deps.ctx.root.execute(sql`select 1`);
    } catch {
      database = 'down';
    }
    const { ready, platforms } = deps.readiness?.snapshot() ?? { ready: true, platforms: {} };
    const ok = ready && database === 'up';
    return c.json({ ok, database, platforms }, ok ? 200 : 503);
  });

  api.use('/api/v1/*', async (c, next) => {
    const auth = c.req.header('authorization') ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    if (!m) return problemResponse(c, { type: 'https://contract-ops.dev/problems/unauthorized', title: 'Unauthorized', status: 401, detail: 'Send Authorization: Bearer <token> (create one with npm run token).' });
    const tok = await findToken(deps.ctx.root, m[1]!);
    if (!tok) return problemResponse(c, { type: 'https://contract-ops.dev/problems/unauthorized', title: 'Unauthorized', status: 401, detail: 'Unknown or revoked token.' });
    await noteTokenUse(deps.ctx.root, tok, deps.ctx.clock.now());
    const person = tok.personId ? await personById(deps.ctx.root, tok.personId) : undefined;
    c.set('ctx', {
      ...deps.ctx,
      actor: { via: 'api', person: person ?? null, label: `${tok.name} (api)`, scopes: tok.scopes },
    });
    await next();
  });
  api.use('/api/v1/*', redactResponses());
  api.use('/api/v1/*', idempotency());

  checkScopesFirst(api);

  api.onError((err, c) => problemResponse(c, toProblem(err, deps.ctx.log)));
  api.notFound((c) => problemResponse(c, { type: 'about:blank', title: 'Not found', status: 404, detail: `No route ${c.req.method} ${c.req.path}.` }));

  registerPages(api);
  for (const r of deps.routes) r(api);

  api.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'contract-ops API', version: '1.0.0', description: 'Contracts as live rules: jobs, SLA clocks, time, approvals, invoices.' },
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  return api;
}

/**
 * Every `/api/v1` route declares its scope in its OpenAPI security requirement
 * (`security: scoped('write')`); the check runs as the route's first middleware, before the
 * validators, so a token without the scope gets 403 rather than a 400 describing the schema.
 * A route that declares no scope does not register.
 */
function checkScopesFirst(api: Api): void {
  const register = api.openapi;
  api.openapi = ((route, handler, hook) => {
    const scopes = (route.security ?? []).flatMap((s) => s.bearer ?? []);
    if (!route.path.startsWith('/api/v1/')) return register(route, handler, hook);
    if (scopes.length !== 1 || !(SCOPES as readonly string[]).includes(scopes[0]!)) throw new Error(`${route.method.toUpperCase()} ${route.path} must declare one scope: security: scoped('read' | 'write' | 'finance' | 'admin')`);
    const scope = scopes[0] as Scope;
    const own = route.middleware === undefined ? [] : Array.isArray(route.middleware) ? route.middleware : [route.middleware];
    const check: MiddlewareHandler<ApiEnv> = async (c, next) => {
      requireScope(c.get('ctx'), scope);
      await next();
    };
    return register({ ...route, middleware: [check, ...own] }, handler, hook);
  }) as Api['openapi'];
}

/** Scope check, for a handler whose scope depends on what is asked. */
export function requireScope(ctx: Ctx, scope: Scope): void {
  const scopes = ctx.actor.scopes ?? [];
  if (!scopes.includes(scope) && !scopes.includes('admin')) throw new AppError('forbidden', t('errors-api.scope', { scope }));
}
