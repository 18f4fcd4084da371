import type { Translations } from '../catalog-types.js';
import type { recurring as en } from '../en/recurring.js';

export const recurring: Translations<typeof en> = {
  'recurring.summary':
    '{name} ({code}), prévue le {date}{overCap, select, yes { ; visite couverte n°{n, number} sur {visits, number} par {per} à {site} : au-delà du plafond} other {}}',
};
