import type { Translations } from '../catalog-types.js';
import type { errorsAdmin as en } from '../en/errors-admin.js';

export const errorsAdmin: Translations<typeof en> = {
  'errors-admin.not-a-role': '« {typed} » n’est pas un rôle ; les rôles sont {roles}.',
  'errors-admin.no-person': 'Aucune personne n° {id}.',
  'errors-admin.people-list': 'GET /api/v1/people les liste.',
  'errors-admin.several-people': '« {typed} » correspond à {n} personnes ; soyez plus précis.',
  'errors-admin.which-role': 'Quel rôle ? par ex. manager pour l’ajouter, -manager pour le retirer.',
  'errors-admin.add-and-remove': 'Impossible d’ajouter et de retirer à la fois {roles}.',
  'errors-admin.last-admin':
    '{self, select, yes {vous êtes} other {{name} est}} le dernier administrateur ; nommez d’abord quelqu’un d’autre administrateur (un jeton d’API ne compte pas).',
  'errors-admin.nobody-slack':
    'Personne ne correspond à {who} : cet utilisateur Slack n’est pas encore une personne ici. Un administrateur l’ajoute avec l’e-mail de son profil Slack.',
  'errors-admin.nobody': 'Personne ne correspond à « {typed} ». Utilisez son @identifiant, son e-mail ou une mention.',
  'errors-admin.export-who': 'Seule la personne elle-même ou un administrateur peut exporter ses données.',
  'errors-admin.erase-reason': 'Dites pourquoi la personne est effacée (par ex. « a quitté l’entreprise, a demandé l’effacement ») : c’est gardé dans le journal d’audit.',
  'errors-admin.erase-self': 'Vous ne pouvez pas vous effacer vous-même ; demandez à un autre administrateur.',
  'errors-admin.already-erased': '{name} est déjà effacé.',
  'errors-admin.person-name': 'Une personne doit avoir un nom.',
  'errors-admin.person-email': 'Une personne doit avoir une adresse e-mail : elle relie ses identités Slack, Teams et terminal.',
  'errors-admin.email-taken': '{email} est déjà la personne n° {id} ; changez plutôt ses rôles.',
  'errors-admin.no-token': 'Aucun jeton d’API n° {id} ; /tokens les liste.',
  'errors-admin.token-revoked': 'Le jeton n° {id} ({name}) a déjà été révoqué le {at}.',
  'errors-admin.which-scopes': 'Dites quelles portées : {scopes} (par ex. read,write).',
  'errors-admin.unknown-scope': 'Portée inconnue {typed} ; les portées sont {scopes}.',
  'errors-admin.token-name': 'Un jeton doit avoir un nom de 1 à {max} caractères qui dit qui l’utilise (par ex. erp-sync).',
  'errors-admin.not-a-url': '« {url} » n’est pas une URL ; donnez l’adresse complète, comme https://erp.example.com/hooks/contract-ops.',
  'errors-admin.url-scheme': 'Une URL de webhook doit être en http ou https.',
  'errors-admin.url-credentials': 'Laissez le nom d’utilisateur et le mot de passe hors de l’URL ; les destinataires vérifient plutôt l’en-tête X-ContractOps-Signature.',
  'errors-admin.no-events': 'Abonnez-vous à au moins un événement : {events}, ou {all} pour tous.',
  'errors-admin.unknown-events': '{n, plural, one {Événement inconnu} other {Événements inconnus}} {typed} ; les événements sont {events} (ou {all}).',
  'errors-admin.no-subscription': 'Aucun abonnement webhook n° {id}.',
  'errors-admin.subscription-off': 'L’abonnement n° {id} est désactivé ; abonnez-vous de nouveau pour recevoir les événements.',
  'errors-admin.no-delivery': 'L’abonnement n° {id} n’a pas de livraison n° {delivery}.',
};
