import { tokenCreatedCard, tokenRevokedCard, tokensCard } from '../cards/build/tokens.js';
import { mintToken } from '../src/tokens/mint-token.js';
import { listTokens } from '../src/tokens/list-tokens.js';
import { revokeToken } from '../src/tokens/revoke-token.js';
import type { Command } from './command.js';
import { UsageError, usageLines } from './command.js';
import { t } from '../src/i18n/index.js';

export const tokensCommand: Command = {
  name: 'tokens',
  get summary() {
    return t('commands.tokens.summary');
  },
  get usage() {
    return usageLines('commands.tokens.usage');
  },
  get example() {
    return t('commands.tokens.example');
  },
  async run(ctx, args) {
    const [verb, id, ...rest] = args.words;
    if (!verb) return tokensCard(await listTokens(ctx), ctx.actor.person?.zone ?? ctx.services.defaultZone);
    if (verb.toLowerCase() === 'new') {
      if (!id) throw new UsageError(t('errors-commands.tokens-name'));
      return tokenCreatedCard(await mintToken(ctx, { name: id, scopes: rest }));
    }
    if (verb.toLowerCase() !== 'revoke') throw new UsageError(t('errors-commands.tokens-action', { typed: verb }));
    const n = /^#?(\d{1,9})$/.exec(id ?? '')?.[1];
    if (!n || rest.length) throw new UsageError(id ? t('replies-tokens.not-a-number', { typed: [id, ...rest].join(' ') }) : t('replies-tokens.which'));
    return tokenRevokedCard(await revokeToken(ctx, { id: Number(n) }));
  },
};
