import type { Translations } from '../catalog-types.js';
import type { kpiText as en } from '../en/kpi-text.js';

export const kpiText: Translations<typeof en> = {
  'kpi-text.empty':
    '{what, select, jobs {aucune intervention cette semaine} lines {aucune ligne de facture cette semaine} time {aucun temps saisi cette semaine} lead {aucune intervention facturée cette semaine} other {aucun contrat ne se termine dans les 30 prochains jours}}',
  'kpi-text.ratio': '{percent} ({n} sur {d})',
  'kpi-text.no-change': '= inchangé',
  'kpi-text.change': '{arrow} {num}{unit, select, pts { pts} h { h} jobs { interventions} other {}}',
  'kpi-text.days': '{n} jours',
  'kpi-text.none': 'aucun',
  'kpi-text.unbilled.unknown-contract': 'contrat inconnu',
  'kpi-text.unbilled.not-in-contract': '{task} ne figure pas au contrat et n’a pas de devis approuvé',
  'kpi-text.unbilled.out-of-scope': '{task} est hors périmètre et n’a pas été approuvé',
  'kpi-text.unbilled.per-km': '{task} est facturé au km, pas à l’heure',
};
