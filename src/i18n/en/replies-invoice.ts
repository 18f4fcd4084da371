/** /invoice: the document lines of issue and credit, the title of a shown credit note. */
export const repliesInvoice = {
  'replies-invoice.document':
    '{kind, select, credit_note {Credit note} other {Invoice}} {number}: {net} + tax {tax} = {gross}, due {due}.',
  'replies-invoice.pdf-saved': 'PDF (Factur-X) saved to {path}',
  'replies-invoice.pdf-saved-url': 'PDF (Factur-X) saved to {path}; download: {url}',
  'replies-invoice.no-pdf': 'No PDF yet: {reason}',
  'replies-invoice.credit-note-title': 'Credit note {number}',
} as const;
