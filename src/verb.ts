/**
 * Run a verb's work in one transaction: everything it writes, including its audit row and any
 * outbox rows, lands together or not at all.
 */
import type { Ctx } from './context.js';
import { AppError, isDatabaseUnavailable, refusedValue } from './errors.js';
import { t } from './i18n/t.js';

export async function inTransaction<T>(ctx: Ctx, work: (tx: Ctx) => Promise<T>): Promise<T> {
  try {
    // Inside another verb's transaction this nests as a savepoint: one connection, one outcome
    // (PGlite has a single connection, so a second top-level transaction would wait forever).
    return await ctx.db.transaction(async (tx) => work({ ...ctx, db: tx }));
  } catch (err) {
    if (isDatabaseUnavailable(err)) {
      throw new AppError('unavailable', t('errors.database-unavailable'));
    }
    // A NUL character, a number past int4...: the parsers let it through, the database did not.
    const refused = refusedValue(err);
    if (refused) throw new AppError('invalid', t('errors.nothing-saved', { reason: refused }));
    throw err;
  }
}
