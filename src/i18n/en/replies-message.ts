/** /message: the replies of list and auto. */
export const repliesMessage = {
  'replies-message.none-title': 'No customer messages on {job}',
  'replies-message.none': 'Nothing was drafted or sent for this job yet.',
  'replies-message.list-title': 'Customer messages on {about}',
  'replies-message.col.number': '#',
  'replies-message.col.kind': 'Kind',
  'replies-message.col.status': 'Status',
  'replies-message.col.to': 'To',
  'replies-message.col.sent': 'Sent',
  'replies-message.open-one': 'Open one with /message <n>.',
  'replies-message.auto-title': 'Customer messages',
  'replies-message.auto':
    '{on, select, yes {{team} now sends customer messages as soon as they are drafted; the channel still sees each one.} other {{team} now waits for a dispatcher to press Send on each customer message.}}',
} as const;
