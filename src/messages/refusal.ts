import { t } from '../i18n/index.js';
import type { MessageView } from './load-message.js';
import { readerInstant } from '../i18n/format.js';

/** Why a message cannot be sent, discarded or edited now, in words. */
export function refusalFor(v: MessageView, doing: 'send' | 'discard' | 'edit', zone: string): string {
  const r = v.row;
  switch (r.status) {
    case 'sent':
      return t('errors-messages.sent', { by: v.sentBy ?? 'none', when: r.sentAt ? readerInstant(r.sentAt, zone) : 'none', to: r.recipients.join(', ') });
    case 'sending':
      return t('errors-messages.sending', { by: v.sentBy ?? 'none', doing });
    case 'discarded':
      return v.job
        ? t('errors-messages.discarded', { by: v.discardedBy ?? 'none', ref: v.job.ref, kind: r.kind })
        : t('billing.email.discarded', { by: v.discardedBy ?? 'none', number: v.about, doc: r.kind === 'credit_note' ? 'credit' : 'invoice' });
    default:
      return t('errors-messages.not-now', { id: String(r.id), status: r.status, doing });
  }
}
