/** The closing report in chat (cards/build/report.ts). */
export const cardsReport = {
  'cards-report.col.date': 'Date',
  'cards-report.col.what': 'What',
  'cards-report.col.qty': 'Qty',
  'cards-report.col.amount': 'Amount',
  'cards-report.col.status': 'Status',
  'cards-report.more-lines': '…and {n, plural, one {# more line} other {# more lines}} in the PDF.',
  'cards-report.nothing': 'No time or parts recorded on this job.',
  'cards-report.safety': ' (safety)',
  'cards-report.by': ' by {who}',
  'cards-report.checklist': 'Checklist',
  'cards-report.signatures': 'Signatures',
  'cards-report.title': 'Closing report {ref}',
  'cards-report.proof': 'Proof: {photos, plural, one {{photos} picture} other {{photos} pictures}}, {docs, plural, one {{docs} document} other {{docs} documents}}; customer messages: {messages}.',
  'cards-report.pdf-html': 'PDF and HTML: {url} (or .html)',
  'cards-report.format': '{format, select, pdf {PDF} other {HTML}}',
} as const;
