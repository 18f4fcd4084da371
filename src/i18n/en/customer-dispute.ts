/** What a customer reads about their dispute of an invoice line, in the contract's language. */
export const customerDispute = {
  'customer-dispute.accepted': '{part, select, yes {dispute #{id} accepted in part} other {dispute #{id} accepted}}: {reason}',
  'customer-dispute.rejected.subject': '{invoice} line {line}: your dispute',
  'customer-dispute.rejected.body': 'About {invoice} line {line} ({description}, {amount}): you disputed it ("{reason}"). We have reviewed it and the line stands: {why}',
} as const;
