import type { Translations } from '../catalog-types.js';
import type { billing as en } from '../en/billing.js';

export const billing: Translations<typeof en> = {
  'billing.invoice.issued-title': '{number} émise ({reference})',
  'billing.invoice.reference': 'Référence',
  'billing.invoice.corrects': 'Corrige',
  'billing.invoice.pdf': '{kind, select, credit_note {Avoir} other {Facture}} {number} (PDF Factur-X)',
  'billing.list.title': '{n, plural, =0 {Aucune facture émise} one {# document émis} other {# documents émis}}',
  'billing.list.number': 'Numéro',
  'billing.list.reference': 'Référence',
  'billing.list.kind': '{kind, select, credit_note {avoir} other {facture}}',
  'billing.list.document': 'Document',
  'billing.list.contract': 'Contrat',
  'billing.list.period': 'Période',
  'billing.list.total': 'Total HT',
  'billing.list.issued': 'Émis',
  'billing.list.links': 'Corrige / avoirs',
  'billing.list.context': 'Du plus récent au plus ancien, {limit} au plus. Ouvrir : {show} ; filtrer : {list}.',
  'billing.email.discarded': 'Cet e-mail {doc, select, credit {d’avoir} other {de facture}} a été abandonné{by, select, other { par {by}} none {}} ; {doc, select, credit {l’avoir reste émis} other {la facture reste émise}} et son PDF est dans /invoice show {number}.',
  'billing.email.drafted': 'E-mail à {to} préparé avec le PDF joint (message n° {id}) : envoyez-le depuis sa carte dans le canal de l’équipe, ou /message send {id}.',
  'billing.email.none': 'Aucun e-mail préparé : {reason}',
};
