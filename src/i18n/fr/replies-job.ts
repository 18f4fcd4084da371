import type { Translations } from '../catalog-types.js';
import type { repliesJob as en } from '../en/replies-job.js';

export const repliesJob: Translations<typeof en> = {
  'replies-job.created': 'Créée : {title}',
  'replies-job.list-title': '{more, select, yes {Interventions ({n}+)} other {Interventions ({n})}}',
  'replies-job.col.job': 'Intervention',
  'replies-job.col.contract': 'Contrat',
  'replies-job.col.site': 'Site',
  'replies-job.col.priority': 'P',
  'replies-job.col.status': 'Statut',
  'replies-job.col.restore-due': 'Rétablissement dû',
  'replies-job.col.summary': 'Résumé',
  'replies-job.breached': 'DÉPASSÉ',
  'replies-job.none': 'Aucune intervention ne correspond.',
  'replies-job.assigned-title': 'Attribuée',
  'replies-job.assigned': '{ref} est attribuée à {name}.',
};
