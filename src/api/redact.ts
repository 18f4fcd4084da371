/**
 * The API's side of the redaction boundary: every JSON and text response under /api/v1 passes
 * through the contracts' redaction patterns (src/privacy/redactor.ts), keyed by the `contract` of
 * each job, approval or invoice in it. A token with the `sensitive` scope (minted by an admin) gets
 * the originals instead, and each response that showed it something the patterns hide is an audit
 * row (`sensitive.read`). Binary bodies (PDF, pictures) are redacted by the route that makes them.
 */
import type { MiddlewareHandler } from 'hono';
import { audit } from '../audit.js';
import { loadRedactor } from '../privacy/redactor.js';
import type { ApiEnv } from './app.js';

export function redactResponses(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    await next();
    const type = c.res.headers.get('content-type') ?? '';
    const json = /[/+]json\b/i.test(type);
    if (!json && !/^text\//i.test(type)) return;
    const ctx = c.get('ctx');
    const redactor = await loadRedactor(ctx.root);
    if (redactor.empty) return;
    const res = c.res;
    const body = await res.clone().text();
    let out: string;
    try {
      const parsed = json ? (JSON.parse(body) as unknown) : undefined;
      out = json ? JSON.stringify(redactor.json(parsed)) : redactor.text(body);
      if (json && out === JSON.stringify(parsed)) out = body;
    } catch {
      out = redactor.text(body);
    }
    if (out === body) return;
    if (ctx.actor.scopes?.includes('sensitive')) {
      await audit({ ...ctx, db: ctx.root }, 'sensitive.read', { kind: 'api', id: `${c.req.method} ${c.req.path}` }, { status: res.status });
      return;
    }
    const headers = new Headers(res.headers);
    headers.delete('content-length');
    c.res = undefined;
    c.res = new Response(out, { status: res.status, headers });
  };
}
