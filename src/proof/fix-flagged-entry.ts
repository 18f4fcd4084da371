/**
 * A dispatcher fixes a flagged time entry from the flag's card: the entry is edited or deleted by
 * the same verbs as `/log edit` and `/log delete` (their rights, reason and invoice adjustments),
 * and the flag is resolved as fixed, in one transaction.
 */
import { deleteTimeEntry } from '../billing/correct-time.js';
import type { EntryFormView } from '../../cards/build/entry-correction.js';
import { editTimeFromForm, entryFormView } from '../billing/correct-time-form.js';
import type { Ctx } from '../context.js';
import { AppError, conflict, preconditionFailed } from '../errors.js';
import { t } from '../i18n/index.js';
import { inTransaction } from '../verb.js';
import { loadCorrection, type CorrectionRow, type CorrectionView } from './correction-view.js';
import { resolveCorrection } from './resolve-correction.js';

/** The time entry a flag points at, when it points at one. */
export function flaggedEntryId(row: Pick<CorrectionRow, 'subjectKind' | 'subjectId'>): number | undefined {
  const m = row.subjectKind === 'time_entry' ? /^T(\d+)$/.exec(row.subjectId ?? '') : null;
  return m ? Number(m[1]) : undefined;
}

/** The open flag's entry, or a refusal that says why it cannot be fixed from here. */
export async function openFlagEntry(ctx: Ctx, flag: number): Promise<{ entry: number; note: string }> {
  const v = await loadCorrection(ctx.db, flag);
  if (v.row.status !== 'open') throw conflict(t('corrections.flag.closed', { id: flag, status: v.row.status }));
  const entry = flaggedEntryId(v.row);
  if (entry === undefined) throw preconditionFailed(t('corrections.flag.not-entry', { id: flag }));
  return { entry, note: v.row.note };
}

export async function fixFlaggedEntry(ctx: Ctx, input: { flag: number; act: 'edit' | 'delete'; values: Record<string, string> }) {
  return inTransaction(ctx, async (tx) => {
    const { entry } = await openFlagEntry(tx, input.flag);
    const done = input.act === 'edit' ? await editTimeFromForm(tx, entry, input.values) : await deleteTimeEntry(tx, { id: entry, reason: input.values.reason ?? '' });
    return resolveCorrection(tx, { id: input.flag, outcome: 'fixed', note: done.reason, change: input.act === 'edit' ? 'edited' : 'deleted' });
  });
}

/** What an open flag's card needs for its buttons: the action secret and the flagged entry as its form shows it. */
export async function flagCardButtons(ctx: Ctx, v: CorrectionView): Promise<{ secret: string; entry?: EntryFormView }> {
  const id = v.row.status === 'open' ? flaggedEntryId(v.row) : undefined;
  if (id === undefined) return { secret: ctx.services.actionSecret };
  try {
    return { secret: ctx.services.actionSecret, entry: await entryFormView(ctx, id) };
  } catch (err) {
    // A flag naming no existing entry can still be declined.
    if (err instanceof AppError && err.code === 'not_found') return { secret: ctx.services.actionSecret };
    throw err;
  }
}
