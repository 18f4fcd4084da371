import type { Translations } from '../catalog-types.js';
import type { customer as en } from '../en/customer.js';

export const customer: Translations<typeof en> = {
  'customer.template.confirmation': 'Nous avons bien reçu la demande {job_id} pour {site_name} ({job_priority}). Intervention au plus tard le {job_responseDue} ; rétablissement au plus tard le {job_restoreDue}.',
  'customer.template.departure': '{technician_name} est en route vers {site_name} pour la demande {job_id}. Arrivée estimée : {job_eta}.',
  'customer.template.closing': 'La demande {job_id} est clôturée. Couvert par le contrat : {report_covered}. Facturable : {report_billable}.',
  'customer.template.delay': 'Bonjour {contact_name}, des nouvelles de la demande {job_id} sur le site {site_name} : nous prévoyons désormais de rétablir le service le {job_eta}. Veuillez nous excuser pour ce retard.',
  'customer.template.subcontract':
    'Bonjour {subcontractor_name}, nous avons besoin de votre aide sur la demande {job_id} ({job_priority}) pour {customer_name} sur le site {site_name}, {site_address} : {job_summary}. Le service doit être rétabli au plus tard le {job_restoreDue}. Merci de nous indiquer quand vous pouvez être sur place.',
  'customer.template.invoice':
    'Bonjour {contact_name}, veuillez trouver ci-joint la facture {invoice_number} pour la période du {invoice_period} : {invoice_total} TTC, à régler au plus tard le {invoice_dueDate}. Le PDF est une facture électronique Factur-X.',
  'customer.template.credit-note':
    'Bonjour {contact_name}, veuillez trouver ci-joint l’avoir {creditNote_number} rectifiant la facture {creditNote_corrects} du {creditNote_correctsDate} : {creditNote_total} TTC vous sont crédités ({creditNote_reason}). Le PDF est une facture électronique Factur-X.',
  'customer.invoice.period': '{from} au {to}',
  'customer.subject':
    '{job} : {kind, select, confirmation {demande d’intervention reçue} departure {technicien en route} closing {intervention terminée} delay {des nouvelles de votre demande} subcontract {demande d’aide} invoice {facture} credit_note {avoir} quote {devis pour travaux supplémentaires} other {suivi de votre demande}} ({customer})',
  'customer.eta.to-be-confirmed': 'à confirmer',
  'customer.permit.span': 'nº {id} du {from} au {to}',
  'customer.permit.approved': 'approuvé (demande nº {id})',
  'customer.permit.none': 'aucun enregistré',
  'customer.technician.default': 'notre technicien',
};
