/** A dispatcher closes a flag once the record is corrected (or says why it stays); the person is told. */
import { and, eq } from 'drizzle-orm';
import { correctionRequests } from '../../db/schema.js';
import { audit } from '../audit.js';
import { requireRole } from '../auth.js';
import type { Ctx } from '../context.js';
import { conflict, invalid } from '../errors.js';
import { enqueueDirect, enqueueUpdate } from '../notify/enqueue.js';
import { personById } from '../people/person.js';
import { inTransaction } from '../verb.js';
import { loadCorrection, type CorrectionView } from './correction-view.js';

export async function resolveCorrection(ctx: Ctx, input: { id: number; outcome: 'fixed' | 'rejected'; note?: string }): Promise<CorrectionView> {
  const me = requireRole(ctx, ['dispatcher', 'manager'], 'close-correction-requests');
  const note = input.note?.trim() || null;
  if (input.outcome === 'rejected' && !note) throw invalid('Say why the record stays as it is: the person will read it.');
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now();
    const [row] = await tx.db
      .update(correctionRequests)
      .set({ status: input.outcome, resolvedBy: me.id, resolvedAt: now, resolution: note })
      .where(and(eq(correctionRequests.id, input.id), eq(correctionRequests.status, 'open')))
      .returning();
    if (!row) {
      const v = await loadCorrection(tx.db, input.id);
      throw conflict(`Correction request #${input.id} is already ${v.row.status}${v.resolvedBy ? ` by ${v.resolvedBy}` : ''}.`);
    }
    await audit(tx, `correction.${input.outcome}`, { kind: 'correction', id: row.id }, { note });
    const person = await personById(tx.db, row.personId);
    if (person) {
      await enqueueDirect(tx, {
        key: `correction:${row.id}:${input.outcome}`,
        person,
        subjectKind: 'notice',
        subjectId: row.id,
        payload: {
          title: input.outcome === 'fixed' ? `Corrected: your flag #${row.id}` : `Not changed: your flag #${row.id}`,
          text: `${me.name} ${input.outcome === 'fixed' ? 'corrected' : 'kept'} ${row.subjectId ?? 'the record'} you flagged ("${row.note}")${note ? `: ${note}` : '.'}`,
        },
      });
    }
    await enqueueUpdate(tx, 'correction', row.id, input.outcome);
    return loadCorrection(tx.db, row.id);
  });
}
