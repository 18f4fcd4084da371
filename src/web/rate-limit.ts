/**
 * Per-IP token buckets for the public field pages, in this process's memory: a bucket holds
 * `burst` requests and refills `perMinute` a minute. Several replicas each keep their own buckets,
 * so the limit per client is at most replicas × the numbers here (docs/field.md).
 */
import type { MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

export interface RateLimitOptions {
  burst: number;
  perMinute: number;
  now: () => number;
  /** buckets kept at most; the least recently seen client is forgotten first */
  maxClients?: number;
}

export class TokenBuckets {
  private buckets = new Map<string, { tokens: number; at: number }>();
  constructor(private readonly o: RateLimitOptions) {}

  /** Take one token for `key`; false when its bucket is empty. */
  take(key: string): boolean {
    const now = this.o.now();
    const b = this.buckets.get(key) ?? { tokens: this.o.burst, at: now };
    b.tokens = Math.min(this.o.burst, b.tokens + (Math.max(0, now - b.at) / 60_000) * this.o.perMinute);
    b.at = now;
    const ok = b.tokens >= 1;
    if (ok) b.tokens -= 1;
    this.buckets.delete(key);
    this.buckets.set(key, b);
    if (this.buckets.size > (this.o.maxClients ?? 10_000)) this.buckets.delete(this.buckets.keys().next().value!);
    return ok;
  }
}

function clientIp(c: Parameters<MiddlewareHandler>[0]): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // In-process requests (tests) have no socket.
    return 'local';
  }
}

export function rateLimit(buckets: TokenBuckets, refused: MiddlewareHandler): MiddlewareHandler {
  return async (c, next) => {
    if (buckets.take(clientIp(c))) return next();
    return refused(c, next);
  };
}
