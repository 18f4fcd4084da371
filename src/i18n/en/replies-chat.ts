/** The Slack and Teams adapters' own words: toasts, modals, welcome and fallback replies. */
export const repliesChat = {
  'replies-chat.db-down': 'The database is not reachable right now; nothing was saved. Try again in a moment.',
  'replies-chat.stranger-title': 'I do not know you yet',
  'replies-chat.stranger': '{email, select, none {Ask an admin to add you to contract-ops; people are matched by their e-mail address. Nothing was done.} other {Ask an admin to add you to contract-ops with the e-mail {email}; people are matched by their e-mail address. Nothing was done.}}',
  'replies-chat.hello-title': 'Hello from contract-ops',
  'replies-chat.hello':
    'I turn your service contracts into live rules: jobs, SLA clocks, alerts and approvals. Type "help" to see what I can do{personal, select, yes {} other { (mention me first in a channel)}}.',
  'replies-chat.answered-privately': '{name, select, none {I answered you in our personal chat.} other {{name}, I answered you in our personal chat.}}',
  'replies-chat.not-mine': 'This card is not one of mine.',
  'replies-chat.card-gone': 'This card is no longer available.',
  'replies-chat.not-my-button': 'This button is not one of mine; nothing was done.',
  'replies-chat.click-unreadable': 'This click could not be read; nothing was done.',
  'replies-chat.done': 'Done.',
  'replies-chat.toast': '{title}: {text}',
  'replies-chat.form-late-title': 'The form did not open in time',
  'replies-chat.form-late':
    'Slack gives the bot 3 seconds to open a form after a click, and this one took longer (the bot was busy or the network slow). Nothing was changed: press the button again.',
  'replies-chat.give-reason': 'Please give a reason.',
  'replies-chat.send-command-title': 'Send me a command',
  'replies-chat.send-command':
    'Type a command here (for example "job list mine"), or send a file with the command as its message: "attach J-1001", "contract amend ACME-HVAC 2026-12-01 new rates". /help lists them all.',
  'replies-chat.submit': 'Submit',
  'replies-chat.save': 'Save',
  'replies-chat.cancel': 'Cancel',
  'replies-chat.close': 'Close',
  'replies-chat.loading': 'Loading…',
  'replies-chat.sorry': 'Sorry',
  'replies-chat.required': 'This cannot be empty.',
  'replies-chat.too-long-for-slack': '{label} is longer than the {max, number} characters a Slack field holds; edit it with a command (/message edit) instead.',
  'replies-chat.other-workspace': 'This app serves another Slack workspace; nothing was done.',
} as const;
