import type { Translations } from '../catalog-types.js';
import type { common as en } from '../en/common.js';

export const common: Translations<typeof en> = {
  'common.detail': ' : {text}',
  'common.unknown-command': 'Commande inconnue /{name}.{near, select, none {} other { Vouliez-vous dire {near} ?}} Tapez /help pour la liste.',
  'common.unstorable': 'Le message contient des caractères impossibles à enregistrer (une moitié d’émoji ou un NUL) ; rien n’a été enregistré. Retapez-le et réessayez.',
  'common.type-a-command': 'Tapez une commande, par exemple /help.',
  'common.db-unavailable': 'La base de données est injoignable pour le moment ; rien n’a été enregistré. Réessayez dans un instant.',
  'common.button-unknown.title': 'Bouton non reconnu',
  'common.button-unknown': 'Ce bouton n’est pas valide (expiré ou modifié). Rien n’a été modifié.',
  'common.no-form.title': 'Rien à remplir',
  'common.no-form': 'Ce bouton ne demande rien ; appuyez de nouveau.',
  'common.unknown-sub': 'Sous-commande /{command} inconnue « {sub} ».',
  'common.language.set': 'Langue : {lang, select, fr {français} other {anglais}}.',
  'common.list-sep': '\u202f; ',
  'common.pair': '{a}\u00a0: {b}',
};
