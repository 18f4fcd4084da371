import type { Translations } from '../catalog-types.js';
import type { files as en } from '../en/files.js';

export const files: Translations<typeof en> = {
  'files.not-attached':
    'Je n’ai pas pu joindre {name} ici (réponse de Slack : {error}). {elsewhere, select, none {Redemandez avec la même commande un peu plus tard.} other {Le même contenu est disponible ici : {elsewhere}.}}',
};
