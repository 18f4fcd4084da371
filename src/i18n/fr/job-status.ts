import type { Translations } from '../catalog-types.js';
import type { jobStatus as en } from '../en/job-status.js';

/** Le statut d’une intervention et le nom d’une fenêtre SLA sur les cartes, les réponses et le rapport de clôture. */
export const jobStatus: Translations<typeof en> = {
  'job-status.word':
    '{status, select, open {ouverte} assigned {assignée} en_route {en route} on_site {sur site} waiting_customer {en attente du client} waiting_parts {en attente de pièces} waiting_permit {en attente d’autorisation} resolved {résolue} closed {clôturée} cancelled {annulée} reopened {rouverte} other {{status}}}',
  'job-status.window': '{window, select, response {intervention} other {rétablissement}}',
};
