import type { Translations } from '../catalog-types.js';
import type { repliesContract as en } from '../en/replies-contract.js';

export const repliesContract: Translations<typeof en> = {
  'replies-contract.amended-title': 'Contrat modifié',
  'replies-contract.amended': '{id} passe à la version {version}, en vigueur à partir du {from}. Le travail fait avant cette date garde les prix précédents.',
  'replies-contract.quantity': '{unit, select, hour {{n, plural, one {{q} heure} other {{q} heures}}} visit {{n, plural, one {{q} visite} other {{q} visites}}} each {{n, plural, one {{q} pièce} other {{q} pièces}}} day {{n, plural, one {{q} jour} other {{q} jours}}} km {{q} km} month {{q} mois} quarter {{n, plural, one {{q} trimestre} other {{q} trimestres}}} year {{n, plural, one {{q} an} other {{q} ans}}} other {{q} {unit}}}',
  'replies-contract.unit': '{unit, select, hour {heure} visit {visite} each {pièce} day {jour} km {km} month {mois} quarter {trimestre} year {an} other {{unit}}}',
};
