/** Invoices: legal numbers, the list of issued documents, the PDF in chat and by e-mail. */
export const billing = {
  'billing.invoice.issued-title': 'Issued {number} ({reference})',
  'billing.invoice.reference': 'Reference',
  'billing.invoice.corrects': 'Corrects',
  'billing.list.title': '{n, plural, =0 {No issued invoices} one {# issued document} other {# issued documents}}',
  'billing.list.number': 'Number',
  'billing.list.reference': 'Reference',
  'billing.list.kind': '{kind, select, credit_note {credit note} other {invoice}}',
  'billing.list.document': 'Document',
  'billing.list.contract': 'Contract',
  'billing.list.period': 'Period',
  'billing.list.total': 'Total before tax',
  'billing.list.issued': 'Issued',
  'billing.list.links': 'Corrects / credit notes',
  'billing.list.context': 'Newest first, {limit} at most. Open one with {show}; narrow with {list}.',
} as const;
