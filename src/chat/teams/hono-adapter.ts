/**
 * The Teams SDK's transport seam (IHttpServerAdapter) on our one Hono app: the SDK registers its
 * POST /api/messages here during `initialize()` and keeps doing what it owns (token validation,
 * activity routing, invoke responses); Hono owns the port, shared with the API and Slack.
 */
import type { HttpMethod, HttpRouteHandler, IHttpServerAdapter } from '@microsoft/teams.apps';
import type { Context } from 'hono';
import type { Api } from '../../api/app.js';

/** A check before the SDK sees the request; a Response ends the request there. */
export type Guard = (c: Context, body: unknown) => Response | undefined;

/** Bot Framework activities are small; a bigger body is not one. */
const MAX_BODY_BYTES = 1_000_000;

export class HonoAdapter implements IHttpServerAdapter {
  constructor(
    private api: Api,
    private guard?: Guard,
  ) {}

  registerRoute(method: HttpMethod, path: string, handler: HttpRouteHandler): void {
    if (method !== 'POST') throw new Error(`Teams adapter: unsupported method ${String(method)}`);
    this.api.post(path, async (c) => {
      const length = Number(c.req.header('content-length') ?? 0);
      if (length > MAX_BODY_BYTES) return c.json({ error: 'Activity too large' }, 413);
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        return c.json({ error: 'Body must be a JSON activity' }, 400);
      }
      const refused = this.guard?.(c, body);
      if (refused) return refused;
      const headers: Record<string, string> = {};
      c.req.raw.headers.forEach((v, k) => {
        headers[k] = v;
      });
      const res = await handler({ body, headers });
      if (res.body === undefined || res.body === null) return c.body(null, res.status as 200);
      return c.json(res.body as object, res.status as 200);
    });
  }

  /** The server is main's to stop (it also serves the API and Slack); this only satisfies `app.stop()`. */
  async stop(): Promise<void> {}
}
