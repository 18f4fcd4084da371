import type { Translations } from '../catalog-types.js';
import type { alertActs as en } from '../en/alert-acts.js';

export const alertActs: Translations<typeof en> = {
  'alert-acts.reassign.button': 'Réaffecter',
  'alert-acts.reassign.done': 'Réaffecté',
  'alert-acts.reassign.saved': 'réaffecté',
  'alert-acts.escalate.button': 'Escalader au responsable',
  'alert-acts.escalate.done': 'Escaladé',
  'alert-acts.escalate.saved': 'escaladé',
  'alert-acts.notify-customer.button': 'Prévenir le client',
  'alert-acts.notify-customer.done': 'Avis au client rédigé',
  'alert-acts.notify-customer.saved': 'client prévenu',
  'alert-acts.subcontract.button': 'Appeler le sous-traitant',
  'alert-acts.subcontract.done': 'Sous-traitant appelé',
  'alert-acts.subcontract.saved': 'sous-traitant appelé',
  'alert-acts.acknowledge.button': 'Prendre en compte',
  'alert-acts.acknowledge.done': 'Pris en compte',
  'alert-acts.acknowledge.saved': 'pris en compte',
};
