/**
 * A dispatcher closes a flag once the record is corrected (or says why it stays). The person who
 * flagged it is told by direct message, in their language, held until their next shift when they
 * are not on shift (being on call does not count); every posted copy of the flag's card is rebuilt
 * to say who handled it.
 */
import { and, eq } from 'drizzle-orm';
import { correctionRequests, people } from '../../db/schema.js';
import { audit } from '../audit.js';
import { requireRole } from '../auth.js';
import type { Ctx } from '../context.js';
import { teamZone } from '../dispatch/offers.js';
import { conflict, invalid } from '../errors.js';
import { enqueueDirect, enqueueUpdate } from '../notify/enqueue.js';
import { availabilityAt } from '../rules/technician-offer.js';
import { inTransaction } from '../verb.js';
import { loadCorrection, type CorrectionView } from './correction-view.js';
import { t } from '../i18n/index.js';

/** What a fix did to the flagged record, for the person's message. */
export type FlagChange = 'edited' | 'deleted';

export async function resolveCorrection(ctx: Ctx, input: { id: number; outcome: 'fixed' | 'rejected'; note?: string; change?: FlagChange }): Promise<CorrectionView> {
  const me = requireRole(ctx, ['dispatcher', 'manager'], 'close-correction-requests');
  const note = input.note?.trim() || null;
  if (input.outcome === 'rejected' && !note) throw invalid(t('errors-proof.reject-reason'));
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now();
    const [row] = await tx.db
      .update(correctionRequests)
      .set({ status: input.outcome, resolvedBy: me.id, resolvedAt: now, resolution: note })
      .where(and(eq(correctionRequests.id, input.id), eq(correctionRequests.status, 'open')))
      .returning();
    if (!row) {
      const v = await loadCorrection(tx.db, input.id);
      throw conflict(v.resolvedBy ? t('errors-proof.correction-closed-by', { id: String(input.id), status: v.row.status, by: v.resolvedBy }) : t('errors-proof.correction-closed', { id: String(input.id), status: v.row.status }));
    }
    await audit(tx, `correction.${input.outcome}`, { kind: 'correction', id: row.id }, { note, ...(input.change ? { change: input.change } : {}) });
    const [person] = await tx.db.select().from(people).where(eq(people.id, row.personId));
    if (person) {
      const shift = availabilityAt({ hours: person.hours, onCall: person.onCall, zone: person.zone ?? (row.teamId ? await teamZone(tx.db, row.teamId) : tx.services.defaultZone) }, now);
      await enqueueDirect(tx, {
        key: `correction:${row.id}:${input.outcome}`,
        person,
        subjectKind: 'correction-outcome',
        subjectId: row.id,
        payload: input.change ? { change: input.change } : {},
        ...(shift.availability !== 'on_shift' && shift.shift.next ? { notBefore: shift.shift.next } : {}),
      });
    }
    await enqueueUpdate(tx, 'correction', row.id, input.outcome);
    return loadCorrection(tx.db, row.id);
  });
}
