import type { Translations } from '../catalog-types.js';
import type { repliesContract as en } from '../en/replies-contract.js';

export const repliesContract: Translations<typeof en> = {
  'replies-contract.amended-title': 'Contrat modifié',
  'replies-contract.amended': '{id} passe à la version {version}, en vigueur à partir du {from}. Le travail fait avant cette date garde les prix précédents.',
  'replies-contract.unit': '{unit, select, hour {heure} visit {visite} each {pièce} day {jour} km {km} month {mois} quarter {trimestre} year {an} other {{unit}}}',
};
