/** The short title of each error code, shown before the message in chat (src/errors.ts errorTitle). */
export const errors = {
  'errors.title.not-found': 'Not found',
  'errors.title.forbidden': 'Not allowed',
  'errors.title.conflict': 'Already done',
  'errors.title.invalid': 'That did not work',
  'errors.title.limit-exceeded': 'Limit reached',
  'errors.title.too-large': 'Too large',
  'errors.title.precondition-failed': 'Not yet',
  'errors.title.unavailable': 'Try again',
} as const;
