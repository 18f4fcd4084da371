/** Words used across features: yes/no, generic refusals, units. */
export const common = {
  'common.detail': ': {text}',
  'common.unknown-command': 'Unknown command /{name}.{near, select, none {} other { Did you mean {near}?}} Type /help for the list.',
  'common.unstorable': 'The message contains characters that cannot be stored (a broken emoji half or a NUL); nothing was saved. Retype it and try again.',
  'common.type-a-command': 'Type a command, for example /help.',
  'common.db-unavailable': 'The database is not reachable right now; nothing was saved. Try again in a moment.',
  'common.button-unknown.title': 'Button not recognised',
  'common.button-unknown': 'This button is not valid (expired or altered). Nothing was changed.',
  'common.no-form.title': 'Nothing to fill in',
  'common.no-form': 'This button asks for nothing; press it again.',
  'common.unknown-sub': 'Unknown /{command} subcommand "{sub}".',
  'common.language.set': 'Language set to {lang, select, fr {French} other {English}}.',
  /** between the items of a list whose items hold commas: "a, b; c" */
  'common.list-sep': '; ',
  /** a name and what it names, a label and its choice: "PAR-HQ: Acme HQ" (cards and customer documents) */
  'common.pair': '{a}: {b}',
} as const;
