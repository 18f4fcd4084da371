import type { Translations } from '../catalog-types.js';
import type { errorsTeams as en } from '../en/errors-teams.js';

export const errorsTeams: Translations<typeof en> = {
  'errors-teams.pick-technician': 'Choisissez le technicien à qui confier l’intervention.',
  'errors-teams.type-eta': 'Tapez l’heure d’arrivée : 14:30, +45m, 2026-11-24T14:30 ou clear.',
  'errors-teams.no-team-quoted': 'Aucune équipe « {team} ».{near, select, none { Équipes : {all}.} other { Vouliez-vous dire {near} ?}}',
  'errors-teams.not-in-team': 'Ce technicien n’est pas dans l’équipe {team}, qui travaille sur {contract}.',
  'errors-teams.cannot-take': '{name} ne peut pas prendre {ref} : {contract} demande {skills} ({reason}).',
  'errors-teams.no-team': 'Aucune équipe {team}.',
  'errors-teams.closest': 'Les plus proches : {ids}',
  'errors-teams.teams': 'Équipes : {ids}',
  'errors-teams.none-yet': 'aucune pour l’instant',
  'errors-teams.none-yet-load': 'aucune pour l’instant (charger un contrat crée son équipe)',
  'errors-teams.which-team': 'Quelle équipe ? Nommez-la à la fin de la commande.',
  'errors-teams.bind-for': 'Reliez un canal pour {purposes}.',
  'errors-teams.bind-here': 'Tapez /team bind dans le canal à relier (ce n’est pas possible par l’API).',
  'errors-teams.attach-csv': 'Joignez au moins un fichier CSV.',
  'errors-teams.import-failed': '{rows, plural, =0 {{n, plural, one {# problème} other {# problèmes}}} one {# ligne a des problèmes} other {# lignes ont des problèmes}} ; rien n’a été importé.',
  'errors-teams.and-more': '... et {n} de plus',
  'errors-teams.week-not-started': '{week} n’a pas encore commencé ; demandez cette semaine ou une précédente.',
  'errors-teams.export-what': 'Exporter quoi ? L’un de {kinds}.',
};
