import type { Translations } from '../catalog-types.js';
import type { cardsHome as en } from '../en/cards-home.js';

export const cardsHome: Translations<typeof en> = {
  'cards-home.col.job': 'Intervention',
  'cards-home.col.site': 'Site',
  'cards-home.col.priority': 'P',
  'cards-home.col.status': 'Statut',
  'cards-home.col.restore-due': 'Rétablissement dû',
  'cards-home.col.summary': 'Résumé',
  'cards-home.col.clock': 'Délai',
  'cards-home.col.level': 'Niveau',
  'cards-home.col.due': 'Échéance',
  'cards-home.more-than-fits': '… plus que ce qui tient ici ; utilisez /queue ou /job list.',
  'cards-home.breached': 'DÉPASSÉ',
  'cards-home.state': '{state, select, running {en cours} paused {en pause} stopped {arrêté} met {respecté} breached {dépassé} cancelled {annulé} other {{state}}}',
  'cards-home.window': '{window, select, response {intervention} other {rétablissement}}',
  'cards-home.my-jobs': 'Vos interventions ouvertes',
  'cards-home.nothing-assigned': 'Rien ne vous est affecté pour le moment.',
  'cards-home.details': 'Détails : ',
  'cards-home.everything': ' ; tout ce qui vous concerne : ',
  'cards-home.alerts': '{more, select, yes {Alertes sans suite (les 10 dernières)} other {Alertes sans suite}}',
  'cards-home.alerts-hint': 'Agissez depuis la carte de chacune dans le canal de dispatch, ou voyez les délais avec ',
  'cards-home.signed-in': 'Connecté en tant que {name} ({roles}). Tapez /help dans n’importe quel canal pour toutes les commandes.',
  'cards-home.no-role': 'pas encore de rôle',
};
