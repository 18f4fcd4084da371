import type { Translations } from '../catalog-types.js';
import type { cardsReport as en } from '../en/cards-report.js';

export const cardsReport: Translations<typeof en> = {
  'cards-report.col.date': 'Date',
  'cards-report.col.what': 'Quoi',
  'cards-report.col.qty': 'Qté',
  'cards-report.col.amount': 'Montant',
  'cards-report.col.status': 'Statut',
  'cards-report.more-lines': '…et {n, plural, one {# ligne de plus} other {# lignes de plus}} dans le PDF.',
  'cards-report.nothing': 'Aucun temps ni pièce saisi sur cette intervention.',
  'cards-report.safety': ' (sécurité)',
  'cards-report.by': ' par {who}',
  'cards-report.checklist': 'Liste de contrôle',
  'cards-report.signatures': 'Signatures',
  'cards-report.title': 'Rapport de clôture {ref}',
  'cards-report.proof': 'Preuves : {photos, plural, one {{photos} image} other {{photos} images}}, {docs, plural, one {{docs} document} other {{docs} documents}} ; messages client : {messages}.',
  'cards-report.pdf-html': 'PDF et HTML : {url} (ou .html)',
  'cards-report.format': '{format, select, pdf {PDF} other {HTML}}',
};
