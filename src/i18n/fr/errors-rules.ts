import type { Translations } from '../catalog-types.js';
import type { errorsRules as en } from '../en/errors-rules.js';

export const errorsRules: Translations<typeof en> = {
  'errors-rules.week-range': '{text} n’est pas une semaine : {year} a les semaines 1 à {last}.',
  'errors-rules.not-a-week': '« {text} » n’est pas une semaine ; écrivez 2026-W47, W47, last, this, ou une date comme 2026-11-18.',
  'errors-rules.digest-time': '« {text} » n’est pas une heure de synthèse ; écrivez-la comme « mon 09:00 ».',
  'errors-rules.not-a-span': '« {text} » n’est pas une plage horaire ; écrivez 08:00-17:00.',
  'errors-rules.not-days': '« {text} » n’est pas un jour ou une suite de jours ; écrivez mon, mon-fri ou daily.',
  'errors-rules.hours-empty': 'Les horaires de travail sont vides ; écrivez mon-fri 08:00-17:00.',
  'errors-rules.hours-part': '« {text} » demande des jours et des heures, par ex. mon-fri 08:00-17:00.',
  'errors-rules.span-empty': '« {text} » est vide.',
  'errors-rules.not-a-zone': '« {text} » n’est pas un fuseau horaire ; utilisez un nom IANA comme Europe/Paris.',
  'errors-rules.no-site': '{contract} n’a pas de site {site}',
  'errors-rules.sites': 'Sites : {sites}',
  'errors-rules.no-sla': '{contract} n’a pas de SLA pour {priority}{tier, select, none {} other { sur les sites {tier}}}',
  'errors-rules.sla-priorities': 'Priorités avec un SLA : {priorities}',
  'errors-rules.no-calendar': '{contract} : le calendrier SLA « {name} » n’est pas défini',
  'errors-rules.never-open': 'Le calendrier SLA « {name} » n’a aucune heure ouverte après {from}',
  'errors-rules.bad-event-time': 'Un événement SLA a une heure invalide',
  'errors-rules.bad-times': 'Les heures SLA doivent être des dates valides',
};
