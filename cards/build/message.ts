/**
 * A customer message as the team sees it: the text exactly as the customer will read it (redacted),
 * who it goes to, and Send / Discard while it is a draft. Rebuilt from the row at every delivery, so
 * every posted copy shows who sent it, the retries, or the failure with Send again.
 */
import { DateTime } from 'luxon';
import type { MessageView } from '../../src/messages/load-message.js';
import { currentLocale } from '../../src/i18n/current.js';
import { t } from '../../src/i18n/t.js';
import { encodeAction } from '../action-ids.js';
import { MAX_MESSAGE_CHARS, MAX_SUBJECT_CHARS } from '../../src/messages/edit-message.js';
import { card, type ActionForm, type Card, type CardAction, type Field, type Rich } from '../card.js';

function statusLine(v: MessageView): Rich {
  const r = v.row;
  switch (r.status) {
    case 'draft':
      return t('cards-message.draft');
    case 'sending':
      return [
        v.sentBy ? [t('cards-message.sending-by'), { bold: v.sentBy }, t('cards-message.close')] : v.autoSend ? [t('cards-message.sending-auto')] : [t('cards-message.sending')],
        r.attempts ? t('cards-message.attempt-failed', { n: r.attempts, error: r.lastError ?? t('cards-message.unknown-error') }) : '',
        r.attempts && r.nextAttemptAt ? [t('cards-message.next-try'), { time: r.nextAttemptAt, style: 'time' as const }] : [],
      ].flat();
    case 'sent':
      return [t('cards-message.sent'), ...(r.sentAt ? [{ time: r.sentAt }] : []), v.sentBy ? [t('cards-message.sent-by'), { bold: v.sentBy }, t('cards-message.close')] : t('cards-message.sent-auto')].flat();
    case 'failed':
      return t('cards-message.failed', { n: r.attempts, error: r.lastError ?? t('cards-message.unknown-error') });
    case 'discarded':
      return t('cards-message.discarded', { by: v.discardedBy || 'none' });
    default:
      return r.status;
  }
}

/**
 * The Edit form: subject and body as the card shows them (redacted, so no surface puts a hidden
 * original in front of the channel; what was hidden stays hidden in the edit too).
 */
export function editForm(v: MessageView): ActionForm {
  const id = v.row.id;
  if (v.row.status !== 'draft') return { title: t('cards-message.form.title', { id }), submit: t('cards-message.form.save'), fields: [], notice: t('cards-message.form.not-draft', { id, status: v.row.status }) };
  return {
    title: t('cards-message.form.edit-title', { id }),
    submit: t('cards-message.form.save'),
    fields: [
      { key: 'subject', label: t('cards-message.subject'), value: v.subject, required: true, maxLength: MAX_SUBJECT_CHARS },
      { key: 'body', label: t('cards-message.message'), value: v.text, multiline: true, required: true, maxLength: MAX_MESSAGE_CHARS },
    ],
  };
}

export function messageCard(v: MessageView, secret: string): Card {
  const r = v.row;
  const what = t('cards-message.what', { kind: t('cards-message.kind', { kind: r.kind }), ref: v.about });
  const title = t('cards-message.title', { status: r.status, customer: v.addressee, what });
  const fields: Field[] = [
    { label: t('cards-message.to'), value: r.recipients.join(', ') },
    { label: t('cards-message.subject'), value: v.subject },
    { label: t('cards-message.status'), value: statusLine(v) },
  ];
  if (r.editedAt) fields.push({ label: t('cards-message.edited'), value: [t('cards-message.by'), { bold: v.editedBy ?? t('cards-message.someone') }, ' ', { time: r.editedAt }] });
  if (v.redactions.length) fields.push({ label: t('cards-message.redacted'), value: t('cards-message.redacted-value', { items: v.redactions.join(', ') }) });
  const actions: CardAction[] = [];
  if (r.status === 'draft' || r.status === 'failed') {
    actions.push({ id: encodeAction({ t: 'msg', message: r.id, act: 'send' }, secret), label: r.status === 'failed' ? t('cards-message.send-again') : t('cards-message.send'), style: 'primary' });
    actions.push({ id: encodeAction({ t: 'msg', message: r.id, act: 'discard' }, secret), label: t('cards-message.discard'), style: 'danger' });
  }
  if (r.status === 'draft') actions.push({ id: encodeAction({ t: 'msg', message: r.id, act: 'edit' }, secret), label: t('cards-message.edit'), form: editForm(v) });
  return card('message', title, {
    tone: r.status === 'failed' ? 'danger' : r.status === 'sent' ? 'good' : r.status === 'draft' ? 'info' : undefined,
    visibility: 'channel',
    blocks: [{ type: 'fields', fields }, { type: 'divider' }, { type: 'text', text: v.text }],
    actions,
    context: [
      r.status === 'draft' ? t('cards-message.note-draft', { id: r.id }) : t('cards-message.note-drafted', { id: r.id, at: DateTime.fromJSDate(r.createdAt).toUTC().setLocale(currentLocale()).toFormat('d LLL HH:mm') }),
    ],
  });
}
