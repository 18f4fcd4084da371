/** `/tokens`: the API tokens, when each was last used, which are revoked. */
import type { TokenView } from '../../src/tokens/list-tokens.js';
import type { MintedToken } from '../../src/tokens/mint-token.js';
import { t } from '../../src/i18n/t.js';
import { card, type Card, type Rich } from '../card.js';

const when = (d: Date | null, none: string): Rich => (d ? [{ time: d }] : none);

export function tokensCard(tokens: TokenView[], zone: string): Card {
  return card('info', t('cards-tokens.title', { n: tokens.length }), {
    zone,
    blocks: tokens.length
      ? [
          {
            type: 'table',
            columns: ['#', t('cards-tokens.col.name'), t('cards-tokens.col.scopes'), t('cards-tokens.col.created'), t('cards-tokens.col.last-used'), t('cards-tokens.col.revoked')],
            rows: tokens.map((k) => [String(k.id), k.name, k.scopes.join(', '), when(k.createdAt, '-'), when(k.lastUsedAt, t('cards-tokens.never')), when(k.revokedAt, '-')]),
          },
        ]
      : [{ type: 'text', text: t('cards-tokens.none') }],
    context: [t('cards-tokens.note')],
  });
}

export function tokenRevokedCard(k: TokenView): Card {
  return card('info', t('cards-tokens.revoked.title'), {
    tone: 'good',
    blocks: [{ type: 'text', text: t('cards-tokens.revoked.text', { id: k.id, name: k.name, scopes: k.scopes.join(', ') }) }],
  });
}

/** The new token, for the admin who asked alone: it is shown this once and never stored. */
export function tokenCreatedCard(m: MintedToken): Card {
  const k = m.view;
  return card('info', t('cards-tokens.created.title'), {
    tone: 'good',
    blocks: [
      { type: 'text', text: t('cards-tokens.created.text', { id: k.id, name: k.name, scopes: k.scopes.join(', ') }) },
      { type: 'text', text: [{ code: m.token }] },
      { type: 'text', text: t('cards-tokens.created.use', { header: 'Authorization: Bearer <token>', doc: 'docs/api.md' }) },
    ],
    context: [t('cards-tokens.created.revoke', { cmd: `/tokens revoke ${k.id}` })],
    visibility: 'ephemeral',
  });
}
