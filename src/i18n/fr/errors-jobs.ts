import type { Translations } from '../catalog-types.js';
import type { errorsJobs as en } from '../en/errors-jobs.js';

export const errorsJobs: Translations<typeof en> = {
  'errors-jobs.status': '{status, select, open {ouverte} assigned {attribuée} en_route {en route} on_site {sur site} waiting_customer {en attente du client} waiting_parts {en attente de pièces} waiting_permit {en attente de permis} resolved {résolue} closed {clôturée} cancelled {annulée} reopened {rouverte} other {{status}}}',
  'errors-jobs.bad-time': 'Cette heure n’est pas une date et heure valide.',
};
