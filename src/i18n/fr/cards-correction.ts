import type { Translations } from '../catalog-types.js';
import type { cardsCorrection as en } from '../en/cards-correction.js';

export const cardsCorrection: Translations<typeof en> = {
  'cards-correction.title': '{status, select, open {Correction demandée} fixed {Corrigé} other {Laissé tel quel}} : n°{id} de {person}',
  'cards-correction.record': 'Enregistrement',
  'cards-correction.record-in-note': 'décrit dans la note',
  'cards-correction.job': 'Intervention',
  'cards-correction.wrong': 'Ce qui est faux',
  'cards-correction.handled': 'Traité',
  'cards-correction.handled-by': '{status, select, fixed {corrigé} rejected {laissé tel quel} other {{status}}} par ',
  'cards-correction.someone': 'quelqu’un',
  'cards-correction.at': ' le ',
  'cards-correction.how': 'Corrigez l’enregistrement, puis : /mydata fixed {id} <ce que vous avez changé>, ou /mydata keep {id} <pourquoi>',
};
