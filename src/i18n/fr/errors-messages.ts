import type { Translations } from '../catalog-types.js';
import type { errorsMessages as en } from '../en/errors-messages.js';

export const errorsMessages: Translations<typeof en> = {
  'errors-messages.sent': 'Déjà envoyé{by, select, none {} other { par {by}}}{when, select, none {} other { le {when}}} à {to}.',
  'errors-messages.sending': 'Envoi déjà en cours{by, select, none {} other { (envoyé par {by})}} ; il ne peut pas être {doing, select, send {renvoyé} edit {modifié} other {abandonné}} maintenant.',
  'errors-messages.discarded': 'Ce message a été abandonné{by, select, none {} other { par {by}}} ; rédigez-en un nouveau avec /message draft {ref} {kind}.',
  'errors-messages.not-now': 'Le message n° {id} est {status, select, draft {un brouillon} failed {en échec} sent {envoyé} discarded {abandonné} other {{status}}} ; il ne peut pas être {doing, select, send {envoyé} edit {modifié} other {abandonné}}.',
  'errors-messages.edit-empty': 'Tapez le nouveau texte du message après son numéro : /message edit 12 <texte>.',
  'errors-messages.too-long': 'Le message dépasse {max} caractères.',
  'errors-messages.placeholders': "Le nouveau texte contient encore des '{{'champs'}}' ; tapez les valeurs elles-mêmes (les champs ne sont remplis que depuis le modèle du contrat).",
  'errors-messages.subject-empty': 'L’objet ne peut pas être vide.',
  'errors-messages.subject-long': 'L’objet dépasse {max} caractères.',
  'errors-messages.subject-lines': 'L’objet tient sur une ligne : supprimez les retours à la ligne.',
  'errors-messages.subject-placeholders': "L’objet contient encore des '{{'champs'}}' ; tapez les valeurs elles-mêmes.",
  'errors-messages.no-message': 'Aucun message client n° {id}.',
  'errors-messages.subcontract': 'Le message au sous-traitant part avec « Appeler le sous-traitant » sur une alerte SLA ; il n’est pas rédigé pour le client.',
  'errors-messages.not-a-kind': '« {typed} » n’est pas un type de message ; types : {kinds}.',
  'errors-messages.no-contact': '{contract} ne nomme aucun contact client avec une adresse e-mail ; rien à rédiger.',
};
