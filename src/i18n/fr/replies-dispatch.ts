import type { Translations } from '../catalog-types.js';
import type { repliesDispatch as en } from '../en/replies-dispatch.js';

export const repliesDispatch: Translations<typeof en> = {
  'replies-dispatch.you-have': 'Vous avez maintenant {ref}',
  'replies-dispatch.planned': 'Visite planifiée {ref} le {date}',
  'replies-dispatch.went-to': '{date, select, none {Astreinte : {ref} est allée à {name}} other {Astreinte : la visite planifiée {ref} du {date} est allée à {name}}}',
  'replies-dispatch.planned-text': '{summary} à {site}.',
  'replies-dispatch.given': '{summary} à {site} ({priority}).',
  'replies-dispatch.given-due': '{summary} à {site}. Échéance {window, select, response {d’intervention} other {de rétablissement}} : {due}.',
  'replies-dispatch.due-unknown': 'à confirmer',
  'replies-dispatch.off-until': '{first} ne travaille pas avant {until}',
  'replies-dispatch.no-hours': '{first} n’a pas d’horaires de travail',
  'replies-dispatch.on-call-text': '{off}. {text}',
  'replies-dispatch.told-on-call': '{off} ; {name} (d’astreinte) prévenu maintenant',
  'replies-dispatch.told-at-shift': '{off} ; prévenu au début de son service',
  'replies-dispatch.not-told': '{off} ; non prévenu',
};
