/** A contract's versions, newest first: effective date, who, when and why. A read: no transaction, no audit row. */
import { and, desc, eq, lt } from 'drizzle-orm';
import { contractVersions } from '../../db/schema.js';
import type { Ctx } from '../context.js';
import { findContract } from './store.js';

/** `before`: the version of the previous page's last row. */
export async function listAmendments(ctx: Ctx, input: { contract: string; before?: number; limit: number }) {
  const row = await findContract(ctx.db, input.contract);
  return ctx.db
    .select()
    .from(contractVersions)
    .where(input.before === undefined ? eq(contractVersions.contractId, row.id) : and(eq(contractVersions.contractId, row.id), lt(contractVersions.version, input.before)))
    .orderBy(desc(contractVersions.version))
    .limit(input.limit);
}
