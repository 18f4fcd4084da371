import type { Translations } from '../catalog-types.js';
import type { repliesPeople as en } from '../en/replies-people.js';

export const repliesPeople: Translations<typeof en> = {
  'replies-people.erased-title': 'Personne effacée',
  'replies-people.erased':
    '{who} est désormais « {pseudonym} » : nom, e-mail et liens de messagerie supprimés, jetons d’API révoqués. Son temps, ses étapes, ses approbations, ses lignes d’audit et ses factures restent inchangés.',
};
