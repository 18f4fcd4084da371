/**
 * The one HTTP server: REST API with its OpenAPI document, health check, and the mount points the
 * Slack and Teams adapters add (`/slack/events`, `/api/messages`) so one port serves everything.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { bodyLimit } from 'hono/body-limit';
import type { Ctx } from '../context.js';
import { AppError } from '../errors.js';
import { toProblem, problemResponse } from './problem.js';
import { findToken, type Scope } from './tokens.js';
import { personById } from '../people/person.js';
import { registerContractRoutes } from './routes/contracts.js';
import { idempotency } from './routes/idempotency.js';
import type { Readiness } from '../readiness.js';
import { registerPages } from './pages.js';

/** JSON, YAML, Slack and Teams bodies: real ones are kilobytes. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Files (multipart uploads, CSV imports): the attachment route narrows this to its own limit. */
const MAX_UPLOAD_FILES = 10;

export type ApiEnv = { Variables: { ctx: Ctx } };
export type Api = OpenAPIHono<ApiEnv>;

export interface ApiDeps {
  ctx: Ctx;
  /** more route groups, registered by features */
  routes?: ((api: Api) => void)[];
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

  // First, for every path (API, /slack/events, /api/messages): a body is counted as it streams in,
  // so a chunked upload without Content-Length cannot fill memory before a handler looks at it.
  api.use('*', (c, next) => {
    const upload = /^(multipart\/form-data|text\/csv)/i.test(c.req.header('content-type') ?? '');
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
    const person = tok.personId ? await personById(deps.ctx.root, tok.personId) : undefined;
    c.set('ctx', {
      ...deps.ctx,
      actor: { via: 'api', person: person ?? null, label: `${tok.name} (api)`, scopes: tok.scopes },
    });
    await next();
  });
  api.use('/api/v1/*', idempotency());

  api.onError((err, c) => problemResponse(c, toProblem(err, deps.ctx.log)));
  api.notFound((c) => problemResponse(c, { type: 'about:blank', title: 'Not found', status: 404, detail: `No route ${c.req.method} ${c.req.path}.` }));

  registerContractRoutes(api);
  registerPages(api);
  for (const r of deps.routes ?? []) r(api);

  api.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'contract-ops API', version: '1.0.0', description: 'Contracts as live rules: jobs, SLA clocks, time, approvals, invoices.' },
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  return api;
}

/** Scope check for a route. */
export function requireScope(ctx: Ctx, scope: Scope): void {
  const scopes = ctx.actor.scopes ?? [];
  if (!scopes.includes(scope) && !scopes.includes('admin')) throw new AppError('forbidden', `This token lacks the "${scope}" scope.`);
}
