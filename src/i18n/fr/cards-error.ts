import type { Translations } from '../catalog-types.js';
import type { cardsError as en } from '../en/cards-error.js';

export const cardsError: Translations<typeof en> = {
  'cards-error.usage': 'Utilisation',
  'cards-error.unexpected.title': 'Un problème est survenu',
  'cards-error.unexpected.text': 'Le bot a rencontré une erreur inattendue et n’a rien enregistré. Référence : {ref} (donnez-la à votre administrateur).',
};
