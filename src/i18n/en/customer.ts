/**
 * What the bot writes for a customer, in the contract's language: the default message templates
 * (their arguments are the placeholders with `_` for `.`: `{job_id}` is `{{job.id}}`), e-mail
 * subjects and the words a template's placeholders fall back to.
 */
export const customer = {
  'customer.template.confirmation': 'We received {job_id} for {site_name} ({job_priority}). Response by {job_responseDue}; restore by {job_restoreDue}.',
  'customer.template.departure': '{technician_name} is on the way to {site_name} for {job_id}. ETA {job_eta}.',
  'customer.template.closing': '{job_id} is closed. Covered: {report_covered}. Billable: {report_billable}.',
  'customer.template.delay': 'Hello {contact_name}, an update on {job_id} at {site_name}: we now expect to restore service by {job_eta}. We apologise for the delay.',
  'customer.template.subcontract':
    'Hello {subcontractor_name}, we need your help on {job_id} ({job_priority}) for {customer_name} at {site_name}, {site_address}: {job_summary}. Service must be restored by {job_restoreDue}. Please reply with when you can be on site.',
  'customer.template.invoice':
    'Hello {contact_name}, please find attached invoice {invoice_number} for {invoice_period}: {invoice_total} including tax, due {invoice_dueDate}. The PDF is a Factur-X e-invoice.',
  'customer.template.credit-note':
    'Hello {contact_name}, please find attached credit note {creditNote_number} correcting invoice {creditNote_corrects} of {creditNote_correctsDate}: {creditNote_total} including tax is credited to you ({creditNote_reason}). The PDF is a Factur-X e-invoice.',
  'customer.invoice.period': '{from} to {to}',
  'customer.subject':
    '{job}: {kind, select, confirmation {Service request received} departure {Technician on the way} closing {Service completed} delay {Update on your service request} subcontract {Request for help} invoice {Invoice} credit_note {Credit note} quote {Quote for additional work} other {Service update}} ({customer})',
  'customer.eta.to-be-confirmed': 'to be confirmed',
  'customer.permit.span': '#{id} {from} to {to}',
  'customer.permit.approved': 'approved (request #{id})',
  'customer.permit.none': 'none recorded',
  'customer.technician.default': 'our technician',
} as const;
