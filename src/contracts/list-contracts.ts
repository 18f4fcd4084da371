import { and, asc, gt, sql, type SQL } from 'drizzle-orm';
import { contracts } from '../../db/schema.js';
import type { Ctx } from '../context.js';
import { getVersion } from './store.js';

/** Contracts by id; the API pages them (`after` the last id of the previous page, `limit`), chat lists them all. */
export async function listContracts(ctx: Ctx, opts: { after?: string; limit?: number; team?: string } = {}) {
  const where: SQL[] = [];
  if (opts.after !== undefined) where.push(gt(contracts.id, opts.after));
  if (opts.team) where.push(sql`lower(${contracts.team}) = lower(${opts.team})`);
  const q = ctx.db.select().from(contracts).where(where.length ? and(...where) : undefined).orderBy(asc(contracts.id));
  const rows = opts.limit ? await q.limit(opts.limit) : await q;
  return Promise.all(
    rows.map(async (r) => {
      const v = await getVersion(ctx.db, r.id, r.currentVersion);
      return { ...r, currency: v.contract.currency, fee: v.contract.fee.amount, end: v.contract.term.end };
    }),
  );
}
