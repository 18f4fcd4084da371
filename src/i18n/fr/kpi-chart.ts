import type { Translations } from '../catalog-types.js';
import type { kpiChart as en } from '../en/kpi-chart.js';

export const kpiChart: Translations<typeof en> = {
  'kpi-chart.digest-title': '{who} : 8 semaines jusqu’à {week}',
  'kpi-chart.all-teams': 'toutes les équipes',
  'kpi-chart.response-met': 'SLA d’intervention respecté',
  'kpi-chart.restore-met': 'SLA de rétablissement respecté',
  'kpi-chart.jobs-closed': 'Interventions closes',
  'kpi-chart.sla-met': 'SLA respectés',
  'kpi-chart.sla-met-month': 'SLA respectés (par mois)',
  'kpi-chart.response': 'Intervention',
  'kpi-chart.restore': 'Rétablissement',
  'kpi-chart.disputes-title': 'Taux de contestation (lignes de facture)',
  'kpi-chart.disputes': 'Taux de contestation',
  'kpi-chart.unbilled-title': 'Temps non facturé (du temps saisi)',
  'kpi-chart.unbilled': 'Temps non facturé',
  'kpi-chart.lead-title': 'Délai de facturation (médiane)',
  'kpi-chart.lead': 'Délai de facturation',
  'kpi-chart.renewals-title': 'Renouvellements prêts (fin ≤ 30 jours)',
  'kpi-chart.renewals': 'Renouvellements prêts',
};
