/** `/tokens` cards (cards/build/tokens.ts). */
export const cardsTokens = {
  'cards-tokens.title': 'API tokens ({n})',
  'cards-tokens.col.name': 'Name',
  'cards-tokens.col.scopes': 'Scopes',
  'cards-tokens.col.created': 'Created',
  'cards-tokens.col.last-used': 'Last used',
  'cards-tokens.col.revoked': 'Revoked',
  'cards-tokens.never': 'never',
  'cards-tokens.none': 'No API tokens yet; create one with /tokens new <name> <scopes>.',
  'cards-tokens.note': 'Last use is recorded at most once a minute. Create one with /tokens new <name> <scopes>, revoke one with /tokens revoke <#>.',
  'cards-tokens.revoked.title': 'Token revoked',
  'cards-tokens.revoked.text': 'Token #{id} ({name}, {scopes}) is revoked: requests with it now get 401.',
  'cards-tokens.created.title': 'Token created',
  'cards-tokens.created.text': 'Token #{id} ({name}, {scopes}), shown this once; the bot keeps only its hash:',
  'cards-tokens.created.use': 'Use it as "{header}" ({doc}). Lost it? Revoke it and create another.',
  'cards-tokens.created.revoke': '{cmd} ends it.',
} as const;
