/** Words used across features: yes/no, generic refusals, units. */
export const common = {
  'common.unknown-command': 'Unknown command /{name}.{near, select, none {} other { Did you mean {near}?}} Type /help for the list.',
  'common.language.set': 'Language set to {lang, select, fr {French} other {English}}.',
} as const;
