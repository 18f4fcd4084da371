import type { Translations } from '../catalog-types.js';
import type { repliesRole as en } from '../en/replies-role.js';

export const repliesRole: Translations<typeof en> = {
  'replies-role.list-title': '{role, select, none {Personnes ({n})} other {Personnes avec le rôle {role} ({n})}}',
  'replies-role.col.name': 'Nom',
  'replies-role.col.email': 'E-mail',
  'replies-role.col.roles': 'Rôles',
  'replies-role.person': '{name} <{email}> : {roles, select, none {pas encore de rôle} other {{roles}}}.',
  'replies-role.title': 'Rôles',
  'replies-role.changed':
    '{name} : {added, select, none {} other {ajouté {added}}}{removed, select, none {} other {{added, select, none {} other { ; }}retiré {removed}}}{added, select, none {{removed, select, none {aucun changement} other {}}} other {}}. {roles, select, none {Désormais sans rôle} other {Désormais {roles}}}.',
};
