/** `/tokens` cards (cards/build/tokens.ts). */
export const cardsTokens = {
  'cards-tokens.title': 'API tokens ({n})',
  'cards-tokens.col.name': 'Name',
  'cards-tokens.col.scopes': 'Scopes',
  'cards-tokens.col.created': 'Created',
  'cards-tokens.col.last-used': 'Last used',
  'cards-tokens.col.revoked': 'Revoked',
  'cards-tokens.never': 'never',
  'cards-tokens.none': 'No API tokens yet; create one with {cmd}.',
  'cards-tokens.note': 'Last use is recorded at most once a minute. Create one with {create}, revoke one with {revoke}.',
  'cards-tokens.revoked.title': 'Token revoked',
  'cards-tokens.revoked.text': 'Token #{id} ({name}, {scopes}) is revoked: requests with it now get 401.',
} as const;
