/** Error, usage and notice cards (cards/build/error.ts). */
export const cardsError = {
  'cards-error.usage': 'Usage',
  'cards-error.unexpected.title': 'Something went wrong',
  'cards-error.unexpected.text': 'The bot hit an unexpected error and saved nothing. Reference: {ref} (give it to your admin).',
} as const;
