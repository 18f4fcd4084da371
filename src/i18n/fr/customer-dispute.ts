import type { Translations } from '../catalog-types.js';
import type { customerDispute as en } from '../en/customer-dispute.js';

export const customerDispute: Translations<typeof en> = {
  'customer-dispute.accepted': 'contestation n° {id} acceptée{part, select, yes { en partie} other {}}\u00a0: {reason}',
  'customer-dispute.rejected.subject': '{invoice} ligne {line}\u00a0: votre contestation',
  'customer-dispute.rejected.body': 'Au sujet de la facture {invoice}, ligne {line} ({description}, {amount})\u00a0: vous l’avez contestée («\u202f{reason}\u202f»). Après examen, la ligne est maintenue\u00a0: {why}',
};
