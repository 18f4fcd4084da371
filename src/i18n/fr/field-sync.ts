/** What the offline checklist's batch did with each item (src/proof/sync-field-batch.ts), for the technician's phone. */
import type { Translations } from '../catalog-types.js';
import type { fieldSync as English } from '../en/field-sync.js';

export const fieldSync: Translations<typeof English> = {
  'field-sync.arrived': 'arrivée sur site {at}',
  'field-sync.resolved': 'travaux terminés (résolu) {at}',
  'field-sync.tick': '{code} étape {step}{hasText, select, yes { ({text})} other {}}, faite {at}',
  'field-sync.time': 'temps de {start} à {end}{hasCode, select, yes { sur {code}} other {}}',
  'field-sync.result': '{what} : {text}',
  'field-sync.already': '{what} : déjà reçu',
  'field-sync.time-recorded': '{minutes, plural, one {# min sur {code} enregistrée} other {# min sur {code} enregistrées}}',
  'field-sync.status-now': '{ref} est {status, select, on_site {sur site} resolved {résolue} other {{status}}}',
  'field-sync.step-confirmed': '{code} étape {number} confirmée{hasReading, select, yes { : {value} {unit}} other {}}',
  'field-sync.item-tick': '{code} étape {step}',
  'field-sync.item-time': 'saisie de temps',
  'field-sync.item-status': 'changement de statut',
};
