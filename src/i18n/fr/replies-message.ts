import type { Translations } from '../catalog-types.js';
import type { repliesMessage as en } from '../en/replies-message.js';

export const repliesMessage: Translations<typeof en> = {
  'replies-message.none-title': 'Aucun message client sur {job}',
  'replies-message.none': 'Rien n’a encore été rédigé ni envoyé pour cette intervention.',
  'replies-message.list-title': 'Messages client sur {about}',
  'replies-message.col.number': 'N°',
  'replies-message.col.kind': 'Type',
  'replies-message.col.status': 'Statut',
  'replies-message.col.to': 'À',
  'replies-message.col.sent': 'Envoyé',
  'replies-message.open-one': 'Ouvrez-en un avec /message <n>.',
  'replies-message.auto-title': 'Messages client',
  'replies-message.auto':
    '{on, select, yes {{team} envoie désormais les messages client dès qu’ils sont rédigés ; le canal voit toujours chacun d’eux.} other {{team} attend désormais qu’un répartiteur appuie sur Envoyer pour chaque message client.}}',
};
