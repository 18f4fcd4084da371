/** Why a technician is offered a job or not ("biomed ✓, on shift until 17:00, 2 open jobs"). */
import type { Translations } from '../catalog-types.js';
import type { offer as English } from '../en/offer.js';

export const offer: Translations<typeof English> = {
  'offer.sep': ', ',
  'offer.choice': '{name} : {reason}',
  'offer.aside': '{name} ({reason})',
  'offer.skill-held': '{skill} ✓',
  'offer.skill-missing': 'sans {skill}',
  'offer.skill-expired': '{skill} expirée le {expires}',
  'offer.on-shift': 'en poste',
  'offer.on-shift-until': 'en poste jusqu’à {until}',
  'offer.on-call': 'd’astreinte',
  'offer.on-call-until': 'd’astreinte jusqu’à {until}',
  'offer.off-until': 'en repos jusqu’à {until}',
  'offer.no-hours': 'sans horaires de travail',
  'offer.open-jobs': '{n, plural, one {# intervention en cours} other {# interventions en cours}}',
};
