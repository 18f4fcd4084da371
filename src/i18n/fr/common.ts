import type { Translations } from '../catalog-types.js';
import type { common as en } from '../en/common.js';

export const common: Translations<typeof en> = {
  'common.unknown-command': 'Commande inconnue /{name}.{near, select, none {} other { Vouliez-vous dire {near} ?}} Tapez /help pour la liste.',
  'common.language.set': 'Langue : {lang, select, fr {français} other {anglais}}.',
};
