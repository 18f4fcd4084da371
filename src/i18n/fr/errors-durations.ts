/** Why text written like a duration cannot be one (src/rules/units.ts), and a contract's durations. */
import type { Translations } from '../catalog-types.js';
import type { errorsDurations as English } from '../en/errors-durations.js';

export const errorsDurations: Translations<typeof English> = {
  'errors-durations.negative': '« {shown} » est négatif ; une durée est un laps de temps, comme {like}.',
  'errors-durations.no-unit': '« {shown} » a un nombre sans unité ; écrivez chaque partie avec j, h ou min, comme 1h30.',
  'errors-durations.twice': '« {shown} » donne {unit, select, d {les jours} h {les heures} other {les minutes}} deux fois ; écrivez chaque unité une fois, comme {like}.',
  'errors-durations.order':
    '« {shown} » met {unit, select, d {les jours} h {les heures} other {les minutes}} après {prev, select, d {les jours} h {les heures} other {les minutes}} ; écrivez la plus grande unité d’abord, comme {like}.',
  'errors-durations.whole': '« {shown} » est impossible : {part} font {prev, select, d {un jour entier} other {une heure entière}} ou plus ; vouliez-vous dire {like} ?',
  'errors-durations.not-a-duration': 'doit être une durée comme 15 min, 2 h ou 1 h 30',
  'errors-durations.not-zero': 'doit être plus longue que 0 min',
};
