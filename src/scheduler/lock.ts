import { sql } from 'drizzle-orm';
import type { Ctx } from '../context.js';

/** Stable 32-bit key per task name, for Postgres advisory locks. */
export function lockKey(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h | 0;
}

/**
 * Run `work` in one transaction holding a transaction-scoped advisory lock, so one replica runs
 * each tick. Returns undefined when another replica holds it (that tick is theirs).
 */
export async function withTickLock<T>(ctx: Ctx, name: string, work: (tx: Ctx) => Promise<T>): Promise<T | undefined> {
  return ctx.root.transaction(async (tx) => {
    const rows = (await tx.execute(sql`select pg_try_advisory_xact_lock(${lockKey(name)}) as ok`)) as unknown;
    const first = Array.isArray(rows) ? rows[0] : (rows as { rows: unknown[] }).rows[0];
    if (!(first as { ok: boolean } | undefined)?.ok) return undefined;
    return work({ ...ctx, db: tx });
  });
}
