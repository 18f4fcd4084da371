/** Files the bot sends to a person's direct messages, and what it says when one cannot be attached. */
export const files = {
  'files.not-attached':
    'I could not attach {name} here (Slack answered: {error}). {elsewhere, select, none {Ask again with the same command in a while.} other {Get the same content from {elsewhere}.}}',
} as const;
