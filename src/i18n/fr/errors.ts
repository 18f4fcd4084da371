import type { Translations } from '../catalog-types.js';
import type { errors as en } from '../en/errors.js';

export const errors: Translations<typeof en> = {
  'errors.title.not-found': 'Introuvable',
  'errors.title.forbidden': 'Non autorisé',
  'errors.title.conflict': 'Déjà fait',
  'errors.title.invalid': 'Cela n’a pas marché',
  'errors.title.limit-exceeded': 'Limite atteinte',
  'errors.title.too-large': 'Trop volumineux',
  'errors.title.precondition-failed': 'Pas encore',
  'errors.title.unavailable': 'Réessayez',
  'errors.job-ref.which': 'quelle intervention ? par ex. J-1001',
  'errors.job-ref.shape': 'les numéros d’intervention s’écrivent J-1001',
  'errors.no-job': 'Aucune intervention {ref}. Les numéros d’intervention s’écrivent J-1042.',
  'errors.no-job-id': 'Aucune intervention n° {id}.',
  'errors.checklist-missing':
    '{ref} ne peut pas encore être {to, select, closed {clôturée} other {résolue}} : {n, plural, one {# étape obligatoire n’est pas validée} other {# étapes obligatoires ne sont pas validées}}.',
  'errors.checklist-confirm': 'Validez-les avec /check {ref} ; rien n’a été modifié.',
  'errors.step-range': '{code} a les étapes 1 à {last} ; il n’y a pas d’étape {step}.',
  'errors.step-already': 'Déjà validée : {code} étape {number} par {person} à {time}.',
  'errors.step-order': 'Validez d’abord {n, plural, one {l’étape} other {les étapes}} {steps} de {code} : les étapes se suivent, celles de sécurité une à une.',
  'errors.step-next': 'Suivante : {number}. {step}',
  'errors.step-closed': '{ref} est {status, select, closed {clôturée ; sa liste de contrôle ne peut plus changer (rouvrez-la d’abord)} other {annulée ; sa liste de contrôle ne peut plus changer}}.',
  'errors.no-timer': '{name} n’a pas de chrono en cours. Lancez-en un avec /log <intervention> start.',
  'errors.timer-running': '{name} a déjà un chrono en cours sur {ref} ({code}) depuis {time} ; arrêtez-le d’abord : /log stop',
  'errors.database-unavailable': 'La base de données est injoignable pour le moment ; rien n’a été enregistré. Réessayez dans un instant.',
  'errors.value-nul': 'Le texte contient un caractère NUL (\\u0000), qui ne peut pas être enregistré ; retirez-le et réessayez.',
  'errors.value-out-of-range': 'Un nombre est hors limites (un identifiant, un montant ou une quantité bien trop grands) ; vérifiez-le et réessayez.',
  'errors.value-wrong-form': 'Une valeur n’a pas la bonne forme (un nombre, une date ou un identifiant) ; vérifiez-la et réessayez.',
  'errors.nothing-saved': '{reason} Rien n’a été enregistré.',
};
