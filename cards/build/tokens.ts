/** `/tokens`: the API tokens, when each was last used, which are revoked. */
import type { TokenView } from '../../src/tokens/list-tokens.js';
import type { MintedToken } from '../../src/tokens/mint-token.js';
import { card, type Card, type Rich } from '../card.js';

const when = (d: Date | null, none: string): Rich => (d ? [{ time: d }] : none);

export function tokensCard(tokens: TokenView[], zone: string): Card {
  return card('info', `API tokens (${tokens.length})`, {
    zone,
    blocks: tokens.length
      ? [
          {
            type: 'table',
            columns: ['#', 'Name', 'Scopes', 'Created', 'Last used', 'Revoked'],
            rows: tokens.map((t) => [String(t.id), t.name, t.scopes.join(', '), when(t.createdAt, '-'), when(t.lastUsedAt, 'never'), when(t.revokedAt, '-')]),
          },
        ]
      : [{ type: 'text', text: 'No API tokens yet; create one with /tokens new <name> <scopes>.' }],
    context: ['Last use is recorded at most once a minute. Create one with /tokens new <name> <scopes>, revoke one with /tokens revoke <#>.'],
  });
}

export function tokenRevokedCard(t: TokenView): Card {
  return card('info', 'Token revoked', {
    tone: 'good',
    blocks: [{ type: 'text', text: `Token #${t.id} (${t.name}, ${t.scopes.join(', ')}) is revoked: requests with it now get 401.` }],
  });
}

/** The new token, for the admin who asked alone: it is shown this once and never stored. */
export function tokenCreatedCard(m: MintedToken): Card {
  const t = m.view;
  return card('info', 'Token created', {
    tone: 'good',
    blocks: [
      { type: 'text', text: `Token #${t.id} (${t.name}, ${t.scopes.join(', ')}), shown this once; the bot keeps only its hash:` },
      { type: 'text', text: [{ code: m.token }] },
      { type: 'text', text: 'Use it as "Authorization: Bearer <token>" (docs/api.md). Lost it? Revoke it and create another.' },
    ],
    context: [`/tokens revoke ${t.id} ends it.`],
    visibility: 'ephemeral',
  });
}
