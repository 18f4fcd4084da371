/**
 * A customer message as the team sees it: the text exactly as the customer will read it (redacted),
 * who it goes to, and Send / Discard while it is a draft. Rebuilt from the row at every delivery, so
 * every posted copy shows who sent it, the retries, or the failure with Send again.
 */
import { DateTime } from 'luxon';
import type { MessageView } from '../../src/messages/load-message.js';
import { encodeAction } from '../action-ids.js';
import { MAX_MESSAGE_CHARS, MAX_SUBJECT_CHARS } from '../../src/messages/edit-message.js';
import { card, type ActionForm, type Card, type CardAction, type Field, type Rich } from '../card.js';

const KIND: Record<string, string> = { confirmation: 'confirmation', departure: 'departure notice', closing: 'closing message', delay: 'delay notice', quote: 'quote', subcontract: 'request for help', invoice: 'invoice e-mail' };

function statusLine(v: MessageView): Rich {
  const r = v.row;
  switch (r.status) {
    case 'draft':
      return 'Draft: nothing has been sent.';
    case 'sending':
      return [
        v.sentBy ? ['Sending (Send pressed by ', { bold: v.sentBy }, ')'] : v.autoSend ? ['Sending automatically (the team sends customer messages as drafted)'] : ['Sending'],
        r.attempts ? `; attempt ${r.attempts} failed: ${r.lastError ?? 'unknown error'}` : '',
        r.attempts && r.nextAttemptAt ? ['; next try ', { time: r.nextAttemptAt, style: 'time' as const }] : [],
      ].flat();
    case 'sent':
      return ['Sent ', ...(r.sentAt ? [{ time: r.sentAt }] : []), v.sentBy ? [' (Send pressed by ', { bold: v.sentBy }, ')'] : ' (sent automatically)'].flat();
    case 'failed':
      return `Not delivered after ${r.attempts} attempt${r.attempts === 1 ? '' : 's'}: ${r.lastError ?? 'unknown error'}. The message is kept; send it again when the problem is fixed.`;
    case 'discarded':
      return `Discarded${v.discardedBy ? ` by ${v.discardedBy}` : ''}: it will not be sent.`;
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
  if (v.row.status !== 'draft') return { title: `Message #${id}`, submit: 'Save', fields: [], notice: `Message #${id} is ${v.row.status}; only a draft can be edited.` };
  return {
    title: `Edit message #${id}`,
    submit: 'Save',
    fields: [
      { key: 'subject', label: 'Subject', value: v.subject, required: true, maxLength: MAX_SUBJECT_CHARS },
      { key: 'body', label: 'Message', value: v.text, multiline: true, required: true, maxLength: MAX_MESSAGE_CHARS },
    ],
  };
}

export function messageCard(v: MessageView, secret: string): Card {
  const r = v.row;
  const what = `${KIND[r.kind] ?? r.kind} for ${v.about}`;
  const title =
    r.status === 'draft'
      ? `Draft to ${v.addressee}: ${what}`
      : r.status === 'sent'
        ? `Sent to ${v.addressee}: ${what}`
        : r.status === 'failed'
          ? `Not delivered: ${what}`
          : r.status === 'discarded'
            ? `Discarded: ${what}`
            : `Sending to ${v.addressee}: ${what}`;
  const fields: Field[] = [
    { label: 'To', value: r.recipients.join(', ') },
    { label: 'Subject', value: v.subject },
    { label: 'Status', value: statusLine(v) },
  ];
  if (r.editedAt) fields.push({ label: 'Edited', value: ['by ', { bold: v.editedBy ?? 'someone' }, ' ', { time: r.editedAt }] });
  if (v.redactions.length) fields.push({ label: 'Redacted', value: `${v.redactions.join(', ')} (the stored original keeps them; the customer never sees them)` });
  const actions: CardAction[] = [];
  if (r.status === 'draft' || r.status === 'failed') {
    actions.push({ id: encodeAction({ t: 'msg', message: r.id, act: 'send' }, secret), label: r.status === 'failed' ? 'Send again' : 'Send', style: 'primary' });
    actions.push({ id: encodeAction({ t: 'msg', message: r.id, act: 'discard' }, secret), label: 'Discard', style: 'danger' });
  }
  if (r.status === 'draft') actions.push({ id: encodeAction({ t: 'msg', message: r.id, act: 'edit' }, secret), label: 'Edit', form: editForm(v) });
  return card('message', title, {
    tone: r.status === 'failed' ? 'danger' : r.status === 'sent' ? 'good' : r.status === 'draft' ? 'info' : undefined,
    visibility: 'channel',
    blocks: [{ type: 'fields', fields }, { type: 'divider' }, { type: 'text', text: v.text }],
    actions,
    context: [
      r.status === 'draft' ? `Message #${r.id}. Change the wording before sending with Edit, or /message edit ${r.id} <new text>` : `Message #${r.id}, drafted ${DateTime.fromJSDate(r.createdAt).toUTC().toFormat('d LLL HH:mm')} UTC`,
    ],
  });
}
