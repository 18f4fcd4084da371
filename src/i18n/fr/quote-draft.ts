import type { Translations } from '../catalog-types.js';
import type { quoteDraft as en } from '../en/quote-draft.js';

export const quoteDraft: Translations<typeof en> = {
  'quote-draft.template':
    'Bonjour {contact_name},\n\nPour la demande {job_id} sur le site {site_name}, les travaux suivants ne font pas partie du contrat {contract_id}\u00a0:\n\n{quote_description}\n{quote_lines}\nPrix\u00a0: {quote_amount} HT, référence {quote_ref}.\n\nMerci de nous confirmer par retour que nous pouvons les réaliser\u202f; ils figureront sur votre facture comme travaux supplémentaires approuvés.{link_open}\n\nAccepter ou refuser en ligne\u00a0: {quote_link}{link_close}',
  'quote-draft.line': '- {description}\u00a0: {amount} ({rule})',
  'quote-draft.description': '{name} ({code}), {what}',
} as const;
