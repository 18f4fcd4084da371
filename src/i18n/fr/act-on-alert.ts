import type { Translations } from '../catalog-types.js';
import type { actOnAlert as en } from '../en/act-on-alert.js';

export const actOnAlert: Translations<typeof en> = {
  'act-on-alert.line': '{act} par {by} le {at}',
  'act-on-alert.someone': 'quelqu’un',
  'act-on-alert.not-found': 'Aucune alerte n° {id}.',
  'act-on-alert.already': 'Déjà traité : {line}.',
  'act-on-alert.already-act': '{act} : déjà fait sur l’alerte n° {id}.',
  'act-on-alert.acknowledged': 'L’alerte n° {id} est close : {line}. Plus aucun recours n’est possible.',
  'act-on-alert.closed': 'L’alerte n° {id} a été close : {reason}',
  'act-on-alert.closed-default': 'elle ne s’applique plus',
  'act-on-alert.not-listed': '{contract} ne prévoit pas « {button} » comme recours.',
  'act-on-alert.job-done': '{ref} est déjà {status} ; seule la prise en compte reste possible.',
  'act-on-alert.pick-technician': 'Choisissez le technicien à qui réaffecter.',
  'act-on-alert.not-offered': '{name} ne peut pas prendre {ref} : {contract} demande {lacking} ({reason}).',
  'act-on-alert.reassigned-to': 'à {name}',
  'act-on-alert.reassigned-told': 'à {name} ({told})',
  'act-on-alert.no-lead': 'L’équipe {team} n’a pas de responsable vers qui escalader ; désignez-en un avec /team lead.',
  'act-on-alert.escalated-to': 'à {name}',
  'act-on-alert.no-eta': '{ref} n’a pas d’heure d’arrivée à annoncer au client : indiquez-la avec /job eta {ref} <{forms}>, puis touchez à nouveau « {button} ».',
  'act-on-alert.eta-passed': 'L’heure d’arrivée de {ref} ({eta}) est passée : indiquez-en une nouvelle avec /job eta {ref} <{forms}>, puis touchez à nouveau « {button} ».',
  'act-on-alert.drafted': 'brouillon de message n° {id} pour {names}',
  'act-on-alert.no-subcontractor': '{contract} ne nomme aucun sous-traitant.',
  'act-on-alert.no-subcontractor-email': '{contract} n’a pas d’adresse e-mail pour {name} ({contact}) : ajoutez `email` à son entrée dans sla.subcontractors, ou appelez-le vous-même et touchez « {acknowledge} ».',
  'act-on-alert.subcontractor-emailed': '{name} prévenu par e-mail à {email} (message n° {id})',
  'act-on-alert.job-gone': 'L’intervention de l’alerte n° {id} n’existe plus.',
};
