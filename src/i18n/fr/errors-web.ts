import type { Translations } from '../catalog-types.js';
import type { errorsWeb as en } from '../en/errors-web.js';

export const errorsWeb: Translations<typeof en> = {
  'errors-web.no-quote': 'Aucun devis.',
  'errors-web.accept-or-decline': 'Choisissez Accepter ou Refuser.',
  'errors-web.sign-first': 'Signez d’abord dans le cadre : le tracé de la signature n’est pas arrivé.',
  'errors-web.signer': 'Tapez le nom et la fonction du signataire.',
};
