/**
 * `Idempotency-Key` on every POST under /api/v1 (IETF draft-ietf-httpapi-idempotency-key-header):
 * a client that retries a POST after a timeout sends the same key and gets the first reply back
 * instead of a second job, invoice or approval.
 *
 * A keyed POST runs inside one database transaction that also stores (token, key, request hash)
 * -> reply. The verbs' own transactions nest in it as savepoints, so:
 * - a 2xx reply and everything the request wrote commit together with the stored reply; a crash
 *   in between leaves neither, and the retry runs the request afresh;
 * - any other reply rolls the whole request back and stores nothing, so a retry after fixing the
 *   cause (or after a 503) runs again rather than replaying the failure;
 * - two concurrent requests with one key take turns on the key's row: the second waits for the
 *   first to commit, then replays its reply.
 * The same key with a different method, path or body is a client bug: 422, nothing run. A
 * multipart body counts by its parts, not its bytes (see requestHash).
 * Keys are per token (two integrations cannot collide) and kept for 24 hours.
 *
 * Handlers under a keyed POST must use `ctx.db` (the request's transaction), never `ctx.root`:
 * on PGlite, with one connection, a second top-level transaction would wait forever.
 */
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { and, eq, lt } from 'drizzle-orm';
import { idempotencyKeys } from '../../../db/schema.js';
import type { ApiEnv } from '../app.js';
import { problemResponse } from '../problem.js';
import { findToken } from '../tokens.js';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const TTL_MS = 24 * 3600_000;
const KEY = /^[\x21-\x7e]{1,255}$/;
/** POSTs whose reply holds a secret shown once: it is never stored, so there is nothing to replay. */
const NEVER_REPLAYED = new Set(['/api/v1/tokens']);

interface StoredReply {
  contentType: string | null;
  location: string | null;
  /** utf8 for text replies, base64 for anything else */
  encoding: 'utf8' | 'base64';
  data: string;
}

/** Thrown inside the request's transaction to roll it back while keeping the reply. */
class NotStored extends Error {
  constructor(readonly response: Response) {
    super('reply not stored');
  }
}

/**
 * What makes two requests "the same". A multipart body is hashed by its parsed parts (field names,
 * file names, content types, bytes), because every client picks a new random boundary for each
 * attempt, so the raw bytes of a retried upload never match.
 */
async function requestHash(req: Request): Promise<string> {
  const u = new URL(req.url);
  const contentType = req.headers.get('content-type') ?? '';
  const hash = createHash('sha256');
  if (/^multipart\/form-data/i.test(contentType)) {
    const form = await req
      .clone()
      .formData()
      .catch(() => undefined);
    if (form) {
      hash.update(`${req.method} ${u.pathname}${u.search}\nmultipart/form-data\n`);
      for (const [name, value] of form.entries()) {
        const head = typeof value === 'string' ? { name, value } : { name, file: value.name, type: value.type, size: value.size };
        hash.update(`${JSON.stringify(head)}\n`);
        if (typeof value !== 'string') hash.update(Buffer.from(await value.arrayBuffer()));
      }
      return hash.digest('hex');
    }
  }
  // Read a copy: handlers that read the raw request (contract YAML, uploads) still find the body.
  const body = await req.clone().arrayBuffer();
  return hash.update(`${req.method} ${u.pathname}${u.search}\n${contentType}\n`).update(Buffer.from(body)).digest('hex');
}

function replay(stored: StoredReply, status: number): Response {
  const headers = new Headers({ 'idempotent-replayed': 'true' });
  if (stored.contentType) headers.set('content-type', stored.contentType);
  if (stored.location) headers.set('location', stored.location);
  const body = stored.encoding === 'utf8' ? stored.data : Buffer.from(stored.data, 'base64');
  return new Response(status === 204 ? null : body, { status, headers });
}

const isText = (ct: string | null) => !ct || /^(text\/|application\/([a-z.+-]*\+)?(json|yaml|xml|csv))/i.test(ct);

export function idempotency(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const key = c.req.header(IDEMPOTENCY_HEADER);
    if (c.req.method !== 'POST' || key === undefined) return next();
    if (NEVER_REPLAYED.has(c.req.path)) {
      return problemResponse(c, { type: 'https://contract-ops.dev/problems/invalid', title: 'Invalid request', status: 400, detail: `${c.req.path} takes no ${IDEMPOTENCY_HEADER}: its reply holds a token shown once and never stored. Send it without the header; after a timeout, list the tokens (/tokens) before trying again.` });
    }
    if (!KEY.test(key)) {
      return problemResponse(c, { type: 'https://contract-ops.dev/problems/invalid', title: 'Invalid request', status: 400, detail: `${IDEMPOTENCY_HEADER} must be 1 to 255 visible ASCII characters (a UUID is a good choice).` });
    }
    const ctx = c.get('ctx');
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const token = bearer ? await findToken(ctx.root, bearer) : undefined;
    if (!token) return next(); // the auth middleware has already refused it
    const hash = await requestHash(c.req.raw);

    try {
      return await ctx.root.transaction(async (tx) => {
        const now = ctx.clock.now();
        // Keys live a day; dropping the token's expired ones here needs no scheduled job.
        await tx.delete(idempotencyKeys).where(and(eq(idempotencyKeys.tokenId, token.id), lt(idempotencyKeys.createdAt, new Date(now.getTime() - TTL_MS))));
        const claimed = await tx
          .insert(idempotencyKeys)
          .values({ key, tokenId: token.id, requestHash: hash, status: 0, body: {}, createdAt: now })
          .onConflictDoNothing()
          .returning({ key: idempotencyKeys.key });
        if (!claimed.length) {
          const [prior] = await tx.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.tokenId, token.id), eq(idempotencyKeys.key, key)));
          if (prior && prior.requestHash !== hash) {
            return problemResponse(c, {
              type: 'https://contract-ops.dev/problems/idempotency-key-reused',
              title: 'Idempotency key reused',
              status: 422,
              detail: `${IDEMPOTENCY_HEADER} "${key}" was used for a different request (method, path or body); use a new key for a new request.`,
            });
          }
          if (prior) return replay(prior.body as StoredReply, prior.status);
        }
        c.set('ctx', { ...ctx, db: tx });
        await next();
        const res = c.res;
        if (res.status < 200 || res.status >= 300) throw new NotStored(res);
        const contentType = res.headers.get('content-type');
        const buf = await res.clone().arrayBuffer();
        const stored: StoredReply = {
          contentType,
          location: res.headers.get('location'),
          encoding: isText(contentType) ? 'utf8' : 'base64',
          data: isText(contentType) ? Buffer.from(buf).toString('utf8') : Buffer.from(buf).toString('base64'),
        };
        await tx.update(idempotencyKeys).set({ status: res.status, body: stored }).where(and(eq(idempotencyKeys.tokenId, token.id), eq(idempotencyKeys.key, key)));
        return res;
      });
    } catch (err) {
      if (err instanceof NotStored) {
        c.res = err.response;
        return err.response;
      }
      throw err;
    }
  };
}
