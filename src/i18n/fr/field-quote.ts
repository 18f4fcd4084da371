import type { Translations } from '../catalog-types.js';
import type { fieldQuote as en } from '../en/field-quote.js';

export const fieldQuote: Translations<typeof en> = {
  'field-quote.title': 'Devis {ref}',
  'field-quote.decision': '{decision, select, accepted {Accepté} other {Refusé}}',
  'field-quote.decided': ' par {name} le {at}{reason}.',
  'field-quote.decided-reason': ' : {reason}',
  'field-quote.thanks': 'Merci ; l’équipe a été prévenue.',
  'field-quote.name': 'Votre nom',
  'field-quote.accept': 'Accepter le devis',
  'field-quote.reason': 'Motif, si vous refusez',
  'field-quote.decline': 'Refuser',
  'field-quote.work': 'Les travaux',
  'field-quote.caption': 'Lignes chiffrées, hors taxes',
  'field-quote.line': 'Ligne',
  'field-quote.qty': 'Qté',
  'field-quote.unit-price': 'Prix unitaire',
  'field-quote.amount': 'Montant',
  'field-quote.total': 'Total',
  'field-quote.contract': 'Le contrat',
  'field-quote.answer': 'Votre réponse',
  'field-quote.quoted-price': 'prix sur devis (travaux absents de la grille tarifaire)',
  'field-quote.clause-code': '{code} est hors du périmètre du contrat {contract} (v{version}) : il est facturé comme travaux supplémentaires approuvés. {rule}.',
  'field-quote.clause-none': 'Ces travaux ne figurent pas dans la grille tarifaire du contrat {contract}. {rule}.',
};
