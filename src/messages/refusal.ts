import { t } from '../i18n/index.js';
import type { MessageView } from './load-message.js';
import { formatInZone } from '../rules/zone-label.js';

/** Why a message cannot be sent, discarded or edited now, in words. */
export function refusalFor(v: MessageView, doing: 'send' | 'discard' | 'edit', zone: string): string {
  const r = v.row;
  const at = (d: Date | null) => (d ? ` at ${formatInZone(d, zone)}` : '');
  switch (r.status) {
    case 'sent':
      return `Already sent${v.sentBy ? ` by ${v.sentBy}` : ''}${at(r.sentAt)} to ${r.recipients.join(', ')}.`;
    case 'sending':
      return `Already being sent${v.sentBy ? ` (sent by ${v.sentBy})` : ''}; it cannot be ${doing === 'send' ? 'sent again' : doing === 'edit' ? 'edited' : 'discarded'} now.`;
    case 'discarded':
      return v.job
        ? `This message was discarded${v.discardedBy ? ` by ${v.discardedBy}` : ''}; draft a new one with /message draft ${v.job.ref} ${r.kind}.`
        : t('billing.email.discarded', { by: v.discardedBy ?? 'none', number: v.about });
    default:
      return `Message #${r.id} is ${r.status}; it cannot be ${doing === 'send' ? 'sent' : doing === 'edit' ? 'edited' : 'discarded'}.`;
  }
}
