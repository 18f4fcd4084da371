/**
 * Checks before the SDK sees a request. Development mode (no credentials) skips token validation,
 * so it must only ever hear from this machine, and only send replies back to it: the activity's
 * service URL is where the bot posts, and an open endpoint would post wherever it was told.
 * With credentials, a single-tenant bot also refuses activities from other tenants.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { z } from 'zod';
import type { Guard } from './hono-adapter.js';

const envelope = z.object({
  serviceUrl: z.string().optional(),
  conversation: z.object({ tenantId: z.string().optional() }).optional(),
  channelData: z.object({ tenant: z.object({ id: z.string() }).optional() }).optional(),
});

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || h === '::ffff:127.0.0.1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** The peer's address; undefined for a request handed in process (tests), which crossed no network. */
function remoteAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}

export function requestGuard(opts: { dev: boolean; tenantId?: string }): Guard {
  return (c, body) => {
    const e = envelope.safeParse(body);
    if (!e.success) return c.json({ error: 'Not an activity' }, 400);
    if (opts.dev) {
      const remote = remoteAddress(c);
      if (remote !== undefined && !isLoopback(remote)) return c.json({ error: 'Teams development mode accepts local requests only' }, 403);
      const host = URL.canParse(e.data.serviceUrl ?? '') ? new URL(e.data.serviceUrl!).hostname : undefined;
      if (host === undefined) return c.json({ error: 'Activity has no valid serviceUrl' }, 400);
      if (!isLoopback(host)) return c.json({ error: 'Teams development mode replies to local service URLs only' }, 403);
      return undefined;
    }
    const tenant = e.data.channelData?.tenant?.id ?? e.data.conversation?.tenantId;
    if (opts.tenantId && tenant && tenant !== opts.tenantId) return c.json({ error: 'Wrong tenant' }, 403);
    return undefined;
  };
}
