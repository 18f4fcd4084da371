/** Open correction requests, for dispatchers (`/mydata flags`). */
import { asc, eq } from 'drizzle-orm';
import { correctionRequests } from '../../db/schema.js';
import { requireRole } from '../auth.js';
import type { Ctx } from '../context.js';
import { loadCorrection, type CorrectionView } from './correction-view.js';

export async function listCorrections(ctx: Ctx): Promise<CorrectionView[]> {
  requireRole(ctx, ['dispatcher', 'manager'], 'see-correction-requests');
  const rows = await ctx.db.select({ id: correctionRequests.id }).from(correctionRequests).where(eq(correctionRequests.status, 'open')).orderBy(asc(correctionRequests.id)).limit(50);
  return Promise.all(rows.map((r) => loadCorrection(ctx.db, r.id)));
}
