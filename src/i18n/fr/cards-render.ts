import type { Translations } from '../catalog-types.js';
import type { cardsRender as en } from '../en/cards-render.js';

export const cardsRender: Translations<typeof en> = {
  'cards-render.image': 'image',
  'cards-render.image-saved': '[image : {alt}] enregistrée dans {path}',
  'cards-render.image-url': '[image : {alt}] {url}',
  'cards-render.image-alone': '[image : {alt}]',
  'cards-render.asks-for': ' (demande : {fields})',
  'cards-render.asks-reason': ' (demande un motif)',
  'cards-render.reason': 'Motif',
  'cards-render.more-parts': '{n, plural, one {# autre partie non affichée.} other {# autres parties non affichées.}}',
  'cards-render.see-everything': 'Tout voir',
  'cards-render.slack.attached': '{alt} (en pièce jointe)',
  'cards-render.slack.dropped': '{n, plural, one {# action n’a pas pu être affichée dans Slack.} other {# actions n’ont pas pu être affichées dans Slack.}}',
  'cards-render.slack.rest-did-not-fit': 'la suite ne tenait pas dans un seul message.',
  'cards-render.teams.hidden-rows': '{rows, plural, one {# autre ligne non affichée.} other {# autres lignes non affichées.}}',
  'cards-render.teams.hidden-columns': '{cols, plural, one {# autre colonne non affichée.} other {# autres colonnes non affichées.}}',
  'cards-render.teams.hidden-rows-columns': '{rows, plural, one {# ligne} other {# lignes}} et {cols, plural, one {# colonne} other {# colonnes}} de plus non affichées.',
  'cards-render.teams.hidden-fields': '{n, plural, one {# autre champ non affiché.} other {# autres champs non affichés.}}',
  'cards-render.teams.hidden-items': '{n} de plus',
  'cards-render.teams.image-not-shown': '{alt} (image non affichée dans Teams)',
  'cards-render.teams.cannot-be-empty': '{label} ne peut pas être vide.',
  'cards-render.teams.reason-needed': 'Un motif est nécessaire.',
  'cards-render.teams.pick-one': 'Choisissez-en un.',
  'cards-render.teams.more-actions': 'Autres actions',
  'cards-render.teams.refresh': 'Actualiser',
  'cards-render.teams.dropped': '{n, plural, one {# autre action n’est pas affichée dans Teams ; utilisez les commandes (tapez help).} other {# autres actions ne sont pas affichées dans Teams ; utilisez les commandes (tapez help).}}',
};
