/** The notices the bot posts or sends on its own, worded when delivered (src/notify/notice-card.ts). */
export const notices = {
  'notices.planned-unassigned.title': 'Planned visit with nobody to send: {ref}',
  'notices.planned-unassigned.text': '{summary} at {site}. Nobody qualified is on shift that day ({why}). Assign it from /queue.',
  'notices.planned-unassigned.offer': '{name}: {reason}',
  'notices.planned-unassigned.sep': '; ',
  'notices.planned-unassigned.no-technician': 'team {team} has no technician',
  'notices.planned-over-cap.title': 'Planned visit beyond the site cap: {ref}',
  'notices.planned-over-cap.text':
    '{name} at {site} on {date} ({contract}) is covered visit {n} of {visits} per {per} at {site}: beyond the cap. It bills at the overrun rate unless an out-of-scope request is approved; move or cancel it if the customer prefers.',
  'notices.approval-expired.title': 'Your request #{id} expired',
  'notices.approval-expired.text': 'Nobody decided your {kind} request #{id} within {after}. Ask again if it is still needed.',
  'notices.approval-decided.title': 'Your request #{id} was {status, select, approved {approved} other {rejected}}',
  'notices.approval-decided.text': '{by} {status, select, approved {approved} other {rejected}} your {kind}: {what}{reason}.{draft}',
  'notices.approval-decided.reason': ' ({reason})',
  'notices.approval-decided.quote-drafted': ' A quote for the customer is drafted (message #{id}).',
  'notices.prepaid-low.title': 'Prepaid hours at {threshold}% or less: {contract}',
  'notices.prepaid-low.text': '{contract}: prepaid bank {bank} ({hours} of {codes}, {from} to {until}) has {left} left ({share}%). Hours beyond the bank are billed at the normal rate.',
  // the kind as stored (`confirmation`, `credit_note`); a language may name each one
  'notices.mail.what': 'The {kind, select, other {{kind}}} e-mail for {about}',
  'notices.mail.what-to': 'The {kind, select, other {{kind}}} e-mail for {about} to {to}',
  'notices.mail.failure':
    '{reason, select, refused {the mail server refused it ({detail})} settings {the mail server settings are wrong ({detail})} pdf {the invoice PDF cannot be made: {detail}} other {{detail}}}',
  'notices.mail-failed.not-delivered.title': 'E-mail not delivered: {about}',
  'notices.mail-failed.not-delivered.text':
    '{what} was not delivered{attempts, plural, =0 {} other { after # attempts}}: {error}. The message is kept: send it again from its card or with /message send {id}.',
  'notices.mail-failed.delayed.title': 'E-mail delayed: {about}',
  'notices.mail-failed.delayed.text': '{what} failed: {error}. It will be tried again at {time} UTC (up to {max} attempts).',
  'notices.mail-refused.title': 'E-mail partly delivered: {about}',
  'notices.mail-refused.text': "{what} reached {reached}; the mail server refused {refused}. Check {contract}'s contacts (a contract amendment fixes an address).",
} as const;
