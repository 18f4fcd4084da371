import { asc } from 'drizzle-orm';
import { contracts } from '../../db/schema.js';
import type { Ctx } from '../context.js';
import { getVersion } from './store.js';

export async function listContracts(ctx: Ctx) {
  const rows = await ctx.db.select().from(contracts).orderBy(asc(contracts.id));
  return Promise.all(
    rows.map(async (r) => {
      const v = await getVersion(ctx.db, r.id, r.currentVersion);
      return { ...r, currency: v.contract.currency, fee: v.contract.fee.amount, end: v.contract.term.end };
    }),
  );
}
