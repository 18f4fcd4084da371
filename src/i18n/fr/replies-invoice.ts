import type { Translations } from '../catalog-types.js';
import type { repliesInvoice as en } from '../en/replies-invoice.js';

export const repliesInvoice: Translations<typeof en> = {
  'replies-invoice.document':
    '{kind, select, credit_note {Avoir} other {Facture}} {number} : {net} + taxes {tax} = {gross}, échéance {due}.',
  'replies-invoice.pdf-saved': 'PDF (Factur-X) enregistré dans {path}',
  'replies-invoice.pdf-saved-url': 'PDF (Factur-X) enregistré dans {path} ; téléchargement : {url}',
  'replies-invoice.no-pdf': 'Pas encore de PDF : {reason}',
  'replies-invoice.credit-note-title': 'Avoir {number}',
};
