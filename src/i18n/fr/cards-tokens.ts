import type { Translations } from '../catalog-types.js';
import type { cardsTokens as en } from '../en/cards-tokens.js';

export const cardsTokens: Translations<typeof en> = {
  'cards-tokens.title': 'Jetons d’API ({n})',
  'cards-tokens.col.name': 'Nom',
  'cards-tokens.col.scopes': 'Portées',
  'cards-tokens.col.created': 'Créé',
  'cards-tokens.col.last-used': 'Dernier usage',
  'cards-tokens.col.revoked': 'Révoqué',
  'cards-tokens.never': 'jamais',
  'cards-tokens.none': 'Aucun jeton d’API pour l’instant ; créez-en un avec /tokens new <nom> <portées>.',
  'cards-tokens.note': 'Le dernier usage est noté au plus une fois par minute. Créez un jeton avec /tokens new <nom> <portées>, révoquez-en un avec /tokens revoke <n°>.',
  'cards-tokens.revoked.title': 'Jeton révoqué',
  'cards-tokens.revoked.text': 'Le jeton n°{id} ({name}, {scopes}) est révoqué : les requêtes qui l’utilisent reçoivent désormais 401.',
  'cards-tokens.created.title': 'Jeton créé',
  'cards-tokens.created.text': 'Jeton n°{id} ({name}, {scopes}), affiché cette seule fois ; le bot n’en garde que l’empreinte :',
  'cards-tokens.created.use': 'Utilisez-le ainsi : « {header} » ({doc}). Perdu ? Révoquez-le et créez-en un autre.',
  'cards-tokens.created.revoke': '{cmd} y met fin.',
};
