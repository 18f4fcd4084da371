/**
 * The buttons and forms that correct a recorded time entry: Edit (a form prefilled with the entry,
 * on its site's clock) and Delete (a reason) on the technician's day card, and the same forms from
 * a /mydata flag, where the reason starts as the flag's text.
 */
import { DateTime } from 'luxon';
import { formatDuration } from '../../src/rules/units.js';
import { t } from '../../src/i18n/t.js';
import type { ActionForm } from '../card.js';
import { MAX_REASON_LENGTH } from '../../src/billing/corrections.js';

/** A finished entry as its edit form shows it. */
export interface EntryFormView {
  id: number;
  start: Date;
  end: Date;
  note: string | null;
  /** the job site's zone: the form's date and start are read on it */
  zone: string;
  deleted: boolean;
}

export function entryEditForm(v: EntryFormView, reason = ''): ActionForm {
  const title = t('corrections.form.edit-title', { id: v.id });
  if (v.deleted) return { title, submit: t('corrections.form.save'), fields: [], notice: t('corrections.form.gone', { id: v.id }) };
  const start = DateTime.fromJSDate(v.start, { zone: v.zone });
  return {
    title,
    submit: t('corrections.form.save'),
    fields: [
      { key: 'date', label: t('corrections.form.date'), value: start.toISODate()!, required: true, maxLength: 10 },
      { key: 'start', label: t('corrections.form.start', { zone: v.zone }), value: start.toFormat('HH:mm'), required: true, maxLength: 5 },
      { key: 'duration', label: t('corrections.form.duration'), value: formatDuration(Math.round((v.end.getTime() - v.start.getTime()) / 60_000)), required: true, maxLength: 20 },
      { key: 'note', label: t('corrections.form.note'), value: v.note ?? '', multiline: true, maxLength: 500 },
      { key: 'reason', label: t('corrections.form.reason'), value: reason, required: true, multiline: true, maxLength: MAX_REASON_LENGTH },
    ],
  };
}

export function entryDeleteForm(v: Pick<EntryFormView, 'id' | 'deleted'>, reason = ''): ActionForm {
  const title = t('corrections.form.delete-title', { id: v.id });
  if (v.deleted) return { title, submit: t('corrections.form.delete'), fields: [], notice: t('corrections.form.gone', { id: v.id }) };
  return { title, submit: t('corrections.form.delete'), fields: [{ key: 'reason', label: t('corrections.form.reason'), value: reason, required: true, multiline: true, maxLength: MAX_REASON_LENGTH }] };
}
