import type { Translations } from '../catalog-types.js';
import type { log as en } from '../en/log.js';

export const log: Translations<typeof en> = {
  'log.summary': 'Saisir du temps sur une intervention : une durée, une plage, un chrono ou un trajet ; voir votre journée',
  'log.usage':
    '/log <intervention> <durée> [code] [note]\n/log <intervention> [AAAA-MM-JJ] <hh:mm>-<hh:mm> [code] [note]\n/log <intervention> start [code] [note]\n/log stop [hh:mm]   /log cancel\n/log <intervention> travel <durée | hh:mm-hh:mm> [note]\n/log today\n/log edit <saisie> [AAAA-MM-JJ] [hh:mm-hh:mm | durée] [code] "<motif>"\n/log delete <saisie> "<motif>"\nles répartiteurs ajoutent --for <technicien>',
  'log.example': '/log J-1042 1h30 HVAC-LAB courroie remplacée',
  'log.for-needs-person': '--for attend une personne : --for tom',
  'log.which-job': 'Quelle intervention, et combien de temps ?',
  'log.not-a-time': '« {typed} » n’est pas une heure ; écrivez 17:30 ou 2026-11-24T17:30.',
  'log.how-long': 'Combien de temps ? Par exemple /log {ref} 1h30, ou une plage /log {ref} 08:00-10:30.',
  'log.not-a-span': '« {typed} » n’est pas une plage ; écrivez-la 22:00-02:00 (heure du site, {zone}).',
  'log.date-needs-span': 'Une date va avec une plage : /log J-1042 2026-11-24 08:00-10:30.',
  'log.neither': '« {typed} » n’est ni une durée (1h30) ni une plage (08:00-10:30).',
  'log.zero-duration': '« {typed} » ne fait aucun temps ; une durée fait au moins 1 min.',
};
